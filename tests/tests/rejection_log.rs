//! A client sending bad signatures in a loop cannot flood the log: a receiver logs the first
//! refusals of each interval one by one, then one line with how many more, by status. Its own
//! test binary: the log is captured by the process's one subscriber.

use std::time::Duration;
use wa_webhook_tests::CapturedLog;
use wa_webhook_types::http::Request;
use wa_webhook_types::receive::signature;
use wa_webhook_types::receive::WebhookConfig;

const BODY: &str = r#"{"object":"whatsapp_business_account","entry":[]}"#;

#[test]
fn refusals_beyond_the_share_of_an_interval_are_counted_in_one_line() {
    let captured = CapturedLog::default();
    let writer = captured.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .init();
    let log = || captured.text();
    let lines = |text: &str| log().lines().filter(|l| l.contains(text)).count();

    let config = WebhookConfig::new("app-secret", "verify-token")
        .with_rejections_logged(5, Duration::from_millis(300));
    let forged = signature::sign("x-example-wrong-secret", BODY.as_bytes());
    for _ in 0..1_000 {
        let request = Request::post("/webhook")
            .header(signature::HEADER, forged.as_str())
            .body(BODY)
            .unwrap();
        assert_eq!(config.receive(&request).unwrap_err().status().as_u16(), 403);
    }
    let handshake = Request::get("/webhook?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1")
        .body("")
        .unwrap();
    let clone = config.clone(); // every clone shares the share
    for _ in 0..10 {
        assert!(
            clone.receive(&handshake).is_ok(),
            "a refused handshake is answered 403"
        );
    }
    assert_eq!(lines("webhook request rejected"), 5, "{}", log());
    assert_eq!(lines("handshake refused"), 0);
    assert!(
        log().len() < 2_000,
        "{} bytes for 1,010 refusals",
        log().len()
    );

    // The next interval starts by saying how many went unlogged.
    std::thread::sleep(Duration::from_millis(350));
    let unsigned = Request::post("/webhook").body(BODY).unwrap();
    assert_eq!(
        config.receive(&unsigned).unwrap_err().status().as_u16(),
        401
    );
    let text = log();
    let summary = text
        .lines()
        .find(|l| l.contains("more webhook requests rejected than logged"))
        .unwrap_or_else(|| panic!("no summary:\n{text}"));
    assert!(summary.contains("unlogged=1005"), "{summary}");
    assert!(summary.contains("403: 1005"), "{summary}");
    assert_eq!(
        lines("webhook request rejected"),
        6,
        "and the new one, logged"
    );

    // A wrong path is `debug`, never counted against the share.
    let elsewhere = Request::post("/x-example-other").body(BODY).unwrap();
    assert_eq!(
        config.receive(&elsewhere).unwrap_err().status().as_u16(),
        404
    );
    assert_eq!(lines("not the webhook's path"), 1);
}
