//! Team hubs (BIM 360 Team / Fusion Team): the hub list with its contracts, creating a hub (a trial until a
//! contract is assigned) and assigning a contract by hub or typed address (W8, rules 53–56).

use crate::domain::{Command, ContractNo, HubChoice, HubId};
use crate::ui::console::Flash;
use crate::ui::Console;
use leptos::prelude::*;

#[component]
pub fn Hubs() -> impl IntoView {
    let console = expect_context::<Console>();
    let is_manager = move || console.env.with(|e| console.actor().is_some_and(|a| e.account.is_contract_manager(a)));
    let hubs = move || {
        console.env.with(|e| {
            e.account
                .hubs
                .iter()
                .map(|(id, h)| {
                    let contracts: Vec<String> = e.account.hub_contracts(*id).iter().map(|c| c.to_string()).collect();
                    (h.name.clone(), h.url.clone(), h.kind.clone(), contracts)
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <h1>"Team hubs"</h1>
        <table class="users">
            <thead><tr><th scope="col">"Hub"</th><th scope="col">"Address"</th><th scope="col">"Type"</th><th scope="col">"State"</th><th scope="col">"Contracts"</th></tr></thead>
            <tbody>
                {move || hubs().into_iter().map(|(name, url, kind, contracts)| view! {
                    <tr>
                        <td>{name}</td><td>{url}</td><td>{kind}</td>
                        <td>{if contracts.is_empty() { "Trial" } else { "Subscribed" }}</td>
                        <td>{if contracts.is_empty() { "—".to_string() } else { contracts.join(", ") }}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        <Show when=is_manager fallback=|| view! {
            <p class="refusal">"Only a contract manager can create Team hubs and assign contracts to them."</p>
        }>
            <AssignContract/>
            <CreateHub/>
        </Show>
    }
}

#[component]
fn CreateHub() -> impl IntoView {
    let console = expect_context::<Console>();
    let (name, url, kind) =
        (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new("BIM 360 Team".to_string()));
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let cmd =
            Command::CreateHub { name: name.get_untracked(), url: url.get_untracked(), kind: kind.get_untracked() };
        if console.run(cmd, |_| "The hub was created. It stays a trial until a contract is assigned to it.".into()) {
            name.set(String::new());
            url.set(String::new());
        }
    };
    view! {
        <section class="card" aria-label="Create a hub">
            <h2>"Create a hub"</h2>
            <form on:submit=create>
                <div class="field"><label for="hub-name">"Hub name"</label>
                    <input id="hub-name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/></div>
                <div class="field"><label for="hub-url">"Hub address"</label>
                    <input id="hub-url" placeholder="https://yourhub.autodesk360.com" prop:value=move || url.get()
                        on:input=move |ev| url.set(event_target_value(&ev))/></div>
                <div class="field"><label for="hub-kind">"Hub type"</label>
                    <select id="hub-kind" on:change=move |ev| kind.set(event_target_value(&ev))>
                        <option value="BIM 360 Team">"BIM 360 Team"</option>
                        <option value="Fusion Team">"Fusion Team"</option>
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
    let assign = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let no = contract.get_untracked();
        if no.is_empty() {
            console.flash.set(Some(Flash::Refused("Choose the contract to assign.".into())));
            return;
        }
        let choice = match hub.get_untracked().parse::<u32>() {
            Ok(id) => HubChoice::Existing(HubId(id)),
            Err(_) => HubChoice::Url(typed.get_untracked()),
        };
        console.run(Command::AssignContractToHub { contract: ContractNo(no.clone()), hub: choice }, |_| {
            format!("Contract {no} is assigned to the hub.")
        });
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
    }
}
