//! The one entry point for changing an account. Each handler checks the actor's permission
//! (domain.md section 2) and every rule before it touches anything, so an error changes nothing.

use super::command::{Actor, Command};
use super::error::DomainError;
use super::event::Event;
use super::model::{Account, Activity, Email, EmailKind, Targets};
use super::{auto_assign, classic, contracts, team, team_migration, usage};
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// The activity log keeps one year of entries (rule 62).
const ACTIVITY_DAYS: i64 = 365;

pub fn actor_name(acc: &Account, actor: Actor) -> String {
    match actor {
        Actor::User(u) => acc.name_of(u),
        Actor::Autodesk => "Autodesk".into(),
    }
}

/// The permission check of every command, also asked by the `plan_*` checks before anything is applied.
pub fn require(
    acc: &Account,
    actor: Actor,
    allowed: impl FnOnce(&Account, super::ids::UserId) -> bool,
    action: &'static str,
    who: &'static str,
) -> Result<(), DomainError> {
    let ok = match actor {
        Actor::User(u) => acc.users.contains_key(&u) && allowed(acc, u),
        Actor::Autodesk => false,
    };
    if ok {
        Ok(())
    } else {
        Err(DomainError::NotAllowed { actor: actor_name(acc, actor), action, who })
    }
}

/// A change in progress: the account, who acts, when, and what happened so far.
pub struct Tx<'a> {
    pub acc: &'a mut Account,
    pub actor: Actor,
    pub today: NaiveDate,
    /// The time of day the command is applied, when the caller knows it: the activity log shows it.
    pub at: Option<chrono::NaiveTime>,
    /// The real moment with its zone, when the caller knows it (issue 26).
    pub stamp: Option<super::model::Stamp>,
    pub events: Vec<Event>,
    /// Where this command's activity entries start (after any it withdrew).
    pub first_entry: usize,
    /// The ids held and the outbox's, gathered at the first new one: a command may make thousands (issue 28).
    ids: Option<BTreeSet<u32>>,
    emails: Option<BTreeSet<u32>>,
    /// New ids looked up one by one so far (`new_id`).
    looked_up: u8,
}

impl Tx<'_> {
    pub fn actor_name(&self) -> String {
        actor_name(self.acc, self.actor)
    }

    /// Refuses unless `allowed` holds for the acting person; Autodesk itself is never a person.
    pub fn require(
        &self,
        allowed: impl FnOnce(&Account, super::ids::UserId) -> bool,
        action: &'static str,
        who: &'static str,
    ) -> Result<(), DomainError> {
        require(self.acc, self.actor, allowed, action, who)
    }

    /// Only Autodesk sends renewal notices and publishes releases.
    pub fn require_autodesk(&self, action: &'static str) -> Result<(), DomainError> {
        if self.actor == Actor::Autodesk {
            Ok(())
        } else {
            Err(DomainError::NotAllowed { actor: self.actor_name(), action, who: "Autodesk" })
        }
    }

    pub fn acting_user(&self) -> Option<super::ids::UserId> {
        match self.actor {
            Actor::User(u) => Some(u),
            Actor::Autodesk => None,
        }
    }

    /// `Account::next_id`: the first few ids of a command are looked up one by one (gathering 10,000 people's
    /// ids cost Add user 1.6 ms), a command that makes many gathers the ids held once.
    pub fn new_id(&mut self) -> u32 {
        if self.ids.is_none() && self.looked_up < 8 {
            self.looked_up += 1;
            return self.acc.next_id();
        }
        let taken = self.ids.get_or_insert_with(|| self.acc.ids_taken());
        let mut id = self.acc.next_id + 1;
        while !taken.insert(id) {
            id += 1;
        }
        self.acc.next_id = id;
        id
    }

    pub fn send(&mut self, kind: EmailKind, to: &str, subject: String, body: String) {
        self.send_on(self.today, kind, to, subject, body);
    }

    /// An email dated `on`: a renewal notice is dated on its own threshold day (rule 47).
    pub fn send_on(&mut self, on: NaiveDate, kind: EmailKind, to: &str, subject: String, body: String) {
        self.events.push(Event::EmailSent { to: to.to_string(), subject: subject.clone() });
        // The next id nothing holds: in a shared account an op allocates from its author's range and may find
        // some of it taken by other admins' emails; they are skipped, never overwritten (issue 15).
        let taken = self.emails.get_or_insert_with(|| self.acc.outbox.iter().map(|e| e.id).collect());
        let mut id = self.acc.last_email + 1;
        while !taken.insert(id) {
            id += 1;
        }
        self.acc.last_email = id;
        self.acc.outbox.push(Email { id, kind, to: to.to_string(), subject, body, sent_on: on, read: false });
    }

    /// An activity entry about what the command names (`apply` fills in its type and targets).
    pub fn log(&mut self, what: String) {
        self.log_about(self.today, what, Targets::default());
    }

    /// An entry about one person (and a product): among several people, each line names its own.
    pub fn log_for(&mut self, what: String, user: super::ids::UserId, product: Option<&str>) {
        let products = product.map(|p| vec![p.to_string()]).unwrap_or_default();
        self.log_about(self.today, what, Targets { users: vec![user], products, ..Default::default() });
    }

    /// An activity entry dated `on` about `targets` (a renewal notice: its contract, on its own day).
    pub fn log_about(&mut self, on: NaiveDate, what: String, targets: Targets) {
        let actor = self.actor_name();
        // An entry dated another day (a notice on its own day) did not happen at this time of that day; it
        // was still written at this real moment, which its stamp keeps (issue 26).
        let at = self.at.filter(|_| on == self.today);
        let stamp = self.stamp;
        self.acc.activity.push(Activity { on, at, stamp, actor, what, kind: String::new(), targets });
    }
}

/// A person opens the emails they may see in the Outbox (issue 26: their own; a CM also the notices).
fn mark_read(tx: &mut Tx, email: u32) -> Result<(), DomainError> {
    let at = tx.acc.outbox.iter().position(|e| e.id == email);
    let at = at.ok_or_else(|| DomainError::Unknown { what: "email", id: email.to_string() })?;
    let seen = |acc: &Account, u| super::visibility::sees_email(acc, u, &acc.outbox[at]);
    tx.require(seen, "open this email", "the person it was sent to")?;
    tx.acc.outbox[at].read = true;
    tx.events.push(Event::EmailRead { email });
    Ok(())
}

/// Applies one command as `actor` on `today`. On error the account is exactly as it was.
pub fn apply(acc: &mut Account, actor: Actor, command: Command, today: NaiveDate) -> Result<Vec<Event>, DomainError> {
    apply_at(acc, actor, command, today, None, None)
}

/// `apply` at a time of day or a real moment, which the command's activity entries carry.
pub fn apply_at(
    acc: &mut Account,
    actor: Actor,
    command: Command,
    today: NaiveDate,
    at: Option<chrono::NaiveTime>,
    stamp: Option<super::model::Stamp>,
) -> Result<Vec<Event>, DomainError> {
    run(acc, actor, command, today, at, stamp, false).map(|(events, _)| events)
}

/// `apply_at`, also giving the activity entries the command wrote: an Undo or Redo names them (issue 26).
pub fn apply_logged(
    acc: &mut Account,
    actor: Actor,
    command: Command,
    today: NaiveDate,
    at: Option<chrono::NaiveTime>,
    stamp: Option<super::model::Stamp>,
) -> Result<(Vec<Event>, Vec<Activity>), DomainError> {
    run(acc, actor, command, today, at, stamp, true)
}

fn run(
    acc: &mut Account,
    actor: Actor,
    command: Command,
    today: NaiveDate,
    at: Option<chrono::NaiveTime>,
    stamp: Option<super::model::Stamp>,
    keep: bool,
) -> Result<(Vec<Event>, Vec<Activity>), DomainError> {
    let first_entry = acc.activity.len();
    let (kind, about) = (super::activity::kind(&command), super::activity::targets(acc, &command));
    let mut tx =
        Tx { acc, actor, today, at, stamp, events: Vec::new(), first_entry, ids: None, emails: None, looked_up: 0 };
    use Command::*;
    match command {
        AddUser { email, first_name, last_name } => classic::add_user(&mut tx, &email, &first_name, &last_name),
        BulkAdd { text } => classic::bulk_add(&mut tx, &text),
        RemoveUsers { users } => classic::remove_users(&mut tx, &users),
        ResendInvite { user } => classic::resend_invite(&mut tx, user),
        AcceptInvite { user } => classic::accept_invite(&mut tx, user),
        EditAccess { users, lines, benefits } => classic::edit_access(&mut tx, &users, lines, benefits),
        AssignAll { users, contract } => classic::assign_all(&mut tx, &users, &contract),
        AssignCoordinator { contract, serials, user } => {
            contracts::assign_coordinator(&mut tx, &contract, &serials, user)
        }
        ChangeContractManager { contract, user } => contracts::change_contract_manager(&mut tx, &contract, user),
        SetAutoRenew { contract, on } => contracts::set_auto_renew(&mut tx, &contract, on),
        CreateHub { name, url, kind, team } => contracts::create_hub(&mut tx, &name, &url, &kind, team).map(|_| ()),
        AssignContractToHub { contract, hub, confirmed } => {
            contracts::assign_to_hub(&mut tx, &contract, hub, confirmed)
        }
        MarkEmailRead { email } => mark_read(&mut tx, email),
        SendDueNotices => contracts::send_due_notices(&mut tx),
        PublishRelease { contract, line, release } => contracts::publish_release(&mut tx, &contract, line, &release),
        AddProductLine { contract, serial, product, release, seats, services } => {
            contracts::add_product_line(&mut tx, &contract, serial, product, release, seats, services)
        }
        InviteTeamUser { team: t, email, first_name, last_name, groups } => {
            team::joining(&mut tx, t, &groups, |tx| team::invite(tx, t, &email, &first_name, &last_name))
        }
        InviteTeamUsers { team: t, text, groups } => {
            team::joining(&mut tx, t, &groups, |tx| team::invite_many(tx, t, &text))
        }
        ImportTeamUsers { team: t, csv, groups } => team::joining(&mut tx, t, &groups, |tx| team::import(tx, t, &csv)),
        RenameTeam { team: t, name } => team::rename_team(&mut tx, t, &name),
        RemoveTeamUser { team: t, user } => team::remove(&mut tx, t, user),
        ImportTeamRoles { team: t, csv } => team::import_roles(&mut tx, t, &csv),
        SetTeamRole { team: t, user, role } => team::set_role(&mut tx, t, user, role),
        SetTeamRoles { team: t, users, role } => team::set_roles(&mut tx, t, &users, role),
        MakePrimaryAdmin { team: t, user } => team::make_primary_admin(&mut tx, t, user),
        LimitAdmin { team: t, user, limit } => team::limit_admin(&mut tx, t, user, limit),
        AssignProduct { team: t, user, product, source, items } => {
            team::assign(&mut tx, t, user, &product, source, items)
        }
        AssignUsers { team: t, users, product, source, items } => {
            team::assign_users(&mut tx, t, &users, &product, source, items)
        }
        CustomizeProduct { team: t, user, product, items } => team::customize(&mut tx, t, user, &product, items),
        UnassignProduct { team: t, user, product } => team::unassign(&mut tx, t, user, &product),
        CreateGroup { team: t, name } => team::create_group(&mut tx, t, &name),
        RenameGroup { team: t, group, name } => team::rename_group(&mut tx, t, group, &name),
        DeleteGroup { team: t, group } => team::delete_group(&mut tx, t, group),
        AddGroupMembers { team: t, group, users } => team::add_group_members(&mut tx, t, group, &users),
        RemoveGroupMember { team: t, group, user } => team::remove_group_member(&mut tx, t, group, user),
        AssignGroupProduct { team: t, group, product } => team::assign_group_product(&mut tx, t, group, &product),
        UnassignGroupProduct { team: t, group, product } => team::unassign_group_product(&mut tx, t, group, &product),
        SaveMigrationPlan { team: t, people } => team_migration::save_plan(&mut tx, t, people),
        RunMigration { team: t, people } => team_migration::run(&mut tx, t, &people),
        ReclaimSeats { seats } => usage::reclaim(&mut tx, &seats),
        AddAssignRule { domain, grant } => auto_assign::add(&mut tx, &domain, grant),
        DeleteAssignRule { index } => auto_assign::delete(&mut tx, index),
        RunAssignRules => auto_assign::run(&mut tx, &Default::default()),
        RunAssignRulesInOrder { order } => auto_assign::run(&mut tx, &order),
        ResendInvites { invitations } => super::invitations::resend(&mut tx, &invitations),
        MoveSubscription { from, subscription, to } => team::move_subscription(&mut tx, from, &subscription, to),
        RefreshFromExports { changes } => super::from_exports::refresh(&mut tx, &changes),
        ChooseAlerts { alerts } => super::alerts::choose(&mut tx, alerts),
        RequestProduct { wanted, reason } => super::requests::request(&mut tx, wanted, &reason),
        AnswerRequest { request, approve, reason } => super::requests::answer(&mut tx, request, approve, &reason),
        SetAutoApprove { wanted, on } => super::requests::set_auto_approve(&mut tx, wanted, on),
    }?;
    if matches!(actor, Actor::User(_)) {
        super::alerts::after_change(&mut tx);
        if tx.acc.requests.iter().any(|r| r.answer.is_none()) {
            super::requests::fulfilled(&mut tx);
        }
    }
    // Each entry the command wrote gets its event type, and what the command names where the entry named less.
    let about = about.merge(super::activity::from_events(&tx.events));
    for a in &mut tx.acc.activity[tx.first_entry..] {
        a.kind = kind.to_string();
        a.targets.fill_from(&about);
    }
    let written = if keep { tx.acc.activity[tx.first_entry..].to_vec() } else { Vec::new() };
    let cutoff = today - chrono::Duration::days(ACTIVITY_DAYS);
    tx.acc.activity.retain(|a| a.on >= cutoff);
    Ok((tx.events, written))
}
