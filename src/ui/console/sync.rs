//! The sync loop of a shared account (issue 15): push this browser's ops, then wait on the `_changes` feed
//! and take in what it brings; offline, try again each second. One loop per connection (`generation`).

use super::{Console, Flash};
use crate::storage::couch::{self, Couch, NetError};
use crate::storage::session::SyncStatus;
use crate::storage::shared::{checksum, device_name, Checkpoints, Device, Sharing};
pub use crate::storage::sync_loop::Net;
use crate::storage::sync_loop::{Next, SyncLoop};
use crate::storage::{decode, Envelope};
use crate::ui::parts::{in_part, Missing};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

/// This tab and the browser's sync lock.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Lock {
    None,
    Asked,
    Held,
}

/// What a failed exchange means here: the browser says whether it is online.
fn net_of(e: NetError) -> Net {
    Net::of(e, web_sys::window().is_none_or(|w| w.navigator().on_line()))
}

impl Console {
    /// The shared account's state, for the status line and the Share page.
    pub fn sync_status(&self) -> Option<SyncStatus> {
        self.env.changed.track();
        self.session.with_value(|s| s.sync_status())
    }

    fn couch(&self) -> Option<Couch> {
        self.session.with_value(|s| s.sharing().map(|l| Couch { server: l.server.clone(), db: l.db.clone() }))
    }

    /// Starts sharing this account on `couch` as `author`: claims an id range, sends the account as the
    /// snapshot, and only then makes this browser a replica.
    /// Also "share this copy into the empty database" when the shared one came back empty: what waited here
    /// is in the account that is sent.
    pub async fn share(&self, couch: Couch, author: String) -> Result<(), String> {
        let base = self.session.with_value(|s| s.env.clone());
        let device = self.new_device(&couch, &author).await?;
        let snapshot = couch.put_snapshot(&author, &base).await.map_err(|e| e.to_string())?;
        let link = Sharing { snapshot, ..Sharing::new(couch.server, couch.db, device) };
        self.change(|s| s.share(link, base)).map_err(|e| e.to_string())?;
        self.net.set(Net::Connecting);
        self.start_sync();
        Ok(())
    }

    /// Joins the account shared on `couch`: its snapshot (with its checksum) and every op replace this
    /// browser's copy.
    /// It starts from the newest checkpoint two members vouched for, with the ops after it only.
    pub async fn join(&self, couch: Couch, author: String, base: Envelope, snapshot: String) -> Result<(), String> {
        let device = self.new_device(&couch, &author).await?;
        let ((base, floor, checkpoint_hash), ops, since, checkpoints) =
            Self::start_point(&couch, base).await.map_err(|e| e.to_string())?;
        let new = Sharing::new(couch.server, couch.db, device);
        let link = Sharing { since, snapshot, checkpoints, floor, checkpoint_hash, ..new };
        self.change(|s| s.join(link, base, &ops))
    }

    /// Where a joining browser starts: the newest checkpoint's account (else the snapshot) with its clock,
    /// the ops after it, the feed's checkpoint read before them, and the checkpoints known.
    async fn start_point(
        couch: &Couch,
        snapshot: Envelope,
    ) -> Result<((Envelope, u64, String), Vec<serde_json::Value>, String, Checkpoints), NetError> {
        let (_, since) = couch.identity().await?;
        let mut checkpoints = Checkpoints::default();
        for doc in couch.docs("device:", None).await?.iter().chain(&couch.docs("checkpoint:", None).await?) {
            checkpoints.note(doc);
        }
        let mut start = (snapshot, 0, String::new());
        if let Some((lamport, hash, docs)) = checkpoints.newest() {
            // The first document whose account has the checksum (a member's junk attachment is passed over).
            let mut found = None;
            for doc in &docs {
                let text = couch.account_of(doc).await?;
                if checksum(&text) == hash {
                    found = decode(&text).ok();
                    break;
                }
            }
            let env =
                found.ok_or_else(|| NetError::Unexpected("no document of the checkpoint holds its account".into()))?;
            start = (env, lamport, hash);
        }
        let ops = couch.docs("op:", Some(&format!("op:{:012}", start.1 + 1))).await?;
        Ok((start, ops, since, checkpoints))
    }

    async fn new_device(&self, couch: &Couch, author: &str) -> Result<Device, String> {
        let hex = format!("{:08x}", (js_sys::Math::random() * f64::from(u32::MAX)) as u32);
        let id = device_name(author, &hex);
        let slot = couch.claim_slot(&id, author).await.map_err(|e| e.to_string())?;
        Ok(Device::new(id, slot, author.to_string()))
    }

    /// Before exchanging anything: is the server's database still the one shared here, and does this
    /// browser write under a device that carries its author? False: the loop stops (`Net` says why).
    async fn ready(&self, couch: &Couch) -> Result<bool, NetError> {
        let (snapshot, seq) = couch.identity().await?;
        if let Err(changed) = self.change(|s| s.check_database(snapshot.as_deref(), &seq)) {
            self.net.set(Net::Changed(changed));
            return Ok(false);
        }
        let device = self.session.with_value(|s| s.sharing().map(|l| l.device.clone()));
        if let Some(device) = device.filter(|d| !d.id.contains('~')) {
            let renamed = self.new_device(couch, &device.author).await.map_err(NetError::Unexpected)?;
            self.change(|s| s.rename_device(renamed));
        }
        Ok(true)
    }

    /// Stops sharing; the account stays here as it is.
    pub fn disconnect(&self) {
        self.generation.update_value(|g| *g += 1);
        self.change(|s| s.leave());
        self.net.set(Net::Connecting);
    }

    /// Syncs from this tab once it holds the browser's sync lock (a Web Lock): one tab per browser talks to
    /// the server; the others hear of its ops through local storage (`reload_shared`).
    pub fn start_sync(&self) {
        if self.couch().is_none() {
            return;
        }
        match self.lock.get_value() {
            Lock::Held => return self.run_sync(),
            Lock::Asked => return,
            Lock::None => self.lock.set_value(Lock::Asked),
        }
        let console = *self;
        let granted = wasm_bindgen::closure::Closure::once_into_js(move |_lock: wasm_bindgen::JsValue| {
            console.lock.set_value(Lock::Held);
            console.run_sync();
            // Held for as long as this tab lives.
            js_sys::Promise::new(&mut |_, _| {})
        });
        let locks = web_sys::window().and_then(|w| js_sys::Reflect::get(&w.navigator(), &"locks".into()).ok());
        let request = locks.as_ref().and_then(|l| js_sys::Reflect::get(l, &"request".into()).ok());
        match (locks, request.and_then(|r| r.dyn_into::<js_sys::Function>().ok())) {
            (Some(locks), Some(request)) if !locks.is_undefined() => {
                let _ = request.call2(&locks, &"contract-console-sync".into(), &granted);
                // The lock comes at once when no other tab holds it: only a wait means another tab syncs.
                spawn_local(async move {
                    couch::sleep(500).await;
                    if console.lock.get_value() == Lock::Asked {
                        console.net.set(Net::OtherTab);
                    }
                });
            }
            _ => {
                self.lock.set_value(Lock::Held);
                self.run_sync();
            }
        }
    }

    /// Another tab of this browser stored ops or changed the link: take them in; send what waits.
    pub fn reload_shared(&self) {
        let was = self.couch().is_some();
        if self.change(|s| s.reload_shared()) {
            self.told_of_switch(was);
            self.push_soon();
        }
    }

    /// Says so when another tab of this browser started or ended sharing.
    pub(super) fn told_of_switch(&self, was_shared: bool) {
        let note = match (was_shared, self.couch().is_some()) {
            (true, false) => "Sharing was ended in another tab of this browser: this one keeps the account as it is.",
            (false, true) => "This browser shares its account now (from another tab): changes go to the server.",
            _ => return,
        };
        self.flash.set(Some(Flash::Done(note.into())));
    }

    /// The refusals shown have been read: they leave the list and the header.
    pub fn dismiss_refused(&self) {
        self.change(|s| s.dismiss_refused());
    }

    /// Runs the sync loop (a new loop replaces the old one), from the sharing part.
    fn run_sync(&self) {
        let Some(couch) = self.couch() else { return };
        self.generation.update_value(|g| *g += 1);
        let (console, generation) = (*self, self.generation.get_value());
        spawn_local(async move {
            // A request for the part that is never answered is said too, as a screen's is (issue 29).
            let arrived = std::rc::Rc::new(std::cell::Cell::new(false));
            let waiting = arrived.clone();
            set_timeout(
                move || {
                    if !waiting.get() && console.generation.get_value() == generation {
                        console.net.set(Net::Failed(SLOW.into()));
                    }
                },
                std::time::Duration::from_secs(10),
            );
            let part = sync_loop(console, couch, generation).await;
            arrived.set(true);
            match part {
                Ok(run) => run.await,
                Err(Missing) if console.generation.get_value() == generation => {
                    console.net.set(Net::Failed(MISSING.into()));
                    // Fetched again in a while: a server can fail and answer again without the browser
                    // going offline and online (a trial).
                    couch::sleep(3000).await;
                    if console.generation.get_value() == generation {
                        console.run_sync();
                    }
                }
                // Sharing was ended or restarted meanwhile.
                Err(Missing) => {}
            }
        });
    }

    /// The sync loop itself: its code ships in the sharing part.
    fn sync_loop(self, couch: Couch, generation: u32) -> Task {
        let console = self;
        Box::pin(async move {
            // The loop's states and waits are `SyncLoop`'s (native tests); here the network and the session.
            let mut sync = SyncLoop::default();
            while console.generation.get_value() == generation && console.couch().as_ref() == Some(&couch) {
                let wait = match sync.next() {
                    Next::Check => {
                        match console.ready(&couch).await {
                            Ok(true) => sync.checked(),
                            Ok(false) => break,
                            Err(e) => {
                                let pause = sync.failed(&e);
                                console.net.set(net_of(couch::refusal(&couch.server, &couch.db, e).await));
                                couch::sleep(pause).await;
                            }
                        }
                        continue;
                    }
                    Next::Pull(wait) => wait,
                };
                let Some(since) = console.session.with_value(|s| s.sharing().map(|l| l.since.clone())) else { break };
                let pulled = couch.changes(&since, wait).await;
                if console.generation.get_value() != generation {
                    break;
                }
                match pulled {
                    Ok((docs, since)) => {
                        let n = docs.len();
                        let told = console.change(|s| s.take_shared(&docs, since));
                        console.net.set(Net::Online);
                        console.tell(told);
                        console.fetch_checkpoint(&couch).await;
                        // What waits here goes after what came in (a checkpoint may have moved it).
                        console.push().await;
                        if let Some(pause) = sync.pulled(n, console.session.with_value(|s| s.unsaved_shared())) {
                            couch::sleep(pause).await;
                        }
                    }
                    Err(e) => {
                        let pause = sync.failed(&e);
                        console.net.set(net_of(couch::refusal(&couch.server, &couch.db, e).await));
                        couch::sleep(pause).await;
                    }
                }
            }
        })
    }

    /// The checkpoint to start from carries another account than this browser's: fetch it and start from it.
    async fn fetch_checkpoint(&self, couch: &Couch) {
        let Some(fetch) = self.session.with_value(|s| s.fetch_needed()) else { return };
        let mut why = String::new();
        for doc in &fetch.docs {
            let text = match couch.account_of(doc).await {
                Ok(text) => text,
                Err(e) => return self.net.set(net_of(e)),
            };
            match self.change(|s| s.adopt_fetched(&fetch, &text)) {
                Ok(told) => return self.tell(told),
                Err(e) => why = e,
            }
        }
        self.net.set(Net::Failed(why));
    }

    /// "Make a checkpoint now": sent at once; started from once another member vouches for it.
    pub fn checkpoint_now(&self) -> Result<u64, String> {
        let made = self.change(|s| s.checkpoint_now())?;
        self.push_soon();
        Ok(made)
    }

    /// Sends the ops and checkpoints waiting here; what the server holds stops waiting.
    async fn push(&self) {
        let Some(couch) = self.couch() else { return };
        let mut docs = self.change(|s| s.outgoing());
        let checkpoints = self.session.with_value(|s| s.checkpoints_out());
        docs.extend(
            checkpoints
                .iter()
                .map(|(cp, state)| (cp.doc_id(), cp.to_doc(state.as_deref().map(couch::base64).as_deref()))),
        );
        if docs.is_empty() {
            return;
        }
        match couch.push(docs).await {
            Ok(pushed) => {
                let told = self.change(|s| s.pushed(&pushed.held, &pushed.taken));
                self.tell(told);
                if let Some(why) = pushed.refused.first() {
                    self.net.set(Net::Failed(format!("The server refused a change: {why}")));
                }
            }
            Err(e) => {
                self.net.set(net_of(couch::refusal(&couch.server, &couch.db, e).await));
            }
        }
    }

    /// What sharing did that this person must hear of, all of it (one flash, one line each).
    fn tell(&self, told: Vec<String>) {
        if !told.is_empty() {
            self.flash.set(Some(Flash::Refused(told.join(" "))));
        }
    }

    /// After a change in a shared account: send it now rather than at the next turn of the loop (from the
    /// tab that syncs).
    pub(super) fn push_soon(&self) {
        if self.lock.get_value() == Lock::Held && self.couch().is_some() {
            let console = *self;
            spawn_local(async move {
                match push_now(console).await {
                    Ok(push) => push.await,
                    Err(Missing) => console.net.set(Net::Failed(MISSING.into())),
                }
            });
        }
    }
}

/// The network half of sharing (the sync loop, sending, the CouchDB client under them) ships in a part of its
/// own (issue 29), fetched when a shared account first syncs: most consoles never share.
type Task = std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>;
const MISSING: &str =
    "The console's sharing part could not be downloaded (tried again every few seconds): changes wait here and go out once it is.";
const SLOW: &str = "The console's sharing part is taking long to download: the network is slow or not answering. Changes wait here and go out once it arrives.";
in_part!(
    sharing,
    fn sync_loop(console: Console, couch: Couch, generation: u32) -> Task {
        console.sync_loop(couch, generation)
    }
);
in_part!(
    sharing,
    fn push_now(console: Console) -> Task {
        Box::pin(async move { console.push().await })
    }
);
