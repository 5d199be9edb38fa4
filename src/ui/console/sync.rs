//! The sync loop of a shared account (issue 15): push this browser's ops, then wait on the `_changes` feed
//! and take in what it brings; offline, try again each second. One loop per connection (`generation`).

use super::{Console, Flash};
use crate::storage::couch::{self, Couch, NetError};
use crate::storage::session::SyncStatus;
use crate::storage::shared::{Device, Sharing};
use crate::storage::Envelope;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// How long one wait on the feed lasts before it is asked again.
const WAIT_MS: u32 = 10_000;

/// The connection as the status line shows it.
#[derive(Clone, Debug, PartialEq)]
pub enum Net {
    Connecting,
    Online,
    Offline,
    /// The server answered with an error (signed out, no longer a member…).
    Failed(String),
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
    pub async fn share(&self, couch: Couch, author: String) -> Result<(), String> {
        let base = self.session.with_value(|s| s.env.clone());
        let device = self.new_device(&couch, &author).await?;
        couch.put_snapshot(&author, &base).await.map_err(|e| e.to_string())?;
        let link = Sharing::new(couch.server, couch.db, device);
        self.change(|s| s.share(link, base)).map_err(|e| e.to_string())?;
        self.start_sync();
        Ok(())
    }

    /// Joins the account shared on `couch`: its snapshot and every op replace this browser's copy.
    pub async fn join(&self, couch: Couch, author: String, base: Envelope) -> Result<(), String> {
        let device = self.new_device(&couch, &author).await?;
        let (docs, since) = couch.changes("0", None).await.map_err(|e| e.to_string())?;
        let link = Sharing { since, ..Sharing::new(couch.server, couch.db, device) };
        self.change(|s| s.join(link, base, &docs));
        self.start_sync();
        Ok(())
    }

    async fn new_device(&self, couch: &Couch, author: &str) -> Result<Device, String> {
        let id = format!("{:08x}", (js_sys::Math::random() * f64::from(u32::MAX)) as u32);
        let slot = couch.claim_slot(&id, author).await.map_err(|e| e.to_string())?;
        Ok(Device::new(id, slot, author.to_string()))
    }

    /// Stops sharing; the account stays here as it is.
    pub fn disconnect(&self) {
        self.generation.update_value(|g| *g += 1);
        self.change(|s| s.leave());
        self.net.set(Net::Connecting);
    }

    /// Runs the sync loop while this browser shares the account (a new loop replaces the old one).
    pub fn start_sync(&self) {
        let Some(couch) = self.couch() else { return };
        self.generation.update_value(|g| *g += 1);
        let (console, generation) = (*self, self.generation.get_value());
        spawn_local(async move {
            // Ask at once first (so the state is known), then wait on the feed while it is quiet.
            let mut wait = None;
            while console.generation.get_value() == generation {
                console.push().await;
                let since = console.session.with_value(|s| s.sharing().map(|l| l.since.clone())).unwrap_or_default();
                let pulled = couch.changes(&since, wait).await;
                if console.generation.get_value() != generation {
                    break;
                }
                match pulled {
                    Ok((docs, since)) => {
                        console.net.set(Net::Online);
                        wait = docs.is_empty().then_some(WAIT_MS);
                        let told = console.change(|s| s.take_shared(&docs, since));
                        if let Some(note) = told.first() {
                            console.flash.set(Some(Flash::Refused(note.clone())));
                        }
                    }
                    Err(NetError::Offline) => {
                        wait = None;
                        console.net.set(Net::Offline);
                        couch::sleep(1000).await;
                    }
                    Err(e) => {
                        wait = None;
                        console.net.set(Net::Failed(e.to_string()));
                        couch::sleep(3000).await;
                    }
                }
            }
        });
    }

    /// Sends the ops waiting here; what the server holds stops waiting.
    async fn push(&self) {
        let Some(couch) = self.couch() else { return };
        let docs = self.change(|s| s.outgoing());
        if docs.is_empty() {
            return;
        }
        match couch.push(docs).await {
            Ok((held, refused)) => {
                self.change(|s| s.pushed(&held));
                if let Some(why) = refused.first() {
                    self.net.set(Net::Failed(format!("The server refused a change: {why}")));
                }
            }
            Err(e) => {
                self.change(|s| s.push_failed());
                self.net.set(if e == NetError::Offline { Net::Offline } else { Net::Failed(e.to_string()) });
            }
        }
    }

    /// After a change in a shared account: send it now rather than at the next turn of the loop.
    pub(super) fn push_soon(&self) {
        if self.couch().is_some() {
            let console = *self;
            spawn_local(async move { console.push().await });
        }
    }
}
