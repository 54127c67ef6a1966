//! `wa-webhook trigger`: a spec example posted to a receiver, signed as Meta signs, non-ASCII
//! escaped as Meta writes it; `serve` accepts and stores it, and its retry once.

mod support;

use support::{records, wa_webhook, Server, TempDir};
use wa_webhook_types::EXAMPLES;

#[test]
fn trigger_posts_a_signed_example_that_serve_accepts_and_a_retry_it_stores_once() {
    let dir = TempDir::new("trigger");
    let sink = format!("file:{}", dir.path().display());
    let server = Server::start(&["--sink", &sink]);
    let url = format!("http://{}/webhook", server.addr);

    let out = wa_webhook(&["trigger", "messages/reaction", "--url", &url, "--duplicate"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        stdout,
        "spec/messages/reaction.json: 200 stored\nspec/messages/reaction.json: 200 stored before\n"
    );
    drop(server);

    let stored = records(dir.path());
    assert_eq!(stored.len(), 1, "the retry is stored once");
    let (body, signature) = &stored[0];
    assert!(
        body.is_ascii(),
        "non-ASCII written as \\u escapes, as Meta writes it"
    );
    assert!(
        String::from_utf8_lossy(body).contains(r"\ud83d\udc4d"),
        "the 👍 as Meta escapes it"
    );
    let example = EXAMPLES
        .iter()
        .find(|e| e.spec == "spec/messages/reaction.json")
        .unwrap();
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
    let out = wa_webhook(&["trigger", "x_example_missing", "--url", &url]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("one of: account_alerts"));
    let out = wa_webhook(&["trigger", "security", "--example", "99", "--url", &url]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--example takes 1 to"));

    // Signed by an app the receiver does not know: 403, exit 1.
    let out = wa_webhook(&[
        "trigger",
        "security",
        "--app",
        "x-example-app",
        "--url",
        &url,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no app `x-example-app` in WA_APP_SECRET")
    );
    let mut other = std::process::Command::new(env!("CARGO_BIN_EXE_wa-webhook"));
    let out = other
        .args(["trigger", "security", "--url", &url])
        .env("WA_APP_SECRET", "x-example-other-secret")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("spec/security.json: 403"));
}
