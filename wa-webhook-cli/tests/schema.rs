//! The exported JSON Schema and OpenAPI documents, checked by an independent validator (the
//! `jsonschema` crate) against the Rust types, body by body: every spec example and every
//! payload of `../shared/fixtures`, and bodies with a part of the wrong shape.
//!
//! The forward-compatible schema accepts exactly the bodies the types read without an
//! `invalid` item, and rejects the others at that item; the strict one accepts exactly the
//! bodies that type with no drift, and fails the others where the drift report says.

mod support;

use jsonschema::Validator;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use wa_webhook_codegen::schema::{json_schema, openapi, SchemaMode};
use wa_webhook_types::{Drift, DriftKind, Notification};

fn resolved() -> wa_webhook_codegen::SpecModel {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    wa_webhook_codegen::resolve(&root, "spec").expect("the spec folder is sound")
}

fn validator(schema: &Value) -> Validator {
    jsonschema::meta::validate(schema).expect("a valid JSON Schema 2020-12 document");
    jsonschema::validator_for(schema).expect("the schema compiles")
}

/// `entry[0].changes[0].value` as the JSON pointer `/entry/0/changes/0/value`.
fn pointer(path: &str) -> String {
    let mut out = String::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, indexes) = part.split_once('[').unwrap_or((part, ""));
        if !key.is_empty() {
            out.push('/');
            out.push_str(key);
        }
        for index in indexes.split(['[', ']']).filter(|i| !i.is_empty()) {
            out.push('/');
            out.push_str(index);
        }
    }
    out
}

/// The instance paths at which `schema` rejects `body`.
fn errors(validator: &Validator, body: &Value) -> Vec<String> {
    validator
        .iter_errors(body)
        .map(|e| e.instance_path.to_string())
        .collect()
}

/// Whether the schema's errors are where a drift is: at its path or inside it (an unknown key
/// at the object holding it, where `unevaluatedProperties` reports it).
fn errors_cover(errors: &[String], drift: &Drift) -> bool {
    let at = pointer(&drift.path);
    let at = match drift.kind {
        DriftKind::UnknownKey => at
            .rsplit_once('/')
            .map_or(String::new(), |(p, _)| p.to_owned()),
        _ => at,
    };
    errors
        .iter()
        .any(|e| *e == at || e.starts_with(&format!("{at}/")))
}

fn bodies() -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = wa_webhook_types::EXAMPLES
        .iter()
        .map(|e| {
            (
                format!("{}: {}", e.spec, e.description),
                e.json.as_bytes().to_vec(),
            )
        })
        .collect();
    let dir = match std::env::var_os("WA_WEBHOOK_FIXTURES") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/fixtures"),
    };
    let manifest = std::fs::read_to_string(dir.join("manifest.json")).unwrap_or_else(|e| {
        panic!(
            "the conformance corpus is missing: cannot read {}/manifest.json ({e}); it lives in \
             ../shared/fixtures beside the project (set WA_WEBHOOK_FIXTURES elsewhere)",
            dir.display()
        )
    });
    let manifest: Vec<Value> = serde_json::from_str(&manifest).unwrap();
    for entry in manifest {
        let file = entry["file"].as_str().unwrap();
        out.push((file.to_owned(), std::fs::read(dir.join(file)).unwrap()));
    }
    out
}

/// Counts of one run, for the note and the assertion messages.
#[derive(Debug, Default)]
struct Tally {
    bodies: usize,
    not_webhooks: usize,
    forward_valid: usize,
    strict_valid: usize,
    with_invalid: usize,
    with_drift: usize,
}

#[test]
fn the_schemas_agree_with_the_rust_types_on_every_example_and_fixture() {
    let resolved = resolved();
    let forward = validator(&json_schema(&resolved, SchemaMode::Forward));
    let strict = validator(&json_schema(&resolved, SchemaMode::Strict));
    let mut tally = Tally::default();
    let mut disagreements = Vec::new();
    for (name, bytes) in bodies() {
        tally.bodies += 1;
        let Ok(json) = serde_json::from_slice::<Value>(&bytes) else {
            tally.not_webhooks += 1;
            continue;
        };
        let Ok(notification) = Notification::from_slice(&bytes) else {
            tally.not_webhooks += 1;
            if forward.is_valid(&json) {
                disagreements.push(format!(
                    "{name}: the types reject it, the schema accepts it"
                ));
            }
            continue;
        };
        let drift = notification.drift();
        let invalid: Vec<&Drift> = drift
            .iter()
            .filter(|d| d.kind == DriftKind::Invalid)
            .collect();
        tally.with_invalid += usize::from(!invalid.is_empty());
        tally.with_drift += usize::from(!drift.is_empty());
        let forward_errors = errors(&forward, &json);
        let strict_errors = errors(&strict, &json);
        tally.forward_valid += usize::from(forward_errors.is_empty());
        tally.strict_valid += usize::from(strict_errors.is_empty());
        if forward_errors.is_empty() != invalid.is_empty() {
            disagreements.push(format!(
                "{name}: forward schema errors at {forward_errors:?}, invalid items {invalid:?}"
            ));
        }
        for d in &invalid {
            if !errors_cover(&forward_errors, d) {
                disagreements.push(format!(
                    "{name}: no forward error at {d} ({forward_errors:?})"
                ));
            }
        }
        if strict_errors.is_empty() != drift.is_empty() {
            disagreements.push(format!(
                "{name}: strict schema errors at {strict_errors:?}, drift {drift:?}"
            ));
        }
        for d in &drift {
            if !errors_cover(&strict_errors, d) {
                disagreements.push(format!(
                    "{name}: no strict error at {d} ({strict_errors:?})"
                ));
            }
        }
    }
    eprintln!("schema agreement: {tally:?}");
    assert!(
        disagreements.is_empty(),
        "{} disagreement(s) over {tally:?}:\n{}",
        disagreements.len(),
        disagreements.join("\n")
    );
    assert!(tally.bodies > 300, "{tally:?}");
    assert!(tally.with_drift > 0 && tally.strict_valid > 0, "{tally:?}");
}

/// `body` with the key at the JSON pointer `at` set to `value` (replaced, or added).
fn with(body: &Value, at: &str, value: Value) -> Value {
    let mut body = body.clone();
    let (parent, key) = at.rsplit_once('/').expect("a pointer to a key");
    let object = body.pointer_mut(parent).and_then(Value::as_object_mut);
    object
        .expect("the parent object exists")
        .insert(key.to_owned(), value);
    body
}

#[test]
fn a_part_of_the_wrong_shape_fails_both_schemas_at_its_item_and_something_new_only_the_strict_one()
{
    let resolved = resolved();
    let forward = validator(&json_schema(&resolved, SchemaMode::Forward));
    let strict = validator(&json_schema(&resolved, SchemaMode::Strict));
    let text = json!({"object": "whatsapp_business_account", "entry": [{"id": "102290129340398", "changes": [
        {"field": "messages", "value": {"messaging_product": "whatsapp",
         "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
         "messages": [{"from": "16505551234", "id": "wamid.A", "timestamp": "1749416383",
                       "type": "text", "text": {"body": "hi"}}]}}]}]});
    let message = "/entry/0/changes/0/value/messages/0";
    let cases = [
        // (what, body, forward accepts, the JSON pointer at or under which both fail)
        (
            "a timestamp that is an object",
            with(&text, &format!("{message}/timestamp"), json!({})),
            false,
            message.to_owned(),
        ),
        (
            "a text body that is a number",
            with(&text, &format!("{message}/text/body"), json!(7)),
            false,
            message.to_owned(),
        ),
        (
            "a non-numeric timestamp string",
            with(&text, &format!("{message}/timestamp"), json!("soon")),
            false,
            message.to_owned(),
        ),
        (
            "a new key",
            with(&text, &format!("{message}/x_unknown_key"), json!(1)),
            true,
            message.to_owned(),
        ),
        (
            "a new message type",
            with(&text, &format!("{message}/type"), json!("x_example_type")),
            true,
            format!("{message}/type"),
        ),
        (
            "a new field",
            with(&text, "/entry/0/changes/0/field", json!("x_example_field")),
            true,
            "/entry/0/changes/0/field".to_owned(),
        ),
        (
            "a timestamp as a number",
            with(&text, &format!("{message}/timestamp"), json!(1749416383)),
            true,
            String::new(),
        ),
    ];
    for (what, body, forward_accepts, at) in cases {
        let rust = Notification::from_slice(body.to_string().as_bytes()).expect(what);
        let invalid = rust.drift().iter().any(|d| d.kind == DriftKind::Invalid);
        assert_eq!(invalid, !forward_accepts, "{what}: the types' view");
        let forward_errors = errors(&forward, &body);
        assert_eq!(
            forward_errors.is_empty(),
            forward_accepts,
            "{what}: {forward_errors:?}"
        );
        let strict_errors = errors(&strict, &body);
        if at.is_empty() {
            assert!(strict_errors.is_empty(), "{what}: {strict_errors:?}");
            continue;
        }
        assert!(
            strict_errors.iter().any(|e| e.starts_with(&at)),
            "{what}: strict errors at {strict_errors:?}, wanted under {at}"
        );
        if !forward_accepts {
            assert!(
                forward_errors.iter().all(|e| e.starts_with(&at)),
                "{what}: {forward_errors:?}"
            );
        }
    }
}

#[test]
fn the_openapi_documents_are_valid_openapi_3_1_with_a_webhook_per_field() {
    let resolved = resolved();
    let meta: Value = serde_json::from_str(include_str!("schema/openapi-3.1.schema.json")).unwrap();
    let oas = jsonschema::validator_for(&meta).expect("the OpenAPI 3.1 schema compiles");
    for mode in [SchemaMode::Forward, SchemaMode::Strict] {
        let document = openapi(&resolved, mode, "0.0.0-test");
        let problems: Vec<String> = oas
            .iter_errors(&document)
            .map(|e| format!("{}: {e}", e.instance_path))
            .collect();
        assert!(problems.is_empty(), "{mode:?}: {problems:?}");
        let webhooks = document["webhooks"].as_object().unwrap();
        assert_eq!(webhooks.len(), resolved.fields().len());
        assert!(
            webhooks["messages"]["post"]["requestBody"]["content"]["application/json"]["examples"]
                .as_object()
                .is_some_and(|e| !e.is_empty())
        );
        // Its schemas are the JSON Schema's defs, pointing at `#/components/schemas/`, and a
        // validator reading them as a 2020-12 schema agrees on an example.
        let mut schema = document["components"]["schemas"]["Notification"].clone();
        schema["components"] = document["components"].clone();
        let validator = jsonschema::validator_for(&schema).expect("components compile");
        let example: Value = serde_json::from_str(wa_webhook_types::EXAMPLES[0].json).unwrap();
        assert!(validator.is_valid(&example));
    }
}

#[test]
fn the_schema_folder_is_what_the_spec_exports() {
    let dir = support::TempDir::new("schema-export");
    let out = dir.path().join("schema");
    let written = support::wa_webhook(&[
        "spec",
        "schema",
        "--spec",
        "../spec",
        "--write",
        &out.display().to_string(),
    ]);
    assert_eq!(written.status.code(), Some(0), "{written:?}");
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema");
    for file in [
        "notification.schema.json",
        "notification.strict.schema.json",
        "openapi.json",
        "openapi.strict.json",
        "typescript/index.d.ts",
        "typescript/package.json",
        "typescript/README.md",
        "python/wa_webhook_types.py",
    ] {
        let fresh = std::fs::read_to_string(out.join(file)).unwrap();
        let kept = std::fs::read_to_string(committed.join(file)).unwrap_or_default();
        assert!(
            fresh == kept,
            "schema/{file} is stale (or missing): run `cargo run -p wa-webhook-cli -- spec schema --write schema` and commit it"
        );
    }
}

/// The TypeScript compiler `scripts/test` installs (`npm ci` in `tests/typescript`).
fn tsc() -> PathBuf {
    let tsc =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/typescript/node_modules/.bin/tsc");
    assert!(
        tsc.exists(),
        "this test needs TypeScript's compiler at {}: scripts/test installs it (Node.js and npm, \
         then `npm ci --prefix tests/typescript`)",
        tsc.display()
    );
    tsc
}

/// `tsc --strict --noEmit` over `files`: its output when it fails.
fn type_check(dir: &Path, files: &[&str]) -> Result<(), String> {
    let out = std::process::Command::new(tsc())
        .args(["--strict", "--noEmit"])
        .args(files)
        .current_dir(dir)
        .output()
        .expect("run tsc");
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stdout).into_owned())
    }
}

/// `schema/typescript`: every spec example and every fixture that types with no drift is a
/// `Notification` to the TypeScript compiler (written out as typed constants), the narrowing a
/// receiver writes type-checks, and a misspelled key in a known object does not.
#[test]
fn the_typescript_declarations_accept_every_drift_free_body_and_narrow() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let declarations = root.join("schema/typescript/index.d.ts");
    type_check(&root, &["tests/typescript/narrowing.ts"])
        .unwrap_or_else(|e| panic!("narrowing:\n{e}"));

    let dir = support::TempDir::new("typescript");
    std::fs::copy(&declarations, dir.path().join("index.d.ts")).unwrap();
    let mut constants = String::from("import type { Notification } from \"./index\";\n");
    let (mut typed, mut left_out) = (0, 0);
    for (name, bytes) in bodies() {
        let drift_free = Notification::from_slice(&bytes).is_ok_and(|n| n.drift().is_empty());
        if !drift_free {
            left_out += 1;
            continue;
        }
        let json: Value = serde_json::from_slice(&bytes).unwrap();
        constants.push_str(&format!(
            "// {}\nexport const body{typed}: Notification = {json};\n",
            name.replace('\n', " ")
        ));
        typed += 1;
    }
    std::fs::write(dir.path().join("bodies.ts"), constants).unwrap();
    if let Err(errors) = type_check(dir.path(), &["bodies.ts"]) {
        let first: Vec<&str> = errors.lines().take(20).collect();
        panic!(
            "{typed} drift-free bodies as Notification:\n{}",
            first.join("\n")
        );
    }
    eprintln!("tsc --strict: {typed} drift-free bodies typed as Notification ({left_out} with drift left out)");
    assert!(typed > 100, "only {typed} bodies typed");

    let misspelled = r#"import type { Notification } from "./index";
export const body: Notification = {"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [
  {"field": "security", "value": {"display_phone_numbr": "15550783881", "event": "PIN_CHANGED"}}]}]};
"#;
    std::fs::write(dir.path().join("misspelled.ts"), misspelled).unwrap();
    let errors =
        type_check(dir.path(), &["misspelled.ts"]).expect_err("a misspelled key type-checked");
    assert!(errors.contains("display_phone_numbr"), "{errors}");
}

/// Names as in Rust, none ending in a number; every exported type documented.
#[test]
fn every_typescript_export_is_named_and_documented() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema/typescript/index.d.ts"),
    )
    .unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut exports = 0;
    for (i, line) in lines.iter().enumerate() {
        let Some(rest) = line
            .strip_prefix("export type ")
            .or_else(|| line.strip_prefix("export interface "))
        else {
            continue;
        };
        exports += 1;
        let name: String = rest
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        assert!(
            !name.ends_with(|c: char| c.is_ascii_digit()),
            "{name} ends in a number"
        );
        assert!(
            i > 0 && lines[i - 1].trim_end().ends_with("*/"),
            "{name} has no JSDoc"
        );
    }
    assert!(exports > 300, "{exports} exports");
    assert!(
        text.contains("export type Notification") || text.contains("export interface Notification")
    );
}

/// The Python type checker `scripts/test` installs (a venv in `tests/python`).
fn mypy() -> PathBuf {
    let mypy = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/python/.venv/bin/mypy");
    assert!(
        mypy.exists(),
        "this test needs mypy at {}: scripts/test installs it (Python 3.11 or later with venv, \
         then `pip install -r tests/python/requirements.txt` in tests/python/.venv)",
        mypy.display()
    );
    mypy
}

/// `mypy --strict` over `files` in `dir`, `schema/python`'s module found beside them: its
/// output when it fails.
fn python_check(dir: &Path, files: &[&str]) -> Result<(), String> {
    let module = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schema/python");
    let out = std::process::Command::new(mypy())
        .args(["--strict", "--no-incremental", "--python-version", "3.11"])
        .args(files)
        .env("MYPYPATH", module)
        .current_dir(dir)
        .output()
        .expect("run mypy");
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stdout).into_owned())
    }
}

/// A JSON value as a Python literal.
fn python_literal(value: &Value) -> String {
    match value {
        Value::Null => "None".to_owned(),
        Value::Bool(true) => "True".to_owned(),
        Value::Bool(false) => "False".to_owned(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => serde_json::to_string(s).unwrap(),
        Value::Array(items) => format!(
            "[{}]",
            items
                .iter()
                .map(python_literal)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Value::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!(
                    "{}: {}",
                    serde_json::to_string(k).unwrap(),
                    python_literal(v)
                ))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// `schema/python`: every drift-free body is a `Notification` to mypy (written out as typed
/// constants), the narrowing a receiver writes type-checks, and a misspelled key does not.
#[test]
fn the_python_typed_dicts_accept_every_drift_free_body_and_narrow() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    python_check(&root.join("tests/python"), &["narrowing.py"])
        .unwrap_or_else(|e| panic!("narrowing:\n{e}"));

    let dir = support::TempDir::new("python");
    let mut constants = String::from("from wa_webhook_types import Notification\n\n");
    let mut typed = 0;
    for (name, bytes) in bodies() {
        if !Notification::from_slice(&bytes).is_ok_and(|n| n.drift().is_empty()) {
            continue;
        }
        let json: Value = serde_json::from_slice(&bytes).unwrap();
        constants.push_str(&format!(
            "# {}\nbody{typed}: Notification = {}\n",
            name.replace('\n', " "),
            python_literal(&json)
        ));
        typed += 1;
    }
    std::fs::write(dir.path().join("bodies.py"), constants).unwrap();
    if let Err(errors) = python_check(dir.path(), &["bodies.py"]) {
        let first: Vec<&str> = errors.lines().take(20).collect();
        panic!(
            "{typed} drift-free bodies as Notification:\n{}",
            first.join("\n")
        );
    }
    eprintln!("mypy --strict: {typed} drift-free bodies typed as Notification");
    assert!(typed > 100, "only {typed} bodies typed");

    let misspelled = r#"from wa_webhook_types import Notification

body: Notification = {"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [
    {"field": "security", "value": {"display_phone_numbr": "15550783881", "event": "PIN_CHANGED"}}]}]}
"#;
    std::fs::write(dir.path().join("misspelled.py"), misspelled).unwrap();
    let errors =
        python_check(dir.path(), &["misspelled.py"]).expect_err("a misspelled key type-checked");
    // mypy names the change object that fits no member (it lists `SecurityChange` among them).
    assert!(
        errors.contains("misspelled.py:4: error") && errors.contains("SecurityChange"),
        "{errors}"
    );
}

/// The order a status's values follow reaches TypeScript as a tuple type the app's constant is
/// held to: `tests/typescript/order.ts` compiles with `tsc --strict` and, run with node, shows
/// `read` after `delivered` moving a message forward and `sent` after `read` not.
#[test]
fn typescript_gets_the_order_of_a_status_and_a_receiver_uses_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out_dir = support::TempDir::new("typescript-order");
    let compiled = std::process::Command::new(tsc())
        .args(["--strict", "--outDir"])
        .arg(out_dir.path())
        .arg("tests/typescript/order.ts")
        .current_dir(&root)
        .output()
        .expect("run tsc");
    assert!(
        compiled.status.success(),
        "order.ts:\n{}",
        String::from_utf8_lossy(&compiled.stdout)
    );
    let script = std::fs::read_dir(out_dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "js"))
        .or_else(|| {
            let nested = out_dir.path().join("tests/typescript/order.js");
            nested.exists().then_some(nested)
        })
        .expect("tsc wrote order.js");
    let ran = std::process::Command::new("node")
        .arg(&script)
        .output()
        .expect("run node (scripts/test installs Node.js)");
    assert!(
        ran.status.success(),
        "{}",
        String::from_utf8_lossy(&ran.stderr)
    );
    assert!(String::from_utf8_lossy(&ran.stdout).contains("read after delivered moves forward"));
}

/// The same in Python: `DELIVERYSTATUS_ORDER` and `DELIVERYSTATUS_FINAL` type-check under
/// `mypy --strict` in `tests/python/order.py`, which then runs its assertions.
#[test]
fn python_gets_the_order_of_a_status_and_a_receiver_uses_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    python_check(&root.join("tests/python"), &["order.py"])
        .unwrap_or_else(|e| panic!("order.py:\n{e}"));
    let python = root.join("tests/python/.venv/bin/python");
    let ran = std::process::Command::new(python)
        .arg("order.py")
        .env("PYTHONPATH", root.join("schema/python"))
        .current_dir(root.join("tests/python"))
        .output()
        .expect("run the venv's python");
    assert!(
        ran.status.success(),
        "{}",
        String::from_utf8_lossy(&ran.stderr)
    );
    assert!(String::from_utf8_lossy(&ran.stdout).contains("read after delivered moves forward"));
}
