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

fn is_hex8(s: &str) -> bool {
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

/// Every op this browser knows, over the snapshot they start from, and which of them the rules refused.
/// An op is applied only once the op whose clock it followed is here (`lamport - 1`, or the snapshot's 0):
/// an op with a forged far-future clock waits for ever in `held` instead of dragging every later clock past
/// what ids can hold. Which ops apply depends only on which ops there are, so every replica agrees.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Replica {
    pub ops: BTreeMap<OpKey, SharedOp>,
    pub refused: BTreeMap<OpKey, DomainError>,
    /// Ops whose clock follows no op known here (yet).
    pub held: BTreeMap<OpKey, SharedOp>,
    /// The clocks of `ops`, with how many ops hold each.
    clocks: BTreeMap<u64, usize>,
    /// The clock of the checkpoint adopted: `base` holds every op up to it.
    pub floor: u64,
    /// Ops that came in after the checkpoint that sorts after them: too late, applied nowhere.
    pub late: BTreeMap<OpKey, SharedOp>,
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

    /// The highest Lamport clock applied: a new op here gets the next one, so it sorts after all of them.
    pub fn lamport(&self) -> u64 {
        self.head().map_or(self.floor, |k| k.lamport)
    }

    /// Whether the op is known here, applied or held.
    pub fn knows(&self, key: &OpKey) -> bool {
        self.ops.contains_key(key) || self.held.contains_key(key) || self.late.contains_key(key)
    }

    /// The op under `key`, applied or held.
    pub fn get(&self, key: &OpKey) -> Option<&SharedOp> {
        self.ops.get(key).or_else(|| self.held.get(key))
    }

    fn follows(&self, lamport: u64) -> bool {
        lamport == self.floor + 1 || self.clocks.contains_key(&(lamport - 1))
    }

    fn insert(&mut self, op: SharedOp) {
        *self.clocks.entry(op.lamport).or_default() += 1;
        self.ops.insert(op.key(), op);
    }

    /// Takes in ops from anywhere, in any order and any batches (ones already known are skipped). When
    /// they all sort after the head they are applied to `account` as it is; otherwise `account` becomes
    /// `base` with every op replayed in order.
    pub fn take(&mut self, base: &Account, account: &mut Account, ops: impl IntoIterator<Item = SharedOp>) -> Taken {
        let head = self.head().cloned();
        let mut waiting: Vec<SharedOp> = ops.into_iter().filter(|op| !self.knows(&op.key())).collect();
        // Made before the checkpoint every browser starts from: in none of them.
        for op in waiting.extract_if(.., |op| op.lamport <= self.floor) {
            self.late.insert(op.key(), op);
        }
        let new_here = {
            let mut keys: Vec<OpKey> = waiting.iter().map(SharedOp::key).collect();
            keys.sort();
            keys.dedup();
            keys.len()
        };
        waiting.extend(std::mem::take(&mut self.held).into_values());
        waiting.sort_by_key(SharedOp::key);
        waiting.dedup_by(|a, b| a.key() == b.key());
        // In clock order, an op whose predecessor is applied (or just was) applies too.
        let mut fresh = Vec::new();
        for op in waiting {
            if self.follows(op.lamport) {
                self.insert(op.clone());
                fresh.push(op);
            } else {
                self.held.insert(op.key(), op);
            }
        }
        let replayed = fresh.first().is_some_and(|op| head.is_some_and(|h| op.key() < h));
        if replayed {
            self.replay(base, account);
        } else {
            for op in &fresh {
                self.step(account, op);
            }
        }
        Taken { replayed, new: new_here }
    }

    /// Drops an op that was never pushed (Undo of this browser's own change) and replays without it.
    pub fn withdraw(&mut self, base: &Account, account: &mut Account, key: &OpKey) -> Option<SharedOp> {
        let op = self.remove(key)?;
        self.replay(base, account);
        Some(op)
    }

    /// Forgets an op without replaying (the caller replays once after several).
    fn remove(&mut self, key: &OpKey) -> Option<SharedOp> {
        let op = self.ops.remove(key)?;
        if let Some(n) = self.clocks.get_mut(&op.lamport) {
            *n -= 1;
            if *n == 0 {
                self.clocks.remove(&op.lamport);
            }
        }
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

    /// The account after every op up to clock `lamport`, from `base`, leaving out `unsent` (this browser's
    /// ops not on the server yet: they go again after a checkpoint, so they are not in it).
    pub fn state_at(&self, base: &Account, lamport: u64, unsent: &std::collections::BTreeSet<OpKey>) -> Account {
        let mut account = base.clone();
        let sent = self.ops.iter().filter(|(k, _)| !unsent.contains(*k)).map(|(_, o)| o);
        for op in sent.take_while(|o| o.lamport <= lamport) {
            let _ = apply_shared(&mut account, op);
        }
        account
    }

    /// Starts from a checkpoint: `base` becomes the account at clock `lamport` and the ops up to it are
    /// dropped (returned, for storage); ops up to it that come later are too late.
    pub fn adopt(&mut self, base: &mut Account, account: &mut Account, lamport: u64, state: Account) -> Vec<SharedOp> {
        *base = state;
        self.floor = lamport;
        let keys: Vec<OpKey> = self.ops.keys().take_while(|k| k.lamport <= lamport).cloned().collect();
        for k in &keys {
            self.refused.remove(k);
        }
        let dropped = self.take_out(&keys);
        let held: Vec<OpKey> = self.held.keys().filter(|k| k.lamport <= lamport).cloned().collect();
        for k in held {
            let op = self.held.remove(&k).expect("held");
            self.late.insert(k, op);
        }
        self.replay(base, account);
        // What was held may follow the checkpoint now.
        self.take(base, account, std::iter::empty());
        dropped
    }

    /// Takes ops out without replaying (to go again under new keys).
    pub fn take_out(&mut self, keys: &[OpKey]) -> Vec<SharedOp> {
        keys.iter().filter_map(|k| self.remove(k)).collect()
    }

    /// Gives ops of this device (taken out, or dropped at a checkpoint) new keys after every op known: their
    /// ids on the server held someone else's document, their device had an older name, or a checkpoint
    /// settled before they were sent. The same changes, in the same order, sent again. Returns the old keys
    /// with the new ops.
    pub fn reissue(
        &mut self,
        base: &Account,
        account: &mut Account,
        device: &mut Device,
        mut moved: Vec<SharedOp>,
    ) -> Vec<(OpKey, SharedOp)> {
        moved.sort_by_key(SharedOp::key);
        let mut again = Vec::new();
        for op in moved {
            let old = op.key();
            device.seq += 1;
            let op = SharedOp { lamport: self.lamport() + 1, device: device.id.clone(), seq: device.seq, ..op };
            self.insert(op.clone());
            again.push((old, op));
        }
        self.replay(base, account);
        again
    }
}

/// A checkpoint is due at every multiple of this clock (and on demand), once the clock is this far past it.
pub const CHECKPOINT_EVERY: u64 = 1000;
pub const CHECKPOINT_SETTLE: u64 = 20;

/// One member's word that the account after every op up to `lamport` has the checksum `hash`, carrying the
/// account itself (an attachment), from which a joining browser starts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    pub lamport: u64,
    pub device: String,
    pub author: String,
    pub hash: String,
    /// How many ops it folds (for the Share page).
    pub ops: u64,
}

impl Checkpoint {
    pub fn doc_id(&self) -> String {
        format!("checkpoint:{:012}:{}", self.lamport, self.device)
    }

    /// Its document, with the account's text as an attachment (base64) when it carries it.
    pub fn to_doc(&self, state: Option<&str>) -> String {
        let mut doc = serde_json::json!({
            "_id": self.doc_id(), "type": "checkpoint", "lamport": self.lamport, "device": self.device,
            "author": self.author, "hash": self.hash, "ops": self.ops,
        });
        if let Some(data) = state {
            doc["_attachments"] =
                serde_json::json!({ "account.json": { "content_type": "application/json", "data": data } });
        }
        doc.to_string()
    }

    /// A checkpoint from its document, when it is one as written here (the id made of its fields, the
    /// device its author's), and whether it carries the account.
    pub fn from_doc(doc: &serde_json::Value) -> Option<(Checkpoint, bool)> {
        if doc.get("type")?.as_str()? != "checkpoint" {
            return None;
        }
        let cp: Checkpoint = serde_json::from_str(&doc.to_string()).ok()?;
        let fine = doc["_id"].as_str() == Some(cp.doc_id().as_str())
            && (1..MAX_LAMPORT).contains(&cp.lamport)
            && device_of(&cp.device, &cp.author)
            && cp.hash.len() == 16;
        fine.then(|| (cp, doc["_attachments"]["account.json"].is_object()))
    }
}

/// The checkpoints known, by clock, each checksum with who vouched for it, and the documents carrying its
/// account (every voucher's carries it: one junk attachment can't stop a join).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Checkpoints {
    pub seen: BTreeMap<u64, BTreeMap<String, std::collections::BTreeSet<String>>>,
    #[serde(default)]
    pub carriers: BTreeMap<u64, BTreeMap<String, std::collections::BTreeSet<String>>>,
    /// Who has a device in the database.
    #[serde(default)]
    pub authors: std::collections::BTreeSet<String>,
}

impl Checkpoints {
    /// Takes in what a document of the database says about checkpoints: a checkpoint's word, or a device
    /// (whose author then counts as a member).
    pub fn note(&mut self, doc: &serde_json::Value) {
        if let Some((cp, carries)) = Checkpoint::from_doc(doc) {
            self.add(&cp, carries);
        } else if doc["_id"].as_str().is_some_and(|id| id.starts_with("device:")) {
            let (device, author) =
                (doc["device"].as_str().unwrap_or_default(), doc["author"].as_str().unwrap_or_default());
            if device_of(device, author) {
                self.authors.insert(author.to_string());
            }
        }
    }

    pub fn add(&mut self, cp: &Checkpoint, carries: bool) {
        self.seen.entry(cp.lamport).or_default().entry(cp.hash.clone()).or_default().insert(cp.author.clone());
        if carries {
            self.carriers.entry(cp.lamport).or_default().entry(cp.hash.clone()).or_default().insert(cp.doc_id());
        }
    }

    /// The newest checkpoint a browser may start from: vouched for by two members with a device here, so one
    /// member can't plant an account; with the documents carrying it. Of two checksums at one clock, the
    /// one more members vouched for, then the lower: every browser comes to the same once it has read the
    /// same words, and one that started from the other moves to it (`Sharing::checkpoint_hash`).
    pub fn newest(&self) -> Option<(u64, String, Vec<String>)> {
        self.seen.iter().rev().find_map(|(lamport, hashes)| {
            let members = |who: &std::collections::BTreeSet<String>| who.intersection(&self.authors).count();
            let mut vouched: Vec<(&String, usize)> =
                hashes.iter().map(|(h, who)| (h, members(who))).filter(|(_, n)| *n >= 2).collect();
            vouched.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            let (hash, _) = vouched.first()?;
            let carriers = self.carriers.get(lamport)?.get(*hash)?;
            Some((*lamport, (*hash).clone(), carriers.iter().cloned().collect()))
        })
    }

    /// Forgets the words about clocks before `floor`: no browser starts there any more.
    pub fn prune(&mut self, floor: u64) {
        self.seen.retain(|l, _| *l >= floor);
        self.carriers.retain(|l, _| *l >= floor);
    }
}

/// The checksum of an account as a checkpoint holds it.
pub fn state_hash(account: &Account) -> (String, String) {
    let text = crate::storage::encode(&crate::storage::Envelope::new(account.clone()));
    (checksum(&text), text)
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
        replica.insert(op.clone());
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
    /// The checksum of the server's snapshot: which database this is. Another one (or none) means the
    /// database was emptied, restored or swapped, and nothing is exchanged with it.
    #[serde(default)]
    pub snapshot: String,
    /// Ops of this device sent again under new ids (another document held theirs): never sent under these.
    #[serde(default)]
    pub moved: std::collections::BTreeSet<OpKey>,
    /// The checkpoints known, the clock of the one adopted (`base` holds every op up to it), and the clocks
    /// this device has vouched for on the server.
    #[serde(default)]
    pub checkpoints: Checkpoints,
    #[serde(default)]
    pub floor: u64,
    /// The checksum of the checkpoint started from.
    #[serde(default)]
    pub checkpoint_hash: String,
    #[serde(default)]
    pub vouched: std::collections::BTreeSet<u64>,
    /// Documents under `op:` that no console takes in, each said once.
    #[serde(default)]
    pub unreadable: Vec<Unreadable>,
}

impl Sharing {
    pub fn new(server: String, db: String, device: Device) -> Self {
        Sharing {
            server,
            db,
            device,
            since: "0".into(),
            pending: Default::default(),
            dismissed: Default::default(),
            withdrawn: Default::default(),
            kept: Default::default(),
            moved: Default::default(),
            checkpoints: Default::default(),
            floor: 0,
            checkpoint_hash: String::new(),
            vouched: Default::default(),
            snapshot: String::new(),
            unreadable: Vec::new(),
        }
    }

    /// Two tabs write one link: what either knows is kept (the higher sequence and id range, every op
    /// waiting, dismissed or withdrawn), so that neither loses the other's op.
    pub fn merge(&mut self, stored: Sharing) {
        self.device.seq = self.device.seq.max(stored.device.seq);
        self.device.ids = self.device.ids.max(stored.device.ids);
        self.withdrawn.extend(stored.withdrawn);
        self.moved.extend(stored.moved);
        self.pending.extend(stored.pending);
        self.pending.retain(|k| !self.withdrawn.contains(k) && !self.moved.contains(k));
        self.dismissed.extend(stored.dismissed);
        self.kept.extend(stored.kept);
        for bad in stored.unreadable {
            if !self.unreadable.iter().any(|b| b.id == bad.id) {
                self.unreadable.push(bad);
            }
        }
        if self.snapshot.is_empty() {
            self.snapshot = stored.snapshot;
        }
        self.vouched.extend(stored.vouched);
        for (lamport, hashes) in stored.checkpoints.seen {
            for (hash, who) in hashes {
                self.checkpoints.seen.entry(lamport).or_default().entry(hash).or_default().extend(who);
            }
        }
        for (lamport, carriers) in stored.checkpoints.carriers {
            for (hash, ids) in carriers {
                self.checkpoints.carriers.entry(lamport).or_default().entry(hash).or_default().extend(ids);
            }
        }
        self.checkpoints.authors.extend(stored.checkpoints.authors);
    }

    /// Withdrawn here and not on the server: no replica of this browser applies them.
    pub fn gone(&self) -> impl Iterator<Item = &OpKey> {
        self.withdrawn.difference(&self.kept)
    }
}

/// Why a database is no longer the one this browser shares: it must not be called "synced".
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DatabaseChanged {
    /// The database is there but holds no account: emptied, or created anew after the server lost it.
    Empty,
    /// Its account is another one than the one this browser joined.
    Swapped,
    /// It is behind what this browser already read from it: restored from an older backup.
    Restored,
}

impl std::fmt::Display for DatabaseChanged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            DatabaseChanged::Empty => "The database on the server is empty now: the shared account is no longer there (the server lost it, or the database was made anew). Nothing is sent to it. This browser keeps the account as it last was here, with your changes: share this copy into the empty database so the others can join it again, or Disconnect.",
            DatabaseChanged::Swapped => "The database on the server holds another account than the one this browser shares: it was replaced. Nothing is exchanged with it. This browser keeps its copy: Disconnect, then join the account now on the server or share this copy into a new database.",
            DatabaseChanged::Restored => "The database on the server is behind this browser: it was restored from an older backup, and changes made since are missing there. Nothing is exchanged with it. This browser keeps its copy: Disconnect, then share it into a new database (the server's admin can also restore the newest backup).",
        })
    }
}

/// The leading number of a CouchDB sequence ("123-g1AAA…" in CouchDB 3, "123" in PouchDB).
fn seq_number(seq: &str) -> u64 {
    seq.trim_matches('"').split('-').next().and_then(|n| n.parse().ok()).unwrap_or(0)
}

impl Sharing {
    /// Is the server's database still the one this browser shares? `snapshot` is the checksum of its
    /// snapshot (none: there is none), `update_seq` its newest sequence.
    pub fn same_database(&self, snapshot: Option<&str>, update_seq: &str) -> Result<(), DatabaseChanged> {
        match snapshot {
            None => Err(DatabaseChanged::Empty),
            Some(hash) if !self.snapshot.is_empty() && hash != self.snapshot => Err(DatabaseChanged::Swapped),
            _ if seq_number(&self.since) > seq_number(update_seq) => Err(DatabaseChanged::Restored),
            _ => Ok(()),
        }
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

/// How far back a refused op looks for the change that took its place.
const DISPLACED_WITHIN: usize = 500;

impl Replica {
    /// The change that most likely displaced a refused op: the latest applied op before it, by someone
    /// else, about the same people, products, contract, team or group.
    pub fn displaced_by(&self, acc: &Account, key: &OpKey) -> Option<&SharedOp> {
        let op = self.ops.get(key)?;
        let mine = crate::domain::activity::targets(acc, &op.command);
        let overlaps = |t: &crate::domain::Targets| {
            t.users.iter().any(|u| mine.users.contains(u))
                || t.products.iter().any(|p| mine.products.contains(p))
                || (t.contract.is_some() && t.contract == mine.contract)
                || (t.team.is_some() && t.team == mine.team)
                || (t.group.is_some() && t.group == mine.group)
        };
        self.ops
            .range(..key.clone())
            .rev()
            .take(DISPLACED_WITHIN)
            .map(|(_, o)| o)
            .filter(|o| o.author != op.author && !self.refused.contains_key(&o.key()))
            .find(|o| overlaps(&crate::domain::activity::targets(acc, &o.command)))
    }
}

/// What a change was about (people, products, contract), as the account knows them now.
fn about(acc: &Account, command: &Command) -> String {
    let about = crate::domain::activity::targets(acc, command);
    let mut names: Vec<String> =
        about.users.iter().filter(|u| acc.users.contains_key(u)).map(|u| acc.name_of(*u)).collect();
    names.extend(about.products);
    names.extend(about.contract.map(|c| format!("contract {c}")));
    if names.is_empty() {
        String::new()
    } else {
        format!(" ({})", names.join(" · "))
    }
}

/// The person who signed with `email`, by name when the account knows them.
pub fn signer(acc: &Account, email: &str) -> String {
    acc.user_by_email(email).map_or_else(|| email.to_string(), |u| acc.name_of(u))
}

/// An op this person wrote that the rules refused once every admin's changes were in order: what and why,
/// and which change, by whom, came first.
pub fn refusal_note(acc: &Account, op: &SharedOp, why: &DomainError, displaced: Option<&SharedOp>) -> String {
    let what = crate::domain::activity::kind(&op.command);
    let on = crate::domain::lifecycle::day_month_year(op.on);
    let mut note = format!("Your change \"{what}\"{} of {on} was refused: {why}", about(acc, &op.command));
    if let Some(first) = displaced {
        let (what, on) =
            (crate::domain::activity::kind(&first.command), crate::domain::lifecycle::day_month_year(first.on));
        note.push_str(&format!(
            " It was displaced by {}'s change \"{what}\"{} of {on}, which came first.",
            signer(acc, &first.author),
            about(acc, &first.command)
        ));
    }
    note
}

/// A change another member wrote that no console takes in: said once, with who wrote it.
pub fn unreadable_note(acc: &Account, bad: &Unreadable) -> String {
    let who = signer(acc, &bad.author);
    format!(
        "A change from {who} in the shared account was left out by every browser: {}. Sharing goes on without it.",
        bad.why
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::seed::demo_account;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    fn device(acc: &Account, slot: u32, name: &str) -> (Device, Actor) {
        let (user, person) = acc.users.iter().find(|(id, _)| acc.name_of(**id) == name).unwrap();
        let id = device_name(&person.email, &format!("{slot:08x}"));
        (Device::new(id, slot, person.email.clone()), Actor::User(*user))
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
        let (mut d, dana) = device(&base, 1, "Dana Reyes");
        let (mut replica, mut acc) = (Replica::default(), base.clone());
        let op = d.author(&mut replica, &mut acc, dana, add("one@x.com"), today(), None).unwrap().0.unwrap();
        let doc: serde_json::Value = serde_json::from_str(&op.to_doc()).unwrap();
        assert_eq!(doc["_id"], "op:000000000001:dana.reyes@contoso-eng.com~00000001:00000001");
        assert_eq!(SharedOp::from_doc(&doc), Ok(op));
        assert!(SharedOp::from_doc(&serde_json::json!({"type": "device", "author": "x"})).is_err());
    }

    #[test]
    fn ids_come_from_the_authors_range_so_later_ops_still_name_them() {
        let base = demo_account(today());
        let (mut a, dana) = device(&base, 1, "Dana Reyes");
        let (mut b, _) = device(&base, 2, "Dana Reyes");
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
        let (mut d, _) = device(&base, 1, "Dana Reyes");
        let other = base.users.iter().find(|(_, u)| u.email != d.author).map(|(id, _)| *id).unwrap();
        let (mut replica, mut acc) = (Replica::default(), base.clone());
        let refused = d.author(&mut replica, &mut acc, Actor::User(other), add("x@x.com"), today(), None);
        assert!(matches!(refused, Err(DomainError::NotAuthor { .. })));
        assert_eq!((d.seq, acc == base), (0, true));
        let forged = SharedOp {
            lamport: 1,
            device: d.id.clone(),
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
        let (d, dana) = device(&acc, 1, "Dana Reyes");
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
