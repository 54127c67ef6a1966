//! The spec for values seen in payloads: a syntax node and parameter rows, typed from the values
//! (text, timestamp, integer, number, boolean, object, array), with a placeholder description
//! for the maintainer to rewrite.

use crate::node::Node;
use crate::pieces::{piece_for_objects, SharedPiece};
use serde_json::Value;

/// The description every new row and object gets: marked, so that `spec list` counts it and a
/// maintainer rewrites it from Meta's page in their own words.
pub const TODO: &str = "TODO(spec suggest): describe, in your own words, from Meta's page.";

/// Rows being added to one spec file, with the placeholders it already has.
pub struct Rows<'p> {
    taken: Vec<String>,
    /// The folder's shared pieces: an object one of them fits is drafted as its `$ref`.
    pieces: &'p [SharedPiece],
    /// The file's name in Rust terms (`Flows`) when new objects take it as a prefix
    /// (`"$name": "FlowsError"`), because their plain names collide with the folder's.
    prefix: Option<String>,
    /// The new rows, in order.
    pub added: Vec<(String, Node)>,
}

impl<'p> Rows<'p> {
    /// Rows for a file whose parameters are named `taken`; new objects are named after their
    /// key, with `prefix` before it where one is given, unless one of `pieces` fits them.
    pub fn new(taken: Vec<String>, prefix: Option<String>, pieces: &'p [SharedPiece]) -> Self {
        Rows {
            taken,
            pieces,
            prefix,
            added: Vec::new(),
        }
    }

    /// Names the struct of a new object: `"$name"` after its `$doc`, the prefix before the
    /// name it takes from its key (`own`), when the file's objects are prefixed.
    fn name_struct(&self, object: &mut Node, own: String) {
        if let (Some(prefix), Node::Object(entries)) = (&self.prefix, object) {
            entries.insert(
                1,
                ("$name".to_owned(), Node::String(format!("{prefix}{own}"))),
            );
        }
    }

    /// A placeholder for `key` not used in the file yet: `KEY`, else `PARENT_KEY`, else `KEY_2`...
    fn name(&mut self, parent: &str, key: &str) -> String {
        let upper = |s: &str| -> String {
            s.chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() {
                        c.to_ascii_uppercase()
                    } else {
                        '_'
                    }
                })
                .collect()
        };
        let base = upper(key);
        let mut candidates = vec![base.clone()];
        if !parent.is_empty() {
            candidates.push(format!("{}_{base}", upper(parent)));
        }
        let chosen = candidates
            .into_iter()
            .chain((2..).map(|n| format!("{base}_{n}")))
            .find(|c| !c.is_empty() && !self.taken.contains(c))
            .unwrap_or(base);
        self.taken.push(chosen.clone());
        chosen
    }
}

/// The syntax node for the values seen under `key` (of the object under `parent`), adding a
/// row for each placeholder it makes.
pub fn syntax(values: &[&Value], parent: &str, key: &str, rows: &mut Rows) -> Node {
    let present: Vec<&Value> = values.iter().copied().filter(|v| !v.is_null()).collect();
    if !present.is_empty() && present.iter().all(|v| v.is_object()) {
        if let Some(piece) = piece_for_objects(rows.pieces, &present) {
            return reference(piece);
        }
        let mut node = object(&present, key, rows, true);
        rows.name_struct(&mut node, crate::name::type_name(key));
        return node;
    }
    if !present.is_empty() && present.iter().all(|v| v.is_array()) {
        let items: Vec<&Value> = present
            .iter()
            .flat_map(|v| v.as_array().into_iter().flatten())
            .collect();
        let piece = piece_for_objects(rows.pieces, &items);
        let item = if let Some(piece) = piece {
            reference(piece)
        } else if !items.is_empty() && items.iter().all(|v| v.is_object()) {
            let mut node = object(&items, key, rows, true);
            rows.name_struct(&mut node, crate::name::item_type_name(key));
            node
        } else {
            scalar(&items, parent, key, rows, false)
        };
        return Node::Array(vec![item]);
    }
    scalar(
        values,
        parent,
        key,
        rows,
        values.iter().any(|v| v.is_null()),
    )
}

/// `{"$ref": piece}`.
fn reference(piece: &str) -> Node {
    Node::Object(vec![("$ref".to_owned(), Node::String(piece.to_owned()))])
}

/// An object node: every key seen, optional where some object lacks it.
pub fn object(objects: &[&Value], name: &str, rows: &mut Rows, with_doc: bool) -> Node {
    let mut keys: Vec<&String> = Vec::new();
    for object in objects {
        for key in object.as_object().into_iter().flat_map(|m| m.keys()) {
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
    }
    let mut entries = Vec::new();
    if with_doc {
        entries.push(("$doc".to_owned(), Node::String(TODO.to_owned())));
    }
    for key in keys {
        let seen: Vec<&Value> = objects.iter().filter_map(|o| o.get(key.as_str())).collect();
        let optional = seen.len() < objects.len();
        let written = if optional {
            format!("{key}?")
        } else {
            key.clone()
        };
        entries.push((written, syntax(&seen, name, key, rows)));
    }
    Node::Object(entries)
}

/// A placeholder and its row, typed from the values.
fn scalar(values: &[&Value], parent: &str, key: &str, rows: &mut Rows, nullable: bool) -> Node {
    let placeholder = rows.name(parent, key);
    let present: Vec<&Value> = values.iter().copied().filter(|v| !v.is_null()).collect();
    let mut row = vec![
        (
            "type".to_owned(),
            Node::String(param_type(&present, key).to_owned()),
        ),
        ("description".to_owned(), Node::String(TODO.to_owned())),
    ];
    if nullable {
        row.push(("nullable".to_owned(), Node::Bool(true)));
    }
    if let Some(example) = present.first() {
        if let Ok(node) = serde_json::from_value::<Node>((*example).clone()) {
            row.push(("example".to_owned(), node));
        }
    }
    rows.added.push((placeholder.clone(), Node::Object(row)));
    Node::String(format!("<{placeholder}>"))
}

/// The row type for the values seen: one JSON type throughout, or `Json`.
fn param_type(values: &[&Value], key: &str) -> &'static str {
    let timely = key.contains("time") || key.ends_with("_at");
    let digits = |v: &&Value| {
        v.as_str()
            .is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
    };
    if values.is_empty() {
        "Json"
    } else if values.iter().all(|v| v.is_boolean()) {
        "Boolean"
    } else if timely && values.iter().all(|v| v.is_i64() || v.is_u64() || digits(v)) {
        "Timestamp"
    } else if values.iter().all(|v| v.is_i64() || v.is_u64()) {
        "Integer"
    } else if values.iter().all(|v| v.is_number()) {
        "Number"
    } else if values.iter().all(|v| v.is_string()) {
        "String"
    } else {
        "Json"
    }
}
