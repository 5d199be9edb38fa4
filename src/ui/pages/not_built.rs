use leptos::prelude::*;

/// A page of the navigation that this version does not have yet, said plainly.
#[component]
pub fn NotBuilt(title: &'static str) -> impl IntoView {
    view! {
        <h1>{title}</h1>
        <p class="empty">"This page is not built yet. It will arrive in a later version of the console."</p>
    }
}
