//! Requests and approvals (issue 30): a team member or a classic named user asks for a product they don't have,
//! with a reason; the admins who may assign it there (the same permission as the assignment itself) answer in
//! the Requests queue. Approving is the ordinary assignment, every rule with it: a refusal (no seat left) says
//! why and leaves the request open. Declining needs a reason. The requester is emailed either way, and admins
//! who chose the alert hear of each new request. Beyond Autodesk, which gives users no way to ask; like Adobe's
//! Admin Console product requests.

use super::alerts::{self, Alert};
use super::apply::Tx;
use super::auto_assign::{grant, holds};
use super::event::Event;
use super::ids::*;
use super::lifecycle::day_month_year;
use super::model::*;
use super::DomainError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The longest reason kept, for asking or declining.
pub const REASON_MAX: usize = 500;

/// A standing yes: requests for `wanted` are approved as `author` while seats remain (issue 30's optional
/// per-product policy).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AutoApprove {
    pub wanted: Wanted,
    pub author: UserId,
}

/// What is asked for, and where: a classic contract's product line or a product from a team's pool, the same
/// place an auto-assign rule gives (its holding and its granting are the rules' own).
pub type Wanted = super::auto_assign::RuleGrant;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    pub id: u32,
    pub by: UserId,
    pub wanted: Wanted,
    pub reason: String,
    pub on: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<Answer>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub by: UserId,
    pub on: NaiveDate,
    pub approved: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

impl Answer {
    /// "approved by Sam Okafor on 4 Dec 2026".
    pub fn describe(&self, acc: &Account) -> String {
        let what = if self.approved { "approved" } else { "declined" };
        format!("{what} by {} on {}", acc.name_of(self.by), day_month_year(self.on))
    }
}

/// The product's name and where it is: "AutoCAD", "the team Contoso Engineering" / "contract 110012345678".
pub fn describe(acc: &Account, wanted: &Wanted) -> Option<(String, String)> {
    match wanted {
        Wanted::Team { team, product } => {
            acc.teams.get(team).map(|t| (product.clone(), format!("the team {}", t.name)))
        }
        Wanted::Line { contract, line } => acc
            .contracts
            .get(contract)
            .and_then(|c| c.lines.get(line))
            .map(|l| (l.product.clone(), format!("contract {contract}"))),
    }
}

/// May `user` assign what is wanted there (and so answer its requests, and hear of a rule's shortfall there).
pub fn may_assign(acc: &Account, user: UserId, wanted: &Wanted) -> bool {
    match wanted {
        Wanted::Team { team, product } => {
            acc.teams.get(team).and_then(|t| t.reach(user)).is_some_and(|r| r.manages_product(product))
        }
        Wanted::Line { contract, line } => {
            acc.contracts.get(contract).is_some_and(|c| c.lines.get(line).is_some_and(|l| acc.manages_line(user, c, l)))
        }
    }
}

fn reason(text: &str, what: &'static str) -> Result<String, DomainError> {
    let text = text.trim();
    match text.chars().count() {
        0 => Err(DomainError::ReasonNeeded { what }),
        n if n > REASON_MAX => Err(DomainError::ReasonTooLong { max: REASON_MAX }),
        _ => Ok(text.to_string()),
    }
}

/// A member of the team asks for one of its products; a classic named user for a contract's product line.
pub fn request(tx: &mut Tx, wanted: Wanted, text: &str) -> Result<(), DomainError> {
    let may = |acc: &Account, u: UserId| match &wanted {
        Wanted::Team { team, .. } => acc.teams.get(team).is_some_and(|t| t.members.contains_key(&u)),
        Wanted::Line { .. } => acc.users.get(&u).is_some_and(|x| x.classic.is_some()),
    };
    tx.require(may, "request a product there", "a member of the team, or a named user for a contract's products")?;
    let me = tx.acting_user().expect("a person acts");
    let (product, place) = describe(tx.acc, &wanted).ok_or_else(|| match &wanted {
        Wanted::Team { product, .. } => DomainError::Unknown { what: "product", id: product.clone() },
        Wanted::Line { line, .. } => DomainError::Unknown { what: "product line", id: line.to_string() },
    })?;
    if let Wanted::Team { team, product } = &wanted {
        super::team::known_product(&tx.acc.teams[team], product)?;
    }
    if holds(tx.acc, me, &wanted) {
        return Err(DomainError::AlreadyAssigned { user: tx.acc.name_of(me), product });
    }
    let open = tx.acc.requests.iter().find(|r| r.by == me && r.wanted == wanted && r.answer.is_none());
    if let Some(r) = open {
        return Err(DomainError::AlreadyRequested { product, on: day_month_year(r.on) });
    }
    let text = reason(text, "for the request")?;
    let id = tx.new_id();
    let name = tx.acc.name_of(me);
    tx.acc.requests.push(Request {
        id,
        by: me,
        wanted: wanted.clone(),
        reason: text.clone(),
        on: tx.today,
        answer: None,
    });
    tx.log_for(format!("{name} requested {product} in {place}: \"{text}\""), me, Some(&product));
    tx.events.push(Event::ProductRequested { request: id });
    if approved_by_policy(tx, id, &wanted) {
        return Ok(());
    }
    // The admins who may answer it and chose to hear of requests.
    let answerers: Vec<UserId> = alerts::choosers(tx.acc, Alert::Requests)
        .into_iter()
        .filter(|u| *u != me && may_assign(tx.acc, *u, &wanted))
        .collect();
    for admin in answerers {
        let subject = format!("{name} requests {product}");
        let body = format!(
            "{name} asks for {product} in {place}: \"{text}\"\n\nApprove or decline it in User Management → Requests."
        );
        alerts::send(tx, admin, alerts::Due::today(tx.today, Alert::Requests, subject, body));
    }
    Ok(())
}

/// The policy's author approves at once while a seat remains (as an auto-assign rule acts as its author);
/// with none, or the author no longer allowed, the request waits like any other. A refused answer changes
/// nothing (every handler checks before it changes).
fn approved_by_policy(tx: &mut Tx, id: u32, wanted: &Wanted) -> bool {
    let policy = tx.acc.approve_policies.iter().find(|p| p.wanted == *wanted).map(|p| p.author);
    let Some(author) = policy.filter(|a| tx.acting_user() != Some(*a)) else { return false };
    let acting = std::mem::replace(&mut tx.actor, super::command::Actor::User(author));
    let done = answer(tx, id, true, AUTOMATIC);
    tx.actor = acting;
    done.is_ok()
}

/// After any change: an open request whose requester now holds what they asked for (given another way, By
/// User or a group) is closed as approved by whoever made the change, so it can't wait for ever.
pub fn fulfilled(tx: &mut Tx) {
    let Some(by) = tx.acting_user() else { return };
    let today = tx.today;
    let acc = &*tx.acc;
    let given: Vec<usize> = (0..acc.requests.len())
        .filter(|i| acc.requests[*i].answer.is_none() && holds(acc, acc.requests[*i].by, &acc.requests[*i].wanted))
        .collect();
    for i in given {
        let reason = GIVEN.to_string();
        tx.acc.requests[i].answer = Some(Answer { by, on: today, approved: true, reason });
        tx.events.push(Event::RequestAnswered { request: tx.acc.requests[i].id, approved: true });
    }
}

/// The reason a request closed by an assignment made another way gives.
pub const GIVEN: &str = "Given another way";

/// The reason an automatic approval gives.
pub const AUTOMATIC: &str = "Approved automatically while seats remain";

/// Turns the automatic approval of requests for `wanted` on (as the acting admin) or off.
pub fn set_auto_approve(tx: &mut Tx, wanted: Wanted, on: bool) -> Result<(), DomainError> {
    let who = "an admin who may assign the product there";
    tx.require(|acc, u| may_assign(acc, u, &wanted), "set automatic approval there", who)?;
    let me = tx.acting_user().expect("a person acts");
    let (product, place) = describe(tx.acc, &wanted).unwrap_or_default();
    let at = tx.acc.approve_policies.iter().position(|p| p.wanted == wanted);
    match (at, on) {
        (Some(_), true) | (None, false) => return Err(DomainError::PolicyUnchanged { product, on }),
        (None, true) => tx.acc.approve_policies.push(AutoApprove { wanted, author: me }),
        (Some(i), false) => {
            tx.acc.approve_policies.remove(i);
        }
    }
    let what = if on { "on" } else { "off" };
    tx.log_for(format!("Turned automatic approval of {product} in {place} {what}"), me, Some(&product));
    tx.events.push(Event::AutoApproveSet { on });
    Ok(())
}

/// An admin who may assign the product there approves (the ordinary assignment) or declines with a reason.
pub fn answer(tx: &mut Tx, id: u32, approve: bool, text: &str) -> Result<(), DomainError> {
    let at = tx.acc.requests.iter().position(|r| r.id == id);
    let at = at.ok_or_else(|| DomainError::Unknown { what: "request", id: id.to_string() })?;
    let r = tx.acc.requests[at].clone();
    tx.require(
        // Never one's own request: a second person reviews it.
        |acc, u| u != r.by && may_assign(acc, u, &r.wanted),
        "answer this request",
        "an admin who may assign the product there, other than the person who asked",
    )?;
    let (product, place) = describe(tx.acc, &r.wanted).unwrap_or_default();
    if let Some(a) = &r.answer {
        return Err(DomainError::RequestAnswered { product, answer: a.describe(tx.acc) });
    }
    let me = tx.acting_user().expect("a person acts");
    let text = match approve {
        true => text.trim().chars().take(REASON_MAX).collect(),
        false => reason(text, "for declining")?,
    };
    // The very grant an auto-assign rule makes: the pool's seat, or the line with all its services.
    if approve {
        grant(tx, r.by, &r.wanted)?;
    }
    let answer = Answer { by: me, on: tx.today, approved: approve, reason: text.clone() };
    let said = answer.describe(tx.acc);
    tx.acc.requests[at].answer = Some(answer);
    let (who, admin) = (tx.acc.name_of(r.by), tx.acc.name_of(me));
    let why = if text.is_empty() { String::new() } else { format!(": \"{text}\"") };
    tx.log_for(
        format!("{admin} {} {who}'s request for {product}{why}", if approve { "approved" } else { "declined" }),
        r.by,
        Some(&product),
    );
    tx.events.push(Event::RequestAnswered { request: id, approved: approve });
    // A requester who has left the account since is told nothing.
    if let Some(to) = tx.acc.users.get(&r.by).map(|u| u.email.clone()) {
        let body = format!("Hi {who},\n\nYour request for {product} in {place} was {said}{why}.");
        let subject = format!("Your request for {product} was {}", if approve { "approved" } else { "declined" });
        tx.send(EmailKind::RequestAnswered, &to, subject, body);
    }
    Ok(())
}
