//! Meta's example payloads, carried from the spec files into the crate.

/// One example payload of a spec file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Example {
    /// The spec file it comes from (`spec/security.json`).
    pub spec: &'static str,
    /// What the example shows.
    pub description: &'static str,
    /// The payload, as compact JSON.
    pub json: &'static str,
}
