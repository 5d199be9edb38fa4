//! The list's filters (rule 58), kept in the URL so a filtered view can be bookmarked:
//! `?contract=…&product=…&service=…&benefit=…&role=…&q=…&page=…`.

use crate::domain::read::user_list::{catalog_size, filter_choices, FilterChoices, UserFilter};
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
    let same = |v: &BTreeSet<String>| v.iter().map(|s| (s.clone(), s.clone())).collect::<Vec<_>>();
    // Read again only when the catalog's size changed, or people changed in a way no change named (the account
    // replaced): a change that names whom it touched never changes the catalog but with its size
    // (tests/properties.rs). Reading 10,000 people's catalog again cost Add user 4 ms (issue 28.5).
    let size = Memo::new(move |_| console.env.with(|e| catalog_size(&e.account)));
    let seen = StoredValue::new(None::<(u64, (usize, usize, usize))>);
    let choices = Memo::new(move |prev: Option<&FilterChoices>| {
        let size = size.get();
        let last = seen.get_value();
        let (now, kept) = console.env.with_people_since(last.map(|(v, _)| v), |e, touched| {
            match (touched, prev, last.map(|(_, s)| s) == Some(size)) {
                (Some(_), Some(prev), true) => prev.clone(),
                _ => filter_choices(&e.account),
            }
        });
        seen.set_value(Some((now, size)));
        kept
    });
    let contracts =
        Signal::derive(move || choices.with(|c| c.contracts.iter().map(|n| (n.clone(), n.clone())).collect()));
    let products = Signal::derive(move || choices.with(|c| same(&c.products)));
    let services = Signal::derive(move || choices.with(|c| same(&c.services)));
    let benefits = Signal::derive(move || choices.with(|c| same(&c.benefits)));
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
