//! Billing and Orders → Contracts & Subscriptions: the contracts the viewer manages, with status from the
//! dates (rules 46–47), sortable and filterable. Only a contract manager sees billing (matrix, rule 32).

use crate::domain::lifecycle::Status;
use crate::domain::read::contracts::{contract_rows, ContractSort as Sort};
use crate::ui::Console;
use leptos::prelude::*;
use leptos_router::components::A;

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
    let sort = RwSignal::new(Sort::default());
    let only = RwSignal::new(None::<Status>);
    let rows = Memo::new(move |_| {
        let (today, actor) = (console.today.get(), console.actor());
        console.env.with(|e| contract_rows(&e.account, actor, today, sort.get(), only.get()))
    });
    let manages_any = move || console.env.with(|e| console.actor().is_some_and(|a| e.account.is_contract_manager(a)));
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
                    {move || rows.get().into_iter().map(|r| {
                        let renewal = r.renewal();
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
