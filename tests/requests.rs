//! Issue 30's requests and approvals: a member asks for a product with a reason; whoever may assign it there
//! approves (the assignment itself, every rule) or declines with a reason; the requester is emailed either way.
#![cfg(not(target_arch = "wasm32"))]

mod common;
use common::*;
use contract_console::domain::alerts::Alert;
use contract_console::domain::requests::{self, Wanted};
use contract_console::domain::*;

fn ask(acc: &mut Account, who: &str, wanted: &Wanted, reason: &str) -> Result<Vec<Event>, DomainError> {
    act(acc, who, Command::RequestProduct { wanted: wanted.clone(), reason: reason.into() })
}

fn answer(acc: &mut Account, who: &str, approve: bool, reason: &str) -> Result<Vec<Event>, DomainError> {
    let request = acc.requests.last().unwrap().id;
    act(acc, who, Command::AnswerRequest { request, approve, reason: reason.into() })
}

fn emails(acc: &Account, name: &str, kind: EmailKind) -> Vec<String> {
    let to = &acc.users[&user(acc, name)].email;
    acc.outbox.iter().filter(|e| e.kind == kind && &e.to == to).map(|e| format!("{}\n{}", e.subject, e.body)).collect()
}

#[test]
fn a_member_asks_once_with_a_reason_for_a_product_they_do_not_have() {
    let mut acc = demo();
    let t = team(&acc);
    let revit = Wanted::Team { team: t, product: "Revit".into() };
    // Luis is no member of the team; Nina holds Revit already; a request needs its reason.
    assert!(matches!(ask(&mut acc, "Luis Ortega", &revit, "x"), Err(DomainError::NotAllowed { .. })));
    assert_eq!(
        ask(&mut acc, "Nina Kowalski", &revit, "x").unwrap_err().to_string(),
        "Nina Kowalski already has Revit; a user takes at most one seat of a product."
    );
    assert_eq!(
        ask(&mut acc, "Felix Wagner", &revit, "  ").unwrap_err().to_string(),
        "Give a reason for the request: the other person reads it."
    );
    let long = "x".repeat(501);
    assert!(matches!(ask(&mut acc, "Felix Wagner", &revit, &long), Err(DomainError::ReasonTooLong { max: 500 })));
    let unknown = Wanted::Team { team: t, product: "Maya".into() };
    assert!(ask(&mut acc, "Felix Wagner", &unknown, "x").is_err());
    ask(&mut acc, "Felix Wagner", &revit, "The bridge model").unwrap();
    assert!(ask(&mut acc, "Felix Wagner", &revit, "again")
        .unwrap_err()
        .to_string()
        .starts_with("You asked for Revit there on "));
    let logged = acc.activity.iter().rev().find(|a| a.kind == "Product requested").unwrap();
    assert_eq!(logged.what, "Felix Wagner requested Revit in the team Contoso Engineering: \"The bridge model\"");
}

#[test]
fn approving_is_the_assignment_itself_refused_without_a_seat_and_the_request_stays_open() {
    let mut acc = demo();
    let t = team(&acc);
    // Revit has one seat left: Fatima takes it, so Felix's approval is refused with the pool's own reason.
    let fatima = user(&acc, "Fatima Zahra");
    let assign = Command::AssignProduct {
        team: t,
        user: fatima,
        product: "Revit".into(),
        source: SeatSource::Pool,
        items: None,
    };
    act(&mut acc, "Sam Okafor", assign).unwrap();
    ask(&mut acc, "Felix Wagner", &Wanted::Team { team: t, product: "Revit".into() }, "The bridge model").unwrap();
    assert!(matches!(answer(&mut acc, "Tom Becker", true, ""), Err(DomainError::NotAllowed { .. })), "a plain member");
    assert_eq!(
        answer(&mut acc, "Sam Okafor", true, "").unwrap_err().to_string(),
        "Every seat of Revit in Contoso Engineering is in use; unassign someone or buy more seats."
    );
    assert!(acc.requests.last().unwrap().answer.is_none(), "still open");
    act(&mut acc, "Sam Okafor", Command::UnassignProduct { team: t, user: fatima, product: "Revit".into() }).unwrap();
    answer(&mut acc, "Sam Okafor", true, "").unwrap();
    assert!(acc.teams[&t].holders("Revit").contains(&user(&acc, "Felix Wagner")));
    let told = emails(&acc, "Felix Wagner", EmailKind::RequestAnswered);
    assert_eq!(told.len(), 1);
    assert!(told[0].starts_with("Your request for Revit was approved\n"), "{told:?}");
    assert_eq!(emails(&acc, "Felix Wagner", EmailKind::ReadyToDownload).len(), 1, "W3' as for any assignment");
    assert!(answer(&mut acc, "Sam Okafor", false, "no")
        .unwrap_err()
        .to_string()
        .starts_with("This request for Revit was already approved by Sam Okafor"));
}

#[test]
fn declining_needs_a_reason_which_the_requester_reads() {
    let mut acc = demo();
    let t = team(&acc);
    ask(&mut acc, "Felix Wagner", &Wanted::Team { team: t, product: "Revit".into() }, "The bridge model").unwrap();
    assert_eq!(
        answer(&mut acc, "Sam Okafor", false, "").unwrap_err().to_string(),
        "Give a reason for declining: the other person reads it."
    );
    answer(&mut acc, "Sam Okafor", false, "No seat until March").unwrap();
    let told = emails(&acc, "Felix Wagner", EmailKind::RequestAnswered);
    assert!(
        told[0].starts_with("Your request for Revit was declined\n") && told[0].contains("\"No seat until March\""),
        "{told:?}"
    );
    assert!(!acc.teams[&t].holders("Revit").contains(&user(&acc, "Felix Wagner")));
}

#[test]
fn a_named_user_asks_for_a_contract_line_its_coordinator_approves_through_edit_access() {
    let mut acc = demo();
    let (contract, line) = (no("110012345678"), line(&acc, "110012345678", "Revit"));
    let wanted = Wanted::Line { contract: contract.clone(), line };
    ask(&mut acc, "Luis Ortega", &wanted, "Site surveys").unwrap();
    // Who may assign it there hears of it, if they chose to (the alert).
    act(&mut acc, "Priya Natarajan", Command::ChooseAlerts { alerts: [Alert::Requests].into() }).unwrap();
    ask(&mut acc, "Kenji Tanaka", &wanted, "Coordination").unwrap();
    assert_eq!(
        emails(&acc, "Priya Natarajan", EmailKind::AlertOnChange).len(),
        1,
        "only the request made after the choice"
    );
    assert!(
        matches!(answer(&mut acc, "Sam Okafor", true, ""), Err(DomainError::NotAllowed { .. })),
        "not this line's admin"
    );
    answer(&mut acc, "Priya Natarajan", true, "").unwrap();
    assert!(acc.contracts[&contract].lines[&line].holders.contains_key(&user(&acc, "Kenji Tanaka")));
}

#[test]
fn a_standing_yes_approves_as_its_author_while_seats_remain_then_requests_wait() {
    let mut acc = demo();
    let t = team(&acc);
    let revit = Wanted::Team { team: t, product: "Revit".into() };
    let on = |on| Command::SetAutoApprove { wanted: revit.clone(), on };
    assert!(matches!(act(&mut acc, "Tom Becker", on(true)), Err(DomainError::NotAllowed { .. })));
    assert_eq!(
        act(&mut acc, "Sam Okafor", on(false)).unwrap_err().to_string(),
        "Automatic approval of Revit there is already off."
    );
    act(&mut acc, "Sam Okafor", on(true)).unwrap();
    // Revit has one seat left: Felix's request takes it at once; Julia's waits for an answer.
    ask(&mut acc, "Felix Wagner", &revit, "The bridge model").unwrap();
    assert!(acc.teams[&t].holders("Revit").contains(&user(&acc, "Felix Wagner")));
    let felix = acc.requests.last().unwrap().answer.clone().unwrap();
    assert!(felix.approved && felix.by == user(&acc, "Sam Okafor") && felix.reason == requests::AUTOMATIC);
    ask(&mut acc, "Julia Santos", &revit, "Rendering").unwrap();
    assert!(acc.requests.last().unwrap().answer.is_none(), "no seat left: it waits");
    act(&mut acc, "Sam Okafor", on(false)).unwrap();
    assert!(acc.approve_policies.is_empty());
}

#[test]
fn a_request_closes_when_the_product_is_given_another_way() {
    let mut acc = demo();
    let t = team(&acc);
    ask(&mut acc, "Felix Wagner", &Wanted::Team { team: t, product: "AutoCAD".into() }, "Drawings").unwrap();
    let felix = user(&acc, "Felix Wagner");
    let assign = Command::AssignProduct {
        team: t,
        user: felix,
        product: "AutoCAD".into(),
        source: SeatSource::Pool,
        items: None,
    };
    act(&mut acc, "Sam Okafor", assign).unwrap();
    let a = acc.requests.last().unwrap().answer.clone().expect("closed by the assignment");
    assert!(a.approved && a.by == user(&acc, "Sam Okafor") && a.reason == requests::GIVEN);
}

#[test]
fn no_one_answers_their_own_request() {
    let mut acc = demo();
    let t = team(&acc);
    // Oliver administers nothing here; made a secondary admin, he may assign AutoCAD, but not answer himself.
    let oliver = user(&acc, "Oliver Smith");
    act(&mut acc, "Sam Okafor", Command::SetTeamRole { team: t, user: oliver, role: TeamRole::SecondaryAdmin })
        .unwrap();
    ask(&mut acc, "Oliver Smith", &Wanted::Team { team: t, product: "Revit".into() }, "Rendering").unwrap();
    assert!(matches!(answer(&mut acc, "Oliver Smith", true, ""), Err(DomainError::NotAllowed { .. })));
    answer(&mut acc, "Sam Okafor", true, "").unwrap();
}
