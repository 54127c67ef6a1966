//! The receiver on plain hyper, through the `tower` feature's service: repeats dropped, each new
//! event queued to a worker (503 when the queue is full, so Meta delivers the body again),
//! tracing, and a graceful stop on SIGTERM (requests in flight answered, the queue drained).
//!
//! ```toml
//! [dependencies]
//! wa-webhook-types = { path = "../wa-webhook/wa-webhook-types", features = ["tower"] }
//! hyper = { version = "1", features = ["server", "http1"] }
//! hyper-util = { version = "0.1", features = ["server", "server-graceful", "service", "tokio", "http1"] }
//! tokio = { version = "1", features = ["rt-multi-thread", "macros", "net", "sync"] }
//! tracing = "0.1"
//! tracing-subscriber = { version = "0.3", features = ["fmt", "env-filter"] }
//! ```
//!
//! ```sh
//! WA_APP_SECRET=... WA_VERIFY_TOKEN=... RUST_LOG=info \
//!   cargo run -p wa-webhook-types --features tower --example hyper_tower
//! ```

use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::sync::Arc;
use tokio::sync::mpsc;
use tracing::{info, warn};
use wa_webhook_types::http::StatusCode;
use wa_webhook_types::receive::tower::WebhookService;
use wa_webhook_types::receive::{shutdown_signal, WebhookConfig};
use wa_webhook_types::{Notification, RecentEvents};

/// The handler: its state is what the closure that calls it captured.
async fn receive(
    recent: Arc<RecentEvents>,
    queue: mpsc::Sender<String>,
    notification: Notification,
) -> StatusCode {
    for event in notification.events() {
        let Some(claim) = recent.claim(&event) else {
            continue; // a repeat, or one in flight
        };
        if queue.try_send(event.summary().to_string()).is_err() {
            warn!(event = %event.summary(), "queue full: 503, Meta delivers the body again");
            return StatusCode::SERVICE_UNAVAILABLE;
        }
        claim.keep();
    }
    StatusCode::OK
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt::init(); // RUST_LOG=info
    let (queue, mut jobs) = mpsc::channel::<String>(1024);
    let worker = tokio::spawn(async move {
        while let Some(event) = jobs.recv().await {
            info!(%event, "handled");
        }
    });
    let recent = Arc::new(RecentEvents::new(100_000));
    let service = WebhookService::new(WebhookConfig::from_env()?, move |notification| {
        receive(recent.clone(), queue.clone(), notification)
    });

    let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await?;
    let graceful = GracefulShutdown::new();
    let mut stop = std::pin::pin!(shutdown_signal());
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let (stream, _) = accepted?;
                let service = TowerToHyperService::new(service.clone());
                let connection = http1::Builder::new().serve_connection(TokioIo::new(stream), service);
                let connection = graceful.watch(connection);
                tokio::spawn(async move {
                    if let Err(error) = connection.await {
                        warn!(%error, "connection");
                    }
                });
            }
            () = &mut stop => break,
        }
    }
    drop(service); // with it the last queue sender, once the connections are done
    graceful.shutdown().await;
    Ok(worker.await?) // the worker drains what is queued
}
