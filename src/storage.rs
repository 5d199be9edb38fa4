//! The stored form of an account: one versioned envelope under one local-storage key.
//! Everything here is pure; `local` is the thin browser adapter.

#[cfg(target_arch = "wasm32")]
pub mod local;
pub mod scale;
pub mod seed;

use crate::domain::{invariants, Account, UserId};
use serde::{Deserialize, Serialize};

/// The one local-storage key the console writes its account under.
pub const KEY: &str = "contract-console.account";
/// Where unreadable stored text is copied before anything else is written (never overwritten).
pub const DAMAGED_KEY: &str = "contract-console.account.damaged";
/// The schema version this build writes.
pub const SCHEMA: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    pub schema: u32,
    /// Counts saves, so that two tabs can tell whose copy is newer.
    pub revision: u64,
    /// The person the console acts as ("Viewing as").
    pub viewing_as: Option<UserId>,
    /// The demo "As of" date, when the admin has moved time; otherwise the console uses today.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<chrono::NaiveDate>,
    pub account: Account,
}

impl Envelope {
    pub fn new(account: Account) -> Self {
        let viewing_as = account.contracts.values().next().map(|c| c.contract_manager);
        Self { schema: SCHEMA, revision: 0, viewing_as, as_of: None, account }
    }
}

#[derive(Debug, PartialEq)]
pub enum LoadError {
    /// The text is not an account this console can read.
    Unreadable(String),
    /// Written by a newer version of the console.
    Newer(u32),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Unreadable(why) => write!(f, "The saved account can't be read ({why})."),
            LoadError::Newer(v) => {
                write!(f, "The saved account was written by a newer version of the console (schema {v}).")
            }
        }
    }
}

pub fn encode(env: &Envelope) -> String {
    serde_json::to_string(env).expect("an account always serializes")
}

/// Reads a stored envelope and checks that the account inside keeps every rule.
pub fn decode(raw: &str) -> Result<Envelope, LoadError> {
    #[derive(Deserialize)]
    struct Version {
        schema: u32,
    }
    let v: Version = serde_json::from_str(raw).map_err(|e| LoadError::Unreadable(e.to_string()))?;
    if v.schema > SCHEMA {
        return Err(LoadError::Newer(v.schema));
    }
    let env: Envelope = serde_json::from_str(raw).map_err(|e| LoadError::Unreadable(e.to_string()))?;
    invariants::check(&env.account).map_err(LoadError::Unreadable)?;
    Ok(env)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    #[test]
    fn an_account_round_trips_through_its_stored_form() {
        let env = Envelope::new(seed::demo_account(today()));
        let back = decode(&encode(&env)).unwrap();
        assert_eq!(back, env);
    }

    #[test]
    fn unreadable_and_newer_data_are_refused_with_a_reason() {
        assert!(matches!(decode("{not json"), Err(LoadError::Unreadable(_))));
        assert!(matches!(decode(r#"{"schema":1,"revision":0}"#), Err(LoadError::Unreadable(_))));
        assert_eq!(decode(r#"{"schema":99}"#), Err(LoadError::Newer(99)));
    }

    #[test]
    fn an_account_that_breaks_a_rule_is_refused() {
        let mut env = Envelope::new(seed::demo_account(today()));
        let line = env.account.contracts.values_mut().next().unwrap().lines.values_mut().next().unwrap();
        line.seats = 0;
        let err = decode(&encode(&env)).unwrap_err();
        assert!(matches!(err, LoadError::Unreadable(why) if why.contains("capacity")));
    }
}
