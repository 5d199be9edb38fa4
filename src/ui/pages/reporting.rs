//! Reporting (issue 11): the activity log with filters and CSV export, seat use as bars and the renewal
//! timeline of the next 12 months, each picture with a table that says the same for screen readers and for
//! copying. For admins, classic or new view; each sees what they administer.

mod activity;
mod idle;
mod renewals;
mod seats;
mod usage;

pub use activity::ActivityLog;
pub use idle::IdleSeats;
pub use renewals::Renewals;
pub use seats::SeatUsePage;
pub use usage::UsageReport;

use crate::ui::components::guard::Guard;
use crate::ui::Console;
use leptos::prelude::*;
use leptos_router::components::A;

/// A picture's label cut to `chars` characters; the table beside the picture has it whole.
fn fit(label: &str, chars: usize) -> String {
    if label.chars().count() > chars {
        format!("{}…", label.chars().take(chars - 1).collect::<String>())
    } else {
        label.to_string()
    }
}

/// Reporting's own menu and the guard every page of it shares.
#[component]
pub fn ReportingFrame(title: &'static str, children: ChildrenFn) -> impl IntoView {
    let console = expect_context::<Console>();
    let allowed = move || console.env.with(|e| console.actor().is_some_and(|a| e.account.is_admin(a)));
    view! {
        <h1>{title}</h1>
        <nav class="subnav" aria-label="Reporting">
            <A href="/reporting" exact=true>"Overview"</A>
            <A href="/reporting/activity">"Activity log"</A>
            <A href="/reporting/seats">"Seat use"</A>
            <A href="/reporting/renewals">"Renewals"</A>
            <A href="/reporting/usage">"Usage"</A>
            <A href="/reporting/idle">"Idle seats"</A>
        </nav>
        <Guard allowed=Signal::derive(allowed)
            refusal="You don't have access to Reporting. Contract managers, software coordinators and team admins see the reports of what they administer.">
            {children()}
        </Guard>
    }
}

#[component]
pub fn ReportingHome() -> impl IntoView {
    view! {
        <ReportingFrame title="Reporting">
            <div class="tiles">
                <A href="/reporting/activity" attr:class="tile link-tile"><strong>"Activity log"</strong><span>"Who changed what, filtered and exported as CSV"</span></A>
                <A href="/reporting/seats" attr:class="tile link-tile"><strong>"Seat use"</strong><span>"How full each product is, and who holds the seats"</span></A>
                <A href="/reporting/renewals" attr:class="tile link-tile"><strong>"Renewals"</strong><span>"What ends in the next 12 months, and who loses access"</span></A>
                <A href="/reporting/usage" attr:class="tile link-tile"><strong>"Usage"</strong><span>"Who uses which product, over 30 days to 12 months, exported as CSV"</span></A>
                <A href="/reporting/idle" attr:class="tile link-tile"><strong>"Idle seats"</strong><span>"Seats nobody has used for a month, to unassign"</span></A>
            </div>
        </ReportingFrame>
    }
}
