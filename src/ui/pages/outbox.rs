//! The Outbox: the emails the console would have sent to the viewer, newest first, filtered by recipient and
//! kind.

use crate::domain::visibility::sees_email;
use crate::domain::{Command, EmailKind};
use crate::ui::components::fields::QuerySelect;
use crate::ui::query::use_url_query;
use crate::ui::Console;
use leptos::prelude::*;

#[component]
pub fn Outbox() -> impl IntoView {
    let console = expect_context::<Console>();
    // The recipient and kind are kept in the URL, like every list's filters.
    let query = use_url_query();
    // Which emails are expanded, so that marking one read (which re-renders the list) keeps it open.
    let expanded = RwSignal::new(std::collections::BTreeSet::<u32>::new());

    // Each person's own emails; a contract manager also the account's renewal notices (`sees_email`).
    let mine = move |acc: &crate::domain::Account, m: &crate::domain::Email| {
        console.actor().is_some_and(|me| sees_email(acc, me, m))
    };
    let recipients = Signal::derive(move || {
        console.env.with(|e| {
            let mut r: Vec<String> =
                e.account.outbox.iter().filter(|m| mine(&e.account, m)).map(|m| m.to.clone()).collect();
            r.sort();
            r.dedup();
            r.into_iter().map(|r| (r.clone(), r)).collect()
        })
    });
    let kinds =
        Signal::derive(|| EmailKind::ALL.iter().map(|k| (k.label().to_string(), k.label().to_string())).collect());
    let emails = move || {
        let (to, kind) = (query.value("to"), query.value("kind"));
        // A kind no email has (an old or mistyped link) filters nothing, as the select then shows.
        let known_kind = EmailKind::ALL.iter().any(|k| k.label().eq_ignore_ascii_case(&kind));
        console.env.with(|e| {
            e.account
                .outbox
                .iter()
                .rev()
                .filter(|m| mine(&e.account, m))
                .filter(|m| to.is_empty() || m.to.eq_ignore_ascii_case(&to))
                .filter(|m| !known_kind || m.kind.label().eq_ignore_ascii_case(&kind))
                .map(|m| (m.id, m.clone()))
                .collect::<Vec<_>>()
        })
    };
    view! {
        <h1>"Outbox"</h1>
        <p class="hint">"The emails the console would have sent you. Nothing leaves this browser."</p>
        <div class="filters" role="search" aria-label="Filter emails">
            <QuerySelect label="Recipient" key="to" all="All recipients" options=recipients query/>
            <QuerySelect label="Kind" key="kind" all="All kinds" options=kinds query/>
        </div>
        <p class="count">{move || format!("{} emails", emails().len())}</p>
        <ul class="emails" aria-label="Emails">
            {move || emails().into_iter().map(|(i, m)| {
                let toggle = move |ev: leptos::ev::Event| {
                    use wasm_bindgen::JsCast;
                    let is_open = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()).is_some_and(|d| d.open());
                    if is_open == expanded.with_untracked(|x| x.contains(&i)) {
                        return;
                    }
                    expanded.update(|x| if is_open { x.insert(i); } else { x.remove(&i); });
                    if is_open && console.env.with_untracked(|e| e.account.outbox.iter().any(|m| m.id == i && !m.read)) {
                        let _ = console.dispatch(Command::MarkEmailRead { email: i });
                    }
                };
                view! {
                    <li class=if m.read { "email" } else { "email unread" }>
                        <details on:toggle=toggle prop:open=move || expanded.with(|x| x.contains(&i))>
                            <summary>
                                <span class="subject">{m.subject.clone()}</span>
                                <span class="meta">{format!("To {} · {} · {}", m.to, m.kind.label(), m.sent_on)}</span>
                            </summary>
                            <pre class="body">{m.body.clone()}</pre>
                        </details>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
