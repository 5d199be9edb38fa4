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
    shift_dates(&mut acc, today - seed.anchor);
    apply(&mut acc, Actor::Autodesk, Command::SendDueNotices, today).expect("Autodesk sends notices");
    for e in acc.outbox.iter_mut().filter(|e| e.sent_on < today) {
        e.read = true;
    }
    acc
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
