//! Contracts, roles, hubs and notices: rules 29, 34–36, 46–50, 53–56 and new-release notices.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use chrono::Duration;
use common::*;
use contract_console::domain::*;

const PLAN: &str = "110012345678";
const SALES: &str = "110055550000"; // ends in 45 days, Fusion Team with no seat taken
const STORE: &str = "110044443333"; // online store, auto-renewing

fn notices(acc: &Account, contract: &str) -> Vec<String> {
    acc.outbox
        .iter()
        .filter(|e| e.kind == EmailKind::RenewalNotice && e.sent_on >= today())
        .filter(|e| e.subject.starts_with(&format!("Contract {contract} ")))
        .map(|e| e.subject.clone())
        .collect()
}

#[test]
fn rules_34_36_the_contract_manager_changes_for_reseller_purchases_only() {
    let mut acc = demo();
    let tom = user(&acc, "Tom Becker");
    let err = act!(acc, "Dana Reyes", Command::ChangeContractManager { contract: no(STORE), user: tom }).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Contract 110044443333 was bought from the Autodesk store, so its contract manager can't be changed: cancel it and buy it again as the new contract manager."
    );
    act!(acc, "Dana Reyes", Command::ChangeContractManager { contract: no(PLAN), user: tom }).unwrap();
    let to: Vec<&str> = acc.outbox.iter().filter(|e| e.kind == EmailKind::RoleChange).map(|e| e.to.as_str()).collect();
    assert_eq!(to, ["tom.becker@contoso-eng.com", "dana.reyes@contoso-eng.com"]);
}

#[test]
fn rule_35_only_the_current_contract_manager_starts_the_transfer() {
    let mut acc = demo();
    let priya = user(&acc, "Priya Natarajan");
    let err = act!(acc, "Priya Natarajan", Command::ChangeContractManager { contract: no(PLAN), user: priya });
    assert!(matches!(err, Err(DomainError::NotAllowed { .. })));
    let ben = user(&acc, "Ben Carter");
    let err = act!(acc, "Dana Reyes", Command::ChangeContractManager { contract: no(PLAN), user: ben }).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Ben Carter hasn't accepted the invitation yet; they can take this role once they have."
    );
}

#[test]
fn rule_29_a_new_contract_manager_becomes_secondary_admin_and_the_primary_admin_stays() {
    let mut acc = demo();
    let t = team(&acc);
    let pa = acc.teams[&t].primary_admin();
    let daniel = user(&acc, "Daniel Novak");
    assert_eq!(acc.team_role(t, daniel), Some(TeamRole::User));
    act!(acc, "Dana Reyes", Command::ChangeContractManager { contract: no(PLAN), user: daniel }).unwrap();
    assert_eq!(acc.team_role(t, daniel), Some(TeamRole::SecondaryAdmin));
    assert_eq!(acc.teams[&t].primary_admin(), pa);
    assert_eq!(acc.teams[&t].subscriptions[&SubscriptionId::new("SUB-70011")].owner, daniel);
    // And the other way round: a new primary admin leaves the contract manager alone.
    act!(acc, "Sam Okafor", Command::MakePrimaryAdmin { team: t, user: daniel }).unwrap();
    assert_eq!(acc.contracts[&no(PLAN)].contract_manager, daniel);
    assert_eq!(acc.contracts[&no(SALES)].contract_manager, user(&acc, "Dana Reyes"));
}

#[test]
fn rule_2_a_coordinator_who_becomes_contract_manager_holds_the_role_through_the_cm_slot() {
    let mut acc = demo();
    let priya = user(&acc, "Priya Natarajan");
    act!(acc, "Dana Reyes", Command::ChangeContractManager { contract: no(PLAN), user: priya }).unwrap();
    let c = &acc.contracts[&no(PLAN)];
    assert_eq!(c.serials[&SerialNo::new("399-22222222")].coordinator, None);
    assert_eq!(c.coordinator(&SerialNo::new("399-22222222")), Some(priya));
}

#[test]
fn rules_47_48_renewal_notices_go_to_the_contract_manager_once_each() {
    let mut acc = demo();
    act!(acc, "Autodesk", Command::SendDueNotices).unwrap();
    // SALES ends in 45 days: its 90-day notice went out 45 days ago (seed), the 45-day one is due now.
    assert_eq!(notices(&acc, SALES), ["Contract 110055550000 expires in 45 days (45-day notice)"]);
    assert!(notices(&acc, PLAN).is_empty(), "200 days out: nothing yet");
    assert!(notices(&acc, "110099990000").is_empty(), "already expired: no reminder");
    let to: Vec<&str> = acc.outbox.iter().map(|e| e.to.as_str()).collect();
    assert!(to.iter().all(|t| *t == "dana.reyes@contoso-eng.com"));
    act!(acc, "Autodesk", Command::SendDueNotices).unwrap();
    assert_eq!(notices(&acc, SALES).len(), 1, "sent once");
    let dana = user(&acc, "Dana Reyes");
    for (days, expected) in [(15, 2), (41, 3), (44, 3)] {
        act_on!(acc, Actor::Autodesk, Command::SendDueNotices, today() + Duration::days(days)).unwrap();
        assert_eq!(notices(&acc, SALES).len(), expected, "{days} days on");
    }
    assert!(notices(&acc, SALES)[2].contains("(4-day notice)"));
    assert!(acc.outbox.iter().all(|e| e.to == acc.users[&dana].email));
    let body = &acc.outbox.iter().find(|e| e.kind == EmailKind::RenewalNotice).unwrap().body;
    assert!(body.contains("Contact your Autodesk sales representative"));
}

#[test]
fn rule_47_the_plan_gets_its_90_day_notice_when_time_reaches_it() {
    let mut acc = demo();
    act_on!(acc, Actor::Autodesk, Command::SendDueNotices, today() + Duration::days(110)).unwrap();
    assert_eq!(notices(&acc, PLAN), ["Contract 110012345678 expires in 90 days (90-day notice)"]);
    // A jump past two thresholds generates each of them, once.
    act_on!(acc, Actor::Autodesk, Command::SendDueNotices, today() + Duration::days(175)).unwrap();
    act_on!(acc, Actor::Autodesk, Command::SendDueNotices, today() + Duration::days(176)).unwrap();
    assert_eq!(
        notices(&acc, PLAN)[1..],
        [
            "Contract 110012345678 expires in 25 days (45-day notice)",
            "Contract 110012345678 expires in 25 days (30-day notice)"
        ]
    );
    let body = &acc.outbox.iter().find(|e| e.subject.contains(PLAN)).unwrap().body;
    assert!(body.contains("Northwind CAD Solutions"), "reseller contracts name whom to contact (rule 50)");
}

#[test]
fn only_autodesk_sends_notices_and_releases() {
    let mut acc = demo();
    assert!(matches!(act!(acc, "Dana Reyes", Command::SendDueNotices), Err(DomainError::NotAllowed { .. })));
}

#[test]
fn new_release_notices_go_to_the_serial_numbers_coordinator() {
    let mut acc = demo();
    let revit = line(&acc, PLAN, "Revit");
    act!(acc, "Autodesk", Command::PublishRelease { contract: no(PLAN), line: revit, release: "2027".into() }).unwrap();
    let autocad = line(&acc, PLAN, "AutoCAD");
    act!(acc, "Autodesk", Command::PublishRelease { contract: no(PLAN), line: autocad, release: "2027".into() })
        .unwrap();
    let sent: Vec<(&str, &str)> = acc
        .outbox
        .iter()
        .filter(|e| e.kind == EmailKind::NewRelease)
        .map(|e| (e.to.as_str(), e.subject.as_str()))
        .collect();
    assert_eq!(
        sent,
        [
            ("priya.natarajan@contoso-eng.com", "Revit 2027 is available"),
            ("dana.reyes@contoso-eng.com", "AutoCAD 2027 is available")
        ]
    );
}

#[test]
fn rule_50_only_store_purchases_renew_online() {
    let mut acc = demo();
    let err = act!(acc, "Dana Reyes", Command::SetAutoRenew { contract: no(PLAN), on: true }).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Contract 110012345678 was bought through a reseller: contact the reseller to renew it."
    );
    act!(acc, "Dana Reyes", Command::SetAutoRenew { contract: no(STORE), on: false }).unwrap();
    assert!(!acc.contracts[&no(STORE)].auto_renew);
}

fn hub_id(acc: &Account, name: &str) -> HubId {
    *acc.hubs.iter().find(|(_, h)| h.name == name).unwrap().0
}

#[test]
fn rules_53_54_a_single_contract_needs_the_cm_to_hold_a_team_seat() {
    let mut acc = demo();
    let hub = hub_id(&acc, "Contoso Projects");
    let assign = Command::AssignContractToHub { contract: no(SALES), hub: HubChoice::Existing(hub) };
    let err = act!(acc, "Dana Reyes", assign.clone()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Dana Reyes needs a seat of Fusion Team on contract 110055550000 to see \"Access now\"; assign one to yourself first."
    );
    let dana = user(&acc, "Dana Reyes");
    act!(acc, "Dana Reyes", edit(vec![dana], vec![give(&acc, SALES, "Fusion Team", &["Team hub access"])])).unwrap();
    act!(acc, "Dana Reyes", assign).unwrap();
    // Rule 54, several contracts: both now show against the one hub.
    let on_hub: Vec<&str> = acc.contracts.values().filter(|c| c.hub == Some(hub)).map(|c| c.number.as_str()).collect();
    assert_eq!(on_hub, [PLAN, SALES]);
}

#[test]
fn rule_53_a_contract_without_a_team_product_cannot_go_to_a_hub() {
    let mut acc = demo();
    let hub = hub_id(&acc, "Contoso Projects");
    let err = act!(
        acc,
        "Dana Reyes",
        Command::AssignContractToHub { contract: no("110087654321"), hub: HubChoice::Existing(hub) }
    );
    assert!(matches!(err, Err(DomainError::NoTeamProduct { .. })));
}

#[test]
fn rules_54_56_a_newly_assigned_contract_manager_does_it_and_the_former_cannot() {
    let mut acc = demo();
    let priya = user(&acc, "Priya Natarajan");
    act!(acc, "Dana Reyes", Command::ChangeContractManager { contract: no(PLAN), user: priya }).unwrap();
    let hub = act!(
        acc,
        "Priya Natarajan",
        Command::CreateHub {
            name: "Priya's hub".into(),
            url: "https://priya.autodesk360.com".into(),
            kind: String::new()
        }
    )
    .unwrap();
    let Some(Event::HubCreated { hub }) = hub.into_iter().find(|e| matches!(e, Event::HubCreated { .. })) else {
        panic!("no hub")
    };
    let assign = Command::AssignContractToHub { contract: no(PLAN), hub: HubChoice::Existing(hub) };
    assert!(matches!(act!(acc, "Dana Reyes", assign.clone()), Err(DomainError::NotAllowed { .. })));
    assert!(matches!(act!(acc, "Priya Natarajan", assign.clone()), Err(DomainError::NoTeamSeat { .. })));
    act!(acc, "Priya Natarajan", edit(vec![priya], vec![give(&acc, PLAN, "BIM 360 Team", &[])])).unwrap();
    act!(acc, "Priya Natarajan", assign).unwrap();
    assert_eq!(acc.contracts[&no(PLAN)].hub, Some(hub));
}

#[test]
fn rules_54_55_never_signed_up_create_a_trial_hub_or_type_its_address() {
    let mut acc = demo();
    let create =
        Command::CreateHub { name: "Site Works".into(), url: "http://site".into(), kind: "Fusion Team".into() };
    assert_eq!(
        act!(acc, "Dana Reyes", create).unwrap_err().to_string(),
        "\"http://site\" is not a hub address; enter a full https:// address."
    );
    let create = Command::CreateHub {
        name: "Site Works".into(),
        url: "https://siteworks.autodesk360.com".into(),
        kind: "Fusion Team".into(),
    };
    act!(acc, "Dana Reyes", create.clone()).unwrap();
    let trial = hub_id(&acc, "Site Works");
    assert!(acc.contracts.values().all(|c| c.hub != Some(trial)), "a new hub is a trial: no contract yet");
    assert!(matches!(act!(acc, "Dana Reyes", create), Err(DomainError::HubUrlTaken { .. })));
    // The store contract's CM holds no Fusion Team seat there yet; give one, then type the hub's address.
    let dana = user(&acc, "Dana Reyes");
    act!(acc, "Dana Reyes", edit(vec![dana], vec![give(&acc, STORE, "Fusion Team", &[])])).unwrap();
    let typed = HubChoice::Url("https://SiteWorks.autodesk360.com/".into());
    act!(acc, "Dana Reyes", Command::AssignContractToHub { contract: no(STORE), hub: typed }).unwrap();
    assert_eq!(acc.contracts[&no(STORE)].hub, Some(trial));
}

#[test]
fn rule_32_the_primary_admin_handles_billing_only_if_also_contract_manager() {
    let mut acc = demo();
    let err = act!(acc, "Sam Okafor", Command::SetAutoRenew { contract: no(STORE), on: false }).unwrap_err();
    assert_eq!(err.to_string(), "Sam Okafor can't change renewal settings: only the contract's contract manager can.");
}
