//! Checkpoints: who vouched for which checksum of the account at which clock; the newest two members agree on.

use super::*;

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
