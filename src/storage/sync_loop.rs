//! The sync loop of a shared account as a pure state machine (issue 28.3): what the loop does next, how long it
//! waits after a failure, and what the status line says of a failed exchange. `ui::console::sync` drives it
//! over the network and the browser's Web Lock.

use super::session::SyncStatus;
use super::shared::DatabaseChanged;
use std::fmt;

/// How long one wait on a quiet feed lasts before it is asked again.
pub const WAIT_MS: u32 = 10_000;
/// After a failure, the next try: in a second while the browser is offline, in three when a server fails.
pub const RETRY_OFFLINE_MS: u32 = 1_000;
pub const RETRY_MS: u32 = 3_000;

/// Why a call to the server did not work.
#[derive(Clone, Debug, PartialEq)]
pub enum NetError {
    Offline,
    /// The server answered with an error status and CouchDB's reason.
    Status(u16, String),
    /// The server's answer is not what CouchDB sends.
    Unexpected(String),
    /// Signed in, but not one of the database's members.
    NotMember {
        name: String,
        db: String,
    },
}

impl fmt::Display for NetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NetError::Offline => {
                f.write_str("The server can't be reached: this browser is offline, or the address is wrong.")
            }
            NetError::Status(401, _) => {
                f.write_str("The server did not accept your name and password: check them and sign in again.")
            }
            NetError::Status(403, why) => write!(f, "The server refused: {why}"),
            NetError::Status(404, _) => f.write_str(
                "The server has no such database: create it and its members first (README, \"Sharing an account\").",
            ),
            NetError::Status(code, why) => write!(f, "The server answered {code}: {why}"),
            NetError::Unexpected(why) => write!(f, "The server's answer can't be read ({why})."),
            NetError::NotMember { name, db } => write!(f, "You are signed in as {name}, but not as a member of the database {db}: ask the server's admin to add you to its members, or Disconnect to keep working on this browser's copy."),
        }
    }
}

/// The connection as the status line shows it.
#[derive(Clone, Debug, PartialEq)]
pub enum Net {
    Connecting,
    Online,
    /// The browser is offline.
    Offline,
    /// The browser is online but the server does not answer.
    Unreachable,
    /// The server answered with an error (signed out, no longer a member…).
    Failed(String),
    /// Another tab of this browser talks to the server.
    OtherTab,
    /// The server's session ended (or the password changed): sign in again on the Share page.
    SignedOut,
    /// The database is no longer the one this browser shares: nothing is exchanged until the admin chooses.
    Changed(DatabaseChanged),
}

impl Net {
    /// What a failed exchange means, given whether the browser says it is online.
    pub fn of(e: NetError, online: bool) -> Net {
        match e {
            NetError::Offline if online => Net::Unreachable,
            NetError::Offline => Net::Offline,
            NetError::Status(401, _) => Net::SignedOut,
            e => Net::Failed(e.to_string()),
        }
    }
}

/// What the loop does next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Next {
    /// Check that the server's database is still the one shared: first, and after every failure (a server
    /// that comes back may have lost it).
    Check,
    /// Ask the feed, waiting on it up to this many milliseconds (`None`: answer at once).
    Pull(Option<u32>),
}

/// Where the loop stands: whether the database was checked since the last failure, and how long to wait.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SyncLoop {
    checked: bool,
    wait: Option<u32>,
}

impl SyncLoop {
    pub fn next(&self) -> Next {
        if self.checked {
            Next::Pull(self.wait)
        } else {
            Next::Check
        }
    }

    /// The database is the one shared.
    pub fn checked(&mut self) {
        self.checked = true;
    }

    /// An exchange failed: check the database again, then ask at once. The result is how long to wait first.
    pub fn failed(&mut self, e: &NetError) -> u32 {
        *self = SyncLoop::default();
        if *e == NetError::Offline {
            RETRY_OFFLINE_MS
        } else {
            RETRY_MS
        }
    }

    /// The feed brought `docs` documents: a quiet feed is waited on, a busy one asked again at once. While
    /// local storage refuses to save, the loop pauses (each save writes again what was refused): the result.
    pub fn pulled(&mut self, docs: usize, unsaved: bool) -> Option<u32> {
        self.wait = (docs == 0).then_some(WAIT_MS);
        unsaved.then_some(RETRY_MS)
    }
}

/// "1 change", "3 changes".
pub fn changes(n: usize) -> String {
    format!("{n} change{}", if n == 1 { "" } else { "s" })
}

/// The line in the header while the account is shared: the connection, what waits, what was refused.
pub fn status_line(status: &SyncStatus, net: &Net) -> String {
    let waiting = if status.waiting > 0 { format!(", {} waiting", changes(status.waiting)) } else { String::new() };
    let state = match net {
        Net::Offline => format!("offline{waiting}"),
        Net::Unreachable => format!("server unreachable{waiting}"),
        Net::Failed(_) => format!("not connected{waiting}"),
        Net::SignedOut => format!("signed out{waiting}"),
        Net::Changed(_) => format!("stopped, the database changed{waiting}"),
        _ if status.not_saved.is_some() => "not saved here, storage is full".to_string(),
        _ if status.waiting > 0 => format!("{} waiting", changes(status.waiting)),
        Net::Connecting => "connecting".to_string(),
        Net::OtherTab => "synced by another tab".to_string(),
        Net::Online => "synced".to_string(),
    };
    let refused = match status.refused.len() {
        0 => String::new(),
        1 => " · 1 refused change".to_string(),
        n => format!(" · {n} refused changes"),
    };
    format!("Shared: {state}{refused}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_loop_checks_the_database_first_and_again_after_every_failure() {
        let mut l = SyncLoop::default();
        assert_eq!(l.next(), Next::Check);
        l.checked();
        assert_eq!(l.next(), Next::Pull(None), "asked at once first, so the state is known");
        assert_eq!(l.pulled(0, false), None);
        assert_eq!(l.next(), Next::Pull(Some(WAIT_MS)), "a quiet feed is waited on");
        assert_eq!(l.pulled(3, false), None);
        assert_eq!(l.next(), Next::Pull(None), "a busy feed is asked again at once");
        assert_eq!(l.failed(&NetError::Offline), RETRY_OFFLINE_MS);
        assert_eq!(l.next(), Next::Check, "a server that comes back may have lost the database");
        l.checked();
        assert_eq!(l.next(), Next::Pull(None));
        assert_eq!(l.failed(&NetError::Status(500, "down".into())), RETRY_MS);
        l.checked();
        assert_eq!(l.pulled(0, true), Some(RETRY_MS), "storage full: pause before the next turn");
    }

    #[test]
    fn the_header_line_of_a_shared_account() {
        let status = |waiting: usize, refused: usize, full: bool| SyncStatus {
            server: "http://127.0.0.1:5984".into(),
            db: "contoso".into(),
            author: "dana".into(),
            waiting,
            refused: vec!["why".into(); refused],
            unreadable: Vec::new(),
            not_saved: full.then(|| "Storage is full.".into()),
            checkpoint: (0, Vec::new()),
            since_checkpoint: 0,
        };
        assert_eq!(status_line(&status(0, 0, false), &Net::Online), "Shared: synced");
        assert_eq!(status_line(&status(2, 0, false), &Net::Online), "Shared: 2 changes waiting");
        assert_eq!(status_line(&status(1, 0, false), &Net::Offline), "Shared: offline, 1 change waiting");
        assert_eq!(
            status_line(&status(1, 1, true), &Net::Online),
            "Shared: not saved here, storage is full · 1 refused change"
        );
        assert_eq!(status_line(&status(0, 3, false), &Net::SignedOut), "Shared: signed out · 3 refused changes");
        assert_eq!(status_line(&status(0, 0, false), &Net::OtherTab), "Shared: synced by another tab");
    }

    #[test]
    fn a_failed_exchange_in_the_status_line() {
        assert_eq!(Net::of(NetError::Offline, false), Net::Offline);
        assert_eq!(Net::of(NetError::Offline, true), Net::Unreachable, "online, but no answer");
        assert_eq!(Net::of(NetError::Status(401, "unauthorized".into()), true), Net::SignedOut);
        assert!(matches!(Net::of(NetError::Status(403, "forbidden".into()), true), Net::Failed(_)));
    }
}
