//! Home: what needs attention — contracts expiring soon, seats nearly exhausted, invitations pending for
//! more than 90 days — for the contracts the viewer manages.

use crate::domain::lifecycle::{days_to_end, status, Status};
use crate::domain::UserStatus;
use crate::ui::Console;
use leptos::prelude::*;
use leptos_router::components::A;

#[derive(Clone, Default)]
struct Attention {
    expiring: Vec<(String, String)>,
    seats: Vec<String>,
    stale_invites: Vec<String>,
    named: usize,
    pending: usize,
}

#[component]
pub fn Home() -> impl IntoView {
    let console = expect_context::<Console>();
    let attention = move || {
        let today = console.today.get();
        let Some(actor) = console.actor() else { return Attention::default() };
        console.env.with(|e| {
            let acc = &e.account;
            let mut a = Attention::default();
            for c in acc.contracts.values().filter(|c| acc.manages_contract_users(actor, c)) {
                let s = status(c.end_date, c.term, today);
                if matches!(s, Status::Expiring | Status::Expired) && c.contract_manager == actor {
                    let left = days_to_end(c.end_date, today);
                    let when = if left >= 0 {
                        format!("expires in {left} days")
                    } else {
                        format!("expired {} days ago", -left)
                    };
                    a.expiring.push((c.number.to_string(), format!("Contract {} {when} ({})", c.number, s.label())));
                }
                for l in c.lines.values().filter(|l| acc.manages_line(actor, c, l)) {
                    let (used, cap) = (l.holders.len() as u32, c.capacity(l));
                    if used + 1 >= cap {
                        a.seats.push(format!("{} on contract {}: {used} of {cap} used", l.product, c.number));
                    }
                }
            }
            if acc.is_classic_admin(actor) {
                for u in acc.users.values() {
                    if let Some(m) = &u.classic {
                        a.named += 1;
                        a.pending += usize::from(m.status == UserStatus::Pending);
                        if m.needs_resend(today) {
                            a.stale_invites.push(u.full_name());
                        }
                    }
                }
            }
            a
        })
    };
    view! {
        <h1>"Home"</h1>
        {move || {
            let a = attention();
            let nothing = a.expiring.is_empty() && a.seats.is_empty() && a.stale_invites.is_empty();
            view! {
                <section class="tiles" aria-label="Account summary">
                    <div class="tile"><strong>{a.named}</strong>" named users"<span>{a.pending}" pending"</span></div>
                </section>
                <h2>"Needs attention"</h2>
                {nothing.then(|| view! { <p class="empty">"Nothing needs your attention."</p> })}
                {(!a.expiring.is_empty()).then(|| view! {
                    <section class="card" aria-label="Contracts expiring soon">
                        <h3>"Contracts expiring soon"</h3>
                        <ul>{a.expiring.into_iter().map(|(no, text)| view! {
                            <li><A href=format!("/billing/contracts/{no}")>{text}</A></li>
                        }).collect_view()}</ul>
                    </section>
                })}
                {(!a.seats.is_empty()).then(|| view! {
                    <section class="card" aria-label="Seats nearly exhausted">
                        <h3>"Seats nearly exhausted"</h3>
                        <ul>{a.seats.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
                    </section>
                })}
                {(!a.stale_invites.is_empty()).then(|| view! {
                    <section class="card" aria-label="Invitations pending over 90 days">
                        <h3>"Invitations pending over 90 days"</h3>
                        <ul>{a.stale_invites.into_iter().map(|n| view! {
                            <li><A href=format!("/users/classic?q={}", n.to_lowercase().replace(' ', "+"))>{n.clone()}</A></li>
                        }).collect_view()}</ul>
                    </section>
                })}
            }
        }}
    }
}
