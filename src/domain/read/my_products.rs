//! Products & Services as the signed-in person sees it: what they may use (collections expanded, rule 12
//! for multi-user seats), their support benefits, and for admins the lines they manage. Only contracts that
//! give access today count: a Suspended or Canceled contract's seats are listed apart, without access (rule 46).

use crate::domain::ids::*;
use crate::domain::lifecycle;
use crate::domain::model::*;
use crate::domain::queries::ClassicRoles;
use crate::domain::read::seats::Seats;
use chrono::NaiveDate;

/// One product, or one Industry Collection, a person holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Held {
    pub contract: ContractNo,
    pub name: String,
    pub release: String,
    /// Each product the seat grants, with the services given for it.
    pub products: Vec<(String, Vec<String>)>,
    /// Single-user seats include a download; a multi-user seat shows only to the admins of its serial
    /// number, who download the network software for the licence server (rule 12, matrix).
    pub download: bool,
    pub network: bool,
}

/// A seat on a contract that gives no access today (rule 46): shown apart, with why.
#[derive(Clone, Debug, PartialEq)]
pub struct NoAccess {
    pub contract: ContractNo,
    pub product: String,
    pub status: &'static str,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct MyProducts {
    pub named_user: bool,
    pub pending: bool,
    pub held: Vec<Held>,
    /// Cloud services from a multi-user seat: a named user sees the services, never the network product (rule 12).
    pub cloud_services: Vec<(ContractNo, Vec<String>)>,
    pub no_access: Vec<NoAccess>,
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

pub fn my_products(acc: &Account, user: UserId, today: NaiveDate) -> MyProducts {
    let Some(u) = acc.users.get(&user) else { return MyProducts::default() };
    let roles = ClassicRoles::of(acc);
    let mut admins: Vec<String> = roles.managers.iter().chain(&roles.coordinators).map(|a| acc.name_of(*a)).collect();
    // A team member asks their team's admins who assign (issue 30: they answer the team's requests).
    let teams = acc.teams.values().filter(|t| t.members.contains_key(&user));
    admins.extend(
        teams.flat_map(|t| t.members.keys().filter(|a| **a != user && t.managed_by(**a)).map(|a| acc.name_of(*a))),
    );
    admins.sort();
    admins.dedup();
    let mut mine = MyProducts {
        named_user: u.classic.is_some(),
        pending: u.classic.as_ref().is_some_and(|c| c.status == UserStatus::Pending),
        admins,
        ..Default::default()
    };
    for c in acc.contracts.values() {
        let status = acc.contract_status(c, today);
        for l in c.lines.values() {
            let Some(services) = l.holders.get(&user) else { continue };
            let multi_user = c.access == Access::MultiUser;
            if !status.grants_access() {
                mine.no_access.push(NoAccess {
                    contract: c.number.clone(),
                    product: l.product.clone(),
                    status: status.label(),
                });
            } else if multi_user && !acc.manages_line(user, c, l) {
                mine.cloud_services.push((c.number.clone(), services.iter().cloned().collect()));
            } else {
                mine.held.push(Held {
                    contract: c.number.clone(),
                    name: l.product.clone(),
                    release: l.release.clone(),
                    products: per_product(l, services),
                    download: l.download || multi_user,
                    network: multi_user,
                });
            }
        }
        if let (Some(b), true) = (c.benefit_holders.get(&user), status.grants_access()) {
            mine.benefits.push((c.number.clone(), b.iter().filter_map(|id| c.benefits.get(id).cloned()).collect()));
        }
    }
    for t in acc.teams.values().filter(|t| t.members.contains_key(&user)) {
        for product in t.products() {
            let source = t.direct.get(&user).and_then(|p| p.get(&product));
            let how = match (source, t.granting_group(user, &product)) {
                (_, Some(g)) => format!("through the group {}", g.name),
                (Some(SeatSource::Subscription(s)), None) => format!("from subscription {s}"),
                (Some(SeatSource::Pool), None) => "from the team's pool".to_string(),
                (None, None) => continue,
            };
            // A subscription-ID seat ends with its subscription; a pool seat while the team has any seat (rule 43).
            let live = match source {
                Some(SeatSource::Subscription(s)) if t.granting_group(user, &product).is_none() => {
                    t.subscriptions.get(s).is_some_and(|s| lifecycle::status(s.end_date, s.term, today).grants_access())
                }
                _ => t.pool_seats(&product, Some(today)) > 0,
            };
            if !live {
                continue;
            }
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
    /// Its seats as every screen counts them (a suspended contract's give no access, rule 46).
    pub seats: Seats,
    pub holders: Vec<String>,
}

/// Every line of the contracts a CM manages, or of the serial numbers an SC coordinates.
pub fn managed_lines(acc: &Account, user: UserId, today: NaiveDate) -> Vec<Managed> {
    let mut lines = Vec::new();
    for c in acc.contracts.values() {
        for l in c.lines.values().filter(|l| acc.manages_line(user, c, l)) {
            let mut holders: Vec<String> = l.holders.keys().map(|h| acc.name_of(*h)).collect();
            holders.sort();
            lines.push(Managed {
                contract: c.number.clone(),
                product: l.product.clone(),
                release: l.release.clone(),
                seats: Seats::line(acc, c, l, today),
                holders,
            });
        }
    }
    lines
}
