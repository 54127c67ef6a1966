//! `wa-webhook trigger`: a spec example posted to a receiver, signed as Meta signs, non-ASCII
//! escaped as Meta writes it; `serve` accepts and stores it, and its retry once.

mod support;

use support::{records, wa_webhook, Server, TempDir};
use wa_webhook_types::{Example, EXAMPLES};

/// The first example of the first spec file whose first example holds a character outside
/// ASCII (an emoji, an accent), and that file as `spec list` names it: whatever a maintainer
/// edits in `spec/`, such an example is there.
fn non_ascii_example() -> (&'static str, &'static Example) {
    let example = EXAMPLES
        .iter()
        .filter(|e| EXAMPLES.iter().find(|f| f.spec == e.spec) == Some(*e))
        .find(|e| !e.json.is_ascii())
        .expect("a spec file whose first example holds non-ASCII text");
    let name = example.spec.strip_prefix("spec/").unwrap();
    (name.strip_suffix(".json").unwrap(), example)
}

#[test]
fn trigger_posts_a_signed_example_that_serve_accepts_and_a_retry_it_stores_once() {
    let dir = TempDir::new("trigger");
    let sink = format!("file:{}", dir.path().display());
    let server = Server::start(&["--sink", &sink]);
    let url = format!("http://{}/webhook", server.addr);

    let (name, example) = non_ascii_example();
    let out = wa_webhook(&["trigger", name, "--url", &url, "--duplicate"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        stdout,
        format!("{0}: 200 stored\n{0}: 200 stored before\n", example.spec)
    );
    drop(server);

    let stored = records(dir.path());
    assert_eq!(stored.len(), 1, "the retry is stored once");
    let (body, signature) = &stored[0];
    assert!(
        body.is_ascii(),
        "non-ASCII written as \\u escapes, as Meta writes it"
    );
    let first = example.json.chars().find(|c| !c.is_ascii()).unwrap();
    let escaped: String = first
        .encode_utf16(&mut [0; 2])
        .iter()
        .map(|unit| format!("\\u{unit:04x}"))
        .collect();
    assert!(
        String::from_utf8_lossy(body).contains(&escaped),
        "{first:?} as Meta escapes it: {escaped}"
    );
    let sent: serde_json::Value = serde_json::from_slice(body).unwrap();
    let meant: serde_json::Value = serde_json::from_str(example.json).unwrap();
    assert_eq!(sent, meant, "the first example, as the spec holds it");
    assert_eq!(
        signature.as_deref(),
        Some(support::sign(support::SECRET, body).as_str()),
        "signed over the bytes sent"
    );
}

#[test]
fn trigger_says_which_names_and_examples_there_are_and_a_refusal_is_exit_1() {
    let dir = TempDir::new("trigger-refused");
    let server = Server::start(&["--sink", &format!("file:{}", dir.path().display())]);
    let url = format!("http://{}/webhook", server.addr);
    let (name, example) = non_ascii_example();
    let out = wa_webhook(&["trigger", "x_example_missing", "--url", &url]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("one of: ") && stderr.contains(name),
        "{stderr}"
    );
    let out = wa_webhook(&["trigger", name, "--example", "9999", "--url", &url]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--example takes 1 to"));

    let out = wa_webhook(&["trigger", name, "--app", "x-example-app", "--url", &url]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no app `x-example-app` in WA_APP_SECRET")
    );

    // Signed by an app the receiver does not know: 403, exit 1.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_wa-webhook"))
        .args(["trigger", name, "--url", &url])
        .env("WA_APP_SECRET", "x-example-other-secret")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with(&format!("{}: 403", example.spec)),
        "{stdout}"
    );
}
