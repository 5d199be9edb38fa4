//! Undo and redo by journal position (issue 13): this window's steps are the numbers of the journal entries
//! they take back, each with the person who made that change. Undo takes back only the acting person's own
//! change (issue 16.4). At most 50 steps; they live in the tab's session storage.

use crate::domain::{Account, UserId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

pub const MAX_STEPS: usize = 50;

/// One step: the journal entry of a change, and who made it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub by: UserId,
    pub n: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    pub undo: Vec<Step>,
    pub redo: Vec<Step>,
}

impl History {
    /// Records `by`'s change, journal entry `n`; a new change ends the redo path.
    pub fn record(&mut self, by: UserId, n: u64) {
        self.undo.push(Step { by, n });
        self.redo.clear();
        if self.undo.len() > MAX_STEPS {
            self.undo.remove(0);
        }
    }

    /// Who made the change Undo (or Redo) would take back or bring again.
    pub fn next_by(&self, back: bool) -> Option<UserId> {
        if back { self.undo.last() } else { self.redo.last() }.map(|s| s.by)
    }

    /// Moves the next step across (undo → redo when `back`) and returns it.
    pub fn take(&mut self, back: bool) -> Option<Step> {
        let (from, to) = if back { (&mut self.undo, &mut self.redo) } else { (&mut self.redo, &mut self.undo) };
        let step = from.pop()?;
        to.push(step);
        Some(step)
    }

    /// The oldest journal entry a step still refers to: the snapshot must stay before it.
    pub fn oldest(&self) -> Option<u64> {
        self.undo.iter().chain(&self.redo).map(|s| s.n).min()
    }

    /// Forgets the steps the snapshot has moved past.
    pub fn forget_up_to(&mut self, n: u64) {
        self.undo.retain(|s| s.n > n);
        self.redo.retain(|s| s.n > n);
    }
}

/// Opening an email is not an admin change (issue 16.11): the emails of an account brought back by Undo or
/// Redo that had been read since (matched by recipient, subject and date), to be marked read again.
pub fn read_since(restored: &Account, current: &Account) -> Vec<u32> {
    let read: BTreeSet<_> =
        current.outbox.iter().filter(|e| e.read).map(|e| (e.to.as_str(), e.subject.as_str(), e.sent_on)).collect();
    let again = |e: &&crate::domain::Email| !e.read && read.contains(&(e.to.as_str(), e.subject.as_str(), e.sent_on));
    restored.outbox.iter().filter(|e| again(e)).map(|e| e.id).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    const DANA: UserId = UserId(1);
    const AISHA: UserId = UserId(7);

    #[test]
    fn undo_and_redo_walk_the_steps_and_a_new_change_ends_redo() {
        let mut h = History::default();
        h.record(DANA, 1);
        h.record(DANA, 2);
        assert_eq!(h.take(true).map(|s| s.n), Some(2));
        assert_eq!(h.take(true).map(|s| s.n), Some(1));
        assert_eq!(h.take(true), None);
        assert_eq!(h.take(false).map(|s| s.n), Some(1));
        h.record(DANA, 5);
        assert!(h.redo.is_empty());
        assert_eq!(h.undo.iter().map(|s| s.n).collect::<Vec<_>>(), [1, 5]);
    }

    #[test]
    fn each_step_knows_whose_change_it_takes_back() {
        let mut h = History::default();
        h.record(DANA, 1);
        h.record(AISHA, 2);
        assert_eq!(h.next_by(true), Some(AISHA));
        h.take(true);
        assert_eq!((h.next_by(true), h.next_by(false)), (Some(DANA), Some(AISHA)));
        assert_eq!(h.oldest(), Some(1));
        h.forget_up_to(1);
        assert_eq!(h.oldest(), Some(2));
    }

    #[test]
    fn at_most_50_steps_are_kept() {
        let mut h = History::default();
        for n in 0..60 {
            h.record(DANA, n);
        }
        assert_eq!(h.undo.len(), MAX_STEPS);
        assert_eq!(h.undo[0].n, 10);
    }

    #[test]
    fn emails_read_since_stay_read_after_undo() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let before = crate::storage::seed::demo_account(today);
        let mut now = before.clone();
        let unread = now.outbox.iter().position(|e| !e.read).expect("an unread notice");
        now.outbox[unread].read = true;
        assert_eq!(read_since(&before, &now), [now.outbox[unread].id]);
        assert!(read_since(&now, &now).is_empty());
    }
}
