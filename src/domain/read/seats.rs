//! Seats, one figure for every screen (issue 26): how many seats a contract line or a team pool has, how many
//! give access today, how many named users they hold and whether the admin should look. Home, Contracts, the
//! contract page, Edit Access, Products & Services, Seat use, By Product, search and the what-if all read this,
//! so no two screens can disagree.

use crate::domain::lifecycle::Status;
use crate::domain::model::*;
use chrono::NaiveDate;

/// The seats of one contract line or one team pool on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Seats {
    /// Seats bought: the line's, or every subscription's in the pool.
    pub seats: u32,
    /// Seats giving access today: none on a suspended or canceled contract (rule 46); the pool's live
    /// subscriptions' (rule 43).
    pub live: u32,
    /// Named users the live seats take: 1 per seat, 3 per multi-user seat (rules 10–11).
    pub places: u32,
    /// People holding a place, live or not.
    pub used: usize,
    pub multi_user: bool,
    /// The contract's status when it gives no access today.
    pub no_access: Option<Status>,
}

/// A line or pool is nearly full when at least this share (in percent) of its live places is taken, or when
/// people hold places that give no access: 4 of 5, 8 of 10, 12 of 15; not 1 of 2 or 2 of 3 (issue 26).
pub const NEARLY_FULL_PERCENT: usize = 80;

impl Seats {
    pub fn line(acc: &Account, c: &Contract, l: &ProductLine, today: NaiveDate) -> Seats {
        let status = acc.contract_status(c, today);
        let live = if status.grants_access() { l.seats } else { 0 };
        Seats {
            seats: l.seats,
            live,
            places: c.access.capacity(live),
            used: l.holders.len(),
            multi_user: c.access == Access::MultiUser,
            no_access: (!status.grants_access()).then_some(status),
        }
    }

    pub fn pool(t: &Team, product: &str, today: NaiveDate) -> Seats {
        let live = t.pool_seats(product, Some(today));
        Seats {
            seats: t.pool_seats(product, None),
            live,
            places: live,
            used: t.holders(product).len(),
            multi_user: false,
            no_access: None,
        }
    }

    /// Places still free for another named user today.
    pub fn free(&self) -> usize {
        (self.places as usize).saturating_sub(self.used)
    }
    /// People holding a place no live seat covers (rules 43, 46).
    pub fn without_access(&self) -> usize {
        self.used.saturating_sub(self.places as usize)
    }
    /// Rounded to the nearest whole percent (2 of 3 is 67%); `None` when people hold more places than are live.
    pub fn percent(&self) -> Option<usize> {
        match (self.places as usize, self.used) {
            (0, 0) => Some(0),
            (places, used) if used > places => None,
            (places, used) => Some((used * 100 + places / 2) / places),
        }
    }
    /// The one nearly-full rule (`NEARLY_FULL_PERCENT`).
    pub fn nearly_full(&self) -> bool {
        self.without_access() > 0 || self.used * 100 >= NEARLY_FULL_PERCENT * self.places as usize && self.used > 0
    }
    /// "4 of 5 seats used", "5 seats · 7 of 15 named users", "2 assigned · 0 of 3 seats live (Suspended)", and
    /// for a pool one of whose subscriptions ended "4 assigned · 2 of 8 seats live · 2 without a live seat".
    pub fn summary(&self) -> String {
        let unit = if self.seats == 1 { "seat" } else { "seats" };
        if let Some(status) = self.no_access {
            return format!("{} assigned · 0 of {} {unit} live ({})", self.used, self.seats, status.label());
        }
        if self.live < self.seats {
            let mut text = format!("{} assigned · {} of {} {unit} live", self.used, self.live, self.seats);
            if self.without_access() > 0 {
                text.push_str(&format!(" · {} without a live seat", self.without_access()));
            }
            return text;
        }
        match self.multi_user {
            true => format!("{} {unit} · {} of {} named users", self.seats, self.used, self.places),
            false => format!("{} of {} {unit} used", self.used, self.live),
        }
    }
    /// What a new holder finds: "1 of 3 seats available", "8 of 15 named users available (3 per multi-user
    /// seat)", or why none is.
    pub fn available(&self, used: usize) -> String {
        if let Some(status) = self.no_access {
            return format!("No seats available: the contract is {} until renewed", status.label().to_lowercase());
        }
        let free = (self.places as usize).saturating_sub(used);
        if self.multi_user {
            format!("{free} of {} named users available (3 per multi-user seat)", self.places)
        } else {
            format!("{free} of {} seats available", self.places)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seats(seats: u32, live: u32, used: usize, multi: bool) -> Seats {
        let places = if multi { live * 3 } else { live };
        Seats { seats, live, places, used, multi_user: multi, no_access: None }
    }

    #[test]
    fn one_nearly_full_rule_for_lines_and_pools() {
        assert!(seats(5, 5, 4, false).nearly_full(), "4 of 5");
        assert!(seats(10, 10, 8, false).nearly_full(), "8 of 10");
        assert!(!seats(2, 2, 1, false).nearly_full(), "1 of 2");
        assert!(!seats(3, 3, 2, false).nearly_full(), "2 of 3");
        assert!(!seats(5, 5, 7, true).nearly_full(), "7 of 15 named users");
        assert!(seats(5, 5, 12, true).nearly_full(), "12 of 15 named users");
        assert!(!seats(0, 0, 0, false).nearly_full(), "nothing bought, nobody waiting");
        assert!(seats(5, 2, 3, false).nearly_full(), "a pool whose subscription ended under its holders");
        let suspended = Seats { no_access: Some(Status::Suspended), ..seats(3, 0, 2, false) };
        assert!(suspended.nearly_full());
        assert_eq!(suspended.summary(), "2 assigned · 0 of 3 seats live (Suspended)");
        assert_eq!(suspended.available(2), "No seats available: the contract is suspended until renewed");
        assert_eq!(seats(5, 5, 7, true).summary(), "5 seats · 7 of 15 named users");
        assert_eq!(seats(5, 5, 4, false).summary(), "4 of 5 seats used");
        assert_eq!(seats(8, 5, 4, false).summary(), "4 assigned · 5 of 8 seats live");
        assert_eq!(seats(8, 2, 4, false).summary(), "4 assigned · 2 of 8 seats live · 2 without a live seat");
        assert_eq!(seats(8, 2, 4, false).percent(), None, "never over 100%");
        assert_eq!(seats(5, 5, 7, true).available(7), "8 of 15 named users available (3 per multi-user seat)");
    }
}
