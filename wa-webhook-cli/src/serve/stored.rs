//! What every sink answers: a body stored now or before (recognized by its SHA-256), or why it
//! could not be stored.

pub use crate::record::{body_key, BodyKey};
use std::fmt;

/// What storing did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stored {
    /// The body is stored now.
    New,
    /// The same body was stored before (a retry); it is not stored twice.
    Duplicate,
}

/// Why a body could not be stored: the sink failed (answered 503, so that Meta retries), or
/// the body is larger than the sink ever takes (answered 413 at once: a retry cannot succeed).
#[derive(Debug, Clone)]
pub struct SinkError {
    reason: String,
    too_large_for: Option<usize>,
}

impl SinkError {
    pub fn new(reason: impl Into<String>) -> Self {
        SinkError {
            reason: reason.into(),
            too_large_for: None,
        }
    }

    /// A body over the `limit` bytes the sink takes (only NATS has one).
    #[cfg_attr(not(feature = "nats"), allow(dead_code))]
    pub fn too_large(limit: usize) -> Self {
        SinkError {
            reason: format!("the body is larger than the sink takes ({limit} bytes)"),
            too_large_for: Some(limit),
        }
    }

    /// The sink's limit, when the body was over it.
    pub fn too_large_for(&self) -> Option<usize> {
        self.too_large_for
    }
}

impl fmt::Display for SinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}
