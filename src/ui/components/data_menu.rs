//! Undo / Redo, and the account's backup: "Export data" downloads it, "Import data" checks a file, shows
//! what it holds and replaces the account only when the admin confirms (issue 6).

use crate::domain::account_actions::AccountAction;
use crate::storage::{read_import, Envelope, ImportSummary, MAX_IMPORT_BYTES};
use crate::ui::components::dialog::{ConfirmButtons, Dialog};
use crate::ui::console::Flash;
use crate::ui::Console;
use leptos::prelude::*;

#[component]
pub fn DataMenu() -> impl IntoView {
    let console = expect_context::<Console>();
    let pending = RwSignal::new(None::<(Envelope, ImportSummary)>);
    // "Load sample account" asks first, like Import (issue 13).
    let sample = RwSignal::new(false);
    let can_undo = move || console.steps.with(|s| s.0);
    let can_redo = move || console.steps.with(|s| s.1);
    let chosen = move |ev: leptos::ev::Event| {
        crate::ui::upload::read_chosen(&ev, MAX_IMPORT_BYTES, move |read| {
            match read.and_then(|(_, text)| read_import(&text)) {
                Ok(checked) => {
                    // A refusal of the file chosen before is no longer about this one.
                    console.flash.set(None);
                    pending.set(Some(checked));
                }
                Err(why) => console.flash.set(Some(Flash::Refused(why))),
            }
        });
    };
    // Undo that takes back the last step it has is disabled under the admin's focus, which would fall to the
    // page's start: it moves to Redo (and the other way round) once the buttons are drawn again.
    let step = move |back: bool| {
        if back {
            console.undo()
        } else {
            console.redo()
        }
        let (left, other) = console.steps.get_untracked();
        match back {
            true if !left && other => crate::ui::components::focus_later("redo"),
            false if !other && left => crate::ui::components::focus_later("undo"),
            _ => {}
        }
    };
    let confirm = move || {
        if let Some((env, _)) = pending.get_untracked() {
            console.import(env);
        }
        pending.set(None);
    };
    view! {
        <div class="data-menu">
            <button type="button" id="undo" class="link" disabled=move || !can_undo() on:click=move |_| step(true)
                aria-keyshortcuts="Control+Z">"Undo"</button>
            <button type="button" id="redo" class="link" disabled=move || !can_redo() on:click=move |_| step(false)
                aria-keyshortcuts="Control+Shift+Z">"Redo"</button>
            <a class="link" href="/share">"Share"</a>
            // Only those who may see and replace the whole account are offered it (issue 16.4).
            <Show when=move || console.may(AccountAction::ExportData)>
                <button type="button" class="link" on:click=move |_| console.export_data()>"Export data"</button>
            </Show>
            <Show when=move || console.may(AccountAction::ImportData)>
                <label class="link file">"Import data"
                    <input type="file" accept=".json,application/json" on:change=chosen/>
                </label>
                <button type="button" class="link" on:click=move |_| sample.set(true)>"Load sample account"</button>
                <a class="link" href="/start">"Start from Autodesk exports"</a>
            </Show>
        </div>
        <Show when=move || sample.get()>
            <Dialog title="Load sample account".to_string() on_close=move || sample.set(false)>
                <p>"Replace everything in this account with a generated account of 10,000 users, 200 contracts and 2,000 serial numbers? You can undo this afterwards."</p>
                <ConfirmButtons label="Load sample account" on_cancel=move || sample.set(false)
                    on_confirm=move || { sample.set(false); console.load_sample(); }/>
            </Dialog>
        </Show>
        {move || pending.with(|p| p.as_ref().map(|(_, s)| (s.contracts, s.users, s.assignments))).map(|(contracts, users, assignments)| view! {
            <Dialog title="Import data".to_string() on_close=move || pending.set(None)>
                <p>{format!("This file holds {contracts} contracts, {users} named users and {assignments} assignments.")}</p>
                <p>"It replaces everything in this account. You can undo this afterwards."</p>
                <ConfirmButtons label="Replace account" on_confirm=confirm on_cancel=move || pending.set(None)/>
            </Dialog>
        })}
    }
}
