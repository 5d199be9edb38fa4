//! The left navigation of manage.autodesk.com.

use crate::ui::Console;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Nav() -> impl IntoView {
    let console = expect_context::<Console>();
    let unread = move || console.env.with(|e| e.account.outbox.iter().filter(|m| !m.read).count());
    view! {
        <nav class="side" aria-label="Main">
            <ul>
                <li><A href="/">"Home"</A></li>
                <li><A href="/products">"Products & Services"</A></li>
                <li><A href="/hubs">"Team hubs"</A></li>
                <li class="section">
                    <span>"User Management"</span>
                    <ul>
                        <li><A href="/users/by-user">"By User"</A></li>
                        <li><A href="/users/by-product">"By Product"</A></li>
                        <li><A href="/users/by-group">"By Group"</A></li>
                        <li><A href="/users/classic">"Classic User Management"</A></li>
                        <li><A href="/users/migration">"Migration assistant"</A></li>
                    </ul>
                </li>
                <li class="section">
                    <span>"Billing and Orders"</span>
                    <ul>
                        <li><A href="/billing/contracts">"Contracts & Subscriptions"</A></li>
                        <li><A href="/billing/subscriptions">"Subscriptions by team"</A></li>
                    </ul>
                </li>
                <li><A href="/reporting">"Reporting"</A></li>
                <li><A href="/outbox">"Outbox"{move || match unread() {
                    0 => None,
                    n => Some(view! { <span class="badge unread">{format!("{n} unread")}</span> }),
                }}</A></li>
            </ul>
        </nav>
    }
}
