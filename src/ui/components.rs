pub mod data_menu;
pub mod dialog;
pub mod fields;
pub mod guard;
pub mod header;
pub mod impact;
pub mod list;
pub mod messages;
pub mod nav;
pub mod preview;
pub mod seat_queue;
pub mod tabs;

/// Focus on an element once the change that took the focused one away is drawn (a dialog's next stage, a
/// button that went with what it acted on), so keyboard and screen-reader users keep their place.
pub fn focus_later(id: &'static str) {
    leptos::prelude::request_animation_frame(move || focus_now(id));
}

/// Focus on the element with this id, if it is there (`main` for the skip link).
pub fn focus_now(id: &str) {
    if let Some(el) = leptos::prelude::document().get_element_by_id(id) {
        let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(el).focus();
    }
}
