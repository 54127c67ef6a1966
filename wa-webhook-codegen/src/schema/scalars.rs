//! Scalars as Meta sends them, in the forms the lenient Rust types accept, and doc text as
//! plain descriptions.

use crate::ast::ParamType;
use serde_json::{json, Value};

/// A string of an integer, as `Integer` and `Timestamp` read it (spaces around, a sign).
const INTEGER_TEXT: &str = r"^\s*[+-]?[0-9]+\s*$";
/// A string of a JSON number, as `Number` reads it.
const NUMBER_TEXT: &str = r"^\s*-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?\s*$";

/// The schema of a scalar of type `ty`.
pub fn scalar(ty: ParamType) -> Value {
    match ty {
        ParamType::String | ParamType::Discriminator => json!({"type": "string"}),
        ParamType::Integer => json!({"anyOf": [
            {"type": "integer"},
            {"type": "string", "pattern": INTEGER_TEXT}
        ]}),
        ParamType::Timestamp => json!({
            "description": "Unix seconds, as a number or a string of digits.",
            "anyOf": [{"type": "integer"}, {"type": "string", "pattern": INTEGER_TEXT}]
        }),
        ParamType::Number => json!({"anyOf": [
            {"type": "number"},
            {"type": "string", "pattern": NUMBER_TEXT}
        ]}),
        ParamType::Text => json!({"type": ["string", "number"]}),
        ParamType::Boolean => json!({"type": "boolean"}),
        // A change is the `Change` def (see `defs::ty`); nothing else reaches here as one.
        ParamType::Json | ParamType::Change => json!({}),
    }
}

/// A doc comment as a plain description: intra-doc links become their text
/// (`` [`Change`](crate::Change) `` and `` [`Change`] `` read `` `Change` ``).
pub fn plain(doc: &str) -> String {
    let mut out = String::with_capacity(doc.len());
    let mut rest = doc;
    while let Some(start) = rest.find("[`") {
        let Some(close) = rest[start..].find("`]") else {
            break;
        };
        let close = start + close;
        out.push_str(&rest[..start]);
        out.push_str(&rest[start + 1..close + 1]);
        rest = &rest[close + 2..];
        if rest.starts_with('(') {
            match rest.find(')') {
                Some(end) => rest = &rest[end + 1..],
                None => break,
            }
        }
    }
    out.push_str(rest);
    out.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::plain;

    #[test]
    fn links_read_as_their_text() {
        assert_eq!(
            plain("Kept as [`Change::Unrecognized`], see [`Items`](crate::Items) and `x`."),
            "Kept as `Change::Unrecognized`, see `Items` and `x`."
        );
        assert_eq!(plain("No link [here"), "No link [here");
    }
}
