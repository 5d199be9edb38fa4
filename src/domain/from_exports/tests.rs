use super::*;
use crate::domain::{Account, TeamRole, TeamStatus, UserStatus};
use chrono::NaiveDate;
use std::collections::BTreeMap;

const SUBSCRIPTIONS: &str = include_str!("../../../tests/fixtures/autodesk/subscriptions.csv");
const USERS: &str = include_str!("../../../tests/fixtures/autodesk/users.csv");
const USERS_EXCEL: &str = include_str!("../../../tests/fixtures/autodesk/users-excel.csv");
const SUBSCRIPTIONS_US: &str = include_str!("../../../tests/fixtures/autodesk/subscriptions-us-dates.csv");
const SUBSCRIPTIONS_TABS: &str = include_str!("../../../tests/fixtures/autodesk/subscriptions-tabs.csv");

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
}

/// A refresh given the Users export, not the Groups or Seat Usage ones.
const PEOPLE: Compared = Compared { users: true, groups: false, usage: false };

fn answers() -> Answers {
    Answers {
        company: "Northwind Engineering".into(),
        contract_manager: "Maria Keller <maria.keller@northwind.example>".into(),
        leave_out_over: true,
        ..Default::default()
    }
}

fn built(subscriptions: &str, users: Option<&str>, answers: &Answers) -> Built {
    let exports =
        Exports { subscriptions: subscriptions.into(), users: users.map(str::to_string), ..Default::default() };
    build(&exports, answers, today())
}

fn account(b: &Built) -> &Account {
    b.account.as_ref().unwrap_or_else(|| panic!("not built: {:?}", b.blocked))
}

/// Per team and product.
type ByProduct<T> = BTreeMap<(String, String), T>;

/// The exports read with nothing but the csv crate: (team, product) → seats, and → distinct people assigned.
fn from_files() -> (ByProduct<u32>, ByProduct<usize>) {
    let mut seats = BTreeMap::new();
    for r in csv::Reader::from_reader(SUBSCRIPTIONS.as_bytes()).records().map(Result::unwrap) {
        if &r[8] != "Canceled" {
            *seats.entry((r[11].to_string(), r[2].to_string())).or_insert(0) += r[3].parse::<u32>().unwrap();
        }
    }
    let mut people: BTreeMap<(String, String), std::collections::BTreeSet<String>> = BTreeMap::new();
    for r in csv::Reader::from_reader(USERS.as_bytes()).records().map(Result::unwrap) {
        if !r[6].is_empty() {
            people.entry((r[5].to_string(), r[6].to_string())).or_default().insert(r[2].to_string());
        }
    }
    (seats, people.into_iter().map(|(k, v)| (k, v.len())).collect())
}

#[test]
fn issue_31_the_account_built_holds_every_seat_and_assignment_the_exports_hold() {
    let b = built(SUBSCRIPTIONS, Some(USERS), &answers());
    let acc = account(&b);
    let (seats, assigned) = from_files();
    // Both ways: every seat and assignment of the files is in the account, and the account has no other.
    let mut pools = BTreeMap::new();
    let mut holders = BTreeMap::new();
    for team in acc.teams.values() {
        for p in team.products() {
            pools.insert((team.name.clone(), p.clone()), team.pool_seats(&p, None));
            holders.insert((team.name.clone(), p.clone()), team.holders(&p).len());
        }
    }
    assert_eq!(pools, seats);
    let over = ("Northwind Field".to_string(), "BIM Collaborate Pro".to_string());
    let mut expected = assigned.clone();
    expected.insert(over.clone(), 15);
    assert_eq!(holders, expected, "every assignment, less the two past BIM Collaborate Pro's 15 seats");
    assert_eq!(assigned[&over], 17);
    // The preview says the same.
    assert_eq!((b.contracts, b.people, acc.contracts.len()), (3, 301, 3));
    let field = b.teams.iter().find(|t| t.name == "Northwind Field").unwrap();
    assert_eq!((field.subscriptions, field.seats, field.members), (3, 80, 81));
    assert_eq!(b.problems.len(), 1, "{:?}", b.problems);
    assert_eq!(b.problems[0].row, 11);
    assert_eq!(b.problems[0].value, "Canceled");
}

#[test]
fn issue_31_over_assigned_seats_wait_for_the_admins_choice() {
    let ask = Answers { leave_out_over: false, ..answers() };
    let b = built(SUBSCRIPTIONS, Some(USERS), &ask);
    assert!(b.account.is_none());
    assert_eq!(b.over.len(), 1);
    let over = &b.over[0];
    assert_eq!(
        (over.team.as_str(), over.product.as_str(), over.seats, over.rows.len()),
        ("Northwind Field", "BIM Collaborate Pro", 15, 17)
    );
    assert!(b.blocked[0].starts_with("More people are assigned a product than its subscriptions have seats"));
    // Chosen: the last two rows are left out, each said.
    let b = built(SUBSCRIPTIONS, Some(USERS), &answers());
    let left: Vec<&String> = b.notes.iter().filter(|n| n.contains("is left out")).collect();
    assert_eq!(left.len(), 2);
    assert!(
        left[0].starts_with(&format!("Users export, row {}: BIM Collaborate Pro in Northwind Field", over.rows[15]))
    );
}

#[test]
fn issue_31_roles_contract_managers_and_a_team_without_a_primary_admin() {
    let b = built(SUBSCRIPTIONS, Some(USERS), &answers());
    let acc = account(&b);
    let maria = acc.user_by_email("maria.keller@northwind.example").unwrap();
    // Rule 1: the contract manager the admin named, a named user who has accepted, of every contract.
    assert!(acc.contracts.values().all(|c| c.contract_manager == maria));
    assert_eq!(acc.users[&maria].classic.as_ref().map(|m| m.status), Some(UserStatus::Active));
    // Rule 27: one primary admin per team; Field's export names none, so Maria is made it, and it is said.
    for team in acc.teams.values() {
        assert_eq!(team.members.values().filter(|m| m.role == TeamRole::PrimaryAdmin).count(), 1, "{}", team.name);
    }
    let field = acc.teams.values().find(|t| t.name == "Northwind Field").unwrap();
    assert_eq!(field.members[&maria].role, TeamRole::PrimaryAdmin);
    assert!(b
        .notes
        .iter()
        .any(|n| n.starts_with("Northwind Field: the Users export names no primary admin, so Maria Keller")));
    let ada = acc.user_by_email("ada.park@northwind.example").unwrap();
    let design = acc.teams.values().find(|t| t.name == "Northwind Design").unwrap();
    assert_eq!(design.members[&ada].role, TeamRole::PrimaryAdmin);
    assert!(design.members.values().any(|m| m.status == TeamStatus::Invited));
    // Contracts: from their subscriptions, the reseller's, renewal notices already sent by Autodesk kept so.
    let c1 = &acc.contracts[&crate::domain::ContractNo("110200000001".into())];
    assert_eq!(c1.reseller.as_ref().map(|r| r.name.as_str()), Some("Summit CAD Partners, Inc."));
    assert_eq!(c1.end_date, NaiveDate::from_ymd_opt(2026, 12, 20).unwrap());
    assert!(c1.auto_renew);
    assert_eq!(c1.renewal_notices_sent.iter().copied().collect::<Vec<_>>(), [30, 45, 90]);
    assert_eq!(acc.activity.len(), 1);
}

#[test]
fn issue_31_excel_locales_and_sheets_read_the_same() {
    let clean = built(SUBSCRIPTIONS, Some(USERS), &answers());
    for (subs, users) in [(SUBSCRIPTIONS_US, USERS_EXCEL), (SUBSCRIPTIONS_TABS, USERS), (SUBSCRIPTIONS, USERS_EXCEL)] {
        let messy = built(subs, Some(users), &answers());
        assert_eq!(account(&messy), account(&clean));
        assert_eq!(messy.problems.len(), 1, "{:?}", messy.problems);
    }
}

#[test]
fn issue_31_every_row_that_cant_be_used_says_its_row_value_and_why() {
    let subs = "contract_number,subscription_id,offering_name,seat_quantity,start_date,end_date,term,team\n\
        110,S1,AutoCAD,ten,2026-01-01,2027-01-01,Annual,T\n\
        110,S2,AutoCAD,5,2026-13-01,2027-01-01,Annual,T\n\
        110,S3,AutoCAD,5,2026-01-01,2027-01-01,Fortnightly,T\n\
        110,S4,Revit,3,2026-01-01,2027-01-01,Annual,T\n\
        110,S4,Revit,3,2026-01-01,2027-01-01,Annual,T\n";
    let users = "Email,First name,Last name,Role,Team,Product\n\
        ann.lee@x.com,Ann,Lee,Primary Admin,T,Revit\n\
        bo@x,Bo,Wu,User,T,Revit\n\
        cy.ray@x.com,Cy,Ray,Overlord,T,Revit\n\
        di.fox@x.com,Di,Fox,Primary Admin,T,\n\
        ed.orr@x.com,Ed,Orr,User,T,Maya\n\
        fay.lim@x.com,Fay,Lim,User,Elsewhere,Revit\n";
    let b = built(subs, Some(users), &answers());
    let said: Vec<(&str, usize, &str)> = b.problems.iter().map(|p| (p.file, p.row, p.value.as_str())).collect();
    assert_eq!(
        said,
        [
            ("Subscriptions", 2, "ten"),
            ("Subscriptions", 3, "2026-13-01"),
            ("Subscriptions", 4, "Fortnightly"),
            ("Subscriptions", 6, "S4"),
            ("Users", 3, "bo@x"),
            ("Users", 4, "Overlord"),
            ("Users", 5, "Primary Admin"),
            ("Users", 6, "Maya"),
            ("Users", 7, "Elsewhere"),
        ]
    );
    let why: Vec<&str> = b.problems.iter().map(|p| p.why.as_str()).collect();
    assert_eq!(why[0], "is not a number of seats: a whole number, 0 or more.");
    assert_eq!(why[1], "is not a date: write it as 2026-03-01 or 03/01/2026.");
    assert_eq!(why[3], "the subscription ID is also on row 5.");
    assert_eq!(why[6], "T already has a primary admin, ann.lee@x.com (rule 27).");
    assert_eq!(why[7], "is not a product of T's subscriptions (Revit).");
    // The rest is built: one subscription, Ann its primary admin with Revit.
    let acc = account(&b);
    let team = acc.teams.values().next().unwrap();
    assert_eq!(team.subscriptions.len(), 1);
    assert_eq!(team.holders("Revit").len(), 1);
}

#[test]
fn issue_31_what_the_exports_dont_say_is_asked_and_a_file_without_its_columns_changes_nothing() {
    let none = Answers { company: " ".into(), leave_out_over: true, ..Default::default() };
    let b = built(SUBSCRIPTIONS, None, &none);
    assert!(b.account.is_none());
    assert_eq!(
        b.blocked,
        [
            "Enter the company's name: the exports don't say it.",
            "Enter the contract manager: the exports don't say who it is."
        ]
    );
    // An address alone: its name from the Users export, else read from it, else asked for.
    let from_users = Answers { contract_manager: "ADA.PARK@northwind.example".into(), ..answers() };
    let acc = built(SUBSCRIPTIONS, Some(USERS), &from_users).account.unwrap();
    assert_eq!(acc.name_of(acc.contracts.values().next().unwrap().contract_manager), "Ada Park");
    let nameless = Answers { contract_manager: "it@northwind.example".into(), ..answers() };
    let b = built(SUBSCRIPTIONS, None, &nameless);
    assert_eq!(b.blocked, ["it@northwind.example is not in the Users export and no name can be read from it: write the contract manager as \"First Last <it@northwind.example>\"."]);
    assert_eq!(b.at_field.get("manager"), b.blocked.first(), "said at its field too");
    // A name without its address is said to be one (an admin trial: only "Keller" was quoted).
    let no_address = built(SUBSCRIPTIONS, None, &Answers { contract_manager: "Maria Keller".into(), ..answers() });
    assert_eq!(
        no_address.at_field["manager"],
        "The contract manager: \"Maria Keller\" has no email address: write it as \"Maria Keller <email>\"."
    );
    // Not yet answered is not wrong: nothing is said at the field.
    let unanswered = built(SUBSCRIPTIONS, None, &Answers { contract_manager: String::new(), ..answers() });
    assert!(unanswered.at_field.is_empty() && !unanswered.blocked.is_empty());
    // "Fill in this account's company…" is offered only for exports of this account.
    let acc = built(SUBSCRIPTIONS, None, &answers()).account.unwrap();
    assert!(of_account(SUBSCRIPTIONS, &acc));
    assert!(!of_account(&SUBSCRIPTIONS.replace("Northwind", "Contoso"), &acc));
    // Without Users, the subscriptions alone: every team's primary admin is the contract manager.
    let acc = built(SUBSCRIPTIONS, None, &answers()).account.unwrap();
    assert_eq!((acc.teams.len(), acc.users.len()), (3, 1));
    let wrong = built("Name,Seats\nAutoCAD,3\n", None, &answers());
    assert!(wrong.account.is_none());
    assert_eq!(wrong.at_field.get("Subscriptions"), wrong.blocked.first(), "said at the file's field too");
    // The Groups export chosen as the Users export (an admin trial: it built an account of people without
    // products): refused, as only its email column is the Users export's.
    let groups = include_str!("../../../tests/fixtures/autodesk/groups.csv");
    let mistaken = built(SUBSCRIPTIONS, Some(groups), &answers());
    assert!(mistaken.account.is_none());
    assert!(
        mistaken.at_field["Users"].ends_with("only group, group_type, team, email: is it another export?"),
        "{mistaken:?}"
    );
    // One contract manager, not two.
    let two = Answers {
        contract_manager: "Maria Keller <maria.keller@northwind.example>, Bob <b@x.example>".into(),
        ..answers()
    };
    assert!(built(SUBSCRIPTIONS, None, &two).at_field["manager"].starts_with("Enter one contract manager"));
    assert_eq!(
        wrong.blocked,
        ["The Subscriptions export: The file's first row must be the column names: subscription_id, offering_name, seat_quantity, start_date, end_date."]
    );
}

#[test]
fn issue_31_dates_as_autodesk_and_excel_write_them() {
    let d = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
    for text in [
        "2026-03-01",
        "03/01/2026",
        "3/1/2026",
        "01.03.2026",
        "2026/03/01",
        "1-Mar-2026",
        "2026-03-01T00:00:00Z",
        "2026-03-01 08:00",
    ] {
        assert_eq!(export_date(text), Ok(d), "{text}");
    }
    assert!(export_date("31/12/2026").is_err(), "month first, as Autodesk Account writes it");
    for bad in ["soon", "2026-02-30", "1-Foo-2026", "26-03-01", "03/01/26", ""] {
        assert!(export_date(bad).is_err(), "{bad}");
    }
}

/// Issue 31: newer exports a month on — a subscription renewed with more seats, one ended, a person gone, a
/// role changed, a person new with a product — give exactly those differences, applied as one command with a
/// "Refreshed from Autodesk exports" entry each, after which the account and the exports agree.
#[test]
fn issue_31_a_refresh_with_changed_exports_applies_exactly_the_differences() {
    use crate::domain::{apply, Actor, Command, DomainError};
    let first = built(SUBSCRIPTIONS, Some(USERS), &answers());
    let mut acc = account(&first).clone();
    let later_subs = SUBSCRIPTIONS
        .replace("72000002,AutoCAD,25,2025-12-20,2026-12-20", "72000002,AutoCAD,30,2026-12-20,2027-12-20")
        .lines()
        .filter(|l| !l.contains(",72000009,"))
        .collect::<Vec<_>>()
        .join("\n");
    let later_users = USERS
        .lines()
        .filter(|l| !l.starts_with("Deepak,Moreau,"))
        .map(|l| if l.starts_with("Elif,Vogel,") { l.replace("Secondary Admin", "User") } else { l.to_string() })
        .chain(["Noor,Haddad,noor.haddad@northwind.example,ADSK00099999,User,Northwind Design,AutoCAD,Pending".into()])
        .collect::<Vec<_>>()
        .join("\n");
    let later = built(&later_subs, Some(&later_users), &answers());
    assert_eq!((first.unreadable_subscriptions(), later.unreadable_subscriptions()), (0, 0), "a canceled row is not");
    // A seat count that can't be read would look like an ended subscription: the refresh waits for the file.
    let typo = built(&later_subs.replace("72000005,Fusion,20,", "72000005,Fusion,-5,"), Some(&later_users), &answers());
    assert_eq!(typo.unreadable_subscriptions(), 1);
    let changes = differences(&acc, account(&later), PEOPLE);
    let design = "Northwind Design".to_string();
    let has = |r: &Refresh| changes.contains(r);
    assert!(changes
        .iter()
        .any(|c| matches!(c, Refresh::Subscription { id, terms, .. } if id.0 == "72000002" && terms.seats == 30)));
    assert!(changes.iter().any(|c| matches!(c, Refresh::Ended { id, .. } if id.0 == "72000009")));
    assert!(has(&Refresh::Leave { team: design.clone(), email: "deepak.moreau@northwind.example".into() }));
    assert!(has(&Refresh::Role {
        team: design.clone(),
        email: "elif.vogel@northwind.example".into(),
        role: TeamRole::User
    }));
    let noor = "noor.haddad@northwind.example".to_string();
    assert!(changes.iter().any(|c| matches!(c, Refresh::Join { email, invited: true, .. } if *email == noor)));
    assert!(has(&Refresh::Assign { team: design.clone(), email: noor.clone(), product: "AutoCAD".into() }));
    let other =
        |c: &&Refresh| !matches!(c, Refresh::Subscription { .. } | Refresh::Ended { .. } | Refresh::Unassign { .. });
    assert_eq!(changes.iter().filter(other).count(), 4, "nothing else about people: {changes:#?}");

    let words = told(&changes, &acc);
    assert!(words.contains(&"Noor Haddad is assigned AutoCAD in Northwind Design".to_string()), "{words:#?}");
    assert!(words.contains(&"Elif Vogel in Northwind Design: Secondary Admin → User".to_string()), "{words:#?}");
    let cm = acc.user_by_email("maria.keller@northwind.example").unwrap();
    let logged = acc.activity.len();
    apply(&mut acc, Actor::User(cm), Command::RefreshFromExports { changes: changes.clone() }, today()).unwrap();
    assert_eq!(differences(&acc, account(&later), PEOPLE), vec![], "the account now says what the exports say");
    let refreshed: Vec<_> =
        acc.activity[logged..].iter().filter(|a| a.kind == "Refreshed from Autodesk exports").collect();
    assert_eq!(refreshed.len(), changes.len(), "one entry per difference");
    assert!(refreshed.iter().any(|a| a.what.contains("seats 25 → 30")), "{refreshed:#?}");
    // Each entry is about its team, person and product: filters find it, the team's admins see it.
    let (design_id, noor_id) = (acc.teams.iter().find(|(_, t)| t.name == design).unwrap().0, acc.user_by_email(&noor));
    let assigned = refreshed.iter().find(|a| a.what.contains("is assigned AutoCAD")).unwrap();
    assert_eq!(assigned.targets.team, Some(*design_id));
    assert_eq!(
        (assigned.targets.users.first().copied(), &assigned.targets.products[..]),
        (noor_id, &["AutoCAD".to_string()][..])
    );
    assert!(refreshed.iter().all(|a| a.targets.team.is_some()), "{refreshed:#?}");
    // A new company name given with the exports is a difference too (an admin trial: it was dropped).
    let renamed = Account { company: "Northwind Design & Build".into(), ..acc.clone() };
    let rename = differences(&acc, &renamed, PEOPLE);
    assert_eq!(rename, [Refresh::Company { name: "Northwind Design & Build".into() }]);
    assert_eq!(told(&rename, &acc), ["The company's name: Northwind Engineering → Northwind Design & Build"]);

    // The same differences again no longer fit: refused whole, nothing changed.
    let before = acc.clone();
    let again = apply(&mut acc, Actor::User(cm), Command::RefreshFromExports { changes }, today());
    assert!(matches!(again, Err(DomainError::Refresh { .. })), "{again:?}");
    assert_eq!(acc, before);
    // Only a contract manager refreshes the account (as only one replaces it).
    let elif = acc.user_by_email("elif.vogel@northwind.example").unwrap();
    let seats = differences(&acc, account(&first), Compared::default());
    assert!(matches!(
        apply(&mut acc, Actor::User(elif), Command::RefreshFromExports { changes: seats }, today()),
        Err(DomainError::NotAllowed { .. })
    ));
}

/// Issue 31: the Seat Usage export fills Reporting's usage (rule 61): each day once, on its person and product;
/// rows with personal data off are counted, not matched; a stranger or a product no subscription holds is a
/// row that can't be used.
#[test]
fn issue_31_the_usage_export_gives_each_day_of_use_to_its_person() {
    let usage = "email,first_name,last_name,offering_name,team,day_used\n\
        ada.park@northwind.example,Ada,Park,AutoCAD,Northwind Design,2026-11-02\n\
        ada.park@northwind.example,Ada,Park,AutoCAD,Northwind Design,2026-11-03\n\
        ADA.PARK@northwind.example,Ada,Park,autocad,Northwind Design,11/03/2026\n\
        *****,*****,*****,AutoCAD,Northwind Design,2026-11-03\n\
        nobody@northwind.example,No,Body,AutoCAD,Northwind Design,2026-11-03\n\
        ada.park@northwind.example,Ada,Park,Maya,Northwind Design,2026-11-03\n\
        ada.park@northwind.example,Ada,Park,AutoCAD,Northwind Design,yesterday\n";
    let exports = Exports {
        subscriptions: SUBSCRIPTIONS.into(),
        users: Some(USERS.into()),
        usage: Some(usage.into()),
        ..Default::default()
    };
    let b = build(&exports, &answers(), today());
    let acc = account(&b);
    assert_eq!((b.days_of_use, b.people_using), (2, 1), "the same day twice is one day");
    let ada = acc.user_by_email("ada.park@northwind.example").unwrap();
    let record = &acc.usage["AutoCAD"][&ada];
    assert_eq!(record.last_used(), NaiveDate::from_ymd_opt(2026, 11, 3).unwrap());
    assert_eq!(record.days_used(today(), crate::domain::usage::Period::Months(2)), 2);
    assert!(
        b.notes.iter().any(|n| n.starts_with("Usage export: 1 row has the team's personal data off")),
        "{:?}",
        b.notes
    );
    let usage_problems: Vec<_> =
        b.problems.iter().filter(|p| p.file == "Usage").map(|p| (p.row, p.value.as_str())).collect();
    assert_eq!(usage_problems, [(6, "nobody@northwind.example"), (7, "Maya"), (8, "yesterday")]);
}

/// Issue 31: the Groups export makes each team's groups with the members it lists (members of the team only);
/// synced groups are kept as local ones and said so; groups get no products (the Users export doesn't say).
#[test]
fn issue_31_the_groups_export_makes_each_teams_groups() {
    const GROUPS: &str = include_str!("../../../tests/fixtures/autodesk/groups.csv");
    let exports = Exports {
        subscriptions: SUBSCRIPTIONS.into(),
        users: Some(USERS.into()),
        groups: Some(GROUPS.into()),
        ..Default::default()
    };
    let b = build(&exports, &answers(), today());
    let acc = account(&b);
    assert_eq!(b.groups, 4);
    let in_file = |group: &str| {
        csv::Reader::from_reader(GROUPS.as_bytes())
            .records()
            .map(Result::unwrap)
            .filter(|r| &r[0] == group && !r[3].ends_with("elsewhere.example"))
            .count()
    };
    let design = acc.teams.values().find(|t| t.name == "Northwind Design").unwrap();
    let structural = design.groups.values().find(|g| g.name == "Structural").unwrap();
    assert_eq!(structural.members.len(), in_file("Structural"));
    assert!(structural.products.is_empty());
    let stranger: Vec<_> = b.problems.iter().filter(|p| p.file == "Groups").map(|p| p.value.as_str()).collect();
    assert_eq!(stranger, ["contractor@elsewhere.example"]);
    assert!(b.notes.iter().any(|n| n.starts_with("Groups export: synced groups are kept as local groups")));
}

/// Issue 31: a contract the exports name no contract manager for is asked on its own; the general answer is
/// the rest's; a bad answer blocks the build and names its contract.
#[test]
fn issue_31_each_contract_without_one_gets_the_contract_manager_asked_for_it() {
    assert_eq!(unnamed_contracts(SUBSCRIPTIONS), ["110200000001", "110200000002", "110200000003"]);
    let mut a = answers();
    a.per_contract.insert("110200000002".into(), "Ravi Shah <ravi.shah@northwind.example>".into());
    a.per_contract.insert("110200000003".into(), " ".into());
    let b = built(SUBSCRIPTIONS, Some(USERS), &a);
    let acc = account(&b);
    let manager_of =
        |no: &str| acc.users[&acc.contracts[&crate::domain::ContractNo(no.into())].contract_manager].email.clone();
    assert_eq!(manager_of("110200000002"), "ravi.shah@northwind.example");
    assert_eq!(manager_of("110200000001"), "maria.keller@northwind.example");
    assert_eq!(manager_of("110200000003"), "maria.keller@northwind.example", "an empty answer is the general one");
    a.per_contract.insert("110200000003".into(), "not an address".into());
    let refused = built(SUBSCRIPTIONS, Some(USERS), &a);
    assert!(refused.account.is_none());
    assert!(refused.blocked.iter().any(|w| w.starts_with("Contract 110200000003: ")), "{:?}", refused.blocked);
}

/// Issue 31: a refresh with newer Groups and Seat Usage exports brings their differences too (an admin trial:
/// they were read the first time only): a group new and one gone, a member leaving, and the days used since,
/// merged with the days the account has; after it, nothing differs.
#[test]
fn issue_31_a_refresh_compares_groups_and_days_of_use_too() {
    use crate::domain::{apply, Actor, Command};
    const GROUPS: &str = include_str!("../../../tests/fixtures/autodesk/groups.csv");
    const USAGE: &str = include_str!("../../../tests/fixtures/autodesk/usage.csv");
    let exports = |groups: &str, usage: &str| Exports {
        subscriptions: SUBSCRIPTIONS.into(),
        users: Some(USERS.into()),
        groups: Some(groups.into()),
        usage: Some(usage.into()),
        ..Default::default()
    };
    let mut acc = account(&build(&exports(GROUPS, USAGE), &answers(), today())).clone();
    let leaver = "ben.dahl@northwind.example";
    let later_groups: String = GROUPS
        .lines()
        .filter(|l| !l.starts_with("Tooling,") && !l.ends_with(leaver))
        .chain(["Drafting,Local,Northwind Design,ada.park@northwind.example"])
        .map(|l| format!("{l}\n"))
        .collect();
    let later_usage = format!("{USAGE}ada.park@northwind.example,Ada,Park,AutoCAD,Northwind Design,2026-12-03\n");
    // Someone leaving the team leaves its groups by that alone (an end-to-end run: a second leave was stale).
    let gone = "deepak.moreau@northwind.example";
    assert!(GROUPS.lines().any(|l| l.ends_with(gone)), "the fixture has a leaver in a group");
    let later_users: String = USERS.lines().filter(|l| !l.contains(gone)).map(|l| format!("{l}\n")).collect();
    let later = Exports { users: Some(later_users), ..exports(&later_groups, &later_usage) };
    let later = build(&later, &answers(), today());
    let all = Compared { users: true, groups: true, usage: true };
    let changes = differences(&acc, account(&later), all);
    let words = told(&changes, &acc);
    let design = "Northwind Design";
    for line in [
        format!("Ben Dahl leaves the group Structural in {design}"),
        format!("New group Drafting in {design}"),
        format!("Ada Park joins the group Drafting in {design}"),
        "The group Tooling in Northwind Manufacturing is gone".to_string(),
        "Days of use from the Seat Usage export: 1 person's, up to 2026-12-03".to_string(),
        format!("Deepak Moreau leaves {design}"),
    ] {
        assert!(words.contains(&line), "{line} in {words:#?}");
    }
    assert_eq!(words.len(), 6, "nothing else (Deepak leaves the group with the team): {words:#?}");
    // Without those exports given, they are left as they are.
    assert_eq!(differences(&acc, account(&later), PEOPLE).len(), 1, "only Deepak leaving");
    let cm = Actor::User(acc.user_by_email("maria.keller@northwind.example").unwrap());
    let ada = acc.user_by_email("ada.park@northwind.example").unwrap();
    let days = |acc: &Account| acc.usage["AutoCAD"][&ada].days_used(today(), crate::domain::usage::Period::Months(1));
    let before = days(&acc);
    apply(&mut acc, cm, Command::RefreshFromExports { changes }, today()).unwrap();
    assert_eq!(days(&acc), before + 1, "the new day is added to the days known");
    assert_eq!(differences(&acc, account(&later), all), vec![], "the account now says what the exports say");
}

/// Issue 31: a classic user list (rule 59's columns, as Classic User Management exports them) makes the
/// contracts it names classic: their subscriptions become product lines of the same seats, under the serial
/// numbers the list gives, held by the people it lists (pending ones too), with the contract manager (rule 1)
/// and software coordinators (rule 4) it names; a product or contract the Subscriptions export lacks is a row
/// that can't be used.
#[test]
fn issue_31_a_classic_user_list_builds_its_contracts_as_classic_ones() {
    use crate::domain::{ContractNo, SerialNo};
    const SUBS: &str = include_str!("../../../tests/fixtures/autodesk/subscriptions-classic.csv");
    const CLASSIC: &str = include_str!("../../../tests/fixtures/autodesk/classic-users.csv");
    let exports = |classic: Option<&str>| Exports {
        subscriptions: SUBS.into(),
        users: Some(USERS.into()),
        classic: classic.map(String::from),
        ..Default::default()
    };
    let answers = Answers { leave_out_over: true, ..answers() };
    let b = build(&exports(Some(CLASSIC)), &answers, today());
    let acc = account(&b);
    let c = &acc.contracts[&ContractNo("110200000004".into())];
    assert_eq!(acc.users[&c.contract_manager].email, "oskar.lind@northwind.example");
    let line = |product: &str| c.lines.values().find(|l| l.product == product).unwrap();
    let emails = |product: &str| line(product).holders.keys().map(|u| acc.users[u].email.clone()).collect::<Vec<_>>();
    assert_eq!((line("AutoCAD").seats, line("AutoCAD").serial.0.as_str()), (10, "399-40000001"));
    assert_eq!(emails("AutoCAD").len(), 6);
    assert_eq!((line("Revit").seats, emails("Revit").len()), (5, 3));
    // Both ways: each row holding a product of the contract is a holder, each holder a row.
    let rows =
        CLASSIC.lines().filter(|l| l.contains(",110200000004,") && (l.contains(",AutoCAD,") || l.contains(",Revit,")));
    assert_eq!(rows.count(), emails("AutoCAD").len() + emails("Revit").len());
    let hana = acc.user_by_email("hana.ito@northwind.example").unwrap();
    for serial in ["399-40000001", "399-40000002"] {
        assert_eq!(c.serials[&SerialNo(serial.into())].coordinator, Some(hana), "{serial}");
    }
    let lea = acc.user_by_email("lea.fischer@northwind.example").unwrap();
    assert_eq!(acc.users[&lea].classic.as_ref().unwrap().status, UserStatus::Pending);
    assert!(line("AutoCAD").holders[&hana].contains("Shared Views"));
    let unusable: Vec<_> =
        b.problems.iter().filter(|p| p.file == "Classic user list").map(|p| (p.row, p.value.as_str())).collect();
    assert_eq!(unusable, [(12, "Maya"), (13, "110299999999")]);
    for refused in ["tom.hale@northwind.example", "eva.novak@northwind.example"] {
        assert_eq!(acc.user_by_email(refused), None, "a row that can't be used makes no one a named user");
    }
    // Its subscriptions are the contract's lines, not a team's: no team is made for them.
    assert_eq!((b.contracts, b.teams.len()), (4, 3));
    assert!(acc.teams.values().all(|t| t.subscriptions.keys().all(|id| id.0 != "72000011")));
    // Without the list, the same subscriptions are the company's team's.
    let without = build(&exports(None), &answers, today());
    assert_eq!(without.teams.len(), 4);
    // More holders than seats: left out past the seats only when the admin chooses so.
    let crowded = CLASSIC.replace(",Revit,5,", ",Revit,2,");
    let crowded = build(
        &Exports { subscriptions: SUBS.replace(",Revit,5,", ",Revit,2,"), ..exports(Some(&crowded)) },
        &answers,
        today(),
    );
    let over = crowded.over.iter().find(|o| o.file == "Classic user list").unwrap();
    assert_eq!((over.team.as_str(), over.seats, over.rows.len()), ("contract 110200000004", 2, 3));
    assert!(crowded
        .notes
        .iter()
        .any(|n| n.starts_with("Classic user list, row 11: Revit in contract 110200000004 is left out")));
    assert_eq!(
        account(&crowded).contracts[&ContractNo("110200000004".into())].lines.values().map(|l| l.holders.len()).max(),
        Some(6)
    );
}
