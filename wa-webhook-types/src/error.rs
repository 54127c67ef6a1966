//! Parse errors that say where (JSON path, line and column) and why.

use serde::de::DeserializeOwned;
use std::fmt;

/// Why a body is not a webhook notification, and where.
///
/// Only the envelope can fail a parse (not an object, no `entry`, a change without `field`);
/// a change whose value does not fit is kept as [`crate::Change::Invalid`] instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    path: String,
    message: String,
    line: usize,
    column: usize,
}

impl Error {
    /// The JSON path of the offending value (`entry[0].changes`); empty for the body itself.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What was expected and what was found.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Line of the error in the body, from 1 (0 if unknown).
    pub fn line(&self) -> usize {
        self.line
    }

    /// Column of the error in the body, from 1 (0 if unknown).
    pub fn column(&self) -> usize {
        self.column
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = if self.path.is_empty() {
            "(body)"
        } else {
            &self.path
        };
        write!(f, "{path}: {}", self.message)?;
        if self.line > 0 {
            write!(f, " (line {}, column {})", self.line, self.column)?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// Parses `bytes` as `T`; on failure parses again, tracking the path, to say where.
///
/// The fast path carries no tracking cost; only a failing body pays for the second pass.
///
/// The body is checked to be UTF-8 once, up front, and then parsed as `str`: serde_json then
/// validates neither each string nor each value kept raw again.
pub(crate) fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Error> {
    let text = std::str::from_utf8(bytes).map_err(|e| not_utf8(bytes, e.valid_up_to()))?;
    match serde_json::from_str(text) {
        Ok(value) => Ok(value),
        Err(first) => Err(locate::<T>(bytes).unwrap_or_else(|| from_serde(String::new(), &first))),
    }
}

/// The error for a body that is not UTF-8 (JSON always is), at the first bad byte.
fn not_utf8(bytes: &[u8], valid_up_to: usize) -> Error {
    let before = &bytes[..valid_up_to];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = valid_up_to
        - before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1)
        + 1;
    Error {
        path: String::new(),
        message: format!("the body is not UTF-8 (bad byte at offset {valid_up_to})"),
        line,
        column,
    }
}

/// The path and error of a failing parse, or `None` if the tracked parse succeeds after all.
pub(crate) fn locate<T: DeserializeOwned>(bytes: &[u8]) -> Option<Error> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    match serde_path_to_error::deserialize::<_, T>(de) {
        Ok(_) => None,
        Err(e) => {
            let path = e.path().to_string();
            let path = if path == "." { String::new() } else { path };
            Some(from_serde(path, e.inner()))
        }
    }
}

fn from_serde(path: String, e: &serde_json::Error) -> Error {
    let text = e.to_string();
    let message = match text.rfind(" at line ") {
        Some(i) => text[..i].to_owned(),
        None => text,
    };
    Error {
        path,
        message,
        line: e.line(),
        column: e.column(),
    }
}
