//! Change role (W6, §4b.6): "Option 1: Multi-select" on the selected users, "Option 2: CSV upload" (Email,
//! Role). Making a secondary admin the primary admin is confirmed with "Reassign primary admin"; the old
//! primary admin becomes a secondary admin (rule 28). The primary admin is never changed by CSV (rule 31).

use super::{skipped, team_name, CurrentTeam};
use crate::domain::{Command, Event, TeamRole, UserId};
use crate::ui::components::dialog::{ConfirmButtons, Dialog, ResultList};
use crate::ui::components::tabs::{TabPanel, Tabs};
use crate::ui::console::Flash;
use crate::ui::Console;
use leptos::prelude::*;

const CHOICES: [TeamRole; 4] = [TeamRole::SecondaryAdmin, TeamRole::SsoAdmin, TeamRole::User, TeamRole::PrimaryAdmin];

#[component]
pub fn ChangeRole(users: Vec<UserId>, #[prop(into)] on_close: Callback<()>) -> impl IntoView {
    // With nobody selected, the CSV upload is the way in.
    let tab = RwSignal::new(if users.is_empty() { 1 } else { 0 });
    let results = RwSignal::new(None::<(String, Vec<String>)>);
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
                        <TabPanel id="roles-select" index=0 selected=tab><MultiSelect users results on_close/></TabPanel>
                        <TabPanel id="roles-csv" index=1 selected=tab><CsvUpload results on_close/></TabPanel>
                    }.into_any()
                }
            }}
        </Dialog>
    }
}

/// "Changed 2 of 3." and the reasons for the rest, or just the flash when all changed.
fn finish(
    console: Console,
    results: RwSignal<Option<(String, Vec<String>)>>,
    events: &[Event],
    on_close: Callback<()>,
) {
    let refused = skipped(events);
    let changed =
        events.iter().filter(|e| matches!(e, Event::TeamRoleSet { .. } | Event::PrimaryAdminChanged { .. })).count();
    let done = format!("Changed the role of {changed} of {}.", changed + refused.len());
    console.flash.set(Some(Flash::Done(done.clone())));
    if refused.is_empty() {
        on_close.run(());
    } else {
        results.set(Some((done, refused)));
    }
}

#[component]
fn MultiSelect(
    users: Vec<UserId>,
    results: RwSignal<Option<(String, Vec<String>)>>,
    on_close: Callback<()>,
) -> impl IntoView {
    let console = expect_context::<Console>();
    let team = expect_context::<CurrentTeam>();
    let names: Vec<String> = console.env.with_untracked(|e| users.iter().map(|u| e.account.name_of(*u)).collect());
    let role = RwSignal::new(TeamRole::SecondaryAdmin);
    let confirming = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let users = StoredValue::new(users);
    let one = names.len() == 1;
    let apply = move || {
        let (users, role) = (users.get_value(), role.get_untracked());
        match console.dispatch(Command::SetTeamRoles { team: team.get_untracked(), users, role }) {
            Ok(events) => finish(console, results, &events, on_close),
            Err(e) => {
                confirming.set(false);
                error.set(Some(e.to_string()));
            }
        }
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if role.get_untracked() == TeamRole::PrimaryAdmin {
            confirming.set(true);
        } else {
            apply();
        }
    };
    let reassign_text = {
        let who = names.first().cloned().unwrap_or_default();
        move || {
            console.env.with_untracked(|e| {
                let t = team.get_untracked();
                let old = e.account.teams.get(&t).and_then(|t| t.primary_admin()).map(|u| e.account.name_of(u));
                format!(
                    "{who} becomes the primary admin of {}; {}, the primary admin now, becomes a secondary admin. The contract manager does not change.",
                    team_name(&e.account, t),
                    old.unwrap_or_default()
                )
            })
        }
    };
    if names.is_empty() {
        return view! { <p class="hint">"Select users in the list first, or use CSV upload."</p> }.into_any();
    }
    view! {
        <Show when=move || confirming.get() fallback=move || {
            let names = names.clone();
            view! {
                <form on:submit=save>
                    <p>{format!("Selected: {}", names.join(", "))}</p>
                    <div class="field">
                        <label for="new-role">"New role"</label>
                        <select id="new-role" aria-describedby="role-error" on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if let Some(r) = CHOICES.iter().find(|r| r.label() == v) { role.set(*r); }
                        }>
                            {CHOICES.iter().filter(|r| one || **r != TeamRole::PrimaryAdmin).map(|r| {
                                let chosen = *r == role.get_untracked();
                                view! { <option value=r.label() selected=chosen>{r.label()}</option> }
                            }).collect_view()}
                        </select>
                        <p class="hint">"Only a secondary admin can be made primary admin, one at a time."</p>
                    </div>
                    <p class="field-error" id="role-error" role="alert">{move || error.get()}</p>
                    <div class="buttons">
                        <button type="submit" class="primary">"Save"</button>
                        <button type="button" on:click=move |_| on_close.run(())>"Cancel"</button>
                    </div>
                </form>
            }
        }>
            <p>{reassign_text.clone()}</p>
            <ConfirmButtons label="Reassign primary admin" on_confirm=move || apply() on_cancel=move || confirming.set(false)/>
        </Show>
    }
    .into_any()
}

#[component]
fn CsvUpload(results: RwSignal<Option<(String, Vec<String>)>>, on_close: Callback<()>) -> impl IntoView {
    let console = expect_context::<Console>();
    let team = expect_context::<CurrentTeam>();
    let error = RwSignal::new(None::<String>);
    let chosen = move |ev: leptos::ev::Event| {
        crate::ui::upload::read_chosen(&ev, 1024 * 1024, move |read| {
            let outcome = read.and_then(|(file, csv)| {
                console
                    .dispatch(Command::ImportTeamRoles { team: team.get_untracked(), csv })
                    .map_err(|e| format!("{file}: {e} Nothing was changed."))
            });
            match outcome {
                Ok(events) => finish(console, results, &events, on_close),
                Err(why) => error.set(Some(why)),
            }
        });
    };
    view! {
        <p class="hint" id="roles-hint">"A CSV file with the columns Email and Role (Secondary Admin, SSO Admin or User), separated by , or ;. The primary admin can't be changed by CSV."</p>
        <div class="field">
            <label for="roles-file">"Upload CSV file"</label>
            <input id="roles-file" type="file" accept=".csv,text/csv" aria-describedby="roles-hint roles-error" on:change=chosen/>
        </div>
        <p class="field-error" id="roles-error" role="alert">{move || error.get()}</p>
    }
}
