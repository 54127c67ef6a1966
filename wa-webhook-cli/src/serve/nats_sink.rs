//! The NATS sink (feature `nats`): each body is published to a JetStream stream and
//! acknowledged to Meta only after JetStream acknowledged it. The message ID is the body's
//! SHA-256, so JetStream stores a retry within its duplicate window once.
//!
//! Subject: `<STREAM>.bodies`; headers: `Nats-Msg-Id` and `X-Hub-Signature-256`; payload: the
//! body exactly as received. Workers consume the stream and parse with
//! `wa_webhook_types::from_slice`.
//!
//! The sink recovers on its own: `serve` starts while nats-server is down (answering 503, and
//! `/healthz` 503, until the stream is reached), and a stream deleted under it is created again
//! at the next body, which is then published. A body larger than a message may be (the
//! server's `max_payload`, or the stream's `max_msg_size`) is answered 413 at once.

use super::stored::{BodyKey, SinkError, Stored};
use async_nats::jetstream::context::PublishErrorKind;
use async_nats::jetstream::{self, stream};
use async_nats::{ConnectOptions, HeaderMap};
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, Notify};

/// How long JetStream remembers message IDs to drop duplicates. Meta retries over days; a
/// retry after this is stored again and dropped by the workers' idempotency keys.
const DUPLICATE_WINDOW: Duration = Duration::from_secs(60 * 60);

/// How long one publish may wait for JetStream's acknowledgment before the request fails.
const ACK_TIMEOUT: Duration = Duration::from_secs(5);

/// Bytes of a message's `max_payload` kept for its headers (message ID, signature, app).
const HEADER_ROOM: usize = 1024;

/// The first and the longest wait between two tries to reach the stream.
const RETRY_FIRST: Duration = Duration::from_millis(100);
const RETRY_MOST: Duration = Duration::from_secs(2);

/// How long `serve` waits at start for the stream before it listens anyway.
const START_WAIT: Duration = Duration::from_secs(3);

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
    stream: Arc<StreamState>,
    healthy: Arc<AtomicBool>,
}

/// The stream as the sink knows it: how to create it, whether it was reached, its limit.
struct StreamState {
    config: stream::Config,
    /// The stream exists, as far as the sink knows; false at start and after a publish found
    /// none.
    ready: AtomicBool,
    /// The stream's `max_msg_size` (-1: none).
    max_message: AtomicI64,
    /// One creation at a time.
    making: Mutex<()>,
    /// Wakes the task that reaches the stream again.
    lost: Notify,
    /// The body limit, to warn when a message may be smaller.
    body_limit: usize,
}

impl NatsSink {
    /// Connects and returns at once: the client retries the connection in the background
    /// (the cluster's other servers too, learned from the one it reaches), and a task makes
    /// sure the stream exists (created with `replicas` copies if missing), retrying with
    /// growing waits while nats-server is down, and again whenever the stream is lost.
    pub async fn open(
        server: &str,
        stream_name: &str,
        replicas: usize,
        body_limit: usize,
    ) -> Result<NatsSink, String> {
        let client = ConnectOptions::new()
            .retry_on_initial_connect()
            .connection_timeout(Duration::from_secs(2))
            // Growing waits between tries, at most 2 s: a restarted server is reached soon.
            .reconnect_delay_callback(|tries| {
                RETRY_FIRST
                    .saturating_mul(1 << tries.min(8))
                    .min(Duration::from_secs(2))
            })
            .connect(server)
            .await
            .map_err(|e| format!("{server}: {e}"))?;
        let mut jetstream = jetstream::new(client.clone());
        jetstream.set_timeout(ACK_TIMEOUT);
        let subject = format!("{stream_name}.bodies");
        let stream = Arc::new(StreamState {
            config: stream::Config {
                name: stream_name.to_owned(),
                subjects: vec![subject.clone()],
                duplicate_window: DUPLICATE_WINDOW,
                storage: stream::StorageType::File,
                num_replicas: replicas,
                ..Default::default()
            },
            ready: AtomicBool::new(false),
            max_message: AtomicI64::new(-1),
            making: Mutex::new(()),
            lost: Notify::new(),
            body_limit,
        });
        let sink = NatsSink {
            client,
            jetstream,
            subject,
            stream,
            healthy: Arc::new(AtomicBool::new(true)),
        };
        let reached = Arc::new(Notify::new());
        tokio::spawn(sink.clone().keep_stream(server.to_owned(), reached.clone()));
        // A moment for the stream to be reached, so that a server starting beside nats-server
        // does not answer its first bodies 503; beyond it, `serve` starts anyway.
        let _ = tokio::time::timeout(START_WAIT, reached.notified()).await;
        Ok(sink)
    }

    /// Reaches the stream, retrying with growing waits, whenever it is not known to exist.
    async fn keep_stream(self, server: String, reached: Arc<Notify>) {
        loop {
            let mut wait = RETRY_FIRST;
            let mut tries = 0u64;
            loop {
                // No request while disconnected: it would only wait for its timeout.
                let error = if self.is_connected() {
                    match self.make_stream().await {
                        Ok(()) => break,
                        Err(error) => error,
                    }
                } else {
                    "not connected to nats-server".to_owned()
                };
                tries += 1; // the log says when it doubles
                if tries.is_power_of_two() {
                    tracing::warn!(%server, stream = %self.stream.config.name, %error, tries, "cannot reach the NATS stream yet: answering 503 meanwhile, retrying");
                }
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(RETRY_MOST);
                if self.is_connected() {
                    wait = RETRY_FIRST;
                }
            }
            if tries > 0 {
                tracing::info!(%server, stream = %self.stream.config.name, "reached the NATS stream");
            }
            reached.notify_one();
            self.stream.lost.notified().await;
        }
    }

    /// Makes sure the stream exists (creating it), and learns its message size limit.
    async fn make_stream(&self) -> Result<(), String> {
        let _one = self.stream.making.lock().await;
        if self.stream.ready.load(Ordering::Acquire) {
            return Ok(());
        }
        let made = self
            .jetstream
            .get_or_create_stream(self.stream.config.clone())
            .await
            .map_err(|e| e.to_string())?;
        let max_message = made.cached_info().config.max_message_size;
        self.stream
            .max_message
            .store(i64::from(max_message), Ordering::Relaxed);
        self.stream.ready.store(true, Ordering::Release);
        // Reached: a failure before it (while disconnected) no longer says anything.
        self.healthy.store(true, Ordering::Relaxed);
        if let Some(largest) = self.largest_body().filter(|l| *l < self.stream.body_limit) {
            tracing::warn!(
                body_limit = self.stream.body_limit,
                largest,
                "the NATS server or stream takes smaller messages than --body-limit: larger bodies get 413 (raise max_payload or the stream's max_msg_size, or lower --body-limit)"
            );
        }
        Ok(())
    }

    /// The largest body one message may hold (the server's `max_payload` and the stream's
    /// `max_msg_size`, less room for the headers), once the stream was reached; asked each
    /// time, as a reconnect may reach a server with another limit.
    pub fn largest_body(&self) -> Option<usize> {
        if !self.stream.ready.load(Ordering::Acquire) {
            return None;
        }
        let server = self.client.server_info().max_payload;
        let stream =
            usize::try_from(self.stream.max_message.load(Ordering::Relaxed)).unwrap_or(usize::MAX);
        Some(server.min(stream).saturating_sub(HEADER_ROOM))
    }

    /// Publishes `body` and waits for JetStream's acknowledgment. A body over
    /// [`largest_body`](Self::largest_body) is refused at once, the connection untouched; a
    /// stream found missing is created again and the body published once more.
    pub async fn store(
        &self,
        body: &[u8],
        signature: Option<&str>,
        app: Option<&str>,
        key: BodyKey,
    ) -> Result<Stored, SinkError> {
        let unavailable = |e: String| {
            self.healthy.store(false, Ordering::Relaxed);
            tracing::error!(error = %e, "NATS publish failed; answering 503 so Meta retries");
            SinkError::new(format!("publishing to NATS: {e}"))
        };
        if !self.stream.ready.load(Ordering::Acquire) {
            // Not reached yet: try now when connected (503 at once otherwise, not after a
            // request's timeout).
            if !self.is_connected() {
                return Err(unavailable("not connected to nats-server".to_owned()));
            }
            self.make_stream().await.map_err(unavailable)?;
        }
        if let Some(largest) = self.largest_body().filter(|l| body.len() > *l) {
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
        let payload = axum::body::Bytes::copy_from_slice(body);
        let mut result = self.publish(headers.clone(), payload.clone()).await;
        if matches!(&result, Err(e) if e.kind() == PublishErrorKind::StreamNotFound) {
            // Deleted under us: made again, the body published to it.
            tracing::warn!(stream = %self.stream.config.name, "the NATS stream is gone: creating it again");
            self.stream.ready.store(false, Ordering::Release);
            self.stream.lost.notify_one();
            self.make_stream().await.map_err(unavailable)?;
            result = self.publish(headers, payload).await;
        }
        match result {
            Ok(ack) => {
                self.healthy.store(true, Ordering::Relaxed);
                Ok(if ack.duplicate {
                    Stored::Duplicate
                } else {
                    Stored::New
                })
            }
            Err(e) => Err(unavailable(e.to_string())),
        }
    }

    /// One publish and its acknowledgment.
    async fn publish(
        &self,
        headers: HeaderMap,
        payload: axum::body::Bytes,
    ) -> Result<jetstream::publish::PublishAck, jetstream::context::PublishError> {
        self.jetstream
            .publish_with_headers(self.subject.clone(), headers, payload)
            .await?
            .await
    }

    fn is_connected(&self) -> bool {
        self.client.connection_state() == async_nats::connection::State::Connected
    }

    /// Whether the sink can store: the connection is up, the stream was reached, and the last
    /// publish was acknowledged. With no traffic, a server gone is seen at once, not at the
    /// next body.
    pub fn is_healthy(&self) -> bool {
        self.is_connected()
            && self.stream.ready.load(Ordering::Acquire)
            && self.healthy.load(Ordering::Relaxed)
    }
}
