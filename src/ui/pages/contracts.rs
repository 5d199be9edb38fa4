//! Billing and Orders → Contracts & Subscriptions: the contracts the viewer manages, with status from the
//! dates (rules 46–47), sortable and filterable. Only a contract manager sees billing (matrix, rule 32).

use crate::domain::lifecycle::Status;
use crate::domain::read::contracts::{contract_rows, ContractSort as Sort};
use crate::ui::components::fields::QuerySelect;
use crate::ui::components::guard::Guard;
use crate::ui::query::{use_url_query, FromQuery};
use crate::ui::Console;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::params::ParamsMap;

/// The refusal shown to anyone who is not a contract manager.
pub const BILLING_REFUSAL: &str =
    "Only a contract manager can see contracts, billing and renewals. Ask your contract manager.";

pub fn status_badge(s: Status) -> impl IntoView {
    view! { <span class=format!("badge {}", s.label().to_lowercase())>{s.label()}</span> }
}

/// The list's filter, kept in the URL: `?status=Expiring&sort=number`.
#[derive(Clone, PartialEq)]
struct ContractFilter {
    only: Option<Status>,
    sort: Sort,
}

const STATUSES: [Status; 5] = [Status::Active, Status::Expiring, Status::Expired, Status::Suspended, Status::Canceled];
const SORTS: [(Sort, &str); 3] = [(Sort::Number, "number"), (Sort::EndDate, "end"), (Sort::Status, "status")];

impl FromQuery for ContractFilter {
    fn from_query(q: &ParamsMap) -> Self {
        let sort = q.get_str("sort").and_then(|s| SORTS.iter().find(|(_, key)| *key == s)).map(|(sort, _)| *sort);
        ContractFilter {
            only: q.get_str("status").and_then(|v| STATUSES.into_iter().find(|s| s.label().eq_ignore_ascii_case(v))),
            sort: sort.unwrap_or_default(),
        }
    }
}

#[component]
pub fn Contracts() -> impl IntoView {
    let console = expect_context::<Console>();
    let query = use_url_query();
    let filter = query.filter::<ContractFilter>();
    let rows = Memo::new(move |_| {
        let (today, actor, f) = (console.today.get(), console.actor(), filter.get());
        console.env.with(|e| contract_rows(&e.account, actor, today, f.sort, f.only))
    });
    let is_manager = move || console.env.with(|e| console.actor().is_some_and(|a| e.account.is_contract_manager(a)));
    let header = move |label: &'static str, by: Sort| {
        let key = SORTS.iter().find(|(s, _)| *s == by).map_or("", |(_, k)| *k);
        view! {
            <th scope="col" aria-sort=move || if filter.with(|f| f.sort) == by { "ascending" } else { "none" }>
                <button type="button" class="link" on:click=move |_| query.set("sort", key.to_string())>{label}</button>
            </th>
        }
    };
    let statuses = Signal::derive(|| STATUSES.iter().map(|s| (s.label().to_string(), s.label().to_string())).collect());
    view! {
        <h1>"Contracts & Subscriptions"</h1>
        <Guard allowed=Signal::derive(is_manager) refusal=BILLING_REFUSAL>
            <div class="filters" role="search" aria-label="Filter contracts">
                <QuerySelect label="Status" key="status" all="All statuses" options=statuses query/>
            </div>
            <table class="users contracts">
                <thead><tr>
                    {header("Contract", Sort::Number)}
                    <th scope="col">"Type"</th>
                    {header("Status", Sort::Status)}
                    {header("End date", Sort::EndDate)}
                    <th scope="col">"Renewal"</th>
                    <th scope="col">"Seats used"</th>
                </tr></thead>
                <tbody>
                    <Show when=move || rows.with(Vec::is_empty)>
                        <tr><td colspan="6" class="empty">"No contracts have this status."</td></tr>
                    </Show>
                    <For each=move || rows.get() key=|r| r.clone() children=|r| {
                        let (number, renewal) = (r.number.to_string(), r.renewal());
                        view! {
                            <tr>
                                <td><A href=format!("/billing/contracts/{number}")>{number.clone()}</A></td>
                                <td>{format!("{} · {} · {}", r.kind, r.channel, r.access)}</td>
                                <td>{status_badge(r.status)}</td>
                                <td>{r.end.to_string()}</td>
                                <td>{renewal}</td>
                                <td><ul class="plain">{r.seats.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul></td>
                            </tr>
                        }
                    }/>
                </tbody>
            </table>
        </Guard>
    }
}
