//! The drift report: everything in a payload that the spec does not know, by JSON path.
//!
//! Parsing never fails on what Meta adds; this report is how it becomes visible (log it, alert
//! on it, and add the new field or value to the spec).

use serde::Serialize;
use std::fmt;

/// One thing the spec does not know, where it was found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Drift {
    /// Where, as `entry[0].changes[0].value.event`.
    pub path: String,
    /// What kind of unknown.
    pub kind: DriftKind,
    /// The unknown field, type, value or key; for `invalid`, the error.
    pub found: String,
}

impl Drift {
    /// A drift at the current path.
    pub fn new(path: &JsonPath, kind: DriftKind, found: &str) -> Self {
        Drift {
            path: path.as_str().to_owned(),
            kind,
            found: found.to_owned(),
        }
    }
}

impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} {:?}", self.path, self.kind, self.found)
    }
}

/// The kinds of drift.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DriftKind {
    /// A change whose `field` no spec describes; kept in [`crate::Change::Unrecognized`].
    UnknownField,
    /// A message `type` (or other discriminator value) no spec describes; kept raw.
    UnknownType,
    /// An enumerated value the spec does not list; kept in the enum's catch-all.
    UnknownValue,
    /// An object key the spec does not list; kept in the struct's `extra`.
    UnknownKey,
    /// Something that does not fit its model, kept raw with its error: an item of an array of
    /// objects (see [`crate::Items::invalid`]), or a change whose own keys do not fit (kept in
    /// [`crate::Change::Invalid`]). The path is the item's, or the failing key's in the change.
    Invalid,
}

impl DriftKind {
    /// How the parse kept it, in words for a log line: nothing of it is lost either way.
    pub fn kept_as(self) -> &'static str {
        match self {
            DriftKind::UnknownField => "the change kept raw as Change::Unrecognized",
            DriftKind::UnknownType => {
                "kept raw as the enum's Unrecognized variant, with its payload"
            }
            DriftKind::UnknownValue => "typed, the value kept in the enum's Unrecognized variant",
            DriftKind::UnknownKey => "typed, the key kept in the struct's extra",
            DriftKind::Invalid => "kept raw with its error",
        }
    }

    /// The snake_case name, as the CLI's JSON output writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            DriftKind::UnknownField => "unknown_field",
            DriftKind::UnknownType => "unknown_type",
            DriftKind::UnknownValue => "unknown_value",
            DriftKind::UnknownKey => "unknown_key",
            DriftKind::Invalid => "invalid",
        }
    }
}

impl fmt::Display for DriftKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A JSON path being built while walking a value: `entry[0].changes[1].value`.
#[derive(Debug, Clone, Default)]
pub struct JsonPath(String);

impl JsonPath {
    /// The path so far.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Appends `.key` (or `key` at the root); returns the length to [`truncate`](Self::truncate) back to.
    pub fn push_key(&mut self, key: &str) -> usize {
        let mark = self.0.len();
        if !self.0.is_empty() {
            self.0.push('.');
        }
        self.0.push_str(key);
        mark
    }

    /// Appends `[index]`; returns the length to truncate back to.
    pub fn push_index(&mut self, index: usize) -> usize {
        let mark = self.0.len();
        self.0.push_str(&format!("[{index}]"));
        mark
    }

    /// Appends a relative path such as `messages[0].type` (nothing for an empty one).
    pub fn push_path(&mut self, relative: &str) -> usize {
        let mark = self.0.len();
        if relative.is_empty() {
            return mark;
        }
        if !self.0.is_empty() && !relative.starts_with('[') {
            self.0.push('.');
        }
        self.0.push_str(relative);
        mark
    }

    /// Goes back to an earlier length.
    pub fn truncate(&mut self, mark: usize) {
        self.0.truncate(mark);
    }
}

/// Walks a typed value and reports its drift. Implemented for every generated type; use
/// [`crate::Notification::drift`] rather than calling it (hidden from the docs for that reason).
#[doc(hidden)]
pub trait Inspect {
    /// Appends every drift inside `self`, which sits at `path`.
    fn inspect(&self, path: &mut JsonPath, out: &mut Vec<Drift>);
}

impl<T: Inspect> Inspect for Option<T> {
    fn inspect(&self, path: &mut JsonPath, out: &mut Vec<Drift>) {
        if let Some(value) = self {
            value.inspect(path, out);
        }
    }
}

impl<T: Inspect + ?Sized> Inspect for Box<T> {
    fn inspect(&self, path: &mut JsonPath, out: &mut Vec<Drift>) {
        (**self).inspect(path, out);
    }
}

impl<T: Inspect> Inspect for Vec<T> {
    fn inspect(&self, path: &mut JsonPath, out: &mut Vec<Drift>) {
        for (i, item) in self.iter().enumerate() {
            let mark = path.push_index(i);
            item.inspect(path, out);
            path.truncate(mark);
        }
    }
}

/// Inspects `value`, which sits under `key` of the object at `path`.
pub fn inspect_key<T: Inspect + ?Sized>(
    path: &mut JsonPath,
    key: &str,
    value: &T,
    out: &mut Vec<Drift>,
) {
    let mark = path.push_key(key);
    value.inspect(path, out);
    path.truncate(mark);
}
