//! The console's own alerts (issue 30): each admin chooses on the Notifications page which alerts they get
//! about what they administer, as emails in the Outbox. Autodesk's renewal notices still go to the contract
//! manager alone (rule 48); these come in addition, to whoever chose them. Dated alerts (renewal milestones,
//! invitations lapsing, the weekly digest) go out with Autodesk's check for due notices, each dated on its own
//! day and once, however far "As of" jumps; moving "As of" back withdraws those dated after it, as the notices
//! are. Seats nearly full and a rule's shortfall are told by the change that causes them.

use super::apply::Tx;
use super::event::Event;
use super::ids::*;
use super::model::*;
use super::read::home::nearly_full;
use super::DomainError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Alert {
    Renewals,
    NearlyFull,
    Invitations,
    RuleShortfalls,
    WeeklyDigest,
    Requests,
}

impl Alert {
    pub const ALL: [Alert; 6] = [
        Alert::Renewals,
        Alert::NearlyFull,
        Alert::Invitations,
        Alert::RuleShortfalls,
        Alert::Requests,
        Alert::WeeklyDigest,
    ];

    /// The alerts that can reach `user` (issue 30): invitations lapsing for those who may resend them, a rule's
    /// shortfall and requests for those who assign; an admin limited to Reporting is offered the rest.
    pub fn offered(acc: &Account, user: UserId) -> Vec<Alert> {
        // As the navigation offers Pending invitations and Requests.
        let s = super::visibility::screens(acc, user);
        let (resends, assigns) = (s.classic || s.whole_team, s.classic || s.teams);
        Alert::ALL
            .into_iter()
            .filter(|a| match a {
                Alert::Invitations => resends,
                Alert::RuleShortfalls | Alert::Requests => assigns,
                Alert::Renewals | Alert::NearlyFull | Alert::WeeklyDigest => true,
            })
            .collect()
    }

    pub fn label(self) -> &'static str {
        match self {
            Alert::Renewals => "Renewal milestones",
            Alert::NearlyFull => "Seats nearly full or without access",
            Alert::Invitations => "Invitations lapsing",
            Alert::RuleShortfalls => "A rule could not give a seat",
            Alert::WeeklyDigest => "Weekly digest",
            Alert::Requests => "A request waiting for you",
        }
    }

    pub fn describe(self) -> &'static str {
        match self {
            Alert::Renewals => {
                "90, 45, 30 and 4 days before a contract or subscription you administer ends, and on the days it \
                 becomes Expired, Suspended and Canceled."
            }
            Alert::NearlyFull => {
                "When a product line or pool you administer reaches 80% of its seats, or people hold seats that \
                 no longer give access. Once, until it has room again."
            }
            Alert::Invitations => {
                "On the last day an invitation you administer can be accepted, and on the day after, when it has \
                 lapsed."
            }
            Alert::RuleShortfalls => {
                "When an auto-assign rule in a place you administer could not give someone their product (its \
                 author is always told)."
            }
            Alert::WeeklyDigest => {
                "Each Monday: who loses which product on which day in the next 30 days, and what waits for you. When \
                 \"As of\" jumps several weeks, the latest week's only."
            }
            Alert::Requests => "When someone asks for a product you may assign them (User Management → Requests).",
        }
    }
}

/// One person's choice, and how far their alerts have gone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AlertChoice {
    pub alerts: BTreeSet<Alert>,
    /// The last day whose dated alerts were sent: a choice begins on the day it is made.
    pub sent_to: NaiveDate,
    /// Lines and pools told nearly full, with the day: told again only once they have had room.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub full: BTreeMap<String, NaiveDate>,
    /// The day the choice was first made: "As of" moved back before it sends nothing from before.
    pub since: NaiveDate,
}

/// The Notifications page's Save: the acting admin's own choice; none stops every alert.
pub fn choose(tx: &mut Tx, alerts: BTreeSet<Alert>) -> Result<(), DomainError> {
    let who = "an admin (contract manager, software coordinator or team admin)";
    tx.require(|acc, u| acc.is_admin(u), "choose alerts", who)?;
    let me = tx.acting_user().expect("a person acts");
    let yesterday = tx.today.pred_opt().expect("a day before");
    let what = match alerts.is_empty() {
        true => "Stopped every alert".to_string(),
        false => format!("Chose the alerts: {}", alerts.iter().map(|a| a.label()).collect::<Vec<_>>().join(", ")),
    };
    // Kept when emptied, with how far it went: ticked again the same day, nothing is sent twice.
    let since = tx.today;
    let fresh = || AlertChoice { alerts: BTreeSet::new(), sent_to: yesterday, full: BTreeMap::new(), since };
    tx.acc.alerts.entry(me).or_insert_with(fresh).alerts = alerts;
    tx.log_for(what, me, None);
    tx.events.push(Event::AlertsChosen { user: me });
    // What is due today goes at once: nearly full lines, today's milestones.
    send_due(tx);
    Ok(())
}

/// Autodesk's check for due notices sends the dated alerts due since each person's last, and withdraws any
/// dated after "As of" when it moved back.
pub fn send_due(tx: &mut Tx) {
    if tx.acc.alerts.is_empty() {
        return;
    }
    let today = tx.today;
    let before = tx.acc.outbox.len();
    // Only the dated ones: an alert a change caused (a request, a rule's shortfall) stays with the change.
    tx.acc.outbox.retain(|e| e.kind != EmailKind::Alert || e.sent_on <= today);
    let withdrawn = before - tx.acc.outbox.len();
    let mut moved = withdrawn > 0;
    for c in tx.acc.alerts.values_mut() {
        let full = c.full.len();
        c.full.retain(|_, on| *on <= today);
        moved |= c.sent_to > today || c.full.len() < full;
        c.sent_to = c.sent_to.min(today).max(c.since.pred_opt().expect("a day before"));
    }
    let choices: Vec<(UserId, BTreeSet<Alert>, NaiveDate)> =
        tx.acc.alerts.iter().map(|(u, c)| (*u, c.alerts.clone(), c.sent_to)).collect();
    for (user, alerts, sent_to) in choices {
        // Done up to today, or today is before the choice was made.
        if sent_to >= today {
            continue;
        }
        let from = sent_to.succ_opt().expect("a next day");
        let mut due = Vec::new();
        if alerts.contains(&Alert::Renewals) {
            due.extend(dated::renewals(tx.acc, user, from, today));
        }
        if alerts.contains(&Alert::Invitations) {
            due.extend(dated::invitations_lapsing(tx.acc, user, from, today));
        }
        if alerts.contains(&Alert::WeeklyDigest) {
            due.extend(dated::digest(tx.acc, user, from, today));
        }
        due.sort_by_key(|d| d.on);
        for d in due {
            send(tx, user, d);
        }
        tx.acc.alerts.get_mut(&user).expect("listed").sent_to = today;
        moved = true;
    }
    seats_filling(tx);
    if moved {
        tx.events.push(Event::AlertsChecked { withdrawn });
    }
}

/// After an admin's change: lines and pools that became nearly full, and what rules could not give.
pub fn after_change(tx: &mut Tx) {
    if tx.acc.alerts.is_empty() {
        return;
    }
    seats_filling(tx);
    rule_shortfalls(tx);
}

/// One alert email: its day, subject and what it says, before the line saying why it was sent.
pub(crate) struct Due {
    on: NaiveDate,
    alert: Alert,
    subject: String,
    body: String,
}

impl Due {
    pub(crate) fn today(on: NaiveDate, alert: Alert, subject: String, body: String) -> Due {
        Due { on, alert, subject, body }
    }
}

pub(crate) fn send(tx: &mut Tx, user: UserId, d: Due) {
    // Someone who left the account (their last team or Classic) gets nothing.
    let Some(u) = tx.acc.users.get(&user) else { return };
    let (to, name) = (u.email.clone(), u.full_name());
    let body = format!(
        "Hi {name},\n\n{}\n\nWhy you got this: you chose \"{}\" on the Notifications page, for what you administer. \
         To stop it, untick it there (Notifications, in the navigation).",
        d.body,
        d.alert.label()
    );
    let kind = match d.alert {
        Alert::Requests | Alert::RuleShortfalls => EmailKind::AlertOnChange,
        _ => EmailKind::Alert,
    };
    tx.send_on(d.on, kind, &to, format!("Alert: {}", d.subject), body);
}

pub(crate) fn choosers(acc: &Account, alert: Alert) -> Vec<UserId> {
    acc.alerts.iter().filter(|(_, c)| c.alerts.contains(&alert)).map(|(u, _)| *u).collect()
}

/// Each line and pool the choosers administer that is nearly full and not yet told is told, today; one that
/// has room again may be told again later.
fn seats_filling(tx: &mut Tx) {
    let today = tx.today;
    // No one's alerts from before their choice ("As of" moved back before it).
    let watching: Vec<UserId> =
        choosers(tx.acc, Alert::NearlyFull).into_iter().filter(|u| tx.acc.alerts[u].since <= today).collect();
    for user in watching {
        let acc = &*tx.acc;
        // Each line or pool with what to say, and whether people hold seats that give no access (renew, not buy).
        let now: BTreeMap<String, (String, bool)> =
            nearly_full(acc, user, today).into_iter().map(|w| (w.key, (w.item.text, w.without_access))).collect();
        let told = &acc.alerts[&user].full;
        let new: Vec<(String, (String, bool))> =
            now.iter().filter(|(k, _)| !told.contains_key(*k)).map(|(k, v)| (k.clone(), v.clone())).collect();
        let gone = told.keys().any(|k| !now.contains_key(k));
        let choice = tx.acc.alerts.get_mut(&user).expect("listed");
        choice.full.retain(|k, _| now.contains_key(k));
        for (key, _) in &new {
            choice.full.insert(key.clone(), today);
        }
        for (_, (what, lapsed)) in new {
            let (subject, body) = match lapsed {
                true => (
                    format!("{what} (without access)"),
                    format!("{what}. Renew it, or give these people seats that still give access."),
                ),
                false => (
                    format!("{what} (nearly full)"),
                    format!("{what}. Free a seat or buy more before the next person needs one."),
                ),
            };
            send(tx, user, Due { on: today, alert: Alert::NearlyFull, subject, body });
        }
        if gone {
            tx.events.push(Event::AlertsChecked { withdrawn: 0 });
        }
    }
}

/// What an auto-assign rule could not give, to the admins of its place who chose to hear (its author is
/// emailed anyway, `auto_assign::report`).
fn rule_shortfalls(tx: &mut Tx) {
    let mut refused: Vec<(usize, String)> = Vec::new();
    for pair in tx.events.windows(2) {
        if let [Event::RuleReached { rule, given: false, .. }, Event::RuleRefused { what, .. }] = pair {
            refused.push((*rule, what.clone()));
        }
    }
    if refused.is_empty() {
        return;
    }
    let acc = &*tx.acc;
    // Whoever may assign what the rule gives, but its author.
    let hears = |user: UserId, rule: usize| {
        acc.assign_rules.get(rule).is_some_and(|r| r.author != user && super::requests::may_assign(acc, user, &r.grant))
    };
    let mut mails = Vec::new();
    for user in choosers(acc, Alert::RuleShortfalls) {
        let lines: Vec<String> = refused.iter().filter(|(r, _)| hears(user, *r)).map(|(_, w)| w.clone()).collect();
        if !lines.is_empty() {
            let n = lines.len();
            let subject = if n == 1 {
                "A rule could not give a seat".to_string()
            } else {
                format!("Rules could not give {n} seats")
            };
            let body = format!("Auto-assign rules could not give these (Users → Rules):\n{}", dated::names(lines));
            mails.push((user, Due { on: tx.today, alert: Alert::RuleShortfalls, subject, body }));
        }
    }
    for (user, d) in mails {
        send(tx, user, d);
    }
}

mod dated;
#[cfg(test)]
mod tests;
