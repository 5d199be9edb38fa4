//! The rows of Autodesk Account's Subscriptions and Users exports (domain.md §4c), in the old snake_case
//! names and 2026's words, checked one by one: a row that can't be used becomes a `Problem` with its value as
//! written and why.

use super::Problem;
use crate::domain::input::{check_person, names_from_email, normalise_email, read_table, Column};
use crate::domain::{Reseller, TeamRole, Term};
use chrono::NaiveDate;

/// One subscription, as its row says.
pub struct SubRow {
    pub row: usize,
    pub contract: Option<String>,
    pub id: String,
    pub product: String,
    pub seats: u32,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub auto_renew: bool,
    pub term: Term,
    pub reseller: Option<Reseller>,
    pub team: String,
    pub manager: Option<String>,
}

/// One person in one team, with one product or none, as its row says.
pub struct UserRow {
    pub row: usize,
    pub email: String,
    pub first: String,
    pub last: String,
    pub role: Option<TeamRole>,
    pub team: String,
    pub product: String,
    pub invited: bool,
}

pub(super) const fn col(names: &'static [&'static str], required: bool) -> Column {
    Column { names, required }
}

const SUBSCRIPTIONS: [Column; 13] = [
    col(&["subscription_id", "Subscription ID", "Subscription"], true),
    col(&["offering_name", "Offering name", "Offering", "Product", "product_name"], true),
    col(&["seat_quantity", "Seat quantity", "Seats", "Quantity"], true),
    col(&["start_date", "Start date"], true),
    col(&["end_date", "End date"], true),
    col(&["contract_number", "Contract number", "Contract"], false),
    col(&["autorenew_date", "Auto-renew date", "Renewal date"], false),
    col(&["term", "Term", "Billing term"], false),
    col(&["subscription_status", "Subscription status", "Status"], false),
    col(&["reseller_name", "Reseller name", "Reseller"], false),
    col(&["reseller_email", "Reseller email"], false),
    col(&["team", "Team", "team_alias", "Team alias", "Team name"], false),
    col(&["contract_manager_email", "Contract manager email", "Contract manager"], false),
];

const USERS: [Column; 7] = [
    col(&["email", "Email", "Email address"], true),
    col(&["first_name", "First name"], false),
    col(&["last_name", "Last name"], false),
    col(&["role", "Role"], false),
    col(&["team", "Team", "team_alias", "Team name"], false),
    col(&["product_name", "Product name", "Product", "offering_name"], false),
    col(&["account_status", "Account status", "Status"], false),
];

/// One day a person used a product, as a row of the Seat Usage export says (rule 61).
pub struct UseRow {
    pub row: usize,
    pub email: String,
    pub product: String,
    pub day: NaiveDate,
}

/// The Seat Usage export: one row per person, product and day used. The Usage report's summary (days used,
/// last accessed) has no day and is not this file.
const USAGE: [Column; 3] = [
    col(&["email", "Email"], true),
    col(&["offering_name", "Offering name", "product_name", "Product name", "Product"], true),
    col(&["day_used", "Day used", "Date used"], true),
];

/// A group of a team and, in newer exports, one member of it.
pub struct GroupRow {
    pub row: usize,
    pub group: String,
    pub synced: bool,
    pub team: String,
    pub email: Option<String>,
}

/// The Groups export: the group and its type; newer versions add the team and one member per row.
const GROUPS: [Column; 4] = [
    col(&["group", "Group", "group_name", "Group name"], true),
    col(&["group_type", "Group type", "Type"], false),
    col(&["team", "Team", "team_alias", "Team name"], false),
    col(&["email", "Email", "member_email", "Member email"], false),
];

/// Rows an export may hold: the Users export has one per person and product.
const MAX_ROWS: usize = 100_000;

/// Reads `text` by `columns`; a file that can't be read at all is refused whole, in words.
fn table(
    file: &'static str,
    text: &str,
    columns: &[Column],
    problems: &mut Vec<Problem>,
) -> Result<Vec<(usize, Vec<String>)>, String> {
    let table = read_table(text, columns, MAX_ROWS).map_err(|e| format!("The {file} export: {e}"))?;
    let mut rows = Vec::new();
    for (row, cells) in table.rows {
        match cells {
            Ok(cells) => rows.push((row, cells)),
            Err(why) => problems.push(Problem { file, row, value: String::new(), why }),
        }
    }
    Ok(rows)
}

/// Each row of an export read by `read`: one it refuses is a `Problem` with its value as written and why, one
/// it passes over (`None`) is left out.
pub(super) fn rows<T>(
    file: &'static str,
    text: &str,
    columns: &[Column],
    problems: &mut Vec<Problem>,
    read: impl Fn(usize, &[String]) -> Result<Option<T>, Refused>,
) -> Result<Vec<T>, String> {
    let mut out = Vec::new();
    for (row, c) in table(file, text, columns, problems)? {
        match read(row, &c) {
            Ok(t) => out.extend(t),
            Err((value, why)) => problems.push(Problem { file, row, value, why }),
        }
    }
    Ok(out)
}

pub fn subscriptions(text: &str, problems: &mut Vec<Problem>) -> Result<Vec<SubRow>, String> {
    rows("Subscriptions", text, &SUBSCRIPTIONS, problems, subscription)
}

/// Why a canceled subscription's row is left out: the one unusable Subscriptions row a refresh may act on (as
/// the subscription ended).
pub const CANCELED: &str = "a canceled subscription holds no seats: it is left out.";

/// What was wrong with a row: the value as written and why.
pub(super) type Refused = (String, String);

fn subscription(row: usize, c: &[String]) -> Result<Option<SubRow>, Refused> {
    let refuse = |value: &str, why: &str| (value.to_string(), why.to_string());
    let [id, product, seats, start, end, contract, renew, term, status, reseller, reseller_email, team, manager] = c
    else {
        unreachable!("one cell per column")
    };
    if id.is_empty() {
        return Err(refuse("", "the subscription ID is empty."));
    }
    if product.is_empty() {
        return Err(refuse("", "the offering name is empty."));
    }
    match status.to_ascii_lowercase().as_str() {
        "canceled" | "cancelled" => return Err(refuse(status, CANCELED)),
        "" | "active" | "expired" | "expiring" | "suspended" | "inactive" | "pending" | "renewed" => {}
        _ => return Err(refuse(status, "is not a subscription status: Active, Expired, Suspended or Canceled.")),
    }
    let seats =
        seats.parse::<u32>().map_err(|_| refuse(seats, "is not a number of seats: a whole number, 0 or more."))?;
    let start = export_date(start).map_err(|why| refuse(start, &why))?;
    let end = export_date(end).map_err(|why| refuse(end, &why))?;
    if end <= start {
        return Err(refuse(&end.to_string(), "the end date is not after the start date."));
    }
    let auto_renew = !renew.is_empty() && export_date(renew).map_err(|why| refuse(renew, &why))? >= start;
    let term = read_term(term, start, end).map_err(|why| refuse(term, &why))?;
    let reseller = match (reseller.is_empty(), reseller_email.is_empty()) {
        (true, true) => None,
        _ => Some(Reseller {
            name: reseller.clone(),
            email: normalise_email(reseller_email).map_err(|e| refuse(reseller_email, &e.to_string()))?,
        }),
    };
    let manager = match manager.is_empty() {
        true => None,
        false => Some(normalise_email(manager).map_err(|e| refuse(manager, &e.to_string()))?),
    };
    let contract = (!contract.is_empty()).then(|| contract.clone());
    let (id, product, team) = (id.clone(), product.clone(), team.clone());
    Ok(Some(SubRow { row, contract, id, product, seats, start, end, auto_renew, term, reseller, team, manager }))
}

/// Autodesk's term, else read from the dates: a month or less is monthly, over 13 months three-year.
fn read_term(term: &str, start: NaiveDate, end: NaiveDate) -> Result<Term, String> {
    let key: String = term.chars().filter(char::is_ascii_alphanumeric).collect::<String>().to_ascii_lowercase();
    Ok(match key.as_str() {
        "" => match (end - start).num_days() {
            ..=31 => Term::Monthly,
            32..=400 => Term::Annual,
            _ => Term::ThreeYear,
        },
        "monthly" | "month" | "1month" => Term::Monthly,
        "annual" | "annually" | "yearly" | "1year" | "year" => Term::Annual,
        "3year" | "3years" | "threeyear" | "multiyear" | "36months" => Term::ThreeYear,
        _ => return Err("is not a term: Monthly, Annual or 3-Year.".into()),
    })
}

/// A day as Autodesk's exports and Excel write it: `2026-03-01`, `2026/03/01`, `03/01/2026` (month first, as
/// Autodesk Account writes it), `01.03.2026` (day first), or `1-Mar-2026`; a time after it is ignored. Read by
/// hand: chrono's format strings would cost every download some kilobytes for five patterns.
pub fn export_date(text: &str) -> Result<NaiveDate, String> {
    let day = text.trim().split(['T', ' ']).next().unwrap_or("");
    let n = |s: &str| s.parse::<u32>().ok().filter(|_| s.len() <= 2 && !s.is_empty());
    let year = |s: &str| s.parse::<i32>().ok().filter(|_| s.len() == 4);
    let month = |s: &str| {
        const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
        MONTHS.iter().position(|m| s.len() >= 3 && s[..3].eq_ignore_ascii_case(m)).map(|i| i as u32 + 1)
    };
    let parts: Vec<&str> = day.split(['-', '/', '.']).collect();
    let sep = day.chars().find(|c| matches!(c, '-' | '/' | '.'));
    let ymd = match (sep, parts.as_slice()) {
        (Some('-' | '/'), [y, m, d]) if y.len() == 4 => (year(y), n(m), n(d)),
        (Some('-'), [d, m, y]) => (year(y), month(m), n(d)),
        (Some('/'), [m, d, y]) => (year(y), n(m), n(d)),
        (Some('.'), [d, m, y]) => (year(y), n(m), n(d)),
        _ => (None, None, None),
    };
    match ymd {
        (Some(y), Some(m), Some(d)) => NaiveDate::from_ymd_opt(y, m, d),
        _ => None,
    }
    .ok_or_else(|| "is not a date: write it as 2026-03-01 or 03/01/2026.".to_string())
}

pub fn users(text: &str, problems: &mut Vec<Problem>) -> Result<Vec<UserRow>, String> {
    let file = "Users";
    // Only the email is required, which many files have: one with no other column of the Users export (the
    // Groups export, chosen by mistake) would make everyone a member of no product (an admin trial).
    let header = crate::domain::input::columns_not_read(text, &[]);
    // Its own columns: not the email and team that other exports have too.
    let own: Vec<&str> = USERS[1..4].iter().chain(&USERS[5..]).flat_map(|c| c.names.iter().copied()).collect();
    if header.len() > 1 && crate::domain::input::columns_not_read(text, &own).len() == header.len() {
        return Err(format!(
            "The Users export: it has none of the Users export's columns (first_name, last_name, role, product_name, account_status), only {}: is it another export?",
            header.join(", ")
        ));
    }
    rows(file, text, &USERS, problems, |row, c| user(row, c).map(Some))
}

fn user(row: usize, c: &[String]) -> Result<UserRow, Refused> {
    let [email, first, last, role, team, product, status] = c else { unreachable!("one cell per column") };
    let refuse = |value: &str, why: String| (value.to_string(), why);
    let address = normalise_email(email).map_err(|e| refuse(email, e.to_string()))?;
    // Someone invited and not yet signed in may have no name in the export: it is read from the address.
    let (first, last) = match (first.is_empty() && last.is_empty(), names_from_email(&address)) {
        (true, Some(names)) => names,
        _ => (first.clone(), last.clone()),
    };
    let person = check_person(&address, &first, &last).map_err(|e| refuse(email, e.to_string()))?;
    let role = match role.to_ascii_lowercase().as_str() {
        "" => None,
        "primary admin" | "primaryadmin" | "primary_admin" => Some(TeamRole::PrimaryAdmin),
        "secondary admin" | "secondaryadmin" | "secondary_admin" | "admin" => Some(TeamRole::SecondaryAdmin),
        "sso admin" | "ssoadmin" | "sso_admin" => Some(TeamRole::SsoAdmin),
        "user" | "member" => Some(TeamRole::User),
        _ => return Err(refuse(role, "is not a role: Primary Admin, Secondary Admin, SSO Admin or User.".into())),
    };
    let invited = match status.to_ascii_lowercase().as_str() {
        "" | "active" | "verified" => false,
        "invited" | "pending" | "inactive" => true,
        _ => return Err(refuse(status, "is not an account status: Active, Verified or Invited.".into())),
    };
    let (team, product) = (team.clone(), product.clone());
    Ok(UserRow {
        row,
        email: person.email,
        first: person.first_name,
        last: person.last_name,
        role,
        team,
        product,
        invited,
    })
}

/// The Seat Usage export's rows, and how many hide the person (a team's personal data off: `*****`).
pub fn usage(text: &str, problems: &mut Vec<Problem>) -> Result<(Vec<UseRow>, usize), String> {
    let file = "Usage";
    let (mut out, mut hidden) = (Vec::new(), 0);
    for (row, c) in table(file, text, &USAGE, problems)? {
        let [email, product, day] = &c[..] else { unreachable!("one cell per column") };
        if email.starts_with("***") {
            hidden += 1;
            continue;
        }
        let refused = |value: &str, why: String| Problem { file, row, value: value.to_string(), why };
        match (normalise_email(email), export_date(day)) {
            (Err(e), _) => problems.push(refused(email, e.to_string())),
            (_, Err(why)) => problems.push(refused(day, why)),
            _ if product.is_empty() => problems.push(refused("", "the product is empty.".into())),
            (Ok(email), Ok(day)) => out.push(UseRow { row, email, product: product.clone(), day }),
        }
    }
    Ok((out, hidden))
}

pub fn groups(text: &str, problems: &mut Vec<Problem>) -> Result<Vec<GroupRow>, String> {
    let file = "Groups";
    let mut out = Vec::new();
    for (row, c) in table(file, text, &GROUPS, problems)? {
        let [group, kind, team, email] = &c[..] else { unreachable!("one cell per column") };
        let refused = |value: &str, why: String| Problem { file, row, value: value.to_string(), why };
        let synced = match kind.to_ascii_lowercase().as_str() {
            "" | "local" | "autodesk" => false,
            "synced" | "directory" | "directory sync" | "sso" | "entra" | "okta" => true,
            _ => {
                problems.push(refused(kind, "is not a group type: Local or Synced.".into()));
                continue;
            }
        };
        let email = match email.is_empty() {
            true => None,
            false => match normalise_email(email) {
                Ok(e) => Some(e),
                Err(e) => {
                    problems.push(refused(email, e.to_string()));
                    continue;
                }
            },
        };
        if group.is_empty() {
            problems.push(refused("", "the group's name is empty.".into()));
            continue;
        }
        out.push(GroupRow { row, group: group.clone(), synced, team: team.clone(), email });
    }
    Ok(out)
}
