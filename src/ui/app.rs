//! The shell: header, left navigation and the routes, as on manage.autodesk.com.

use super::components::{header::Header, messages::Messages, nav::Nav};
use super::console::Console;
use super::pages::not_found::NotFound;
use super::parts::*;
use leptos::prelude::*;
use leptos_router::components::{Outlet, ParentRoute, Route, Router, Routes};
use leptos_router::path;
use wasm_bindgen::JsCast;

#[component]
pub fn App() -> impl IntoView {
    let console = Console::start();
    provide_context(console);
    // A shared account syncs from the start, once shared or joined (here or in another tab), and again as
    // soon as the browser is back online.
    let shared = Memo::new(move |_| console.sync_status().is_some());
    Effect::new(move |_| {
        if shared.get() {
            console.start_sync();
        }
    });
    let _ = window_event_listener(leptos::ev::online, move |_| console.start_sync());
    provide_context(super::components::nav::NavOpen(RwSignal::new(false)));
    // Another tab saved: show its account here too (issue 6).
    let _ = window_event_listener(leptos::ev::storage, move |ev| {
        let key = ev.key();
        if key.as_deref() == Some(crate::storage::KEY) || key.as_deref() == Some(crate::storage::local::HEAD_KEY) {
            console.catch_up();
        } else if key.as_deref() == Some(crate::storage::local::SHARED_KEY) {
            console.reload_shared();
        }
    });
    // Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y), except while typing, where the browser's own undo applies, and while
    // a dialog is open: its preview was worked out on the account as it was (a trial: Undo behind "Run the
    // rules now" gave the seat to someone the preview didn't name).
    let _ = window_event_listener(leptos::ev::keydown, move |ev| {
        let typing = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        let in_dialog = document().query_selector("dialog[open]").ok().flatten().is_some();
        if typing || in_dialog || !(ev.ctrl_key() || ev.meta_key()) {
            return;
        }
        match (ev.key().to_lowercase().as_str(), ev.shift_key()) {
            ("z", false) => console.undo(),
            ("z", true) | ("y", false) => console.redo(),
            _ => return,
        }
        ev.prevent_default();
    });
    view! {
        <Router>
            // The skip link moves focus into the page's content (the router would treat "#main" as a route).
            <a class="skip" href="#main" on:click=|ev| {
                ev.prevent_default();
                super::components::focus_now("main");
            }>"Skip to content"</a>
            <Header/>
            <div class="layout">
                <Nav/>
                <main id="main" tabindex="-1">
                    <Messages/>
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=HomePage/>
                        <Route path=path!("/products") view=ProductsPage/>
                        // User Management and Reporting are sections: their pages nest under one route each.
                        <ParentRoute path=path!("/users") view=Outlet>
                            <Route path=path!("/by-user") view=ByUserPage/>
                            <Route path=path!("/by-product") view=ByProductPage/>
                            <Route path=path!("/by-group") view=ByGroupPage/>
                            <Route path=path!("/classic") view=ClassicUsersPage/>
                            <Route path=path!("/migration") view=MigrationPage/>
                            <Route path=path!("/rules") view=RulesPage/>
                            <Route path=path!("/invitations") view=InvitationsPage/>
                            <Route path=path!("/requests") view=RequestsPage/>
                        </ParentRoute>
                        <Route path=path!("/billing/contracts") view=ContractsPage/>
                        <Route path=path!("/billing/contracts/:number") view=ContractDetailPage/>
                        <Route path=path!("/billing/subscriptions") view=SubscriptionsPage/>
                        <Route path=path!("/hubs") view=HubsPage/>
                        <ParentRoute path=path!("/reporting") view=Outlet>
                            <Route path=path!("") view=ReportingHomePage/>
                            <Route path=path!("/activity") view=ActivityLogPage/>
                            <Route path=path!("/seats") view=SeatUseReport/>
                            <Route path=path!("/renewals") view=RenewalsPage/>
                            <Route path=path!("/usage") view=UsageReportPage/>
                            <Route path=path!("/idle") view=IdleSeatsPage/>
                        </ParentRoute>
                        <Route path=path!("/outbox") view=OutboxPage/>
                        <Route path=path!("/notifications") view=NotificationsPage/>
                        <Route path=path!("/search") view=SearchPage/>
                        <Route path=path!("/share") view=SharePage/>
                        <Route path=path!("/start") view=StartPage/>
                    </Routes>
                </main>
            </div>
        </Router>
    }
}
