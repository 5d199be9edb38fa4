//! Mounts the console; everything else is in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    // The hook formats panic messages for the browser's console: worth its size while developing only.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    // Release builds work offline through the service worker registered once the first screen is up.
    leptos::mount::mount_to_body(contract_console::ui::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("The console runs in the browser: build it with `./x serve`.");
}
