//! The receiver on actix-web, through the `actix` feature's resource: repeats dropped, each new
//! event queued to a worker (503 when the queue is full, so Meta delivers the body again),
//! tracing, and a graceful stop on SIGTERM (actix-web's own: requests in flight answered; then
//! the queue is drained).
//!
//! ```toml
//! [dependencies]
//! wa-webhook-types = { path = "../wa-webhook/wa-webhook-types", features = ["actix"] }
//! actix-web = "4"
//! tokio = { version = "1", features = ["sync"] }
//! tracing = "0.1"
//! tracing-subscriber = { version = "0.3", features = ["fmt", "env-filter"] }
//! ```
//!
//! ```sh
//! WA_APP_SECRET=... WA_VERIFY_TOKEN=... RUST_LOG=info \
//!   cargo run -p wa-webhook-types --features actix --example actix
//! ```

use actix_web::{App, HttpServer};
use std::sync::Arc;
use tokio::sync::mpsc;
use tracing::{info, warn};
use wa_webhook_types::http::StatusCode;
use wa_webhook_types::receive::WebhookConfig;
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

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt::init(); // RUST_LOG=info
    let config = WebhookConfig::from_env().map_err(std::io::Error::other)?;
    let (queue, mut jobs) = mpsc::channel::<String>(1024);
    let worker = actix_web::rt::spawn(async move {
        while let Some(event) = jobs.recv().await {
            info!(%event, "handled");
        }
    });
    let recent = Arc::new(RecentEvents::new(100_000));
    HttpServer::new(move || {
        let (recent, queue) = (recent.clone(), queue.clone());
        let handler = move |notification| receive(recent.clone(), queue.clone(), notification);
        App::new().service(wa_webhook_types::receive::actix::resource(
            config.clone(),
            handler,
        ))
    })
    .bind("0.0.0.0:8080")?
    .shutdown_timeout(30) // SIGTERM or Ctrl-C: 30 s for the requests in flight
    .run()
    .await?;
    worker.await.map_err(std::io::Error::other) // the server and its senders are gone
}
