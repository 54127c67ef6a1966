//! Parse errors that say where (JSON path, line and column) and why.

use std::fmt;

/// Why a body is not a webhook notification, and where.
///
/// Only the body's own keys can fail a parse (not an object, no `entry` or `object`, `entry` not
/// an array); an entry, a change or any other array item that does not fit is kept raw (see
/// [`crate::Items`]), and a change whose value does not fit as [`crate::Change::Invalid`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    path: String,
    message: String,
    line: usize,
    column: usize,
    not_json: bool,
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

    /// Whether the body is not JSON at all (not UTF-8, a syntax error, cut short), rather than
    /// JSON that is not a webhook notification.
    pub fn is_not_json(&self) -> bool {
        self.not_json
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

/// The error for a body that is not UTF-8 (JSON always is), at the first bad byte.
pub(crate) fn not_utf8(bytes: &[u8], valid_up_to: usize) -> Error {
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
        message: format!("not JSON: the body is not UTF-8 (bad byte at offset {valid_up_to})"),
        line,
        column,
        not_json: true,
    }
}

/// The error of a failed parse, at `path`, without serde_json's position in its message (the
/// error keeps line and column apart).
pub(crate) fn from_serde((path, e): (String, serde_json::Error)) -> Error {
    let message = without_position(e.to_string());
    let not_json = matches!(
        e.classify(),
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof
    );
    Error {
        path,
        message: if not_json {
            format!("not JSON: {message}")
        } else {
            message
        },
        line: e.line(),
        column: e.column(),
        not_json,
    }
}

/// An error message without the position serde_json writes at its end.
fn without_position(mut message: String) -> String {
    if let Some(i) = message.rfind(" at line ") {
        message.truncate(i);
    }
    message
}

/// Why a value did not fit its model, with the path inside the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    path: String,
    message: String,
}

impl ValueError {
    pub(crate) fn from_serde(failure: (String, serde_json::Error)) -> Self {
        let Error { path, message, .. } = from_serde(failure);
        ValueError { path, message }
    }

    /// The error of a value typed inside a larger one, at `path` inside the value: what typing
    /// the value on its own gives, where the error is about the data (not the JSON syntax).
    pub(crate) fn from_display(path: String, error: &dyn fmt::Display) -> Self {
        ValueError {
            path,
            message: without_position(error.to_string()),
        }
    }

    /// Where inside the value (`messages[0].reaction.message_id`); empty for the value itself.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What was expected and what was found.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl std::error::Error for ValueError {}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}
