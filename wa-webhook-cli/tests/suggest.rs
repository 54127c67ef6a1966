//! `wa-webhook spec suggest` on a copy of the spec folder: the unknown value, key, message type
//! and field of the test suite's samples each become the edit that describes them, `--write`
//! applies them, and the edited folder then describes the payloads and builds.

mod support;

use std::path::{Path, PathBuf};
use support::{spec_copy, wa_webhook, TempDir};

const UNKNOWN_VALUE_AND_KEY: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"1","time":1739321024,"changes":[{"field":"security","value":{"display_phone_number":"15550783881","event":"PIN_EXAMPLE_UNKNOWN","x_unknown_key":{"x_inner_count":3,"x_inner_name":"a"}}}]}]}"#;
const UNKNOWN_TYPE: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"messages":[{"from":"16505551234","id":"wamid.X","timestamp":"1749416383","type":"x_example_type","x_example_type":{"x_text":"hi"}}]}}]}]}"#;
const UNKNOWN_FIELD: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"x_example_field","value":{"x_thing_id":"123","x_list":[{"a":1},{"a":2,"b":true}]}}]}]}"#;

/// A copy of the spec folder and the three payloads, in a temporary folder.
fn setup(dir: &TempDir) -> (PathBuf, Vec<String>) {
    let spec = spec_copy(dir);
    let mut payloads = Vec::new();
    for (name, body) in [
        ("value.json", UNKNOWN_VALUE_AND_KEY),
        ("type.json", UNKNOWN_TYPE),
        ("field.json", UNKNOWN_FIELD),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, body).unwrap();
        payloads.push(path.display().to_string());
    }
    (spec, payloads)
}

fn suggest(spec: &Path, write: bool, payloads: &[String]) -> std::process::Output {
    let spec = spec.display().to_string();
    let mut args = vec!["spec", "suggest", "--spec", &spec];
    if write {
        args.push("--write");
    }
    args.extend(payloads.iter().map(String::as_str));
    wa_webhook(&args)
}

/// `body` written as `name` in `dir`, as `suggest` takes it.
fn payload(dir: &TempDir, name: &str, body: &str) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, body).unwrap();
    path.display().to_string()
}

/// The Rust `spec expand` prints for the folder, which must build.
fn expanded(spec: &Path) -> String {
    let expand = wa_webhook(&["spec", "expand", &spec.display().to_string()]);
    assert_eq!(
        expand.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&expand.stderr)
    );
    String::from_utf8_lossy(&expand.stdout).into_owned()
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn each_unknown_becomes_the_edit_that_describes_it() {
    let dir = TempDir::new("suggest");
    let (spec, payloads) = setup(&dir);
    let before = std::fs::read(spec.join("security.json")).unwrap();

    let dry = suggest(&spec, false, &payloads);
    assert_eq!(dry.status.code(), Some(1), "{dry:?}");
    let out = String::from_utf8_lossy(&dry.stdout);
    let adds: Vec<&str> = out.lines().filter(|l| l.contains(": add ")).collect();
    assert_eq!(adds.len(), 4, "{out}");
    assert!(
        adds[0].contains(
            "security.json: add value \"PIN_EXAMPLE_UNKNOWN\" in the `values` of row EVENT"
        ),
        "{out}"
    );
    assert!(
        adds[1].contains("security.json: add optional key `x_unknown_key`"),
        "{out}"
    );
    assert!(
        adds[2].contains("messages/x_example_type.json: add new variant `type: x_example_type`"),
        "{out}"
    );
    assert!(
        adds[3].contains("x_example_field.json: add new webhook field `x_example_field`"),
        "{out}"
    );
    assert!(out.contains("+++ "), "a diff per file: {out}");
    assert_eq!(
        std::fs::read(spec.join("security.json")).unwrap(),
        before,
        "nothing written without --write"
    );
    assert!(!spec.join("x_example_field.json").exists());

    let wrote = suggest(&spec, true, &payloads);
    assert_eq!(wrote.status.code(), Some(1), "{wrote:?}");
    let security = json(&spec.join("security.json"));
    assert!(
        security["parameters"]["EVENT"]["values"]["PIN_EXAMPLE_UNKNOWN"]
            .as_str()
            .unwrap()
            .starts_with("TODO(spec suggest)")
    );
    assert_eq!(
        security["syntax"]["x_unknown_key?"]["x_inner_count"],
        "<X_INNER_COUNT>"
    );
    assert_eq!(security["parameters"]["X_INNER_COUNT"]["type"], "Integer");
    assert_eq!(security["parameters"]["X_INNER_NAME"]["type"], "String");
    let examples = security["examples"].as_array().unwrap();
    assert_eq!(
        examples.last().unwrap()["payload"],
        serde_json::from_str::<serde_json::Value>(UNKNOWN_VALUE_AND_KEY).unwrap(),
        "the payload is an example"
    );
    let variant = json(&spec.join("messages/x_example_type.json"));
    assert_eq!(variant["variant"], "x_example_type");
    assert_eq!(variant["syntax"]["type"], "x_example_type");
    assert_eq!(variant["syntax"]["x_example_type"]["x_text"], "<X_TEXT>");
    let field = json(&spec.join("x_example_field.json"));
    assert_eq!(field["field"], "x_example_field");
    assert_eq!(field["syntax"]["x_list"][0]["b?"], "<B>");
    assert_eq!(field["parameters"]["B"]["type"], "Boolean");
    assert_eq!(field["parameters"]["X_THING_ID"]["type"], "String");

    // `spec list` counts what is left to write.
    let list = wa_webhook(&["spec", "list", &spec.display().to_string()]);
    assert_eq!(list.status.code(), Some(0), "{list:?}");
    assert!(
        String::from_utf8_lossy(&list.stderr)
            .contains("security.json: 5 description(s) still to write"),
        "{list:?}"
    );
    // The edited folder describes the payloads and builds.
    let again = suggest(&spec, false, &payloads);
    assert_eq!(again.status.code(), Some(0), "{again:?}");
    let expanded = expanded(&spec);
    assert!(
        expanded.contains("PinExampleUnknown") && expanded.contains("XExampleType"),
        "the new variants are generated"
    );
}

#[test]
fn a_covered_payload_suggests_nothing_and_an_unreadable_one_is_an_error() {
    let dir = TempDir::new("suggest-none");
    let (spec, _) = setup(&dir);
    let covered = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/security_pin_reset.json");
    let out = suggest(&spec, false, &[covered.display().to_string()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "the spec describes everything in these payloads\n"
    );
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\"object\": ").unwrap();
    let out = suggest(&spec, false, &[broken.display().to_string()]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("broken.json: not JSON"),
        "{out:?}"
    );
}

/// A new field whose object's plain name is taken (`errors` -> `Error`, the runtime's) is drafted
/// with the file's name before its objects' names, and the folder builds.
#[test]
fn a_new_object_whose_plain_name_is_taken_gets_the_files_name_before_it() {
    const TAKEN_NAME: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"x_example_alerts","value":{"x_alert":"on","errors":[{"x_code":"A","x_count":2}]}}]}]}"#;
    let dir = TempDir::new("suggest-taken-name");
    let spec = spec_copy(&dir);
    let payload = payload(&dir, "taken.json", TAKEN_NAME);

    let wrote = suggest(&spec, true, &[payload]);
    assert_eq!(wrote.status.code(), Some(1), "{wrote:?}");
    let field = json(&spec.join("x_example_alerts.json"));
    assert_eq!(field["syntax"]["errors"][0]["$name"], "XExampleAlertsError");
    assert_eq!(field["examples"][0]["payload"]["entry"][0]["id"], "1");
    assert!(expanded(&spec).contains("pub struct XExampleAlertsError"));
}

/// An edit that would make the folder invalid is never offered: two new keys that become the
/// same Rust field (`x_example_key`, `x-example-key`) give one edit, and say that the other
/// cannot be suggested, and why; the written folder builds.
#[test]
fn an_edit_that_would_break_the_folder_is_reported_not_offered() {
    const TWO_SPELLINGS: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"security","value":{"display_phone_number":"15550783881","event":"PIN_CHANGED","x_example_key":"a","x-example-key":"b"}}]}]}"#;
    let dir = TempDir::new("suggest-breaking");
    let spec = spec_copy(&dir);
    let payload = payload(&dir, "two.json", TWO_SPELLINGS);

    let out = suggest(&spec, true, &[payload]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines = |what: &str| stdout.lines().filter(|l| l.contains(what)).count();
    assert_eq!(lines("security.json: add optional key `x"), 1, "{stdout}");
    assert_eq!(
        lines("security.json: cannot suggest optional key `x"),
        1,
        "{stdout}"
    );
    assert!(
        stdout.contains("both become the Rust field `x_example_key`"),
        "{stdout}"
    );
    let security = json(&spec.join("security.json"));
    let added = ["x_example_key?", "x-example-key?"]
        .iter()
        .filter(|k| security["syntax"].get(**k).is_some())
        .count();
    assert_eq!(added, 1, "{security}");
    expanded(&spec);
}

/// A message with a payload and no `type` (the type taken from the payload's key, as the types
/// read it) is described: nothing to suggest (piusalfred/whatsapp's multiple_change_values1).
#[test]
fn a_message_without_its_type_is_read_as_the_types_read_it() {
    const NO_TYPE: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"1"},"messages":[{"from":"16505551234","id":"wamid.X","timestamp":"1680123458","text":{"body":"no type key"}}]}}]}]}"#;
    let dir = TempDir::new("suggest-no-type");
    let spec = spec_copy(&dir);
    let payload = payload(&dir, "no_type.json", NO_TYPE);
    let out = suggest(&spec, false, &[payload]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
}

/// A value in another case than a listed one (`Pin_Changed` beside `PIN_CHANGED`) is one value:
/// the edit adds its spelling to the listed value, and the folder then reads it.
#[test]
fn a_value_in_another_case_becomes_a_spelling_of_the_listed_one() {
    const OTHER_CASE: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"security","value":{"display_phone_number":"15550783881","event":"Pin_Changed"}}]}]}"#;
    let dir = TempDir::new("suggest-spelling");
    let spec = spec_copy(&dir);
    let payload = payload(&dir, "case.json", OTHER_CASE);
    let paths = [payload];

    let out = suggest(&spec, true, &paths);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(
            "security.json: add spelling \"Pin_Changed\" of the value \"PIN_CHANGED\" of row EVENT"
        ),
        "{stdout}"
    );
    let security = json(&spec.join("security.json"));
    let values = security["parameters"]["EVENT"]["values"]
        .as_object()
        .unwrap();
    assert!(values.contains_key("PIN_CHANGED|Pin_Changed"), "{values:?}");
    assert!(!values.contains_key("PIN_CHANGED"));
    let again = suggest(&spec, false, &paths);
    assert_eq!(again.status.code(), Some(0), "{again:?}");
}

#[test]
fn a_new_value_of_a_row_sharing_values_goes_to_the_row_that_lists_them() {
    const SHARED: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"security","value":{"display_phone_number":"15550783881","event":"PIN_CHANGED","x_previous_event":"PIN_EXAMPLE_UNKNOWN"}}]}]}"#;
    let dir = TempDir::new("suggest-shared-values");
    let spec = spec_copy(&dir);
    // A key whose row shares EVENT's values, as `values_of` writes it.
    let file = spec.join("security.json");
    let mut security = json(&file);
    security["syntax"]["x_previous_event?"] = "<X_PREVIOUS_EVENT>".into();
    security["parameters"]["X_PREVIOUS_EVENT"] = serde_json::json!({
        "type": "String",
        "description": "The event before, with the values of EVENT.",
        "values_of": "EVENT"
    });
    std::fs::write(&file, serde_json::to_string_pretty(&security).unwrap()).unwrap();
    let paths = [payload(&dir, "shared.json", SHARED)];

    let out = suggest(&spec, true, &paths);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains(
            "security.json: add value \"PIN_EXAMPLE_UNKNOWN\" in the `values` of row EVENT"
        ),
        "{stdout}"
    );
    let security = json(&file);
    assert!(security["parameters"]["X_PREVIOUS_EVENT"]
        .get("values")
        .is_none());
    assert!(security["parameters"]["EVENT"]["values"]
        .get("PIN_EXAMPLE_UNKNOWN")
        .is_some());
    expanded(&spec);
    let again = suggest(&spec, false, &paths);
    assert_eq!(again.status.code(), Some(0), "{again:?}");
}

/// Bodies that `check` reports drift `invalid` on, one class each: a required key left out, a
/// number where the row takes a string, `null` where the row takes none. `spec suggest` drafts
/// the edit for each (with how often the key was left out), `--write` applies them, and then the
/// same bodies need nothing more and the folder builds. What no edit fits is said, with the
/// path and why, and exits 1.
#[test]
fn what_check_reports_invalid_becomes_the_edit_that_takes_it() {
    let dir = TempDir::new("suggest-invalid");
    let spec = spec_copy(&dir);
    let security = |value: &str| {
        format!(
            r#"{{"object":"whatsapp_business_account","entry":[{{"id":"1","changes":[{{"field":"security","value":{value}}}]}}]}}"#
        )
    };
    let payloads = [
        payload(
            &dir,
            "whole.json",
            &security(r#"{"display_phone_number":"15550783881","event":"PIN_CHANGED"}"#),
        ),
        payload(
            &dir,
            "no_number.json",
            &security(r#"{"event":"PIN_CHANGED"}"#),
        ),
        payload(
            &dir,
            "number.json",
            &security(
                r#"{"display_phone_number":"1","event":"PIN_CHANGED","requester":61555822107539}"#,
            ),
        ),
        payload(
            &dir,
            "null.json",
            &security(r#"{"display_phone_number":"1","event":"PIN_CHANGED","requester":null}"#),
        ),
    ];
    let out = suggest(&spec, false, &payloads);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    for expected in [
        "add `?` to the key `display_phone_number` of syntax: optional (left out by 1, there in 3 of the objects seen)",
        "add `\"type\": \"Text\"` to row META_BUSINESS_SUITE_USER_ID (a string or a number, as received)",
        "add `\"nullable\": true` to row META_BUSINESS_SUITE_USER_ID",
    ] {
        assert!(stdout.contains(expected), "{expected}\nnot in\n{stdout}");
    }
    assert_eq!(suggest(&spec, true, &payloads).status.code(), Some(1));
    let written = json(&spec.join("security.json"));
    assert_eq!(
        written["syntax"]["display_phone_number?"],
        "<BUSINESS_DISPLAY_PHONE_NUMBER>"
    );
    let row = &written["parameters"]["META_BUSINESS_SUITE_USER_ID"];
    assert_eq!(
        (&row["type"], &row["nullable"]),
        (&"Text".into(), &true.into())
    );
    let again = suggest(&spec, false, &payloads);
    assert_eq!(
        again.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
    assert!(String::from_utf8_lossy(&again.stdout).contains("describes everything"));
    expanded(&spec);

    // No edit fits: a number where the row lists values, an object where a value goes.
    let odd = [
        payload(
            &dir,
            "enum.json",
            &security(r#"{"display_phone_number":"1","event":7}"#),
        ),
        payload(
            &dir,
            "object.json",
            &security(r#"{"display_phone_number":{"x":1},"event":"PIN_CHANGED"}"#),
        ),
    ];
    let out = suggest(&spec, false, &odd);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "never 'describes everything': {stdout}"
    );
    assert!(
        stdout.contains("cannot draft an edit (seen in "),
        "{stdout}"
    );
    assert!(stdout.contains("enum.json: entry[0].changes[0].value.event): row EVENT is String and the payload has a number"), "{stdout}");
    assert!(stdout.contains("object.json: entry[0].changes[0].value.display_phone_number): row BUSINESS_DISPLAY_PHONE_NUMBER is String and the payload has an object"), "{stdout}");
}

/// A sink's worth of bodies: identical drift is one edit, listed by how many payloads showed
/// it (most first), with the first and the last.
#[test]
fn identical_drift_is_one_edit_listed_most_frequent_first() {
    let dir = TempDir::new("suggest-counts");
    let spec = spec_copy(&dir);
    let security = |event: &str| {
        format!(
            r#"{{"object":"whatsapp_business_account","entry":[{{"id":"1","changes":[{{"field":"security","value":{{"display_phone_number":"1","event":"{event}"}}}}]}}]}}"#
        )
    };
    let payloads = [
        payload(&dir, "a.json", &security("PIN_EXAMPLE_RARE")),
        payload(&dir, "b.json", &security("PIN_EXAMPLE_OFTEN")),
        payload(&dir, "c.json", &security("PIN_EXAMPLE_OFTEN")),
        payload(&dir, "d.json", &security("PIN_EXAMPLE_OFTEN")),
    ];
    let out = suggest(&spec, false, &payloads);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let adds: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains(": add value"))
        .collect();
    assert_eq!(adds.len(), 2, "{stdout}");
    assert!(
        adds[0].contains("\"PIN_EXAMPLE_OFTEN\""),
        "most frequent first: {stdout}"
    );
    assert!(
        adds[0].contains("(seen in 3 payloads: first ")
            && adds[0].contains("b.json: entry[0].changes[0].value.event, last ")
            && adds[0].ends_with("d.json)"),
        "{stdout}"
    );
    assert!(
        adds[1].contains("\"PIN_EXAMPLE_RARE\"") && adds[1].contains("(seen in "),
        "{stdout}"
    );
}

/// An object whose keys and values are a shared piece's is drafted as its `$ref` (a new key's
/// object, and the items of a new field's list); one with a key the piece lacks gets an object
/// of its own. Written, the same bodies need nothing more and the folder builds.
#[test]
fn an_object_a_shared_piece_fits_is_drafted_as_its_ref() {
    let dir = TempDir::new("suggest-ref");
    let spec = spec_copy(&dir);
    let payloads = [
        payload(
            &dir,
            "key.json",
            r#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"security","value":{"display_phone_number":"15550783881","event":"PIN_CHANGED",
                "x_unknown_key":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},
                "x_unknown_other":{"display_phone_number":"15550783881","x_unknown_inner":"a"}}}]}]}"#,
        ),
        payload(
            &dir,
            "field.json",
            r#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"x_example_field","value":{"x_thing_id":"123",
                "x_errors":[{"code":131049,"title":"x_example_title"},{"code":131050,"title":"x_example_title","message":"x_example_message"}]}}]}]}"#,
        ),
    ];
    let out = suggest(&spec, true, &payloads);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let security = json(&spec.join("security.json"));
    assert_eq!(
        security["syntax"]["x_unknown_key?"],
        serde_json::json!({"$ref": "metadata"})
    );
    let other = &security["syntax"]["x_unknown_other?"];
    assert!(other.get("$ref").is_none(), "{other}");
    assert_eq!(other["x_unknown_inner"], "<X_UNKNOWN_INNER>");
    let field = json(&spec.join("x_example_field.json"));
    assert_eq!(
        field["syntax"]["x_errors"],
        serde_json::json!([{"$ref": "error"}])
    );
    assert!(
        field["parameters"].get("CODE").is_none(),
        "no fresh row for a piece's key: {field}"
    );

    let again = suggest(&spec, false, &payloads);
    assert_eq!(
        again.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&again.stdout)
    );
    expanded(&spec);
}

/// A file sink's records say when each body was received: the first and last payload of an
/// edit say it too.
#[test]
fn a_sink_folders_records_give_the_first_and_last_payload_their_time() {
    let dir = TempDir::new("suggest-sink");
    let spec = spec_copy(&dir);
    let body = r#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"security","value":{"display_phone_number":"1","event":"PIN_EXAMPLE_UNKNOWN"}}]}]}"#;
    // As `serve` writes them: `received_at_ms` first.
    let record = |ms: u64| {
        format!(
            r#"{{"received_at_ms":{ms},"signature":null,"body":{}}}"#,
            serde_json::to_string(body).unwrap()
        )
    };
    let sink = dir.path().join("webhooks");
    std::fs::create_dir(&sink).unwrap();
    std::fs::write(
        sink.join("webhooks-000001.jsonl"),
        format!("{}\n{}\n", record(1732258000123), record(1732258060000)),
    )
    .unwrap();
    let out = suggest(&spec, false, &[sink.display().to_string()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("webhooks-000001.jsonl:1 (received 2024-11-22T06:46:40.123Z): entry[0]")
            && stdout.contains("last ")
            && stdout.contains("webhooks-000001.jsonl:2 (received 2024-11-22T06:47:40Z))"),
        "{stdout}"
    );
}

/// A status `type` the spec does not list (statuses are told apart by `type`, an ordinary one
/// leaving it out, in a pinned folder of its own) is drafted as a new variant of the status
/// folder, with its payload; written, the folder describes the body and builds. A status
/// without `type` is the default variant and needs no edit (without the default, suggest says
/// it cannot draft one).
#[test]
fn a_new_status_type_becomes_a_variant_of_the_status_folder() {
    const NEW_TYPE: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","statuses":[{"id":"wamid.A","status":"sent","type":"x_example_status_type","x_example_status_type":{"x_amount":5}}]}}]}]}"#;
    const NO_TYPE: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","statuses":[{"id":"wamid.A","status":"read"}]}}]}]}"#;
    let dir = TempDir::new("suggest-status-type");
    let spec = dir.path().join("spec");
    support::copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/spec_status_types"),
        &spec,
    );
    let plain = payload(&dir, "no_type.json", NO_TYPE);
    let out = suggest(&spec, false, std::slice::from_ref(&plain));
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    // Without the default, the types refuse such a status, and suggest says so.
    let messages = spec.join("messages.json");
    let with_default = std::fs::read_to_string(&messages).unwrap();
    std::fs::write(
        &messages,
        with_default.replace("\"default\": \"message\",", ""),
    )
    .unwrap();
    let out = suggest(&spec, false, &[plain]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("its row names no `default` variant"),
        "{out:?}"
    );
    std::fs::write(&messages, with_default).unwrap();
    let new = payload(&dir, "new_type.json", NEW_TYPE);
    let out = suggest(&spec, true, std::slice::from_ref(&new));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("statuses/x_example_status_type.json: add new variant"),
        "{said}"
    );
    let drafted = json(&spec.join("statuses/x_example_status_type.json"));
    assert_eq!(drafted["syntax"]["type"], "x_example_status_type");
    assert!(drafted["syntax"]["x_example_status_type"].is_object());
    assert!(expanded(&spec).contains("XExampleStatusType"));
    assert_eq!(
        suggest(&spec, false, &[new]).status.code(),
        Some(0),
        "covered once written"
    );
}
