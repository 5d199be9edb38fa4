//! Import users from a CSV file (W2', rule 22): the preview of what the import will do and, after it, the
//! per-row result report. The preview applies the same command to a copy of the account, so it can't disagree
//! with what Import does.

use super::export::{push_record, write_csv};
use crate::domain::command::{Actor, Command};
use crate::domain::error::DomainError;
use crate::domain::event::Event;
use crate::domain::ids::TeamId;
use crate::domain::input::{parse_users_rows, UserRow};
use crate::domain::model::{Account, TeamStatus};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Added(TeamStatus),
    AlreadyMember,
    /// The same address as an earlier row of the file (whatever its case), which stands for both (27.3).
    Duplicate(usize),
    Refused(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportRow {
    /// As a spreadsheet numbers it (the header is row 1).
    pub row: usize,
    pub email: String,
    pub outcome: Outcome,
}

impl ReportRow {
    pub fn result(&self) -> String {
        match &self.outcome {
            Outcome::Added(status) => format!("Added ({})", status.label()),
            Outcome::AlreadyMember => "Already a member".into(),
            Outcome::Duplicate(row) => format!("Duplicate of row {row}"),
            Outcome::Refused(why) => format!("Refused: {why}"),
        }
    }
}

/// What importing `csv` into `team` does, row by row, on a copy of the account; the file's own refusal (no
/// header, too many rows, not a CSV) is returned as the error and nothing is imported. The console previews
/// with `SlicedPreview`, which the tests hold equal to this.
#[cfg(test)]
pub fn preview(
    acc: &Account,
    actor: Actor,
    team: TeamId,
    csv: &str,
    today: NaiveDate,
) -> Result<Vec<ReportRow>, DomainError> {
    let command = Command::ImportTeamUsers { team, csv: csv.to_string(), groups: vec![] };
    let (after, events) = super::preview(acc, actor, command, today)?;
    report(&after, team, csv, &events)
}

/// `preview` a slice of rows at a time (issue 32.5: 5,000 rows over 10,000 users were one 115 ms task), so the
/// page can paint and show progress between slices. The well-formed rows go through the same import command,
/// a slice at a time and in order, on one copy of the account; row by row the outcome is `preview`'s (a test
/// holds them equal).
pub struct SlicedPreview {
    after: Account,
    actor: Actor,
    team: TeamId,
    today: NaiveDate,
    rows: Vec<UserRow>,
    report: Vec<ReportRow>,
    /// Each address's first row, across slices.
    first: HashMap<String, usize>,
}

impl SlicedPreview {
    /// Reads the file; its own refusal (no header, too many rows, not a CSV) is the error, as in `preview`.
    pub fn start(acc: &Account, actor: Actor, team: TeamId, csv: &str, today: NaiveDate) -> Result<Self, DomainError> {
        let mut rows = parse_users_rows(csv)?;
        rows.reverse();
        let (report, first) = (Vec::new(), HashMap::new());
        Ok(SlicedPreview { after: acc.clone(), actor, team, today, rows, report, first })
    }

    /// How many rows are left to preview.
    pub fn left(&self) -> usize {
        self.rows.len()
    }

    /// Previews the next `n` rows; a refusal of the whole import (the permission) is the error.
    pub fn step(&mut self, n: usize) -> Result<(), DomainError> {
        let slice: Vec<UserRow> = (0..n).map_while(|_| self.rows.pop()).collect();
        let mut csv = String::new();
        push_record(&mut csv, ["First name", "Last name", "Email"]);
        let mut rows_in_slice = Vec::new();
        for (row, written, parsed) in slice {
            match parsed {
                Err(why) => self.report.push(ReportRow { row, email: written, outcome: Outcome::Refused(why) }),
                Ok(p) if self.first.contains_key(&p.email) => {
                    let outcome = Outcome::Duplicate(self.first[&p.email]);
                    self.report.push(ReportRow { row, email: written, outcome });
                }
                Ok(p) => {
                    self.first.insert(p.email.clone(), row);
                    push_record(&mut csv, [&p.first_name, &p.last_name, &p.email]);
                    rows_in_slice.push(self.report.len());
                    self.report.push(ReportRow { row, email: written, outcome: Outcome::AlreadyMember });
                }
            }
        }
        if rows_in_slice.is_empty() {
            return Ok(());
        }
        let command = Command::ImportTeamUsers { team: self.team, csv: csv.clone(), groups: vec![] };
        let events = crate::domain::apply(&mut self.after, self.actor, command, self.today)?;
        // The slice's report is numbered as a file of its own (2, 3, …): its rows are the slice's, in order.
        for (r, at) in report(&self.after, self.team, &csv, &events)?.into_iter().zip(rows_in_slice) {
            self.report[at].outcome = r.outcome;
        }
        Ok(())
    }

    /// The report, in the file's order, once every row is previewed.
    pub fn finish(self) -> Vec<ReportRow> {
        self.report
    }
}

/// The per-row result of an import, from the account after it and the events it gave. A well-formed row that
/// was skipped names someone already in the team (rule 22: ignored, not duplicated).
pub fn report(after: &Account, team: TeamId, csv: &str, events: &[Event]) -> Result<Vec<ReportRow>, DomainError> {
    let skipped: BTreeMap<String, &String> = events
        .iter()
        .filter_map(|e| match e {
            Event::EntrySkipped { entry, reason } => Some((entry.clone(), reason)),
            _ => None,
        })
        .collect();
    let members = &after.team(team)?.members;
    // One index, not a search of every user per row (5,000 rows over 10,000 users: 0.35 s, issue 32.5).
    let known = after.email_index();
    let rows = parse_users_rows(csv)?;
    let mut first = HashMap::new();
    Ok(rows
        .into_iter()
        .map(|(row, written, parsed)| {
            let (email, outcome) = match parsed {
                Err(why) => (written, Outcome::Refused(why)),
                Ok(p) if first.contains_key(&p.email) => (written, Outcome::Duplicate(first[&p.email])),
                Ok(p) if skipped.contains_key(&format!("row {row}")) => {
                    first.insert(p.email, row);
                    (written, Outcome::AlreadyMember)
                }
                Ok(p) => {
                    first.insert(p.email.clone(), row);
                    let status = known.get(&p.email).and_then(|u| members.get(u)).map(|m| m.status);
                    (written, Outcome::Added(status.unwrap_or(TeamStatus::Invited)))
                }
            };
            ReportRow { row, email, outcome }
        })
        .collect())
}

/// How many rows are added, already members, refused.
pub fn counts(rows: &[ReportRow]) -> (usize, usize, usize) {
    rows.iter().fold((0, 0, 0), |(a, m, r), row| match row.outcome {
        Outcome::Added(_) => (a + 1, m, r),
        Outcome::AlreadyMember => (a, m + 1, r),
        Outcome::Refused(_) => (a, m, r + 1),
        Outcome::Duplicate(_) => (a, m, r),
    })
}

/// Rows that repeat an earlier row's address, in words for the preview and the confirmation ("" for none): the
/// console's own export has a row per person and product, so they are named, not counted as refused.
pub fn repeats(rows: &[ReportRow]) -> String {
    match rows.iter().filter(|r| matches!(r.outcome, Outcome::Duplicate(_))).count() {
        0 => String::new(),
        1 => " 1 row repeats an earlier one.".into(),
        n => format!(" {n} rows repeat earlier ones."),
    }
}

pub fn report_csv(rows: &[ReportRow]) -> String {
    write_csv(&["Row", "Email", "Result"], rows.iter().map(|r| vec![r.row.to_string(), r.email.clone(), r.result()]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::seed::demo_account;

    #[test]
    fn rule_22_the_preview_is_what_the_import_does_row_by_row() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let mut acc = demo_account(today);
        let t = *acc.teams.keys().next().unwrap();
        let sam = Actor::User(acc.user_by_email("sam.okafor@contoso-eng.com").unwrap());
        let csv = "First name;Last name;Email\nNew;Person;new.person@x.com\nTom;Becker;tom.becker@contoso-eng.com\n\
                   Bad;Row;not-an-email\nLuis;Ortega;luis.ortega@contoso-eng.com\nNew;Again;NEW.person@x.com\n";
        let before = acc.clone();
        let rows = preview(&acc, sam, t, csv, today).unwrap();
        assert_eq!(acc, before, "a preview changes nothing");
        let results: Vec<(usize, String)> = rows.iter().map(|r| (r.row, r.result())).collect();
        assert_eq!(results[0], (2, "Added (Invited)".into()));
        assert_eq!(results[1], (3, "Already a member".into()));
        assert!(results[2].1.starts_with("Refused: \"not-an-email\" is not a valid email"), "{}", results[2].1);
        assert_eq!(results[3], (5, "Added (Verified)".into()));
        // Issue 27.3: a case-twin of row 2 is its duplicate, not "already a member"; a refused row keeps its email.
        assert_eq!(results[4], (6, "Duplicate of row 2".into()), "the same email twice is added once");
        assert_eq!((rows[2].email.as_str(), rows[4].email.as_str()), ("not-an-email", "NEW.person@x.com"));
        assert_eq!(counts(&rows), (2, 1, 1));
        assert_eq!(repeats(&rows), " 1 row repeats an earlier one.");
        let events = crate::domain::apply(
            &mut acc,
            sam,
            Command::ImportTeamUsers { team: t, csv: csv.into(), groups: vec![] },
            today,
        )
        .unwrap();
        assert_eq!(report(&acc, t, csv, &events).unwrap(), rows);
        assert!(report_csv(&rows).starts_with("Row,Email,Result\n2,new.person@x.com,Added (Invited)\n"));
    }

    #[test]
    fn issue_32_a_preview_in_slices_is_the_preview_of_the_whole_file() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let acc = demo_account(today);
        let t = *acc.teams.keys().next().unwrap();
        let sam = Actor::User(acc.user_by_email("sam.okafor@contoso-eng.com").unwrap());
        // New people, their case-twins further down, members, people of the account outside the team, bad rows.
        let known: Vec<&str> = acc.users.values().map(|u| u.email.as_str()).collect();
        let mut csv = "First name,Last name,Email\n".to_string();
        for i in 0..90usize {
            let line = match i * 7 % 5 {
                0 => format!("New,Person{i},new{}@x.com", i % 30),
                1 => format!("Twin,Case{i},NEW{}@X.com", (i + 3) % 30),
                2 => format!("Known,Person,{}", known[i % known.len()]),
                3 => format!("Bad,Row,not-an-email-{i}"),
                _ => format!(",NoFirst,first{i}@x.com"),
            };
            csv.push_str(&line);
            csv.push('\n');
        }
        let whole = preview(&acc, sam, t, &csv, today).unwrap();
        assert!(whole.iter().any(|r| matches!(r.outcome, Outcome::Added(TeamStatus::Verified))));
        assert!(whole.iter().any(|r| r.outcome == Outcome::AlreadyMember));
        for n in [1, 2, 7, 40, 5000] {
            let mut sliced = SlicedPreview::start(&acc, sam, t, &csv, today).unwrap();
            while sliced.left() > 0 {
                sliced.step(n).unwrap();
            }
            assert_eq!(sliced.finish(), whole, "slices of {n}");
        }
        // The import's own refusals are the whole file's: someone who may not import is refused at the first slice.
        let tom = Actor::User(acc.user_by_email("tom.becker@contoso-eng.com").unwrap());
        let mut sliced = SlicedPreview::start(&acc, tom, t, &csv, today).unwrap();
        assert_eq!(sliced.step(10).unwrap_err(), preview(&acc, tom, t, &csv, today).unwrap_err());
    }

    #[test]
    fn rule_22_an_unreadable_file_imports_nothing() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let acc = demo_account(today);
        let t = *acc.teams.keys().next().unwrap();
        let sam = Actor::User(acc.user_by_email("sam.okafor@contoso-eng.com").unwrap());
        let err = preview(&acc, sam, t, "\u{0}\u{1}PNG garbage", today).unwrap_err();
        assert_eq!(
            err.to_string(),
            DomainError::NotCsv { what: "a picture, a PDF or another file that is not text" }.to_string()
        );
        let err = preview(&acc, sam, t, "Name,Mail\nx,y", today).unwrap_err();
        assert_eq!(
            err.to_string(),
            DomainError::CsvHeader { columns: "First name, Last name, Email".into() }.to_string()
        );
    }
}
