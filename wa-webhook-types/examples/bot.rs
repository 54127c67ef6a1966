//! A bot's receiver in a few lines: signature and handshake by the axum extractor, then every
//! message and status as an event with its sender (name and key), duplicates dropped.
//! (It acknowledges before storing: for a receiver that loses nothing, see `receiver.rs`.)
//!
//! ```sh
//! WA_APP_SECRET=... WA_VERIFY_TOKEN=... cargo run -p wa-webhook-types --features axum --example bot
//! ```

use axum::extract::{FromRef, State};
use axum::{routing::get, Router};
use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use wa_webhook_types::axum::{handshake, Webhook, WebhookConfig};
use wa_webhook_types::messages::MessageType;
use wa_webhook_types::EventItem;

#[derive(Clone)]
struct Bot {
    config: WebhookConfig,
    seen: Arc<Mutex<HashSet<String>>>,
}

impl FromRef<Bot> for WebhookConfig {
    fn from_ref(bot: &Bot) -> Self {
        bot.config.clone()
    }
}

async fn receive(State(bot): State<Bot>, Webhook(notification): Webhook) {
    for event in notification.events() {
        if event
            .idempotency_key()
            .is_some_and(|key| !bot.seen.lock().unwrap().insert(key))
        {
            continue; // a delivery Meta repeated
        }
        let who = event
            .user
            .and_then(|u| u.display_name())
            .unwrap_or("someone");
        match event.item {
            EventItem::Message(m) => match &m.kind {
                MessageType::Text(text) => println!("{who}: {}", text.body),
                MessageType::Reaction(r) => match r.emoji.as_deref().filter(|e| !e.is_empty()) {
                    Some(emoji) => println!("{who} reacted {emoji} to {}", r.message_id),
                    None => println!("{who} removed a reaction from {}", r.message_id),
                },
                other => println!("{who} sent a {other} message"),
            },
            EventItem::MessageStatus(s) => {
                println!("{} {} for {who}", s.id, s.status);
                for error in s.errors.iter().flatten() {
                    println!(
                        "  error {}: {}",
                        error.code,
                        error.title.as_deref().unwrap_or("-")
                    );
                }
            }
            other => println!("{} (not handled): {other:?}", event.field),
        }
    }
    for drift in notification.drift() {
        println!("new from Meta: {drift}");
    }
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let env = |name| std::env::var(name).unwrap_or_else(|_| panic!("set {name}"));
    let config = WebhookConfig::new(env("WA_APP_SECRET"), env("WA_VERIFY_TOKEN"));
    let app = Router::new()
        .route("/webhook", get(handshake).post(receive))
        .with_state(Bot {
            config,
            seen: Arc::default(),
        });
    let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
    axum::serve(listener, app).await
}
