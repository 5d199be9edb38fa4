//! "Start from your Autodesk account" (issue 31): the console's account built from Autodesk Account's
//! Subscriptions export and, if given, its Users export (domain.md §4c, rule 60). Nothing is guessed in
//! silence: every row that can't be used is listed with its row, its value as written and why; what the
//! exports don't say is asked (the company, the contract manager); where Autodesk's data breaks a rule (more
//! people assigned a product than its seats, rule 40) the admin chooses; and the account built passes every
//! invariant the commands keep. A Seat Usage export, if given, fills Reporting's usage (rule 61).

mod build;
mod classic;
mod compare;
mod draft;
mod read;
mod refresh;
#[cfg(test)]
mod tests;

pub use build::{build, of_account, unnamed_contracts};
pub use compare::{differences, Compared};
pub use read::export_date;
pub(crate) use refresh::refresh;
pub use refresh::{told, Refresh, Terms};

/// What the admin gives: the exports' text, and what the exports don't say.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Exports {
    pub subscriptions: String,
    pub users: Option<String>,
    /// The Seat Usage export: one row per person, product and day used.
    pub usage: Option<String>,
    /// The Groups export: each team's groups and, in newer versions, their members.
    pub groups: Option<String>,
    /// A classic user list (rule 59's columns): the contracts it names are built as classic contracts.
    pub classic: Option<String>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Answers {
    pub company: String,
    /// "First Last <email>", or the email of someone in the Users export: the contract manager of every
    /// contract whose rows name none, and the owner of its subscriptions.
    pub contract_manager: String,
    /// Build without the assignments past a product's seats (the last rows of the file), when the Users
    /// export assigns more people than the subscriptions hold.
    pub leave_out_over: bool,
    /// A contract manager for a contract the exports name none for ("First Last <email>" or an email of the
    /// Users export), by contract number; empty or absent: `contract_manager`.
    pub per_contract: std::collections::BTreeMap<String, String>,
}

/// A row that can't be used: its export, its row as a spreadsheet numbers it, the value as written and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub file: &'static str,
    pub row: usize,
    pub value: String,
    pub why: String,
}

impl Built {
    /// Subscriptions rows that can't be read, canceled ones aside: a refresh would take each for a subscription
    /// that ended and unassign its people, so it waits until the file is corrected.
    pub fn unreadable_subscriptions(&self) -> usize {
        self.problems.iter().filter(|p| p.file == "Subscriptions" && p.why != read::CANCELED).count()
    }
}

/// A product of a team that the Users export assigns to more people than its subscriptions hold (rule 40).
#[derive(Clone, Debug, PartialEq)]
pub struct Over {
    /// Where the rows that assign it are: "Users export" or "Classic user list".
    pub file: &'static str,
    /// The team, or "contract 1102…" for a classic contract's line.
    pub team: String,
    pub product: String,
    pub seats: u32,
    /// The rows that assign it, in file order: those past `seats` are left out if the admin chooses so.
    pub rows: Vec<usize>,
}

/// One team as it will be built.
#[derive(Clone, Debug, PartialEq)]
pub struct TeamSummary {
    pub name: String,
    pub members: usize,
    pub subscriptions: usize,
    pub seats: u32,
    pub assigned: usize,
}

/// The preview: what will be created, what can't be used, and the account, once nothing blocks it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Built {
    pub account: Option<crate::domain::Account>,
    /// Why the account can't be built yet (a file that can't be read, an answer missing, a choice to make).
    pub blocked: Vec<String>,
    /// The same reasons by the field they are about, to be said there too: an export refused whole (by its
    /// name, "Users"), the contract manager given ("manager"), a contract's own one (by its number).
    pub at_field: std::collections::BTreeMap<String, String>,
    pub problems: Vec<Problem>,
    pub over: Vec<Over>,
    /// What was decided for the admin and said so: a team's primary admin taken from the contract manager.
    pub notes: Vec<String>,
    pub contracts: usize,
    pub teams: Vec<TeamSummary>,
    pub people: usize,
    /// Days of use read from the Usage export, over how many people.
    pub days_of_use: usize,
    pub people_using: usize,
    /// Groups made from the Groups export.
    pub groups: usize,
}
