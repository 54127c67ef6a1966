//! Every example payload of every spec file parses typed, with no drift, and round-trips.
//! The list comes from the specs themselves (`EXAMPLES`), not from this file.

use wa_webhook_types::{Change, Notification, EXAMPLES};

#[test]
fn every_spec_example_parses_without_drift_and_round_trips() {
    assert!(
        EXAMPLES.len() >= 4,
        "expected the examples of the spec files, found {}",
        EXAMPLES.len()
    );
    for example in EXAMPLES {
        let what = format!("{} ({})", example.spec, example.description);
        let notification = Notification::from_slice(example.json.as_bytes())
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(notification.drift(), vec![], "{what}: drift");
        for change in notification.changes() {
            assert!(
                !matches!(change, Change::Unrecognized(_) | Change::Invalid(_)),
                "{what}: change not typed: {change:?}"
            );
        }
        let input: serde_json::Value = serde_json::from_str(example.json).unwrap();
        let output = serde_json::to_value(&notification).unwrap();
        assert_eq!(output, input, "{what}: round trip");
    }
}

#[test]
fn every_spec_file_with_examples_is_represented() {
    for spec in [
        "spec/security.json",
        "spec/partner_solutions.json",
        "spec/messages/reaction.json",
    ] {
        assert!(
            EXAMPLES.iter().any(|e| e.spec == spec),
            "no example from {spec}"
        );
    }
}
