//! The new view's teams: members with a role and a status, subscriptions (the seat pool), groups, and the
//! migration plan kept for a team.

use super::*;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Team {
    pub name: String,
    pub members: BTreeMap<UserId, TeamMember>,
    pub subscriptions: BTreeMap<SubscriptionId, Subscription>,
    pub groups: BTreeMap<GroupId, Group>,
    /// Direct assignments, one seat source per user and product (rule 40).
    pub direct: BTreeMap<UserId, BTreeMap<String, SeatSource>>,
    /// The included services of a direct assignment, when the admin customised them; absent means all (W3').
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub items: BTreeMap<UserId, BTreeMap<String, BTreeSet<String>>>,
}

impl Team {
    /// A team with nothing in it yet.
    pub fn named(name: String) -> Team {
        let (members, subscriptions, groups) = (BTreeMap::new(), BTreeMap::new(), BTreeMap::new());
        Team { name, members, subscriptions, groups, direct: BTreeMap::new(), items: BTreeMap::new() }
    }
}

/// A member as stored: the usual role and status (User, Verified) are left out, so a 5,000-member team costs
/// its ids and invitation dates, not 5,000 copies of the same words (local storage holds about 5 MiB).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamMember {
    #[serde(default, skip_serializing_if = "TeamRole::is_user")]
    pub role: TeamRole,
    #[serde(default, skip_serializing_if = "TeamStatus::is_verified")]
    pub status: TeamStatus,
    pub invited_on: NaiveDate,
    /// When the invitation was last sent again, if ever (rule 20; Pending invitations, issue 30).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resent_on: Option<NaiveDate>,
    /// Added by directory sync: read-only (rule 25). Left out when false: a 5,000-member team is stored once
    /// per save.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub synced: bool,
    /// A secondary admin limited to some products or to Reporting (issue 30); absent: the whole team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<AdminLimit>,
}

impl TeamMember {
    /// A member added by the console, invited on `invited_on` (not by directory sync, never resent yet).
    pub fn new(role: TeamRole, status: TeamStatus, invited_on: NaiveDate) -> Self {
        TeamMember { role, status, invited_on, resent_on: None, synced: false, limit: None }
    }
    /// When the invitation was last sent: 7 days to accept from then (rule 20).
    pub fn last_invite_sent_on(&self) -> NaiveDate {
        self.resent_on.unwrap_or(self.invited_on)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TeamRole {
    PrimaryAdmin,
    SecondaryAdmin,
    SsoAdmin,
    #[default]
    User,
}

impl TeamRole {
    fn is_user(&self) -> bool {
        *self == TeamRole::User
    }
}

/// What a limited secondary admin may do in their team (issue 30), like Adobe's product admins and Google's
/// reports admins: only the chosen products (assign them, answer their requests, read them everywhere), or only
/// read Reporting. Every check asks `visibility::Reach`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdminLimit {
    Products(BTreeSet<String>),
    Reporting,
}

impl AdminLimit {
    /// "Revit, AutoCAD only" or "Reporting only", as the roles list shows it.
    pub fn label(&self) -> String {
        match self {
            AdminLimit::Products(p) => format!("{} only", p.iter().cloned().collect::<Vec<_>>().join(", ")),
            AdminLimit::Reporting => "Reporting only".into(),
        }
    }
    /// What an admin role is now: "limited to AutoCAD only", or "no longer limited" (the email, the log, the
    /// dialog's confirmation).
    pub fn now(limit: Option<&AdminLimit>) -> String {
        limit.map_or("no longer limited".to_string(), |l| format!("limited to {}", l.label()))
    }
    /// What a limited admin is, in a sentence about them: "is a product admin of Design for Revit only".
    pub fn phrase(&self, team: &str) -> String {
        match self {
            AdminLimit::Products(_) => format!("is a product admin of {team} for {}", self.label()),
            AdminLimit::Reporting => format!("reads Reporting only in {team}"),
        }
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TeamStatus {
    Invited,
    #[default]
    Verified,
}

impl TeamStatus {
    fn is_verified(&self) -> bool {
        *self == TeamStatus::Verified
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Subscription {
    pub product: String,
    pub seats: u32,
    pub contract: Option<ContractNo>,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub term: Term,
    pub owner: UserId,
    /// The services included with the product (the items an assignment can customise).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<String>,
    #[serde(default)]
    pub auto_renew: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "from", content = "subscription")]
pub enum SeatSource {
    Pool,
    Subscription(SubscriptionId),
}

/// One classic person in a migration plan: the role and the products they get in the team.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedPerson {
    pub user: UserId,
    pub role: TeamRole,
    pub products: Vec<PlannedProduct>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlannedProduct {
    pub product: String,
    pub source: SeatSource,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Group {
    pub name: String,
    pub members: BTreeSet<UserId>,
    /// Products assigned to the group, always from the pool (rule 42).
    pub products: BTreeSet<String>,
}

// ---- Outbox and activity --------------------------------------------------------------------
