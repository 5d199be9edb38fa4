//! W1: Add one user — email, first and last name, each checked where it is typed (rule 16).

use super::Open;
use crate::domain::input::{check_name, normalise_email};
use crate::domain::{Command, DomainError, Event};
use crate::ui::components::dialog::{Dialog, FormButtons};
use crate::ui::console::Flash;
use crate::ui::Console;
use leptos::prelude::*;

#[component]
fn Field(
    id: &'static str,
    label: &'static str,
    kind: &'static str,
    value: RwSignal<String>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input id=id type=kind prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))
                aria-invalid=move || error.with(Option::is_some).to_string() aria-describedby=error_id.clone()/>
            <p class="field-error" id=error_id>{move || error.get()}</p>
        </div>
    }
}

#[component]
pub fn AddUser(open: RwSignal<Open>) -> impl IntoView {
    let console = expect_context::<Console>();
    let (email, first, last) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let (email_err, first_err, last_err) = (RwSignal::new(None), RwSignal::new(None), RwSignal::new(None));
    let add_access = RwSignal::new(false);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let show =
            |sig: RwSignal<Option<String>>, r: Result<String, DomainError>| sig.set(r.err().map(|e| e.to_string()));
        show(email_err, normalise_email(&email.get_untracked()));
        show(first_err, check_name("first name", &first.get_untracked()));
        show(last_err, check_name("last name", &last.get_untracked()));
        if email_err.with_untracked(Option::is_some)
            || first_err.with_untracked(Option::is_some)
            || last_err.with_untracked(Option::is_some)
        {
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
                    "{name} was added and invited; they show as Pending until they accept."
                ))));
                open.set(match (add_access.get_untracked(), id) {
                    (true, Some(id)) => Open::EditAccess(vec![id]),
                    _ => Open::Nothing,
                });
            }
            Err(e) => email_err.set(Some(e.to_string())),
        }
    };
    view! {
        <Dialog title="Add user".to_string() on_close=move || open.set(Open::Nothing)>
            <form on:submit=save novalidate>
                <Field id="add-email" label="Email" kind="email" value=email error=email_err/>
                <Field id="add-first" label="First name" kind="text" value=first error=first_err/>
                <Field id="add-last" label="Last name" kind="text" value=last error=last_err/>
                <label class="check">
                    <input type="checkbox" prop:checked=move || add_access.get() on:change=move |_| add_access.update(|a| *a = !*a)/>
                    "I'd like to add access to the user(s) now"
                </label>
                <FormButtons label="Save & Continue" on_cancel=move || open.set(Open::Nothing)/>
            </form>
        </Dialog>
    }
}
