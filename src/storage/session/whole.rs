//! The account as a whole: who may export, import or reset it, a replaced account kept as one step, and the
//! journal folded into a new snapshot in idle time (issue 32.1).

use super::*;

/// The journal folded into a new snapshot, in steps (`Session::fold_start`).
pub struct Fold {
    base: Envelope,
    /// The last entry folded in.
    upto: u64,
    /// The session's revision when it started: anything since makes it stale.
    revision: u64,
    json: Option<String>,
}

/// How a fold ended: a write that failed is not tried again until the next change (storage is likely full).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Folded {
    Written,
    Stale,
    NotWritten,
}

impl Fold {
    /// The new snapshot as JSON: its own browser turn.
    pub fn encode(&mut self) {
        self.json = Some(crate::storage::encode(&self.base));
    }
}

impl<B: Backend> Session<B> {
    /// An account-wide action is allowed for the acting person (issue 16.4).
    pub fn may(&self, action: AccountAction) -> Result<(), Refusal> {
        if self.shared.is_some() && action != AccountAction::ExportData {
            return Err(Refusal::ReadOnly(sharing::SHARED_READ_ONLY.into()));
        }
        Ok(may(&self.env.account, self.acting(), action)?)
    }

    /// "Export data": the whole account as text, for those who may (issue 16.4).
    pub fn export_text(&self) -> Result<String, Refusal> {
        self.may(AccountAction::ExportData)?;
        Ok(crate::storage::encode(&self.env))
    }

    /// Replaces the account with an imported one, as one undo step.
    pub fn import(&mut self, env: Envelope) -> Result<(), Refusal> {
        self.may(AccountAction::ImportData)?;
        self.replace(env);
        Ok(())
    }

    /// "Start from your Autodesk account" (issue 31): the account built from Autodesk's exports replaces this
    /// one, as one undo step, and the console acts as its contract manager (its ids say nothing of the old
    /// account's people).
    pub fn start_from_exports(&mut self, mut account: crate::domain::Account) -> Result<(), Refusal> {
        self.may(AccountAction::ImportData)?;
        // The build's entry was written now: it keeps the real moment, as every change's entry does.
        if let Some(built) = account.activity.last_mut() {
            built.stamp = self.clock;
        }
        let manager = account.contracts.values().map(|c| c.contract_manager).next();
        let manager = manager.or_else(|| account.users.iter().find(|(_, u)| u.classic.is_some()).map(|(id, _)| *id));
        self.replace(Envelope::new(account));
        self.env.viewing_as = manager;
        // Its Undo is the contract manager's now: the person who pressed it is no one in the new account.
        if let (Some(step), Some(manager)) = (self.history.undo.last_mut(), manager) {
            step.by = manager;
            self.backend.save_history(&self.history);
        }
        if self.storage.can_save() {
            self.backend.save_view(&self.env);
        }
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
        self.replace(Envelope::new(crate::storage::scale::scale_account(10_000, 200, self.today)));
        Ok(())
    }

    /// Replaces the whole account as one journal entry (and so one undo step). Leaving a damaged or newer
    /// state, the admin chose to start over: a fresh snapshot is written instead (blocked storage stays so).
    pub(super) fn replace(&mut self, mut env: Envelope) {
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
    pub(super) fn start_over(&mut self, env: Envelope) {
        self.env = env;
        (self.base, self.entries, self.unsaved) = (self.env.clone(), Vec::new(), Vec::new());
        (self.history, self.ready) = Default::default();
        self.backend.save_history(&self.history);
        if let Err(e) = self.backend.start_over(&self.base) {
            self.storage = StorageState::NotSaved(e);
        }
        self.backend.save_view(&self.env);
    }

    pub(super) fn write_snapshot(&mut self) {
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
        let Some(mut fold) = self.fold_start() else { return false };
        fold.encode();
        self.fold_finish(fold) == Folded::Written
    }

    /// A fold's first step: the new snapshot, replayed. `Fold::encode` and `fold_finish` are the others, each
    /// a browser turn of its own (issue 28: in one, at 10,000 users, it was the longest task while an admin
    /// works).
    pub fn fold_start(&mut self) -> Option<Fold> {
        self.catch_up();
        let upto = self.fold_point()?;
        let split = self.entries.iter().position(|e| e.n > upto).unwrap_or(self.entries.len());
        let base = replay(&self.base, &self.entries[..split]);
        Some(Fold { base, upto, revision: self.env.revision, json: None })
    }

    /// The last entry a fold may take in now, if any: only from the newest stored state, never back behind a
    /// snapshot another window wrote, never what this window can still undo.
    fn fold_point(&self) -> Option<u64> {
        if !self.compaction_due() || !self.unsaved.is_empty() || !self.storage.can_save() {
            return None;
        }
        if self.backend.stored_revision() != Some(self.env.revision) {
            return None;
        }
        let upto = compaction_point(&self.entries, self.history.oldest())?;
        self.backend.stored_base().is_none_or(|b| b < upto).then_some(upto)
    }

    /// Writes the fold, unless a change, Undo or another window's save came between its steps (the journal
    /// it replayed is then not the one stored: `Stale`, and the next fold starts again).
    pub fn fold_finish(&mut self, mut fold: Fold) -> Folded {
        self.catch_up();
        if self.env.revision != fold.revision || self.fold_point() != Some(fold.upto) {
            return Folded::Stale;
        }
        let text = match fold.json.take() {
            Some(json) => crate::storage::stored_from(&fold.base, &json),
            None => crate::storage::encode_stored(&fold.base),
        };
        if let Err(e) = self.backend.snapshot_text(fold.base.revision, &text) {
            self.storage = StorageState::NotSaved(e);
            return Folded::NotWritten;
        }
        let split = self.entries.iter().position(|e| e.n > fold.upto).unwrap_or(self.entries.len());
        self.base = fold.base;
        self.entries.drain(..split);
        Folded::Written
    }

    /// Entries since the snapshot: the console folds them once there are `COMPACT_AFTER`.
    pub fn journal_len(&self) -> usize {
        self.entries.len()
    }

    /// The journal is worth folding: it is long, or it holds replaced accounts (`fold_soon`).
    pub fn compaction_due(&self) -> bool {
        self.entries.len() >= COMPACT_AFTER || self.fold_soon()
    }

    /// The journal holds a whole replaced account that no step can undo any more (after an import or a sample
    /// load, and at start-up): worth folding at once, not once the admin pauses, or accounts of 0.3 M
    /// characters each pile up in local storage while the admin works on (issue 32.1).
    pub fn fold_soon(&self) -> bool {
        let keep = self.history.oldest();
        self.entries.iter().any(|e| matches!(e.op, Op::Replace(_)) && keep.is_none_or(|k| e.n < k))
    }
}
