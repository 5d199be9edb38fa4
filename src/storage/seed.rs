//! The demo account of seeds/demo.json, embedded in the build. Its dates are written relative to an
//! anchor day and shifted to today on load, so "expires in 45 days" holds whenever the console opens.

use crate::domain::{apply, Account, Actor, Command};
use chrono::{Duration, NaiveDate};
use serde::Deserialize;

const DEMO: &str = include_str!("../../seeds/demo.json");

#[derive(Deserialize)]
struct Seed {
    anchor: NaiveDate,
    account: Account,
}

/// The demo account as of `today`, with the renewal notices due so far, each dated on its own day (rule 47);
/// the ones from before today have been read.
pub fn demo_account(today: NaiveDate) -> Account {
    let seed: Seed = serde_json::from_str(DEMO).expect("seeds/demo.json is checked by the tests");
    let mut acc = seed.account;
    acc.number_emails();
    shift_dates(&mut acc, today - seed.anchor);
    apply(&mut acc, Actor::Autodesk, Command::SendDueNotices, today).expect("Autodesk sends notices");
    seed_usage(&mut acc, today);
    for e in acc.outbox.iter_mut().filter(|e| e.sent_on < today) {
        e.read = true;
    }
    acc
}

/// A year of product use for every seat holder (issue 11), the same on every load: most people on weekdays,
/// some weekly, a few monthly, some who stopped weeks or months ago, a few who never started.
pub fn seed_usage(acc: &mut Account, today: NaiveDate) {
    use crate::domain::usage::{seat_holders, UseRecord};
    use chrono::Datelike;
    for (product, user) in seat_holders(acc) {
        let h =
            product.bytes().fold(user.0 as u64 * 2_654_435_761, |h, b| (h ^ b as u64).wrapping_mul(1_099_511_628_211));
        let (kind, shift) = ((h >> 7) % 20, (h >> 17) % 1000);
        let stopped = match kind {
            19 => continue,
            17 => 40 + shift % 50,
            18 => 120 + shift % 180,
            _ => 1,
        } as i64;
        let mut record: Option<UseRecord> = None;
        for back in (stopped..365).rev() {
            let day = today - Duration::days(back);
            let weekday = day.weekday().num_days_from_monday() as u64;
            let used = match kind {
                12..=15 => weekday == shift % 5,
                16 => back as u64 % 28 == 10 + shift % 18,
                _ => weekday < 5 && !(back as u64 + shift).is_multiple_of(11),
            };
            if used {
                record.get_or_insert_with(|| UseRecord::first(day)).record(day);
            }
        }
        if let Some(r) = record {
            acc.usage.entry(product).or_default().insert(user, r);
        }
    }
}

/// Moves every date of the account by `by`.
fn shift_dates(acc: &mut Account, by: Duration) {
    let mut dates: Vec<&mut NaiveDate> = Vec::new();
    for u in acc.users.values_mut() {
        if let Some(c) = u.classic.as_mut() {
            dates.push(&mut c.invited_on);
            dates.extend(c.resent_on.as_mut());
        }
    }
    for c in acc.contracts.values_mut() {
        dates.extend([&mut c.start_date, &mut c.end_date]);
    }
    for t in acc.teams.values_mut() {
        dates.extend(t.members.values_mut().map(|m| &mut m.invited_on));
        for s in t.subscriptions.values_mut() {
            dates.extend([&mut s.start_date, &mut s.end_date]);
        }
    }
    dates.extend(acc.outbox.iter_mut().map(|e| &mut e.sent_on));
    dates.extend(acc.activity.iter_mut().map(|a| &mut a.on));
    for d in dates {
        *d += by;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{invariants, lifecycle::*, ClassicRoles, UserStatus};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 3, 14).unwrap()
    }

    #[test]
    fn the_demo_account_keeps_every_rule() {
        invariants::check(&demo_account(today())).unwrap();
    }

    #[test]
    fn the_demo_account_has_what_the_foundation_issue_asks_for() {
        let acc = demo_account(today());
        assert_eq!(acc.company, "Contoso Engineering");
        assert!(acc.contracts.len() >= 4);
        let statuses: Vec<Status> = acc.contracts.values().map(|c| status(c.end_date, c.term, today())).collect();
        assert!(statuses.contains(&Status::Expired));
        assert!(acc.contracts.values().any(|c| (0..=60).contains(&days_to_end(c.end_date, today()))));
        let named = acc.users.values().filter_map(|u| u.classic.as_ref()).collect::<Vec<_>>();
        assert!(named.len() >= 35);
        assert!(named.iter().any(|m| m.status == UserStatus::Active));
        assert!(named.iter().any(|m| m.status == UserStatus::Pending && !m.needs_resend(today())));
        assert!(named.iter().any(|m| m.needs_resend(today())));
        let roles = ClassicRoles::of(&acc);
        assert_eq!(roles.managers.len(), 1);
        assert!(!roles.coordinators.is_empty());
        let team = acc.teams.values().next().unwrap();
        assert!(team.primary_admin().is_some() && team.groups.len() == 1);
    }
}
