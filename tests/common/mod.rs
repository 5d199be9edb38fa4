//! Shared by the native rule, permission and property tests: the demo account on a fixed day, people by
//! name, and `act`, which applies a command and checks that an error changed nothing and success broke no rule.
#![allow(dead_code)]

use chrono::NaiveDate;
use contract_console::domain::*;
use contract_console::storage::seed;

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

pub fn demo() -> Account {
    seed::demo_account(today())
}

pub fn user(acc: &Account, name: &str) -> UserId {
    *acc.users.iter().find(|(_, u)| u.full_name() == name).unwrap_or_else(|| panic!("no {name}")).0
}

pub fn no(s: &str) -> ContractNo {
    ContractNo::new(s)
}

pub fn line(acc: &Account, contract: &str, product: &str) -> LineId {
    *acc.contracts[&no(contract)].lines.iter().find(|(_, l)| l.product == product).expect("line").0
}

pub fn holders(acc: &Account, contract: &str, product: &str) -> usize {
    acc.contracts[&no(contract)].lines[&line(acc, contract, product)].holders.len()
}

pub fn act_on(acc: &mut Account, actor: Actor, cmd: Command, on: NaiveDate) -> Result<Vec<Event>, DomainError> {
    let before = acc.clone();
    let result = apply(acc, actor, cmd, on);
    match &result {
        Err(_) => assert_eq!(*acc, before, "an error changed the account"),
        Ok(_) => invariants::check(acc).expect("a rule broke"),
    }
    result
}

/// Applies `cmd` as the person called `name` (or as Autodesk for "Autodesk") today.
pub fn act(acc: &mut Account, name: &str, cmd: Command) -> Result<Vec<Event>, DomainError> {
    let actor = if name == "Autodesk" { Actor::Autodesk } else { Actor::User(user(acc, name)) };
    act_on(acc, actor, cmd, today())
}

pub fn give(acc: &Account, contract: &str, product: &str, services: &[&str]) -> LineAccess {
    LineAccess {
        contract: no(contract),
        line: line(acc, contract, product),
        services: Some(services.iter().map(|s| s.to_string()).collect()),
        second_seat: false,
    }
}

pub fn take(acc: &Account, contract: &str, product: &str) -> LineAccess {
    LineAccess { contract: no(contract), line: line(acc, contract, product), services: None, second_seat: false }
}

pub fn edit(users: Vec<UserId>, lines: Vec<LineAccess>) -> Command {
    Command::EditAccess { users, lines, benefits: vec![] }
}

/// Adds `n` fresh named users (as the CM) and returns their ids.
pub fn add_users(acc: &mut Account, n: usize) -> Vec<UserId> {
    (0..n)
        .map(|i| {
            let cmd = Command::AddUser {
                email: format!("new{i}@x.com"),
                first_name: "New".into(),
                last_name: format!("User{i}"),
            };
            act(acc, "Dana Reyes", cmd).unwrap();
            user(acc, &format!("New User{i}"))
        })
        .collect()
}

/// The entries a bulk add or import skipped, as "entry: reason".
pub fn skipped(events: &[Event]) -> Vec<String> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::EntrySkipped { entry, reason } => Some(format!("{entry}: {reason}")),
            _ => None,
        })
        .collect()
}

pub fn team(acc: &Account) -> TeamId {
    *acc.teams.keys().next().unwrap()
}

pub fn group(acc: &Account, name: &str) -> GroupId {
    *acc.teams[&team(acc)].groups.iter().find(|(_, g)| g.name == name).unwrap().0
}

/// `act!(acc, "Name", command)`: builds the command (which may read `acc`) before borrowing it mutably.
#[macro_export]
macro_rules! act {
    ($acc:ident, $who:expr, $cmd:expr) => {{
        let cmd = $cmd;
        common::act(&mut $acc, $who, cmd)
    }};
}

/// `act_on!(acc, actor, command, day)`, likewise.
#[macro_export]
macro_rules! act_on {
    ($acc:ident, $actor:expr, $cmd:expr, $on:expr) => {{
        let (actor, cmd) = ($actor, $cmd);
        common::act_on(&mut $acc, actor, cmd, $on)
    }};
}
