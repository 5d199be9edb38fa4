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
        .filter(|e| e.kind == EmailKind::RenewalNotice)
        .filter(|e| e.subject.starts_with(&format!("Contract {contract} ")))
        .map(|e| format!("{} {}", e.sent_on, e.subject))
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

fn day(days: i64) -> String {
    (today() + Duration::days(days)).to_string()
}

#[test]
fn rules_47_48_renewal_notices_go_to_the_contract_manager_once_each_on_its_own_day() {
    let mut acc = demo();
    // The demo account is loaded with the notices due so far, each dated on its threshold (issue 16.7):
    // SALES ends in 45 days, so its 90-day notice went out 45 days ago and the 45-day one today.
    assert_eq!(
        notices(&acc, SALES),
        [
            format!("{} Contract 110055550000 expires in 90 days (90-day notice)", day(-45)),
            format!("{} Contract 110055550000 expires in 45 days (45-day notice)", day(0)),
        ]
    );
    let body = &acc.outbox.iter().find(|e| e.subject.contains(SALES)).unwrap().body;
    assert!(body.contains(&format!("ends on {}, 90 days from today", day(45))), "the real end date: {body}");
    // The expired monthly contract (day -40 to day -10) had the notices that fall within its term, each on
    // its day: none dated before it began.
    let expired: Vec<String> = notices(&acc, "110099990000").iter().map(|n| n[..10].to_string()).collect();
    assert_eq!(expired, [day(-40), day(-14)]);
    assert!(notices(&acc, PLAN).is_empty(), "200 days out: nothing yet");
    let to: Vec<&str> = acc.outbox.iter().map(|e| e.to.as_str()).collect();
    assert!(to.iter().all(|t| *t == "dana.reyes@contoso-eng.com"));
    let sent = acc.outbox.len();
    act!(acc, "Autodesk", Command::SendDueNotices).unwrap();
    assert_eq!(acc.outbox.len(), sent, "sent once");
    for (days, expected) in [(15, 3), (41, 4), (44, 4)] {
        act_on!(acc, Actor::Autodesk, Command::SendDueNotices, today() + Duration::days(days)).unwrap();
        assert_eq!(notices(&acc, SALES).len(), expected, "{days} days on");
    }
    assert_eq!(notices(&acc, SALES)[3], format!("{} Contract 110055550000 expires in 4 days (4-day notice)", day(41)));
    let body = &acc.outbox.iter().find(|e| e.subject.contains(SALES)).unwrap().body;
    assert!(body.contains("Contact your Autodesk sales representative"));
}

#[test]
fn rule_47_a_jump_past_several_thresholds_sends_each_as_of_its_own_date() {
    let mut acc = demo();
    act_on!(acc, Actor::Autodesk, Command::SendDueNotices, today() + Duration::days(110)).unwrap();
    assert_eq!(notices(&acc, PLAN), [format!("{} Contract 110012345678 expires in 90 days (90-day notice)", day(110))]);
    // Issue 16.6: a jump to 3 days before the end sends the 45-, 30- and 4-day notices, each dated and worded
    // as on its own day, never "expires in 3 days (45-day notice)".
    act_on!(acc, Actor::Autodesk, Command::SendDueNotices, today() + Duration::days(197)).unwrap();
    assert_eq!(
        notices(&acc, PLAN)[1..],
        [
            format!("{} Contract 110012345678 expires in 45 days (45-day notice)", day(155)),
            format!("{} Contract 110012345678 expires in 30 days (30-day notice)", day(170)),
            format!("{} Contract 110012345678 expires in 4 days (4-day notice)", day(196)),
        ]
    );
    let body = &acc.outbox.iter().find(|e| e.subject.contains(PLAN)).unwrap().body;
    assert!(body.contains("Northwind CAD Solutions"), "reseller contracts name whom to contact (rule 50)");
}

#[test]
fn rule_47_moving_time_back_invents_no_notice_from_the_future() {
    let mut acc = demo();
    let seeded = acc.outbox.clone();
    act_on!(acc, Actor::Autodesk, Command::SendDueNotices, today() + Duration::days(197)).unwrap();
    assert_eq!(notices(&acc, PLAN).len(), 4);
    // Back to today: what was dated after it is withdrawn, and nothing new is sent.
    act!(acc, "Autodesk", Command::SendDueNotices).unwrap();
    assert_eq!(acc.outbox, seeded);
    assert!(acc.outbox.iter().all(|e| e.sent_on <= today()));
    // Further back than the seed's notices: those dated after the new day go too, and come back going forward.
    act_on!(acc, Actor::Autodesk, Command::SendDueNotices, today() - Duration::days(30)).unwrap();
    assert!(acc.outbox.iter().all(|e| e.sent_on <= today() - Duration::days(30)));
    assert_eq!(notices(&acc, "110099990000").len(), 1);
    act!(acc, "Autodesk", Command::SendDueNotices).unwrap();
    assert_eq!(acc.outbox.len(), seeded.len());
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

fn assign(contract: &str, hub: HubChoice, confirmed: bool) -> Command {
    Command::AssignContractToHub { contract: no(contract), hub, confirmed }
}

fn fusion_hub(acc: &mut Account) -> HubId {
    let url = "https://contoso-fusion.autodesk360.com".into();
    act(
        acc,
        "Dana Reyes",
        Command::CreateHub { name: "Contoso Fusion".into(), url, kind: "Fusion Team".into(), team: None },
    )
    .unwrap();
    hub_id(acc, "Contoso Fusion")
}

#[test]
fn rules_53_54_a_single_contract_needs_the_cm_to_hold_a_team_seat() {
    let mut acc = demo();
    let hub = fusion_hub(&mut acc);
    let err = act!(acc, "Dana Reyes", assign(SALES, HubChoice::Existing(hub), false)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Dana Reyes needs a seat of Fusion Team on contract 110055550000 to see \"Access now\"; assign one to yourself first."
    );
    let dana = user(&acc, "Dana Reyes");
    act!(acc, "Dana Reyes", edit(vec![dana], vec![give(&acc, SALES, "Fusion Team", &["Team hub access"])])).unwrap();
    act!(acc, "Dana Reyes", edit(vec![dana], vec![give(&acc, STORE, "Fusion Team", &["Team hub access"])])).unwrap();
    act!(acc, "Dana Reyes", assign(SALES, HubChoice::Existing(hub), false)).unwrap();
    act!(acc, "Dana Reyes", assign(STORE, HubChoice::Existing(hub), false)).unwrap();
    // Rule 54, several contracts: both now show against the one hub.
    let on_hub: Vec<&str> = acc.contracts.values().filter(|c| c.hub == Some(hub)).map(|c| c.number.as_str()).collect();
    assert_eq!(on_hub, [STORE, SALES]);
}

#[test]
fn rule_53_the_hub_type_matches_the_contracts_team_product() {
    // Issue 16.1: a Fusion Team contract is refused by a BIM 360 Team hub, and the other way round.
    let mut acc = demo();
    let dana = user(&acc, "Dana Reyes");
    act!(acc, "Dana Reyes", edit(vec![dana], vec![give(&acc, SALES, "Fusion Team", &["Team hub access"])])).unwrap();
    let projects = hub_id(&acc, "Contoso Projects");
    assert_eq!(
        act!(acc, "Dana Reyes", assign(SALES, HubChoice::Existing(projects), true)).unwrap_err().to_string(),
        "Contract 110055550000 holds Fusion Team, so it can't go to Contoso Projects, a BIM 360 Team hub: choose a Fusion Team hub."
    );
    let fusion = fusion_hub(&mut acc);
    let err = act!(acc, "Dana Reyes", assign(PLAN, HubChoice::Existing(fusion), true)).unwrap_err();
    assert!(matches!(err, DomainError::HubTypeMismatch { .. }));
}

#[test]
fn rule_55_moving_a_contract_off_a_live_hub_or_creating_one_is_confirmed_first() {
    // Issue 16.1: a typed address that matches no hub, or a move off a subscribed hub, changes nothing until the
    // admin has seen what it does.
    let mut acc = demo();
    let projects = hub_id(&acc, "Contoso Projects");
    let typo = HubChoice::Url("https://contoso-projetcs.autodesk360.com".into());
    let plan = plan_assign_to_hub(&acc, Actor::User(user(&acc, "Dana Reyes")), &no(PLAN), &typo).unwrap();
    assert_eq!(
        plan.to_confirm(&no(PLAN)).unwrap(),
        "No hub has the address https://contoso-projetcs.autodesk360.com: a new BIM 360 Team hub \"contoso-projetcs\" will be created for contract 110012345678. \
         Contract 110012345678 moves off Contoso Projects: Contoso Projects loses its seats and subscription from this contract. \
         Contoso Projects then has no contract and falls back to Trial."
    );
    let err = act!(acc, "Dana Reyes", assign(PLAN, typo.clone(), false)).unwrap_err();
    assert!(err.to_string().ends_with("Confirm to go ahead."), "{err}");
    assert_eq!(acc.hubs.len(), 1);
    assert_eq!(acc.contracts[&no(PLAN)].hub, Some(projects));
    act!(acc, "Dana Reyes", assign(PLAN, typo, true)).unwrap();
    let created = hub_id(&acc, "contoso-projetcs");
    assert_eq!(acc.contracts[&no(PLAN)].hub, Some(created));
    assert_eq!(acc.hubs[&created].kind, "BIM 360 Team");
    assert_eq!(acc.hub_state(projects, today()), "Trial");
    // The old address, typed in capitals with a slash, is the same hub; going back is a move again.
    let back = HubChoice::Url("HTTPS://Contoso-Projects.AUTODESK360.com/".into());
    let plan = plan_assign_to_hub(&acc, Actor::User(user(&acc, "Dana Reyes")), &no(PLAN), &back).unwrap();
    assert_eq!(plan.hub, Some(projects));
    act!(acc, "Dana Reyes", assign(PLAN, back.clone(), true)).unwrap();
    assert_eq!(
        act!(acc, "Dana Reyes", assign(PLAN, back, true)).unwrap_err().to_string(),
        "Contract 110012345678 is already assigned to Contoso Projects."
    );
}

#[test]
fn rule_55_hub_addresses_are_autodesk360_hosts_and_names_are_unique() {
    let mut acc = demo();
    let bad =
        ["https://example.com", "http://x.autodesk360.com", "https://.autodesk360.com", "https://autodesk360.com"];
    for bad in bad.into_iter().chain(["https://foo.bar.autodesk360.com", "https://-x.autodesk360.com"]) {
        let create = Command::CreateHub { name: "X".into(), url: bad.into(), kind: String::new(), team: None };
        assert!(matches!(act!(acc, "Dana Reyes", create), Err(DomainError::InvalidUrl(_))), "{bad} accepted");
    }
    let create = |name: &str, url: &str| Command::CreateHub {
        name: name.into(),
        url: url.into(),
        kind: String::new(),
        team: None,
    };
    assert_eq!(
        act!(acc, "Dana Reyes", create("contoso projects", "https://other.autodesk360.com")).unwrap_err().to_string(),
        "A hub called Contoso Projects already exists; choose another name."
    );
    // Spaces count once (a doubled or non-breaking space makes no new name), and at most 50 characters.
    for twin in ["Contoso  Projects", "Contoso\u{a0}Projects"] {
        let err = act!(acc, "Dana Reyes", create(twin, "https://twin.autodesk360.com")).unwrap_err();
        assert!(matches!(err, DomainError::HubNameTaken { .. }), "{twin}: {err}");
    }
    let long = "x".repeat(51);
    let err = act!(acc, "Dana Reyes", create(&long, "https://long.autodesk360.com")).unwrap_err();
    assert!(matches!(err, DomainError::InvalidName { field: "hub name", .. }));
    let odd = Command::CreateHub {
        name: "Odd".into(),
        url: "https://odd.autodesk360.com".into(),
        kind: "Odd Team".into(),
        team: None,
    };
    assert!(matches!(act!(acc, "Dana Reyes", odd), Err(DomainError::Unknown { what: "hub type", .. })));
    act!(acc, "Dana Reyes", create("Other", "HTTPS://Other.Autodesk360.com/")).unwrap();
    assert_eq!(acc.hubs[&hub_id(&acc, "Other")].url, "https://other.autodesk360.com");
}

#[test]
fn rule_46_a_hub_whose_contracts_give_no_access_is_suspended() {
    let acc = demo();
    let projects = hub_id(&acc, "Contoso Projects");
    assert_eq!(acc.hub_state(projects, today()), "Subscribed");
    // PLAN ends in 200 days; 15 days Expired, then Suspended.
    assert_eq!(acc.hub_state(projects, today() + Duration::days(215)), "Subscribed");
    assert_eq!(acc.hub_state(projects, today() + Duration::days(216)), "Suspended");
}

#[test]
fn rule_53_a_contract_without_a_team_product_cannot_go_to_a_hub() {
    let mut acc = demo();
    let hub = hub_id(&acc, "Contoso Projects");
    let err = act!(
        acc,
        "Dana Reyes",
        Command::AssignContractToHub { contract: no("110087654321"), hub: HubChoice::Existing(hub), confirmed: true }
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
            kind: String::new(),
            team: None
        }
    )
    .unwrap();
    let Some(Event::HubCreated { hub }) = hub.into_iter().find(|e| matches!(e, Event::HubCreated { .. })) else {
        panic!("no hub")
    };
    let to_hub = assign(PLAN, HubChoice::Existing(hub), true);
    assert!(matches!(act!(acc, "Dana Reyes", to_hub.clone()), Err(DomainError::NotAllowed { .. })));
    assert!(matches!(act!(acc, "Priya Natarajan", to_hub.clone()), Err(DomainError::NoTeamSeat { .. })));
    act!(acc, "Priya Natarajan", edit(vec![priya], vec![give(&acc, PLAN, "BIM 360 Team", &[])])).unwrap();
    act!(acc, "Priya Natarajan", to_hub).unwrap();
    assert_eq!(acc.contracts[&no(PLAN)].hub, Some(hub));
}

#[test]
fn rules_54_55_never_signed_up_create_a_trial_hub_or_type_its_address() {
    let mut acc = demo();
    let create = Command::CreateHub {
        name: "Site Works".into(),
        url: "http://site".into(),
        kind: "Fusion Team".into(),
        team: None,
    };
    assert_eq!(
        act!(acc, "Dana Reyes", create).unwrap_err().to_string(),
        "\"http://site\" is not a Team hub address: enter it as https://yourhub.autodesk360.com."
    );
    let create = Command::CreateHub {
        name: "Site Works".into(),
        url: "https://siteworks.autodesk360.com".into(),
        kind: "Fusion Team".into(),
        team: None,
    };
    act!(acc, "Dana Reyes", create.clone()).unwrap();
    let trial = hub_id(&acc, "Site Works");
    assert!(acc.contracts.values().all(|c| c.hub != Some(trial)), "a new hub is a trial: no contract yet");
    assert!(matches!(act!(acc, "Dana Reyes", create), Err(DomainError::HubUrlTaken { .. })));
    // The store contract's CM holds no Fusion Team seat there yet; give one, then type the hub's address.
    let dana = user(&acc, "Dana Reyes");
    act!(acc, "Dana Reyes", edit(vec![dana], vec![give(&acc, STORE, "Fusion Team", &[])])).unwrap();
    let typed = HubChoice::Url("https://SiteWorks.autodesk360.com/".into());
    act!(acc, "Dana Reyes", assign(STORE, typed, false)).unwrap();
    assert_eq!(acc.contracts[&no(STORE)].hub, Some(trial));
}

#[test]
fn rule_32_the_primary_admin_handles_billing_only_if_also_contract_manager() {
    let mut acc = demo();
    let err = act!(acc, "Sam Okafor", Command::SetAutoRenew { contract: no(STORE), on: false }).unwrap_err();
    assert_eq!(err.to_string(), "Sam Okafor can't change renewal settings: only the contract's contract manager can.");
}
