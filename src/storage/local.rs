//! The browser backend: a snapshot and a journal of small entries in local storage, the undo history in this
//! tab's session storage. web-sys directly rather than gloo-storage: gloo's `raw()` panics when storage is
//! blocked, and its typed `get` discards unreadable text that must be kept (issue 6).
//!
//! Keys: `contract-console.account` the snapshot envelope; `contract-console.entry.<n>` one journal entry;
//! `contract-console.journal` the head `{base, last}`, which other tabs watch; `contract-console.view`
//! "Viewing as" and "As of"; `contract-console.shared` a shared account's link and
//! `contract-console.shared.op.<doc id>` each of its ops.

use super::history::History;
use super::journal::Entry;
pub use super::session::Found;
use super::session::{Backend, StorageError};
use super::{encode_stored, revision_of, Envelope, LoadError, DAMAGED_KEY, KEY};
use serde::{Deserialize, Serialize};

const HISTORY_KEY: &str = "contract-console.history";
pub const HEAD_KEY: &str = "contract-console.journal";
const VIEW_KEY: &str = "contract-console.view";
const ENTRY_PREFIX: &str = "contract-console.entry.";
/// A shared account's link (issue 15); its ops are under `SHARED_OP` + their doc id.
pub const SHARED_KEY: &str = "contract-console.shared";
const SHARED_OP: &str = "contract-console.shared.op.";

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn entry_key(n: u64) -> String {
    format!("{ENTRY_PREFIX}{n}")
}

/// The journal's head: the snapshot's revision and the last entry's number.
#[derive(Clone, Copy, Default, Serialize, Deserialize)]
struct Head {
    base: u64,
    last: u64,
}

#[derive(Default, Serialize, Deserialize)]
struct View {
    viewing_as: Option<crate::domain::UserId>,
    as_of: Option<chrono::NaiveDate>,
}

fn head(s: &web_sys::Storage) -> Option<Head> {
    serde_json::from_str(&s.get_item(HEAD_KEY).ok()??).ok()
}

fn set(s: &web_sys::Storage, key: &str, value: &str) -> Result<(), StorageError> {
    s.set_item(key, value).map_err(|_| StorageError::Full)
}

/// Local storage as the session's backend.
#[derive(Clone, Copy, Default)]
pub struct LocalStorage;

impl Backend for LocalStorage {
    fn load(&mut self) -> Found {
        load()
    }

    fn append(&mut self, entry: &Entry) -> Result<(), StorageError> {
        let s = local().ok_or(StorageError::Unavailable)?;
        let key = entry_key(entry.n);
        let now = head(&s).unwrap_or_default();
        if now.last >= entry.n || s.get_item(&key).ok().flatten().is_some() {
            return Err(StorageError::Conflict);
        }
        set(&s, &key, &entry.stored())?;
        let head = Head { base: now.base, last: entry.n };
        set(&s, HEAD_KEY, &serde_json::to_string(&head).expect("heads serialize"))
    }

    fn snapshot_text(&mut self, revision: u64, text: &str) -> Result<(), StorageError> {
        save_text(revision, text)
    }

    fn stored_base(&self) -> Option<u64> {
        head(&local()?).map(|h| h.base)
    }

    fn start_over(&mut self, env: &Envelope) -> Result<(), StorageError> {
        let s = local().ok_or(StorageError::Unavailable)?;
        for k in entry_keys(&s, |_| true) {
            let _ = s.remove_item(&k);
        }
        let _ = s.remove_item(HEAD_KEY);
        save(env)
    }

    fn stored_revision(&self) -> Option<u64> {
        let s = local()?;
        match head(&s) {
            Some(h) => Some(h.last.max(h.base)),
            None => revision_of(&s.get_item(KEY).ok()??),
        }
    }

    fn entries_after(&self, n: u64) -> Option<Vec<Entry>> {
        let s = local()?;
        let head = head(&s)?;
        if head.base > n {
            return None;
        }
        (n + 1..=head.last).map(|i| Entry::read(&s.get_item(&entry_key(i)).ok()??)).collect()
    }

    fn save_view(&mut self, env: &Envelope) {
        if let Some(s) = local() {
            let view = View { viewing_as: env.viewing_as, as_of: env.as_of };
            let _ = s.set_item(VIEW_KEY, &serde_json::to_string(&view).expect("views serialize"));
        }
    }

    fn load_history(&self) -> History {
        session()
            .and_then(|s| s.get_item(HISTORY_KEY).ok().flatten())
            .and_then(|raw| serde_json::from_str(&raw).ok())
            .unwrap_or_default()
    }

    fn load_shared(&self) -> Option<(String, Vec<String>)> {
        let s = local()?;
        let link = s.get_item(SHARED_KEY).ok()??;
        let ops = keys(&s, SHARED_OP).iter().filter_map(|k| s.get_item(k).ok().flatten()).collect();
        Some((link, ops))
    }

    fn save_shared(&mut self, link: &str, ops: &[(String, String)], dropped: &[String]) -> Result<(), StorageError> {
        let s = local().ok_or(StorageError::Unavailable)?;
        for (id, op) in ops {
            set(&s, &format!("{SHARED_OP}{id}"), op)?;
        }
        for id in dropped {
            let _ = s.remove_item(&format!("{SHARED_OP}{id}"));
        }
        set(&s, SHARED_KEY, link)
    }

    fn load_shared_link(&self) -> Option<String> {
        local()?.get_item(SHARED_KEY).ok()?
    }

    fn forget_shared(&mut self) {
        if let Some(s) = local() {
            for k in keys(&s, SHARED_OP) {
                let _ = s.remove_item(&k);
            }
            let _ = s.remove_item(SHARED_KEY);
        }
    }

    /// When session storage is full the history is dropped, not the account.
    fn save_history(&mut self, history: &History) {
        if let Some(s) = session() {
            let raw = serde_json::to_string(history).expect("steps serialize");
            if s.set_item(HISTORY_KEY, &raw).is_err() {
                let _ = s.remove_item(HISTORY_KEY);
            }
        }
    }
}

/// What is stored: the snapshot and every entry that follows it (however far the head says), with the view
/// laid over it. Unreadable text is copied to the damaged key (once) before anything else is written.
pub fn load() -> Found {
    let Some(s) = local() else { return Found::Unavailable };
    let raw = match s.get_item(KEY) {
        Err(_) => return Found::Unavailable,
        Ok(None) => return Found::Nothing,
        Ok(Some(raw)) => raw,
    };
    // Entries are read from the snapshot's own revision on, not from the head, which a tab that died between
    // its two writes may have left behind.
    let mut entries = Vec::new();
    if let Some(base) = revision_of(&raw) {
        while let Ok(Some(e)) = s.get_item(&entry_key(base + 1 + entries.len() as u64)) {
            entries.push(e);
        }
    }
    let mut found = Found::in_text(&raw, &entries);
    if let Found::Problem(LoadError::Unreadable(_) | LoadError::BrokenRule(_)) = &found {
        if s.get_item(DAMAGED_KEY).ok().flatten().is_none() {
            // The snapshot as it was, and the journal entries after it when there are any.
            let kept = if entries.is_empty() {
                raw.clone()
            } else {
                serde_json::json!({ "snapshot": raw, "entries": entries }).to_string()
            };
            let _ = s.set_item(DAMAGED_KEY, &kept);
        }
    }
    if let (Found::Account(stored), Some(view)) =
        (&mut found, s.get_item(VIEW_KEY).ok().flatten().and_then(|v| serde_json::from_str::<View>(&v).ok()))
    {
        stored.base.viewing_as = view.viewing_as.or(stored.base.viewing_as);
        stored.base.as_of = view.as_of;
    }
    found
}

/// The damaged text kept at start-up, for "Download damaged data".
pub fn damaged() -> Option<String> {
    local()?.get_item(DAMAGED_KEY).ok().flatten()
}

/// Writes a snapshot in one `setItem` (a failed write leaves the stored copy intact), then moves the head and
/// drops the entries the snapshot now holds.
pub fn save(env: &Envelope) -> Result<(), StorageError> {
    save_text(env.revision, &encode_stored(env))
}

/// `save` of an envelope of revision `revision` already encoded (`encode_stored`).
fn save_text(revision: u64, text: &str) -> Result<(), StorageError> {
    let s = local().ok_or(StorageError::Unavailable)?;
    set(&s, KEY, text)?;
    // The entries after the snapshot that are really there (after a take-over, none of the old ones are).
    let mut last = revision;
    while s.get_item(&entry_key(last + 1)).ok().flatten().is_some() {
        last += 1;
    }
    let _ = s.set_item(HEAD_KEY, &serde_json::to_string(&Head { base: revision, last }).expect("heads serialize"));
    for k in entry_keys(&s, |n| n <= revision) {
        let _ = s.remove_item(&k);
    }
    Ok(())
}

/// The keys of the stored entries whose number `keep` accepts.
fn entry_keys(s: &web_sys::Storage, keep: impl Fn(u64) -> bool) -> Vec<String> {
    let mut found = keys(s, ENTRY_PREFIX);
    found.retain(|k| k.strip_prefix(ENTRY_PREFIX).and_then(|n| n.parse::<u64>().ok()).is_some_and(&keep));
    found
}

fn keys(s: &web_sys::Storage, prefix: &str) -> Vec<String> {
    (0..s.length().unwrap_or(0)).filter_map(|i| s.key(i).ok().flatten()).filter(|k| k.starts_with(prefix)).collect()
}

pub fn clear() {
    if let Some(s) = local() {
        let _ = s.remove_item(KEY);
    }
}

/// The server and database the Share page was given. `boot.js` reads the server from here, before the
/// console starts, into the page's `connect-src`: the one server the console may reach.
pub const CONNECT_KEY: &str = "contract-console.connect";

#[derive(Serialize, Deserialize)]
struct Connect {
    server: String,
    db: String,
}

pub fn connect_config() -> Option<(String, String)> {
    let c: Connect = serde_json::from_str(&local()?.get_item(CONNECT_KEY).ok()??).ok()?;
    Some((c.server, c.db))
}

pub fn save_connect_config(server: &str, db: &str) -> Result<(), StorageError> {
    let s = local().ok_or(StorageError::Unavailable)?;
    let c = Connect { server: server.into(), db: db.into() };
    set(&s, CONNECT_KEY, &serde_json::to_string(&c).expect("addresses serialize"))
}
