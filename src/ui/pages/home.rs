//! Home: what the viewer administers and what needs their attention there (`read::home`, issue 26).

use crate::domain::read::home::{attention, Attention, Item};
use crate::ui::Console;
use leptos::prelude::*;
use leptos_router::components::A;

fn card(label: &'static str, items: Vec<Item>) -> impl IntoView {
    (!items.is_empty()).then(|| {
        view! {
            <section class="card" aria-label=label>
                <h3>{label}</h3>
                <ul>{items.into_iter().map(|i| view! { <li><A href=i.link>{i.text}</A></li> }).collect_view()}</ul>
            </section>
        }
    })
}

#[component]
pub fn Home() -> impl IntoView {
    let console = expect_context::<Console>();
    let attention = move || {
        let today = console.today.get();
        let Some(actor) = console.actor() else { return Attention::default() };
        console.env.with(|e| attention(&e.account, actor, today))
    };
    view! {
        <h1>"Home"</h1>
        {move || {
            let a = attention();
            let (nothing, none) = (a.nothing(), a.summary.is_empty());
            view! {
                <section class="tiles" aria-label="What you administer">
                    {a.summary.into_iter().map(|i| view! { <A href=i.link attr:class="tile link-tile">{i.text}</A> }).collect_view()}
                    {none.then(|| view! { <p class="empty">"You administer no users: your own products are under Products & Services."</p> })}
                </section>
                <h2>"Needs attention"</h2>
                {nothing.then(|| view! { <p class="empty">"Nothing needs your attention."</p> })}
                {card("Contracts and subscriptions ending", a.ending)}
                {card("Seats nearly exhausted", a.seats)}
                {card("Invitations to resend", a.invites)}
            }
        }}
    }
}
