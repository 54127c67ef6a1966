//! Isolation: an array item that does not fit its model costs that item only; its siblings, its
//! parents and the rest of the change stay typed, and the round trip stays equal.

use serde_json::{json, Value};
use wa_webhook_types::shared::message::{Message, MessageType};
use wa_webhook_types::{Change, DriftKind, Item, Notification};

fn body(changes: Value) -> Value {
    json!({"object": "whatsapp_business_account", "entry": [{"id": "1", "time": 1, "changes": changes}]})
}

fn messages_change(messages: Value) -> Value {
    json!({"field": "messages", "value": {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
        "messages": messages
    }})
}

fn text(id: &str, body: &str) -> Value {
    json!({"from": "16505551234", "id": id, "timestamp": "1749419544", "type": "text", "text": {"body": body}})
}

fn parse(body: &Value) -> Notification {
    let n = Notification::from_slice(body.to_string().as_bytes()).expect("parses");
    assert_eq!(serde_json::to_value(&n).unwrap(), *body, "round trip");
    n
}

fn messages(n: &Notification) -> &wa_webhook_types::Items<Message> {
    match n.changes().next() {
        Some(Change::Messages(value)) => value.messages.as_ref().expect("messages"),
        other => panic!("not a typed messages change: {other:?}"),
    }
}

#[test]
fn a_message_that_does_not_fit_leaves_its_siblings_typed() {
    let sound = text("wamid.FIRST", "hello");
    let broken = json!({"from": "16505551234", "id": "wamid.SECOND", "timestamp": {"x_unknown_key": 1}, "type": "text", "text": {"body": "hi"}});
    let n = parse(&body(json!([messages_change(json!([
        sound.clone(),
        broken,
        text("wamid.THIRD", "bye")
    ]))])));
    let list = messages(&n);
    assert_eq!(list.len(), 3);
    let ids: Vec<&str> = list.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["wamid.FIRST", "wamid.THIRD"]);

    // The sound message is exactly what it is when parsed alone.
    let alone = parse(&body(json!([messages_change(json!([sound]))])));
    assert_eq!(list.get(0), messages(&alone).get(0));

    let (index, invalid) = list.invalid().next().expect("one raw item");
    assert_eq!(index, 1);
    assert_eq!(invalid.error().path(), "timestamp");
    assert!(invalid.value().get().contains("wamid.SECOND"));
    assert!(matches!(list.items()[1], Item::Invalid(_)));

    let drift = n.drift();
    assert_eq!(drift.len(), 1, "{drift:?}");
    assert_eq!(drift[0].path, "entry[0].changes[0].value.messages[1]");
    assert_eq!(drift[0].kind, DriftKind::Invalid);
    assert!(
        drift[0].found.starts_with("timestamp: "),
        "{}",
        drift[0].found
    );
}

#[test]
fn a_contact_card_that_does_not_fit_leaves_its_message_typed() {
    let card =
        |name: Value| json!({"name": name, "phones": [{"phone": "+1 555 0100", "type": "HOME"}]});
    let message = json!({
        "from": "16505551234", "id": "wamid.CARDS", "timestamp": "1749419544", "type": "contacts",
        "contacts": [card(json!({"formatted_name": "Ana"})), card(json!(42))]
    });
    let n = parse(&body(json!([messages_change(json!([message]))])));
    let message = messages(&n).get(0).expect("the message stays typed");
    assert_eq!(message.id, "wamid.CARDS");
    let MessageType::Contacts(cards) = &message.kind else {
        panic!("{:?}", message.kind)
    };
    assert_eq!(cards.len(), 2);
    assert_eq!(cards.iter().count(), 1);
    let drift = n.drift();
    assert_eq!(drift.len(), 1, "{drift:?}");
    assert_eq!(
        drift[0].path,
        "entry[0].changes[0].value.messages[0].contacts[1]"
    );
    assert!(drift[0].found.starts_with("name: "), "{}", drift[0].found);
}

#[test]
fn a_change_is_invalid_only_when_its_own_keys_do_not_fit() {
    let mut change = messages_change(json!([text("wamid.A", "a")]));
    change["value"]["metadata"] = json!("x_not_an_object");
    let n = parse(&body(json!([change])));
    let Some(Change::Invalid(invalid)) = n.changes().next() else {
        panic!("{n:?}")
    };
    assert_eq!(invalid.error().path(), "metadata");
    assert_eq!(n.drift()[0].path, "entry[0].changes[0].value.metadata");
}

#[test]
fn a_broken_change_object_leaves_the_other_changes_of_its_entry_typed() {
    let n = parse(&body(json!([
        {"value": {"x_unknown_key": true}},
        messages_change(json!([text("wamid.A", "a")]))
    ])));
    let fields: Vec<&str> = n.changes().map(Change::field).collect();
    assert_eq!(fields, ["messages"]);
    let drift = n.drift();
    assert_eq!(drift.len(), 1, "{drift:?}");
    assert_eq!(drift[0].path, "entry[0].changes[0]");
    assert!(
        drift[0].found.contains("missing field `field`"),
        "{}",
        drift[0].found
    );
}

#[test]
fn typed_items_iterate_as_a_plain_list_would() {
    let n = parse(&body(json!([messages_change(json!([
        text("wamid.A", "a"),
        text("wamid.B", "b")
    ]))])));
    let Some(Change::Messages(value)) = n.changes().next() else {
        panic!()
    };
    let mut ids = Vec::new();
    for message in value.messages.iter().flatten() {
        ids.push(message.id.as_str());
    }
    assert_eq!(ids, ["wamid.A", "wamid.B"]);
    assert_eq!(value.messages.as_ref().unwrap().invalid().count(), 0);
    assert!(n.drift().is_empty());
}

/// The bodies of `tests/isolation`, which the peer bench times as its isolation line: each keeps
/// one place raw, gives what the long way gives (strictly, then isolating every item), and costs
/// one more read of the body than a sound one, and no read of the place on its own: the place
/// keeps the error the read that found it gave.
#[test]
fn each_isolation_case_keeps_one_place_raw_for_one_more_read() {
    use wa_webhook_types::__private::{from_slice_counted, from_slice_untargeted};
    // (file, the place kept raw, reads of the body, places typed on their own)
    let expected = [
        (
            "change_metadata_string.json",
            "entry[0].changes[0].value.metadata",
            2,
            0,
        ),
        // Its change object has no `field`, so the scan gave its value the next change's field;
        // that value is targeted first, and only then is the missing `field` seen. The next
        // change's value then takes the first one's count: it does not hold the error's
        // position, so it is typed on its own (and fits).
        (
            "change_object_without_field.json",
            "entry[0].changes[0]",
            3,
            1,
        ),
        (
            "contact_card_name_number.json",
            "entry[0].changes[0].value.messages[0].contacts[1]",
            2,
            0,
        ),
        (
            "message_timestamp_object.json",
            "entry[0].changes[0].value.messages[1]",
            2,
            0,
        ),
        (
            "message_without_id.json",
            "entry[0].changes[0].value.messages[0]",
            2,
            0,
        ),
        (
            "status_errors_not_a_list.json",
            "entry[0].changes[0].value.statuses[1]",
            2,
            0,
        ),
    ];
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("isolation");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".json"))
        .collect();
    files.sort();
    let names: Vec<&str> = expected.iter().map(|(file, ..)| *file).collect();
    assert_eq!(
        files,
        names,
        "each case of {} has its expectation here",
        dir.display()
    );
    for (file, raw_at, reads, read_alone) in expected {
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let (n, counts) = from_slice_counted(&bytes);
        let n = n.expect(file);
        assert_eq!(counts.body_reads, reads, "{file}");
        assert_eq!(counts.places_read_alone, read_alone, "{file}");
        let drift = n.drift();
        assert_eq!(drift.len(), 1, "{file}: {drift:?}");
        assert_eq!(
            (drift[0].kind, drift[0].path.as_str()),
            (DriftKind::Invalid, raw_at),
            "{file}"
        );
        assert_eq!(n, from_slice_untargeted(&bytes).unwrap(), "{file}");
        let body: Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(
            serde_json::to_value(&n).unwrap(),
            body,
            "{file}: round trip"
        );
    }
}
