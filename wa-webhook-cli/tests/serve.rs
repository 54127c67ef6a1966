//! `wa-webhook serve` with the file sink, as a process on the loopback interface: what it
//! answers, what it stores, and that no acknowledged body is lost when the disk fails or the
//! process is killed. Every wait is bounded; every server is stopped with its test.

mod support;

use std::path::Path;
use std::time::Duration;
use support::{body_key, http, records, sign, Server, TempDir, SECRET};

/// A body with escapes and non-ASCII text: stored byte for byte, not re-encoded.
const BODY_A: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"security","value":{"display_phone_number":"15550783881","event":"PIN_CHANGED","x_unknown_key":"caf\u00e9 é \"q\""}}]}]}"#;
const BODY_B: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"2","changes":[{"field":"security","value":{"display_phone_number":"15550783881","event":"PIN_RESET_REQUEST"}}]}]}"#;

#[test]
fn a_body_is_stored_exactly_before_its_200_and_a_retry_only_once() {
    let dir = TempDir::new("stored");
    let sink = format!("file:{}", dir.path().display());
    let mut server = Server::start(&["--sink", &sink, "--body-limit", "1000"]);
    let addr = server.addr;

    let handshake = http(
        addr,
        "GET",
        "/webhook?hub.mode=subscribe&hub.verify_token=verify-token&hub.challenge=42",
        &[],
        b"",
    );
    assert_eq!(handshake, (200, "42".to_owned()));
    let wrong_token = http(
        addr,
        "GET",
        "/webhook?hub.mode=subscribe&hub.verify_token=x&hub.challenge=42",
        &[],
        b"",
    );
    assert_eq!(wrong_token.0, 403);
    assert_eq!(
        http(addr, "POST", "/webhook", &[], BODY_A.as_bytes()).0,
        401,
        "unsigned"
    );
    let forged = sign("another-secret", BODY_A.as_bytes());
    assert_eq!(
        http(
            addr,
            "POST",
            "/webhook",
            &[("X-Hub-Signature-256", &forged)],
            BODY_A.as_bytes()
        )
        .0,
        403
    );
    let large = vec![b' '; 2000];
    let signed_large = sign(SECRET, &large);
    assert_eq!(
        http(
            addr,
            "POST",
            "/webhook",
            &[("X-Hub-Signature-256", &signed_large)],
            &large
        )
        .0,
        413
    );
    assert_eq!(records(dir.path()).len(), 0, "nothing rejected is stored");

    let a = sign(SECRET, BODY_A.as_bytes());
    let b = sign(SECRET, BODY_B.as_bytes());
    for (body, header) in [(BODY_A, &a), (BODY_A, &a), (BODY_B, &b)] {
        let answer = http(
            addr,
            "POST",
            "/webhook",
            &[("X-Hub-Signature-256", header)],
            body.as_bytes(),
        );
        assert_eq!(answer.0, 200, "{answer:?}");
    }
    assert_eq!(http(addr, "GET", "/healthz", &[], b"").0, 200);

    // Acknowledged means on disk: read while the server still runs.
    let stored = records(dir.path());
    assert_eq!(stored.len(), 2, "the retry of A is stored once: {stored:?}");
    assert_eq!(stored[0].0, BODY_A.as_bytes(), "byte for byte");
    assert_eq!(
        stored[0].1.as_deref(),
        Some(a.as_str()),
        "with its signature"
    );
    assert_eq!(stored[1].0, BODY_B.as_bytes());

    assert_eq!(server.terminate(), Some(0), "SIGTERM: a clean exit");
    let log = server.log();
    assert!(
        !log.contains("15550783881"),
        "no phone number in the logs: {log}"
    );
    assert!(
        !log.contains("PIN_CHANGED") && !log.contains(SECRET),
        "{log}"
    );
}

#[test]
fn a_torn_last_line_is_cut_off_on_start_and_skipped_by_check() {
    let dir = TempDir::new("torn");
    let file = dir.path().join("webhooks-000001.jsonl");
    let record = format!(
        "{{\"received_at_ms\":1,\"signature\":null,\"body\":{}}}\n",
        serde_json::to_string(BODY_B).unwrap()
    );
    std::fs::write(&file, format!("{record}{{\"received_at_ms\":2,\"sig")).unwrap();

    let check = support::wa_webhook(&["check", &dir.path().display().to_string()]);
    assert_eq!(check.status.code(), Some(0), "{check:?}");
    assert!(
        String::from_utf8_lossy(&check.stderr).contains(":2: torn last line skipped"),
        "{check:?}"
    );
    assert!(
        String::from_utf8_lossy(&check.stdout).starts_with("ok "),
        "{check:?}"
    );

    let sink = format!("file:{}", dir.path().display());
    let mut server = Server::start(&["--sink", &sink]);
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(text, record, "the torn line is cut off, the whole one kept");
    let header = sign(SECRET, BODY_A.as_bytes());
    let answer = http(
        server.addr,
        "POST",
        "/webhook",
        &[("X-Hub-Signature-256", &header)],
        BODY_A.as_bytes(),
    );
    assert_eq!(answer.0, 200);
    let retry = sign(SECRET, BODY_B.as_bytes());
    let again = http(
        server.addr,
        "POST",
        "/webhook",
        &[("X-Hub-Signature-256", &retry)],
        BODY_B.as_bytes(),
    );
    assert_eq!(again.0, 200, "a retry of a body stored before the restart");
    let stored: Vec<Vec<u8>> = records(dir.path()).into_iter().map(|r| r.0).collect();
    assert_eq!(
        stored,
        [BODY_B.as_bytes(), BODY_A.as_bytes()],
        "B not stored twice"
    );
    assert!(
        server.log().contains("cut off a torn last line"),
        "{}",
        server.log()
    );
    assert_eq!(server.terminate(), Some(0));
}

#[cfg(unix)]
#[test]
fn a_full_disk_gets_503_and_the_next_file_takes_over() {
    let dir = TempDir::new("full");
    // The file the sink appends to is /dev/full: every write fails with "no space left".
    std::os::unix::fs::symlink("/dev/full", dir.path().join("webhooks-000001.jsonl")).unwrap();
    let sink = format!("file:{}", dir.path().display());
    let mut server = Server::start(&["--sink", &sink]);
    assert_eq!(
        server.post_signed(BODY_A),
        503,
        "not stored, not acknowledged"
    );
    assert_eq!(http(server.addr, "GET", "/healthz", &[], b"").0, 503);
    assert!(records(dir.path()).is_empty());
    // Meta retries; the sink has moved on to a new file.
    assert_eq!(server.post_signed(BODY_A), 200, "{}", server.log());
    assert_eq!(http(server.addr, "GET", "/healthz", &[], b"").0, 200);
    let stored = records(dir.path());
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].0, BODY_A.as_bytes());
    assert!(server.logs("No space left"), "{}", server.log());
    assert_eq!(server.terminate(), Some(0));
}

/// A clean-up job deletes the sink folder while `serve` runs: the body written to the unlinked
/// file is not acknowledged (503, unhealthy), and the retry lands in a folder made anew.
#[test]
fn the_sink_folder_deleted_while_serving_gets_503_never_a_lost_200() {
    let dir = TempDir::new("deleted");
    let sink_dir = dir.path().join("sink");
    let sink = format!("file:{}", sink_dir.display());
    let mut server = Server::start(&["--sink", &sink]);
    assert_eq!(server.post_signed(BODY_A), 200);
    std::fs::remove_dir_all(&sink_dir).unwrap();
    assert_eq!(server.post_signed(BODY_B), 503, "{}", server.log());
    assert_eq!(http(server.addr, "GET", "/healthz", &[], b"").0, 503);
    assert!(server.logs("removed or replaced"), "{}", server.log());
    // Meta retries: the folder and its file are made again, and the body is stored there.
    assert_eq!(server.post_signed(BODY_B), 200, "{}", server.log());
    assert_eq!(http(server.addr, "GET", "/healthz", &[], b"").0, 200);
    let stored: Vec<Vec<u8>> = records(&sink_dir).into_iter().map(|r| r.0).collect();
    assert_eq!(
        stored,
        [BODY_B.as_bytes()],
        "every body acknowledged since is in the sink"
    );
    assert_eq!(server.terminate(), Some(0));
}

#[test]
fn a_folder_that_cannot_be_written_gets_503_until_it_can() {
    let dir = TempDir::new("unwritable");
    let sink_dir = dir.path().join("sink");
    let sink = format!("file:{}", sink_dir.display());
    // A new file for every body, so that each needs the folder.
    let mut server = Server::start(&["--sink", &sink, "--rotate-bytes", "1"]);
    assert_eq!(server.post_signed(BODY_A), 200);
    // The folder is gone, a file in its place (root may write anywhere, so no chmod).
    let away = dir.path().join("away");
    std::fs::rename(&sink_dir, &away).unwrap();
    std::fs::write(&sink_dir, b"not a folder").unwrap();
    assert_eq!(server.post_signed(BODY_B), 503);
    std::fs::remove_file(&sink_dir).unwrap();
    std::fs::rename(&away, &sink_dir).unwrap();
    assert_eq!(server.post_signed(BODY_B), 200, "recovered");
    let stored: Vec<Vec<u8>> = records(&sink_dir).into_iter().map(|r| r.0).collect();
    assert_eq!(stored, [BODY_A.as_bytes(), BODY_B.as_bytes()]);
    assert_eq!(server.terminate(), Some(0));
}

#[test]
fn killed_in_the_middle_of_a_load_run_no_acknowledged_body_is_lost() {
    let dir = TempDir::new("crash");
    let sink = format!("file:{}", dir.path().display());
    let port = support::free_port();
    let listen = format!("127.0.0.1:{port}");
    let mut server = Server::start_on(&listen, &["--sink", &sink]);
    let acked = dir.path().join("acked.txt");
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let load = support::spawn_wa_webhook(&[
        "load",
        "--url",
        &format!("http://{listen}/webhook"),
        "--clients",
        "8",
        "--requests",
        "3000",
        "--repeat-every",
        "10",
        "--deadline-s",
        "60",
        "--acked",
        &acked.display().to_string(),
        &samples.display().to_string(),
    ]);
    // Kill -9 once bodies are being stored, then start again on the same port.
    support::wait_for(Duration::from_secs(20), || records(dir.path()).len() >= 200);
    server.kill();
    std::thread::sleep(Duration::from_millis(300));
    let mut restarted = Server::start_on(&listen, &["--sink", &sink]);
    let load = load.wait_with_output().unwrap();
    assert_eq!(
        load.status.code(),
        Some(0),
        "every body acknowledged in the end: {load:?}"
    );
    assert_eq!(restarted.terminate(), Some(0));

    let acked: Vec<String> = std::fs::read_to_string(&acked)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    let stored: Vec<String> = records(dir.path()).iter().map(|r| body_key(&r.0)).collect();
    let mut unique = stored.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), stored.len(), "no body stored twice");
    let missing: Vec<&String> = acked.iter().filter(|k| !stored.contains(k)).collect();
    assert!(
        missing.is_empty(),
        "{} acknowledged bodies missing",
        missing.len()
    );
    assert_eq!(acked.len(), 3000);
    println!(
        "crash test: 3000 bodies sent, {} acknowledged, {} stored, {} found after the crash; load: {}",
        acked.len(),
        stored.len(),
        acked.len() - missing.len(),
        String::from_utf8_lossy(&load.stdout).trim()
    );
}

/// The log says what is new and how it was kept (a key: typed, in `extra`), and why a stored
/// body did not parse, in words, without the body's values.
#[test]
fn the_log_says_how_drift_was_kept_and_why_a_body_did_not_parse() {
    let dir = TempDir::new("serve-log");
    let sink = format!("file:{}", dir.path().display());
    let server = Server::start(&["--sink", &sink]);
    let unknown_key = r#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"security","value":{"display_phone_number":"1","event":"PIN_CHANGED","x_unknown_key":1}}]}]}"#;
    let phone_where_entry_goes = r#"{"object":"whatsapp_business_account","entry":"16505550000"}"#;
    for body in [unknown_key, "not json", phone_where_entry_goes] {
        assert_eq!(server.post_signed(body), 200, "stored, then parsed");
    }
    let has = |text: &str| server.log().contains(text);
    support::wait_for(Duration::from_secs(10), || {
        has("new from Meta") && has("not JSON") && has("JSON, but not a webhook notification")
    });
    let log = server.log();
    assert!(
        log.contains("typed, the key kept in the struct's extra"),
        "{log}"
    );
    assert!(!log.contains("stored raw"), "{log}");
    assert!(log.contains("stored, but not parsed"), "{log}");
    assert!(!log.contains("16505550000"), "no value of the body: {log}");
}

/// Meta's change reaches every body: the same drift (path shape, kind, value) is logged once a
/// minute, with the value and the stored body's SHA-256 to find it; another value is a line of
/// its own.
#[test]
fn the_same_drift_is_logged_once_with_its_value_and_body() {
    let dir = TempDir::new("serve-drift-once");
    let sink = format!("file:{}", dir.path().display());
    let server = Server::start(&["--sink", &sink]);
    let body = |id: u32, event: &str| {
        format!(
            r#"{{"object":"whatsapp_business_account","entry":[{{"id":"{id}","changes":[{{"field":"security","value":{{"display_phone_number":"1","event":"{event}"}}}}]}}]}}"#
        )
    };
    let bodies = [
        body(1, "PIN_EXAMPLE_UNKNOWN"),
        body(2, "PIN_EXAMPLE_UNKNOWN"),
        body(3, "PIN_EXAMPLE_UNKNOWN"),
        body(4, "PIN_EXAMPLE_OTHER"),
    ];
    for body in &bodies {
        assert_eq!(server.post_signed(body), 200);
    }
    let lines = || {
        server
            .log()
            .lines()
            .filter(|l| l.contains("new from Meta path="))
            .map(str::to_owned)
            .collect::<Vec<_>>()
    };
    support::wait_for(Duration::from_secs(10), || {
        server.log().contains("value=PIN_EXAMPLE_OTHER")
    });
    std::thread::sleep(Duration::from_millis(300)); // a line a repeat should not have made
    let logged = lines();
    assert_eq!(logged.len(), 2, "{logged:#?}");
    let first_key = support::body_key(bodies[0].as_bytes());
    assert!(
        logged[0].contains("value=PIN_EXAMPLE_UNKNOWN")
            && logged[0].contains(&format!("body_sha256=\"{first_key}\"")),
        "{logged:#?}"
    );
    assert!(logged[1].contains("value=PIN_EXAMPLE_OTHER"), "{logged:#?}");
}

/// `load` sends only what it can make distinct webhooks of (the rest skipped, said on stderr),
/// and tells the bodies `serve` stored now from those it had stored before.
#[test]
fn load_skips_what_is_no_distinct_webhook_and_tells_new_from_stored_before() {
    let dir = TempDir::new("load-report");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(corpus.join("a_webhook.json"), BODY_A).unwrap();
    std::fs::write(
        corpus.join("b_not_a_webhook.json"),
        r#"{"x_unknown_key": 1}"#,
    )
    .unwrap();
    let number_id = r#"{"object":"whatsapp_business_account","entry":[{"id":7,"changes":[]}]}"#;
    std::fs::write(corpus.join("c_number_id.json"), number_id).unwrap();
    let sink = dir.path().join("sink");
    let server = Server::start(&["--sink", &format!("file:{}", sink.display())]);
    let url = format!("http://{}/webhook", server.addr);
    let load = || {
        let out = support::wa_webhook(&[
            "load",
            "--url",
            &url,
            "--clients",
            "2",
            "--requests",
            "20",
            "--repeat-every",
            "0",
            &corpus.display().to_string(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{out:?}");
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (first, warnings) = load();
    assert!(first.contains("20 acknowledged"), "{first}");
    assert!(first.contains("outcome 20 new, 0 duplicate"), "{first}");
    assert!(
        warnings.contains("skipped 1 bod(ies) of the corpus: not a webhook notification (first: ")
            && warnings.contains("b_not_a_webhook.json"),
        "{warnings}"
    );
    assert!(
        warnings.contains("first entry has no string `id`")
            && warnings.contains("c_number_id.json"),
        "{warnings}"
    );
    // The same run again: every body is one the sink holds.
    let (again, _) = load();
    assert!(again.contains("outcome 0 new, 20 duplicate"), "{again}");
    assert_eq!(records(&sink).len(), 20, "each stored once");
}

#[test]
fn the_webhook_path_is_the_one_given() {
    let dir = TempDir::new("path");
    let sink = format!("file:{}", dir.path().display());
    let mut server = Server::start(&["--sink", &sink, "--path", "/hooks/x-example"]);
    let addr = server.addr;
    let handshake = |path: &str| {
        http(
            addr,
            "GET",
            &format!("{path}?hub.mode=subscribe&hub.verify_token=verify-token&hub.challenge=42"),
            &[],
            b"",
        )
    };
    assert_eq!(handshake("/hooks/x-example"), (200, "42".to_owned()));
    assert_eq!(handshake("/webhook").0, 404);
    let signature = sign(SECRET, BODY_B.as_bytes());
    let posted = |path: &str| {
        http(
            addr,
            "POST",
            path,
            &[("X-Hub-Signature-256", &signature)],
            BODY_B.as_bytes(),
        )
        .0
    };
    assert_eq!(posted("/webhook"), 404);
    assert_eq!(posted("/hooks/x-example"), 200);
    assert_eq!(records(dir.path()).len(), 1);
    assert_eq!(server.terminate(), Some(0));
}
