//! What Classic User Management shows: the filtered list (rule 58), Edit Access seat counts (rules 9–14),
//! the Remove confirmation (rule 7) and the export (rule 59).
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::*;
use contract_console::domain::read::access::{access_of, edit_access_view};
use contract_console::domain::read::export::{
    neutralise, push_record, push_team_users, push_users, team_users_csv, users_csv, EXPORT_COLUMNS, TEAM_USER_COLUMNS,
};
use contract_console::domain::read::team::{team_user_ids, team_user_rows, TeamUserFilter};
use contract_console::domain::read::user_list::user_rows;
use contract_console::domain::read::user_list::{classic_user_list, UserFilter};
use contract_console::domain::*;
use std::collections::BTreeSet;

const PLAN: &str = "110012345678";

fn names(acc: &Account, f: UserFilter) -> Vec<String> {
    classic_user_list(acc, &f, today()).into_iter().map(|r| r.name).collect()
}

#[test]
fn rule_58_the_list_filters_by_contract_product_service_benefit_role_and_text() {
    let acc = demo();
    let product = |p: &str| UserFilter { contract: Some(no(PLAN)), product: Some(p.into()), ..Default::default() };
    assert_eq!(names(&acc, product("Civil 3D")), ["Jonas Berg", "Mei Chen"]);
    let revit_anywhere = UserFilter { product: Some("Revit".into()), ..Default::default() };
    assert_eq!(names(&acc, revit_anywhere).len(), 6, "five stand-alone seats and one AEC Collection");
    let service = UserFilter { service: Some("Cloud Rendering".into()), ..Default::default() };
    assert!(names(&acc, service).contains(&"Ravi Patel".to_string()));
    let benefit = UserFilter { benefit: Some("Web support".into()), ..Default::default() };
    assert_eq!(names(&acc, benefit), ["Dana Reyes", "Marcus Lee", "Priya Natarajan", "Tom Becker"]);
    let coordinators = UserFilter { role: Some(ClassicRole::SoftwareCoordinator), ..Default::default() };
    assert_eq!(names(&acc, coordinators), ["Marcus Lee", "Priya Natarajan"]);
    let text = UserFilter { text: "  BECKER ".into(), ..Default::default() };
    assert_eq!(names(&acc, text), ["Tom Becker"]);
    let none = UserFilter {
        contract: Some(no("110099990000")),
        role: Some(ClassicRole::ContractManager),
        ..Default::default()
    };
    assert!(names(&acc, none).is_empty());
    // The CM is listed first, team-only people not at all (rule 63).
    let all = names(&acc, UserFilter::default());
    assert_eq!(all[0], "Dana Reyes");
    assert_eq!(all.len(), 38);
    assert!(!all.contains(&"Rosa Jimenez".to_string()));
}

#[test]
fn edit_access_shows_the_cm_every_line_and_a_coordinator_only_theirs() {
    let acc = demo();
    let luis = user(&acc, "Luis Ortega");
    let dana_view = edit_access_view(&acc, user(&acc, "Dana Reyes"), &[luis], today());
    assert_eq!(dana_view.len(), 6);
    let priya_view = edit_access_view(&acc, user(&acc, "Priya Natarajan"), &[luis], today());
    assert_eq!(priya_view.len(), 1);
    let products: Vec<&str> = priya_view[0].lines.iter().map(|l| l.product.as_str()).collect();
    assert_eq!(products, ["Revit", "Navisworks Manage"]);
    let autocad = &dana_view.iter().find(|c| c.number.as_str() == PLAN).unwrap().lines[0];
    assert_eq!(
        (autocad.product.as_str(), autocad.now.places as usize, autocad.others, autocad.selected_holding),
        ("AutoCAD", 5, 3, 1)
    );
    assert_eq!(
        autocad.common,
        Some(BTreeSet::from(["Autodesk Drive".into(), "AutoCAD web app".into(), "Cloud Storage".into()]))
    );
}

#[test]
fn rule_9_live_seat_counts_follow_the_draft_for_every_selected_user() {
    let acc = demo();
    let (luis, kenji) = (user(&acc, "Luis Ortega"), user(&acc, "Kenji Tanaka"));
    let view = edit_access_view(&acc, user(&acc, "Dana Reyes"), &[luis, kenji], today());
    let autocad = &view.iter().find(|c| c.number.as_str() == PLAN).unwrap().lines[0];
    assert_eq!(autocad.common, None, "Kenji holds no AutoCAD seat");
    assert_eq!(autocad.used_with(None, 2), 4);
    assert_eq!(autocad.used_with(Some(&Some(BTreeSet::new())), 2), 5);
    assert_eq!(autocad.used_with(Some(&None), 2), 3);
    let network = view.iter().find(|c| c.multi_user).unwrap();
    assert_eq!(network.lines[0].now.places, 15, "3 named users per multi-user seat");
}

#[test]
fn rules_9_13_the_live_check_of_edit_access_is_the_check_save_applies() {
    // Issue 16.8 / 19.2: one rule in one place; the refusal names what is needed and what is available.
    let mut acc = demo();
    let dana = user(&acc, "Dana Reyes");
    let picked: Vec<UserId> = ["Ben Carter", "Arjun Mehta", "Kenji Tanaka"].iter().map(|n| user(&acc, n)).collect();
    let view = edit_access_view(&acc, dana, &picked, today());
    let plan = view.iter().find(|c| c.number == no("110012345678")).unwrap();
    let revit = plan.lines.iter().find(|l| l.product == "Revit").unwrap();
    let live = revit.check(&plan.number, Access::SingleUser, picked.len()).unwrap_err();
    let save =
        act!(acc, "Dana Reyes", edit(picked.clone(), vec![give(&acc, "110012345678", "Revit", &[])])).unwrap_err();
    assert_eq!(live, save);
    assert_eq!(
        save.to_string(),
        "Revit on contract 110012345678: 3 seats are needed and 1 is available; unassign someone, select fewer users or buy more seats."
    );
    // Support benefits: 6 places per purchased seat; 110099990000 has 2 seats, so 12 places.
    let many: Vec<UserId> = acc.users.iter().filter(|(_, u)| u.classic.is_some()).map(|(id, _)| *id).take(13).collect();
    let view = edit_access_view(&acc, dana, &many, today());
    let store = view.iter().find(|c| c.number == no("110099990000")).unwrap();
    let live = store.benefit_check(many.len()).unwrap_err();
    assert_eq!(store.benefit_places(5), "7 of 12 support places available (6 per seat)", "the count Edit Access shows");
    assert_eq!(store.benefit_places(13), "0 of 12 support places available (6 per seat)");
    let benefit = *acc.contracts[&no("110099990000")].benefits.keys().next().unwrap();
    let cmd = Command::EditAccess {
        users: many,
        lines: vec![],
        benefits: vec![BenefitAccess { contract: no("110099990000"), benefits: BTreeSet::from([benefit]) }],
    };
    assert_eq!(act!(acc, "Dana Reyes", cmd).unwrap_err(), live);
    assert!(live.to_string().contains("13 places are needed and 12 are available"), "{live}");
}

#[test]
fn rule_7_the_remove_confirmation_lists_exactly_what_is_lost() {
    let acc = demo();
    assert_eq!(
        access_of(&acc, user(&acc, "Tom Becker")),
        [
            "AutoCAD 2026 on contract 110012345678 with AutoCAD web app, Autodesk Drive, Cloud Storage",
            "Support benefits on contract 110012345678: Web support",
        ]
    );
    assert!(access_of(&acc, user(&acc, "Ben Carter")).is_empty());
}

#[test]
fn rule_59_export_writes_a_row_per_product_and_neutralises_formulas() {
    let mut acc = demo();
    let cmd =
        Command::AddUser { email: "evil@x.com".into(), first_name: "=HYPERLINK(\"x\")".into(), last_name: "+1".into() };
    act!(acc, "Dana Reyes", cmd).unwrap();
    let rows = classic_user_list(&acc, &UserFilter::default(), today());
    let csv = users_csv(&acc, &rows, today());
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "First name,Last name,Email,Role,Status,Contract number,Serial number,Product,Services,Benefits,Access"
    );
    assert!(csv.contains("Tom,Becker,tom.becker@contoso-eng.com,User,Active,110012345678,399-11111111,AutoCAD,AutoCAD web app; Autodesk Drive; Cloud Storage,Web support,Yes"));
    assert!(csv.contains("\"'=HYPERLINK(\"\"x\"\")\",'+1,evil@x.com,User,Pending,,,,,,"));
    let dana_rows = csv.lines().filter(|l| l.starts_with("Dana,")).count();
    assert_eq!(dana_rows, 2, "AutoCAD and BIM 360 Team");
    // Rule 46 (issue 16.2): once Suspended, the row says the seat gives no access.
    let later = users_csv(&acc, &rows, today() + chrono::Duration::days(13));
    assert!(later.contains("Yusuf,Demir,yusuf.demir@contoso-eng.com,User,Active,110099990000,564-88888888,3ds Max,Cloud Rendering; Cloud Storage,,No: contract Suspended"));
    assert!(
        csv.contains("110099990000,564-88888888,3ds Max,Cloud Rendering; Cloud Storage,,Yes"),
        "Expired still gives access"
    );
    // A plain negative number stays a number (issue 26: "-10 days" in the renewals export); anything more is
    // a formula to neutralise.
    assert_eq!(neutralise("-2"), "-2");
    assert_eq!(neutralise("-2+3"), "'-2+3");
    assert_eq!(neutralise("-"), "'-");
    assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
    assert_eq!(neutralise("Jane"), "Jane");
}

/// Issue 32.5: an export built a slice of users at a time (so the page never freezes) is the export built at once.
#[test]
fn issue_32_an_export_built_in_slices_is_the_export_built_at_once() {
    let acc = contract_console::storage::scale::scale_account(1_000, 20, today());
    let ids: Vec<UserId> = classic_user_list(&acc, &UserFilter::default(), today()).into_iter().map(|r| r.id).collect();
    let mut sliced = String::new();
    push_record(&mut sliced, EXPORT_COLUMNS);
    for chunk in ids.chunks(97) {
        push_users(&mut sliced, &acc, &user_rows(&acc, chunk, today()), today());
    }
    assert_eq!(sliced, users_csv(&acc, &user_rows(&acc, &ids, today()), today()));
    assert!(sliced.lines().count() > ids.len(), "a row per product held");
    let t = *acc.teams.keys().next().unwrap();
    let members = team_user_ids(&acc, acc.teams[&t].primary_admin().unwrap(), t, &TeamUserFilter::default());
    let mut sliced = String::new();
    push_record(&mut sliced, TEAM_USER_COLUMNS);
    for chunk in members.chunks(97) {
        push_team_users(
            &mut sliced,
            "T",
            &team_user_rows(&acc, acc.teams[&t].primary_admin().unwrap(), t, chunk, today()),
        );
    }
    assert_eq!(
        sliced,
        team_users_csv("T", &team_user_rows(&acc, acc.teams[&t].primary_admin().unwrap(), t, &members, today()))
    );
    assert!(members.len() > 97);
}
