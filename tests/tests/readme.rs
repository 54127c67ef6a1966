//! The quick-start snippets of README.md and docs/receiving.md, run on every spec example. (Their
//! text is compiled as doctests of `wa-webhook-types`; these copies check what they print.)

use wa_webhook_types::shared::message::MessageType;
use wa_webhook_types::{Change, EventItem, Notification, RecentEvents};

// Copied from docs/receiving.md (the output goes to a Vec instead of stdout).
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
fn on_webhook(notification: &Notification, recent: &RecentEvents, out: &mut Vec<String>) {
    for event in notification.events() {
        let Some(claim) = recent.claim(&event) else {
            continue; // Meta delivers at least once: a repeat, or one in flight
        };
        let who = event
            .user
            .and_then(|u| u.display_name())
            .unwrap_or("someone");
        if let Some(text) = event.text() {
            out.push(format!("{who} wrote {text:?}")); // the README's `answer`: the app's handler
        } else if let Some(reaction) = event.reaction() {
            out.push(format!(
                "{who} reacted {:?} to {}",
                reaction.emoji, reaction.message_id
            ));
        } else if let EventItem::MessageStatus(s) = event.item {
            out.push(format!("{} is {} for {who}", s.id, s.status));
            event
                .errors()
                .iter()
                .for_each(|e| out.push(format!("  {e}"))); // 131050: ...
        } else {
            out.push(format!("not handled: {}", event.summary())); // field, type, ID: never a phone or text
        }
        claim.keep(); // handled: a repeat from now on (a claim dropped unkept lets a retry in)
    }
}

#[test]
fn the_events_snippet_handles_every_example_once() {
    let (recent, mut out) = (RecentEvents::new(10_000), Vec::new());
    for example in wa_webhook_types::EXAMPLES {
        let notification = Notification::from_slice(example.json.as_bytes()).unwrap();
        on_webhook(&notification, &recent, &mut out);
    }
    assert!(
        out.contains(&"Sheena Nelson wrote \"Does it come in another color?\"".to_owned()),
        "{out:?}"
    );
    assert!(out.iter().any(|l| l.contains(" is read for ")), "{out:?}");
    assert!(
        out.iter().any(|l| l.starts_with("  131")),
        "a failed status's error: {out:?}"
    );
    assert!(
        out.iter()
            .any(|l| l.starts_with("not handled: field=security path=entry[0].changes[0]")),
        "{out:?}"
    );
    // Every example again: every message and status is a repeat now.
    let before = out.len();
    for example in wa_webhook_types::EXAMPLES {
        let notification = Notification::from_slice(example.json.as_bytes()).unwrap();
        on_webhook(&notification, &recent, &mut out);
    }
    assert!(
        out[before..]
            .iter()
            .all(|l| !l.contains(" wrote ") && !l.contains(" is read for ")),
        "{:?}",
        &out[before..]
    );
}
