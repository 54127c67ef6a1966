//! The replay window: whether a notification's times lie close enough to now, for receivers
//! that reject a signed body captured and sent again later.

use crate::items::Item;
use crate::Notification;
use std::fmt;
use std::time::{Duration, SystemTime};

impl Notification {
    /// Checks that every entry's `time`, and the time of every event that has one (a message's
    /// or a status's `timestamp`, as the specs' `event_time` role marks them), lies within
    /// `window` of `now`, before or after: for receivers that reject a signed body captured and
    /// sent again later. (Meta retries a failed delivery for days, so a window shorter than
    /// that also rejects genuine retries of a body that was never acknowledged.) An entry
    /// without a readable `time` (absent, or the entry kept raw) fails the check, since its age
    /// cannot be told.
    pub fn check_replay_window(
        &self,
        now: SystemTime,
        window: Duration,
    ) -> Result<(), ReplayWindowError> {
        for (entry, item) in self.entry.items().iter().enumerate() {
            let path = || format!("entry[{entry}].time");
            let time = match item {
                Item::Typed(e) => e.time.as_ref().and_then(|t| t.to_system_time()),
                Item::Invalid(_) => None,
            };
            let Some(time) = time else {
                return Err(ReplayWindowError::MissingTime { path: path() });
            };
            within(now, window, time, path)?;
        }
        for event in self.events() {
            if let Some(time) = event.time() {
                within(now, window, time, || format!("{} (its time)", event.path))?;
            }
        }
        Ok(())
    }
}

fn within(
    now: SystemTime,
    window: Duration,
    time: SystemTime,
    path: impl Fn() -> String,
) -> Result<(), ReplayWindowError> {
    match now.duration_since(time) {
        Ok(age) if age > window => Err(ReplayWindowError::TooOld { path: path(), age }),
        Err(ahead) if ahead.duration() > window => Err(ReplayWindowError::InFuture {
            path: path(),
            ahead: ahead.duration(),
        }),
        Ok(_) | Err(_) => Ok(()),
    }
}

/// Why a notification falls outside a replay window (see [`Notification::check_replay_window`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReplayWindowError {
    /// An entry has no readable `time`.
    MissingTime {
        /// Where (`entry[1].time`).
        path: String,
    },
    /// A time is further in the past than the window allows.
    TooOld {
        /// Whose (`entry[0].time`, `entry[0].changes[0].value.messages[0] (its time)`).
        path: String,
        /// How long before now.
        age: Duration,
    },
    /// A time is further in the future than the window allows (a clock far off).
    InFuture {
        /// Whose, as for [`ReplayWindowError::TooOld`].
        path: String,
        /// How long after now.
        ahead: Duration,
    },
}

impl fmt::Display for ReplayWindowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReplayWindowError::MissingTime { path } => {
                write!(f, "{path}: missing, so the body's age cannot be told")
            }
            ReplayWindowError::TooOld { path, age } => {
                let age = age.as_secs();
                write!(f, "{path}: {age}s ago, outside the replay window")
            }
            ReplayWindowError::InFuture { path, ahead } => {
                let ahead = ahead.as_secs();
                write!(
                    f,
                    "{path}: {ahead}s ahead of now, outside the replay window"
                )
            }
        }
    }
}

impl std::error::Error for ReplayWindowError {}
