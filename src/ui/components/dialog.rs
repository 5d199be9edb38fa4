//! A modal dialog on the native <dialog> element: showModal() makes the rest of the page inert (focus stays
//! inside) and Escape fires `cancel`, which closes it through `on_close`.

use leptos::html;
use leptos::prelude::*;

#[component]
pub fn Dialog(
    /// The dialog's title, which is also its accessible name.
    #[prop(into)]
    title: Signal<String>,
    #[prop(into)] on_close: Callback<()>,
    children: Children,
) -> impl IntoView {
    let node = NodeRef::<html::Dialog>::new();
    Effect::new(move |_| {
        if let Some(d) = node.get() {
            if !d.open() {
                let _ = d.show_modal();
            }
        }
    });
    view! {
        <dialog node_ref=node class="modal" aria-labelledby="dialog-title"
            on:cancel=move |ev: leptos::ev::Event| { ev.prevent_default(); on_close.run(()); }>
            <h2 id="dialog-title">{title}</h2>
            {children()}
        </dialog>
    }
}

/// A dialog form's buttons: submit with `label`, and Cancel.
#[component]
pub fn FormButtons(label: &'static str, #[prop(into)] on_cancel: Callback<()>) -> impl IntoView {
    view! {
        <div class="buttons">
            <button type="submit" class="primary">{label}</button>
            <button type="button" on:click=move |_| on_cancel.run(())>"Cancel"</button>
        </div>
    }
}
