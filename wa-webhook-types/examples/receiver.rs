//! A production receiver: handshake, signature, texts with the sender's name, reactions
//! (removed ones too), failed statuses with their errors, what the crate does not know, drift,
//! tracing and a graceful stop on SIGTERM. Repeats of Meta's at-least-once delivery are dropped.
//!
//! ```sh
//! WA_APP_SECRET=... WA_VERIFY_TOKEN=... RUST_LOG=info \
//!   cargo run -p wa-webhook-types --features axum --example receiver
//! ```
use axum::extract::State;
use std::sync::Arc;
use tracing::{info, warn};
use wa_webhook_types::axum::{router_with_state, shutdown_signal, Webhook};
use wa_webhook_types::receive::WebhookConfig;
use wa_webhook_types::RecentEvents;

async fn receive(State(recent): State<Arc<RecentEvents>>, Webhook(notification): Webhook) {
    let events = notification.events();
    for event in events.iter().filter(|e| recent.first_time(e)) {
        let who = event.user_name().unwrap_or("someone");
        if let Some(text) = event.text_message() {
            info!(who, bytes = text.len(), "text"); // its length, never its words
        } else if let Some(reaction) = event.reaction() {
            let emoji = reaction.emoji.unwrap_or("(removed)");
            info!(who, emoji, on = reaction.message_id, "reaction");
        } else if let Some(errors) = event.failed_status() {
            for error in errors {
                warn!(who, code = error.code, title = error.title, "failed");
            }
        } else if let Some(new) = event.unrecognized() {
            warn!(?new, path = event.path, "not known to this version");
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
    let recent = Arc::new(RecentEvents::new(100_000)); // the app's state: a pool, a queue...
    let app = router_with_state(WebhookConfig::from_env()?, recent, receive);
    Ok(axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?)
}
