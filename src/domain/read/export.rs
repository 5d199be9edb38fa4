//! The Classic User Management export (W10, rule 59): one CSV row per user and product held, written with
//! the csv crate; cells that a spreadsheet would run as a formula are neutralised.

use super::user_list::UserRow;
use crate::domain::model::*;

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
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// One row per user and product; "Access" says whether the contract gives access today (rule 46).
pub fn users_csv(acc: &Account, rows: &[UserRow], today: chrono::NaiveDate) -> String {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(EXPORT_COLUMNS).expect("writing to memory");
    for row in rows {
        let Some(user) = acc.users.get(&row.id) else { continue };
        let status = match row.status {
            UserStatus::Active => "Active",
            UserStatus::Pending => "Pending",
        };
        let mut held: Vec<[String; 6]> = Vec::new();
        for c in acc.contracts.values() {
            let status = acc.contract_status(c, today);
            let access =
                if status.grants_access() { "Yes".to_string() } else { format!("No: contract {}", status.label()) };
            let benefits = c
                .benefit_holders
                .get(&row.id)
                .map(|b| b.iter().filter_map(|id| c.benefits.get(id).cloned()).collect::<Vec<_>>().join("; "));
            let mut any_line = false;
            for l in c.lines.values() {
                if let Some(services) = l.holders.get(&row.id) {
                    any_line = true;
                    let services = services.iter().cloned().collect::<Vec<_>>().join("; ");
                    held.push([
                        c.number.to_string(),
                        l.serial.to_string(),
                        l.product.clone(),
                        services,
                        benefits.clone().unwrap_or_default(),
                        access.clone(),
                    ]);
                }
            }
            if let (false, Some(b)) = (any_line, benefits) {
                held.push([c.number.to_string(), String::new(), String::new(), String::new(), b, access]);
            }
        }
        if held.is_empty() {
            held.push(Default::default());
        }
        for h in held {
            let person = [&user.first_name, &user.last_name, &user.email, row.role.label(), status];
            let record: Vec<String> = person.into_iter().chain(h.iter().map(String::as_str)).map(neutralise).collect();
            out.write_record(&record).expect("writing to memory");
        }
    }
    String::from_utf8(out.into_inner().expect("writing to memory")).expect("csv writes UTF-8")
}
