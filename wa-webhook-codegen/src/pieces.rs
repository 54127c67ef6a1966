//! The folder's shared pieces as the drafting tools see them: which keys each has, and which
//! piece an object's keys are, so that `spec import` and `spec suggest` draft `{"$ref": ...}`
//! where a piece fits instead of a fresh object with fresh rows.

use crate::ast::ParamType;
use crate::edit::get;
use crate::node::Node;
use serde_json::Value;

/// A shared piece of the folder: its name and its keys.
pub struct SharedPiece {
    /// The name `$ref` takes.
    pub name: String,
    /// Its keys, in syntax order.
    pub keys: Vec<PieceKey>,
}

/// A key of a shared piece.
pub struct PieceKey {
    /// Its spellings (`recipient_id|recipient`).
    pub spellings: Vec<String>,
    /// Whether the key may be left out.
    pub optional: bool,
    /// What its value is.
    value: PieceValue,
}

/// What the value of a piece's key is, as far as telling whether a value seen fits it.
enum PieceValue {
    /// A placeholder whose row has this type, and whether it is `nullable`.
    Row(ParamType, bool),
    /// An object.
    Object,
    /// An array.
    Array,
    /// A literal, or anything else: any value.
    Any,
}

/// The shared pieces among the spec files `roots` (as trees).
pub fn shared_pieces<'n>(roots: impl IntoIterator<Item = &'n Node>) -> Vec<SharedPiece> {
    roots
        .into_iter()
        .filter_map(|root| {
            let Some(Node::String(name)) = get(root, "shared") else {
                return None;
            };
            let Some(Node::Object(syntax)) = get(root, "syntax") else {
                return None;
            };
            let keys = syntax
                .iter()
                .filter(|(k, _)| !k.starts_with('$'))
                .map(|(k, node)| {
                    let optional = k.ends_with('?');
                    let spellings = k.trim_end_matches('?').split('|').map(str::to_owned);
                    PieceKey {
                        spellings: spellings.collect(),
                        optional,
                        value: piece_value(root, node),
                    }
                })
                .collect();
            Some(SharedPiece {
                name: name.clone(),
                keys,
            })
        })
        .collect()
}

fn piece_value(root: &Node, node: &Node) -> PieceValue {
    match node {
        Node::Object(_) => PieceValue::Object,
        Node::Array(_) => PieceValue::Array,
        Node::String(s) if s.starts_with('<') && s.ends_with('>') => {
            let row = get(root, "parameters").and_then(|rows| get(rows, &s[1..s.len() - 1]));
            let kind = row.and_then(|row| match get(row, "type") {
                Some(Node::String(kind)) => ParamType::from_name(kind),
                _ => None,
            });
            let nullable = row.is_some_and(|row| get(row, "nullable") == Some(&Node::Bool(true)));
            kind.map_or(PieceValue::Any, |kind| PieceValue::Row(kind, nullable))
        }
        _ => PieceValue::Any,
    }
}

impl SharedPiece {
    fn key(&self, key: &str) -> Option<&PieceKey> {
        self.keys
            .iter()
            .find(|k| k.spellings.iter().any(|s| s == key))
    }
}

/// The piece whose keys `keys` are: every key known to it, every key it requires among them, and
/// at least two keys (one key says too little). The piece with the most keys, if several are.
pub fn piece_for_keys<'p>(pieces: &'p [SharedPiece], keys: &[&str]) -> Option<&'p SharedPiece> {
    pieces
        .iter()
        .filter(|piece| keys.len() >= 2 && keys.iter().all(|k| piece.key(k).is_some()))
        .filter(|piece| {
            piece.keys.iter().all(|key| {
                key.optional || keys.iter().any(|k| key.spellings.iter().any(|s| s == k))
            })
        })
        .max_by_key(|piece| piece.keys.len())
}

/// The piece the objects `seen` all fit: its keys, each required key in every object, and each
/// value of a type its row takes. `None` where no piece fits every object.
pub fn piece_for_objects<'p>(pieces: &'p [SharedPiece], seen: &[&Value]) -> Option<&'p str> {
    let mut keys: Vec<&str> = Vec::new();
    for object in seen {
        for key in object.as_object()?.keys() {
            if !keys.contains(&key.as_str()) {
                keys.push(key);
            }
        }
    }
    let piece = piece_for_keys(pieces, &keys)?;
    let fits = seen.iter().all(|object| {
        let Some(map) = object.as_object() else {
            return false;
        };
        let required = piece
            .keys
            .iter()
            .filter(|k| !k.optional)
            .all(|key| key.spellings.iter().any(|s| map.contains_key(s)));
        required
            && map
                .iter()
                .all(|(key, value)| piece.key(key).is_some_and(|key| takes(&key.value, value)))
    });
    fits.then_some(piece.name.as_str())
}

/// Whether a value of a piece's key may be `value`: by its row's type, or its node's kind.
fn takes(kind: &PieceValue, value: &Value) -> bool {
    match kind {
        PieceValue::Object => value.is_object(),
        PieceValue::Array => value.is_array(),
        PieceValue::Any => true,
        PieceValue::Row(_, nullable) if value.is_null() => *nullable,
        PieceValue::Row(kind, _) => kind.takes(value),
    }
}
