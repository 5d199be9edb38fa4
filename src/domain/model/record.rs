//! What an account remembers: the Outbox's emails and the activity log, each entry stamped with its moment.

use super::*;

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
    /// One of the console's alerts, to an admin who chose it (issue 30): dated, withdrawn when "As of" moves
    /// back before it.
    Alert,
    /// An alert a change caused (a request, a rule's shortfall): it stays with the change.
    AlertOnChange,
    /// To a person assigned a product in a team: it can be downloaded (W3').
    ReadyToDownload,
    /// To the requester: their request was approved or declined (issue 30).
    RequestAnswered,
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
            (None, Some(at)) => crate::domain::lifecycle::hours_minutes(at),
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
