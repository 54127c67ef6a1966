//! The example receiver, the axum extractors and router, and the tower service under plain
//! hyper, over real HTTP on the loopback interface; the actix-web resource with actix-web's
//! own test tools; the AWS Lambda example with `lambda_http`'s request type.
//! Every request is bounded in time; the servers stop with the test.

#[allow(dead_code)]
#[path = "../../wa-webhook-types/examples/durable.rs"]
mod durable;

#[allow(dead_code)]
#[path = "../../wa-webhook-types/examples/lambda.rs"]
mod lambda;

use axum::routing::post;
use axum::Router;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wa_webhook_types::receive::axum::Webhook;
use wa_webhook_types::receive::signature;
use wa_webhook_types::receive::WebhookConfig;

const SECRET: &str = "app-secret";
const TOKEN: &str = "verify-token";

async fn serve(app: Router) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    addr
}

/// Serves the tower service under plain hyper on the loopback interface.
async fn serve_tower<H, Args>(
    service: wa_webhook_types::receive::tower::WebhookService<H, Args>,
) -> SocketAddr
where
    H: wa_webhook_types::receive::NotificationHandler<Args> + Send + Sync,
    H::Future: Send,
    Args: 'static,
{
    use hyper_util::rt::TokioIo;
    use hyper_util::service::TowerToHyperService;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let (stream, _) = listener.accept().await.unwrap();
            let service = TowerToHyperService::new(service.clone());
            tokio::spawn(
                hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service),
            );
        }
    });
    addr
}

/// Sends one HTTP/1.1 request and returns the status and body.
async fn request(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String) {
    let exchange = async {
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        let mut head = format!("{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n", body.len());
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes()).await.unwrap();
        // A server may answer (and close) before reading an oversized body.
        let _ = stream.write_all(body).await;
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response).await;
        response
    };
    let response = tokio::time::timeout(Duration::from_secs(10), exchange)
        .await
        .expect("the server answers in time");
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {text:?}"));
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_owned())
        .unwrap_or_default();
    (status, body)
}

const BODY: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"1","time":1,"changes":[{"field":"security","value":{"display_phone_number":"15550783881","event":"PIN_CHANGED"}}]}]}"#;
/// A body the tests' handlers refuse (503): one they could not keep.
const REFUSED: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"x_example_refused","value":{}}]}]}"#;

#[tokio::test]
async fn the_receiver_stores_verified_bodies_raw_and_answers_the_handshake() {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("receiver");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let log = dir.join("webhooks.jsonl");
    let app = durable::app(WebhookConfig::new(SECRET, TOKEN), log.clone()).unwrap();
    let addr = serve(app).await;

    let (status, body) = request(
        addr,
        "GET",
        "/webhook?hub.mode=subscribe&hub.verify_token=verify-token&hub.challenge=1158201444",
        &[],
        b"",
    )
    .await;
    assert_eq!((status, body.as_str()), (200, "1158201444"));
    let (status, body) = request(
        addr,
        "GET",
        "/webhook?hub.mode=subscribe&hub.verify_token=wrong&hub.challenge=1",
        &[],
        b"",
    )
    .await;
    assert_eq!(status, 403);
    assert!(body.contains("verify_token"), "{body}");

    // Signed: stored raw, even a body that is not a webhook (nothing is lost).
    let strange = "{\"not\": \"a webhook\",\n \"caf\\u00e9\": 1}";
    for body in [BODY, strange] {
        let sig = signature::sign(SECRET, body.as_bytes());
        let (status, _) = request(
            addr,
            "POST",
            "/webhook",
            &[
                ("X-Hub-Signature-256", &sig),
                ("Content-Type", "application/json"),
            ],
            body.as_bytes(),
        )
        .await;
        assert_eq!(status, 200);
    }
    // Unsigned or badly signed: refused and not stored.
    let (status, _) = request(addr, "POST", "/webhook", &[], BODY.as_bytes()).await;
    assert_eq!(status, 401);
    let wrong = signature::sign("other-secret", BODY.as_bytes());
    let (status, _) = request(
        addr,
        "POST",
        "/webhook",
        &[("X-Hub-Signature-256", &wrong)],
        BODY.as_bytes(),
    )
    .await;
    assert_eq!(status, 403);

    let stored: Vec<serde_json::Value> = std::fs::read_to_string(&log)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(stored.len(), 2);
    assert_eq!(stored[0]["body"], BODY);
    let signed = signature::sign(SECRET, BODY.as_bytes());
    assert_eq!(
        stored[0]["signature"],
        signed.as_str(),
        "kept to verify again later"
    );
    assert_eq!(
        stored[1]["body"], strange,
        "stored exactly as received, escapes and newlines included"
    );
}

#[tokio::test]
async fn the_extractor_rejects_with_the_right_status() {
    async fn handle(Webhook(notification): Webhook) -> String {
        notification
            .changes()
            .map(|c| c.field().to_owned())
            .collect::<Vec<_>>()
            .join(",")
    }
    let config = WebhookConfig::new(SECRET, TOKEN).with_body_limit(4096);
    let addr = serve(Router::new().route("/", post(handle)).with_state(config)).await;
    let sign = |body: &[u8]| signature::sign(SECRET, body);

    let (status, body) = request(
        addr,
        "POST",
        "/",
        &[("X-Hub-Signature-256", &sign(BODY.as_bytes()))],
        BODY.as_bytes(),
    )
    .await;
    assert_eq!((status, body.as_str()), (200, "security"));

    /// Headers, body, expected status, expected reason in the response.
    type Case<'a> = (Vec<(&'a str, String)>, Vec<u8>, u16, &'a str);
    let cases: Vec<Case> = vec![
        (vec![], BODY.into(), 401, "no X-Hub-Signature-256 header"),
        (
            vec![("X-Hub-Signature-256", "sha1=abc".into())],
            BODY.into(),
            401,
            "does not start with `sha256=`",
        ),
        (
            vec![("X-Hub-Signature-256", "sha256=abc".into())],
            BODY.into(),
            401,
            "3 characters",
        ),
        (
            vec![("X-Hub-Signature-256", format!("sha256={}", "z".repeat(64)))],
            BODY.into(),
            401,
            "not a hex digit",
        ),
        (
            vec![("X-Hub-Signature-256", sign(b"other"))],
            BODY.into(),
            403,
            "does not match",
        ),
        (
            vec![("X-Hub-Signature-256", sign(b"[1,2]"))],
            b"[1,2]".to_vec(),
            400,
            "not a webhook notification: (body): invalid type: sequence",
        ),
        (
            vec![("X-Hub-Signature-256", sign(&[b'x'; 5000]))],
            vec![b'x'; 5000],
            413,
            "larger than 4096 bytes",
        ),
    ];
    for (headers, body, expected, reason) in cases {
        let headers: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (status, text) = request(addr, "POST", "/", &headers, &body).await;
        assert_eq!(status, expected, "{text}");
        assert!(text.contains(reason), "expected {reason:?} in {text:?}");
    }
}

#[tokio::test]
async fn the_router_answers_the_handshake_and_hands_verified_posts_to_the_handler() {
    use axum::http::StatusCode;
    use std::sync::{Arc, Mutex};
    use wa_webhook_types::receive::axum::router;

    let seen = Arc::new(Mutex::new(Vec::new()));
    let keep = seen.clone();
    // The handler's answer is the response: 503 for a body it could not keep.
    let handler = move |Webhook(notification): Webhook| async move {
        let fields: Vec<String> = notification
            .changes()
            .map(|c| c.field().to_owned())
            .collect();
        let refuse = fields.iter().any(|f| f == "x_example_refused");
        keep.lock().unwrap().extend(fields);
        if refuse {
            StatusCode::SERVICE_UNAVAILABLE
        } else {
            StatusCode::OK
        }
    };
    let config = WebhookConfig::new(SECRET, TOKEN).with_path("/x-example/hook");
    let addr = serve(router(config, handler)).await;
    let signed = |body: &str| signature::sign(SECRET, body.as_bytes());

    let handshake =
        "/x-example/hook?hub.mode=subscribe&hub.verify_token=verify-token&hub.challenge=42";
    let (status, body) = request(addr, "GET", handshake, &[], b"").await;
    assert_eq!((status, body.as_str()), (200, "42"));
    let wrong = "/x-example/hook?hub.mode=subscribe&hub.verify_token=x&hub.challenge=42";
    assert_eq!(request(addr, "GET", wrong, &[], b"").await.0, 403);
    let (status, _) = request(addr, "GET", "/webhook", &[], b"").await;
    assert_eq!(status, 404, "only the configured path is served");

    let header = signed(BODY);
    let post = |body: &'static str, header: String| async move {
        let headers = [("X-Hub-Signature-256", header.as_str())];
        request(addr, "POST", "/x-example/hook", &headers, body.as_bytes())
            .await
            .0
    };
    assert_eq!(post(BODY, header).await, 200);
    assert_eq!(post(BODY, signed("other")).await, 403);
    assert_eq!(
        post("[1]", signed("[1]")).await,
        400,
        "signed, but not a webhook"
    );
    assert_eq!(post(REFUSED, signed(REFUSED)).await, 503);
    assert_eq!(
        *seen.lock().unwrap(),
        ["security", "x_example_refused"],
        "the handler saw the verified posts only"
    );
}

/// The app's own state reaches the handler beside the verified notification; an event the app
/// could not store (503) is handled when Meta delivers it again, and only then a repeat.
#[tokio::test]
async fn a_503_then_metas_retry_handles_the_event_once() {
    use axum::extract::State;
    use axum::http::StatusCode;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};
    use wa_webhook_types::receive::axum::router_with_state;
    use wa_webhook_types::RecentEvents;

    #[derive(Clone)]
    struct App {
        config: WebhookConfig,
        recent: Arc<RecentEvents>,
        /// Stores that fail before one succeeds (a full queue, a database down).
        failures_left: Arc<AtomicUsize>,
        stored: Arc<Mutex<Vec<String>>>,
    }
    async fn receive(State(app): State<App>, Webhook(notification): Webhook) -> StatusCode {
        for event in notification.events() {
            let Some(claim) = app.recent.claim(&event) else {
                continue;
            };
            let failed = app
                .failures_left
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                .is_ok();
            if failed {
                return StatusCode::SERVICE_UNAVAILABLE;
            }
            app.stored
                .lock()
                .unwrap()
                .push(event.idempotency_key().unwrap());
            claim.keep();
        }
        StatusCode::OK
    }
    impl axum::extract::FromRef<App> for WebhookConfig {
        fn from_ref(app: &App) -> WebhookConfig {
            app.config.clone()
        }
    }
    let app = App {
        config: WebhookConfig::new(SECRET, TOKEN),
        recent: Arc::new(RecentEvents::new(100)),
        failures_left: Arc::new(AtomicUsize::new(1)),
        stored: Arc::default(),
    };
    let addr = serve(router_with_state(app.clone(), receive)).await;
    const MESSAGE: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"15550783881","phone_number_id":"106540352242922"},"messages":[{"from":"16505551234","id":"wamid.X_EXAMPLE","timestamp":"1749416383","type":"text","text":{"body":"hi"}}]}}]}]}"#;
    let header = signature::sign(SECRET, MESSAGE.as_bytes());
    let mut answers = Vec::new();
    for _ in 0..3 {
        let headers = [("X-Hub-Signature-256", header.as_str())];
        let (status, _) = request(addr, "POST", "/webhook", &headers, MESSAGE.as_bytes()).await;
        answers.push(status);
    }
    assert_eq!(answers, [503, 200, 200], "refused, retried, repeated");
    assert_eq!(
        *app.stored.lock().unwrap(),
        ["wamid.X_EXAMPLE"],
        "the retry after the 503 was handled, the repeat after it was not"
    );
    let handshake = "/webhook?hub.mode=subscribe&hub.verify_token=verify-token&hub.challenge=7";
    assert_eq!(
        request(addr, "GET", handshake, &[], b"").await,
        (200, "7".to_owned())
    );
}

/// Rotating the app secret: a body signed with the previous secret is accepted while both are
/// configured, and refused once only the new one is.
#[tokio::test]
async fn a_body_signed_with_the_previous_secret_is_accepted_while_it_is_configured() {
    use wa_webhook_types::receive::axum::router;
    async fn receive(Webhook(_): Webhook) {}
    let old = signature::sign("old-secret", BODY.as_bytes());
    let new = signature::sign(SECRET, BODY.as_bytes());
    let rotating = WebhookConfig::new(SECRET, TOKEN).with_previous_secret("old-secret");
    let rotated = WebhookConfig::new(SECRET, TOKEN);
    let during = serve(router(rotating, receive)).await;
    let after = serve(router(rotated, receive)).await;
    let post = |addr, header: String| async move {
        let headers = [("X-Hub-Signature-256", header.as_str())];
        request(addr, "POST", "/webhook", &headers, BODY.as_bytes())
            .await
            .0
    };
    assert_eq!(post(during, old.clone()).await, 200);
    assert_eq!(post(during, new.clone()).await, 200);
    assert_eq!(post(after, old).await, 403);
    assert_eq!(post(after, new).await, 200);
    let other = signature::sign("x-example-other-secret", BODY.as_bytes());
    assert_eq!(post(during, other).await, 403);
}

/// Several apps on one endpoint: each body is accepted with the app that signed it, by its
/// name or place; a body no configured app signed is refused.
#[tokio::test]
async fn signed_webhook_says_which_app_signed_the_body() {
    use wa_webhook_types::receive::axum::{router, SignedWebhook};
    async fn receive(SignedWebhook(_, app): SignedWebhook) -> String {
        format!("{} {:?} {}", app.index, app.name(), app.previous_secret)
    }
    let config = WebhookConfig::new(SECRET, TOKEN)
        .with_app_secret(Some("shop"), "x-example-shop-secret")
        .with_app_secret(None, "x-example-third-secret")
        .with_previous_secret("x-example-old-secret");
    let addr = serve(router(config, receive)).await;
    let mut answers = Vec::new();
    for secret in [
        SECRET,
        "x-example-shop-secret",
        "x-example-third-secret",
        "x-example-old-secret",
        "x-example-unknown-secret",
    ] {
        let header = signature::sign(secret, BODY.as_bytes());
        let headers = [("X-Hub-Signature-256", header.as_str())];
        answers.push(request(addr, "POST", "/webhook", &headers, BODY.as_bytes()).await);
    }
    let (refused, accepted) = answers.split_last().unwrap();
    assert_eq!(
        accepted,
        [
            (200, "0 None false".to_owned()),
            (200, "1 Some(\"shop\") false".to_owned()),
            (200, "2 None false".to_owned()),
            (200, "0 None true".to_owned()),
        ],
        "each app by its place and name; the first app's previous secret says so"
    );
    assert_eq!(refused.0, 403, "{refused:?}");
}

/// What `main` prints when it returns the error: a sentence, not a struct.
#[test]
fn a_missing_variable_reads_as_a_sentence_from_main() {
    let error = wa_webhook_types::receive::MissingEnvVar("WA_APP_SECRET");
    assert_eq!(
        format!("Error: {error:?}"),
        "Error: set the environment variable WA_APP_SECRET (it is unset, empty or not UTF-8)"
    );
}

/// The fields a handler saw, and the handler: 503 for a body with the field
/// `x_example_refused` (a body it could not keep), 200 otherwise.
#[allow(clippy::type_complexity)]
fn recording_handler() -> (
    std::sync::Arc<std::sync::Mutex<Vec<String>>>,
    impl Fn(
            wa_webhook_types::Notification,
        ) -> std::pin::Pin<
            Box<dyn std::future::Future<Output = wa_webhook_types::http::StatusCode> + Send>,
        > + Clone
        + Send
        + 'static,
) {
    use wa_webhook_types::http::StatusCode;
    let seen: std::sync::Arc<std::sync::Mutex<Vec<String>>> = Default::default();
    let keep = seen.clone();
    let handler = move |notification: wa_webhook_types::Notification| {
        let fields: Vec<String> = notification
            .changes()
            .map(|c| c.field().to_owned())
            .collect();
        let refuse = fields.iter().any(|f| f == "x_example_refused");
        keep.lock().unwrap().extend(fields);
        let status = if refuse {
            StatusCode::SERVICE_UNAVAILABLE
        } else {
            StatusCode::OK
        };
        Box::pin(std::future::ready(status))
            as std::pin::Pin<Box<dyn std::future::Future<Output = StatusCode> + Send>>
    };
    (seen, handler)
}

/// The tower adapter under a plain hyper server: the handshake, a verified post handed to the
/// handler (whose status is the answer), and the refusals with their status.
#[tokio::test]
async fn the_tower_service_serves_a_plain_hyper_server() {
    use wa_webhook_types::receive::tower::WebhookService;

    let (seen, handler) = recording_handler();
    let service = WebhookService::new(
        WebhookConfig::new(SECRET, TOKEN)
            .with_body_limit(4096)
            .with_path("/any"),
        handler,
    );
    let addr = serve_tower(service).await;

    let handshake = "/any?hub.mode=subscribe&hub.verify_token=verify-token&hub.challenge=42";
    assert_eq!(
        request(addr, "GET", handshake, &[], b"").await,
        (200, "42".to_owned())
    );
    let wrong = "/any?hub.mode=subscribe&hub.verify_token=x&hub.challenge=42";
    assert_eq!(request(addr, "GET", wrong, &[], b"").await.0, 403);
    let post = |body: &'static str, header: Option<String>| async move {
        let headers: Vec<(&str, &str)> = header
            .iter()
            .map(|h| ("X-Hub-Signature-256", h.as_str()))
            .collect();
        request(addr, "POST", "/any", &headers, body.as_bytes())
            .await
            .0
    };
    let signed = |body: &str| Some(signature::sign(SECRET, body.as_bytes()));
    assert_eq!(post(BODY, signed(BODY)).await, 200);
    assert_eq!(post(BODY, None).await, 401);
    assert_eq!(post(BODY, signed("other")).await, 403);
    assert_eq!(
        post("[1]", signed("[1]")).await,
        400,
        "signed, but not a webhook"
    );
    assert_eq!(
        post(REFUSED, signed(REFUSED)).await,
        503,
        "the handler's status"
    );
    let large: &'static str = Box::leak("x".repeat(5000).into_boxed_str());
    assert_eq!(post(large, signed(large)).await, 413);
    assert_eq!(request(addr, "PUT", "/any", &[], b"").await.0, 405);
    let other_path = signed(BODY).unwrap();
    let headers = [("X-Hub-Signature-256", other_path.as_str())];
    let (status, _) = request(addr, "POST", "/other", &headers, BODY.as_bytes()).await;
    assert_eq!(status, 404, "only the configured path is served");
    assert_eq!(*seen.lock().unwrap(), ["security", "x_example_refused"]);
}

/// The tower service and the actix-web resource hand a handler that asks for it the app whose
/// secret signed the body, as the axum extractor `SignedWebhook` does.
#[tokio::test]
async fn the_tower_and_actix_handlers_can_take_the_signing_app() {
    use wa_webhook_types::http::StatusCode;
    use wa_webhook_types::receive::tower::WebhookService;
    use wa_webhook_types::receive::SigningApp;
    use wa_webhook_types::Notification;

    /// 200 for the first app, 202 for the app named `shop`.
    async fn by_app(_: Notification, app: SigningApp) -> StatusCode {
        match app.name() {
            Some("shop") => StatusCode::ACCEPTED,
            _ => StatusCode::OK,
        }
    }
    let config =
        WebhookConfig::new(SECRET, TOKEN).with_app_secret(Some("shop"), "x-example-shop-secret");
    let service = WebhookService::new(config.clone(), by_app);
    let addr = serve_tower(service).await;
    let post = |secret: &'static str| async move {
        let header = signature::sign(secret, BODY.as_bytes());
        let headers = [("X-Hub-Signature-256", header.as_str())];
        request(addr, "POST", "/webhook", &headers, BODY.as_bytes())
            .await
            .0
    };
    assert_eq!(post(SECRET).await, 200);
    assert_eq!(post("x-example-shop-secret").await, 202);
    assert_eq!(post("x-example-other-secret").await, 403);

    let statuses = std::thread::spawn(move || {
        actix_web::rt::System::new().block_on(async move {
            use actix_web::{test, App};
            let app = test::init_service(
                App::new().service(wa_webhook_types::receive::actix::resource(config, by_app)),
            )
            .await;
            let mut statuses = Vec::new();
            for secret in [SECRET, "x-example-shop-secret"] {
                let request = test::TestRequest::post()
                    .uri("/webhook")
                    .insert_header((
                        "X-Hub-Signature-256",
                        signature::sign(secret, BODY.as_bytes()),
                    ))
                    .set_payload(BODY)
                    .to_request();
                statuses.push(test::call_service(&app, request).await.status().as_u16());
            }
            statuses
        })
    })
    .join()
    .unwrap();
    assert_eq!(statuses, [200, 202]);
}

/// The core a stack that reads the whole body calls (AWS Lambda, actix-web): one call per
/// request, the same answers as the adapters.
#[test]
fn the_core_receives_a_whole_request() {
    use wa_webhook_types::http::Request;
    use wa_webhook_types::receive::Received;
    let config = WebhookConfig::new(SECRET, TOKEN).with_path("/w");
    let get = Request::get("/w?hub.mode=subscribe&hub.verify_token=verify-token&hub.challenge=9")
        .body(Vec::new())
        .unwrap();
    match config.receive(&get) {
        Ok(Received::Handshake(answer)) => assert_eq!(
            (answer.status().as_u16(), answer.body().as_str()),
            (200, "9")
        ),
        other => panic!("{other:?}"),
    }
    let post = |header: String| {
        Request::post("/w")
            .header("X-Hub-Signature-256", header)
            .body(BODY.as_bytes().to_vec())
            .unwrap()
    };
    match config.receive(&post(signature::sign(SECRET, BODY.as_bytes()))) {
        Ok(Received::Notification(n, _)) => {
            assert_eq!(n.changes().next().unwrap().field(), "security")
        }
        other => panic!("{other:?}"),
    }
    let refused = config
        .receive(&post(signature::sign("other", BODY.as_bytes())))
        .unwrap_err();
    let answer = refused.to_response();
    assert_eq!(answer.status().as_u16(), 403);
    assert_eq!(answer.headers()["x-content-type-options"], "nosniff");
    let put = Request::put("/w").body(Vec::new()).unwrap();
    assert_eq!(config.receive(&put).unwrap_err().status().as_u16(), 405);
    let elsewhere = Request::post("/x-example-other")
        .header(
            "X-Hub-Signature-256",
            signature::sign(SECRET, BODY.as_bytes()),
        )
        .body(BODY.as_bytes().to_vec())
        .unwrap();
    assert_eq!(
        config.receive(&elsewhere).unwrap_err().status().as_u16(),
        404,
        "only the configured path is served"
    );
}

/// The actix-web resource, with actix-web's test tools: the handshake, a verified post handed
/// to the handler (whose status is the answer), and the refusals with their status.
#[actix_web::test]
async fn the_actix_resource_answers_as_the_other_adapters() {
    use actix_web::{test, App};

    let (seen, handler) = recording_handler();
    let config = WebhookConfig::new(SECRET, TOKEN).with_body_limit(4096);
    let app = test::init_service(
        App::new().service(wa_webhook_types::receive::actix::resource(config, handler)),
    )
    .await;

    let handshake = "/webhook?hub.mode=subscribe&hub.verify_token=verify-token&hub.challenge=42";
    let answer =
        test::call_service(&app, test::TestRequest::get().uri(handshake).to_request()).await;
    assert_eq!(answer.status().as_u16(), 200);
    assert_eq!(
        answer.headers().get("x-content-type-options").unwrap(),
        "nosniff"
    );
    assert_eq!(test::read_body(answer).await, "42");
    let wrong = "/webhook?hub.mode=subscribe&hub.verify_token=x&hub.challenge=42";
    let answer = test::call_service(&app, test::TestRequest::get().uri(wrong).to_request()).await;
    assert_eq!(answer.status().as_u16(), 403);

    let signed = |body: &str| Some(signature::sign(SECRET, body.as_bytes()));
    let cases: Vec<(String, Option<String>, u16)> = vec![
        (BODY.into(), signed(BODY), 200),
        (BODY.into(), None, 401),
        (BODY.into(), signed("other"), 403),
        ("[1]".into(), signed("[1]"), 400),
        ("x".repeat(5000), signed(&"x".repeat(5000)), 413),
    ];
    for (body, header, expected) in cases {
        let mut request = test::TestRequest::post().uri("/webhook").set_payload(body);
        if let Some(header) = header {
            request = request.insert_header(("X-Hub-Signature-256", header));
        }
        let answer = test::call_service(&app, request.to_request()).await;
        assert_eq!(answer.status().as_u16(), expected);
    }
    let request = test::TestRequest::post()
        .uri("/webhook")
        .insert_header((
            "X-Hub-Signature-256",
            signature::sign(SECRET, REFUSED.as_bytes()),
        ))
        .set_payload(REFUSED);
    assert_eq!(
        test::call_service(&app, request.to_request())
            .await
            .status()
            .as_u16(),
        503
    );
    assert_eq!(*seen.lock().unwrap(), ["security", "x_example_refused"]);
}

/// The AWS Lambda example's handler, with the requests `lambda_http` hands it.
#[tokio::test]
async fn the_lambda_example_answers_as_the_other_adapters() {
    use lambda_http::{Body, Request};
    let app = std::sync::Arc::new(lambda::App::new(WebhookConfig::new(SECRET, TOKEN)));
    let call = |request: Request| {
        let app = app.clone();
        async move {
            let answer = app.handle(request).await.unwrap();
            let body = match answer.body() {
                Body::Text(text) => text.clone(),
                Body::Empty => String::new(),
                other => panic!("{other:?}"),
            };
            (answer.status().as_u16(), body)
        }
    };
    let handshake = "/webhook?hub.mode=subscribe&hub.verify_token=verify-token&hub.challenge=42";
    let get = Request::new(Body::Empty);
    let (mut parts, body) = get.into_parts();
    parts.uri = handshake.parse().unwrap();
    assert_eq!(
        call(Request::from_parts(parts, body)).await,
        (200, "42".to_owned())
    );
    let post = |header: String| {
        let mut request = Request::new(Body::Text(BODY.to_owned()));
        *request.method_mut() = wa_webhook_types::http::Method::POST;
        *request.uri_mut() = "/webhook".parse().unwrap();
        request
            .headers_mut()
            .insert("x-hub-signature-256", header.parse().unwrap());
        request
    };
    assert_eq!(
        call(post(signature::sign(SECRET, BODY.as_bytes()))).await.0,
        200
    );
    assert_eq!(
        call(post(signature::sign("other", BODY.as_bytes())))
            .await
            .0,
        403
    );
    let unsigned = {
        let mut request = Request::new(Body::Text(BODY.to_owned()));
        *request.method_mut() = wa_webhook_types::http::Method::POST;
        *request.uri_mut() = "/webhook".parse().unwrap();
        request
    };
    assert_eq!(call(unsigned).await.0, 401);
    let elsewhere = post(signature::sign(SECRET, BODY.as_bytes()));
    let (mut parts, body) = elsewhere.into_parts();
    parts.uri = "/x-example-other".parse().unwrap();
    assert_eq!(call(Request::from_parts(parts, body)).await.0, 404);
}
