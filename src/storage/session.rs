//! The console's session, pure and natively tested: the account as a snapshot plus a journal of entries, the
//! undo history (journal positions), whether storage can be written, and the day the console acts on. Every
//! change to the account goes through `dispatch` (or an account-wide action) here and is saved as one small
//! journal entry; the UI's `Console` only holds this and tells the views what changed. Where it is kept is a
//! `Backend`: local storage today; a CouchDB replica next.

use super::history::{read_since, History};
use super::journal::{compaction_point, replay, replay_noting, replay_onto, Entry, Op};
use super::{decode, seed, Envelope, LoadError, DAMAGED_KEY};
use crate::domain::account_actions::{may, AccountAction};
use crate::domain::{apply_logged, invariants, Actor, ClassicRoles, Command, DomainError, Event, Stamp, UserId};
use chrono::NaiveDate;
use std::fmt;

/// The journal is folded into a new snapshot (in idle time) once it holds this many entries.
pub const COMPACT_AFTER: usize = 64;

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
    /// The account as it is now: `base` with `entries` replayed.
    pub env: Envelope,
    pub history: History,
    pub storage: StorageState,
    /// "As of", or the real day.
    pub today: NaiveDate,
    /// The stored snapshot and the journal entries since it.
    base: Envelope,
    entries: Vec<Entry>,
    /// Entries not yet written (storage full): written, in order, with the next change.
    unsaved: Vec<Entry>,
    real_today: NaiveDate,
    /// The real moment now, to the minute with its zone, as the caller last said (`set_clock`): the activity
    /// log shows it (issue 26).
    clock: Option<Stamp>,
    /// The shared account this browser is a replica of, if any (issue 15).
    shared: Option<sharing::Shared>,
    /// Stored changes of admins that no longer apply when the journal is replayed, in words: shown, never
    /// dropped in silence (issue 28).
    pub left_out: Vec<String>,
    /// What the changes so far did to people (issue 28.5).
    people: PeopleChanges,
    /// The next Undo's and Redo's replays, made ready in idle time.
    ready: steps::Ready,
    backend: B,
}

impl<B: Backend> Session<B> {
    /// Loads the stored account, or the demo account on first run, and sends any renewal notices now due.
    pub fn start(backend: B, real_today: NaiveDate) -> Self {
        Self::start_with(backend, real_today, None)
    }

    /// `start` at the browser's moment, which the notices sent at start-up carry in the log (issue 26).
    pub fn start_at(backend: B, now: Stamp) -> Self {
        Self::start_with(backend, now.day, Some(now))
    }

    fn start_with(mut backend: B, real_today: NaiveDate, clock: Option<Stamp>) -> Self {
        let demo = || Stored { base: Envelope::new(seed::demo_account(real_today)), entries: Vec::new() };
        let (stored, storage) = match backend.load() {
            Found::Account(stored) => (*stored, StorageState::Saving),
            Found::Nothing => (demo(), StorageState::Saving),
            Found::Unavailable => (demo(), StorageState::Unavailable),
            Found::Problem(e @ (LoadError::Unreadable(_) | LoadError::BrokenRule(_))) => {
                (demo(), StorageState::Damaged(format!("{e} A copy was kept under \"{DAMAGED_KEY}\".")))
            }
            Found::Problem(LoadError::Newer { schema, readable }) => {
                let why = format!(
                    "This account was saved by a newer version of the console (schema {schema}). It is open read-only and will not be overwritten."
                );
                let shown = readable.map_or_else(demo, |e| Stored { base: *e, entries: Vec::new() });
                (shown, StorageState::Newer(why))
            }
        };
        let first_run = storage == StorageState::Saving && stored.base.revision == 0 && stored.entries.is_empty();
        let (env, left_out) = replay_noting(&stored.base, &stored.entries);
        let history = backend.load_history();
        let today = env.as_of.unwrap_or(real_today);
        let (base, entries) = (stored.base, stored.entries);
        let unsaved = Vec::new();
        let (shared, people) = (None, PeopleChanges::default());
        let mut session = Self {
            env,
            history,
            storage,
            today,
            base,
            entries,
            unsaved,
            real_today,
            clock,
            shared,
            left_out,
            people,
            ready: Default::default(),
            backend,
        };
        if first_run {
            session.write_snapshot();
        }
        if session.storage.can_save() {
            session.resume_shared();
        }
        session.history.forget_up_to(session.base.revision);
        let _ = session.apply_as(Actor::Autodesk, Command::SendDueNotices);
        session
    }

    /// The real moment the next changes happen at: the browser's local day, time and offset from UTC (the
    /// domain has no clock).
    pub fn set_clock(&mut self, now: Stamp) {
        self.clock = Some(now);
    }

    /// The time of day of `set_clock`, which a shared op carries.
    fn time_of_day(&self) -> Option<chrono::NaiveTime> {
        self.clock.and_then(|s| chrono::NaiveTime::from_hms_opt(u32::from(s.minute / 60), u32::from(s.minute % 60), 0))
    }

    /// What the changes so far did to people.
    pub fn people_changes(&self) -> (u64, u64) {
        (self.people.quiet, self.people.patched)
    }

    /// The people the patchable changes touched since this was last asked (`PeopleChanges::touched`).
    pub fn take_touched(&mut self) -> Vec<UserId> {
        std::mem::take(&mut self.people.touched)
    }

    /// The person the console acts as: the chosen one, else the first contract manager.
    pub fn actor(&self) -> Option<UserId> {
        if let Some(signed_in) = self.shared_actor() {
            return signed_in;
        }
        let e = &self.env;
        e.viewing_as
            .filter(|u| e.account.users.contains_key(u))
            .or_else(|| ClassicRoles::of(&e.account).managers.first().copied())
    }

    pub fn acting(&self) -> Actor {
        self.actor().map_or(Actor::Autodesk, Actor::User)
    }

    pub fn view_as(&mut self, user: UserId) {
        if self.shared.is_some() {
            return;
        }
        self.env.viewing_as = Some(user);
        if self.storage.can_save() {
            self.backend.save_view(&self.env);
        }
    }

    /// Moves "As of" (None = back to the real day) and sends the notices now due, or withdraws later ones.
    pub fn set_as_of(&mut self, date: Option<NaiveDate>) {
        // A shared account's changes carry the real day: moved time would send other admins future notices.
        if self.shared.is_some() {
            return;
        }
        let as_of = date.filter(|d| *d != self.real_today);
        self.env.as_of = as_of;
        self.today = as_of.unwrap_or(self.real_today);
        if self.storage.can_save() {
            self.backend.save_view(&self.env);
        }
        let _ = self.apply_as(Actor::Autodesk, Command::SendDueNotices);
    }

    /// Applies a command as the current person and saves it as one journal entry; the account is untouched
    /// on refusal.
    pub fn dispatch(&mut self, command: Command) -> Result<Vec<Event>, Refusal> {
        self.apply_as(self.acting(), command)
    }

    /// An admin's change becomes an undo step; an opened email or Autodesk's notice does not (issue 16.11).
    fn apply_as(&mut self, actor: Actor, command: Command) -> Result<Vec<Event>, Refusal> {
        // Another tab may have saved since this one last read: apply the command to the newest account (or
        // refuse, if what it saved can't be read here).
        self.catch_up();
        self.writable()?;
        if let Some(shared) = self.apply_shared(actor, command.clone()) {
            return shared;
        }
        let stamp = self.clock;
        let (events, written) = apply_logged(&mut self.env.account, actor, command.clone(), self.today, None, stamp)?;
        // Autodesk's check for due notices that found nothing changed nothing: no entry.
        if command == Command::SendDueNotices && events.is_empty() {
            return Ok(events);
        }
        self.people.count(&command, &events);
        let entry =
            Entry { n: self.env.revision + 1, op: Op::Apply { actor, on: self.today, at: None, stamp, command } };
        self.env.revision = entry.n;
        self.ready.written = Some((entry.clone(), written));
        self.commit(entry);
        Ok(events)
    }

    /// Keeps a new entry, records it for Undo when it is an admin's change, and writes it.
    fn commit(&mut self, entry: Entry) {
        if let (true, Some(by)) = (entry.undoable(), self.actor()) {
            // Local storage counts characters (UTF-16 units), which packed text holds 3 bytes each.
            self.history.record(by, entry.n, entry.stored().chars().count());
            self.backend.save_history(&self.history);
        }
        self.entries.push(entry.clone());
        self.unsaved.push(entry);
        self.flush();
    }

    /// Writes the entries not yet stored, in order; a failed write keeps them for the next try.
    fn flush(&mut self) {
        if !self.storage.can_save() {
            return;
        }
        while let Some(entry) = self.unsaved.first() {
            if let Err(e) = self.backend.append(entry) {
                self.storage = StorageState::NotSaved(e);
                return;
            }
            self.unsaved.remove(0);
        }
        self.storage = StorageState::Saving;
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

    /// Takes in the entries another tab saved, keeping this tab's "Viewing as" and "As of". Its undo history
    /// no longer applies and is dropped.
    pub fn catch_up(&mut self) -> bool {
        if self.storage.can_save() && self.backend.load_shared_link().is_some() != self.shared.is_some() {
            return self.switch_sharing();
        }
        if !self.storage.can_save() || self.backend.stored_revision().is_none_or(|r| r <= self.env.revision) {
            return false;
        }
        let (viewing_as, as_of) = (self.env.viewing_as, self.env.as_of);
        match self.backend.entries_after(self.env.revision) {
            // The usual case costs the size of what the other tab did.
            Some(new) if !new.iter().any(Entry::rewrites) => {
                let refused = replay_onto(&mut self.env, &new);
                self.left_out.extend(refused);
                self.entries.extend(new);
            }
            _ => match self.backend.load() {
                Found::Account(stored) => {
                    (self.env, self.left_out) = replay_noting(&stored.base, &stored.entries);
                    (self.base, self.entries) = (stored.base, stored.entries);
                }
                // What the other window saved can't be read here: nothing is written over it.
                Found::Problem(LoadError::Newer { schema, .. }) => {
                    self.storage = StorageState::Newer(format!("Another window saved this account with a newer version of the console (schema {schema}). This window is read-only now; reload it."));
                    return false;
                }
                Found::Problem(e) => {
                    self.storage = StorageState::Damaged(e.to_string());
                    return false;
                }
                Found::Nothing | Found::Unavailable => return false,
            },
        }
        (self.env.viewing_as, self.env.as_of) = (viewing_as, as_of);
        (self.history, self.ready) = Default::default();
        self.backend.save_history(&self.history);
        true
    }
}

mod backend;
mod people;
mod sharing;
mod steps;
mod whole;
pub use backend::{Backend, Found, StorageError, Stored};
use people::PeopleChanges;
pub use people::PeopleLog;
pub use sharing::{SyncStatus, SHARED_READ_ONLY};
pub use whole::{Fold, Folded};

#[cfg(test)]
mod tests;
