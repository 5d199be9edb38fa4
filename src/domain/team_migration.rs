//! From classic to the new view (issue 18; rules 20, 28–30, 40–43, 63): a plan per team, kept with the
//! account, and the run that moves people as planned. Every step is the ordinary new-view command's own
//! handler, so a migrated person is exactly what inviting, naming and assigning them by hand gives.

use super::apply::Tx;
use super::error::DomainError;
use super::event::Event;
use super::ids::*;
use super::input::NewPerson;
use super::model::*;
use super::team;

/// A planned person must be a classic named user; the primary admin is never set by a plan (rule 28), and each
/// planned product must be one the team has.
fn check_plan(acc: &Account, t: &Team, people: &[PlannedPerson]) -> Result<(), DomainError> {
    for p in people {
        let user = acc.user(p.user)?;
        if user.classic.is_none() {
            return Err(DomainError::NotNamedUser { user: user.full_name() });
        }
        if p.role == TeamRole::PrimaryAdmin {
            return Err(DomainError::PlanNamesPrimaryAdmin { user: user.full_name() });
        }
        for planned in &p.products {
            team::known_product(t, &planned.product)?;
        }
    }
    Ok(())
}

pub fn save_plan(tx: &mut Tx, team_id: TeamId, people: Vec<PlannedPerson>) -> Result<(), DomainError> {
    team::require_admin(tx, team_id, "plan a migration")?;
    check_plan(tx.acc, &tx.acc.teams[&team_id], &people)?;
    let count = people.len();
    if people.is_empty() {
        tx.acc.migration_plans.remove(&team_id);
    } else {
        tx.acc.migration_plans.insert(team_id, people);
    }
    tx.log(format!("Saved a migration plan of {count} people for {}", tx.acc.teams[&team_id].name));
    tx.events.push(Event::MigrationPlanSaved { team: team_id, people: count });
    Ok(())
}

/// Each person: invited unless already a member (Invited, or Verified with an active classic account: rule 20),
/// given the planned role, then each planned product from its seat source. A refused step is reported as
/// "Name: reason" and the person's other steps still run; the people run leave the saved plan.
pub fn run(tx: &mut Tx, team_id: TeamId, people: &[PlannedPerson]) -> Result<(), DomainError> {
    team::require_admin(tx, team_id, "migrate users")?;
    if people.is_empty() {
        return Err(DomainError::NoneSelected);
    }
    check_plan(tx.acc, &tx.acc.teams[&team_id], people)?;
    for p in people {
        let name = tx.acc.name_of(p.user);
        let refused = |tx: &mut Tx, what: String, e: DomainError| {
            tx.events.push(Event::EntrySkipped { entry: format!("{name}: {what}"), reason: e.to_string() });
        };
        if !tx.acc.teams[&team_id].members.contains_key(&p.user) {
            let u = &tx.acc.users[&p.user];
            let person =
                NewPerson { email: u.email.clone(), first_name: u.first_name.clone(), last_name: u.last_name.clone() };
            if let Err(e) = team::add_member(tx, team_id, person, Some(p.user)) {
                refused(tx, "invitation".into(), e);
                continue;
            }
        }
        let current = tx.acc.teams[&team_id].members[&p.user].role;
        if p.role != current && p.role != TeamRole::User {
            if let Err(e) = team::set_role(tx, team_id, p.user, p.role) {
                refused(tx, p.role.label().to_string(), e);
            }
        }
        for planned in &p.products {
            if let Err(e) = team::assign(tx, team_id, p.user, &planned.product, planned.source.clone(), None) {
                refused(tx, planned.product.clone(), e);
            }
        }
    }
    if let Some(plan) = tx.acc.migration_plans.get_mut(&team_id) {
        plan.retain(|planned| !people.iter().any(|p| p.user == planned.user));
        if plan.is_empty() {
            tx.acc.migration_plans.remove(&team_id);
        }
    }
    Ok(())
}
