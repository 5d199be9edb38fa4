//! Classic User Management: add, bulk add, remove, invitations and Edit Access (W1–W4, rules 5–22).

use super::apply::Tx;
use super::auto_assign::{self, AddedTo};
use super::command::{BenefitAccess, Event, LineAccess};
use super::error::DomainError;
use super::ids::*;
use super::input::{self, NewPerson};
use super::model::*;
use std::collections::{BTreeMap, BTreeSet};

const ADMINS: &str = "a contract manager or software coordinator";

fn require_classic_admin(tx: &Tx, action: &'static str) -> Result<(), DomainError> {
    tx.require(|acc, u| acc.is_classic_admin(u), action, ADMINS)
}

fn classic_user(acc: &Account, id: UserId) -> Result<(&User, &ClassicMembership), DomainError> {
    let user = acc.user(id)?;
    let m = user.classic.as_ref().ok_or_else(|| DomainError::NotNamedUser { user: user.full_name() })?;
    Ok((user, m))
}

/// Refuses an email that is already a named user; returns the person's id when they exist only in a team.
/// `found` is the person with that email, if any (a scan for one add, an index for many).
fn check_new_email(acc: &Account, found: Option<UserId>, email: &str) -> Result<Option<UserId>, DomainError> {
    match found {
        Some(id) if acc.users[&id].classic.is_some() => {
            Err(DomainError::DuplicateEmail { email: email.to_string(), name: acc.name_of(id) })
        }
        other => Ok(other),
    }
}

/// Adds a checked person as a pending named user and sends the invitation (rules 16–18).
fn insert_named_user(tx: &mut Tx, existing: Option<UserId>, p: NewPerson) -> UserId {
    let membership = ClassicMembership { status: UserStatus::Pending, invited_on: tx.today, resent_on: None };
    let id = match existing {
        Some(id) => {
            tx.acc.users.get_mut(&id).expect("checked").classic = Some(membership);
            id
        }
        None => {
            let id = UserId(tx.acc.next_id());
            let user =
                User { email: p.email, first_name: p.first_name, last_name: p.last_name, classic: Some(membership) };
            tx.acc.users.insert(id, user);
            id
        }
    };
    invite(tx, id, EmailKind::Invitation);
    tx.events.push(Event::UserAdded { user: id });
    let name = tx.acc.name_of(id);
    tx.log_for(format!("Added {name} as a named user"), id, None);
    id
}

fn invite(tx: &mut Tx, id: UserId, kind: EmailKind) {
    let user = &tx.acc.users[&id];
    let (to, first) = (user.email.clone(), user.first_name.clone());
    let company = tx.acc.company.clone();
    let subject = format!("You've been invited to {company}'s Autodesk account");
    let body = format!(
        "Hi {first},\n\n{} has added you to {company}'s Autodesk account. Sign in with {to} to accept the invitation; \
         products and services assigned to you will then appear in your Autodesk Account.\nThe invitation must be accepted within 90 days.",
        tx.actor_name()
    );
    tx.send(kind, &to, subject, body);
    tx.events.push(Event::InviteSent { user: id });
}

pub fn add_user(tx: &mut Tx, email: &str, first: &str, last: &str) -> Result<(), DomainError> {
    require_classic_admin(tx, "add users")?;
    let person = input::check_person(email, first, last)?;
    let existing = check_new_email(tx.acc, tx.acc.user_by_email(&person.email), &person.email)?;
    let id = insert_named_user(tx, existing, person);
    let mut refused = auto_assign::Refused::new();
    auto_assign::apply_to(tx, id, AddedTo::Classic, &mut refused);
    auto_assign::report(tx, refused);
    Ok(())
}

/// Adds every valid entry of a paste and reports each skipped one with its reason (rule 21, W2).
pub fn bulk_add(tx: &mut Tx, text: &str) -> Result<(), DomainError> {
    require_classic_admin(tx, "add users")?;
    let entries = input::bulk_entries(text)?;
    let mut known = tx.acc.email_index();
    let mut pasted = BTreeSet::new();
    let mut refused = auto_assign::Refused::new();
    for entry in entries {
        // A repeat in the paste is named as such, whatever else is wrong with it (W2: duplicates row by row).
        let email = input::normalise_email(input::bulk_entry_parts(&entry).1).ok();
        if let Some(email) = email.filter(|e| !pasted.insert(e.clone())) {
            let reason = format!("{email} appears more than once in this list; it is added once.");
            tx.events.push(Event::EntrySkipped { entry, reason });
            continue;
        }
        let checked = input::parse_bulk_entry(&entry).and_then(|p| {
            check_new_email(tx.acc, known.get(&p.email).copied(), &p.email).map(|e| (e, p)).map_err(|e| e.to_string())
        });
        match checked {
            Ok((existing, person)) => {
                let email = person.email.clone();
                let id = insert_named_user(tx, existing, person);
                known.insert(email, id);
                auto_assign::apply_to(tx, id, AddedTo::Classic, &mut refused);
            }
            Err(reason) => tx.events.push(Event::EntrySkipped { entry, reason }),
        }
    }
    auto_assign::report(tx, refused);
    Ok(())
}

/// Why a named user can't be removed yet: they hold the CM or a named SC role (rule 6).
pub fn removal_blocker(acc: &Account, id: UserId) -> Option<DomainError> {
    let name = || acc.name_of(id);
    for c in acc.contracts.values() {
        if c.contract_manager == id {
            return Some(DomainError::IsContractManager { user: name(), contract: c.number.to_string() });
        }
        if let Some((serial, _)) = c.serials.iter().find(|(_, s)| s.coordinator == Some(id)) {
            return Some(DomainError::IsCoordinator { user: name(), serial: serial.to_string() });
        }
    }
    None
}

/// Removes one or several named users and all their classic access, all or none: never the CM or a named
/// SC (rules 6–7, W4).
pub fn remove_users(tx: &mut Tx, ids: &[UserId]) -> Result<(), DomainError> {
    if ids.is_empty() {
        return Err(DomainError::NothingEntered);
    }
    for &id in ids {
        classic_user(tx.acc, id)?;
    }
    require_classic_admin(tx, "remove users")?;
    // The role holders found once, not per person (a selection can hold 10,000: issue 32.3).
    let roles = super::ClassicRoles::of(tx.acc);
    let held = |id: &UserId| roles.managers.contains(id) || roles.coordinators.contains(id);
    if let Some(blocker) = ids.iter().filter(|id| held(id)).find_map(|id| removal_blocker(tx.acc, *id)) {
        return Err(blocker);
    }
    let ids: BTreeSet<UserId> = ids.iter().copied().collect();
    // The log says exactly what goes, and what stays in the new view (issue 26, rule 63).
    let mut lost_of = super::read::access::access_of_each(tx.acc, &ids.iter().copied().collect::<Vec<_>>());
    let whats: Vec<(UserId, String)> = ids
        .iter()
        .map(|&id| {
            let name = tx.acc.name_of(id);
            let lost = lost_of.remove(&id).unwrap_or_default();
            let mut what = match lost.as_slice() {
                [] => format!("Removed {name} from Classic User Management; they held no classic access"),
                lost => format!("Removed {name} from Classic User Management with {}", lost.join("; ")),
            };
            let kept = super::read::access::team_seats_kept(tx.acc, id);
            if !kept.is_empty() {
                what.push_str(&format!(". Their seats in the new view stay: {}", kept.join("; ")));
            }
            (id, what)
        })
        .collect();
    for c in tx.acc.contracts.values_mut() {
        c.benefit_holders.retain(|u, _| !ids.contains(u));
        for line in c.lines.values_mut() {
            line.holders.retain(|u, _| !ids.contains(u));
        }
    }
    // Someone no longer in Classic User Management has nothing to migrate: they leave every saved plan (found
    // by the property test once it made every command kind, issue 28).
    for plan in tx.acc.migration_plans.values_mut() {
        plan.retain(|p| !ids.contains(&p.user));
    }
    tx.acc.migration_plans.retain(|_, plan| !plan.is_empty());
    for (id, what) in whats {
        let name = tx.acc.name_of(id);
        tx.acc.users.get_mut(&id).expect("checked").classic = None;
        if !tx.acc.is_referenced(id) {
            tx.acc.users.remove(&id);
        }
        tx.log_for(what, id, None);
        tx.events.push(Event::UserRemoved { name });
    }
    Ok(())
}

/// Sends the invitation again and restarts its 90-day clock (rule 19).
pub fn resend_invite(tx: &mut Tx, id: UserId) -> Result<(), DomainError> {
    let (user, m) = classic_user(tx.acc, id)?;
    let pending = m.status == UserStatus::Pending;
    let name = user.full_name();
    require_classic_admin(tx, "resend invitations")?;
    if !pending {
        return Err(DomainError::NotPending { user: name });
    }
    tx.acc.users.get_mut(&id).and_then(|u| u.classic.as_mut()).expect("checked").resent_on = Some(tx.today);
    invite(tx, id, EmailKind::InvitationResent);
    tx.log(format!("Resent the invitation to {name}"));
    Ok(())
}

/// The invited person accepts; they show as active from then on (rule 18).
pub fn accept_invite(tx: &mut Tx, id: UserId) -> Result<(), DomainError> {
    let (user, m) = classic_user(tx.acc, id)?;
    let pending = m.status == UserStatus::Pending;
    let name = user.full_name();
    tx.require(|_, u| u == id, "accept someone else's invitation", "the invited person")?;
    if !pending {
        return Err(DomainError::NotPending { user: name });
    }
    tx.acc.users.get_mut(&id).and_then(|u| u.classic.as_mut()).expect("checked").status = UserStatus::Active;
    tx.log(format!("{name} accepted the invitation"));
    tx.events.push(Event::InviteAccepted { user: id });
    Ok(())
}

type LineKey = (ContractNo, LineId);

/// Edit Access for one or several users at once: the seat check covers all of them together (rules 9–15, W3).
pub fn edit_access(
    tx: &mut Tx,
    users: &[UserId],
    lines: Vec<LineAccess>,
    benefits: Vec<BenefitAccess>,
) -> Result<(), DomainError> {
    if users.is_empty() {
        return Err(DomainError::NothingEntered);
    }
    for &u in users {
        classic_user(tx.acc, u)?;
    }
    require_classic_admin(tx, "change access")?;
    let actor = tx.acting_user().expect("a person passed require");
    let today = tx.today;

    // Stage the holder maps of every touched line, then check them whole.
    let mut staged: BTreeMap<LineKey, BTreeMap<UserId, BTreeSet<String>>> = BTreeMap::new();
    let confirmed: BTreeSet<LineKey> =
        lines.iter().filter(|c| c.second_seat).map(|c| (c.contract.clone(), c.line)).collect();
    for change in &lines {
        let contract = tx.acc.contract(&change.contract)?;
        let line = contract
            .lines
            .get(&change.line)
            .ok_or(DomainError::Unknown { what: "product line", id: change.line.to_string() })?;
        if !tx.acc.manages_line(actor, contract, line) {
            return Err(DomainError::NotAllowed {
                actor: tx.actor_name(),
                action: "change access to this product",
                who: "its contract manager or its serial number's software coordinator",
            });
        }
        if let Some(services) = &change.services {
            if let Some(unknown) = services.iter().find(|s| !line.services.contains(s)) {
                return Err(DomainError::UnknownService { product: line.product.clone(), service: unknown.clone() });
            }
            if contract.access == Access::MultiUser && services.is_empty() {
                return Err(DomainError::NoServiceChosen { product: line.product.clone() });
            }
        }
        let holders = staged.entry((change.contract.clone(), change.line)).or_insert_with(|| line.holders.clone());
        for &u in users {
            match &change.services {
                Some(s) => holders.insert(u, s.clone()),
                None => holders.remove(&u),
            };
        }
    }
    for ((no, id), holders) in &staged {
        let contract = &tx.acc.contracts[no];
        let line = &contract.lines[id];
        let grows = holders.keys().any(|u| !line.holders.contains_key(u));
        if !grows {
            continue;
        }
        let status = tx.acc.contract_status(contract, today);
        if !status.grants_access() {
            return Err(DomainError::ContractUnusable { contract: no.to_string(), status: status.label() });
        }
        if !confirmed.contains(&(no.clone(), *id)) {
            for u in holders.keys().filter(|u| !line.holders.contains_key(u)) {
                if let Some(err) = second_seat(tx.acc, &staged, (no, *id), *u) {
                    return Err(err);
                }
            }
        }
        let needed = holders.keys().filter(|u| !line.holders.contains_key(u)).count();
        seat_check(&line.product, no, contract.access, line.seats, holders.len() - needed, needed)?;
    }

    let mut staged_benefits: BTreeMap<ContractNo, BTreeMap<UserId, BTreeSet<BenefitId>>> = BTreeMap::new();
    for change in &benefits {
        let contract = tx.acc.contract(&change.contract)?;
        if !tx.acc.manages_contract_users(actor, contract) {
            return Err(DomainError::NotAllowed {
                actor: tx.actor_name(),
                action: "change support benefits on this contract",
                who: "its contract manager or one of its software coordinators",
            });
        }
        if let Some(b) = change.benefits.iter().find(|b| !contract.benefits.contains_key(b)) {
            return Err(DomainError::Unknown { what: "benefit", id: b.to_string() });
        }
        let holders =
            staged_benefits.entry(change.contract.clone()).or_insert_with(|| contract.benefit_holders.clone());
        for &u in users {
            if change.benefits.is_empty() {
                holders.remove(&u);
            } else {
                holders.insert(u, change.benefits.clone());
            }
        }
    }
    for (no, holders) in &staged_benefits {
        let contract = &tx.acc.contracts[no];
        let needed = holders.keys().filter(|u| !contract.benefit_holders.contains_key(u)).count();
        benefit_check(no, contract.benefit_capacity(), holders.len() - needed, needed)?;
    }

    // The log names, per person and contract, what was given, removed or changed (issue 26).
    let notes = super::activity::access_notes(tx.acc, users, &staged, &staged_benefits);
    for ((no, id), holders) in staged {
        tx.acc.contracts.get_mut(&no).expect("checked").lines.get_mut(&id).expect("checked").holders = holders;
    }
    for (no, holders) in staged_benefits {
        tx.acc.contracts.get_mut(&no).expect("checked").benefit_holders = holders;
    }
    for &u in users {
        let name = tx.acc.name_of(u);
        let mut mine = notes.iter().filter(|n| n.user == u).peekable();
        if mine.peek().is_none() {
            tx.log_for(format!("Saved access for {name}: nothing changed"), u, None);
        }
        for n in mine {
            let what = format!("Access for {name} on contract {}: {}", n.contract, n.parts.join("; "));
            tx.log_about(today, what, n.targets.clone());
        }
        tx.events.push(Event::AccessChanged { user: u });
    }
    Ok(())
}

/// Refuses giving `needed` more users a place on a line whose other `kept` holders stay: seats are never
/// over-assigned (rule 9), 3 named users per multi-user seat (rule 11). Edit Access's live check uses it too.
pub fn seat_check(
    product: &str,
    contract: &ContractNo,
    access: Access,
    seats: u32,
    kept: usize,
    needed: usize,
) -> Result<(), DomainError> {
    let capacity = access.capacity(seats) as usize;
    let available = capacity.saturating_sub(kept);
    if needed <= available {
        return Ok(());
    }
    let (product, contract) = (product.to_string(), contract.to_string());
    Err(match access {
        Access::SingleUser => DomainError::NoSeatLeft { product, contract, seats, needed, available },
        Access::MultiUser => {
            DomainError::MultiUserLimit { product, contract, limit: capacity as u32, needed, available }
        }
    })
}

/// Refuses support benefits for `needed` more users when `kept` others keep theirs: up to 6 users per
/// purchased seat (rule 13). Edit Access's live check uses it too.
pub fn benefit_check(contract: &ContractNo, capacity: u32, kept: usize, needed: usize) -> Result<(), DomainError> {
    let available = (capacity as usize).saturating_sub(kept);
    if needed <= available {
        return Ok(());
    }
    Err(DomainError::BenefitLimit { contract: contract.to_string(), limit: capacity, needed, available })
}

/// A collection and a stand-alone product in it are both held only on purpose (issue 7): finds the other
/// line, as staged, through which `user` already has a product of `key`'s line.
fn second_seat(
    acc: &Account,
    staged: &BTreeMap<LineKey, BTreeMap<UserId, BTreeSet<String>>>,
    key: (&ContractNo, LineId),
    user: UserId,
) -> Option<DomainError> {
    let line = &acc.contracts[key.0].lines[&key.1];
    for c in acc.contracts.values() {
        for (id, other) in &c.lines {
            let other_key = (c.number.clone(), *id);
            if (&c.number, *id) == key || !Contract::overlaps(line, other) {
                continue;
            }
            let holds = staged.get(&other_key).map_or(other.holders.contains_key(&user), |h| h.contains_key(&user));
            if holds {
                let product = if line.bundle.contains(&other.product) {
                    other.product.clone()
                } else if other.bundle.contains(&line.product) {
                    line.product.clone()
                } else {
                    line.bundle.iter().find(|p| other.bundle.contains(p)).cloned().unwrap_or_default()
                };
                let held = format!("{} on contract {}", other.product, c.number);
                return Some(DomainError::SecondSeat { user: acc.name_of(user), product, held });
            }
        }
    }
    None
}

/// "Assign All": every product and every service of a contract that the actor manages (rule 14).
pub fn assign_all(tx: &mut Tx, users: &[UserId], contract: &ContractNo) -> Result<(), DomainError> {
    let c = tx.acc.contract(contract)?;
    let actor = tx.acting_user();
    let lines: Vec<LineAccess> = c
        .lines
        .iter()
        .filter(|(_, l)| actor.is_some_and(|a| tx.acc.manages_line(a, c, l)))
        .filter(|(_, l)| c.access == Access::SingleUser || !l.services.is_empty())
        .map(|(id, l)| LineAccess {
            second_seat: false,
            contract: contract.clone(),
            line: *id,
            services: Some(l.services.iter().cloned().collect()),
        })
        .collect();
    if lines.is_empty() {
        return Err(DomainError::NotAllowed {
            actor: tx.actor_name(),
            action: "assign this contract's products",
            who: "its contract manager or its software coordinators",
        });
    }
    edit_access(tx, users, lines, Vec::new())
}
