//! `wa-webhook spec schema`: the spec folder as JSON Schema, OpenAPI 3.1, TypeScript
//! declarations or Python `TypedDict`s, printed or written as the files of `schema/` (the
//! TypeScript ones as an npm package in `schema/typescript/`, the Python module in
//! `schema/python/`).

use crate::spec::{locate, report};
use std::path::Path;
use std::process::ExitCode;
use wa_webhook_codegen::schema::{json_schema, openapi, SchemaMode};
use wa_webhook_codegen::SpecModel;

/// What `spec schema` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemaFormat {
    /// JSON Schema 2020-12 of the notification.
    JsonSchema,
    /// An OpenAPI 3.1 document with a `webhooks` entry per field.
    Openapi,
    /// TypeScript declarations (`index.d.ts`) that narrow on `field` and every tag.
    Typescript,
    /// Python `TypedDict`s (`wa_webhook_types.py`) that narrow on `field` and every tag.
    Python,
}

/// The JSON files `--write DIR` writes: each format, forward compatible and strict.
const JSON_FILES: [(&str, SchemaFormat, SchemaMode); 4] = [
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

/// Every file `--write DIR` writes, by its path below DIR, with its text: the JSON documents
/// and the TypeScript package.
pub fn files(resolved: &SpecModel) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = JSON_FILES
        .iter()
        .map(|&(file, format, mode)| (file, document(resolved, format, mode)))
        .collect();
    out.push((
        "typescript/index.d.ts",
        wa_webhook_codegen::typescript::declarations(resolved),
    ));
    out.push(("typescript/package.json", package_json()));
    out.push(("typescript/README.md", TYPESCRIPT_README.to_owned()));
    out.push((
        "python/wa_webhook_types.py",
        wa_webhook_codegen::python::module(resolved),
    ));
    out
}

/// The npm package's manifest: types only, no code.
fn package_json() -> String {
    let manifest = serde_json::json!({
        "name": "wa-webhook-types",
        "version": env!("CARGO_PKG_VERSION"),
        "description": "TypeScript types for every WhatsApp Cloud API webhook payload, generated from the wa-webhook specs.",
        "license": "MIT OR Apache-2.0",
        "types": "index.d.ts",
        "files": ["index.d.ts", "README.md"],
        "keywords": ["whatsapp", "webhook", "types"],
    });
    let mut text = serde_json::to_string_pretty(&manifest).unwrap_or_default();
    text.push('\n');
    text
}

const TYPESCRIPT_README: &str = "# wa-webhook-types (TypeScript)

Types for every WhatsApp Cloud API webhook payload, generated from the wa-webhook specs (the
same model as the Rust crate). Types only: nothing runs.

```ts
import type { Notification } from \"wa-webhook-types\";

const body = JSON.parse(raw) as Notification; // after checking X-Hub-Signature-256
for (const change of body.entry.flatMap((e) => e.changes)) {
  if (change.field === \"messages\") {
    for (const message of change.value.messages ?? []) {
      if (message.type === \"text\") reply(message.text.body); // your handler
    }
  }
}
```

Narrow on `field`, and on each object's tag (`type`); a field or type this version does not
know is an `UnknownChange` (`UnrecognizedMessage`, ...), left out by narrowing on a known tag.
Enumerated values are open: `\"read\" | \"sent\" | (string & {})`.
";

/// Prints one document, or writes every file of [`files`] into `write`.
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
        crate::stdout::emit(&document(&resolved, format, mode));
        return ExitCode::SUCCESS;
    };
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("error: {}: cannot create the folder: {e}", dir.display());
        return ExitCode::from(2);
    }
    for (file, text) in files(&resolved) {
        let path = dir.join(file);
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|()| std::fs::write(&path, text));
        if let Err(e) = written {
            eprintln!("error: {}: cannot write: {e}", path.display());
            return ExitCode::from(2);
        }
        eprintln!("wrote {}", path.display());
    }
    ExitCode::SUCCESS
}

/// The document: JSON (pretty, with a final newline) or TypeScript declarations (which have
/// no strict variant: a tag or value the spec does not know is a type of its own).
pub fn document(resolved: &SpecModel, format: SchemaFormat, mode: SchemaMode) -> String {
    let value = match format {
        SchemaFormat::JsonSchema => json_schema(resolved, mode),
        SchemaFormat::Openapi => openapi(resolved, mode, env!("CARGO_PKG_VERSION")),
        SchemaFormat::Typescript => return wa_webhook_codegen::typescript::declarations(resolved),
        SchemaFormat::Python => return wa_webhook_codegen::python::module(resolved),
    };
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}
