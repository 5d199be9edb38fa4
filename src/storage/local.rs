//! The browser adapter: the envelope in local storage, the undo history in this tab's session storage.
//! web-sys directly rather than gloo-storage, whose `raw()` panics when storage is blocked and whose
//! typed `get` would discard unreadable text that must be kept.

use super::history::History;
use super::{decode, encode, Envelope, LoadError, DAMAGED_KEY, KEY};

const HISTORY_KEY: &str = "contract-console.history";

fn local() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// What was found in local storage at start-up.
pub enum Found {
    Nothing,
    Account(Envelope),
    /// Unreadable or newer data: kept untouched (and copied to the damaged key) for the admin to rescue.
    Problem(LoadError),
    Unavailable,
}

pub fn load() -> Found {
    let Some(s) = local() else { return Found::Unavailable };
    match s.get_item(KEY) {
        Err(_) => Found::Unavailable,
        Ok(None) => Found::Nothing,
        Ok(Some(raw)) => match decode(&raw) {
            Ok(env) => Found::Account(env),
            Err(e) => {
                if matches!(e, LoadError::Unreadable(_) | LoadError::BrokenRule(_))
                    && s.get_item(DAMAGED_KEY).ok().flatten().is_none()
                {
                    let _ = s.set_item(DAMAGED_KEY, &raw);
                }
                Found::Problem(e)
            }
        },
    }
}

/// The damaged text kept at start-up, for "Download damaged data".
pub fn damaged() -> Option<String> {
    local()?.get_item(DAMAGED_KEY).ok().flatten()
}

/// The revision of what is stored now, read from the head of the text without decoding the account.
pub fn stored_revision() -> Option<u64> {
    super::revision_of(&local()?.get_item(KEY).ok().flatten()?)
}

/// Writes the whole envelope in one `setItem`, so a failed write leaves the stored copy intact.
pub fn save(env: &Envelope) -> Result<(), String> {
    let s = local().ok_or("Local storage is not available in this browser window.")?;
    s.set_item(KEY, &encode(env))
        .map_err(|_| "The browser refused to save: its storage for this site is full.".to_string())
}

pub fn clear() {
    if let Some(s) = local() {
        let _ = s.remove_item(KEY);
    }
}

pub fn load_history() -> History {
    session()
        .and_then(|s| s.get_item(HISTORY_KEY).ok().flatten())
        .and_then(|raw| serde_json::from_str(&raw).ok())
        .unwrap_or_default()
}

/// Keeps the undo history for this tab; when session storage is full the history is dropped, not the account.
pub fn save_history(history: &History) {
    if let Some(s) = session() {
        let raw = serde_json::to_string(history).expect("strings serialize");
        if s.set_item(HISTORY_KEY, &raw).is_err() {
            let _ = s.remove_item(HISTORY_KEY);
        }
    }
}
