//! Checkpoints of a shared account: vouching for the account at a clock, adopting the newest two members agree
//! on (fetching its account when it differs from this browser's), and "Make a checkpoint now".

use super::*;

impl<B: Backend> Session<B> {
    /// Checkpoints this browser vouches for, not yet on the server, with the account's text when carried.
    pub fn checkpoints_out(&self) -> Vec<(Checkpoint, Option<String>)> {
        self.shared.as_ref().map(|sh| sh.checkpoints_out.clone()).unwrap_or_default()
    }

    /// After the feed: start from the newest checkpoint two members vouched for (fetching its account when
    /// this browser's differs), send this browser's own word for checkpoints it reached, and write one at
    /// every `CHECKPOINT_EVERY` clocks. This person's waiting ops that sort before the new start go again
    /// after it.
    pub(super) fn settle(&mut self) {
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
    pub(super) fn adopt(&mut self, lamport: u64, hash: String, state: crate::domain::Account) -> bool {
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

    /// Who vouched for the checkpoint at `lamport`, by name.
    pub(super) fn vouchers(&self, lamport: u64) -> Vec<String> {
        let Some(sh) = &self.shared else { return Vec::new() };
        let seen = sh.link.checkpoints.seen.get(&lamport);
        let who = seen.into_iter().flat_map(|hashes| hashes.values().flatten());
        who.map(|email| signer(&self.env.account, email)).collect()
    }
}
