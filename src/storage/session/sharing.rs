//! The session of a shared account (issue 15): changes become ops signed by the signed-in person, ops from
//! other admins come in through `take_shared`, and the network side (`storage::couch`, driven by the UI)
//! only moves documents. The account stays the snapshot plus every op in order.

use super::{replay, Backend, Found, Refusal, Session, StorageState};
use crate::domain::{Actor, Command, DomainError, Event, UserId};
use crate::storage::shared::{
    checksum, refusal_note, signer, state_hash, unreadable_note, Checkpoint, DatabaseChanged, Device, OpKey, Replica,
    SharedOp, Sharing, CHECKPOINT_EVERY, CHECKPOINT_SETTLE,
};
use crate::storage::Envelope;
use serde_json::Value;
use std::collections::BTreeSet;

mod checkpoints;
mod exchange;

/// A shared account in this session: the link, every op known, and the ops on their way to the server.
#[derive(Debug)]
pub struct Shared {
    pub link: Sharing,
    pub replica: Replica,
    /// Handed to a push at least once: Undo leaves them alone.
    sending: BTreeSet<OpKey>,
    /// Known to be on the server (answered, or back through the feed): never waiting again, whatever a
    /// stale tab's link says.
    acked: BTreeSet<OpKey>,
    /// Ops known here that local storage refused to keep (it was full): written with the next save, and
    /// until then the feed's checkpoint does not move past them.
    unsaved: Vec<SharedOp>,
    /// Checkpoints to send (with the account's text when this one carries it), and clocks at which this
    /// browser's account differs from every checkpoint known (not vouched for, not computed again).
    checkpoints_out: Vec<(Checkpoint, Option<String>)>,
    differs: BTreeSet<u64>,
    /// The checkpoint to start from, once its account is fetched.
    fetch: Option<Fetch>,
}

/// A checkpoint to start from whose account this browser must fetch: its own differs.
#[derive(Clone, Debug, PartialEq)]
pub struct Fetch {
    pub lamport: u64,
    pub hash: String,
    /// The documents that carry the account: the first whose account has the checksum is used.
    pub docs: Vec<String>,
}

impl Shared {
    fn new(link: Sharing, mut replica: Replica) -> Self {
        replica.floor = link.floor;
        Shared {
            link,
            replica,
            sending: BTreeSet::new(),
            acked: BTreeSet::new(),
            unsaved: Vec::new(),
            checkpoints_out: Vec::new(),
            differs: BTreeSet::new(),
            fetch: None,
        }
    }

    /// Takes in the link another tab stored (`Sharing::merge`); what is known to be on the server stays off
    /// the waiting list.
    fn merge(&mut self, stored: Sharing) {
        self.link.merge(stored);
        self.link.pending.retain(|k| !self.acked.contains(k));
    }

    /// This browser's word that the account at `lamport` has checksum `hash`.
    fn checkpoint(&self, lamport: u64, hash: String) -> Checkpoint {
        let ops = self.replica.ops.keys().take_while(|k| k.lamport <= lamport).count() as u64;
        let (device, author) = (self.link.device.id.clone(), self.link.device.author.clone());
        Checkpoint { lamport, device, author, hash, ops }
    }

    /// This person's ops that the rules refused, and why (dismissed ones too).
    fn own_refused(&self) -> impl Iterator<Item = (&SharedOp, &DomainError)> {
        let ops = &self.replica.ops;
        self.replica
            .refused
            .iter()
            .filter_map(move |(k, why)| ops.get(k).map(|op| (op, why)))
            .filter(|(op, _)| op.author == self.link.device.author)
    }
}

/// What the status line says about sharing.
#[derive(Clone, Debug, PartialEq)]
pub struct SyncStatus {
    pub server: String,
    pub db: String,
    pub author: String,
    /// This browser's changes not yet on the server.
    pub waiting: usize,
    /// This person's changes that the rules refused once every admin's changes were in order.
    pub refused: Vec<String>,
    /// Changes other members wrote that no console takes in.
    pub unreadable: Vec<String>,
    /// Local storage could not keep what came in or was made here: why, and what to do.
    pub not_saved: Option<String>,
    /// The checkpoint this browser starts from (its clock, 0 for the first snapshot), who vouched for it,
    /// and how many changes are kept here since.
    pub checkpoint: (u64, Vec<String>),
    pub since_checkpoint: usize,
}

pub const SHARED_READ_ONLY: &str =
    "This account is shared: disconnect on the Share page first (this browser keeps its copy).";

impl<B: Backend> Session<B> {
    /// Picks sharing up again at start-up from what the backend kept.
    pub(super) fn resume_shared(&mut self) {
        let Some((link, ops)) = self.backend.load_shared() else { return };
        let Ok(mut link) = serde_json::from_str::<Sharing>(&link) else { return };
        // The snapshot was written before the link: it may already hold a newer checkpoint.
        link.floor = link.floor.max(self.base.checkpoint);
        let ops: Vec<SharedOp> = ops.iter().filter_map(|o| serde_json::from_str(o).ok()).collect();
        // An op stored just before a tab died, its link not yet: it is this device's, and still to send.
        let seq = link.device.seq;
        for op in ops.iter().filter(|o| o.device == link.device.id && o.seq > seq) {
            link.device.seq = link.device.seq.max(op.seq);
            link.pending.insert(op.key());
        }
        let replica = Replica::default();
        self.env.viewing_as = self.env.account.user_by_email(&link.device.author).or(self.env.viewing_as);
        let sh = self.shared.insert(Shared::new(link, replica));
        sh.replica.take(&self.base.account, &mut self.env.account, ops);
        // Waiting changes a checkpoint passed before they were sent (the tab died while it was taken): they
        // go after it, as the same changes.
        let stranded: Vec<SharedOp> = sh.link.pending.iter().filter_map(|k| sh.replica.late.remove(k)).collect();
        if !stranded.is_empty() {
            self.resend(stranded, None);
        }
    }

    /// Another tab started or stopped sharing: everything is read again, as at start-up.
    pub(super) fn switch_sharing(&mut self) -> bool {
        let Found::Account(stored) = self.backend.load() else { return false };
        self.env = replay(&stored.base, &stored.entries);
        (self.base, self.entries) = (stored.base, stored.entries);
        (self.history, self.ready) = Default::default();
        self.backend.save_history(&self.history);
        self.shared = None;
        self.resume_shared();
        true
    }

    /// The link as stored, which another tab of this browser may have written since.
    fn stored_link(&self) -> Option<Sharing> {
        self.backend.load_shared_link().and_then(|l| serde_json::from_str(&l).ok())
    }

    pub fn sharing(&self) -> Option<&Sharing> {
        self.shared.as_ref().map(|s| &s.link)
    }

    /// The signed-in person acts in a shared account, whoever "Viewing as" named.
    pub(super) fn shared_actor(&self) -> Option<Option<UserId>> {
        let sh = self.shared.as_ref()?;
        Some(self.env.account.user_by_email(&sh.link.device.author))
    }

    /// Takes in what another tab of this browser stored: its ops, and the device's sequence and waiting ops
    /// (both tabs write as one device). Another tab's Disconnect ends sharing here too.
    pub fn reload_shared(&mut self) -> bool {
        if self.backend.load_shared_link().is_some() != self.shared.is_some() {
            return self.switch_sharing();
        }
        let Some((link, ops)) = self.backend.load_shared() else { return false };
        let Ok(link) = serde_json::from_str::<Sharing>(&link) else { return false };
        // Another tab started from a newer checkpoint: its base is the stored one now.
        if self.shared.as_ref().is_some_and(|sh| link.floor > sh.replica.floor || link.device.id != sh.link.device.id) {
            return self.switch_sharing();
        }
        let Some(sh) = &mut self.shared else { return false };
        let ops: Vec<SharedOp> = ops.iter().filter_map(|o| serde_json::from_str(o).ok()).collect();
        let taken = sh.replica.take(&self.base.account, &mut self.env.account, ops);
        let before = (sh.link.device.seq, sh.link.pending.clone());
        sh.merge(link);
        // Ops another tab took back: gone here too.
        // Ops another tab took back, or sent again under new ids (this tab's own copy of them, not a
        // document the server holds under the old id).
        let device = &sh.link.device.id;
        let moved = sh
            .link
            .moved
            .iter()
            .filter(|k| sh.replica.ops.get(k).is_some_and(|o| o.device == *device) && !sh.acked.contains(k));
        let gone: Vec<OpKey> =
            sh.link.gone().chain(moved).filter(|k| sh.replica.ops.contains_key(k)).cloned().collect();
        for k in &gone {
            sh.replica.withdraw(&self.base.account, &mut self.env.account, k);
        }
        if taken.new > 0 || !gone.is_empty() {
            self.env.revision += 1;
        }
        taken.new > 0 || !gone.is_empty() || before != (sh.link.device.seq, sh.link.pending.clone())
    }

    /// A change in a shared account: an op signed by this device, stored at once, pushed by the sync loop.
    pub(super) fn apply_shared(&mut self, actor: Actor, command: Command) -> Option<Result<Vec<Event>, Refusal>> {
        // Another tab may have written an op as this device since: never reuse its sequence number.
        let seq = self.shared.as_ref()?.link.device.seq;
        if self.stored_link().is_some_and(|l| l.device.seq > seq) {
            self.reload_shared();
        }
        let at = self.time_of_day();
        let sh = self.shared.as_mut()?;
        let authored = sh.link.device.author(&mut sh.replica, &mut self.env.account, actor, command, self.today, at);
        let (op, events) = match authored {
            Ok(done) => done,
            Err(e) => return Some(Err(e.into())),
        };
        if let Some(op) = op {
            sh.link.pending.insert(op.key());
            self.env.revision += 1;
            self.save_shared(&[op], &[]);
        }
        Some(Ok(events))
    }

    /// Stores ops (with any that storage refused before) and the link; false when storage refused, and
    /// then the ops are kept to be written with the next save.
    fn save_shared(&mut self, ops: &[SharedOp], dropped: &[OpKey]) -> bool {
        let stored = self.stored_link();
        let Some(sh) = &mut self.shared else { return true };
        if let Some(stored) = stored.filter(|s| s.device.id == sh.link.device.id) {
            sh.merge(stored);
        }
        let link = serde_json::to_string(&sh.link).expect("links serialize");
        let mut all = std::mem::take(&mut sh.unsaved);
        all.retain(|o| !dropped.contains(&o.key()));
        all.extend(ops.iter().cloned());
        let texts: Vec<(String, String)> =
            all.iter().map(|o| (o.key().doc_id(), serde_json::to_string(o).expect("ops serialize"))).collect();
        let dropped: Vec<String> = dropped.iter().map(OpKey::doc_id).collect();
        match self.backend.save_shared(&link, &texts, &dropped) {
            Ok(()) => {
                self.storage = StorageState::Saving;
                true
            }
            Err(e) => {
                sh.unsaved = all;
                self.storage = StorageState::NotSaved(e);
                false
            }
        }
    }

    /// Starts sharing this account: `base` is the snapshot the server now holds (this account, unchanged
    /// since it was sent). The journal folds into it; Undo starts afresh.
    pub fn share(&mut self, link: Sharing, base: Envelope) -> Result<(), Refusal> {
        if base.account != self.env.account {
            return Err(Refusal::ReadOnly("The account changed while it was being sent: share it again.".into()));
        }
        self.start_shared(link, base, Vec::new());
        Ok(())
    }

    /// Joins a shared account: this browser's copy is replaced by the server's snapshot and its ops.
    pub fn join(&mut self, mut link: Sharing, base: Envelope, docs: &[Value]) -> Result<(), String> {
        let (ops, unreadable) = SharedOp::read_all(docs);
        link.unreadable = unreadable;
        self.start_shared(link, base, ops);
        Ok(())
    }

    fn start_shared(&mut self, link: Sharing, mut base: Envelope, ops: Vec<SharedOp>) {
        // A new link: nothing of a database shared before stays (sharing again into an emptied one).
        self.backend.forget_shared();
        base.as_of = None;
        base.checkpoint = link.floor;
        base.viewing_as = base.account.user_by_email(&link.device.author).or(base.viewing_as);
        self.start_over(base);
        self.today = self.real_today;
        let sh = self.shared.insert(Shared::new(link, Replica::default()));
        sh.replica.take(&self.base.account, &mut self.env.account, ops.clone());
        self.save_shared(&ops, &[]);
    }

    /// Stops sharing: the account as it is now stays in this browser, as its own again.
    pub fn leave(&mut self) {
        if self.shared.take().is_some() {
            let mut env = self.env.clone();
            env.revision += 1;
            env.checkpoint = 0;
            self.start_over(env);
            self.backend.forget_shared();
        }
    }

    /// Local storage refused ops this browser holds: each save tries them again.
    pub fn unsaved_shared(&self) -> bool {
        self.shared.as_ref().is_some_and(|sh| !sh.unsaved.is_empty())
    }

    /// Undo in a shared account: this person's last change that is not on the server yet.
    pub(super) fn undo_shared(&mut self, back: bool) -> Option<Result<bool, Refusal>> {
        let sh = self.shared.as_ref()?;
        let mine = sh.replica.ops.values().any(|o| o.device == sh.link.device.id && o.command.is_admin_change());
        if !back || !mine {
            return Some(Ok(false));
        }
        let Some(key) = self.shared_undo_step() else {
            return Some(Err(Refusal::ReadOnly(
                "Your last change is already shared with the other admins: make the opposite change to take it back."
                    .into(),
            )));
        };
        let sh = self.shared.as_mut()?;
        sh.replica.withdraw(&self.base.account, &mut self.env.account, &key);
        sh.link.pending.remove(&key);
        sh.link.withdrawn.insert(key.clone());
        self.env.revision += 1;
        self.save_shared(&[], &[key]);
        Some(Ok(true))
    }

    /// The op Undo would take back: the newest admin change of this device still waiting to be pushed.
    pub(super) fn shared_undo_step(&self) -> Option<OpKey> {
        let sh = self.shared.as_ref()?;
        let last = sh.replica.ops.values().rev().find(|o| o.device == sh.link.device.id)?;
        let waiting = sh.link.pending.contains(&last.key()) && !sh.sending.contains(&last.key());
        (waiting && last.command.is_admin_change()).then(|| last.key())
    }

    /// This person has read the refusals shown: they leave the list and the header.
    pub fn dismiss_refused(&mut self) {
        let Some(sh) = &mut self.shared else { return };
        let mine: Vec<OpKey> = sh.own_refused().map(|(op, _)| op.key()).collect();
        sh.link.dismissed.extend(mine);
        self.env.revision += 1;
        self.save_shared(&[], &[]);
    }

    pub fn sync_status(&self) -> Option<SyncStatus> {
        let sh = self.shared.as_ref()?;
        let refused = sh
            .own_refused()
            .filter(|(op, _)| !sh.link.dismissed.contains(&op.key()))
            .map(|(op, why)| {
                refusal_note(&self.env.account, op, why, sh.replica.displaced_by(&self.env.account, &op.key()))
            })
            .collect();
        let unreadable = sh.link.unreadable.iter().map(|b| unreadable_note(&self.env.account, b)).collect();
        let not_saved = (!sh.unsaved.is_empty()).then(|| "This browser's storage is full: changes are kept in this tab only, and those from the server are read again once there is room. Export the account (data menu) or free space for this site, and keep this tab open.".to_string());
        Some(SyncStatus {
            server: sh.link.server.clone(),
            db: sh.link.db.clone(),
            author: sh.link.device.author.clone(),
            waiting: sh.link.pending.len(),
            refused,
            unreadable,
            not_saved,
            checkpoint: (sh.replica.floor, self.vouchers(sh.replica.floor)),
            since_checkpoint: sh.replica.ops.len(),
        })
    }
}
