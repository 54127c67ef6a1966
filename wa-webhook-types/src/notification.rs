//! Entry points on the generated envelope: parse a body, walk its changes, report its drift.

use crate::drift::{Drift, Inspect, JsonPath};
use crate::error::{self, Error};
use crate::{Change, Notification};

/// Parses a webhook POST body, as received (the same bytes the signature covers).
///
/// Fails only when the body is not a webhook notification at all. What does not fit its model
/// costs the smallest part that holds it: an item of an array of objects (an entry, a change
/// object, a message, a status, a contact card, ...) is kept raw with its error (see
/// [`crate::Items`]), and a change whose own keys do not fit is kept as [`Change::Invalid`]; the
/// rest stays typed. The error names the JSON path, line and column.
pub fn from_slice(bytes: &[u8]) -> Result<Notification, Error> {
    error::parse(bytes)
}

impl Notification {
    /// Parses a webhook POST body; see [`from_slice`].
    pub fn from_slice(bytes: &[u8]) -> Result<Self, Error> {
        from_slice(bytes)
    }

    /// Every typed change of every entry, in order (change objects kept raw are in the drift
    /// report; see [`crate::Items`]).
    pub fn changes(&self) -> impl Iterator<Item = &Change> {
        self.entry
            .iter()
            .flat_map(|entry| entry.changes.iter().map(|c| &c.change))
    }

    /// Everything in the body the spec does not know, by JSON path: unknown fields, message
    /// types, enum values and keys, and changes that did not fit their model.
    pub fn drift(&self) -> Vec<Drift> {
        let mut out = Vec::new();
        self.inspect(&mut JsonPath::default(), &mut out);
        out
    }
}
