//! Logging refusals without letting a client flood the log: the first few of each interval
//! are logged one by one, the rest counted and said in one line when the next interval starts.

use super::Rejection;
use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// The refusals of one receiver (every clone of its configuration shares them).
#[derive(Debug)]
pub(crate) struct RejectionLog {
    per_interval: u32,
    interval: Duration,
    window: Mutex<Window>,
}

#[derive(Debug)]
struct Window {
    started: Instant,
    logged: u32,
    /// Refusals not logged, by status.
    unlogged: BTreeMap<u16, u64>,
}

impl RejectionLog {
    pub(crate) fn new(per_interval: u32, interval: Duration) -> Self {
        RejectionLog {
            per_interval,
            interval,
            window: Mutex::new(Window {
                started: Instant::now(),
                logged: 0,
                unlogged: BTreeMap::new(),
            }),
        }
    }

    /// Logs the refusal at `warn` if the interval's share is not spent, else counts it; the
    /// first refusal of a new interval says first how many went unlogged in the last.
    pub(crate) fn log(&self, rejection: &Rejection, peer: Option<SocketAddr>) {
        if let Rejection::NotFound = rejection {
            // Scanners probe every path: never above `debug`, never counted.
            return rejection.log(peer);
        }
        let mut window = self.window.lock().unwrap_or_else(PoisonError::into_inner);
        let now = Instant::now();
        if now.duration_since(window.started) >= self.interval {
            let unlogged = std::mem::take(&mut window.unlogged);
            if !unlogged.is_empty() {
                let total: u64 = unlogged.values().sum();
                let by_status = unlogged
                    .iter()
                    .map(|(status, n)| format!("{status}: {n}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                tracing::warn!(
                    unlogged = total,
                    by_status,
                    seconds = window.started.elapsed().as_secs_f64(),
                    "more webhook requests rejected than logged"
                );
            }
            window.started = now;
            window.logged = 0;
        }
        if window.logged < self.per_interval {
            window.logged += 1;
            drop(window);
            rejection.log(peer);
        } else {
            *window
                .unlogged
                .entry(rejection.status().as_u16())
                .or_default() += 1;
        }
    }
}
