//! The storage banner and the one-line outcome of the last action, announced to screen readers.

use crate::ui::console::{Console, Flash};
use leptos::prelude::*;

#[component]
pub fn Messages() -> impl IntoView {
    let console = expect_context::<Console>();
    view! {
        {move || console.storage_problem.get().map(|p| view! { <div class="banner warning" role="alert">{p}</div> })}
        <div class="flash-area" role="status" aria-live="polite">
            {move || console.flash.get().map(|f| match f {
                Flash::Done(text) => view! { <p class="flash done">{text}</p> },
                Flash::Refused(text) => view! { <p class="flash refused">{text}</p> },
            })}
        </div>
    }
}
