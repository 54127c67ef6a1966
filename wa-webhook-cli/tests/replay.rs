//! `wa-webhook replay` against a local receiver: the records of a time range, signed anew with
//! WA_APP_SECRET, posted in order, a body refused for now (5xx) retried until accepted, one
//! refused for good (403: a wrong secret) not retried, each never accepted named in the summary
//! by its key.

mod support;

use sha2::{Digest, Sha256};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use support::{TempDir, SECRET};

fn body(id: &str) -> String {
    format!(
        r#"{{"object":"whatsapp_business_account","entry":[{{"id":"{id}","changes":[{{"field":"security","value":{{"display_phone_number":"15550783881","event":"PIN_CHANGED"}}}}]}}]}}"#
    )
}

/// Every post a receiver got, in order: the body and its signature header.
type Posts = Arc<Mutex<Vec<(String, String)>>>;

/// A receiver on the loopback interface: it answers 503 to the first post of a body holding
/// `"x-refused-once"`, always 503 to one holding `"x-refused-always"`, 403 to one holding
/// `"x-forbidden"`, else 200, and keeps every post (body, signature header) in order.
fn receiver() -> (String, Posts) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let posts = Arc::new(Mutex::new(Vec::new()));
    let kept = posts.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let kept = kept.clone();
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream.try_clone().unwrap());
                let mut stream = stream;
                loop {
                    let (mut length, mut signature) = (0usize, String::new());
                    let mut line = String::new();
                    if reader.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    loop {
                        let mut header = String::new();
                        reader.read_line(&mut header).unwrap();
                        let header = header.trim_end();
                        if header.is_empty() {
                            break;
                        }
                        let (name, value) = header.split_once(": ").unwrap_or((header, ""));
                        match name.to_ascii_lowercase().as_str() {
                            "content-length" => length = value.parse().unwrap(),
                            "x-hub-signature-256" => signature = value.to_owned(),
                            _ => {}
                        }
                    }
                    let mut body = vec![0; length];
                    reader.read_exact(&mut body).unwrap();
                    let body = String::from_utf8(body).unwrap();
                    let status = {
                        let mut posts = kept.lock().unwrap();
                        let seen = posts.iter().any(|(b, _)| *b == body);
                        posts.push((body.clone(), signature));
                        if body.contains("x-forbidden") {
                            "403 Forbidden"
                        } else if body.contains("x-refused-always")
                            || (body.contains("x-refused-once") && !seen)
                        {
                            "503 Service Unavailable"
                        } else {
                            "200 OK"
                        }
                    };
                    let answer = format!("HTTP/1.1 {status}\r\nContent-Length: 0\r\n\r\n");
                    if stream.write_all(answer.as_bytes()).is_err() {
                        return;
                    }
                }
            });
        }
    });
    (url, posts)
}

#[test]
fn replay_signs_anew_posts_the_time_range_in_order_and_names_what_was_never_accepted() {
    let dir = TempDir::new("replay");
    let at = humantime_ms;
    // Records as `serve` writes them (the old signature is not the app's: it is replaced).
    let records: Vec<(u64, String)> = vec![
        (at("2026-11-30T23:00:00Z"), body("x-too-early")),
        (at("2026-12-01T08:00:00Z"), body("x-first")),
        (at("2026-12-01T08:00:01Z"), body("x-refused-once")),
        (at("2026-12-01T08:00:02Z"), body("x-refused-always")),
        (at("2026-12-01T08:00:03Z"), body("x-forbidden")),
        (at("2026-12-01T09:00:00Z"), body("x-too-late")),
    ];
    let file = dir.path().join("webhooks-000001.jsonl");
    let mut text = String::new();
    for (ms, body) in &records {
        let record =
            serde_json::json!({"received_at_ms": ms, "signature": "sha256=00", "body": body});
        text.push_str(&format!("{record}\n"));
    }
    text.push_str("not a record\n");
    std::fs::write(&file, text).unwrap();

    let (url, posts) = receiver();
    let out = support::wa_webhook(&[
        "replay",
        &dir.path().display().to_string(),
        "--to",
        &url,
        "--since",
        "2026-12-01T09:00:00+01:00", // 08:00 UTC
        "--until",
        "2026-12-01T09:00:00Z",
        "--retries",
        "2",
        "--retry-wait-ms",
        "20",
        "--rate",
        "200",
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(stdout.contains("sent 4, 2xx 2, failed 2"), "{stdout}");
    let forbidden_key = hex::encode(Sha256::digest(body("x-forbidden").as_bytes()));
    assert!(
        stdout.contains(&format!("failed {forbidden_key} (status 403)")),
        "{stdout}"
    );
    let refused_key = hex::encode(Sha256::digest(body("x-refused-always").as_bytes()));
    assert!(
        stdout.contains(&format!("failed {refused_key} (status 503)")),
        "{stdout}"
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("skipped 1 line(s)"));

    let posts = posts.lock().unwrap();
    let ids: Vec<&str> = posts
        .iter()
        .map(|(b, _)| {
            b.split("\"id\":\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap()
        })
        .collect();
    assert_eq!(
        ids,
        [
            "x-first",
            "x-refused-once",
            "x-refused-once",
            "x-refused-always",
            "x-refused-always",
            "x-refused-always",
            "x-forbidden"
        ],
        "in order; a refused body retried, one refused always tried 1 + 2 times, a 403 once"
    );
    for (body, header) in posts.iter() {
        assert_eq!(
            *header,
            wa_webhook_types::receive::signature::sign(SECRET, body.as_bytes()),
            "signed anew"
        );
    }
}

/// Milliseconds since the Unix epoch of an RFC 3339 time (`2026-12-01T08:00:00Z`).
fn humantime_ms(text: &str) -> u64 {
    let time = humantime::parse_rfc3339(text).unwrap();
    time.duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

/// `--since 1d`: a time before now; a record older than that is left out.
#[test]
fn since_takes_a_time_before_now() {
    let dir = TempDir::new("replay-since");
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64;
    let day = 24 * 3600 * 1000;
    let mut text = String::new();
    for (ms, id) in [(now - 2 * day, "x-old"), (now - day / 24, "x-recent")] {
        let record =
            serde_json::json!({"received_at_ms": ms, "signature": "sha256=00", "body": body(id)});
        text.push_str(&format!("{record}\n"));
    }
    std::fs::write(dir.path().join("webhooks-000001.jsonl"), text).unwrap();
    let (url, posts) = receiver();
    let out = support::wa_webhook(&[
        "replay",
        &dir.path().display().to_string(),
        "--to",
        &url,
        "--since",
        "1d",
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let posts = posts.lock().unwrap();
    assert_eq!(posts.len(), 1);
    assert!(posts[0].0.contains("x-recent"));
    let bad = support::wa_webhook(&[
        "replay",
        &dir.path().display().to_string(),
        "--to",
        &url,
        "--since",
        "yesterday-ish",
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("not a time"),
        "{bad:?}"
    );
}
