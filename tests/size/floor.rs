//! The console with no screens (issue 14, `./x size-floor`): the session started from local storage, one
//! command from the URL applied through every rule, the account exported, and one paragraph mounted. What it
//! weighs is the least any build of the console's rules and stored format can ship.

#[cfg(target_arch = "wasm32")]
fn main() {
    use contract_console::storage::{local::LocalStorage, session::Session};
    use leptos::prelude::*;
    let window = web_sys::window().expect("a browser window");
    let hash = window.location().hash().unwrap_or_default();
    let mut session = Session::start(LocalStorage, contract_console::ui::console::browser_today());
    let outcome = match serde_json::from_str(hash.trim_start_matches('#')) {
        Ok(command) => match session.dispatch(command) {
            Ok(events) => format!("{} events", events.len()),
            Err(refusal) => refusal.to_string(),
        },
        Err(e) => e.to_string(),
    };
    let exported = session.export_text().map(|text| text.len()).unwrap_or(0);
    leptos::mount::mount_to_body(move || view! { <p>{outcome.clone()} ", " {exported} " bytes"</p> });
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {}
