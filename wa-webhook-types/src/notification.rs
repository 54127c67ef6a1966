//! Entry points on the generated envelope: parse a body, walk its changes, report its drift.

use crate::drift::{Drift, Inspect, JsonPath};
use crate::error::{self, Error};
use crate::{Change, Notification};

/// Parses a webhook POST body, as received (the same bytes the signature covers).
///
/// Fails only when the body is not a webhook notification at all; a change that does not fit
/// its model is kept as [`Change::Invalid`] and the other changes still parse. The error names
/// the JSON path, line and column.
pub fn from_slice(bytes: &[u8]) -> Result<Notification, Error> {
    error::parse(bytes)
}

impl Notification {
    /// Parses a webhook POST body; see [`from_slice`].
    pub fn from_slice(bytes: &[u8]) -> Result<Self, Error> {
        from_slice(bytes)
    }

    /// Every change of every entry, in order.
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
