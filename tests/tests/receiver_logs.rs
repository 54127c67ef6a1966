//! The example receiver's log at `info`, fed bodies that carry what a log must never show: a
//! user's text (a card number, a diary), phone numbers, and a key that tries to start a line of
//! its own. Its own test binary: the log is captured by the process's one subscriber.

#[allow(dead_code)]
#[path = "../../wa-webhook-types/examples/receiver.rs"]
mod receiver;

use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wa_webhook_tests::CapturedLog;
use wa_webhook_types::receive::signature;
use wa_webhook_types::receive::WebhookConfig;

const SECRET: &str = "app-secret";
const PHONE: &str = "16505551234";

async fn post(addr: SocketAddr, body: &str) -> u16 {
    let exchange = async {
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        let head = format!(
            "POST /webhook HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: {}\r\nX-Hub-Signature-256: {}\r\n\r\n",
            body.len(),
            signature::sign(SECRET, body.as_bytes())
        );
        stream.write_all(head.as_bytes()).await.unwrap();
        stream.write_all(body.as_bytes()).await.unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).await.unwrap();
        response
    };
    let response = tokio::time::timeout(Duration::from_secs(10), exchange)
        .await
        .expect("the receiver answers in time");
    response.split(' ').nth(1).unwrap().parse().unwrap()
}

fn messages_body(value: &str) -> String {
    format!(
        r#"{{"object":"whatsapp_business_account","entry":[{{"id":"102290129340398","changes":[{{"field":"messages","value":{{"messaging_product":"whatsapp","metadata":{{"display_phone_number":"15550783881","phone_number_id":"106540352242922"}},{value}}}}}]}}]}}"#
    )
}

#[tokio::test]
async fn the_example_receivers_log_holds_no_text_no_phone_number_and_no_forged_line() {
    let captured = CapturedLog::default();
    let writer = captured.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::INFO)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .init();

    let (queue, jobs) = tokio::sync::mpsc::channel(16);
    let worker = tokio::spawn(receiver::work(jobs));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let config = WebhookConfig::new(SECRET, "verify-token");
    let server = tokio::spawn(async move {
        axum::serve(listener, receiver::routes(config, queue))
            .await
            .unwrap()
    });

    let contacts =
        format!(r#""contacts":[{{"profile":{{"name":"Sheena Nelson"}},"wa_id":"{PHONE}"}}]"#);
    let bodies = [
        // A text with a card number, from a phone number.
        messages_body(&format!(
            r#"{contacts},"messages":[{{"from":"{PHONE}","id":"wamid.LOG_TEXT","timestamp":"1749416383","type":"text","text":{{"body":"my card number is 4111111111111111"}}}}]"#
        )),
        // A message that does not fit (kept raw with an error quoting it), and one whose key
        // tries to start a forged line.
        messages_body(&format!(
            r#""messages":[{{"from":"{PHONE}","id":"wamid.LOG_RAW","timestamp":"my secret diary","type":"text","text":{{"body":"x"}}}},{{"from":"{PHONE}","id":"wamid.LOG_KEY","timestamp":"1749416383","type":"text","text":{{"body":"y"}},"x_unknown_key\nFORGED_LINE level=ERROR":1}}]"#
        )),
        // An ordinary delivered status, and a failed one.
        messages_body(&format!(
            r#""statuses":[{{"id":"wamid.LOG_OUT","status":"delivered","timestamp":"1749416390","recipient_id":"{PHONE}"}},{{"id":"wamid.LOG_FAIL","status":"failed","timestamp":"1749416391","recipient_id":"{PHONE}","errors":[{{"code":131049,"title":"This message was not delivered to maintain healthy ecosystem engagement."}}]}}]"#
        )),
        // A message type this version does not know.
        messages_body(&format!(
            r#""messages":[{{"from":"{PHONE}","id":"wamid.LOG_NEW","timestamp":"1749416383","type":"x_example_type","x_example_type":{{"note":"my secret diary"}}}}]"#
        )),
        // Signed, but no webhook: refused, and its text is not logged either.
        format!(r#"{{"object":"whatsapp_business_account","entry":"my secret diary {PHONE}"}}"#),
    ];
    let mut answers = Vec::new();
    for body in &bodies {
        answers.push(post(addr, body).await);
    }
    assert_eq!(answers, [200, 200, 200, 200, 400]);
    server.abort();
    let _ = server.await; // the router and its queue are dropped: the worker drains and ends
    tokio::time::timeout(Duration::from_secs(5), worker)
        .await
        .expect("the worker ends")
        .unwrap();

    let log = captured.text();
    // What the log says: every event by its summary, the failure, the unknown type, the drift.
    for expected in [
        "field=messages type=text id=wamid.LOG_TEXT path=entry[0].changes[0].value.messages[0]",
        "text_bytes=34",
        "state=delivered id=wamid.LOG_OUT",
        "state=failed id=wamid.LOG_FAIL path=entry[0].changes[0].value.statuses[1] code=131049",
        "type=x_example_type id=wamid.LOG_NEW",
        "not known to this version",
        "messages[0]: invalid",
        r#"messages[1].x_unknown_key\nFORGED_LINE level=ERROR: unknown_key"#,
        "not a webhook notification at entry",
    ] {
        assert!(
            log.contains(expected),
            "{expected:?} not in the log:\n{log}"
        );
    }
    // What it must never say.
    for secret in [
        "4111111111111111",
        "my card",
        "my secret diary",
        PHONE,
        "Sheena",
    ] {
        assert!(!log.contains(secret), "{secret:?} in the log:\n{log}");
    }
    for line in log.lines() {
        assert!(
            line.contains(" INFO ") || line.contains(" WARN "),
            "a line the receiver did not write: {line:?}\n{log}"
        );
    }
}
