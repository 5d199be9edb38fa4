//! Billing and Orders → Subscriptions (§4b.10): the team's subscriptions with subscription ID, contract number,
//! product, seats, term, dates, auto-renewal, status (rule 46) and reseller; exported in Autodesk's columns
//! (rule 60).

use super::{team_name, CurrentTeam, TeamScope};
use crate::domain::read::export::subscriptions_csv;
use crate::domain::read::team::subscription_rows;
use crate::domain::read::whatif::subscription_impact;
use crate::ui::components::dialog::Dialog;
use crate::ui::components::impact::ImpactView;
use crate::ui::download::export_csv;
use crate::ui::Console;
use leptos::prelude::*;

mod move_to;
use move_to::MoveSubscription;

/// A billing detail only the contract manager (or the online subscription's owner) sees (section 2).
const HIDDEN: &str = "Contract manager only";

#[component]
pub fn Subscriptions() -> impl IntoView {
    let refusal = "You don't have access to Subscriptions. A team's primary, secondary and SSO admins see its subscriptions; their billing details are the contract manager's.";
    view! { <TeamScope title="Subscriptions" refusal><SubscriptionList/></TeamScope> }
}

#[component]
fn SubscriptionList() -> impl IntoView {
    let console = expect_context::<Console>();
    let team = expect_context::<CurrentTeam>();
    let rows = Memo::new(move |_| {
        let today = console.today.get();
        console.env.with(|e| {
            subscription_rows(&e.account, console.actor().unwrap_or(crate::domain::UserId(0)), team.get(), today)
        })
    });
    let asked = RwSignal::new(None::<crate::domain::SubscriptionId>);
    let moving = RwSignal::new(None::<crate::domain::SubscriptionId>);
    let export = move |_| {
        let csv =
            console.env.with(|e| rows.with(|r| subscriptions_csv(&team_name(&e.account, team.get_untracked()), r)));
        export_csv(console, "subscriptions.csv", rows.with(Vec::len), "subscriptions", &csv);
    };
    view! {
        <div class="toolbar"><button type="button" on:click=export>"Export"</button></div>
        <table class="users">
            <thead><tr>
                <th scope="col">"Subscription ID"</th><th scope="col">"Contract number"</th><th scope="col">"Product"</th>
                <th scope="col">"Seats"</th><th scope="col">"Tied to this ID"</th><th scope="col">"Term"</th><th scope="col">"Start date"</th>
                <th scope="col">"End date"</th><th scope="col">"Automatic renewal"</th><th scope="col">"Status"</th>
                <th scope="col">"Reseller"</th><th scope="col">"If not renewed"</th><th scope="col">"Team"</th>
            </tr></thead>
            <tbody>
                {move || rows.get().into_iter().map(|s| {
                    let status = s.status.label();
                    view! {
                        <tr>
                            <th scope="row">{s.id.to_string()}</th>
                            <td>{match (s.billing, s.contract) {
                                (false, _) => HIDDEN.to_string(),
                                (true, Some(c)) => c.to_string(),
                                (true, None) => "Online purchase".into(),
                            }}</td>
                            <td>{s.product}</td>
                            <td>{s.seats}</td>
                            <td>{s.pinned}</td>
                            <td>{s.term.label()}</td>
                            <td>{s.start_date.to_string()}</td>
                            <td>{s.end_date.to_string()}</td>
                            <td>{match (s.billing, s.auto_renew) {
                                (false, _) => HIDDEN.to_string(),
                                (true, true) => format!("On, renews {}", s.end_date),
                                (true, false) => "Off".into(),
                            }}</td>
                            <td><span class=format!("badge {}", status.to_lowercase())>{status}</span></td>
                            // A reseller's long address wraps rather than widen the page (issue 26 review).
                            <td class="wrap">{match (s.billing, s.reseller) {
                                (false, _) => HIDDEN.to_string(),
                                (true, Some(r)) => format!("{} ({})", r.name, r.email),
                                (true, None) => "Autodesk".into(),
                            }}</td>
                            <td><button type="button" class="link" aria-label=format!("What happens if {} is not renewed", s.id)
                                on:click={ let id = s.id.clone(); move |_| asked.set(Some(id.clone())) }>"What happens"</button></td>
                            <td>{s.movable.then(|| view! {
                                <button type="button" class="link" aria-label=format!("Move {} to another team", s.id)
                                    on:click={ let id = s.id.clone(); move |_| moving.set(Some(id.clone())) }>"Move"</button>
                            })}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        {move || moving.get().map(|id| view! { <MoveSubscription from=team.get_untracked() id on_close=move || moving.set(None)/> })}
        {move || asked.get().map(|id| {
            let today = console.today.get();
            let impact = console.env.with(|e| e.account.teams.get(&team.get()).and_then(|t| subscription_impact(&e.account, t, &id, today)));
            view! {
                <Dialog title=format!("If {id} is not renewed") on_close=move || asked.set(None)>
                    {impact.map(|i| view! { <ImpactView impact=i name=id.to_string() today/> })}
                    <p class="hint">"People holding the product from the pool keep it while the product's other subscriptions have seats for them; the least recent users lose it first."</p>
                    <div class="buttons"><button type="button" on:click=move |_| asked.set(None)>"Close"</button></div>
                </Dialog>
            }
        })}
    }
}
