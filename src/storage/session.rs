//! The console's session, pure and natively tested: the stored envelope, the undo history, whether storage
//! can be written, and the day the console acts on. Every change to the account goes through `dispatch`
//! (or an account-wide action) here; the UI's `Console` only holds this and tells the views what changed.
//! Where it is kept is a `Backend`: local storage today; a command journal or a CouchDB replica next.

use super::history::{keep_read_marks, History};
use super::{decode, encode, seed, Envelope, LoadError, DAMAGED_KEY};
use crate::domain::account_actions::{may, AccountAction};
use crate::domain::{apply, Actor, ClassicRoles, Command, DomainError, Event, UserId};
use chrono::NaiveDate;
use std::fmt;

/// What a backend found at start-up.
#[derive(Debug)]
pub enum Found {
    Nothing,
    Account(Envelope),
    /// Unreadable or newer data: kept untouched (and copied aside) for the admin to rescue.
    Problem(LoadError),
    Unavailable,
}

impl Found {
    /// What stored text holds: an account, or the reason it can't be used.
    pub fn in_text(raw: &str) -> Found {
        match decode(raw) {
            Ok(env) => Found::Account(env),
            Err(e) => Found::Problem(e),
        }
    }
}

/// Why a save did not happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageError {
    Unavailable,
    Full,
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StorageError::Unavailable => "Local storage is not available in this browser window.",
            StorageError::Full => "The browser refused to save: its storage for this site is full.",
        })
    }
}

/// Where the account is kept: one envelope, its revision, and this window's undo history.
pub trait Backend {
    fn load(&mut self) -> Found;
    /// Writes the whole envelope at once: a failed write leaves the stored copy as it was.
    fn save(&mut self, env: &Envelope) -> Result<(), StorageError>;
    /// The revision of what is stored now, without reading the whole account.
    fn stored_revision(&self) -> Option<u64>;
    fn load_history(&self) -> History;
    fn save_history(&mut self, history: &History);
}

/// Whether changes reach storage, and if not, why (issue 6).
#[derive(Clone, Debug, PartialEq)]
pub enum StorageState {
    Saving,
    /// The last save failed: the change is kept in this window and the stored copy is intact.
    NotSaved(StorageError),
    /// Storage is blocked: the console works in memory only.
    Unavailable,
    /// The stored data can't be read: a copy is kept, and nothing changes until the admin chooses.
    Damaged(String),
    /// Written by a newer console: shown read-only, never overwritten.
    Newer(String),
}

impl StorageState {
    fn can_save(&self) -> bool {
        matches!(self, StorageState::Saving | StorageState::NotSaved(_))
    }
    /// Changes are allowed (saved or, with storage blocked, kept in memory).
    fn editable(&self) -> bool {
        self.can_save() || *self == StorageState::Unavailable
    }
}

/// Why an action changed nothing: a rule of the account, or stored data that can't be written safely.
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    Domain(DomainError),
    ReadOnly(String),
    /// Undo or Redo of someone else's change (issue 16.4).
    NotYours(String),
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Domain(e) => e.fmt(f),
            Refusal::ReadOnly(why) | Refusal::NotYours(why) => f.write_str(why),
        }
    }
}

impl From<DomainError> for Refusal {
    fn from(e: DomainError) -> Self {
        Refusal::Domain(e)
    }
}

pub struct Session<B> {
    pub env: Envelope,
    pub history: History,
    pub storage: StorageState,
    /// "As of", or the real day.
    pub today: NaiveDate,
    real_today: NaiveDate,
    backend: B,
}

impl<B: Backend> Session<B> {
    /// Loads the stored account, or the demo account on first run, and sends any renewal notices now due.
    pub fn start(mut backend: B, real_today: NaiveDate) -> Self {
        let demo = || Envelope::new(seed::demo_account(real_today));
        let (env, storage) = match backend.load() {
            Found::Account(env) => (env, StorageState::Saving),
            Found::Nothing => (demo(), StorageState::Saving),
            Found::Unavailable => (demo(), StorageState::Unavailable),
            Found::Problem(e @ (LoadError::Unreadable(_) | LoadError::BrokenRule(_))) => {
                (demo(), StorageState::Damaged(format!("{e} A copy was kept under \"{DAMAGED_KEY}\".")))
            }
            Found::Problem(LoadError::Newer { schema, readable }) => {
                let why = format!(
                    "This account was saved by a newer version of the console (schema {schema}). It is open read-only and will not be overwritten."
                );
                (readable.map_or_else(demo, |e| *e), StorageState::Newer(why))
            }
        };
        let history = backend.load_history();
        let today = env.as_of.unwrap_or(real_today);
        let mut session = Self { env, history, storage, today, real_today, backend };
        let _ = session.apply_as(Actor::Autodesk, Command::SendDueNotices);
        session
    }

    /// The person the console acts as: the chosen one, else the first contract manager.
    pub fn actor(&self) -> Option<UserId> {
        let e = &self.env;
        e.viewing_as
            .filter(|u| e.account.users.contains_key(u))
            .or_else(|| ClassicRoles::of(&e.account).managers.first().copied())
    }

    fn acting(&self) -> Actor {
        self.actor().map_or(Actor::Autodesk, Actor::User)
    }

    pub fn view_as(&mut self, user: UserId) {
        self.env.viewing_as = Some(user);
        self.persist();
    }

    /// Moves "As of" (None = back to the real day) and sends the notices now due, or withdraws later ones.
    pub fn set_as_of(&mut self, date: Option<NaiveDate>) {
        let as_of = date.filter(|d| *d != self.real_today);
        self.env.as_of = as_of;
        self.today = as_of.unwrap_or(self.real_today);
        let _ = self.apply_as(Actor::Autodesk, Command::SendDueNotices);
        self.persist();
    }

    /// Applies a command as the current person and saves; the account is untouched on refusal.
    pub fn dispatch(&mut self, command: Command) -> Result<Vec<Event>, Refusal> {
        self.apply_as(self.acting(), command)
    }

    /// An admin's change becomes an undo step; an opened email or Autodesk's notice does not (issue 16.11).
    fn apply_as(&mut self, actor: Actor, command: Command) -> Result<Vec<Event>, Refusal> {
        self.writable()?;
        // Another tab may have saved since this one last read: apply the command to the newest copy.
        self.catch_up();
        let by = match actor {
            Actor::User(u) if command.is_admin_change() => Some(u),
            _ => None,
        };
        let before = by.map(|u| (u, encode(&self.env)));
        let events = apply(&mut self.env.account, actor, command, self.today)?;
        self.env.revision += 1;
        if let Some((by, before)) = before {
            self.record(by, before);
        }
        self.persist();
        Ok(events)
    }

    fn writable(&self) -> Result<(), Refusal> {
        match &self.storage {
            StorageState::Damaged(_) => Err(Refusal::ReadOnly(
                "Choose what to do with the damaged data first: nothing is changed until you do.".into(),
            )),
            StorageState::Newer(why) => Err(Refusal::ReadOnly(why.clone())),
            _ => Ok(()),
        }
    }

    fn record(&mut self, by: UserId, before: String) {
        self.history.record(by, before);
        self.backend.save_history(&self.history);
    }

    /// Takes in a newer copy saved by another tab, keeping this tab's "Viewing as" and "As of". Its undo
    /// history no longer applies and is dropped.
    pub fn catch_up(&mut self) -> bool {
        if !self.storage.can_save() || self.backend.stored_revision().is_none_or(|r| r <= self.env.revision) {
            return false;
        }
        let Found::Account(mut newer) = self.backend.load() else { return false };
        newer.viewing_as = self.env.viewing_as;
        newer.as_of = self.env.as_of;
        self.env = newer;
        self.history = History::default();
        self.backend.save_history(&self.history);
        true
    }

    fn persist(&mut self) {
        if self.storage.can_save() {
            self.storage = match self.backend.save(&self.env) {
                Ok(()) => StorageState::Saving,
                Err(e) => StorageState::NotSaved(e),
            };
        }
    }

    /// An account-wide action is allowed for the acting person (issue 16.4).
    pub fn may(&self, action: AccountAction) -> Result<(), Refusal> {
        Ok(may(&self.env.account, self.acting(), action)?)
    }

    /// Undo (`back`) or Redo: only the acting person's own change (issue 16.4). Emails read since stay read,
    /// and Autodesk's notices due by today are sent again (issue 16.11). `Ok(false)`: nothing to do.
    pub fn step(&mut self, back: bool) -> Result<bool, Refusal> {
        if !self.storage.editable() {
            return Ok(false);
        }
        let Some(by) = self.history.next_by(back) else { return Ok(false) };
        if self.actor() != Some(by) {
            let acc = &self.env.account;
            let me = self.actor().map_or_else(|| "nobody".to_string(), |a| acc.name_of(a));
            let (owner, what) = (acc.name_of(by), if back { "undo" } else { "redo" });
            return Err(Refusal::NotYours(format!(
                "The last change was made by {owner}; only {owner} can {what} it (you are viewing as {me})."
            )));
        }
        let current = encode(&self.env);
        let target = if back { self.history.undo(current) } else { self.history.redo(current) };
        let Some(Ok(mut env)) = target.map(|raw| decode(&raw)) else { return Ok(false) };
        keep_read_marks(&mut env.account, &self.env.account);
        self.replace(env);
        let _ = self.apply_as(Actor::Autodesk, Command::SendDueNotices);
        self.backend.save_history(&self.history);
        Ok(true)
    }

    /// "Export data": the whole account as text, for those who may (issue 16.4).
    pub fn export_text(&self) -> Result<String, Refusal> {
        self.may(AccountAction::ExportData)?;
        Ok(encode(&self.env))
    }

    /// Replaces the account with an imported one, as one undo step.
    pub fn import(&mut self, env: Envelope) -> Result<(), Refusal> {
        self.may(AccountAction::ImportData)?;
        self.replace_undoably(env);
        Ok(())
    }

    /// Replaces the account with a fresh demo account, as one undo step (issue 16.5); a damaged copy stays
    /// where it was kept.
    pub fn reset_demo(&mut self) -> Result<(), Refusal> {
        self.may(AccountAction::ResetDemo)?;
        self.replace_undoably(Envelope::new(seed::demo_account(self.today)));
        Ok(())
    }

    /// Leaves a damaged or read-only state: the admin chose to start over or import (blocked storage stays so).
    fn replace_undoably(&mut self, env: Envelope) {
        let before = encode(&self.env);
        let by = self.actor();
        if self.storage != StorageState::Unavailable {
            self.storage = StorageState::Saving;
        }
        self.replace(env);
        let _ = self.apply_as(Actor::Autodesk, Command::SendDueNotices);
        if let Some(by) = by {
            self.record(by, before);
        }
    }

    /// Replaces the account with `env` as a new saved revision, keeping this tab's "Viewing as" if it still exists.
    fn replace(&mut self, mut env: Envelope) {
        env.revision = self.env.revision.max(env.revision) + 1;
        env.viewing_as = self.env.viewing_as.filter(|u| env.account.users.contains_key(u)).or(env.viewing_as);
        env.as_of = self.env.as_of;
        self.env = env;
        self.persist();
    }
}

#[cfg(test)]
mod tests;
