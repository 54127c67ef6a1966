//! Dropping repeats: Meta delivers at least once and retries, so a receiver sees some events
//! twice. [`RecentEvents`] remembers the idempotency keys of the latest events in memory.

use crate::WebhookEvent;
use std::collections::{HashSet, VecDeque};
use std::sync::{Mutex, PoisonError};

/// The idempotency keys of the latest events, up to a capacity (the oldest forgotten first),
/// shared between threads. For one process; receivers behind a load balancer keep the keys in
/// their shared store instead.
#[derive(Debug)]
pub struct RecentEvents {
    capacity: usize,
    keys: Mutex<(HashSet<String>, VecDeque<String>)>,
}

impl RecentEvents {
    /// Remembers up to `capacity` keys (at least one).
    pub fn new(capacity: usize) -> Self {
        RecentEvents {
            capacity: capacity.max(1),
            keys: Mutex::default(),
        }
    }

    /// Whether the event is seen for the first time among the remembered ones; remembers it.
    /// An event without an idempotency key is always new.
    pub fn first_time(&self, event: &WebhookEvent<'_>) -> bool {
        let Some(key) = event.idempotency_key() else {
            return true;
        };
        let mut keys = self.keys.lock().unwrap_or_else(PoisonError::into_inner);
        let (set, order) = &mut *keys;
        if !set.insert(key.clone()) {
            return false;
        }
        order.push_back(key);
        if order.len() > self.capacity {
            if let Some(oldest) = order.pop_front() {
                set.remove(&oldest);
            }
        }
        true
    }
}
