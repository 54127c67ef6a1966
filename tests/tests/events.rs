//! Events in their context: every message, status and other change, with the account, the
//! business number, the user it concerns (matched with the change's contacts) and a key that
//! stays the same when Meta delivers it again.

use serde_json::{json, Value};
use wa_webhook_types::shared::message::MessageType;
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

/// A `messages` change holding `messages` (each `{"from", "id", "timestamp", ...}` completed).
fn messages(items: Value) -> Notification {
    let items: Vec<Value> = items
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let mut m = m.clone();
            let fields = m.as_object_mut().unwrap();
            fields.insert("from".into(), json!("16505551234"));
            fields.insert("id".into(), json!(format!("wamid.{i}")));
            fields.insert("timestamp".into(), json!("1749416383"));
            m
        })
        .collect();
    parse(
        &json!({"object": "whatsapp_business_account", "entry": [{"id": "WABA_1", "changes": [
            {"field": "messages", "value": {"messaging_product": "whatsapp", "metadata": metadata(),
             "messages": items}}
        ]}]}),
    )
}

#[test]
fn the_text_a_user_wrote_or_chose() {
    let n = messages(json!([
        {"type": "text", "text": {"body": "hi"}},
        {"type": "button", "button": {"payload": "P", "text": "Yes please"}},
        {"type": "interactive", "interactive": {"type": "button_reply", "button_reply": {"id": "b1", "title": "Book"}}},
        {"type": "interactive", "interactive": {"type": "list_reply", "list_reply": {"id": "r1", "title": "Tuesday"}}},
        {"type": "image", "image": {"id": "MEDIA_1", "mime_type": "image/jpeg", "sha256": "x", "caption": "a caption"}},
        {"type": "reaction", "reaction": {"message_id": "wamid.A", "emoji": "👍"}}
    ]));
    assert!(n.drift().is_empty(), "{:?}", n.drift());
    let texts: Vec<Option<&str>> = n.events().iter().map(|e| e.text()).collect();
    assert_eq!(
        texts,
        [
            Some("hi"),
            Some("Yes please"),
            Some("Book"),
            Some("Tuesday"),
            None,
            None
        ],
        "a caption is not the message's text, nor a reaction"
    );
    let typed: Vec<Option<&str>> = n.events().iter().map(|e| e.text_message()).collect();
    assert_eq!(
        typed,
        [Some("hi"), None, None, None, None, None],
        "only what the user typed, not what they chose"
    );
    let times: Vec<Option<i64>> = n.events().iter().map(|e| e.timestamp()).collect();
    assert_eq!(times, [Some(1749416383); 6]);
    assert_eq!(
        n.events()[0].time(),
        Some(std::time::UNIX_EPOCH + std::time::Duration::from_secs(1749416383))
    );
}

#[test]
fn the_name_to_show_falls_back_from_profile_name_to_username_and_bsuid_never_a_phone() {
    let message = |from: Value| {
        let mut m = json!({"id": "wamid.N", "timestamp": "1749416383", "type": "text", "text": {"body": "hi"}});
        m.as_object_mut()
            .unwrap()
            .extend(from.as_object().unwrap().clone());
        m
    };
    let body = |contact: Value, from: Value| {
        json!({"object": "whatsapp_business_account", "entry": [{"id": "WABA_1", "changes": [
            {"field": "messages", "value": {"messaging_product": "whatsapp", "metadata": metadata(),
             "contacts": [contact], "messages": [message(from)]}}]}]})
    };
    let name_of = |b: Value| parse(&b).events()[0].user_name().map(str::to_owned);
    let from = json!({"from": "16505551234", "from_user_id": BSUID});
    let cases = [
        (
            json!({"profile": {"name": "Sheena", "username": "@sheena"}, "wa_id": "16505551234", "user_id": BSUID}),
            "Sheena",
        ),
        (
            json!({"profile": {"username": "@sheena"}, "wa_id": "16505551234", "user_id": BSUID}),
            "@sheena",
        ),
        (
            json!({"profile": {}, "wa_id": "16505551234", "user_id": BSUID}),
            BSUID,
        ),
    ];
    for (contact, expected) in cases {
        assert_eq!(
            name_of(body(contact, from.clone())).as_deref(),
            Some(expected)
        );
    }
    let phone_only = body(
        json!({"profile": {}, "wa_id": "16505551234"}),
        json!({"from": "16505551234"}),
    );
    // Safe to log: never a phone number, unless asked for.
    assert_eq!(name_of(phone_only.clone()), None);
    let with_phone = parse(&phone_only).events()[0]
        .user_name_or_phone()
        .map(str::to_owned);
    assert_eq!(with_phone.as_deref(), Some("16505551234"));
    // An account change concerns no user.
    let security = json!({"object": "whatsapp_business_account", "entry": [{"id": "WABA_1", "changes": [
        {"field": "security", "value": {"display_phone_number": "15550783881", "event": "PIN_CHANGED"}}]}]});
    assert_eq!(name_of(security), None);
}

#[test]
fn a_reaction_added_and_removed() {
    let n = messages(json!([
        {"type": "reaction", "reaction": {"message_id": "wamid.A", "emoji": "👍"}},
        {"type": "reaction", "reaction": {"message_id": "wamid.A"}},
        {"type": "reaction", "reaction": {"message_id": "wamid.A", "emoji": ""}},
        {"type": "text", "text": {"body": "hi"}}
    ]));
    let events = n.events();
    let reactions: Vec<_> = events.iter().map(|e| e.reaction()).collect();
    let added = reactions[0].expect("a reaction");
    assert_eq!((added.message_id, added.emoji), ("wamid.A", Some("👍")));
    assert!(!added.is_removed());
    for removed in &reactions[1..3] {
        let removed = removed.expect("a reaction");
        assert_eq!((removed.message_id, removed.emoji), ("wamid.A", None));
        assert!(removed.is_removed());
    }
    assert_eq!(reactions[3], None);
}

#[test]
fn a_failed_status_says_why_and_a_read_one_is_no_failure() {
    let n = parse(
        &json!({"object": "whatsapp_business_account", "entry": [{"id": "WABA_1", "changes": [
            {"field": "messages", "value": {"messaging_product": "whatsapp", "metadata": metadata(),
             "statuses": [
                {"id": "wamid.OUT", "status": "failed", "timestamp": "1749416395", "recipient_id": "16505551234",
                 "errors": [{"code": 131050, "title": "Not delivered", "message": "Not delivered",
                             "error_data": {"details": "To keep engagement healthy."}},
                            {"code": 131026, "details": "Message undeliverable"}]},
                {"id": "wamid.OUT2", "status": "read", "timestamp": "1749416396", "recipient_id": "16505551234"}
             ]}},
            {"field": "messages", "value": {"messaging_product": "whatsapp", "metadata": metadata(),
             "errors": [{"code": 130429, "title": "Rate limit hit"}]}}
        ]}]}),
    );
    assert!(n.drift().is_empty(), "{:?}", n.drift());
    let events = n.events();
    let failed = events[0].errors();
    let found: Vec<(Option<i64>, Option<&str>, Option<&str>)> = failed
        .iter()
        .map(|e| (e.code, e.title, e.details))
        .collect();
    assert_eq!(
        found,
        [
            (
                Some(131050),
                Some("Not delivered"),
                Some("To keep engagement healthy.")
            ),
            (Some(131026), None, Some("Message undeliverable"))
        ]
    );
    assert_eq!(failed[0].to_string(), "131050: Not delivered");
    assert_eq!(failed[1].to_string(), "131026: Message undeliverable");
    assert!(events[0].is_failure());
    assert!(!events[1].is_failure() && events[1].errors().is_empty());
    // A change with errors and no messages or statuses: the change's own errors.
    assert!(matches!(events[2].item, EventItem::Change(_)));
    assert_eq!(events[2].errors()[0].code, Some(130429));
}

#[test]
fn an_unsupported_message_says_why_its_content_is_missing() {
    let n = messages(json!([
        {"type": "unsupported", "errors": [{"code": 131051, "title": "Message type unknown"}]}
    ]));
    let errors = n.events()[0].errors();
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].to_string(), "131051: Message type unknown");
}

/// Claims every event and keeps the claims; whether each was new.
fn claim_and_keep(recent: &wa_webhook_types::RecentEvents, n: &Notification) -> Vec<bool> {
    n.events()
        .iter()
        .map(|e| recent.claim(e).map(|claim| claim.keep()).is_some())
        .collect()
}

#[test]
fn recent_events_drop_kept_repeats_and_forget_the_oldest() {
    let recent = wa_webhook_types::RecentEvents::new(3);
    assert_eq!(
        claim_and_keep(&recent, &parse(&body())),
        [true, true, true, true],
        "three keys, and a change without one"
    );
    assert_eq!(
        claim_and_keep(&recent, &parse(&body())),
        [false, false, false, true],
        "the keyed events are repeats"
    );
    // A fourth key pushes out the oldest kept (wamid.A), which then counts as new again.
    let other = messages(json!([{"type": "text", "text": {"body": "x"}}]));
    assert_eq!(claim_and_keep(&recent, &other), [true], "wamid.0 is new");
    let third = parse(&body());
    let events = third.events();
    assert!(recent.claim(&events[1]).is_none(), "wamid.B is still kept");
    assert!(recent.claim(&events[0]).is_some(), "wamid.A was forgotten");
}

/// Meta retries a body it was answered 503 for: a claim dropped without `keep` (the app could
/// not store the event) must not turn that retry into a repeat.
#[test]
fn a_claim_dropped_without_keep_lets_the_retry_through() {
    let recent = wa_webhook_types::RecentEvents::new(10);
    let n = parse(&body());
    let event = &n.events()[0];
    let claim = recent.claim(event).expect("new");
    assert_eq!(claim.key(), Some("wamid.A"));
    assert!(
        recent.claim(event).is_none(),
        "a second delivery while the first is in flight is not processed twice"
    );
    drop(claim); // the app answered 503
    let claim = recent.claim(event).expect("the retry is processed");
    claim.keep();
    assert!(recent.claim(event).is_none(), "kept: a repeat from now on");

    // A handler that panics with a claim in hand forgets it too.
    let other = parse(&body());
    let reaction = &other.events()[2];
    let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let _claim = recent.claim(reaction).expect("new");
        panic!("the handler failed");
    }));
    assert!(panicked.is_err());
    assert!(recent.claim(reaction).is_some(), "the retry is processed");
}

#[test]
fn events_can_be_held_across_an_await() {
    fn send_sync<T: Send + Sync + std::panic::UnwindSafe>(_: &T) {}
    let n = parse(&body());
    let events = n.events();
    send_sync(&events);
    send_sync(&events[0].errors());
    send_sync(&events[0].user);
}

#[test]
fn an_event_item_serializes_as_meta_sent_it() {
    let body = body();
    let n = parse(&body);
    let events = n.events();
    let message = serde_json::to_value(events[0].item).unwrap();
    assert_eq!(
        message,
        body["entry"][0]["changes"][0]["value"]["messages"][0]
    );
    let change = serde_json::to_value(events[3].item).unwrap();
    assert_eq!(
        change,
        json!({"value": body["entry"][0]["changes"][2]["value"]})
    );
}

/// The example of `spec/standby.json` (Meta's standby page) whose payload holds `marker`.
fn standby_example(marker: &str) -> Notification {
    let example = wa_webhook_types::EXAMPLES
        .iter()
        .find(|e| e.spec.ends_with("standby.json") && e.json.contains(marker))
        .unwrap_or_else(|| panic!("no standby example with {marker:?}"));
    Notification::from_slice(example.json.as_bytes()).expect("parses")
}

#[test]
fn a_standby_copy_is_an_event_that_says_so_with_its_user() {
    let n = standby_example("Test standby message");
    let events = n.events();
    let [event] = events.as_slice() else {
        panic!("{events:?}")
    };
    assert!(event.is_standby(), "a copy an app must not answer");
    assert_eq!(event.path, "entry[0].changes[0].value.standby.messages[0]");
    assert!(matches!(event.item, EventItem::Message(m) if matches!(m.kind, MessageType::Text(_))));
    assert_eq!(event.text(), Some("Test standby message"));
    let user = event.user.expect("the sender");
    assert_eq!(user.phone, Some("16505551234"));
    assert_eq!(
        user.name,
        Some("Test User"),
        "matched with the copy's contacts"
    );
    assert_eq!(event.business_phone_id, Some("106540352242922"));

    let n = standby_example("\"statuses\":[");
    let [status] = n.events().try_into().unwrap_or_else(|e| panic!("{e:?}"));
    assert!(status.is_standby());
    assert!(matches!(status.item, EventItem::MessageStatus(_)));
    assert_eq!(status.user.and_then(|u| u.phone), Some("16505551234"));

    let n = standby_example("summer_sale_2026");
    let [echo] = n.events().try_into().unwrap_or_else(|e| panic!("{e:?}"));
    assert!(echo.is_standby());
    assert_eq!(
        echo.path,
        "entry[0].changes[0].value.standby.message_echoes[0]"
    );
    let EventItem::StandbyEcho(e) = echo.item else {
        panic!("{:?}", echo.item)
    };
    assert_eq!(e.message["template"]["name"], "summer_sale_2026");
    assert_eq!(e.template.as_ref().unwrap()["status"], "APPROVED");
    assert!(echo.idempotency_key().is_some());

    // The owner's own copy of the same message is not one.
    let owned = parse(&body());
    assert!(owned.events().iter().all(|e| !e.is_standby()));
}

#[test]
fn a_handover_is_an_event_with_its_user_and_both_owner_roles() {
    use wa_webhook_types::messaging_handovers::HandoverType;
    use wa_webhook_types::shared::handover::ThreadOwnerRole;
    use wa_webhook_types::Change;
    let example = wa_webhook_types::EXAMPLES
        .iter()
        .find(|e| e.spec.ends_with("messaging_handovers.json"))
        .expect("an example");
    let n = Notification::from_slice(example.json.as_bytes()).expect("parses");
    let events = n.events();
    let [event] = events.as_slice() else {
        panic!("{events:?}")
    };
    assert!(!event.is_standby());
    assert_eq!(event.user.and_then(|u| u.phone), Some("16505551234"));
    assert_eq!(event.business_phone_id, Some("106540352242922"));
    assert!(event.time().is_some());
    let EventItem::Change(Change::MessagingHandovers(h)) = event.item else {
        panic!("{:?}", event.item)
    };
    assert_eq!(h.r#type, Some(HandoverType::ControlPassed));
    let passed = h.control_passed.as_ref().expect("control_passed");
    assert_eq!(passed.previous_owner_role, ThreadOwnerRole::AiAgent);
    assert_eq!(passed.new_owner_role, ThreadOwnerRole::Escalation);
    let context = passed.conversation_context.as_ref().expect("a summary");
    assert_eq!(
        context.summary.as_ref().map(|s| s.text.as_str()),
        Some("AI-generated summary string")
    );
}

/// vercel/chat#925: `"from": ""` and `"wa_id": ""` name no one; the user is the BSUID, as when
/// the keys are absent.
#[test]
fn an_empty_phone_number_is_no_identity_and_the_bsuid_stands_in() {
    let with_empty = json!({"object": "whatsapp_business_account", "entry": [{"id": "WABA_1", "changes": [
        {"field": "messages", "value": {
            "messaging_product": "whatsapp", "metadata": metadata(),
            "contacts": [{"profile": {"name": "Tiago", "country_code": "BR"}, "wa_id": "", "user_id": BSUID}],
            "messages": [{"from": "", "from_user_id": BSUID, "id": "wamid.E", "timestamp": "1749416383",
                          "type": "text", "text": {"body": "oi"}}]
        }}
    ]}]});
    let mut without = with_empty.clone();
    let value = &mut without["entry"][0]["changes"][0]["value"];
    value["contacts"][0]
        .as_object_mut()
        .unwrap()
        .remove("wa_id");
    value["messages"][0].as_object_mut().unwrap().remove("from");

    let (a, b) = (parse(&with_empty), parse(&without));
    let (a, b) = (a.events(), b.events());
    let user = a[0].user.expect("a user");
    assert_eq!(user.phone, None);
    assert_eq!(user.key(), Some(BSUID));
    assert_eq!(
        user.name,
        Some("Tiago"),
        "matched with the contact by BSUID"
    );
    assert_eq!(
        a[0].user, b[0].user,
        "the same user as with the keys absent"
    );
}

#[test]
fn a_flows_alert_is_a_change_event_whose_fields_read_as_what_they_are() {
    use wa_webhook_types::flows::{FlowAlertState, FlowEvent};
    use wa_webhook_types::Change;
    let example = wa_webhook_types::EXAMPLES
        .iter()
        .find(|e| e.spec.ends_with("flows.json") && e.json.contains("CLIENT_ERROR_RATE"))
        .expect("the client error rate example");
    let n = Notification::from_slice(example.json.as_bytes()).expect("parses");
    let events = n.events();
    let [event] = events.as_slice() else {
        panic!("{events:?}")
    };
    assert_eq!(event.field, "flows");
    assert_eq!(event.user, None, "an alert concerns a flow, not a user");
    let EventItem::Change(Change::Flows(alert)) = event.item else {
        panic!("{:?}", event.item)
    };
    assert_eq!(alert.event, FlowEvent::ClientErrorRate);
    assert_eq!(alert.alert_state, Some(FlowAlertState::Activated));
    assert_eq!(alert.flow_id, "691244242662581");
    assert_eq!(
        alert.error_rate.as_ref().map(|r| r.to_string()),
        Some("14.28".to_owned())
    );
    let errors: Vec<_> = alert.errors.iter().flatten().collect();
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0].error_type, "INVALID_SCREEN_TRANSITION");
    assert!(
        event.errors().is_empty(),
        "counted error types are not error objects"
    );
}

/// A failed status answers with its errors in one call; a message that carries errors, or a
/// status of another state, does not.
#[test]
fn a_failed_status_answers_with_its_errors_in_one_call() {
    let body = json!({"object": "whatsapp_business_account", "entry": [{"id": "WABA_1", "changes": [
        {"field": "messages", "value": {"messaging_product": "whatsapp", "metadata": metadata(),
            "statuses": [
                {"id": "wamid.F", "status": "failed", "timestamp": "1749416395", "recipient_id": "16505551234",
                 "errors": [{"code": 131050, "title": "User has stopped marketing messages"}]},
                {"id": "wamid.R", "status": "read", "timestamp": "1749416395", "recipient_id": "16505551234"}
            ],
            "messages": [{"from": "16505551234", "id": "wamid.U", "timestamp": "1749416383", "type": "unsupported",
                "errors": [{"code": 131051, "title": "Message type unknown"}]}]}}]}]});
    let notification = parse(&body);
    let events = notification.events();
    let by_id = |id: &str| {
        events
            .iter()
            .find(|e| e.idempotency_key().is_some_and(|k| k.starts_with(id)))
            .unwrap()
    };
    let failed = by_id("wamid.F").failed_status().expect("a failed status");
    assert_eq!(failed.len(), 1);
    assert_eq!(
        (failed[0].code, failed[0].title),
        (Some(131050), Some("User has stopped marketing messages"))
    );
    assert_eq!(by_id("wamid.R").failed_status(), None);
    let message = by_id("wamid.U");
    assert!(message.is_failure(), "a message that carries errors");
    assert_eq!(message.failed_status(), None, "but it is no failed status");
}

/// An event says what this version of the crate does not know: a field, or a message type, by
/// name; an event typed through says nothing.
#[test]
fn an_event_says_which_field_or_type_the_crate_does_not_know() {
    use wa_webhook_types::Unrecognized;
    let body = json!({"object": "whatsapp_business_account", "entry": [{"id": "WABA_1", "changes": [
    {"field": "x_unknown_field", "value": {"x": 1}},
    {"field": "messages", "value": {"messaging_product": "whatsapp", "metadata": metadata(),
        "messages": [
            {"from": "16505551234", "id": "wamid.N", "timestamp": "1749416383", "type": "x_example_unknown_type",
             "x_example_unknown_type": {"a": 1}},
            {"from": "16505551234", "id": "wamid.T", "timestamp": "1749416383", "type": "text", "text": {"body": "hi"}}
        ]}}]}]});
    let notification = parse(&body);
    let found: Vec<Option<Unrecognized>> = notification
        .events()
        .iter()
        .map(|e| e.unrecognized())
        .collect();
    assert_eq!(
        found,
        [
            Some(Unrecognized::Field("x_unknown_field".into())),
            Some(Unrecognized::Type {
                name: "x_example_unknown_type".into(),
                path: "type".into()
            }),
            None,
        ]
    );
}

/// One status of `wamid.ORDER` with this state.
fn status(state: &str) -> Notification {
    parse(
        &json!({"object": "whatsapp_business_account", "entry": [{"id": "WABA_1", "changes": [
        {"field": "messages", "value": {"messaging_product": "whatsapp", "metadata": metadata(),
            "statuses": [{"id": "wamid.ORDER", "status": state, "timestamp": "1749416383",
                          "recipient_id": "16505551234"}]}}]}]}),
    )
}

/// Statuses arrive out of order: the spec's `order` and `final` for a status say which one
/// moves a message forward, so no app writes that table by hand.
#[test]
fn a_status_moves_a_message_forward_only_in_metas_order() {
    let moves =
        |state: &str, previous: &str| status(state).events()[0].moves_forward_from(previous);
    assert_eq!(moves("read", "delivered"), Some(true));
    assert_eq!(
        moves("sent", "read"),
        Some(false),
        "a late `sent` is no downgrade"
    );
    assert_eq!(moves("delivered", "sent"), Some(true));
    assert_eq!(moves("played", "read"), Some(true));
    assert_eq!(moves("read", "read"), Some(false), "a repeat moves nothing");
    assert_eq!(moves("failed", "delivered"), Some(true), "failed is final");
    assert_eq!(
        moves("read", "failed"),
        Some(false),
        "nothing follows failed"
    );
    assert_eq!(
        moves("x_example_state", "sent"),
        Some(false),
        "an unlisted state moves nothing"
    );
    assert_eq!(moves("sent", "x_example_state"), Some(true));
    let message = messages(json!([{"type": "text", "text": {"body": "hi"}}]));
    assert_eq!(
        message.events()[0].moves_forward_from("sent"),
        None,
        "a message has no state"
    );

    use wa_webhook_types::shared::status::DeliveryStatus;
    // Meta's order, whatever else a maintainer adds to the row's `order`.
    let place = |v: &str| DeliveryStatus::ORDER.iter().position(|o| *o == v).unwrap();
    assert!(place("sent") < place("delivered") && place("delivered") < place("read"));
    assert!(DeliveryStatus::FINAL.contains(&"failed"));
    assert!(DeliveryStatus::Read.is_after(&DeliveryStatus::Delivered));
    assert!(!DeliveryStatus::Sent.is_after(&DeliveryStatus::Read));
    assert!(DeliveryStatus::Failed.is_after(&DeliveryStatus::Read));
    let unlisted: DeliveryStatus = "x_example_state".parse().unwrap();
    assert!(matches!(unlisted, DeliveryStatus::Unrecognized(_)));
    assert!(!unlisted.is_after(&DeliveryStatus::Sent));
    assert!(DeliveryStatus::Sent.is_after(&unlisted));
}

/// How Meta wrote a number is for the round trip only: two bodies that differ in it parse to
/// equal values, and each writes back its own form.
#[test]
fn numbers_compare_by_value_whatever_their_wire_form() {
    use wa_webhook_types::{Integer, Timestamp};
    let as_string = status("read");
    let mut body = serde_json::to_value(&as_string).unwrap();
    body["entry"][0]["changes"][0]["value"]["statuses"][0]["timestamp"] = json!(1749416383);
    let as_number = parse(&body);
    assert_eq!(as_string, as_number, "the same notification");
    assert_ne!(
        serde_json::to_string(&as_string).unwrap(),
        serde_json::to_string(&as_number).unwrap(),
        "each keeps its form"
    );

    let parsed: Timestamp = serde_json::from_str("\"1749416383\"").unwrap();
    assert_eq!(parsed, Timestamp::from(1749416383));
    assert!(parsed == 1749416383);
    assert!(parsed < 1749416384);
    let later: Timestamp = serde_json::from_str("1749416384").unwrap();
    assert!(parsed < later, "ordered by value, whatever the form");
    let padded: Integer = serde_json::from_str("\"007\"").unwrap();
    assert_eq!(padded, Integer::from(7));
    assert_eq!(serde_json::to_string(&padded).unwrap(), "\"007\"");

    use std::collections::HashSet;
    let set: HashSet<Timestamp> = [parsed.clone(), Timestamp::from(1749416383)].into();
    assert_eq!(set.len(), 1, "hashed by value");

    let number: wa_webhook_types::Number = serde_json::from_str("\"21.5\"").unwrap();
    let same: wa_webhook_types::Number = serde_json::from_str("21.5").unwrap();
    assert_eq!(number, same);
    assert!(number == 21.5);
    let text: wa_webhook_types::TextOrNumber = serde_json::from_str("2000").unwrap();
    let quoted: wa_webhook_types::TextOrNumber = serde_json::from_str("\"2000\"").unwrap();
    assert_eq!(text, quoted);
    assert!(text == *"2000");
}
