//! Dropping repeats without losing retries: Meta delivers at least once and retries a body it
//! was not answered 200 for, so a receiver sees some events twice. [`RecentEvents`] hands out
//! a claim on an event; only a kept claim makes a later delivery a repeat.

use crate::WebhookEvent;
use std::collections::{HashSet, VecDeque};
use std::sync::{Mutex, PoisonError};

/// The idempotency keys of the latest events an app kept, up to a capacity (the oldest
/// forgotten first), and of those claimed by requests in flight; shared between threads.
///
/// Claim each event, store or queue it, then [`keep`](EventClaim::keep) the claim; answer 5xx
/// when storing failed. A claim dropped without `keep` (the app answered 503, the handler
/// returned early or panicked) is forgotten, so Meta's retry of the body is processed, not
/// dropped as a repeat.
///
/// ```
/// # let body = br#"{"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{"field": "messages",
/// #   "value": {"messaging_product": "whatsapp", "metadata": {"display_phone_number": "15550783881", "phone_number_id": "1"},
/// #   "messages": [{"from": "16505551234", "id": "wamid.X", "timestamp": "1749416383", "type": "text", "text": {"body": "hi"}}]}}]}]}"#;
/// use wa_webhook_types::{Notification, RecentEvents};
///
/// let recent = RecentEvents::new(100_000);
/// let notification = Notification::from_slice(body)?;
/// let event = &notification.events()[0];
///
/// let claim = recent.claim(event).expect("new");
/// assert!(recent.claim(event).is_none(), "claimed by a request in flight");
/// drop(claim); // storing failed: the app answers 503
///
/// let claim = recent.claim(event).expect("Meta's retry is processed");
/// claim.keep(); // stored: the app answers 200
/// assert!(recent.claim(event).is_none(), "a repeat");
/// # Ok::<(), wa_webhook_types::Error>(())
/// ```
///
/// For one process: receivers behind a load balancer share their claims in a store they all
/// reach (see the guide, docs/receiving.md).
#[derive(Debug)]
pub struct RecentEvents {
    capacity: usize,
    keys: Mutex<Keys>,
}

#[derive(Debug, Default)]
struct Keys {
    /// Kept keys, and the order they were kept in (the oldest forgotten first).
    kept: HashSet<String>,
    order: VecDeque<String>,
    /// Keys claimed by requests in flight.
    claimed: HashSet<String>,
}

impl RecentEvents {
    /// Remembers up to `capacity` kept keys (at least one).
    pub fn new(capacity: usize) -> Self {
        RecentEvents {
            capacity: capacity.max(1),
            keys: Mutex::default(),
        }
    }

    /// A claim on the event, `None` when it is a repeat: kept already, or claimed by a request
    /// in flight. An event without an idempotency key is always new. Keep the claim once the
    /// event is stored; dropping it forgets the event.
    pub fn claim(&self, event: &WebhookEvent<'_>) -> Option<EventClaim<'_>> {
        let key = event.idempotency_key();
        if let Some(key) = &key {
            let mut keys = self.lock();
            if keys.kept.contains(key) || !keys.claimed.insert(key.clone()) {
                return None;
            }
        }
        Some(EventClaim { recent: self, key })
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Keys> {
        self.keys.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A claim on an event from [`RecentEvents::claim`]: [`keep`](Self::keep) it once the event
/// is stored; dropped without that, the event is forgotten and Meta's retry is processed.
#[derive(Debug)]
#[must_use = "a claim dropped without `keep()` is forgotten: keep it once the event is stored"]
pub struct EventClaim<'a> {
    recent: &'a RecentEvents,
    key: Option<String>,
}

impl EventClaim<'_> {
    /// The event is stored: a later delivery of it is a repeat.
    pub fn keep(mut self) {
        let Some(key) = self.key.take() else {
            return;
        };
        let recent = self.recent;
        let mut keys = recent.lock();
        keys.claimed.remove(&key);
        if keys.kept.insert(key.clone()) {
            keys.order.push_back(key);
        }
        while keys.order.len() > recent.capacity {
            if let Some(oldest) = keys.order.pop_front() {
                keys.kept.remove(&oldest);
            }
        }
    }

    /// The event's idempotency key (`None` for an event without one, which is always new).
    pub fn key(&self) -> Option<&str> {
        self.key.as_deref()
    }
}

impl Drop for EventClaim<'_> {
    fn drop(&mut self) {
        if let Some(key) = self.key.take() {
            self.recent.lock().claimed.remove(&key);
        }
    }
}
