//! The dated alerts (issue 30): renewal milestones, invitations lapsing and the weekly digest, each found
//! between two days so a jump of "As of" sends each on its own day, once.

use super::{Alert, Due};
use crate::domain::ids::*;
use crate::domain::lifecycle::notices;
use crate::domain::model::*;
use crate::domain::read::{home, invitations, whatif};
use chrono::{Datelike, Days, NaiveDate, Weekday};
use std::collections::BTreeMap;

fn within(on: NaiveDate, from: NaiveDate, to: NaiveDate) -> bool {
    from <= on && on <= to
}

/// The contracts and the teams' subscriptions `user` administers, with their milestones between two days.
pub(super) fn renewals(acc: &Account, user: UserId, from: NaiveDate, to: NaiveDate) -> Vec<Due> {
    let mut due = Vec::new();
    let mut milestones = |what: String, start: NaiveDate, i: whatif::Impact| {
        let due_on = |on, subject: String, body: String| Due { on, alert: Alert::Renewals, subject, body };
        for (days, on) in notices(start, i.end).filter(|(_, on)| within(*on, from, to)) {
            let body = format!("{what} ends on {}, {days} days from {on}. Renew it to keep its seats.", i.end);
            due.push(due_on(on, format!("{what} ends in {days} days"), body));
        }
        let people = i.people();
        let lose = if people == 1 { "1 person loses".to_string() } else { format!("{people} people lose") };
        let steps = [
            (i.expired_on, "Expired", format!("Access continues until {}; then {lose} access.", i.suspended_on)),
            (i.suspended_on, "Suspended", format!("{lose} access until it is renewed.")),
            (i.canceled_on, "Canceled", "It can no longer be renewed; buy again to get its seats back.".into()),
        ];
        for (on, status, then) in steps.into_iter().filter(|(on, ..)| within(*on, from, to)) {
            due.push(due_on(on, format!("{what} is {status}"), format!("{what} is {status} from {on}. {then}")));
        }
    };
    for c in acc.contracts.values().filter(|c| acc.manages_contract_users(user, c)) {
        milestones(format!("Contract {}", c.number), c.start_date, whatif::contract_impact(acc, c, to));
    }
    for t in acc.teams.values() {
        for (id, s) in t.subscriptions_seen_by(user) {
            let impact = whatif::subscription_impact(acc, t, id, to).expect("listed");
            milestones(format!("{} subscription {id} in {}", s.product, t.name), s.start_date, impact);
        }
    }
    due
}

/// Up to 20 names, then how many more.
pub(super) fn names(mut names: Vec<String>) -> String {
    let more = names.len().saturating_sub(20);
    names.truncate(20);
    let mut text = names.join("\n");
    if more > 0 {
        text.push_str(&format!("\n… and {more} more"));
    }
    text
}

/// One email a day: the invitations whose last day it is, and those lapsed that day (rules 19, 20).
pub(super) fn invitations_lapsing(acc: &Account, user: UserId, from: NaiveDate, to: NaiveDate) -> Vec<Due> {
    let mut days: BTreeMap<(NaiveDate, bool), Vec<String>> = BTreeMap::new();
    for p in invitations::pending(acc, user, to) {
        let line = format!("{} <{}> ({}), sent {}", p.name, p.email, p.place, p.last_sent);
        if within(p.lapses_on, from, to) {
            days.entry((p.lapses_on, false)).or_default().push(line.clone());
        }
        let lapsed = p.lapses_on + Days::new(1);
        if within(lapsed, from, to) {
            days.entry((lapsed, true)).or_default().push(line);
        }
    }
    let plural = |n: usize| if n == 1 { "1 invitation".to_string() } else { format!("{n} invitations") };
    days.into_iter()
        .map(|((on, lapsed), people)| {
            let (subject, then) = match lapsed {
                false => (format!("{} can be accepted today only", plural(people.len())), "lapse tonight"),
                true => (format!("{} lapsed", plural(people.len())), "have lapsed: resend them"),
            };
            let body = format!("These invitations {then} (User Management → Pending invitations):\n{}", names(people));
            Due { on, alert: Alert::Invitations, subject, body }
        })
        .collect()
}

/// The latest Monday between two days: one digest, of that week (older weeks' would tell what has passed).
pub(super) fn digest(acc: &Account, user: UserId, from: NaiveDate, to: NaiveDate) -> Vec<Due> {
    let back = u64::from(to.weekday().num_days_from_monday());
    let monday = to - Days::new(back);
    if monday < from || monday.weekday() != Weekday::Mon {
        return Vec::new();
    }
    let soon = monday + Days::new(30);
    let mut risk = Vec::new();
    let mut at_risk = |what: String, i: whatif::Impact| {
        if i.suspended_on > monday && i.suspended_on <= soon {
            for l in &i.losses {
                risk.push(format!("{}: {} loses {} ({what})", i.suspended_on, l.name, l.product));
            }
        }
    };
    for c in acc.contracts.values().filter(|c| acc.manages_contract_users(user, c)) {
        at_risk(format!("contract {}", c.number), whatif::contract_impact(acc, c, monday));
    }
    for t in acc.teams.values() {
        for (id, _) in t.subscriptions_seen_by(user) {
            at_risk(
                format!("subscription {id}, {}", t.name),
                whatif::subscription_impact(acc, t, id, monday).expect("listed"),
            );
        }
    }
    risk.sort();
    let waiting = home::attention(acc, user, monday);
    let mut work: Vec<String> = [&waiting.ending, &waiting.seats, &waiting.invites]
        .into_iter()
        .zip(["Ending", "Seats to look at", "Invitation to resend"])
        .flat_map(|(items, what)| items.iter().map(move |i| format!("{what}: {}", i.text)))
        .collect();
    let asked =
        acc.requests.iter().filter(|r| r.answer.is_none() && crate::domain::requests::may_assign(acc, user, &r.wanted));
    for r in asked {
        if let Some((product, place)) = crate::domain::requests::describe(acc, &r.wanted) {
            work.push(format!("Request: {} asks for {product} in {place}", acc.name_of(r.by)));
        }
    }
    let mut body = String::new();
    body.push_str(&match risk.is_empty() {
        true => "Seats at risk in the next 30 days: none.".to_string(),
        false => format!("Seats at risk in the next 30 days ({}):\n{}", risk.len(), names(risk)),
    });
    body.push_str(&match work.is_empty() {
        true => "\n\nWaiting for you: nothing.".to_string(),
        false => format!("\n\nWaiting for you ({}):\n{}", work.len(), names(work)),
    });
    vec![Due { on: monday, alert: Alert::WeeklyDigest, subject: format!("Your week of {monday}"), body }]
}
