//! The browser adapter: reads and writes the envelope in local storage. Uses web-sys directly rather
//! than gloo-storage, whose `raw()` panics when storage is blocked and whose typed `get` would discard
//! unreadable text that must be kept.

use super::{decode, encode, Envelope, LoadError, DAMAGED_KEY, KEY};

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
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
    let Some(s) = storage() else {
        return Found::Unavailable;
    };
    match s.get_item(KEY) {
        Err(_) => Found::Unavailable,
        Ok(None) => Found::Nothing,
        Ok(Some(raw)) => match decode(&raw) {
            Ok(env) => Found::Account(env),
            Err(e) => {
                if matches!(e, LoadError::Unreadable(_)) && s.get_item(DAMAGED_KEY).ok().flatten().is_none() {
                    let _ = s.set_item(DAMAGED_KEY, &raw);
                }
                Found::Problem(e)
            }
        },
    }
}

/// Writes the whole envelope in one `setItem`, so a failed write leaves the stored copy intact.
pub fn save(env: &Envelope) -> Result<(), String> {
    let s = storage().ok_or("Local storage is not available in this browser window.")?;
    s.set_item(KEY, &encode(env)).map_err(|_| "The browser refused to save (its storage may be full).".to_string())
}

pub fn clear() {
    if let Some(s) = storage() {
        let _ = s.remove_item(KEY);
    }
}
