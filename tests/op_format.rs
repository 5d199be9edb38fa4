//! Issue 25/28, the stored op format is pinned: one golden op document per `Command` kind, as
//! `SharedOp::to_doc` writes it to CouchDB, and the same command as a journal entry in local storage. Every
//! browser of a shared account must read every other browser's ops: renaming a field or a variant fails here
//! before it splits shared accounts.
#![cfg(not(target_arch = "wasm32"))]

use contract_console::domain::Command;
use contract_console::storage::journal::Entry;
use contract_console::storage::shared::SharedOp;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const HOW_TO_ADD: &str = "a new command kind needs tests/fixtures/ops/<Kind>.json (an op document as \
     SharedOp::to_doc writes it, every field filled, optional ones with non-default values) and its name in \
     scripts/couch-design.json's KINDS";

fn ops_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ops")
}

/// The names of `Command`'s variants in declaration order, as serde knows them: no hand-kept list to forget.
fn command_kinds() -> Vec<String> {
    let err = serde_json::from_str::<Command>("\"__no_such_kind__\"").expect_err("no command is called that");
    let message = err.to_string();
    // "unknown variant `__no_such_kind__`, expected one of `AddUser`, `BulkAdd`, … at line 1 column 18"
    let (_, expected) = message
        .split_once("expected")
        .unwrap_or_else(|| panic!("serde's message for an unknown variant changed: {message}"));
    let kinds: Vec<String> = expected.split('`').skip(1).step_by(2).map(str::to_string).collect();
    assert!(kinds.len() > 1, "no variant names found in serde's message: {message}");
    kinds
}

/// Every fixture: its file stem and its text.
fn fixtures() -> Vec<(String, String)> {
    let dir = ops_dir();
    let mut found: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| {
            let stem = p.file_stem().expect("a file name").to_string_lossy().into_owned();
            let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (stem, text)
        })
        .collect();
    found.sort();
    found
}

fn parse(kind: &str, text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("tests/fixtures/ops/{kind}.json is not JSON: {e}"))
}

/// The variant name of a command: a unit variant serializes as its name, the others as `{"Name": {...}}`.
fn kind_of(command: &Command) -> String {
    match serde_json::to_value(command).expect("commands serialize") {
        Value::String(name) => name,
        Value::Object(map) if map.len() == 1 => map.keys().next().unwrap().clone(),
        other => panic!("a command serialized as neither a name nor {{\"Name\": …}}: {other}"),
    }
}

/// What differs between two JSON values, path by path (the first few), for a readable failure.
fn differences(path: &str, want: &Value, got: &Value, out: &mut Vec<String>) {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => {
            for (k, wv) in w {
                match g.get(k) {
                    Some(gv) => differences(&format!("{path}.{k}"), wv, gv, out),
                    None => out.push(format!("{path}.{k}: in the fixture, not written any more")),
                }
            }
            for k in g.keys().filter(|k| !w.contains_key(*k)) {
                out.push(format!("{path}.{k}: written now, not in the fixture"));
            }
        }
        (Value::Array(w), Value::Array(g)) if w.len() == g.len() => {
            for (i, (wv, gv)) in w.iter().zip(g).enumerate() {
                differences(&format!("{path}[{i}]"), wv, gv, out);
            }
        }
        _ if want != got => out.push(format!("{path}: the fixture has {want}, written now {got}")),
        _ => {}
    }
}

/// How `got` differs from `want`, path by path, or `None` when they are the same.
fn changed(want: &Value, got: &Value) -> Option<String> {
    let mut diffs = Vec::new();
    differences("", want, got, &mut diffs);
    (want != got).then(|| diffs.join("\n  "))
}

/// Fails with every problem found, so that one run names every kind a change broke.
fn report(problems: Vec<String>, then: &str) {
    assert!(problems.is_empty(), "{}\n{then}", problems.join("\n"));
}

#[test]
fn every_command_kind_has_a_golden_op() {
    let kinds: BTreeSet<String> = command_kinds().into_iter().collect();
    let files: BTreeSet<String> = fixtures().into_iter().map(|(stem, _)| stem).collect();
    let missing: Vec<&String> = kinds.difference(&files).collect();
    let extra: Vec<&String> = files.difference(&kinds).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "the golden ops don't match Command's kinds.\nNo fixture for: {missing:?} ({HOW_TO_ADD}).\nA fixture \
         but no such kind: {extra:?} (a kind renamed or removed: ops of it are already stored on shared \
         accounts, so keep reading the old name, e.g. #[serde(alias)], rather than deleting its fixture)."
    );
}

#[test]
fn golden_ops_read_and_write_back_unchanged() {
    let fixtures = fixtures();
    assert!(!fixtures.is_empty(), "no golden ops in {}: {HOW_TO_ADD}", ops_dir().display());
    let mut problems = Vec::new();
    for (kind, text) in &fixtures {
        let doc = parse(kind, text);
        let op: SharedOp = match SharedOp::from_doc(&doc) {
            Ok(op) => op,
            Err(why) => {
                problems.push(format!("tests/fixtures/ops/{kind}.json can't be read by SharedOp::from_doc: {why}"));
                continue;
            }
        };
        if kind_of(&op.command) != *kind {
            problems.push(format!("tests/fixtures/ops/{kind}.json holds a {} command", kind_of(&op.command)));
        }
        let written: Value = serde_json::from_str(&op.to_doc())
            .unwrap_or_else(|e| panic!("SharedOp::to_doc wrote a {kind} op that is not JSON: {e}"));
        if let Some(diff) = changed(&doc, &written) {
            problems.push(format!("The {kind} op is written differently now:\n  {diff}"));
        }
    }
    report(
        problems,
        "A field or variant of the op format was renamed, removed or changed type. Ops like these are already \
         stored on shared accounts, and browsers of different versions would split the account: keep reading \
         and writing the old form (#[serde(rename)], #[serde(alias)], #[serde(default)]) or bring in a new op \
         schema with a migration; don't edit the golden op to match.",
    );
}

#[test]
fn the_design_document_knows_every_kind() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/couch-design.json");
    let design: Value = serde_json::from_str(&std::fs::read_to_string(&path).expect("scripts/couch-design.json"))
        .expect("scripts/couch-design.json is JSON");
    let validate = design["validate_doc_update"].as_str().expect("the design document has a validate_doc_update");
    let lines: Vec<&str> = validate.lines().filter(|l| l.contains("var KINDS = [")).collect();
    assert_eq!(
        lines.len(),
        1,
        "scripts/couch-design.json's validate_doc_update needs exactly one line `var KINDS = [\"AddUser\", …];` \
         naming every command kind in Command's order, so that the server refuses an op no console reads; \
         found {} such lines",
        lines.len()
    );
    let line = lines[0];
    let (start, end) = (line.find('[').unwrap(), line.rfind(']').unwrap_or(0));
    let listed: Vec<String> = serde_json::from_str(line.get(start..=end).unwrap_or_default()).unwrap_or_else(|e| {
        panic!("the KINDS line of scripts/couch-design.json must hold a JSON array of names in double quotes on one line ({e}): {line}")
    });
    let kinds = command_kinds();
    let missing: Vec<&String> = kinds.iter().filter(|k| !listed.contains(k)).collect();
    let extra: Vec<&String> = listed.iter().filter(|k| !kinds.contains(k)).collect();
    let what = if missing.is_empty() && extra.is_empty() {
        "the same names in another order: list them in Command's declaration order".to_string()
    } else {
        format!("missing: {missing:?}; not a kind: {extra:?}")
    };
    assert_eq!(
        listed, kinds,
        "scripts/couch-design.json's KINDS is not Command's kinds in order ({what}): {HOW_TO_ADD}"
    );
}

#[test]
fn journal_entries_of_every_kind_read_back_unchanged() {
    let mut problems = Vec::new();
    for (kind, text) in &fixtures() {
        let doc = parse(kind, text);
        let mut apply = json!({ "actor": doc["actor"], "on": doc["on"] });
        if let Some(at) = doc.get("at") {
            apply["at"] = at.clone();
        }
        apply["command"] = doc["command"].clone();
        let stored = json!({ "n": 5, "op": { "Apply": apply } });
        let Some(entry) = Entry::read(&stored.to_string()) else {
            problems.push(format!(
                "A journal entry of a {kind} command (from tests/fixtures/ops/{kind}.json) can't be read by Entry::read"
            ));
            continue;
        };
        let written: Value = serde_json::from_str(&entry.stored())
            .unwrap_or_else(|e| panic!("Entry::stored wrote a {kind} entry that is not plain JSON: {e}"));
        if let Some(diff) = changed(&stored, &written) {
            problems.push(format!("A journal entry of a {kind} command is written differently now:\n  {diff}"));
        }
    }
    report(
        problems,
        "A field or variant of the journal's format was renamed, removed or changed type. Journals in every \
         browser's local storage hold entries like these: keep reading and writing the old form \
         (#[serde(rename)], #[serde(alias)], #[serde(default)]) or migrate the stored journal; don't edit the \
         golden op to match.",
    );
}
