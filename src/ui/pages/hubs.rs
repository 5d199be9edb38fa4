//! Team hubs (BIM 360 Team / Fusion Team): the hub list with its contracts and team, creating a hub (a trial
//! until a contract is assigned) and assigning a contract by hub or typed address (W8, rules 53–56). A team's
//! admins see the page too and create Fusion Team hubs for their team (rule 57).

use crate::domain::visibility::screens;
use crate::domain::{plan_assign_to_hub, Actor, Command, ContractNo, HubChoice, HubId, TeamId};
use crate::ui::components::dialog::{ConfirmButtons, Dialog};
use crate::ui::components::guard::Guard;
use crate::ui::console::Flash;
use crate::ui::Console;
use leptos::prelude::*;

#[component]
pub fn Hubs() -> impl IntoView {
    let console = expect_context::<Console>();
    let is_manager = move || console.env.with(|e| console.actor().is_some_and(|a| e.account.is_contract_manager(a)));
    let allowed = move || console.actor().is_some_and(|a| console.env.with(|e| screens(&e.account, a).hubs));
    let hubs = move || {
        let today = console.today.get();
        console.env.with(|e| {
            e.account
                .hubs
                .iter()
                .map(|(id, h)| {
                    let contracts: Vec<String> = e.account.hub_contracts(*id).iter().map(|c| c.to_string()).collect();
                    let team =
                        h.team.and_then(|t| e.account.teams.get(&t)).map_or("—".to_string(), |t| t.name.clone());
                    (h.name.clone(), h.url.clone(), h.kind.clone(), e.account.hub_state(*id, today), contracts, team)
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <h1>"Team hubs"</h1>
        <Guard allowed=Signal::derive(allowed) limits=true refusal="Team hubs are for contract managers and team admins.">
            <table class="users">
                <thead><tr><th scope="col">"Hub"</th><th scope="col">"Address"</th><th scope="col">"Type"</th><th scope="col">"State"</th><th scope="col">"Contracts"</th><th scope="col">"Team"</th></tr></thead>
                <tbody>
                    {move || hubs().into_iter().map(|(name, url, kind, state, contracts, team)| view! {
                        <tr>
                            <td>{name}</td><td>{url}</td><td>{kind}</td>
                            <td>{state}</td>
                            <td>{if contracts.is_empty() { "—".to_string() } else { contracts.join(", ") }}</td>
                            <td>{team}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <Show when=is_manager>
                <AssignContract/>
            </Show>
            <CreateHub/>
        </Guard>
    }
}

/// The contract manager creates either kind, for a team or none; a team's admin a Fusion Team hub for one of
/// their teams (rule 57).
#[component]
fn CreateHub() -> impl IntoView {
    let console = expect_context::<Console>();
    let manager = move || console.env.with(|e| console.actor().is_some_and(|a| e.account.is_contract_manager(a)));
    let teams = move || {
        let me = console.actor();
        console.env.with(|e| {
            let mine = |t: &crate::domain::Team| manager() || me.is_some_and(|u| t.wholly_administered_by(u));
            e.account.teams.iter().filter(|(_, t)| mine(t)).map(|(id, t)| (*id, t.name.clone())).collect::<Vec<_>>()
        })
    };
    let (name, url, kind) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new("BIM 360 Team".to_string()));
    let team = RwSignal::new(String::new());
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let chosen = team.get_untracked().parse::<u32>().ok().map(TeamId);
        // A team's admin creates Fusion Team hubs only: the form offers no other kind.
        let kind = if manager() { kind.get_untracked() } else { "Fusion Team".to_string() };
        if !manager() && chosen.is_none() {
            console.flash.set(Some(Flash::Refused("Choose the team the hub is for.".into())));
            return;
        }
        let cmd = Command::CreateHub { name: name.get_untracked(), url: url.get_untracked(), kind, team: chosen };
        let named = move |events: &[crate::domain::Event]| {
            let hub = events.iter().find_map(|e| {
                if let crate::domain::Event::HubCreated { hub } = e {
                    Some(*hub)
                } else {
                    None
                }
            });
            let name = console.env.with_untracked(|e| hub.and_then(|h| e.account.hubs.get(&h)).map(|h| h.name.clone()));
            format!(
                "The hub {} was created. It stays a trial until a contract is assigned to it.",
                name.unwrap_or_default()
            )
        };
        if console.run(cmd, named) {
            name.set(String::new());
            url.set(String::new());
        }
    };
    view! {
        <section class="card" aria-label="Create a hub">
            <h2>"Create a hub"</h2>
            <Show when=move || !manager()>
                <p class="hint">"As a team's admin you create Fusion Team hubs for your team (its members lose access when removed from it). The contract manager creates BIM 360 Team hubs."</p>
            </Show>
            <form on:submit=create>
                <div class="field"><label for="hub-name">"Hub name"</label>
                    <input id="hub-name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/></div>
                <div class="field"><label for="hub-url">"Hub address"</label>
                    <input id="hub-url" placeholder="https://yourhub.autodesk360.com" prop:value=move || url.get()
                        on:input=move |ev| url.set(event_target_value(&ev))/></div>
                <Show when=manager>
                    <div class="field"><label for="hub-kind">"Hub type"</label>
                        <select id="hub-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                            <option value="BIM 360 Team">"BIM 360 Team"</option>
                            <option value="Fusion Team">"Fusion Team"</option>
                        </select></div>
                </Show>
                <div class="field"><label for="hub-team">"For team"</label>
                    <select id="hub-team" on:change=move |ev| team.set(event_target_value(&ev))>
                        <option value="">{move || if manager() { "No team" } else { "Choose a team" }}</option>
                        {move || teams().into_iter().map(|(id, n)| view! { <option value=id.to_string()>{n}</option> }).collect_view()}
                    </select></div>
                <button type="submit" class="primary">"Create hub"</button>
            </form>
        </section>
    }
}

/// Pick a hub from the drop-down, or type its address when it is missing (rule 55).
#[component]
fn AssignContract() -> impl IntoView {
    let console = expect_context::<Console>();
    let contract = RwSignal::new(String::new());
    let hub = RwSignal::new(String::new());
    let typed = RwSignal::new(String::new());
    let contracts = move || {
        let actor = console.actor();
        console.env.with(|e| {
            e.account
                .contracts
                .values()
                .filter(|c| Some(c.contract_manager) == actor)
                .map(|c| c.number.to_string())
                .collect::<Vec<_>>()
        })
    };
    let hubs =
        move || console.env.with(|e| e.account.hubs.iter().map(|(id, h)| (*id, h.name.clone())).collect::<Vec<_>>());
    // What the assignment will do, when it needs the admin's yes first (rule 55, issue 16.1).
    let confirming = RwSignal::new(None::<(ContractNo, HubChoice, String)>);
    let send = move |no: ContractNo, choice: HubChoice, confirmed: bool| {
        let done = format!("Contract {no} is assigned to the hub.");
        console.run(Command::AssignContractToHub { contract: no, hub: choice, confirmed }, |_| done);
    };
    let assign = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let no = contract.get_untracked();
        if no.is_empty() {
            console.flash.set(Some(Flash::Refused("Choose the contract to assign.".into())));
            return;
        }
        let no = ContractNo(no);
        let choice = match hub.get_untracked().parse::<u32>() {
            Ok(id) => HubChoice::Existing(HubId(id)),
            Err(_) => HubChoice::Url(typed.get_untracked()),
        };
        let actor = console.actor().map_or(Actor::Autodesk, Actor::User);
        match console.env.with_untracked(|e| plan_assign_to_hub(&e.account, actor, &no, &choice)) {
            Err(e) => console.flash.set(Some(Flash::Refused(e.to_string()))),
            Ok(plan) => match plan.to_confirm(&no) {
                Some(what) => {
                    // An earlier refusal no longer applies once the admin is asked about this one.
                    console.flash.set(None);
                    confirming.set(Some((no, choice, what)));
                }
                None => send(no, choice, false),
            },
        }
    };
    let go_ahead = move || {
        if let Some((no, choice, _)) = confirming.get_untracked() {
            send(no, choice, true);
        }
        confirming.set(None);
    };
    view! {
        <section class="card" aria-label="Assign a contract to a hub">
            <h2>"Assign a contract to a hub"</h2>
            <p class="hint">"You need a seat of the contract's BIM 360 Team or Fusion Team product to see \"Access now\"."</p>
            <form on:submit=assign>
                <div class="field"><label for="assign-contract">"Contract"</label>
                    <select id="assign-contract" on:change=move |ev| contract.set(event_target_value(&ev))>
                        <option value="">"Choose a contract"</option>
                        {move || contracts().into_iter().map(|n| view! { <option value=n.clone()>{n.clone()}</option> }).collect_view()}
                    </select></div>
                <div class="field"><label for="assign-hub">"Hub"</label>
                    <select id="assign-hub" on:change=move |ev| hub.set(event_target_value(&ev))>
                        <option value="">"Type the hub's address"</option>
                        {move || hubs().into_iter().map(|(id, n)| view! { <option value=id.to_string()>{n}</option> }).collect_view()}
                    </select></div>
                <Show when=move || hub.with(String::is_empty)>
                    <div class="field"><label for="assign-url">"Hub address"</label>
                        <input id="assign-url" placeholder="https://yourhub.autodesk360.com" prop:value=move || typed.get()
                            on:input=move |ev| typed.set(event_target_value(&ev))/></div>
                </Show>
                <button type="submit" class="primary">"Assign Contract"</button>
            </form>
        </section>
        {move || confirming.with(|c| c.as_ref().map(|(_, _, what)| what.clone())).map(|what| view! {
            <Dialog title="Assign Contract".to_string() on_close=move || confirming.set(None)>
                <p>{what}</p>
                <ConfirmButtons label="Assign Contract" on_confirm=go_ahead on_cancel=move || confirming.set(None)/>
            </Dialog>
        })}
    }
}
