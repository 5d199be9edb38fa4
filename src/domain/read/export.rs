//! The exports: Classic User Management's (W10, rule 59), one CSV row per user and product held, and the new
//! view's in Autodesk's own columns (rule 60). Cells that a spreadsheet would run as a formula are neutralised.

use super::team::{SubscriptionRow, TeamUserRow};
use super::user_list::UserRow;
use crate::domain::model::*;
use crate::domain::UserId;
use std::collections::{BTreeMap, BTreeSet};

pub const EXPORT_COLUMNS: [&str; 11] = [
    "First name",
    "Last name",
    "Email",
    "Role",
    "Status",
    "Contract number",
    "Serial number",
    "Product",
    "Services",
    "Benefits",
    "Access",
];

/// A leading `=`, `+`, `-` or `@` (or a tab or carriage return) makes a spreadsheet evaluate the cell;
/// a leading apostrophe makes it text.
pub fn neutralise(cell: &str) -> String {
    // A plain negative whole number ("-10 days") is a number, not a formula: spreadsheets read it as one.
    let number = cell.strip_prefix('-').is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()));
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') if !number => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// Adds one record to a CSV text exactly as the csv crate's writer does by default: a cell is quoted only
/// when it holds a comma, a quote or a line break, a quote is doubled, a lone empty cell is `""` (so that the
/// record is not a blank line), and each record ends in `\n`. Hand-written because the crate's writer brings
/// float parsing into the bundle (issue 14); tests/properties.rs checks it against the crate's writer.
pub fn push_record<S: AsRef<str>>(out: &mut String, cells: impl IntoIterator<Item = S>) {
    let start = out.len();
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let cell = cell.as_ref();
        if cell.contains([',', '"', '\r', '\n']) {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(cell);
        }
    }
    if out.len() == start {
        out.push_str("\"\"");
    }
    out.push('\n');
}

/// A CSV file of a header and rows, every cell neutralised.
pub fn write_csv<R: AsRef<[String]>>(header: &[&str], rows: impl IntoIterator<Item = R>) -> String {
    let mut out = String::new();
    push_record(&mut out, header);
    for row in rows {
        push_record(&mut out, row.as_ref().iter().map(|c| neutralise(c)));
    }
    out
}

/// By User's export: Autodesk's own Users columns (rule 60).
pub const TEAM_USER_COLUMNS: [&str; 8] =
    ["first_name", "last_name", "email", "autodesk_id", "role", "team", "product_name", "account_status"];

/// Users in Autodesk's columns (rule 60): one row per user and product, the email as Autodesk ID (rule 16).
pub fn team_users_csv(team: &str, rows: &[TeamUserRow]) -> String {
    let mut out = String::new();
    push_record(&mut out, TEAM_USER_COLUMNS);
    push_team_users(&mut out, team, rows);
    out
}

/// `team_users_csv`'s rows, without the column names (an export built a slice at a time: issue 32.5).
pub fn push_team_users(out: &mut String, team: &str, rows: &[TeamUserRow]) {
    for r in rows {
        let (first, last) = r.name.split_once(' ').unwrap_or((&r.name, ""));
        let held: Vec<&str> = r.products.iter().map(|p| p.product.as_str()).collect();
        let products = if held.is_empty() { vec![""] } else { held };
        for p in products {
            let cells = [first, last, &r.email, &r.email, r.role.label(), team, p, r.status.label()];
            push_record(out, cells.into_iter().map(neutralise));
        }
    }
}

/// Subscriptions in Autodesk's columns (rule 60); the auto-renew date is the end date of one that renews.
pub fn subscriptions_csv(team: &str, rows: &[SubscriptionRow]) -> String {
    let header = [
        "contract_number",
        "subscription_id",
        "offering_name",
        "seat_quantity",
        "start_date",
        "end_date",
        "autorenew_date",
        "term",
        "subscription_status",
        "reseller_name",
        "reseller_email",
        "team",
    ];
    let lines = rows.iter().map(|s| {
        let renews = if s.auto_renew { s.end_date.to_string() } else { String::new() };
        let (reseller, email) = s.reseller.as_ref().map(|r| (r.name.clone(), r.email.clone())).unwrap_or_default();
        vec![
            s.contract.as_ref().map(|c| c.to_string()).unwrap_or_default(),
            s.id.to_string(),
            s.product.clone(),
            s.seats.to_string(),
            s.start_date.to_string(),
            s.end_date.to_string(),
            renews,
            s.term.label().to_string(),
            s.status.label().to_string(),
            reseller,
            email,
            team.to_string(),
        ]
    });
    write_csv(&header, lines)
}

/// Groups in Autodesk's columns (rule 60): every group here is made in the console, so "local".
pub fn groups_csv(t: &Team) -> String {
    write_csv(&["group", "group_type"], t.groups.values().map(|g| vec![g.name.clone(), "local".to_string()]))
}

/// One row per user and product; "Access" says whether the contract gives access today (rule 46).
pub fn users_csv(acc: &Account, rows: &[UserRow], today: chrono::NaiveDate) -> String {
    let mut out = String::new();
    push_record(&mut out, EXPORT_COLUMNS);
    push_users(&mut out, acc, rows, today);
    out
}

/// `users_csv`'s rows, without the column names (an export built a slice at a time: issue 32.5).
pub fn push_users(out: &mut String, acc: &Account, rows: &[UserRow], today: chrono::NaiveDate) {
    let held = held_by(acc, rows, today);
    let none = vec![Default::default()];
    for row in rows {
        let Some(user) = acc.users.get(&row.id) else { continue };
        let status = match row.status {
            UserStatus::Active => "Active",
            UserStatus::Pending => "Pending",
        };
        for h in held.get(&row.id).unwrap_or(&none) {
            let person = [&user.first_name, &user.last_name, &user.email, row.role.label(), status];
            push_record(out, person.into_iter().chain(h.iter().map(String::as_str)).map(neutralise));
        }
    }
}

/// What each listed user holds, contract by contract in one pass over the account (10,000 users took 0.5 s
/// when every user walked every contract: issue 32.5): a row per product line, or one for benefits alone.
fn held_by(acc: &Account, rows: &[UserRow], today: chrono::NaiveDate) -> BTreeMap<UserId, Vec<[String; 6]>> {
    let wanted: BTreeSet<UserId> = rows.iter().map(|r| r.id).collect();
    let mut held: BTreeMap<UserId, Vec<[String; 6]>> = BTreeMap::new();
    for c in acc.contracts.values() {
        let status = acc.contract_status(c, today);
        let access =
            if status.grants_access() { "Yes".to_string() } else { format!("No: contract {}", status.label()) };
        let benefits = |u: &UserId| {
            let b = c.benefit_holders.get(u)?;
            Some(b.iter().filter_map(|id| c.benefits.get(id).cloned()).collect::<Vec<_>>().join("; "))
        };
        let mut on_a_line = BTreeSet::new();
        for l in c.lines.values() {
            for (u, services) in l.holders.iter().filter(|(u, _)| wanted.contains(u)) {
                on_a_line.insert(*u);
                held.entry(*u).or_default().push([
                    c.number.to_string(),
                    l.serial.to_string(),
                    l.product.clone(),
                    services.iter().cloned().collect::<Vec<_>>().join("; "),
                    benefits(u).unwrap_or_default(),
                    access.clone(),
                ]);
            }
        }
        for u in c.benefit_holders.keys().filter(|u| wanted.contains(u) && !on_a_line.contains(u)) {
            let b = benefits(u).unwrap_or_default();
            held.entry(*u).or_default().push([
                c.number.to_string(),
                String::new(),
                String::new(),
                String::new(),
                b,
                access.clone(),
            ]);
        }
    }
    held
}

/// Seat use as CSV, the figures of `Seats`: bought, live, named-user places, assigned, free, nearly full.
pub fn seat_use_csv(rows: &[super::reporting::SeatUse]) -> String {
    let header =
        ["product", "where", "seats", "live_seats", "named_user_places", "assigned", "free", "used", "nearly_full"];
    let lines = rows.iter().map(|r| {
        let n = &r.now;
        vec![
            r.product.clone(),
            r.place.clone(),
            n.seats.to_string(),
            n.live.to_string(),
            n.places.to_string(),
            n.used.to_string(),
            n.free().to_string(),
            n.percent().map_or_else(|| "over the live seats".into(), |p| format!("{p}%")),
            if n.nearly_full() { "yes" } else { "no" }.to_string(),
        ]
    });
    write_csv(&header, lines)
}

/// The renewal timeline as CSV: each contract and subscription, its end, the notices sent and who loses access.
pub fn renewals_csv(rows: &[super::reporting::Renewal], today: chrono::NaiveDate) -> String {
    let header = [
        "contract_or_subscription",
        "status",
        "start_date",
        "end_date",
        "days_to_end",
        "notices",
        "people_losing_access",
    ];
    let lines = rows.iter().map(|r| {
        let notices: Vec<String> = r.notices.iter().map(|(d, on)| format!("{d} days: {on}")).collect();
        vec![
            r.label.clone(),
            r.status.label().to_string(),
            r.start.to_string(),
            r.end.to_string(),
            (r.end - today).num_days().to_string(),
            notices.join("; "),
            r.losing.to_string(),
        ]
    });
    write_csv(&header, lines)
}
