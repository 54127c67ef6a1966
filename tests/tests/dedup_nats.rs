//! `receive::nats::NatsRecentEvents` against a real `nats-server -js` (Debian's package, which
//! `scripts/test` installs): two receivers, each with its own connection, racing the same
//! events handle each exactly once; a claim dropped without keep (a 503) lets Meta's retry
//! through on the other receiver; a claim whose instance died is free after its timeout.

use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use wa_webhook_types::receive::nats::{async_nats, NatsRecentEvents};
use wa_webhook_types::Notification;

/// A `nats-server -js` on a free port, with its store in a fresh folder; killed when dropped.
struct NatsServer {
    child: Child,
    port: u16,
    store: PathBuf,
}

impl NatsServer {
    fn start() -> NatsServer {
        let path = std::env::var_os("PATH").unwrap_or_default();
        let binary = std::env::split_paths(&path)
            .chain([PathBuf::from("/usr/sbin"), PathBuf::from("/usr/local/sbin")])
            .map(|dir| dir.join("nats-server"))
            .find(|candidate| candidate.is_file())
            .expect("nats-server is not installed: run scripts/test, which installs it");
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .unwrap()
            .port();
        let store = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("nats-dedup-{port}"));
        let _ = std::fs::remove_dir_all(&store);
        let child = Command::new(binary)
            .args(["-js", "-a", "127.0.0.1", "-p", &port.to_string(), "-sd"])
            .arg(&store)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start nats-server");
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        let started = Instant::now();
        while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "nats-server did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        NatsServer { child, port, store }
    }

    /// A receiver: its own connection, the shared bucket.
    async fn receiver(&self) -> NatsRecentEvents {
        let client = async_nats::connect(format!("127.0.0.1:{}", self.port))
            .await
            .unwrap();
        NatsRecentEvents::open(async_nats::jetstream::new(client), "x_example_events")
            .await
            .unwrap()
    }
}

impl Drop for NatsServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.store);
    }
}

/// A body with one text message of ID `id`.
fn message(id: &str) -> Notification {
    let body = format!(
        r#"{{"object":"whatsapp_business_account","entry":[{{"id":"1","changes":[{{"field":"messages","value":{{"messaging_product":"whatsapp","metadata":{{"display_phone_number":"15550783881","phone_number_id":"1"}},"messages":[{{"from":"16505551234","id":"{id}","timestamp":"1749416383","type":"text","text":{{"body":"hi"}}}}]}}}}]}}]}}"#
    );
    Notification::from_slice(body.as_bytes()).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_receivers_on_one_bucket_handle_a_raced_event_exactly_once() {
    let server = NatsServer::start();
    let (a, b) = (server.receiver().await, server.receiver().await);

    let mut handled = [0; 2];
    for n in 0..40 {
        let notification = message(&format!("wamid.X_EXAMPLE_RACE_{n}"));
        let event = &notification.events()[0];
        let (claim_a, claim_b) = tokio::join!(a.claim(event), b.claim(event));
        let (claim_a, claim_b) = (claim_a.unwrap(), claim_b.unwrap());
        assert!(
            claim_a.is_some() != claim_b.is_some(),
            "event {n}: exactly one receiver claims it"
        );
        for (i, claim) in [claim_a, claim_b].into_iter().enumerate() {
            if let Some(claim) = claim {
                handled[i] += 1;
                claim.keep().await.unwrap();
            }
        }
        // Meta's repeat, to either receiver: kept, so dropped by both.
        assert!(a.claim(event).await.unwrap().is_none());
        assert!(b.claim(event).await.unwrap().is_none());
    }
    assert_eq!(handled[0] + handled[1], 40, "{handled:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_claim_dropped_without_keep_lets_metas_retry_through_on_another_receiver() {
    let server = NatsServer::start();
    let (a, b) = (server.receiver().await, server.receiver().await);
    let notification = message("wamid.X_EXAMPLE_RETRIED");
    let event = &notification.events()[0];

    let claim = a.claim(event).await.unwrap().expect("new");
    assert!(
        b.claim(event).await.unwrap().is_none(),
        "in flight on the other receiver"
    );
    drop(claim); // the app could not store the event: 503
    let started = Instant::now();
    let retried = loop {
        if let Some(claim) = b.claim(event).await.unwrap() {
            break claim;
        }
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "the dropped claim was never released"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    retried.keep().await.unwrap();
    assert!(a.claim(event).await.unwrap().is_none(), "kept: a repeat");

    // `release` forgets at once.
    let other = message("wamid.X_EXAMPLE_RELEASED");
    let event = &other.events()[0];
    a.claim(event)
        .await
        .unwrap()
        .unwrap()
        .release()
        .await
        .unwrap();
    assert!(b.claim(event).await.unwrap().is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_claim_whose_instance_died_is_free_after_its_timeout() {
    let server = NatsServer::start();
    let a = server.receiver().await;
    let dying = server
        .receiver()
        .await
        .with_claim_timeout(Duration::from_millis(400));
    let notification = message("wamid.X_EXAMPLE_ORPHANED");
    let event = &notification.events()[0];

    // The instance dies holding the claim: neither kept nor dropped.
    std::mem::forget(dying.claim(event).await.unwrap().expect("new"));
    assert!(a.claim(event).await.unwrap().is_none(), "still held");
    tokio::time::sleep(Duration::from_millis(600)).await;
    let claim = a
        .claim(event)
        .await
        .unwrap()
        .expect("free after the timeout");
    claim.keep().await.unwrap();
    assert!(dying.claim(event).await.unwrap().is_none());
}
