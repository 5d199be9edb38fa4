//! One account shared by several admins through CouchDB replication (issue 15), pure and natively tested.
//! Every change is an immutable op: a command with its author, device and Lamport clock. Every replica
//! applies the same ops in the same order, (lamport, device, seq), through `apply`, from the same snapshot;
//! so every replica holds the same account and refuses the same ops, whatever order the feed brought them in.
//! Ids an op creates come from its author's own range (`ids`), so a later op of the same author still names
//! them after other admins' ops sort in before it.

use crate::domain::{apply_at, Account, Actor, Command, DomainError, Event};
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Where an op sorts: every replica orders ops by this, never by when they arrived.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct OpKey {
    pub lamport: u64,
    pub device: String,
    pub seq: u64,
}

impl OpKey {
    /// The op's CouchDB document id; its fixed-width numbers sort like the key.
    pub fn doc_id(&self) -> String {
        format!("op:{:012}:{}:{:08}", self.lamport, self.device, self.seq)
    }
}

/// One change to a shared account, as its document holds it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SharedOp {
    pub lamport: u64,
    pub device: String,
    pub seq: u64,
    /// The signed-in CouchDB user: the person's email. The server refuses an op signed by anyone else.
    pub author: String,
    pub actor: Actor,
    pub on: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<NaiveTime>,
    /// The ids (and email ids) this op creates start after this number: its device's own range.
    pub ids: u32,
    pub command: Command,
}

/// Far above any real count of changes, far below overflow.
pub const MAX_LAMPORT: u64 = 1 << 48;
/// The schema of op documents.
pub const OP_SCHEMA: u32 = 1;
/// Each device's id range: device slot `n` (claimed once on the server) allocates from `n << 20` on.
pub const SLOT_BITS: u32 = 20;

impl SharedOp {
    pub fn key(&self) -> OpKey {
        OpKey { lamport: self.lamport, device: self.device.clone(), seq: self.seq }
    }

    /// The CouchDB document's text: `_id`, `type` and `schema` before the op's fields. (Text, not a
    /// `serde_json::Value`: commands then serialize with the code the journal already ships.)
    pub fn to_doc(&self) -> String {
        let fields = serde_json::to_string(self).expect("ops serialize");
        format!(r#"{{"_id":"{}","type":"op","schema":{OP_SCHEMA},{}"#, self.key().doc_id(), &fields[1..])
    }

    /// The ops among a feed's documents (devices and snapshots are passed over), or `None` when an op is one
    /// this console can't read: skipping it would leave this browser with another account than the others.
    pub fn read_all(docs: &[serde_json::Value]) -> Option<Vec<SharedOp>> {
        let is_op = |d: &serde_json::Value| d["_id"].as_str().is_some_and(|id| id.starts_with("op:"));
        docs.iter().filter(|d| is_op(d)).map(SharedOp::from_doc).collect()
    }

    /// An op from its document, if it is one this console reads.
    pub fn from_doc(doc: &serde_json::Value) -> Option<SharedOp> {
        let is_op = doc.get("type")?.as_str()? == "op" && doc.get("schema")?.as_u64()? == OP_SCHEMA as u64;
        let op: SharedOp = is_op.then(|| serde_json::from_str(&doc.to_string()).ok()).flatten()?;
        // A clock no browser could reach is a forged op: it would sort after every future one.
        (op.lamport < MAX_LAMPORT).then_some(op)
    }
}

/// Applies one shared op: only as its author (or as Autodesk, for Autodesk's own notices and releases),
/// allocating ids from the op's range. Returns the events and the last id the op used; refused, the account
/// is as it was.
pub fn apply_shared(acc: &mut Account, op: &SharedOp) -> Result<(Vec<Event>, u32), DomainError> {
    let signed = match op.actor {
        Actor::User(u) => acc.users.get(&u).is_some_and(|p| p.email.eq_ignore_ascii_case(&op.author)),
        // Autodesk's notices are due by date, the same in every browser; nothing else acts as Autodesk here.
        Actor::Autodesk => op.command == Command::SendDueNotices,
    };
    if !signed {
        let actor = match op.actor {
            Actor::User(u) if acc.users.contains_key(&u) => acc.name_of(u),
            Actor::User(u) => format!("user {u}"),
            Actor::Autodesk => "Autodesk".into(),
        };
        return Err(DomainError::NotAuthor { author: op.author.clone(), actor });
    }
    let (next_id, last_email) = (acc.next_id, acc.last_email);
    (acc.next_id, acc.last_email) = (op.ids, op.ids);
    let applied = apply_at(acc, op.actor, op.command.clone(), op.on, op.at);
    let used = acc.next_id.max(acc.last_email);
    // Only ids the op really used move the account's counters, so an op that creates nothing leaves them be.
    let moved = |before: u32, now: u32| if now > op.ids { before.max(now) } else { before };
    (acc.next_id, acc.last_email) = match applied {
        Ok(_) => (moved(next_id, acc.next_id), moved(last_email, acc.last_email)),
        Err(_) => (next_id, last_email),
    };
    applied.map(|events| (events, used))
}

/// Every op this browser knows, over the snapshot they start from, and which of them the rules refused.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Replica {
    pub ops: BTreeMap<OpKey, SharedOp>,
    pub refused: BTreeMap<OpKey, DomainError>,
}

/// What taking ops in did to the account.
#[derive(Debug, Default, PartialEq)]
pub struct Taken {
    /// Some new op sorted before ops already applied: the account was replayed from the snapshot.
    pub replayed: bool,
    /// How many ops were new here.
    pub new: usize,
}

impl Replica {
    /// The newest op applied.
    pub fn head(&self) -> Option<&OpKey> {
        self.ops.keys().next_back()
    }

    /// The highest Lamport clock seen: a new op here gets the next one, so it sorts after all of them.
    pub fn lamport(&self) -> u64 {
        self.head().map_or(0, |k| k.lamport)
    }

    /// Takes in ops from anywhere, in any order and any batches (ones already known are skipped). When
    /// they all sort after the head they are applied to `account` as it is; otherwise `account` becomes
    /// `base` with every op replayed in order.
    pub fn take(&mut self, base: &Account, account: &mut Account, ops: impl IntoIterator<Item = SharedOp>) -> Taken {
        let head = self.head().cloned();
        let mut new: Vec<SharedOp> = ops.into_iter().filter(|op| !self.ops.contains_key(&op.key())).collect();
        new.sort_by_key(SharedOp::key);
        new.dedup_by(|a, b| a.key() == b.key());
        let taken =
            Taken { replayed: new.first().is_some_and(|op| head.is_some_and(|h| op.key() < h)), new: new.len() };
        for op in &new {
            self.ops.insert(op.key(), op.clone());
        }
        if taken.replayed {
            self.replay(base, account);
        } else {
            for op in &new {
                self.step(account, op);
            }
        }
        taken
    }

    /// Drops an op that was never pushed (Undo of this browser's own change) and replays without it.
    pub fn withdraw(&mut self, base: &Account, account: &mut Account, key: &OpKey) -> Option<SharedOp> {
        let op = self.ops.remove(key)?;
        self.replay(base, account);
        Some(op)
    }

    /// `account` = `base` with every op applied in order; the refused set is found anew.
    pub fn replay(&mut self, base: &Account, account: &mut Account) {
        *account = base.clone();
        self.refused.clear();
        let ops: Vec<SharedOp> = self.ops.values().cloned().collect();
        for op in &ops {
            self.step(account, op);
        }
    }

    fn step(&mut self, account: &mut Account, op: &SharedOp) {
        if let Err(e) = apply_shared(account, op) {
            self.refused.insert(op.key(), e);
        }
    }
}

/// This browser as one writer of a shared account: its id, the id range it claimed, its clock.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Device {
    pub id: String,
    pub slot: u32,
    /// The signed-in person (their email), who signs every op from here.
    pub author: String,
    pub seq: u64,
    /// The last id this device's ops used.
    pub ids: u32,
}

impl Device {
    pub fn new(id: String, slot: u32, author: String) -> Self {
        Device { id, slot, author, seq: 0, ids: slot << SLOT_BITS }
    }

    /// Makes a command an op of this device and applies it on top of everything known. Refused, nothing
    /// changes (no op, no sequence number used).
    pub fn author(
        &mut self,
        replica: &mut Replica,
        account: &mut Account,
        actor: Actor,
        command: Command,
        on: NaiveDate,
        at: Option<NaiveTime>,
    ) -> Result<(Option<SharedOp>, Vec<Event>), DomainError> {
        let (lamport, device, seq) = (replica.lamport() + 1, self.id.clone(), self.seq + 1);
        let op = SharedOp { lamport, device, seq, author: self.author.clone(), actor, on, at, ids: self.ids, command };
        let (events, used) = apply_shared(account, &op)?;
        // Autodesk's check for due notices that found none changed nothing: no op.
        if op.command == Command::SendDueNotices && events.is_empty() {
            return Ok((None, events));
        }
        self.seq += 1;
        self.ids = used.max(self.ids);
        replica.ops.insert(op.key(), op.clone());
        Ok((Some(op), events))
    }
}

/// This browser's link to a shared account, kept beside the account (the ops each under their own key).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sharing {
    /// The CouchDB server's address, such as https://couch.contoso-eng.com.
    pub server: String,
    pub db: String,
    pub device: Device,
    /// The `_changes` checkpoint: everything before it is stored here.
    pub since: String,
    /// This device's ops not yet on the server.
    pub pending: std::collections::BTreeSet<OpKey>,
    /// Refusals this person has read and dismissed.
    #[serde(default)]
    pub dismissed: std::collections::BTreeSet<OpKey>,
    /// Ops of this device taken back by Undo before they were sent: no tab sends them.
    #[serde(default)]
    pub withdrawn: std::collections::BTreeSet<OpKey>,
    /// Withdrawn ops that had reached the server all the same (another tab sent them): they stay.
    #[serde(default)]
    pub kept: std::collections::BTreeSet<OpKey>,
}

impl Sharing {
    pub fn new(server: String, db: String, device: Device) -> Self {
        let none = Default::default;
        let since = "0".into();
        Sharing { server, db, device, since, pending: none(), dismissed: none(), withdrawn: none(), kept: none() }
    }

    /// Two tabs write one link: what either knows is kept (the higher sequence and id range, every op
    /// waiting, dismissed or withdrawn), so that neither loses the other's op.
    pub fn merge(&mut self, stored: Sharing) {
        self.device.seq = self.device.seq.max(stored.device.seq);
        self.device.ids = self.device.ids.max(stored.device.ids);
        self.withdrawn.extend(stored.withdrawn);
        self.pending.extend(stored.pending);
        self.pending.retain(|k| !self.withdrawn.contains(k));
        self.dismissed.extend(stored.dismissed);
        self.kept.extend(stored.kept);
    }

    /// Withdrawn here and not on the server: no replica of this browser applies them.
    pub fn gone(&self) -> impl Iterator<Item = &OpKey> {
        self.withdrawn.difference(&self.kept)
    }
}

/// The server address as typed, checked: http or https, a host, no spaces or quotes (it goes into the
/// Content-Security-Policy's `connect-src`); without a trailing slash.
pub fn server_address(typed: &str) -> Result<String, String> {
    let url = typed.trim().trim_end_matches('/');
    if url.is_empty() {
        return Err("Enter the server's address, such as https://couch.example.com.".into());
    }
    if url.contains(['@', '?', '#']) {
        return Err(format!("\"{typed}\" has a name, password, query or fragment in it: enter the server's address only, such as https://couch.example.com; you sign in below."));
    }
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    let host = rest.map(|r| r.split('/').next().unwrap_or_default()).unwrap_or_default();
    let clean = !url.chars().any(|c| c.is_whitespace() || "\"';,*".contains(c));
    match (rest, host.is_empty(), clean) {
        (None, ..) => Err(format!(
            "\"{typed}\" is not a server address: enter it as https://couch.example.com (or http://127.0.0.1:5984)."
        )),
        (_, true, _) | (_, _, false) => Err(format!(
            "\"{typed}\" is not a server address: it needs a host name and no spaces, quotes or semicolons."
        )),
        _ => Ok(url.to_string()),
    }
}

/// A CouchDB database name as typed, checked: lower-case letters first, then letters, digits and _$()+-/.
pub fn database_name(typed: &str) -> Result<String, String> {
    let name = typed.trim();
    if name.is_empty() {
        return Err("Enter the database's name, such as contoso-account.".into());
    }
    let first = name.chars().next().is_some_and(|c| c.is_ascii_lowercase());
    if first && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_$()+-/".contains(c)) {
        Ok(name.to_string())
    } else {
        Err(format!("\"{typed}\" is not a database name: use lower-case letters, digits and _ $ ( ) + - /, starting with a letter."))
    }
}

/// A checksum of a snapshot's text (FNV-1a, 64 bits), kept in its document: a joining browser checks it.
pub fn checksum(text: &str) -> String {
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3));
    format!("{hash:016x}")
}

/// An op this person wrote that the rules refused once every admin's changes were in order: what and why.
/// It names what the change was about (people, products, contract), as the account knows them now.
pub fn refusal_note(acc: &Account, op: &SharedOp, why: &DomainError) -> String {
    let what = crate::domain::activity::kind(&op.command);
    let about = crate::domain::activity::targets(acc, &op.command);
    let mut names: Vec<String> =
        about.users.iter().filter(|u| acc.users.contains_key(u)).map(|u| acc.name_of(*u)).collect();
    names.extend(about.products);
    names.extend(about.contract.map(|c| format!("contract {c}")));
    let about = if names.is_empty() { String::new() } else { format!(" ({})", names.join(" · ")) };
    let on = crate::domain::lifecycle::day_month_year(op.on);
    format!("Your change \"{what}\"{about} of {on} was refused: {why}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::seed::demo_account;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    fn device(acc: &Account, id: &str, slot: u32, name: &str) -> (Device, Actor) {
        let (user, person) = acc.users.iter().find(|(id, _)| acc.name_of(**id) == name).unwrap();
        (Device::new(id.into(), slot, person.email.clone()), Actor::User(*user))
    }

    fn add(email: &str) -> Command {
        Command::AddUser { email: email.into(), first_name: "Shared".into(), last_name: "Person".into() }
    }

    #[test]
    fn a_server_address_and_a_database_name_are_checked_where_typed() {
        assert_eq!(server_address(" https://couch.contoso-eng.com/ "), Ok("https://couch.contoso-eng.com".into()));
        assert_eq!(server_address("http://127.0.0.1:5984"), Ok("http://127.0.0.1:5984".into()));
        assert!(server_address("couch.contoso-eng.com").unwrap_err().contains("https://couch.example.com"));
        assert!(server_address("https://").is_err());
        assert!(server_address("https://x.com; script-src *").is_err(), "nothing that would widen the policy");
        assert!(server_address("http://dana:secret@127.0.0.1:5984").unwrap_err().contains("sign in below"));
        assert!(server_address("http://127.0.0.1:5984/x?y=1").is_err() && server_address(" ").is_err());
        assert_eq!(database_name("contoso-account"), Ok("contoso-account".into()));
        assert!(database_name("Contoso").is_err() && database_name("").is_err() && database_name("a b").is_err());
    }

    #[test]
    fn an_op_is_a_document_and_back() {
        let base = demo_account(today());
        let (mut d, dana) = device(&base, "d1", 1, "Dana Reyes");
        let (mut replica, mut acc) = (Replica::default(), base.clone());
        let op = d.author(&mut replica, &mut acc, dana, add("one@x.com"), today(), None).unwrap().0.unwrap();
        let doc: serde_json::Value = serde_json::from_str(&op.to_doc()).unwrap();
        assert_eq!(doc["_id"], "op:000000000001:d1:00000001");
        assert_eq!(SharedOp::from_doc(&doc), Some(op));
        assert_eq!(SharedOp::from_doc(&serde_json::json!({"type": "device", "author": "x"})), None);
    }

    #[test]
    fn ids_come_from_the_authors_range_so_later_ops_still_name_them() {
        let base = demo_account(today());
        let (mut a, dana) = device(&base, "a", 1, "Dana Reyes");
        let (mut b, _) = device(&base, "b", 2, "Dana Reyes");
        let (mut ra, mut acc_a) = (Replica::default(), base.clone());
        let (mut rb, mut acc_b) = (Replica::default(), base.clone());
        let op_a = a.author(&mut ra, &mut acc_a, dana, add("from.a@x.com"), today(), None).unwrap().0.unwrap();
        let op_b = b.author(&mut rb, &mut acc_b, dana, add("from.b@x.com"), today(), None).unwrap().0.unwrap();
        let id_a = acc_a.user_by_email("from.a@x.com").unwrap();
        assert!(id_a.0 > 1 << SLOT_BITS && id_a.0 < 2 << SLOT_BITS);
        // A's second op names the user it created; B's op sorts before it on both replicas.
        let remove = Command::RemoveUsers { users: vec![id_a] };
        let op_a2 = a.author(&mut ra, &mut acc_a, dana, remove, today(), None).unwrap().0.unwrap();
        rb.take(&base, &mut acc_b, [op_a2.clone(), op_a.clone()]);
        ra.take(&base, &mut acc_a, [op_b]);
        assert_eq!(acc_a, acc_b);
        assert!(acc_a.user_by_email("from.a@x.com").is_none() && acc_a.user_by_email("from.b@x.com").is_some());
        assert!(ra.refused.is_empty() && rb.refused.is_empty());
    }

    #[test]
    fn an_op_acting_as_someone_else_than_its_author_is_refused_everywhere() {
        let base = demo_account(today());
        let (mut d, _) = device(&base, "d", 1, "Dana Reyes");
        let other = base.users.iter().find(|(_, u)| u.email != d.author).map(|(id, _)| *id).unwrap();
        let (mut replica, mut acc) = (Replica::default(), base.clone());
        let refused = d.author(&mut replica, &mut acc, Actor::User(other), add("x@x.com"), today(), None);
        assert!(matches!(refused, Err(DomainError::NotAuthor { .. })));
        assert_eq!((d.seq, acc == base), (0, true));
        let forged = SharedOp {
            lamport: 1,
            device: "d".into(),
            seq: 1,
            author: d.author.clone(),
            actor: Actor::Autodesk,
            on: today(),
            at: None,
            ids: 1 << SLOT_BITS,
            command: add("y@x.com"),
        };
        replica.take(&base, &mut acc, [forged.clone()]);
        assert!(matches!(replica.refused.get(&forged.key()), Some(DomainError::NotAuthor { .. })));
        assert_eq!(acc, base);
    }

    /// Review of issue 15: an op replayed after others may find an id of its range taken; it takes the next
    /// free one and never writes over a person (nor an email id over an email).
    #[test]
    fn an_id_already_taken_is_skipped_not_written_over() {
        let mut acc = demo_account(today());
        let (d, dana) = device(&acc, "d", 1, "Dana Reyes");
        let (&taken, person) = acc.users.iter().next().map(|(id, u)| (id, u.clone())).unwrap();
        let forged = SharedOp {
            lamport: 1,
            device: d.id.clone(),
            seq: 1,
            author: d.author.clone(),
            actor: dana,
            on: today(),
            at: None,
            ids: taken.0 - 1,
            command: add("new.person@x.com"),
        };
        let emails = acc.outbox.len();
        apply_shared(&mut acc, &forged).unwrap();
        assert_eq!(acc.users[&taken], person, "nobody is written over");
        let new = acc.user_by_email("new.person@x.com").unwrap();
        assert_ne!(new, taken);
        let ids: std::collections::BTreeSet<u32> = acc.outbox.iter().map(|e| e.id).collect();
        assert_eq!(ids.len(), acc.outbox.len(), "email ids stay unique ({} emails before)", emails);
    }
}
