//! User Management → By User (W2', W3', W4, W6): the team's people with role, account status and products
//! with their source; filters in the URL; selection; Invite users, Change role, Remove user, Export.

use super::{invite::Invite, limit::LimitAdmin, remove::RemoveTeamUser, roles::ChangeRole, team_name};
use super::{user_products::UserProducts, whole_team, CurrentTeam, TeamScope};
use crate::domain::read::export::{push_team_users, TEAM_USER_COLUMNS};
use crate::domain::read::team::{team_user_ids, team_user_rows, TeamUserFilter, TeamUserRow};
use crate::domain::{GroupId, TeamRole, TeamStatus, UserId};
use crate::ui::components::fields::{QuerySearch, QuerySelect};
use crate::ui::components::list::{page_of, Pager, SelectAll, SelectUser, Selection, SelectionBanner, UserCount};
use crate::ui::query::{use_url_query, FromQuery, UrlQuery};
use crate::ui::work::export_users;
use crate::ui::Console;
use leptos::prelude::*;
use leptos_router::params::ParamsMap;

const PAGE_SIZE: usize = 50;

const ROLES: [(TeamRole, &str); 4] = [
    (TeamRole::PrimaryAdmin, "primary-admin"),
    (TeamRole::SecondaryAdmin, "secondary-admin"),
    (TeamRole::SsoAdmin, "sso-admin"),
    (TeamRole::User, "user"),
];
const STATUSES: [(TeamStatus, &str); 2] = [(TeamStatus::Invited, "invited"), (TeamStatus::Verified, "verified")];

impl FromQuery for TeamUserFilter {
    fn from_query(q: &ParamsMap) -> Self {
        let key = |k: &str| q.get(k).map(|v| v.to_lowercase());
        TeamUserFilter {
            role: key("role").and_then(|r| ROLES.iter().find(|(_, k)| *k == r).map(|(role, _)| *role)),
            status: key("status").and_then(|s| STATUSES.iter().find(|(_, k)| *k == s).map(|(st, _)| *st)),
            product: q.get("product"),
            group: q.get_str("group").and_then(|g| g.parse().ok()).map(GroupId),
            text: q.get("q").unwrap_or_default(),
        }
    }
}

/// The dialog that is open, if any.
#[derive(Clone, Debug, PartialEq)]
pub enum Open {
    Nothing,
    Invite,
    ChangeRole(Vec<UserId>),
    Products(UserId),
    Remove(UserId),
    Limit(UserId),
}

#[component]
pub fn ByUser() -> impl IntoView {
    view! { <TeamScope title="By User"><UsersPage/></TeamScope> }
}

#[component]
fn UsersPage() -> impl IntoView {
    let console = expect_context::<Console>();
    let team = expect_context::<CurrentTeam>();
    let open = RwSignal::new(Open::Nothing);
    let query = use_url_query();
    let filter = query.filter::<TeamUserFilter>();
    let ids: Memo<Vec<UserId>> = Memo::new(move |_| {
        let (team, filter) = (team.get(), filter.get());
        let me = console.actor().unwrap_or(UserId(0));
        console.env.with(|e| team_user_ids(&e.account, me, team, &filter))
    });
    let pages = move || ids.with(|r| r.len().div_ceil(PAGE_SIZE)).max(1);
    let page = move || query.page().clamp(1, pages());
    let shown = page_of(ids, page, PAGE_SIZE);
    let page_rows = Memo::new(move |_| {
        let me = console.actor().unwrap_or(UserId(0));
        shown.with(|shown| console.env.with(|e| team_user_rows(&e.account, me, team.get(), shown, console.today.get())))
    });
    let selection = Selection::new(ids, shown);
    let export = move |_| {
        let (t, today, me) =
            (team.get_untracked(), console.today.get_untracked(), console.actor().unwrap_or(UserId(0)));
        let name = console.env.with_untracked(|e| team_name(&e.account, t));
        export_users(
            console,
            "users.csv",
            &TEAM_USER_COLUMNS,
            ids.get_untracked(),
            Box::new(move |csv, acc, some| push_team_users(csv, &name, &team_user_rows(acc, me, t, some, today))),
        );
    };
    let change_role = move |_| open.set(Open::ChangeRole(selection.users()));
    let whole = whole_team();
    view! {
        <div class="toolbar">
            // Hidden rather than left out: a `Show` per control cost kilobytes of shipped code (issue 29).
            <button type="button" class="primary" hidden=move || !whole.get() on:click=move |_| open.set(Open::Invite)>"Invite users"</button>
            <button type="button" hidden=move || !whole.get() on:click=change_role>"Change role"</button>
            <button type="button" on:click=export>"Export"</button>
        </div>
        <p class="hint" hidden=move || whole.get()>"Your admin role here is limited to some products: you assign them and see only them. Inviting, removing, roles and groups are for an admin without a limit."</p>
        <FilterBar query/>
        <UserCount selection/>
        <SelectionBanner selection/>
        <table class="users">
            <thead><tr>
                <th scope="col" hidden=move || !whole.get()><SelectAll selection/></th>
                <th scope="col" class="who">"Name"</th><th scope="col">"Email"</th><th scope="col">"Role"</th>
                <th scope="col">"Account status"</th><th scope="col">"Products"</th><th scope="col">"Actions"</th>
            </tr></thead>
            <tbody>
                <For each=move || page_rows.get() key=|r| r.clone() let:row>
                    <UserRowView row selection open whole/>
                </For>
            </tbody>
        </table>
        <Pager page=Signal::derive(page) pages=Signal::derive(pages) on_page=move |p| query.set_page(p)/>
        {move || {
            let close = Callback::new(move |()| open.set(Open::Nothing));
            match open.get() {
                Open::Nothing => ().into_any(),
                Open::Invite => view! { <Invite on_close=close/> }.into_any(),
                Open::ChangeRole(users) => view! { <ChangeRole users on_close=close on_changed=move || selection.clear()/> }.into_any(),
                Open::Products(user) => view! { <UserProducts user on_close=close/> }.into_any(),
                Open::Remove(user) => view! { <RemoveTeamUser user on_close=close/> }.into_any(),
                Open::Limit(user) => view! { <LimitAdmin user on_close=close/> }.into_any(),
            }
        }}
    }
}

#[component]
fn UserRowView(row: TeamUserRow, selection: Selection, open: RwSignal<Open>, whole: Signal<bool>) -> impl IntoView {
    let console = expect_context::<Console>();
    let id = row.id;
    // Another secondary admin's limit is set by an admin without one (issue 30).
    let limitable = move || whole.get() && row.role == TeamRole::SecondaryAdmin && console.actor() != Some(id);
    let role = match &row.limit {
        Some(limit) => format!("{} · {limit}", row.role.label()),
        None => row.role.label().to_string(),
    };
    let name = row.name.clone();
    let invited = row.status == TeamStatus::Invited;
    let products = row.products_text();
    view! {
        <tr>
            <td hidden=move || !whole.get()><SelectUser selection user=id name=name.clone()/></td>
            <td class="who">{row.name.clone()}{row.synced.then(|| view! { " " <span class="badge">"Synced"</span> })}</td>
            <td>{row.email}</td>
            <td>{role}</td>
            <td class=if invited { "pending" } else { "active" }>{row.status.label()}</td>
            <td>{products}</td>
            <td class="row-actions">
                <button type="button" class="link" aria-label=format!("Products of {name}")
                    on:click=move |_| open.set(Open::Products(id))>"Products"</button>
                <button type="button" class="link" hidden=move || !limitable() aria-label=format!("Limit admin role of {}", row.name)
                    on:click=move |_| open.set(Open::Limit(id))>"Limit"</button>
                <button type="button" class="link danger" hidden=move || !whole.get() aria-label=format!("Remove {name}")
                    on:click=move |_| open.set(Open::Remove(id))>"Remove"</button>
            </td>
        </tr>
    }
}

#[component]
fn FilterBar(query: UrlQuery) -> impl IntoView {
    let console = expect_context::<Console>();
    let team = expect_context::<CurrentTeam>();
    let roles = Signal::derive(|| ROLES.iter().map(|(r, k)| (k.to_string(), r.label().to_string())).collect());
    let statuses = Signal::derive(|| STATUSES.iter().map(|(s, k)| (k.to_string(), s.label().to_string())).collect());
    let products = Signal::derive(move || {
        let me = console.actor().unwrap_or(UserId(0));
        console.env.with(|e| {
            let t = e.account.teams.get(&team.get());
            t.map(|t| t.products_seen_by(me).into_iter().map(|p| (p.clone(), p)).collect()).unwrap_or_default()
        })
    });
    let groups = Signal::derive(move || {
        console.env.with(|e| {
            let t = e.account.teams.get(&team.get());
            t.map(|t| t.groups.iter().map(|(id, g)| (id.to_string(), g.name.clone())).collect()).unwrap_or_default()
        })
    });
    view! {
        <div class="filters" role="search" aria-label="Filter users">
            <QuerySelect label="Role" key="role" all="All roles" options=roles query/>
            <QuerySelect label="Account status" key="status" all="All statuses" options=statuses query/>
            <QuerySelect label="Product" key="product" all="All products" options=products query/>
            <QuerySelect label="Group" key="group" all="All groups" options=groups query/>
            <QuerySearch query placeholder="Name or email"/>
        </div>
    }
}
