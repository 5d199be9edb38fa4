//! The left navigation of manage.autodesk.com.

use crate::domain::visibility::{screens, sees_email};
use crate::ui::Console;
use leptos::prelude::*;
use leptos_router::components::A;

/// Whether the navigation is shown on a phone, where it is a menu opened from the header (issue 17).
#[derive(Clone, Copy)]
pub struct NavOpen(pub RwSignal<bool>);

#[component]
pub fn Nav() -> impl IntoView {
    let console = expect_context::<Console>();
    let open = expect_context::<NavOpen>().0;
    // Only the screens the person may use (`visibility::screens`), and only their own unread emails.
    let may = Memo::new(move |_| {
        let actor = console.actor();
        console.env.with(|e| actor.map(|a| screens(&e.account, a)).unwrap_or_default())
    });
    // Requests waiting for this admin's answer (issue 30).
    let waiting = move || {
        let Some(me) = console.actor() else { return 0 };
        console.env.with(|e| crate::domain::read::requests::waiting(&e.account, me))
    };
    let unread = move || {
        let Some(me) = console.actor() else { return 0 };
        console.env.with(|e| e.account.outbox.iter().filter(|m| !m.read && sees_email(&e.account, me, m)).count())
    };
    view! {
        // A link followed closes the menu on a phone (on a wide screen the navigation is always shown).
        <nav id="main-nav" class=move || if open.get() { "side open" } else { "side" } aria-label="Main"
            on:click=move |ev| {
                let on_link = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
                    .is_some_and(|el| el.closest("a").ok().flatten().is_some());
                if on_link { open.set(false); }
            }
            // Escape closes the menu on a phone and puts focus back on its button.
            on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                if ev.key() == "Escape" && open.get_untracked() {
                    open.set(false);
                    if let Some(b) = document().query_selector("button.menu-toggle").ok().flatten() {
                        let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(b).focus();
                    }
                }
            }>
            <ul>
                <li><A href="/">"Home"</A></li>
                <li><A href="/products">"Products & Services"</A></li>
                {move || may.get().hubs.then(|| view! { <li><A href="/hubs">"Team hubs"</A></li> })}
                {move || {
                    let s = may.get();
                    (s.teams || s.classic || s.reporting).then(|| view! {
                        <li class="section">
                            <span>"User Management"</span>
                            <ul>
                                {s.teams.then(|| view! {
                                    <li><A href="/users/by-user">"By User"</A></li>
                                    <li><A href="/users/by-product">"By Product"</A></li>
                                    <li><A href="/users/by-group">"By Group"</A></li>
                                })}
                                {s.classic.then(|| view! { <li><A href="/users/classic">"Classic User Management"</A></li> })}
                                {s.whole_team.then(|| view! { <li><A href="/users/migration">"Migration assistant"</A></li> })}
                                {(s.whole_team || s.classic).then(|| view! { <li><A href="/users/invitations">"Pending invitations"</A></li> })}
                                {(s.teams || s.classic).then(|| view! {
                                    <li><A href="/users/requests">"Requests"{move || match waiting() {
                                        0 => None,
                                        n => Some(view! { <span class="badge unread">{format!("{n} open")}</span> }),
                                    }}</A></li>
                                })}
                                <li><A href="/users/rules">"Auto-assign rules"</A></li>
                            </ul>
                        </li>
                    })
                }}
                {move || {
                    let s = may.get();
                    (s.billing || s.teams).then(|| view! {
                        <li class="section">
                            <span>"Billing and Orders"</span>
                            <ul>
                                {s.billing.then(|| view! { <li><A href="/billing/contracts">"Contracts & Subscriptions"</A></li> })}
                                {s.teams.then(|| view! { <li><A href="/billing/subscriptions">"Subscriptions by team"</A></li> })}
                            </ul>
                        </li>
                    })
                }}
                {move || may.get().reporting.then(|| view! { <li><A href="/reporting">"Reporting"</A></li> })}
                {move || may.get().notifications.then(|| view! { <li><A href="/notifications">"Notifications"</A></li> })}
                <li><A href="/outbox">"Outbox"{move || match unread() {
                    0 => None,
                    n => Some(view! { <span class="badge unread">{format!("{n} unread")}</span> }),
                }}</A></li>
            </ul>
        </nav>
    }
}
