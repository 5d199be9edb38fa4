//! The new view: team members and admins, product pools, seat sources and groups (W2', W3', W4, W6; rules 20–31,
//! 37–43), one file per part: `invites`, `roles`, `seats`, `groups`; here what they share.

use super::apply::{require, Tx};
use super::auto_assign::{self, AddedTo};
use super::command::Actor;
use super::error::DomainError;
use super::event::Event;
use super::ids::*;
use super::input::{self, NewPerson};
use super::model::*;
use std::collections::BTreeSet;

const ADMINS: &str = "a primary, secondary or SSO admin of the team";

mod groups;
mod invites;
mod moves;
mod roles;
mod seats;

pub use groups::*;
pub use invites::*;
pub(in crate::domain) use invites::{add_member, drop_member};
pub use moves::*;
pub use roles::*;
pub use seats::*;

/// An admin of the team without a limit: what changes the team itself (people, roles, groups, rules).
pub(crate) fn require_admin(tx: &Tx, team: TeamId, action: &'static str) -> Result<(), DomainError> {
    require_within(tx, team, action, None)
}

/// An admin of the team who may assign this product: without a limit, or a product admin of it (issue 30).
pub(crate) fn require_product_admin(
    tx: &Tx,
    team: TeamId,
    product: &str,
    action: &'static str,
) -> Result<(), DomainError> {
    require_within(tx, team, action, Some(product))
}

fn require_within(tx: &Tx, team: TeamId, action: &'static str, product: Option<&str>) -> Result<(), DomainError> {
    limit_check(tx.acc, tx.actor, team, action, product)?;
    tx.require(move |acc, u| acc.team_role(team, u).is_some_and(TeamRole::is_admin), action, ADMINS)
}

/// A limited admin is refused what lies outside their limit, with the limit named (issue 30).
fn limit_check(
    acc: &Account,
    actor: Actor,
    team: TeamId,
    action: &'static str,
    product: Option<&str>,
) -> Result<(), DomainError> {
    let t = acc.team(team)?;
    let Actor::User(me) = actor else { return Ok(()) };
    let Some(Some(limit)) = t.limit_of(me) else { return Ok(()) };
    if product.is_some_and(|p| t.reach(me).is_some_and(|r| r.manages_product(p))) {
        return Ok(());
    }
    let (actor, limit) = (super::apply::actor_name(acc, actor), limit.phrase(&t.name));
    Err(DomainError::AdminLimited { actor, limit, action, product: product.map(str::to_string) })
}

fn member(acc: &Account, team: TeamId, user: UserId) -> Result<&TeamMember, DomainError> {
    let t = acc.team(team)?;
    let u = acc.user(user)?;
    // Named only when refused: a role changed over 8,000 people asks 8,000 times (issue 28).
    t.members.get(&user).ok_or_else(|| DomainError::NotTeamMember { user: u.full_name(), team: t.name.clone() })
}

fn team_mut(acc: &mut Account, team: TeamId) -> &mut Team {
    acc.teams.get_mut(&team).expect("checked")
}

fn group(acc: &Account, team: TeamId, id: GroupId) -> Result<&Group, DomainError> {
    acc.team(team)?.groups.get(&id).ok_or_else(|| DomainError::Unknown { what: "group", id: id.to_string() })
}

pub(crate) fn known_product(t: &Team, product: &str) -> Result<(), DomainError> {
    if t.subscriptions.values().any(|s| s.product == product) {
        Ok(())
    } else {
        Err(DomainError::Unknown { what: "product in this team", id: product.to_string() })
    }
}

/// A name with its spaces tidied, refused when empty.
fn clean_name(raw: &str, what: &'static str) -> Result<String, DomainError> {
    let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    if name.is_empty() {
        return Err(DomainError::EmptyName { what });
    }
    if name.chars().count() > NAME_MAX {
        return Err(DomainError::NameTooLong { what, max: NAME_MAX });
    }
    Ok(name)
}

/// A team, group or company name fits a drop-down and a table cell.
pub const NAME_MAX: usize = 100;

/// The primary admin and secondary admins rename their team (domain.md §4b.1, "Team settings").
pub fn rename_team(tx: &mut Tx, team: TeamId, name: &str) -> Result<(), DomainError> {
    limit_check(tx.acc, tx.actor, team, "rename the team", None)?;
    tx.require(
        move |acc, u| matches!(acc.team_role(team, u), Some(TeamRole::PrimaryAdmin | TeamRole::SecondaryAdmin)),
        "rename the team",
        "the primary admin or a secondary admin",
    )?;
    let name = clean_name(name, "team")?;
    let old = tx.acc.teams[&team].name.clone();
    if old == name {
        return Err(DomainError::SameName { name });
    }
    if tx.acc.teams.iter().any(|(id, t)| *id != team && t.name.eq_ignore_ascii_case(&name)) {
        return Err(DomainError::TeamNameTaken { name });
    }
    team_mut(tx.acc, team).name = name.clone();
    tx.log(format!("Renamed the team {old} to {name}"));
    tx.events.push(Event::TeamRenamed { team });
    Ok(())
}
