//! The usage report and idle seats (rule 61; issue 11): one row per seat the viewer administers (single-user
//! classic lines they manage, products of teams they administer), with days used in the period, the monthly
//! average, last used and days inactive; the CSV in the usage export's columns (rule 60); the seats nobody
//! has used for N days, and what reclaiming them frees.

use super::export::write_csv;
use crate::domain::ids::*;
use crate::domain::model::*;
use crate::domain::usage::{Period, UseRecord};
use crate::domain::SeatRef;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Debug, PartialEq)]
pub struct UsageRow {
    pub seat: SeatRef,
    pub user: UserId,
    pub name: String,
    pub email: String,
    pub product: String,
    /// Where the seat is: "contract 110012345678 · 399-11111111" or "Contoso Engineering pool".
    pub place: String,
    /// How it is held: "Seat", "Pool", "Subscription SUB-…" or "Group Designers".
    pub assignment: String,
    /// The group that grants it: only changing the group frees it (rule 41).
    pub group: Option<String>,
    /// The viewer reads it and may not unassign it: an admin limited to Reporting (issue 30).
    pub read_only: bool,
    pub days_used: u32,
    pub last_used: Option<NaiveDate>,
    /// The last assignment or access change the activity log holds for it (the log keeps a year, rule 62).
    pub assigned_on: Option<NaiveDate>,
}

impl UsageRow {
    /// Days used per month of the period, to one decimal.
    pub fn monthly_average(&self, period: Period) -> String {
        format!("{:.1}", self.days_used as f32 / period.months() as f32)
    }

    /// Days since it was last used; `None`: never used.
    pub fn days_inactive(&self, today: NaiveDate) -> Option<i64> {
        self.last_used.map(|d| (today - d).num_days().max(0))
    }

    /// Days the seat has gone unused: since its last use or its assignment, whichever is later. A seat never
    /// used whose assignment is older than the log counts as unused for ever.
    pub fn idle_days(&self, today: NaiveDate) -> i64 {
        match self.last_used.max(self.assigned_on) {
            Some(d) => (today - d).num_days().max(0),
            None => i64::MAX,
        }
    }
}

/// The report's filters, kept in the URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UsageFilter {
    pub period: Period,
    pub product: Option<String>,
    pub place: Option<String>,
    pub text: String,
}

impl UsageFilter {
    pub fn matches(&self, r: &UsageRow) -> bool {
        let text = self.text.trim().to_lowercase();
        self.product.as_ref().is_none_or(|p| &r.product == p)
            && self.place.as_ref().is_none_or(|p| &r.place == p)
            && (text.is_empty() || r.name.to_lowercase().contains(&text) || r.email.contains(&text))
    }
}

/// The last day any use was recorded: after it the data ends, which is not non-use (issue 26).
pub fn recorded_until(acc: &Account) -> Option<NaiveDate> {
    acc.usage.values().flat_map(|m| m.values()).map(UseRecord::last_used).max()
}

/// The day the report and idle seats count up to: "As of", or the last recorded day when that is earlier, so
/// no seat is called idle for days nobody recorded.
pub fn usage_day(acc: &Account, today: NaiveDate) -> NaiveDate {
    recorded_until(acc).map_or(today, |d| d.min(today))
}

/// Every seat `viewer` administers, with its use over `period` up to the usage day (`usage_day`), by product,
/// place and name. Single-user seats only (rule 61).
pub fn usage_rows(acc: &Account, viewer: UserId, today: NaiveDate, period: Period) -> Vec<UsageRow> {
    let today = usage_day(acc, today);
    let assigned = assigned_on(acc);
    let person = |u: UserId| acc.users.get(&u).map(|p| (p.full_name(), p.email.clone())).unwrap_or_default();
    let row = |seat: SeatRef, product: &str, place: String, assignment: String, group: Option<String>| {
        let user = match &seat {
            SeatRef::Line { user, .. } | SeatRef::Team { user, .. } => *user,
        };
        let (name, email) = person(user);
        let record: Option<&UseRecord> = acc.usage.get(product).and_then(|u| u.get(&user));
        let on = |p: &str| assigned.get(&(user, Some(p.to_string()))).copied();
        UsageRow {
            days_used: record.map_or(0, |r| r.days_used(today, period)),
            last_used: record.map(UseRecord::last_used),
            assigned_on: on(product).max(assigned.get(&(user, None)).copied()),
            seat,
            user,
            name,
            email,
            product: product.to_string(),
            place,
            assignment,
            group,
            read_only: false,
        }
    };
    let mut rows = Vec::new();
    for c in acc.contracts.values().filter(|c| c.access == Access::SingleUser) {
        for (id, l) in &c.lines {
            if !acc.manages_line(viewer, c, l) {
                continue;
            }
            for &user in l.holders.keys() {
                let seat = SeatRef::Line { user, contract: c.number.clone(), line: *id };
                let place = format!("contract {} · {}", c.number, l.serial);
                rows.push(row(seat, &l.product, place, "Seat".into(), None));
            }
        }
    }
    for (&team, t) in acc.teams.iter() {
        for product in t.products_seen_by(viewer) {
            for user in t.holders(&product) {
                let group = t.granting_group(user, &product).map(|g| g.name.clone());
                let assignment = match (&group, t.direct.get(&user).and_then(|p| p.get(&product))) {
                    (Some(g), _) => format!("Group {g}"),
                    (None, Some(SeatSource::Subscription(s))) => format!("Subscription {s}"),
                    (None, _) => "Pool".into(),
                };
                let seat = SeatRef::Team { user, team, product: product.clone() };
                let mut r = row(seat, &product, format!("{} pool", t.name), assignment, group);
                r.read_only = !t.reach(viewer).is_some_and(|r| r.manages_product(&product));
                rows.push(r);
            }
        }
    }
    rows.sort_by(|a, b| (&a.product, &a.place, &a.name).cmp(&(&b.product, &b.place, &b.name)));
    rows
}

/// When each person was last given a product (or had their access changed, which may have given any), from
/// the activity log.
fn assigned_on(acc: &Account) -> BTreeMap<(UserId, Option<String>), NaiveDate> {
    const GIVING: [&str; 5] =
        ["Product assigned", "Access changed", "Product assigned to a group", "Group changed", "Users migrated"];
    let mut on = BTreeMap::new();
    for a in acc.activity.iter().filter(|a| GIVING.contains(&a.kind.as_str())) {
        let products: Vec<Option<String>> = if a.targets.products.is_empty() {
            vec![None]
        } else {
            a.targets.products.iter().cloned().map(Some).collect()
        };
        for &u in &a.targets.users {
            for p in &products {
                let d = on.entry((u, p.clone())).or_insert(a.on);
                *d = (*d).max(a.on);
            }
        }
    }
    on
}

/// The report's rows in the usage export's columns (rule 60), the period and day they cover first.
pub fn usage_csv(rows: &[&UsageRow], period: Period, today: NaiveDate) -> String {
    let header = [
        "period",
        "as_of",
        "user",
        "email",
        "product",
        "place",
        "seat_assignment",
        "days_used",
        "monthly_average",
        "last_accessed",
        "days_inactive",
        "assigned_date",
    ];
    let lines = rows.iter().map(|r| {
        vec![
            period.label(),
            today.to_string(),
            r.name.clone(),
            r.email.clone(),
            r.product.clone(),
            r.place.clone(),
            r.assignment.clone(),
            r.days_used.to_string(),
            r.monthly_average(period),
            r.last_used.map(|d| d.to_string()).unwrap_or_else(|| "Never".into()),
            r.days_inactive(today).map(|d| d.to_string()).unwrap_or_default(),
            r.assigned_on.map(|d| d.to_string()).unwrap_or_default(),
        ]
    });
    write_csv(&header, lines)
}

/// Idle seats as CSV: who, which seat, how long unused up to the usage day, last used and assigned.
pub fn idle_csv(rows: &[&UsageRow], day: NaiveDate) -> String {
    let header = [
        "as_of",
        "user",
        "email",
        "product",
        "place",
        "seat_assignment",
        "days_unused",
        "last_accessed",
        "assigned_date",
    ];
    let lines = rows.iter().map(|r| {
        let unused = match r.idle_days(day) {
            i64::MAX => "Never used".to_string(),
            d => d.to_string(),
        };
        vec![
            day.to_string(),
            r.name.clone(),
            r.email.clone(),
            r.product.clone(),
            r.place.clone(),
            r.assignment.clone(),
            unused,
            r.last_used.map(|d| d.to_string()).unwrap_or_else(|| "Never".into()),
            r.assigned_on.map(|d| d.to_string()).unwrap_or_default(),
        ]
    });
    write_csv(&header, lines)
}

/// The seats unused for at least `days` days, longest unused first, as positions in `rows`.
pub fn idle_seats(rows: &[UsageRow], today: NaiveDate, days: i64) -> Vec<usize> {
    let mut idle: Vec<usize> = (0..rows.len()).filter(|i| rows[*i].idle_days(today) >= days).collect();
    idle.sort_by_key(|i| std::cmp::Reverse(rows[*i].idle_days(today)));
    idle
}

/// What reclaiming these seats frees, per product and place; seats a group grants free nothing here.
pub fn frees(rows: &[&UsageRow]) -> Vec<(String, String, usize)> {
    let mut count: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.group.is_none()) {
        *count.entry((&r.product, &r.place)).or_default() += 1;
    }
    count.into_iter().map(|((p, w), n)| (p.to_string(), w.to_string(), n)).collect()
}

/// The products and places of the rows, for the filters.
pub fn choices(rows: &[UsageRow]) -> (BTreeSet<String>, BTreeSet<String>) {
    (rows.iter().map(|r| r.product.clone()).collect(), rows.iter().map(|r| r.place.clone()).collect())
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{demo, id};
    use super::*;
    use crate::domain::{apply, Actor, Command, DomainError};

    fn today() -> NaiveDate {
        demo().1
    }

    #[test]
    fn each_admin_sees_the_seats_they_administer_with_their_use() {
        let acc = demo().0;
        let dana = id(&acc, "Dana Reyes");
        let rows = usage_rows(&acc, dana, today(), Period::Days30);
        assert!(rows.iter().any(|r| matches!(r.seat, SeatRef::Line { .. })));
        // Rule 61: single-user access only; a multi-user line's holders are not in the report.
        let multi: BTreeSet<ContractNo> =
            acc.contracts.values().filter(|c| c.access == Access::MultiUser).map(|c| c.number.clone()).collect();
        assert!(!multi.is_empty());
        assert!(rows.iter().all(|r| !matches!(&r.seat, SeatRef::Line { contract, .. } if multi.contains(contract))));
        // A coordinator sees only their serial numbers' seats.
        let priya = id(&acc, "Priya Natarajan");
        let theirs = usage_rows(&acc, priya, today(), Period::Days30);
        assert!(!theirs.is_empty() && theirs.len() < rows.iter().filter(|r| r.place.starts_with("contract")).count());
        // A named user administers nothing.
        assert!(usage_rows(&acc, id(&acc, "Tom Becker"), today(), Period::Days30).is_empty());
        // The numbers come from the records: days in the period, never more than its days.
        for r in &rows {
            let record = acc.usage.get(&r.product).and_then(|u| u.get(&r.user));
            assert_eq!(r.last_used, record.map(|x| x.last_used()));
            assert!(r.days_used <= 30);
        }
        assert!(rows.iter().any(|r| r.last_used.is_none()), "some people never started");
        assert!(rows.iter().any(|r| r.days_used >= 15), "most use it on weekdays");
    }

    #[test]
    fn idle_seats_are_unused_past_the_threshold_and_reclaiming_frees_them() {
        let mut acc = demo().0;
        let dana = id(&acc, "Dana Reyes");
        let rows = usage_rows(&acc, dana, today(), Period::Days30);
        let idle: Vec<&UsageRow> = idle_seats(&rows, today(), 30).into_iter().map(|i| &rows[i]).collect();
        assert!(!idle.is_empty());
        assert!(idle.iter().all(|r| r.idle_days(today()) >= 30));
        assert!(idle.windows(2).all(|w| w[0].idle_days(today()) >= w[1].idle_days(today())));
        let classic: Vec<&UsageRow> = idle.iter().filter(|r| matches!(r.seat, SeatRef::Line { .. })).copied().collect();
        let freed = frees(&classic);
        let seats: Vec<SeatRef> = classic.iter().map(|r| r.seat.clone()).collect();
        apply(&mut acc, Actor::User(dana), Command::ReclaimSeats { seats: seats.clone() }, today()).unwrap();
        let after = usage_rows(&acc, dana, today(), Period::Days30);
        assert_eq!(after.len(), rows.len() - seats.len());
        assert_eq!(freed.iter().map(|f| f.2).sum::<usize>(), seats.len());
        // Each seat's activity entry names its person, product and contract.
        let entries = &acc.activity[acc.activity.len() - seats.len()..];
        for (e, r) in entries.iter().zip(&classic) {
            assert_eq!(e.kind, "Seats freed");
            assert_eq!(
                (e.targets.users.as_slice(), e.targets.products.as_slice()),
                ([r.user].as_slice(), [r.product.clone()].as_slice())
            );
            assert!(e.what.starts_with(&format!("Freed the {} seat", r.product)) && e.what.ends_with(&r.name));
        }
        // A seat just assigned is not idle, even though it was never used.
        let (team, t) = acc.teams.iter().next().map(|(k, t)| (*k, t.clone())).unwrap();
        let product = t.products().into_iter().find(|p| t.free_seats(p, today()) > 0).unwrap();
        let newcomer = *t.members.keys().find(|u| !t.holders(&product).contains(u)).unwrap();
        let admin = Actor::User(t.primary_admin().unwrap());
        let (source, items, p) = (SeatSource::Pool, None, product.clone());
        let assign = Command::AssignProduct { team, user: newcomer, product: p, source, items };
        apply(&mut acc, admin, assign, today()).unwrap();
        let rows = usage_rows(&acc, t.primary_admin().unwrap(), today(), Period::Days30);
        let new = rows.iter().find(|r| r.user == newcomer && r.product == product).unwrap();
        assert_eq!((new.assigned_on, new.idle_days(today())), (Some(today()), 0));
        assert!(idle_seats(&rows, today(), 30).iter().all(|i| rows[*i] != *new));
    }

    #[test]
    fn a_group_seat_is_refused_naming_the_group_and_nothing_is_reclaimed() {
        let mut acc = demo().0;
        let (team, t) = acc.teams.iter().next().map(|(k, t)| (*k, t.clone())).unwrap();
        let admin = t.primary_admin().unwrap();
        let g = t.groups.values().find(|g| !g.products.is_empty() && !g.members.is_empty()).unwrap();
        let (member, product) = (*g.members.iter().next().unwrap(), g.products.iter().next().unwrap().clone());
        let direct = t.direct.iter().find(|(_, p)| !p.is_empty()).map(|(u, p)| (*u, p.keys().next().unwrap().clone()));
        let (du, dp) = direct.unwrap();
        let seats = vec![
            SeatRef::Team { user: du, team, product: dp },
            SeatRef::Team { user: member, team, product: product.clone() },
        ];
        let before = acc.clone();
        let err = apply(&mut acc, Actor::User(admin), Command::ReclaimSeats { seats }, today()).unwrap_err();
        assert!(matches!(&err, DomainError::GroupGranted { group, .. } if *group == g.name), "{err}");
        assert_eq!(acc, before, "all or none");
    }

    #[test]
    fn the_csv_has_the_usage_export_columns_and_neutralised_cells() {
        let acc = demo().0;
        let rows = usage_rows(&acc, id(&acc, "Dana Reyes"), today(), Period::Months(3));
        let csv = usage_csv(&rows.iter().collect::<Vec<_>>(), Period::Months(3), today());
        let mut lines = csv.lines();
        assert!(lines.next().unwrap().starts_with("period,as_of,user,email,product,place,seat_assignment,days_used"));
        assert_eq!(lines.count(), rows.len());
        assert!(csv.contains("Last 3 months,2026-11-27,"));
    }
}
