//! Which drift `serve` logs: the same drift (its path with the array indices left out, its
//! kind and the value Meta sent) once a minute at most, so that a change Meta makes to every
//! body is one line, not one per body; each line with the value and the stored body's SHA-256,
//! to find the body again.

use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use wa_webhook_types::{Drift, DriftKind};

/// How often the same drift is logged at most.
pub const INTERVAL: Duration = Duration::from_secs(60);
/// Distinct drift remembered at most (a hostile body may bring any number).
const REMEMBERED: usize = 10_000;

/// The drift logged lately, by a hash of its shape, kind and value: a signed body may bring
/// keys of any length, so the table keeps 16 bytes an entry whatever they are (it kept the
/// text, and 1,000 keys of 1 MB held 2 GB).
#[derive(Default)]
pub struct DriftLog {
    /// Keyed with a random seed, so a sender cannot make two drifts collide on purpose.
    seed: RandomState,
    logged: Mutex<HashMap<u64, Instant>>,
}

impl DriftLog {
    /// Whether `drift` is to be logged now: not logged within [`INTERVAL`].
    pub fn first_in_interval(&self, drift: &Drift, now: Instant) -> bool {
        let key = self
            .seed
            .hash_one((shape(&drift.path), drift.kind, loggable_value(drift)));
        let mut logged = self.logged.lock().unwrap_or_else(|p| p.into_inner());
        if logged
            .get(&key)
            .is_some_and(|at| now.duration_since(*at) < INTERVAL)
        {
            return false;
        }
        if logged.len() >= REMEMBERED {
            logged.retain(|_, at| now.duration_since(*at) < INTERVAL);
            if logged.len() >= REMEMBERED {
                logged.clear();
            }
        }
        logged.insert(key, now);
        true
    }
}

/// What of a drift's `found` may be logged: an unknown key's name, an enum value, a field or
/// type name (all Meta's words), never the error of an `invalid` part (serde's message may
/// quote a user's text).
pub fn loggable_value(drift: &Drift) -> &str {
    match drift.kind {
        DriftKind::Invalid => "",
        _ => &drift.found,
    }
}

/// A path with its array indices left out: `entry[].changes[].value.x`.
fn shape(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_index = false;
    for c in path.chars() {
        match c {
            '[' => {
                in_index = true;
                out.push('[');
            }
            ']' => {
                in_index = false;
                out.push(']');
            }
            _ if in_index => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drift(path: &str, found: &str) -> Drift {
        Drift::new(path, DriftKind::UnknownValue, found)
    }

    #[test]
    fn the_same_drift_is_logged_once_an_interval_whatever_its_indices() {
        let log = DriftLog::default();
        let now = Instant::now();
        assert!(log.first_in_interval(
            &drift("entry[0].changes[1].value.event", "PIN_EXAMPLE_UNKNOWN"),
            now
        ));
        assert!(!log.first_in_interval(
            &drift("entry[3].changes[0].value.event", "PIN_EXAMPLE_UNKNOWN"),
            now
        ));
        assert!(log.first_in_interval(
            &drift("entry[0].changes[0].value.event", "PIN_EXAMPLE_OTHER"),
            now
        ));
        assert!(log.first_in_interval(
            &drift("entry[0].changes[0].value.event", "PIN_EXAMPLE_UNKNOWN"),
            now + INTERVAL
        ));
    }
}
