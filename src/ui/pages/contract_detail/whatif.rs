//! What if this contract is not renewed (issue 12; rule 46): the day it expires, the day access ends and who
//! loses which product and services, the day it is canceled, and the Team hub that loses it. And "Renew with
//! fewer seats": a seat number per line gives the people who would have to be unassigned, least recent use
//! first (rule 61), else alphabetically; the plan is one `ReclaimSeats` command, sent only when confirmed.

use crate::domain::input::renewal_seats;
use crate::domain::read::seats::Seats;
use crate::domain::read::whatif::{contract_impact, fewer_seats, fewer_seats_plan, FewerSeats};
use crate::domain::{Command, Contract, LineId};
use crate::ui::components::dialog::{ConfirmButtons, Dialog};
use crate::ui::components::impact::ImpactView;
use crate::ui::Console;
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::BTreeMap;

#[component]
pub fn IfNotRenewed(contract: Contract) -> impl IntoView {
    let console = expect_context::<Console>();
    let number = contract.number.clone();
    let impact = Memo::new(move |_| {
        let today = console.today.get();
        console.env.with(|e| e.account.contracts.get(&number).map(|c| contract_impact(&e.account, c, today)))
    });
    let no = contract.number.clone();
    let mine = contract.number.clone();
    // Subscriptions bought on this contract renew on their own dates: named here, so nobody is missed.
    let linked = Memo::new(move |_| {
        console.env.with(|e| {
            e.account
                .teams
                .iter()
                .flat_map(|(t, team)| team.subscriptions.iter().map(move |(id, s)| (t, id, s)))
                .filter(|(_, _, s)| s.contract.as_ref() == Some(&mine))
                .map(|(t, id, s)| (*t, id.clone(), s.product.clone(), s.end_date))
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="card" aria-label="If not renewed">
            <h2>"If not renewed"</h2>
            {move || impact.get().map(|i| view! { <ImpactView impact=i name=no.to_string() today=console.today.get()/> })}
            <Show when=move || linked.with(|l| !l.is_empty())>
                <p>"Team subscriptions bought on this contract end on their own dates; their holders are not in the list above:"</p>
                <ul class="stages">{move || linked.get().into_iter().map(|(team, id, product, end)| view! {
                    <li><A href=format!("/billing/subscriptions?team={team}")>{format!("{id} ({product}, ends {end})")}</A>" — What happens is on Subscriptions."</li>
                }).collect_view()}</ul>
            </Show>
            <FewerSeatsForm contract/>
        </section>
    }
}

/// A seat number per line, checked (a whole number from 0 to the seats there are now), then the plan.
#[component]
fn FewerSeatsForm(contract: Contract) -> impl IntoView {
    let console = expect_context::<Console>();
    let entered: RwSignal<BTreeMap<LineId, String>> = RwSignal::new(BTreeMap::new());
    let error = RwSignal::new(None::<String>);
    let plan = RwSignal::new(None::<Vec<FewerSeats>>);
    let confirm = RwSignal::new(false);
    let c = StoredValue::new(contract.clone());
    // Each line's seats now, as every screen writes them (`Seats`): a multi-user line's seats and named users.
    let today = console.today.get_untracked();
    let now: Vec<String> = console.env.with_untracked(|e| {
        contract.lines.values().map(|l| Seats::line(&e.account, &contract, l, today).summary()).collect()
    });
    let show = move |_| {
        let c = c.get_value();
        let mut keep = Vec::new();
        for (id, l) in &c.lines {
            let text = entered.with_untracked(|e| e.get(id).cloned()).unwrap_or_else(|| l.seats.to_string());
            match renewal_seats(&text, &l.product, &l.serial.to_string(), l.seats) {
                Ok(n) => keep.push((*id, n)),
                Err(why) => {
                    error.set(Some(why));
                    plan.set(None);
                    return;
                }
            }
        }
        error.set(None);
        let today = console.today.get_untracked();
        plan.set(Some(console.env.with_untracked(|e| fewer_seats(&e.account, &c, &keep, today))));
    };
    let people = move || plan.with(|p| p.as_ref().map_or(0, |p| p.iter().map(|x| x.unassign.len()).sum::<usize>()));
    let run = move || {
        let Some(p) = plan.get_untracked() else { return };
        let seats = fewer_seats_plan(&c.get_value(), &p);
        let n = seats.len();
        console.run(Command::ReclaimSeats { seats }, move |_| {
            let who = if n == 1 { "1 person".to_string() } else { format!("{n} people") };
            format!("Unassigned {who} to fit the fewer seats. Undo brings them back.")
        });
        confirm.set(false);
        plan.set(None);
    };
    view! {
        <h3>"Renew with fewer seats"</h3>
        <form class="inline-form" on:submit=move |ev| { ev.prevent_default(); show(()); }>
            {contract.lines.iter().zip(now).map(|((id, l), now)| {
                let (id, input) = (*id, format!("fewer-{id}"));
                let hint = format!("{input}-now");
                view! {
                    <div class="field">
                        <label for=input.clone()>{format!("Seats of {} ({})", l.product, l.serial)}</label>
                        <input id=input inputmode="numeric" value=l.seats.to_string() aria-describedby=hint.clone()
                            on:input=move |ev| entered.update(|e| { e.insert(id, event_target_value(&ev)); })/>
                    <span class="hint" id=hint>{format!("Now: {now}")}</span>
                    </div>
                }
            }).collect_view()}
            <button type="submit">"Show who would be unassigned"</button>
            <p class="field-error" role="alert">{move || error.get()}</p>
        </form>
        {move || plan.get().map(|p| {
            let rows: Vec<_> = p.iter().flat_map(|x| x.unassign.iter().map(move |(_, name, last)| (x.product.clone(), x.keep, name.clone(), *last))).collect();
            view! {
                <p class="count" aria-live="polite">{match people() {
                    0 => "Everyone keeps their seat with these numbers.".to_string(),
                    1 => "1 person would have to be unassigned, least recent use first:".to_string(),
                    n => format!("{n} people would have to be unassigned, least recent use first:"),
                }}</p>
                <Show when=move || { people() > 0 }>
                    <table class="users">
                        <caption>"Who would be unassigned"</caption>
                        <thead><tr><th scope="col">"User"</th><th scope="col">"Product"</th><th scope="col">"Seats kept"</th><th scope="col">"Last used"</th></tr></thead>
                        <tbody>{rows.clone().into_iter().map(|(product, keep, name, last)| view! {
                            <tr><td>{name}</td><td>{product}</td><td>{keep}</td><td>{last.map_or("Never used".to_string(), |d| d.to_string())}</td></tr>
                        }).collect_view()}</tbody>
                    </table>
                    <button type="button" on:click=move |_| confirm.set(true)>{move || format!("Unassign these {} now", people())}</button>
                </Show>
            }
        })}
        <Show when=move || confirm.get()>
            <Dialog title=Signal::derive(move || format!("Unassign {} people", people())) on_close=move || confirm.set(false)>
                <ul class="lost">{move || plan.get().unwrap_or_default().into_iter().flat_map(|p| {
                    let product = p.product;
                    p.unassign.into_iter().map(move |(_, name, _)| view! { <li>{format!("{name}: {product}")}</li> })
                }).collect_view()}</ul>
                <p>"They lose the product at once, as with Edit Access; the change is in the activity log and Undo brings them back."</p>
                <ConfirmButtons label="Unassign" danger=true on_cancel=move || confirm.set(false) on_confirm=move || run()/>
            </Dialog>
        </Show>
    }
}
