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
