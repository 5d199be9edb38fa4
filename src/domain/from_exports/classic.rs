//! A classic user list (rule 59's columns, as Classic User Management's Export writes them: First name, Last
//! name, Email, Role, Status, Contract number, Serial number, Product, Services): the contracts it names are
//! built as classic contracts. Their subscriptions become product lines of the seats the Subscriptions export
//! gives, each under the serial number the list gives, held by the named users it lists, with their
//! software coordinators (rule 4) and contract manager (rule 1).

use super::draft::Draft;
use super::read::{col, rows, Refused, SubRow};
use super::{Over, Problem};
use crate::domain::input::{check_person, normalise_email, Column};
use crate::domain::queries::ClassicRole;
use crate::domain::*;
use std::collections::{BTreeMap, BTreeSet};

pub(super) const FILE: &str = "Classic user list";

/// One named user and one product line, or a contract alone (benefits only), as the row says.
pub struct ClassicRow {
    pub row: usize,
    pub email: String,
    pub first: String,
    pub last: String,
    pub role: ClassicRole,
    pub pending: bool,
    pub contract: String,
    pub serial: String,
    pub product: String,
    pub services: Vec<String>,
}

const CLASSIC: [Column; 9] = [
    col(&["Email", "email"], true),
    col(&["First name", "first_name"], false),
    col(&["Last name", "last_name"], false),
    col(&["Role", "role"], false),
    col(&["Status", "status"], false),
    col(&["Contract number", "contract_number", "Contract"], true),
    col(&["Serial number", "serial_number", "Serial"], false),
    col(&["Product", "product_name", "offering_name"], false),
    col(&["Services", "services"], false),
];

pub(super) fn read(text: &str, problems: &mut Vec<Problem>) -> Result<Vec<ClassicRow>, String> {
    rows(FILE, text, &CLASSIC, problems, |row, c| classic_row(row, c).map(Some))
}

fn classic_row(row: usize, c: &[String]) -> Result<ClassicRow, Refused> {
    let [email, first, last, role, status, contract, serial, product, services] = c else {
        unreachable!("one cell per column")
    };
    let refuse = |value: &str, why: &str| (value.to_string(), why.to_string());
    let email = normalise_email(email).map_err(|e| refuse(email, &e.to_string()))?;
    let person = check_person(&email, first, last).map_err(|e| refuse(&email, &e.to_string()))?;
    let role = match role.to_ascii_lowercase().as_str() {
        "contract manager" | "cm" => ClassicRole::ContractManager,
        "software coordinator" | "sc" => ClassicRole::SoftwareCoordinator,
        "" | "user" | "named user" => ClassicRole::User,
        _ => return Err(refuse(role, "is not a role: Contract Manager, Software Coordinator or User.")),
    };
    let pending = match status.to_ascii_lowercase().as_str() {
        "" | "active" => false,
        "pending" => true,
        _ => return Err(refuse(status, "is not a status: Active or Pending.")),
    };
    if contract.is_empty() {
        return Err(refuse("", "the contract number is empty."));
    }
    if !product.is_empty() && serial.is_empty() {
        return Err(refuse(product, "has no serial number: each product line is under one."));
    }
    let services = services.split(';').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect();
    let (contract, serial, product) = (contract.clone(), serial.clone(), product.clone());
    let (first, last) = (person.first_name, person.last_name);
    Ok(ClassicRow { row, email: person.email, first, last, role, pending, contract, serial, product, services })
}

/// The rows that can be used, and the contracts they name: a row of a contract the Subscriptions export lacks,
/// or of a product its subscriptions lack, can't be used (and makes no one a named user).
pub(super) fn usable(
    rows: Vec<ClassicRow>,
    subs: &[SubRow],
    problems: &mut Vec<Problem>,
) -> (Vec<ClassicRow>, BTreeSet<String>) {
    let sold: BTreeSet<(&String, String)> =
        subs.iter().filter_map(|s| Some((s.contract.as_ref()?, s.product.to_lowercase()))).collect();
    let known: BTreeSet<&String> = sold.iter().map(|(c, _)| *c).collect();
    let (mut out, mut contracts) = (Vec::new(), BTreeSet::new());
    for r in rows {
        let why = match (known.contains(&r.contract), r.product.is_empty()) {
            (false, _) => Some((r.contract.clone(), "is not a contract of the Subscriptions export.".to_string())),
            (true, false) if !sold.contains(&(&r.contract, r.product.to_lowercase())) => {
                Some((r.product.clone(), format!("is not a product of contract {}'s subscriptions.", r.contract)))
            }
            _ => None,
        };
        match why {
            Some((value, why)) => problems.push(Problem { file: FILE, row: r.row, value, why }),
            None => {
                contracts.insert(r.contract.clone());
                out.push(r);
            }
        }
    }
    (out, contracts)
}

/// The contract manager each contract's rows name (the first one), by contract.
pub(super) fn managers(rows: &[ClassicRow]) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for r in rows.iter().filter(|r| r.role == ClassicRole::ContractManager) {
        out.entry(r.contract.clone()).or_insert_with(|| r.email.clone());
    }
    out
}

/// A classic line as it is gathered, by contract and product: the product as the subscriptions write it, its
/// seats, a subscription ID of it, and the rows that hold it.
type Line<'a> = (String, u32, String, Vec<&'a ClassicRow>);

impl Draft {
    /// Everyone the list names, as classic named users: pending until they accept (rule 17).
    pub(super) fn classic_people(&mut self, rows: &[ClassicRow]) {
        for r in rows {
            let id = self.person(&r.email, &r.first, &r.last);
            let status = if r.pending { UserStatus::Pending } else { UserStatus::Active };
            let user = self.acc.users.get_mut(&id).expect("just made");
            let membership =
                user.classic.get_or_insert(ClassicMembership { status, invited_on: self.today, resent_on: None });
            // Active anywhere in the list is active (a row per product repeats the person).
            if status == UserStatus::Active {
                membership.status = status;
            }
        }
    }

    /// Each classic contract's product lines: a line per product of its subscriptions, of their seats, under the
    /// serial number the list gives, held by the people it lists. Kept until the contracts are made
    /// (`place_lines`); holders past the seats are `Over`, and the notes say what was decided.
    pub(super) fn classic_lines(&mut self, rows: &[ClassicRow], subs: &[SubRow]) -> (Vec<Over>, Vec<String>) {
        let (mut over, mut notes) = (Vec::new(), Vec::new());
        let mut lines: BTreeMap<(String, String), Line> = BTreeMap::new();
        for s in subs {
            let key = (s.contract.clone().expect("a classic contract's"), s.product.to_lowercase());
            lines.entry(key).or_insert_with(|| (s.product.clone(), 0, s.id.clone(), Vec::new())).1 += s.seats;
        }
        for r in rows.iter().filter(|r| !r.product.is_empty()) {
            if let Some((.., holders)) = lines.get_mut(&(r.contract.clone(), r.product.to_lowercase())) {
                holders.push(r);
            }
        }
        for ((contract, _), (product, seats, id, holders)) in lines {
            let serial = match holders.first() {
                Some(r) => r.serial.clone(),
                None => {
                    notes.push(format!("Contract {contract}: no one in the classic user list holds {product}, so its serial number isn't known; it is shown as its subscription ID, {id}."));
                    id
                }
            };
            if holders.len() > seats as usize {
                let rows = holders.iter().map(|r| r.row).collect();
                let team = format!("contract {contract}");
                over.push(Over { file: FILE, team, product: product.clone(), seats, rows });
            }
            let mut line = ProductLine {
                serial: SerialNo(serial),
                product,
                release: String::new(),
                seats,
                services: Vec::new(),
                download: true,
                bundle: Vec::new(),
                holders: BTreeMap::new(),
            };
            // Past the seats, the last rows are left out (the build waits for the admin to choose so).
            for r in holders.iter().take(seats as usize) {
                line.holders.entry(self.ids[&r.email]).or_default().extend(r.services.iter().cloned());
                for s in &r.services {
                    if !line.services.contains(s) {
                        line.services.push(s.clone());
                    }
                }
            }
            self.lines.push((ContractNo(contract), line));
        }
        (over, notes)
    }

    /// The classic lines on their contracts, made by now, with the software coordinator of each serial number
    /// the list names (one per serial number, rule 4; an active named user who is not the contract manager).
    pub(super) fn place_lines(&mut self, rows: &[ClassicRow], problems: &mut Vec<Problem>) {
        for (no, line) in std::mem::take(&mut self.lines) {
            let lid = LineId(self.acc.next_id());
            let c = self.acc.contracts.get_mut(&no).expect("made from the subscriptions");
            let serial = SerialNumber { license_type: LicenseType::SignIn, coordinator: None };
            c.serials.entry(line.serial.clone()).or_insert(serial);
            c.lines.insert(lid, line);
        }
        for r in rows.iter().filter(|r| r.role == ClassicRole::SoftwareCoordinator) {
            let id = self.ids[&r.email];
            let refused = |why: String| Problem { file: FILE, row: r.row, value: r.serial.clone(), why };
            let Some(c) = self.acc.contracts.get_mut(&ContractNo(r.contract.clone())) else { continue };
            let Some(serial) = c.serials.get_mut(&SerialNo(r.serial.clone())) else {
                problems.push(refused(format!("is not a serial number of contract {}'s products.", r.contract)));
                continue;
            };
            match serial.coordinator {
                _ if r.pending => problems.push(refused(format!(
                    "{} has not accepted yet, so can't be its software coordinator (W7).",
                    r.email
                ))),
                _ if c.contract_manager == id => {}
                Some(other) if other != id => {
                    problems.push(refused("has a software coordinator already, on an earlier row (rule 4).".into()))
                }
                _ => serial.coordinator = Some(id),
            }
        }
    }
}
