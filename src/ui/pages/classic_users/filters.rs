//! The list's filters (rule 58), kept in the URL so a filtered view can be bookmarked:
//! `?contract=…&product=…&service=…&benefit=…&role=…&q=…&page=…`.

use crate::domain::read::user_list::UserFilter;
use crate::domain::{ClassicRole, ContractNo};
use crate::ui::Console;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::params::ParamsMap;
use leptos_router::NavigateOptions;
use std::collections::BTreeSet;

const ROLES: [(ClassicRole, &str); 3] = [
    (ClassicRole::ContractManager, "contract-manager"),
    (ClassicRole::SoftwareCoordinator, "software-coordinator"),
    (ClassicRole::User, "user"),
];

#[derive(Clone, Copy)]
pub struct FilterQuery {
    params: Memo<ParamsMap>,
    pub filter: Memo<UserFilter>,
    pub page: Memo<usize>,
    go: Callback<String>,
}

pub fn use_filter_query() -> FilterQuery {
    let params = use_query_map();
    let filter = Memo::new(move |_| {
        params.with(|q| UserFilter {
            contract: q.get("contract").map(ContractNo),
            product: q.get("product"),
            service: q.get("service"),
            benefit: q.get("benefit"),
            role: q.get_str("role").and_then(|r| ROLES.iter().find(|(_, key)| *key == r).map(|(role, _)| *role)),
            text: q.get("q").unwrap_or_default(),
        })
    });
    let page = Memo::new(move |_| params.with(|q| q.get_str("page").and_then(|p| p.parse().ok()).unwrap_or(1)));
    let navigate = use_navigate();
    let go = Callback::new(move |url: String| {
        navigate(&url, NavigateOptions { replace: true, scroll: false, ..Default::default() });
    });
    FilterQuery { params, filter, page, go }
}

impl FilterQuery {
    fn navigate(&self, change: impl FnOnce(&mut Vec<(String, String)>)) {
        let mut pairs: Vec<(String, String)> =
            self.params.with_untracked(|q| q.into_iter().map(|(k, v)| (k.to_string(), v.to_string())).collect());
        change(&mut pairs);
        let map: ParamsMap = pairs.into_iter().filter(|(_, v)| !v.is_empty()).collect();
        self.go.run(format!("/users/classic{}", map.to_query_string()));
    }

    /// Sets one filter (empty clears it) and goes back to the first page.
    pub fn set(&self, key: &'static str, value: String) {
        self.navigate(|pairs| {
            pairs.retain(|(k, _)| k != key && k != "page");
            pairs.push((key.to_string(), value));
        });
    }

    pub fn set_page(&self, page: usize) {
        self.navigate(|pairs| {
            pairs.retain(|(k, _)| k != "page");
            if page > 1 {
                pairs.push(("page".into(), page.to_string()));
            }
        });
    }

    fn value(&self, key: &'static str) -> String {
        self.params.with(|q| q.get(key).unwrap_or_default())
    }
}

/// One labelled select of the filter bar; the empty choice means "all".
#[component]
fn FilterSelect(
    label: &'static str,
    key: &'static str,
    all: &'static str,
    options: Signal<Vec<(String, String)>>,
    query: FilterQuery,
) -> impl IntoView {
    let id = format!("filter-{key}");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id prop:value=move || query.value(key) on:change=move |ev| query.set(key, event_target_value(&ev))>
                <option value="">{all}</option>
                {move || options.get().into_iter().map(|(value, text)| {
                    let selected = query.value(key) == value;
                    view! { <option value=value selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
pub fn FilterBar(query: FilterQuery) -> impl IntoView {
    let console = expect_context::<Console>();
    let same = |v: BTreeSet<String>| v.into_iter().map(|s| (s.clone(), s)).collect::<Vec<_>>();
    let contracts = Signal::derive(move || {
        console.env.with(|e| e.account.contracts.keys().map(|n| (n.to_string(), n.to_string())).collect())
    });
    let products = Signal::derive(move || {
        console.env.with(|e| {
            same(e.account.contracts.values().flat_map(|c| c.lines.values().map(|l| l.product.clone())).collect())
        })
    });
    let services = Signal::derive(move || {
        console.env.with(|e| {
            same(
                e.account
                    .contracts
                    .values()
                    .flat_map(|c| c.lines.values().flat_map(|l| l.services.iter().cloned()))
                    .collect(),
            )
        })
    });
    let benefits = Signal::derive(move || {
        console.env.with(|e| same(e.account.contracts.values().flat_map(|c| c.benefits.values().cloned()).collect()))
    });
    let roles = Signal::derive(|| ROLES.iter().map(|(r, key)| (key.to_string(), r.label().to_string())).collect());
    view! {
        <div class="filters" role="search" aria-label="Filter users">
            <FilterSelect label="Contract" key="contract" all="All contracts" options=contracts query/>
            <FilterSelect label="Product" key="product" all="All products" options=products query/>
            <FilterSelect label="Service" key="service" all="All services" options=services query/>
            <FilterSelect label="Benefit" key="benefit" all="All benefits" options=benefits query/>
            <FilterSelect label="Role" key="role" all="All roles" options=roles query/>
            <div class="field grow">
                <label for="filter-q">"Search"</label>
                <input id="filter-q" type="search" placeholder="Name or email" prop:value=move || query.value("q")
                    on:input=move |ev| query.set("q", event_target_value(&ev))/>
            </div>
        </div>
    }
}
