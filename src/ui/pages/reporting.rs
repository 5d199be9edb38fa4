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

/// One row of a bar list: what it is (a link to its users), how full, and the figure in words.
#[derive(Clone, PartialEq)]
pub struct BarRow {
    pub label: String,
    pub link: Option<String>,
    /// 0–100.
    pub percent: usize,
    pub value: String,
    pub bad: bool,
}

/// Bars as HTML rows rather than one wide picture: the label, the bar and its figure wrap on a phone, so
/// nothing scrolls sideways at 390 px (issue 26). Each bar is a small SVG whose rectangle is a percentage of
/// its width: attributes, which the Content-Security-Policy allows where inline styles are not.
/// Not generic over its closures, so one copy serves every page.
fn bar_list(label: Signal<String>, rows: Signal<Vec<BarRow>>) -> impl IntoView {
    view! {
        <ul class="bars" aria-label=label>
            {move || rows.get().into_iter().map(|r| view! {
                <li class="bar-row">
                    <span class="bar-label">{match r.link {
                        Some(href) => view! { <A href=href>{r.label}</A> }.into_any(),
                        None => r.label.into_any(),
                    }}</span>
                    <svg class="meter" aria-hidden="true" width="100%" height="20">
                        <rect class="track" width="100%" height="100%"/>
                        <rect class=if r.bad { "fill full" } else { "fill" } width=format!("{}%", r.percent.min(100)) height="100%"/>
                    </svg>
                    <span class="bar-value">{r.value}</span>
                </li>
            }).collect_view()}
        </ul>
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
