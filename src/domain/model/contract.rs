//! Contracts as Autodesk sells them: kind, channel, single- or multi-user access, term, reseller, serial
//! numbers and product lines with their holders, and Team hubs.

use super::*;

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
    #[serde(with = "crate::domain::grouped")]
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
    #[serde(with = "crate::domain::grouped")]
    pub holders: BTreeMap<UserId, BTreeSet<String>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamHub {
    pub name: String,
    pub url: String,
    pub kind: String,
    /// The team a hub was created for (rule 57): its members lose it when removed (rule 26).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<TeamId>,
}

// ---- New view -------------------------------------------------------------------------------
