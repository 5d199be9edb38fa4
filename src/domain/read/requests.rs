//! Requests (issue 30) as the screens show them: the queue of an admin (the requests they may answer, open ones
//! oldest first with the seats there are, then the answered), a person's own requests, and what they may ask for.

use super::seats::Seats;
use crate::domain::ids::*;
use crate::domain::lifecycle::day_month_year;
use crate::domain::model::*;
use crate::domain::requests::{describe, may_assign, Request, Wanted};
use chrono::NaiveDate;

#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub id: u32,
    pub who: String,
    pub product: String,
    /// "the team Contoso Engineering", "contract 110012345678".
    pub place: String,
    pub reason: String,
    pub on: String,
    /// "1 of 5 seats available" (the one seat count, `read::seats`).
    pub seats: String,
    /// "approved by Sam Okafor on 4 Dec 2026: …"; `None` while open.
    pub answer: Option<String>,
}

/// How many answered requests a list keeps showing.
const ANSWERED_SHOWN: usize = 50;

fn row(acc: &Account, r: &Request, today: NaiveDate) -> Option<Row> {
    let (product, place) = describe(acc, &r.wanted)?;
    let seats = match &r.wanted {
        Wanted::Team { team, product } => Seats::pool(&acc.teams[team], product, today),
        Wanted::Line { contract, line } => {
            let c = &acc.contracts[contract];
            Seats::line(acc, c, &c.lines[line], today)
        }
    };
    let answer = r.answer.as_ref().map(|a| match a.reason.is_empty() {
        true => a.describe(acc),
        false => format!("{}: \"{}\"", a.describe(acc), a.reason),
    });
    Some(Row {
        id: r.id,
        who: acc.name_of(r.by),
        product,
        place,
        reason: r.reason.clone(),
        on: day_month_year(r.on),
        // Today's seats matter while it is open; once answered they no longer say anything about it.
        seats: if r.answer.is_none() { seats.available(seats.used) } else { "—".into() },
        answer,
    })
}

/// Open requests first, oldest first; then the latest answered.
fn listed<'a>(acc: &Account, mine: impl Iterator<Item = &'a Request>, today: NaiveDate) -> Vec<Row> {
    let (open, answered): (Vec<&Request>, Vec<&Request>) = mine.partition(|r| r.answer.is_none());
    let answered = answered.into_iter().rev().take(ANSWERED_SHOWN);
    open.into_iter().chain(answered).filter_map(|r| row(acc, r, today)).collect()
}

/// The requests `viewer` may answer (whoever may assign the product there).
pub fn queue(acc: &Account, viewer: UserId, today: NaiveDate) -> Vec<Row> {
    listed(acc, acc.requests.iter().filter(|r| r.by != viewer && may_assign(acc, viewer, &r.wanted)), today)
}

/// How many requests wait for `viewer`: the navigation's count.
pub fn waiting(acc: &Account, viewer: UserId) -> usize {
    acc.requests.iter().filter(|r| r.answer.is_none() && r.by != viewer && may_assign(acc, viewer, &r.wanted)).count()
}

/// The person's own requests.
pub fn mine(acc: &Account, viewer: UserId, today: NaiveDate) -> Vec<Row> {
    listed(acc, acc.requests.iter().filter(|r| r.by == viewer), today)
}

/// What `viewer` may ask for, with its label: their teams' products and, for a named user, the product lines of
/// contracts giving access, none they hold or asked for already.
pub fn requestable(acc: &Account, viewer: UserId, today: NaiveDate) -> Vec<(Wanted, String)> {
    let asked = |w: &Wanted| acc.requests.iter().any(|r| r.by == viewer && r.answer.is_none() && r.wanted == *w);
    let mut out = Vec::new();
    for (id, t) in acc.teams.iter().filter(|(_, t)| t.members.contains_key(&viewer)) {
        for p in t.products() {
            let wanted = Wanted::Team { team: *id, product: p.clone() };
            if !t.holds(viewer, &p) && !asked(&wanted) {
                out.push((wanted, format!("{p} — {}", t.name)));
            }
        }
    }
    if acc.users.get(&viewer).is_some_and(|u| u.classic.is_some()) {
        for c in acc.contracts.values().filter(|c| acc.contract_status(c, today).grants_access()) {
            for (id, l) in c.lines.iter().filter(|(_, l)| !l.holders.contains_key(&viewer)) {
                let wanted = Wanted::Line { contract: c.number.clone(), line: *id };
                if !asked(&wanted) {
                    out.push((wanted, format!("{} {} — contract {}", l.product, l.release, c.number)));
                }
            }
        }
    }
    out
}

/// Each product and place `viewer` may answer requests for, labelled, with who turned its automatic approval on
/// (`None`: off).
pub fn policies(acc: &Account, viewer: UserId) -> Vec<(Wanted, String, Option<String>)> {
    let mut places: Vec<(Wanted, String)> = Vec::new();
    for (id, t) in acc.teams.iter() {
        let reach = t.reach(viewer);
        let mine = t.products().into_iter().filter(|p| reach.is_some_and(|r| r.manages_product(p)));
        places.extend(mine.map(|p| {
            let label = format!("{p} in the team {}", t.name);
            (Wanted::Team { team: *id, product: p }, label)
        }));
    }
    for c in acc.contracts.values() {
        for (id, l) in c.lines.iter().filter(|(_, l)| acc.manages_line(viewer, c, l)) {
            let label = format!("{} {} on contract {}", l.product, l.release, c.number);
            places.push((Wanted::Line { contract: c.number.clone(), line: *id }, label));
        }
    }
    places
        .into_iter()
        .map(|(w, label)| {
            let by = acc.approve_policies.iter().find(|p| p.wanted == w).map(|p| acc.name_of(p.author));
            (w, label, by)
        })
        .collect()
}
