//! Errors say where: the JSON path of a value that does not fit reaches the innermost key or
//! item, spelled as received, for invalid items and change values and for a body that is not a
//! notification.

use serde_json::{json, Value};
use wa_webhook_types::{Change, Notification};

fn body(field: &str, value: Value) -> Vec<u8> {
    json!({"object": "whatsapp_business_account", "entry": [{"id": "1", "time": 1,
        "changes": [{"field": field, "value": value}]}]})
    .to_string()
    .into_bytes()
}

/// The only change of `body`, which must be kept as invalid: its error's path and message.
fn invalid_change(body: &[u8]) -> (String, String) {
    let n = Notification::from_slice(body).expect("parses");
    let change = n.changes().next();
    match change {
        Some(Change::Invalid(invalid)) => (
            invalid.error().path().to_owned(),
            invalid.error().message().to_owned(),
        ),
        other => panic!("not an invalid change: {other:?}"),
    }
}

/// The first example of the spec with `key`, as a tree.
fn example_with(key: &str) -> Value {
    let example = wa_webhook_types::EXAMPLES
        .iter()
        .find(|e| e.json.contains(&format!("\"{key}\"")))
        .unwrap_or_else(|| panic!("no spec example has `{key}`"));
    serde_json::from_str(example.json).unwrap()
}

#[test]
fn an_item_of_a_list_of_ids_is_named_by_its_index() {
    let value = json!({"event": "PARTNER_ADDED", "waba_info": {"waba_id": "980198427658004",
        "owner_business_id": "2329417887457253",
        "solution_partner_business_ids": ["2949482758682047", 520744086200222u64]}});
    let (path, message) = invalid_change(&body("account_update", value));
    assert_eq!(path, "waba_info.solution_partner_business_ids[1]");
    assert!(message.contains("expected a string"), "{message}");
}

#[test]
fn a_key_inside_a_message_is_named_inside_the_item() {
    let reaction = json!({"from": "16505551234", "id": "wamid.R", "timestamp": "1749419544",
        "type": "reaction", "reaction": {"message_id": 7, "emoji": "x"}});
    let value = json!({"messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
        "messages": [reaction]});
    let n = Notification::from_slice(&body("messages", value)).expect("parses");
    let drift = n.drift();
    assert_eq!(drift.len(), 1, "{drift:?}");
    assert_eq!(drift[0].path, "entry[0].changes[0].value.messages[0]");
    assert!(
        drift[0]
            .found
            .starts_with("reaction.message_id: invalid type: integer `7`"),
        "{}",
        drift[0].found
    );
}

#[test]
fn a_key_with_several_spellings_is_named_as_received() {
    let mut tree = example_with("recipient_participant_id");
    let statuses = tree["entry"][0]["changes"][0]["value"]["statuses"]
        .as_array_mut()
        .unwrap();
    let status = statuses
        .iter_mut()
        .filter_map(Value::as_object_mut)
        .find(|s| s.contains_key("recipient_participant_id"))
        .expect("a status with `recipient_participant_id`");
    status.remove("recipient_participant_id");
    status.insert("participant_recipient_id".into(), json!(7));
    let n = Notification::from_slice(tree.to_string().as_bytes()).expect("parses");
    let drift = n.drift();
    assert_eq!(drift.len(), 1, "{drift:?}");
    assert!(
        drift[0]
            .found
            .starts_with("participant_recipient_id: invalid type: integer `7`"),
        "{drift:?}"
    );
}

#[test]
fn a_body_cut_short_is_named_at_the_item_it_cuts() {
    let whole =
        br#"{"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": []}]}"#;
    let cut = &whole[..whole.len() - 8];
    let e = Notification::from_slice(cut).unwrap_err();
    assert!(e.is_not_json(), "{e}");
    assert_eq!(e.path(), "entry[0]", "{e}");
    assert_eq!((e.line(), e.column()), (1, cut.len()));
}

#[test]
fn a_broken_value_of_an_unknown_key_is_named_by_that_key() {
    let text = br#"{"object": "whatsapp_business_account", "entry": [], "x_unknown_key": [1, }"#;
    let e = Notification::from_slice(text).unwrap_err();
    assert!(e.is_not_json(), "{e}");
    assert_eq!(e.path(), "x_unknown_key", "{e}");
}

#[test]
fn a_body_whose_own_key_does_not_fit_is_named_by_it() {
    let e = Notification::from_slice(br#"{"object": "whatsapp_business_account", "entry": {}}"#)
        .unwrap_err();
    assert!(!e.is_not_json());
    assert_eq!(e.path(), "entry");
    assert_eq!(e.message(), "invalid type: map, expected an array");
}
