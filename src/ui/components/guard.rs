//! "You don't have access": a page's content shows only to the people the permission matrix lets see it;
//! everyone else reads, in one sentence, who can, and a limited admin also reads their limit (issue 30).

use crate::domain::visibility::limits;
use crate::ui::Console;
use leptos::prelude::*;

#[component]
pub fn Guard(
    /// Whether the person in "Viewing as" may see the content.
    #[prop(into)]
    allowed: Signal<bool>,
    /// Who may, in words, shown to everyone else.
    refusal: &'static str,
    /// A screen of the teams' admins: a limited admin also reads their limit.
    #[prop(optional)]
    limits: bool,
    children: ChildrenFn,
) -> impl IntoView {
    let note = move || limits.then(|| view! { " "<LimitNote/> });
    view! {
        <Show when=move || allowed.get() fallback=move || view! { <p class="refusal">{refusal}{note}</p> }>
            {children()}
        </Show>
    }
}

/// The acting person's admin limits, if any, with the way to Reporting, which every limited admin reads.
#[component]
pub fn LimitNote() -> impl IntoView {
    let console = expect_context::<Console>();
    let limits = move || console.actor().map(|me| console.env.with(|e| limits(&e.account, me))).unwrap_or_default();
    move || {
        let limits = limits();
        (!limits.is_empty()).then(|| {
            view! { {limits.join(" ")}" "<leptos_router::components::A href="/reporting">"Go to Reporting"</leptos_router::components::A>"." }
        })
    }
}
