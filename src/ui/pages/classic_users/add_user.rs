//! W1: Add one user — email, first and last name, each checked where it is typed (rule 16).

use super::Open;
use crate::domain::{Command, Event};
use crate::ui::components::dialog::{Dialog, FormButtons};
use crate::ui::components::fields::{PersonFields, PersonInputs};
use crate::ui::console::Flash;
use crate::ui::Console;
use leptos::prelude::*;

#[component]
pub fn AddUser(open: RwSignal<Open>) -> impl IntoView {
    let console = expect_context::<Console>();
    let person = PersonFields::new();
    let PersonFields { email, first, last, .. } = person;
    let add_access = RwSignal::new(false);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !person.check() {
            return;
        }
        let command = Command::AddUser {
            email: email.get_untracked(),
            first_name: first.get_untracked(),
            last_name: last.get_untracked(),
        };
        match console.dispatch(command) {
            Ok(events) => {
                let id = events.iter().find_map(|e| match e {
                    Event::UserAdded { user } => Some(*user),
                    _ => None,
                });
                let name = format!("{} {}", first.get_untracked().trim(), last.get_untracked().trim());
                console.flash.set(Some(Flash::Done(format!(
                    "{name} was added and invited; they show as Pending until they accept.{}",
                    crate::domain::auto_assign::refusals_note(&events)
                ))));
                open.set(match (add_access.get_untracked(), id) {
                    (true, Some(id)) => Open::EditAccess(vec![id]),
                    _ => Open::Nothing,
                });
            }
            Err(e) => person.email_error.set(Some(e.to_string())),
        }
    };
    view! {
        <Dialog title="Add user".to_string() on_close=move || open.set(Open::Nothing)>
            <form on:submit=save novalidate>
                <PersonInputs fields=person ids=["add-email", "add-first", "add-last"]/>
                <label class="check">
                    <input type="checkbox" prop:checked=move || add_access.get() on:change=move |_| add_access.update(|a| *a = !*a)/>
                    "I'd like to add access to the user(s) now"
                </label>
                <FormButtons label="Save & Continue" on_cancel=move || open.set(Open::Nothing)/>
            </form>
        </Dialog>
    }
}
