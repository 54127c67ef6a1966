//! Runtime behaviour: catch-alls, batches, drift paths, invalid-change isolation, lenient
//! scalars, errors that name the JSON path.

use serde_json::{json, Value};
use wa_webhook_types::shared::message::MessageType;
use wa_webhook_types::{security, Change, DriftKind, Notification};

fn parse(body: &Value) -> Notification {
    Notification::from_slice(body.to_string().as_bytes()).expect("parses")
}

fn round_trips(n: &Notification, body: &Value) {
    assert_eq!(&serde_json::to_value(n).unwrap(), body);
}

fn security_change(event: Value) -> Value {
    json!({"field": "security", "value": {"display_phone_number": "15550783881", "event": event}})
}

fn body(changes: Vec<Value>) -> Value {
    json!({"object": "whatsapp_business_account", "entry": [{"id": "1", "time": 1, "changes": changes}]})
}

fn reaction_message(extra: Value) -> Value {
    let mut message = json!({
        "from": "16505551234", "id": "wamid.A", "timestamp": "1749419544", "type": "reaction",
        "reaction": {"message_id": "wamid.B", "emoji": "👍"}
    });
    message
        .as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    json!({"field": "messages", "value": {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
        "messages": [message]
    }})
}

#[test]
fn documented_values_get_their_variant() {
    let b = body(vec![security_change(json!("PIN_CHANGED"))]);
    let n = parse(&b);
    let Some(Change::Security(value)) = n.changes().next() else {
        panic!("{n:?}")
    };
    assert_eq!(value.event, security::SecurityEvent::PinChanged);
    assert_eq!(value.event.as_str(), "PIN_CHANGED");
    assert_eq!(value.event.to_string(), "PIN_CHANGED");
    assert_eq!(
        "PIN_RESET_REQUEST".parse::<security::SecurityEvent>(),
        Ok(security::SecurityEvent::PinResetRequest)
    );
    assert!(n.drift().is_empty());
}

#[test]
fn unknown_enum_value_is_kept_and_reported() {
    let b = body(vec![security_change(json!("PIN_EXAMPLE_UNKNOWN"))]);
    let n = parse(&b);
    let Some(Change::Security(value)) = n.changes().next() else {
        panic!("{n:?}")
    };
    assert!(
        matches!(&value.event, security::SecurityEvent::Unrecognized(v) if v == "PIN_EXAMPLE_UNKNOWN"),
        "{:?}",
        value.event
    );
    assert_eq!(
        value.event,
        "PIN_EXAMPLE_UNKNOWN"
            .parse::<security::SecurityEvent>()
            .unwrap()
    );
    assert_eq!(value.event.as_str(), "PIN_EXAMPLE_UNKNOWN");
    let drift = n.drift();
    assert_eq!(drift.len(), 1);
    assert_eq!(drift[0].path, "entry[0].changes[0].value.event");
    assert_eq!(drift[0].kind, DriftKind::UnknownValue);
    assert_eq!(drift[0].found, "PIN_EXAMPLE_UNKNOWN");
    round_trips(&n, &b);
}

#[test]
fn unknown_field_is_kept_raw_and_reported() {
    let b = body(vec![
        json!({"value": {"anything": [1, {"x": null}]}, "field": "x_unknown_field"}),
    ]);
    let n = parse(&b);
    let Some(Change::Unrecognized(unknown)) = n.changes().next() else {
        panic!("{n:?}")
    };
    assert_eq!(unknown.field(), "x_unknown_field");
    assert_eq!(n.changes().next().unwrap().field(), "x_unknown_field");
    let raw: Value = serde_json::from_str(unknown.value().get()).unwrap();
    assert_eq!(raw, json!({"anything": [1, {"x": null}]}));
    let drift = n.drift();
    assert_eq!(
        (drift[0].path.as_str(), drift[0].kind),
        ("entry[0].changes[0].field", DriftKind::UnknownField)
    );
    round_trips(&n, &b);
}

#[test]
fn unknown_message_type_keeps_name_and_payload() {
    let mut change = reaction_message(json!({}));
    let message = &mut change["value"]["messages"][0];
    message["type"] = json!("x_unknown_type");
    message.as_object_mut().unwrap().remove("reaction");
    message["x_unknown_type"] = json!({"option": 2});
    let b = body(vec![change]);
    let n = parse(&b);
    let Some(Change::Messages(value)) = n.changes().next() else {
        panic!("{n:?}")
    };
    let message = &value.messages.as_ref().unwrap().get(0).unwrap();
    let MessageType::Unrecognized(unknown) = &message.kind else {
        panic!("{message:?}")
    };
    assert_eq!(unknown.name(), "x_unknown_type");
    assert_eq!(unknown.payload().unwrap().get(), r#"{"option":2}"#);
    assert_eq!(message.kind.as_str(), "x_unknown_type");
    let drift = n.drift();
    assert_eq!(drift.len(), 1, "{drift:?}");
    assert_eq!(drift[0].path, "entry[0].changes[0].value.messages[0].type");
    assert_eq!(drift[0].kind, DriftKind::UnknownType);
    assert_eq!(drift[0].found, "x_unknown_type");
    round_trips(&n, &b);
}

#[test]
fn payload_key_order_does_not_matter() {
    // `type` after its payload: the one-pass visitor must still pick the payload.
    let mut change = reaction_message(json!({}));
    let message = change["value"]["messages"][0].take();
    let mut reordered = serde_json::Map::new();
    reordered.insert("reaction".into(), message["reaction"].clone());
    for (k, v) in message.as_object().unwrap() {
        if k != "reaction" {
            reordered.insert(k.clone(), v.clone());
        }
    }
    change["value"]["messages"][0] = Value::Object(reordered);
    let n = parse(&body(vec![change]));
    let Some(Change::Messages(value)) = n.changes().next() else {
        panic!()
    };
    let MessageType::Reaction(reaction) = &value.messages.as_ref().unwrap().get(0).unwrap().kind
    else {
        panic!()
    };
    assert_eq!(reaction.emoji.as_deref(), Some("👍"));
}

#[test]
fn unknown_keys_are_kept_and_reported_at_their_path() {
    // Known keys (and the payload) are walked first, then the object's unknown keys.
    let mut change = reaction_message(json!({"x_unknown_nested": {"a": 1}}));
    change["value"]["messages"][0]["reaction"]["x_unknown_key"] = json!("medium");
    change["value"]["x_unknown_top"] = json!(true);
    let b = body(vec![change]);
    let n = parse(&b);
    let paths: Vec<(String, DriftKind, String)> = n
        .drift()
        .into_iter()
        .map(|d| (d.path, d.kind, d.found))
        .collect();
    assert_eq!(
        paths,
        vec![
            (
                "entry[0].changes[0].value.messages[0].reaction.x_unknown_key".into(),
                DriftKind::UnknownKey,
                "x_unknown_key".into()
            ),
            (
                "entry[0].changes[0].value.messages[0].x_unknown_nested".into(),
                DriftKind::UnknownKey,
                "x_unknown_nested".into()
            ),
            (
                "entry[0].changes[0].value.x_unknown_top".into(),
                DriftKind::UnknownKey,
                "x_unknown_top".into()
            ),
        ]
    );
    round_trips(&n, &b);
}

#[test]
fn every_change_of_every_entry_is_reachable_in_order() {
    let b = json!({"object": "whatsapp_business_account", "entry": [
        {"id": "1", "time": 1, "changes": [security_change(json!("PIN_CHANGED")), reaction_message(json!({}))]},
        {"id": "2", "time": 2, "changes": [{"field": "other", "value": 1}, security_change(json!("PIN_RESET_REQUEST"))]}
    ]});
    let n = parse(&b);
    let fields: Vec<&str> = n.changes().map(Change::field).collect();
    assert_eq!(fields, ["security", "messages", "other", "security"]);
    assert_eq!(n.drift()[0].path, "entry[1].changes[0].field");
    round_trips(&n, &b);
}

#[test]
fn a_change_that_does_not_fit_is_isolated_with_its_error() {
    let b = body(vec![
        security_change(json!(42)),
        security_change(json!("PIN_CHANGED")),
    ]);
    let n = parse(&b);
    let changes: Vec<&Change> = n.changes().collect();
    let Change::Invalid(invalid) = changes[0] else {
        panic!("{:?}", changes[0])
    };
    assert_eq!(invalid.field(), "security");
    assert_eq!(invalid.error().path(), "event");
    assert!(
        invalid
            .error()
            .message()
            .contains("invalid type: integer `42`"),
        "{}",
        invalid.error()
    );
    assert!(
        matches!(changes[1], Change::Security(v) if v.event == security::SecurityEvent::PinChanged)
    );
    let drift = n.drift();
    assert_eq!(drift.len(), 1);
    assert_eq!(drift[0].path, "entry[0].changes[0].value.event");
    assert_eq!(drift[0].kind, DriftKind::Invalid);
    round_trips(&n, &b);
}

#[test]
fn a_message_without_its_payload_is_isolated_at_the_message() {
    let mut change = reaction_message(json!({}));
    change["value"]["messages"][0]
        .as_object_mut()
        .unwrap()
        .remove("reaction");
    let b = body(vec![change]);
    let n = parse(&b);
    let Some(Change::Messages(value)) = n.changes().next() else {
        panic!("{n:?}")
    };
    let messages = value.messages.as_ref().unwrap();
    let invalid: Vec<_> = messages.invalid().collect();
    assert_eq!(invalid.len(), 1);
    assert_eq!(invalid[0].0, 0);
    assert_eq!(invalid[0].1.error().path(), "");
    assert!(
        invalid[0]
            .1
            .error()
            .message()
            .contains("missing field `reaction`"),
        "{}",
        invalid[0].1.error()
    );
    let drift = n.drift();
    assert_eq!(drift.len(), 1, "{drift:?}");
    assert_eq!(drift[0].path, "entry[0].changes[0].value.messages[0]");
    assert_eq!(drift[0].kind, DriftKind::Invalid);
    round_trips(&n, &b);
}

#[test]
fn timestamps_accept_both_forms_and_write_back_what_came() {
    for (sent, seconds) in [
        (json!("1749419544"), 1749419544),
        (json!(1749419544), 1749419544),
        (json!("0042"), 42),
    ] {
        let mut change = reaction_message(json!({}));
        change["value"]["messages"][0]["timestamp"] = sent.clone();
        let b = body(vec![change]);
        let n = parse(&b);
        let Some(Change::Messages(value)) = n.changes().next() else {
            panic!()
        };
        let timestamp = &value.messages.as_ref().unwrap().get(0).unwrap().timestamp;
        assert_eq!(timestamp.get(), seconds);
        assert_eq!(timestamp.was_string(), sent.is_string());
        round_trips(&n, &b);
    }
    let mut change = reaction_message(json!({}));
    change["value"]["messages"][0]["timestamp"] = json!("yesterday");
    let n = parse(&body(vec![change]));
    let Some(Change::Messages(value)) = n.changes().next() else {
        panic!()
    };
    let (index, invalid) = value.messages.as_ref().unwrap().invalid().next().unwrap();
    assert_eq!((index, invalid.error().path()), (0, "timestamp"));
}

#[test]
fn envelope_errors_name_path_line_and_column() {
    let e = Notification::from_slice(b"{\"object\": \"whatsapp_business_account\", \"entry\": {}}")
        .unwrap_err();
    assert_eq!(e.path(), "entry");
    assert!(e.message().contains("invalid type: map"), "{e}");
    assert_eq!(
        e.to_string(),
        format!("entry: {} (line 1, column {})", e.message(), e.column())
    );

    let e = Notification::from_slice(b"{\"object\": \"x\",\n \"entry\": [").unwrap_err();
    assert_eq!(e.line(), 2, "{e}");

    let e = Notification::from_slice(br#"{"object": "x", "entry": [], "x_unknown_key": ["#)
        .unwrap_err();
    assert!(e.message().contains("EOF"), "{e}");

    let e = Notification::from_slice(br#"{"entry": []}"#).unwrap_err();
    assert_eq!(e.path(), "");
    assert!(e.message().contains("missing field `object`"), "{e}");

    let e =
        Notification::from_slice(br#"{"object": "x", "object": "y", "entry": []}"#).unwrap_err();
    assert!(e.message().contains("duplicate field `object`"), "{e}");
}

#[test]
fn entry_time_is_optional() {
    let b = json!({"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": []}]});
    let n = parse(&b);
    assert!(n.entry.get(0).unwrap().time.is_none());
    round_trips(&n, &b);
}

#[test]
fn a_missing_type_is_inferred_from_the_payload_and_stays_missing() {
    let mut change = reaction_message(json!({}));
    change["value"]["messages"][0]
        .as_object_mut()
        .unwrap()
        .remove("type");
    let b = body(vec![change]);
    let n = parse(&b);
    let Some(Change::Messages(value)) = n.changes().next() else {
        panic!("{n:?}")
    };
    let message = &value.messages.as_ref().unwrap().get(0).unwrap();
    assert!(matches!(&message.kind, MessageType::Reaction(r) if r.message_id == "wamid.B"));
    assert!(message.type_omitted);
    assert!(n.drift().is_empty());
    round_trips(&n, &b);
}

#[test]
fn an_optional_payload_may_be_absent() {
    let mut change =
        reaction_message(json!({"errors": [{"code": 131051, "title": "Message type unknown"}]}));
    let message = &mut change["value"]["messages"][0];
    message["type"] = json!("interactive");
    message.as_object_mut().unwrap().remove("reaction");
    let b = body(vec![change]);
    let n = parse(&b);
    let Some(Change::Messages(value)) = n.changes().next() else {
        panic!("{n:?}")
    };
    let message = &value.messages.as_ref().unwrap().get(0).unwrap();
    assert!(
        matches!(message.kind, MessageType::Interactive(None)),
        "{:?}",
        message.kind
    );
    assert_eq!(
        message.errors.as_ref().unwrap().get(0).unwrap().code.get(),
        131051
    );
    round_trips(&n, &b);
}

#[test]
fn a_body_that_is_not_utf8_is_an_error_at_the_bad_byte() {
    let e = Notification::from_slice(b"{\"object\": \"x\",\n \"entry\": [\xff]}").unwrap_err();
    assert!(e.message().contains("not UTF-8"), "{e}");
    assert_eq!((e.line(), e.column()), (2, 12), "{e}");
}

#[test]
fn the_replay_window_checks_every_entry_time() {
    use std::time::{Duration, UNIX_EPOCH};
    use wa_webhook_types::ReplayWindowError;
    let at = |secs: u64| UNIX_EPOCH + Duration::from_secs(secs);
    let window = Duration::from_secs(300);
    let two = json!({"object": "whatsapp_business_account", "entry": [
        {"id": "1", "time": 1_000_000, "changes": []},
        {"id": "2", "time": "1000200", "changes": []}
    ]});
    let n = parse(&two);
    assert_eq!(n.check_replay_window(at(1_000_250), window), Ok(()));
    assert_eq!(
        n.check_replay_window(at(1_000_400), window),
        Err(ReplayWindowError::TooOld {
            path: "entry[0].time".to_owned(),
            age: Duration::from_secs(400)
        })
    );
    assert_eq!(
        n.check_replay_window(at(999_000), window),
        Err(ReplayWindowError::InFuture {
            path: "entry[0].time".to_owned(),
            ahead: Duration::from_secs(1_000)
        })
    );
    let untimed = parse(&json!({"object": "whatsapp_business_account", "entry": [
        {"id": "1", "time": 1_000_000, "changes": []},
        {"id": "2", "changes": []}
    ]}));
    let error = untimed
        .check_replay_window(at(1_000_000), window)
        .unwrap_err();
    assert_eq!(
        error,
        ReplayWindowError::MissingTime {
            path: "entry[1].time".to_owned()
        }
    );
    assert_eq!(
        error.to_string(),
        "entry[1].time: missing, so the body's age cannot be told"
    );
}

#[test]
fn the_replay_window_checks_message_and_status_times_too() {
    use std::time::{Duration, UNIX_EPOCH};
    let at = |secs: u64| UNIX_EPOCH + Duration::from_secs(secs);
    let window = Duration::from_secs(300);
    let metadata =
        json!({"display_phone_number": "15550783881", "phone_number_id": "106540352242922"});
    let n = parse(&json!({"object": "whatsapp_business_account", "entry": [
        {"id": "1", "time": 1_000_000, "changes": [{"field": "messages", "value": {
            "messaging_product": "whatsapp", "metadata": metadata,
            "messages": [{"from": "16505551234", "id": "wamid.A", "timestamp": "999990",
                          "type": "text", "text": {"body": "hi"}}],
            "statuses": [{"id": "wamid.B", "status": "read", "timestamp": "999000",
                          "recipient_id": "16505551234"}]
        }}]}
    ]}));
    let events = n.events();
    assert_eq!(events[0].time(), Some(at(999_990)));
    assert_eq!(events[1].time(), Some(at(999_000)));
    let wide = Duration::from_secs(2_000);
    assert_eq!(n.check_replay_window(at(1_000_000), wide), Ok(()));
    let error = n.check_replay_window(at(1_000_000), window).unwrap_err();
    assert_eq!(
        error.to_string(),
        "entry[0].changes[0].value.statuses[0] (its time): 1000s ago, outside the replay window",
        "the entry's time is within the window, the status's is not"
    );
}

/// A body that is not JSON says so, apart from JSON that is not a webhook notification.
#[test]
fn an_error_says_whether_the_body_is_json_at_all() {
    let garbage = wa_webhook_types::from_slice(b"not json").unwrap_err();
    assert!(garbage.is_not_json());
    assert!(garbage.message().starts_with("not JSON: "), "{garbage}");
    let cut = wa_webhook_types::from_slice(br#"{"object":"whatsapp_business_account","entry":["#)
        .unwrap_err();
    assert!(cut.is_not_json(), "{cut}");
    let not_utf8 = wa_webhook_types::from_slice(&[b'{', 0xff]).unwrap_err();
    assert!(not_utf8.is_not_json(), "{not_utf8}");
    let array = wa_webhook_types::from_slice(b"[1]").unwrap_err();
    assert!(!array.is_not_json(), "{array}");
    let no_entry =
        wa_webhook_types::from_slice(br#"{"object":"whatsapp_business_account"}"#).unwrap_err();
    assert!(!no_entry.is_not_json(), "{no_entry}");
}

#[test]
fn a_drift_says_its_place_as_data_entry_change_field_and_steps() {
    use wa_webhook_types::{DriftPlace, PathStep};
    let body = json!({"object": "whatsapp_business_account", "entry": [
        {"id": "1", "changes": [{"field": "security", "value": {"display_phone_number": "1", "event": "PIN_CHANGED"}}]},
        {"id": "2", "changes": [
            {"field": "security", "value": {"display_phone_number": "1", "event": "PIN_CHANGED"}},
            {"field": "security", "value": {"display_phone_number": "1", "event": "PIN_CHANGED", "x_unknown_key": {"a.b": 1}}},
        ]},
    ]});
    let drift = parse(&body).drift();
    assert_eq!(drift.len(), 1, "{drift:?}");
    let key = |k: &str| PathStep::Key(k.to_owned());
    assert_eq!(
        drift[0].place,
        DriftPlace::new(
            Some(1),
            Some(1),
            Some("security".to_owned()),
            vec![
                key("entry"),
                PathStep::Index(1),
                key("changes"),
                PathStep::Index(1),
                key("value"),
                key("x_unknown_key")
            ],
        )
    );
    // Outside a change: no change, no field.
    let body = json!({"object": "whatsapp_business_account", "x_unknown_key": 1, "entry": []});
    let drift = parse(&body).drift();
    assert_eq!(
        drift[0].place,
        DriftPlace::new(None, None, None, vec![key("x_unknown_key")])
    );
}
