//! `wa-webhook serve --sink nats://...` against a local `nats-server -js`: a body is
//! acknowledged after JetStream stored it, a retry is stored once, and while NATS is down
//! requests get 503 until it is back; `spec suggest` and `check` read the stream back. Fails, saying so, where `nats-server` is not installed
//! (`scripts/test` installs Debian's package).

mod support;

use std::time::{Duration, Instant};
use support::{http, sign, spec_copy, wa_webhook, NatsServer, Server, TempDir, SECRET};

const BODY_A: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"security","value":{"display_phone_number":"15550783881","event":"PIN_CHANGED"}}]}]}"#;
const BODY_B: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"2","changes":[{"field":"security","value":{"display_phone_number":"15550783881","event":"PIN_RESET_REQUEST"}}]}]}"#;

/// Runs `work` with a JetStream context on the server at `port`, to its end.
fn on_jetstream<T, F: std::future::Future<Output = T>>(
    port: u16,
    work: impl FnOnce(async_nats::jetstream::Context) -> F,
) -> T {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let client = async_nats::connect(format!("nats://127.0.0.1:{port}"))
            .await
            .unwrap();
        work(async_nats::jetstream::new(client)).await
    })
}

/// The bodies and signature headers the stream `WEBHOOKS` holds, in order.
fn stream_contents(port: u16) -> Vec<(Vec<u8>, Option<String>)> {
    on_jetstream(port, |jetstream| async move {
        let mut stream = jetstream.get_stream("WEBHOOKS").await.unwrap();
        let last = stream.info().await.unwrap().state.last_sequence;
        let mut out = Vec::new();
        for seq in 1..=last {
            let message = stream.get_raw_message(seq).await.unwrap();
            let signature = message
                .headers
                .get("X-Hub-Signature-256")
                .map(|v| v.as_str().to_owned());
            out.push((message.payload.to_vec(), signature));
        }
        out
    })
}

/// A nats-server of its own (with JetStream) on a free port: its binary, its store and it.
fn start_nats(name: &str) -> (std::path::PathBuf, TempDir, NatsServer) {
    let binary = NatsServer::binary().expect(
        "nats-server is not installed (scripts/test installs it: Debian package nats-server)",
    );
    let store = TempDir::new(name);
    let nats = NatsServer::start(&binary, support::free_port(), store.path());
    (binary, store, nats)
}

#[test]
fn jetstream_stores_each_body_once_before_the_200_and_outages_get_503() {
    let (binary, _store, mut nats) = start_nats("nats");
    let sink = format!("nats://127.0.0.1:{}/WEBHOOKS", nats.port);
    let mut server = Server::start(&["--sink", &sink]);

    assert_eq!(server.post_signed(BODY_A), 200);
    assert_eq!(server.post_signed(BODY_A), 200, "a retry");
    assert_eq!(server.post_signed(BODY_B), 200);
    let stored = stream_contents(nats.port);
    assert_eq!(stored.len(), 2, "the retry is stored once");
    assert_eq!(stored[0].0, BODY_A.as_bytes(), "byte for byte");
    assert_eq!(
        stored[0].1.as_deref(),
        Some(sign(SECRET, BODY_A.as_bytes()).as_str())
    );
    assert_eq!(stored[1].0, BODY_B.as_bytes());

    // NATS goes down: `/healthz` says so before any body is refused, and nothing is
    // acknowledged.
    assert_eq!(http(server.addr, "GET", "/healthz", &[], b"").0, 200);
    nats.kill();
    support::wait_for(Duration::from_secs(10), || {
        http(server.addr, "GET", "/healthz", &[], b"").0 == 503
    });
    let body_c = BODY_B.replace("\"2\"", "\"3\"");
    assert_eq!(server.post_signed(&body_c), 503);
    assert_eq!(http(server.addr, "GET", "/healthz", &[], b"").0, 503);
    // NATS is back (same store): the client reconnects and Meta's next retry is stored.
    nats.restart(&binary);
    let until = Instant::now() + Duration::from_secs(30);
    let status = loop {
        let status = server.post_signed(&body_c);
        if status == 200 || Instant::now() > until {
            break status;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_eq!(status, 200, "recovered when NATS came back");
    assert_eq!(http(server.addr, "GET", "/healthz", &[], b"").0, 200);
    let stored = stream_contents(nats.port);
    assert_eq!(stored.len(), 3, "{stored:?}");
    assert_eq!(stored[2].0, body_c.as_bytes());
    assert_eq!(server.terminate(), Some(0));
}

/// What `serve` stored in a stream, read back by `spec suggest nats://...`: identical drift is one
/// edit with its count, and its first and last payload by sequence, with the time stored.
#[test]
fn spec_suggest_reads_the_stream_serve_writes() {
    let (_binary, store, nats) = start_nats("nats-suggest");
    let url = format!("nats://127.0.0.1:{}/WEBHOOKS", nats.port);
    let mut server = Server::start(&["--sink", &url]);
    let body = |id: u32, event: &str| {
        format!(
            r#"{{"object":"whatsapp_business_account","entry":[{{"id":"{id}","changes":[{{"field":"security","value":{{"display_phone_number":"15550783881","event":"{event}"}}}}]}}]}}"#
        )
    };
    for (id, event) in [
        (1, "PIN_EXAMPLE_UNKNOWN"),
        (2, "PIN_CHANGED"),
        (3, "PIN_EXAMPLE_UNKNOWN"),
    ] {
        assert_eq!(server.post_signed(&body(id, event)), 200);
    }
    assert_eq!(server.terminate(), Some(0));

    let spec = spec_copy(&store);
    let out = wa_webhook(&[
        "spec",
        "suggest",
        "--spec",
        &spec.display().to_string(),
        &url,
    ]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let add = stdout
        .lines()
        .find(|l| l.contains(": add value \"PIN_EXAMPLE_UNKNOWN\""))
        .unwrap_or_else(|| panic!("{stdout}"));
    let first = format!("first {url}#1 (received 20");
    let last = format!("last {url}#3 (received 20");
    assert!(
        add.contains("seen in 2 payloads: ") && add.contains(&first) && add.contains(&last),
        "{add}"
    );
    assert!(add.ends_with("Z))"), "an RFC 3339 time in UTC: {add}");

    let check = wa_webhook(&["check", &url]);
    let checked = String::from_utf8_lossy(&check.stdout);
    assert_eq!(check.status.code(), Some(0), "{check:?}");
    assert!(
        checked.contains(&format!("drift   {url}#3: "))
            && checked.contains(&format!("ok      {url}#2: ")),
        "{checked}"
    );
    // A stream that is not there: said, with its name, by both.
    let missing_url = url.replace("WEBHOOKS", "X_NO_SUCH_STREAM");
    let missing = wa_webhook(&["check", &missing_url]);
    assert_eq!(missing.status.code(), Some(1), "{missing:?}");
    assert!(
        String::from_utf8_lossy(&missing.stdout).contains("stream X_NO_SUCH_STREAM: "),
        "{missing:?}"
    );
    let missing = wa_webhook(&[
        "spec",
        "suggest",
        "--spec",
        &spec.display().to_string(),
        &missing_url,
    ]);
    assert_eq!(missing.status.code(), Some(2), "{missing:?}");
    assert!(
        String::from_utf8_lossy(&missing.stderr).contains("stream X_NO_SUCH_STREAM: "),
        "{missing:?}"
    );
}

/// A body over nats-server's `max_payload` (1 MiB by default; `serve`'s body limit is 3 MiB) is
/// refused 413 at once, not 503 after a timeout on every retry, and the connection stays up:
/// 20 small bodies sent at the same time are all stored.
#[test]
fn a_body_over_the_servers_max_payload_is_413_at_once_and_the_others_are_stored() {
    let (_binary, _store, nats) = start_nats("nats-large");
    let sink = format!("nats://127.0.0.1:{}/WEBHOOKS", nats.port);
    let mut server = Server::start(&["--sink", &sink]);
    support::wait_for(Duration::from_secs(10), || {
        server.logs("larger bodies get 413")
    });

    let large = BODY_A.replace("\"1\"", &format!("\"{}\"", "x".repeat(1_500_000)));
    assert_eq!(
        server.post_signed_within(&large, Duration::from_secs(2)),
        413
    );

    let addr = server.addr;
    let posts: Vec<_> = (0..20)
        .map(|i| {
            let body = BODY_B.replace("\"2\"", &format!("\"small-{i}\""));
            std::thread::spawn(move || {
                let signature = sign(SECRET, body.as_bytes());
                http(
                    addr,
                    "POST",
                    "/webhook",
                    &[("X-Hub-Signature-256", &signature)],
                    body.as_bytes(),
                )
                .0
            })
        })
        .collect();
    let statuses: Vec<u16> = posts.into_iter().map(|p| p.join().unwrap()).collect();
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    assert_eq!(stream_contents(nats.port).len(), 20);
    assert_eq!(http(addr, "GET", "/healthz", &[], b"").0, 200);
    assert_eq!(server.terminate(), Some(0));
}

/// Deletes the stream `name` on the server at `port`, as an operator's mistake would.
fn delete_stream(port: u16, name: &str) {
    on_jetstream(port, |jetstream| async move {
        assert!(jetstream.delete_stream(name).await.unwrap().success);
    });
}

/// The stream is deleted under a running `serve`: the next body creates it again and is
/// stored (before, every body got 503 until a restart).
#[test]
fn a_deleted_stream_is_created_again_and_the_next_body_stored() {
    let (_binary, _store, nats) = start_nats("nats-deleted");
    let sink = format!("nats://127.0.0.1:{}/WEBHOOKS", nats.port);
    let mut server = Server::start(&["--sink", &sink]);
    support::wait_for(Duration::from_secs(10), || {
        http(server.addr, "GET", "/healthz", &[], b"").0 == 200
    });
    assert_eq!(server.post_signed(BODY_A), 200);
    delete_stream(nats.port, "WEBHOOKS");
    let started = Instant::now();
    let stored = support::within(Duration::from_secs(10), || {
        server.post_signed(BODY_B) == 200
    });
    assert!(
        stored,
        "no 200 within 10 s of the deletion\n{}",
        server.log()
    );
    eprintln!("stored again {:?} after the deletion", started.elapsed());
    let contents = stream_contents(nats.port);
    assert_eq!(contents.len(), 1, "the new stream holds the body");
    assert_eq!(contents[0].0, BODY_B.as_bytes());
    assert!(server.logs("creating it again"), "{}", server.log());
    assert_eq!(server.terminate(), Some(0));
}

/// nats-server is not up when `serve` starts: it listens anyway, answering 503 and `/healthz`
/// 503 (before, it exited 1 after 3 s), and stores bodies once the server comes up.
#[test]
fn nats_down_at_start_is_retried_and_healthz_says_so() {
    let binary = NatsServer::binary().expect(
        "nats-server is not installed (scripts/test installs it: Debian package nats-server)",
    );
    let port = support::free_port();
    let sink = format!("nats://127.0.0.1:{port}/WEBHOOKS");
    let mut server = Server::start(&["--sink", &sink]);
    assert_eq!(http(server.addr, "GET", "/healthz", &[], b"").0, 503);
    assert_eq!(server.post_signed(BODY_A), 503);
    let store = TempDir::new("nats-late");
    let nats = NatsServer::start(&binary, port, store.path());
    let healthy = support::within(Duration::from_secs(10), || {
        http(server.addr, "GET", "/healthz", &[], b"").0 == 200
    });
    assert!(
        healthy,
        "not healthy 10 s after nats-server started\n{}",
        server.log()
    );
    assert_eq!(server.post_signed(BODY_A), 200);
    assert_eq!(stream_contents(nats.port).len(), 1);
    assert!(
        server.logs("cannot reach the NATS stream yet"),
        "{}",
        server.log()
    );
    assert_eq!(server.terminate(), Some(0));
}

/// A stream made by an operator with a small `max_msg_size`: a body over it is refused 413 at
/// once (JetStream would refuse it on every retry), and a smaller one is stored.
#[test]
fn a_body_over_the_streams_max_message_size_is_413_at_once() {
    let (_binary, _store, nats) = start_nats("nats-stream-limit");
    on_jetstream(nats.port, |jetstream| async move {
        jetstream
            .create_stream(async_nats::jetstream::stream::Config {
                name: "WEBHOOKS".to_owned(),
                subjects: vec!["WEBHOOKS.bodies".to_owned()],
                max_message_size: 4096,
                ..Default::default()
            })
            .await
            .unwrap();
    });
    let sink = format!("nats://127.0.0.1:{}/WEBHOOKS", nats.port);
    let mut server = Server::start(&["--sink", &sink]);
    let large = BODY_A.replace("\"1\"", &format!("\"{}\"", "x".repeat(5000)));
    assert_eq!(
        server.post_signed_within(&large, Duration::from_secs(2)),
        413
    );
    assert_eq!(server.post_signed(BODY_A), 200);
    assert_eq!(stream_contents(nats.port).len(), 1);
    assert_eq!(server.terminate(), Some(0));
}
