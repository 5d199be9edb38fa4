//! User Management → Pending invitations (issue 30): everyone invited and not yet accepted that this person
//! administers, classic (90 days, rule 19) and team (7 days, rule 20), soonest to lapse first, lapsed ones
//! marked; filters by where and by lapsed; Resend one or the selected (each gets an email in the Outbox);
//! Copy invitation puts the invitation's own email on the clipboard, to paste into a chat.

use crate::domain::lifecycle::day_month_year;
use crate::domain::read::invitations::{invitation_text, pending, Pending};
use crate::domain::visibility::screens;
use crate::domain::{Command, Event, Invitation};
use crate::ui::components::guard::Guard;
use crate::ui::components::list::Pager;
use crate::ui::console::Flash;
use crate::ui::Console;
use leptos::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Rows a page: 1,569 pending at 10,000 users drawn at once took 0.4-0.6 s (an admin trial).
const PAGE_SIZE: usize = 50;

#[component]
pub fn Invitations() -> impl IntoView {
    let console = expect_context::<Console>();
    // Offered as the menu offers it (`visibility::screens`).
    let allowed = move || {
        let s = console.actor().map(|a| console.env.with(|e| screens(&e.account, a))).unwrap_or_default();
        s.classic || s.whole_team
    };
    view! {
        <h1>"Pending invitations"</h1>
        <Guard allowed=Signal::derive(allowed) limits=true
            refusal="You don't have access to pending invitations. Contract managers, software coordinators and team admins see the invitations they sent or may send again.">
            <PendingList/>
        </Guard>
    }
}

#[component]
fn PendingList() -> impl IntoView {
    let console = expect_context::<Console>();
    let rows = Memo::new(move |_| {
        let today = console.today.get();
        let viewer = console.actor();
        viewer.map(|v| console.env.with(|e| pending(&e.account, v, today))).unwrap_or_default()
    });
    let place = RwSignal::new(String::new());
    let status = RwSignal::new(String::new());
    let shown = Memo::new(move |_| {
        let (place, status) = (place.get(), status.get());
        rows.get()
            .into_iter()
            .filter(|p| place.is_empty() || p.place == place)
            .filter(|p| status.is_empty() || (status == "lapsed") == p.lapsed)
            .collect::<Vec<_>>()
    });
    let page = RwSignal::new(1usize);
    let pages = move || shown.with(|s| s.len().div_ceil(PAGE_SIZE)).max(1);
    let on_page = move || {
        shown.with(|s| {
            s.iter().skip((page.get().min(pages()) - 1) * PAGE_SIZE).take(PAGE_SIZE).cloned().collect::<Vec<_>>()
        })
    };
    let places = Memo::new(move |_| {
        let mut all: Vec<String> = rows.get().into_iter().map(|p| p.place).collect();
        all.sort();
        all.dedup();
        all
    });
    let selected = RwSignal::new(Vec::<Invitation>::new());
    let resend = move |invitations: Vec<Invitation>| {
        let n = invitations.len();
        if console.run(Command::ResendInvites { invitations }, move |events| sent_again(events, n)) {
            selected.set(Vec::new());
        }
    };
    view! {
        <p class="hint">"Everyone invited and not yet accepted, where you administer. A classic invitation must be accepted within 90 days, a team's within 7; after that it has lapsed and must be sent again."</p>
        <div class="filters">
            <div class="field">
                <label for="inv-place">"Where"</label>
                <select id="inv-place" on:change=move |ev| { page.set(1); place.set(event_target_value(&ev)) }>
                    <option value="">"Everywhere"</option>
                    {move || places.get().into_iter().map(|p| view! { <option value=p.clone()>{p.clone()}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="inv-status">"Status"</label>
                <select id="inv-status" on:change=move |ev| { page.set(1); status.set(event_target_value(&ev)) }>
                    <option value="">"All"</option>
                    <option value="lapsed">"Lapsed"</option>
                    <option value="waiting">"Waiting for an answer"</option>
                </select>
            </div>
        </div>
        <p class="count">{move || {
            let (n, lapsed) = shown.with(|s| (s.len(), s.iter().filter(|p| p.lapsed).count()));
            format!("{n} pending, {lapsed} lapsed")
        }}</p>
        <div class="buttons">
            <button type="button" disabled=move || selected.with(Vec::is_empty)
                on:click=move |_| resend(selected.get_untracked())>
                {move || format!("Resend the selected ({})", selected.with(Vec::len))}
            </button>
        </div>
        <Show when=move || !shown.with(Vec::is_empty) fallback=|| view! { <p class="empty">"No pending invitations here."</p> }>
            <table class="users">
                <caption>"Pending invitations, soonest to lapse first"</caption>
                <thead><tr>
                    <th scope="col">"Select"</th>
                    <th scope="col" class="who">"Name"</th><th scope="col">"Email"</th><th scope="col">"Where"</th>
                    <th scope="col">"Invited"</th><th scope="col">"Last sent"</th><th scope="col">"Lapses"</th>
                    <th scope="col">"Sent by"</th><th scope="col">"Actions"</th>
                </tr></thead>
                <tbody>{move || on_page().into_iter().map(|p| view! { <Row p selected resend/> }).collect_view()}</tbody>
            </table>
            <Pager page=Signal::derive(move || page.get().min(pages())) pages=Signal::derive(pages) on_page=move |p| page.set(p)/>
        </Show>
    }
}

#[component]
fn Row(
    p: Pending,
    selected: RwSignal<Vec<Invitation>>,
    resend: impl Fn(Vec<Invitation>) + Copy + 'static,
) -> impl IntoView {
    let console = expect_context::<Console>();
    let (one, mine) = (p.invitation.clone(), p.invitation.clone());
    let lapses =
        if p.lapsed { format!("Lapsed on {}", day_month_year(p.lapses_on)) } else { day_month_year(p.lapses_on) };
    let copy = {
        let p = p.clone();
        move |_| {
            let text = console.env.with_untracked(|e| invitation_text(&e.account, &p));
            copy_invitation(console, p.name.clone(), text);
        }
    };
    view! {
        <tr class:lapsed=p.lapsed>
            <td><input type="checkbox" aria-label=format!("Select {} ({})", p.name, p.place)
                prop:checked=move || selected.with(|s| s.contains(&mine))
                on:change=move |_| selected.update(|s| match s.iter().position(|i| *i == one) {
                    Some(at) => { s.remove(at); }
                    None => s.push(one.clone()),
                })/></td>
            <td class="who">{p.name.clone()}</td>
            <td>{p.email.clone()}</td>
            <td>{p.place.clone()}</td>
            <td>{day_month_year(p.invited_on)}</td>
            <td>{day_month_year(p.last_sent)}</td>
            <td>{p.lapsed.then(|| view! { <span class="badge expired">"Lapsed"</span> " " })}{lapses}</td>
            <td>{if p.sent_by.is_empty() { "—".to_string() } else { p.sent_by.clone() }}</td>
            <td>
                <button type="button" class="link" aria-label=format!("Resend invite to {} ({})", p.name, p.place)
                    on:click={ let i = p.invitation.clone(); move |_| resend(vec![i.clone()]) }>"Resend invite"</button>
                " "
                <button type="button" class="link" aria-label=format!("Copy invitation to {} ({})", p.name, p.place) on:click=copy>"Copy invitation"</button>
            </td>
        </tr>
    }
}

/// "Sent again: 2 invitations." with the ones that could not be, and why.
fn sent_again(events: &[Event], asked: usize) -> String {
    let skipped: Vec<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::EntrySkipped { entry, reason } => Some(format!("{entry}: {reason}")),
            _ => None,
        })
        .collect();
    let sent = asked - skipped.len();
    let what = if sent == 1 { "1 invitation".to_string() } else { format!("{sent} invitations") };
    match skipped.is_empty() {
        true => format!("Sent again: {what}."),
        false => format!("Sent again: {what}. Not sent: {}", skipped.join("; ")),
    }
}

fn copy_invitation(console: Console, name: String, text: Option<String>) {
    let Some(text) = text else {
        console
            .flash
            .set(Some(Flash::Refused(format!("The Outbox no longer holds {name}'s invitation: resend it first."))));
        return;
    };
    let promise = window().navigator().clipboard().write_text(&text);
    leptos::task::spawn_local(async move {
        let said = match JsFuture::from(promise).await {
            Ok(_) => Flash::Done(format!("Copied {name}'s invitation: paste it into a chat or an email.")),
            Err(_) => Flash::Refused("The browser did not allow copying to the clipboard.".into()),
        };
        console.flash.set(Some(said));
    });
}
