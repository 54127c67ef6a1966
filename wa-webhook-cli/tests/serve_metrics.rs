//! `GET /metrics` of `serve`: requests by route and status, bodies stored and stored before,
//! sink latency, fsync batches, drift by field and kind, sink health, in Prometheus' format.

mod support;

use std::time::Duration;
use support::{http, Server, TempDir};

const BODY: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"security","value":{"display_phone_number":"15550783881","event":"PIN_CHANGED"}}]}]}"#;
const WITH_NEW_KEY: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"2","changes":[{"field":"security","value":{"display_phone_number":"15550783881","event":"PIN_CHANGED","x_unknown_key":1}}]}]}"#;

/// The value of the sample named `name` (with its labels, as the text writes them).
fn sample(text: &str, name: &str) -> Option<f64> {
    text.lines()
        .find_map(|l| l.strip_prefix(name)?.strip_prefix(' '))
        .and_then(|v| v.trim().parse().ok())
}

#[test]
fn metrics_count_requests_bodies_latency_batches_drift_and_health() {
    let dir = TempDir::new("serve-metrics");
    let sink = format!("file:{}", dir.path().display());
    let server = Server::start(&["--sink", &sink]);
    assert_eq!(server.post_signed(BODY), 200);
    assert_eq!(server.post_signed(WITH_NEW_KEY), 200);
    assert_eq!(server.post_signed(BODY), 200, "a retry, stored before");
    assert_eq!(
        http(server.addr, "POST", "/webhook", &[], BODY.as_bytes()).0,
        401
    );
    assert_eq!(
        http(server.addr, "GET", "/x-example-missing", &[], b"").0,
        404
    );

    let scrape = || http(server.addr, "GET", "/metrics", &[], b"");
    support::wait_for(Duration::from_secs(10), || {
        sample(
            &scrape().1,
            r#"wa_webhook_drift_items_total{field="security",kind="unknown_key"}"#,
        )
        .is_some()
    });
    let (status, text) = scrape();
    assert_eq!(status, 200);
    let expect = [
        (
            r#"wa_webhook_requests_total{route="/webhook",status="200"}"#,
            3.0,
        ),
        (
            r#"wa_webhook_requests_total{route="/webhook",status="401"}"#,
            1.0,
        ),
        (
            r#"wa_webhook_requests_total{route="other",status="404"}"#,
            1.0,
        ),
        (r#"wa_webhook_bodies_stored_total{outcome="new"}"#, 2.0),
        (
            r#"wa_webhook_bodies_stored_total{outcome="duplicate"}"#,
            1.0,
        ),
        (
            r#"wa_webhook_drift_items_total{field="security",kind="unknown_key"}"#,
            1.0,
        ),
        ("wa_webhook_sink_seconds_count", 3.0),
        ("wa_webhook_fsync_batch_bodies_sum", 2.0),
        ("wa_webhook_sink_healthy", 1.0),
        ("wa_webhook_connections_refused_total", 0.0),
    ];
    for (name, value) in expect {
        assert_eq!(sample(&text, name), Some(value), "{name} in\n{text}");
    }
    assert!(text.contains("# HELP wa_webhook_sink_seconds "), "{text}");
    assert!(text.trim_end().ends_with("# EOF"), "{text}");
}

/// `--metrics-listen`: `/metrics` on the internal address only, never on the webhook listener
/// Meta (and anyone) reaches.
#[test]
fn metrics_listen_keeps_metrics_off_the_webhook_listener() {
    let dir = TempDir::new("serve-metrics-listen");
    let sink = format!("file:{}", dir.path().display());
    let internal = format!("127.0.0.1:{}", support::free_port());
    let mut server = Server::start(&["--sink", &sink, "--metrics-listen", &internal]);
    assert_eq!(server.post_signed(BODY), 200);
    assert_eq!(http(server.addr, "GET", "/metrics", &[], b"").0, 404);
    let (status, text) = http(internal.parse().unwrap(), "GET", "/metrics", &[], b"");
    assert_eq!(status, 200);
    assert!(
        text.contains(r#"wa_webhook_bodies_stored_total{outcome="new"} 1"#),
        "{text}"
    );
    assert_eq!(server.terminate(), Some(0), "both listeners stop");
}

/// Rotating the app secret: with `WA_APP_SECRET_PREVIOUS` set, a body Meta signed with the old
/// secret is stored; without it, refused.
#[test]
fn a_body_signed_with_the_previous_secret_is_stored_while_it_is_set() {
    let dir = TempDir::new("serve-rotation");
    let sink = format!("file:{}", dir.path().display());
    let old = support::sign("x-example-old-secret", BODY.as_bytes());
    let headers = [("X-Hub-Signature-256", old.as_str())];
    let rotating = Server::start_with_env(
        "127.0.0.1:0",
        &["--sink", &sink],
        &[("WA_APP_SECRET_PREVIOUS", "x-example-old-secret")],
    );
    assert_eq!(
        http(rotating.addr, "POST", "/webhook", &headers, BODY.as_bytes()).0,
        200
    );
    drop(rotating);
    let rotated = Server::start(&["--sink", &sink]);
    assert_eq!(
        http(rotated.addr, "POST", "/webhook", &headers, BODY.as_bytes()).0,
        403
    );
}
