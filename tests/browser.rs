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
        local::Found::Account(back) => assert_eq!(back, env),
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
    // The first run saved the demo account.
    assert!(storage().get_item(KEY).unwrap().unwrap().contains("Contoso Engineering"));
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
