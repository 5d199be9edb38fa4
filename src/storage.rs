//! The stored form of an account: one versioned envelope under one local-storage key.
//! Everything here is pure; `local` is the thin browser adapter.

#[cfg(target_arch = "wasm32")]
pub mod couch;
pub mod history;
pub mod journal;
#[cfg(target_arch = "wasm32")]
pub mod local;
pub mod packed;
pub mod scale;
pub mod seed;
pub mod session;
pub mod shared;
pub mod sync_loop;

use crate::domain::{invariants, Account, UserId};
use serde::{Deserialize, Serialize};
use serde_json::Value;

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
    /// In a shared account, the clock of the checkpoint this snapshot holds every op up to (issue 25): kept
    /// with the snapshot, so a tab that dies between writing it and the link still starts from it.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub checkpoint: u64,
    pub account: Account,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl Envelope {
    pub fn new(account: Account) -> Self {
        let viewing_as = account.contracts.values().next().map(|c| c.contract_manager);
        Self { schema: SCHEMA, revision: 0, viewing_as, as_of: None, checkpoint: 0, account }
    }
}

#[derive(Debug, PartialEq)]
pub enum LoadError {
    /// The text is not an account this console can read.
    Unreadable(String),
    /// An account, but one that breaks a rule every command keeps (an edited file): never taken in.
    BrokenRule(String),
    /// Written by a newer version of the console: opened read-only when today's format can still read it.
    Newer { schema: u32, readable: Option<Box<Envelope>> },
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Unreadable(why) => write!(f, "The saved account can't be read ({why})."),
            LoadError::BrokenRule(why) => write!(f, "The saved account breaks a rule ({why})."),
            LoadError::Newer { schema, .. } => {
                write!(f, "The saved account was written by a newer version of the console (schema {schema}).")
            }
        }
    }
}

pub fn encode(env: &Envelope) -> String {
    serde_json::to_string(env).expect("an account always serializes")
}

/// The envelope as local storage keeps it: packed, still starting with its schema and revision.
pub fn encode_stored(env: &Envelope) -> String {
    stored_from(env, &encode(env))
}

/// `encode_stored` of `env` whose JSON (`encode`) is already made: a fold encodes and packs on turns of its own.
pub fn stored_from(env: &Envelope, json: &str) -> String {
    packed::pack_snapshot(env.schema, env.revision, json)
}

/// The revision of a stored envelope, from the head of its text: `encode` writes `schema` and `revision`
/// first, so another tab's save is noticed without decoding a large account.
pub fn revision_of(raw: &str) -> Option<u64> {
    let head = packed::head(raw);
    let after = head.split("\"revision\":").nth(1)?;
    after.split(|c: char| !c.is_ascii_digit()).next()?.parse().ok()
}

/// The schema of an envelope's JSON when it starts as `encode` writes it (`{"schema":1,`).
fn schema_of(json: &str) -> Option<u32> {
    let rest = json.strip_prefix("{\"schema\":")?;
    let (digits, after) = rest.split_at(rest.find(|c: char| !c.is_ascii_digit())?);
    after.starts_with(',').then(|| digits.parse().ok()).flatten()
}

/// One step from schema `n` to `n + 1`; `MIGRATIONS[n - 1]` upgrades schema `n`. Schema 1 is the first
/// released format, so there is no step yet; the next format change adds one here with its fixture.
type Migration = fn(Value) -> Result<Value, String>;
const MIGRATIONS: [Migration; SCHEMA as usize - 1] = [];

/// Upgrades a stored envelope of schema `from` to the current schema, one step at a time.
fn migrate(mut value: Value, from: u32) -> Result<Value, LoadError> {
    for step in &MIGRATIONS[from as usize - 1..] {
        value = step(value).map_err(LoadError::Unreadable)?;
    }
    value["schema"] = Value::from(SCHEMA);
    Ok(value)
}

/// Reads a stored envelope (packed or not) of any schema this build knows, upgrades it, and checks that the
/// account inside keeps every rule.
pub fn decode(raw: &str) -> Result<Envelope, LoadError> {
    let unreadable = |e: &dyn std::fmt::Display| LoadError::Unreadable(e.to_string());
    let raw = &*packed::unpack(raw).map_err(|e| unreadable(&e))?;
    // `encode` writes the schema first: read there, a start-up doesn't parse the whole account twice. Any other
    // text (a backup tidied by hand, say) is read whole for it.
    let schema = match schema_of(raw) {
        Some(schema) => Some(schema),
        None => serde_json::from_str::<Value>(raw).map_err(|e| unreadable(&e))?["schema"]
            .as_u64()
            .and_then(|s| u32::try_from(s).ok()),
    };
    let schema = schema.filter(|s| *s >= 1).ok_or(LoadError::Unreadable("it has no schema version".into()))?;
    let env: Envelope = match schema {
        // The usual case reads the text once, straight into the account.
        SCHEMA => serde_json::from_str(raw).map_err(|e| unreadable(&e))?,
        older if older < SCHEMA => {
            let value: Value = serde_json::from_str(raw).map_err(|e| unreadable(&e))?;
            // Read back from text, not `from_value`: that would compile the whole account's reader a second
            // time for `Value` (issue 14).
            serde_json::from_str(&migrate(value, older)?.to_string()).map_err(|e| unreadable(&e))?
        }
        newer => {
            // Unknown fields are ignored: if today's format still reads it, it can at least be shown.
            let readable = serde_json::from_str::<Envelope>(raw)
                .ok()
                .filter(|e| invariants::check(&e.account).is_ok())
                .map(Box::new);
            return Err(LoadError::Newer { schema: newer, readable });
        }
    };
    let mut env = env;
    env.account.number_emails();
    invariants::check(&env.account).map_err(LoadError::BrokenRule)?;
    Ok(env)
}

/// The largest backup file "Import data" accepts: local storage holds about 5 MiB.
pub const MAX_IMPORT_BYTES: usize = 5 * 1024 * 1024;

/// What an import file holds, shown before it replaces the account.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportSummary {
    pub contracts: usize,
    pub users: usize,
    pub assignments: usize,
}

/// Checks a backup file: its size, its format (any known schema) and every rule of the account in it.
pub fn read_import(raw: &str) -> Result<(Envelope, ImportSummary), String> {
    if raw.len() > MAX_IMPORT_BYTES {
        return Err(format!(
            "The file is {:.1} MiB; a backup can be at most 5 MiB. Nothing was changed.",
            raw.len() as f64 / 1048576.0
        ));
    }
    // Autodesk's exports are the other file an admin has at hand: named, with where they do go.
    let first = raw.trim_start_matches('\u{feff}').lines().next().unwrap_or("");
    if !first.trim_start().starts_with('{') && first.contains([',', ';', '\t']) {
        return Err("This is a CSV file, not a backup of the console: to build the account from Autodesk's exports, \
                    choose Start from Autodesk exports. Nothing was changed."
            .into());
    }
    let env = decode(raw).map_err(|e| match e {
        LoadError::Unreadable(why) => format!("This file is not a console backup ({why}). Nothing was changed."),
        // The same checks as Add, Manage Software Coordinators and Change contract manager (rules 15, 16; W5, W7).
        LoadError::BrokenRule(why) => {
            format!("This file can't be imported: {}. Nothing was changed.", why.trim_end_matches('.'))
        }
        newer => format!("{newer} Update the console to import it. Nothing was changed."),
    })?;
    let acc = &env.account;
    let assignments = acc.contracts.values().flat_map(|c| c.lines.values()).map(|l| l.holders.len()).sum::<usize>()
        + acc.teams.values().map(|t| t.direct.values().map(|p| p.len()).sum::<usize>()).sum::<usize>();
    let summary = ImportSummary {
        contracts: acc.contracts.len(),
        users: acc.users.values().filter(|u| u.classic.is_some()).count(),
        assignments,
    };
    Ok((env, summary))
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
    fn the_revision_is_read_from_the_head_of_the_stored_text() {
        let mut env = Envelope::new(seed::demo_account(today()));
        env.revision = 4711;
        assert_eq!(revision_of(&encode(&env)), Some(4711));
        // Packed, the text after the head is in characters of two and three bytes.
        for revision in [0, 7, 4711, 123_456_789] {
            env.revision = revision;
            assert_eq!(revision_of(&encode_stored(&env)), Some(revision));
        }
        assert_eq!(revision_of("{not json"), None);
    }

    /// The schema is read from the head of what `encode` writes; text laid out otherwise is read whole for it.
    #[test]
    fn the_schema_is_read_from_the_head_and_any_layout_still_decodes() {
        let env = Envelope::new(seed::demo_account(today()));
        assert_eq!(schema_of(&encode(&env)), Some(SCHEMA));
        let tidied = serde_json::to_string_pretty(&env).unwrap();
        assert_eq!(schema_of(&tidied), None);
        assert_eq!(decode(&tidied).unwrap(), env);
        for odd in [r#"{"schema":}"#, r#"{"schema":1"#, r#"{"schema":1}"#, r#"{"schema":"1","#] {
            assert_eq!(schema_of(odd), None, "{odd}");
        }
    }

    #[test]
    fn unreadable_and_newer_data_are_refused_with_a_reason() {
        assert!(matches!(decode("{not json"), Err(LoadError::Unreadable(_))));
        assert!(matches!(decode(r#"{"schema":1,"revision":0}"#), Err(LoadError::Unreadable(_))));
        assert!(matches!(decode(r#"{"revision":0}"#), Err(LoadError::Unreadable(why)) if why.contains("no schema")));
        assert_eq!(decode(r#"{"schema":99}"#), Err(LoadError::Newer { schema: 99, readable: None }));
    }

    /// Issue 16.3: an edited backup passes exactly the checks of Add, Manage Software Coordinators and Change
    /// contract manager (rules 15, 16; W5, W7), one validation for both, and a refused file changes nothing.
    #[test]
    fn an_import_passes_the_same_field_and_role_rules_as_the_commands() {
        use crate::domain::{User, UserId, UserStatus};
        let env = Envelope::new(seed::demo_account(today()));
        let by_name = |acc: &crate::domain::Account, n: &str| {
            *acc.users.iter().find(|(_, u)| u.full_name() == n).expect("in the demo").0
        };
        let edited = |change: &dyn Fn(&mut crate::domain::Account)| {
            let mut e = env.clone();
            change(&mut e.account);
            read_import(&encode(&e)).unwrap_err()
        };
        // An admin trial: a 100,000-character company name was taken in and stretched every screen.
        assert_eq!(
            edited(&|acc| acc.company = "C".repeat(101)),
            "This file can't be imported: the company name has more than 100 characters. Nothing was changed."
        );
        assert!(read_import("First name,Last name,Email\nJane,Doe,j@x.com\n")
            .unwrap_err()
            .contains("Start from Autodesk"));
        let add = |acc: &mut crate::domain::Account, email: &str, first: &str| {
            acc.next_id += 1;
            let user = User { email: email.into(), first_name: first.into(), last_name: "Doe".into(), classic: None };
            acc.users.insert(UserId(acc.next_id), user);
        };
        let case_twin = edited(&|a| add(a, "DANA.REYES@contoso-eng.com", "Dana"));
        assert!(case_twin.contains("the email DANA.REYES@contoso-eng.com is used twice"), "{case_twin}");
        let bad_email = edited(&|a| add(a, "not-an-email", "Jo"));
        assert!(bad_email.contains("\"not-an-email\" is not a valid email address"), "{bad_email}");
        let no_name = edited(&|a| add(a, "jo@x.com", " "));
        assert!(no_name.contains("Enter a first name."), "{no_name}");
        let pending_cm = edited(&|a| {
            let ben = by_name(a, "Ben Carter");
            a.contracts.values_mut().next().unwrap().contract_manager = ben;
        });
        assert!(
            pending_cm.contains("its contract manager: Ben Carter hasn't accepted the invitation yet"),
            "{pending_cm}"
        );
        let pending_sc = edited(&|a| {
            let ben = by_name(a, "Ben Carter");
            a.contracts.values_mut().next().unwrap().serials.values_mut().next().unwrap().coordinator = Some(ben);
        });
        assert!(pending_sc.contains("its software coordinator: Ben Carter hasn't accepted"), "{pending_sc}");
        assert!(
            pending_sc.starts_with("This file can't be imported: ") && pending_sc.ends_with("Nothing was changed.")
        );
        assert!(env
            .account
            .users
            .values()
            .any(|u| u.classic.as_ref().is_some_and(|c| c.status == UserStatus::Pending)));
        assert!(read_import(&encode(&env)).is_ok());
    }

    #[test]
    fn an_account_that_breaks_a_rule_is_refused() {
        let mut env = Envelope::new(seed::demo_account(today()));
        let line = env.account.contracts.values_mut().next().unwrap().lines.values_mut().next().unwrap();
        line.seats = 0;
        let err = decode(&encode(&env)).unwrap_err();
        assert!(matches!(err, LoadError::BrokenRule(why) if why.contains("but has room for 0")));
    }
}
