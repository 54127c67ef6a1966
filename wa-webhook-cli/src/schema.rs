//! `wa-webhook spec schema`: the spec folder as JSON Schema or OpenAPI 3.1, printed or written
//! as the files of `schema/`.

use crate::spec::{locate, report};
use std::path::Path;
use std::process::ExitCode;
use wa_webhook_codegen::resolved::Resolved;
use wa_webhook_codegen::schema::{json_schema, openapi, SchemaMode};

/// What `spec schema` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemaFormat {
    /// JSON Schema 2020-12 of the notification.
    JsonSchema,
    /// An OpenAPI 3.1 document with a `webhooks` entry per field.
    Openapi,
}

/// The files `--write DIR` writes: each format, forward compatible and strict.
pub const FILES: [(&str, SchemaFormat, SchemaMode); 4] = [
    (
        "notification.schema.json",
        SchemaFormat::JsonSchema,
        SchemaMode::Forward,
    ),
    (
        "notification.strict.schema.json",
        SchemaFormat::JsonSchema,
        SchemaMode::Strict,
    ),
    ("openapi.json", SchemaFormat::Openapi, SchemaMode::Forward),
    (
        "openapi.strict.json",
        SchemaFormat::Openapi,
        SchemaMode::Strict,
    ),
];

/// Prints one document, or writes every file of [`FILES`] into `write`.
pub fn run(spec: &Path, format: SchemaFormat, strict: bool, write: Option<&Path>) -> ExitCode {
    let (root, name) = locate(spec);
    let resolved = match wa_webhook_codegen::resolve(&root, &name) {
        Ok(resolved) => resolved,
        Err(errors) => return report(errors),
    };
    let Some(dir) = write else {
        let mode = if strict {
            SchemaMode::Strict
        } else {
            SchemaMode::Forward
        };
        crate::emit(&document(&resolved, format, mode));
        return ExitCode::SUCCESS;
    };
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("error: {}: cannot create the folder: {e}", dir.display());
        return ExitCode::from(2);
    }
    for (file, format, mode) in FILES {
        let path = dir.join(file);
        if let Err(e) = std::fs::write(&path, document(&resolved, format, mode)) {
            eprintln!("error: {}: cannot write: {e}", path.display());
            return ExitCode::from(2);
        }
        eprintln!("wrote {}", path.display());
    }
    ExitCode::SUCCESS
}

/// The document as pretty JSON with a final newline.
pub fn document(resolved: &Resolved, format: SchemaFormat, mode: SchemaMode) -> String {
    let value = match format {
        SchemaFormat::JsonSchema => json_schema(resolved, mode),
        SchemaFormat::Openapi => openapi(resolved, mode, env!("CARGO_PKG_VERSION")),
    };
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}
