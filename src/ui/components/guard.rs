//! "You don't have access": a page's content shows only to the people the permission matrix lets see it;
//! everyone else reads, in one sentence, who can.

use leptos::prelude::*;

#[component]
pub fn Guard(
    /// Whether the person in "Viewing as" may see the content.
    #[prop(into)]
    allowed: Signal<bool>,
    /// Who may, in words, shown to everyone else.
    refusal: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    view! {
        <Show when=move || allowed.get() fallback=move || view! { <p class="refusal">{refusal}</p> }>
            {children()}
        </Show>
    }
}
