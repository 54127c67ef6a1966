//! The subscription handshake: Meta's GET that checks the endpoint before it sends webhooks.
//!
//! Meta calls the callback URL with `hub.mode=subscribe`, the `hub.verify_token` configured in
//! the App Dashboard, and a `hub.challenge` to echo back. Answer 200 with the challenge as the
//! body if the mode and token are right, 403 otherwise.
//!
//! ```
//! use wa_webhook_types::receive::verification::{self, Handshake};
//!
//! let query = "hub.mode=subscribe&hub.verify_token=my-token&hub.challenge=1158201444";
//! let handshake = Handshake::from_query(query);
//! assert_eq!(verification::verify(&handshake, "my-token"), Ok("1158201444"));
//! ```

use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::fmt;
use subtle::ConstantTimeEq;

/// The query parameters of the handshake GET.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Handshake {
    /// `hub.mode`: `subscribe` for a subscription.
    #[serde(rename = "hub.mode")]
    pub mode: Option<String>,
    /// `hub.verify_token`: the token set in the App Dashboard.
    #[serde(rename = "hub.verify_token")]
    pub verify_token: Option<String>,
    /// `hub.challenge`: the value to echo back.
    #[serde(rename = "hub.challenge")]
    pub challenge: Option<String>,
}

impl Handshake {
    /// Reads the parameters from a query string (`hub.mode=subscribe&...`), percent-decoding
    /// them; unknown parameters are ignored.
    pub fn from_query(query: &str) -> Self {
        let mut handshake = Handshake::default();
        for (key, value) in form_urlencoded::parse(query.trim_start_matches('?').as_bytes()) {
            let slot = match &*key {
                "hub.mode" => &mut handshake.mode,
                "hub.verify_token" => &mut handshake.verify_token,
                "hub.challenge" => &mut handshake.challenge,
                _ => continue,
            };
            *slot = Some(value.into_owned());
        }
        handshake
    }
}

/// Why a handshake was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum HandshakeError {
    /// No `hub.mode` parameter.
    MissingMode,
    /// `hub.mode` is not `subscribe`. What it was is not kept: anyone may send it, and an
    /// answer or a log line that repeated it would carry their text.
    WrongMode,
    /// No `hub.verify_token` parameter.
    MissingToken,
    /// `hub.verify_token` is not the configured token.
    TokenMismatch,
    /// No `hub.challenge` parameter to echo.
    MissingChallenge,
}

impl fmt::Display for HandshakeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HandshakeError::MissingMode => f.write_str("no hub.mode parameter"),
            HandshakeError::WrongMode => f.write_str("hub.mode is not \"subscribe\""),
            HandshakeError::MissingToken => f.write_str("no hub.verify_token parameter"),
            HandshakeError::TokenMismatch => {
                f.write_str("hub.verify_token does not match the configured token")
            }
            HandshakeError::MissingChallenge => f.write_str("no hub.challenge parameter"),
        }
    }
}

impl std::error::Error for HandshakeError {}

/// Checks the handshake against `verify_token` (compared in constant time) and returns the
/// challenge to send back as the response body.
pub fn verify<'a>(handshake: &'a Handshake, verify_token: &str) -> Result<&'a str, HandshakeError> {
    match handshake.mode.as_deref() {
        None => return Err(HandshakeError::MissingMode),
        Some("subscribe") => {}
        Some(_) => return Err(HandshakeError::WrongMode),
    }
    let token = handshake
        .verify_token
        .as_deref()
        .ok_or(HandshakeError::MissingToken)?;
    // Digests of equal length, so that the comparison does not end early on a length that
    // differs (which would tell the token's length).
    let (sent, expected) = (Sha256::digest(token), Sha256::digest(verify_token));
    if !bool::from(sent.as_slice().ct_eq(expected.as_slice())) {
        return Err(HandshakeError::TokenMismatch);
    }
    handshake
        .challenge
        .as_deref()
        .ok_or(HandshakeError::MissingChallenge)
}
