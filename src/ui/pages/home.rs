//! Home: the account at a glance.

use crate::domain::lifecycle::{status, Status};
use crate::domain::UserStatus;
use crate::ui::Console;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Home() -> impl IntoView {
    let console = expect_context::<Console>();
    let summary = move || {
        let today = console.today.get();
        console.env.with(|e| {
            let acc = &e.account;
            let statuses: Vec<Status> = acc.contracts.values().map(|c| status(c.end_date, c.term, today)).collect();
            let count = |s: Status| statuses.iter().filter(|x| **x == s).count();
            let named: Vec<_> = acc.users.values().filter_map(|u| u.classic.as_ref()).collect();
            let pending = named.iter().filter(|m| m.status == UserStatus::Pending).count();
            let stale = named.iter().filter(|m| m.needs_resend(today)).count();
            (acc.contracts.len(), count(Status::Expiring), count(Status::Expired), named.len(), pending, stale)
        })
    };
    view! {
        <h1>"Home"</h1>
        {move || {
            let (contracts, expiring, expired, users, pending, stale) = summary();
            view! {
                <section class="tiles" aria-label="Account summary">
                    <div class="tile"><strong>{contracts}</strong>" contracts"
                        <span>{expiring}" expiring, "{expired}" expired"</span></div>
                    <div class="tile"><strong>{users}</strong>" named users"
                        <span>{pending}" pending, "{stale}" invitations over 90 days old"</span></div>
                </section>
            }
        }}
        <p><A href="/users/classic">"Manage users in Classic User Management"</A></p>
    }
}
