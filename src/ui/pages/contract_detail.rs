//! One contract: serial numbers and coordinators, product lines and seats, contract manager, reseller,
//! Team hub and renewal options; Manage Software Coordinators (W7) and Change contract manager (W5).

mod whatif;

use super::contracts::{status_badge, BILLING_REFUSAL};
use crate::domain::lifecycle::{days_to_end, status};
use crate::domain::read::seats::Seats;
use crate::domain::{Channel, Command, Contract, ContractNo, SerialNo, UserId};
use crate::ui::components::dialog::{ConfirmButtons, Dialog};
use crate::ui::components::fields::PersonPicker;
use crate::ui::components::preview::SavePreview;
use crate::ui::Console;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use std::collections::BTreeSet;

#[component]
pub fn ContractDetail() -> impl IntoView {
    let console = expect_context::<Console>();
    let params = use_params_map();
    let number = Memo::new(move |_| ContractNo(params.with(|p| p.get("number").unwrap_or_default())));
    let contract = Memo::new(move |_| console.env.with(|e| e.account.contracts.get(&number.get()).cloned()));
    let is_manager = move || contract.with(|c| c.as_ref().is_some_and(|c| Some(c.contract_manager) == console.actor()));
    view! {
        <p><A href="/billing/contracts">"← Contracts & Subscriptions"</A></p>
        <h1>{move || format!("Contract {}", number.get())}</h1>
        {move || match (contract.get(), is_manager()) {
            (None, _) => view! { <p class="refusal">"There is no such contract in this account."</p> }.into_any(),
            (Some(_), false) => view! { <p class="refusal">{BILLING_REFUSAL}</p> }.into_any(),
            (Some(c), true) => view! { <ContractBody contract=c/> }.into_any(),
        }}
    }
}

#[component]
fn ContractBody(contract: Contract) -> impl IntoView {
    let console = expect_context::<Console>();
    let c = contract.clone();
    let today = console.today.get_untracked();
    let (cm, hub, people) = console.env.with_untracked(|e| {
        let hub = c.hub.and_then(|h| e.account.hubs.get(&h)).map(|h| format!("{} ({})", h.name, h.url));
        (e.account.name_of(c.contract_manager), hub, e.account.active_named_users())
    });
    let seats: Vec<String> = console
        .env
        .with_untracked(|e| c.lines.values().map(|l| Seats::line(&e.account, &c, l, today).summary()).collect());
    let name_of = move |u: UserId| console.env.with_untracked(|e| e.account.name_of(u));
    let left = days_to_end(c.end_date, today);
    let renewal = match (c.channel, &c.reseller) {
        (Channel::OnlineStore, _) => None,
        (_, Some(r)) => Some(format!("Bought through {}: contact {} ({}) to renew.", r.name, r.name, r.email)),
        (_, None) => Some("Bought through Autodesk sales: contact your Autodesk sales representative to renew.".into()),
    };
    let no = c.number.clone();
    let toggle_renew = {
        let (no, on) = (no.clone(), !c.auto_renew);
        move |_| {
            let word = if on { "on" } else { "off" };
            console
                .run(Command::SetAutoRenew { contract: no.clone(), on }, |_| format!("Auto-renew is {word} for {no}."));
        }
    };
    view! {
        <section class="card" aria-label="Summary">
            <dl class="facts">
                <dt>"Status"</dt><dd>{status_badge(status(c.end_date, c.term, today))}</dd>
                <dt>"Type"</dt><dd>{format!("{} · {} · {}", c.kind.label(), c.access.label(), c.term.label())}</dd>
                <dt>"Purchased through"</dt><dd>{c.channel.label()}</dd>
                <dt>"Term"</dt><dd>{format!("{} to {}", c.start_date, c.end_date)}</dd>
                <dt>"Renewal"</dt><dd>{if left >= 0 { format!("{left} days to renewal") } else { format!("ended {} days ago", -left) }}</dd>
                <dt>"Contract manager"</dt><dd>{cm}</dd>
                <dt>"Reseller"</dt><dd>{c.reseller.as_ref().map_or("—".to_string(), |r| format!("{} ({})", r.name, r.email))}</dd>
                <dt>"Support"</dt><dd>{c.support_level.clone()}</dd>
                <dt>"Team hub"</dt><dd>{hub.unwrap_or_else(|| "Not assigned".into())}" "<A href="/hubs">"Team hubs"</A></dd>
            </dl>
        </section>
        <section class="card" aria-label="Renewal options">
            <h2>"Renewal options"</h2>
            {match renewal {
                Some(text) => view! { <p>{text}</p> }.into_any(),
                None => view! {
                    <p>{format!("Auto-renew is {}.", if c.auto_renew { "on" } else { "off" })}</p>
                    <button type="button" on:click=toggle_renew>{if c.auto_renew { "Turn auto-renew off" } else { "Turn auto-renew on" }}</button>
                }.into_any(),
            }}
        </section>
        <section class="card" aria-label="Products">
            <h2>"Products"</h2>
            <table class="users">
                <thead><tr><th scope="col">"Product"</th><th scope="col">"Serial number"</th><th scope="col">"Seats"</th><th scope="col">"Services"</th></tr></thead>
                <tbody>{c.lines.values().zip(seats).map(|(l, seats)| view! {
                    <tr>
                        <td>{format!("{} {}", l.product, l.release)}</td>
                        <td>{l.serial.to_string()}</td>
                        <td>{seats}</td>
                        <td>{l.services.join(", ")}</td>
                    </tr>
                }).collect_view()}</tbody>
            </table>
        </section>
        <section class="card" aria-label="Serial numbers">
            <h2>"Serial numbers"</h2>
            <table class="users">
                <thead><tr><th scope="col">"Serial number"</th><th scope="col">"License"</th><th scope="col">"Products"</th><th scope="col">"Software coordinator"</th></tr></thead>
                <tbody>{c.serials.iter().map(|(s, sn)| {
                    let products: Vec<String> = c.lines.values().filter(|l| &l.serial == s).map(|l| l.product.clone()).collect();
                    let coordinator = match sn.coordinator {
                        Some(u) => name_of(u),
                        None => format!("{} (contract manager)", name_of(c.contract_manager)),
                    };
                    view! { <tr><td>{s.to_string()}</td><td>{sn.license_type.label()}</td><td>{products.join(", ")}</td><td>{coordinator}</td></tr> }
                }).collect_view()}</tbody>
            </table>
        </section>
        <whatif::IfNotRenewed contract=contract.clone()/>
        <ManageCoordinators contract=contract.clone() people=people.clone()/>
        <ChangeManager contract=contract people/>
    }
}

/// The user chosen in a picker, or a refusal saying what to choose.
fn picked(console: &Console, person: RwSignal<String>, missing: &str) -> Option<UserId> {
    let id = person.get_untracked().parse().ok().map(UserId);
    if id.is_none() {
        console.flash.set(Some(crate::ui::console::Flash::Refused(missing.to_string())));
    }
    id
}

/// W7: tick serial numbers, pick a user from the user list, Assign (rules 3–4).
#[component]
fn ManageCoordinators(contract: Contract, people: Vec<(UserId, String)>) -> impl IntoView {
    let console = expect_context::<Console>();
    let chosen = RwSignal::new(BTreeSet::<SerialNo>::new());
    let person = RwSignal::new(String::new());
    let no = contract.number.clone();
    let assign = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(id) = picked(&console, person, "Choose the user who will be software coordinator.") else { return };
        let serials: Vec<SerialNo> = chosen.get_untracked().into_iter().collect();
        if serials.is_empty() {
            console.flash.set(Some(crate::ui::console::Flash::Refused("Tick at least one serial number.".into())));
            return;
        }
        let name = console.env.with_untracked(|e| e.account.name_of(id));
        let list = serials.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(", ");
        if console.run(Command::AssignCoordinator { contract: no.clone(), serials, user: id }, |_| {
            format!("{name} is now the software coordinator for {list}.")
        }) {
            chosen.set(BTreeSet::new());
        }
    };
    view! {
        <section class="card" aria-label="Manage Software Coordinators">
            <h2>"Manage Software Coordinators"</h2>
            <form on:submit=assign>
                <fieldset>
                    <legend>"Serial numbers"</legend>
                    {contract.serials.keys().map(|s| {
                        let s2 = s.clone();
                        let s3 = s.clone();
                        view! {
                            <label class="check">
                                <input type="checkbox" prop:checked=move || chosen.with(|c| c.contains(&s2))
                                    on:change=move |_| chosen.update(|c| if !c.remove(&s3) { c.insert(s3.clone()); })/>
                                {s.to_string()}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <PersonPicker id="coordinator" label="Software coordinator" people person/>
                <p class="hint">"Not in the list? "<A href="/users/classic">"Add the user"</A>
                    " in Classic User Management; they can be named once they have accepted the invitation."</p>
                <button type="submit" class="primary">"Assign"</button>
            </form>
        </section>
    }
}

/// W5: the current contract manager names the next one; store purchases are refused (rules 34–36).
#[component]
fn ChangeManager(contract: Contract, people: Vec<(UserId, String)>) -> impl IntoView {
    let console = expect_context::<Console>();
    let person = RwSignal::new(String::new());
    let no = contract.number.clone();
    // Asked first: the change takes this contract's details, billing and renewals away from the person making it.
    let asking = RwSignal::new(false);
    let ask = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if picked(&console, person, "Choose the new contract manager.").is_some() {
            asking.set(true);
        }
    };
    let change = Callback::new(move |()| {
        asking.set(false);
        let Some(id) = picked(&console, person, "Choose the new contract manager.") else { return };
        let name = console.env.with_untracked(|e| e.account.name_of(id));
        console.run(Command::ChangeContractManager { contract: no.clone(), user: id }, |_| {
            format!("{name} is now the contract manager of {no}.")
        });
    });
    let lockout = StoredValue::new(format!(
        "Afterwards you no longer see contract {}'s details, billing or renewals: only its contract manager does. Your other contracts stay yours.",
        contract.number
    ));
    let store = contract.channel == Channel::OnlineStore;
    let chosen = {
        let no = contract.number.clone();
        Signal::derive(move || {
            let user = person.with(|p| p.parse().ok()).map(UserId)?;
            Some(Command::ChangeContractManager { contract: no.clone(), user })
        })
    };
    view! {
        <section class="card" aria-label="Change contract manager">
            <h2>"Change contract manager"</h2>
            {store.then(|| view! { <p class="hint">"This contract was bought from the Autodesk store: its contract manager can only change by cancelling and buying again."</p> })}
            <form on:submit=ask>
                <PersonPicker id="new-manager" label="New contract manager" person
                    people=people.into_iter().filter(|(id, _)| *id != contract.contract_manager).collect()/>
                <button type="submit" class="primary">"Change contract manager"</button>
            </form>
            <Show when=move || asking.get()>
                <Dialog title="Change contract manager".to_string() on_close=move || asking.set(false)>
                    <SavePreview command=chosen/>
                    <p>{lockout.get_value()}</p>
                    <ConfirmButtons label="Change contract manager" on_cancel=move || asking.set(false) on_confirm=move || change.run(())/>
                </Dialog>
            </Show>
        </section>
    }
}
