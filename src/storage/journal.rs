//! The command journal (issue 13): what is stored is a snapshot envelope plus one small entry per change
//! since it. Commands are deterministic, so the account is the snapshot with the entries replayed; a save
//! costs the size of the change, not of the account. Undo and Redo are entries too: they mark an earlier
//! entry as taken back (or brought again), and the account is replayed without it; the activity log keeps
//! what the entry wrote and says it was reverted (or redone), so no one can rewrite it (issue 26).

use super::Envelope;
use crate::domain::{apply_at, apply_logged, Activity, Actor, Command, DomainError, Stamp};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// One change, numbered from the snapshot's revision on (`n` = the revision it makes).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub n: u64,
    pub op: Op,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Op {
    /// A command as it was applied: by whom, as of which day.
    Apply {
        actor: Actor,
        on: NaiveDate,
        /// The time of day, for the activity log; entries written before it was kept have none.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        at: Option<chrono::NaiveTime>,
        /// The real moment with its zone (issue 26); entries written before it keep `at` alone.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        stamp: Option<Stamp>,
        command: Command,
    },
    /// The whole account replaced (Import data, Reset demo account).
    Replace(Box<Envelope>),
    /// Entry `n` taken back, or brought again, as journals written before issue 26 say it.
    Undo(u64),
    Redo(u64),
    /// Entry `n` taken back (`back`) or brought again, on day `on` at `stamp`: the log says so (issue 26).
    Step {
        n: u64,
        back: bool,
        on: NaiveDate,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        stamp: Option<Stamp>,
    },
}

impl Entry {
    /// The entry as stored: packed when it is large (an imported or replaced account), as it is otherwise.
    pub fn stored(&self) -> String {
        let json = serde_json::to_string(self).expect("entries serialize");
        if json.len() > 4096 {
            super::packed::pack_entry(&json)
        } else {
            json
        }
    }

    /// An entry from its stored text, packed or not.
    pub fn read(stored: &str) -> Option<Entry> {
        serde_json::from_str(&super::packed::unpack(stored).ok()?).ok()
    }

    /// An admin's change that Undo may take back.
    pub fn undoable(&self) -> bool {
        match &self.op {
            Op::Apply { command, actor: Actor::User(_), .. } => command.is_admin_change(),
            Op::Replace(_) => true,
            _ => false,
        }
    }
    /// Does replaying this entry need the whole journal again (it changes what earlier entries mean)?
    pub fn rewrites(&self) -> bool {
        self.reverts().is_some()
    }
    /// The entry an Undo (`true`) or Redo names.
    fn reverts(&self) -> Option<(u64, bool)> {
        match self.op {
            Op::Undo(n) => Some((n, true)),
            Op::Redo(n) => Some((n, false)),
            Op::Step { n, back, .. } => Some((n, back)),
            Op::Apply { .. } | Op::Replace(_) => None,
        }
    }
}

/// The entries taken back, as the journal says after all its Undo and Redo entries.
fn undone(entries: &[Entry]) -> BTreeSet<u64> {
    let mut undone = BTreeSet::new();
    for (n, back) in entries.iter().filter_map(Entry::reverts) {
        if back {
            undone.insert(n);
        } else {
            undone.remove(&n);
        }
    }
    undone
}

/// What a replay knows beyond the account: the entries taken back, and what each entry an Undo or Redo names
/// wrote in the activity log (with its day), so the Undo and Redo can say what they reverted or redid.
#[derive(Default)]
struct Replay {
    undone: BTreeSet<u64>,
    named: BTreeSet<u64>,
    written: BTreeMap<u64, (NaiveDate, Vec<Activity>)>,
    /// An admin's stored change that no longer applies, in words (issue 28: counted and shown, never dropped).
    refused: Vec<String>,
    /// The entry whose log lines `written` already holds, learnt ahead for its Undo (`Before`).
    learnt: Option<u64>,
}

impl Replay {
    /// What a replay of `entries` must know before it starts: which are taken back, and which an Undo or Redo
    /// names.
    fn of(entries: &[Entry]) -> Self {
        let named = entries.iter().filter_map(Entry::reverts).map(|(n, _)| n).collect();
        Replay { undone: undone(entries), named, ..Default::default() }
    }

    /// What a replay that already went part of the way (`Before`) keeps for the rest of `entries`: the log lines
    /// learnt and the refusals so far; which entries are taken back or named is read again.
    fn carried(self, entries: &[Entry]) -> Self {
        Replay { written: self.written, refused: self.refused, learnt: self.learnt, ..Replay::of(entries) }
    }

    fn note(&mut self, acc: &crate::domain::Account, actor: Actor, on: NaiveDate, command: &Command, e: &DomainError) {
        if let (Actor::User(u), true) = (actor, command.is_admin_change()) {
            let what = crate::domain::activity::kind(command);
            self.refused.push(format!("{what} by {} on {on}: {e}", acc.name_of(u)));
        }
    }
}

/// Applies one entry to `env`. A command that applied once applies again the same way on the same account;
/// after an Undo, a later email-read or notice that no longer fits is skipped. A taken-back command changes
/// nothing but its activity entries stay (applied to a copy to learn them), and an Undo or Redo writes
/// "Reverted: …" or "Redone: …" for each (issue 26).
fn step(env: &mut Envelope, e: &Entry, r: &mut Replay) {
    match &e.op {
        // Taken back, with its log lines learnt ahead: they are all it still adds.
        Op::Apply { .. } if r.learnt == Some(e.n) && r.undone.contains(&e.n) => {
            env.account.activity.extend(r.written[&e.n].1.iter().cloned());
        }
        Op::Apply { actor, on, at, stamp, command } if r.named.contains(&e.n) => {
            let taken_back = r.undone.contains(&e.n);
            let mut copy = taken_back.then(|| env.account.clone());
            let acc = copy.as_mut().unwrap_or(&mut env.account);
            let (written, refused) = match apply_logged(acc, *actor, command.clone(), *on, *at, *stamp) {
                Ok((_, w)) => (w, None),
                Err(err) => (Vec::new(), Some(err)),
            };
            if let (Some(err), false) = (&refused, taken_back) {
                r.note(&env.account, *actor, *on, command, err);
            }
            if taken_back {
                env.account.activity.extend(written.iter().cloned());
            }
            r.written.insert(e.n, (*on, written));
        }
        Op::Apply { actor, on, at, stamp, command } => {
            if let Err(err) = apply_at(&mut env.account, *actor, command.clone(), *on, *at, *stamp) {
                r.note(&env.account, *actor, *on, command, &err);
            }
        }
        Op::Replace(_) if r.undone.contains(&e.n) => {}
        Op::Replace(new) => {
            let (viewing_as, as_of) = (env.viewing_as, env.as_of);
            *env = (**new).clone();
            env.viewing_as = viewing_as.filter(|u| env.account.users.contains_key(u)).or(env.viewing_as);
            env.as_of = as_of;
        }
        Op::Undo(_) | Op::Redo(_) | Op::Step { .. } => {
            let (n, back) = e.reverts().expect("an undo or redo");
            let (on, stamp) = match e.op {
                Op::Step { on, stamp, .. } => (Some(on), stamp),
                _ => (None, None),
            };
            if let Some((day, written)) = r.written.get(&n) {
                let word = if back { "Reverted" } else { "Redone" };
                let kind = if back { "Change reverted" } else { "Change redone" };
                env.account.activity.extend(written.iter().map(|a| Activity {
                    on: on.unwrap_or(*day),
                    at: None,
                    stamp,
                    actor: a.actor.clone(),
                    what: format!("{word}: {}", a.what),
                    kind: kind.into(),
                    targets: a.targets.clone(),
                }));
            }
        }
    }
    env.revision = e.n;
}

/// The account the journal describes: the snapshot with every entry replayed in order.
pub fn replay(base: &Envelope, entries: &[Entry]) -> Envelope {
    replay_noting(base, entries).0
}

/// `replay`, with the admins' changes that no longer apply, in words, for the console to show.
pub fn replay_noting(base: &Envelope, entries: &[Entry]) -> (Envelope, Vec<String>) {
    let mut r = Replay::of(entries);
    let mut env = base.clone();
    for e in entries {
        step(&mut env, e, &mut r);
    }
    (env, r.refused)
}

mod before;
pub use before::Before;

/// An entry as it was applied here, and the activity entries it wrote: what its Undo and Redo name.
pub type Written = (Entry, Vec<Activity>);

/// Applies entries that only add to the account (no Undo or Redo among them) to the current account; returns
/// the admins' changes that no longer apply, in words.
pub fn replay_onto(env: &mut Envelope, entries: &[Entry]) -> Vec<String> {
    let mut r = Replay::default();
    for e in entries {
        step(env, e, &mut r);
    }
    r.refused
}

/// How far the snapshot may move forward: never past an entry this window may still undo (`keep_from`), and
/// never between an entry and a later Undo or Redo of it (folding both is fine), so that replaying what is left
/// gives the same account.
pub fn compaction_point(entries: &[Entry], keep_from: Option<u64>) -> Option<u64> {
    let first = entries.first()?.n;
    let mut limit = entries.last()?.n;
    if let Some(keep) = keep_from {
        limit = limit.min(keep.saturating_sub(1));
    }
    let pairs: Vec<(u64, u64)> = entries.iter().filter_map(|e| e.reverts().map(|(n, _)| (n, e.n))).collect();
    // Each move down can only cross more pairs, so this settles.
    while let Some((n, _)) = pairs.iter().find(|(n, at)| *n <= limit && limit < *at) {
        limit = n.saturating_sub(1);
    }
    (limit >= first).then_some(limit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::UserId;
    use crate::storage::seed::demo_account;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    fn add(n: u64, dana: UserId, email: &str) -> Entry {
        let command = Command::AddUser { email: email.into(), first_name: "A".into(), last_name: "B".into() };
        Entry { n, op: Op::Apply { actor: Actor::User(dana), on: today(), at: None, stamp: None, command } }
    }

    fn setup() -> (Envelope, UserId) {
        let env = Envelope::new(demo_account(today()));
        let dana = env.viewing_as.unwrap();
        (env, dana)
    }

    #[test]
    fn the_account_is_the_snapshot_with_the_entries_replayed() {
        let (base, dana) = setup();
        let entries = vec![add(1, dana, "one@x.com"), add(2, dana, "two@x.com")];
        let env = replay(&base, &entries);
        assert_eq!(env.revision, 2);
        assert!(env.account.user_by_email("one@x.com").is_some() && env.account.user_by_email("two@x.com").is_some());
        let mut onto = base.clone();
        replay_onto(&mut onto, &entries);
        assert_eq!(onto, env);
    }

    #[test]
    fn undo_and_redo_are_entries_that_take_one_back_and_bring_it_again() {
        let (base, dana) = setup();
        let mut entries = vec![add(1, dana, "one@x.com"), add(2, dana, "two@x.com"), Entry { n: 3, op: Op::Undo(2) }];
        let env = replay(&base, &entries);
        assert!(env.account.user_by_email("two@x.com").is_none());
        assert!(env.account.user_by_email("one@x.com").is_some());
        entries.push(Entry { n: 4, op: Op::Redo(2) });
        assert!(replay(&base, &entries).account.user_by_email("two@x.com").is_some());
    }

    #[test]
    fn the_snapshot_moves_only_past_what_can_no_longer_be_undone() {
        let (_, dana) = setup();
        let entries: Vec<Entry> = (1..=6).map(|n| add(n, dana, &format!("u{n}@x.com"))).collect();
        assert_eq!(compaction_point(&entries, None), Some(6));
        assert_eq!(compaction_point(&entries, Some(4)), Some(3));
        assert_eq!(compaction_point(&entries, Some(1)), None);
        let mut with_undo = entries.clone();
        with_undo.push(Entry { n: 7, op: Op::Undo(5) });
        assert_eq!(compaction_point(&with_undo, None), Some(7), "an entry and its Undo fold together");
        with_undo.push(add(8, dana, "u8@x.com"));
        assert_eq!(compaction_point(&with_undo, Some(8)), Some(7));
        assert_eq!(compaction_point(&with_undo, Some(7)), Some(4), "never between an entry and its Undo");
    }

    #[test]
    fn an_entry_is_a_few_hundred_bytes_not_the_account() {
        let (base, dana) = setup();
        let entry = serde_json::to_string(&add(1, dana, "one@x.com")).unwrap();
        assert!(entry.len() < 300, "{} bytes: {entry}", entry.len());
        assert!(super::super::encode(&base).len() > 50 * entry.len());
    }

    #[test]
    fn journals_written_before_issue_26_still_read_and_the_new_entries_keep_their_moment() {
        let old = Entry::read(r#"{"n":3,"op":{"Undo":2}}"#).unwrap();
        assert_eq!(old.reverts(), Some((2, true)));
        let stamp = Stamp::new(today(), 16, 19, 60);
        let step = Entry { n: 4, op: Op::Step { n: 2, back: false, on: today(), stamp: Some(stamp) } };
        assert_eq!(
            step.stored(),
            r#"{"n":4,"op":{"Step":{"n":2,"back":false,"on":"2026-11-27","stamp":"2026-11-27T16:19+01:00"}}}"#
        );
        assert_eq!(Entry::read(&step.stored()), Some(step));
        for bad in ["2026-11-27T24:00+00:00", "2026-11-27T16:19", "2026-11-27T16:19+19:00", "x"] {
            assert!(Stamp::try_from(bad.to_string()).is_err(), "{bad}");
        }
    }

    #[test]
    fn issue_28_a_stored_change_that_no_longer_applies_is_told_not_dropped() {
        let (base, dana) = setup();
        let (env, _) = replay_noting(&base, &[add(1, dana, "one@x.com")]);
        let one = env.account.user_by_email("one@x.com").unwrap();
        let remove = Command::RemoveUsers { users: vec![one] };
        let remove = Entry {
            n: 2,
            op: Op::Apply { actor: Actor::User(dana), on: today(), at: None, stamp: None, command: remove },
        };
        let undo = Entry { n: 3, op: Op::Step { n: 1, back: true, on: today(), stamp: None } };
        let (env, left_out) = replay_noting(&base, &[add(1, dana, "one@x.com"), remove, undo]);
        assert!(env.account.user_by_email("one@x.com").is_none());
        assert_eq!(left_out.len(), 1, "{left_out:?}");
        assert!(left_out[0].starts_with("User removed by Dana Reyes on 2026-11-27: "), "{left_out:?}");
    }
}
