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

/// The only drift the corpus may show, each reviewed: content that is new or wrong in those
/// payloads themselves, which the drift report is right to point at. (file, kind, path, found)
const EXPECTED_DRIFT: &[(&str, &str, &str, &str)] = &[
    // Synthetic negative tests: a made-up field, and a made-up shape under a real field.
    (
        "piusalfred-whatsapp/handler_unrecognized_field_default_silent.json",
        "unknown_field",
        "entry[0].changes[0].field",
        "unknown_field_xyz",
    ),
    (
        "piusalfred-whatsapp/unrecognized_field.json",
        "invalid",
        "entry[0].changes[0].value",
        "missing field `messaging_product`",
    ),
    // Test data that writes junk or the alternatives instead of a value.
    (
        "pywa/history__user_preferences__user_preferences.json",
        "unknown_value",
        "entry[0].changes[0].value.user_preferences[0].category",
        "unknown",
    ),
    (
        "pywa/history__user_preferences__user_preferences.json",
        "unknown_value",
        "entry[0].changes[0].value.user_preferences[0].value",
        "bla",
    ),
    (
        "pywa/message__referral.json",
        "unknown_value",
        "entry[0].changes[0].value.messages[0].referral.source_type",
        "ad or post",
    ),
    (
        "pywa/message__referral.json",
        "unknown_value",
        "entry[0].changes[0].value.messages[0].referral.media_type",
        "image or video",
    ),
    (
        "pywa/message__unsupported_with_type.json",
        "unknown_value",
        "entry[0].changes[0].value.messages[0].unsupported.type",
        "pool",
    ),
    // A stray wrapper key beside `object` and `entry`.
    (
        "pywa/template_components_update__element.json",
        "unknown_key",
        "all",
        "all",
    ),
    // An unfilled placeholder of Meta's docs sent as the value.
    (
        "whatsapp-business-rs/message_update_sent.json",
        "unknown_value",
        "entry[0].changes[0].value.statuses[0].conversation.origin.type",
        "<CONVERSATION_CATEGORY>",
    ),
    (
        "whatsapp-business-rs/message_update_sent.json",
        "unknown_value",
        "entry[0].changes[0].value.statuses[0].pricing.category",
        "<CONVERSATION_CATEGORY>",
    ),
];

#[test]
fn every_fixture_is_typed_with_no_drift_but_the_reviewed_cases() {
    let mut unexpected = Vec::new();
    let mut clean = 0;
    let all = fixtures();
    for fixture in &all {
        let n = Notification::from_slice(&fixture.body).unwrap();
        let expected: Vec<(String, String, String)> = EXPECTED_DRIFT
            .iter()
            .filter(|(file, ..)| *file == fixture.file)
            .map(|(_, kind, path, found)| (kind.to_string(), path.to_string(), found.to_string()))
            .collect();
        let found: Vec<(String, String, String)> = n
            .drift()
            .into_iter()
            .map(|d| (d.kind.to_string(), d.path, d.found))
            .collect();
        if found.is_empty() {
            clean += 1;
        }
        if found != expected {
            unexpected.push(format!("{}: {found:?}", fixture.file));
        }
        // Every change of a clean fixture is typed by its field.
        if expected.is_empty() {
            for change in n.changes() {
                if matches!(change, Change::Unrecognized(_) | Change::Invalid(_)) {
                    unexpected.push(format!("{}: {} not typed", fixture.file, change.field()));
                }
            }
        }
    }
    assert!(unexpected.is_empty(), "{}", unexpected.join("\n"));
    assert_eq!(clean, all.len() - 7, "fixtures with no drift");
}

#[test]
fn reaction_fixtures_are_typed() {
    let reactions: Vec<Fixture> = fixtures()
        .into_iter()
        .filter(|f| f.tags.iter().any(|t| t == "messages:reaction"))
        .collect();
    assert!(
        reactions.len() >= 6,
        "expected the reaction fixtures, found {}",
        reactions.len()
    );
    for fixture in reactions {
        let n = Notification::from_slice(&fixture.body).unwrap();
        let typed = n
            .changes()
            .filter_map(|c| match c {
                Change::Messages(value) => value.messages.as_ref(),
                _ => None,
            })
            .flatten()
            .filter(|m| matches!(&m.kind, wa_webhook_types::shared::message::MessageType::Reaction(r) if !r.message_id.is_empty()))
            .count();
        assert!(typed > 0, "{}: no typed reaction", fixture.file);
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

#[test]
fn every_fixture_that_fits_is_read_once() {
    use wa_webhook_types::__private::from_slice_counted;
    let mut again = Vec::new();
    let mut once = 0;
    for f in fixtures() {
        let (Ok(n), counts) = from_slice_counted(&f.body) else {
            continue;
        };
        let fits = n.drift().iter().all(|d| d.kind != DriftKind::Invalid);
        match (fits, counts.body_reads) {
            (true, 1) => once += 1,
            (true, reads) => again.push(format!("{}: read {reads} times", f.file)),
            (false, _) => {}
        }
    }
    assert!(again.is_empty(), "{again:#?}");
    assert!(once > 100, "{once}");
}
