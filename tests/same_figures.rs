//! Issue 26: every screen shows one figure per thing. Walks the demo and the 10,000-user sample account at
//! several "As of" days and, for every person who administers something, checks that each screen's read model
//! (Home, Contracts, the contract page's what-if, Edit Access, Products & Services, Seat use and its CSV, By
//! Product, search) gives the seats of `read::seats`, and that suspended and canceled lines count no live seat
//! anywhere (rule 46). Then frees every idle seat of the sample account in one ReclaimSeats (no panic, rules
//! kept).

use chrono::{Duration, NaiveDate};
use contract_console::domain::read::access::edit_access_view;
use contract_console::domain::read::contracts::{contract_rows, ContractSort};
use contract_console::domain::read::export::seat_use_csv;
use contract_console::domain::read::home::attention;
use contract_console::domain::read::my_products::managed_lines;
use contract_console::domain::read::reporting::seat_use;
use contract_console::domain::read::search::find;
use contract_console::domain::read::seats::Seats;
use contract_console::domain::read::team::product_rows;
use contract_console::domain::read::usage::{idle_seats, usage_day, usage_rows};
use contract_console::domain::usage::Period;
use contract_console::domain::*;
use contract_console::storage::{scale::scale_account, seed::demo_account};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
}

/// Everyone who administers a contract line or a team.
fn admins(acc: &Account) -> Vec<UserId> {
    acc.users.keys().copied().filter(|u| acc.is_admin(*u)).collect()
}

/// The days worth walking: today, each contract's end, its last expired day, its first suspended day, and
/// one past cancellation.
fn days(acc: &Account) -> Vec<NaiveDate> {
    let mut days = vec![today(), today() + Duration::days(200)];
    for c in acc.contracts.values().take(3) {
        days.extend([0, 15, 16, 60].map(|d| c.end_date + Duration::days(d)));
    }
    days
}

fn check(acc: &Account, day: NaiveDate, viewer: UserId) {
    let line_seats = |no: &ContractNo, product: &str| {
        let c = &acc.contracts[no];
        let l = c.lines.values().find(|l| l.product == product).unwrap();
        Seats::line(acc, c, l, day)
    };
    // Contracts & Subscriptions: "AutoCAD: 4 of 5 seats used".
    for row in contract_rows(acc, Some(viewer), day, ContractSort::Number, None) {
        let c = &acc.contracts[&row.number];
        let want: Vec<String> =
            c.lines.values().map(|l| format!("{}: {}", l.product, Seats::line(acc, c, l, day).summary())).collect();
        assert_eq!(row.seats, want, "Contracts on {day}");
    }
    // Seat use, its CSV and Home's "Seats nearly exhausted" agree line by line.
    let rows = seat_use(acc, viewer, day);
    for r in &rows {
        let want = match r.place.strip_suffix(" pool") {
            Some(team) => {
                let t = acc.teams.values().find(|t| t.name == team).unwrap();
                Seats::pool(t, &r.product, day)
            }
            None => {
                let no = ContractNo(r.place["contract ".len().."contract ".len() + 12].to_string());
                line_seats(&no, &r.product)
            }
        };
        assert_eq!(r.now, want, "Seat use of {} at {} on {day}", r.product, r.place);
        if r.now.no_access.is_some() {
            assert_eq!((r.now.live, r.now.places, r.now.free()), (0, 0, 0), "rule 46: no live seat on {day}");
        }
    }
    let csv = seat_use_csv(&rows);
    assert_eq!(csv.lines().count(), rows.len() + 1);
    let home = attention(acc, viewer, day);
    assert_eq!(home.seats.len(), rows.iter().filter(|r| r.now.nearly_full()).count(), "Home and Seat use on {day}");
    for r in rows.iter().filter(|r| r.now.nearly_full()) {
        assert!(
            home.seats.iter().any(|i| i.text.ends_with(&r.now.summary())),
            "Home shows {} on {day}",
            r.now.summary()
        );
    }
    // Edit Access and Products & Services count the same seats.
    for c in edit_access_view(acc, viewer, &[viewer], day) {
        for l in c.lines {
            assert_eq!(l.now, line_seats(&c.number, &l.product), "Edit Access on {day}");
        }
    }
    for m in managed_lines(acc, viewer, day) {
        assert_eq!(m.seats, line_seats(&m.contract, &m.product), "Products & Services on {day}");
    }
    // By Product's pools.
    for (id, t) in acc.teams.iter().filter(|(_, t)| t.members.get(&viewer).is_some_and(|m| m.role.is_admin())) {
        for p in product_rows(acc, viewer, *id, day) {
            assert_eq!(p.pool, Seats::pool(t, &p.product, day), "By Product on {day}");
        }
    }
}

#[test]
fn issue_26_every_screen_shows_the_read_models_seats_on_every_day() {
    let acc = demo_account(today());
    let people = admins(&acc);
    assert!(people.len() >= 5);
    for day in days(&acc) {
        for &viewer in &people {
            check(&acc, day, viewer);
        }
    }
    // Search writes the same figure as the contract page and Seat use.
    let dana = acc.users.iter().find(|(_, u)| u.first_name == "Dana").map(|(id, _)| *id).unwrap();
    let c = &acc.contracts[&ContractNo::new("110012345678")];
    let suspended = c.end_date + Duration::days(16);
    let hits = find(&acc, dana, "399-11111111", suspended);
    for l in c.lines.values().filter(|l| l.serial.as_str() == "399-11111111") {
        let summary = Seats::line(&acc, c, l, suspended).summary();
        assert!(summary.ends_with("(Suspended)"));
        assert!(hits[0].facts.iter().any(|f| f.starts_with(&summary)), "{summary} in {:?}", hits[0].facts);
    }
}

#[test]
fn issue_26_the_sample_account_agrees_too_and_every_idle_seat_frees_in_one_command() {
    let mut acc = scale_account(10_000, 200, today());
    let people = admins(&acc);
    // Every contract manager, and a sample of coordinators and team admins.
    let sample: Vec<UserId> = people.iter().copied().step_by(7).take(40).collect();
    for day in [today(), today() + Duration::days(120)] {
        for &viewer in &sample {
            check(&acc, day, viewer);
        }
    }
    let manager = ClassicRoles::of(&acc).managers.first().copied().unwrap();
    let day = usage_day(&acc, today());
    let rows = usage_rows(&acc, manager, today(), Period::Days30);
    let seats: Vec<SeatRef> = idle_seats(&rows, day, 30)
        .into_iter()
        .filter(|i| rows[*i].group.is_none())
        .map(|i| rows[i].seat.clone())
        .collect();
    assert!(seats.len() > 100, "{} idle seats", seats.len());
    let before = acc.activity.len();
    apply(&mut acc, Actor::User(manager), Command::ReclaimSeats { seats: seats.clone() }, today()).unwrap();
    assert!(acc.activity.len() >= before + seats.len().min(1));
    invariants::check(&acc).unwrap();
    let after = usage_rows(&acc, manager, today(), Period::Days30);
    assert_eq!(idle_seats(&after, day, 30).into_iter().filter(|i| after[*i].group.is_none()).count(), 0);
}
