//! The shell: header, left navigation and the routes, as on manage.autodesk.com.

use super::components::{header::Header, messages::Messages, nav::Nav};
use super::console::Console;
use super::pages::{
    classic_users::ClassicUsers,
    contract_detail::ContractDetail,
    contracts::Contracts,
    home::Home,
    hubs::Hubs,
    new_view::{
        by_group::ByGroup, by_product::ByProduct, by_user::ByUser, subscriptions::Subscriptions,
        team_migration::Migration,
    },
    not_found::NotFound,
    outbox::Outbox,
    products::Products,
    reporting::{ActivityLog, IdleSeats, Renewals, ReportingHome, SeatUsePage, UsageReport},
    rules::Rules,
    search::Search,
};
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
                if let Some(main) = document().get_element_by_id("main") {
                    let _ = main.unchecked_into::<web_sys::HtmlElement>().focus();
                }
            }>"Skip to content"</a>
            <Header/>
            <div class="layout">
                <Nav/>
                <main id="main" tabindex="-1">
                    <Messages/>
                    <Routes fallback=NotFound>
                        <Route path=path!("/") view=Home/>
                        <Route path=path!("/products") view=Products/>
                        // User Management and Reporting are sections: their pages nest under one route each.
                        <ParentRoute path=path!("/users") view=Outlet>
                            <Route path=path!("/by-user") view=ByUser/>
                            <Route path=path!("/by-product") view=ByProduct/>
                            <Route path=path!("/by-group") view=ByGroup/>
                            <Route path=path!("/classic") view=ClassicUsers/>
                            <Route path=path!("/migration") view=Migration/>
                            <Route path=path!("/rules") view=Rules/>
                            <Route path=path!("/invitations") view=super::pages::invitations::Invitations/>
                            <Route path=path!("/requests") view=super::pages::requests::Requests/>
                        </ParentRoute>
                        <Route path=path!("/billing/contracts") view=Contracts/>
                        <Route path=path!("/billing/contracts/:number") view=ContractDetail/>
                        <Route path=path!("/billing/subscriptions") view=Subscriptions/>
                        <Route path=path!("/hubs") view=Hubs/>
                        <ParentRoute path=path!("/reporting") view=Outlet>
                            <Route path=path!("") view=ReportingHome/>
                            <Route path=path!("/activity") view=ActivityLog/>
                            <Route path=path!("/seats") view=SeatUsePage/>
                            <Route path=path!("/renewals") view=Renewals/>
                            <Route path=path!("/usage") view=UsageReport/>
                            <Route path=path!("/idle") view=IdleSeats/>
                        </ParentRoute>
                        <Route path=path!("/outbox") view=Outbox/>
                        <Route path=path!("/notifications") view=super::pages::notifications::Notifications/>
                        <Route path=path!("/search") view=Search/>
                        <Route path=path!("/share") view=super::pages::share::Share/>
                        <Route path=path!("/start") view=super::pages::start::Start/>
                    </Routes>
                </main>
            </div>
        </Router>
    }
}
