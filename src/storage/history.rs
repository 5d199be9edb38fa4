//! Undo and redo by journal position (issue 13): this window's steps are the numbers of the journal entries
//! they take back, each with the person who made that change. Undo takes back only the acting person's own
//! change (issue 16.4). At most 50 steps and `UNDO_BUDGET` characters of stored changes (issue 32.1); they live
//! in the tab's session storage.

use crate::domain::{Account, UserId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

pub const MAX_STEPS: usize = 50;
/// The stored characters of changes Undo may still take back: a whole account replaced (Import data, Load
/// sample account, Reset) is ~0.31 M characters at 10,000 users, so two of them and the snapshot stay well
/// under local storage's ~5 M while the journal keeps what can be undone (issue 32.1).
pub const UNDO_BUDGET: usize = 700_000;

/// One step: the journal entry of a change, who made it, and its stored size.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    pub by: UserId,
    pub n: u64,
    #[serde(default)]
    pub size: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    pub undo: Vec<Step>,
    pub redo: Vec<Step>,
    /// Older steps were dropped for the count or the budget: Undo says so when it runs out.
    #[serde(default)]
    pub dropped: bool,
}

/// What Undo says once it has taken back every step it still keeps.
pub const DROPPED: &str = "Older changes can no longer be undone: Undo keeps the last 50 changes and at most 0.7 M characters of them (a whole account replaced at 10,000 users is about 0.3 M), so that local storage never fills up.";

impl History {
    /// Records `by`'s change, journal entry `n` of `size` stored characters; a new change ends the redo path.
    /// The oldest steps go past `MAX_STEPS` or `UNDO_BUDGET` (the newest always stays).
    pub fn record(&mut self, by: UserId, n: u64, size: usize) {
        self.undo.push(Step { by, n, size });
        self.redo.clear();
        while self.undo.len() > MAX_STEPS || (self.undo.len() > 1 && self.size() > UNDO_BUDGET) {
            self.undo.remove(0);
            self.dropped = true;
        }
    }

    /// The stored characters the steps keep.
    pub fn size(&self) -> usize {
        self.undo.iter().chain(&self.redo).map(|s| s.size).sum()
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
        h.record(DANA, 1, 100);
        h.record(DANA, 2, 100);
        assert_eq!(h.take(true).map(|s| s.n), Some(2));
        assert_eq!(h.take(true).map(|s| s.n), Some(1));
        assert_eq!(h.take(true), None);
        assert_eq!(h.take(false).map(|s| s.n), Some(1));
        h.record(DANA, 5, 100);
        assert!(h.redo.is_empty());
        assert_eq!(h.undo.iter().map(|s| s.n).collect::<Vec<_>>(), [1, 5]);
    }

    #[test]
    fn each_step_knows_whose_change_it_takes_back() {
        let mut h = History::default();
        h.record(DANA, 1, 100);
        h.record(AISHA, 2, 100);
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
            h.record(DANA, n, 100);
        }
        assert_eq!(h.undo.len(), MAX_STEPS);
        assert_eq!(h.undo[0].n, 10);
        assert!(h.dropped);
    }

    #[test]
    fn issue_32_1_steps_are_kept_within_a_size_budget_and_the_newest_always() {
        let mut h = History::default();
        for n in 0..10 {
            h.record(DANA, n, 312_000);
        }
        assert_eq!(h.undo.iter().map(|s| s.n).collect::<Vec<_>>(), [8, 9], "two whole accounts fit the budget");
        assert!(h.dropped && h.size() <= UNDO_BUDGET);
        h.record(DANA, 10, 2 * UNDO_BUDGET);
        assert_eq!(
            h.undo.iter().map(|s| s.n).collect::<Vec<_>>(),
            [10],
            "a change larger than the budget can still be undone"
        );
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
