//! A webhook receiver that loses nothing: it verifies the signature, appends the raw body to a
//! JSON Lines file, acknowledges, and only then parses (in the background), logging any drift.
//! If parsing fails, or a new kind of event arrives, the body is already on disk.
//!
//! ```sh
//! WA_APP_SECRET=... WA_VERIFY_TOKEN=... \
//!   cargo run -p wa-webhook-types --features axum --example receiver -- 127.0.0.1:8080 webhooks.jsonl
//! ```

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};
use tokio::io::AsyncWriteExt;
use tokio::sync::Mutex;
use wa_webhook_types::axum::{handshake, VerifiedBody, WebhookConfig};
use wa_webhook_types::Notification;

/// The receiver's state: the webhook configuration and the log it appends to.
#[derive(Clone)]
pub struct Receiver {
    config: WebhookConfig,
    log: Arc<Mutex<PathBuf>>,
}

impl axum::extract::FromRef<Receiver> for WebhookConfig {
    fn from_ref(receiver: &Receiver) -> WebhookConfig {
        receiver.config.clone()
    }
}

/// The routes: `GET /webhook` answers the handshake, `POST /webhook` receives.
pub fn app(config: WebhookConfig, log: PathBuf) -> Router {
    let receiver = Receiver {
        config,
        log: Arc::new(Mutex::new(log)),
    };
    Router::new()
        .route("/webhook", get(handshake).post(receive))
        .with_state(receiver)
}

/// One JSON Lines record: when, and the body exactly as received (as a JSON string).
fn record(body: &[u8]) -> String {
    let received_at = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or_default();
    let body = String::from_utf8_lossy(body);
    let mut line = serde_json::json!({ "received_at": received_at, "body": body }).to_string();
    line.push('\n');
    line
}

async fn receive(State(receiver): State<Receiver>, VerifiedBody(body): VerifiedBody) -> StatusCode {
    {
        // One writer at a time, so records never interleave.
        let path = receiver.log.lock().await;
        let appended = async {
            let mut file = tokio::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(&*path)
                .await?;
            file.write_all(record(&body).as_bytes()).await?;
            file.flush().await
        };
        if let Err(e) = appended.await {
            eprintln!("receiver: cannot append to {}: {e}", path.display());
            // Not acknowledged: Meta retries, so the event is not lost.
            return StatusCode::INTERNAL_SERVER_ERROR;
        }
    }
    tokio::spawn(async move {
        match Notification::from_slice(&body) {
            Ok(notification) => {
                for drift in notification.drift() {
                    eprintln!("receiver: new from Meta: {drift}");
                }
            }
            Err(e) => eprintln!("receiver: stored, but not a webhook notification: {e}"),
        }
    });
    StatusCode::OK
}

#[allow(dead_code)] // the tests include this file for `app` and run their own server
#[tokio::main]
async fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let addr = args.next().unwrap_or_else(|| "127.0.0.1:8080".to_owned());
    let log = PathBuf::from(args.next().unwrap_or_else(|| "webhooks.jsonl".to_owned()));
    let (Ok(secret), Ok(token)) = (
        std::env::var("WA_APP_SECRET"),
        std::env::var("WA_VERIFY_TOKEN"),
    ) else {
        eprintln!("receiver: set WA_APP_SECRET and WA_VERIFY_TOKEN");
        std::process::exit(2);
    };
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    eprintln!(
        "receiver: listening on http://{}/webhook, appending to {}",
        listener.local_addr()?,
        log.display()
    );
    axum::serve(listener, app(WebhookConfig::new(secret, token), log)).await
}
