//! `GET /metrics` of `serve`: requests by route and status, bodies stored and stored before,
//! sink latency, fsync batches, drift by field and kind, sink health, in Prometheus' format;
//! and the app secrets a body is accepted with (rotation, several apps).

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
    assert!(
        rotating.logs("the previous app secret is accepted too"),
        "a notice while the rotation lasts:\n{}",
        rotating.log()
    );
    let metrics = http(rotating.addr, "GET", "/metrics", &[], b"").1;
    assert_eq!(
        sample(&metrics, "wa_webhook_previous_secret_bodies_total"),
        Some(1.0),
        "{metrics}"
    );
    drop(rotating);
    let rotated = Server::start(&["--sink", &sink]);
    assert_eq!(
        http(rotated.addr, "POST", "/webhook", &headers, BODY.as_bytes()).0,
        403
    );
}

/// Several apps on one endpoint: `WA_APP_SECRET` lists their secrets, each optionally named;
/// a body either app signed is stored with the app that signed it, a third app's is refused.
#[test]
fn two_apps_secrets_store_both_apps_bodies_with_their_app_and_refuse_a_third() {
    let dir = TempDir::new("serve-apps");
    let sink = format!("file:{}", dir.path().display());
    let server = Server::start_with_env(
        "127.0.0.1:0",
        &["--sink", &sink],
        &[(
            "WA_APP_SECRET",
            &format!("{},shop=x-example-shop-secret", support::SECRET),
        )],
    );
    let bodies = [
        (BODY.to_owned(), support::SECRET),
        (BODY.replace("\"1\"", "\"2\""), "x-example-shop-secret"),
        (BODY.replace("\"1\"", "\"3\""), "x-example-third-secret"),
    ];
    let statuses: Vec<u16> = bodies
        .iter()
        .map(|(body, secret)| {
            let header = support::sign(secret, body.as_bytes());
            let headers = [("X-Hub-Signature-256", header.as_str())];
            http(server.addr, "POST", "/webhook", &headers, body.as_bytes()).0
        })
        .collect();
    assert_eq!(statuses, [200, 200, 403]);
    drop(server);
    let mut stored = Vec::new();
    for file in std::fs::read_dir(dir.path()).unwrap().flatten() {
        let text = std::fs::read_to_string(file.path()).unwrap();
        for line in text.lines() {
            let record: serde_json::Value = serde_json::from_str(line).unwrap();
            stored.push((
                record["body"].as_str().unwrap().to_owned(),
                record["app"].clone(),
            ));
        }
    }
    assert_eq!(
        stored,
        [
            (bodies[0].0.clone(), serde_json::Value::Null),
            (bodies[1].0.clone(), serde_json::Value::from("shop")),
        ],
        "the first app's body as before, the second's with its name"
    );
}
