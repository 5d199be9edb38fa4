//! The migration assistant's views (issue 18): classic people and a team side by side, the plan proposed for
//! them, the seats it needs against what the pools have, and how far the migration has come.

use crate::domain::ids::*;
use crate::domain::lifecycle;
use crate::domain::model::*;
use crate::domain::names::name_key;
use crate::domain::queries::{ClassicRole, ClassicRoles};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The classic list and a team's members, matched by email. The account keeps one person per email (emails are
/// stored trimmed and lower-case, rule 16), so a match can't carry two names: `conflicting` lists the people
/// whose classic role can't be carried over as such (a contract manager or coordinator who is a plain User in
/// the team, where the new-view rules would let them be a secondary admin).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Comparison {
    pub both: Vec<UserId>,
    pub classic_only: Vec<UserId>,
    pub team_only: Vec<UserId>,
    pub conflicting: Vec<UserId>,
}

pub fn compare(acc: &Account, team: TeamId) -> Comparison {
    let Some(t) = acc.teams.get(&team) else { return Comparison::default() };
    let roles = ClassicRoles::of(acc);
    let mut c = Comparison::default();
    let by_name = |ids: &mut Vec<UserId>| ids.sort_by_cached_key(|u| name_key(&acc.name_of(*u)));
    for (id, u) in &acc.users {
        match (u.classic.is_some(), t.members.get(id)) {
            (true, Some(m)) => {
                c.both.push(*id);
                if roles.role(*id) != ClassicRole::User && m.role == TeamRole::User {
                    c.conflicting.push(*id);
                }
            }
            (true, None) => c.classic_only.push(*id),
            (false, Some(_)) => c.team_only.push(*id),
            (false, None) => {}
        }
    }
    for list in [&mut c.both, &mut c.classic_only, &mut c.team_only, &mut c.conflicting] {
        by_name(list);
    }
    c
}

/// One seat a person holds in classic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Holding {
    pub contract: ContractNo,
    pub serial: SerialNo,
    pub product: String,
    pub services: Vec<String>,
}

pub fn holdings(acc: &Account, user: UserId) -> Vec<Holding> {
    acc.contracts
        .values()
        .flat_map(|c| {
            c.lines.values().filter_map(move |l| {
                l.holders.get(&user).map(|s| Holding {
                    contract: c.number.clone(),
                    serial: l.serial.clone(),
                    product: l.product.clone(),
                    services: s.iter().cloned().collect(),
                })
            })
        })
        .collect()
}

/// The proposed role: a contract manager becomes a secondary admin, a coordinator what the admin chose, anyone
/// else a user (rules 29–30).
pub fn proposed_role(roles: &ClassicRoles, user: UserId, coordinators_as: TeamRole) -> TeamRole {
    match roles.role(user) {
        ClassicRole::ContractManager => TeamRole::SecondaryAdmin,
        ClassicRole::SoftwareCoordinator => coordinators_as,
        ClassicRole::User => TeamRole::User,
    }
}

/// The plan proposed for these people: their role, and each classic product the team also has, from the
/// subscription bought on the same contract when there is one (rule 43: it ends with that contract), else
/// from the pool. Products the team doesn't have are left out (`missing` names them).
pub fn propose(acc: &Account, team: TeamId, users: &[UserId], coordinators_as: TeamRole) -> Vec<PlannedPerson> {
    let Some(t) = acc.teams.get(&team) else { return Vec::new() };
    let roles = ClassicRoles::of(acc);
    let products = t.products();
    // In the tables' order, by name, which Run follows: scarce seats go down the list the admin sees (27.5).
    let mut users = users.to_vec();
    users.sort_by_cached_key(|u| name_key(&acc.name_of(*u)));
    users
        .iter()
        .map(|&user| {
            let mut planned: Vec<PlannedProduct> = Vec::new();
            for h in holdings(acc, user).into_iter().filter(|h| products.contains(&h.product)) {
                if planned.iter().any(|p| p.product == h.product) {
                    continue;
                }
                let tied = t
                    .subscriptions
                    .iter()
                    .find(|(_, s)| s.product == h.product && s.contract.as_ref() == Some(&h.contract));
                let source = tied.map_or(SeatSource::Pool, |(id, _)| SeatSource::Subscription(id.clone()));
                planned.push(PlannedProduct { product: h.product, source });
            }
            PlannedPerson { user, role: proposed_role(&roles, user, coordinators_as), products: planned }
        })
        .collect()
}

/// Classic products a person holds that the team has no subscription for.
pub fn missing(acc: &Account, team: TeamId, user: UserId) -> Vec<String> {
    let Some(t) = acc.teams.get(&team) else { return Vec::new() };
    let products = t.products();
    let mut names: Vec<String> =
        holdings(acc, user).into_iter().map(|h| h.product).filter(|p| !products.contains(p)).collect();
    names.dedup();
    names
}

/// Seats a plan needs of one product against what the pool has free today.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeatNeed {
    pub product: String,
    pub needed: usize,
    pub available: usize,
}

pub fn seat_needs(acc: &Account, team: TeamId, plan: &[PlannedPerson], today: NaiveDate) -> Vec<SeatNeed> {
    let Some(t) = acc.teams.get(&team) else { return Vec::new() };
    let mut needed: BTreeMap<&str, usize> = BTreeMap::new();
    for p in plan {
        for planned in &p.products {
            if !t.holders(&planned.product).contains(&p.user) {
                *needed.entry(&planned.product).or_default() += 1;
            }
        }
    }
    needed
        .into_iter()
        .map(|(product, needed)| SeatNeed {
            product: product.to_string(),
            needed,
            available: t.free_seats(product, today),
        })
        .collect()
}

/// How far a team's migration has come, and how long the classic contracts still run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Progress {
    pub classic: usize,
    pub migrated: usize,
    pub pending: usize,
    pub planned: usize,
    /// Each classic contract's end date and the days left from "As of".
    pub contracts: Vec<(ContractNo, NaiveDate, i64)>,
}

pub fn progress(acc: &Account, team: TeamId, today: NaiveDate) -> Progress {
    let c = compare(acc, team);
    let members = acc.teams.get(&team).map(|t| &t.members);
    let pending = c
        .both
        .iter()
        .filter(|u| members.and_then(|m| m.get(u)).is_some_and(|m| m.status == TeamStatus::Invited))
        .count();
    let mut contracts: Vec<(ContractNo, NaiveDate, i64)> = acc
        .contracts
        .values()
        .map(|k| (k.number.clone(), k.end_date, lifecycle::days_to_end(k.end_date, today)))
        .collect();
    contracts.sort_by_key(|k| k.1);
    Progress {
        classic: c.both.len() + c.classic_only.len(),
        migrated: c.both.len(),
        pending,
        planned: acc.migration_plans.get(&team).map_or(0, Vec::len),
        contracts,
    }
}
