//! Undo and redo: earlier stored forms of the envelope, newest last, each with the person whose change it
//! takes back; at most 50 steps and a byte budget (they are kept in the tab's session storage, which holds
//! about 5 MiB). Undo takes back only the acting person's own change (issue 16.4).

use crate::domain::{Account, UserId};
use serde::{Deserialize, Serialize};

pub const MAX_STEPS: usize = 50;
pub const MAX_BYTES: usize = 4 * 1024 * 1024;

/// One step: the stored envelope on the other side of a change, and who made that change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub by: UserId,
    pub state: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    pub undo: Vec<Step>,
    pub redo: Vec<Step>,
}

impl History {
    /// Records the state before `by`'s change; a new change ends the redo path.
    pub fn record(&mut self, by: UserId, before: String) {
        self.undo.push(Step { by, state: before });
        self.redo.clear();
        self.trim();
    }

    /// Who made the change Undo (or Redo) would take back or bring again.
    pub fn next_by(&self, back: bool) -> Option<UserId> {
        if back { self.undo.last() } else { self.redo.last() }.map(|s| s.by)
    }

    /// Steps back: returns the state to restore, and keeps `current` for redo.
    pub fn undo(&mut self, current: String) -> Option<String> {
        let previous = self.undo.pop()?;
        self.redo.push(Step { by: previous.by, state: current });
        Some(previous.state)
    }

    pub fn redo(&mut self, current: String) -> Option<String> {
        let next = self.redo.pop()?;
        self.undo.push(Step { by: next.by, state: current });
        self.trim();
        Some(next.state)
    }

    /// Drops the oldest steps beyond 50 or beyond the byte budget.
    fn trim(&mut self) {
        let bytes = |h: &History| h.undo.iter().chain(&h.redo).map(|s| s.state.len()).sum::<usize>();
        while self.undo.len() > MAX_STEPS || (bytes(self) > MAX_BYTES && !self.undo.is_empty()) {
            self.undo.remove(0);
        }
    }
}

/// Opening an email is not an admin change (issue 16.11): a state brought back by Undo or Redo keeps the
/// emails read since, matched by place, recipient, subject and date.
pub fn keep_read_marks(restored: &mut Account, current: &Account) {
    for (old, now) in restored.outbox.iter_mut().zip(&current.outbox) {
        if now.read && (&old.to, &old.subject, old.sent_on) == (&now.to, &now.subject, now.sent_on) {
            old.read = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    const DANA: UserId = UserId(1);
    const AISHA: UserId = UserId(7);

    fn states(steps: &[Step]) -> Vec<&str> {
        steps.iter().map(|s| s.state.as_str()).collect()
    }

    #[test]
    fn undo_and_redo_walk_the_steps_and_a_new_change_ends_redo() {
        let mut h = History::default();
        h.record(DANA, "a".into());
        h.record(DANA, "b".into());
        assert_eq!(h.undo("c".into()).as_deref(), Some("b"));
        assert_eq!(h.undo("b".into()).as_deref(), Some("a"));
        assert_eq!(h.undo("a".into()), None);
        assert_eq!(h.redo("a".into()).as_deref(), Some("b"));
        h.record(DANA, "b2".into());
        assert!(h.redo.is_empty());
        assert_eq!(states(&h.undo), ["a", "b2"]);
    }

    #[test]
    fn each_step_knows_whose_change_it_takes_back() {
        let mut h = History::default();
        h.record(DANA, "a".into());
        h.record(AISHA, "b".into());
        assert_eq!(h.next_by(true), Some(AISHA));
        h.undo("c".into());
        assert_eq!((h.next_by(true), h.next_by(false)), (Some(DANA), Some(AISHA)));
    }

    #[test]
    fn emails_read_since_stay_read_after_undo() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let before = crate::storage::seed::demo_account(today);
        let mut now = before.clone();
        let unread = now.outbox.iter().position(|e| !e.read).expect("an unread notice");
        now.outbox[unread].read = true;
        let mut restored = before.clone();
        keep_read_marks(&mut restored, &now);
        assert!(restored.outbox[unread].read);
        assert_eq!(restored.outbox.len(), before.outbox.len());
    }

    #[test]
    fn at_most_50_steps_are_kept() {
        let mut h = History::default();
        for i in 0..60 {
            h.record(DANA, i.to_string());
        }
        assert_eq!(h.undo.len(), MAX_STEPS);
        assert_eq!(h.undo[0].state, "10");
    }

    #[test]
    fn large_states_are_kept_within_the_byte_budget() {
        let mut h = History::default();
        for _ in 0..5 {
            h.record(DANA, "x".repeat(MAX_BYTES / 3));
        }
        assert_eq!(h.undo.len(), 3);
    }
}
