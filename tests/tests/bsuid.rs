//! Meta's 2026 shapes (../shared/reference/bsuid-2026.md): business-scoped user IDs, usernames,
//! the spellings Meta's pages disagree on, and the business username field.

use serde_json::{json, Value};
use wa_webhook_types::shared::status::MessageStatus;
use wa_webhook_types::{Change, Notification};

const BSUID: &str = "US.13491208655302741918";
const PARENT: &str = "US.ENT.11815799212886844830";

fn body(field: &str, value: Value) -> Value {
    json!({"object": "whatsapp_business_account", "entry": [{"id": "1", "time": 1739321024,
        "changes": [{"field": field, "value": value}]}]})
}

fn metadata() -> Value {
    json!({"display_phone_number": "15550783881", "phone_number_id": "106540352242922"})
}

/// Parses, requires no drift, and requires the round trip to give back the same JSON.
fn parse(body: &Value) -> Notification {
    let n = Notification::from_slice(body.to_string().as_bytes()).expect("parses");
    assert_eq!(n.drift(), vec![], "drift in {body}");
    assert_eq!(serde_json::to_value(&n).unwrap(), *body, "round trip");
    n
}

#[test]
fn a_message_from_a_username_only_user_is_typed() {
    let b = body(
        "messages",
        json!({
            "messaging_product": "whatsapp", "metadata": metadata(),
            "contacts": [{"profile": {"username": "realsheenanelson"}, "user_id": BSUID}],
            "messages": [{"from_user_id": BSUID, "id": "wamid.A", "timestamp": "1749416383",
                          "type": "text", "text": {"body": "hi"}}]
        }),
    );
    let n = parse(&b);
    let Some(Change::Messages(value)) = n.changes().next() else {
        panic!("{n:?}")
    };
    let message = value.messages.as_ref().unwrap().get(0).unwrap();
    assert_eq!(message.from, None);
    assert_eq!(message.from_user_id.as_deref(), Some(BSUID));
    let contact = value.contacts.as_ref().unwrap().get(0).unwrap();
    assert_eq!(contact.wa_id, None);
    assert_eq!(contact.user_id.as_deref(), Some(BSUID));
    let profile = contact.profile.as_ref().unwrap();
    assert_eq!(
        (profile.name.as_deref(), profile.username.as_deref()),
        (None, Some("realsheenanelson"))
    );
}

fn status_with(key: &str) -> Value {
    body(
        "messages",
        json!({
            "messaging_product": "whatsapp", "metadata": metadata(),
            "statuses": [{"id": "wamid.S", "status": "read", "timestamp": "1750263800",
                          "recipient_user_id": BSUID, key: PARENT}]
        }),
    )
}

fn first_status(n: &Notification) -> &MessageStatus {
    match n.changes().next() {
        Some(Change::Messages(value)) => value.statuses.as_ref().unwrap().get(0).unwrap(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_three_spellings_of_the_status_parent_key_are_one_field_written_back_as_received() {
    for key in [
        "recipient_parent_user_id",
        "parent_recipient_user_id",
        "parent_user_id",
    ] {
        let n = parse(&status_with(key));
        let status = first_status(&n);
        assert_eq!(status.recipient_parent_user_id.as_deref(), Some(PARENT));
        assert_eq!(status.recipient_parent_user_id_key, key);
    }
}

#[test]
fn two_spellings_of_one_key_in_one_status_keep_that_status_raw() {
    let mut b = status_with("parent_user_id");
    let statuses = &mut b["entry"][0]["changes"][0]["value"]["statuses"];
    statuses[0]["parent_recipient_user_id"] = json!(PARENT);
    let sound = statuses[0].clone();
    statuses.as_array_mut().unwrap().insert(0, sound);
    statuses[0]
        .as_object_mut()
        .unwrap()
        .remove("parent_recipient_user_id");
    let n = Notification::from_slice(b.to_string().as_bytes()).unwrap();
    let drift = n.drift();
    assert_eq!(drift.len(), 1, "{drift:?}");
    assert_eq!(drift[0].path, "entry[0].changes[0].value.statuses[1]");
    assert!(
        drift[0]
            .found
            .contains("duplicate field `recipient_parent_user_id`"),
        "{}",
        drift[0].found
    );
    assert_eq!(
        first_status(&n).recipient_parent_user_id_key,
        "parent_user_id"
    );
    assert_eq!(serde_json::to_value(&n).unwrap(), b);
}

#[test]
fn both_names_of_the_business_username_field_are_one_variant_and_the_name_received_is_kept() {
    for field in ["business_username_update", "business_username_updates"] {
        let b = body(
            field,
            json!({"display_phone_number": "15550783881", "username": "luckyshrub", "status": "reserved"}),
        );
        let n = parse(&b);
        let entry = n.entry.get(0).unwrap();
        let change = entry.changes.get(0).unwrap();
        assert_eq!(change.field(), field);
        let Change::BusinessUsernameUpdate(value) = &change.change else {
            panic!("{change:?}")
        };
        assert_eq!(change.change.field(), "business_username_update");
        assert_eq!(value.username.as_deref(), Some("luckyshrub"));
        assert_eq!(value.status.as_str(), "reserved");
    }
}

#[test]
fn group_participants_have_every_key_optional_and_the_other_spelling_of_the_field_is_accepted() {
    let b = body(
        "group_participant_update",
        json!({
            "messaging_product": "whatsapp", "metadata": metadata(),
            "groups": [{"timestamp": 1739321024, "group_id": "G1", "type": "group_remove_participants",
                "initiated_by": "participant",
                "removed_participants": [{"username": "realsheenanelson", "user_id": BSUID}]}]
        }),
    );
    let n = parse(&b);
    let Some(Change::GroupParticipantsUpdate(value)) = n.changes().next() else {
        panic!("{n:?}")
    };
    let group = value.groups.get(0).unwrap();
    let removed = group.removed_participants.as_ref().unwrap().get(0).unwrap();
    assert_eq!(removed.input, None);
    assert_eq!(removed.wa_id, None);
    assert_eq!(removed.user_id.as_deref(), Some(BSUID));
}

/// `profile.country_code`, which 2026 bodies carry and no page documents, is typed (optional).
#[test]
fn a_contact_profile_with_a_country_code_is_typed() {
    let b = body(
        "messages",
        json!({
            "messaging_product": "whatsapp", "metadata": metadata(),
            "contacts": [{"profile": {"name": "Sheena Nelson", "country_code": "US"},
                          "wa_id": "16505551234", "user_id": BSUID}],
            "messages": [{"from": "16505551234", "id": "wamid.A", "timestamp": "1749416383",
                          "type": "text", "text": {"body": "hi"}}]
        }),
    );
    let n = parse(&b);
    let Some(Change::Messages(value)) = n.changes().next() else {
        panic!("{n:?}")
    };
    let contact = value.contacts.as_ref().unwrap().get(0).unwrap();
    let profile = contact.profile.as_ref().unwrap();
    assert_eq!(profile.country_code.as_deref(), Some("US"));
}
