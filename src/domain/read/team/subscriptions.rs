//! Billing and Orders → Subscriptions: a team's subscriptions as the new view lists them (rule 60's columns).

use crate::domain::ids::*;
use crate::domain::lifecycle::{self, Status};
use crate::domain::model::*;
use crate::domain::visibility::sees_billing;
use chrono::NaiveDate;

/// One subscription of the team, as Billing and Orders → Subscriptions lists it (rule 60's columns).
#[derive(Clone, Debug, PartialEq)]
pub struct SubscriptionRow {
    pub id: SubscriptionId,
    pub contract: Option<ContractNo>,
    pub product: String,
    pub seats: u32,
    /// Members tied to this subscription by their seat source (rule 43).
    pub pinned: usize,
    pub term: Term,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub auto_renew: bool,
    pub status: Status,
    pub reseller: Option<Reseller>,
    /// The contract number, reseller and renewal terms are shown: the viewer is the contract manager or the
    /// online subscription's owner (`visibility::sees_billing`); to other admins they are left blank.
    pub billing: bool,
    /// The viewer owns it, so may move it to another team (rule 44).
    pub movable: bool,
}

pub fn subscription_rows(acc: &Account, viewer: UserId, team: TeamId, today: NaiveDate) -> Vec<SubscriptionRow> {
    let Some(t) = acc.teams.get(&team) else { return Vec::new() };
    t.subscriptions_seen_by(viewer)
        .map(|(id, s)| (id, s, sees_billing(acc, viewer, s)))
        .map(|(id, s, billing)| SubscriptionRow {
            id: id.clone(),
            contract: s.contract.clone().filter(|_| billing),
            product: s.product.clone(),
            seats: s.seats,
            pinned: t.pinned(id),
            term: s.term,
            start_date: s.start_date,
            end_date: s.end_date,
            auto_renew: s.auto_renew && billing,
            status: lifecycle::status(s.end_date, s.term, today),
            // A reseller purchase names its reseller on the contract; an online one has none.
            reseller: s
                .contract
                .as_ref()
                .and_then(|c| acc.contracts.get(c))
                .and_then(|c| c.reseller.clone())
                .filter(|_| billing),
            billing,
            movable: s.owner == viewer,
        })
        .collect()
}
