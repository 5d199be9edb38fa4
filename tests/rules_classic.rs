//! Classic rules 1–22, each proven through `apply` on the demo account.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::*;
use contract_console::domain::read::user_list::{classic_user_list, UserFilter};
use contract_console::domain::*;

const PLAN: &str = "110012345678";
const NETWORK: &str = "110087654321";

#[test]
fn rule_1_each_contract_has_exactly_one_contract_manager_and_one_person_may_manage_many() {
    let mut acc = demo();
    let dana = user(&acc, "Dana Reyes");
    assert!(acc.contracts.values().all(|c| c.contract_manager == dana));
    let tom = user(&acc, "Tom Becker");
    act!(acc, "Dana Reyes", Command::ChangeContractManager { contract: no(PLAN), user: tom }).unwrap();
    assert_eq!(acc.contracts[&no(PLAN)].contract_manager, tom);
    assert_eq!(acc.contracts.values().filter(|c| c.contract_manager == dana).count(), acc.contracts.len() - 1);
}

#[test]
fn rule_2_the_contract_manager_is_coordinator_where_none_is_named() {
    let acc = demo();
    let c = &acc.contracts[&no(PLAN)];
    assert_eq!(c.coordinator(&SerialNo::new("399-11111111")), Some(user(&acc, "Dana Reyes")));
    assert_eq!(c.coordinator(&SerialNo::new("399-22222222")), Some(user(&acc, "Priya Natarajan")));
}

#[test]
fn rule_3_only_the_contract_manager_assigns_software_coordinators() {
    let mut acc = demo();
    let tom = user(&acc, "Tom Becker");
    let cmd =
        Command::AssignCoordinator { contract: no(PLAN), serials: vec![SerialNo::new("399-11111111")], user: tom };
    let err = act!(acc, "Priya Natarajan", cmd.clone()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Priya Natarajan can't assign software coordinators: only the contract's contract manager can."
    );
    act!(acc, "Dana Reyes", cmd).unwrap();
}

#[test]
fn rule_4_one_coordinator_per_serial_number_the_old_one_loses_only_those() {
    let mut acc = demo();
    let (tom, priya) = (user(&acc, "Tom Becker"), user(&acc, "Priya Natarajan"));
    let cmd =
        Command::AssignCoordinator { contract: no(PLAN), serials: vec![SerialNo::new("399-22222222")], user: tom };
    act!(acc, "Dana Reyes", cmd).unwrap();
    let c = &acc.contracts[&no(PLAN)];
    assert_eq!(c.coordinator(&SerialNo::new("399-22222222")), Some(tom));
    assert!(!acc.is_named_coordinator(priya));
    assert_eq!(c.coordinator(&SerialNo::new("399-11111111")), Some(user(&acc, "Dana Reyes")));
    let notices: Vec<_> =
        acc.outbox.iter().filter(|e| e.kind == EmailKind::RoleChange).map(|e| e.to.as_str()).collect();
    assert_eq!(notices, ["tom.becker@contoso-eng.com", "priya.natarajan@contoso-eng.com"]);
    let again =
        Command::AssignCoordinator { contract: no(PLAN), serials: vec![SerialNo::new("399-22222222")], user: tom };
    assert!(matches!(act!(acc, "Dana Reyes", again), Err(DomainError::AlreadyCoordinator { .. })));
}

#[test]
fn rule_4_a_pending_user_cannot_become_coordinator() {
    let mut acc = demo();
    let ben = user(&acc, "Ben Carter");
    let cmd =
        Command::AssignCoordinator { contract: no(PLAN), serials: vec![SerialNo::new("399-11111111")], user: ben };
    assert!(matches!(act!(acc, "Dana Reyes", cmd), Err(DomainError::NotYetAccepted { .. })));
}

#[test]
fn rule_5_only_contract_managers_and_coordinators_manage_users() {
    let mut acc = demo();
    let cmd = Command::AddUser { email: "new@x.com".into(), first_name: "New".into(), last_name: "Person".into() };
    let err = act!(acc, "Tom Becker", cmd.clone()).unwrap_err();
    assert_eq!(err.to_string(), "Tom Becker can't add users: only a contract manager or software coordinator can.");
    act!(acc, "Marcus Lee", cmd).unwrap();
}

#[test]
fn rule_6_the_contract_manager_and_coordinators_cannot_be_removed() {
    let mut acc = demo();
    let dana = user(&acc, "Dana Reyes");
    let err = act!(acc, "Priya Natarajan", Command::RemoveUsers { users: vec![dana] }).unwrap_err();
    assert!(err.to_string().starts_with("Dana Reyes is the contract manager of 1100"));
    assert!(err.to_string().ends_with("make someone else contract manager first."));
    let priya = user(&acc, "Priya Natarajan");
    let err = act!(acc, "Dana Reyes", Command::RemoveUsers { users: vec![priya] }).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Priya Natarajan is the software coordinator of serial number 399-22222222; assign another software coordinator first."
    );
}

#[test]
fn rule_7_removing_a_user_drops_all_their_access_and_nobody_elses() {
    let mut acc = demo();
    let tom = user(&acc, "Tom Becker");
    let luis = user(&acc, "Luis Ortega");
    let autocad_before = holders(&acc, PLAN, "AutoCAD");
    act!(acc, "Dana Reyes", Command::RemoveUsers { users: vec![tom] }).unwrap();
    assert_eq!(holders(&acc, PLAN, "AutoCAD"), autocad_before - 1);
    assert!(acc.contracts.values().all(|c| !c.benefit_holders.contains_key(&tom)));
    assert!(acc.contracts[&no(PLAN)].lines[&line(&acc, PLAN, "AutoCAD")].holders.contains_key(&luis));
    // Tom's Autodesk account stays: he is still a member of the team (rules 7, 63).
    assert!(acc.users[&tom].classic.is_none());
    assert!(acc.teams.values().any(|t| t.members.contains_key(&tom)));
    // Luis belongs nowhere else, so his record goes with him.
    act!(acc, "Dana Reyes", Command::RemoveUsers { users: vec![luis] }).unwrap();
    assert!(!acc.users.contains_key(&luis));
}

#[test]
fn w4_removing_several_users_is_all_or_nothing() {
    // Issue 16.12 / 19.3: one command for several people; a protected one refuses the whole removal.
    let mut acc = demo();
    let (mei, jonas, priya) = (user(&acc, "Mei Chen"), user(&acc, "Jonas Berg"), user(&acc, "Priya Natarajan"));
    let err = act!(acc, "Dana Reyes", Command::RemoveUsers { users: vec![mei, priya, jonas] }).unwrap_err();
    assert!(matches!(err, DomainError::IsCoordinator { .. }));
    let events = act!(acc, "Dana Reyes", Command::RemoveUsers { users: vec![mei, jonas] }).unwrap();
    let removed: Vec<&Event> = events.iter().filter(|e| matches!(e, Event::UserRemoved { .. })).collect();
    assert_eq!(removed.len(), 2);
    assert_eq!(holders(&acc, PLAN, "Civil 3D"), 0);
}

#[test]
fn rule_8_a_new_products_seat_goes_to_the_coordinator_else_the_contract_manager() {
    let mut acc = demo();
    let add = |serial: &str| Command::AddProductLine {
        contract: no(PLAN),
        serial: SerialNo::new(serial),
        product: format!("Recap Pro {serial}"),
        release: "2027".into(),
        seats: 2,
        services: vec!["Cloud Storage".into()],
    };
    act!(acc, "Autodesk", add("399-22222222")).unwrap();
    act!(acc, "Autodesk", add("399-11111111")).unwrap();
    let c = &acc.contracts[&no(PLAN)];
    let holder =
        |p: &str| c.lines.values().find(|l| l.product == p).unwrap().holders.keys().copied().collect::<Vec<_>>();
    assert_eq!(holder("Recap Pro 399-22222222"), [user(&acc, "Priya Natarajan")]);
    assert_eq!(holder("Recap Pro 399-11111111"), [user(&acc, "Dana Reyes")]);
    // The welcome email goes to the contract manager, not to the coordinator.
    let welcome: Vec<&str> =
        acc.outbox.iter().filter(|e| e.kind == EmailKind::Welcome).map(|e| e.to.as_str()).collect();
    assert_eq!(welcome, ["dana.reyes@contoso-eng.com", "dana.reyes@contoso-eng.com"]);
}

#[test]
fn rule_9_seats_are_never_over_assigned_and_unassigning_frees_one() {
    let mut acc = demo();
    let autocad = |acc: &Account| holders(acc, PLAN, "AutoCAD");
    assert_eq!(autocad(&acc), 4);
    let new = add_users(&mut acc, 2);
    act!(acc, "Dana Reyes", edit(vec![new[0]], vec![give(&acc, PLAN, "AutoCAD", &["Cloud Storage"])])).unwrap();
    assert_eq!(autocad(&acc), 5);
    let err = act!(acc, "Dana Reyes", edit(vec![new[1]], vec![give(&acc, PLAN, "AutoCAD", &[])])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "All 5 seats of AutoCAD on contract 110012345678 are assigned; unassign someone or buy more seats."
    );
    act!(acc, "Dana Reyes", edit(vec![new[0]], vec![take(&acc, PLAN, "AutoCAD")])).unwrap();
    assert_eq!(autocad(&acc), 4);
    act!(acc, "Dana Reyes", edit(vec![new[1]], vec![give(&acc, PLAN, "AutoCAD", &[])])).unwrap();
}

#[test]
fn rule_9_the_seat_check_covers_every_selected_user_at_once() {
    let mut acc = demo();
    let new = add_users(&mut acc, 2);
    let err = act!(acc, "Dana Reyes", edit(new.clone(), vec![give(&acc, PLAN, "AutoCAD", &[])])).unwrap_err();
    assert!(matches!(err, DomainError::NoSeatLeft { seats: 5, .. }));
    assert!(new.iter().all(|u| !acc.contracts[&no(PLAN)].lines[&line(&acc, PLAN, "AutoCAD")].holders.contains_key(u)));
}

#[test]
fn rule_9_nothing_is_assigned_from_a_suspended_or_canceled_contract() {
    let mut acc = demo();
    let new = add_users(&mut acc, 1);
    let dana = Actor::User(user(&acc, "Dana Reyes"));
    let cmd = edit(new.clone(), vec![give(&acc, "110099990000", "3ds Max", &[])]);
    let err = act_on!(acc, dana, cmd.clone(), today() + chrono::Duration::days(10)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Contract 110099990000 is Suspended: nothing can be assigned from it until it is renewed."
    );
    let err = act_on!(acc, dana, cmd, today() + chrono::Duration::days(30)).unwrap_err();
    assert!(err.to_string().starts_with("Contract 110099990000 is Canceled: it can't be renewed"));
    // Expired (within 15 days) still gives full access (rule 46).
    act!(acc, "Dana Reyes", edit(new, vec![give(&acc, "110099990000", "3ds Max", &[])])).unwrap();
}

#[test]
fn rule_10_single_user_named_users_equal_seats_purchased() {
    let acc = demo();
    let c = &acc.contracts[&no(PLAN)];
    assert!(c.lines.values().all(|l| c.capacity(l) == l.seats));
}

#[test]
fn rule_11_a_multi_user_seat_gives_cloud_services_to_three_named_users() {
    let mut acc = demo();
    assert_eq!(holders(&acc, NETWORK, "AutoCAD"), 7);
    let new = add_users(&mut acc, 9);
    let err = act!(acc, "Dana Reyes", edit(new[..1].to_vec(), vec![give(&acc, NETWORK, "AutoCAD", &[])])).unwrap_err();
    assert_eq!(err, DomainError::NoServiceChosen { product: "AutoCAD".into() });
    act!(acc, "Dana Reyes", edit(new[..8].to_vec(), vec![give(&acc, NETWORK, "AutoCAD", &["Cloud Storage"])])).unwrap();
    assert_eq!(holders(&acc, NETWORK, "AutoCAD"), 15);
    let err = act!(acc, "Dana Reyes", edit(vec![new[8]], vec![give(&acc, NETWORK, "AutoCAD", &["Cloud Storage"])]))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "AutoCAD on contract 110087654321 already has its 15 named users (3 per multi-user seat); unassign someone first."
    );
}

#[test]
fn rule_12_multi_user_lines_grant_no_download() {
    let mut acc = demo();
    assert!(acc.contracts[&no(NETWORK)].lines.values().all(|l| !l.download));
    assert!(acc.contracts[&no(PLAN)].lines.values().all(|l| l.download));
    let cmd = Command::AddProductLine {
        contract: no(NETWORK),
        serial: SerialNo::new("562-55555555"),
        product: "Maya".into(),
        release: "2027".into(),
        seats: 1,
        services: vec!["Cloud Rendering".into()],
    };
    act!(acc, "Autodesk", cmd).unwrap();
    assert!(!acc.contracts[&no(NETWORK)].lines[&line(&acc, NETWORK, "Maya")].download);
}

#[test]
fn rule_13_support_benefits_go_to_at_most_six_users_per_seat() {
    let mut acc = demo();
    let store = "110099990000"; // 2 seats: 12 benefit holders at most
    let c = &acc.contracts[&no(store)];
    let web = *c.benefits.iter().find(|(_, n)| *n == "Web support").unwrap().0;
    assert_eq!(c.benefit_capacity(), 12);
    let new = add_users(&mut acc, 13);
    let benefit = |users: Vec<UserId>| Command::EditAccess {
        users,
        lines: vec![],
        benefits: vec![BenefitAccess { contract: no(store), benefits: [web].into() }],
    };
    act!(acc, "Dana Reyes", benefit(new[..12].to_vec())).unwrap();
    let err = act!(acc, "Dana Reyes", benefit(vec![new[12]])).unwrap_err();
    assert_eq!(err, DomainError::BenefitLimit { contract: store.into(), limit: 12, needed: 1, available: 0 });
}

#[test]
fn rule_14_services_one_at_a_time_or_assign_all() {
    let mut acc = demo();
    let new = add_users(&mut acc, 1)[0];
    act!(acc, "Dana Reyes", edit(vec![new], vec![give(&acc, PLAN, "Revit", &["Cloud Rendering"])])).unwrap();
    let revit = line(&acc, PLAN, "Revit");
    assert_eq!(acc.contracts[&no(PLAN)].lines[&revit].holders[&new].len(), 1);
    act!(acc, "Dana Reyes", Command::AssignAll { users: vec![new], contract: no(PLAN) }).unwrap();
    let c = &acc.contracts[&no(PLAN)];
    for l in c.lines.values() {
        assert_eq!(l.holders[&new].len(), l.services.len(), "{} not fully assigned", l.product);
    }
    let bad = edit(vec![new], vec![give(&acc, PLAN, "Revit", &["Teleportation"])]);
    assert_eq!(act!(acc, "Dana Reyes", bad).unwrap_err().to_string(), "Revit has no service called \"Teleportation\".");
}

#[test]
fn rule_14_a_coordinator_assigns_only_on_their_serial_numbers() {
    let mut acc = demo();
    let new = add_users(&mut acc, 1)[0];
    let err = act!(acc, "Priya Natarajan", edit(vec![new], vec![give(&acc, PLAN, "AutoCAD", &[])])).unwrap_err();
    assert!(matches!(err, DomainError::NotAllowed { .. }));
    act!(acc, "Priya Natarajan", edit(vec![new], vec![give(&acc, PLAN, "Revit", &[])])).unwrap();
    // Assign All as a coordinator covers just the lines they coordinate.
    act!(acc, "Priya Natarajan", Command::AssignAll { users: vec![new], contract: no(PLAN) }).unwrap();
    let c = &acc.contracts[&no(PLAN)];
    let held: Vec<&str> =
        c.lines.values().filter(|l| l.holders.contains_key(&new)).map(|l| l.product.as_str()).collect();
    assert_eq!(held, ["Revit", "Navisworks Manage"]);
}

#[test]
fn rule_15_the_autodesk_id_is_the_email_whatever_its_case() {
    let mut acc = demo();
    let cmd =
        Command::AddUser { email: " Jane.DOE@Example.com ".into(), first_name: "Jane".into(), last_name: "Doe".into() };
    act!(acc, "Dana Reyes", cmd).unwrap();
    assert_eq!(acc.users[&user(&acc, "Jane Doe")].email, "jane.doe@example.com");
    let again =
        Command::AddUser { email: "jane.doe@EXAMPLE.com".into(), first_name: "J".into(), last_name: "D".into() };
    assert_eq!(
        act!(acc, "Dana Reyes", again).unwrap_err().to_string(),
        "jane.doe@example.com is already a user (Jane Doe); each email can be added once."
    );
}

#[test]
fn rule_16_email_first_and_last_name_are_required() {
    let mut acc = demo();
    let add =
        |e: &str, f: &str, l: &str| Command::AddUser { email: e.into(), first_name: f.into(), last_name: l.into() };
    assert_eq!(act!(acc, "Dana Reyes", add("", "A", "B")).unwrap_err().to_string(), "Enter an email address.");
    assert_eq!(act!(acc, "Dana Reyes", add("a@b.com", "", "B")).unwrap_err().to_string(), "Enter a first name.");
    assert_eq!(act!(acc, "Dana Reyes", add("a@b.com", "A", " ")).unwrap_err().to_string(), "Enter a last name.");
    assert!(act!(acc, "Dana Reyes", add("a@b", "A", "B")).unwrap_err().to_string().contains("not a valid email"));
}

#[test]
fn rule_17_18_a_new_user_is_pending_with_no_access_until_they_accept() {
    let mut acc = demo();
    let new = add_users(&mut acc, 1)[0];
    let rows = classic_user_list(&acc, &UserFilter { text: "new0@x.com".into(), ..Default::default() }, today());
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].status, rows[0].products.len()), (UserStatus::Pending, 0));
    let invitation = acc.outbox.last().unwrap();
    assert_eq!((invitation.kind, invitation.to.as_str()), (EmailKind::Invitation, "new0@x.com"));
    let err = act!(acc, "Dana Reyes", Command::AcceptInvite { user: new }).unwrap_err();
    assert!(matches!(err, DomainError::NotAllowed { .. }));
    act_on!(acc, Actor::User(new), Command::AcceptInvite { user: new }, today()).unwrap();
    assert_eq!(acc.users[&new].classic.as_ref().unwrap().status, UserStatus::Active);
}

#[test]
fn rule_19_an_invitation_older_than_90_days_is_resent_and_its_clock_restarts() {
    let mut acc = demo();
    let victor = user(&acc, "Victor Hugo Alves");
    let row = |acc: &Account| {
        classic_user_list(acc, &UserFilter { text: "victor".into(), ..Default::default() }, today()).remove(0)
    };
    assert!(row(&acc).needs_resend);
    act!(acc, "Dana Reyes", Command::ResendInvite { user: victor }).unwrap();
    assert!(!row(&acc).needs_resend);
    assert_eq!(acc.users[&victor].classic.as_ref().unwrap().last_invite_sent_on(), today());
    assert_eq!(acc.outbox.last().unwrap().kind, EmailKind::InvitationResent);
    let tom = user(&acc, "Tom Becker");
    assert_eq!(
        act!(acc, "Dana Reyes", Command::ResendInvite { user: tom }).unwrap_err().to_string(),
        "Tom Becker has already accepted the invitation; there is nothing to resend."
    );
}

#[test]
fn rule_21_bulk_add_takes_up_to_50_and_adds_the_valid_ones() {
    let mut acc = demo();
    let text = "Jane Doe <jane@x.com>; not-an-email, tom.becker@contoso-eng.com\nli.wei@x.com; Jane Roe <JANE@x.com>";
    let events = act!(acc, "Priya Natarajan", Command::BulkAdd { text: text.into() }).unwrap();
    let added = events.iter().filter(|e| matches!(e, Event::UserAdded { .. })).count();
    let skipped = skipped(&events);
    assert_eq!(added, 2);
    assert_eq!(skipped.len(), 3);
    assert!(skipped[0].starts_with("not-an-email: ") && skipped[0].contains("not a valid email"));
    assert!(skipped[1].contains("already a user (Tom Becker)"));
    assert!(skipped[2].contains("jane@x.com appears more than once in this list"), "{}", skipped[2]);
    assert!(acc.user_by_email("li.wei@x.com").is_some());

    let many = (0..51).map(|i| format!("user{i}@x.com")).collect::<Vec<_>>().join(";");
    assert_eq!(
        act!(acc, "Dana Reyes", Command::BulkAdd { text: many }).unwrap_err().to_string(),
        "51 entries were given; at most 50 can be added at once. Split the list and add the rest next."
    );
}

#[test]
fn rule_21_bulk_add_names_a_repeat_as_a_repeat_and_keeps_quoted_names_whole() {
    // Issue 16.9: a bare email with no readable name, the same email again, a "Last, First" name.
    let mut acc = demo();
    let text = "carol@x.com; carol@x.com; \"Smith, John\" <john.smith@x.com>";
    let events = act!(acc, "Dana Reyes", Command::BulkAdd { text: text.into() }).unwrap();
    assert_eq!(
        skipped(&events),
        [
            "carol@x.com: carol@x.com has no name, and none can be read from it: write it as \"First Last <carol@x.com>\".",
            "carol@x.com: carol@x.com appears more than once in this list; it is added once.",
        ]
    );
    let john = &acc.users[&user(&acc, "John Smith")];
    assert_eq!(john.email, "john.smith@x.com");
}

#[test]
fn rule_22_csv_import_skips_existing_team_members() {
    let mut acc = demo();
    let t = team(&acc);
    let csv = "First name,Last name,Email\nTom,Becker,tom.becker@contoso-eng.com\nNew,Person,new.person@x.com\nBad,Row,nope\n";
    let events =
        act!(acc, "Sam Okafor", Command::ImportTeamUsers { team: t, csv: csv.into(), groups: vec![] }).unwrap();
    assert_eq!(skipped(&events).len(), 2);
    let new = user(&acc, "New Person");
    assert_eq!(acc.teams[&t].members[&new].status, TeamStatus::Invited);
    let members = acc.teams[&t].members.len();
    act!(acc, "Sam Okafor", Command::ImportTeamUsers { team: t, csv: csv.into(), groups: vec![] }).unwrap();
    assert_eq!(acc.teams[&t].members.len(), members, "existing users are never duplicated");
}
