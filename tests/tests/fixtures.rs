//! Conformance over `../shared/fixtures`: real webhook bodies from other projects' test suites.
//!
//! The folder sits beside the project in CI; in a clone without it these tests fail with a
//! message saying so, rather than passing on nothing. Set `WA_WEBHOOK_FIXTURES` to point
//! elsewhere.

use serde_json::Value;
use std::path::PathBuf;
use wa_webhook_types::{Change, DriftKind, Notification};

struct Fixture {
    file: String,
    fields: Vec<String>,
    tags: Vec<String>,
    note: String,
    body: Vec<u8>,
}

fn fixtures_dir() -> PathBuf {
    match std::env::var_os("WA_WEBHOOK_FIXTURES") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/fixtures"),
    }
}

/// Every payload the manifest lists.
fn fixtures() -> Vec<Fixture> {
    let dir = fixtures_dir();
    let manifest = dir.join("manifest.json");
    let text = std::fs::read_to_string(&manifest).unwrap_or_else(|e| {
        panic!(
            "the conformance corpus is missing: cannot read {} ({e}). It lives in ../shared/fixtures \
             beside the project (CI has it); set WA_WEBHOOK_FIXTURES to its folder to run these tests.",
            manifest.display()
        )
    });
    let manifest: Vec<Value> = serde_json::from_str(&text).expect("manifest.json is JSON");
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .into_iter()
            .flatten()
            .filter_map(|s| s.as_str().map(str::to_owned))
            .collect()
    };
    manifest
        .iter()
        .map(|entry| {
            let file = entry["file"].as_str().expect("file").to_owned();
            let body = std::fs::read(dir.join(&file)).unwrap_or_else(|e| panic!("{file}: {e}"));
            Fixture {
                file,
                fields: strings(&entry["fields"]),
                tags: strings(&entry["tags"]),
                note: entry["note"].as_str().unwrap_or_default().to_owned(),
                body,
            }
        })
        .collect()
}

#[test]
fn corpus_is_present_and_complete() {
    let all = fixtures();
    assert!(
        all.len() >= 150,
        "expected the whole corpus, found {} payloads",
        all.len()
    );
}

#[test]
fn every_fixture_parses_and_round_trips() {
    let mut failures = Vec::new();
    for fixture in fixtures() {
        let notification = match Notification::from_slice(&fixture.body) {
            Ok(n) => n,
            Err(e) => {
                failures.push(format!("{}: {e}", fixture.file));
                continue;
            }
        };
        let input: Value = serde_json::from_slice(&fixture.body).unwrap();
        let output = serde_json::to_value(&notification).unwrap();
        if input != output {
            failures.push(format!("{}: round trip differs", fixture.file));
        }
        let fields: Vec<&str> = notification.changes().map(Change::field).collect();
        let mut expected: Vec<&str> = fixture.fields.iter().map(String::as_str).collect();
        let mut found = fields.clone();
        expected.dedup();
        found.dedup();
        if !fixture.fields.is_empty() && found != expected {
            failures.push(format!(
                "{}: fields {found:?}, manifest says {expected:?}",
                fixture.file
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixtures failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn reaction_fixtures_are_typed_without_drift() {
    let reactions: Vec<Fixture> = fixtures()
        .into_iter()
        .filter(|f| f.tags.iter().any(|t| t == "messages:reaction"))
        .filter(|f| f.tags.iter().all(|t| t == "messages:reaction"))
        .collect();
    assert!(
        reactions.len() >= 6,
        "expected the reaction fixtures, found {}",
        reactions.len()
    );
    for fixture in reactions {
        let n = Notification::from_slice(&fixture.body).unwrap();
        let mut typed = 0;
        for change in n.changes() {
            let Change::Messages(value) = change else {
                panic!("{}: {change:?}", fixture.file)
            };
            for message in value.messages.iter().flatten() {
                if let wa_webhook_types::messages::MessageType::Reaction(reaction) = &message.kind {
                    assert!(!reaction.message_id.is_empty(), "{}", fixture.file);
                    typed += 1;
                }
            }
        }
        assert!(typed > 0, "{}: no typed reaction", fixture.file);
        let drift: Vec<_> = n
            .drift()
            .into_iter()
            .filter(|d| d.kind != DriftKind::UnknownKey)
            .collect();
        assert_eq!(drift, vec![], "{}", fixture.file);
    }
}

#[test]
fn synthetic_unknown_field_lands_in_the_catch_all() {
    let synthetic: Vec<Fixture> = fixtures()
        .into_iter()
        .filter(|f| f.note.starts_with("synthetic: made-up field"))
        .collect();
    assert!(!synthetic.is_empty());
    for fixture in synthetic {
        let n = Notification::from_slice(&fixture.body).unwrap();
        let change = n.changes().next().expect("one change");
        let Change::Unrecognized(unknown) = change else {
            panic!("{}: {change:?}", fixture.file)
        };
        assert_eq!(unknown.field(), fixture.fields[0]);
        let drift = n.drift();
        assert_eq!(drift[0].kind, DriftKind::UnknownField);
        assert_eq!(drift[0].path, "entry[0].changes[0].field");
    }
}
