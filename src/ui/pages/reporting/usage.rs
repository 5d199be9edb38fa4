//! The usage report (rule 61; issue 11): per person and product, days used in the period, the monthly
//! average, last used and days inactive, for 30 days or 3, 6, 9 or 12 months; filters in the URL carry into
//! the CSV. A picture first: per product, how many seats were used in the period and how many were not.

use super::{bar_list, BarRow, ReportingFrame};
use crate::domain::read::usage::{choices, usage_csv, usage_day, usage_rows, UsageFilter, UsageRow};
use crate::domain::usage::Period;
use crate::ui::components::fields::{QuerySearch, QuerySelect};
use crate::ui::components::list::Pager;
use crate::ui::download::export_csv;
use crate::ui::query::{use_url_query, FromQuery, UrlQuery};
use crate::ui::Console;
use leptos::prelude::*;
use leptos_router::params::ParamsMap;
use std::collections::BTreeMap;

const PAGE_SIZE: usize = 50;

impl FromQuery for UsageFilter {
    fn from_query(q: &ParamsMap) -> Self {
        UsageFilter {
            period: q.get_str("period").and_then(Period::from_key).unwrap_or(Period::Days30),
            product: q.get("product"),
            place: q.get("place"),
            text: q.get("q").unwrap_or_default(),
        }
    }
}

/// The day usage counts up to: "As of", or the last recorded day when earlier (`usage_day`).
pub fn use_usage_day() -> Memo<chrono::NaiveDate> {
    let console = expect_context::<Console>();
    Memo::new(move |_| {
        let today = console.today.get();
        console.env.with(|e| usage_day(&e.account, today))
    })
}

/// Says where the usage data ends when "As of" is past it, and that the report covers single-user seats.
#[component]
pub fn DataNote(day: Memo<chrono::NaiveDate>) -> impl IntoView {
    let console = expect_context::<Console>();
    view! {
        <p class="hint" role="note">
            {move || (day.get() < console.today.get()).then(|| format!(
                "No usage recorded after {}: the figures count up to that day, and no seat is called idle for the days after it. ",
                day.get()
            ))}
            "Usage covers single-user products only: multi-user seats are not listed, as in Autodesk's usage report."
        </p>
    }
}

/// Every seat the viewer administers, with its use over `period`: one memo shared by a page's parts.
pub fn use_rows(period: impl Fn() -> Period + Send + Sync + 'static) -> Memo<Vec<UsageRow>> {
    let console = expect_context::<Console>();
    Memo::new(move |_| {
        let (today, viewer, period) = (console.today.get(), console.actor(), period());
        viewer.map(|v| console.env.with(|e| usage_rows(&e.account, v, today, period))).unwrap_or_default()
    })
}

#[component]
pub fn UsageReport() -> impl IntoView {
    view! { <ReportingFrame title="Usage report"><Report/></ReportingFrame> }
}

#[component]
fn Report() -> impl IntoView {
    let console = expect_context::<Console>();
    let query = use_url_query();
    let filter = query.filter::<UsageFilter>();
    let all = use_rows(move || filter.with(|f| f.period));
    let day = use_usage_day();
    let shown = Memo::new(move |_| {
        filter.with(|f| all.with(|r| r.iter().enumerate().filter(|(_, r)| f.matches(r)).map(|(i, _)| i).collect()))
    });
    let pages = move || shown.with(|s: &Vec<usize>| s.len().div_ceil(PAGE_SIZE)).max(1);
    let page = move || query.page().clamp(1, pages());
    let export = move |_| {
        let (period, today) = (filter.with(|f| f.period), day.get_untracked());
        let csv = all.with(|r| shown.with(|s| usage_csv(&s.iter().map(|i| &r[*i]).collect::<Vec<_>>(), period, today)));
        export_csv(console, "usage-report.csv", shown.with(Vec::len), "rows", &csv);
    };
    let table_rows = move || {
        let (period, today) = (filter.with(|f| f.period), day.get());
        all.with(|r| {
            shown.with(|s| {
                s.iter().skip((page() - 1) * PAGE_SIZE).take(PAGE_SIZE).map(|i| {
                    let r = &r[*i];
                    let inactive = match r.days_inactive(today) {
                        Some(d) => d.to_string(),
                        None => "Never used".into(),
                    };
                    view! {
                        <tr>
                            <td>{r.name.clone()}<div class="hint">{r.email.clone()}</div></td>
                            <td>{r.product.clone()}</td><td>{r.place.clone()}</td><td>{r.assignment.clone()}</td>
                            <td>{r.days_used}</td><td>{r.monthly_average(period)}</td>
                            <td>{r.last_used.map(|d| d.to_string()).unwrap_or_else(|| "—".into())}</td><td>{inactive}</td>
                        </tr>
                    }
                }).collect_view()
            })
        })
    };
    view! {
        <div class="toolbar"><button type="button" on:click=export>"Export"</button></div>
        <DataNote day/>
        <Filters query rows=all period=true/>
        <Picture all shown period=Signal::derive(move || filter.with(|f| f.period))/>
        <p class="count" aria-live="polite">{move || match shown.with(Vec::len) {
            1 => "1 seat".to_string(),
            n => format!("{n} seats"),
        }}</p>
        <table class="users">
            <caption>"Use per person and product"</caption>
            <thead><tr>
                <th scope="col">"User"</th><th scope="col">"Product"</th><th scope="col">"Where"</th><th scope="col">"Held as"</th>
                <th scope="col">"Days used"</th><th scope="col">"Monthly average"</th><th scope="col">"Last used"</th><th scope="col">"Days inactive"</th>
            </tr></thead>
            <tbody>{table_rows}</tbody>
        </table>
        <Pager page=Signal::derive(page) pages=Signal::derive(pages) on_page=move |p| query.set_page(p)/>
    }
}

/// The report's and idle seats' filters: period (the report only), product, where, and a name or email.
#[component]
pub fn Filters(query: UrlQuery, rows: Memo<Vec<UsageRow>>, #[prop(optional)] period: bool) -> impl IntoView {
    let picks = Memo::new(move |_| rows.with(|r| choices(r)));
    let same = |v: Vec<String>| v.into_iter().map(|s| (s.clone(), s)).collect::<Vec<_>>();
    let products = Signal::derive(move || picks.with(|c| same(c.0.iter().cloned().collect())));
    let places = Signal::derive(move || picks.with(|c| same(c.1.iter().cloned().collect())));
    let current = move || query.value("period");
    view! {
        <div class="filters" role="search" aria-label="Filter the seats">
            <Show when=move || period>
                <div class="field">
                    <label for="filter-period">"Period"</label>
                    <select id="filter-period" on:change=move |ev| query.set("period", event_target_value(&ev))>
                        {Period::ALL.into_iter().map(|p| {
                            let key = p.key();
                            let selected = {
                                let key = key.clone();
                                move || current() == key || (current().is_empty() && p == Period::Days30)
                            };
                            view! { <option value=key selected=selected>{p.label()}</option> }
                        }).collect_view()}
                    </select>
                </div>
            </Show>
            <QuerySelect label="Product" key="product" all="All products" options=products query/>
            <QuerySelect label="Where" key="place" all="All contracts and teams" options=places query/>
            <QuerySearch query placeholder="Name or email"/>
        </div>
    }
}

/// Per product, the seats used in the period against those not used, as bars, with the same as a table.
#[component]
fn Picture(all: Memo<Vec<UsageRow>>, shown: Memo<Vec<usize>>, period: Signal<Period>) -> impl IntoView {
    let totals = Memo::new(move |_| {
        let mut per: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        all.with(|r| {
            shown.with(|s| {
                for r in s.iter().map(|i| &r[*i]) {
                    let t = per.entry(r.product.clone()).or_default();
                    if r.days_used > 0 {
                        t.0 += 1;
                    } else {
                        t.1 += 1;
                    }
                }
            })
        });
        per.into_iter().collect::<Vec<_>>()
    });
    let summary = move || {
        let (used, unused) = totals.with(|t| t.iter().fold((0, 0), |(a, b), (_, (u, n))| (a + u, b + n)));
        format!("{}: {used} seats used, {unused} not used.", period.get().label())
    };
    let bars = move || {
        totals
            .get()
            .into_iter()
            .map(|(product, (used, unused))| BarRow {
                percent: used * 100 / (used + unused).max(1),
                value: format!("{used} of {} used", used + unused),
                label: product,
                link: None,
                bad: false,
            })
            .collect()
    };
    view! {
        {bar_list(Signal::derive(summary), Signal::derive(bars))}
        <table class="users">
            <caption>"Seats used in the period, per product"</caption>
            <thead><tr><th scope="col">"Product"</th><th scope="col">"Used"</th><th scope="col">"Not used"</th></tr></thead>
            <tbody>{move || totals.get().into_iter().map(|(product, (used, unused))| view! {
                <tr><td>{product}</td><td>{used}</td><td>{unused}</td></tr>
            }).collect_view()}</tbody>
        </table>
    }
}
