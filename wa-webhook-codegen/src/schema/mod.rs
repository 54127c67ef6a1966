//! The second renderer of the resolved model: JSON Schema 2020-12 of the notification, and an
//! OpenAPI 3.1 document with a `webhooks` entry per field.
//!
//! It reads only [`SpecModel`](crate::SpecModel), as the Rust expansion does, so the schema and the Rust types
//! state each spec fact once. What the types accept, the schema accepts:
//!
//! - [`SchemaMode::Forward`] (the default) accepts what the types read without an `invalid`
//!   item: unknown keys, values, message types and fields pass, as the types keep them;
//! - [`SchemaMode::Strict`] closes every object, enum, discriminator and the field list, so it
//!   accepts exactly the bodies that type with no drift.
//!
//! One `$defs` entry per generated type, under its Rust name (unique in the crate); lenient
//! scalars accept both forms Meta sends (a timestamp as a number or a string of digits).

mod defs;
mod scalars;

use crate::resolved::{Item, Module, Resolved};
use serde_json::{json, Map, Value};

/// Which bodies the schema accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaMode {
    /// What the Rust types read (anything new from Meta passes, kept as the types keep it);
    /// only a part that does not fit its model (an `invalid` drift) fails.
    Forward,
    /// Only what the spec describes: anything that would be drift fails.
    Strict,
}

/// The `$id` base of the exported documents.
pub const SCHEMA_ID: &str = "https://github.com/wa-webhook/wa-webhook/schema";

/// The JSON Schema (2020-12) of a webhook notification: the body of every POST.
pub fn json_schema(model: &crate::SpecModel, mode: SchemaMode) -> Value {
    let resolved = &model.resolved;
    let mut root = Map::new();
    root.insert(
        "$schema".into(),
        "https://json-schema.org/draft/2020-12/schema".into(),
    );
    root.insert("$id".into(), id(mode, "notification.schema.json").into());
    root.insert(
        "title".into(),
        "WhatsApp Cloud API webhook notification".into(),
    );
    root.insert("description".into(), description(mode).into());
    root.insert("$ref".into(), defs::reference("Notification").into());
    root.insert("$defs".into(), Value::Object(all_defs(resolved, mode)));
    root.insert("examples".into(), examples(resolved));
    Value::Object(root)
}

/// An OpenAPI 3.1 document: a `webhooks` entry per field (its POST body the notification,
/// with that field's examples), the types as `components.schemas`.
pub fn openapi(model: &crate::SpecModel, mode: SchemaMode, version: &str) -> Value {
    let resolved = &model.resolved;
    let mut schemas = all_defs(resolved, mode);
    // OpenAPI names components by `#/components/schemas/`: the same defs, re-pointed.
    for schema in schemas.values_mut() {
        defs::repoint(schema, "#/$defs/", "#/components/schemas/");
    }
    let mut webhooks = Map::new();
    for variant in &resolved.change.variants {
        let body = json!({
            "description": format!("A notification whose changes include `{}` changes.", variant.field),
            "required": true,
            "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/Notification"},
                "examples": openapi_examples(resolved, &variant.field),
            }}
        });
        webhooks.insert(
            variant.field.clone(),
            json!({"post": {
                "summary": variant.doc.plain_first_paragraph(),
                "description": variant.doc.plain(),
                "operationId": format!("receive_{}", variant.field),
                "parameters": [{
                    "name": "X-Hub-Signature-256", "in": "header", "required": true,
                    "description": "`sha256=` and the HMAC-SHA256 of the raw body with the app secret, in hex.",
                    "schema": {"type": "string", "pattern": "^sha256=[0-9a-fA-F]{64}$"}
                }],
                "requestBody": body,
                "responses": {
                    "200": {"description": "Stored: Meta does not deliver the body again."},
                    "default": {"description": "Not stored: Meta delivers the body again later."}
                }
            }}),
        );
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "WhatsApp Cloud API webhooks",
            "version": version,
            "description": description(mode),
        },
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "webhooks": webhooks,
        "components": {"schemas": schemas},
    })
}

fn id(mode: SchemaMode, file: &str) -> String {
    match mode {
        SchemaMode::Forward => format!("{SCHEMA_ID}/{file}"),
        SchemaMode::Strict => format!("{SCHEMA_ID}/strict/{file}"),
    }
}

fn description(mode: SchemaMode) -> &'static str {
    match mode {
        SchemaMode::Forward => "The body Meta POSTs to a WhatsApp webhook, as the wa-webhook specs describe it. Forward compatible: unknown keys, enum values, message types and fields are accepted (Meta adds them); a part of the wrong shape is not.",
        SchemaMode::Strict => "The body Meta POSTs to a WhatsApp webhook, as the wa-webhook specs describe it. Strict: anything the specs do not describe (a key, a value, a message type, a field) fails, where it is.",
    }
}

/// Every generated type as a `$defs` entry, by its Rust name.
fn all_defs(resolved: &Resolved, mode: SchemaMode) -> Map<String, Value> {
    let mut out = Map::new();
    let mut add = |items: &[Item]| {
        for item in items {
            let (name, schema) = defs::item(item, mode);
            out.insert(name, schema);
        }
    };
    add(&resolved.envelope);
    fn walk(modules: &[Module], add: &mut dyn FnMut(&[Item])) {
        for module in modules {
            add(&module.items);
            walk(&module.children, add);
        }
    }
    walk(&resolved.modules, &mut add);
    out.insert(
        defs::CHANGE.to_owned(),
        defs::change(&resolved.change, mode),
    );
    out
}

/// Every spec example, as a whole notification.
fn examples(resolved: &Resolved) -> Value {
    Value::Array(
        resolved
            .examples
            .iter()
            .filter_map(|e| serde_json::from_str::<Value>(&e.json).ok())
            .collect(),
    )
}

fn openapi_examples(resolved: &Resolved, field: &str) -> Value {
    let mut out = Map::new();
    for (i, example) in resolved.examples.iter().enumerate() {
        let Ok(payload) = serde_json::from_str::<Value>(&example.json) else {
            continue;
        };
        if fields_of(&payload).any(|f| f == field) {
            out.insert(
                format!("example_{i}"),
                json!({"summary": example.description, "value": payload}),
            );
        }
    }
    Value::Object(out)
}

/// The `field` of every change of a notification.
fn fields_of(payload: &Value) -> impl Iterator<Item = &str> {
    payload["entry"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|entry| entry["changes"].as_array().into_iter().flatten())
        .filter_map(|change| change["field"].as_str())
}
