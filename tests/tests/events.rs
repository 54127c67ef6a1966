//! Events in their context: every message, status and other change, with the account, the
//! business number, the user it concerns (matched with the change's contacts) and a key that
//! stays the same when Meta delivers it again.

use serde_json::{json, Value};
use wa_webhook_types::messages::MessageType;
use wa_webhook_types::{EventItem, Notification};

const BSUID: &str = "US.13491208655302741918";

fn parse(body: &Value) -> Notification {
    Notification::from_slice(body.to_string().as_bytes()).expect("parses")
}

fn metadata() -> Value {
    json!({"display_phone_number": "15550783881", "phone_number_id": "106540352242922"})
}

fn body() -> Value {
    json!({"object": "whatsapp_business_account", "entry": [
        {"id": "WABA_1", "time": 1749416400, "changes": [
            {"field": "messages", "value": {
                "messaging_product": "whatsapp", "metadata": metadata(),
                "contacts": [
                    {"profile": {"name": "Sheena Nelson"}, "wa_id": "16505551234"},
                    {"profile": {"name": "Tiago", "username": "tiago.example"}, "user_id": BSUID}
                ],
                "messages": [
                    {"from": "16505551234", "id": "wamid.A", "timestamp": "1749416383", "type": "text", "text": {"body": "hi"}},
                    {"timestamp": {"x_unknown_key": 1}, "id": "wamid.RAW", "type": "text", "text": {"body": "kept raw"}},
                    {"from_user_id": BSUID, "id": "wamid.B", "timestamp": "1749416390", "type": "reaction",
                     "reaction": {"message_id": "wamid.A", "emoji": "👍"}}
                ]
            }},
            {"field": "messages", "value": {
                "messaging_product": "whatsapp", "metadata": metadata(),
                "statuses": [{"id": "wamid.OUT", "status": "read", "timestamp": "1749416395",
                              "recipient_id": "16505551234"}]
            }},
            {"field": "security", "value": {"display_phone_number": "15550783881", "event": "PIN_CHANGED"}}
        ]}
    ]})
}

#[test]
fn every_message_status_and_change_comes_with_its_context() {
    let n = parse(&body());
    let events = n.events();
    let paths: Vec<&str> = events.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "entry[0].changes[0].value.messages[0]",
            "entry[0].changes[0].value.messages[2]",
            "entry[0].changes[1].value.statuses[0]",
            "entry[0].changes[2]",
        ],
        "the raw message (index 1) is left out, and the indexes are the body's"
    );
    assert!(events.iter().all(|e| e.entry_id == "WABA_1"));
    let fields: Vec<&str> = events.iter().map(|e| e.field).collect();
    assert_eq!(fields, ["messages", "messages", "messages", "security"]);
    assert_eq!(events[0].business_phone, Some("15550783881"));
    assert_eq!(events[0].business_phone_id, Some("106540352242922"));
    assert_eq!(events[3].business_phone, None, "security has no metadata");

    // The sender, matched with the contact of the same phone number.
    let sender = events[0].user.expect("a sender");
    assert_eq!(sender.phone, Some("16505551234"));
    assert_eq!(sender.name, Some("Sheena Nelson"));
    assert_eq!(sender.key(), Some("16505551234"));
    let EventItem::Message(message) = events[0].item else {
        panic!("{:?}", events[0].item)
    };
    let MessageType::Text(text) = &message.kind else {
        panic!()
    };
    assert_eq!(text.body, "hi");

    // A username user without a phone number, matched by BSUID: the key is the BSUID.
    let reacted = events[1].user.expect("a sender");
    assert_eq!(
        (reacted.phone, reacted.bsuid, reacted.username, reacted.name),
        (None, Some(BSUID), Some("tiago.example"), Some("Tiago"))
    );
    assert_eq!(reacted.key(), Some(BSUID));

    // A status: its recipient, and a key with its state.
    assert!(matches!(events[2].item, EventItem::MessageStatus(_)));
    assert_eq!(events[2].user.and_then(|u| u.phone), Some("16505551234"));
    assert_eq!(
        events[2].user.and_then(|u| u.name),
        None,
        "no contacts in that change"
    );

    let keys: Vec<Option<String>> = events.iter().map(|e| e.idempotency_key()).collect();
    assert_eq!(
        keys,
        [
            Some("wamid.A".to_owned()),
            Some("wamid.B".to_owned()),
            Some("wamid.OUT:read".to_owned()),
            None
        ]
    );
    assert!(matches!(events[3].item, EventItem::Change(_)));
}

#[test]
fn a_redelivered_body_gives_the_same_keys() {
    let first = parse(&body());
    let again = parse(&body());
    let keys = |n: &Notification| -> Vec<Option<String>> {
        n.events().iter().map(|e| e.idempotency_key()).collect()
    };
    assert_eq!(keys(&first), keys(&again));
}

/// The events of the spec example described as `description`.
fn example_events(description: &str) -> Vec<String> {
    let example = wa_webhook_types::EXAMPLES
        .iter()
        .find(|e| e.description.starts_with(description))
        .unwrap_or_else(|| panic!("no example {description:?}"));
    let n = Notification::from_slice(example.json.as_bytes()).unwrap();
    n.events()
        .iter()
        .map(|e| {
            let user = e.user.unwrap_or_default();
            format!(
                "{} {} user={:?}/{:?}/{:?} key={:?}",
                e.path,
                match e.item {
                    EventItem::Call(_) => "call",
                    EventItem::CallStatusUpdate(_) => "call-status",
                    EventItem::MessageEcho(_) => "echo",
                    EventItem::UserPreference(_) => "preference",
                    EventItem::Message(_) => "message",
                    EventItem::MessageStatus(_) => "status",
                    _ => "other",
                },
                user.phone,
                user.bsuid,
                user.name.or(user.username),
                e.idempotency_key()
            )
        })
        .collect()
}

#[test]
fn calls_echoes_and_preferences_are_events_of_their_users_too() {
    assert_eq!(
        example_events("A user with a username calls the business"),
        [format!("entry[0].changes[0].value.calls[0] call user=None/Some({BSUID:?})/Some(\"realsheenanelson\") key=Some(\"wacid.HBgLMTY1MDU1NTEyMzQVAgARGBJDQUxMX0lEX0VYQU1QTEUA:connect\")")]
    );
    assert_eq!(
        example_events("A call the business placed is ringing"),
        [format!("entry[0].changes[0].value.statuses[0] call-status user=Some(\"16505551234\")/Some({BSUID:?})/None key=Some(\"wacid.HBgLMTY1MDU1NTEyMzQVAgARGBJDQUxMX0lEX0VYQU1QTEUA:RINGING\")")]
    );
    assert_eq!(
        example_events("A message the business sent from the WhatsApp Business app to a user with a username"),
        [format!("entry[0].changes[0].value.message_echoes[0] echo user=None/Some({BSUID:?})/Some(\"realsheenanelson\") key=Some(\"wamid.HBgLMTY0NjcwNDM1OTUVAgARGBIyNDlBOEI5QUQ4NDc0N0FCNjMA\")")]
    );
    assert_eq!(
        example_events("A user stopped marketing messages."),
        ["entry[0].changes[0].value.user_preferences[0] preference user=Some(\"16505551234\")/None/None key=None"]
    );
}
