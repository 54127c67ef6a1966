//! One `$defs` entry per generated type: a struct as an object schema, a value enum or a
//! discriminator's tags as a string schema with a `const` (and its meaning) per value, and the
//! change object, typed by its `field`.

use super::scalars;
use super::SchemaMode;
use crate::ast::ParamType;
use crate::resolved::{
    ChangeEnum, Dispatch, Doc, Field, Item, Struct, Type, ValueEnum, VariantEnum,
};
use serde_json::{json, Map, Value};

/// The `$defs` name of the change object (`entry[].changes[]`).
pub const CHANGE: &str = "Change";

/// `{"$ref": ...}` to the def of the generated type `ident`.
pub fn reference(ident: &str) -> String {
    format!("#/$defs/{ident}")
}

/// Rewrites every `$ref` under `schema` from one base to another.
pub fn repoint(schema: &mut Value, from: &str, to: &str) {
    match schema {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                match value {
                    Value::String(target) if key == "$ref" && target.starts_with(from) => {
                        *target = target.replacen(from, to, 1);
                    }
                    other => repoint(other, from, to),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| repoint(item, from, to)),
        _ => {}
    }
}

/// The def of one generated type, by its Rust name.
pub fn item(item: &Item, mode: SchemaMode) -> (String, Value) {
    match item {
        Item::Struct(s) => (s.ident.clone(), object(s, mode)),
        Item::Values(e) => (e.ident.clone(), value_enum(e, mode)),
        Item::Variants(e) => (e.ident.clone(), tags(e, mode)),
    }
}

fn object(s: &Struct, mode: SchemaMode) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    let mut all_of = Vec::new();
    for field in &s.fields {
        let schema = field_schema(field);
        let spellings: Vec<&str> = match &field.spellings {
            Some(spellings) => spellings.all.iter().map(String::as_str).collect(),
            None => vec![field.key.as_str()],
        };
        for spelling in &spellings {
            properties.insert((*spelling).to_owned(), schema.clone());
        }
        match spellings.as_slice() {
            _ if field.optional => {}
            [one] => required.push(Value::from(*one)),
            many => all_of.push(json!({
                "anyOf": many.iter().map(|s| json!({"required": [s]})).collect::<Vec<_>>()
            })),
        }
    }
    if let Some(dispatch) = &s.dispatch {
        dispatched(dispatch, &mut properties, &mut required, &mut all_of);
    }
    let mut out = Map::new();
    out.insert("type".into(), "object".into());
    out.insert("description".into(), s.doc.plain().into());
    out.insert("properties".into(), Value::Object(properties));
    if !required.is_empty() {
        out.insert("required".into(), Value::Array(required));
    }
    if !all_of.is_empty() {
        out.insert("allOf".into(), Value::Array(all_of));
    }
    close(&mut out, mode);
    Value::Object(out)
}

/// A discriminated object: the tag's values, and each variant's payload under its key when
/// the tag names it (or, for a tag Meta may leave out, whenever its key is there).
fn dispatched(
    dispatch: &Dispatch,
    properties: &mut Map<String, Value>,
    required: &mut Vec<Value>,
    all_of: &mut Vec<Value>,
) {
    let tag = &dispatch.tag_key;
    properties.insert(
        tag.clone(),
        json!({"$ref": reference(&dispatch.enum_ident), "description": dispatch.kind_doc.plain()}),
    );
    if dispatch.omitted.is_none() {
        required.push(tag.clone().into());
    }
    let mut untagged = Map::new();
    for variant in &dispatch.variants {
        let Some(payload) = &variant.payload else {
            continue;
        };
        let schema = ty(&payload.ty);
        let mut then = json!({"properties": {payload.key.clone(): schema.clone()}});
        if !payload.optional {
            then["required"] = json!([payload.key]);
        }
        all_of.push(json!({
            "if": {"properties": {tag.clone(): {"const": variant.tag}}, "required": [tag]},
            "then": then,
        }));
        untagged.insert(payload.key.clone(), schema);
    }
    if dispatch.omitted.is_some() && !untagged.is_empty() {
        all_of.push(json!({
            "if": {"not": {"required": [tag]}},
            "then": {"properties": untagged},
        }));
    }
}

fn field_schema(field: &Field) -> Value {
    let mut schema = ty(&field.ty);
    if field.nullable {
        schema = json!({"anyOf": [schema, {"type": "null"}]});
    }
    if let Value::Object(map) = &mut schema {
        map.insert("description".into(), field.doc.plain().into());
    }
    schema
}

/// The schema of a value of type `ty` (before `null` and optionality).
fn ty(ty: &Type) -> Value {
    match ty {
        Type::Scalar(ParamType::Change) => json!({"$ref": reference(CHANGE)}),
        Type::Scalar(scalar) => scalars::scalar(*scalar),
        Type::Named(path) => json!({"$ref": reference(&path.ident)}),
        Type::Items(inner) | Type::Vec(inner) => json!({"type": "array", "items": self::ty(inner)}),
        Type::Boxed(inner) | Type::Spelled(inner) => self::ty(inner),
    }
}

fn value_enum(e: &ValueEnum, mode: SchemaMode) -> Value {
    let values = e.variants.iter().flat_map(|v| {
        std::iter::once(&v.wire)
            .chain(&v.others)
            .map(|wire| (wire.as_str(), &v.doc))
    });
    strings(&e.doc, values, mode)
}

fn tags(e: &VariantEnum, mode: SchemaMode) -> Value {
    let values = e.variants.iter().map(|v| (v.tag.as_str(), &v.doc));
    strings(&e.doc, values, mode)
}

/// A string that is one of `values` (each with its meaning); forward compatible, any other
/// string too.
fn strings<'a>(
    doc: &Doc,
    values: impl Iterator<Item = (&'a str, &'a Doc)>,
    mode: SchemaMode,
) -> Value {
    let mut any_of: Vec<Value> = values
        .map(|(value, doc)| json!({"const": value, "description": doc.plain()}))
        .collect();
    if mode == SchemaMode::Forward {
        any_of.push(json!({"type": "string", "description": "A value this version does not list (new from Meta)."}));
    }
    json!({"type": "string", "description": doc.plain(), "anyOf": any_of})
}

/// The change object: `field` names the webhook field, whose spec types `value`.
pub fn change(change: &ChangeEnum, mode: SchemaMode) -> Value {
    let mut all_of = Vec::new();
    let mut known = Vec::new();
    for variant in &change.variants {
        let names: Vec<&str> = std::iter::once(variant.field.as_str())
            .chain(variant.aliases.iter().map(String::as_str))
            .collect();
        known.extend(names.iter().map(|n| (*n, &variant.doc)));
        all_of.push(json!({
            "if": {"properties": {"field": {"enum": names}}, "required": ["field"]},
            "then": {"properties": {"value": {"$ref": reference(&variant.value.ident)}}},
        }));
    }
    let field = strings(
        &Doc::text("The webhook field: which spec types `value`."),
        known.into_iter(),
        mode,
    );
    let mut out = Map::new();
    out.insert("type".into(), "object".into());
    out.insert(
        "description".into(),
        "One change of an entry: its `field` and the `value` that field's spec describes.".into(),
    );
    out.insert(
        "properties".into(),
        json!({"field": field, "value": {"description": "The change, as the field's spec describes it."}}),
    );
    out.insert("required".into(), json!(["field", "value"]));
    out.insert("allOf".into(), Value::Array(all_of));
    close(&mut out, mode);
    Value::Object(out)
}

/// Strict: no key beyond those described (seen through `allOf` and `then`).
fn close(schema: &mut Map<String, Value>, mode: SchemaMode) {
    if mode == SchemaMode::Strict {
        schema.insert("unevaluatedProperties".into(), false.into());
    }
}
