//! The file sink's record: one JSON Lines line per body received, with the body exactly as
//! received and its signature header, so that it can be verified again and parsed later.
//!
//! `{"received_at_ms":1732258000123,"signature":"sha256=…","body":"{\"object\":…}"}`: the body
//! as a JSON string (a UTF-8 body, as Meta sends, round-trips byte for byte through JSON string
//! escaping), or as `"body_hex"` for a body that is not UTF-8 or that escaping would more than
//! double (control bytes are written `\u00XX`, six bytes each: a body of them would take six
//! times its size on disk and in memory); `"app"` names the app that signed it, when `serve`
//! has several (`WA_APP_SECRET=first,shop=...`): its name, else its place.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// What a record line starts with: how a reader tells a record from a bare body.
pub const PREFIX: &[u8] = b"{\"received_at_ms\":";

/// One stored body.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Record {
    /// When it was received, in milliseconds since the Unix epoch.
    pub received_at_ms: u64,
    /// The `X-Hub-Signature-256` header as received (checked before storing).
    pub signature: Option<String>,
    /// The app whose secret signed it, when it is not the first one unnamed: its name, else its
    /// place among the secrets (from 0).
    #[serde(default)]
    pub app: Option<String>,
    /// The body, when it is UTF-8 (always, for Meta's JSON) and escaping keeps it small.
    #[serde(default)]
    pub body: Option<String>,
    /// The body in hex, when it is not UTF-8 (or escaping would more than double it).
    #[serde(default)]
    pub body_hex: Option<String>,
}

/// A record to write, borrowing the body: a line is written with no copy of it but the line.
#[derive(Serialize)]
struct RecordToWrite<'a> {
    received_at_ms: u64,
    signature: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    app: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body_hex: Option<String>,
}

impl Record {
    /// The line to append for `body` (a record and its newline), at most about twice the
    /// body's size: the body as a JSON string, or in hex where that is smaller.
    pub fn line(
        body: &[u8],
        signature: Option<&str>,
        app: Option<&str>,
        received_at_ms: u64,
    ) -> Vec<u8> {
        let text = std::str::from_utf8(body)
            .ok()
            .filter(|text| escaped_len(text) <= 2 * text.len());
        let record = RecordToWrite {
            received_at_ms,
            signature,
            app,
            body: text,
            body_hex: text.is_none().then(|| hex::encode(body)),
        };
        let mut line = Vec::with_capacity(2 * body.len() + 160);
        serde_json::to_writer(&mut line, &record).expect("a record serializes");
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

/// The length of `text` as the inside of a JSON string, as serde_json escapes it.
fn escaped_len(text: &str) -> usize {
    text.bytes()
        .map(|b| match b {
            b'"' | b'\\' | b'\n' | b'\r' | b'\t' | 0x08 | 0x0c => 2,
            0..0x20 => 6,
            _ => 1,
        })
        .sum()
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

#[cfg(test)]
mod tests {
    use super::*;

    fn read_back(line: &[u8]) -> Record {
        assert_eq!(line.last(), Some(&b'\n'));
        assert!(line.starts_with(PREFIX));
        serde_json::from_slice(&line[..line.len() - 1]).unwrap()
    }

    #[test]
    fn a_body_is_kept_exactly_and_at_most_about_twice_its_size() {
        let control: Vec<u8> = (0..30_000u32).map(|n| (n % 0x20) as u8).collect();
        let quotes = "\"\\".repeat(10_000);
        let bodies: [(&[u8], bool); 4] = [
            (
                br#"{"object":"whatsapp_business_account","entry":[]}"#,
                true,
            ),
            // Six bytes a control byte as a JSON string: in hex instead.
            (&control, false),
            // Two bytes each as a JSON string, no more than hex: kept as text.
            (quotes.as_bytes(), true),
            (&[0xff, 0xfe, b'{'], false),
        ];
        for (body, as_text) in bodies {
            let line = Record::line(body, Some("sha256=00"), Some("shop"), 7);
            assert!(
                line.len() <= 2 * body.len() + 160,
                "{} bytes for a body of {}",
                line.len(),
                body.len()
            );
            let record = read_back(&line);
            assert_eq!(record.body.is_some(), as_text);
            assert_eq!(record.body_bytes().unwrap(), body);
            assert_eq!(record.app.as_deref(), Some("shop"));
            assert_eq!(record.signature.as_deref(), Some("sha256=00"));
            assert_eq!(record.received_at_ms, 7);
        }
    }

    #[test]
    fn escaped_lengths_agree_with_serde_json() {
        let text: String = (0..0x80u8).map(char::from).collect::<String>() + "é\u{2028}";
        let written = serde_json::to_string(&text).unwrap();
        assert_eq!(escaped_len(&text), written.len() - 2);
    }
}
