//! Billing and Orders → Contracts & Subscriptions: the contracts the viewer manages, with status from the
//! dates (rules 46–47), sortable and filterable. Only a contract manager sees billing (matrix, rule 32).

use crate::domain::lifecycle::{days_to_end, status, Status};
use crate::domain::ContractNo;
use crate::ui::Console;
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;

#[derive(Clone, PartialEq)]
struct Row {
    number: ContractNo,
    kind: &'static str,
    channel: &'static str,
    access: &'static str,
    status: Status,
    end: NaiveDate,
    days: i64,
    seats: Vec<String>,
}

#[derive(Clone, Copy, PartialEq)]
enum Sort {
    Number,
    EndDate,
    Status,
}

/// The refusal shown to anyone who is not a contract manager.
pub fn billing_refusal() -> impl IntoView {
    view! { <p class="refusal">"Only a contract manager can see contracts, billing and renewals. Ask your contract manager."</p> }
}

pub fn status_badge(s: Status) -> impl IntoView {
    view! { <span class=format!("badge {}", s.label().to_lowercase())>{s.label()}</span> }
}

#[component]
pub fn Contracts() -> impl IntoView {
    let console = expect_context::<Console>();
    let sort = RwSignal::new(Sort::EndDate);
    let only = RwSignal::new(None::<Status>);
    let rows = Memo::new(move |_| {
        let today = console.today.get();
        let actor = console.actor();
        console.env.with(|e| {
            let mut rows: Vec<Row> = e
                .account
                .contracts
                .values()
                .filter(|c| Some(c.contract_manager) == actor)
                .map(|c| Row {
                    number: c.number.clone(),
                    kind: c.kind.label(),
                    channel: c.channel.label(),
                    access: c.access.label(),
                    status: status(c.end_date, c.term, today),
                    end: c.end_date,
                    days: days_to_end(c.end_date, today),
                    seats: c
                        .lines
                        .values()
                        .map(|l| format!("{}: {} of {}", l.product, l.holders.len(), c.capacity(l)))
                        .collect(),
                })
                .collect();
            match sort.get() {
                Sort::Number => rows.sort_by(|a, b| a.number.cmp(&b.number)),
                Sort::EndDate => rows.sort_by_key(|r| r.end),
                Sort::Status => rows.sort_by_key(|r| (r.status, r.end)),
            }
            rows
        })
    });
    let manages_any = move || rows.with(|r| !r.is_empty());
    let header = move |label: &'static str, by: Sort| {
        view! {
            <th scope="col" aria-sort=move || if sort.get() == by { "ascending" } else { "none" }>
                <button type="button" class="link" on:click=move |_| sort.set(by)>{label}</button>
            </th>
        }
    };
    let statuses = [Status::Active, Status::Expiring, Status::Expired, Status::Suspended, Status::Canceled];
    view! {
        <h1>"Contracts & Subscriptions"</h1>
        <Show when=manages_any fallback=billing_refusal>
            <div class="filters" role="search" aria-label="Filter contracts">
                <div class="field">
                    <label for="status-filter">"Status"</label>
                    <select id="status-filter" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        only.set(statuses.into_iter().find(|s| s.label() == v));
                    }>
                        <option value="">"All statuses"</option>
                        {statuses.into_iter().map(|s| view! { <option value=s.label()>{s.label()}</option> }).collect_view()}
                    </select>
                </div>
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
                    {move || rows.get().into_iter().filter(|r| only.get().is_none_or(|s| s == r.status)).map(|r| {
                        let renewal = match r.days {
                            d if d >= 0 => format!("{d} days to renewal"),
                            d => format!("ended {} days ago", -d),
                        };
                        view! {
                            <tr>
                                <td><A href=format!("/billing/contracts/{}", r.number)>{r.number.to_string()}</A></td>
                                <td>{format!("{} · {} · {}", r.kind, r.channel, r.access)}</td>
                                <td>{status_badge(r.status)}</td>
                                <td>{r.end.to_string()}</td>
                                <td>{renewal}</td>
                                <td><ul class="plain">{r.seats.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </Show>
    }
}
