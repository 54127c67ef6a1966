//! The NATS sink (feature `nats`): each body is published to a JetStream stream and
//! acknowledged to Meta only after JetStream acknowledged it. The message ID is the body's
//! SHA-256, so JetStream stores a retry within its duplicate window once.
//!
//! Subject: `<STREAM>.bodies`; headers: `Nats-Msg-Id` and `X-Hub-Signature-256`; payload: the
//! body exactly as received. Workers consume the stream and parse with
//! `wa_webhook_types::from_slice`.

use super::stored::{BodyKey, SinkError, Stored};
use async_nats::jetstream::{self, stream};
use async_nats::{ConnectOptions, HeaderMap};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// How long JetStream remembers message IDs to drop duplicates. Meta retries over days; a
/// retry after this is stored again and dropped by the workers' idempotency keys.
const DUPLICATE_WINDOW: Duration = Duration::from_secs(60 * 60);

/// How long one publish may wait for JetStream's acknowledgment before the request fails.
const ACK_TIMEOUT: Duration = Duration::from_secs(5);

/// Bytes of a message's `max_payload` kept for its headers (message ID, signature, app).
const HEADER_ROOM: usize = 1024;

/// The header naming the app that signed a body, when `serve` has several (as the file sink's
/// record's `app`).
pub const APP_HEADER: &str = "Wa-App";

/// A JetStream context publishing to one stream; clones share the connection.
#[derive(Clone)]
pub struct NatsSink {
    /// The connection, asked for its state by `/healthz`.
    client: async_nats::Client,
    jetstream: jetstream::Context,
    subject: String,
    healthy: Arc<AtomicBool>,
}

impl NatsSink {
    /// Connects (retrying in the background if the server is not up yet) and makes sure the
    /// stream exists (created with `replicas` copies if it does not). The client learns the
    /// cluster's other servers from the one it reaches, and reconnects to them on its own.
    pub async fn open(
        server: &str,
        stream_name: &str,
        replicas: usize,
    ) -> Result<NatsSink, String> {
        let client = ConnectOptions::new()
            .retry_on_initial_connect()
            .connection_timeout(Duration::from_secs(2))
            .connect(server)
            .await
            .map_err(|e| format!("{server}: {e}"))?;
        let mut jetstream = jetstream::new(client.clone());
        jetstream.set_timeout(ACK_TIMEOUT);
        let subject = format!("{stream_name}.bodies");
        jetstream
            .get_or_create_stream(stream::Config {
                name: stream_name.to_owned(),
                subjects: vec![subject.clone()],
                duplicate_window: DUPLICATE_WINDOW,
                storage: stream::StorageType::File,
                num_replicas: replicas,
                ..Default::default()
            })
            .await
            .map_err(|e| format!("{server}: stream {stream_name}: {e}"))?;
        Ok(NatsSink {
            client,
            jetstream,
            subject,
            healthy: Arc::new(AtomicBool::new(true)),
        })
    }

    /// The largest body the server takes in one message (its `max_payload`, less room for the
    /// headers); asked each time, as a reconnect may reach a server with another limit.
    pub fn largest_body(&self) -> usize {
        self.client
            .server_info()
            .max_payload
            .saturating_sub(HEADER_ROOM)
    }

    /// Publishes `body` and waits for JetStream's acknowledgment. A body over
    /// [`largest_body`](Self::largest_body) is refused at once, the connection untouched.
    pub async fn store(
        &self,
        body: &[u8],
        signature: Option<&str>,
        app: Option<&str>,
        key: BodyKey,
    ) -> Result<Stored, SinkError> {
        let largest = self.largest_body();
        if body.len() > largest {
            return Err(SinkError::too_large(largest));
        }
        let mut headers = HeaderMap::new();
        headers.insert(
            async_nats::header::NATS_MESSAGE_ID,
            hex::encode(key).as_str(),
        );
        if let Some(signature) = signature {
            headers.insert("X-Hub-Signature-256", signature);
        }
        if let Some(app) = app {
            headers.insert(APP_HEADER, app);
        }
        let published = async {
            self.jetstream
                .publish_with_headers(self.subject.clone(), headers, body.to_vec().into())
                .await?
                .await
        };
        let result = published.await;
        self.healthy.store(result.is_ok(), Ordering::Relaxed);
        match result {
            Ok(ack) if ack.duplicate => Ok(Stored::Duplicate),
            Ok(_) => Ok(Stored::New),
            Err(e) => {
                tracing::error!(error = %e, "NATS publish failed; answering 503 so Meta retries");
                Err(SinkError::new(format!("publishing to NATS: {e}")))
            }
        }
    }

    /// Whether the sink can store: the connection is up and the last publish was
    /// acknowledged. With no traffic, a server gone is seen at once, not at the next body.
    pub fn is_healthy(&self) -> bool {
        self.client.connection_state() == async_nats::connection::State::Connected
            && self.healthy.load(Ordering::Relaxed)
    }
}
