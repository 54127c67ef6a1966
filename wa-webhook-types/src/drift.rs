//! The drift report: everything in a payload that the spec does not know, by JSON path.

use crate::log_safe::LogSafe;
use serde::Serialize;
use std::fmt;

/// One thing the spec does not know, where it was found: an entry of
/// [`Notification::drift`](crate::Notification::drift).
///
/// Parsing never fails on what Meta adds; this report is how it becomes visible (log it, alert
/// on it, and add the new field or value to the spec).
///
/// Its `Display` is the form for logs: `entry[0].changes[0].value.event: unknown_value
/// "PIN_EXAMPLE_UNKNOWN"`, with the path and the name escaped (no forged line), runs of seven
/// or more digits masked (a key that is a phone number), and nothing of an `invalid` part (its
/// error may quote what a user wrote). `Debug` and the fields show everything: not for logs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Drift {
    /// Where, as `entry[0].changes[0].value.event`: keys as Meta sent them, unescaped.
    pub path: String,
    /// Where, as data: the entry, the change and its field, and the path's steps (for metrics
    /// and grouping, so nothing parses `path` back).
    #[serde(skip)]
    pub place: DriftPlace,
    /// What kind of unknown.
    pub kind: DriftKind,
    /// The unknown field, type, value or key; for `invalid`, the error, which may quote the
    /// part's content (a user's text).
    pub found: String,
}

impl Drift {
    /// A drift item: for tests and for reports of your own (the parse makes the real ones).
    /// Its [`place`](Self::place) is empty: say it with [`with_place`](Self::with_place).
    pub fn new(path: impl Into<String>, kind: DriftKind, found: impl Into<String>) -> Self {
        Drift {
            path: path.into(),
            place: DriftPlace::default(),
            kind,
            found: found.into(),
        }
    }

    /// The same drift at `place`.
    pub fn with_place(self, place: DriftPlace) -> Self {
        Drift { place, ..self }
    }
}

/// Where a [`Drift`] is, as data: which entry and change of the body, the change's field, and
/// the steps of the path down to where the parse kept it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct DriftPlace {
    /// The index of its item of `entry`, if it lies in one.
    pub entry: Option<usize>,
    /// The index of its change in that entry's `changes`, if it lies in one.
    pub change: Option<usize>,
    /// That change's `field` as Meta sent it (an alias stays an alias); `None` outside a change
    /// or where the change object itself was kept raw.
    pub field: Option<String>,
    /// The path's steps down to where the drift is kept: for `invalid`, the array item or
    /// change value kept raw (the printed path goes on to the failing key inside it).
    pub steps: Vec<PathStep>,
}

impl DriftPlace {
    /// A place with `entry`, `change`, `field` and `steps` as given.
    pub fn new(
        entry: Option<usize>,
        change: Option<usize>,
        field: Option<String>,
        steps: Vec<PathStep>,
    ) -> Self {
        DriftPlace {
            entry,
            change,
            field,
            steps,
        }
    }
}

/// One step of a JSON path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum PathStep {
    /// An object key, as Meta sent it.
    Key(String),
    /// The position of an array item.
    Index(usize),
}

impl fmt::Display for Drift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", LogSafe(&self.path), self.kind)?;
        match self.kind {
            DriftKind::Invalid => Ok(()),
            _ => write!(f, " \"{}\"", LogSafe(&self.found)),
        }
    }
}

/// The kinds of drift. More may come (match with a `_` arm).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
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
