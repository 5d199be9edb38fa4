//! Product use per person (rule 61; issue 11) and reclaiming idle seats. Local storage holds about 5 MiB, so
//! use is kept as aggregates, not daily rows: the last day used, which of the 32 days up to it saw use (for the
//! 30-day window), and the days used in each of the 12 calendar months up to it (for 3, 6, 9 and 12 months).

use super::apply::Tx;
use super::command::{LineAccess, SeatRef};
use super::error::DomainError;
use super::ids::UserId;
use super::model::{Access, Account, Targets};
use super::{classic, team};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// One person's use of one product, stored as three numbers: the last day (days from 1 January of year 1),
/// the recent days, and the 12 months at 5 bits each, its own month lowest. A 10,000-user account holds
/// 10,000 of these: three integers read several times faster than a date string and a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "(i32, u32, u64)", into = "(i32, u32, u64)")]
pub struct UseRecord {
    last: NaiveDate,
    /// Bit `i` set: used `i` days before `last`.
    recent: u32,
    /// Days used per calendar month, `last`'s month first.
    months: Vec<u16>,
}

impl TryFrom<(i32, u32, u64)> for UseRecord {
    type Error = String;
    fn try_from((day, recent, packed): (i32, u32, u64)) -> Result<Self, String> {
        let last = NaiveDate::from_num_days_from_ce_opt(day).ok_or_else(|| format!("{day} is not a day"))?;
        let mut months: Vec<u16> = (0..12).map(|k| ((packed >> (5 * k)) & 31) as u16).collect();
        while months.last() == Some(&0) {
            months.pop();
        }
        Ok(UseRecord { last, recent, months })
    }
}

impl From<UseRecord> for (i32, u32, u64) {
    fn from(r: UseRecord) -> Self {
        let packed = r.months.iter().enumerate().fold(0u64, |p, (k, d)| p | ((*d).min(31) as u64) << (5 * k));
        (r.last.num_days_from_ce(), r.recent, packed)
    }
}

/// The months since year 0 of a day, to count whole calendar months between two days.
fn month_of(d: NaiveDate) -> i32 {
    d.year() * 12 + d.month0() as i32
}

impl UseRecord {
    /// A record of use on `day`.
    pub fn first(day: NaiveDate) -> Self {
        UseRecord { last: day, recent: 1, months: vec![1] }
    }

    /// Counts `day` as a day of use; a day counted already is not counted twice (within the 32 days kept).
    pub fn record(&mut self, day: NaiveDate) {
        let ahead = (day - self.last).num_days();
        if ahead > 0 {
            self.recent = if ahead >= 32 { 0 } else { self.recent << ahead };
            let moved = (month_of(day) - month_of(self.last)) as usize;
            self.months.splice(0..0, std::iter::repeat_n(0, moved.min(12)));
            self.months.truncate(12);
            // Months without use at the old end are not kept.
            while self.months.last() == Some(&0) {
                self.months.pop();
            }
            self.last = day;
        }
        let back = (self.last - day).num_days();
        if back < 32 {
            if self.recent & (1 << back) != 0 {
                return;
            }
            self.recent |= 1 << back;
        }
        let k = (month_of(self.last) - month_of(day)) as usize;
        if k < 12 {
            if self.months.len() <= k {
                self.months.resize(k + 1, 0);
            }
            self.months[k] += 1;
        }
    }

    /// This record and `other` (a newer export's) together: days in the 32 kept by either, and per month the
    /// larger count (an export of a month holds all of that month's days, the account the months before).
    pub fn merged(&self, other: &UseRecord) -> UseRecord {
        let last = self.last.max(other.last);
        let moved = |r: &UseRecord| {
            let ahead = (last - r.last).num_days();
            let recent = if ahead >= 32 { 0 } else { r.recent << ahead };
            let shift = (month_of(last) - month_of(r.last)) as usize;
            let months: Vec<u16> =
                std::iter::repeat_n(0, shift.min(12)).chain(r.months.iter().copied()).take(12).collect();
            (recent, months)
        };
        let ((a, am), (b, bm)) = (moved(self), moved(other));
        let mut months: Vec<u16> = (0..am.len().max(bm.len()))
            .map(|k| am.get(k).copied().unwrap_or(0).max(bm.get(k).copied().unwrap_or(0)))
            .collect();
        while months.last() == Some(&0) {
            months.pop();
        }
        UseRecord { last, recent: a | b, months }
    }

    pub fn last_used(&self) -> NaiveDate {
        self.last
    }

    /// Days used in the period that ends on `today`: the 30 days up to it, or whole calendar months up to and
    /// including its month.
    pub fn days_used(&self, today: NaiveDate, period: Period) -> u32 {
        match period {
            Period::Days30 => (0..32)
                .filter(|i| self.recent & (1 << i) != 0)
                .map(|i| self.last - chrono::Duration::days(i))
                .filter(|d| *d <= today && (today - *d).num_days() < 30)
                .count() as u32,
            Period::Months(n) => {
                let (now, last) = (month_of(today), month_of(self.last));
                let first = now - n as i32 + 1;
                self.months
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| (first..=now).contains(&(last - *k as i32)))
                    .map(|(_, d)| *d as u32)
                    .sum()
            }
        }
    }
}

/// Every seat on which use is recorded, as (product, person): holders of single-user classic lines (rule 61:
/// the usage report covers single-user access only) and of team products, directly or through a group.
pub fn seat_holders(acc: &Account) -> BTreeSet<(String, UserId)> {
    let classic = acc
        .contracts
        .values()
        .filter(|c| c.access == Access::SingleUser)
        .flat_map(|c| c.lines.values().flat_map(|l| l.holders.keys().map(|u| (l.product.clone(), *u))));
    let teams = acc.teams.values().flat_map(|t| {
        t.products().into_iter().flat_map(move |p| t.holders(&p).into_iter().map(move |u| (p.clone(), u)))
    });
    classic.chain(teams).collect()
}

/// The usage report's date ranges (rule 61).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Period {
    Days30,
    Months(u8),
}

impl Period {
    pub const ALL: [Period; 5] =
        [Period::Days30, Period::Months(3), Period::Months(6), Period::Months(9), Period::Months(12)];

    /// How many months it spans, for the monthly average.
    pub fn months(self) -> u32 {
        match self {
            Period::Days30 => 1,
            Period::Months(n) => n as u32,
        }
    }

    pub fn label(self) -> String {
        match self {
            Period::Days30 => "Last 30 days".into(),
            Period::Months(n) => format!("Last {n} months"),
        }
    }

    /// Its value in the page's address: `30d`, `3m`…
    pub fn key(self) -> String {
        match self {
            Period::Days30 => "30d".into(),
            Period::Months(n) => format!("{n}m"),
        }
    }

    pub fn from_key(key: &str) -> Option<Period> {
        Period::ALL.into_iter().find(|p| p.key() == key)
    }
}

/// Reporting → Idle seats: each chosen seat freed through the ordinary commands (Edit Access on a classic
/// line, Unassign in a team), each with its own permission and rules: a group's seat is refused and names the
/// group (rule 41). All or none: a refusal leaves every seat where it was.
pub fn reclaim(tx: &mut Tx, seats: &[SeatRef]) -> Result<(), DomainError> {
    if seats.is_empty() {
        return Err(DomainError::NoneSelected);
    }
    let before = (tx.acc.clone(), tx.events.len());
    for seat in seats {
        if let Err(e) = reclaim_one(tx, seat) {
            *tx.acc = before.0;
            tx.events.truncate(before.1);
            return Err(e);
        }
    }
    Ok(())
}

fn reclaim_one(tx: &mut Tx, seat: &SeatRef) -> Result<(), DomainError> {
    let written = tx.acc.activity.len();
    let (user, targets, what) = match seat {
        SeatRef::Line { user, contract, line } => {
            let l = tx.acc.contract(contract)?.lines.get(line);
            let l = l.ok_or_else(|| DomainError::Unknown { what: "product line", id: line.to_string() })?;
            if !l.holders.contains_key(user) {
                return Err(DomainError::NotAssigned { user: tx.acc.name_of(*user), product: l.product.clone() });
            }
            let (product, serial) = (l.product.clone(), l.serial.clone());
            let access = LineAccess { contract: contract.clone(), line: *line, services: None, second_seat: false };
            classic::edit_access(tx, &[*user], vec![access], Vec::new())?;
            let what = format!("Freed the {product} seat ({contract} · {serial})");
            let targets = Targets {
                products: vec![product],
                contract: Some(contract.clone()),
                serials: vec![serial],
                ..Default::default()
            };
            (*user, targets, what)
        }
        SeatRef::Team { user, team: t, product } => {
            team::unassign(tx, *t, *user, product)?;
            let what = format!("Freed the {product} seat ({} pool)", tx.acc.teams[t].name);
            (*user, Targets { products: vec![product.clone()], team: Some(*t), ..Default::default() }, what)
        }
    };
    // The handler's own line names the person; this one names the seat too.
    let name = tx.acc.name_of(user);
    for a in &mut tx.acc.activity[written..] {
        a.what = format!("{what} from {name}");
        a.targets = Targets { users: vec![user], ..targets.clone() };
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap()
    }

    #[test]
    fn use_is_counted_once_a_day_over_30_days_and_whole_months() {
        let mut r = UseRecord::first(day(9, 1));
        for d in [day(9, 1), day(9, 2), day(10, 30), day(11, 1), day(11, 1), day(11, 20)] {
            r.record(d);
        }
        assert_eq!(r.last_used(), day(11, 20));
        let today = day(11, 27);
        // The 30 days up to 27 November hold 30 October (28 days before), 1 and 20 November.
        assert_eq!(r.days_used(today, Period::Days30), 3);
        assert_eq!(r.days_used(day(11, 29), Period::Days30), 2, "30 October is 30 days before");
        assert_eq!(r.days_used(day(11, 10), Period::Days30), 2, "20 November is after the day");
        assert_eq!(r.days_used(today, Period::Months(3)), 5, "September to November, 1 November once");
        assert_eq!(r.days_used(today, Period::Months(12)), 5);
        assert_eq!(r.days_used(day(12, 1), Period::Months(3)), 3, "October to December");
        // A day older than the kept 32 is still counted in its month.
        r.record(day(10, 1));
        assert_eq!(r.days_used(today, Period::Months(3)), 6);
    }

    #[test]
    fn a_year_of_gaps_keeps_12_months_and_stores_small() {
        let mut r = UseRecord::first(day(1, 5));
        r.record(NaiveDate::from_ymd_opt(2027, 3, 2).unwrap());
        // The months before the last 12 are dropped, and months without use are not stored.
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(json, format!("[{},1,1]", r.last_used().num_days_from_ce()));
        assert_eq!(serde_json::from_str::<UseRecord>(&json).unwrap(), r);
    }

    #[test]
    fn periods_read_back_from_their_keys() {
        for p in Period::ALL {
            assert_eq!(Period::from_key(&p.key()), Some(p));
        }
        assert_eq!(Period::from_key("7d"), None);
        assert_eq!(Period::Months(6).label(), "Last 6 months");
    }
}
