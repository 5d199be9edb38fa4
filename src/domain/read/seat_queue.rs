//! Who gets the seats that run short (issue 27.5): the people a run of the rules or of a migration plan
//! reaches for a product it can't give everyone, in the order the run gives seats, each given or not. Read
//! from the run's own events in the preview, so it can't disagree with the run.

use crate::domain::ids::{TeamId, UserId};
use crate::domain::model::{Account, PlannedPerson, SeatSource};
use crate::domain::read::team_migration::SeatNeed;
use crate::domain::Event;
use chrono::NaiveDate;
use std::collections::{BTreeSet, HashMap};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Queued {
    pub user: UserId,
    pub name: String,
    /// The product, as Usage names it.
    pub product: String,
    /// Where from ("AutoCAD from the Design pool").
    pub gives: String,
    pub given: bool,
    /// The last day they used the product (rule 61's Usage), shown so "Most recent use first" can be followed.
    pub last_used: Option<NaiveDate>,
}

fn last_used(acc: &Account, product: &str, user: UserId) -> Option<NaiveDate> {
    acc.usage.get(product).and_then(|used| used.get(&user)).map(|r| r.last_used())
}

/// Only the places of what runs short: a product someone in the run goes without.
fn short(queue: Vec<Queued>) -> Vec<Queued> {
    let short: BTreeSet<String> = queue.iter().filter(|q| !q.given).map(|q| q.gives.clone()).collect();
    queue.into_iter().filter(|q| short.contains(&q.gives)).collect()
}

/// The queue of "Run the rules now": every rule's reach, in the run's order.
pub fn of_rules(acc: &Account, events: &[Event]) -> Vec<Queued> {
    let reached = events.iter().filter_map(|e| match e {
        Event::RuleReached { rule, user, given } => acc.assign_rules.get(*rule).map(|r| (r, *user, *given)),
        _ => None,
    });
    let queue = reached.map(|(rule, user, given)| {
        let product = rule.product(acc).unwrap_or_default();
        let last_used = last_used(acc, &product, user);
        Queued { user, name: acc.name_of(user), product, gives: rule.gives(acc), given, last_used }
    });
    short(queue.collect())
}

/// The queue of a migration run: each planned product whose pool can't seat everyone planned (`needs`, the
/// plan's `seat_needs`), for each person in the plan's order (the order the run applies), given when the run
/// assigned it. `acc` is the account before the run.
pub fn of_migration(
    acc: &Account,
    team: TeamId,
    plan: &[PlannedPerson],
    events: &[Event],
    needs: &[SeatNeed],
) -> Vec<Queued> {
    let Some(t) = acc.teams.get(&team) else { return Vec::new() };
    // Short by seats, not by another refusal (a trial: a plan with seats to spare showed a queue).
    let short: BTreeSet<&str> = needs.iter().filter(|n| n.needed > n.available).map(|n| n.product.as_str()).collect();
    let assigned: BTreeSet<(UserId, &str)> = events
        .iter()
        .filter_map(|e| match e {
            Event::ProductAssigned { team: at, user, product } if *at == team => Some((*user, product.as_str())),
            _ => None,
        })
        .collect();
    let mut queue = Vec::new();
    for p in plan {
        let wanted = p.products.iter().filter(|x| short.contains(x.product.as_str()));
        for planned in wanted.filter(|x| !t.holders(&x.product).contains(&p.user)) {
            queue.push(Queued {
                user: p.user,
                name: acc.name_of(p.user),
                product: planned.product.clone(),
                gives: match &planned.source {
                    SeatSource::Pool => format!("{} from the {} pool", planned.product, t.name),
                    SeatSource::Subscription(id) => format!("{} from Subscription ID {id}", planned.product),
                },
                given: assigned.contains(&(p.user, planned.product.as_str())),
                last_used: last_used(acc, &planned.product, p.user),
            });
        }
    }
    queue
}

/// The queue's people in order, each once.
pub fn people(queue: &[Queued]) -> Vec<UserId> {
    let mut seen = BTreeSet::new();
    queue.iter().map(|q| q.user).filter(|u| seen.insert(*u)).collect()
}

/// The queue's people, those who used a product of the queue most recently first (rule 61's Usage), the rest
/// as they were: "people who have used the product most recently first".
pub fn recent_first(queue: &[Queued]) -> Vec<UserId> {
    let mut last: HashMap<UserId, NaiveDate> = HashMap::new();
    for (u, day) in queue.iter().filter_map(|q| Some((q.user, q.last_used?))) {
        last.entry(u).and_modify(|d| *d = (*d).max(day)).or_insert(day);
    }
    let mut order = people(queue);
    // Stable: people with the same day, or none, keep their places.
    order.sort_by_key(|u| std::cmp::Reverse(last.get(u).copied()));
    order
}
