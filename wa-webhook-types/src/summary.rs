//! An event as a log line may show it: what it is and where, never who or what was said.

use crate::log_safe::LogSafe;
use std::fmt;

/// An event for a log line ([`WebhookEvent::summary`](crate::WebhookEvent::summary)): its field,
/// its type (a message's `type`), its state (a status's value), its ID and its path in the
/// body, as `field=messages type=text id=wamid.HBg... path=entry[0].changes[0].value.messages[0]`.
///
/// It holds no phone number, no name and nothing a user wrote, so it is safe to log at any
/// level; every value is escaped, and runs of seven or more digits are masked, so a hostile body
/// cannot forge a line through it either. `Debug` writes the same. (The ID is Meta's: a message
/// ID (wamid) is opaque and is what support and Meta's tools ask for.)
#[derive(Clone, Copy)]
pub struct EventSummary<'a> {
    pub(crate) field: &'a str,
    pub(crate) kind: Option<&'a str>,
    pub(crate) state: Option<&'a str>,
    pub(crate) id: Option<&'a str>,
    pub(crate) path: &'a str,
}

impl fmt::Display for EventSummary<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "field={}", LogSafe(self.field))?;
        let parts = [("type", self.kind), ("state", self.state), ("id", self.id)];
        for (name, value) in parts {
            if let Some(value) = value {
                write!(f, " {name}={}", LogSafe(value))?;
            }
        }
        write!(f, " path={}", LogSafe(self.path))
    }
}

impl fmt::Debug for EventSummary<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}
