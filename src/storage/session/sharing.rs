//! The session of a shared account (issue 15): changes become ops signed by the signed-in person, ops from
//! other admins come in through `take_shared`, and the network side (`storage::couch`, driven by the UI)
//! only moves documents. The account stays the snapshot plus every op in order.

use super::{replay, Backend, Found, History, Refusal, Session, StorageState};
use crate::domain::{Actor, Command, DomainError, Event, UserId};
use crate::storage::shared::{
    checksum, refusal_note, signer, state_hash, unreadable_note, Checkpoint, DatabaseChanged, Device, OpKey, Replica,
    SharedOp, Sharing, CHECKPOINT_EVERY, CHECKPOINT_SETTLE,
};
use crate::storage::Envelope;
use serde_json::Value;
use std::collections::BTreeSet;

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
        self.history = History::default();
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

    /// This device's ops the server doesn't have yet, as documents. Once sent, an op is never taken back by
    /// Undo: the server may have written it even when its answer was lost. (Sent twice, an op is answered
    /// `conflict` the second time: harmless.)
    pub fn outgoing(&mut self) -> Vec<(String, String)> {
        let Some(sh) = &mut self.shared else { return Vec::new() };
        sh.sending.extend(sh.link.pending.iter().cloned());
        sh.link.pending.iter().filter_map(|k| sh.replica.ops.get(k)).map(|o| (o.key().doc_id(), o.to_doc())).collect()
    }

    /// Checkpoints this browser vouches for, not yet on the server, with the account's text when carried.
    pub fn checkpoints_out(&self) -> Vec<(Checkpoint, Option<String>)> {
        self.shared.as_ref().map(|sh| sh.checkpoints_out.clone()).unwrap_or_default()
    }

    /// The link's record of which database this is: its snapshot's checksum, and how far this browser read.
    pub fn check_database(&mut self, snapshot: Option<&str>, update_seq: &str) -> Result<(), DatabaseChanged> {
        let Some(sh) = &mut self.shared else { return Ok(()) };
        sh.link.same_database(snapshot, update_seq)?;
        // A link from before databases were told apart learns this one's snapshot now.
        if sh.link.snapshot.is_empty() {
            sh.link.snapshot = snapshot.unwrap_or_default().to_string();
            self.save_shared(&[], &[]);
        }
        Ok(())
    }

    /// Ops from the `_changes` feed up to `since`: taken in and stored. Returns what this person is told
    /// now: their changes that other admins' earlier ones made the rules refuse, changes no console can read
    /// (left out alike everywhere; the feed goes on), and their own changes whose id someone else's document
    /// took (sent again under a new one). When local storage can't keep the ops, the checkpoint stays.
    pub fn take_shared(&mut self, docs: &[Value], since: String) -> Vec<String> {
        let (mut ops, unreadable) = SharedOp::read_all(docs);
        let Some(sh) = &mut self.shared else { return Vec::new() };
        for doc in docs {
            sh.link.checkpoints.note(doc);
        }
        let before: BTreeSet<OpKey> = sh.own_refused().map(|(op, _)| op.key()).collect();
        // The server's document under an id is the one every browser reads: where this browser holds
        // another of its own under that id, its own goes again under a new id.
        let taken: Vec<(String, String)> = ops
            .iter()
            .filter(|o| sh.replica.get(&o.key()).is_some_and(|mine| mine != *o))
            .map(|o| (o.key().doc_id(), o.author.clone()))
            .chain(unreadable.iter().map(|b| (b.id.clone(), b.author.clone())))
            .collect();
        let mut told = self.taken_over(&taken);
        let Some(sh) = &mut self.shared else { return told };
        // An op of this device that is on the server was pushed (its answer lost, say).
        sh.acked.extend(ops.iter().filter(|o| o.device == sh.link.device.id).map(SharedOp::key));
        sh.link.pending.retain(|k| !sh.acked.contains(k));
        // One taken back here that had reached the server all the same stays, and its author is told.
        let returned: Vec<&SharedOp> = ops.iter().filter(|o| sh.link.gone().any(|k| *k == o.key())).collect();
        for op in returned {
            sh.link.kept.insert(op.key());
            let what = crate::domain::activity::kind(&op.command);
            told.push(format!("Your change \"{what}\" had reached the server before you undid it, so it stays: make the opposite change to take it back."));
        }
        ops.retain(|o| !sh.replica.knows(&o.key()));
        let taken = sh.replica.take(&self.base.account, &mut self.env.account, ops.clone());
        if taken.new > 0 {
            self.env.revision += 1;
        }
        let acc = &self.env.account;
        for bad in unreadable {
            if !sh.link.unreadable.iter().any(|b| b.id == bad.id) {
                told.push(unreadable_note(acc, &bad));
                sh.link.unreadable.push(bad);
            }
        }
        told.extend(
            sh.own_refused()
                .filter(|(op, _)| !before.contains(&op.key()) && !sh.link.dismissed.contains(&op.key()))
                .map(|(op, why)| refusal_note(acc, op, why, sh.replica.displaced_by(acc, &op.key()))),
        );
        let late: Vec<OpKey> =
            ops.iter().filter(|o| sh.replica.late.contains_key(&o.key())).map(SharedOp::key).collect();
        told.extend(self.too_late(&late));
        self.settle();
        let Some(sh) = &mut self.shared else { return told };
        // What a checkpoint just folded (or came too late) is not kept.
        ops.retain(|o| sh.replica.ops.contains_key(&o.key()) || sh.replica.held.contains_key(&o.key()));
        // Storage refusing them, the ops wait in `unsaved` and are written before the link that holds the
        // new feed checkpoint: the stored checkpoint never passes an op that is not stored.
        sh.link.since = since;
        self.save_shared(&ops, &[]);
        told
    }

    /// The server answered a push: `held` are the doc ids it wrote or holds this browser's very op under,
    /// `taken` the ids under which it holds someone else's document (with its author).
    pub fn pushed(&mut self, held: &[String], taken: &[(String, String)]) -> Vec<String> {
        let Some(sh) = &mut self.shared else { return Vec::new() };
        let ours: Vec<OpKey> = sh.link.pending.iter().filter(|k| held.contains(&k.doc_id())).cloned().collect();
        sh.acked.extend(ours);
        sh.link.pending.retain(|k| !sh.acked.contains(k));
        for (cp, state) in sh.checkpoints_out.extract_if(.., |(cp, _)| held.contains(&cp.doc_id())) {
            sh.link.vouched.insert(cp.lamport);
            sh.link.checkpoints.add(&cp, state.is_some());
        }
        let told = self.taken_over(taken);
        self.save_shared(&[], &[]);
        told
    }

    /// This person's ops that came in after a checkpoint that sorts after them: applied nowhere, each told.
    /// (Those still waiting here when a checkpoint passes them go again after it: `adopt`.)
    fn too_late(&self, late: &[OpKey]) -> Vec<String> {
        let Some(sh) = &self.shared else { return Vec::new() };
        let author = &sh.link.device.author;
        late.iter()
            .filter_map(|k| sh.replica.late.get(k))
            .filter(|o| o.author == *author)
            .map(|op| {
                let what = crate::domain::activity::kind(&op.command);
                let on = crate::domain::lifecycle::day_month_year(op.on);
                format!("Your change \"{what}\" of {on} came too late: it was made before a checkpoint the other admins had already settled, so no browser applies it. Make the change again.")
            })
            .collect()
    }

    /// After the feed: start from the newest checkpoint two members vouched for (fetching its account when
    /// this browser's differs), send this browser's own word for checkpoints it reached, and write one at
    /// every `CHECKPOINT_EVERY` clocks. This person's waiting ops that sort before the new start go again
    /// after it.
    fn settle(&mut self) {
        let Some(sh) = &mut self.shared else { return };
        let (floor, started) = (sh.replica.floor, sh.link.checkpoint_hash.clone());
        // A newer checkpoint, or another checksum at the one started from that more members vouched for.
        let chosen = sh.link.checkpoints.newest().filter(|(l, h, _)| *l > floor || (*l == floor && *h != started));
        if let Some((lamport, hash, docs)) = chosen {
            let mut adopted = false;
            if lamport > floor && sh.replica.lamport() >= lamport && !sh.differs.contains(&lamport) {
                let state = sh.replica.state_at(&self.base.account, lamport, &sh.link.pending);
                if state_hash(&state).0 == hash {
                    adopted = self.adopt(lamport, hash.clone(), state);
                } else {
                    sh.differs.insert(lamport);
                }
            }
            if let (false, Some(sh)) = (adopted, &mut self.shared) {
                sh.fetch = Some(Fetch { lamport, hash, docs });
            }
        }
        let Some(sh) = &mut self.shared else { return };
        let head = sh.replica.lamport();
        let due = (head.saturating_sub(CHECKPOINT_SETTLE) / CHECKPOINT_EVERY) * CHECKPOINT_EVERY;
        let mut clocks: Vec<u64> = sh.link.checkpoints.seen.keys().copied().filter(|l| *l <= head).collect();
        if due > 0 {
            clocks.push(due);
        }
        let queued: BTreeSet<u64> = sh.checkpoints_out.iter().map(|(cp, _)| cp.lamport).collect();
        clocks.retain(|l| {
            *l > sh.replica.floor && !sh.link.vouched.contains(l) && !sh.differs.contains(l) && !queued.contains(l)
        });
        clocks.sort();
        clocks.dedup();
        for lamport in clocks {
            let state = sh.replica.state_at(&self.base.account, lamport, &sh.link.pending);
            let (hash, text) = state_hash(&state);
            // Vouch for another's word only when it is this browser's account too; at a multiple of
            // CHECKPOINT_EVERY give this browser's own word, whatever others wrote there.
            let known = sh.link.checkpoints.seen.get(&lamport).is_some_and(|k| k.contains_key(&hash));
            if lamport != due && !known {
                sh.differs.insert(lamport);
                continue;
            }
            let cp = sh.checkpoint(lamport, hash);
            sh.checkpoints_out.push((cp, Some(text)));
        }
    }

    /// "Make a checkpoint now" (the Share page): the account after every change known here, sent with this
    /// browser's word for it; it is started from once another member vouches for it too.
    pub fn checkpoint_now(&mut self) -> Result<u64, String> {
        let sh = self.shared.as_ref().ok_or("This account is not shared.")?;
        let lamport = sh.replica.lamport();
        if lamport <= sh.replica.floor {
            return Err("Nothing changed since the last checkpoint.".into());
        }
        // This browser's own waiting ops go to the server just before the checkpoint: they are in it.
        let (hash, text) = state_hash(&sh.replica.state_at(&self.base.account, lamport, &BTreeSet::new()));
        let sh = self.shared.as_mut().ok_or("This account is not shared.")?;
        let cp = sh.checkpoint(lamport, hash);
        sh.checkpoints_out.retain(|(c, _)| c.lamport != lamport);
        sh.checkpoints_out.push((cp, Some(text)));
        Ok(lamport)
    }

    /// Local storage refused ops this browser holds: each save tries them again.
    pub fn unsaved_shared(&self) -> bool {
        self.shared.as_ref().is_some_and(|sh| !sh.unsaved.is_empty())
    }

    /// The checkpoint account to fetch before this browser can start from it.
    pub fn fetch_needed(&self) -> Option<Fetch> {
        self.shared.as_ref()?.fetch.clone()
    }

    /// The fetched account of a checkpoint: checked against its checksum, then started from (when storage
    /// takes its snapshot; else it is fetched again later).
    pub fn adopt_fetched(&mut self, fetch: &Fetch, text: &str) -> Result<Vec<String>, String> {
        if checksum(text) != fetch.hash {
            return Err("The checkpoint's account does not match its checksum: it was not used.".into());
        }
        let env = crate::storage::decode(text).map_err(|e| e.to_string())?;
        let sh = self.shared.as_mut().ok_or("This account is not shared.")?;
        let (floor, started) = (sh.replica.floor, &sh.link.checkpoint_hash);
        if fetch.lamport < floor || (fetch.lamport == floor && fetch.hash == *started) {
            sh.fetch = None;
            return Ok(Vec::new());
        }
        if !self.adopt(fetch.lamport, fetch.hash.clone(), env.account) {
            return Ok(Vec::new());
        }
        Ok(vec!["Another admin's checkpoint differs from this browser's copy: this browser now starts from the one the others vouched for. Changes of yours made before it that had not reached them are not in it: check the account and make them again.".into()])
    }

    /// Starts from the account at clock `lamport` (checksum `hash`): ops up to it leave storage, and this
    /// person's waiting ops that sort before it go again after it, as the same changes. False when storage
    /// refused the new snapshot: then nothing changed.
    fn adopt(&mut self, lamport: u64, hash: String, state: crate::domain::Account) -> bool {
        // The new snapshot is written first, with its clock, so a tab that dies before the link is written
        // still starts from it.
        let base = Envelope { checkpoint: lamport, account: state.clone(), ..self.base.clone() };
        if let Err(e) = self.backend.snapshot(&base) {
            self.storage = StorageState::NotSaved(e);
            return false;
        }
        self.base.checkpoint = lamport;
        let Some(sh) = &mut self.shared else { return false };
        let dropped = sh.replica.adopt(&mut self.base.account, &mut self.env.account, lamport, state);
        (sh.link.floor, sh.link.checkpoint_hash, sh.fetch) = (lamport, hash, None);
        sh.link.checkpoints.prune(lamport);
        sh.link.vouched.retain(|l| *l >= lamport);
        sh.checkpoints_out.retain(|(cp, _)| cp.lamport > lamport);
        let old: Vec<OpKey> = dropped.iter().map(SharedOp::key).collect();
        let waiting: Vec<SharedOp> = dropped.into_iter().filter(|o| sh.link.pending.contains(&o.key())).collect();
        self.env.revision += 1;
        self.save_shared(&[], &old);
        self.resend(waiting, None);
        true
    }

    /// This device's op whose id holds another document on the server (a member wrote under it first, or a
    /// document no console reads): it and this device's later waiting ops go again under new ids, in order,
    /// and its author is told. Nothing of it is lost.
    fn taken_over(&mut self, taken: &[(String, String)]) -> Vec<String> {
        let Some(sh) = &self.shared else { return Vec::new() };
        let device = &sh.link.device.id;
        let mut told = Vec::new();
        let mut first: Option<OpKey> = None;
        for (id, author) in taken {
            let mine = sh.replica.ops.values().chain(sh.replica.held.values());
            let Some(op) = mine.filter(|o| o.device == *device).find(|o| o.key().doc_id() == *id) else { continue };
            first = Some(first.map_or(op.key(), |f| f.min(op.key())));
            let what = crate::domain::activity::kind(&op.command);
            let who = signer(&self.env.account, author);
            told.push(format!("The server already held a change by {who} under the id of your change \"{what}\": yours was sent again under a new id, after every change known here."));
        }
        let Some(first) = first else { return told };
        let again: Vec<OpKey> = sh
            .replica
            .ops
            .keys()
            .filter(|k| k.device == *device && **k >= first && (sh.link.pending.contains(k) || **k == first))
            .cloned()
            .collect();
        self.reissue(&again);
        told
    }

    /// Sends ops of this browser again under new keys (on `device`, when it changes): the old keys stop
    /// waiting and leave storage, the new ones wait to be sent.
    fn resend(&mut self, ops: Vec<SharedOp>, device: Option<Device>) {
        let Some(sh) = &mut self.shared else { return };
        if let Some(device) = device {
            sh.link.device = device;
        }
        if ops.is_empty() {
            self.save_shared(&[], &[]);
            return;
        }
        let again = sh.replica.reissue(&self.base.account, &mut self.env.account, &mut sh.link.device, ops);
        let (mut old, mut new) = (Vec::new(), Vec::new());
        for (key, op) in again {
            sh.link.pending.remove(&key);
            sh.sending.remove(&key);
            sh.acked.remove(&key);
            sh.link.pending.insert(op.key());
            sh.link.moved.insert(key.clone());
            old.push(key);
            new.push(op);
        }
        self.env.revision += 1;
        self.save_shared(&new, &old);
    }

    fn reissue(&mut self, keys: &[OpKey]) {
        let Some(sh) = &mut self.shared else { return };
        let ops = sh.replica.take_out(keys);
        self.resend(ops, None);
    }

    /// This browser writes as a device named before device names carried their author: it moves to
    /// `device` (a slot claimed on the server), and its waiting changes go under it.
    pub fn rename_device(&mut self, device: Device) {
        let Some(sh) = &mut self.shared else { return };
        let waiting: Vec<OpKey> = sh.link.pending.iter().cloned().collect();
        let ops = sh.replica.take_out(&waiting);
        self.resend(ops, Some(device));
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

    /// Who vouched for the checkpoint at `lamport`, by name.
    fn vouchers(&self, lamport: u64) -> Vec<String> {
        let Some(sh) = &self.shared else { return Vec::new() };
        let seen = sh.link.checkpoints.seen.get(&lamport);
        let who = seen.into_iter().flat_map(|hashes| hashes.values().flatten());
        who.map(|email| signer(&self.env.account, email)).collect()
    }
}
