//! Home (issue 26): what each person administers and what needs their attention there: their named users and
//! team members, contracts and subscriptions ending or ended without access, nearly full lines and pools (the
//! one rule of `seats`), invitations to resend. A contract manager sees their contracts, a coordinator their
//! serial numbers' contracts (without billing), a team admin their teams.

use super::reporting::team_link;
use super::seats::Seats;
use crate::domain::ids::*;
use crate::domain::lifecycle::{self, days_to_end, Status};
use crate::domain::model::*;
use crate::domain::UserStatus;
use chrono::NaiveDate;

/// A line of the page, with the page it leads to.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Item {
    pub text: String,
    pub link: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attention {
    /// "12 named users · 2 pending", "Contoso Engineering: 17 members · 3 invited".
    pub summary: Vec<Item>,
    pub ending: Vec<Item>,
    pub seats: Vec<Item>,
    pub invites: Vec<Item>,
}

impl Attention {
    pub fn nothing(&self) -> bool {
        self.ending.is_empty() && self.seats.is_empty() && self.invites.is_empty()
    }
}

/// "expires in 45 days (Expiring)", "ended 20 days ago: no access until renewed (Suspended)"; `None` while
/// nothing is near (Active) or once it can no longer be renewed (Canceled, rule 46).
fn ending(end: NaiveDate, status: Status, today: NaiveDate) -> Option<String> {
    let left = days_to_end(end, today);
    let when = match status {
        Status::Expiring => format!("expires in {left} days"),
        Status::Expired => format!("expired {} days ago, access continues", -left),
        Status::Suspended => format!("ended {} days ago: no access until renewed", -left),
        Status::Active | Status::Canceled => return None,
    };
    Some(format!("{when} ({})", status.label()))
}

pub fn attention(acc: &Account, viewer: UserId, today: NaiveDate) -> Attention {
    let mut a = Attention::default();
    if acc.is_classic_admin(viewer) {
        let (mut named, mut pending) = (0, 0);
        for u in acc.users.values() {
            let Some(m) = &u.classic else { continue };
            named += 1;
            pending += usize::from(m.status == UserStatus::Pending);
            if m.needs_resend(today) {
                let link = format!("/users/classic?q={}", u.full_name().to_lowercase().replace(' ', "+"));
                a.invites.push(Item { text: format!("{} (User Management)", u.full_name()), link });
            }
        }
        a.summary
            .push(Item { text: format!("{named} named users · {pending} pending"), link: "/users/classic".into() });
    }
    for c in acc.contracts.values().filter(|c| acc.manages_contract_users(viewer, c)) {
        let status = acc.contract_status(c, today);
        let cm = c.contract_manager == viewer;
        if let Some(when) = ending(c.end_date, status, today) {
            // Billing is the contract manager's (section 2): a coordinator is led to the users it concerns.
            let link = if cm {
                format!("/billing/contracts/{}", c.number)
            } else {
                format!("/users/classic?contract={}", c.number)
            };
            a.ending.push(Item { text: format!("Contract {} {when}", c.number), link });
        }
    }
    for (id, t) in acc.teams.iter().filter(|(_, t)| t.administered_by(viewer)) {
        let invited = t.members.values().filter(|m| m.status == TeamStatus::Invited).count();
        let users = team_link(t, viewer, format!("/users/by-user?team={id}"), "/reporting/seats");
        a.summary.push(Item {
            text: format!("{}: {} members · {invited} invited", t.name, t.members.len()),
            link: users.clone(),
        });
        for (sid, s) in t.subscriptions_seen_by(viewer) {
            let status = lifecycle::status(s.end_date, s.term, today);
            if let Some(when) = ending(s.end_date, status, today) {
                let text = format!("{} subscription {sid} in {} {when}", s.product, t.name);
                a.ending.push(Item {
                    text,
                    link: team_link(t, viewer, format!("/users/by-product?team={id}"), "/reporting/renewals"),
                });
            }
        }
        // Resending is an admin's without a limit (issue 30): asked once per team, not per member.
        let resends = t.wholly_administered_by(viewer);
        for (u, m) in t.members.iter().filter(|_| resends) {
            let stale = m.status == TeamStatus::Invited
                && lifecycle::invite_expired(m.invited_on, today, lifecycle::TEAM_INVITE_DAYS);
            if stale {
                a.invites.push(Item { text: format!("{} ({})", acc.name_of(*u), t.name), link: users.clone() });
            }
        }
    }
    a.seats = nearly_full(acc, viewer, today).into_iter().map(|w| w.item).collect();
    a
}

/// A line or pool `viewer` administers at the one nearly-full rule (`Seats::nearly_full`): what Home lists and
/// the "Seats nearly full" alert tells, keyed so the alert is told once.
pub struct Watched {
    pub key: String,
    pub item: Item,
    /// People hold seats that give no access: renew, rather than buy.
    pub without_access: bool,
}

pub fn nearly_full(acc: &Account, viewer: UserId, today: NaiveDate) -> Vec<Watched> {
    let mut out = Vec::new();
    let mut watch = |key: String, text: String, link: String, s: Seats| {
        if s.nearly_full() {
            let item = Item { text: format!("{text}: {}", s.summary()), link };
            out.push(Watched { key, item, without_access: s.without_access() > 0 });
        }
    };
    for c in acc.contracts.values().filter(|c| acc.manages_contract_users(viewer, c)) {
        for (id, l) in c.lines.iter().filter(|(_, l)| acc.manages_line(viewer, c, l)) {
            let link = format!("/users/classic?contract={}&product={}", c.number, l.product);
            let text = format!("{} on contract {}", l.product, c.number);
            watch(format!("line {} {id}", c.number), text, link, Seats::line(acc, c, l, today));
        }
    }
    for (id, t) in acc.teams.iter() {
        for p in t.products_seen_by(viewer) {
            let link = team_link(t, viewer, format!("/users/by-user?team={id}&product={p}"), "/reporting/seats");
            let text = format!("{p} in the {} pool", t.name);
            watch(format!("pool {id} {p}"), text, link, Seats::pool(t, &p, today));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::read::test_support::{demo, id};

    #[test]
    fn each_role_s_home_shows_what_it_administers() {
        let (acc, today) = demo();
        let sam = attention(&acc, id(&acc, "Sam Okafor"), today);
        assert!(sam
            .summary
            .iter()
            .any(|i| i.text.starts_with("Contoso Engineering: ") && !i.text.contains(": 0 members")));
        let tom = attention(&acc, id(&acc, "Tom Becker"), today);
        assert!(tom.summary.is_empty() && tom.nothing(), "a plain user administers nothing");
    }

    #[test]
    fn rule_46_a_suspended_contract_stays_on_home_with_no_live_seats() {
        let (acc, _) = demo();
        let dana = id(&acc, "Dana Reyes");
        let c = &acc.contracts[&ContractNo::new("110012345678")];
        let day = c.end_date + chrono::Duration::days(16);
        let a = attention(&acc, dana, day);
        assert!(
            a.ending
                .iter()
                .any(|i| i.text == "Contract 110012345678 ended 16 days ago: no access until renewed (Suspended)"),
            "{a:?}"
        );
        assert!(
            a.seats
                .iter()
                .any(|i| i.text.starts_with("AutoCAD on contract 110012345678: 4 assigned · 0 of 5 seats live")),
            "{a:?}"
        );
    }
}
