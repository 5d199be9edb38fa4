//! The console's state: the stored envelope in one signal, today's date, and the messages shown
//! after a change. `dispatch` is the only way the screens change the account.

use crate::domain::{apply, Actor, ClassicRoles, Command, DomainError, Event, UserId};
use crate::storage::{local, seed, Envelope, LoadError, DAMAGED_KEY};
use chrono::NaiveDate;
use leptos::prelude::*;

/// A one-line message after an action: a confirmation or the reason it was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum Flash {
    Done(String),
    Refused(String),
}

#[derive(Clone, Copy)]
pub struct Console {
    pub env: RwSignal<Envelope>,
    pub today: RwSignal<NaiveDate>,
    pub flash: RwSignal<Option<Flash>>,
    /// Why changes are not being saved, when they aren't.
    pub storage_problem: RwSignal<Option<String>>,
    /// False while stored data that could not be read must not be overwritten.
    can_save: RwSignal<bool>,
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
        let (env, problem, can_save) = match local::load() {
            local::Found::Account(env) => (env, None, true),
            local::Found::Nothing => (Envelope::new(seed::demo_account(today)), None, true),
            local::Found::Unavailable => (
                Envelope::new(seed::demo_account(today)),
                Some("This browser is blocking local storage: the console works, but changes won't be kept after you close it.".to_string()),
                false,
            ),
            local::Found::Problem(e) => {
                let kept = match e {
                    LoadError::Unreadable(_) => format!(" A copy was kept under \"{DAMAGED_KEY}\"."),
                    LoadError::Newer(_) => " It was left untouched.".to_string(),
                };
                (Envelope::new(seed::demo_account(today)), Some(format!("{e}{kept} You are looking at the demo account; changes won't be saved.")), false)
            }
        };
        let today = env.as_of.unwrap_or(today);
        let console = Self {
            env: RwSignal::new(env),
            today: RwSignal::new(today),
            flash: RwSignal::new(None),
            storage_problem: RwSignal::new(problem),
            can_save: RwSignal::new(can_save),
        };
        let _ = console.apply_as(Actor::Autodesk, Command::SendDueNotices);
        console.persist();
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
        let actor = self.actor().map_or(Actor::Autodesk, Actor::User);
        self.apply_as(actor, command)
    }

    fn apply_as(&self, actor: Actor, command: Command) -> Result<Vec<Event>, DomainError> {
        let today = self.today.get_untracked();
        let mut result = None;
        self.env.update_untracked(|e| result = Some(apply(&mut e.account, actor, command, today)));
        let result = result.expect("apply ran");
        if result.is_ok() {
            self.env.update_untracked(|e| e.revision += 1);
            self.persist();
            self.env.notify();
        }
        result
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

    fn persist(&self) {
        if !self.can_save.get_untracked() {
            return;
        }
        if let Err(why) = self.env.with_untracked(local::save) {
            self.storage_problem.set(Some(format!("{why} Your last change is kept in this window only.")));
        }
    }

    /// Replaces the account with a fresh demo account (and saves it).
    pub fn reset_demo(&self) {
        local::clear();
        self.can_save.set(true);
        self.storage_problem.set(None);
        self.env.set(Envelope::new(seed::demo_account(self.today.get_untracked())));
        let _ = self.apply_as(Actor::Autodesk, Command::SendDueNotices);
        self.persist();
        self.flash.set(Some(Flash::Done("The demo account was restored.".into())));
    }
}
