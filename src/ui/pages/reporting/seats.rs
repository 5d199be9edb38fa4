//! Seat use (issue 11): every product line and pool the person manages, counted by `read::seats` (the same
//! figures as Home, Contracts and By Product), as bars with their figures and as a table; nearly full ones
//! (`NEARLY_FULL_PERCENT`) stand out; each leads to the user list that holds those seats.

use super::{bar_list, BarRow, ReportingFrame};
use crate::domain::read::export::seat_use_csv;
use crate::domain::read::reporting::seat_use;
use crate::domain::read::seats::NEARLY_FULL_PERCENT;
use crate::ui::download::export_csv;
use crate::ui::Console;
use leptos::prelude::*;
use leptos_router::components::A;

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
    let summary = move || {
        rows.with(|r| {
            let full = r.iter().filter(|x| x.now.nearly_full()).count();
            let what = if r.len() == 1 { "product line or pool" } else { "product lines and pools" };
            format!("Seat use of {} {what}; {full} nearly full.", r.len())
        })
    };
    let bars = move || {
        rows.get()
            .into_iter()
            .map(|r| BarRow {
                label: format!("{} · {}", r.product, r.place),
                link: Some(r.link),
                percent: r.now.percent().unwrap_or(100),
                value: r.now.summary(),
                bad: r.now.nearly_full(),
            })
            .collect()
    };
    view! {
        <p class="count">{summary}</p>
        <p class="hint">{format!("Nearly full: {NEARLY_FULL_PERCENT}% or more of the live seats taken, or people holding seats that give no access (a suspended or canceled contract). Home and By Product use the same rule.")}</p>
        <div class="toolbar"><button type="button" on:click=move |_| {
            export_csv(console, "seat-use.csv", rows.with(Vec::len), "lines and pools", &rows.with(|r| seat_use_csv(r)));
        }>"Export"</button></div>
        {bar_list(Signal::derive(summary), Signal::derive(bars))}
        <table class="users">
            <caption>"Seat use, as a table"</caption>
            <thead><tr><th scope="col">"Product"</th><th scope="col">"Where"</th><th scope="col">"Seats"</th><th scope="col">"Used"</th><th scope="col">"Nearly full"</th></tr></thead>
            <tbody>
                {move || rows.get().into_iter().map(|r| {
                    let full = r.now.nearly_full();
                    view! {
                        <tr class=if full { "short" } else { "" }>
                            <td><A href=r.link>{r.product}</A></td><td>{r.place}</td>
                            <td>{r.now.summary()}</td>
                            <td>{r.now.percent().map_or_else(|| "over the live seats".to_string(), |p| format!("{p}%"))}</td>
                            <td>{if full { "Yes" } else { "No" }}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
