//! The shell: header, left navigation and the routes, as on manage.autodesk.com.

use super::components::{header::Header, messages::Messages, nav::Nav};
use super::console::Console;
use super::parts::*;
use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::JsCast;

#[component]
pub fn App() -> impl IntoView {
    // The screen's part downloads while the session reads the account, not after.
    fetch_early(&window().location().pathname().unwrap_or_default());
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
                    <Screens/>
                </main>
            </div>
        </Router>
    }
}
