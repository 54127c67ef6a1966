//! Keys the spec does not list, kept raw so that nothing Meta sends is lost.

use crate::de::Key;
use crate::drift::{Drift, DriftKind};
use crate::inspect::{drift_at_key, Inspect, JsonPath};
use crate::pass::ParseState;
use serde::de::{self, MapAccess};
use serde::ser::SerializeMap;
use serde::Serialize;
use serde_json::value::RawValue;
use std::fmt;

/// The keys of one JSON object that its spec does not list, in the order received, each with
/// its value as raw JSON text.
///
/// Every generated struct has one (`extra`). Re-serializing writes them back, and the drift
/// report lists each one as `unknown_key`, so a key Meta adds is visible and never lost.
#[derive(Clone, Default)]
pub struct Extra(Vec<(String, Box<RawValue>)>);

impl Extra {
    /// Whether no unknown key was received.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many unknown keys were received.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Each unknown key with its raw JSON value, in the order received.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &RawValue)> {
        self.0.iter().map(|(k, v)| (k.as_str(), &**v))
    }

    /// The raw value of an unknown key.
    pub fn get(&self, key: &str) -> Option<&RawValue> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| &**v)
    }
}

// What generated readers and writers call, through `__private` only: free functions, so that
// `Extra`'s own API is what a user reads.

/// Reads the value of `key` from `map` and keeps it raw in `extra` (an error, a syntax error
/// inside the value, records its path in `state`).
pub fn keep_unknown_key<'de, A: MapAccess<'de>>(
    extra: &mut Extra,
    key: Key<'de>,
    map: &mut A,
    state: &mut ParseState,
) -> Result<(), A::Error> {
    let value: Box<RawValue> = match map.next_value() {
        Ok(value) => value,
        Err(e) => return Err(state.in_unknown_key(e, key.as_str())),
    };
    extra.0.push((key.into_string(), value));
    Ok(())
}

/// Keeps an already typed value raw (a payload the discriminator did not select).
pub fn keep_typed_value<E: de::Error, T: Serialize>(
    extra: &mut Extra,
    key: &str,
    value: &T,
) -> Result<(), E> {
    let raw = serde_json::value::to_raw_value(value).map_err(E::custom)?;
    extra.0.push((key.to_owned(), raw));
    Ok(())
}

/// Removes and returns the value of `key` from `extra`.
pub fn take_kept_key(extra: &mut Extra, key: &str) -> Option<Box<RawValue>> {
    let index = extra.0.iter().position(|(k, _)| k == key)?;
    Some(extra.0.remove(index).1)
}

/// Writes every key kept in `extra` into a map being serialized.
pub fn write_kept_keys<M: SerializeMap>(extra: &Extra, map: &mut M) -> Result<(), M::Error> {
    for (key, value) in &extra.0 {
        map.serialize_entry(key, value)?;
    }
    Ok(())
}

impl PartialEq for Extra {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len()
            && self
                .0
                .iter()
                .zip(&other.0)
                .all(|((ka, va), (kb, vb))| ka == kb && va.get() == vb.get())
    }
}

impl fmt::Debug for Extra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.0.iter().map(|(k, v)| (k, v.get())))
            .finish()
    }
}

impl Inspect for Extra {
    fn inspect(&self, path: &mut JsonPath, out: &mut Vec<Drift>) {
        for (key, _) in self.iter() {
            out.push(drift_at_key(path, key, DriftKind::UnknownKey));
        }
    }
}
