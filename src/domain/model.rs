//! The account as Autodesk holds it: plain data, no behaviour beyond derived values.
//! Seat counts are never stored: they are the size of each line's holder map (rule 9).

use super::ids::*;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

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
    pub usage: BTreeMap<String, BTreeMap<UserId, super::usage::UseRecord>>,
    /// Auto-assign rules, in the order they apply (issue 12).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assign_rules: Vec<super::auto_assign::AssignRule>,
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
    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
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
            && super::lifecycle::invite_expired(
                self.last_invite_sent_on(),
                today,
                super::lifecycle::CLASSIC_INVITE_DAYS,
            )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UserStatus {
    Pending,
    Active,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContractKind {
    Subscription,
    MaintenancePlan,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Reseller,
    AutodeskSales,
    OnlineStore,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Access {
    SingleUser,
    MultiUser,
}

/// Named users a multi-user seat gives cloud services to (rules 10–11).
pub const NAMED_USERS_PER_MULTI_USER_SEAT: u32 = 3;
/// Users per purchased seat who may hold support benefits (rule 13).
pub const BENEFIT_PLACES_PER_SEAT: u32 = 6;

impl Access {
    /// Named users `seats` seats may have: 1 per seat, or 3 cloud-service users per multi-user seat (rules 10–11).
    pub fn capacity(self, seats: u32) -> u32 {
        match self {
            Access::SingleUser => seats,
            Access::MultiUser => seats * NAMED_USERS_PER_MULTI_USER_SEAT,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Term {
    Monthly,
    Annual,
    ThreeYear,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reseller {
    pub name: String,
    pub email: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Contract {
    pub number: ContractNo,
    pub kind: ContractKind,
    pub channel: Channel,
    pub access: Access,
    pub start_date: NaiveDate,
    pub end_date: NaiveDate,
    pub term: Term,
    pub auto_renew: bool,
    pub reseller: Option<Reseller>,
    pub support_level: String,
    /// Exactly one per contract (rule 1).
    pub contract_manager: UserId,
    pub serials: BTreeMap<SerialNo, SerialNumber>,
    pub lines: BTreeMap<LineId, ProductLine>,
    pub benefits: BTreeMap<BenefitId, String>,
    /// Who holds which support benefits (rule 13).
    #[serde(with = "super::grouped")]
    pub benefit_holders: BTreeMap<UserId, BTreeSet<BenefitId>>,
    pub hub: Option<HubId>,
    /// Days-before-expiry of the renewal notices already sent (rule 47).
    pub renewal_notices_sent: BTreeSet<u16>,
}

impl Contract {
    /// Seats a named user may take on a line: 1 per seat, or 3 cloud-service users per multi-user seat (rules 10–11).
    pub fn capacity(&self, line: &ProductLine) -> u32 {
        self.access.capacity(line.seats)
    }
    pub fn seats_purchased(&self) -> u32 {
        self.lines.values().map(|l| l.seats).sum()
    }
    /// Up to 6 users per purchased seat may hold support benefits (rule 13).
    pub fn benefit_capacity(&self) -> u32 {
        self.seats_purchased() * BENEFIT_PLACES_PER_SEAT
    }
    /// The software coordinator of a serial number: the named one, else the CM (rule 2).
    pub fn coordinator(&self, serial: &SerialNo) -> Option<UserId> {
        let s = self.serials.get(serial)?;
        Some(s.coordinator.unwrap_or(self.contract_manager))
    }
    /// Does holding `a` already give a product of `b` (a collection and a stand-alone product in it)?
    pub fn overlaps(a: &ProductLine, b: &ProductLine) -> bool {
        a.bundle.contains(&b.product) || b.bundle.contains(&a.product) || a.bundle.iter().any(|p| b.bundle.contains(p))
    }
    pub fn is_team_product_line(line: &ProductLine) -> bool {
        line.product.ends_with(" Team")
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SerialNumber {
    pub license_type: LicenseType,
    /// A named software coordinator, at most one per serial number (rule 4).
    pub coordinator: Option<UserId>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LicenseType {
    StandAlone,
    Network,
    SignIn,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProductLine {
    pub serial: SerialNo,
    pub product: String,
    pub release: String,
    pub seats: u32,
    /// Cloud services; on an Industry Collection each is written "Product: Service".
    pub services: Vec<String>,
    pub download: bool,
    /// The products an Industry Collection's one seat grants; empty for a single product.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bundle: Vec<String>,
    /// Named users holding a seat, with the cloud services each was given.
    #[serde(with = "super::grouped")]
    pub holders: BTreeMap<UserId, BTreeSet<String>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamHub {
    pub name: String,
    pub url: String,
    pub kind: String,
}

// ---- New view -------------------------------------------------------------------------------

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

/// A member as stored: the usual role and status (User, Verified) are left out, so a 5,000-member team costs
/// its ids and invitation dates, not 5,000 copies of the same words (local storage holds about 5 MiB).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamMember {
    #[serde(default, skip_serializing_if = "TeamRole::is_user")]
    pub role: TeamRole,
    #[serde(default, skip_serializing_if = "TeamStatus::is_verified")]
    pub status: TeamStatus,
    pub invited_on: NaiveDate,
    /// Added by directory sync: read-only (rule 25). Left out when false: a 5,000-member team is stored once
    /// per save.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub synced: bool,
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmailKind {
    Welcome,
    Invitation,
    InvitationResent,
    RenewalNotice,
    RoleChange,
    NewRelease,
    /// To a rule's author: the people a rule could not give their product (issue 12).
    RuleRefused,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Email {
    /// Stable across replays and replicas (issue 15), unlike its place in the outbox, which withdrawn notices
    /// and other admins' emails move.
    #[serde(default)]
    pub id: u32,
    pub kind: EmailKind,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub sent_on: NaiveDate,
    pub read: bool,
}

/// When something really happened: the local day and time to the minute and the zone's offset from UTC in
/// minutes (issue 26). "As of" may name another day; this is the clock's. Stored as "2026-12-03T16:19+01:00".
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Stamp {
    pub day: NaiveDate,
    pub minute: u16,
    pub offset: i16,
}

impl Stamp {
    pub fn new(day: NaiveDate, hour: u32, minute: u32, offset: i32) -> Stamp {
        Stamp { day, minute: (hour * 60 + minute).min(1439) as u16, offset: offset.clamp(-1080, 1080) as i16 }
    }
    /// "16:19 UTC+01:00".
    pub fn time(&self) -> String {
        let zone = match self.offset {
            0 => "UTC".to_string(),
            o => format!("UTC{}{:02}:{:02}", if o < 0 { '-' } else { '+' }, o.abs() / 60, o.abs() % 60),
        };
        format!("{:02}:{:02} {zone}", self.minute / 60, self.minute % 60)
    }
}

impl From<Stamp> for String {
    fn from(s: Stamp) -> String {
        let o = s.offset;
        let sign = if o < 0 { '-' } else { '+' };
        format!("{}T{:02}:{:02}{sign}{:02}:{:02}", s.day, s.minute / 60, s.minute % 60, o.abs() / 60, o.abs() % 60)
    }
}

impl TryFrom<String> for Stamp {
    type Error = String;
    fn try_from(text: String) -> Result<Stamp, String> {
        let bad = || format!("\"{text}\" is not a time like 2026-12-03T16:19+01:00");
        let (day, rest) = text.split_once('T').ok_or_else(bad)?;
        let day: NaiveDate = day.parse().map_err(|_| bad())?;
        let num = |s: Option<&str>| s.and_then(|s| s.parse::<u32>().ok()).ok_or_else(bad);
        let (hour, minute, sign) = (num(rest.get(0..2))?, num(rest.get(3..5))?, rest.get(5..6));
        let offset = (num(rest.get(6..8))? * 60 + num(rest.get(9..11))?) as i32;
        let offset = match sign {
            Some("+") => offset,
            Some("-") => -offset,
            _ => return Err(bad()),
        };
        if hour > 23 || minute > 59 || offset.abs() > 1080 || rest.len() != 11 {
            return Err(bad());
        }
        Ok(Stamp::new(day, hour, minute, offset))
    }
}

/// One entry of the activity log (rule 62): when, who, the event type, what it was about, in one line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    /// The day it acted on: "As of", or the real day.
    pub on: NaiveDate,
    /// The time of day it happened, to the minute, where the console knew it (issue 11); entries since issue
    /// 26 keep the real moment with its zone instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<chrono::NaiveTime>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stamp: Option<Stamp>,
    /// The person who acted, or "Autodesk".
    pub actor: String,
    pub what: String,
    /// The event type, as the log's filter names it ("Product assigned").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kind: String,
    #[serde(default, skip_serializing_if = "Targets::is_empty")]
    pub targets: Targets,
}

impl Activity {
    /// When it really happened: "2026-12-03 16:19 UTC+01:00"; "14:05" for an older entry that kept only the
    /// time of day; nothing where the console did not know.
    pub fn time(&self) -> String {
        match (self.stamp, self.at) {
            (Some(s), _) => format!("{} {}", s.day, s.time()),
            (None, Some(at)) => super::lifecycle::hours_minutes(at),
            (None, None) => String::new(),
        }
    }
}

/// What an activity entry is about, for the log's filters and for who may see it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Targets {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub users: Vec<UserId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<TeamId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<GroupId>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub products: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract: Option<ContractNo>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub serials: Vec<SerialNo>,
}

impl Targets {
    pub fn is_empty(&self) -> bool {
        *self == Targets::default()
    }
}
