//! Undo and redo: earlier stored forms of the envelope, newest last, at most 50 steps and a byte budget
//! (they are kept in the tab's session storage, which holds about 5 MiB).

use serde::{Deserialize, Serialize};

pub const MAX_STEPS: usize = 50;
pub const MAX_BYTES: usize = 4 * 1024 * 1024;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct History {
    pub undo: Vec<String>,
    pub redo: Vec<String>,
}

impl History {
    /// Records the state before a change; a new change ends the redo path.
    pub fn record(&mut self, before: String) {
        self.undo.push(before);
        self.redo.clear();
        self.trim();
    }

    /// Steps back: returns the state to restore, and keeps `current` for redo.
    pub fn undo(&mut self, current: String) -> Option<String> {
        let previous = self.undo.pop()?;
        self.redo.push(current);
        Some(previous)
    }

    pub fn redo(&mut self, current: String) -> Option<String> {
        let next = self.redo.pop()?;
        self.undo.push(current);
        self.trim();
        Some(next)
    }

    /// Drops the oldest steps beyond 50 or beyond the byte budget.
    fn trim(&mut self) {
        let bytes = |h: &History| h.undo.iter().chain(&h.redo).map(String::len).sum::<usize>();
        while self.undo.len() > MAX_STEPS || (bytes(self) > MAX_BYTES && !self.undo.is_empty()) {
            self.undo.remove(0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_and_redo_walk_the_steps_and_a_new_change_ends_redo() {
        let mut h = History::default();
        h.record("a".into());
        h.record("b".into());
        assert_eq!(h.undo("c".into()).as_deref(), Some("b"));
        assert_eq!(h.undo("b".into()).as_deref(), Some("a"));
        assert_eq!(h.undo("a".into()), None);
        assert_eq!(h.redo("a".into()).as_deref(), Some("b"));
        h.record("b2".into());
        assert!(h.redo.is_empty());
        assert_eq!(h.undo, ["a", "b2"]);
    }

    #[test]
    fn at_most_50_steps_are_kept() {
        let mut h = History::default();
        for i in 0..60 {
            h.record(i.to_string());
        }
        assert_eq!(h.undo.len(), MAX_STEPS);
        assert_eq!(h.undo[0], "10");
    }

    #[test]
    fn large_states_are_kept_within_the_byte_budget() {
        let mut h = History::default();
        for _ in 0..5 {
            h.record("x".repeat(MAX_BYTES / 3));
        }
        assert_eq!(h.undo.len(), 3);
    }
}
