//! The pieces every list shares: an Actions menu and a pager.

use leptos::prelude::*;

/// A menu button ("Actions") whose items show below it; Escape closes it.
#[component]
pub fn Menu(label: &'static str, open: RwSignal<bool>, children: ChildrenFn) -> impl IntoView {
    let button = NodeRef::<leptos::html::Button>::new();
    // Escape closes the menu and puts focus back on its button, not on the page's start.
    let close = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            open.set(false);
            if let Some(b) = button.get_untracked() {
                let _ = b.focus();
            }
        }
    };
    view! {
        <div class="menu">
            <button type="button" node_ref=button aria-haspopup="true" aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o) on:keydown=close>{label}</button>
            <Show when=move || open.get()>
                <ul class="menu-items" on:keydown=close>{children()}</ul>
            </Show>
        </div>
    }
}

/// Previous / Page n of m / Next, shown when there is more than one page.
#[component]
pub fn Pager(
    #[prop(into)] page: Signal<usize>,
    #[prop(into)] pages: Signal<usize>,
    #[prop(into)] on_page: Callback<usize>,
) -> impl IntoView {
    view! {
        <Show when=move || { pages.get() > 1 }>
            <nav class="pager" aria-label="Pages">
                <button type="button" disabled=move || { page.get() <= 1 } on:click=move |_| on_page.run(page.get() - 1)>"Previous"</button>
                <span>{move || format!("Page {} of {}", page.get(), pages.get())}</span>
                <button type="button" disabled=move || { page.get() >= pages.get() } on:click=move |_| on_page.run(page.get() + 1)>"Next"</button>
            </nav>
        </Show>
    }
}
