//! Using the library in your own axum app: each verified body is appended to a JSON Lines
//! file and synced to disk before the 200, then parsed in the background, drift logged. If
//! parsing fails, or a new kind of event arrives, the body is already on disk.
//!
//! For a ready-made receiver (group commit, rotation, crash recovery, NATS JetStream), run
//! `wa-webhook serve`; its records have this same shape, so `wa-webhook check` reads both.
//!
//! ```sh
//! WA_APP_SECRET=... WA_VERIFY_TOKEN=... \
//!   cargo run -p wa-webhook-types --features axum --example durable -- 127.0.0.1:8080 webhooks.jsonl
//! ```

use axum::extract::{FromRef, State};
use axum::http::{HeaderMap, StatusCode};
use axum::{routing::get, Router};
use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{SystemTime, UNIX_EPOCH};
use wa_webhook_types::receive::axum::{handshake, VerifiedBody};
use wa_webhook_types::receive::signature;
use wa_webhook_types::receive::WebhookConfig;
use wa_webhook_types::Notification;

/// The receiver's state: what requests are checked against, and the file it appends to.
#[derive(Clone)]
pub struct Receiver {
    config: WebhookConfig,
    log: Arc<Mutex<std::fs::File>>,
}

/// Where the handshake and the extractor find the configuration.
impl FromRef<Receiver> for WebhookConfig {
    fn from_ref(receiver: &Receiver) -> WebhookConfig {
        receiver.config.clone()
    }
}

/// The routes: `GET /webhook` answers the handshake, `POST /webhook` receives.
pub fn app(config: WebhookConfig, log: std::path::PathBuf) -> std::io::Result<Router> {
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)?;
    let log = Arc::new(Mutex::new(file));
    Ok(Router::new()
        .route("/webhook", get(handshake).post(receive))
        .with_state(Receiver { config, log }))
}

async fn receive(
    State(receiver): State<Receiver>,
    headers: HeaderMap,
    VerifiedBody(body, _app): VerifiedBody,
) -> StatusCode {
    let received_at_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    let signature = headers.get(signature::HEADER).and_then(|v| v.to_str().ok());
    let body_text = String::from_utf8_lossy(&body); // Meta's JSON is UTF-8: exact
    let record = serde_json::json!({ "received_at_ms": received_at_ms, "signature": signature, "body": body_text });
    let line = format!("{record}\n");
    let log = receiver.log.clone();
    // One writer at a time (records never interleave), synced before answering.
    let stored = tokio::task::spawn_blocking(move || {
        let mut file = log.lock().unwrap_or_else(|p| p.into_inner());
        file.write_all(line.as_bytes())?;
        file.sync_data()
    })
    .await;
    if !matches!(stored, Ok(Ok(()))) {
        eprintln!("receiver: cannot store the body: {stored:?}");
        // Not acknowledged: Meta retries, so the event is not lost.
        return StatusCode::SERVICE_UNAVAILABLE;
    }
    tokio::spawn(async move {
        match Notification::from_slice(&body) {
            Ok(notification) => {
                for drift in notification.drift() {
                    eprintln!("receiver: new from Meta: {} {}", drift.kind, drift.path);
                }
            }
            Err(e) => eprintln!("receiver: stored, but not a webhook notification: {e}"),
        }
    });
    StatusCode::OK
}

#[allow(dead_code)] // the tests include this file for `app` and run their own server
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let addr = args.next().unwrap_or_else(|| "127.0.0.1:8080".to_owned());
    let log = args.next().unwrap_or_else(|| "webhooks.jsonl".to_owned());
    let app = app(WebhookConfig::from_env()?, log.into())?;
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    eprintln!(
        "receiver: listening on http://{}/webhook",
        listener.local_addr()?
    );
    Ok(axum::serve(listener, app).await?)
}
