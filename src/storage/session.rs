//! The console's session, pure and natively tested: the account as a snapshot plus a journal of entries, the
//! undo history (journal positions), whether storage can be written, and the day the console acts on. Every
//! change to the account goes through `dispatch` (or an account-wide action) here and is saved as one small
//! journal entry; the UI's `Console` only holds this and tells the views what changed. Where it is kept is a
//! `Backend`: local storage today; a CouchDB replica next.

use super::history::{read_since, History};
use super::journal::{compaction_point, replay, replay_noting, replay_onto, Entry, Op};
use super::{decode, seed, Envelope, LoadError, DAMAGED_KEY};
use crate::domain::account_actions::{may, AccountAction};
use crate::domain::{apply_at, invariants, Actor, ClassicRoles, Command, DomainError, Event, Stamp, UserId};
use chrono::NaiveDate;
use std::fmt;

/// What is stored: the snapshot and the journal entries after it.
#[derive(Clone, Debug, PartialEq)]
pub struct Stored {
    pub base: Envelope,
    pub entries: Vec<Entry>,
}

/// What a backend found at start-up.
#[derive(Debug)]
pub enum Found {
    Nothing,
    /// Boxed: an account is far larger than the other answers.
    Account(Box<Stored>),
    /// Unreadable or newer data: kept untouched (and copied aside) for the admin to rescue.
    Problem(LoadError),
    Unavailable,
}

impl Found {
    /// What a stored snapshot and its entries hold: an account, or the reason they can't be used.
    pub fn in_text(snapshot: &str, entries: &[String]) -> Found {
        let base = match decode(snapshot) {
            Ok(env) => env,
            Err(e) => return Found::Problem(e),
        };
        let mut read = Vec::new();
        for (i, raw) in entries.iter().enumerate() {
            match Entry::read(raw) {
                Some(e) if e.n == base.revision + 1 + i as u64 => {
                    // A replaced account is checked like any stored one; commands are checked as they replay.
                    if let Op::Replace(env) = &e.op {
                        if let Err(why) = invariants::check(&env.account) {
                            return Found::Problem(LoadError::BrokenRule(why));
                        }
                    }
                    read.push(e)
                }
                _ => {
                    let n = base.revision + 1 + i as u64;
                    return Found::Problem(LoadError::Unreadable(format!("journal entry {n} can't be read")));
                }
            }
        }
        Found::Account(Box::new(Stored { base, entries: read }))
    }
}

/// Why a save did not happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageError {
    Unavailable,
    Full,
    /// Another window wrote an entry with the same number first: this one is not written over it.
    Conflict,
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StorageError::Unavailable => "Local storage is not available in this browser window.",
            StorageError::Full => "The browser refused to save: its storage for this site is full.",
            StorageError::Conflict => {
                "Another window saved a change at the same moment, so this one was not written over it."
            }
        })
    }
}

/// Where the account is kept: a snapshot, the journal after it, "Viewing as" and "As of", and this window's
/// undo history.
pub trait Backend {
    fn load(&mut self) -> Found;
    /// Adds one entry: its own record first, then the journal's head, so a tab that dies between the two
    /// writes loses nothing (the next start reads every entry that follows the snapshot). Never writes over an
    /// entry that is there already (`Conflict`).
    fn append(&mut self, entry: &Entry) -> Result<(), StorageError>;
    /// Writes a new snapshot at once (a failed write leaves the stored copy as it was), then drops the entries
    /// it holds.
    fn snapshot(&mut self, env: &Envelope) -> Result<(), StorageError>;
    /// The number of the last stored entry, without reading the account.
    fn stored_revision(&self) -> Option<u64>;
    /// The revision of the stored snapshot, without reading it.
    fn stored_base(&self) -> Option<u64>;
    /// Starting over (from damaged or newer data): drops every entry, then writes `env` as the snapshot.
    fn start_over(&mut self, env: &Envelope) -> Result<(), StorageError>;
    /// The entries after `n`, or `None` when the snapshot has moved past it (read everything again).
    fn entries_after(&self, n: u64) -> Option<Vec<Entry>>;
    /// "Viewing as" and "As of", kept apart from the journal: they are this console's view, not a change.
    fn save_view(&mut self, env: &Envelope);
    fn load_history(&self) -> History;
    fn save_history(&mut self, history: &History);
    /// A shared account's link and its ops' texts (issue 15), when this browser shares one.
    fn load_shared(&self) -> Option<(String, Vec<String>)>;
    /// Writes ops, each under its own doc id, drops `dropped` ones, then writes the link.
    fn save_shared(&mut self, link: &str, ops: &[(String, String)], dropped: &[String]) -> Result<(), StorageError>;
    /// Just the link: cheap enough to read before every change.
    fn load_shared_link(&self) -> Option<String>;
    /// Stops sharing: the link and every op are removed.
    fn forget_shared(&mut self);
}

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
        let shared = None;
        let mut session =
            Self { env, history, storage, today, base, entries, unsaved, real_today, clock, shared, left_out, backend };
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
        let events = apply_at(&mut self.env.account, actor, command.clone(), self.today, None, stamp)?;
        // Autodesk's check for due notices that found nothing changed nothing: no entry.
        if command == Command::SendDueNotices && events.is_empty() {
            return Ok(events);
        }
        let entry =
            Entry { n: self.env.revision + 1, op: Op::Apply { actor, on: self.today, at: None, stamp, command } };
        self.env.revision = entry.n;
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
        self.history = History::default();
        self.backend.save_history(&self.history);
        true
    }

    /// An account-wide action is allowed for the acting person (issue 16.4).
    pub fn may(&self, action: AccountAction) -> Result<(), Refusal> {
        if self.shared.is_some() && action != AccountAction::ExportData {
            return Err(Refusal::ReadOnly(sharing::SHARED_READ_ONLY.into()));
        }
        Ok(may(&self.env.account, self.acting(), action)?)
    }

    /// Whether Undo and Redo have a step for the acting person now.
    pub fn can_step(&self) -> (bool, bool) {
        if self.shared.is_some() {
            return (self.shared_undo_step().is_some(), false);
        }
        // Undo stays offered once older steps were dropped, to say why it can't go further (issue 32.1).
        (!self.history.undo.is_empty() || self.history.dropped, !self.history.redo.is_empty())
    }

    /// Undo (`back`) or Redo: only the acting person's own change (issue 16.4), by journal position: an entry
    /// marks it taken back and the account is replayed without it. Emails read since stay read, and
    /// Autodesk's notices due by today are sent again (issue 16.11). `Ok(false)`: nothing to do.
    pub fn step(&mut self, back: bool) -> Result<bool, Refusal> {
        if !self.storage.editable() {
            return Ok(false);
        }
        if let Some(shared) = self.undo_shared(back) {
            return shared;
        }
        let Some(by) = self.history.next_by(back) else {
            return match back && self.history.dropped {
                true => Err(Refusal::ReadOnly(super::history::DROPPED.into())),
                false => Ok(false),
            };
        };
        if self.actor() != Some(by) {
            let acc = &self.env.account;
            let me = self.actor().map_or_else(|| "nobody".to_string(), |a| acc.name_of(a));
            let owner = acc.name_of(by);
            return Err(Refusal::NotYours(if back {
                format!("The last change was made by {owner}; only {owner} can undo it (you are viewing as {me}).")
            } else {
                format!("The change to redo was undone by {owner}; only {owner} can redo it (you are viewing as {me}).")
            }));
        }
        self.catch_up();
        let Some(step) = self.history.take(back) else { return Ok(false) };
        // The step must still name this person's own entry: another window may have folded it into a new
        // snapshot, or (the tab having died before writing it) another change may carry its number.
        let folded = self.storage.can_save() && self.backend.entries_after(step.n - 1).is_none();
        let own =
            self.entries.iter().find(|e| e.n == step.n).is_some_and(|e| {
                e.undoable() && !matches!(e.op, Op::Apply { actor, .. } if actor != Actor::User(step.by))
            });
        if step.n <= self.base.revision || folded || !own {
            self.history = History::default();
            self.backend.save_history(&self.history);
            return Err(Refusal::ReadOnly(
                "That change can no longer be undone: the account was saved again from another window.".into(),
            ));
        }
        self.backend.save_history(&self.history);
        let n = self.env.revision + 1;
        self.commit(Entry { n, op: Op::Step { n: step.n, back, on: self.today, stamp: self.clock } });
        let (mut env, left_out) = replay_noting(&self.base, &self.entries);
        self.left_out = left_out;
        let read = read_since(&env.account, &self.env.account);
        (env.viewing_as, env.as_of) = (self.env.viewing_as, self.env.as_of);
        self.env = env;
        // Emails read since stay read, as entries of their own, so a reload shows the same.
        for email in read {
            let _ = self.apply_as(self.acting(), Command::MarkEmailRead { email });
        }
        let _ = self.apply_as(Actor::Autodesk, Command::SendDueNotices);
        Ok(true)
    }

    /// "Export data": the whole account as text, for those who may (issue 16.4).
    pub fn export_text(&self) -> Result<String, Refusal> {
        self.may(AccountAction::ExportData)?;
        Ok(super::encode(&self.env))
    }

    /// Replaces the account with an imported one, as one undo step.
    pub fn import(&mut self, env: Envelope) -> Result<(), Refusal> {
        self.may(AccountAction::ImportData)?;
        self.replace(env);
        Ok(())
    }

    /// Replaces the account with a fresh demo account, as one undo step (issue 16.5); a damaged copy stays
    /// where it was kept.
    pub fn reset_demo(&mut self) -> Result<(), Refusal> {
        self.may(AccountAction::ResetDemo)?;
        self.replace(Envelope::new(seed::demo_account(self.today)));
        Ok(())
    }

    /// "Load the 10,000-user sample account", to see the console at scale: like Import, one undo step.
    pub fn load_sample(&mut self) -> Result<(), Refusal> {
        self.may(AccountAction::ImportData)?;
        self.replace(Envelope::new(super::scale::scale_account(10_000, 200, self.today)));
        Ok(())
    }

    /// Replaces the whole account as one journal entry (and so one undo step). Leaving a damaged or newer
    /// state, the admin chose to start over: a fresh snapshot is written instead (blocked storage stays so).
    fn replace(&mut self, mut env: Envelope) {
        let taking_over = matches!(self.storage, StorageState::Damaged(_) | StorageState::Newer(_));
        if taking_over {
            self.storage = StorageState::Saving;
        } else {
            self.catch_up();
        }
        env.viewing_as = self.env.viewing_as.filter(|u| env.account.users.contains_key(u)).or(env.viewing_as);
        env.as_of = self.env.as_of;
        env.revision = self.env.revision + 1;
        if taking_over {
            self.start_over(env);
        } else {
            self.env = env.clone();
            self.commit(Entry { n: env.revision, op: Op::Replace(Box::new(env)) });
        }
        let _ = self.apply_as(Actor::Autodesk, Command::SendDueNotices);
    }

    /// `env` becomes the stored snapshot, with no journal after it and no undo steps.
    fn start_over(&mut self, env: Envelope) {
        self.env = env;
        (self.base, self.entries, self.unsaved) = (self.env.clone(), Vec::new(), Vec::new());
        self.history = History::default();
        self.backend.save_history(&self.history);
        if let Err(e) = self.backend.start_over(&self.base) {
            self.storage = StorageState::NotSaved(e);
        }
        self.backend.save_view(&self.env);
    }

    fn write_snapshot(&mut self) {
        if self.storage.can_save() {
            if let Err(e) = self.backend.snapshot(&self.base) {
                self.storage = StorageState::NotSaved(e);
            }
            self.backend.save_view(&self.env);
        }
    }

    /// Folds the journal into a new snapshot, up to just before what this window can still undo: run in idle
    /// time, so the stored journal stays short. Returns whether it did.
    pub fn compact(&mut self) -> bool {
        self.catch_up();
        if !self.compaction_due() || !self.unsaved.is_empty() || !self.storage.can_save() {
            return false;
        }
        // Only from the newest stored state, and never back behind a snapshot another window wrote.
        if self.backend.stored_revision() != Some(self.env.revision) {
            return false;
        }
        let Some(upto) = compaction_point(&self.entries, self.history.oldest()) else { return false };
        if self.backend.stored_base().is_some_and(|b| b >= upto) {
            return false;
        }
        let split = self.entries.iter().position(|e| e.n > upto).unwrap_or(self.entries.len());
        let base = replay(&self.base, &self.entries[..split]);
        if let Err(e) = self.backend.snapshot(&base) {
            self.storage = StorageState::NotSaved(e);
            return false;
        }
        self.base = base;
        self.entries.drain(..split);
        true
    }

    /// Entries since the snapshot: the console folds them once there are `COMPACT_AFTER`.
    pub fn journal_len(&self) -> usize {
        self.entries.len()
    }

    /// The journal is worth folding: it is long, or it holds a whole replaced account that no step can undo
    /// any more (after an import or a sample load, and at start-up: issue 32.1).
    pub fn compaction_due(&self) -> bool {
        let keep = self.history.oldest();
        self.entries.len() >= COMPACT_AFTER
            || self.entries.iter().any(|e| matches!(e.op, Op::Replace(_)) && keep.is_none_or(|k| e.n < k))
    }
}

mod sharing;
pub use sharing::{SyncStatus, SHARED_READ_ONLY};

#[cfg(test)]
mod tests;
