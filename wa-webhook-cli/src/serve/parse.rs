//! What `serve` does with a body after storing it: parse it off the async workers, count and
//! log what the spec does not know, print its events if asked.
//!
//! A signed body can still be hostile (a leaked secret, a buggy sender): its parse runs on the
//! blocking pool, one at a time per spare core, behind a queue bounded in bytes, so that no body stalls
//! handshakes, health checks or other posts; its drift is matched to its change by index (linear
//! in the drift), and its log lines are capped, escaped and free of phone numbers.

use super::drift_log::{loggable_value, DriftLog};
use super::metrics::Metrics;
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::Semaphore;
use wa_webhook_types::{Change, Drift, LogSafe, Notification};

/// Kibibytes of stored bodies waiting for, or in, their parse (64 MiB); more are stored but not
/// parsed (counted).
const QUEUE_KIB: usize = 64 * 1024;
/// Drift lines logged per body; the rest are counted in one line.
pub const DRIFT_LINES: usize = 20;

/// The parses of stored bodies: a bounded queue in front of a few blocking threads.
#[derive(Clone)]
pub struct Parser {
    queue: Arc<Semaphore>,
    workers: Arc<Semaphore>,
    events: bool,
    metrics: Metrics,
    logged: Arc<DriftLog>,
}

impl Parser {
    /// One parse at a time per core but one (at least one), `events` printed if asked.
    pub fn new(events: bool, metrics: Metrics) -> Parser {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Parser {
            queue: Arc::new(Semaphore::new(QUEUE_KIB)),
            workers: Arc::new(Semaphore::new(cores.saturating_sub(1).max(1))),
            events,
            metrics,
            logged: Arc::default(),
        }
    }

    /// Queues the parse of a stored body; when the queue is full the body stays stored but is
    /// not parsed (its drift is not reported), and the metric `parses_skipped` says so.
    pub fn enqueue(&self, body: axum::body::Bytes) {
        let kib = u32::try_from(body.len() / 1024 + 1).unwrap_or(u32::MAX);
        let Ok(slot) = self.queue.clone().try_acquire_many_owned(kib) else {
            let skipped = self.metrics.parse_skipped.inc() + 1;
            if skipped.is_power_of_two() {
                tracing::warn!(skipped, queue_kib = QUEUE_KIB, "parse queue full: a stored body is not parsed (it is stored; `wa-webhook check` reads it)");
            }
            return;
        };
        let parser = self.clone();
        tokio::spawn(async move {
            let _slot = slot;
            let workers = parser.workers.clone();
            let Ok(_worker) = workers.acquire().await else {
                return;
            };
            let _ = tokio::task::spawn_blocking(move || parser.parse(&body)).await;
        });
    }
}

impl Parser {
    /// Parses one stored body: logs why it did not parse, or its drift (each drift once an
    /// interval, at most [`DRIFT_LINES`] lines a body), and prints its events if asked.
    fn parse(&self, body: &[u8]) {
        let metrics = &self.metrics;
        let notification = match Notification::from_slice(body) {
            Ok(notification) => notification,
            Err(e) => {
                // The reason in words and the JSON path, never the body's values (serde's message
                // may quote them).
                tracing::warn!(
                    reason = crate::unparsed::why_not_parsed(&e),
                    path = %LogSafe(e.path()),
                    line = e.line(),
                    column = e.column(),
                    "stored, but not parsed"
                );
                return;
            }
        };
        let drift = notification.drift();
        let (now, mut logged, mut capped) = (Instant::now(), 0, 0);
        let body_sha256 = hex::encode(crate::record::body_key(body));
        for drift in &drift {
            metrics.drift(field_label(drift), drift.kind.as_str());
            if !self.logged.first_in_interval(drift, now) {
                continue; // logged within the interval: counted, not logged again
            }
            if logged == DRIFT_LINES {
                capped += 1;
                continue;
            }
            logged += 1;
            tracing::info!(
                path = %LogSafe(&drift.path),
                kind = %drift.kind,
                value = %LogSafe(loggable_value(drift)),
                body_sha256,
                kept = drift.kind.kept_as(),
                "new from Meta"
            );
        }
        if capped > 0 {
            tracing::info!(
                more = capped,
                logged,
                body_sha256,
                "new from Meta: more drift in this body than is logged"
            );
        }
        if self.events {
            let mut out = String::new();
            for event in notification.events() {
                out.push_str(&super::event_line(&event));
                out.push('\n');
            }
            crate::stdout::emit(&out);
        }
    }
}

/// The metric label of the change a drift lies in: its field if the spec knows it (an alias
/// counts as its field), `other` for a field no spec describes (a label per unknown field would
/// let any sender grow the metrics without bound), `-` outside a typed change.
fn field_label(drift: &Drift) -> &'static str {
    let Some(field) = drift.place.field.as_deref() else {
        return "-";
    };
    Change::FIELDS
        .iter()
        .find(|known| **known == field)
        .copied()
        .unwrap_or("other")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What serve's log lines write of a path: the library's [`LogSafe`].
    fn log_safe(text: &str) -> String {
        LogSafe(text).to_string()
    }

    #[test]
    fn log_safe_escapes_controls_masks_phone_numbers_and_truncates() {
        assert_eq!(
            log_safe("entry[0].changes[0].value.x\n2026 ERROR forged\u{1b}[31m"),
            "entry[0].changes[0].value.x\\n2026 ERROR forged\\u{1b}[31m"
        );
        assert_eq!(
            log_safe("entry[0].changes[0].value.16505551234.x"),
            "entry[0].changes[0].value.<11 digits>.x"
        );
        let long = "a".repeat(500);
        assert_eq!(log_safe(&long), format!("{}...", "a".repeat(200)));
    }

    #[test]
    fn a_drift_is_labelled_by_the_field_of_its_change() {
        let body = br#"{"object":"whatsapp_business_account","entry":[{"id":"1","x_unknown_key":1,"changes":[
            {"field":"security","value":{"display_phone_number":"1","event":"PIN_EXAMPLE_UNKNOWN"}},
            {"field":"x_unknown_field","value":{}}]}]}"#;
        let notification = Notification::from_slice(body).unwrap();
        let labels: Vec<(&str, &str)> = notification
            .drift()
            .iter()
            .map(|d| (field_label(d), d.kind.as_str()))
            .collect();
        assert_eq!(
            labels,
            [
                ("security", "unknown_value"),
                ("other", "unknown_field"),
                ("-", "unknown_key")
            ]
        );
    }
}
