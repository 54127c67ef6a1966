//! `wa-webhook spec diff`: the README's documented edits are minor, each breaking kind is
//! major, descriptions are a patch; revisions are read from git.

mod support;

use serde_json::{json, Value};
use std::path::PathBuf;
use std::process::{Command, Output};
use support::{spec_copy, TempDir};

/// The pinned spec folder the copies start from (`tests/spec`): a maintainer's edit of
/// `spec/` changes nothing here.
const SPEC: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/spec");

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wa-webhook"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run wa-webhook")
}

/// A copy of the pinned spec folder to edit, removed when dropped.
struct SpecCopy {
    _dir: TempDir,
    spec: PathBuf,
}

impl SpecCopy {
    fn new(name: &str) -> SpecCopy {
        let dir = TempDir::new(&format!("diff-{name}"));
        let spec = spec_copy(&dir);
        SpecCopy { _dir: dir, spec }
    }

    fn dir(&self) -> PathBuf {
        self.spec.clone()
    }

    /// Replaces `from` (which must be there once) with `to` in a spec file.
    fn edit(&self, file: &str, from: &str, to: &str) {
        let path = self.dir().join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.matches(from).count(), 1, "{from} in {file}");
        std::fs::write(&path, text.replace(from, to)).unwrap();
    }

    /// `spec diff` from the pinned folder to this copy: the lines and the exit status.
    fn diff(&self, format: &str) -> (String, Option<i32>) {
        let out = run(&[
            "spec",
            "diff",
            "--format",
            format,
            SPEC,
            self.dir().to_str().unwrap(),
        ]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.is_empty(), "{stderr}");
        (String::from_utf8(out.stdout).unwrap(), out.status.code())
    }
}

fn last_line(text: &str) -> &str {
    text.lines().last().unwrap_or_default()
}

/// The README's edits: a value, an optional key with its row, a new field's file, another
/// spelling of a key, another name of a field. Each is additive: minor.
#[test]
fn the_documented_edits_are_minor() {
    let spec = SpecCopy::new("minor");
    spec.edit(
        "security.json",
        r#""PIN_CHANGED": "#,
        r#""PIN_EXAMPLE_UNKNOWN": "A value for the test.", "PIN_CHANGED": "#,
    );
    spec.edit(
        "security.json",
        r#""requester?": "<META_BUSINESS_SUITE_USER_ID>""#,
        r#""requester?": "<META_BUSINESS_SUITE_USER_ID>", "x_unknown_key?": "<X_EXAMPLE_UNKNOWN_ID>""#,
    );
    spec.edit(
        "security.json",
        r#""parameters": {"#,
        r#""parameters": { "X_EXAMPLE_UNKNOWN_ID": {"type": "String", "description": "A key for the test."},"#,
    );
    // A new field: a neighbour's file under another field name, its examples moved along.
    let mut field: Value =
        serde_json::from_str(&std::fs::read_to_string(spec.dir().join("security.json")).unwrap())
            .unwrap();
    field["field"] = json!("x_example_unknown_field");
    // Its event a plain string: two rows with one value list are one enum (`values_of`).
    let event = field["parameters"]["EVENT"].as_object_mut().unwrap();
    event.remove("name");
    event.remove("values");
    for example in field["examples"].as_array_mut().unwrap() {
        example["payload"]["entry"][0]["changes"][0]["field"] = json!("x_example_unknown_field");
    }
    std::fs::write(
        spec.dir().join("x_example_unknown_field.json"),
        serde_json::to_string_pretty(&field).unwrap(),
    )
    .unwrap();

    let (text, status) = spec.diff("text");
    assert_eq!(status, Some(0), "{text}");
    assert!(last_line(&text).ends_with(": minor"), "{text}");
    for expected in [
        r#"minor: security::SecurityEvent::PinExampleUnknown: value "PIN_EXAMPLE_UNKNOWN" added"#,
        "minor: security::SecurityValue.x_unknown_key: optional key added (`Option<WaString>`)",
        "minor: Change::XExampleUnknownField: field `x_example_unknown_field` added",
    ] {
        assert!(
            text.lines().any(|l| l == expected),
            "{expected}\nnot in\n{text}"
        );
    }
    assert!(!text.contains("major"), "{text}");

    let (markdown, _) = spec.diff("markdown");
    assert!(markdown.starts_with("## Unreleased"), "{markdown}");
    assert!(markdown.contains("Semver: **minor**."), "{markdown}");
    assert!(
        markdown.contains(
            "### Added\n\n- `Change::XExampleUnknownField`: field `x_example_unknown_field` added"
        ),
        "{markdown}"
    );
    assert!(!markdown.contains("### Breaking"), "{markdown}");
}

#[test]
fn a_key_made_optional_is_major() {
    let spec = SpecCopy::new("optional");
    spec.edit(
        "security.json",
        r#""event": "<EVENT>""#,
        r#""event?": "<EVENT>""#,
    );
    let (text, _) = spec.diff("text");
    assert!(last_line(&text).ends_with(": major"), "{text}");
    assert!(text.lines().any(|l| l
        == "major: security::SecurityValue.event: required -> optional (`SecurityEvent` -> `Option<SecurityEvent>`)"),
        "{text}");
    let (markdown, _) = spec.diff("markdown");
    assert!(
        markdown.contains("Semver: **major**.\n\n### Breaking\n"),
        "{markdown}"
    );
}

#[test]
fn a_key_made_required_is_major() {
    let spec = SpecCopy::new("required");
    spec.edit(
        "security.json",
        r#""requester?": "<META_BUSINESS_SUITE_USER_ID>""#,
        r#""requester": "<META_BUSINESS_SUITE_USER_ID>""#,
    );
    // Every example must still validate: only the one with a requester stays.
    let path = spec.dir().join("security.json");
    let mut file: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    file["examples"]
        .as_array_mut()
        .unwrap()
        .retain(|e| e.to_string().contains("requester"));
    std::fs::write(&path, serde_json::to_string_pretty(&file).unwrap()).unwrap();
    let (text, _) = spec.diff("text");
    assert!(last_line(&text).ends_with(": major"), "{text}");
    assert!(
        text.contains("major: security::SecurityValue.requester: optional -> required"),
        "{text}"
    );
}

#[test]
fn a_type_widened_is_major() {
    let spec = SpecCopy::new("widened");
    spec.edit(
        "security.json",
        "\"type\": \"String\",\n      \"description\": \"The business phone number whose",
        "\"type\": \"Text\",\n      \"description\": \"The business phone number whose",
    );
    let (text, _) = spec.diff("text");
    assert!(text.lines().any(|l| l
        == "major: security::SecurityValue.display_phone_number: type changed (`WaString` -> `TextOrNumber`)"),
        "{text}");
    assert!(last_line(&text).ends_with(": major"), "{text}");
}

#[test]
fn a_value_removed_is_major_and_a_description_a_patch() {
    let spec = SpecCopy::new("removed");
    spec.edit(
        "security.json",
        "\"PIN_CHANGED\": \"The phone number's PIN was changed or enabled in WhatsApp Manager.\",\n",
        "",
    );
    let (text, _) = spec.diff("text");
    assert!(
        text.contains(r#"major: security::SecurityEvent::PinChanged: value "PIN_CHANGED" removed"#),
        "{text}"
    );

    let spec = SpecCopy::new("patch");
    spec.edit(
        "security.json",
        "Which security event happened.",
        "Which security event happened, in other words.",
    );
    let (text, _) = spec.diff("text");
    assert!(last_line(&text).ends_with(": patch"), "{text}");
    assert!(
        text.contains("patch: security::SecurityEvent: description changed"),
        "{text}"
    );
}

/// An order given to a row's values adds `ORDER`, `FINAL` and `is_after` (minor); changing it
/// changes what `is_after` answers (major).
#[test]
fn an_order_added_is_minor_and_changed_major() {
    let ordered = r#""example": "PIN_RESET_REQUEST",
      "order": ["PIN_RESET_REQUEST", "PIN_REQUEST_SUCCESS"],
      "final": ["PIN_CHANGED"]"#;
    let spec = SpecCopy::new("order-added");
    spec.edit(
        "security.json",
        r#""example": "PIN_RESET_REQUEST""#,
        ordered,
    );
    let (text, _) = spec.diff("text");
    assert!(
        text.contains(r#"minor: security::SecurityEvent: order added (["PIN_RESET_REQUEST", "PIN_REQUEST_SUCCESS"], final ["PIN_CHANGED"])"#),
        "{text}"
    );
    assert!(last_line(&text).ends_with(": minor"), "{text}");

    let spec = SpecCopy::new("order-changed");
    spec.edit(
        "security.json",
        r#""example": "PIN_RESET_REQUEST""#,
        ordered,
    );
    let base = SpecCopy::new("order-base");
    base.edit(
        "security.json",
        r#""example": "PIN_RESET_REQUEST""#,
        ordered,
    );
    spec.edit(
        "security.json",
        r#"["PIN_RESET_REQUEST", "PIN_REQUEST_SUCCESS"]"#,
        r#"["PIN_REQUEST_SUCCESS", "PIN_RESET_REQUEST"]"#,
    );
    let out = run(&[
        "spec",
        "diff",
        base.dir().to_str().unwrap(),
        spec.dir().to_str().unwrap(),
    ]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("major: security::SecurityEvent: order changed"),
        "{text}"
    );
}

#[test]
fn the_same_spec_is_no_change() {
    let (text, status) = SpecCopy::new("same").diff("text");
    assert_eq!(status, Some(0));
    assert!(last_line(&text).ends_with(": none"), "{text}");
    assert_eq!(text.lines().count(), 1, "{text}");

    // Whatever the folders are called: no doc names the folder a spec was read from.
    let dir = TempDir::new("diff-renamed");
    let (old, new) = (
        dir.path().join("x-example-old"),
        dir.path().join("x_example_new"),
    );
    support::copy_dir(std::path::Path::new(SPEC), &old);
    support::copy_dir(std::path::Path::new(SPEC), &new);
    let out = run(&["spec", "diff", old.to_str().unwrap(), new.to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(last_line(&text).ends_with(": none"), "{text}");
    assert_eq!(text.lines().count(), 1, "{text}");
}

/// A side that is no folder is a git revision whose `spec` folder is read.
#[test]
fn revisions_are_read_from_git() {
    let inside_git = Command::new("git")
        .args(["rev-parse", "HEAD"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        inside_git,
        "this test needs the project's git checkout (and git)"
    );
    let out = run(&["spec", "diff", "--spec", "../spec", "HEAD", "HEAD"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(last_line(&text).ends_with(": none"), "{text}");

    let out = run(&["spec", "diff", "no-such-revision-x", "HEAD"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("no-such-revision-x: neither a spec folder nor a git revision"));
}
