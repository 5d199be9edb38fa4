//! The account as Autodesk holds it: plain data, no behaviour beyond derived values.
//! Seat counts are never stored: they are the size of each line's holder map (rule 9). The account and its
//! people here; `contract`, `team` and `record` (emails and activity) beside it.

use super::ids::*;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

mod contract;
mod record;
mod team;

pub use contract::*;
pub use record::*;
pub use team::*;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub company: String,
    pub users: BTreeMap<UserId, User>,
    pub contracts: BTreeMap<ContractNo, Contract>,
    pub hubs: BTreeMap<HubId, TeamHub>,
    pub teams: BTreeMap<TeamId, Team>,
    pub outbox: Vec<Email>,
    pub activity: Vec<Activity>,
    /// The next free numeric id, shared by every kind of numeric id.
    pub next_id: u32,
    /// The last email id given (`Email::id`).
    #[serde(default)]
    pub last_email: u32,
    /// Migration plans still to run, per team (issue 18): who moves from classic, with which role and products.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub migration_plans: BTreeMap<TeamId, Vec<PlannedPerson>>,
    /// Product use per product and person (rule 61), as aggregates (`usage::UseRecord`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub usage: BTreeMap<String, BTreeMap<UserId, crate::domain::usage::UseRecord>>,
    /// Auto-assign rules, in the order they apply (issue 12).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assign_rules: Vec<crate::domain::auto_assign::AssignRule>,
    /// Who chose which of the console's alerts (issue 30), and how far each person's have gone.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub alerts: BTreeMap<UserId, crate::domain::alerts::AlertChoice>,
    /// Product requests, open and answered (issue 30), in the order made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requests: Vec<crate::domain::requests::Request>,
    /// Products whose requests are approved automatically while seats remain, and by whose authority.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub approve_policies: Vec<crate::domain::requests::AutoApprove>,
}

/// A person known to the account. Classic and new-view memberships are separate lists (rule 63).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct User {
    /// Lower-case; it is the user's Autodesk ID (rule 16).
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    /// Present when the person is a named user in Classic User Management.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classic: Option<ClassicMembership>,
}

impl User {
    /// The name, or the address of someone invited by address alone whose name Autodesk has not told (27.1).
    pub fn full_name(&self) -> String {
        match self.first_name.is_empty() && self.last_name.is_empty() {
            true => self.email.clone(),
            false => format!("{} {}", self.first_name, self.last_name),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClassicMembership {
    pub status: UserStatus,
    pub invited_on: NaiveDate,
    /// When the invitation was last sent again, if ever (rule 19).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resent_on: Option<NaiveDate>,
}

impl ClassicMembership {
    pub fn last_invite_sent_on(&self) -> NaiveDate {
        self.resent_on.unwrap_or(self.invited_on)
    }
    /// A pending invitation older than 90 days must be sent again (rule 19).
    pub fn needs_resend(&self, today: NaiveDate) -> bool {
        self.status == UserStatus::Pending
            && crate::domain::lifecycle::invite_expired(
                self.last_invite_sent_on(),
                today,
                crate::domain::lifecycle::CLASSIC_INVITE_DAYS,
            )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UserStatus {
    Pending,
    Active,
}
