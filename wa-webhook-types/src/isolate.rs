//! The isolating mode of a parse: whether [`crate::Items`] capture each item raw and type it on
//! its own. A parse is strict first; only one that fails is run again isolating.

use serde::de::DeserializeOwned;
use std::cell::Cell;

thread_local! {
    /// Whether [`crate::Items`] being deserialized on this thread isolate their items.
    static ISOLATING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `parse` with every [`crate::Items`] it deserializes isolating its items (each captured raw,
/// then typed on its own, kept raw with its error if it does not fit). Only serde_json's
/// deserializer can capture raw items, so `parse` must use it.
fn isolating<R>(parse: impl FnOnce() -> R) -> R {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            ISOLATING.set(self.0);
        }
    }
    let _restore = Restore(ISOLATING.replace(true));
    parse()
}

/// Whether the parse running on this thread isolates array items.
pub(crate) fn isolating_now() -> bool {
    ISOLATING.get()
}

/// Parses `text` as `T` strictly and, only if that fails, again isolating array items. If the
/// second pass fails too, `fail` (run still isolating, so that locating the error agrees with
/// it) turns the strict pass's error into the caller's.
pub(crate) fn parse_isolating<T: DeserializeOwned, E>(
    text: &str,
    fail: impl FnOnce(serde_json::Error) -> E,
) -> Result<T, E> {
    let first = match serde_json::from_str(text) {
        Ok(value) => return Ok(value),
        Err(first) => first,
    };
    isolating(|| serde_json::from_str(text).map_err(|_| fail(first)))
}
