//! The renewal timeline (issue 11; rules 46–47): the next 12 months from "As of", each contract and
//! subscription a bar ending at its end date in its status colour, the 90/45/30/4-day notice marks, and how
//! many people lose access at each end; the same in a table.

use super::ReportingFrame;
use crate::domain::lifecycle;
use crate::domain::read::reporting::{renewals, Renewal, TIMELINE_DAYS};
use crate::ui::Console;
use chrono::{Datelike, Duration, NaiveDate};
use leptos::prelude::*;
use leptos_router::components::A;

const ROW: i64 = 34;
const LABEL: i64 = 330;
const WIDTH: i64 = 560;
const TOP: i64 = 24;

#[component]
pub fn Renewals() -> impl IntoView {
    view! { <ReportingFrame title="Renewals"><Timeline/></ReportingFrame> }
}

/// The x of a day on the timeline, kept inside it.
fn x_of(today: NaiveDate, day: NaiveDate) -> i64 {
    LABEL + (day - today).num_days().clamp(0, TIMELINE_DAYS) * WIDTH / TIMELINE_DAYS
}

#[component]
fn Timeline() -> impl IntoView {
    let console = expect_context::<Console>();
    let rows = Memo::new(move |_| {
        let (today, viewer) = (console.today.get(), console.actor());
        viewer.map(|v| console.env.with(|e| renewals(&e.account, v, today))).unwrap_or_default()
    });
    let today = move || console.today.get();
    let summary = move || {
        let end = today() + Duration::days(TIMELINE_DAYS);
        rows.with(|r| {
            let ending = r.iter().filter(|x| x.end >= today() && x.end <= end).count();
            format!(
                "Renewal timeline from {} to {end}: {ending} of {} contracts and subscriptions end in it.",
                today(),
                r.len()
            )
        })
    };
    // A line and a label at the first of each month.
    let months = move || {
        let start = today();
        (1..=12)
            .filter_map(|m| {
                let first = NaiveDate::from_ymd_opt(start.year(), start.month(), 1)?
                    .checked_add_months(chrono::Months::new(m))?;
                (first <= start + Duration::days(TIMELINE_DAYS))
                    .then(|| (x_of(start, first), lifecycle::month_year(first)))
            })
            .collect::<Vec<_>>()
    };
    view! {
        <p class="count">{summary}</p>
        <div class="chart-box"><svg class="chart" role="img" aria-label=summary width="100%"
            viewBox=move || format!("0 0 1000 {}", rows.with(Vec::len) as i64 * ROW + TOP + 10)>
            {move || months().into_iter().map(|(x, label)| view! {
                <line x1=x x2=x y1="14" y2=rows.with(Vec::len) as i64 * ROW + TOP class="month"/>
                <text x=x + 3 y="12" class="month-label">{label}</text>
            }).collect_view()}
            {move || rows.get().into_iter().enumerate().map(|(i, r)| bar(today(), i as i64, r)).collect_view()}
        </svg></div>
        <table class="users">
            <caption>"Renewals, as a table"</caption>
            <thead><tr>
                <th scope="col">"Contract or subscription"</th><th scope="col">"Status"</th><th scope="col">"End date"</th>
                <th scope="col">"Days to the end"</th><th scope="col">"Notices"</th><th scope="col">"People who lose access"</th>
            </tr></thead>
            <tbody>
                {move || rows.get().into_iter().map(|r| {
                    let status = r.status.label();
                    let notices = r.notices.iter().map(|(d, on)| format!("{d} days: {on}")).collect::<Vec<_>>().join(", ");
                    view! {
                        <tr>
                            <th scope="row"><A href=r.link.clone()>{r.label.clone()}</A></th>
                            <td><span class=format!("badge {}", status.to_lowercase())>{status}</span></td>
                            <td>{r.end.to_string()}</td>
                            <td>{match (r.end - today()).num_days() {
                                days if days < 0 => format!("ended {} days ago", -days),
                                days => days.to_string(),
                            }}</td>
                            <td>{notices}</td>
                            <td>{r.losing}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// One contract or subscription: a bar from the start of the window (or its start) to its end date, the
/// notice marks, and who loses access there.
fn bar(today: NaiveDate, i: i64, r: Renewal) -> impl IntoView {
    let y = TOP + i * ROW;
    let (from, to) = (x_of(today, r.start.max(today)), x_of(today, r.end));
    let class = format!("span {}", r.status.label().to_lowercase());
    let marks: Vec<i64> = r
        .notices
        .iter()
        .filter(|(_, on)| *on >= today && (*on - today).num_days() <= TIMELINE_DAYS)
        .map(|(_, on)| x_of(today, *on))
        .collect();
    let note =
        if r.end < today { format!("ended {}", r.end) } else { format!("{} · {} lose access", r.end, r.losing) };
    view! {
        <g>
            <text x="0" y=y + 17 class="label">{r.label.clone()}</text>
            <rect x=from y=y width=(to - from).max(3) height="20" class=class/>
            {marks.into_iter().map(|x| view! { <line x1=x x2=x y1=y - 3 y2=y + 23 class="notice"/> }).collect_view()}
            <text x=(to + 6).min(1000 - 150) y=y + 15 class="value">{note}</text>
        </g>
    }
}
