//! A production receiver: handshake, signature, texts with the sender's name, reactions
//! (removed ones too), failed statuses with their errors, what the crate does not know, drift,
//! tracing and a graceful stop on SIGTERM. Repeats of Meta's at-least-once delivery are dropped.
//!
//! ```sh
//! WA_APP_SECRET=... WA_VERIFY_TOKEN=... RUST_LOG=info \
//!   cargo run -p wa-webhook-types --features axum --example receiver
//! ```
use std::sync::LazyLock;
use tracing::{info, warn};
use wa_webhook_types::axum::{router, shutdown_signal, Webhook, WebhookConfig};
use wa_webhook_types::RecentEvents;

static RECENT: LazyLock<RecentEvents> = LazyLock::new(|| RecentEvents::new(100_000));

async fn receive(Webhook(notification): Webhook) {
    let events = notification.events();
    for event in events.iter().filter(|e| RECENT.first_time(e)) {
        let who = event.user_name().unwrap_or("someone");
        if let Some(text) = event.text_message() {
            info!(who, text, at = event.timestamp(), "text");
        } else if let Some(reaction) = event.reaction() {
            let emoji = reaction.emoji.unwrap_or("(removed)");
            info!(who, emoji, on = reaction.message_id, "reaction");
        } else if event.is_failure() {
            for error in event.errors() {
                warn!(who, code = error.code, title = error.title, "failed");
            }
        } else {
            info!(field = event.field, path = event.path, item = ?event.item, "not handled");
        }
    }
    for drift in notification.drift() {
        warn!(%drift, kept = drift.kind.kept_as(), "new from Meta");
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt::init(); // RUST_LOG=info
    let listener = tokio::net::TcpListener::bind("0.0.0.0:8080").await?;
    let app = router(WebhookConfig::from_env()?, receive);
    Ok(axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?)
}
