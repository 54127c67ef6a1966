//! A production receiver: handshake, signature, repeats dropped, each new event queued to a
//! worker (503 when the queue is full, so Meta delivers the body again and nothing is lost),
//! failed statuses, what the crate does not know, drift, tracing and a graceful stop on
//! SIGTERM. Its logs hold no phone number and no user's text: events are logged by their
//! summary, drift by its `Display`.
//!
//! ```sh
//! WA_APP_SECRET=... WA_VERIFY_TOKEN=... RUST_LOG=info \
//!   cargo run -p wa-webhook-types --features axum --example receiver
//! ```
use axum::extract::{FromRef, State};
use axum::{http::StatusCode, Router};
use std::sync::Arc;
use tokio::sync::mpsc;
use tracing::{info, warn};
use wa_webhook_types::receive::axum::{router_with_state, shutdown_signal, Webhook};
use wa_webhook_types::receive::WebhookConfig;
use wa_webhook_types::RecentEvents;

/// What the worker gets of an event: owned, so that it outlives the request.
#[derive(Debug)]
pub struct Job {
    /// The event's summary, for the worker's logs.
    pub summary: String,
    /// The text the user wrote or chose, for the app (never for a log).
    pub text: Option<String>,
}

#[derive(Clone)]
struct App {
    config: WebhookConfig,
    recent: Arc<RecentEvents>,
    queue: mpsc::Sender<Job>,
}

/// Where the handshake and the extractors find the configuration.
impl FromRef<App> for WebhookConfig {
    fn from_ref(app: &App) -> WebhookConfig {
        app.config.clone()
    }
}

/// The routes on `config`'s path, queueing each new event to `queue`.
pub fn routes(config: WebhookConfig, queue: mpsc::Sender<Job>) -> Router {
    let recent = Arc::new(RecentEvents::new(100_000));
    router_with_state(
        App {
            config,
            recent,
            queue,
        },
        receive,
    )
}

async fn receive(State(app): State<App>, Webhook(notification): Webhook) -> StatusCode {
    for event in notification.events() {
        let Some(claim) = app.recent.claim(&event) else {
            continue; // a repeat, or one in flight
        };
        let summary = event.summary(); // field, type, state, ID, path: never a phone or a text
        if let Some(errors) = event.failed_status() {
            for error in errors {
                warn!(event = %summary, code = error.code, "failed");
            }
        } else if event.unrecognized().is_some() {
            warn!(event = %summary, "not known to this version");
        }
        let job = Job {
            summary: summary.to_string(),
            text: event.text().map(str::to_owned),
        };
        if app.queue.try_send(job).is_err() {
            warn!(event = %summary, "queue full: 503, Meta delivers the body again");
            return StatusCode::SERVICE_UNAVAILABLE; // the claim is dropped: the retry is new
        }
        claim.keep();
    }
    for drift in notification.drift() {
        warn!(%drift, kept = drift.kind.kept_as(), "new from Meta");
    }
    StatusCode::OK
}

/// The worker: here it logs each event (a text by its length, never its words).
pub async fn work(mut jobs: mpsc::Receiver<Job>) {
    while let Some(job) = jobs.recv().await {
        let text_bytes = job.text.as_ref().map(String::len);
        info!(event = %job.summary, text_bytes, "handled");
    }
}

#[allow(dead_code)] // the tests include this file for `routes` and `work`
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt::init(); // RUST_LOG=info
    let (queue, jobs) = mpsc::channel(1024);
    let worker = tokio::spawn(work(jobs));
    let app = routes(WebhookConfig::from_env()?, queue);
    let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await?;
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    Ok(worker.await?) // the router and its queue are gone: the worker drains what is left
}
