//! W4: Remove — a confirmation listing exactly what each user loses (rule 7); the CM and coordinators are
//! refused with the role to reassign first (rule 6). A selection of thousands is summarised: how many go, how
//! many stay and why, the first names, and the rest on request (issue 32.3).

use super::Open;
use crate::domain::read::access::{access_of_each, removal, team_seats_kept};
use crate::domain::read::user_list::UserFilter;
use crate::domain::{Command, UserId};
use crate::ui::components::dialog::Dialog;
use crate::ui::components::list::{names as list_of, selected_from, thousands};
use crate::ui::components::preview::SavePreview;
use crate::ui::console::Flash;
use crate::ui::query::use_url_query;
use crate::ui::Console;
use leptos::prelude::*;

/// "Ana Lee, Bo Wu and Cy Oz", or the first five and how many more.
fn list(all: &[String]) -> String {
    list_of(all, all.len())
}

/// Up to this many people, each is listed with what they lose; more are counted.
const LISTED: usize = 10;

#[component]
pub fn Remove(users: Vec<UserId>, open: RwSignal<Open>) -> impl IntoView {
    let console = expect_context::<Console>();
    let (plan, names, lost, kept_seats) = console.env.with_untracked(|e| {
        let acc = &e.account;
        let plan = removal(acc, &users);
        let few = users.len() <= LISTED;
        let lost = if few { access_of_each(acc, &plan.removable) } else { Default::default() };
        // Classic and new views keep separate user lists (rule 63): say what stays (issue 26).
        let kept_seats: Vec<(String, Vec<String>)> = if few {
            plan.removable
                .iter()
                .map(|u| (acc.name_of(*u), team_seats_kept(acc, *u)))
                .filter(|(_, k)| !k.is_empty())
                .collect()
        } else {
            Vec::new()
        };
        let names = |ids: &mut dyn Iterator<Item = UserId>| ids.map(|u| acc.name_of(u)).collect::<Vec<_>>();
        let names = (names(&mut plan.removable.iter().copied()), names(&mut plan.kept.iter().map(|(u, _)| *u)));
        (plan, names, lost, kept_seats)
    });
    let (removed_names, kept) = names;
    let total = plan.removable.len() + plan.kept.len();
    let what = match removed_names.as_slice() {
        [one] => one.clone(),
        many => format!("{} users", thousands(many.len())),
    };
    let title = match (total, removed_names.len()) {
        (1, _) => format!("Remove {}", removed_names.first().or(kept.first()).cloned().unwrap_or_default()),
        (all, n) if n == all => format!("Remove {} users", thousands(all)),
        (all, n) => format!("Remove {} of {} users", thousands(n), thousands(all)),
    };
    let button = format!("Remove {what}");
    let removable = plan.removable.clone();
    let any = !removable.is_empty();
    let command = Signal::stored(any.then(|| Command::RemoveUsers { users: removable.clone() }));
    let confirm = {
        let (removed_names, kept) = (removed_names.clone(), kept.clone());
        move |_| {
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
        }
    };
    let summary = (total > LISTED).then(|| {
        let all_kept = RwSignal::new(false);
        let reasons = plan.kept.iter().map(|(_, why)| why.clone()).collect::<Vec<_>>();
        let n_kept = reasons.len();
        view! {
            <p>{format!("{} users will be removed with all their classic access (their Autodesk accounts and new-view seats stay): {}.", thousands(removed_names.len()), list(&removed_names))}</p>
            {(n_kept > 0).then(|| view! {
                <p class="refused" role="alert">{format!("{} can't be removed: they are a contract manager or software coordinator; reassign the role first: {}.", thousands(n_kept), list(&kept))}</p>
                <Show when=move || !all_kept.get() fallback={
                    let reasons = reasons.clone();
                    move || view! { <ul class="lost">{reasons.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}</ul> }
                }>
                    <button type="button" class="link" on:click=move |_| all_kept.set(true)>{format!("Show why for all {}", thousands(n_kept))}</button>
                </Show>
            })}
        }
    });
    let each = (total <= LISTED).then(|| {
        let blocked = plan.kept.iter().map(|(_, why)| view! { <p class="refused" role="alert">{why.clone()}</p> }).collect_view();
        let losing = plan
            .removable
            .iter()
            .zip(&removed_names)
            .map(|(u, name)| {
                let lost = lost.get(u).cloned().unwrap_or_default();
                match lost.is_empty() {
                    true => view! { <p>{format!("{name} has no products, services or benefits. Their Autodesk account stays.")}</p> }.into_any(),
                    false => view! {
                        <p>{format!("{name} will lose this access (their Autodesk account stays):")}</p>
                        <ul class="lost">{lost.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                    }.into_any(),
                }
            })
            .collect_view();
        (blocked, losing)
    });
    // A bulk removal names the list it was chosen from (issue 32.2).
    let from = (total > 1).then(|| selected_from(use_url_query().filter::<UserFilter>().get_untracked().describe()));
    view! {
        <Dialog title on_close=move || open.set(Open::Nothing)>
            {from.map(|f| view! { <p class="hint">{f}</p> })}
            {each}
            {summary}
            {kept_seats.into_iter().map(|(name, kept)| view! {
                <p class="hint">{format!("{name}'s seats in the new view stay, since classic and new views keep separate user lists (remove them in By User): {}.", kept.join("; "))}</p>
            }).collect_view()}
            // Past a page of people the summary says what Save does; the preview would apply the removal of
            // thousands to a copy of the account first (1.5 s at 10,000: issue 32.3).
            {(any && total <= LISTED).then(|| view! { <SavePreview command/> })}
            <div class="buttons">
                {any.then(|| view! { <button type="button" class="primary danger" on:click=confirm.clone()>{button.clone()}</button> })}
                // Focus starts on Cancel, never on the destructive button (Enter, Enter must not remove anyone).
                <button type="button" autofocus on:click=move |_| open.set(Open::Nothing)>{if any { "Cancel" } else { "Close" }}</button>
            </div>
        </Dialog>
    }
}
