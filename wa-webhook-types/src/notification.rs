//! Entry points on the generated envelope: parse a body, walk its changes, report its drift.

use crate::drift::{Drift, Inspect, JsonPath};
use crate::error::{from_serde, locate, not_utf8, Error};
use crate::isolate::parse_isolating;
use crate::items::Item;
use crate::{Change, Notification};
use serde::de::DeserializeOwned;
use std::fmt;
use std::time::{Duration, SystemTime};

/// Parses a webhook POST body, as received (the same bytes the signature covers).
///
/// Fails only when the body is not a webhook notification at all. What does not fit its model
/// costs the smallest part that holds it: an item of an array of objects (an entry, a change
/// object, a message, a status, a contact card, ...) is kept raw with its error (see
/// [`crate::Items`]), and a change whose own keys do not fit is kept as [`Change::Invalid`]; the
/// rest stays typed. The error names the JSON path, line and column.
pub fn from_slice(bytes: &[u8]) -> Result<Notification, Error> {
    parse(bytes)
}

impl Notification {
    /// Parses a webhook POST body; see [`from_slice`].
    pub fn from_slice(bytes: &[u8]) -> Result<Self, Error> {
        from_slice(bytes)
    }

    /// Every typed change of every entry, in order (change objects kept raw are in the drift
    /// report; see [`crate::Items`]).
    pub fn changes(&self) -> impl Iterator<Item = &Change> {
        self.entry
            .iter()
            .flat_map(|entry| entry.changes.iter().map(|c| &c.change))
    }

    /// Checks that every entry's `time` lies within `window` of `now`, before or after: for
    /// receivers that reject a signed body captured and sent again later. (Meta retries a
    /// failed delivery for days, so a window shorter than that also rejects genuine retries of
    /// a body that was never acknowledged.) An entry without a readable `time` (absent, or the
    /// entry kept raw) fails the check, since its age cannot be told.
    pub fn check_replay_window(
        &self,
        now: SystemTime,
        window: Duration,
    ) -> Result<(), ReplayWindowError> {
        for (entry, item) in self.entry.items().iter().enumerate() {
            let time = match item {
                Item::Typed(e) => e.time.as_ref().and_then(|t| t.to_system_time()),
                Item::Invalid(_) => None,
            };
            let Some(time) = time else {
                return Err(ReplayWindowError::MissingTime { entry });
            };
            match now.duration_since(time) {
                Ok(age) if age > window => return Err(ReplayWindowError::TooOld { entry, age }),
                Ok(_) => {}
                Err(ahead) if ahead.duration() > window => {
                    let ahead = ahead.duration();
                    return Err(ReplayWindowError::InFuture { entry, ahead });
                }
                Err(_) => {}
            }
        }
        Ok(())
    }

    /// Everything in the body the spec does not know, by JSON path: unknown fields, message
    /// types, enum values and keys, and changes that did not fit their model.
    pub fn drift(&self) -> Vec<Drift> {
        let mut out = Vec::new();
        self.inspect(&mut JsonPath::default(), &mut out);
        out
    }
}

/// Parses `bytes` as `T`; on failure parses again, tracking the path, to say where.
///
/// The fast path carries no tracking cost; only a failing body pays for the second pass.
///
/// The body is checked to be UTF-8 once, up front, and then parsed as `str`: serde_json then
/// validates neither each string nor each value kept raw again.
///
/// A body that fails the strict pass is parsed again isolating array items (see
/// [`crate::items`]): an entry, change or item that does not fit is then kept raw, and only a
/// body whose own top-level keys do not fit is an error.
pub(crate) fn parse<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, Error> {
    let text = std::str::from_utf8(bytes).map_err(|e| not_utf8(bytes, e.valid_up_to()))?;
    parse_isolating(text, |first| {
        locate::<T>(bytes).unwrap_or_else(|| from_serde(String::new(), &first))
    })
}

/// Why a notification falls outside a replay window (see [`Notification::check_replay_window`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReplayWindowError {
    /// The entry at this index of `entry` has no readable `time`.
    MissingTime {
        /// Its index in `entry`.
        entry: usize,
    },
    /// The entry's `time` is further in the past than the window allows.
    TooOld {
        /// Its index in `entry`.
        entry: usize,
        /// How long before now.
        age: Duration,
    },
    /// The entry's `time` is further in the future than the window allows (a clock far off).
    InFuture {
        /// Its index in `entry`.
        entry: usize,
        /// How long after now.
        ahead: Duration,
    },
}

impl fmt::Display for ReplayWindowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReplayWindowError::MissingTime { entry } => {
                write!(
                    f,
                    "entry[{entry}].time: missing, so the body's age cannot be told"
                )
            }
            ReplayWindowError::TooOld { entry, age } => {
                write!(
                    f,
                    "entry[{entry}].time: {}s ago, outside the replay window",
                    age.as_secs()
                )
            }
            ReplayWindowError::InFuture { entry, ahead } => {
                write!(
                    f,
                    "entry[{entry}].time: {}s ahead of now, outside the replay window",
                    ahead.as_secs()
                )
            }
        }
    }
}

impl std::error::Error for ReplayWindowError {}
