//! Products & Services as the signed-in person sees it: what they may use (collections expanded, rule 12
//! for multi-user seats), their support benefits, and for admins the lines they manage.

use super::ids::*;
use super::model::*;
use super::queries::ClassicRoles;

/// One product, or one Industry Collection, a person holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Held {
    pub contract: ContractNo,
    pub name: String,
    pub release: String,
    /// Each product the seat grants, with the services given for it.
    pub products: Vec<(String, Vec<String>)>,
    /// Single-user seats include a download; multi-user seats give cloud services only (rule 12).
    pub download: bool,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct MyProducts {
    pub named_user: bool,
    pub pending: bool,
    pub held: Vec<Held>,
    pub benefits: Vec<(ContractNo, Vec<String>)>,
    /// New-view products: team, product, and whether it comes directly or through a group.
    pub team_products: Vec<(String, String, String)>,
    /// The people to ask: contract managers and software coordinators.
    pub admins: Vec<String>,
}

/// Splits a collection's "Product: Service" names per product; a single product keeps its services.
fn per_product(line: &ProductLine, services: &std::collections::BTreeSet<String>) -> Vec<(String, Vec<String>)> {
    if line.bundle.is_empty() {
        return vec![(line.product.clone(), services.iter().cloned().collect())];
    }
    line.bundle
        .iter()
        .map(|p| {
            let prefix = format!("{p}: ");
            (p.clone(), services.iter().filter_map(|s| s.strip_prefix(&prefix).map(str::to_string)).collect())
        })
        .collect()
}

pub fn my_products(acc: &Account, user: UserId) -> MyProducts {
    let Some(u) = acc.users.get(&user) else { return MyProducts::default() };
    let roles = ClassicRoles::of(acc);
    let mut admins: Vec<String> = roles.managers.iter().chain(&roles.coordinators).map(|a| acc.name_of(*a)).collect();
    admins.sort();
    admins.dedup();
    let mut mine = MyProducts {
        named_user: u.classic.is_some(),
        pending: u.classic.as_ref().is_some_and(|c| c.status == UserStatus::Pending),
        admins,
        ..Default::default()
    };
    for c in acc.contracts.values() {
        for l in c.lines.values() {
            if let Some(services) = l.holders.get(&user) {
                mine.held.push(Held {
                    contract: c.number.clone(),
                    name: l.product.clone(),
                    release: l.release.clone(),
                    products: per_product(l, services),
                    download: l.download && c.access == Access::SingleUser,
                });
            }
        }
        if let Some(b) = c.benefit_holders.get(&user) {
            mine.benefits.push((c.number.clone(), b.iter().filter_map(|id| c.benefits.get(id).cloned()).collect()));
        }
    }
    for t in acc.teams.values().filter(|t| t.members.contains_key(&user)) {
        for product in t.products() {
            let how = match (t.direct.get(&user).and_then(|p| p.get(&product)), t.granting_group(user, &product)) {
                (_, Some(g)) => format!("through the group {}", g.name),
                (Some(SeatSource::Subscription(s)), None) => format!("from subscription {s}"),
                (Some(SeatSource::Pool), None) => "from the team's pool".to_string(),
                (None, None) => continue,
            };
            mine.team_products.push((t.name.clone(), product, how));
        }
    }
    mine
}

/// A product line an admin manages, with who holds it.
#[derive(Clone, Debug, PartialEq)]
pub struct Managed {
    pub contract: ContractNo,
    pub product: String,
    pub release: String,
    pub used: usize,
    pub capacity: u32,
    pub multi_user: bool,
    pub holders: Vec<String>,
}

/// Every line of the contracts a CM manages, or of the serial numbers an SC coordinates.
pub fn managed_lines(acc: &Account, user: UserId) -> Vec<Managed> {
    let mut lines = Vec::new();
    for c in acc.contracts.values() {
        for l in c.lines.values().filter(|l| acc.manages_line(user, c, l)) {
            let mut holders: Vec<String> = l.holders.keys().map(|h| acc.name_of(*h)).collect();
            holders.sort();
            lines.push(Managed {
                contract: c.number.clone(),
                product: l.product.clone(),
                release: l.release.clone(),
                used: l.holders.len(),
                capacity: c.capacity(l),
                multi_user: c.access == Access::MultiUser,
                holders,
            });
        }
    }
    lines
}
