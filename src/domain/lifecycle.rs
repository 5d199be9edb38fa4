//! Contract and subscription status from dates (rules 46–47), and how the console writes a date.

use super::model::Term;
use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Active,
    Expiring,
    Expired,
    Suspended,
    Canceled,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Active => "Active",
            Status::Expiring => "Expiring",
            Status::Expired => "Expired",
            Status::Suspended => "Suspended",
            Status::Canceled => "Canceled",
        }
    }
    /// Expired keeps full access; suspended and canceled remove it (rule 46).
    pub fn grants_access(self) -> bool {
        matches!(self, Status::Active | Status::Expiring | Status::Expired)
    }
}

/// Renewal options and the first notice appear this many days before expiry (rule 47).
pub const RENEWAL_WINDOW_DAYS: i64 = 90;
/// Reminder emails go to the contract manager at these days before expiry (rule 47).
pub const RENEWAL_NOTICE_DAYS: [u16; 4] = [90, 45, 30, 4];
const EXPIRED_DAYS: i64 = 15;

/// The day the notice `days` before the end date is due (rule 47).
pub fn notice_date(end_date: NaiveDate, days: u16) -> NaiveDate {
    end_date - chrono::Duration::days(i64::from(days))
}

/// The renewal notices a contract gets, with their days: none dated before its term began (a monthly term
/// has no 90- or 45-day notice). Autodesk sends these and Renewals marks these, no others (issue 26).
pub fn notices(start_date: NaiveDate, end_date: NaiveDate) -> impl Iterator<Item = (u16, NaiveDate)> {
    RENEWAL_NOTICE_DAYS.into_iter().map(move |d| (d, notice_date(end_date, d))).filter(move |(_, on)| *on >= start_date)
}

/// Active → Expiring (≤ 90 days left) → Expired (15 days) → Suspended (30 days, 15 monthly) → Canceled (rule 46).
pub fn status(end_date: NaiveDate, term: Term, today: NaiveDate) -> Status {
    let left = (end_date - today).num_days();
    if left >= 0 {
        return if left <= RENEWAL_WINDOW_DAYS { Status::Expiring } else { Status::Active };
    }
    let past = -left;
    let suspended = match term {
        Term::Monthly => 15,
        Term::Annual | Term::ThreeYear => 30,
    };
    if past <= EXPIRED_DAYS {
        Status::Expired
    } else if past <= EXPIRED_DAYS + suspended {
        Status::Suspended
    } else {
        Status::Canceled
    }
}

/// Days from today to the end date; negative once past.
pub fn days_to_end(end_date: NaiveDate, today: NaiveDate) -> i64 {
    (end_date - today).num_days()
}

/// A classic invitation must be re-sent after 90 days (rule 19).
pub const CLASSIC_INVITE_DAYS: i64 = 90;
/// A new-view invitation must be re-sent after 7 days (rule 20).
pub const TEAM_INVITE_DAYS: i64 = 7;

pub fn invite_expired(sent_on: NaiveDate, today: NaiveDate, days: i64) -> bool {
    (today - sent_on).num_days() > days
}

/// The months as the console abbreviates them. Written out here rather than through chrono's strftime, whose
/// format parser and writer weigh 5 KB of the shipped bundle for three formats (issue 14).
const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// "Mar 2027": a month on the renewal timeline.
pub fn month_year(date: NaiveDate) -> String {
    format!("{} {}", MONTHS[date.month0() as usize], date.year())
}

/// "5 Mar 2027": a day in a sentence.
pub fn day_month_year(date: NaiveDate) -> String {
    format!("{} {}", date.day(), month_year(date))
}

/// "09:05": a time of day.
pub fn hours_minutes(time: NaiveTime) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

#[cfg(test)]
mod tests {
    use super::*;
    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn rule_46_47_status_follows_the_dates() {
        let end = d("2026-06-30");
        assert_eq!(status(end, Term::Annual, d("2026-03-31")), Status::Active);
        assert_eq!(status(end, Term::Annual, d("2026-04-01")), Status::Expiring);
        assert_eq!(status(end, Term::Annual, end), Status::Expiring);
        assert_eq!(status(end, Term::Annual, d("2026-07-15")), Status::Expired);
        assert_eq!(status(end, Term::Annual, d("2026-07-16")), Status::Suspended);
        assert_eq!(status(end, Term::Annual, d("2026-08-14")), Status::Suspended);
        assert_eq!(status(end, Term::Annual, d("2026-08-15")), Status::Canceled);
    }

    #[test]
    fn rule_46_monthly_terms_are_suspended_for_15_days() {
        let end = d("2026-06-30");
        assert_eq!(status(end, Term::Monthly, d("2026-07-30")), Status::Suspended);
        assert_eq!(status(end, Term::Monthly, d("2026-07-31")), Status::Canceled);
        assert_eq!(status(end, Term::ThreeYear, d("2026-07-31")), Status::Suspended);
    }

    #[test]
    fn rule_46_expired_keeps_access_suspended_does_not() {
        assert!(Status::Expired.grants_access());
        assert!(!Status::Suspended.grants_access());
        assert!(!Status::Canceled.grants_access());
    }

    #[test]
    fn rules_19_20_invitations_expire() {
        assert!(!invite_expired(d("2026-01-01"), d("2026-04-01"), CLASSIC_INVITE_DAYS));
        assert!(invite_expired(d("2026-01-01"), d("2026-04-02"), CLASSIC_INVITE_DAYS));
        assert!(invite_expired(d("2026-01-01"), d("2026-01-09"), TEAM_INVITE_DAYS));
    }

    #[test]
    fn dates_are_written_as_strftime_wrote_them() {
        let mut day = d("2026-01-01");
        while day < d("2028-01-01") {
            assert_eq!(month_year(day), day.format("%b %Y").to_string());
            assert_eq!(day_month_year(day), day.format("%-d %b %Y").to_string());
            day = day.succ_opt().unwrap();
        }
        for (h, m) in [(0, 0), (9, 5), (14, 30), (23, 59)] {
            let time = NaiveTime::from_hms_opt(h, m, 0).unwrap();
            assert_eq!(hours_minutes(time), time.format("%H:%M").to_string());
        }
    }
}
