//! `wa-webhook serve --sink nats://...` against a local `nats-server -js`: a body is
//! acknowledged after JetStream stored it, a retry is stored once, and while NATS is down
//! requests get 503 until it is back. Fails, saying so, where `nats-server` is not installed
//! (`scripts/test` installs Debian's package).

mod support;

use std::time::{Duration, Instant};
use support::{http, sign, NatsServer, Server, TempDir, SECRET};

const BODY_A: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"security","value":{"display_phone_number":"15550783881","event":"PIN_CHANGED"}}]}]}"#;
const BODY_B: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"2","changes":[{"field":"security","value":{"display_phone_number":"15550783881","event":"PIN_RESET_REQUEST"}}]}]}"#;

/// The bodies and signature headers the stream `WEBHOOKS` holds, in order.
fn stream_contents(port: u16) -> Vec<(Vec<u8>, Option<String>)> {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let client = async_nats::connect(format!("nats://127.0.0.1:{port}"))
            .await
            .unwrap();
        let jetstream = async_nats::jetstream::new(client);
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

#[test]
fn jetstream_stores_each_body_once_before_the_200_and_outages_get_503() {
    let binary = NatsServer::binary().expect(
        "nats-server is not installed (scripts/test installs it: Debian package nats-server)",
    );
    let store = TempDir::new("nats");
    let mut nats = NatsServer::start(&binary, support::free_port(), store.path());
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

    // NATS goes down: nothing is acknowledged.
    nats.kill();
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
    let stored = stream_contents(nats.port);
    assert_eq!(stored.len(), 3, "{stored:?}");
    assert_eq!(stored[2].0, body_c.as_bytes());
    assert_eq!(server.terminate(), Some(0));
}
