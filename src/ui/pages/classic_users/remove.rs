//! W4: Remove — a confirmation listing exactly what each user loses (rule 7); the CM and coordinators are
//! refused with the role to reassign first (rule 6).

use super::Open;
use crate::domain::classic::removal_blocker;
use crate::domain::read::access::{access_of, team_seats_kept};
use crate::domain::{Command, UserId};
use crate::ui::components::dialog::Dialog;
use crate::ui::components::preview::SavePreview;
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
    // Classic and new views keep separate user lists (rule 63): say what stays (issue 26).
    let kept_seats: Vec<(String, Vec<String>)> = console.env.with_untracked(|e| {
        people
            .iter()
            .map(|(u, name, ..)| (name.clone(), team_seats_kept(&e.account, *u)))
            .filter(|(_, k)| !k.is_empty())
            .collect()
    });
    let removable: Vec<UserId> = people.iter().filter(|(_, _, b, _)| b.is_none()).map(|(id, ..)| *id).collect();
    let kept: Vec<String> = people.iter().filter(|(_, _, b, _)| b.is_some()).map(|(_, n, ..)| n.clone()).collect();
    // Say exactly what will happen (issue 16.12): who is removed, and that the others stay.
    let removed_names: Vec<String> =
        people.iter().filter(|(_, _, b, _)| b.is_none()).map(|(_, n, ..)| n.clone()).collect();
    let what = match removed_names.as_slice() {
        [one] => one.clone(),
        many => format!("{} users", many.len()),
    };
    let title = match (people.len(), removed_names.len()) {
        (1, _) => format!("Remove {}", people[0].1),
        (all, n) if n == all => format!("Remove {all} users"),
        (all, n) => format!("Remove {n} of {all} users"),
    };
    let button = format!("Remove {what}");
    let any = !removable.is_empty();
    let command = Signal::stored(any.then(|| Command::RemoveUsers { users: removable.clone() }));
    let confirm = move |_| {
        let flash = match console.dispatch(Command::RemoveUsers { users: removable.clone() }) {
            Ok(_) => {
                let verb = if removed_names.len() == 1 { "was" } else { "were" };
                let mut done = format!("{} {verb} removed.", list(&removed_names));
                if !kept.is_empty() {
                    let verb = if kept.len() == 1 { "was" } else { "were" };
                    done.push_str(&format!(" {} {verb} not: they hold a role.", list(&kept)));
                }
                Flash::Done(done)
            }
            Err(e) => Flash::Refused(e.to_string()),
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
            {kept_seats.into_iter().map(|(name, kept)| view! {
                <p class="hint">{format!("{name}'s seats in the new view stay, since classic and new views keep separate user lists (remove them in By User): {}.", kept.join("; "))}</p>
            }).collect_view()}
            {any.then(|| view! { <SavePreview command/> })}
            <div class="buttons">
                {any.then(|| view! { <button type="button" class="primary danger" on:click=confirm.clone()>{button.clone()}</button> })}
                // Focus starts on Cancel, never on the destructive button (Enter, Enter must not remove anyone).
                <button type="button" autofocus on:click=move |_| open.set(Open::Nothing)>{if any { "Cancel" } else { "Close" }}</button>
            </div>
        </Dialog>
    }
}

/// "Ana Lee", "Ana Lee and Bo Wu", "Ana Lee, Bo Wu and Cy Oz".
fn list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
