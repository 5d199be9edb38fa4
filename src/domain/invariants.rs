//! What must hold of every account, whatever commands were applied: checked after every step of the
//! property tests, on the seed, and on every account loaded or imported.

use super::contracts::active_named_user;
use super::input::check_person;
use super::model::*;
use std::collections::HashSet;

/// A stored person passes exactly the checks of Add (rules 15–16): what Add would store is what is stored.
fn person_as_entered(u: &User) -> Result<(), String> {
    // Invited to a team by address alone (issue 27.1): no name, never a named user of a contract (rule 16).
    if u.first_name.is_empty() && u.last_name.is_empty() && u.classic.is_none() {
        let email = super::input::normalise_email(&u.email).map_err(|e| e.to_string())?;
        return (email == u.email)
            .then_some(())
            .ok_or_else(|| format!("<{}> is not written as Invite would store it", u.email));
    }
    let checked = check_person(&u.email, &u.first_name, &u.last_name).map_err(|e| format!("{}: {e}", u.email))?;
    if (checked.email.as_str(), checked.first_name.as_str(), checked.last_name.as_str())
        != (u.email.as_str(), u.first_name.as_str(), u.last_name.as_str())
    {
        return Err(format!("{} {} <{}> is not written as Add would store it", u.first_name, u.last_name, u.email));
    }
    Ok(())
}

fn role_holder(acc: &Account, id: super::ids::UserId) -> Result<(), String> {
    active_named_user(acc, id).map(|_| ()).map_err(|e| e.to_string())
}

/// Returns the first broken rule, in words.
pub fn check(acc: &Account) -> Result<(), String> {
    let named = |u: &_| acc.users.get(u).is_some_and(|u| u.classic.is_some());
    // Compared as Add compares them (trimmed, in lower case); an email stored as Add stores it is its own key,
    // so a start-up makes no copy of each. One stored otherwise is refused below, or here as a twin.
    let mut emails = HashSet::with_capacity(acc.users.len());
    for (id, u) in &acc.users {
        let stored = u.email.trim() == u.email && !u.email.chars().any(char::is_uppercase);
        let twin = if stored {
            !emails.insert(u.email.as_str())
        } else {
            emails.contains(u.email.trim().to_lowercase().as_str())
        };
        if twin {
            return Err(format!("the email {} is used twice; each email can be added once", u.email));
        }
        person_as_entered(u)?;
        if id.0 > acc.next_id {
            return Err(format!("user id {id} is above next_id"));
        }
    }
    // A name no one could have typed (an edited backup): it would stretch the header and every list.
    let max = super::team::NAME_MAX;
    let long = |name: &str| name.chars().count() > max;
    if long(&acc.company) {
        return Err(format!("the company name has more than {max} characters"));
    }
    for (no, c) in &acc.contracts {
        if &c.number != no {
            return Err(format!("contract {no} is filed under another number"));
        }
        // Rule 1: exactly one CM, a named user who has accepted, as Change contract manager requires (W5).
        role_holder(acc, c.contract_manager).map_err(|e| format!("contract {no}: its contract manager: {e}"))?;
        for (sn, s) in &c.serials {
            if let Some(sc) = s.coordinator {
                // W7: the same check as Manage Software Coordinators, and never the CM in the slot (rule 2).
                role_holder(acc, sc).map_err(|e| format!("serial number {sn}: its software coordinator: {e}"))?;
                if sc == c.contract_manager {
                    return Err(format!("serial number {sn}: its software coordinator is the contract manager"));
                }
            }
        }
        for (lid, l) in &c.lines {
            if !c.serials.contains_key(&l.serial) {
                return Err(format!("line {lid}: unknown serial {}", l.serial));
            }
            // Rules 9–11: never over-assigned.
            if l.holders.len() as u32 > c.capacity(l) {
                return Err(format!(
                    "{} on contract {no} is assigned to {} people but has room for {}",
                    l.product,
                    l.holders.len(),
                    c.capacity(l)
                ));
            }
            for (u, services) in &l.holders {
                if !named(u) {
                    return Err(format!("{} on {no}: holder {u} is not a named user", l.product));
                }
                if let Some(s) = services.iter().find(|s| !l.services.contains(s)) {
                    return Err(format!("{} on {no}: unknown service {s}", l.product));
                }
            }
        }
        // Rule 13.
        if c.benefit_holders.len() as u32 > c.benefit_capacity() {
            return Err(format!("contract {no}: benefits over 6 per seat"));
        }
        for (u, b) in &c.benefit_holders {
            if !named(u) || b.is_empty() || b.iter().any(|b| !c.benefits.contains_key(b)) {
                return Err(format!("contract {no}: bad benefit holder {u}"));
            }
        }
        if c.hub.is_some_and(|h| !acc.hubs.contains_key(&h)) {
            return Err(format!("contract {no}: unknown hub"));
        }
    }
    for (tid, plan) in &acc.migration_plans {
        if !acc.teams.contains_key(tid) || plan.iter().any(|p| !acc.users.contains_key(&p.user)) {
            return Err(format!("migration plan for team {tid}: unknown team or person"));
        }
    }
    for (tid, t) in &acc.teams {
        if long(&t.name) || t.groups.values().any(|g| long(&g.name)) {
            return Err(format!("a team or group name has more than {max} characters"));
        }
        // Rule 27: exactly one primary admin.
        let pas = t.members.values().filter(|m| m.role == TeamRole::PrimaryAdmin).count();
        if pas != 1 {
            return Err(format!("the team {} has {pas} primary admins; a team has exactly one", t.name));
        }
        if let Some(u) = t.members.keys().find(|u| !acc.users.contains_key(u)) {
            return Err(format!("team {tid}: member {u} does not exist"));
        }
        // Issue 30: a limit is a secondary admin's, and names at least one product.
        for (u, m) in t.members.iter().filter(|(_, m)| m.limit.is_some()) {
            let none = matches!(&m.limit, Some(AdminLimit::Products(p)) if p.is_empty());
            if m.role != TeamRole::SecondaryAdmin || none {
                return Err(format!(
                    "team {tid}: member {u} has a limit but is not a secondary admin, or limits to no product"
                ));
            }
        }
        for s in t.subscriptions.values() {
            if !acc.users.contains_key(&s.owner) {
                return Err(format!("team {tid}: subscription owner {} does not exist", s.owner));
            }
        }
        for (u, products) in &t.direct {
            if !t.members.contains_key(u) || products.is_empty() {
                return Err(format!("team {tid}: assignment of non-member {u}"));
            }
        }
        // Customised items belong to a direct assignment and are a strict, non-empty part of the product's.
        for (u, products) in &t.items {
            for (p, items) in products {
                let all = t.services(p);
                let direct = t.direct.get(u).is_some_and(|d| d.contains_key(p));
                if !direct || items.is_empty() || !items.is_subset(&all) || items.len() == all.len() {
                    return Err(format!("team {tid}: bad items of {p} for {u}"));
                }
            }
        }
        for (gid, g) in &t.groups {
            if let Some(u) = g.members.iter().find(|u| !t.members.contains_key(u)) {
                return Err(format!("group {gid}: member {u} is not in the team"));
            }
        }
        // Rule 40: at most one seat per user and product, within the pool.
        for p in t.products() {
            let used = t.holders(&p).len() as u32;
            if used > t.pool_seats(&p, None) {
                return Err(format!(
                    "the team {}: {p} is assigned to {used} people but has {} seats",
                    t.name,
                    t.pool_seats(&p, None)
                ));
            }
        }
        for (sid, s) in &t.subscriptions {
            if t.pinned(sid) as u32 > s.seats {
                return Err(format!("subscription {sid} is over-assigned"));
            }
        }
    }
    Ok(())
}
