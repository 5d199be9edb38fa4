//! Undo and Redo: the acting person's own changes, by journal position (issue 16.4), at most 50 steps and
//! `history::UNDO_BUDGET` stored characters of them (issue 32.1).

use super::*;
use crate::storage::journal::{Before, Written};

/// What idle time made ready for the next Undo and Redo (issue 28.5): the account before the entry each would
/// name, and the account the last step replaced, still to be dropped.
#[derive(Default)]
pub(super) struct Ready {
    before: Vec<Before>,
    spent: Option<Envelope>,
    /// What the last change applied here wrote to the activity log, so its Undo is not learnt by applying it
    /// once more (a 5,000-row import: 60 ms).
    pub(super) written: Option<Written>,
}

impl<B: Backend> Session<B> {
    /// Whether Undo and Redo have a step for the acting person now.
    pub fn can_step(&self) -> (bool, bool) {
        if self.shared.is_some() {
            return (self.shared_undo_step().is_some(), false);
        }
        // Undo stays offered once older steps were dropped, to say why it can't go further (issue 32.1).
        (!self.history.undo.is_empty() || self.history.dropped, !self.history.redo.is_empty())
    }

    /// In idle time: the account before the entries the next Undo and Redo would name, so that either replays
    /// only what came after (at 10,000 users, no copy of the account on the click).
    pub fn prepare_steps(&mut self) {
        self.ready.spent = None;
        if self.shared.is_some() || !self.storage.editable() {
            self.ready.before.clear();
            return;
        }
        let next = [(self.history.undo.last(), true), (self.history.redo.last(), false)];
        let wanted: Vec<(u64, bool)> = next.iter().filter_map(|(s, back)| s.map(|s| (s.n, *back))).collect();
        let (base, entries) = (&self.base, &self.entries);
        let (mut kept, mut spare) = (Vec::new(), Vec::new());
        for b in std::mem::take(&mut self.ready.before) {
            match wanted.iter().any(|(n, back)| b.back == *back && b.fits(base, entries, *n)) {
                true => kept.push(b),
                // Still the account before an earlier entry of this journal: carried on, not made again.
                false if b.fits(base, entries, b.n) => spare.push(b),
                false => {}
            }
        }
        for (n, back) in wanted {
            if n > base.revision && !kept.iter().any(|b| (b.n, b.back) == (n, back)) {
                let earlier = spare.iter().position(|b| b.n < n);
                let known = self.ready.written.as_ref();
                kept.push(match earlier {
                    Some(i) => spare.swap_remove(i).advance(entries, n, back, known),
                    None => Before::at(base, entries, n, back, known),
                });
            }
        }
        self.ready.before = kept;
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
                true => Err(Refusal::ReadOnly(crate::storage::history::DROPPED.into())),
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
        // People stay as they were when neither the change nor anything replayed after it may change them.
        let quiet = self.entries.iter().filter(|e| e.n >= step.n).all(|e| match &e.op {
            Op::Apply { command, .. } => !command.may_change_people(),
            Op::Replace(_) => false,
            Op::Undo(_) | Op::Redo(_) | Op::Step { .. } => true,
        });
        self.people.quiet += u64::from(quiet);
        let n = self.env.revision + 1;
        self.commit(Entry { n, op: Op::Step { n: step.n, back, on: self.today, stamp: self.clock } });
        let ready = self.ready.before.iter().position(|b| b.fits(&self.base, &self.entries, step.n));
        let (mut env, left_out) = match ready {
            Some(i) => self.ready.before.swap_remove(i).replay(&self.entries),
            None => replay_noting(&self.base, &self.entries),
        };
        self.left_out = left_out;
        let read = read_since(&env.account, &self.env.account);
        (env.viewing_as, env.as_of) = (self.env.viewing_as, self.env.as_of);
        // The account it replaces is dropped in idle time too.
        self.ready.spent = Some(std::mem::replace(&mut self.env, env));
        // Emails read since stay read, as entries of their own, so a reload shows the same.
        for email in read {
            let _ = self.apply_as(self.acting(), Command::MarkEmailRead { email });
        }
        let _ = self.apply_as(Actor::Autodesk, Command::SendDueNotices);
        Ok(true)
    }
}
