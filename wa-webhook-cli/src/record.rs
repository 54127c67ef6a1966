//! The file sink's record: one JSON Lines line per body received, with the body exactly as
//! received and its signature header, so that it can be verified again and parsed later.
//!
//! `{"received_at_ms":1732258000123,"signature":"sha256=…","body":"{\"object\":…}"}`: the body
//! as a JSON string (a UTF-8 body, as Meta sends, round-trips byte for byte through JSON string
//! escaping), or as `"body_hex"` for a body that is not UTF-8; `"app"` names the app that signed
//! it, when `serve` has several (`WA_APP_SECRET=first,shop=...`): its name, else its place.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// What a record line starts with: how a reader tells a record from a bare body.
pub const PREFIX: &[u8] = b"{\"received_at_ms\":";

/// One stored body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// When it was received, in milliseconds since the Unix epoch.
    pub received_at_ms: u64,
    /// The `X-Hub-Signature-256` header as received (checked before storing).
    pub signature: Option<String>,
    /// The app whose secret signed it, when it is not the first one unnamed: its name, else its
    /// place among the secrets (from 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app: Option<String>,
    /// The body, when it is UTF-8 (always, for Meta's JSON).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// The body in hex, when it is not UTF-8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_hex: Option<String>,
}

impl Record {
    /// A record of `body` received now.
    pub fn new(body: &[u8], signature: Option<String>, received_at_ms: u64) -> Self {
        let (body, body_hex) = match std::str::from_utf8(body) {
            Ok(text) => (Some(text.to_owned()), None),
            Err(_) => (None, Some(hex::encode(body))),
        };
        Record {
            received_at_ms,
            signature,
            app: None,
            body,
            body_hex,
        }
    }

    /// The line to append: the record and its newline.
    pub fn line(&self) -> Vec<u8> {
        let mut line = serde_json::to_vec(self).expect("a record serializes");
        line.push(b'\n');
        line
    }

    /// The body's bytes, exactly as received.
    pub fn body_bytes(&self) -> Result<Vec<u8>, String> {
        match (&self.body, &self.body_hex) {
            (Some(body), _) => Ok(body.as_bytes().to_vec()),
            (None, Some(hex)) => hex::decode(hex).map_err(|e| format!("body_hex: {e}")),
            (None, None) => Err("a record with neither `body` nor `body_hex`".to_owned()),
        }
    }
}

/// One line of a JSON Lines file: its number (from 1) and what it holds.
pub struct Line<'a> {
    /// The line number.
    pub number: usize,
    /// The line's bytes, without the newline.
    pub bytes: &'a [u8],
}

/// The complete lines of a JSON Lines file (blank ones left out), and the torn last line if
/// the file does not end with a newline (a write cut short by a crash: never acknowledged, so
/// nothing is lost).
pub fn lines(file: &[u8]) -> (Vec<Line<'_>>, Option<Line<'_>>) {
    // The newlines found by memchr: a byte-by-byte split costs more than checking a line.
    let mut pieces = Vec::new();
    let mut start = 0;
    for end in memchr::memchr_iter(b'\n', file).chain(std::iter::once(file.len())) {
        pieces.push(Line {
            number: pieces.len() + 1,
            bytes: &file[start..end],
        });
        start = end + 1;
    }
    // The piece after the last newline: empty for a whole file, else the torn line.
    let torn = pieces.pop().filter(|last| !last.bytes.is_empty());
    pieces.retain(|l| !l.bytes.trim_ascii().is_empty());
    (pieces, torn)
}

/// The SHA-256 of a body, how its retries are recognized.
pub type BodyKey = [u8; 32];

/// The key of `body`.
pub fn body_key(body: &[u8]) -> BodyKey {
    Sha256::digest(body).into()
}

/// The 200's body for a body stored now (Meta reads only the status; `load` counts these).
pub const STORED_NEW: &str = "stored";
/// The 200's body for a body stored before (a retry), stored once.
pub const STORED_BEFORE: &str = "stored before";
