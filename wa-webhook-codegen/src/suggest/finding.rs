//! What `spec suggest` finds in a payload that the spec does not describe, and where in a spec
//! file each edit goes.

use serde_json::Value;

/// One step into a spec file's JSON: an object key as written (`"emoji?"`) or an array index.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Step {
    /// A key, exactly as the file writes it.
    Key(String),
    /// The element of a syntax array.
    Index(usize),
}

/// Something in a payload that the spec does not describe.
#[derive(Debug, Clone)]
pub enum Finding {
    /// A value the row does not list.
    Value {
        /// The spec file.
        file: String,
        /// The row's placeholder.
        placeholder: String,
        /// The value received.
        value: String,
        /// The listed value (as the file writes it) this is another spelling of, the one whose
        /// Rust name it would take (`Failed` of `FAILED`): one value, so the edit adds a
        /// spelling, not a value.
        spelling_of: Option<String>,
    },
    /// A key the object does not list.
    Key {
        /// The spec file.
        file: String,
        /// Where the object is in the file.
        object: Vec<Step>,
        /// The key received.
        key: String,
        /// Its value.
        value: Value,
    },
    /// A discriminator value no variant spec describes.
    Type {
        /// The variants' folder, relative to the spec folder.
        folder: String,
        /// The discriminator's key (`type`).
        tag_key: String,
        /// The value received.
        tag: String,
        /// The payload under the key the value names, if any.
        payload: Option<Value>,
    },
    /// A webhook field no spec describes.
    Field {
        /// The field received.
        field: String,
        /// The change's value.
        value: Value,
    },
    /// A key the object requires, which the payload's object leaves out.
    Absent {
        /// The spec file.
        file: String,
        /// Where the object is in the file.
        object: Vec<Step>,
        /// The key, as the file writes it (`from`, `a|b`).
        key: String,
    },
    /// A scalar of a JSON type its row does not take, which a wider row would.
    Widen {
        /// The spec file.
        file: String,
        /// The row's placeholder.
        placeholder: String,
        /// What the row becomes: `Text` (a string or a number), or `nullable`.
        to: Widening,
    },
    /// Something that does not fit and that no edit drafts: said, with why.
    Undraftable {
        /// The spec file.
        file: String,
        /// Why.
        why: String,
    },
}

/// How a row is widened to take a scalar it does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Widening {
    /// `"type": "Text"`: a string or a number, written back as received.
    Text,
    /// `"nullable": true`.
    Nullable,
}

/// For each required key of each object walked (by spec file, object and key as written): how
/// many objects had it and how many left it out.
pub type Presence = std::collections::BTreeMap<(String, Vec<Step>, String), (usize, usize)>;

impl Finding {
    /// What the finding asks for, the same for every payload that shows it: findings with one
    /// identity make one edit.
    pub fn identity(&self) -> String {
        match self {
            Finding::Value {
                file,
                placeholder,
                value,
                ..
            } => format!("value {file} {placeholder} {value}"),
            Finding::Key {
                file, object, key, ..
            } => format!("key {file} {object:?} {key}"),
            Finding::Type { folder, tag, .. } => format!("type {folder} {tag}"),
            Finding::Field { field, .. } => format!("field {field}"),
            Finding::Absent { file, object, key } => format!("absent {file} {object:?} {key}"),
            Finding::Widen {
                file,
                placeholder,
                to,
            } => format!("widen {file} {placeholder} {to:?}"),
            Finding::Undraftable { file, why } => format!("undraftable {file} {why}"),
        }
    }
}
