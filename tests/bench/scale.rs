//! Scale benchmark (`./x bench`): an account of 10,000 users, 200 contracts, 50 products and 2,000 serial
//! numbers. Prints the time of a typical command, a filtered user list, whole-account (de)serialization and
//! the stored JSON size. Numbers, not assertions: they are recorded in README.md.

use chrono::NaiveDate;
use contract_console::domain::read::user_list::{classic_user_list, UserFilter};
use contract_console::domain::ClassicRole;
use contract_console::domain::*;
use contract_console::storage::{decode, encode, scale::scale_account, Envelope};
use std::collections::BTreeSet;
use std::hint::black_box;
use std::time::Instant;

const USERS: u32 = 10_000;
const CONTRACTS: u32 = 200;
const PRODUCTS: u32 = 50;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

/// Mean time of `f` over `n` runs, each on its own copy of `acc` (the copy is not timed), in milliseconds.
fn time_on_copies(acc: &Account, n: u32, mut f: impl FnMut(&mut Account)) -> f64 {
    let mut total = 0.0;
    for _ in 0..n {
        let mut copy = acc.clone();
        let start = Instant::now();
        f(&mut copy);
        total += start.elapsed().as_secs_f64();
        black_box(copy);
    }
    total * 1000.0 / n as f64
}

/// Mean time of `f` over `n` runs, in milliseconds.
fn time<T>(n: u32, mut f: impl FnMut(u32) -> T) -> f64 {
    let start = Instant::now();
    for i in 0..n {
        black_box(f(i));
    }
    start.elapsed().as_secs_f64() * 1000.0 / n as f64
}

fn main() {
    let built = Instant::now();
    let mut acc = scale_account(USERS, CONTRACTS, today());
    let lines: usize = acc.contracts.values().map(|c| c.lines.len()).sum();
    let seats: usize = acc.contracts.values().flat_map(|c| c.lines.values()).map(|l| l.holders.len()).sum();
    println!("account: {} users, {} contracts, {} serial numbers, {} product lines ({} products), {} seats assigned; built in {:.0} ms",
        acc.users.len(), acc.contracts.len(), lines, lines, PRODUCTS, seats, built.elapsed().as_secs_f64() * 1000.0);

    // The stored size and load times are of the account as built; the command timings below add an
    // activity-log entry and an invitation email per command, which are not part of an account's size.
    let env = Envelope::new(acc.clone());
    let json = encode(&env);
    let ser = time(20, |_| encode(&env));
    let de = time(20, |_| serde_json::from_str::<Envelope>(&json).unwrap());
    let load = time(20, |_| decode(&json).unwrap());

    // Contract 50's first line is held by users 5001–5010; its CM is user 11.
    let contract = ContractNo(format!("11{:010}", 50));
    let cm = Actor::User(acc.contracts[&contract].contract_manager);
    let line = *acc.contracts[&contract].lines.keys().next().unwrap();
    let edit = time(2_000, |i| {
        let services = (i % 2 == 0).then(|| BTreeSet::from(["Cloud Storage".to_string()]));
        let access = LineAccess { contract: contract.clone(), line, services, second_seat: false };
        apply(
            &mut acc,
            cm,
            Command::EditAccess { users: vec![UserId(9_999)], lines: vec![access], benefits: vec![] },
            today(),
        )
        .unwrap()
    });
    let add = time(500, |i| {
        let cmd = Command::AddUser {
            email: format!("bench{i}@x.com"),
            first_name: "Bench".into(),
            last_name: format!("User{i}"),
        };
        apply(&mut acc, cm, cmd, today()).unwrap()
    });
    // Bulk Add of 50 and a 5,000-row CSV import into a team of 2,000, each on a fresh copy of the account.
    let bulk_text = (0..50).map(|i| format!("Bulk Person{i} <bulk{i}@x.com>")).collect::<Vec<_>>().join(";");
    let bulk = time_on_copies(&acc, 5, |copy| {
        apply(copy, cm, Command::BulkAdd { text: bulk_text.clone() }, today()).unwrap();
    });
    let team = TeamId(u32::MAX);
    let members = (1..=2_000u32)
        .map(|u| {
            let role = if u == 1 { TeamRole::PrimaryAdmin } else { TeamRole::User };
            (UserId(u), TeamMember::new(role, TeamStatus::Verified, today()))
        })
        .collect();
    let t = Team {
        name: "Scale".into(),
        members,
        subscriptions: Default::default(),
        groups: Default::default(),
        direct: Default::default(),
        items: Default::default(),
    };
    acc.teams.insert(team, t);
    let mut csv = String::from("First name,Last name,Email\n");
    for i in 0..5_000 {
        csv.push_str(&format!("Csv,Person{i},csv{i}@x.com\n"));
    }
    let import = time_on_copies(&acc, 3, |copy| {
        apply(
            copy,
            Actor::User(UserId(1)),
            Command::ImportTeamUsers { team, csv: csv.clone(), groups: vec![] },
            today(),
        )
        .unwrap();
    });
    acc.teams.remove(&team);
    let filter = UserFilter {
        contract: Some(contract.clone()),
        product: Some(acc.contracts[&contract].lines[&line].product.clone()),
        role: Some(ClassicRole::User),
        text: "first50".into(),
        ..Default::default()
    };
    let mut found = 0;
    let filtered = time(200, |_| {
        let rows = classic_user_list(&acc, &filter, today());
        found = rows.len();
        rows
    });
    let text_only = UserFilter { text: "last99".into(), ..Default::default() };
    let text = time(50, |_| classic_user_list(&acc, &text_only, today()));
    let all = time(20, |_| classic_user_list(&acc, &UserFilter::default(), today()));

    println!("| measure | target | result |");
    println!("|---|---|---|");
    println!("| apply Edit Access (assign/unassign one seat) | ≤ 1 ms | {edit:.3} ms |");
    println!("| apply Add user (checks 10,000 emails) | ≤ 1 ms | {add:.3} ms |");
    println!("| apply Bulk Add of 50 users | – | {bulk:.2} ms |");
    println!("| apply CSV import of 5,000 users into a team | – | {import:.1} ms |");
    println!("| filter users by contract + product + role + text ({found} rows) | ≤ 5 ms | {filtered:.3} ms |");
    println!("| filter users by text only | – | {text:.2} ms |");
    println!("| whole list, no filter (10,500 rows) | – | {all:.2} ms |");
    println!("| serialize the account | ≤ 50 ms | {ser:.1} ms |");
    println!("| deserialize the account | ≤ 50 ms | {de:.1} ms |");
    println!("| load = deserialize + check every invariant | – | {load:.1} ms |");
    println!("| stored JSON size | ≤ 2.5 MiB | {:.2} MiB ({} bytes) |", json.len() as f64 / 1048576.0, json.len());
}
