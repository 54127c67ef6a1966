//! Dropping repeats across receivers (feature `nats`): the claim-then-keep contract of
//! [`RecentEvents`](crate::RecentEvents), in a NATS JetStream key-value bucket that every
//! instance behind the load balancer reaches.
//!
//! A claim is the atomic create of the event's key (create-if-absent: of two instances racing
//! one event, one gets the claim); keeping it marks the key kept; dropping it without keep
//! deletes the key, so Meta's retry is handled. A claim whose instance died before either
//! (a crash, a kill) is free again after [`NatsRecentEvents::with_claim_timeout`]. Keys expire
//! with the bucket's age limit, as long as Meta retries ([`NatsRecentEvents::DEFAULT_TTL`]).
//!
//! ```no_run
//! use wa_webhook_types::receive::nats::{async_nats, NatsRecentEvents};
//! use wa_webhook_types::Notification;
//!
//! # async fn run(body: &[u8]) -> Result<(), Box<dyn std::error::Error>> {
//! let client = async_nats::connect("127.0.0.1:4222").await?;
//! let recent = NatsRecentEvents::open(async_nats::jetstream::new(client), "wa_webhook_events").await?;
//! for event in Notification::from_slice(body)?.events() {
//!     let Some(claim) = recent.claim(&event).await? else {
//!         continue; // kept by an instance, or in flight on one
//!     };
//!     // store or queue the event; on failure return 503 (the claim is dropped: the retry is new)
//!     claim.keep().await?;
//! }
//! # Ok(())
//! # }
//! ```

use crate::WebhookEvent;
use async_nats::jetstream::kv::{CreateErrorKind, Operation, Store, UpdateErrorKind};
use async_nats::jetstream::stream;
use sha2::{Digest, Sha256};
use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The NATS client this module speaks: connect with it, and hand its JetStream context to
/// [`NatsRecentEvents::open`].
pub use async_nats;

/// What a kept key holds.
const KEPT: &[u8] = b"kept";
/// What a claimed key holds before the time it is free again, in Unix milliseconds.
const CLAIMED: &str = "claimed until ";
/// How often a claim retries when the key changes under it.
const TRIES: usize = 4;

/// The idempotency keys of events kept by any instance, and of those claimed by requests in
/// flight on any instance, in a JetStream key-value bucket.
#[derive(Clone)]
pub struct NatsRecentEvents {
    store: Store,
    claim_timeout: Duration,
}

impl fmt::Debug for NatsRecentEvents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NatsRecentEvents")
            .field("claim_timeout", &self.claim_timeout)
            .finish_non_exhaustive()
    }
}

impl NatsRecentEvents {
    /// How long a kept key is remembered when [`open`](Self::open) creates the bucket: Meta
    /// retries a body for days (seven at most).
    pub const DEFAULT_TTL: Duration = Duration::from_secs(7 * 24 * 60 * 60);

    /// How long a claim whose instance neither kept nor dropped it (a crash) holds the event.
    pub const DEFAULT_CLAIM_TIMEOUT: Duration = Duration::from_secs(60);

    /// The bucket `bucket`, created (history 1, keys kept [`DEFAULT_TTL`](Self::DEFAULT_TTL))
    /// when it does not exist yet.
    pub async fn open(
        jetstream: async_nats::jetstream::Context,
        bucket: &str,
    ) -> Result<Self, NatsDedupError> {
        if jetstream.get_key_value(bucket).await.is_err() {
            // The bucket's stream as NATS lays a bucket out, made directly: async-nats'
            // `create_key_value` first asks for the account's limits, which nats-server 2.9
            // answers in a form it does not read. Two instances opening at once get one stream.
            jetstream
                .get_or_create_stream(stream::Config {
                    name: format!("KV_{bucket}"),
                    description: Some("wa-webhook: events kept or claimed".to_owned()),
                    subjects: vec![format!("$KV.{bucket}.>")],
                    max_messages_per_subject: 1,
                    max_age: Self::DEFAULT_TTL,
                    allow_rollup: true,
                    deny_delete: true,
                    allow_direct: true,
                    discard: stream::DiscardPolicy::New,
                    ..Default::default()
                })
                .await
                .map_err(|e| NatsDedupError::new("creating the bucket", e))?;
        }
        let store = jetstream
            .get_key_value(bucket)
            .await
            .map_err(|e| NatsDedupError::new("opening the bucket", e))?;
        Ok(NatsRecentEvents {
            store,
            claim_timeout: Self::DEFAULT_CLAIM_TIMEOUT,
        })
    }

    /// Sets how long a claim that was neither kept nor dropped holds its event: longer than a
    /// request takes to store an event, shorter than Meta's first retry (about a minute).
    pub fn with_claim_timeout(mut self, timeout: Duration) -> Self {
        self.claim_timeout = timeout;
        self
    }

    /// A claim on the event, `None` when it is a repeat: kept by an instance already, or
    /// claimed by a request in flight on one. An event without an idempotency key is always
    /// new. Keep the claim once the event is stored; dropping it forgets the event.
    pub async fn claim(
        &self,
        event: &WebhookEvent<'_>,
    ) -> Result<Option<NatsEventClaim>, NatsDedupError> {
        let Some(key) = event.idempotency_key() else {
            return Ok(Some(self.claimed(None)));
        };
        // Subjects allow few characters: the key is stored by its SHA-256.
        let key = hex::encode(Sha256::digest(key.as_bytes()));
        for _ in 0..TRIES {
            let until = now_ms().saturating_add(self.claim_timeout.as_millis() as u64);
            let claim = format!("{CLAIMED}{until}").into_bytes();
            match self.store.create(&key, claim.clone().into()).await {
                Ok(revision) => return Ok(Some(self.claimed(Some((key, revision))))),
                Err(e) if e.kind() == CreateErrorKind::AlreadyExists => {}
                Err(e) => return Err(NatsDedupError::new("claiming", e)),
            }
            let entry = self
                .store
                .entry(&key)
                .await
                .map_err(|e| NatsDedupError::new("claiming", e))?;
            let Some(entry) = entry.filter(|e| e.operation == Operation::Put) else {
                continue; // dropped meanwhile: create again
            };
            if !expired(&entry.value) {
                return Ok(None); // kept, or claimed by a request in flight
            }
            // A claim whose instance died: taken over, unless another instance was first.
            match self.store.update(&key, claim.into(), entry.revision).await {
                Ok(revision) => return Ok(Some(self.claimed(Some((key, revision))))),
                Err(e) if e.kind() == UpdateErrorKind::WrongLastRevision => return Ok(None),
                Err(e) => return Err(NatsDedupError::new("claiming", e)),
            }
        }
        Ok(None) // the key kept changing: another instance is at it
    }

    fn claimed(&self, key: Option<(String, u64)>) -> NatsEventClaim {
        NatsEventClaim {
            store: self.store.clone(),
            key,
        }
    }
}

/// Whether a key's value is a claim past its time (a kept key never is).
fn expired(value: &[u8]) -> bool {
    let Some(until) = std::str::from_utf8(value)
        .ok()
        .and_then(|v| v.strip_prefix(CLAIMED))
    else {
        return false;
    };
    until.parse::<u64>().is_ok_and(|until| until <= now_ms())
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// A claim on an event from [`NatsRecentEvents::claim`]: [`keep`](Self::keep) it once the
/// event is stored. Dropped without that, its key is deleted (on the Tokio runtime it is
/// dropped in; [`release`](Self::release) does it now), and Meta's retry is handled.
#[must_use = "a claim dropped without `keep()` is forgotten: keep it once the event is stored"]
pub struct NatsEventClaim {
    store: Store,
    /// The key and the revision the claim wrote; `None` once kept or released, or for an event
    /// without an idempotency key.
    key: Option<(String, u64)>,
}

impl fmt::Debug for NatsEventClaim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NatsEventClaim")
            .field("key", &self.key)
            .finish_non_exhaustive()
    }
}

impl NatsEventClaim {
    /// The event is stored: a later delivery of it, to any instance, is a repeat.
    pub async fn keep(mut self) -> Result<(), NatsDedupError> {
        let Some((key, _)) = self.key.take() else {
            return Ok(());
        };
        self.store
            .put(&key, KEPT.into())
            .await
            .map(|_| ())
            .map_err(|e| NatsDedupError::new("keeping", e))
    }

    /// Forgets the event now, rather than when dropped: its next delivery is handled.
    pub async fn release(mut self) -> Result<(), NatsDedupError> {
        let Some((key, revision)) = self.key.take() else {
            return Ok(());
        };
        release(&self.store, &key, revision).await
    }
}

/// Deletes the claim's key, unless it changed since (kept, or taken over).
async fn release(store: &Store, key: &str, revision: u64) -> Result<(), NatsDedupError> {
    store
        .delete_expect_revision(key, Some(revision))
        .await
        .map_err(|e| NatsDedupError::new("releasing", e))
}

impl Drop for NatsEventClaim {
    fn drop(&mut self) {
        let Some((key, revision)) = self.key.take() else {
            return;
        };
        // Without a runtime the claim times out instead.
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            let store = self.store.clone();
            runtime.spawn(async move {
                let _ = release(&store, &key, revision).await;
            });
        }
    }
}

/// Claiming, keeping or releasing an event in the bucket failed (NATS is down, the bucket was
/// deleted): answer 503, so that Meta delivers the body again.
#[derive(Debug)]
pub struct NatsDedupError {
    doing: &'static str,
    source: Box<dyn std::error::Error + Send + Sync>,
}

impl NatsDedupError {
    fn new(doing: &'static str, source: impl std::error::Error + Send + Sync + 'static) -> Self {
        NatsDedupError {
            doing,
            source: Box::new(source),
        }
    }
}

impl fmt::Display for NatsDedupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} an event in NATS: {}", self.doing, self.source)
    }
}

impl std::error::Error for NatsDedupError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.source)
    }
}
