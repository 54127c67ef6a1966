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

/// Why a body could not be stored: the request is answered 503 so that Meta retries.
#[derive(Debug, Clone)]
pub struct SinkError(String);

impl SinkError {
    pub fn new(reason: impl Into<String>) -> Self {
        SinkError(reason.into())
    }
}

impl fmt::Display for SinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
