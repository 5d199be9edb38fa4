//! The new view (domain.md §1.2, §4b): By User, By Product, By Group and the team's Subscriptions. Each page
//! sits in a `TeamScope`: the Team drop-down (the chosen team is in the URL, `?team=1028`), team settings,
//! and the sentence for a person who administers no team (rule 63: classic and new views are separate).

pub mod by_group;
pub mod by_product;
pub mod by_user;
mod invite;
mod limit;
mod remove;
mod roles;
pub mod subscriptions;
pub mod team_migration;
mod user_products;

use crate::domain::read::team::{admin_teams, SourceChoice};
use crate::domain::{Account, Command, TeamId, TeamRole, UserId};
use crate::ui::components::dialog::{Dialog, FormButtons};
use crate::ui::components::fields::TextField;
use crate::ui::components::guard::LimitNote;
use crate::ui::console::Flash;
use crate::ui::query::{use_url_query, UrlQuery};
use crate::ui::Console;
use leptos::prelude::*;
use leptos_router::components::A;

thread_local! {
    /// The team chosen last, so that By User, By Product and By Group stay on it (as the Team drop-down does on
    /// manage.autodesk.com).
    static LAST_TEAM: std::cell::Cell<Option<TeamId>> = const { std::cell::Cell::new(None) };
}

/// The team the page shows: the one in the URL if the person administers it, else their first.
#[derive(Clone, Copy)]
pub struct CurrentTeam(pub Memo<Option<TeamId>>);

impl CurrentTeam {
    pub fn get(&self) -> TeamId {
        self.0.get().unwrap_or(TeamId(0))
    }
    pub fn get_untracked(&self) -> TeamId {
        self.0.get_untracked().unwrap_or(TeamId(0))
    }
}

/// The acting person administers the current team without a limit (issue 30): Invite, Change role, Remove,
/// groups and the migration are theirs alone; a product admin's pages show their products only.
pub fn whole_team() -> Signal<bool> {
    let console = expect_context::<Console>();
    let team = expect_context::<CurrentTeam>();
    Signal::derive(move || {
        let me = console.actor();
        let team = team.get();
        console
            .env
            .with(|e| me.is_some_and(|u| e.account.teams.get(&team).is_some_and(|t| t.wholly_administered_by(u))))
    })
}

/// What only an admin of the current team without a limit may use (issue 30); a limited admin is told why.
#[component]
pub fn WholeTeamOnly(what: &'static str, children: ChildrenFn) -> impl IntoView {
    let whole = whole_team();
    let refusal = move || view! { <p class="refusal">{format!("{what} is for an admin of the team without a limit: your admin role here is limited.")}</p> };
    view! { <Show when=move || whole.get() fallback=refusal>{children()}</Show> }
}

/// The current team's name, for titles and flashes.
pub fn team_name(acc: &Account, team: TeamId) -> String {
    acc.teams.get(&team).map(|t| t.name.clone()).unwrap_or_default()
}

#[component]
pub fn TeamScope(
    title: &'static str,
    /// What a person who administers no team is told, where this page is not user management.
    #[prop(optional)]
    refusal: Option<&'static str>,
    children: ChildrenFn,
) -> impl IntoView {
    let console = expect_context::<Console>();
    let query = use_url_query();
    let teams = Memo::new(move |_| {
        let actor = console.actor();
        console.env.with(|e| actor.map(|a| admin_teams(&e.account, a)).unwrap_or_default())
    });
    // The URL's team, else the one last chosen on another page of the new view, else the first.
    let team = Memo::new(move |_| {
        let wanted = query.value("team").parse::<u32>().ok().map(TeamId).or_else(|| LAST_TEAM.get());
        let team = teams.with(|t| t.iter().find(|(id, _)| Some(*id) == wanted).or(t.first()).map(|(id, _)| *id));
        LAST_TEAM.set(team);
        team
    });
    provide_context(CurrentTeam(team));
    let classic_admin = move || console.env.with(|e| console.actor().is_some_and(|a| e.account.is_classic_admin(a)));
    // An admin limited to Reporting everywhere they administer (issue 30).
    let reporting_only = move || console.env.with(|e| console.actor().is_some_and(|a| e.account.is_team_admin(a)));
    let refusal = move || {
        if reporting_only() {
            let classic = classic_admin().then(
                || view! { " Your named users are in "<A href="/users/classic">"Classic User Management"</A>"." },
            );
            view! { <p class="refusal">"You read the team's activity, seat use and usage in Reporting, and change nothing. "<LimitNote/>{classic}</p> }
                .into_any()
        } else if let Some(why) = refusal {
            view! { <p class="refusal">{why}</p> }.into_any()
        } else if classic_admin() {
            view! {
                <p class="refusal">"You are not an admin of any team, so the new view has nothing for you to manage. Classic and new views keep separate user lists: manage your named users in "
                    <A href="/users/classic">"Classic User Management"</A>"."</p>
            }
            .into_any()
        } else {
            view! { <p class="refusal">"You don't have access to user management. Only a team's primary admin, secondary admins and SSO admins can use By User, By Product and By Group."</p> }.into_any()
        }
    };
    view! {
        <h1>{title}</h1>
        <Show when=move || teams.with(|t| !t.is_empty()) fallback=refusal>
            <TeamBar teams team query/>
            {children()}
        </Show>
    }
}

/// The Team drop-down (when the person administers more than one team) and Team settings → Rename.
#[component]
fn TeamBar(teams: Memo<Vec<(TeamId, String)>>, team: Memo<Option<TeamId>>, query: UrlQuery) -> impl IntoView {
    let console = expect_context::<Console>();
    let renaming = RwSignal::new(false);
    let current = move || team.get().unwrap_or(TeamId(0));
    let name = move || console.env.with(|e| team_name(&e.account, current()));
    // Team settings belong to the primary admin and secondary admins (§4b.1).
    let may_rename = move || {
        let actor = console.actor().unwrap_or(UserId(0));
        console.env.with(|e| {
            let whole = e.account.teams.get(&current()).is_some_and(|t| t.wholly_administered_by(actor));
            whole
                && matches!(
                    e.account.team_role(current(), actor),
                    Some(TeamRole::PrimaryAdmin | TeamRole::SecondaryAdmin)
                )
        })
    };
    view! {
        <div class="team-bar">
            <Show when=move || teams.with(|t| t.len() > 1) fallback=move || view! { <p class="team-name">"Team: "<strong>{name}</strong></p> }>
                <div class="field">
                    <label for="team-select">"Team"</label>
                    <select id="team-select" prop:value=move || current().to_string()
                        on:change=move |ev| query.set_only("team", event_target_value(&ev))>
                        {move || teams.get().into_iter().map(|(id, n)| {
                            let chosen = id == current();
                            view! { <option value=id.to_string() selected=chosen>{n}</option> }
                        }).collect_view()}
                    </select>
                </div>
            </Show>
            <Show when=may_rename>
                <button type="button" on:click=move |_| renaming.set(true)>"Rename team"</button>
            </Show>
        </div>
        <Show when=move || renaming.get()>
            <RenameTeam team=current() on_close=move || renaming.set(false)/>
        </Show>
    }
}

#[component]
fn RenameTeam(team: TeamId, #[prop(into)] on_close: Callback<()>) -> impl IntoView {
    let console = expect_context::<Console>();
    let old = console.env.with_untracked(|e| team_name(&e.account, team));
    let name = RwSignal::new(old.clone());
    let error = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match console.dispatch(Command::RenameTeam { team, name: name.get_untracked() }) {
            Ok(_) => {
                let new = console.env.with_untracked(|e| team_name(&e.account, team));
                console.flash.set(Some(Flash::Done(format!("The team {old} is now called {new}."))));
                on_close.run(());
            }
            Err(e) => error.set(Some(e.to_string())),
        }
    };
    view! {
        <Dialog title="Rename team".to_string() on_close>
            <form on:submit=save>
                <TextField id="team-name" label="Team name" value=name error/>
                <FormButtons label="Rename" on_cancel=on_close/>
            </form>
        </Dialog>
    }
}

/// The outcome of a command that reports entries it skipped: the confirmation and each skipped entry.
pub fn skipped(events: &[crate::domain::Event]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match e {
            crate::domain::Event::EntrySkipped { entry, reason } => Some(format!("{entry}: {reason}")),
            crate::domain::Event::RuleRefused { what, .. } => Some(format!("Invited without it: {what}")),
            _ => None,
        })
        .collect()
}

/// "Assign seats from": the pool or a subscription ID, each with its seats left (§4b.5, rule 43); the value
/// is the index of the choice.
#[component]
pub fn SourceSelect(id: String, choices: Vec<SourceChoice>, chosen: RwSignal<usize>) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id.clone()>"Assign seats from"</label>
            <select id=id on:change=move |ev| chosen.set(event_target_value(&ev).parse().unwrap_or(0))>
                {choices.into_iter().enumerate().map(|(i, c)| view! { <option value=i.to_string()>{c.text()}</option> }).collect_view()}
            </select>
        </div>
    }
}
