//! A body parses to the same result whatever was parsed before it on the same thread, and a
//! sound body is read once.
//!
//! `from_slice` types a change value in the body's own pass, by the field a scan of the body
//! found for its change object (Meta writes `value` before `field`); a body the scan misreads,
//! or a value that does not fit, must cost time only, never a different result.

use serde_json::{json, Value};
use wa_webhook_types::__private::from_slice_counted;
use wa_webhook_types::{Change, DriftKind, Notification, EXAMPLES};

/// Parses `body` on a thread that has parsed nothing before.
fn parse_alone(body: &[u8]) -> Notification {
    let body = body.to_vec();
    std::thread::spawn(move || Notification::from_slice(&body).expect("parses"))
        .join()
        .expect("no panic")
}

fn fields(n: &Notification) -> Vec<String> {
    n.changes().map(|c| c.field().to_owned()).collect()
}

#[test]
fn every_example_parses_the_same_after_an_example_of_another_field() {
    let bodies: Vec<&[u8]> = EXAMPLES.iter().map(|e| e.json.as_bytes()).collect();
    let alone: Vec<Notification> = bodies.iter().map(|b| parse_alone(b)).collect();
    let mut pairs = 0;
    for (i, before) in bodies.iter().enumerate() {
        let before = before.to_vec();
        let bodies: Vec<Vec<u8>> = bodies.iter().map(|b| b.to_vec()).collect();
        let alone = alone.clone();
        pairs += std::thread::spawn(move || {
            let first = Notification::from_slice(&before).unwrap();
            let mut pairs = 0;
            for (j, body) in bodies.iter().enumerate() {
                if fields(&first) == fields(&alone[j]) {
                    continue;
                }
                Notification::from_slice(&before).unwrap();
                let after = Notification::from_slice(body).unwrap();
                assert_eq!(after, alone[j], "example {j} after example {i}");
                assert_eq!(after.drift(), alone[j].drift());
                pairs += 1;
            }
            pairs
        })
        .join()
        .expect("no panic");
    }
    assert!(
        pairs > 1000,
        "only {pairs} pairs of examples of different fields"
    );
}

fn messages_body(value: Value) -> Vec<u8> {
    let body = json!({"object": "whatsapp_business_account", "entry": [{"id": "1", "time": 1, "changes": [
        {"value": value, "field": "messages"}
    ]}]});
    body.to_string().into_bytes()
}

fn metadata() -> Value {
    json!({"display_phone_number": "15550783881", "phone_number_id": "106540352242922"})
}

#[test]
fn a_value_that_does_not_fit_stays_invalid_after_a_change_of_the_same_field() {
    let sound = messages_body(json!({"messaging_product": "whatsapp", "metadata": metadata()}));
    let broken = messages_body(json!({"messaging_product": "whatsapp", "metadata": 5}));
    let expected = parse_alone(&broken);
    std::thread::spawn(move || {
        Notification::from_slice(&sound).unwrap();
        let n = Notification::from_slice(&broken).unwrap();
        assert_eq!(n, expected);
        match n.changes().next() {
            Some(Change::Invalid(invalid)) => assert_eq!(invalid.error().path(), "metadata"),
            other => panic!("not invalid: {other:?}"),
        };
    })
    .join()
    .expect("no panic");
}

#[test]
fn a_field_sent_under_its_alias_keeps_the_alias_after_a_change_of_its_own_name() {
    let example = EXAMPLES
        .iter()
        .find(|e| e.spec.ends_with("business_username_update.json"))
        .expect("the spec has business_username_update");
    let own = example.json.as_bytes().to_vec();
    let alias = example
        .json
        .replace(
            r#""business_username_update""#,
            r#""business_username_updates""#,
        )
        .into_bytes();
    assert_ne!(own, alias, "the example names its field");
    let expected = parse_alone(&alias);
    std::thread::spawn(move || {
        Notification::from_slice(&own).unwrap();
        let n = Notification::from_slice(&alias).unwrap();
        assert_eq!(n, expected);
        let entry = n.entry.iter().next().unwrap();
        let change = entry.changes.iter().next().unwrap();
        assert_eq!(change.field(), "business_username_updates");
        assert!(matches!(change.change, Change::BusinessUsernameUpdate(_)));
        let round: Value = serde_json::to_value(&n).unwrap();
        assert_eq!(round, serde_json::from_slice::<Value>(&alias).unwrap());
    })
    .join()
    .expect("no panic");
}

#[test]
fn serde_json_entry_points_give_what_from_slice_gives() {
    for example in EXAMPLES {
        let expected = parse_alone(example.json.as_bytes());
        let from_str: Notification = serde_json::from_str(example.json).unwrap();
        let from_reader: Notification = serde_json::from_reader(example.json.as_bytes()).unwrap();
        assert_eq!(from_str, expected, "{}", example.spec);
        assert_eq!(from_reader, expected, "{}", example.spec);
    }
}

#[test]
fn every_example_is_read_once_whatever_came_before() {
    for before in [&EXAMPLES[0], &EXAMPLES[EXAMPLES.len() - 1]] {
        Notification::from_slice(before.json.as_bytes()).unwrap();
        for example in EXAMPLES {
            let (parsed, counts) = from_slice_counted(example.json.as_bytes());
            parsed.unwrap();
            assert_eq!(
                counts.body_reads, 1,
                "{}: {}",
                example.spec, example.description
            );
        }
    }
}

#[test]
fn a_body_the_scan_misreads_is_read_again_to_the_same_result() {
    // Written by hand: `json!` would sort the keys, `field` before `value`.
    let value = r#"{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"messages":[{"from":"16505551234","id":"wamid.A","timestamp":"1749416383","type":"text","text":{"body":"{\"field\": \"security\"}"}}]}"#;
    let security = r#"{"display_phone_number":"15550783881","event":"PIN_CHANGED"}"#;
    // Two fields in Meta's order, a string holding a `field` key.
    let text = format!(
        r#"{{"object":"whatsapp_business_account","entry":[{{"id":"1","changes":[{{"value":{value},"field":"messages"}},{{"value":{security},"field":"security"}}]}}]}}"#
    );
    let (n, counts) = from_slice_counted(text.as_bytes());
    let n = n.unwrap();
    assert_eq!(counts.body_reads, 1);
    assert_eq!(fields(&n), ["messages", "security"]);
    assert!(n.drift().is_empty(), "{:?}", n.drift());
    // An escaped field name: the scan finds no spec field, the value is typed on its own.
    let escaped = text.replace(r#""field":"security""#, r#""field":"secur\u0069ty""#);
    assert_ne!(escaped, text);
    let (again, counts) = from_slice_counted(escaped.as_bytes());
    assert_eq!(again.unwrap(), n);
    assert_eq!(counts.body_reads, 1);
    // An object beside the changes at their depth, before them, shifts the scan: the value
    // is typed as the wrong field, caught, and the body read again to the same result.
    let shifted = format!(
        r#"{{"object":"whatsapp_business_account","entry":[{{"id":"1","x_unknown_key":{{"field":"security"}},"changes":[{{"value":{value},"field":"messages"}}]}}]}}"#
    );
    let (parsed, counts) = from_slice_counted(shifted.as_bytes());
    let parsed = parsed.unwrap();
    assert_eq!(counts.body_reads, 2, "the misread costs a second read");
    assert_eq!(parsed, parse_alone(shifted.as_bytes()));
    assert_eq!(fields(&parsed), ["messages"]);
    let drift = parsed.drift();
    assert!(
        drift.iter().all(|d| d.kind == DriftKind::UnknownKey),
        "{drift:?}"
    );
}
