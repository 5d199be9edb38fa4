//! The link a shared browser keeps: its device, the server and database (checked as typed), the feed's
//! position, and the database's identity (`same_database`).

use super::*;

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
pub(super) fn seq_number(seq: &str) -> u64 {
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
