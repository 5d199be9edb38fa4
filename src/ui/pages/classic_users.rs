//! User Management → Classic User Management (W1–W4, W10): the named users with filters kept in the URL,
//! selection, and the Add, Bulk Add, Edit Access, Remove, Resend invite and Export actions.

mod add_user;
mod bulk_add;
mod edit_access;
mod filters;
mod remove;

use crate::domain::read::export::{push_users, EXPORT_COLUMNS};
use crate::domain::read::user_list::{classic_user_ids, user_index, user_rows, UserFilter, UserIndex, UserRow};
use crate::domain::{Command, UserId, UserStatus};
use crate::ui::components::guard::Guard;
use crate::ui::components::list::{page_of, Menu, Pager, SelectAll, SelectUser, Selection, SelectionBanner, UserCount};
use crate::ui::console::Flash;
use crate::ui::query::use_url_query;
use crate::ui::work::export_users;
use crate::ui::Console;
use leptos::prelude::*;

/// Rows per page: a 10,000-user account renders one page at a time.
const PAGE_SIZE: usize = 50;

/// The dialog that is open, if any.
#[derive(Clone, Debug, PartialEq)]
pub enum Open {
    Nothing,
    Add,
    BulkAdd,
    EditAccess(Vec<UserId>),
    Remove(Vec<UserId>),
}

#[component]
pub fn ClassicUsers() -> impl IntoView {
    let console = expect_context::<Console>();
    let allowed = move || console.env.with(|e| console.actor().is_some_and(|a| e.account.is_classic_admin(a)));
    view! {
        <h1>"Classic User Management"</h1>
        <Guard allowed=Signal::derive(allowed)
            refusal="You don't have access to user management. Only contract managers and software coordinators can manage users.">
            <UsersPage/>
        </Guard>
    }
}

#[component]
fn UsersPage() -> impl IntoView {
    let console = expect_context::<Console>();
    let open = RwSignal::new(Open::Nothing);
    let query = use_url_query();
    let filter = query.filter::<UserFilter>();
    // The matching users as ids only; rows are drawn for the page shown (issue 13: work proportional to what
    // is shown).
    // Patched for the people a change added or removed, else built again (issue 28.5).
    let index = Memo::new(move |prev: Option<&(u64, UserIndex)>| {
        console.env.with_people_since(prev.map(|p| p.0), |e, touched| match (prev, touched) {
            (Some((_, index)), Some(ids)) => index.patched(&e.account, &ids),
            _ => user_index(&e.account),
        })
    });
    let ids: Memo<Vec<UserId>> = Memo::new(move |_| {
        let filter = filter.get();
        index.with(|(_, index)| console.env.with(|e| classic_user_ids(&e.account, index, &filter)))
    });
    let pages = move || ids.with(|r| r.len().div_ceil(PAGE_SIZE)).max(1);
    let page = move || query.page().clamp(1, pages());
    let shown = page_of(ids, page, PAGE_SIZE);
    let page_rows = Memo::new(move |_| {
        let today = console.today.get();
        shown.with(|shown| console.env.with(|e| user_rows(&e.account, shown, today)))
    });
    let selection = Selection::new(ids, shown);
    let export = move |_| {
        let today = console.today.get_untracked();
        export_users(
            console,
            "users.csv",
            &EXPORT_COLUMNS,
            ids.get_untracked(),
            Box::new(move |csv, acc, some| push_users(csv, acc, &user_rows(acc, some, today), today)),
        );
    };
    let actions_open = RwSignal::new(false);
    let act_on_selected = move |make: fn(Vec<UserId>) -> Open| {
        actions_open.set(false);
        let users: Vec<UserId> = selection.users();
        if users.is_empty() {
            console.flash.set(Some(Flash::Refused("Select one or more users first.".into())));
        } else {
            open.set(make(users));
        }
    };

    view! {
        <div class="toolbar">
            <button type="button" class="primary" on:click=move |_| open.set(Open::Add)>"Add"</button>
            <button type="button" on:click=move |_| open.set(Open::BulkAdd)>"Bulk Add"</button>
            <Menu label="Actions" open=actions_open>
                <li><button type="button" on:click=move |_| act_on_selected(Open::EditAccess)>"Edit Access"</button></li>
                <li><button type="button" on:click=move |_| act_on_selected(Open::Remove)>"Remove"</button></li>
            </Menu>
            <button type="button" on:click=export>"Export"</button>
        </div>
        <filters::FilterBar query/>
        <UserCount selection/>
        <SelectionBanner selection/>
        <table class="users">
            <thead><tr>
                <th scope="col"><SelectAll selection/></th>
                <th scope="col" class="who">"Name"</th><th scope="col">"Email"</th><th scope="col">"Role"</th>
                <th scope="col">"Status"</th><th scope="col">"Products"</th><th scope="col">"Actions"</th>
            </tr></thead>
            <tbody>
                // Keyed by the whole row: a row is drawn again only when what it shows has changed.
                <For each=move || page_rows.get() key=|r| r.clone() let:row>
                    <UserRowView row selection open/>
                </For>
            </tbody>
        </table>
        <Pager page=Signal::derive(page) pages=Signal::derive(pages) on_page=move |p| query.set_page(p)/>
        {move || match open.get() {
            Open::Nothing => ().into_any(),
            Open::Add => view! { <add_user::AddUser open/> }.into_any(),
            Open::BulkAdd => view! { <bulk_add::BulkAdd open/> }.into_any(),
            Open::EditAccess(users) => view! { <edit_access::EditAccess users open/> }.into_any(),
            Open::Remove(users) => view! { <remove::Remove users open/> }.into_any(),
        }}
    }
}

#[component]
fn UserRowView(row: UserRow, selection: Selection, open: RwSignal<Open>) -> impl IntoView {
    let console = expect_context::<Console>();
    let id = row.id;
    let name = row.name.clone();
    let pending = row.status == UserStatus::Pending;
    let status = match (row.status, row.needs_resend) {
        (UserStatus::Active, _) => "Active",
        (UserStatus::Pending, false) => "Pending",
        (UserStatus::Pending, true) => "Pending · Resend invite",
    };
    let resend = {
        let name = name.clone();
        move |_| {
            console.run(Command::ResendInvite { user: id }, |_| format!("The invitation was sent again to {name}."));
        }
    };
    view! {
        <tr>
            <td><SelectUser selection user=id name=name.clone()/></td>
            <td class="who">{row.name.clone()}</td>
            <td>{row.email}</td>
            <td>{row.role.label()}</td>
            <td class=if pending { "pending" } else { "active" }>{status}</td>
            <td>{row.products.join(", ")}</td>
            <td class="row-actions">
                <button type="button" class="link" aria-label=format!("Edit Access for {name}")
                    on:click=move |_| open.set(Open::EditAccess(vec![id]))>"Edit Access"</button>
                {pending.then(|| view! {
                    <button type="button" class="link" aria-label=format!("Resend invite to {name}") on:click=resend>"Resend invite"</button>
                })}
                <button type="button" class="link danger" aria-label=format!("Remove {name}")
                    on:click=move |_| open.set(Open::Remove(vec![id]))>"Remove"</button>
            </td>
        </tr>
    }
}
