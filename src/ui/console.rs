//! The console's state: the stored envelope in one signal, today's date, the storage state, the undo
//! history and the message after an action. `dispatch` is the only way the screens change the account.

use crate::domain::account_actions::{may, AccountAction};
use crate::domain::{apply, Actor, ClassicRoles, Command, DomainError, Event, UserId};
use crate::storage::history::{keep_read_marks, History};
use crate::storage::{encode, local, seed, Envelope, LoadError, DAMAGED_KEY};
use crate::ui::download::download;
use chrono::NaiveDate;
use leptos::prelude::*;

/// A one-line message after an action: a confirmation or the reason it was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum Flash {
    Done(String),
    Refused(String),
}

/// Whether changes reach local storage, and if not, why (issue 6).
#[derive(Clone, Debug, PartialEq)]
pub enum StorageState {
    Saving,
    /// The last save failed (storage full): the change is kept in this window and the stored copy intact.
    NotSaved(String),
    /// Local storage is blocked: the console works in memory only.
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

#[derive(Clone, Copy)]
pub struct Console {
    pub env: RwSignal<Envelope>,
    pub today: RwSignal<NaiveDate>,
    pub flash: RwSignal<Option<Flash>>,
    pub storage: RwSignal<StorageState>,
    pub history: RwSignal<History>,
}

pub fn browser_today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(now.get_full_year() as i32, now.get_month() + 1, now.get_date())
        .expect("the browser's date is valid")
}

impl Console {
    /// Loads the stored account, or the demo account on first run, and sends any renewal notices now due.
    pub fn start() -> Self {
        let today = browser_today();
        let demo = || Envelope::new(seed::demo_account(today));
        let (env, state) = match local::load() {
            local::Found::Account(env) => (env, StorageState::Saving),
            local::Found::Nothing => (demo(), StorageState::Saving),
            local::Found::Unavailable => (demo(), StorageState::Unavailable),
            local::Found::Problem(e @ (LoadError::Unreadable(_) | LoadError::BrokenRule(_))) => {
                (demo(), StorageState::Damaged(format!("{e} A copy was kept under \"{DAMAGED_KEY}\".")))
            }
            local::Found::Problem(LoadError::Newer { schema, readable }) => {
                let why = format!(
                    "This account was saved by a newer version of the console (schema {schema}). It is open read-only and will not be overwritten."
                );
                (readable.map_or_else(demo, |e| *e), StorageState::Newer(why))
            }
        };
        let today = env.as_of.unwrap_or(today);
        let console = Self {
            env: RwSignal::new(env),
            today: RwSignal::new(today),
            flash: RwSignal::new(None),
            storage: RwSignal::new(state),
            history: RwSignal::new(local::load_history()),
        };
        let _ = console.apply_as(Actor::Autodesk, Command::SendDueNotices);
        console
    }

    /// The person the console acts as: the chosen one, else the first contract manager.
    pub fn actor(&self) -> Option<UserId> {
        self.env.with(|e| {
            e.viewing_as
                .filter(|u| e.account.users.contains_key(u))
                .or_else(|| ClassicRoles::of(&e.account).managers.first().copied())
        })
    }

    pub fn view_as(&self, user: UserId) {
        self.env.update(|e| e.viewing_as = Some(user));
        self.flash.set(None);
        self.persist();
    }

    /// Moves the console's "As of" date (None = back to the real today) and sends the notices now due.
    pub fn set_as_of(&self, date: Option<NaiveDate>) {
        let real = browser_today();
        let as_of = date.filter(|d| *d != real);
        self.env.update(|e| e.as_of = as_of);
        self.today.set(as_of.unwrap_or(real));
        let _ = self.apply_as(Actor::Autodesk, Command::SendDueNotices);
        self.persist();
    }

    /// Applies a command as the current person and saves; the account is untouched on error.
    pub fn dispatch(&self, command: Command) -> Result<Vec<Event>, DomainError> {
        self.apply_as(self.acting(), command)
    }

    fn acting(&self) -> Actor {
        self.actor().map_or(Actor::Autodesk, Actor::User)
    }

    /// Applies a command; an admin's change becomes an undo step, an opened email or a notice does not.
    fn apply_as(&self, actor: Actor, command: Command) -> Result<Vec<Event>, DomainError> {
        match self.storage.get_untracked() {
            StorageState::Damaged(_) => {
                return Err(DomainError::ReadOnly {
                    why: "Choose what to do with the damaged data first: nothing is changed until you do.".into(),
                })
            }
            StorageState::Newer(why) => return Err(DomainError::ReadOnly { why }),
            _ => {}
        }
        // Another tab may have saved since this one last read: apply the command to the newest copy.
        self.catch_up();
        let by = match actor {
            Actor::User(u) if command.is_admin_change() => Some(u),
            _ => None,
        };
        let before = by.map(|u| (u, self.env.with_untracked(encode)));
        let today = self.today.get_untracked();
        let mut result = None;
        self.env.update_untracked(|e| result = Some(apply(&mut e.account, actor, command, today)));
        let result = result.expect("apply ran");
        if result.is_ok() {
            self.env.update_untracked(|e| e.revision += 1);
            if let Some((by, before)) = before {
                self.record(by, before);
            }
            self.persist();
            self.env.notify();
        }
        result
    }

    fn record(&self, by: UserId, before: String) {
        self.history.update(|h| h.record(by, before));
        self.history.with_untracked(local::save_history);
    }

    /// An account-wide action is allowed for the acting person (issue 16.4); otherwise the refusal is shown.
    fn allowed(&self, action: AccountAction) -> bool {
        match self.env.with_untracked(|e| may(&e.account, self.acting(), action)) {
            Ok(()) => true,
            Err(e) => {
                self.flash.set(Some(Flash::Refused(e.to_string())));
                false
            }
        }
    }

    /// Whether the acting person may do an account-wide action, for showing its button.
    pub fn may(&self, action: AccountAction) -> bool {
        self.env.with(|e| may(&e.account, self.acting(), action).is_ok())
    }

    /// Dispatches and shows the outcome: `done` names what happened in words, or the refusal is shown.
    pub fn run(&self, command: Command, done: impl FnOnce(&[Event]) -> String) -> bool {
        match self.dispatch(command) {
            Ok(events) => {
                self.flash.set(Some(Flash::Done(done(&events))));
                true
            }
            Err(e) => {
                self.flash.set(Some(Flash::Refused(e.to_string())));
                false
            }
        }
    }

    /// Takes in a newer copy saved by another tab (the `storage` event, or before a command), keeping this
    /// tab's "Viewing as" and "As of". Its undo history no longer applies and is dropped.
    pub fn catch_up(&self) -> bool {
        if !self.storage.get_untracked().can_save() {
            return false;
        }
        let ours = self.env.with_untracked(|e| e.revision);
        if local::stored_revision().is_none_or(|stored| stored <= ours) {
            return false;
        }
        let local::Found::Account(mut newer) = local::load() else { return false };
        self.env.update(|e| {
            newer.viewing_as = e.viewing_as;
            newer.as_of = e.as_of;
            *e = newer;
        });
        self.history.set(History::default());
        self.history.with_untracked(local::save_history);
        true
    }

    fn persist(&self) {
        if !self.storage.get_untracked().can_save() {
            return;
        }
        match self.env.with_untracked(local::save) {
            Ok(()) => self.storage.set(StorageState::Saving),
            Err(why) => self.storage.set(StorageState::NotSaved(format!(
                "{why} Your last change was not saved and is kept in this window only; export your data to keep it."
            ))),
        }
    }

    /// Leaves a damaged or read-only state: the admin chose to start over or import (blocked storage stays so).
    fn take_over_storage(&self) {
        if self.storage.get_untracked() != StorageState::Unavailable {
            self.storage.set(StorageState::Saving);
        }
    }

    /// Replaces the account with `env` as a new saved revision, keeping this tab's "Viewing as" if it still exists.
    fn replace(&self, mut env: Envelope) {
        let (revision, viewing_as, as_of) = self.env.with_untracked(|e| (e.revision, e.viewing_as, e.as_of));
        env.revision = revision.max(env.revision) + 1;
        env.viewing_as = viewing_as.filter(|u| env.account.users.contains_key(u)).or(env.viewing_as);
        env.as_of = as_of;
        self.env.set(env);
        self.persist();
    }

    /// Ctrl+Z: back to the state before the last change, in storage too.
    pub fn undo(&self) {
        self.step(true);
    }

    /// Ctrl+Shift+Z: forward again.
    pub fn redo(&self) {
        self.step(false);
    }

    /// Undo and Redo take back or bring again only the acting person's own change (issue 16.4). Emails read
    /// since stay read, and Autodesk's notices due by today are sent again (issue 16.11).
    fn step(&self, back: bool) {
        if !self.storage.get_untracked().editable() {
            return;
        }
        let Some(by) = self.history.with_untracked(|h| h.next_by(back)) else { return };
        if self.actor() != Some(by) {
            let (owner, me) =
                self.env.with_untracked(|e| (e.account.name_of(by), self.actor().map(|a| e.account.name_of(a))));
            let what = if back { "undo" } else { "redo" };
            let why = format!(
                "The last change was made by {owner}; only {owner} can {what} it (you are viewing as {}).",
                me.unwrap_or_else(|| "nobody".into())
            );
            self.flash.set(Some(Flash::Refused(why)));
            return;
        }
        let current = self.env.with_untracked(encode);
        let mut target = None;
        self.history.update(|h| target = if back { h.undo(current) } else { h.redo(current) });
        let Some(raw) = target else { return };
        if let Ok(mut env) = crate::storage::decode(&raw) {
            self.env.with_untracked(|now| keep_read_marks(&mut env.account, &now.account));
            self.replace(env);
            let _ = self.apply_as(Actor::Autodesk, Command::SendDueNotices);
            self.history.with_untracked(local::save_history);
            self.flash.set(Some(Flash::Done(if back { "Undone." } else { "Redone." }.into())));
        }
    }

    /// "Export data": the whole account as one JSON file.
    pub fn export_data(&self) {
        if !self.allowed(AccountAction::ExportData) {
            return;
        }
        let text = self.env.with_untracked(encode);
        let name = format!("contract-console-{}.json", browser_today());
        let flash = match download(&name, "application/json", &text) {
            Ok(()) => Flash::Done(format!("Exported the account to {name}.")),
            Err(_) => Flash::Refused("The browser did not allow the download.".into()),
        };
        self.flash.set(Some(flash));
    }

    /// Replaces the account with an imported one (undoable), for those who may (issue 16.4).
    pub fn import(&self, env: Envelope) {
        if self.allowed(AccountAction::ImportData) {
            self.replace_undoably(env);
            self.flash.set(Some(Flash::Done("The account was replaced by the imported data.".into())));
        }
    }

    /// Replaces the whole account as one undo step of the acting person's, leaving a damaged or newer state.
    fn replace_undoably(&self, env: Envelope) {
        let before = self.env.with_untracked(encode);
        let by = self.actor();
        self.take_over_storage();
        self.replace(env);
        let _ = self.apply_as(Actor::Autodesk, Command::SendDueNotices);
        if let Some(by) = by {
            self.record(by, before);
        }
    }

    /// "Download damaged data": the unreadable text that was kept.
    pub fn download_damaged(&self) {
        if let Some(text) = local::damaged() {
            let _ = download("damaged-account.json", "application/json", &text);
        }
    }

    /// Replaces the account with a fresh demo account (and saves it), undoably (issue 16.5); a damaged copy
    /// stays where it was kept.
    pub fn reset_demo(&self) {
        if self.allowed(AccountAction::ResetDemo) {
            self.replace_undoably(Envelope::new(seed::demo_account(self.today.get_untracked())));
            self.flash.set(Some(Flash::Done("The demo account was restored. Undo brings your data back.".into())));
        }
    }
}
