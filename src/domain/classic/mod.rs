//! Classic User Management: add, bulk add, remove and invitations (W1, W2, W4, rules 5–8, 15–22); Edit Access
//! (W3) in `edit_access`.

use super::apply::Tx;
use super::auto_assign::{self, AddedTo};
use super::command::{BenefitAccess, LineAccess};
use super::error::DomainError;
use super::event::Event;
use super::ids::*;
use super::input::{self, NewPerson};
use super::model::*;
use std::collections::{BTreeMap, BTreeSet};

mod edit_access;
pub use edit_access::*;

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
            let user = tx.acc.users.get_mut(&id).expect("checked");
            user.classic = Some(membership);
            // Invited to a team by address alone: a named user has the names Add asks for (rule 16).
            if user.first_name.is_empty() && user.last_name.is_empty() {
                (user.first_name, user.last_name) = (p.first_name, p.last_name);
            }
            id
        }
        None => {
            let id = UserId(tx.new_id());
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
