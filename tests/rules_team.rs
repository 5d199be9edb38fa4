//! New-view rules: invitations (20, 23), removal (24–25), admins (27–30), seats, groups and seat sources (39–43).
#![cfg(not(target_arch = "wasm32"))]

mod common;
use chrono::Duration;
use common::*;
use contract_console::domain::*;

fn holds(acc: &Account, name: &str, product: &str) -> bool {
    acc.teams[&team(acc)].holders(product).contains(&user(acc, name))
}

#[test]
fn rule_20_invited_without_an_account_verified_with_one() {
    let mut acc = demo();
    let t = team(&acc);
    let invite = |email: &str, first: &str, last: &str| Command::InviteTeamUser {
        team: t,
        email: email.into(),
        first_name: first.into(),
        last_name: last.into(),
        groups: vec![],
    };
    act!(acc, "Sam Okafor", invite("new.person@x.com", "New", "Person")).unwrap();
    act!(acc, "Sam Okafor", invite("luis.ortega@contoso-eng.com", "Luis", "Ortega")).unwrap();
    let status = |acc: &Account, n: &str| acc.teams[&t].members[&user(acc, n)].status;
    assert_eq!(status(&acc, "New Person"), TeamStatus::Invited);
    assert_eq!(status(&acc, "Luis Ortega"), TeamStatus::Verified);
    assert_eq!(acc.outbox.last().unwrap().subject, "You've been invited to the team Contoso Engineering");
}

#[test]
fn rule_23_a_person_is_a_separate_member_in_each_team() {
    let mut acc = demo();
    let t = team(&acc);
    let second = TeamId(9999);
    let mut other = acc.teams[&t].clone();
    other.name = "Contoso Site Services".into();
    other.members.retain(|_, m| m.role == TeamRole::PrimaryAdmin);
    other.direct.clear();
    other.groups.clear();
    acc.teams.insert(second, other);
    let tom = user(&acc, "Tom Becker");
    let invite = |team| Command::InviteTeamUser {
        team,
        email: "tom.becker@contoso-eng.com".into(),
        first_name: "Tom".into(),
        last_name: "Becker".into(),
        groups: vec![],
    };
    assert_eq!(
        act!(acc, "Sam Okafor", invite(t)).unwrap_err().to_string(),
        "Tom Becker is already in the team Contoso Engineering."
    );
    act!(acc, "Sam Okafor", invite(second)).unwrap();
    assert!(acc.teams[&t].members.contains_key(&tom) && acc.teams[&second].members.contains_key(&tom));
    act!(acc, "Sam Okafor", Command::RemoveTeamUser { team: second, user: tom }).unwrap();
    assert!(acc.teams[&t].members.contains_key(&tom), "removal from one team leaves the other");
}

#[test]
fn rule_24_the_primary_admin_cannot_be_removed_any_admin_removes_secondary_admins() {
    let mut acc = demo();
    let t = team(&acc);
    let sam = user(&acc, "Sam Okafor");
    assert_eq!(
        act!(acc, "Elena Petrova", Command::RemoveTeamUser { team: t, user: sam }).unwrap_err().to_string(),
        "Sam Okafor is the primary admin; make another secondary admin the primary admin first."
    );
    let priya = user(&acc, "Priya Natarajan");
    act!(acc, "Elena Petrova", Command::RemoveTeamUser { team: t, user: priya }).unwrap();
    assert!(acc.users.contains_key(&priya), "still a classic named user (rule 63)");
}

#[test]
fn rule_25_synced_users_are_read_only() {
    let mut acc = demo();
    let t = team(&acc);
    let julia = user(&acc, "Julia Santos");
    assert_eq!(
        act!(acc, "Sam Okafor", Command::RemoveTeamUser { team: t, user: julia }).unwrap_err().to_string(),
        "Julia Santos was added by directory sync and can only be changed in your directory."
    );
}

#[test]
fn rules_27_28_only_a_secondary_admin_becomes_primary_in_one_swap() {
    let mut acc = demo();
    let t = team(&acc);
    let (tom, priya, sam) = (user(&acc, "Tom Becker"), user(&acc, "Priya Natarajan"), user(&acc, "Sam Okafor"));
    assert_eq!(
        act!(acc, "Sam Okafor", Command::MakePrimaryAdmin { team: t, user: tom }).unwrap_err().to_string(),
        "Tom Becker is not a secondary admin; only a secondary admin can become the primary admin."
    );
    act!(acc, "Dana Reyes", Command::MakePrimaryAdmin { team: t, user: priya }).unwrap();
    assert_eq!(acc.teams[&t].primary_admin(), Some(priya));
    assert_eq!(acc.team_role(t, sam), Some(TeamRole::SecondaryAdmin));
    let primaries = acc.teams[&t].members.values().filter(|m| m.role == TeamRole::PrimaryAdmin).count();
    assert_eq!(primaries, 1);
}

#[test]
fn rule_30_any_admin_names_secondary_admins_only_the_primary_names_sso_admins() {
    let mut acc = demo();
    let t = team(&acc);
    let leila = user(&acc, "Leila Haddad");
    act!(acc, "Elena Petrova", Command::SetTeamRole { team: t, user: leila, role: TeamRole::SecondaryAdmin }).unwrap();
    let sso = Command::SetTeamRole { team: t, user: leila, role: TeamRole::SsoAdmin };
    assert!(matches!(act!(acc, "Dana Reyes", sso.clone()), Err(DomainError::NotAllowed { .. })));
    act!(acc, "Sam Okafor", sso).unwrap();
    assert_eq!(acc.team_role(t, leila), Some(TeamRole::SsoAdmin));
    let sam = user(&acc, "Sam Okafor");
    let demote = Command::SetTeamRole { team: t, user: sam, role: TeamRole::User };
    assert!(matches!(act!(acc, "Sam Okafor", demote), Err(DomainError::IsPrimaryAdmin { .. })));
    let users_cannot = Command::SetTeamRole { team: t, user: leila, role: TeamRole::User };
    assert!(matches!(act!(acc, "Tom Becker", users_cannot), Err(DomainError::NotAllowed { .. })));
}

#[test]
fn rule_39_a_group_gets_a_product_only_with_a_seat_for_every_member() {
    let mut acc = demo();
    let t = team(&acc);
    let g = group(&acc, "Structural");
    // AutoCAD: 8 seats, 4 in use; the group's 3 members fit.
    act!(acc, "Sam Okafor", Command::AssignGroupProduct { team: t, group: g, product: "AutoCAD".into() }).unwrap();
    assert!(holds(&acc, "Daniel Novak", "AutoCAD"));
    let more = vec![user(&acc, "Oliver Smith"), user(&acc, "Fatima Zahra")];
    let err = act!(acc, "Sam Okafor", Command::AddGroupMembers { team: t, group: g, users: more }).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Not enough available seats: Structural needs 2 seats of AutoCAD for its members but only 1 is available (a group gets a product only with a seat for every member); buy seats or free some first."
    );
}

#[test]
fn rule_40_a_user_takes_one_seat_per_product_whatever_grants_it() {
    let mut acc = demo();
    let t = team(&acc);
    let g = group(&acc, "Structural");
    let revit_used = acc.teams[&t].holders("Revit").len();
    assert_eq!(revit_used, 4);
    // Nina holds Revit directly: joining a Revit group takes no second seat.
    let nina = user(&acc, "Nina Kowalski");
    act!(acc, "Sam Okafor", Command::AddGroupMembers { team: t, group: g, users: vec![nina] }).unwrap();
    assert_eq!(acc.teams[&t].holders("Revit").len(), 4);
    let again =
        Command::AssignProduct { team: t, user: nina, product: "Revit".into(), source: SeatSource::Pool, items: None };
    assert_eq!(
        act!(acc, "Sam Okafor", again).unwrap_err().to_string(),
        "Nina Kowalski already has Revit; a user takes at most one seat of a product."
    );
}

#[test]
fn rule_41_group_granted_products_are_removed_at_the_group() {
    let mut acc = demo();
    let t = team(&acc);
    let daniel = user(&acc, "Daniel Novak");
    let unassign = Command::UnassignProduct { team: t, user: daniel, product: "Revit".into() };
    assert_eq!(
        act!(acc, "Sam Okafor", unassign).unwrap_err().to_string(),
        "Daniel Novak has Revit through the group Structural; remove it at the group instead."
    );
    let g = group(&acc, "Structural");
    act!(acc, "Sam Okafor", Command::UnassignGroupProduct { team: t, group: g, product: "Revit".into() }).unwrap();
    assert!(!holds(&acc, "Daniel Novak", "Revit"));
}

#[test]
fn rules_42_43_a_member_can_be_pinned_to_a_subscription_with_its_own_seat_limit() {
    let mut acc = demo();
    let t = team(&acc);
    let sub = SubscriptionId::new("SUB-70012"); // 2 AutoCAD seats, Aisha pinned
    let pin = |acc: &Account, name: &str| Command::AssignProduct {
        team: t,
        user: user(acc, name),
        product: "AutoCAD".into(),
        source: SeatSource::Subscription(sub.clone()),
        items: None,
    };
    act!(acc, "Sam Okafor", pin(&acc, "Oliver Smith")).unwrap();
    assert_eq!(
        act!(acc, "Sam Okafor", pin(&acc, "Fatima Zahra")).unwrap_err().to_string(),
        "Every seat of AutoCAD on subscription SUB-70012 is in use; choose the pool or another subscription."
    );
    let fatima = user(&acc, "Fatima Zahra");
    let wrong = Command::AssignProduct {
        team: t,
        user: fatima,
        product: "Revit".into(),
        source: SeatSource::Subscription(sub.clone()),
        items: None,
    };
    assert!(matches!(act!(acc, "Sam Okafor", wrong), Err(DomainError::WrongProduct { .. })));
    act!(
        acc,
        "Sam Okafor",
        Command::AssignProduct {
            team: t,
            user: fatima,
            product: "AutoCAD".into(),
            source: SeatSource::Pool,
            items: None
        }
    )
    .unwrap();
}

#[test]
fn rule_43_a_lapsed_subscription_leaves_the_pool() {
    let mut acc = demo();
    let t = team(&acc);
    // Revit's only subscription ends in 45 days; 61 days later (past expired + suspended) it gives no seats.
    let later = today() + Duration::days(45 + 16);
    let oliver = user(&acc, "Oliver Smith");
    let sam = Actor::User(user(&acc, "Sam Okafor"));
    let assign = Command::AssignProduct {
        team: t,
        user: oliver,
        product: "Revit".into(),
        source: SeatSource::Pool,
        items: None,
    };
    assert!(matches!(act_on!(acc, sam, assign.clone(), later), Err(DomainError::NoPoolSeat { .. })));
    act!(acc, "Sam Okafor", assign).unwrap();
}

#[test]
fn rule_37_38_groups_belong_to_one_team_with_unique_names() {
    let mut acc = demo();
    let t = team(&acc);
    assert_eq!(
        act!(acc, "Sam Okafor", Command::CreateGroup { team: t, name: " structural ".into() }).unwrap_err().to_string(),
        "A group called structural already exists in this team."
    );
    assert_eq!(
        act!(acc, "Sam Okafor", Command::CreateGroup { team: t, name: "  ".into() }),
        Err(DomainError::EmptyName { what: "group" })
    );
    act!(acc, "Sam Okafor", Command::CreateGroup { team: t, name: "MEP".into() }).unwrap();
    let mep = group(&acc, "MEP");
    let outsider = user(&acc, "Luis Ortega");
    let err = act!(acc, "Sam Okafor", Command::AddGroupMembers { team: t, group: mep, users: vec![outsider] });
    assert_eq!(err.unwrap_err().to_string(), "Luis Ortega is not in the team Contoso Engineering; invite them first.");
}

#[test]
fn rule_31_roles_change_in_bulk_by_csv_but_never_the_primary_admin() {
    let mut acc = demo();
    let t = team(&acc);
    let csv = "Role,Email\nSecondary Admin,leila.haddad@contoso-eng.com\nPrimary Admin,tom.becker@contoso-eng.com\n\
               SSO Admin,ethan.brooks@contoso-eng.com\nUser,nobody@x.com\nBoss,nina.kowalski@contoso-eng.com\n";
    let events = act!(acc, "Dana Reyes", Command::ImportTeamRoles { team: t, csv: csv.into() }).unwrap();
    assert_eq!(
        skipped(&events),
        [
            "row 3: the primary admin can't be changed by CSV; use Change role on the user instead.",
            "row 4: Dana Reyes can't assign SSO admins: only the primary admin can.",
            "row 5: nobody@x.com is not in the team Contoso Engineering.",
            "row 6: \"boss\" is not a role: use Secondary Admin, SSO Admin or User.",
        ]
    );
    assert_eq!(acc.team_role(t, user(&acc, "Leila Haddad")), Some(TeamRole::SecondaryAdmin));
    assert_eq!(acc.teams[&t].primary_admin(), Some(user(&acc, "Sam Okafor")));
    let err = act!(acc, "Sam Okafor", Command::ImportTeamRoles { team: t, csv: "Name,Role\nx,y".into() }).unwrap_err();
    assert_eq!(err.to_string(), "The file's first row must be the column names: Email, Role.");
}

#[test]
fn team_settings_rename_by_the_primary_or_a_secondary_admin_to_a_free_name() {
    let mut acc = demo();
    let t = team(&acc);
    let rename = |name: &str| Command::RenameTeam { team: t, name: name.into() };
    assert_eq!(act!(acc, "Sam Okafor", rename("   ")), Err(DomainError::EmptyName { what: "team" }));
    assert_eq!(
        act!(acc, "Sam Okafor", rename("contoso site services")).unwrap_err().to_string(),
        "A team called contoso site services already exists in this account."
    );
    assert!(matches!(act!(acc, "Elena Petrova", rename("Contoso Design")), Err(DomainError::NotAllowed { .. })));
    act!(acc, "Dana Reyes", rename("  Contoso   Design ")).unwrap();
    assert_eq!(acc.teams[&t].name, "Contoso Design");
    assert_eq!(
        act!(acc, "Sam Okafor", rename("Contoso Design")).unwrap_err().to_string(),
        "The name is already Contoso Design."
    );
}

#[test]
fn w2_invite_multiple_invites_each_entry_and_reports_the_rest() {
    let mut acc = demo();
    let t = team(&acc);
    let text = "Ann Lee <ann.lee@x.com>; tom.becker@contoso-eng.com; not-an-email; bo.wu@x.com";
    let events =
        act!(acc, "Sam Okafor", Command::InviteTeamUsers { team: t, text: text.into(), groups: vec![] }).unwrap();
    let skipped: Vec<&str> = events
        .iter()
        .filter_map(|e| match e {
            Event::EntrySkipped { entry, .. } => Some(entry.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(skipped, ["tom.becker@contoso-eng.com", "not-an-email"]);
    assert_eq!(acc.teams[&t].members[&user(&acc, "Bo Wu")].status, TeamStatus::Invited);
    let many = (0..51).map(|i| format!("a{i}.b@x.com")).collect::<Vec<_>>().join(";");
    assert_eq!(
        act!(acc, "Sam Okafor", Command::InviteTeamUsers { team: t, text: many, groups: vec![] }),
        Err(DomainError::TooManyEntries { count: 51, max: 50 })
    );
}

#[test]
fn rule_40_deleting_a_group_frees_the_seats_only_it_gave() {
    let mut acc = demo();
    let t = team(&acc);
    let g = group(&acc, "Structural");
    let before = acc.teams[&t].holders("Revit").len();
    act!(acc, "Sam Okafor", Command::RenameGroup { team: t, group: g, name: "Structural design".into() }).unwrap();
    assert_eq!(acc.teams[&t].groups[&g].name, "Structural design");
    act!(acc, "Sam Okafor", Command::DeleteGroup { team: t, group: g }).unwrap();
    assert!(acc.teams[&t].groups.is_empty());
    assert_eq!(acc.teams[&t].holders("Revit").len(), before - 3, "the 3 members held Revit only through the group");
    assert!(holds(&acc, "Nina Kowalski", "Revit"), "a direct assignment stays");
}

#[test]
fn w3_customised_items_are_part_of_the_product_and_at_least_one() {
    let mut acc = demo();
    let t = team(&acc);
    let leila = user(&acc, "Leila Haddad");
    let assign = |items: &[&str]| Command::AssignProduct {
        team: t,
        user: leila,
        product: "AutoCAD".into(),
        source: SeatSource::Pool,
        items: Some(items.iter().map(|s| s.to_string()).collect()),
    };
    assert_eq!(
        act!(acc, "Sam Okafor", assign(&["Cloud Rendering"])).unwrap_err().to_string(),
        "AutoCAD has no item called \"Cloud Rendering\"."
    );
    assert!(matches!(act!(acc, "Sam Okafor", assign(&[])), Err(DomainError::NoItemChosen { .. })));
    act!(acc, "Sam Okafor", assign(&["Cloud Storage"])).unwrap();
    assert_eq!(acc.teams[&t].items_of(leila, "AutoCAD"), ["Cloud Storage".to_string()].into());
    // Ticking every item again is "all": nothing customised is kept.
    let all = acc.teams[&t].services("AutoCAD");
    act!(
        acc,
        "Sam Okafor",
        Command::CustomizeProduct { team: t, user: leila, product: "AutoCAD".into(), items: Some(all) }
    )
    .unwrap();
    assert!(acc.teams[&t].items.is_empty());
    act!(acc, "Sam Okafor", Command::UnassignProduct { team: t, user: leila, product: "AutoCAD".into() }).unwrap();
    let tom = user(&acc, "Tom Becker");
    let custom = Command::CustomizeProduct { team: t, user: tom, product: "Revit".into(), items: None };
    assert!(matches!(act!(acc, "Sam Okafor", custom), Err(DomainError::NotAssigned { .. })));
}

#[test]
fn rules_39_40_by_product_assigns_several_users_all_or_none() {
    let mut acc = demo();
    let t = team(&acc);
    // AutoCAD: 8 seats, 4 in use.
    let names = ["Leila Haddad", "Ethan Brooks", "Daniel Novak", "Oliver Smith", "Fatima Zahra"];
    let users: Vec<UserId> = names.iter().map(|n| user(&acc, n)).collect();
    let assign = |users: Vec<UserId>| Command::AssignUsers {
        team: t,
        users,
        product: "AutoCAD".into(),
        source: SeatSource::Pool,
        items: None,
    };
    assert_eq!(
        act!(acc, "Sam Okafor", assign(users.clone())).unwrap_err().to_string(),
        "Not enough available seats: 5 users need a seat of AutoCAD and 4 are free in Contoso Engineering's pool; select fewer users, unassign someone or buy more seats."
    );
    act!(acc, "Sam Okafor", assign(users[..4].to_vec())).unwrap();
    assert!(names[..4].iter().all(|n| holds(&acc, n, "AutoCAD")));
    let pinned = Command::AssignUsers {
        team: t,
        users: vec![user(&acc, "Fatima Zahra")],
        product: "AutoCAD".into(),
        source: SeatSource::Subscription(SubscriptionId::new("SUB-70012")),
        items: None,
    };
    assert!(matches!(act!(acc, "Sam Okafor", pinned), Err(DomainError::PoolSeats { .. })));
}

#[test]
fn rule_31_change_role_on_several_reports_the_ones_it_cannot_change() {
    let mut acc = demo();
    let t = team(&acc);
    let users = vec![user(&acc, "Leila Haddad"), user(&acc, "Sam Okafor"), user(&acc, "Tom Becker")];
    let events =
        act!(acc, "Sam Okafor", Command::SetTeamRoles { team: t, users, role: TeamRole::SecondaryAdmin }).unwrap();
    let role = |acc: &Account, n: &str| acc.teams[&t].members[&user(acc, n)].role;
    assert_eq!(role(&acc, "Leila Haddad"), TeamRole::SecondaryAdmin);
    assert_eq!(role(&acc, "Tom Becker"), TeamRole::SecondaryAdmin);
    assert!(events.iter().any(|e| matches!(e, Event::EntrySkipped { entry, .. } if entry == "Sam Okafor")));
    let two = vec![user(&acc, "Leila Haddad"), user(&acc, "Tom Becker")];
    assert_eq!(
        act!(acc, "Sam Okafor", Command::SetTeamRoles { team: t, users: two, role: TeamRole::PrimaryAdmin }),
        Err(DomainError::OnePrimaryAdmin)
    );
    let one = vec![user(&acc, "Leila Haddad")];
    act!(acc, "Sam Okafor", Command::SetTeamRoles { team: t, users: one, role: TeamRole::PrimaryAdmin }).unwrap();
    assert_eq!(role(&acc, "Sam Okafor"), TeamRole::SecondaryAdmin, "rule 28: the old primary admin steps down");
}

#[test]
fn rules_28_30_change_role_offers_only_the_roles_the_person_may_give() {
    let acc = demo();
    let t = team(&acc);
    let roles = |name: &str| team::roles_to_give(&acc, t, user(&acc, name), 1);
    use TeamRole::*;
    assert_eq!(roles("Sam Okafor"), [SecondaryAdmin, SsoAdmin, User, PrimaryAdmin]);
    let to_two = team::roles_to_give(&acc, t, user(&acc, "Sam Okafor"), 2);
    assert_eq!(to_two, [SecondaryAdmin, SsoAdmin, User], "rule 28: one primary admin, so one person at a time");
    assert_eq!(roles("Dana Reyes"), [SecondaryAdmin, User, PrimaryAdmin]);
    assert_eq!(roles("Elena Petrova"), [SecondaryAdmin, User]);
    assert!(roles("Tom Becker").is_empty());
    // The swap is checked before the admin is asked to confirm it.
    let dana = Actor::User(user(&acc, "Dana Reyes"));
    assert!(matches!(
        team::check_make_primary_admin(&acc, dana, t, user(&acc, "Oliver Smith")),
        Err(DomainError::NotSecondaryAdmin { .. })
    ));
    assert!(team::check_make_primary_admin(&acc, dana, t, user(&acc, "Priya Natarajan")).is_ok());
}

/// Issue 27.4: a roles CSV that names a person twice refuses the second row (naming the first), a row giving
/// a role the person has already changes nothing and is counted, and each change says from which role.
#[test]
fn issue_27_4_a_roles_csv_refuses_duplicates_and_counts_rows_that_change_nothing() {
    let mut acc = demo();
    let t = team(&acc);
    let (tom, elena) = (user(&acc, "Tom Becker"), user(&acc, "Elena Petrova"));
    let tom_email = acc.users[&tom].email.clone();
    let elena_email = acc.users[&elena].email.clone();
    let csv = format!(
        "Email,Role\n{},Secondary Admin\n{tom_email},User\n{elena_email},SSO Admin\n",
        tom_email.to_uppercase()
    );
    let events = act!(acc, "Sam Okafor", Command::ImportTeamRoles { team: t, csv }).unwrap();
    assert!(events.contains(&Event::TeamRoleSet {
        team: t,
        user: tom,
        role: TeamRole::SecondaryAdmin,
        was: TeamRole::User
    }));
    assert!(events.contains(&Event::EntrySkipped {
        entry: "row 3".into(),
        reason: format!("duplicate of row 2: {tom_email} is given a role once.")
    }));
    assert!(events.contains(&Event::TeamRoleUnchanged { user: elena }), "Elena is an SSO admin already");
    assert_eq!(acc.teams[&t].members[&tom].role, TeamRole::SecondaryAdmin, "the first row, not the last, and no guess");
}

/// Issue 27.6 (W2' step 3): people invited straight into existing groups get the groups' products, each
/// needing a free seat (rule 39); short of seats, no one is invited and the account is as it was.
#[test]
fn w2_invite_into_groups_gives_their_products_or_invites_no_one() {
    let mut acc = demo();
    let t = team(&acc);
    let (gid, g) = acc.teams[&t].groups.iter().next().map(|(id, g)| (*id, g.clone())).unwrap();
    let product = g.products.iter().next().cloned().expect("the demo group has a product");
    let free = acc.teams[&t].free_seats(&product, today());
    assert!(free >= 1, "{product}: {free}");
    let text = (0..free).map(|i| format!("new{i}.person@x.com")).collect::<Vec<_>>().join("; ");
    let events = act!(acc, "Sam Okafor", Command::InviteTeamUsers { team: t, text, groups: vec![gid] }).unwrap();
    assert!(events.iter().any(|e| matches!(e, Event::GroupChanged { .. })));
    let first = acc.user_by_email("new0.person@x.com").unwrap();
    assert!(acc.teams[&t].groups[&gid].members.contains(&first));
    assert!(acc.teams[&t].holders(&product).contains(&first), "the group's product comes with it");
    assert_eq!(acc.teams[&t].free_seats(&product, today()), 0);
    // One more than the seats left: refused whole, naming the group and product, and no one is invited.
    let before = acc.clone();
    let one_more = Command::InviteTeamUser {
        team: t,
        email: "late.comer@x.com".into(),
        first_name: "Late".into(),
        last_name: "Comer".into(),
        groups: vec![gid],
    };
    assert_eq!(
        act!(acc, "Sam Okafor", one_more),
        Err(DomainError::GroupSeats { group: g.name.clone(), product, needed: 1, available: 0 })
    );
    assert_eq!(acc, before);
}

/// The emails "ready to download" to each person, by product.
fn ready(acc: &Account, name: &str) -> Vec<String> {
    let to = &acc.users[&user(acc, name)].email;
    acc.outbox
        .iter()
        .filter(|e| e.kind == EmailKind::ReadyToDownload && &e.to == to)
        .map(|e| e.subject.clone())
        .collect()
}

#[test]
fn w3_prime_an_assigned_user_is_emailed_that_the_product_can_be_downloaded_once() {
    let mut acc = demo();
    let t = team(&acc);
    let g = group(&acc, "Structural");
    // By Group: each member who didn't hold AutoCAD is told.
    act!(acc, "Sam Okafor", Command::AssignGroupProduct { team: t, group: g, product: "AutoCAD".into() }).unwrap();
    assert_eq!(ready(&acc, "Daniel Novak"), ["AutoCAD is ready to download"]);
    let body = &acc.outbox.iter().rev().find(|e| e.kind == EmailKind::ReadyToDownload).unwrap().body;
    assert!(body.contains("choose Download to install it") && body.contains("Contoso Engineering"), "{body}");
    // Nina holds AutoCAD and Revit directly: joining the group gives her nothing new, so no email (rule 40).
    act!(acc, "Sam Okafor", Command::AddGroupMembers { team: t, group: g, users: vec![user(&acc, "Nina Kowalski")] })
        .unwrap();
    assert!(ready(&acc, "Nina Kowalski").is_empty());
    // By User: a new seat is told; one the person held through a group is not told again.
    let felix = user(&acc, "Felix Wagner");
    let assign = |u, p: &str| Command::AssignProduct {
        team: t,
        user: u,
        product: p.into(),
        source: SeatSource::Pool,
        items: None,
    };
    act!(acc, "Sam Okafor", assign(felix, "AutoCAD")).unwrap();
    assert_eq!(ready(&acc, "Felix Wagner"), ["AutoCAD is ready to download"]);
    act!(acc, "Sam Okafor", assign(user(&acc, "Daniel Novak"), "AutoCAD")).unwrap();
    assert_eq!(ready(&acc, "Daniel Novak"), ["AutoCAD is ready to download"], "held through Structural already");
}

#[test]
fn rule_57_a_team_s_admins_create_fusion_team_hubs_for_their_team_and_rule_26_its_members_lose_them() {
    let mut acc = demo();
    let t = team(&acc);
    let other = *acc.teams.keys().find(|k| **k != t).unwrap();
    let hub = |kind: &str, team| Command::CreateHub {
        name: format!("{kind} site"),
        url: format!("https://{}.autodesk360.com", kind.to_lowercase().replace(' ', "-")),
        kind: kind.into(),
        team,
    };
    // The team's admins may; a plain member may not, nor an admin for a team they don't administer.
    assert!(matches!(act!(acc, "Tom Becker", hub("Fusion Team", Some(t))), Err(DomainError::NotAllowed { .. })));
    assert!(matches!(act!(acc, "Elena Petrova", hub("Fusion Team", Some(other))), Err(DomainError::NotAllowed { .. })));
    assert_eq!(
        act!(acc, "Sam Okafor", hub("BIM 360 Team", Some(t))).unwrap_err().to_string(),
        "Sam Okafor can't create a Team hub: only a contract manager (a team's admins create Fusion Team hubs, rule 57) can."
    );
    act!(acc, "Sam Okafor", hub("Fusion Team", Some(t))).unwrap();
    let (_, made) = acc.hubs.iter().find(|(_, h)| h.name == "Fusion Team site").unwrap();
    assert_eq!((made.kind.as_str(), made.team), ("Fusion Team", Some(t)));
    assert_eq!(
        acc.hub_state(*acc.hubs.iter().find(|(_, h)| h.name == "Fusion Team site").unwrap().0, today()),
        "Trial"
    );
    // Rule 26: removing a member lists the team's cloud collaboration sites they lose.
    let lost = read::team::removal_losses(&acc, t, user(&acc, "Tom Becker"));
    assert!(
        lost.contains(&"Cloud collaboration site: Fusion Team site (Fusion Team hub) and its projects".to_string()),
        "{lost:?}"
    );
    assert!(read::team::removal_losses(&acc, other, user(&acc, "Tom Becker"))
        .iter()
        .all(|l| !l.contains("Fusion Team site")));
}
