//! Notifications (issue 30): each admin chooses which of the console's alerts they get about what they
//! administer (`domain::alerts`), and sees the last ones sent to them. Autodesk's renewal notices still go to
//! the contract manager alone (rule 48); these are the console's, in addition.

use crate::domain::alerts::Alert;
use crate::domain::lifecycle::day_month_year;
use crate::domain::visibility::screens;
use crate::domain::{Command, EmailKind};
use crate::ui::components::guard::Guard;
use crate::ui::console::Flash;
use crate::ui::Console;
use leptos::prelude::*;
use leptos_router::components::A;
use std::collections::BTreeSet;

#[component]
pub fn Notifications() -> impl IntoView {
    let console = expect_context::<Console>();
    let allowed =
        move || console.actor().map(|a| console.env.with(|e| screens(&e.account, a).notifications)).unwrap_or_default();
    view! {
        <h1>"Notifications"</h1>
        <Guard allowed=Signal::derive(allowed)
            refusal="Alerts are for admins: contract managers, software coordinators and team admins choose here what the console emails them.">
            <Choices/>
            <Sent/>
        </Guard>
    }
}

#[component]
fn Choices() -> impl IntoView {
    let console = expect_context::<Console>();
    // What is stored for the person acting, and what the boxes say now.
    let stored = Memo::new(move |_| {
        let me = console.actor();
        console.env.with(|e| me.and_then(|u| e.account.alerts.get(&u)).map(|c| c.alerts.clone()).unwrap_or_default())
    });
    let ticked = RwSignal::new(BTreeSet::<Alert>::new());
    let offered = Memo::new(move |_| {
        let me = console.actor();
        console.env.with(|e| me.map(|u| Alert::offered(&e.account, u)).unwrap_or_default())
    });
    Effect::new(move |_| ticked.set(stored.get()));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let alerts = ticked.get_untracked();
        if alerts == stored.get_untracked() {
            console.flash.set(Some(Flash::Refused("Nothing to save: these are already your alerts.".into())));
            return;
        }
        let n = alerts.len();
        console.run(Command::ChooseAlerts { alerts }, move |events| {
            let sent = events.iter().filter(|e| matches!(e, crate::domain::Event::EmailSent { .. })).count();
            let chosen = match n {
                0 => "Saved: you get no alerts.".to_string(),
                1 => "Saved: you get 1 kind of alert.".to_string(),
                n => format!("Saved: you get {n} kinds of alert."),
            };
            match sent {
                0 => chosen,
                1 => format!("{chosen} 1 alert due today was sent to your Outbox."),
                s => format!("{chosen} {s} alerts due today were sent to your Outbox."),
            }
        });
    };
    view! {
        <p class="hint">"Autodesk emails renewal notices to the contract manager alone. The console emails each admin who asks here, about what they administer; alerts arrive in the Outbox, each saying why it was sent and how to stop it."</p>
        <form on:submit=save>
            <fieldset class="alerts">
                <legend>"Email me about"</legend>
                {move || offered.get().into_iter().map(|a| {
                    let id = format!("alert-{a:?}").to_lowercase();
                    let hint = format!("{id}-hint");
                    view! {
                        <div class="check">
                            <input type="checkbox" id=id.clone() aria-describedby=hint.clone()
                                prop:checked=move || ticked.with(|t| t.contains(&a))
                                on:change=move |_| ticked.update(|t| if !t.remove(&a) { t.insert(a); })/>
                            <label for=id>{a.label()}</label>
                            <p class="hint" id=hint>{a.describe()}</p>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <div class="buttons"><button type="submit" class="primary">"Save"</button></div>
        </form>
    }
}

/// The last alerts sent to this person, newest first.
#[component]
fn Sent() -> impl IntoView {
    let console = expect_context::<Console>();
    let sent = Memo::new(move |_| {
        let Some(me) = console.actor() else { return Vec::new() };
        console.env.with(|e| {
            let to = &e.account.users[&me].email;
            let mut mine: Vec<_> = e
                .account
                .outbox
                .iter()
                .filter(|m| matches!(m.kind, EmailKind::Alert | EmailKind::AlertOnChange) && &m.to == to)
                .map(|m| (m.sent_on, m.id, m.subject.clone()))
                .collect();
            mine.sort_by(|a, b| b.cmp(a));
            mine.truncate(10);
            mine
        })
    });
    view! {
        <h2>"Alerts sent to you"</h2>
        <Show when=move || !sent.with(Vec::is_empty) fallback=|| view! { <p class="empty">"None yet."</p> }>
            <ul class="sent-alerts">
                {move || sent.get().into_iter().map(|(on, _, subject)| view! {
                    <li>{day_month_year(on)}": "{subject}</li>
                }).collect_view()}
            </ul>
            <p><A href="/outbox">"Read them in the Outbox"</A></p>
        </Show>
    }
}
