//! An op: one command as a shared document, with its author, device, Lamport clock and id range, read strictly
//! (`from_doc`), and applied only as its author with ids from its range (`apply_shared`).

use super::*;

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

/// The Lamport clocks and sequence numbers an op's id can hold (12 and 8 digits): the server refuses others.
pub const MAX_LAMPORT: u64 = 1_000_000_000_000;

pub const MAX_SEQ: u64 = 100_000_000;

/// The schema of op documents.
pub const OP_SCHEMA: u32 = 1;

/// Each device's id range: device slot `n` (claimed once on the server) allocates from `n << 20` on.
pub const SLOT_BITS: u32 = 20;

/// A device's name carries its author (`<email>~<8 hex digits>`), so the server can refuse an op written
/// under another person's device. Devices named before that (8 hex digits alone) are still read.
pub fn device_name(author: &str, hex: &str) -> String {
    format!("{author}~{hex}")
}

pub(super) fn is_hex8(s: &str) -> bool {
    s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// Whether `device` may write as `author`: its own name, or a device named before names carried authors.
pub fn device_of(device: &str, author: &str) -> bool {
    is_hex8(device) || device.strip_prefix(author).and_then(|r| r.strip_prefix('~')).is_some_and(is_hex8)
}

/// A document under `op:` that this console can't take in: refused alike in every browser, because every
/// browser reads the same document the same way.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unreadable {
    pub id: String,
    /// Who signed it, as written (a member of the database: the server checks the signature).
    pub author: String,
    pub why: String,
}

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

    /// The ops among a feed's documents (devices and snapshots are passed over), and the `op:` documents
    /// this console can't read, each with why.
    pub fn read_all(docs: &[serde_json::Value]) -> (Vec<SharedOp>, Vec<Unreadable>) {
        let is_op = |d: &&serde_json::Value| d["_id"].as_str().is_some_and(|id| id.starts_with("op:"));
        let (mut ops, mut unreadable) = (Vec::new(), Vec::new());
        for doc in docs.iter().filter(is_op) {
            match SharedOp::from_doc(doc) {
                Ok(op) => ops.push(op),
                Err(why) => unreadable.push(Unreadable {
                    id: doc["_id"].as_str().unwrap_or_default().to_string(),
                    author: doc["author"].as_str().unwrap_or("someone unknown").to_string(),
                    why,
                }),
            }
        }
        (ops, unreadable)
    }

    /// An op from its document, or why this console can't take it: every field in the range its id can
    /// hold, the id made of its own fields, and a device of its author's.
    pub fn from_doc(doc: &serde_json::Value) -> Result<SharedOp, String> {
        if doc.get("type").and_then(|t| t.as_str()) != Some("op") {
            return Err("it is not marked as a change (type \"op\")".into());
        }
        if doc.get("schema").and_then(|t| t.as_u64()) != Some(OP_SCHEMA as u64) {
            return Err(format!("it was written in another format than this console's (schema {OP_SCHEMA})"));
        }
        // From text, not `from_value`: that would compile every command's reader a second time.
        let op: SharedOp = serde_json::from_str(&doc.to_string()).map_err(|e| {
            let e = e.to_string();
            if let Some(kind) = e.strip_prefix("unknown variant `").and_then(|r| r.split('`').next()) {
                format!("it is a kind of change this console doesn't know ({kind}): a newer console wrote it")
            } else {
                format!("it can't be read ({e})")
            }
        })?;
        if !(1..MAX_LAMPORT).contains(&op.lamport) || !(1..MAX_SEQ).contains(&op.seq) {
            return Err("its clock or sequence number is out of range".into());
        }
        if doc["_id"].as_str() != Some(op.key().doc_id().as_str()) {
            return Err("its id is not made of its own clock, device and sequence number".into());
        }
        if !device_of(&op.device, &op.author) {
            return Err(format!("it was written under a device of someone else than {}", op.author));
        }
        Ok(op)
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
    let applied = apply_at(acc, op.actor, op.command.clone(), op.on, op.at, None);
    let used = acc.next_id.max(acc.last_email);
    // Only ids the op really used move the account's counters, so an op that creates nothing leaves them be.
    let moved = |before: u32, now: u32| if now > op.ids { before.max(now) } else { before };
    (acc.next_id, acc.last_email) = match applied {
        Ok(_) => (moved(next_id, acc.next_id), moved(last_email, acc.last_email)),
        Err(_) => (next_id, last_email),
    };
    applied.map(|events| (events, used))
}
