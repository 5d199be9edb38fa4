//! Change role (W6, §4b.6): "Option 1: Multi-select" on the selected users, "Option 2: CSV upload" (Email,
//! Role). Only the roles the person may give are offered (rules 28, 30). Making a secondary admin the primary
//! admin is checked, then confirmed with "Reassign primary admin"; the old primary admin becomes a secondary
//! admin (rule 28). Taking away one's own admin role is confirmed too. A roles CSV is previewed first (the
//! command applied to a copy) and never changes the primary admin (rule 31).

use super::{skipped, team_name, CurrentTeam};
use crate::domain::read::preview;
use crate::domain::read::team::TeamUserFilter;
use crate::domain::team::{check_make_primary_admin, roles_to_give};
use crate::domain::{Command, Event, TeamRole, UserId};
use crate::ui::components::dialog::{ConfirmButtons, Dialog, ResultList};
use crate::ui::components::list::{names as names_of, selected_from, thousands};
use crate::ui::components::preview::SavePreview;
use crate::ui::components::tabs::{TabPanel, Tabs};
use crate::ui::console::Flash;
use crate::ui::query::use_url_query;
use crate::ui::Console;
use leptos::prelude::*;

type Results = RwSignal<Option<(String, Vec<String>)>>;

#[component]
pub fn ChangeRole(
    users: Vec<UserId>,
    #[prop(into)] on_close: Callback<()>,
    /// Roles were changed: the list's selection has done its job.
    #[prop(into)]
    on_changed: Callback<()>,
) -> impl IntoView {
    // With nobody selected, the CSV upload is the way in.
    let tab = RwSignal::new(if users.is_empty() { 1 } else { 0 });
    let results: Results = RwSignal::new(None);
    let console = expect_context::<Console>();
    let done = Callback::new(move |events: Vec<Event>| {
        on_changed.run(());
        finish(console, results, &events, on_close);
    });
    view! {
        <Dialog title="Change role".to_string() on_close>
            {move || match results.get() {
                Some((done, refused)) => view! {
                    <p>{done}</p>
                    <ResultList label="Not changed" lines=refused.into_iter().map(|r| (false, format!("Not changed: {r}"))).collect() on_done=on_close/>
                }.into_any(),
                None => {
                    let users = users.clone();
                    view! {
                        <Tabs label="How to change roles" tabs=vec![("roles-select", "Multi-select"), ("roles-csv", "CSV upload")] selected=tab/>
                        <TabPanel id="roles-select" index=0 selected=tab><MultiSelect users done on_close/></TabPanel>
                        <TabPanel id="roles-csv" index=1 selected=tab><CsvUpload done on_close/></TabPanel>
                    }.into_any()
                }
            }}
        </Dialog>
    }
}

/// How many roles the events changed, as "Changed the role of 2 of 3."
fn summary(events: &[Event]) -> (String, Vec<String>) {
    let refused = skipped(events);
    let changed =
        events.iter().filter(|e| matches!(e, Event::TeamRoleSet { .. } | Event::PrimaryAdminChanged { .. })).count();
    let unchanged = events.iter().filter(|e| matches!(e, Event::TeamRoleUnchanged { .. })).count();
    (format!("Changed the role of {changed} of {}.", changed + unchanged + refused.len()), refused)
}

/// The confirmation, and the reasons for the rest when some were not changed.
fn finish(console: Console, results: Results, events: &[Event], on_close: Callback<()>) {
    let (done, refused) = summary(events);
    let still_admin = console.env.with_untracked(|e| {
        let me = console.actor();
        me.is_some_and(|me| e.account.is_team_admin(me))
    });
    let note = if still_admin { "" } else { " You no longer administer a team." };
    console.flash.set(Some(Flash::Done(format!("{done}{note}"))));
    if refused.is_empty() {
        on_close.run(());
    } else {
        results.set(Some((done, refused)));
    }
}

/// What the admin is asked to confirm before the change.
#[derive(Clone, PartialEq)]
enum Confirm {
    Nothing,
    /// The primary-admin swap, in words.
    Swap(String),
    /// The acting person takes away their own admin role.
    OwnRole(String),
}

#[component]
fn MultiSelect(users: Vec<UserId>, done: Callback<Vec<Event>>, on_close: Callback<()>) -> impl IntoView {
    let console = expect_context::<Console>();
    let team = expect_context::<CurrentTeam>().get_untracked();
    let me = console.actor().unwrap_or(UserId(0));
    let (names, offered) = console.env.with_untracked(|e| {
        // The first few by name, the rest counted: a selection can hold thousands (issue 32.3).
        let names: Vec<String> = users.iter().take(6).map(|u| e.account.name_of(*u)).collect();
        let offered = roles_to_give(&e.account, team, me, users.len());
        (names, offered)
    });
    let role = RwSignal::new(offered.first().copied().unwrap_or(TeamRole::User));
    let confirm = RwSignal::new(Confirm::Nothing);
    let error = RwSignal::new(None::<String>);
    let users = StoredValue::new(users);
    let apply = move || {
        let (users, role) = (users.get_value(), role.get_untracked());
        match console.dispatch(Command::SetTeamRoles { team, users, role }) {
            Ok(events) => done.run(events),
            Err(e) => {
                confirm.set(Confirm::Nothing);
                error.set(Some(e.to_string()));
            }
        }
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = role.get_untracked();
        let asked = console.env.with_untracked(|e| {
            let acc = &e.account;
            let team_label = team_name(acc, team);
            if chosen == TeamRole::PrimaryAdmin {
                let who = users.with_value(|u| u[0]);
                check_make_primary_admin(acc, console.acting(), team, who).map(|()| {
                    let old = acc.teams.get(&team).and_then(|t| t.primary_admin()).map(|u| acc.name_of(u));
                    Confirm::Swap(format!(
                        "{} becomes the primary admin of {team_label}; {}, the primary admin now, becomes a secondary admin. The contract manager does not change.",
                        acc.name_of(who),
                        old.unwrap_or_default()
                    ))
                })
            } else if chosen == TeamRole::User && users.with_value(|u| u.contains(&me)) {
                Ok(Confirm::OwnRole(format!(
                    "You are among the selected users: as a User you will no longer administer {team_label}, and this page will no longer show it to you."
                )))
            } else {
                Ok(Confirm::Nothing)
            }
        });
        match asked {
            Ok(Confirm::Nothing) => apply(),
            Ok(question) => confirm.set(question),
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    if names.is_empty() {
        return view! {
            <p class="hint">"Select users in the list first, or use CSV upload."</p>
            <div class="buttons"><button type="button" on:click=move |_| on_close.run(())>"Cancel"</button></div>
        }
        .into_any();
    }
    let count = users.with_value(Vec::len);
    let selected = format!("Selected ({}): {}", thousands(count), names_of(&names, count));
    // A bulk change names the list it was chosen from (issue 32.2).
    let from = (count > 1).then(|| {
        let filter = use_url_query().filter::<TeamUserFilter>().get_untracked();
        let words = console.env.with_untracked(|e| e.account.teams.get(&team).and_then(|t| filter.describe(t)));
        selected_from(words)
    });
    // More than a page is asked with its count on the button (issue 32.2).
    let button = if count > 50 { format!("Change the role of {} users", thousands(count)) } else { "Save".to_string() };
    let form = move || {
        let (selected, offered, button, from) = (selected.clone(), offered.clone(), button.clone(), from.clone());
        view! {
            <form on:submit=save>
                {from.map(|f| view! { <p class="hint">{f}</p> })}
                <p>{selected}</p>
                <div class="field">
                    <label for="new-role">"New role"</label>
                    <select id="new-role" aria-describedby="role-hint role-error" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some(r) = offered.iter().find(|r| r.label() == v) { role.set(*r); }
                    }>
                        {offered.iter().map(|r| {
                            let chosen = *r == role.get_untracked();
                            view! { <option value=r.label() selected=chosen>{r.label()}</option> }
                        }).collect_view()}
                    </select>
                    <p class="hint" id="role-hint">"Only a secondary admin can be made primary admin, one at a time."</p>
                </div>
                <SavePreview command=Signal::derive(move || Some(Command::SetTeamRoles { team, users: users.get_value(), role: role.get() }))/>
                <p class="field-error" id="role-error" role="alert">{move || error.get()}</p>
                <div class="buttons">
                    <button type="submit" class="primary">{button}</button>
                    <button type="button" on:click=move |_| on_close.run(())>"Cancel"</button>
                </div>
            </form>
        }
    };
    view! {
        {move || match confirm.get() {
            Confirm::Nothing => form().into_any(),
            Confirm::Swap(text) => view! {
                <p>{text}</p>
                <ConfirmButtons label="Reassign primary admin" on_confirm=move || apply() on_cancel=move || confirm.set(Confirm::Nothing)/>
            }.into_any(),
            Confirm::OwnRole(text) => view! {
                <p>{text}</p>
                <ConfirmButtons label="Change my role too" danger=true on_confirm=move || apply() on_cancel=move || confirm.set(Confirm::Nothing)/>
            }.into_any(),
        }}
    }
    .into_any()
}

/// A roles file read and previewed, waiting for the admin: who will change, from which role to which, how many
/// rows change nothing, and why the rest won't (issue 27.4).
#[derive(Clone)]
struct Previewed {
    file: String,
    csv: String,
    changed: String,
    changes: Vec<String>,
    unchanged: usize,
    refused: Vec<String>,
}

#[component]
fn CsvUpload(done: Callback<Vec<Event>>, on_close: Callback<()>) -> impl IntoView {
    let console = expect_context::<Console>();
    let team = expect_context::<CurrentTeam>().get_untracked();
    let error = RwSignal::new(None::<String>);
    let previewed = RwSignal::new(None::<Previewed>);
    let chosen = move |ev: leptos::ev::Event| {
        crate::ui::upload::read_chosen(&ev, 1024 * 1024, move |read| {
            let outcome = read.and_then(|(file, csv)| {
                let command = Command::ImportTeamRoles { team, csv: csv.clone() };
                let today = console.today.get_untracked();
                console
                    .env
                    .with_untracked(|e| preview(&e.account, console.acting(), command, today))
                    .map(|(after, events)| {
                        let (changed, refused) = summary(&events);
                        let changed = changed.replace("Changed the role of", "Will change the role of");
                        let changes = events
                            .iter()
                            .filter_map(|e| match e {
                                Event::TeamRoleSet { user, role, was, .. } => {
                                    Some(format!("{}: {} → {}", after.name_of(*user), was.label(), role.label()))
                                }
                                _ => None,
                            })
                            .collect();
                        let unchanged = events.iter().filter(|e| matches!(e, Event::TeamRoleUnchanged { .. })).count();
                        Previewed { file: file.clone(), csv, changed, changes, unchanged, refused }
                    })
                    .map_err(|e| format!("{file}: {e} Nothing was changed."))
            });
            match outcome {
                Ok(p) => {
                    error.set(None);
                    previewed.set(Some(p));
                }
                Err(why) => error.set(Some(why)),
            }
        });
    };
    let apply = move |_| {
        let Some(p) = previewed.get_untracked() else { return };
        match console.dispatch(Command::ImportTeamRoles { team, csv: p.csv }) {
            Ok(events) => done.run(events),
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        {move || match previewed.get() {
            None => view! {
                <p class="hint" id="roles-hint">"A CSV file with the columns Email and Role (Secondary Admin, SSO Admin or User), separated by , or ;. The primary admin can't be changed by CSV. You see what will change before anything does."</p>
                <div class="field">
                    <label for="roles-file">"Upload CSV file"</label>
                    <input id="roles-file" type="file" accept=".csv,text/csv" aria-describedby="roles-hint roles-error" on:change=chosen/>
                </div>
                <div class="buttons"><button type="button" on:click=move |_| on_close.run(())>"Cancel"</button></div>
            }.into_any(),
            Some(p) => view! {
                <h3>{format!("Preview of {}", p.file)}</h3>
                {super::invite::not_read(&p.csv, &crate::domain::input::ROLE_COLUMNS)}
                <p>{p.changed}</p>
                <ul class="results" aria-label="Will change">
                    {p.changes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
                </ul>
                {(p.unchanged > 0).then(|| view! { <p>{format!("{} already have that role: unchanged.", thousands(p.unchanged))}</p> })}
                <ul class="results" aria-label="Will not change">
                    {p.refused.into_iter().map(|r| view! { <li class="skipped">{format!("Will not change: {r}")}</li> }).collect_view()}
                </ul>
                <div class="buttons">
                    <button type="button" class="primary" on:click=apply>"Change roles"</button>
                    <button type="button" on:click=move |_| previewed.set(None)>"Choose another file"</button>
                    <button type="button" on:click=move |_| on_close.run(())>"Cancel"</button>
                </div>
            }.into_any(),
        }}
        <p class="field-error" id="roles-error" role="alert">{move || error.get()}</p>
    }
}
