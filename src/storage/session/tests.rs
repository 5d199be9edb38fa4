//! The session natively, over a backend in memory laid out as local storage is: two tabs share its keys, a
//! reload is a new session over the same backend, and a tab that dies is a backend that stops writing.

use super::*;
use crate::storage::{encode, revision_of};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

#[derive(Default)]
struct Keys {
    snapshot: Option<String>,
    entries: BTreeMap<u64, String>,
    head: Option<(u64, u64)>,
    view: Option<(Option<UserId>, Option<NaiveDate>)>,
    history: Option<String>,
    shared: Option<(String, BTreeMap<String, String>)>,
    full: bool,
    /// Writes that still happen before the tab "dies" (None: never dies).
    writes_left: Option<usize>,
    writes: usize,
}

impl Keys {
    /// One `setItem`: refused when full; silently not done once the tab has died.
    fn write(&mut self) -> Result<bool, StorageError> {
        if self.full {
            return Err(StorageError::Full);
        }
        self.writes += 1;
        match &mut self.writes_left {
            Some(0) => Ok(false),
            Some(n) => {
                *n -= 1;
                Ok(true)
            }
            None => Ok(true),
        }
    }
}

#[derive(Clone, Default)]
struct Memory(Rc<RefCell<Keys>>);

impl Backend for Memory {
    fn load(&mut self) -> Found {
        let k = self.0.borrow();
        let Some(raw) = k.snapshot.as_deref() else { return Found::Nothing };
        let base = revision_of(raw).unwrap_or(0);
        let entries: Vec<String> = (base + 1..).map_while(|n| k.entries.get(&n).cloned()).collect();
        let mut found = Found::in_text(raw, &entries);
        if let (Found::Account(s), Some((viewing_as, as_of))) = (&mut found, k.view) {
            (s.base.viewing_as, s.base.as_of) = (viewing_as.or(s.base.viewing_as), as_of);
        }
        found
    }
    fn append(&mut self, entry: &Entry) -> Result<(), StorageError> {
        let mut k = self.0.borrow_mut();
        if k.entries.contains_key(&entry.n) || k.head.is_some_and(|h| h.1 >= entry.n) {
            return Err(StorageError::Conflict);
        }
        if k.write()? {
            k.entries.insert(entry.n, entry.stored());
        }
        if k.write()? {
            let base = k.head.map_or(0, |h| h.0);
            k.head = Some((base, entry.n));
        }
        Ok(())
    }
    fn snapshot_text(&mut self, revision: u64, text: &str) -> Result<(), StorageError> {
        let mut k = self.0.borrow_mut();
        if !k.write()? {
            return Ok(());
        }
        k.snapshot = Some(text.to_string());
        let mut last = revision;
        while k.entries.contains_key(&(last + 1)) {
            last += 1;
        }
        k.head = Some((revision, last));
        k.entries.retain(|n, _| *n > revision);
        Ok(())
    }
    fn stored_base(&self) -> Option<u64> {
        self.0.borrow().head.map(|h| h.0)
    }
    fn start_over(&mut self, env: &Envelope) -> Result<(), StorageError> {
        let mut k = self.0.borrow_mut();
        k.entries.clear();
        k.head = None;
        drop(k);
        self.snapshot(env)
    }
    fn stored_revision(&self) -> Option<u64> {
        let k = self.0.borrow();
        k.head.map(|(b, l)| b.max(l)).or_else(|| revision_of(k.snapshot.as_deref()?))
    }
    fn entries_after(&self, n: u64) -> Option<Vec<Entry>> {
        let k = self.0.borrow();
        let (base, last) = k.head?;
        if base > n {
            return None;
        }
        (n + 1..=last).map(|i| Entry::read(k.entries.get(&i)?)).collect()
    }
    fn save_view(&mut self, env: &Envelope) {
        self.0.borrow_mut().view = Some((env.viewing_as, env.as_of));
    }
    fn load_history(&self) -> History {
        self.0.borrow().history.as_deref().and_then(|h| serde_json::from_str(h).ok()).unwrap_or_default()
    }
    fn save_history(&mut self, history: &History) {
        self.0.borrow_mut().history = Some(serde_json::to_string(history).unwrap());
    }
    fn load_shared(&self) -> Option<(String, Vec<String>)> {
        let k = self.0.borrow();
        k.shared.as_ref().map(|(link, ops)| (link.clone(), ops.values().cloned().collect()))
    }
    fn save_shared(&mut self, link: &str, ops: &[(String, String)], dropped: &[String]) -> Result<(), StorageError> {
        let mut k = self.0.borrow_mut();
        k.write()?;
        let (_, stored) = k.shared.get_or_insert_with(Default::default);
        stored.extend(ops.iter().cloned());
        stored.retain(|id, _| !dropped.contains(id));
        k.shared.as_mut().unwrap().0 = link.to_string();
        Ok(())
    }
    fn load_shared_link(&self) -> Option<String> {
        self.0.borrow().shared.as_ref().map(|(link, _)| link.clone())
    }
    fn forget_shared(&mut self) {
        self.0.borrow_mut().shared = None;
    }
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

fn add(email: &str) -> Command {
    Command::AddUser { email: email.into(), first_name: "New".into(), last_name: "Person".into() }
}

fn has(s: &Session<Memory>, email: &str) -> bool {
    s.env.account.user_by_email(email).is_some()
}

fn named(s: &Session<Memory>, name: &str) -> UserId {
    *s.env.account.users.iter().find(|(_, u)| u.full_name() == name).unwrap().0
}

fn reload(backend: &Memory) -> Session<Memory> {
    Session::start(backend.clone(), today())
}

#[test]
fn the_first_run_saves_the_demo_account_with_its_notices() {
    let backend = Memory::default();
    let s = reload(&backend);
    assert_eq!(s.storage, StorageState::Saving);
    assert_eq!(s.actor().map(|a| s.env.account.name_of(a)).as_deref(), Some("Dana Reyes"));
    let stored = backend.0.borrow().snapshot.clone().unwrap();
    // Local storage counts UTF-16 units: the packed snapshot takes under a third of the JSON's.
    assert!(stored.chars().count() * 3 < encode(&s.env).len(), "the snapshot is stored packed");
    let outbox = crate::storage::decode(&stored).unwrap().account.outbox;
    assert!(outbox.iter().any(|e| e.kind == crate::domain::EmailKind::RenewalNotice));
    assert_eq!(reload(&backend).env, s.env);
}

#[test]
fn a_change_is_saved_as_one_small_entry_not_the_whole_account() {
    let backend = Memory::default();
    let mut s = reload(&backend);
    let snapshot = backend.0.borrow().snapshot.clone();
    s.dispatch(add("small@x.com")).unwrap();
    let k = backend.0.borrow();
    assert_eq!(k.snapshot, snapshot, "the snapshot is not rewritten");
    let entry = k.entries.values().last().unwrap();
    assert!(entry.len() < 300 && entry.contains("small@x.com"), "{entry}");
    drop(k);
    assert!(has(&reload(&backend), "small@x.com"));
}

#[test]
fn a_tab_that_dies_between_its_two_writes_loses_nothing() {
    for writes in [0, 1, 2] {
        let backend = Memory::default();
        let mut s = reload(&backend);
        backend.0.borrow_mut().writes_left = Some(writes);
        s.dispatch(add("maybe@x.com")).unwrap();
        backend.0.borrow_mut().writes_left = None;
        let after = reload(&backend);
        // Written entry (1 or 2 writes) = kept; nothing written = as before, and never a broken account.
        assert_eq!(has(&after, "maybe@x.com"), writes >= 1, "after {writes} writes");
        let mut next = after;
        next.dispatch(add("next@x.com")).unwrap();
        assert!(has(&reload(&backend), "next@x.com"));
    }
}

#[test]
fn a_second_tab_catches_up_before_it_applies_so_neither_change_is_lost() {
    let backend = Memory::default();
    let mut a = reload(&backend);
    let mut b = reload(&backend);
    a.dispatch(add("from.a@x.com")).unwrap();
    b.dispatch(add("from.b@x.com")).unwrap();
    assert!(has(&b, "from.a@x.com") && has(&b, "from.b@x.com"));
    a.catch_up();
    assert_eq!(a.env.account, b.env.account);
    let reloaded = reload(&backend);
    assert!(has(&reloaded, "from.a@x.com") && has(&reloaded, "from.b@x.com"));
    assert_eq!(b.history.undo.len(), 1, "the history from before the catch-up no longer applies");
}

#[test]
fn undo_works_across_a_reload_and_only_for_the_person_who_made_the_change() {
    let backend = Memory::default();
    let mut s = reload(&backend);
    s.dispatch(add("undo.me@x.com")).unwrap();
    let mut s = reload(&backend);
    let aisha = named(&s, "Aisha Khan");
    s.view_as(aisha);
    assert_eq!(
        s.step(true).unwrap_err().to_string(),
        "The last change was made by Dana Reyes; only Dana Reyes can undo it (you are viewing as Aisha Khan)."
    );
    assert!(has(&s, "undo.me@x.com"));
    s.view_as(named(&s, "Dana Reyes"));
    assert_eq!(s.step(true), Ok(true));
    assert!(!has(&s, "undo.me@x.com"));
    assert!(!has(&reload(&backend), "undo.me@x.com"), "undone in storage too");
    assert_eq!(s.step(false), Ok(true));
    assert!(has(&s, "undo.me@x.com"));
    assert!(has(&reload(&backend), "undo.me@x.com"));
}

/// Issue 28.5: the changes that can't change people are counted, so that the people list is rebuilt only
/// after the others; an Undo of one is as quiet as the change was.
#[test]
fn changes_that_leave_people_alone_are_counted_and_so_is_their_undo() {
    let mut s = reload(&Memory::default());
    let quiet = s.people_changes().0;
    let renew = |c: &crate::domain::Contract| Command::SetAutoRenew { contract: c.number.clone(), on: !c.auto_renew };
    let contracts: Vec<_> = s.env.account.contracts.values().map(renew).collect();
    assert!(contracts.into_iter().any(|c| s.dispatch(c).is_ok()), "a contract renews online");
    assert_eq!(s.people_changes().0, quiet + 1);
    assert_eq!(s.step(true), Ok(true));
    assert_eq!(s.people_changes().0, quiet + 2, "its Undo is quiet too");
    s.take_touched();
    s.dispatch(add("loud@x.com")).unwrap();
    assert_eq!(s.people_changes().0, quiet + 2, "adding a person is not");
    assert_eq!(s.take_touched(), [s.env.account.user_by_email("loud@x.com").unwrap()], "but says whom it touched");
    assert_eq!(s.step(true), Ok(true));
    assert_eq!(s.people_changes().0, quiet + 2, "nor is its Undo");
}

/// Issue 28.5: an Undo or Redo replayed from the account made ready in idle time gives exactly the account a
/// full replay gives, and what a reload shows, whatever came before. (proptest is a native-only dev-dependency.)
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn a_step_made_ready_in_idle_time_gives_the_same_account_as_a_full_replay() {
    use proptest::prelude::*;
    let ops = prop::collection::vec((0u8..6, 0u8..8), 1..32);
    proptest!(ProptestConfig::with_cases(400), |(ops in ops)| {
        let (ready, plain) = (Memory::default(), Memory::default());
        let (mut a, mut b) = (reload(&ready), reload(&plain));
        for (i, (op, k)) in ops.into_iter().enumerate() {
            for s in [&mut a, &mut b] {
                let renew: Vec<Command> = s.env.account.contracts.values()
                    .map(|c| Command::SetAutoRenew { contract: c.number.clone(), on: !c.auto_renew }).collect();
                let unread = s.env.account.outbox.iter().find(|e| !e.read).map(|e| e.id);
                let _ = match op {
                    0 => s.dispatch(add(&format!("p{i}.{k}@x.com"))).map(|_| true),
                    1 => s.dispatch(renew[k as usize % renew.len()].clone()).map(|_| true),
                    2 => unread.map_or(Ok(false), |email| s.dispatch(Command::MarkEmailRead { email }).map(|_| true)),
                    3 | 4 => s.step(true),
                    _ => s.step(false),
                };
            }
            // Idle time now and then: a step with nothing ready replays the whole journal.
            if k % 4 != 0 {
                a.prepare_steps();
            }
            prop_assert_eq!(&a.env.account, &b.env.account, "after step {}", i);
            prop_assert_eq!(&a.left_out, &b.left_out);
        }
        prop_assert_eq!(&reload(&ready).env.account, &a.env.account, "a reload shows the same");
    });
}

/// Issue 31: the account built from Autodesk's exports replaces this one as one Undo, survives a reload, and
/// the console acts as its contract manager, not as whoever had the same id before.
#[test]
fn an_account_built_from_autodesk_exports_replaces_this_one_and_undo_brings_it_back() {
    use crate::domain::from_exports::{build, Answers, Exports};
    let backend = Memory::default();
    let mut s = reload(&backend);
    s.view_as(named(&s, "Aisha Khan"));
    assert!(s.start_from_exports(s.env.account.clone()).is_err(), "only a contract manager replaces the account");
    s.view_as(named(&s, "Dana Reyes"));
    let exports = Exports {
        subscriptions: include_str!("../../../tests/fixtures/autodesk/subscriptions.csv").into(),
        users: Some(include_str!("../../../tests/fixtures/autodesk/users.csv").into()),
        ..Default::default()
    };
    let answers = Answers {
        company: "Northwind Engineering".into(),
        contract_manager: "Maria Keller <maria.keller@northwind.example>".into(),
        leave_out_over: true,
        ..Default::default()
    };
    let built = build(&exports, &answers, today()).account.unwrap();
    s.start_from_exports(built).unwrap();
    let maria = |s: &Session<Memory>| s.actor().map(|a| s.env.account.name_of(a));
    assert_eq!(maria(&s).as_deref(), Some("Maria Keller"));
    let again = reload(&backend);
    assert_eq!(
        (again.env.account.company.as_str(), maria(&again).as_deref()),
        ("Northwind Engineering", Some("Maria Keller"))
    );
    assert_eq!(s.step(true), Ok(true));
    assert_eq!(s.env.account.company, "Contoso Engineering");
    assert_eq!(reload(&backend).env.account.company, "Contoso Engineering");
}

#[test]
fn reading_an_email_is_no_undo_step_and_stays_read_after_undo() {
    let mut s = reload(&Memory::default());
    s.dispatch(add("someone@x.com")).unwrap();
    let unread = s.env.account.outbox.iter().find(|e| !e.read).unwrap().id;
    s.dispatch(Command::MarkEmailRead { email: unread }).unwrap();
    assert_eq!(s.history.undo.len(), 1);
    assert_eq!(s.step(true), Ok(true));
    assert!(!has(&s, "someone@x.com"));
    assert!(s.env.account.outbox.iter().all(|e| e.read || e.subject.contains("invited")));
    assert_eq!(reload_of(&s).env.account.outbox, s.env.account.outbox, "a reload shows the same emails read");
}

fn reload_of(s: &Session<Memory>) -> Session<Memory> {
    reload(&s.backend)
}

#[test]
fn damaged_data_is_read_only_until_the_admin_starts_over() {
    let backend = Memory::default();
    backend.0.borrow_mut().snapshot = Some("{ half an account".into());
    let mut s = reload(&backend);
    assert!(matches!(s.storage, StorageState::Damaged(_)));
    assert!(matches!(s.dispatch(add("x@x.com")), Err(Refusal::ReadOnly(_))));
    assert_eq!(backend.0.borrow().snapshot.as_deref(), Some("{ half an account"), "never overwritten");
    s.reset_demo().unwrap();
    assert_eq!(s.storage, StorageState::Saving);
    s.dispatch(add("x@x.com")).unwrap();
    assert!(has(&reload(&backend), "x@x.com"));
}

#[test]
fn an_unreadable_journal_entry_is_damage_too() {
    let backend = Memory::default();
    let mut s = reload(&backend);
    s.dispatch(add("x@x.com")).unwrap();
    let n = *backend.0.borrow().entries.keys().last().unwrap();
    backend.0.borrow_mut().entries.insert(n, "{ half an entry".into());
    assert!(matches!(reload(&backend).storage, StorageState::Damaged(why) if why.contains("journal entry")));
}

#[test]
fn newer_data_is_shown_read_only_and_never_overwritten() {
    let backend = Memory::default();
    let newer = encode(&Envelope::new(seed::demo_account(today()))).replacen("\"schema\":1", "\"schema\":9", 1);
    backend.0.borrow_mut().snapshot = Some(newer.clone());
    let mut s = reload(&backend);
    assert!(matches!(s.storage, StorageState::Newer(_)));
    assert!(s.env.account.company.contains("Contoso"), "today's format still reads it");
    assert!(matches!(s.dispatch(add("x@x.com")), Err(Refusal::ReadOnly(_))));
    s.set_as_of(Some(today() + chrono::Duration::days(3)));
    assert_eq!(backend.0.borrow().snapshot.as_deref(), Some(newer.as_str()));
    assert!(backend.0.borrow().entries.is_empty());
}

#[test]
fn a_full_storage_keeps_the_change_in_this_window_and_writes_it_with_the_next() {
    let backend = Memory::default();
    let mut s = reload(&backend);
    backend.0.borrow_mut().full = true;
    s.dispatch(add("kept@x.com")).unwrap();
    assert_eq!(s.storage, StorageState::NotSaved(StorageError::Full));
    assert!(has(&s, "kept@x.com"));
    assert!(!has(&reload(&backend), "kept@x.com"), "the stored account is as it was");
    backend.0.borrow_mut().full = false;
    s.dispatch(add("then@x.com")).unwrap();
    assert_eq!(s.storage, StorageState::Saving);
    let after = reload(&backend);
    assert!(has(&after, "kept@x.com") && has(&after, "then@x.com"), "the next save carries both, in order");
}

/// A session whose journal is due to be folded: `COMPACT_AFTER` + 10 people added, u0@x.com first.
fn long_journal(backend: &Memory) -> Session<Memory> {
    let mut s = reload(backend);
    for i in 0..COMPACT_AFTER + 10 {
        s.dispatch(add(&format!("u{i}@x.com"))).unwrap();
    }
    s
}

#[test]
fn compaction_folds_the_journal_into_a_snapshot_and_keeps_what_can_be_undone() {
    let backend = Memory::default();
    let mut s = long_journal(&backend);
    let before = s.env.clone();
    assert!(s.compact());
    let k = backend.0.borrow();
    assert_eq!(k.entries.len(), 50, "the 50 undoable steps stay as entries");
    drop(k);
    assert_eq!(reload(&backend).env.account, before.account);
    // Undo still reaches the oldest kept step, across a reload.
    let mut s = reload(&backend);
    for _ in 0..50 {
        assert_eq!(s.step(true), Ok(true));
    }
    // The steps before the snapshot are gone, and Undo says why (issue 32.1).
    assert!(matches!(s.step(true), Err(Refusal::ReadOnly(why)) if why == crate::storage::history::DROPPED));
    assert!(has(&s, "u23@x.com") && !has(&s, "u24@x.com"));
}

/// Issue 28: a fold is three steps, one browser turn each; a change, or another window's save, between them
/// leaves the stored journal as it is, and the next fold starts from the new state.
#[test]
fn a_fold_whose_journal_moved_between_its_steps_writes_nothing_and_the_next_one_folds() {
    let backend = Memory::default();
    let mut s = long_journal(&backend);
    let snapshot = backend.0.borrow().snapshot.clone();
    let mut fold = s.fold_start().expect("the journal is long");
    fold.encode();
    s.dispatch(add("between@x.com")).unwrap();
    assert_eq!(s.fold_finish(fold), Folded::Stale, "a change came between its steps");
    assert_eq!(backend.0.borrow().snapshot, snapshot, "nothing written");
    assert!(has(&reload(&backend), "between@x.com"));
    // Another window's change between the steps is stale too.
    let fold = s.fold_start().expect("still long");
    reload(&backend).dispatch(add("other@x.com")).unwrap();
    assert_eq!(s.fold_finish(fold), Folded::Stale);
    assert!(s.compact(), "the next fold folds");
    let after = reload(&backend);
    assert!(has(&after, "between@x.com") && has(&after, "other@x.com") && has(&after, "u0@x.com"));
}

/// Issue 32.1: whole-account replacements with edits between keep local storage bounded: Undo keeps at most
/// its budget of them, and the journal is folded past the rest.
#[test]
fn replacing_the_10000_user_account_again_and_again_keeps_storage_bounded() {
    let backend = Memory::default();
    let mut s = reload(&backend);
    let stored = |b: &Memory| {
        let k = b.0.borrow();
        let chars = |s: &String| s.chars().count();
        k.snapshot.as_ref().map_or(0, chars) + k.entries.values().map(chars).sum::<usize>()
    };
    let mut most = 0;
    for i in 0..6 {
        s.load_sample().unwrap();
        s.dispatch(add(&format!("after{i}@x.com"))).unwrap();
        // Two replaced accounts fit Undo's budget; from the third on the oldest is out of reach, folded at once.
        assert_eq!(s.fold_soon(), i >= 2, "load {i}");
        s.compact();
        assert!(!s.fold_soon());
        assert!(!s.compaction_due(), "a replaced account no step can undo is folded");
        most = most.max(stored(&backend));
        assert_eq!(s.storage, StorageState::Saving);
    }
    assert!(most < 1_500_000, "{most} characters stored at most");
    // Undo walks back what the budget kept, then says why it stops.
    let mut undone = 0;
    while s.step(true) == Ok(true) {
        undone += 1;
    }
    assert!((3..=6).contains(&undone), "{undone} steps undone, then {:?}", s.step(true));
    assert!(matches!(s.step(true), Err(Refusal::ReadOnly(why)) if why == crate::storage::history::DROPPED));
}

#[test]
fn account_wide_actions_follow_the_matrix_and_reset_is_undoable() {
    let mut s = reload(&Memory::default());
    s.dispatch(add("mine@x.com")).unwrap();
    let aisha = named(&s, "Aisha Khan");
    s.view_as(aisha);
    for refused in [s.export_text().map(|_| ()), s.reset_demo()] {
        assert!(matches!(refused, Err(Refusal::Domain(DomainError::NotAllowed { .. }))));
    }
    s.view_as(named(&s, "Dana Reyes"));
    s.reset_demo().unwrap();
    assert!(!has(&s, "mine@x.com"));
    assert_eq!(s.step(true), Ok(true));
    assert!(has(&s, "mine@x.com"));
}

#[test]
fn schema_1_data_from_before_the_journal_opens_and_takes_entries() {
    let backend = Memory::default();
    let mut env = Envelope::new(seed::demo_account(today()));
    env.revision = 7;
    backend.0.borrow_mut().snapshot = Some(encode(&env));
    let mut s = reload(&backend);
    s.dispatch(add("after@x.com")).unwrap();
    assert!(backend.0.borrow().entries.keys().all(|n| *n > 7));
    assert!(has(&reload(&backend), "after@x.com"));
}

#[test]
fn a_window_with_an_older_view_never_compacts_over_a_newer_snapshot() {
    let backend = Memory::default();
    let mut a = reload(&backend);
    for i in 0..COMPACT_AFTER + 6 {
        a.dispatch(add(&format!("a{i}@x.com"))).unwrap();
    }
    let mut b = reload(&backend);
    b.history = History::default();
    assert!(b.compact(), "b folds everything it can't undo");
    // a's history still reaches back further; its compaction must not move the snapshot back.
    a.compact();
    let after = reload(&backend);
    assert!((0..COMPACT_AFTER + 6).all(|i| has(&after, &format!("a{i}@x.com"))), "nothing lost");
    assert_eq!(after.env.account, a.env.account);
}

#[test]
fn a_change_kept_while_storage_was_full_never_overwrites_another_windows_entry() {
    let backend = Memory::default();
    let mut a = reload(&backend);
    let mut b = reload(&backend);
    backend.0.borrow_mut().full = true;
    a.dispatch(add("from.a@x.com")).unwrap();
    backend.0.borrow_mut().full = false;
    // b has not seen a's unsaved change and writes the same entry number.
    b.dispatch(add("from.b@x.com")).unwrap();
    a.dispatch(add("again.a@x.com")).unwrap();
    assert_eq!(a.storage, StorageState::NotSaved(StorageError::Conflict));
    assert!(has(&a, "from.a@x.com"), "a's change is still in its window, to export");
    assert!(has(&reload(&backend), "from.b@x.com"), "b's change is not written over");
}

#[test]
fn starting_over_from_a_damaged_journal_leaves_none_of_it_behind() {
    let backend = Memory::default();
    let mut s = reload(&backend);
    for i in 0..5 {
        s.dispatch(add(&format!("old{i}@x.com"))).unwrap();
    }
    backend.0.borrow_mut().entries.insert(3, "{ half an entry".into());
    let mut s = reload(&backend);
    assert!(matches!(s.storage, StorageState::Damaged(_)));
    s.reset_demo().unwrap();
    let after = reload(&backend);
    assert_eq!(after.storage, StorageState::Saving);
    assert!(!has(&after, "old0@x.com") && !has(&after, "old4@x.com"));
    assert!(backend.0.borrow().entries.keys().all(|n| *n > 1), "the old entries are gone");
}

#[test]
fn an_undo_after_another_undo_still_folds_away() {
    let backend = Memory::default();
    let mut s = reload(&backend);
    s.dispatch(add("undone@x.com")).unwrap();
    assert_eq!(s.step(true), Ok(true));
    for i in 0..COMPACT_AFTER + 60 {
        s.dispatch(add(&format!("u{i}@x.com"))).unwrap();
    }
    assert!(s.compact());
    assert!(backend.0.borrow().entries.len() <= 51, "the Undo and its entry folded together");
    let after = reload(&backend);
    assert!(!has(&after, "undone@x.com") && has(&after, "u0@x.com"));
}

/// Issues 11, 26: the activity log carries the real moment of each change with its zone, from the caller's
/// clock, and a reload (the journal replayed) gives the same moment, not the time of the reload.
#[test]
fn a_change_keeps_its_real_time_and_zone_across_a_reload() {
    let backend = Memory::default();
    let mut s = reload(&backend);
    let day = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    s.set_clock(Stamp::new(day, 14, 5, 60));
    s.dispatch(add("timed@x.com")).unwrap();
    let last = |s: &Session<Memory>| s.env.account.activity.last().map(|a| a.time());
    assert_eq!(last(&s).as_deref(), Some("2026-12-03 14:05 UTC+01:00"));
    let mut again = reload(&backend);
    again.set_clock(Stamp::new(day, 9, 30, -300));
    assert_eq!(last(&again).as_deref(), Some("2026-12-03 14:05 UTC+01:00"));
    assert_eq!(again.env.account, s.env.account);
}

/// Issue 26: the log is append-only. Undo keeps the entry of the change it takes back and adds "Reverted: …"
/// (dated the day it acted on, at its own moment); Redo adds "Redone: …"; a reload shows the same.
#[test]
fn undo_and_redo_add_to_the_log_and_never_erase_it() {
    let backend = Memory::default();
    let mut s = reload(&backend);
    let day = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
    s.set_clock(Stamp::new(day, 9, 0, 0));
    s.dispatch(add("kept@x.com")).unwrap();
    let whats = |s: &Session<Memory>| -> Vec<String> {
        s.env
            .account
            .activity
            .iter()
            .rev()
            .take(3)
            .rev()
            .map(|a| format!("{} {} {}", a.kind, a.what, a.time()))
            .collect()
    };
    s.set_clock(Stamp::new(day, 9, 5, 0));
    assert!(s.step(true).unwrap());
    assert!(!has(&s, "kept@x.com"), "the change is taken back");
    let undone = whats(&s);
    assert!(undone[1].starts_with("User added Added New Person as a named user"), "{undone:?}");
    assert!(
        undone[2].starts_with("Change reverted Reverted: Added New Person as a named user")
            && undone[2].ends_with("09:05 UTC"),
        "{undone:?}"
    );
    s.set_clock(Stamp::new(day, 9, 7, 0));
    assert!(s.step(false).unwrap());
    let redone = whats(&s);
    assert!(
        redone[2].starts_with("Change redone Redone: Added New Person as a named user")
            && redone[2].ends_with("09:07 UTC"),
        "{redone:?}"
    );
    assert!(has(&s, "kept@x.com"));
    assert_eq!(reload(&backend).env.account.activity, s.env.account.activity);
}

mod sharing {
    use super::*;
    use crate::storage::shared::{device_name, Device, SharedOp, Sharing};
    use serde_json::Value;

    fn docs(texts: Vec<(String, String)>) -> Vec<Value> {
        texts.iter().map(|(_, t)| serde_json::from_str(t).unwrap()).collect()
    }

    fn device(author: &str, slot: u32) -> Device {
        Device::new(device_name(author, &format!("{slot:08x}")), slot, author.into())
    }

    /// A browser that shares the demo account as `author` (device slot `slot`), over `base`.
    fn browser(base: &Envelope, author: &str, slot: u32) -> (Session<Memory>, Memory) {
        let backend = Memory::default();
        let mut s = reload(&backend);
        let link = Sharing::new("http://127.0.0.1:5984".into(), "contoso".into(), device(author, slot));
        s.join(link, base.clone(), &[]).unwrap();
        (s, backend)
    }

    fn dana_and_priya() -> (Envelope, String, String) {
        let base = reload(&Memory::default()).env.clone();
        let email = |name: &str| base.account.users.values().find(|u| u.full_name() == name).unwrap().email.clone();
        (base.clone(), email("Dana Reyes"), email("Priya Natarajan"))
    }

    #[test]
    fn a_change_is_an_op_signed_by_the_signed_in_person_and_survives_a_reload() {
        let (base, dana, _) = dana_and_priya();
        let (mut s, backend) = browser(&base, &dana, 1);
        assert_eq!(s.env.account.users[&s.actor().unwrap()].email, dana);
        s.dispatch(add("shared@x.com")).unwrap();
        let out = docs(s.outgoing());
        assert_eq!(out.len(), 1);
        assert_eq!(out[0]["author"], dana);
        let again = reload(&backend);
        assert!(has(&again, "shared@x.com"));
        assert_eq!(again.sync_status().unwrap().waiting, 1);
        s.pushed(&[out[0]["_id"].as_str().unwrap().to_string()], &[]);
        assert_eq!(reload(&backend).sync_status().unwrap().waiting, 0);
    }

    #[test]
    fn two_browsers_converge_and_the_later_of_two_last_seats_is_refused_for_its_author() {
        let (base, dana, priya) = dana_and_priya();
        let (mut a, _) = browser(&base, &dana, 1);
        let (mut b, backend_b) = browser(&base, &priya, 2);
        a.dispatch(add("from.a@x.com")).unwrap();
        b.dispatch(add("from.b@x.com")).unwrap();
        b.dispatch(add("from.a@x.com")).unwrap();
        let (out_a, out_b) = (docs(a.outgoing()), docs(b.outgoing()));
        assert_eq!(a.take_shared(&out_b, "2".into()), Vec::<String>::new());
        let told_now = b.take_shared(&out_a, "2".into());
        assert_eq!(a.env.account, b.env.account);
        assert!(has(&a, "from.a@x.com") && has(&a, "from.b@x.com"));
        // Both added from.a@x.com; a's op sorts first, so b's is refused, and b is told why.
        let told = b.sync_status().unwrap().refused;
        assert_eq!(told.len(), 1, "{told:?}");
        assert_eq!(told_now, told, "told once, when it happens");
        b.dismiss_refused();
        assert!(b.sync_status().unwrap().refused.is_empty());
        assert!(reload(&backend_b).sync_status().unwrap().refused.is_empty(), "dismissed for good");
        assert!(told[0].contains("from.a@x.com"), "{told:?}");
        assert!(a.sync_status().unwrap().refused.is_empty());
    }

    #[test]
    fn undo_takes_back_a_change_not_yet_pushed_and_no_other() {
        let (base, dana, _) = dana_and_priya();
        let (mut s, _) = browser(&base, &dana, 1);
        s.dispatch(add("one@x.com")).unwrap();
        s.dispatch(add("two@x.com")).unwrap();
        assert_eq!(s.can_step(), (true, false));
        assert_eq!(s.step(true), Ok(true));
        assert!(!has(&s, "two@x.com") && has(&s, "one@x.com"));
        let out = docs(s.outgoing());
        assert_eq!(s.can_step(), (false, false), "an op on its way is not undone");
        s.pushed(&[out[0]["_id"].as_str().unwrap().to_string()], &[]);
        assert!(matches!(s.step(true), Err(Refusal::ReadOnly(_))));
        assert!(has(&s, "one@x.com"));
    }

    #[test]
    fn leaving_keeps_the_account_here_and_import_waits_until_then() {
        let (base, dana, _) = dana_and_priya();
        let (mut s, backend) = browser(&base, &dana, 1);
        s.dispatch(add("kept@x.com")).unwrap();
        assert!(matches!(s.reset_demo(), Err(Refusal::ReadOnly(_))));
        s.leave();
        assert!(s.sharing().is_none());
        let again = reload(&backend);
        assert!(has(&again, "kept@x.com") && again.sharing().is_none());
    }

    #[test]
    fn two_tabs_of_one_browser_write_as_one_device_without_reusing_a_number() {
        let (base, dana, _) = dana_and_priya();
        let (mut one, backend) = browser(&base, &dana, 1);
        let mut two = reload(&backend);
        one.dispatch(add("first@x.com")).unwrap();
        // The second tab has not heard of it yet: its change still gets the next number.
        two.dispatch(add("second@x.com")).unwrap();
        assert!(has(&two, "first@x.com") && has(&two, "second@x.com"));
        assert!(one.reload_shared());
        assert_eq!(one.env.account, two.env.account);
        let ids: Vec<Value> = docs(one.outgoing()).iter().map(|d| d["_id"].clone()).collect();
        assert_eq!(ids.len(), 2, "{ids:?}");
        assert_ne!(ids[0], ids[1]);
        // The other tab's Disconnect ends sharing here too, and a tab that shares nothing starts sharing
        // when another joins.
        two.leave();
        assert!(one.reload_shared() && one.sharing().is_none());
        assert_eq!(one.env.account, two.env.account);
        let mut three = reload(&backend);
        let link = Sharing::new("http://127.0.0.1:5984".into(), "contoso".into(), device(&dana, 3));
        three.join(link, base.clone(), &[]).unwrap();
        assert!(one.catch_up() && one.sharing().is_some());
    }

    /// Review of issue 15: a tab that saves its link after another tab wrote an op keeps that op waiting.
    #[test]
    fn a_stale_tab_saving_its_link_loses_no_op_of_another_tab() {
        let (base, dana, _) = dana_and_priya();
        let (mut one, backend) = browser(&base, &dana, 1);
        let mut two = reload(&backend);
        two.dispatch(add("from.two@x.com")).unwrap();
        one.pushed(&[], &[]); // one saves its link, knowing nothing of two's op
        let again = reload(&backend);
        assert_eq!(again.sync_status().unwrap().waiting, 1);
        assert_eq!(again.sharing().unwrap().device.seq, 1);
    }

    /// Review of issue 15: an op undone in one tab while another tab had sent it comes back from the server,
    /// stays, and its author is told.
    #[test]
    fn an_undone_op_that_reached_the_server_all_the_same_stays_and_is_told() {
        let (base, dana, _) = dana_and_priya();
        let (mut one, backend) = browser(&base, &dana, 1);
        let mut two = reload(&backend);
        one.dispatch(add("sent@x.com")).unwrap();
        let sent = docs(one.outgoing());
        assert!(two.reload_shared());
        assert_eq!(two.step(true), Ok(true));
        assert!(!has(&two, "sent@x.com"));
        assert!(one.reload_shared() && !has(&one, "sent@x.com"), "withdrawn in every tab");
        let told = one.take_shared(&sent, "1".into());
        assert!(has(&one, "sent@x.com"));
        assert!(told[0].contains("had reached the server before you undid it"), "{told:?}");
        assert!(two.reload_shared() && has(&two, "sent@x.com"));
    }

    /// A tab that dies after writing an op and before writing the link loses nothing: at start-up the op is
    /// this device's, still to send, and its number is not given again.
    #[test]
    fn an_op_stored_before_its_link_is_sent_after_a_crash() {
        let (base, dana, _) = dana_and_priya();
        let (mut s, backend) = browser(&base, &dana, 1);
        let link_before = backend.load_shared_link().unwrap();
        s.dispatch(add("kept@x.com")).unwrap();
        backend.0.borrow_mut().shared.as_mut().unwrap().0 = link_before; // the link write never happened
        let mut again = reload(&backend);
        assert!(has(&again, "kept@x.com"));
        assert_eq!(again.sync_status().unwrap().waiting, 1);
        again.dispatch(add("next@x.com")).unwrap();
        let ids: std::collections::BTreeSet<String> =
            docs(again.outgoing()).iter().map(|d| d["_id"].to_string()).collect();
        assert_eq!(ids.len(), 2, "two ops, two numbers: {ids:?}");
    }

    /// Issue 25.3: a member wrote under Dana's next op id first. Her push meets the other document, her
    /// change goes again under a new id, she is told, and both browsers end with the same account.
    #[test]
    fn a_squatted_op_id_sends_the_change_again_under_a_new_one() {
        let (base, dana, priya) = dana_and_priya();
        let (mut a, _) = browser(&base, &dana, 1);
        let (mut b, _) = browser(&base, &priya, 2);
        a.dispatch(add("from.dana@x.com")).unwrap();
        let (id, mine) = a.outgoing().remove(0);
        let mut squat: Value = serde_json::from_str(&mine).unwrap();
        squat["author"] = Value::from(priya.clone());
        squat["command"] =
            serde_json::json!({ "AddUser": { "email": "squat@x.com", "first_name": "S", "last_name": "Q" } });
        // The server answers `conflict`; the console read what it holds and found another document.
        let told = a.pushed(&[], &[(id.clone(), priya.clone())]);
        assert!(told[0].contains("Priya Natarajan") && told[0].contains("sent again under a new id"), "{told:?}");
        let out = a.outgoing();
        assert_eq!(out.len(), 1);
        assert_ne!(out[0].0, id, "a new id");
        let feed = vec![squat.clone(), serde_json::from_str(&out[0].1).unwrap()];
        a.pushed(&[out[0].0.clone()], &[]);
        let told_a = a.take_shared(&feed, "2".into());
        let told_b = b.take_shared(&feed, "2".into());
        assert_eq!(a.env.account, b.env.account);
        assert!(has(&a, "from.dana@x.com") && !has(&a, "squat@x.com"), "the squatting document is read by no one");
        assert_eq!(told_b.len(), 1, "said once, with its author: {told_b:?}");
        assert!(told_b[0].contains("Priya Natarajan"), "{told_b:?}");
        assert_eq!(told_a, told_b);
        assert_eq!(a.sync_status().unwrap().waiting, 0, "{:?}", a.sharing().unwrap().pending);
        assert_eq!(b.sync_status().unwrap().unreadable, told_b, "listed on the Share page");
    }

    /// Issue 25.3, from the feed: the other document under Dana's id arrives before her push; her change
    /// and her later waiting one go again in order, and nothing of hers is lost.
    #[test]
    fn a_document_under_an_own_waiting_id_in_the_feed_moves_the_waiting_changes() {
        let (base, dana, _) = dana_and_priya();
        let (mut a, _) = browser(&base, &dana, 1);
        a.dispatch(add("first@x.com")).unwrap();
        a.dispatch(add("second@x.com")).unwrap();
        let out = docs(a.outgoing());
        let mut squat = out[0].clone();
        squat["command"] = serde_json::json!("RunAssignRules");
        let told = a.take_shared(&[squat], "1".into());
        assert!(told.iter().any(|t| t.contains("sent again under a new id")), "{told:?}");
        let again = docs(a.outgoing());
        assert_eq!(again.len(), 2);
        assert!(again.iter().all(|d| d["_id"] != out[0]["_id"] && d["_id"] != out[1]["_id"]));
        assert_eq!(again[0]["command"], out[0]["command"], "in the same order");
        assert!(has(&a, "first@x.com") && has(&a, "second@x.com"));
    }

    /// Issue 25.1: a document no console reads never stops the feed; a later op still comes in.
    #[test]
    fn an_unreadable_op_is_left_out_told_once_and_the_feed_goes_on() {
        let (base, dana, priya) = dana_and_priya();
        let (mut a, _) = browser(&base, &dana, 1);
        let (mut b, _) = browser(&base, &priya, 2);
        b.dispatch(add("after@x.com")).unwrap();
        let mut later = docs(b.outgoing());
        let mut unknown = later[0].clone();
        unknown["_id"] = Value::from(unknown["_id"].as_str().unwrap().replace(":00000001", ":00000009"));
        unknown["seq"] = Value::from(9);
        unknown["command"] = serde_json::json!({ "LaunchRockets": {} });
        later.insert(0, unknown);
        let told = a.take_shared(&later, "2".into());
        assert_eq!(told.len(), 1, "{told:?}");
        assert!(told[0].contains("Priya Natarajan") && told[0].contains("LaunchRockets"), "{told:?}");
        assert!(has(&a, "after@x.com"), "the feed went on");
        assert_eq!(a.sharing().unwrap().since, "2");
        assert!(a.take_shared(&later, "2".into()).is_empty(), "told once");
    }

    /// Issue 25.6: storage refuses the ops: the feed's checkpoint stays, the status says so, and the ops
    /// are written with the next save that works.
    #[test]
    fn storage_full_never_moves_the_checkpoint_past_an_op_it_could_not_keep() {
        let (base, dana, priya) = dana_and_priya();
        let (mut a, backend) = browser(&base, &dana, 1);
        let (mut b, _) = browser(&base, &priya, 2);
        b.dispatch(add("big@x.com")).unwrap();
        let feed = docs(b.outgoing());
        backend.0.borrow_mut().full = true;
        a.take_shared(&feed, "1".into());
        let stored = |b: &Memory| serde_json::from_str::<Sharing>(&b.load_shared_link().unwrap()).unwrap().since;
        assert_eq!(stored(&backend), "0", "the stored checkpoint stayed");
        assert!(a.sync_status().unwrap().not_saved.is_some());
        assert!(has(&a, "big@x.com"), "this tab goes on with it");
        backend.0.borrow_mut().full = false;
        a.take_shared(&[], "2".into());
        assert_eq!(stored(&backend), "2");
        assert!(a.sync_status().unwrap().not_saved.is_none());
        assert!(has(&reload(&backend), "big@x.com"), "kept once there was room");
    }

    /// Issue 25.4: a change refused because an earlier-sorting one took its place names that change and
    /// who made it.
    #[test]
    fn a_displaced_change_names_the_change_and_the_person_that_displaced_it() {
        let (base, dana, priya) = dana_and_priya();
        let (mut a, _) = browser(&base, &dana, 1);
        let (mut b, _) = browser(&base, &priya, 2);
        let tom = base.account.user_by_email("tom.becker@contoso-eng.com").unwrap();
        // Both remove Tom while offline; Dana's op sorts first.
        a.dispatch(Command::RemoveUsers { users: vec![tom] }).unwrap();
        b.dispatch(Command::RemoveUsers { users: vec![tom] }).unwrap();
        let (out_a, out_b) = (docs(a.outgoing()), docs(b.outgoing()));
        assert!(a.take_shared(&out_b, "2".into()).is_empty());
        let told = b.take_shared(&out_a, "2".into());
        assert_eq!(a.env.account, b.env.account);
        assert_eq!(told.len(), 1, "{told:?}");
        assert!(told[0].contains("It was displaced by Dana Reyes's change \"User removed\" (Tom Becker)"), "{told:?}");
        assert_eq!(b.sync_status().unwrap().refused, told);
    }

    /// Issue 25.5: a database that came back empty, restored from an older backup or swapped for another
    /// is never "synced".
    #[test]
    fn a_database_that_came_back_empty_restored_or_swapped_is_told_apart() {
        use crate::storage::shared::DatabaseChanged;
        let (base, dana, _) = dana_and_priya();
        let (mut a, backend) = browser(&base, &dana, 1);
        assert_eq!(a.check_database(Some("00aa00aa00aa00aa"), "0"), Ok(()), "a link learns its database once");
        assert_eq!(reload(&backend).sharing().unwrap().snapshot, "00aa00aa00aa00aa");
        a.take_shared(&[], "12-g1AAAA".into());
        assert_eq!(a.check_database(Some("00aa00aa00aa00aa"), "14-g1AAAB"), Ok(()));
        assert_eq!(a.check_database(None, "0"), Err(DatabaseChanged::Empty));
        assert_eq!(a.check_database(Some("ffff0000ffff0000"), "20"), Err(DatabaseChanged::Swapped));
        assert_eq!(a.check_database(Some("00aa00aa00aa00aa"), "3-g1AAAC"), Err(DatabaseChanged::Restored));
    }

    fn device_doc(s: &Session<Memory>, n: u32) -> Value {
        let d = &s.sharing().unwrap().device;
        serde_json::json!({ "_id": format!("device:{n}"), "type": "device", "device": d.id, "author": d.author })
    }

    /// `n` small ops in one chain, an email opened, by the person `s` acts as, from another device of theirs.
    fn emails_opened(s: &Session<Memory>, n: u64) -> Vec<Value> {
        let author = s.sharing().unwrap().device.author.clone();
        let device = format!("{author}~0000beef");
        let actor = Actor::User(s.actor().unwrap());
        let command = Command::MarkEmailRead { email: 1 };
        (1..=n)
            .map(|l| SharedOp {
                lamport: l,
                device: device.clone(),
                seq: l,
                author: author.clone(),
                actor,
                on: today(),
                at: None,
                ids: 4000 << 20,
                command: command.clone(),
            })
            .map(|op| serde_json::from_str(&op.to_doc()).unwrap())
            .collect()
    }

    fn checkpoint_docs(s: &Session<Memory>) -> Vec<Value> {
        let docs = s.checkpoints_out().iter().map(|(cp, state)| cp.to_doc(state.as_deref())).collect::<Vec<_>>();
        docs.iter().map(|d| serde_json::from_str(d).unwrap()).collect()
    }

    /// Issue 25.7: a checkpoint one admin makes and another vouches for becomes where both browsers start:
    /// the ops before it leave storage, a reload starts there too, and a change made before it that reaches
    /// the server later comes too late, for everyone, its author told.
    #[test]
    fn a_checkpoint_two_members_vouch_for_bounds_what_is_kept_and_refuses_what_comes_too_late() {
        let (base, dana, priya) = dana_and_priya();
        let (mut a, backend_a) = browser(&base, &dana, 1);
        let (mut b, backend_b) = browser(&base, &priya, 2);
        let devices = vec![device_doc(&a, 1), device_doc(&b, 2)];
        a.take_shared(&devices, "2".into());
        b.take_shared(&devices, "2".into());
        // Priya's change waits offline, made before the checkpoint.
        b.dispatch(add("offline.priya@x.com")).unwrap();
        let late = docs(b.outgoing());
        for email in ["one@x.com", "two@x.com", "three@x.com"] {
            a.dispatch(add(email)).unwrap();
        }
        let ops_a = docs(a.outgoing());
        assert_eq!(a.checkpoint_now(), Ok(3));
        let cp_a = checkpoint_docs(&a);
        assert!(cp_a[0]["_attachments"]["account.json"].is_object(), "the first word carries the account");
        a.pushed(
            &[ops_a.iter().chain(&cp_a).map(|d| d["_id"].as_str().unwrap().to_string()).collect::<Vec<_>>()].concat(),
            &[],
        );
        assert_eq!(a.sync_status().unwrap().checkpoint.0, 0, "one member's word is not enough");
        // Priya's browser reads Dana's ops and checkpoint, reaches the same account, and vouches too.
        let mut feed: Vec<Value> = ops_a.clone();
        feed.extend(cp_a.clone());
        b.take_shared(&feed, "6".into());
        let cp_b = checkpoint_docs(&b);
        assert_eq!(cp_b.len(), 1);
        assert!(cp_b[0]["_attachments"]["account.json"].is_object(), "every word carries the account");
        assert_eq!(cp_b[0]["hash"], cp_a[0]["hash"]);
        b.pushed(&[cp_b[0]["_id"].as_str().unwrap().to_string()], &[]);
        let before = backend_a.0.borrow().shared.clone();
        for s in [&mut a, &mut b] {
            s.take_shared(&cp_b, "7".into());
            assert_eq!(s.sync_status().unwrap().checkpoint.0, 3, "started from the checkpoint");
        }
        // Had the tab died after writing the new snapshot and before its link and ops, a reload still
        // starts from the checkpoint, every op once.
        let after = std::mem::replace(&mut backend_a.0.borrow_mut().shared, before);
        let crashed = reload(&backend_a);
        assert_eq!(crashed.env.account, a.env.account);
        assert_eq!(crashed.sync_status().unwrap().checkpoint.0, 3);
        backend_a.0.borrow_mut().shared = after;
        // Dana's ops left Dana's storage; a reload starts from the checkpoint.
        assert!(backend_a.0.borrow().shared.as_ref().unwrap().1.is_empty());
        let again = reload(&backend_a);
        assert_eq!(again.sync_status().unwrap().checkpoint.0, 3);
        assert_eq!(again.env.account, a.env.account);
        assert!(has(&again, "three@x.com"));
        // Priya's offline change was made before the checkpoint: hers goes again after it, as the same change.
        assert!(has(&b, "offline.priya@x.com"));
        let resent = docs(b.outgoing());
        assert_eq!(resent.len(), 1);
        assert_ne!(resent[0]["_id"], late[0]["_id"]);
        assert!(resent[0]["lamport"].as_u64().unwrap() > 3);
        assert!(reload(&backend_b).sync_status().unwrap().waiting == 1);
        // Her old op had reached the server all the same (from another tab): it comes too late everywhere.
        let told = a.take_shared(&late, "8".into());
        assert!(!has(&a, "offline.priya@x.com"), "too late for every browser");
        assert!(told.is_empty(), "only its author is told: {told:?}");
        let told = b.take_shared(&late, "8".into());
        assert!(told.iter().any(|t| t.contains("came too late")), "{told:?}");
        a.take_shared(&resent, "9".into());
        b.take_shared(&resent, "9".into());
        assert_eq!(a.env.account, b.env.account);
        assert!(has(&a, "offline.priya@x.com"), "the change itself is kept");
    }

    /// A browser whose account differs at the checkpoint (it applied a change the others never had) fetches
    /// the checkpoint's account, checked against its checksum, and starts from it.
    #[test]
    fn a_browser_whose_account_differs_starts_from_the_checkpoint_the_others_vouched_for() {
        use crate::storage::shared::{state_hash, Checkpoint};
        let (base, dana, priya) = dana_and_priya();
        let (mut a, _) = browser(&base, &dana, 1);
        let (mut b, _) = browser(&base, &priya, 2);
        a.dispatch(add("agreed@x.com")).unwrap();
        let ops = docs(a.outgoing());
        b.take_shared(&ops, "1".into());
        b.dispatch(add("only.here@x.com")).unwrap();
        // It reached the server, but after the others had made their checkpoint without it.
        let sent = b.outgoing();
        b.pushed(&[sent[0].0.clone()], &[]);
        let state = a.env.account.clone();
        let (hash, text) = state_hash(&state);
        let vouch = |author: &str, device: &str, carries: bool| -> Value {
            let cp =
                Checkpoint { lamport: 2, device: device.into(), author: author.into(), hash: hash.clone(), ops: 1 };
            serde_json::from_str(&cp.to_doc(carries.then_some("e30="))).unwrap()
        };
        let sam = "sam.okafor@contoso-eng.com";
        let device = |n: u32, author: &str, hex: &str| serde_json::json!({ "_id": format!("device:{n}"), "type": "device", "device": format!("{author}~{hex}"), "author": author });
        // One member's word, even from two devices of hers, is not enough; a member without a device here
        // counts for nothing.
        let (d1, d2) = (format!("{dana}~00000001"), format!("{dana}~00000009"));
        b.take_shared(
            &[vouch(&dana, &d1, true), vouch(&dana, &d2, true), vouch(sam, &format!("{sam}~00000003"), false)],
            "3".into(),
        );
        assert_eq!(b.fetch_needed(), None);
        let feed = vec![device(1, &dana, "00000001"), device(3, sam, "00000003")];
        b.take_shared(&feed, "4".into());
        let fetch = b.fetch_needed().expect("its own account differs: it fetches the checkpoint's");
        assert!(b.adopt_fetched(&fetch, "{}").is_err(), "a text that is not the checksummed account is refused");
        let told = b.adopt_fetched(&fetch, &text).unwrap();
        assert!(told[0].contains("starts from the one the others vouched for"), "{told:?}");
        assert_eq!(b.sync_status().unwrap().checkpoint.0, 2);
        assert!(has(&b, "agreed@x.com"));
    }

    /// A browser that shared before device names carried their author moves to a device of its own name
    /// (claimed on the server), its waiting change going under it; a reload keeps it.
    #[test]
    fn a_device_named_before_issue_25_moves_to_one_carrying_its_author() {
        let (base, dana, _) = dana_and_priya();
        let backend = Memory::default();
        let mut s = reload(&backend);
        let old = Device::new("0000000a".into(), 1, dana.clone());
        s.join(Sharing::new("http://127.0.0.1:5984".into(), "contoso".into(), old), base.clone(), &[]).unwrap();
        s.dispatch(add("waiting@x.com")).unwrap();
        s.rename_device(device(&dana, 7));
        let out = docs(s.outgoing());
        assert_eq!(out.len(), 1);
        assert_eq!(out[0]["device"], format!("{dana}~00000007"));
        assert!(has(&s, "waiting@x.com"));
        let again = reload(&backend);
        assert_eq!(again.sharing().unwrap().device.id, format!("{dana}~00000007"));
        assert_eq!(again.sync_status().unwrap().waiting, 1);
        assert!(has(&again, "waiting@x.com"));
    }

    /// A long feed in batches: both browsers vouch for each checkpoint as they pass it and start from the
    /// newest, so what each keeps stays bounded however many ops the database holds.
    #[test]
    fn checkpoints_keep_up_with_a_long_feed_read_in_batches() {
        let (base, dana, priya) = dana_and_priya();
        let (mut a, backend_a) = browser(&base, &dana, 1);
        let (mut b, _) = browser(&base, &priya, 2);
        let mut feed: Vec<Value> = vec![device_doc(&a, 1), device_doc(&b, 2)];
        let ops = emails_opened(&a, 5500);
        let (mut at_a, mut at_b) = (0, 0);
        let mut ops = ops.chunks(700);
        for _ in 0..40 {
            // The ops arrive on the server while the browsers read it.
            feed.extend(ops.next().unwrap_or_default().iter().cloned());
            for (s, at) in [(&mut a, &mut at_a), (&mut b, &mut at_b)] {
                let end = (*at + 1000).min(feed.len());
                let batch = feed[*at..end].to_vec();
                *at = end;
                s.take_shared(&batch, end.to_string());
                let sent: Vec<Value> = checkpoint_docs(s);
                s.pushed(&sent.iter().map(|d| d["_id"].as_str().unwrap().to_string()).collect::<Vec<_>>(), &[]);
                feed.extend(sent);
            }
        }
        for s in [&a, &b] {
            let status = s.sync_status().unwrap();
            assert!(status.checkpoint.0 >= 5000, "started from {}", status.checkpoint.0);
            assert!(status.since_checkpoint <= 1000, "keeps {}", status.since_checkpoint);
        }
        assert!(backend_a.0.borrow().shared.as_ref().unwrap().1.len() <= 1000);
    }

    /// Review of issue 25: sharing again into an emptied database keeps no op of the old one, so a reload
    /// does not apply them twice.
    #[test]
    fn sharing_again_into_an_emptied_database_keeps_no_op_of_the_old_one() {
        let (base, dana, _) = dana_and_priya();
        let (mut a, backend) = browser(&base, &dana, 1);
        a.dispatch(add("old@x.com")).unwrap();
        let env = a.env.clone();
        a.share(Sharing::new("http://127.0.0.1:5984".into(), "contoso".into(), device(&dana, 5)), env).unwrap();
        assert!(backend.0.borrow().shared.as_ref().unwrap().1.is_empty(), "no op of the old database");
        let again = reload(&backend);
        assert_eq!(again.env.account, a.env.account);
        assert!(has(&again, "old@x.com"));
    }

    /// Review of issue 25: a member's junk word at a multiple of CHECKPOINT_EVERY does not stop the honest
    /// browsers giving their own there.
    #[test]
    fn a_junk_first_word_does_not_stop_checkpoints() {
        use crate::storage::shared::Checkpoint;
        let (base, dana, priya) = dana_and_priya();
        let (mut a, _) = browser(&base, &dana, 1);
        let junk = Checkpoint {
            lamport: 1000,
            device: format!("{priya}~0000dead"),
            author: priya,
            hash: "0123456789abcdef".into(),
            ops: 0,
        };
        let mut feed = vec![serde_json::from_str::<Value>(&junk.to_doc(None)).unwrap()];
        feed.extend(emails_opened(&a, 1100));
        a.take_shared(&feed, "1101".into());
        let words: Vec<u64> = a.checkpoints_out().iter().map(|(cp, _)| cp.lamport).collect();
        assert_eq!(words, vec![1000]);
    }
}
