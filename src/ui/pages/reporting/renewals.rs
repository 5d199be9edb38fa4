//! The renewal timeline (issue 11; rules 46–47): the next 12 months from "As of", each contract and
//! subscription a bar ending at its end date in its status colour, the notices Autodesk sends, and how many
//! people lose access at each end, with a legend; HTML rows that wrap at 390 px; the same in a table and CSV.

use super::ReportingFrame;
use crate::domain::lifecycle;
use crate::domain::read::export::renewals_csv;
use crate::domain::read::reporting::{renewals, Renewal, TIMELINE_DAYS};
use crate::ui::download::export_csv;
use crate::ui::Console;
use chrono::{Datelike, Duration, NaiveDate};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Renewals() -> impl IntoView {
    view! { <ReportingFrame title="Renewals"><Timeline/></ReportingFrame> }
}

/// Where a day falls on the timeline, in percent of its width, kept inside it.
fn at(today: NaiveDate, day: NaiveDate) -> f64 {
    (day - today).num_days().clamp(0, TIMELINE_DAYS) as f64 * 100.0 / TIMELINE_DAYS as f64
}

fn pct(x: f64) -> String {
    format!("{x:.2}%")
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
            match r.len() {
                0 => format!("Renewal timeline from {} to {end}: you manage no contract or subscription that renews.", today()),
                all => format!(
                    "Renewal timeline from {} to {end}: {ending} of the {all} contracts and subscriptions you manage end in it.",
                    today()
                ),
            }
        })
    };
    // A label at the first of each month: "Jan" with its year under it in January and on the first label.
    let months = move || {
        let start = today();
        (1..=12)
            .filter_map(|m| {
                let first = NaiveDate::from_ymd_opt(start.year(), start.month(), 1)?
                    .checked_add_months(chrono::Months::new(m))?;
                let year = (m == 1 || first.month() == 1).then(|| first.year().to_string());
                let month = lifecycle::month_year(first).split(' ').next().unwrap_or_default().to_string();
                (first <= start + Duration::days(TIMELINE_DAYS)).then(|| (at(start, first), month, year))
            })
            .collect::<Vec<_>>()
    };
    let export = move |_| {
        let csv = rows.with(|r| renewals_csv(r, today()));
        export_csv(console, "renewals.csv", rows.with(Vec::len), "contracts and subscriptions", &csv);
    };
    view! {
        <p class="count">{summary}</p>
        <div class="toolbar"><button type="button" on:click=export>"Export"</button></div>
        <ul class="legend" aria-label="Legend">
            <li><span class="swatch active"></span>"Active"</li>
            <li><span class="swatch expiring"></span>"Expiring: 90 days or fewer left"</li>
            <li><span class="swatch expired"></span>"Expired: access continues for 15 days"</li>
            <li><span class="swatch suspended"></span>"Suspended or canceled: no access"</li>
            <li><span class="swatch mark"></span>"A renewal notice emailed to the contract manager (90, 45, 30 and 4 days before the end; none before a term began; subscriptions get their contract's)"</li>
        </ul>
        <ul class="bars timeline" aria-label=summary>
            <li class="bar-row axis" aria-hidden="true">
                <span class="bar-label"></span>
                <svg class="strip" width="100%" height="30">{move || months().into_iter().map(|(x, month, year)| view! {
                    <g class="month">
                        <line class="tick" x1=pct(x) x2=pct(x) y1="0" y2="30"/>
                        <text x=pct(x) dx="3" y="11">{month}</text>
                        {year.map(|y| view! { <text x=pct(x) dx="3" y="25">{y}</text> })}
                    </g>
                }).collect_view()}</svg>
                <span class="bar-value"></span>
            </li>
            {move || rows.get().into_iter().map(|r| row(today(), r)).collect_view()}
        </ul>
        <table class="users">
            <caption>"Renewals, as a table"</caption>
            <thead><tr>
                <th scope="col">"Contract or subscription"</th><th scope="col">"Status"</th><th scope="col">"End date"</th>
                <th scope="col">"Days to the end"</th><th scope="col">"Notices"</th><th scope="col">"People who lose access"</th>
            </tr></thead>
            <tbody>
                {move || rows.get().into_iter().map(|r| {
                    let status = r.status.label();
                    // Each notice kept on one line, so a narrow column never breaks "90 days: 2026-10-19" apart.
                    let last = r.notices.len().saturating_sub(1);
                    let notices = r.notices.iter().enumerate().map(|(i, (d, on))| view! {
                        <span class="nowrap">{format!("{d} days: {on}")}</span>{(i < last).then_some(", ")}
                    }).collect_view();
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

/// One contract or subscription: a span from the start of the window (or its start) to its end date in its
/// status colour, the notice marks, and who loses access there.
fn row(today: NaiveDate, r: Renewal) -> impl IntoView {
    let (from, to) = (at(today, r.start.max(today)), at(today, r.end));
    let class = format!("span {}", r.status.label().to_lowercase());
    let marks: Vec<f64> = r
        .notices
        .iter()
        .filter(|(_, on)| *on >= today && (*on - today).num_days() <= TIMELINE_DAYS)
        .map(|(_, on)| at(today, *on))
        .collect();
    let note = match (r.end < today, r.losing) {
        (true, _) => format!("ended {}", r.end),
        (false, 1) => format!("ends {} · 1 person loses access", r.end),
        (false, n) => format!("ends {} · {n} people lose access", r.end),
    };
    view! {
        <li class="bar-row">
            <span class="bar-label"><A href=r.link>{r.label}</A></span>
            <svg class="strip" aria-hidden="true" width="100%" height="24">
                <rect class=class x=pct(from) y="3" width=pct((to - from).max(0.5)) height="18" rx="2"/>
                {marks.into_iter().map(|x| view! { <line class="mark" x1=pct(x) x2=pct(x) y1="0" y2="24"/> }).collect_view()}
            </svg>
            <span class="bar-value">{note}</span>
        </li>
    }
}
