//! User Management → Migration assistant (issue 18; rules 20, 28–30, 39–43, 63): the classic list and a team
//! side by side, a plan for the people chosen (role, products and seat sources, seats needed against the
//! pools, every refusal before anything happens), a pilot run, a saved plan to resume, and the progress.

use super::{skipped, team_name, CurrentTeam, TeamScope, WholeTeamOnly};
use crate::domain::read::preview;
use crate::domain::read::team::Source;
use crate::domain::read::team_migration::{compare, holdings, missing, progress, propose, seat_needs};
use crate::domain::{ClassicRoles, Command, PlannedPerson, SeatSource, TeamRole, UserId};
use crate::ui::components::list::{page_of, Pager, SelectAll, SelectUser, Selection, SelectionBanner};
use crate::ui::components::tabs::{TabPanel, Tabs};
use crate::ui::console::Flash;
use crate::ui::Console;
use leptos::prelude::*;

mod plan;
use plan::*;

#[component]
pub fn Migration() -> impl IntoView {
    let console = expect_context::<Console>();
    let classic_admin = move || console.env.with(|e| console.actor().is_some_and(|a| e.account.is_classic_admin(a)));
    view! {
        <TeamScope title="Migration assistant">
            <Show when=classic_admin fallback=|| view! { <p class="refusal">"The migration assistant compares Classic User Management with a team, so it is for a contract manager or software coordinator who is also an admin of the team."</p> }>
                <WholeTeamOnly what="The migration assistant"><MigrationPage/></WholeTeamOnly>
            </Show>
        </TeamScope>
    }
}

const PAGE_SIZE: usize = 50;

fn source_label(source: &SeatSource) -> String {
    match source {
        SeatSource::Pool => Source::Pool.label(),
        SeatSource::Subscription(id) => Source::Subscription(id.clone()).label(),
    }
}

/// "1 person", "2 people".
fn people(n: usize) -> String {
    format!("{n} {}", if n == 1 { "person" } else { "people" })
}

/// "Secondary Admin; AutoCAD from Subscription ID SUB-70011".
fn plan_text(p: &PlannedPerson) -> String {
    let products: Vec<String> =
        p.products.iter().map(|x| format!("{} from {}", x.product, source_label(&x.source))).collect();
    match products.as_slice() {
        [] => format!("{}; no product", p.role.label()),
        _ => format!("{}; {}", p.role.label(), products.join(", ")),
    }
}

#[component]
fn MigrationPage() -> impl IntoView {
    let console = expect_context::<Console>();
    let team = expect_context::<CurrentTeam>();
    let sides = Memo::new(move |_| console.env.with(|e| compare(&e.account, team.get())));
    let classic_only = Memo::new(move |_| sides.with(|s| s.classic_only.clone()));
    // A page of 50 at a time: at 10,000 users the list held 11,018 rows drawn at once (issue 32.4).
    let page = RwSignal::new(1usize);
    let pages = Signal::derive(move || classic_only.with(|r| r.len().div_ceil(PAGE_SIZE)).max(1));
    let shown = page_of(classic_only, move || page.get().clamp(1, pages.get()), PAGE_SIZE);
    let selection = Selection::new(classic_only, shown);
    let coordinators_as = RwSignal::new(TeamRole::User);
    let tab = RwSignal::new(0);
    let counts = move || {
        let s = sides.get();
        format!(
            "{} classic only · {} in both · {} team only · {} conflicting",
            s.classic_only.len(),
            s.both.len(),
            s.team_only.len(),
            s.conflicting.len()
        )
    };
    provide_context(LastRun(RwSignal::new(None)));
    view! {
        <Progress/>
        <LastRunReport/>
        <p class="hint">"Classic and new views keep separate user lists: a person added to one is not added to the other. People are matched by email. Try one or two people first."</p>
        <p class="count">{counts}</p>
        <Tabs label="People" selected=tab
            tabs=vec![("mig-classic", "Classic only"), ("mig-both", "In both"), ("mig-team", "Team only"), ("mig-conflicts", "Conflicting")]/>
        <TabPanel id="mig-classic" index=0 selected=tab>
            <SelectionBanner selection/>
            <ClassicOnly selection coordinators_as shown/>
            <Pager page=Signal::derive(move || page.get().clamp(1, pages.get())) pages on_page=move |p| page.set(p)/>
            <Plan selection coordinators_as/>
        </TabPanel>
        <TabPanel id="mig-both" index=1 selected=tab><People which=1/></TabPanel>
        <TabPanel id="mig-team" index=2 selected=tab><People which=2/></TabPanel>
        <TabPanel id="mig-conflicts" index=3 selected=tab><People which=3/></TabPanel>
        <SavedPlan/>
    }
}

#[component]
fn Progress() -> impl IntoView {
    let console = expect_context::<Console>();
    let team = expect_context::<CurrentTeam>();
    let p = Memo::new(move |_| {
        let today = console.today.get();
        console.env.with(|e| progress(&e.account, team.get(), today))
    });
    view! {
        <section class="tiles" aria-label="Progress">
            <div class="tile"><strong>{move || p.with(|p| p.migrated)}</strong><span>{move || p.with(|p| format!("of {} classic users are in the team", p.classic))}</span></div>
            <div class="tile"><strong>{move || p.with(|p| p.pending)}</strong><span>"of them invited, not accepted yet"</span></div>
            <div class="tile"><strong>{move || p.with(|p| p.planned)}</strong><span>"in the saved plan"</span></div>
        </section>
        <details class="card">
            <summary>"When the classic contracts end"</summary>
            <ul class="plain">
                {move || p.get().contracts.into_iter().map(|(no, end, days)| {
                    let when = if days >= 0 { format!("in {days} days") } else { format!("{} days ago", -days) };
                    view! { <li>{format!("Contract {no} ends {end} ({when})")}</li> }
                }).collect_view()}
            </ul>
        </details>
    }
}

#[component]
fn ClassicOnly(selection: Selection, coordinators_as: RwSignal<TeamRole>, shown: Memo<Vec<UserId>>) -> impl IntoView {
    let console = expect_context::<Console>();
    let team = expect_context::<CurrentTeam>();
    // One row per classic-only person on this page: what they hold in classic and what the plan would give them.
    let rows = Memo::new(move |_| {
        let (t, coordinators) = (team.get(), coordinators_as.get());
        console.env.with(|e| {
            let acc = &e.account;
            let roles = ClassicRoles::of(acc);
            let people = shown.get();
            let plans = propose(acc, t, &people, coordinators);
            people
                .iter()
                .zip(plans)
                .map(|(u, plan)| {
                    let held: Vec<String> = holdings(acc, *u)
                        .into_iter()
                        .map(|h| format!("{} · {} · {}", h.product, h.contract, h.serial))
                        .collect();
                    let name = acc.name_of(*u);
                    let email = acc.users.get(u).map(|x| x.email.clone()).unwrap_or_default();
                    (*u, name, email, roles.role(*u).label(), held, plan_text(&plan), missing(acc, t, *u))
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <div class="toolbar">
            <div class="field">
                <label for="coordinators-as">"Software coordinators become"</label>
                <select id="coordinators-as" on:change=move |ev| coordinators_as.set(if event_target_value(&ev) == "sa" { TeamRole::SecondaryAdmin } else { TeamRole::User })>
                    <option value="user">"User"</option>
                    <option value="sa">"Secondary Admin"</option>
                </select>
            </div>
        </div>
        <table class="users">
            <thead><tr>
                <th scope="col"><SelectAll selection/></th><th scope="col" class="who">"Name"</th><th scope="col">"Classic role"</th>
                <th scope="col">"Holds in classic"</th><th scope="col">"Proposed in the team"</th>
            </tr></thead>
            <tbody>
                <For each=move || rows.get() key=|r| format!("{r:?}") let:row>
                    {
                        let (user, name, email, role, held, plan, gaps) = row;
                        view! {
                            <tr>
                                <td><SelectUser selection user name=name.clone()/></td>
                                <td class="who">{name}<span class="meta">" "{email}</span></td>
                                <td>{role}</td>
                                <td>{if held.is_empty() { "Nothing".to_string() } else { held.join("; ") }}</td>
                                <td>{plan}{(!gaps.is_empty()).then(|| view! { <p class="hint">{format!("Not in this team: {}", gaps.join(", "))}</p> })}</td>
                            </tr>
                        }
                    }
                </For>
            </tbody>
        </table>
    }
}

/// In both / Team only / Conflicting: who they are in each list.
#[component]
fn People(which: u8) -> impl IntoView {
    let console = expect_context::<Console>();
    let team = expect_context::<CurrentTeam>();
    let page = RwSignal::new(1usize);
    let ids = Memo::new(move |_| {
        let s = console.env.with(|e| compare(&e.account, team.get()));
        match which {
            1 => s.both,
            2 => s.team_only,
            _ => s.conflicting,
        }
    });
    let pages = Signal::derive(move || ids.with(|r| r.len().div_ceil(PAGE_SIZE)).max(1));
    let shown = page_of(ids, move || page.get().clamp(1, pages.get()), PAGE_SIZE);
    let rows = Memo::new(move |_| {
        let t = team.get();
        console.env.with(|e| {
            let acc = &e.account;
            let roles = ClassicRoles::of(acc);
            let ids = shown.get();
            let members = acc.teams.get(&t).map(|t| t.members.clone()).unwrap_or_default();
            ids.into_iter()
                .map(|u| {
                    let classic = acc.users.get(&u).and_then(|x| x.classic.as_ref()).map(|_| roles.role(u).label());
                    let m = members.get(&u).map(|m| format!("{} · {}", m.role.label(), m.status.label()));
                    (u, acc.name_of(u), classic.unwrap_or("—"), m.unwrap_or_default())
                })
                .collect::<Vec<_>>()
        })
    });
    let hint = match which {
        3 => "A contract manager or coordinator who is a plain User in the team: make them a Secondary Admin in By User → Change role if they should manage it here.",
        2 => "In the team but not in Classic User Management: nothing to migrate.",
        _ => "Already in both lists.",
    };
    view! {
        <p class="hint">{hint}</p>
        <table class="users">
            <thead><tr><th scope="col" class="who">"Name"</th><th scope="col">"Classic role"</th><th scope="col">"In the team"</th></tr></thead>
            <tbody>
                {move || rows.get().into_iter().map(|(_, name, classic, member)| view! {
                    <tr><td class="who">{name}</td><td>{classic}</td><td>{member}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
        <Pager page=Signal::derive(move || page.get().clamp(1, pages.get())) pages on_page=move |p| page.set(p)/>
    }
}
