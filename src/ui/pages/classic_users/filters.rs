//! The list's filters (rule 58), kept in the URL so a filtered view can be bookmarked:
//! `?contract=…&product=…&service=…&benefit=…&role=…&q=…&page=…`.

use crate::domain::read::user_list::UserFilter;
use crate::domain::{ClassicRole, ContractNo};
use crate::ui::components::fields::{QuerySearch, QuerySelect};
use crate::ui::query::{FromQuery, UrlQuery};
use crate::ui::Console;
use leptos::prelude::*;
use leptos_router::params::ParamsMap;
use std::collections::BTreeSet;

const ROLES: [(ClassicRole, &str); 3] = [
    (ClassicRole::ContractManager, "contract-manager"),
    (ClassicRole::SoftwareCoordinator, "software-coordinator"),
    (ClassicRole::User, "user"),
];

impl FromQuery for UserFilter {
    fn from_query(q: &ParamsMap) -> Self {
        UserFilter {
            contract: q.get("contract").map(ContractNo),
            product: q.get("product"),
            service: q.get("service"),
            benefit: q.get("benefit"),
            role: q.get_str("role").and_then(|r| ROLES.iter().find(|(_, key)| *key == r).map(|(role, _)| *role)),
            text: q.get("q").unwrap_or_default(),
        }
    }
}

#[component]
pub fn FilterBar(query: UrlQuery) -> impl IntoView {
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
            <QuerySelect label="Contract" key="contract" all="All contracts" options=contracts query/>
            <QuerySelect label="Product" key="product" all="All products" options=products query/>
            <QuerySelect label="Service" key="service" all="All services" options=services query/>
            <QuerySelect label="Benefit" key="benefit" all="All benefits" options=benefits query/>
            <QuerySelect label="Role" key="role" all="All roles" options=roles query/>
            <QuerySearch query placeholder="Name or email"/>
        </div>
    }
}
