//! A bot's receiver: signature and handshake by the axum extractor, then every message and
//! status as an event with its sender, repeats dropped. (It acknowledges before storing: for a
//! receiver that loses nothing, see `receiver.rs`.)
//!
//! ```sh
//! WA_APP_SECRET=... WA_VERIFY_TOKEN=... cargo run -p wa-webhook-types --features axum --example bot
//! ```

use axum::{routing::get, Router};
use std::sync::LazyLock;
use wa_webhook_types::axum::{handshake, Webhook, WebhookConfig};
use wa_webhook_types::{EventItem, RecentEvents};

static RECENT: LazyLock<RecentEvents> = LazyLock::new(|| RecentEvents::new(100_000));

async fn receive(Webhook(notification): Webhook) {
    for event in notification
        .events()
        .iter()
        .filter(|e| RECENT.first_time(e))
    {
        let who = event
            .user
            .and_then(|u| u.display_name())
            .unwrap_or("someone");
        if let Some(text) = event.text() {
            println!("{who}: {text}");
        } else if let Some(reaction) = event.reaction() {
            let emoji = reaction.emoji.unwrap_or("(removed)");
            println!("{who} reacted {emoji} to {}", reaction.message_id);
        } else if let EventItem::MessageStatus(status) = event.item {
            println!("{} {} for {who}", status.id, status.status);
            event.errors().iter().for_each(|e| println!("  error {e}"));
        } else {
            println!("{} (not handled): {:?}", event.field, event.item);
        }
    }
    for drift in notification.drift() {
        println!("new from Meta: {drift}");
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let app = Router::new()
        .route("/webhook", get(handshake).post(receive))
        .with_state(WebhookConfig::from_env()?);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
    Ok(axum::serve(listener, app).await?)
}
