//! The header: the account's name, "Viewing as" (the person the console acts as) and the demo "As of" date.

use super::data_menu::DataMenu;
use super::dialog::{ConfirmButtons, Dialog};
use crate::domain::account_actions::AccountAction;
use crate::domain::{ClassicRoles, UserId};
use crate::ui::Console;
use chrono::NaiveDate;
use leptos::prelude::*;
use std::collections::BTreeSet;

/// Up to this many people, "Viewing as" lists everyone.
const PICKER_ALL: usize = 500;
/// At most this many people found by "Find a person" join the list.
const PICKER_FOUND: usize = 20;

#[component]
pub fn Header() -> impl IntoView {
    let console = expect_context::<Console>();
    let company = move || console.env.with(|e| e.account.company.clone());
    // Who can be chosen: everyone in a small account; in a large one (thousands of people, where a list of
    // everyone would be slow to draw and useless to scroll) the contract managers and team admins, the person
    // viewed now and those matching "Find a person". Computed once per change, drawn as keyed options.
    let find = RwSignal::new(String::new());
    let large = Memo::new(move |_| console.env.with_people(|e| e.account.users.len() > PICKER_ALL));
    let people = Memo::new(move |_| {
        let (text, viewed, large) = (find.get().trim().to_lowercase(), console.actor(), large.get());
        console.env.with_people(|e| {
            let acc = &e.account;
            let roles = ClassicRoles::of(acc);
            // A large account lists its admins and who is viewed, gathered from the roles (walking 10,000
            // people at each added or removed one cost Add user a millisecond), and what "Find a person" finds.
            let mut ids: BTreeSet<UserId> = match large {
                false => acc.users.keys().copied().collect(),
                true => {
                    let admins = acc.teams.values().flat_map(|t| t.members.iter().filter(|(_, m)| m.role.is_admin()));
                    let mut ids: BTreeSet<UserId> = admins.map(|(u, _)| *u).collect();
                    ids.extend(roles.managers.iter().copied().chain(viewed));
                    ids
                }
            };
            if large && text.len() >= 2 {
                let matched =
                    |u: &crate::domain::User| u.email.contains(&text) || u.full_name().to_lowercase().contains(&text);
                let found = acc.users.iter().filter(|(id, u)| !ids.contains(id) && matched(u)).take(PICKER_FOUND);
                let found: Vec<UserId> = found.map(|(id, _)| *id).collect();
                ids.extend(found);
            }
            let mut list: Vec<(UserId, String)> = ids
                .into_iter()
                .filter_map(|id| {
                    acc.users.get(&id).map(|u| (id, format!("{} — {}", u.full_name(), acc.role_label(&roles, id))))
                })
                .collect();
            list.sort_by(|a, b| a.1.cmp(&b.1));
            list
        })
    });
    let current = move || console.actor().map(|u| u.to_string()).unwrap_or_default();
    let on_change = move |ev: leptos::ev::Event| {
        if let Ok(id) = event_target_value(&ev).parse() {
            console.view_as(UserId(id));
        }
    };
    let as_of = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        match value.parse::<NaiveDate>() {
            Ok(date) => console.set_as_of(Some(date)),
            Err(_) if value.is_empty() => console.set_as_of(None),
            Err(_) => {}
        }
    };
    // Reset asks in the console's own dialog and can be undone (issue 16.5); only a contract manager sees it.
    let asking = RwSignal::new(false);
    let can_reset = move || console.may(AccountAction::ResetDemo);
    let reset = move || {
        asking.set(false);
        console.reset_demo();
    };
    // "Where is this seat?": one search across contracts, serial numbers, subscriptions, products and people.
    let navigate = leptos_router::hooks::use_navigate();
    let seat = RwSignal::new(String::new());
    let search = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let q: String = js_sys::encode_uri_component(seat.get_untracked().trim()).into();
        navigate(&format!("/search?q={q}"), Default::default());
    };
    let nav_open = expect_context::<super::nav::NavOpen>().0;
    let shared = move || console.sync_status().is_some();
    // On a phone the header collapses: "Viewing as", "As of", the theme and Reset open from Settings.
    let settings_open = RwSignal::new(false);
    view! {
        <header class="top">
            // On a phone the navigation is a menu (issue 17); the button shows only there.
            <button type="button" class="menu-toggle" aria-controls="main-nav" aria-expanded=move || nav_open.get().to_string()
                on:click=move |_| nav_open.update(|o| *o = !*o)
                // Escape on the button itself closes it too (an admin trial: only Escape inside it did).
                on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Escape" { nav_open.set(false) }>"Menu"</button>
            <div class="brand">
                <span class="logo" aria-hidden="true">"A"</span>
                <span class="product">"Autodesk Account"</span>
                <span class="company">{company}</span>
            </div>
            <form class="seat-search" role="search" aria-label="Where is this seat?" on:submit=search>
                <label for="seat-search">"Where is this seat?"</label>
                <input id="seat-search" type="search" placeholder="Contract, serial, subscription, product or email"
                    prop:value=move || seat.get() on:input=move |ev| seat.set(event_target_value(&ev))/>
                <button type="submit">"Find"</button>
            </form>
            <button type="button" class="settings-toggle" aria-controls="header-settings"
                aria-expanded=move || settings_open.get().to_string() on:click=move |_| settings_open.update(|o| *o = !*o)
                on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Escape" { settings_open.set(false) }>"Settings"</button>
            // Escape closes the settings on a phone and puts focus back on their button, as the Menu does.
            <div id="header-settings" class=move || if settings_open.get() { "viewing-as open" } else { "viewing-as" }
                on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                    if ev.key() == "Escape" && settings_open.get_untracked() {
                        settings_open.set(false);
                        if let Some(b) = document().query_selector("button.settings-toggle").ok().flatten() {
                            let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(b).focus();
                        }
                    }
                }>
                <label for="viewing-as">"Viewing as"</label>
                // A shared account acts as the person signed in to the server (issue 15).
                <select id="viewing-as" on:change=on_change prop:value=current disabled=shared>
                    <For each=move || people.get() key=|p| p.clone() children=move |(id, label)| {
                        let selected = move || current() == id.to_string();
                        view! { <option value=id.to_string() selected=selected>{label}</option> }
                    }/>
                </select>
                <Show when=move || large.get()>
                    <label for="find-person">"Find a person"</label>
                    <input id="find-person" type="search" placeholder="Name or email" prop:value=move || find.get()
                        on:input=move |ev| find.set(event_target_value(&ev))/>
                </Show>
                <label for="as-of">"As of"</label>
                <input id="as-of" type="date" prop:value=move || console.today.get().to_string() on:change=as_of disabled=shared/>
                <ThemeSwitch/>
                <Show when=can_reset>
                    <button type="button" class="link" on:click=move |_| asking.set(true)>"Reset demo account"</button>
                </Show>
            </div>
            <DataMenu/>
            // A live region: going offline or a refused change is announced where it shows.
            <span class="sync-live" aria-live="polite">
                {move || crate::ui::pages::share::status_text(console).map(|t| view! { <a href="/share" class="sync-badge">{t}</a> })}
            </span>
        </header>
        <Show when=move || asking.get()>
            <Dialog title="Reset demo account".to_string() on_close=move || asking.set(false)>
                <p>"Replace everything in this account with the demo account? You can undo this afterwards."</p>
                <ConfirmButtons label="Reset demo account" danger=true on_confirm=reset on_cancel=move || asking.set(false)/>
            </Dialog>
        </Show>
    }
}

/// Where the chosen theme is kept: a preference of this browser, not part of the account.
const THEME_KEY: &str = "contract-console.theme";

/// Light, dark, or the system's (issue 17): Weave's lightGray and darkGray themes in `style/main.css`.
#[component]
fn ThemeSwitch() -> impl IntoView {
    let storage = window().local_storage().ok().flatten();
    let saved = storage.as_ref().and_then(|s| s.get_item(THEME_KEY).ok().flatten()).unwrap_or_default();
    let apply = |theme: &str| {
        if let Some(root) = document().document_element() {
            let _ = match theme {
                "light" | "dark" => root.set_attribute("data-theme", theme),
                _ => root.remove_attribute("data-theme"),
            };
        }
    };
    apply(&saved);
    let chosen = RwSignal::new(saved);
    let change = move |ev: leptos::ev::Event| {
        let theme = event_target_value(&ev);
        apply(&theme);
        if let Some(s) = window().local_storage().ok().flatten() {
            let _ = if theme.is_empty() { s.remove_item(THEME_KEY) } else { s.set_item(THEME_KEY, &theme) };
        }
        chosen.set(theme);
    };
    view! {
        <label for="theme">"Theme"</label>
        <select id="theme" prop:value=move || chosen.get() on:change=change>
            <option value="">"System"</option>
            <option value="light">"Light"</option>
            <option value="dark">"Dark"</option>
        </select>
    }
}
