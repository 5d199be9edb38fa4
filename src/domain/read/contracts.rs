//! Contracts & Subscriptions: the contracts a contract manager holds, with status from the dates (rules
//! 46–47), days to renewal and seat use, sorted and filtered as the list shows them.

use crate::domain::ids::*;
use crate::domain::lifecycle::{days_to_end, status, Status};
use crate::domain::model::*;
use crate::domain::read::seats::Seats;
use chrono::NaiveDate;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ContractRow {
    pub number: ContractNo,
    pub kind: &'static str,
    pub channel: &'static str,
    pub access: &'static str,
    pub status: Status,
    pub end: NaiveDate,
    pub days: i64,
    /// "AutoCAD: 4 of 5 seats used" per product line (`Seats::summary`).
    pub seats: Vec<String>,
}

impl ContractRow {
    /// "45 days to renewal", or "ended 10 days ago".
    pub fn renewal(&self) -> String {
        match self.days {
            d if d >= 0 => format!("{d} days to renewal"),
            d => format!("ended {} days ago", -d),
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ContractSort {
    Number,
    #[default]
    EndDate,
    Status,
}

/// The contracts `manager` is the contract manager of (only they see billing), with `only` a status.
pub fn contract_rows(
    acc: &Account,
    manager: Option<UserId>,
    today: NaiveDate,
    sort: ContractSort,
    only: Option<Status>,
) -> Vec<ContractRow> {
    let mut rows: Vec<ContractRow> = acc
        .contracts
        .values()
        .filter(|c| Some(c.contract_manager) == manager)
        .map(|c| ContractRow {
            number: c.number.clone(),
            kind: c.kind.label(),
            channel: c.channel.label(),
            access: c.access.label(),
            status: status(c.end_date, c.term, today),
            end: c.end_date,
            days: days_to_end(c.end_date, today),
            seats: c
                .lines
                .values()
                .map(|l| format!("{}: {}", l.product, Seats::line(acc, c, l, today).summary()))
                .collect(),
        })
        .filter(|r| only.is_none_or(|s| s == r.status))
        .collect();
    match sort {
        ContractSort::Number => rows.sort_by(|a, b| a.number.cmp(&b.number)),
        ContractSort::EndDate => rows.sort_by_key(|r| r.end),
        ContractSort::Status => rows.sort_by_key(|r| (r.status, r.end)),
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::seed::demo_account;

    #[test]
    fn rules_46_47_the_contract_list_sorts_filters_and_counts_days() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let acc = demo_account(today);
        let dana = acc.contracts.values().next().map(|c| c.contract_manager);
        let rows = contract_rows(&acc, dana, today, ContractSort::EndDate, None);
        assert_eq!(rows.len(), 6);
        assert_eq!(rows[0].number.as_str(), "110099990000");
        assert_eq!((rows[0].status, rows[0].renewal().as_str()), (Status::Expired, "ended 10 days ago"));
        let expiring = contract_rows(&acc, dana, today, ContractSort::Number, Some(Status::Expiring));
        assert_eq!(expiring.iter().map(|r| r.number.as_str()).collect::<Vec<_>>(), ["110055550000"]);
        assert_eq!(expiring[0].renewal(), "45 days to renewal");
        assert!(contract_rows(&acc, None, today, ContractSort::Number, None).is_empty());
    }
}
