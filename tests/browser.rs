//! Browser tests (wasm-bindgen-test in headless Chromium): real local storage and the mounted shell.
#![cfg(target_arch = "wasm32")]

use contract_console::storage::{local, scale::scale_account, seed, Envelope, DAMAGED_KEY, KEY};
use contract_console::ui::App;
use leptos::{mount::mount_to, prelude::*, task::tick};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn storage() -> web_sys::Storage {
    window().local_storage().unwrap().unwrap()
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

#[wasm_bindgen_test]
fn the_account_round_trips_through_real_local_storage() {
    storage().clear().unwrap();
    let mut env = Envelope::new(seed::demo_account(today()));
    env.revision = 7;
    local::save(&env).unwrap();
    assert!(storage().get_item(KEY).unwrap().unwrap().starts_with("{\"schema\":1"));
    match local::load() {
        local::Found::Account(back) => assert_eq!(back.base, env),
        _ => panic!("the saved account did not load"),
    }
}

#[wasm_bindgen_test]
fn unreadable_stored_text_is_kept_not_discarded() {
    storage().clear().unwrap();
    storage().set_item(KEY, "{ half an account").unwrap();
    assert!(matches!(local::load(), local::Found::Problem(_)));
    assert_eq!(storage().get_item(DAMAGED_KEY).unwrap().as_deref(), Some("{ half an account"));
    assert_eq!(storage().get_item(KEY).unwrap().as_deref(), Some("{ half an account"));
}

async fn mounted() -> web_sys::HtmlElement {
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let host: web_sys::HtmlElement = host.unchecked_into();
    std::mem::forget(mount_to(host.clone(), App));
    tick().await;
    host
}

#[wasm_bindgen_test]
async fn the_shell_mounts_with_the_navigation_and_the_seed_account() {
    storage().clear().unwrap();
    let host = mounted().await;
    let nav = host.query_selector("nav[aria-label='Main']").unwrap().expect("the main navigation");
    let text = nav.text_content().unwrap();
    for link in [
        "Home",
        "Products & Services",
        "By User",
        "By Product",
        "By Group",
        "Classic User Management",
        "Contracts & Subscriptions",
        "Reporting",
        "Outbox",
    ] {
        assert!(text.contains(link), "navigation lacks {link}");
    }
    assert!(host.text_content().unwrap().contains("Contoso Engineering"));
    let viewing: web_sys::HtmlSelectElement = host.query_selector("#viewing-as").unwrap().unwrap().unchecked_into();
    let chosen = viewing.selected_options().item(0).unwrap().text_content().unwrap();
    assert_eq!(chosen, "Dana Reyes — Contract Manager");
    // The first run saved the demo account, packed (a third of the characters or fewer).
    let stored = storage().get_item(KEY).unwrap().unwrap();
    let account = decode(&stored).unwrap().account;
    assert_eq!(account.company, "Contoso Engineering");
    assert!(stored.chars().count() * 3 < contract_console::storage::encode(&decode(&stored).unwrap()).len());
    host.remove();
}

#[wasm_bindgen_test]
async fn ten_thousand_users_are_listed_a_page_at_a_time() {
    storage().clear().unwrap();
    local::save(&Envelope::new(scale_account(10_000, 200, today()))).unwrap();
    let history = window().history().unwrap();
    history.push_state_with_url(&JsValue::NULL, "", Some("/users/classic")).unwrap();
    let host = mounted().await;
    let text = host.text_content().unwrap();
    assert!(text.contains("10000 users"), "the count covers every user");
    assert!(text.contains("Page 1 of 200"));
    assert_eq!(host.query_selector_all("tbody tr").unwrap().length(), 50, "one page of rows is rendered");
    history.push_state_with_url(&JsValue::NULL, "", Some("/")).unwrap();
    host.remove();
    storage().clear().unwrap();
}

use contract_console::domain::Command;
use contract_console::storage::decode;
use contract_console::storage::session::StorageError;
use contract_console::ui::console::StorageState;
use contract_console::ui::Console;

/// A console started the way the app starts it, outside any page.
fn start_console() -> Console {
    let owner = Owner::new();
    let console = owner.with(Console::start);
    std::mem::forget(owner);
    console
}

fn add(console: &Console, n: u32) -> Result<(), String> {
    let cmd = Command::AddUser { email: format!("p{n}@x.com"), first_name: "Pat".into(), last_name: format!("Doe{n}") };
    console.dispatch(cmd).map(|_| ()).map_err(|e| e.to_string())
}

#[wasm_bindgen_test]
async fn corrupt_data_is_kept_and_nothing_changes_until_the_admin_chooses() {
    storage().clear().unwrap();
    storage().set_item(KEY, "{\"schema\":1,\"account\":").unwrap();
    history_reset();
    let host = mounted().await;
    let text = host.text_content().unwrap();
    assert!(text.contains("The saved account can't be read"), "{text}");
    assert!(text.contains("Download damaged data") && text.contains("Start from the demo account"));
    assert_eq!(storage().get_item(DAMAGED_KEY).unwrap().as_deref(), Some("{\"schema\":1,\"account\":"));
    assert_eq!(storage().get_item(KEY).unwrap().as_deref(), Some("{\"schema\":1,\"account\":"), "not overwritten");
    let start_over =
        host.query_selector_all(".banner button").unwrap().item(1).unwrap().unchecked_into::<web_sys::HtmlElement>();
    start_over.click();
    tick().await;
    assert!(decode(&storage().get_item(KEY).unwrap().unwrap()).is_ok(), "the demo account is saved");
    assert!(storage().get_item(DAMAGED_KEY).unwrap().is_some(), "the damaged copy is still kept");
    host.remove();
}

fn history_reset() {
    window().session_storage().unwrap().unwrap().clear().unwrap();
}

#[wasm_bindgen_test]
fn a_full_storage_keeps_the_change_in_memory_and_the_stored_copy_intact() {
    storage().clear().unwrap();
    history_reset();
    let mut env = Envelope::new(seed::demo_account(today()));
    env.revision = 1;
    local::save(&env).unwrap();
    let console = start_console();
    let stored = storage().get_item(KEY).unwrap().unwrap();
    // Fill what is left of the quota.
    let mut chunk = "x".repeat(1 << 20);
    let mut i = 0;
    while !chunk.is_empty() {
        if storage().set_item(&format!("filler-{i}"), &chunk).is_err() {
            chunk.truncate(chunk.len() / 2);
        }
        i += 1;
    }
    add(&console, 1).unwrap();
    assert_eq!(console.storage.get_untracked(), StorageState::NotSaved(StorageError::Full));
    assert_eq!(storage().get_item(KEY).unwrap().unwrap(), stored, "no partial write");
    assert!(console.env.with_untracked(|e| e.account.user_by_email("p1@x.com").is_some()), "kept in memory");
    storage().clear().unwrap();
}

#[wasm_bindgen_test]
fn blocked_storage_runs_in_memory_with_a_banner() {
    let blocked = js_sys::Function::new_no_args("throw new DOMException('blocked', 'SecurityError')");
    let descriptor = js_sys::Object::new();
    js_sys::Reflect::set(&descriptor, &"get".into(), &blocked).unwrap();
    js_sys::Reflect::set(&descriptor, &"configurable".into(), &true.into()).unwrap();
    let original = js_sys::Object::get_own_property_descriptor(&window(), &"localStorage".into());
    js_sys::Object::define_property(&window(), &"localStorage".into(), &descriptor);
    let console = start_console();
    let state = console.storage.get_untracked();
    add(&console, 2).unwrap();
    if original.is_undefined() {
        js_sys::Reflect::delete_property(&window(), &"localStorage".into()).unwrap();
    } else {
        js_sys::Object::define_property(&window(), &"localStorage".into(), &original.unchecked_into());
    }
    assert_eq!(state, StorageState::Unavailable);
    assert!(console.env.with_untracked(|e| e.account.user_by_email("p2@x.com").is_some()));
}

#[wasm_bindgen_test]
async fn another_tabs_save_arrives_through_the_storage_event() {
    storage().clear().unwrap();
    history_reset();
    window().history().unwrap().push_state_with_url(&JsValue::NULL, "", Some("/users/classic?q=zed")).unwrap();
    let host = mounted().await;
    assert!(host.text_content().unwrap().contains("0 users"));
    // Another tab adds Zed Quinn and saves a newer revision.
    let mut other = decode(&storage().get_item(KEY).unwrap().unwrap()).unwrap();
    let dana = other.viewing_as.unwrap();
    let cmd = Command::AddUser { email: "zed@x.com".into(), first_name: "Zed".into(), last_name: "Quinn".into() };
    contract_console::domain::apply(&mut other.account, contract_console::domain::Actor::User(dana), cmd, today())
        .unwrap();
    other.revision += 5;
    local::save(&other).unwrap();
    let init = web_sys::StorageEventInit::new();
    init.set_key(Some(KEY));
    let event = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
    window().dispatch_event(&event).unwrap();
    tick().await;
    let text = host.text_content().unwrap();
    assert!(text.contains("Zed Quinn") && text.contains("1 user"), "{text}");
    window().history().unwrap().push_state_with_url(&JsValue::NULL, "", Some("/")).unwrap();
    host.remove();
}

#[wasm_bindgen_test]
fn data_from_a_newer_console_is_shown_read_only_and_never_overwritten() {
    storage().clear().unwrap();
    history_reset();
    let newer = include_str!("fixtures/schema-2-from-a-newer-console.json");
    storage().set_item(KEY, newer).unwrap();
    let console = start_console();
    assert!(matches!(console.storage.get_untracked(), StorageState::Newer(why) if why.contains("read-only")));
    assert_eq!(console.env.with_untracked(|e| e.account.contracts.len()), 6, "its account is shown");
    let refused = add(&console, 3).unwrap_err();
    assert!(refused.contains("newer version"), "{refused}");
    assert_eq!(storage().get_item(KEY).unwrap().as_deref(), Some(newer), "never overwritten");
    storage().clear().unwrap();
}
