//! The storage banner with what the admin can do about it, and the one-line outcome of the last action.

use crate::ui::console::{Console, Flash, StorageState};
use leptos::prelude::*;

#[component]
pub fn Messages() -> impl IntoView {
    let console = expect_context::<Console>();
    let banner = move || {
        match console.storage.get() {
        StorageState::Saving => None,
        StorageState::Unavailable => Some(view! {
            <div class="banner warning" role="alert">
                "This browser is blocking local storage: the console works, but changes won't be kept after you close it. "
                <button type="button" on:click=move |_| console.export_data()>"Export data"</button>
            </div>
        }.into_any()),
        StorageState::NotSaved(why) => Some(view! {
            <div class="banner warning" role="alert">
                {format!("{why} Your last change was not saved and is kept in this window only; export your data to keep it. ")}
                <button type="button" on:click=move |_| console.export_data()>"Export data"</button>
            </div>
        }.into_any()),
        StorageState::Damaged(why) => Some(view! {
            <div class="banner warning" role="alert">
                <p>{why}" You are looking at the demo account; nothing is changed or saved until you choose."</p>
                <button type="button" on:click=move |_| console.download_damaged()>"Download damaged data"</button>" "
                <button type="button" on:click=move |_| console.reset_demo()>"Start from the demo account"</button>
            </div>
        }.into_any()),
        StorageState::Newer(why) => Some(view! { <div class="banner warning" role="alert">{why}</div> }.into_any()),
    }
    };
    // Stored changes that no longer apply are said, never dropped in silence (issue 28).
    let left_out = move || {
        console.left_out.with(|l| {
            (!l.is_empty()).then(|| {
                let n = l.len();
                let title = if n == 1 {
                    "1 saved change no longer applies and is left out of the account:".to_string()
                } else {
                    format!("{n} saved changes no longer apply and are left out of the account:")
                };
                view! {
                    <div class="banner warning" role="alert">
                        <p>{title}</p>
                        <ul>{l.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}</ul>
                    </div>
                }
            })
        })
    };
    // The outcome belongs to the page it happened on: moving to another page clears it (a search or filter
    // in the URL of the same page does not).
    let path = leptos_router::hooks::use_location().pathname;
    Effect::new(move |before: Option<String>| {
        let now = path.get();
        if before.is_some_and(|b| b != now) {
            console.flash.set(None);
        }
        now
    });
    view! {
        {banner}
        {left_out}
        // Long work's progress, with Cancel (issue 32.5).
        <crate::ui::work::WorkProgress id="work-progress"/>
        <div class="flash-area" role="status" aria-live="polite">
            {move || console.flash.get().map(|f| match f {
                Flash::Done(text) => view! { <p class="flash done">{text}</p> },
                Flash::Refused(text) => view! { <p class="flash refused">{text}</p> },
            })}
        </div>
    }
}
