//! Issue 30's limited admins: a secondary admin limited to some products (a product admin) or to reading
//! Reporting. Every command, screen, list, search, export, report and alert follows the limit (rule 30: admin
//! rights apply where the person is an admin, and here only as far as their limit reaches).
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::*;
use contract_console::domain::read::{
    home, invitations, my_products, reporting, requests as asked, search, team as lists,
};
use contract_console::domain::visibility::{screens, sees_activity};
use contract_console::domain::*;

/// Sam, the primary admin, makes Leila and Felix secondary admins, then limits Leila to AutoCAD and Felix to
/// Reporting.
fn limited() -> (Account, TeamId) {
    let mut acc = demo();
    let t = team(&acc);
    for name in ["Leila Haddad", "Felix Wagner"] {
        let u = user(&acc, name);
        act(&mut acc, "Sam Okafor", Command::SetTeamRole { team: t, user: u, role: TeamRole::SecondaryAdmin }).unwrap();
    }
    let products = AdminLimit::Products(["AutoCAD".to_string()].into());
    for (name, limit) in [("Leila Haddad", products), ("Felix Wagner", AdminLimit::Reporting)] {
        let u = user(&acc, name);
        act(&mut acc, "Sam Okafor", Command::LimitAdmin { team: t, user: u, limit: Some(limit) }).unwrap();
    }
    (acc, t)
}

fn assign(acc: &Account, t: TeamId, who: &str, product: &str) -> Command {
    Command::AssignProduct {
        team: t,
        user: user(acc, who),
        product: product.into(),
        source: SeatSource::Pool,
        items: None,
    }
}

#[test]
fn a_product_admin_assigns_their_products_and_is_told_their_limit_for_anything_else() {
    let (mut acc, t) = limited();
    let felix_free = assign(&acc, t, "Ethan Brooks", "AutoCAD");
    act(&mut acc, "Leila Haddad", felix_free).unwrap();
    let revit = assign(&acc, t, "Ethan Brooks", "Revit");
    assert_eq!(
        act(&mut acc, "Leila Haddad", revit).unwrap_err().to_string(),
        "Leila Haddad is a product admin of Contoso Engineering for AutoCAD only, so cannot assign products of Revit; \
         an admin of the team without a limit can."
    );
    let invite = Command::InviteTeamUsers { team: t, text: "ann.lee@x.com".into(), groups: vec![] };
    assert!(matches!(act(&mut acc, "Leila Haddad", invite), Err(DomainError::AdminLimited { .. })));
    let rename = Command::RenameTeam { team: t, name: "Contoso Design".into() };
    assert!(matches!(act(&mut acc, "Leila Haddad", rename), Err(DomainError::AdminLimited { .. })));
    // Nor lift her own limit, nor make anyone primary admin.
    let me = user(&acc, "Leila Haddad");
    let lift = Command::LimitAdmin { team: t, user: me, limit: None };
    assert!(matches!(act(&mut acc, "Leila Haddad", lift), Err(DomainError::AdminLimited { .. })));
    let felix = user(&acc, "Felix Wagner");
    let swap = Command::MakePrimaryAdmin { team: t, user: felix };
    assert!(matches!(act(&mut acc, "Leila Haddad", swap), Err(DomainError::AdminLimited { .. })));
}

#[test]
fn an_admin_limited_to_reporting_changes_nothing_in_the_team() {
    let (mut acc, t) = limited();
    let autocad = assign(&acc, t, "Ethan Brooks", "AutoCAD");
    assert_eq!(
        act(&mut acc, "Felix Wagner", autocad).unwrap_err().to_string(),
        "Felix Wagner reads Reporting only in Contoso Engineering, so cannot assign products of AutoCAD; an admin of \
         the team without a limit can."
    );
    let group = Command::CreateGroup { team: t, name: "MEP".into() };
    assert!(matches!(act(&mut acc, "Felix Wagner", group), Err(DomainError::AdminLimited { .. })));
}

#[test]
fn limits_are_set_by_an_admin_without_one_on_another_secondary_admin_and_end_with_the_role() {
    let (mut acc, t) = limited();
    let (leila, tom, sam) = (user(&acc, "Leila Haddad"), user(&acc, "Tom Becker"), user(&acc, "Sam Okafor"));
    let limit = |user, limit| Command::LimitAdmin { team: t, user, limit };
    let err = |acc: &mut Account, who: &str, c| act(acc, who, c).unwrap_err().to_string();
    assert_eq!(
        err(&mut acc, "Sam Okafor", limit(tom, Some(AdminLimit::Reporting))),
        "Tom Becker is not a secondary admin; only a secondary admin's role can be limited. Make them a secondary \
         admin first."
    );
    assert_eq!(
        err(&mut acc, "Sam Okafor", limit(sam, Some(AdminLimit::Reporting))),
        "You cannot limit your own admin role; another admin of the team can."
    );
    let dana = user(&acc, "Dana Reyes");
    assert_eq!(
        err(&mut acc, "Sam Okafor", limit(dana, Some(AdminLimit::Products(Default::default())))),
        "Tick at least one product, or choose Reporting only or the whole team."
    );
    assert!(act(&mut acc, "Sam Okafor", limit(dana, Some(AdminLimit::Products(["Maya".into()].into())))).is_err());
    let autocad = AdminLimit::Products(["AutoCAD".to_string()].into());
    assert_eq!(
        err(&mut acc, "Sam Okafor", limit(leila, Some(autocad))),
        "Leila Haddad's admin role is already limited that way."
    );
    // Told by email, and in the activity log.
    let mail = acc.outbox.iter().rev().find(|e| e.to == acc.users[&leila].email).unwrap();
    assert_eq!(mail.subject, "Your admin role in Contoso Engineering is now limited to AutoCAD only");
    let entry = acc.activity.iter().rev().find(|a| a.kind == "Admin limit changed").unwrap();
    assert_eq!(entry.what, "Made Felix Wagner's admin role in Contoso Engineering limited to Reporting only");
    // Another role, or the primary admin's by the swap, ends the limit.
    act(&mut acc, "Sam Okafor", Command::MakePrimaryAdmin { team: t, user: leila }).unwrap();
    assert_eq!(acc.teams[&t].members[&leila].limit, None);
    let felix = user(&acc, "Felix Wagner");
    act(&mut acc, "Leila Haddad", Command::SetTeamRole { team: t, user: felix, role: TeamRole::User }).unwrap();
    assert_eq!(acc.teams[&t].members[&felix].limit, None);
    invariants::check(&acc).unwrap();
}

#[test]
fn a_product_admin_sees_only_their_products_in_every_list_search_report_and_queue() {
    let (mut acc, t) = limited();
    let leila = user(&acc, "Leila Haddad");
    let day = today();
    assert_eq!(
        screens(&acc, leila),
        visibility::Screens { teams: true, reporting: true, notifications: true, ..Default::default() },
        "no Team hubs (rule 57), Migration assistant or Pending invitations: they are an admin's without a limit"
    );
    assert!(screens(&acc, user(&acc, "Sam Okafor")).whole_team, "the primary admin's");
    assert_eq!(lists::admin_teams(&acc, leila).len(), 1);
    let products: Vec<String> = lists::product_rows(&acc, leila, t, day).into_iter().map(|r| r.product).collect();
    assert_eq!(products, ["AutoCAD"]);
    assert!(lists::subscription_rows(&acc, leila, t, day).iter().all(|s| s.product == "AutoCAD"));
    let nina = user(&acc, "Nina Kowalski");
    let row = &lists::team_user_rows(&acc, leila, t, &[nina], day)[0];
    assert_eq!(row.products.iter().map(|p| p.product.as_str()).collect::<Vec<_>>(), ["AutoCAD"], "not her Revit");
    // Revit is found only as hers (the Structural group gives it to her), never as a pool she manages.
    let revit = search::find(&acc, leila, "Revit", day);
    assert!(revit.iter().all(|h| h.links == [("My products".to_string(), "/products".to_string())]), "{revit:?}");
    assert!(!search::find(&acc, leila, "AutoCAD", day).is_empty());
    assert!(reporting::seat_use(&acc, leila, day)
        .iter()
        .all(|r| r.product == "AutoCAD" || r.place.contains("contract")));
    assert!(invitations::pending(&acc, leila, day).is_empty(), "resending is an admin's without a limit");
    assert!(home::attention(&acc, leila, day).invites.is_empty(), "nor offered on Home");
    assert_eq!(
        visibility::limits(&acc, leila),
        ["Your admin role in Contoso Engineering is limited to AutoCAD only."],
        "what a refusal adds"
    );
    // The activity log: the entries about AutoCAD in the team, not Revit's.
    let revit = assign(&acc, t, "Ethan Brooks", "Revit");
    act(&mut acc, "Sam Okafor", revit).unwrap();
    let revit_entry = acc.activity.last().unwrap().clone();
    assert!(!sees_activity(&acc, leila, &revit_entry));
    let autocad = assign(&acc, t, "Ethan Brooks", "AutoCAD");
    act(&mut acc, "Sam Okafor", autocad).unwrap();
    assert!(sees_activity(&acc, leila, acc.activity.last().unwrap()));
    // Requests: hers to answer are AutoCAD's alone.
    for product in ["Revit", "AutoCAD"] {
        let wanted = requests::Wanted::Team { team: t, product: product.into() };
        act(&mut acc, "Daniel Novak", Command::RequestProduct { wanted, reason: "Bridge".into() }).ok();
    }
    let queue = asked::queue(&acc, leila, day);
    assert!(!queue.is_empty() && queue.iter().all(|r| r.product == "AutoCAD"));
    // Her approval is the team's: its primary admin and its Reporting admin read it (a trial found it hidden).
    let answer = Command::AnswerRequest { request: queue[0].id, approve: true, reason: String::new() };
    act(&mut acc, "Leila Haddad", answer).unwrap();
    let approved = acc.activity.iter().rev().find(|a| a.what.contains("approved")).unwrap();
    assert_eq!(approved.targets.team, Some(t));
    for name in ["Sam Okafor", "Felix Wagner"] {
        assert!(sees_activity(&acc, user(&acc, name), approved), "{name}");
    }
}

#[test]
fn an_admin_limited_to_reporting_reads_reporting_and_opens_no_team_screen() {
    let (acc, t) = limited();
    let felix = user(&acc, "Felix Wagner");
    let day = today();
    assert_eq!(
        screens(&acc, felix),
        visibility::Screens { reporting: true, notifications: true, ..Default::default() }
    );
    assert!(lists::admin_teams(&acc, felix).is_empty());
    assert!(search::find(&acc, felix, "AutoCAD", day).is_empty());
    let pools: Vec<_> = reporting::seat_use(&acc, felix, day);
    assert_eq!(pools.len(), acc.teams[&t].products().len(), "every pool of the team");
    assert!(pools.iter().all(|r| r.link == "/reporting/seats"), "no link to a screen he can't open");
    assert!(asked::queue(&acc, felix, day).is_empty());
    // Notifications offers him what can reach him; Leila, who assigns but may not resend, all but invitations.
    use contract_console::domain::alerts::Alert;
    assert_eq!(Alert::offered(&acc, felix), [Alert::Renewals, Alert::NearlyFull, Alert::WeeklyDigest]);
    let leila = user(&acc, "Leila Haddad");
    assert!(!Alert::offered(&acc, leila).contains(&Alert::Invitations));
    assert!(Alert::offered(&acc, leila).contains(&Alert::Requests));
}

#[test]
fn what_a_review_found_stays_mended() {
    let (mut acc, t) = limited();
    let (leila, felix, day) = (user(&acc, "Leila Haddad"), user(&acc, "Felix Wagner"), today());
    // A product filter outside the limit, typed into the address, lists no one's Revit: it filters nothing.
    let revit = lists::TeamUserFilter { product: Some("Revit".into()), ..Default::default() };
    let everyone = lists::team_user_ids(&acc, leila, t, &Default::default());
    assert_eq!(lists::team_user_ids(&acc, leila, t, &revit), everyone);
    // Felix, limited to Reporting, still finds a product of his own as his.
    let autocad = assign(&acc, t, "Felix Wagner", "AutoCAD");
    act(&mut acc, "Sam Okafor", autocad).unwrap();
    assert!(search::find(&acc, felix, "AutoCAD", day).iter().any(|h| h.title.starts_with("AutoCAD: yours")));
    // Products & Services points a member to the admins who assign, not to one who reads Reporting only.
    let tom = user(&acc, "Tom Becker");
    let asks = my_products::my_products(&acc, tom, day).admins;
    assert!(asks.contains(&"Leila Haddad".to_string()) && !asks.contains(&"Felix Wagner".to_string()));
    // A product admin reads the entries about themselves.
    let role = acc.activity.iter().find(|a| a.what.starts_with("Made Leila Haddad Secondary Admin")).unwrap();
    assert!(sees_activity(&acc, leila, role));
    // Rule 29: the new contract manager owns the team's subscriptions, so administers them without a limit.
    let plan = no("110012345678");
    act(&mut acc, "Dana Reyes", Command::ChangeContractManager { contract: plan, user: leila }).unwrap();
    assert_eq!(acc.teams[&t].members[&leila].limit, None);
    invariants::check(&acc).unwrap();
}

#[test]
fn what_save_will_do_says_a_limit_ends_with_the_role() {
    use contract_console::domain::read::{consequences::consequences, preview};
    let (acc, t) = limited();
    let (sam, leila) = (Actor::User(user(&acc, "Sam Okafor")), user(&acc, "Leila Haddad"));
    let to_user = Command::SetTeamRole { team: t, user: leila, role: TeamRole::User };
    let (after, _) = preview(&acc, sam, to_user, today()).unwrap();
    let told = consequences(&acc, &after);
    assert!(told.roles.contains(&(
        "Leila Haddad".to_string(),
        "Secondary Admin of Contoso Engineering (AutoCAD only)".to_string(),
        false
    )));
}
