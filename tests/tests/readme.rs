//! The README's quick-start snippet, compiled and run on every spec example.

use std::collections::HashSet;
use wa_webhook_types::messages::MessageType;
use wa_webhook_types::{Change, EventItem, Notification};

// Copied from README.md (the output goes to a Vec instead of stdout).
fn handle(raw_body: &[u8], out: &mut Vec<String>) -> Result<(), wa_webhook_types::Error> {
    let notification = Notification::from_slice(raw_body)?;
    for change in notification.changes() {
        match change {
            Change::Security(s) => out.push(format!("security event {}", s.event)),
            Change::Messages(m) => {
                for message in m.messages.iter().flatten() {
                    if let MessageType::Reaction(r) = &message.kind {
                        out.push(format!("{:?} reacted to {}", r.emoji, r.message_id));
                    }
                }
            }
            other => out.push(format!("not handled: {}", other.field())),
        }
    }
    for drift in notification.drift() {
        out.push(format!("new from Meta: {drift}"));
    }
    Ok(())
}

#[test]
fn the_quick_start_handles_every_example() {
    let mut out = Vec::new();
    for example in wa_webhook_types::EXAMPLES {
        handle(example.json.as_bytes(), &mut out).unwrap();
    }
    assert!(out.contains(&"security event PIN_RESET_REQUEST".to_owned()));
    assert!(
        out.iter()
            .any(|l| l.starts_with("Some(\"👍\") reacted to wamid.")),
        "{out:?}"
    );
    assert!(out.contains(&"not handled: account_update".to_owned()));
    assert!(
        !out.iter().any(|l| l.starts_with("new from Meta")),
        "examples have no drift"
    );
}

// The README's events snippet, copied the same way.
fn on_webhook(
    raw_body: &[u8],
    seen: &mut HashSet<String>,
    out: &mut Vec<String>,
) -> Result<(), wa_webhook_types::Error> {
    for event in Notification::from_slice(raw_body)?.events() {
        if event.idempotency_key().is_some_and(|key| !seen.insert(key)) {
            continue; // Meta delivers at least once: a repeat
        }
        let who = event
            .user
            .and_then(|u| u.display_name())
            .unwrap_or("someone");
        match event.item {
            EventItem::Message(m) => match &m.kind {
                MessageType::Text(text) => out.push(format!("{who} wrote {:?}", text.body)),
                other => out.push(format!("{who} sent a {other} message")),
            },
            EventItem::MessageStatus(s) => out.push(format!("{} is {} for {who}", s.id, s.status)),
            other => out.push(format!("{} in {}: {other:?}", event.field, event.entry_id)),
        }
    }
    Ok(())
}

#[test]
fn the_events_snippet_handles_every_example_once() {
    let (mut seen, mut out) = (HashSet::new(), Vec::new());
    for example in wa_webhook_types::EXAMPLES {
        on_webhook(example.json.as_bytes(), &mut seen, &mut out).unwrap();
    }
    assert!(
        out.contains(&"Sheena Nelson wrote \"Does it come in another color?\"".to_owned()),
        "{out:?}"
    );
    assert!(out.iter().any(|l| l.contains(" is read for ")), "{out:?}");
    assert!(out.iter().any(|l| l.starts_with("security in ")), "{out:?}");
    // Every example again: every message and status is a repeat now.
    let before = out.len();
    for example in wa_webhook_types::EXAMPLES {
        on_webhook(example.json.as_bytes(), &mut seen, &mut out).unwrap();
    }
    assert!(
        out[before..]
            .iter()
            .all(|l| !l.contains(" wrote ") && !l.contains(" is read for ")),
        "{:?}",
        &out[before..]
    );
}
