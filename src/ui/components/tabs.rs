//! The tabs pattern (WAI-ARIA): one tab in the Tab order; arrow keys, Home and End move between them. The
//! caller draws each panel with `TabPanel`.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn Tabs(
    /// The tab list's accessible name.
    label: &'static str,
    /// Each tab's id stem and its label; tab `i` controls the panel `panel-<id>`.
    tabs: Vec<(&'static str, &'static str)>,
    selected: RwSignal<usize>,
) -> impl IntoView {
    let ids = StoredValue::new(tabs.iter().map(|(id, _)| *id).collect::<Vec<_>>());
    let n = tabs.len();
    let keys = move |ev: leptos::ev::KeyboardEvent| {
        let now = selected.get_untracked();
        let next = match ev.key().as_str() {
            "ArrowRight" => (now + 1) % n,
            "ArrowLeft" => (now + n - 1) % n,
            "Home" => 0,
            "End" => n - 1,
            _ => return,
        };
        ev.prevent_default();
        selected.set(next);
        if let Some(el) = document().get_element_by_id(&format!("tab-{}", ids.with_value(|ids| ids[next]))) {
            let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    };
    view! {
        <div role="tablist" aria-label=label>
            {tabs.into_iter().enumerate().map(|(i, (id, text))| view! {
                <button type="button" role="tab" id=format!("tab-{id}") aria-controls=format!("panel-{id}")
                    aria-selected=move || (selected.get() == i).to_string()
                    tabindex=move || if selected.get() == i { "0" } else { "-1" }
                    on:click=move |_| selected.set(i) on:keydown=keys>{text}</button>
            }).collect_view()}
        </div>
    }
}

/// The panel of tab `index`, shown while it is selected.
#[component]
pub fn TabPanel(id: &'static str, index: usize, selected: RwSignal<usize>, children: Children) -> impl IntoView {
    view! {
        <div class="tabpanel" role="tabpanel" id=format!("panel-{id}") aria-labelledby=format!("tab-{id}")
            hidden=move || selected.get() != index>
            {children()}
        </div>
    }
}
