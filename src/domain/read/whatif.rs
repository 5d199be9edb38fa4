//! What if (issue 12): what happens if a contract or subscription is not renewed (rule 46: Expired, then
//! Suspended, then Canceled; rule 43: a subscription's own holders, and the pool's holders beyond the seats
//! left), and who would have to give up a seat if a contract were renewed with fewer seats, least recent use
//! first where use is known (rule 61), else alphabetically.

use crate::domain::ids::*;
use crate::domain::lifecycle::{self, Status};
use crate::domain::model::*;
use crate::domain::SeatRef;
use chrono::{Duration, NaiveDate};
use std::collections::BTreeSet;

/// One person's loss when access ends.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Loss {
    pub user: UserId,
    pub name: String,
    pub product: String,
    pub services: Vec<String>,
    /// How they hold it: "Seat", "Subscription SUB-…", "Pool", "Group Structural".
    pub held_as: String,
}

/// The days a contract or subscription moves through if it is not renewed, and what is lost on the day access
/// ends.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Impact {
    pub end: NaiveDate,
    pub status: Status,
    /// First day Expired (access kept), Suspended (access ends) and Canceled.
    pub expired_on: NaiveDate,
    pub suspended_on: NaiveDate,
    pub canceled_on: NaiveDate,
    /// The last day cloud storage stays reachable: 30 days after the end (rule 51).
    pub storage_until: NaiveDate,
    pub losses: Vec<Loss>,
    /// Team hubs that lose the contract (a hub goes back to a trial without one).
    pub hubs: Vec<String>,
}

impl Impact {
    fn new(end: NaiveDate, term: Term, today: NaiveDate, losses: Vec<Loss>, hubs: Vec<String>) -> Impact {
        // The first day of each status, found from the status rule itself rather than repeating its numbers.
        let first =
            |s: Status| (1..200).map(|d| end + Duration::days(d)).find(|d| lifecycle::status(end, term, *d) == s);
        let expired_on = end + Duration::days(1);
        let suspended_on = first(Status::Suspended).expect("a suspension follows");
        let canceled_on = first(Status::Canceled).expect("a cancellation follows");
        let storage_until = end + Duration::days(30);
        let status = lifecycle::status(end, term, today);
        Impact { end, status, expired_on, suspended_on, canceled_on, storage_until, losses, hubs }
    }

    /// The number of different people who lose something.
    pub fn people(&self) -> usize {
        self.losses.iter().map(|l| l.user).collect::<BTreeSet<_>>().len()
    }
}

fn sorted(mut losses: Vec<Loss>) -> Vec<Loss> {
    losses.sort_by(|a, b| (&a.name, &a.product).cmp(&(&b.name, &b.product)));
    losses
}

/// The people who lose access when a classic contract ends: every holder of every line. The renewal timeline
/// counts them without building the whole `Impact`.
pub fn contract_losers(contract: &Contract) -> BTreeSet<UserId> {
    contract.lines.values().flat_map(|l| l.holders.keys().copied()).collect()
}

/// A classic contract not renewed: every holder of every line loses it and its services; its hub loses it.
pub fn contract_impact(acc: &Account, contract: &Contract, today: NaiveDate) -> Impact {
    let losses = contract
        .lines
        .values()
        .flat_map(|l| {
            l.holders.iter().map(|(u, services)| Loss {
                user: *u,
                name: acc.name_of(*u),
                product: l.product.clone(),
                services: services.iter().cloned().collect(),
                held_as: "Seat".into(),
            })
        })
        .collect();
    let hubs = contract.hub.and_then(|h| acc.hubs.get(&h)).map(|h| vec![h.name.clone()]).unwrap_or_default();
    Impact::new(contract.end_date, contract.term, today, sorted(losses), hubs)
}

/// A subscription not renewed (rule 43): its own holders lose the product; pool holders lose it only beyond
/// the seats the other subscriptions of the product still give, least recent users first.
pub fn subscription_impact(acc: &Account, team: &Team, id: &SubscriptionId, today: NaiveDate) -> Option<Impact> {
    let s = team.subscriptions.get(id)?;
    let pinned = SeatSource::Subscription(id.clone());
    let services = |u: UserId| team.items_of(u, &s.product).into_iter().collect::<Vec<_>>();
    let mut losses: Vec<Loss> = team
        .direct
        .iter()
        .filter(|(_, p)| p.get(&s.product) == Some(&pinned))
        .map(|(u, _)| Loss {
            user: *u,
            name: acc.name_of(*u),
            product: s.product.clone(),
            services: services(*u),
            held_as: format!("Subscription {id}"),
        })
        .collect();
    // What the pool keeps: the product's other subscriptions, less the seats pinned to them.
    let others: usize = team
        .subscriptions
        .iter()
        .filter(|(o, x)| *o != id && x.product == s.product)
        .map(|(o, x)| (x.seats as usize).saturating_sub(team.pinned(o)))
        .sum();
    let pool: Vec<UserId> = team
        .holders(&s.product)
        .into_iter()
        .filter(|u| !matches!(team.direct.get(u).and_then(|p| p.get(&s.product)), Some(SeatSource::Subscription(_))))
        .collect();
    let short = pool.len().saturating_sub(others);
    for u in least_used(acc, &s.product, pool, today).into_iter().take(short) {
        let held_as = team.granting_group(u, &s.product).map_or("Pool".into(), |g| format!("Group {}", g.name));
        losses.push(Loss { user: u, name: acc.name_of(u), product: s.product.clone(), services: services(u), held_as });
    }
    Some(Impact::new(s.end_date, s.term, today, sorted(losses), Vec::new()))
}

/// People ordered by least recent use of `product` on `today`: never used first, then by last day used, then
/// by fewest days used in the last 30; where nobody's use is known, alphabetically.
pub fn least_used(acc: &Account, product: &str, people: Vec<UserId>, today: NaiveDate) -> Vec<UserId> {
    let usage = acc.usage.get(product);
    let mut keyed: Vec<(Option<NaiveDate>, u32, String, UserId)> = people
        .into_iter()
        .map(|u| {
            let record = usage.and_then(|m| m.get(&u));
            let days = record.map_or(0, |r| r.days_used(today, crate::domain::usage::Period::Days30));
            (record.map(|r| r.last_used()), days, acc.name_of(u), u)
        })
        .collect();
    keyed.sort();
    keyed.into_iter().map(|(_, _, _, u)| u).collect()
}

/// One line of a "Renew with fewer seats" plan: who would give up the seat.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FewerSeats {
    pub line: LineId,
    pub product: String,
    pub seats: u32,
    pub keep: u32,
    /// The people to unassign, least recent use first, with their last day of use.
    pub unassign: Vec<(UserId, String, Option<NaiveDate>)>,
}

/// For each line given a smaller seat number, the holders beyond what the fewer seats hold (rules 9–11).
pub fn fewer_seats(acc: &Account, contract: &Contract, keep: &[(LineId, u32)], today: NaiveDate) -> Vec<FewerSeats> {
    keep.iter()
        .filter_map(|(id, seats)| {
            let l = contract.lines.get(id)?;
            let room = contract.access.capacity(*seats) as usize;
            let holders: Vec<UserId> = l.holders.keys().copied().collect();
            let over = holders.len().saturating_sub(room);
            let unassign = least_used(acc, &l.product, holders, today)
                .into_iter()
                .take(over)
                .map(|u| (u, acc.name_of(u), acc.usage.get(&l.product).and_then(|m| m.get(&u)).map(|r| r.last_used())))
                .collect();
            Some(FewerSeats { line: *id, product: l.product.clone(), seats: l.seats, keep: *seats, unassign })
        })
        .collect()
}

/// The plan as the seats `ReclaimSeats` frees, all in one command.
pub fn fewer_seats_plan(contract: &Contract, plan: &[FewerSeats]) -> Vec<SeatRef> {
    plan.iter()
        .flat_map(|p| {
            p.unassign.iter().map(|(u, _, _)| SeatRef::Line {
                user: *u,
                contract: contract.number.clone(),
                line: p.line,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::test_support::demo;
    use super::*;
    use crate::domain::{apply, Actor, Command};

    #[test]
    fn rule_46_a_contract_not_renewed_keeps_access_15_days_then_everyone_loses_it() {
        let (acc, today) = demo();
        for c in acc.contracts.values() {
            let i = contract_impact(&acc, c, today);
            let holders: usize = c.lines.values().map(|l| l.holders.len()).sum();
            assert_eq!(i.losses.len(), holders);
            assert_eq!(i.people(), contract_losers(c).len(), "the renewal timeline counts the same people");
            assert_eq!(i.expired_on, c.end_date + Duration::days(1));
            // Rule 51: cloud storage stays reachable for 30 days after the end.
            assert_eq!(i.storage_until, c.end_date + Duration::days(30));
            let status = |d: NaiveDate| lifecycle::status(c.end_date, c.term, d);
            assert_eq!(status(i.expired_on), Status::Expired);
            assert!(status(i.suspended_on - Duration::days(1)).grants_access());
            assert!(!status(i.suspended_on).grants_access(), "access ends the day it is suspended");
            assert_eq!(
                (status(i.canceled_on - Duration::days(1)), status(i.canceled_on)),
                (Status::Suspended, Status::Canceled)
            );
            assert_eq!(i.hubs.len(), usize::from(c.hub.is_some()));
            // "As of" moves the status, not the days.
            let later = contract_impact(&acc, c, i.suspended_on);
            assert_eq!((later.status, later.suspended_on), (Status::Suspended, i.suspended_on));
        }
    }

    #[test]
    fn rule_43_a_subscription_not_renewed_takes_its_own_holders_and_the_pool_shortfall() {
        let (acc, today) = demo();
        for t in acc.teams.values() {
            for (sid, s) in &t.subscriptions {
                let i = subscription_impact(&acc, t, sid, today).unwrap();
                let own = i.losses.iter().filter(|l| l.held_as == format!("Subscription {sid}")).count();
                assert_eq!(own, t.pinned(sid));
                let others: usize = t
                    .subscriptions
                    .iter()
                    .filter(|(o, x)| *o != sid && x.product == s.product)
                    .map(|(o, x)| (x.seats as usize).saturating_sub(t.pinned(o)))
                    .sum();
                let pool: Vec<UserId> = t
                    .holders(&s.product)
                    .into_iter()
                    .filter(|u| {
                        !matches!(t.direct.get(u).and_then(|p| p.get(&s.product)), Some(SeatSource::Subscription(_)))
                    })
                    .collect();
                let short = pool.len().saturating_sub(others);
                assert_eq!(i.losses.len(), own + short, "{sid}");
                // The pool's losers are its least recent users.
                let losers: BTreeSet<UserId> =
                    i.losses.iter().filter(|l| !l.held_as.starts_with("Subscription")).map(|l| l.user).collect();
                let expected: BTreeSet<UserId> =
                    least_used(&acc, &s.product, pool, today).into_iter().take(short).collect();
                assert_eq!(losers, expected);
            }
        }
    }

    #[test]
    fn fewer_seats_unassigns_the_least_recent_users_and_the_plan_frees_exactly_them() {
        let (mut acc, today) = demo();
        let c = acc.contracts.values().find(|c| c.lines.values().any(|l| l.holders.len() >= 3)).unwrap().clone();
        let (line, l) = c.lines.iter().find(|(_, l)| l.holders.len() >= 3).unwrap();
        let keep = c.lines[line].seats.min(l.holders.len() as u32) - 1;
        let keep = if c.access == Access::MultiUser { 0 } else { keep };
        let plan = fewer_seats(&acc, &c, &[(*line, keep)], today);
        let over = l.holders.len() - c.access.capacity(keep) as usize;
        assert_eq!(plan[0].unassign.len(), over);
        // Least recent use first: never used, then the oldest last day; nobody kept used it less recently.
        let last = |u: &UserId| acc.usage.get(&l.product).and_then(|m| m.get(u)).map(|r| r.last_used());
        let going: Vec<UserId> = plan[0].unassign.iter().map(|p| p.0).collect();
        assert!(plan[0].unassign.windows(2).all(|w| w[0].2 <= w[1].2));
        let worst_kept = l.holders.keys().filter(|u| !going.contains(u)).map(last).min();
        assert!(worst_kept.is_none_or(|k| going.iter().all(|g| last(g) <= k)));
        // Unchanged or larger numbers unassign nobody.
        assert!(fewer_seats(&acc, &c, &[(*line, l.seats)], today)[0].unassign.is_empty());
        let seats = fewer_seats_plan(&c, &plan);
        apply(&mut acc, Actor::User(c.contract_manager), Command::ReclaimSeats { seats }, today).unwrap();
        assert_eq!(acc.contracts[&c.number].lines[line].holders.len(), l.holders.len() - over);
        assert!(going.iter().all(|u| !acc.contracts[&c.number].lines[line].holders.contains_key(u)));
    }
}
