//! The session natively, over a backend in memory: two tabs share its stored text, a reload is a new
//! session over the same backend.

use super::*;
use crate::storage::revision_of;
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Default)]
struct Stored {
    text: Option<String>,
    history: Option<String>,
    full: bool,
}

#[derive(Clone, Default)]
struct Memory(Rc<RefCell<Stored>>);

impl Backend for Memory {
    fn load(&mut self) -> Found {
        self.0.borrow().text.as_deref().map_or(Found::Nothing, Found::in_text)
    }
    fn save(&mut self, env: &Envelope) -> Result<(), StorageError> {
        let mut s = self.0.borrow_mut();
        if s.full {
            return Err(StorageError::Full);
        }
        s.text = Some(encode(env));
        Ok(())
    }
    fn stored_revision(&self) -> Option<u64> {
        revision_of(self.0.borrow().text.as_deref()?)
    }
    fn load_history(&self) -> History {
        self.0.borrow().history.as_deref().and_then(|h| serde_json::from_str(h).ok()).unwrap_or_default()
    }
    fn save_history(&mut self, history: &History) {
        self.0.borrow_mut().history = Some(serde_json::to_string(history).unwrap());
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

#[test]
fn the_first_run_saves_the_demo_account_with_its_notices() {
    let backend = Memory::default();
    let s = Session::start(backend.clone(), today());
    assert_eq!(s.storage, StorageState::Saving);
    assert_eq!(s.actor().map(|a| s.env.account.name_of(a)).as_deref(), Some("Dana Reyes"));
    assert!(backend.0.borrow().text.as_deref().is_some_and(|t| t.contains("renewal_notice")));
}

#[test]
fn a_second_tab_catches_up_before_it_applies_so_neither_change_is_lost() {
    let backend = Memory::default();
    let mut a = Session::start(backend.clone(), today());
    let mut b = Session::start(backend.clone(), today());
    a.dispatch(add("from.a@x.com")).unwrap();
    b.dispatch(add("from.b@x.com")).unwrap();
    assert!(has(&b, "from.a@x.com") && has(&b, "from.b@x.com"));
    let reloaded = Session::start(backend, today());
    assert!(has(&reloaded, "from.a@x.com") && has(&reloaded, "from.b@x.com"));
    assert!(b.history.undo.len() == 1, "the history from before the catch-up no longer applies");
}

#[test]
fn undo_works_across_a_reload_and_only_for_the_person_who_made_the_change() {
    let backend = Memory::default();
    let mut s = Session::start(backend.clone(), today());
    s.dispatch(add("undo.me@x.com")).unwrap();
    let mut s = Session::start(backend.clone(), today());
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
    assert!(!has(&Session::start(backend.clone(), today()), "undo.me@x.com"), "undone in storage too");
    assert_eq!(s.step(false), Ok(true));
    assert!(has(&s, "undo.me@x.com"));
}

#[test]
fn reading_an_email_is_no_undo_step() {
    let mut s = Session::start(Memory::default(), today());
    let unread = s.env.account.outbox.iter().position(|e| !e.read).unwrap();
    s.dispatch(Command::MarkEmailRead { email: unread }).unwrap();
    assert!(s.history.undo.is_empty());
}

#[test]
fn damaged_data_is_read_only_until_the_admin_starts_over() {
    let backend = Memory::default();
    backend.0.borrow_mut().text = Some("{ half an account".into());
    let mut s = Session::start(backend.clone(), today());
    assert!(matches!(s.storage, StorageState::Damaged(_)));
    assert!(matches!(s.dispatch(add("x@x.com")), Err(Refusal::ReadOnly(_))));
    assert_eq!(backend.0.borrow().text.as_deref(), Some("{ half an account"), "never overwritten");
    s.reset_demo().unwrap();
    assert_eq!(s.storage, StorageState::Saving);
    s.dispatch(add("x@x.com")).unwrap();
    assert!(has(&Session::start(backend, today()), "x@x.com"));
}

#[test]
fn newer_data_is_shown_read_only_and_never_overwritten() {
    let backend = Memory::default();
    let newer = encode(&Envelope::new(seed::demo_account(today()))).replacen("\"schema\":1", "\"schema\":9", 1);
    backend.0.borrow_mut().text = Some(newer.clone());
    let mut s = Session::start(backend.clone(), today());
    assert!(matches!(s.storage, StorageState::Newer(_)));
    assert!(s.env.account.company.contains("Contoso"), "today's format still reads it");
    assert!(matches!(s.dispatch(add("x@x.com")), Err(Refusal::ReadOnly(_))));
    s.set_as_of(Some(today() + chrono::Duration::days(3)));
    assert_eq!(backend.0.borrow().text.as_deref(), Some(newer.as_str()));
}

#[test]
fn a_full_storage_keeps_the_change_in_this_window_and_the_stored_copy_intact() {
    let backend = Memory::default();
    let mut s = Session::start(backend.clone(), today());
    let stored = backend.0.borrow().text.clone();
    backend.0.borrow_mut().full = true;
    s.dispatch(add("kept@x.com")).unwrap();
    assert_eq!(s.storage, StorageState::NotSaved(StorageError::Full));
    assert!(has(&s, "kept@x.com"));
    assert_eq!(backend.0.borrow().text, stored);
    backend.0.borrow_mut().full = false;
    s.dispatch(add("then@x.com")).unwrap();
    assert_eq!(s.storage, StorageState::Saving);
    assert!(has(&Session::start(backend, today()), "kept@x.com"), "the next save carries both");
}

#[test]
fn account_wide_actions_follow_the_matrix_and_reset_is_undoable() {
    let mut s = Session::start(Memory::default(), today());
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
