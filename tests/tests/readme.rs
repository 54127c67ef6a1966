//! The README's quick-start snippet, compiled and run on every spec example.

use wa_webhook_types::messages::MessageType;
use wa_webhook_types::{Change, Notification};

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
