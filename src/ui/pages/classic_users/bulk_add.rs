//! W2: Bulk Add — up to 50 entries separated by `;`, `,` or new lines, with a result per entry (rule 21). The
//! hint names exactly the forms the parser reads (issue 16.9).

use super::Open;
use crate::domain::{Command, Event};
use crate::ui::components::dialog::{Dialog, FormButtons, ResultList};
use crate::ui::components::fields::TextAreaField;
use crate::ui::components::preview::SavePreview;
use crate::ui::console::Flash;
use crate::ui::Console;
use leptos::prelude::*;

#[component]
pub fn BulkAdd(open: RwSignal<Open>) -> impl IntoView {
    let console = expect_context::<Console>();
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let results = RwSignal::new(None::<Vec<(bool, String)>>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match console.dispatch(Command::BulkAdd { text: text.get_untracked() }) {
            Ok(events) => {
                let names = console.env.with_untracked(|e| {
                    events
                        .iter()
                        .filter_map(|ev| match ev {
                            Event::UserAdded { user } => {
                                let u = &e.account.users[user];
                                Some((true, format!("Added {} <{}>", u.full_name(), u.email)))
                            }
                            Event::EntrySkipped { entry, reason } => {
                                Some((false, format!("Skipped \"{entry}\": {reason}")))
                            }
                            Event::RuleRefused { what, .. } => Some((false, format!("Added without it: {what}"))),
                            _ => None,
                        })
                        .collect::<Vec<_>>()
                });
                let added = names.iter().filter(|(ok, _)| *ok).count();
                let entries =
                    events.iter().filter(|e| matches!(e, Event::UserAdded { .. } | Event::EntrySkipped { .. })).count();
                console.flash.set(Some(Flash::Done(format!("{added} of {entries} users added."))));
                error.set(None);
                results.set(Some(names));
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <Dialog title="Bulk Add".to_string() on_close=move || open.set(Open::Nothing)>
            {move || match results.get() {
                None => view! {
                    <form on:submit=add>
                        <TextAreaField id="bulk-users" label="Users" value=text error
                            hint="Up to 50, separated by semicolons, commas or new lines: Jane Doe <jane@company.com>, \"Doe, Jane\" <jane@company.com>, or jane.doe@company.com (the name is read from first.last)"/>
                        <SavePreview command=Signal::derive(move || text.with(|t| (!t.trim().is_empty()).then(|| Command::BulkAdd { text: t.clone() })))/>
                        <FormButtons label="Save & Continue" on_cancel=move || open.set(Open::Nothing)/>
                    </form>
                }.into_any(),
                Some(lines) => view! {
                    <ResultList label="Bulk add results" lines on_done=move || open.set(Open::Nothing)/>
                }.into_any(),
            }}
        </Dialog>
    }
}
