//! The replica: every op in (lamport, device, seq) order over the snapshot, held until the clock it follows,
//! late before the adopted checkpoint, reissued under new keys; and the notes an admin reads of refused ops.

use super::*;

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

    pub(super) fn follows(&self, lamport: u64) -> bool {
        lamport == self.floor + 1 || self.clocks.contains_key(&(lamport - 1))
    }

    pub(super) fn insert(&mut self, op: SharedOp) {
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
    pub(super) fn remove(&mut self, key: &OpKey) -> Option<SharedOp> {
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

    pub(super) fn step(&mut self, account: &mut Account, op: &SharedOp) {
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

/// How far back a refused op looks for the change that took its place.
pub(super) const DISPLACED_WITHIN: usize = 500;

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
pub(super) fn about(acc: &Account, command: &Command) -> String {
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
