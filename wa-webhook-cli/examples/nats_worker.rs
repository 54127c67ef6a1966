//! A worker behind `wa-webhook serve --sink nats://HOST:PORT/WEBHOOKS`: it takes the stored
//! bodies from the JetStream stream (a durable consumer shared by every worker), parses each
//! with `wa_webhook_types::from_slice`, handles its events, and acknowledges the message only
//! after handling it, so that a worker that dies leaves its message to another.
//!
//! ```sh
//! cargo run -p wa-webhook-cli --example nats_worker -- nats://127.0.0.1:4222 WEBHOOKS
//! ```

use async_nats::jetstream::{self, consumer::pull};
use futures_util::StreamExt;
use wa_webhook_types::{from_slice, RecentEvents};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let mut args = std::env::args().skip(1);
    let server = args
        .next()
        .unwrap_or_else(|| "nats://127.0.0.1:4222".to_owned());
    let stream = args.next().unwrap_or_else(|| "WEBHOOKS".to_owned());
    let jetstream = jetstream::new(async_nats::connect(&server).await?);
    let consumer = jetstream
        .get_stream(&stream)
        .await?
        .get_or_create_consumer(
            "workers",
            pull::Config {
                durable_name: Some("workers".to_owned()),
                ..Default::default()
            },
        )
        .await?;
    // JetStream drops a retry within its duplicate window; these catch later ones.
    let recent = RecentEvents::new(100_000);
    let mut messages = consumer.messages().await?;
    while let Some(message) = messages.next().await {
        let message = message?;
        match from_slice(&message.payload) {
            Ok(notification) => {
                for event in notification.events() {
                    let Some(claim) = recent.claim(&event) else {
                        continue; // a repeat
                    };
                    println!("{}", event.summary()); // never a phone number or a user's text
                    claim.keep();
                }
            }
            // Stored, signed by Meta, but not a webhook: keep it for a person to look at.
            Err(e) => eprintln!("message {}: {e}", message.info()?.stream_sequence),
        }
        message.ack().await?;
    }
    Ok(())
}
