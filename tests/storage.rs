//! The stored envelope: every schema version loads through its migrations (a fixture per version), newer
//! data opens read-only, and imports are checked before anything is replaced (issue 6).
#![cfg(not(target_arch = "wasm32"))]

use contract_console::storage::{decode, encode, read_import, Envelope, LoadError, MAX_IMPORT_BYTES, SCHEMA};

const SCHEMA_1: &str = include_str!("fixtures/schema-1.json");
const NEWER: &str = include_str!("fixtures/schema-2-from-a-newer-console.json");

#[test]
fn every_schema_version_loads_through_its_migrations() {
    let fixtures = [(1, SCHEMA_1)];
    assert_eq!(fixtures.len() as u32, SCHEMA, "one fixture per schema version");
    for (version, raw) in fixtures {
        let env = decode(raw).unwrap_or_else(|e| panic!("schema {version}: {e}"));
        assert_eq!(env.schema, SCHEMA);
        assert_eq!(env.revision, 3);
        assert_eq!(env.account.company, "Contoso Engineering");
        assert_eq!(env.account.contracts.len(), 6);
        // A loaded account saves and loads again unchanged.
        assert_eq!(decode(&encode(&env)).unwrap(), env);
    }
}

#[test]
fn data_from_a_newer_console_is_opened_read_only() {
    match decode(NEWER) {
        Err(LoadError::Newer { schema: 2, readable: Some(env) }) => assert_eq!(env.account.contracts.len(), 6),
        other => panic!("expected a readable newer account, got {other:?}"),
    }
}

#[test]
fn an_import_shows_what_it_holds_and_refuses_bad_files() {
    let (env, summary) = read_import(SCHEMA_1).unwrap();
    assert_eq!(env.account.company, "Contoso Engineering");
    assert_eq!((summary.contracts, summary.users), (6, 38));
    assert_eq!(summary.assignments, 30, "25 classic seats and 5 direct team assignments");
    assert!(read_import("{\"hello\": 1}").unwrap_err().starts_with("This file is not a console backup"));
    assert!(read_import(NEWER).unwrap_err().contains("Update the console to import it"));
    let huge = " ".repeat(MAX_IMPORT_BYTES + 1);
    assert_eq!(
        read_import(&huge).unwrap_err(),
        "The file is 5.0 MiB; a backup can be at most 5 MiB. Nothing was changed."
    );
    let mut broken: Envelope = decode(SCHEMA_1).unwrap();
    broken.account.contracts.values_mut().next().unwrap().lines.values_mut().next().unwrap().seats = 1;
    assert!(read_import(&encode(&broken)).unwrap_err().contains("but has room for"));
}
