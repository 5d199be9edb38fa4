//! Industry Collections (issue 7): one seat grants every product of the bundle; a collection seat and a
//! stand-alone seat of a product in it are held together only on purpose; Products & Services per person.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::*;
use contract_console::domain::read::my_products::{managed_lines, my_products, MyProducts, NoAccess};
use contract_console::domain::read::user_list::{classic_user_list, UserFilter};
use contract_console::domain::*;

const AEC: &str = "Architecture, Engineering & Construction Collection";
const AEC_CONTRACT: &str = "110077778888";
const PLAN: &str = "110012345678";

#[test]
fn a_collection_takes_one_seat_and_is_never_over_assigned() {
    let mut acc = demo();
    assert_eq!(holders(&acc, AEC_CONTRACT, AEC), 1);
    let new = add_users(&mut acc, 3);
    act!(acc, "Dana Reyes", edit(vec![new[0]], vec![give(&acc, AEC_CONTRACT, AEC, &["Revit: Cloud Storage"])]))
        .unwrap();
    assert_eq!(holders(&acc, AEC_CONTRACT, AEC), 2, "one seat for five products");
    act!(acc, "Dana Reyes", edit(vec![new[1]], vec![give(&acc, AEC_CONTRACT, AEC, &[])])).unwrap();
    let err = act!(acc, "Dana Reyes", edit(vec![new[2]], vec![give(&acc, AEC_CONTRACT, AEC, &[])])).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("All 3 seats of {AEC} on contract {AEC_CONTRACT} are assigned; unassign someone or buy more seats.")
    );
    act!(acc, "Dana Reyes", edit(vec![new[0]], vec![take(&acc, AEC_CONTRACT, AEC)])).unwrap();
    act!(acc, "Dana Reyes", edit(vec![new[2]], vec![give(&acc, AEC_CONTRACT, AEC, &[])])).unwrap();
}

#[test]
fn a_collection_and_a_stand_alone_product_in_it_are_held_together_only_on_purpose() {
    let mut acc = demo();
    let daniel = user(&acc, "Daniel Novak"); // holds the collection
    let mut revit = give(&acc, PLAN, "Revit", &[]);
    let err = act!(acc, "Dana Reyes", edit(vec![daniel], vec![revit.clone()])).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("Daniel Novak would hold Revit twice: they already have it through {AEC} on contract {AEC_CONTRACT}. Tick \"Assign a separate seat anyway\" to take a second seat on purpose.")
    );
    revit.second_seat = true;
    act!(acc, "Dana Reyes", edit(vec![daniel], vec![revit])).unwrap();
    // And the other way round: Fatima holds Revit and is given the collection.
    let fatima = user(&acc, "Fatima Zahra");
    let mut aec = give(&acc, AEC_CONTRACT, AEC, &[]);
    let err = act!(acc, "Dana Reyes", edit(vec![fatima], vec![aec.clone()])).unwrap_err();
    assert!(matches!(err, DomainError::SecondSeat { .. }));
    aec.second_seat = true;
    act!(acc, "Dana Reyes", edit(vec![fatima], vec![aec])).unwrap();
}

#[test]
fn the_user_list_finds_collection_holders_by_each_product_in_it() {
    let acc = demo();
    let f = UserFilter { product: Some("3ds Max".into()), ..Default::default() };
    let names: Vec<String> = classic_user_list(&acc, &f, today()).into_iter().map(|r| r.name).collect();
    assert!(names.contains(&"Daniel Novak".to_string()));
}

#[test]
fn products_and_services_expand_a_collection_with_each_products_services() {
    let acc = demo();
    let mine = my_products_of(&acc, "Daniel Novak");
    let aec = mine.held.iter().find(|h| h.name == AEC).unwrap();
    let products: Vec<&str> = aec.products.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(products, ["Revit", "AutoCAD", "Civil 3D", "Navisworks Manage", "3ds Max"]);
    assert_eq!(aec.products[0].1, ["Cloud Rendering", "Cloud Storage"]);
    assert!(aec.download);
}

fn my_products_of(acc: &Account, name: &str) -> MyProducts {
    my_products(acc, user(acc, name), today())
}

#[test]
fn rule_12_named_users_see_a_multi_user_seats_cloud_services_not_the_network_product() {
    let acc = demo();
    let kenji = my_products_of(&acc, "Kenji Tanaka");
    assert!(kenji.held.is_empty(), "issue 16.10: no network product for a named user");
    assert_eq!(kenji.cloud_services, [(no("110087654321"), vec!["Cloud Storage".to_string()])]);
    // The coordinator of that serial number may download multi-user software (matrix): it is offered.
    let marcus = my_products_of(&acc, "Marcus Lee");
    let network = marcus.held.iter().find(|h| h.contract == no("110087654321")).unwrap();
    assert!(network.download && network.network);
    assert!(marcus.cloud_services.is_empty());
}

#[test]
fn rule_46_a_suspended_contract_gives_no_access_an_expired_one_still_does() {
    let acc = demo();
    // 110099990000 (monthly) ended 10 days ago: Expired for 15 days, then Suspended.
    let yusuf = user(&acc, "Yusuf Demir");
    let now = my_products(&acc, yusuf, today());
    assert!(now.held.iter().any(|h| h.name == "3ds Max" && h.download));
    let later = my_products(&acc, yusuf, today() + chrono::Duration::days(13));
    assert!(later.held.is_empty(), "issue 16.2: no download while Suspended");
    assert_eq!(
        later.no_access,
        [NoAccess { contract: no("110099990000"), product: "3ds Max".into(), status: "Suspended" }]
    );
    let lines = managed_lines(&acc, user(&acc, "Dana Reyes"), today() + chrono::Duration::days(13));
    let suspended = lines.iter().find(|l| l.contract == no("110099990000")).unwrap();
    assert_eq!(suspended.seats.no_access.map(|s| s.label()), Some("Suspended"));
    assert!(lines.iter().filter(|l| l.contract != no("110099990000")).all(|l| l.seats.no_access.is_none()));
}

#[test]
fn nothing_assigned_names_the_people_to_ask_and_pending_users_must_accept_first() {
    let acc = demo();
    let mine = my_products_of(&acc, "Elena Petrova");
    assert!(mine.held.is_empty() && mine.benefits.is_empty());
    // The contract managers and coordinators, and the admins of Elena's team but herself (issue 30).
    assert_eq!(mine.admins, ["Dana Reyes", "Marcus Lee", "Priya Natarajan", "Sam Okafor"]);
    assert!(my_products_of(&acc, "Ben Carter").pending);
    let rosa = my_products_of(&acc, "Rosa Jimenez");
    assert!(!rosa.named_user);
    assert_eq!(rosa.team_products, [("Contoso Engineering".into(), "AutoCAD".into(), "from the team's pool".into())]);
}

#[test]
fn admins_see_the_lines_they_manage_with_who_holds_them() {
    let acc = demo();
    let lines = managed_lines(&acc, user(&acc, "Priya Natarajan"), today());
    let summary: Vec<(&str, usize, u32)> =
        lines.iter().map(|l| (l.product.as_str(), l.seats.used, l.seats.places)).collect();
    assert_eq!(summary, [("Revit", 3, 4), ("Navisworks Manage", 1, 2)]);
    assert_eq!(lines[1].holders, ["Sofia Rossi"]);
    assert_eq!(managed_lines(&acc, user(&acc, "Dana Reyes"), today()).len(), 12);
}
