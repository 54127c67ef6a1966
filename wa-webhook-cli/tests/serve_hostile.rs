//! `serve` against hostile input: from a sender that holds the app secret (a leaked secret, a
//! buggy integration), what a signed body says reaches neither the metrics' series nor the
//! log's lines, and its parse cannot stall the server; from anyone, a handshake's text is
//! echoed cut short and unsniffable. And an operator's padded secret is said at start.

mod support;

use std::time::{Duration, Instant};
use support::{http, sign, Server, TempDir, SECRET};

fn post(server: &Server, body: &str) -> u16 {
    let header = sign(SECRET, body.as_bytes());
    let signature = [("X-Hub-Signature-256", header.as_str())];
    http(server.addr, "POST", "/webhook", &signature, body.as_bytes()).0
}

/// A body whose changes carry the given fields, each with an empty value.
fn with_fields(fields: impl IntoIterator<Item = String>) -> String {
    let changes: Vec<String> = fields
        .into_iter()
        .map(|f| {
            format!(
                r#"{{"field":{},"value":{{}}}}"#,
                serde_json::to_string(&f).unwrap()
            )
        })
        .collect();
    format!(
        r#"{{"object":"whatsapp_business_account","entry":[{{"id":"1","changes":[{}]}}]}}"#,
        changes.join(",")
    )
}

/// Lines of the exposition whose metric is `name` (samples, not HELP/TYPE).
fn samples<'a>(text: &'a str, name: &str) -> Vec<&'a str> {
    text.lines().filter(|l| l.starts_with(name)).collect()
}

#[test]
fn unknown_fields_neither_forge_nor_multiply_metric_series() {
    let dir = TempDir::new("hostile-metrics");
    let sink = format!("file:{}", dir.path().display());
    let server = Server::start(&["--sink", &sink]);
    let forged = "evil\"} 1\nwa_webhook_forged_total 1\n# EOF\n".to_owned();
    assert_eq!(post(&server, &with_fields([forged])), 200);
    let many = (0..300).map(|n| format!("x_example_unknown_field_{n}"));
    assert_eq!(post(&server, &with_fields(many)), 200);

    let scrape = || http(server.addr, "GET", "/metrics", &[], b"").1;
    let other = r#"wa_webhook_drift_items_total{field="other",kind="unknown_field"} "#;
    support::wait_for(Duration::from_secs(10), || {
        scrape().lines().any(|l| l == format!("{other}301"))
    });
    let text = scrape();
    assert!(text.lines().any(|l| l == format!("{other}301")), "{text}");
    assert!(!text.contains("forged"), "{text}");
    assert_eq!(text.matches("# EOF").count(), 1, "{text}");
    assert!(text.trim_end().ends_with("# EOF"), "{text}");
    assert_eq!(
        samples(&text, "wa_webhook_drift_items_total").len(),
        1,
        "{text}"
    );
}

#[test]
fn drift_in_the_log_is_escaped_masked_and_capped_per_body() {
    let dir = TempDir::new("hostile-log");
    let sink = format!("file:{}", dir.path().display());
    let server = Server::start(&["--sink", &sink]);
    let forged_key = "x\n2026-12-05T00:00:00.000000Z ERROR wa_webhook::serve: forged\u{1b}[31m";
    let mut value = serde_json::Map::new();
    value.insert("display_phone_number".into(), "15550783881".into());
    value.insert("event".into(), "PIN_CHANGED".into());
    value.insert(forged_key.into(), 1.into());
    value.insert("16505551234".into(), 1.into());
    for n in 0..100 {
        value.insert(format!("x_unknown_key_{n}"), n.into());
    }
    let body = serde_json::json!({"object": "whatsapp_business_account", "entry": [{"id": "1",
        "changes": [{"field": "security", "value": value}]}]})
    .to_string();
    assert_eq!(post(&server, &body), 200);
    support::wait_for(Duration::from_secs(10), || {
        server.log().contains("more drift")
    });
    let log = server.log();
    assert!(log.contains("more drift"), "{log}");
    // Every line is one the server wrote: a timestamp, then its own level.
    for line in log.lines() {
        let level = line.split_whitespace().nth(1);
        assert!(
            line.starts_with("20") && matches!(level, Some("INFO" | "WARN")),
            "a forged line: {line:?}"
        );
    }
    assert!(
        log.contains(r"value.x\n2026-12-05T00:00:00.000000Z ERROR"),
        "{log}"
    );
    assert!(!log.contains('\u{1b}'), "a terminal escape reached the log");
    assert!(
        !log.contains("16505551234"),
        "a phone number reached the log:\n{log}"
    );
    assert!(log.contains("<11 digits>"), "{log}");
    let lines = log.lines().filter(|l| l.contains("new from Meta")).count();
    assert_eq!(
        lines,
        20 + 1,
        "the first 20 drift lines, then a count:\n{log}"
    );
    assert!(log.contains("more=82"), "{log}");
}

/// Two signed bodies of 100,000 changes each with unknown fields: while they are parsed, health
/// checks and handshakes answer within 2 s.
#[test]
fn huge_signed_bodies_do_not_stall_health_checks() {
    let dir = TempDir::new("hostile-parse");
    let sink = format!("file:{}", dir.path().display());
    let server = Server::start(&["--sink", &sink, "--body-limit", "16777216"]);
    for b in 0..2 {
        // Each its own body and fields (a repeat of a drift is not logged again).
        let fields = (0..100_000).map(|n| format!("x_example_unknown_field_{b}_{n}"));
        assert_eq!(post(&server, &with_fields(fields)), 200);
    }
    let until = Instant::now() + Duration::from_secs(120);
    let mut probes = 0;
    while server.log().matches("more drift").count() < 2 {
        assert!(
            Instant::now() < until,
            "the parses did not finish:\n{}",
            server.log()
        );
        let started = Instant::now();
        assert_eq!(http(server.addr, "GET", "/healthz", &[], b"").0, 200);
        let handshake = "/webhook?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1";
        assert_eq!(http(server.addr, "GET", handshake, &[], b"").0, 403);
        let took = started.elapsed();
        assert!(
            took < Duration::from_secs(2),
            "the server stalled {took:?} while parsing"
        );
        probes += 1;
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(server.log().contains("more=99980"), "{}", server.log());
    eprintln!("{probes} probes answered while two 100,000-change bodies were parsed");
}

/// An unauthenticated handshake with a 12 KB `hub.mode` (within the head cap): the 403 (text a browser must not
/// sniff) and the log line say the mode is wrong without repeating any of it.
#[test]
fn a_huge_handshake_mode_is_neither_echoed_nor_logged() {
    let dir = TempDir::new("hostile-handshake");
    let sink = format!("file:{}", dir.path().display());
    let server = Server::start(&["--sink", &sink]);
    let target = format!(
        "/webhook?hub.mode={}&hub.verify_token=x&hub.challenge=1",
        "m".repeat(12_000)
    );
    let mut stream = std::net::TcpStream::connect(server.addr).unwrap();
    use std::io::{Read, Write};
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    let (head, body) = answer.split_once("\r\n\r\n").unwrap();
    assert!(head.starts_with("HTTP/1.1 403"), "{head}");
    assert!(
        head.to_lowercase()
            .contains("x-content-type-options: nosniff"),
        "{head}"
    );
    assert!(body.len() < 120, "{} bytes echoed: {body}", body.len());
    assert!(body.contains("hub.mode is not"), "{body}");
    assert!(!body.contains("mmm"), "{body}");
    support::wait_for(Duration::from_secs(5), || {
        server.log().contains("handshake refused")
    });
    let line = server
        .log()
        .lines()
        .find(|l| l.contains("handshake refused"))
        .unwrap()
        .to_owned();
    assert!(line.len() < 300 && line.contains("status=403"), "{line}");
    assert!(!line.contains("mmm"), "{line}");
}

/// A secret or token with white space around it is used as given (Meta's signatures would
/// never match): `serve` says so at start, naming the variable, never the value.
#[test]
fn a_padded_secret_is_warned_about_at_start() {
    let dir = TempDir::new("hostile-padded");
    let sink = format!("file:{}", dir.path().display());
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let listen = taken.local_addr().unwrap().to_string();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_wa-webhook"))
        .args(["serve", "--listen", &listen, "--sink", &sink])
        .env("WA_APP_SECRET", " app-secret\n")
        .env("WA_VERIFY_TOKEN", "verify-token")
        .env("RUST_LOG", "info")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "the address is taken: {stderr}");
    assert!(
        stderr.contains("variable=\"WA_APP_SECRET\"") && stderr.contains("white space"),
        "{stderr}"
    );
    assert!(!stderr.contains("WA_VERIFY_TOKEN"), "{stderr}");
    assert!(!stderr.contains("app-secret"), "{stderr}");
}

/// A client posting bad signatures in a loop: 20,000 refusals add the interval's share of lines
/// to the log (10), not one each (about 2 MB before); the next interval's first refusal counts
/// the rest.
#[test]
fn bad_signatures_in_a_loop_do_not_flood_the_log() {
    let dir = TempDir::new("serve-log-flood");
    let server = Server::start(&["--sink", &format!("file:{}", dir.path().display())]);
    let body = r#"{"object":"whatsapp_business_account","entry":[]}"#;
    let forged = sign("x-example-wrong-secret", body.as_bytes());
    let headers = [("X-Hub-Signature-256", forged.as_str())];
    for _ in 0..20_000 {
        let (status, _) = http(server.addr, "POST", "/webhook", &headers, body.as_bytes());
        assert_eq!(status, 403);
    }
    assert!(server.logs("webhook request rejected"), "{}", server.log());
    std::thread::sleep(Duration::from_millis(200)); // the log thread catches up
    let log = server.log();
    let rejected = log
        .lines()
        .filter(|l| l.contains("webhook request rejected"))
        .count();
    assert_eq!(rejected, 10, "{log}");
    assert!(
        log.len() < 20_000,
        "{} bytes of log for 20,000 refusals",
        log.len()
    );
}
