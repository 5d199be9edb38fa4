//! The account just before an entry that Undo or Redo will name, made in idle time, so that the step replays
//! only the entries from there on instead of copying the whole account and every entry again (issue 28.5).

use super::{step, Entry, Op, Replay, Written};
use crate::domain::apply_logged;
use crate::storage::Envelope;

pub struct Before {
    /// The entry this is the account before, and whether for its Undo (its log lines learnt) or its Redo.
    pub n: u64,
    pub back: bool,
    /// The snapshot's revision it was replayed from, and how many entries came before `n`.
    base: u64,
    count: usize,
    /// The journal's length when this was made: a later Undo or Redo of an entry before `n` ends it.
    seen: usize,
    env: Envelope,
    r: Replay,
}

impl Before {
    /// Replays the entries before `n`. For an Undo (`back`) it also learns the log lines `n` writes, which the
    /// replay would otherwise learn by applying `n` to a copy of the account: from `known` when that is what
    /// `n` wrote as it was made, else by applying it to a copy here.
    pub fn at(base: &Envelope, entries: &[Entry], n: u64, back: bool, known: Option<&Written>) -> Self {
        let (base, env, r) = (base.revision, base.clone(), Replay::of(entries));
        let start = Before { n: 0, back, base, count: 0, seen: entries.len(), env, r };
        start.advance(entries, n, back, known)
    }

    /// This account carried on to just before a later entry `n` of the journal it fits: after a change, the
    /// next Undo's account costs the change, not a copy of the account and the whole journal again.
    pub fn advance(self, entries: &[Entry], n: u64, back: bool, known: Option<&Written>) -> Self {
        let Before { base, count: from, mut env, r: before, .. } = self;
        let mut r = before.carried(entries);
        let count = entries.iter().take_while(|e| e.n < n).count();
        for e in &entries[from..count] {
            step(&mut env, e, &mut r);
        }
        if let (true, Some(Entry { op: Op::Apply { actor, on, at, stamp, command }, .. })) = (back, entries.get(count))
        {
            // The same entry on the same account (no later Undo or Redo of an entry before it): a change over
            // thousands is not applied twice.
            let reverts = entries[count + 1..].iter().filter_map(Entry::reverts);
            let written = match known {
                Some((entry, written)) if *entry == entries[count] && reverts.into_iter().all(|(m, _)| m >= n) => {
                    written.clone()
                }
                _ => {
                    let mut copy = env.account.clone();
                    apply_logged(&mut copy, *actor, command.clone(), *on, *at, *stamp)
                        .map(|(_, w)| w)
                        .unwrap_or_default()
                }
            };
            r.written.insert(n, (*on, written));
            r.learnt = Some(n);
        }
        Before { n, back, base, count, seen: entries.len(), env, r }
    }

    /// Still the account before entry `n` of this journal: same snapshot, same entries before it, none of them
    /// taken back or brought again since.
    pub fn fits(&self, base: &Envelope, entries: &[Entry], n: u64) -> bool {
        let since = entries.get(self.seen..).unwrap_or_default();
        self.n == n
            && self.base == base.revision
            && entries.get(self.count).is_some_and(|e| e.n == n)
            && since.iter().filter_map(Entry::reverts).all(|(named, _)| named >= n)
    }

    /// `replay_noting` of `entries` (the journal it fits, with the Undo or Redo of `n` added), from here.
    pub fn replay(self, entries: &[Entry]) -> (Envelope, Vec<String>) {
        let Before { mut env, r: before, count, .. } = self;
        let mut r = before.carried(entries);
        for e in &entries[count..] {
            step(&mut env, e, &mut r);
        }
        (env, r.refused)
    }
}
