//! The thin, reactive side of the session: the pure `Session` (storage/session.rs) in one cell, signals that
//! tell the views what changed, and the message after an action. `dispatch` is the only way the screens
//! change the account.

use crate::domain::account_actions::AccountAction;
use crate::domain::{Actor, Command, Event, Stamp, UserId};
use crate::storage::local::{self, LocalStorage};
use crate::storage::session::{PeopleLog, Session};
pub use crate::storage::session::{Refusal, StorageState};
use crate::storage::Envelope;
use crate::ui::download::download;
use chrono::NaiveDate;
use leptos::prelude::*;

mod idle;
mod sync;
use idle::{FOLD_LATER, FOLD_SOON};
pub use sync::Net;

/// A one-line message after an action: a confirmation or the reason it was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum Flash {
    Done(String),
    Refused(String),
}

/// Reads the envelope and subscribes the view to its changes.
#[derive(Clone, Copy)]
pub struct EnvReader {
    session: StoredValue<Session<LocalStorage>>,
    changed: Trigger,
    /// Only the changes that may have changed people or who the console acts as (issue 28.5).
    people: Trigger,
    people_log: StoredValue<PeopleLog>,
}

impl EnvReader {
    pub fn with<R>(&self, f: impl FnOnce(&Envelope) -> R) -> R {
        self.changed.track();
        self.with_untracked(f)
    }
    /// For a view that reads only who the people are, their names, emails and roles
    /// (`Command::may_change_people`): woken by fewer changes than `with`.
    pub fn with_people<R>(&self, f: impl FnOnce(&Envelope) -> R) -> R {
        self.people.track();
        self.with_untracked(f)
    }
    /// Counts the changes to people (tracked as `with_people`).
    pub fn people_version(&self) -> u64 {
        self.people.track();
        self.people_log.with_value(PeopleLog::version)
    }
    /// `with_people`, given the version of the people the caller last saw and the people touched since, if
    /// every change since said whom; returns the version now too.
    pub fn with_people_since<R>(
        &self,
        seen: Option<u64>,
        f: impl FnOnce(&Envelope, Option<Vec<UserId>>) -> R,
    ) -> (u64, R) {
        let (now, touched) = self.people_log.with_value(|l| (l.version(), seen.and_then(|v| l.touched_since(v))));
        (now, self.with_people(|e| f(e, touched)))
    }
    pub fn with_untracked<R>(&self, f: impl FnOnce(&Envelope) -> R) -> R {
        self.session.with_value(|s| f(&s.env))
    }
}

#[derive(Clone, Copy)]
pub struct Console {
    session: StoredValue<Session<LocalStorage>>,
    pub env: EnvReader,
    pub today: RwSignal<NaiveDate>,
    pub flash: RwSignal<Option<Flash>>,
    pub storage: RwSignal<StorageState>,
    /// Stored changes that no longer apply on replay, in words (`Session::left_out`).
    pub left_out: RwSignal<Vec<String>>,
    /// Whether Undo and Redo have a step.
    pub steps: RwSignal<(bool, bool)>,
    /// Long work under way, shown with its progress and Cancel (issue 32.5).
    pub work: RwSignal<Option<crate::ui::work::Work>>,
    /// The wait (ms) of the fold of the journal now waiting, if one is: one at a time.
    fold_wait: StoredValue<Option<u64>>,
    /// The next Undo and Redo are to be made ready after the next frame (one at a time).
    steps_due: StoredValue<bool>,
    /// A change inside long work tells the views on the browser's next turn (`dispatch_in_work`).
    views_later: StoredValue<bool>,
    /// A shared account's connection (issue 15), and which sync loop is the live one.
    pub net: RwSignal<Net>,
    generation: StoredValue<u32>,
    /// This tab and the browser's sync lock.
    lock: StoredValue<sync::Lock>,
}

pub fn browser_today() -> NaiveDate {
    browser_now().day
}

/// The browser's clock now: its local day and time, and its zone's offset (issue 26).
fn browser_now() -> Stamp {
    let now = js_sys::Date::new_0();
    let day = NaiveDate::from_ymd_opt(now.get_full_year() as i32, now.get_month() + 1, now.get_date())
        .expect("the browser's date is valid");
    // getTimezoneOffset is minutes behind UTC; a stamp keeps minutes ahead of it.
    Stamp::new(day, now.get_hours(), now.get_minutes(), -(now.get_timezone_offset() as i32))
}

impl Console {
    pub fn start() -> Self {
        let session = Session::start_at(LocalStorage, browser_now());
        let (today, storage, left_out) = (session.today, session.storage.clone(), session.left_out.clone());
        let steps = session.can_step();
        let due = session.compaction_due();
        let session = StoredValue::new(session);
        let console = Self {
            session,
            env: EnvReader {
                session,
                changed: Trigger::new(),
                people: Trigger::new(),
                people_log: StoredValue::new(PeopleLog::default()),
            },
            today: RwSignal::new(today),
            flash: RwSignal::new(None),
            storage: RwSignal::new(storage),
            left_out: RwSignal::new(left_out),
            steps: RwSignal::new(steps),
            work: RwSignal::new(None),
            fold_wait: StoredValue::new(None),
            steps_due: StoredValue::new(false),
            views_later: StoredValue::new(false),
            net: RwSignal::new(Net::Connecting),
            generation: StoredValue::new(0),
            lock: StoredValue::new(sync::Lock::None),
        };
        // A journal left long or holding replaced accounts is folded once the page settles (issue 32.1).
        if due {
            console.fold_in(FOLD_LATER);
        }
        // A tab's own Undo steps survive a reload: made ready once the first screen has settled.
        set_timeout(move || console.prepare_later(), std::time::Duration::from_secs(1));
        console
    }

    /// Runs `f` on the session, then tells the views what changed; a long journal is folded once the admin
    /// pauses, never during a click.
    fn change<R>(&self, f: impl FnOnce(&mut Session<LocalStorage>) -> R) -> R {
        let (result, fold) = self.update(f);
        if let Some(ms) = fold {
            self.fold_in(ms);
        }
        self.prepare_later();
        result
    }

    /// Runs `f` on the session and brings the signals in line with it; says in how many ms the journal is to
    /// be folded, if it is.
    fn update<R>(&self, f: impl FnOnce(&mut Session<LocalStorage>) -> R) -> (R, Option<u64>) {
        let (result, (changed, people), today, (storage, left_out), steps, long) = self
            .session
            .try_update_value(|s| {
                let view =
                    |s: &Session<LocalStorage>| (s.env.revision, s.env.viewing_as, s.env.as_of, s.sharing().is_some());
                let (before, (quiet, patched)) = (view(s), s.people_changes());
                s.take_touched();
                s.set_clock(browser_now());
                let result = f(s);
                let steps = s.can_step();
                let long = match (s.fold_soon(), s.compaction_due()) {
                    (true, _) => Some(FOLD_SOON),
                    (false, due) => due.then_some(FOLD_LATER),
                };
                // People may have changed unless every step of the revision was a quiet change; when every other
                // step named whom it touched, a view of people is patched for them alone.
                let after = view(s);
                let (quiet, patched) = (s.people_changes().0 - quiet, s.people_changes().1 - patched);
                let same = after.3 == before.3;
                let people = after.0 != before.0 + quiet || after.1 != before.1 || !same;
                let patch = (after.0 == before.0 + quiet + patched && same).then(|| s.take_touched());
                let changed = (before != after, people.then_some(patch));
                (result, changed, s.today, (s.storage.clone(), s.left_out.clone()), steps, long)
            })
            .expect("the session lives as long as the console");
        let env = self.env;
        let tell = move || {
            if changed {
                env.changed.notify();
            }
            if let Some(patch) = people {
                env.people_log.update_value(|log| log.push(patch));
                env.people.notify();
            }
        };
        match self.views_later.get_value() {
            true => set_timeout(tell, std::time::Duration::ZERO),
            false => tell(),
        }
        if self.today.get_untracked() != today {
            self.today.set(today);
        }
        if self.storage.get_untracked() != storage {
            self.storage.set(storage);
        }
        if self.left_out.with_untracked(|l| *l != left_out) {
            self.left_out.set(left_out);
        }
        if self.steps.get_untracked() != steps {
            self.steps.set(steps);
        }
        (result, long)
    }

    fn show(&self, outcome: Result<String, Refusal>) -> bool {
        let ok = outcome.is_ok();
        self.flash.set(Some(match outcome {
            Ok(done) => Flash::Done(done),
            Err(refusal) => Flash::Refused(refusal.to_string()),
        }));
        ok
    }

    /// The person the console acts as: the chosen one, else the first contract manager.
    pub fn actor(&self) -> Option<UserId> {
        self.env.people.track();
        self.session.with_value(|s| s.actor())
    }

    /// Who a command dispatched now would be applied as (for a preview on a copy of the account).
    pub fn acting(&self) -> Actor {
        self.env.people.track();
        self.session.with_value(|s| s.acting())
    }

    pub fn view_as(&self, user: UserId) {
        self.change(|s| s.view_as(user));
        self.flash.set(None);
    }

    /// Moves the console's "As of" date (None = back to the real today).
    pub fn set_as_of(&self, date: Option<NaiveDate>) {
        self.change(|s| s.set_as_of(date));
    }

    /// Applies a command as the current person and saves; the account is untouched on refusal.
    pub fn dispatch(&self, command: Command) -> Result<Vec<Event>, Refusal> {
        let result = self.change(|s| s.dispatch(command));
        match &result {
            Ok(_) => self.push_soon(),
            // An earlier "Done." would stand beside this refusal as if it were its outcome (a trial, 27).
            Err(_) if self.flash.with_untracked(|f| matches!(f, Some(Flash::Done(_)))) => self.flash.set(None),
            Err(_) => {}
        }
        result
    }

    /// A change made inside long work (`ui::work`): the views redraw on the browser's next turn, so the change
    /// and the redraw over thousands are two tasks, neither long (issue 28: a 5,000-row import).
    pub fn dispatch_in_work(&self, command: Command) -> Result<Vec<Event>, Refusal> {
        self.views_later.set_value(true);
        let result = self.dispatch(command);
        self.views_later.set_value(false);
        result
    }

    /// Dispatches and shows the outcome: `done` names what happened in words, or the refusal is shown.
    pub fn run(&self, command: Command, done: impl FnOnce(&[Event]) -> String) -> bool {
        let outcome = self.dispatch(command).map(|events| done(&events));
        self.show(outcome)
    }

    /// Takes in a newer copy saved by another tab (the `storage` event).
    pub fn catch_up(&self) -> bool {
        let was = self.session.with_value(|s| s.sharing().is_some());
        let caught = self.change(|s| s.catch_up());
        self.told_of_switch(was);
        caught
    }

    /// Whether the acting person may do an account-wide action, for showing its button.
    pub fn may(&self, action: AccountAction) -> bool {
        self.env.people.track();
        self.session.with_value(|s| s.may(action).is_ok())
    }

    /// Ctrl+Z: back to the state before the acting person's last change, in storage too.
    pub fn undo(&self) {
        self.step(true);
    }

    /// Ctrl+Shift+Z: forward again.
    pub fn redo(&self) {
        self.step(false);
    }

    fn step(&self, back: bool) {
        match self.change(|s| s.step(back)) {
            Ok(false) => {}
            outcome => {
                self.show(outcome.map(|_| if back { "Undone." } else { "Redone." }.to_string()));
            }
        }
    }

    /// "Export data": the whole account as one JSON file.
    pub fn export_data(&self) {
        let name = format!("contract-console-{}.json", browser_today());
        let outcome =
            self.session.with_value(|s| s.export_text()).map(|text| match download(&name, "application/json", &text) {
                Ok(()) => format!("Exported the account to {name}."),
                Err(_) => "The browser did not allow the download.".into(),
            });
        self.show(outcome);
    }

    /// Replaces the account with the one built from Autodesk's exports (undoable, issue 31).
    pub fn start_from_exports(&self, account: crate::domain::Account) -> bool {
        let outcome = self.change(|s| s.start_from_exports(account));
        let done = "Your account was built from Autodesk Account's exports. Undo brings back the account before.";
        self.show(outcome.map(|()| done.into()))
    }

    /// Replaces the account with an imported one (undoable).
    pub fn import(&self, env: Envelope) {
        let outcome = self.change(|s| s.import(env));
        self.show(outcome.map(|()| "The account was replaced by the imported data.".into()));
    }

    /// "Download damaged data": the unreadable text that was kept.
    pub fn download_damaged(&self) {
        if let Some(text) = local::damaged() {
            let _ = download("damaged-account.json", "application/json", &text);
        }
    }

    /// Replaces the account with the generated 10,000-user sample account, undoably.
    pub fn load_sample(&self) {
        let outcome = self.change(|s| s.load_sample());
        self.show(outcome.map(|()| "The 10,000-user sample account was loaded. Undo brings your data back.".into()));
    }

    /// Replaces the account with a fresh demo account, undoably.
    pub fn reset_demo(&self) {
        let outcome = self.change(|s| s.reset_demo());
        self.show(outcome.map(|()| "The demo account was restored. Undo brings your data back.".into()));
    }
}
