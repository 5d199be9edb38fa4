//! Who gets the seats that run short when the rules run (issue 27.5): the people the run reaches for a rule
//! that can't give everyone its product, in the order the run gives seats, each given or not. Read from the
//! run's own events in the preview, so it can't disagree with the run.

use crate::domain::ids::UserId;
use crate::domain::model::Account;
use crate::domain::Event;
use std::collections::{BTreeSet, HashMap};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Queued {
    /// The rule's place in the list.
    pub rule: usize,
    pub user: UserId,
    pub name: String,
    /// What the rule gives ("AutoCAD from the Design pool").
    pub gives: String,
    pub given: bool,
}

/// The queue of every rule that runs short, in the run's order; empty when every seat is there.
pub fn queue(acc: &Account, events: &[Event]) -> Vec<Queued> {
    let reached = || {
        events.iter().filter_map(|e| match e {
            Event::RuleReached { rule, user, given } => Some((*rule, *user, *given)),
            _ => None,
        })
    };
    let short: BTreeSet<usize> = reached().filter(|(_, _, given)| !given).map(|(rule, ..)| rule).collect();
    reached()
        .filter(|(rule, ..)| short.contains(rule))
        .map(|(rule, user, given)| Queued {
            rule,
            user,
            name: acc.name_of(user),
            gives: acc.assign_rules.get(rule).map_or_else(String::new, |r| r.gives(acc)),
            given,
        })
        .collect()
}

/// The queue's people in order, each once.
pub fn people(queue: &[Queued]) -> Vec<UserId> {
    let mut seen = BTreeSet::new();
    queue.iter().map(|q| q.user).filter(|u| seen.insert(*u)).collect()
}

/// The queue's people, those who used a product these rules give most recently first (rule 61's Usage), the
/// rest as they were: "people who have used the product most recently first".
pub fn recent_first(acc: &Account, queue: &[Queued]) -> Vec<UserId> {
    let rules = queue.iter().filter_map(|q| acc.assign_rules.get(q.rule));
    let products: BTreeSet<String> = rules.filter_map(|r| r.product(acc)).collect();
    let mut last: HashMap<UserId, chrono::NaiveDate> = HashMap::new();
    for p in &products {
        for (u, record) in acc.usage.get(p).into_iter().flatten() {
            let day = record.last_used();
            last.entry(*u).and_modify(|d| *d = (*d).max(day)).or_insert(day);
        }
    }
    let mut order = people(queue);
    // Stable: people with the same day, or none, keep their places.
    order.sort_by_key(|u| std::cmp::Reverse(last.get(u).copied()));
    order
}
