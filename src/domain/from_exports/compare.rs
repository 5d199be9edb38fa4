//! What changed between the account and the one built from newer exports (issue 31): each difference a
//! `Refresh`, named by team, subscription ID, group name and email, never by ids (which differ between
//! browsers).

use super::refresh::{team_named, Refresh, Terms};
use crate::domain::*;
use std::collections::{BTreeMap, BTreeSet};

/// Which exports were given, and so are compared: without one, what it holds is left as it is.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Compared {
    pub users: bool,
    pub groups: bool,
    pub usage: bool,
}

/// Each member by email, lowercased: the same person in two accounts.
fn by_email<'a>(acc: &'a Account, t: &'a Team) -> BTreeMap<String, (UserId, &'a TeamMember)> {
    t.members.iter().map(|(u, m)| (acc.users[u].email.to_lowercase(), (*u, m))).collect()
}

/// Who holds which product from the pool, by a direct assignment (the exports know no groups).
fn pool_held(acc: &Account, t: &Team) -> BTreeSet<(String, String)> {
    let mut held = BTreeSet::new();
    for (u, products) in &t.direct {
        let email = acc.users[u].email.to_lowercase();
        let pool = products.iter().filter(|(_, s)| **s == SeatSource::Pool);
        held.extend(pool.map(|(p, _)| (email.clone(), p.clone())));
    }
    held
}

/// What changed from the account `now` to the account `new` built from the exports: the subscriptions always,
/// and the people, groups and days of use when their exports were given (`compared`).
pub fn differences(now: &Account, new: &Account, compared: Compared) -> Vec<Refresh> {
    let mut out = Vec::new();
    if !new.company.is_empty() && new.company != now.company {
        out.push(Refresh::Company { name: new.company.clone() });
    }
    let none = Team::named(String::new());
    for t in new.teams.values() {
        let current = team_named(now, &t.name).map(|(_, c)| c);
        if current.is_none() {
            out.push(Refresh::Team { name: t.name.clone() });
        }
        let cur = current.unwrap_or(&none);
        let team = current.map_or(&t.name, |c| &c.name).clone();
        for (id, s) in &t.subscriptions {
            let terms = Terms::of(s);
            if cur.subscriptions.get(id).map(Terms::of).as_ref() != Some(&terms) {
                out.push(Refresh::Subscription { team: team.clone(), id: id.clone(), terms });
            }
        }
        let ended = cur.subscriptions.keys().filter(|id| !t.subscriptions.contains_key(id));
        out.extend(ended.map(|id| Refresh::Ended { team: team.clone(), id: id.clone() }));
        if !compared.users {
            out.extend(compared.groups.then(|| groups(now, cur, new, t, &team)).into_iter().flatten());
            continue;
        }
        let (was, is) = (by_email(now, cur), by_email(new, t));
        for (email, (u, m)) in &is {
            let user = &new.users[u];
            match was.get(email) {
                None => out.push(Refresh::Join {
                    team: team.clone(),
                    email: user.email.clone(),
                    first_name: user.first_name.clone(),
                    last_name: user.last_name.clone(),
                    role: m.role,
                    invited: m.status == TeamStatus::Invited,
                }),
                Some((_, before)) if before.role != m.role => {
                    out.push(Refresh::Role { team: team.clone(), email: user.email.clone(), role: m.role })
                }
                Some(_) => {}
            }
        }
        let gone = was.iter().filter(|(email, _)| !is.contains_key(*email));
        out.extend(gone.map(|(_, (u, _))| Refresh::Leave { team: team.clone(), email: now.users[u].email.clone() }));
        // Someone who leaves loses their seats with their membership.
        let (held, given) = (pool_held(now, cur), pool_held(new, t));
        let holds = |email: &str, product: &str| {
            cur.holders(product).iter().any(|u| now.users[u].email.eq_ignore_ascii_case(email))
        };
        for (email, product) in given.difference(&held).filter(|(e, p)| !holds(e, p)) {
            out.push(Refresh::Assign { team: team.clone(), email: email.clone(), product: product.clone() });
        }
        for (email, product) in held.difference(&given).filter(|(e, _)| is.contains_key(e)) {
            out.push(Refresh::Unassign { team: team.clone(), email: email.clone(), product: product.clone() });
        }
        // After the people: a group's new member may be joining the team.
        out.extend(compared.groups.then(|| groups(now, cur, new, t, &team)).into_iter().flatten());
    }
    if compared.usage {
        out.extend(usage(now, new));
    }
    out
}

/// A team's groups by name, lowercased, with their members' emails.
fn groups_of(acc: &Account, t: &Team) -> BTreeMap<String, (String, BTreeSet<String>)> {
    let email = |u: &UserId| acc.users[u].email.to_lowercase();
    t.groups
        .values()
        .map(|g| (g.name.to_lowercase(), (g.name.clone(), g.members.iter().map(email).collect())))
        .collect()
}

/// Groups new to the team, gone from it, and members joining and leaving them (the Groups export).
fn groups(now: &Account, cur: &Team, new: &Account, t: &Team, team: &str) -> Vec<Refresh> {
    let (was, is) = (groups_of(now, cur), groups_of(new, t));
    let stays: BTreeSet<String> = t.members.keys().map(|u| new.users[u].email.to_lowercase()).collect();
    let mut out = Vec::new();
    let empty = BTreeSet::new();
    for (key, (name, members)) in &is {
        // Named as this account names it, or as the export does when it is new.
        let (group, before) = match was.get(key) {
            Some((known, before)) => (known.clone(), before),
            None => {
                out.push(Refresh::Group { team: team.into(), group: name.clone() });
                (name.clone(), &empty)
            }
        };
        for email in members.difference(before) {
            out.push(Refresh::GroupJoin { team: team.into(), group: group.clone(), email: email.clone() });
        }
        // Someone leaving the team leaves its groups with it (`Refresh::Leave`).
        for email in before.difference(members).filter(|e| stays.contains(*e)) {
            out.push(Refresh::GroupLeave { team: team.into(), group: group.clone(), email: email.clone() });
        }
    }
    let gone = was.iter().filter(|(key, _)| !is.contains_key(*key));
    out.extend(gone.map(|(_, (name, _))| Refresh::GroupGone { team: team.into(), group: name.clone() }));
    out
}

/// The days of use the Seat Usage export adds to what the account has, as one difference.
fn usage(now: &Account, new: &Account) -> Option<Refresh> {
    let people = now.email_index();
    let mut records = Vec::new();
    for (product, used) in &new.usage {
        for (u, record) in used {
            let email = new.users[u].email.to_lowercase();
            let known = people.get(&email).and_then(|u| now.usage.get(product)?.get(u));
            let merged = known.map_or_else(|| record.clone(), |k| k.merged(record));
            if known != Some(&merged) {
                records.push((email, product.clone(), record.clone()));
            }
        }
    }
    (!records.is_empty()).then_some(Refresh::Usage { records })
}
