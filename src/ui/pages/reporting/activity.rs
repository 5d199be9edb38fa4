//! The activity log (rule 62): every change, newest first, with date range, event type, actor, user, group,
//! product, contract and keyword filters kept in the URL, 50 a page, and the filtered log as CSV.

use super::ReportingFrame;
use crate::domain::read::reporting::{log_choices, log_csv, log_entries, LogFilter};
use crate::domain::{ContractNo, GroupId, UserId};
use crate::ui::components::fields::{QuerySearch, QuerySelect};
use crate::ui::components::list::Pager;
use crate::ui::download::export_csv;
use crate::ui::query::{use_url_query, FromQuery, UrlQuery};
use crate::ui::Console;
use leptos::prelude::*;
use leptos_router::params::ParamsMap;

const PAGE_SIZE: usize = 50;

impl FromQuery for LogFilter {
    fn from_query(q: &ParamsMap) -> Self {
        let date = |k: &str| q.get_str(k).and_then(|d| d.parse().ok());
        LogFilter {
            from: date("from"),
            to: date("to"),
            kind: q.get("kind"),
            actor: q.get("actor"),
            user: q.get_str("user").and_then(|u| u.parse().ok()).map(UserId),
            group: q.get_str("group").and_then(|g| g.parse().ok()).map(GroupId),
            product: q.get("product"),
            contract: q.get("contract").map(ContractNo),
            text: q.get("q").unwrap_or_default(),
        }
    }
}

#[component]
pub fn ActivityLog() -> impl IntoView {
    view! { <ReportingFrame title="Activity log"><Log/></ReportingFrame> }
}

#[component]
fn Log() -> impl IntoView {
    let console = expect_context::<Console>();
    let query = use_url_query();
    let filter = query.filter::<LogFilter>();
    let entries = Memo::new(move |_| {
        let (f, viewer) = (filter.get(), console.actor());
        viewer.map(|v| console.env.with(|e| log_entries(&e.account, v, &f))).unwrap_or_default()
    });
    let pages = move || entries.with(|r| r.len().div_ceil(PAGE_SIZE)).max(1);
    let page = move || query.page().clamp(1, pages());
    let rows = Memo::new(move |_| {
        let shown: Vec<usize> =
            entries.with(|r| r.iter().skip((page() - 1) * PAGE_SIZE).take(PAGE_SIZE).copied().collect());
        console.env.with(|e| {
            shown
                .iter()
                .filter_map(|i| e.account.activity.get(*i))
                .map(|a| {
                    let about =
                        a.targets.users.iter().map(|u| e.account.name_of(*u)).chain(a.targets.products.iter().cloned());
                    let about: Vec<String> = about
                        .chain(a.targets.contract.iter().map(|c| format!("contract {c}")))
                        .chain(a.targets.serials.iter().map(|s| s.to_string()))
                        .collect();
                    // The day it acted on ("As of") and, apart, when it really happened, with its zone.
                    (a.on.to_string(), a.time(), a.actor.clone(), a.kind.clone(), a.what.clone(), about.join(", "))
                })
                .collect::<Vec<_>>()
        })
    });
    let export = move |_| {
        let csv = console.env.with(|e| entries.with(|r| log_csv(&e.account, r)));
        export_csv(console, "activity-log.csv", entries.with(Vec::len), "entries", &csv);
    };
    view! {
        <div class="toolbar"><button type="button" on:click=export>"Export"</button></div>
        <Filters query/>
        <p class="hint">"Nothing is ever taken out of the log: Undo and Redo add “Reverted:” and “Redone:” entries. “As of day” is the day a change acted on; “Real time” is when it was made, in the browser's time zone. Renewal notices dated after a moved-back “As of” are the one thing withdrawn, and the log says so."</p>
        <p class="count" aria-live="polite">{move || {
            let f = filter.get();
            match (f.from.zip(f.to).is_some_and(|(a, b)| b < a), entries.with(Vec::len)) {
                (true, _) => "No entries: the To date is before the From date.".to_string(),
                (_, 1) => "1 entry".to_string(),
                (_, n) => format!("{n} entries"),
            }
        }}</p>
        <table class="users log">
            <thead><tr><th scope="col">"As of day"</th><th scope="col">"Real time"</th><th scope="col">"Actor"</th><th scope="col">"Event type"</th><th scope="col">"Description"</th><th scope="col">"About"</th></tr></thead>
            <tbody>
                {move || rows.get().into_iter().map(|(on, when, actor, kind, what, about)| view! {
                    <tr><td>{on}</td><td>{when}</td><td>{actor}</td><td>{kind}</td><td>{what}</td><td>{about}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
        <Pager page=Signal::derive(page) pages=Signal::derive(pages) on_page=move |p| query.set_page(p)/>
    }
}

#[component]
fn Filters(query: UrlQuery) -> impl IntoView {
    let console = expect_context::<Console>();
    let choices = Memo::new(move |_| {
        let viewer = console.actor();
        viewer.map(|v| console.env.with(|e| log_choices(&e.account, v))).unwrap_or_default()
    });
    let same = |v: Vec<String>| v.into_iter().map(|s| (s.clone(), s)).collect::<Vec<_>>();
    let kinds = Signal::derive(move || choices.with(|c| same(c.kinds.iter().cloned().collect())));
    let actors = Signal::derive(move || choices.with(|c| same(c.actors.iter().cloned().collect())));
    let users =
        Signal::derive(move || choices.with(|c| c.users.iter().map(|(u, n)| (u.to_string(), n.clone())).collect()));
    let groups =
        Signal::derive(move || choices.with(|c| c.groups.iter().map(|(g, n)| (g.to_string(), n.clone())).collect()));
    let products = Signal::derive(move || choices.with(|c| same(c.products.iter().cloned().collect())));
    let contracts = Signal::derive(move || choices.with(|c| same(c.contracts.iter().map(|c| c.to_string()).collect())));
    let date = move |key: &'static str, label: &'static str| {
        let id = format!("filter-{key}");
        view! {
            <div class="field">
                <label for=id.clone()>{label}</label>
                <input id=id type="date" prop:value=move || query.value(key) on:change=move |ev| query.set(key, event_target_value(&ev))/>
            </div>
        }
    };
    view! {
        <div class="filters" role="search" aria-label="Filter the activity log">
            {date("from", "From")}
            {date("to", "To")}
            <QuerySelect label="Event type" key="kind" all="All events" options=kinds query/>
            <QuerySelect label="Actor" key="actor" all="Everyone" options=actors query/>
            <QuerySelect label="User" key="user" all="All users" options=users query/>
            <QuerySelect label="Group" key="group" all="All groups" options=groups query/>
            <QuerySelect label="Product" key="product" all="All products" options=products query/>
            <QuerySelect label="Contract" key="contract" all="All contracts" options=contracts query/>
            <QuerySearch query placeholder="Words in the description"/>
        </div>
    }
}
