//! Seat use (issue 11): every product line and pool the person manages, assigned against available, as bars
//! (inline SVG, drawn by the app, scaled to the window); 90% or more stands out; each bar and each table row
//! leads to the user list that holds those seats.

use super::ReportingFrame;
use crate::domain::read::reporting::{seat_use, SeatUse};
use crate::ui::Console;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

const ROW: usize = 34;
const LABEL: usize = 420;
const BAR: usize = 460;

#[component]
pub fn SeatUsePage() -> impl IntoView {
    view! { <ReportingFrame title="Seat use"><Seats/></ReportingFrame> }
}

#[component]
fn Seats() -> impl IntoView {
    let console = expect_context::<Console>();
    let rows = Memo::new(move |_| {
        let (today, viewer) = (console.today.get(), console.actor());
        viewer.map(|v| console.env.with(|e| seat_use(&e.account, v, today))).unwrap_or_default()
    });
    let navigate = use_navigate();
    let summary = move || {
        rows.with(|r| {
            let full = r.iter().filter(|x| x.nearly_full()).count();
            let what = if r.len() == 1 { "product line or pool" } else { "product lines and pools" };
            format!("Seat use of {} {what}; {full} at or over 90%.", r.len())
        })
    };
    view! {
        <p class="count">{summary}</p>
        <div class="chart-box"><svg class="chart" role="img" aria-label=summary width="100%"
            viewBox=move || format!("0 0 1000 {}", rows.with(Vec::len) * ROW + 10)>
            {move || rows.get().into_iter().enumerate().map(|(i, r)| {
                let navigate = navigate.clone();
                bar(i, r, move |href: String| navigate(&href, Default::default()))
            }).collect_view()}
        </svg></div>
        <table class="users">
            <caption>"Seat use, as a table"</caption>
            <thead><tr><th scope="col">"Product"</th><th scope="col">"Where"</th><th scope="col">"Assigned"</th><th scope="col">"Seats"</th><th scope="col">"Used"</th></tr></thead>
            <tbody>
                {move || rows.get().into_iter().map(|r| {
                    let (full, used) = (r.nearly_full(), r.used());
                    view! {
                        <tr class=if full { "short" } else { "" }>
                            <td><A href=r.link>{r.product}</A></td><td>{r.place}</td>
                            <td>{r.assigned}</td><td>{r.seats}</td><td>{used}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// One bar: the product and where, the seats taken against all, the share; a click opens its user list.
fn bar(i: usize, r: SeatUse, go: impl Fn(String) + 'static) -> impl IntoView {
    let y = i * ROW + 6;
    let width = BAR * r.assigned.min(r.seats) / r.seats.max(1);
    let class = if r.nearly_full() { "bar full" } else { "bar" };
    let link = r.link.clone();
    let label = format!("{} · {}", r.product, r.place);
    let short = super::fit(&label, 56);
    view! {
        <g class="bar-row" on:click=move |_| go(link.clone())>
            <title>{label}</title>
            <text x="0" y=y + 20 class="label">{short}</text>
            <rect x=LABEL y=y width=BAR height="22" class="track"/>
            <rect x=LABEL y=y width=width height="22" class=class/>
            <text x=LABEL + BAR + 10 y=y + 16 class="value">{format!("{} of {} · {}", r.assigned, r.seats, r.used())}</text>
        </g>
    }
}
