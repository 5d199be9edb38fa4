//! The browser backend: the envelope in local storage, the undo history in this tab's session storage.
//! web-sys directly rather than gloo-storage, whose `raw()` panics when storage is blocked and whose
//! typed `get` would discard unreadable text that must be kept.

use super::history::History;
pub use super::session::Found;
use super::session::{Backend, StorageError};
use super::{encode, Envelope, LoadError, DAMAGED_KEY, KEY};

const HISTORY_KEY: &str = "contract-console.history";

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Local storage as the session's backend.
#[derive(Clone, Copy, Default)]
pub struct LocalStorage;

impl Backend for LocalStorage {
    fn load(&mut self) -> Found {
        load()
    }
    fn save(&mut self, env: &Envelope) -> Result<(), StorageError> {
        save(env)
    }
    fn stored_revision(&self) -> Option<u64> {
        super::revision_of(&local()?.get_item(KEY).ok().flatten()?)
    }
    fn load_history(&self) -> History {
        session()
            .and_then(|s| s.get_item(HISTORY_KEY).ok().flatten())
            .and_then(|raw| serde_json::from_str(&raw).ok())
            .unwrap_or_default()
    }
    /// When session storage is full the history is dropped, not the account.
    fn save_history(&mut self, history: &History) {
        if let Some(s) = session() {
            let raw = serde_json::to_string(history).expect("strings serialize");
            if s.set_item(HISTORY_KEY, &raw).is_err() {
                let _ = s.remove_item(HISTORY_KEY);
            }
        }
    }
}

/// What is stored; unreadable text is copied to the damaged key (once) before anything else is written.
pub fn load() -> Found {
    let Some(s) = local() else { return Found::Unavailable };
    match s.get_item(KEY) {
        Err(_) => Found::Unavailable,
        Ok(None) => Found::Nothing,
        Ok(Some(raw)) => {
            let found = Found::in_text(&raw);
            if let Found::Problem(LoadError::Unreadable(_) | LoadError::BrokenRule(_)) = &found {
                if s.get_item(DAMAGED_KEY).ok().flatten().is_none() {
                    let _ = s.set_item(DAMAGED_KEY, &raw);
                }
            }
            found
        }
    }
}

/// The damaged text kept at start-up, for "Download damaged data".
pub fn damaged() -> Option<String> {
    local()?.get_item(DAMAGED_KEY).ok().flatten()
}

/// Writes the whole envelope in one `setItem`, so a failed write leaves the stored copy intact.
pub fn save(env: &Envelope) -> Result<(), StorageError> {
    let s = local().ok_or(StorageError::Unavailable)?;
    s.set_item(KEY, &encode(env)).map_err(|_| StorageError::Full)
}

pub fn clear() {
    if let Some(s) = local() {
        let _ = s.remove_item(KEY);
    }
}
