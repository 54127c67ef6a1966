//! The commands as a user runs them: output format, exit status, inputs.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn run(args: &[&str], stdin: &[u8]) -> Output {
    run_with(args, stdin, &[])
}

fn run_with(args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_wa-webhook"))
        .args(args)
        .env_remove("WA_APP_SECRET")
        .envs(env.iter().copied())
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run wa-webhook");
    // A command that exits before reading its input (a usage error) closes the pipe early.
    match child.stdin.take().unwrap().write_all(stdin) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => panic!("stdin: {e}"),
        _ => {}
    }
    child.wait_with_output().unwrap()
}

fn lines(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect(l))
        .collect()
}

#[test]
fn json_report_has_exactly_the_documented_shape() {
    let out = run(&["check", "--json", "samples/batch_with_drift.json"], b"");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(
        text.starts_with(
            r#"{"path":"samples/batch_with_drift.json","status":"partial","ok":true,"error":null,"fields":["#
        ),
        "{text}"
    );
    let report = &lines(&out)[0];
    let keys: Vec<&str> = report
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "changes",
            "drift",
            "error",
            "fields",
            "ok",
            "path",
            "roundtrip",
            "status"
        ]
    );
    // In this order on the line: `changes` follows `fields`, the rest as before.
    let at = |key: &str| text.find(&format!(",\"{key}\":")).unwrap();
    assert!(
        at("fields") < at("changes")
            && at("changes") < at("drift")
            && at("drift") < at("roundtrip")
    );
    assert_eq!(
        report["fields"],
        serde_json::json!([
            "messages",
            "security",
            "partner_solutions",
            "x_unknown_field"
        ])
    );
    assert_eq!(
        report["changes"],
        serde_json::json!([
            {"path": "entry[0].changes[0]", "field": "messages", "typed": true},
            {"path": "entry[0].changes[1]", "field": "security", "typed": true},
            {"path": "entry[0].changes[2]", "field": "partner_solutions", "typed": true},
            {"path": "entry[0].changes[3]", "field": "x_unknown_field", "typed": false},
            {"path": "entry[0].changes[4]", "field": null, "typed": false}
        ])
    );
    assert_eq!(
        report["drift"],
        serde_json::json!([
            {"path": "entry[0].changes[0].value.messages[1].type", "kind": "unknown_type", "found": "x_unknown_type"},
            {"path": "entry[0].changes[0].value.messages[2]", "kind": "invalid", "found": "timestamp: invalid type: map, expected a Unix timestamp (a number or a string of digits)"},
            {"path": "entry[0].changes[1].value.event", "kind": "unknown_value", "found": "PIN_EXAMPLE_UNKNOWN"},
            {"path": "entry[0].changes[2].value.x_unknown_key", "kind": "unknown_key", "found": "x_unknown_key"},
            {"path": "entry[0].changes[3].field", "kind": "unknown_field", "found": "x_unknown_field"},
            {"path": "entry[0].changes[4]", "kind": "invalid", "found": "missing field `field`"}
        ])
    );
    assert_eq!(report["roundtrip"], true);
}

#[test]
fn a_folder_is_every_json_below_it_in_order() {
    let out = run(&["check", "--json", "samples"], b"");
    assert_eq!(out.status.code(), Some(0));
    let paths: Vec<String> = lines(&out)
        .iter()
        .map(|r| r["path"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        paths,
        [
            "samples/batch_with_drift.json",
            "samples/security_pin_reset.json"
        ]
    );
}

#[test]
fn a_body_that_is_not_a_webhook_fails_with_its_path_and_exit_1() {
    let out = run(
        &["check", "--json", "-", "samples/security_pin_reset.json"],
        br#"{"object": "x", "entry": {}}"#,
    );
    assert_eq!(out.status.code(), Some(1));
    let reports = lines(&out);
    assert_eq!(reports[0]["path"], "-");
    assert_eq!(reports[0]["ok"], false);
    assert_eq!(reports[0]["roundtrip"], false);
    let error = reports[0]["error"].as_str().unwrap();
    assert!(
        error.starts_with("JSON, but not a webhook notification")
            && error.contains(": entry: invalid type: map"),
        "{error}"
    );
    assert_eq!(
        reports[1]["ok"], true,
        "the other payloads are still checked"
    );
}

#[test]
fn text_output_is_a_line_per_payload_and_one_per_drift() {
    let out = run(&["check", "samples/batch_with_drift.json"], b"");
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 7, "{text}");
    assert_eq!(
        lines[0],
        "partial samples/batch_with_drift.json: 5 change(s) \
         [messages,security,partner_solutions,x_unknown_field], 2 not typed, \
         2 array item(s) kept raw, 6 drift, round trip equal",
    );
    assert!(
        lines[3].contains("entry[0].changes[1].value.event: unknown_value \"PIN_EXAMPLE_UNKNOWN\""),
        "{text}"
    );
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(run(&["check"], b"").status.code(), Some(2));
    assert_eq!(
        run(&["check", "no/such/file.json"], b"").status.code(),
        Some(2)
    );
    assert_eq!(run(&["frobnicate"], b"").status.code(), Some(2));
}

/// `--json` says what the text line opens with: `ok`, `drift`, `partial` or `fail`.
#[test]
fn the_json_status_is_the_word_of_the_text_line() {
    let drift = br#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"security","value":{"display_phone_number":"1","event":"PIN_EXAMPLE_UNKNOWN"}}]}]}"#;
    let raw = br#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"x_unknown_field","value":{}}]}]}"#;
    for (body, word) in [
        (
            &b"{\"object\":\"whatsapp_business_account\",\"entry\":[]}"[..],
            "ok",
        ),
        (&drift[..], "drift"),
        (&raw[..], "partial"),
        (&b"[1]"[..], "fail"),
    ] {
        let json = run(&["check", "--json", "-"], body);
        let text = run(&["check", "-"], body);
        assert_eq!(lines(&json)[0]["status"], word, "{json:?}");
        let opens = String::from_utf8_lossy(&text.stdout)
            .split_whitespace()
            .next()
            .unwrap()
            .to_lowercase();
        assert_eq!(opens, word, "{text:?}");
    }
}

/// What is not JSON says so; JSON that is not a webhook says that, in words.
#[test]
fn not_json_and_not_a_webhook_are_said_in_words() {
    let garbage = run(&["check", "-"], b"not json\n");
    assert_eq!(garbage.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&garbage.stdout),
        "FAIL    -: (body): not JSON: expected ident (line 1, column 2)\n"
    );
    let other = run(&["check", "-"], br#"{"x_unknown_key": 1}"#);
    let text = String::from_utf8_lossy(&other.stdout);
    assert!(
        text.starts_with("FAIL    -: JSON, but not a webhook notification (an object with `object` and `entry`): (body): missing field `object`"),
        "{text}"
    );
}

#[test]
fn garbage_on_stdin_is_a_failed_payload_not_a_panic() {
    let out = run(&["check", "--json", "-"], &[0xff, 0xfe, b'{', b'[']);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).is_empty());
    assert_eq!(lines(&out)[0]["ok"], false);
}

#[test]
fn verify_checks_the_raw_body_with_the_secret_from_the_environment() {
    let body = br#"{"object":"whatsapp_business_account","entry":[]}"#;
    let header = wa_webhook_types::receive::signature::sign("secret", body);
    let ok = run_with(
        &["verify", "--signature", &header],
        body,
        &[("WA_APP_SECRET", "secret")],
    );
    assert_eq!(ok.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&ok.stdout),
        "ok: the signature matches the body\n"
    );

    let wrong = run_with(
        &["verify", "--signature", &header],
        body,
        &[("WA_APP_SECRET", "other")],
    );
    assert_eq!(wrong.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&wrong.stdout)
        .starts_with("rejected: X-Hub-Signature-256 does not match"));

    let malformed = run_with(
        &["verify", "--signature", "sha1=abc"],
        body,
        &[("WA_APP_SECRET", "secret")],
    );
    assert_eq!(
        malformed.status.code(),
        Some(2),
        "a usage error: it can never match"
    );
    assert!(String::from_utf8_lossy(&malformed.stderr).contains(
        "--signature is not a signature header: X-Hub-Signature-256 does not start with `sha256=`"
    ));
    let short = run_with(
        &["verify", "--signature", "sha256=abc"],
        body,
        &[("WA_APP_SECRET", "secret")],
    );
    assert_eq!(short.status.code(), Some(2));

    let no_secret = run(&["verify", "--signature", &header], body);
    assert_eq!(no_secret.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&no_secret.stderr).contains("WA_APP_SECRET"));
}

#[test]
fn spec_list_names_every_file_and_spec_expand_prints_rust() {
    let list = run(&["spec", "list", "../spec"], b"");
    assert_eq!(
        list.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&list.stderr)
    );
    let text = String::from_utf8(list.stdout).unwrap();
    assert!(
        text.lines()
            .any(|l| l.starts_with("field    security ") && l.contains("spec/security.json")),
        "{text}"
    );
    assert!(
        text.lines().any(|l| l.starts_with("variant  reaction ")),
        "{text}"
    );
    assert!(
        text.lines().any(|l| l.starts_with("envelope envelope ")),
        "{text}"
    );

    let expand = run(&["spec", "expand", "../spec"], b"");
    assert_eq!(expand.status.code(), Some(0));
    let code = String::from_utf8(expand.stdout).unwrap();
    assert!(code.contains("pub mod security {") && code.contains("PinResetRequest,"));

    let missing = run(&["spec", "expand", "no_such_folder"], b"");
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr)
        .contains("error: no_such_folder: spec folder does not exist"));
}

#[test]
fn strict_fails_on_drift_and_the_text_says_what_is_not_typed() {
    let lenient = run(&["check", "samples/batch_with_drift.json"], b"");
    assert_eq!(
        lenient.status.code(),
        Some(0),
        "parsed: exit 0 without --strict"
    );
    for flag in ["--strict", "--deny-drift"] {
        let strict = run(&["check", flag, "samples/batch_with_drift.json"], b"");
        assert_eq!(strict.status.code(), Some(1), "{flag}");
    }
    let clean = run(
        &["check", "--strict", "samples/security_pin_reset.json"],
        b"",
    );
    assert_eq!(clean.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&clean.stdout)
        .starts_with("ok      samples/security_pin_reset.json:"));

    let security = std::fs::read_to_string("samples/security_pin_reset.json").unwrap();
    let drift_only = security.replace("PIN_RESET_REQUEST", "PIN_EXAMPLE_UNKNOWN");
    let out = run(&["check", "--strict", "-"], drift_only.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("drift   -: "));
}

#[test]
fn a_jsonl_file_is_checked_line_by_line() {
    let dir = std::env::temp_dir().join(format!("wa-webhook-cli-jsonl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bodies.jsonl");
    let security: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("samples/security_pin_reset.json").unwrap())
            .unwrap();
    std::fs::write(
        &file,
        format!("{security}\n\n{{\"object\": \"x\", \"entry\": {{}}}}\n{security}\n"),
    )
    .unwrap();
    let out = run(&["check", "--json", file.to_str().unwrap()], b"");
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out.status.code(), Some(1), "line 3 is not a webhook");
    let reports = lines(&out);
    let paths: Vec<&str> = reports
        .iter()
        .map(|r| r["path"].as_str().unwrap())
        .collect();
    let name = file.display().to_string();
    assert_eq!(
        paths,
        [
            format!("{name}:1"),
            format!("{name}:3"),
            format!("{name}:4")
        ]
    );
    let oks: Vec<bool> = reports.iter().map(|r| r["ok"].as_bool().unwrap()).collect();
    assert_eq!(oks, [true, false, true]);
}

#[test]
fn an_empty_secret_is_a_usage_error() {
    let out = run_with(
        &["verify", "--signature", "sha256=00"],
        b"{}",
        &[("WA_APP_SECRET", "")],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("WA_APP_SECRET is empty"));
}

#[test]
fn spec_expand_of_one_file_prints_only_its_items() {
    let out = run(&["spec", "expand", "../spec/messages/reaction.json"], b"");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let code = String::from_utf8(out.stdout).unwrap();
    assert!(code.contains("pub struct Reaction {"), "{code}");
    assert!(
        !code.contains("pub mod ") && !code.contains("pub struct Notification"),
        "{code}"
    );

    let envelope = run(&["spec", "expand", "../spec/envelope.json"], b"");
    let code = String::from_utf8(envelope.stdout).unwrap();
    assert!(code.contains("pub struct Notification") && code.contains("pub enum Change"));
    assert!(!code.contains("pub mod "));

    let outside = run(&["spec", "expand", "Cargo.toml"], b"");
    assert_eq!(outside.status.code(), Some(2));
}

#[test]
fn a_long_jsonl_file_is_checked_in_parallel_and_reported_in_order() {
    let dir = std::env::temp_dir().join(format!("wa-webhook-cli-long-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("bodies.jsonl");
    let security: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string("samples/security_pin_reset.json").unwrap())
            .unwrap();
    // More lines than one chunk of work, with a broken body far into the second chunk.
    let count = 5000;
    let broken = 4500;
    let text: String = (1..=count)
        .map(|n| {
            if n == broken {
                "{\"object\": \"x\"\n".to_owned()
            } else {
                format!("{security}\n")
            }
        })
        .collect();
    std::fs::write(&file, text).unwrap();
    let out = run(&["check", "--json", file.to_str().unwrap()], b"");
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(out.status.code(), Some(1));
    let reports = lines(&out);
    assert_eq!(reports.len(), count);
    let name = file.display().to_string();
    for (i, report) in reports.iter().enumerate() {
        let n = i + 1;
        assert_eq!(report["path"], format!("{name}:{n}"));
        assert_eq!(report["ok"], n != broken, "line {n}");
    }
}

/// A corpus folder holds files that are no bodies (a `manifest.json`): `--exclude` leaves them
/// out by name or by path below the folder; a file named on the command line is always read.
#[test]
fn exclude_leaves_out_files_found_in_a_folder() {
    let dir = std::env::temp_dir().join(format!("wa-webhook-exclude-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("expected")).unwrap();
    let body = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/samples/security_pin_reset.json"
    ))
    .unwrap();
    std::fs::write(dir.join("body.json"), &body).unwrap();
    std::fs::write(dir.join("manifest.json"), br#"{"bodies": 1}"#).unwrap();
    std::fs::write(dir.join("expected/body.json"), br#"[1]"#).unwrap();
    let folder = dir.to_str().unwrap();
    let manifest = dir.join("manifest.json");

    let all = run(&["check", folder], b"");
    assert_eq!(
        all.status.code(),
        Some(1),
        "the manifest and [1] are no bodies"
    );
    let some = run(
        &[
            "check",
            "--exclude",
            "manifest.json",
            "--exclude",
            "expected/*",
            folder,
        ],
        b"",
    );
    let text = String::from_utf8_lossy(&some.stdout);
    assert_eq!(some.status.code(), Some(0), "{text}");
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(
        text.contains("body.json") && !text.contains("expected"),
        "{text}"
    );
    let named = run(
        &[
            "check",
            "--exclude",
            "manifest.json",
            manifest.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(named.status.code(), Some(1), "a named file is read");
    let everything = run(&["check", "--exclude", "*", folder], b"");
    assert_eq!(everything.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&everything.stderr).contains("that --exclude leaves in"));
    let bad = run(&["check", "--exclude", "a[", folder], b"");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--exclude \"a[\""));
    std::fs::remove_dir_all(&dir).unwrap();
}
