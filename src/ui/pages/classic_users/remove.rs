//! W4: Remove — a confirmation listing exactly what each user loses (rule 7); the CM and coordinators are
//! refused with the role to reassign first (rule 6).

use super::Open;
use crate::domain::access::access_of;
use crate::domain::classic::removal_blocker;
use crate::domain::{Command, UserId};
use crate::ui::components::dialog::Dialog;
use crate::ui::console::Flash;
use crate::ui::Console;
use leptos::prelude::*;

#[component]
pub fn Remove(users: Vec<UserId>, open: RwSignal<Open>) -> impl IntoView {
    let console = expect_context::<Console>();
    let people: Vec<(UserId, String, Option<String>, Vec<String>)> = console.env.with_untracked(|e| {
        users
            .iter()
            .filter(|u| e.account.users.contains_key(u))
            .map(|u| {
                (
                    *u,
                    e.account.name_of(*u),
                    removal_blocker(&e.account, *u).map(|b| b.to_string()),
                    access_of(&e.account, *u),
                )
            })
            .collect()
    });
    let removable: Vec<(UserId, String)> =
        people.iter().filter(|(_, _, blocked, _)| blocked.is_none()).map(|(id, n, _, _)| (*id, n.clone())).collect();
    let title =
        if people.len() == 1 { format!("Remove {}", people[0].1) } else { format!("Remove {} users", people.len()) };
    let any = !removable.is_empty();
    let confirm = move |_| {
        let mut done = Vec::new();
        let mut refused = Vec::new();
        for (id, name) in &removable {
            match console.dispatch(Command::RemoveUser { user: *id }) {
                Ok(_) => done.push(name.clone()),
                Err(e) => refused.push(e.to_string()),
            }
        }
        let flash = match (done.len(), refused.is_empty()) {
            (_, false) => Flash::Refused(refused.join(" ")),
            (1, true) => Flash::Done(format!("{} was removed.", done[0])),
            (n, true) => Flash::Done(format!("{n} users were removed.")),
        };
        console.flash.set(Some(flash));
        open.set(Open::Nothing);
    };
    view! {
        <Dialog title on_close=move || open.set(Open::Nothing)>
            {people.into_iter().map(|(_, name, blocked, lost)| match blocked {
                Some(reason) => view! { <p class="refused" role="alert">{reason}</p> }.into_any(),
                None if lost.is_empty() => view! { <p>{format!("{name} has no products, services or benefits. Their Autodesk account stays.")}</p> }.into_any(),
                None => view! {
                    <p>{format!("{name} will lose this access (their Autodesk account stays):")}</p>
                    <ul class="lost">{lost.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                }.into_any(),
            }).collect_view()}
            <div class="buttons">
                {any.then(|| view! { <button type="button" class="primary danger" on:click=confirm.clone()>"Remove"</button> })}
                <button type="button" on:click=move |_| open.set(Open::Nothing)>{if any { "Cancel" } else { "Close" }}</button>
            </div>
        </Dialog>
    }
}
