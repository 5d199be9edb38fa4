//! Where a session keeps the account: what is stored, what was found on loading, why a save failed, and the
//! `Backend` a session writes through (local storage, or a backend in memory in the tests).

use super::*;

/// What is stored: the snapshot and the journal entries after it.
#[derive(Clone, Debug, PartialEq)]
pub struct Stored {
    pub base: Envelope,
    pub entries: Vec<Entry>,
}

/// What a backend found at start-up.
#[derive(Debug)]
pub enum Found {
    Nothing,
    /// Boxed: an account is far larger than the other answers.
    Account(Box<Stored>),
    /// Unreadable or newer data: kept untouched (and copied aside) for the admin to rescue.
    Problem(LoadError),
    Unavailable,
}

impl Found {
    /// What a stored snapshot and its entries hold: an account, or the reason they can't be used.
    pub fn in_text(snapshot: &str, entries: &[String]) -> Found {
        let base = match decode(snapshot) {
            Ok(env) => env,
            Err(e) => return Found::Problem(e),
        };
        let mut read = Vec::new();
        for (i, raw) in entries.iter().enumerate() {
            match Entry::read(raw) {
                Some(e) if e.n == base.revision + 1 + i as u64 => {
                    // A replaced account is checked like any stored one; commands are checked as they replay.
                    if let Op::Replace(env) = &e.op {
                        if let Err(why) = invariants::check(&env.account) {
                            return Found::Problem(LoadError::BrokenRule(why));
                        }
                    }
                    read.push(e)
                }
                _ => {
                    let n = base.revision + 1 + i as u64;
                    return Found::Problem(LoadError::Unreadable(format!("journal entry {n} can't be read")));
                }
            }
        }
        Found::Account(Box::new(Stored { base, entries: read }))
    }
}

/// Why a save did not happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageError {
    Unavailable,
    Full,
    /// Another window wrote an entry with the same number first: this one is not written over it.
    Conflict,
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            StorageError::Unavailable => "Local storage is not available in this browser window.",
            StorageError::Full => "The browser refused to save: its storage for this site is full.",
            StorageError::Conflict => {
                "Another window saved a change at the same moment, so this one was not written over it."
            }
        })
    }
}

/// Where the account is kept: a snapshot, the journal after it, "Viewing as" and "As of", and this window's
/// undo history.
pub trait Backend {
    fn load(&mut self) -> Found;
    /// Adds one entry: its own record first, then the journal's head, so a tab that dies between the two
    /// writes loses nothing (the next start reads every entry that follows the snapshot). Never writes over an
    /// entry that is there already (`Conflict`).
    fn append(&mut self, entry: &Entry) -> Result<(), StorageError>;
    /// Writes a new snapshot at once (a failed write leaves the stored copy as it was), then drops the entries
    /// it holds: `text` is `encode_stored` of an envelope of revision `revision`.
    fn snapshot_text(&mut self, revision: u64, text: &str) -> Result<(), StorageError>;
    /// `snapshot_text` of `env`.
    fn snapshot(&mut self, env: &Envelope) -> Result<(), StorageError> {
        self.snapshot_text(env.revision, &crate::storage::encode_stored(env))
    }
    /// The number of the last stored entry, without reading the account.
    fn stored_revision(&self) -> Option<u64>;
    /// The revision of the stored snapshot, without reading it.
    fn stored_base(&self) -> Option<u64>;
    /// Starting over (from damaged or newer data): drops every entry, then writes `env` as the snapshot.
    fn start_over(&mut self, env: &Envelope) -> Result<(), StorageError>;
    /// The entries after `n`, or `None` when the snapshot has moved past it (read everything again).
    fn entries_after(&self, n: u64) -> Option<Vec<Entry>>;
    /// "Viewing as" and "As of", kept apart from the journal: they are this console's view, not a change.
    fn save_view(&mut self, env: &Envelope);
    fn load_history(&self) -> History;
    fn save_history(&mut self, history: &History);
    /// A shared account's link and its ops' texts (issue 15), when this browser shares one.
    fn load_shared(&self) -> Option<(String, Vec<String>)>;
    /// Writes ops, each under its own doc id, drops `dropped` ones, then writes the link.
    fn save_shared(&mut self, link: &str, ops: &[(String, String)], dropped: &[String]) -> Result<(), StorageError>;
    /// Just the link: cheap enough to read before every change.
    fn load_shared_link(&self) -> Option<String>;
    /// Stops sharing: the link and every op are removed.
    fn forget_shared(&mut self);
}
