//! What a shared browser exchanges with the server: the ops it sends and what the server took, the feed's
//! documents taken in (ops, devices, checkpoints, unreadable ones), ops sent again under new keys, and the
//! check that the server's database is still the one shared.

use super::*;

impl<B: Backend> Session<B> {
    /// This device's ops the server doesn't have yet, as documents. Once sent, an op is never taken back by
    /// Undo: the server may have written it even when its answer was lost. (Sent twice, an op is answered
    /// `conflict` the second time: harmless.)
    pub fn outgoing(&mut self) -> Vec<(String, String)> {
        let Some(sh) = &mut self.shared else { return Vec::new() };
        sh.sending.extend(sh.link.pending.iter().cloned());
        sh.link.pending.iter().filter_map(|k| sh.replica.ops.get(k)).map(|o| (o.key().doc_id(), o.to_doc())).collect()
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
    pub(super) fn too_late(&self, late: &[OpKey]) -> Vec<String> {
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

    /// This device's op whose id holds another document on the server (a member wrote under it first, or a
    /// document no console reads): it and this device's later waiting ops go again under new ids, in order,
    /// and its author is told. Nothing of it is lost.
    pub(super) fn taken_over(&mut self, taken: &[(String, String)]) -> Vec<String> {
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
    pub(super) fn resend(&mut self, ops: Vec<SharedOp>, device: Option<Device>) {
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

    pub(super) fn reissue(&mut self, keys: &[OpKey]) {
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
}
