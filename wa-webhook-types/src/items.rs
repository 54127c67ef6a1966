//! Arrays of objects whose items are isolated from each other: an item that does not fit its
//! model is kept raw with its error, and its siblings stay typed.
//!
//! Parsing is strict first: every item is typed in the same single pass as the rest of the
//! body. Only when that fails is the body read again with the item that did not fit captured
//! raw and kept with the error the first read gave (or, where that cannot settle it, in
//! *isolating* mode, where every item is captured raw and typed on its own: see `crate::pass`).
//! A sound payload so pays nothing for isolation.

use crate::drift::{Drift, DriftKind};
use crate::error::ValueError;
use crate::inspect::{drift_at, Inspect, JsonPath};
use crate::pass::{In, ParseState, Pass, ReadIn, ReadOwned, ScannedItems};
use serde::de::{DeserializeOwned, Deserializer, SeqAccess, Visitor};
use serde::ser::{SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::fmt;
use std::marker::PhantomData;

/// The items of a JSON array of objects, in the order received: each one typed, or kept raw
/// with its error when it does not fit its model.
///
/// Iterating (`for message in &value.messages`, [`iter`](Self::iter)) yields the typed items,
/// which is what a handler wants; [`invalid`](Self::invalid) yields the others with their
/// index and error, and the drift report lists each one as `invalid` at its own path.
/// Serializing writes every item back in its place, raw ones exactly as received.
#[derive(Clone, PartialEq)]
pub struct Items<T>(Vec<Item<T>>);

/// One item of an [`Items`] array.
#[derive(Debug, Clone, PartialEq)]
pub enum Item<T> {
    /// The item fit its model.
    Typed(T),
    /// The item did not fit its model: kept raw, with the error.
    Invalid(InvalidItem),
}

/// An array item that did not fit its model: its raw JSON and why it did not fit.
#[derive(Debug, Clone)]
pub struct InvalidItem {
    value: Box<RawValue>,
    error: ValueError,
}

impl InvalidItem {
    /// The item, as raw JSON.
    pub fn value(&self) -> &RawValue {
        &self.value
    }

    /// Why the item did not fit, and where inside it.
    pub fn error(&self) -> &ValueError {
        &self.error
    }
}

impl PartialEq for InvalidItem {
    fn eq(&self, other: &Self) -> bool {
        self.value.get() == other.value.get() && self.error == other.error
    }
}

impl<T: ReadOwned> Item<T> {
    /// An item captured raw, typed on its own in the isolating pass (so its own arrays isolate
    /// their items too): typed, or kept raw with the error that says where it did not fit.
    fn isolated(raw: Box<RawValue>, state: &mut ParseState) -> Self {
        match state.isolated_item(raw.get()) {
            Ok(value) => Item::Typed(value),
            Err(failure) => Item::Invalid(InvalidItem {
                error: ValueError::from_serde(failure),
                value: raw,
            }),
        }
    }
}

impl<T> Items<T> {
    /// The typed items, in order (items kept raw are skipped).
    pub fn iter(&self) -> impl Iterator<Item = &T> {
        self.iter_indexed().map(|(_, value)| value)
    }

    /// The typed items with their index in the array as received.
    pub fn iter_indexed(&self) -> impl Iterator<Item = (usize, &T)> {
        self.0
            .iter()
            .enumerate()
            .filter_map(|(i, item)| match item {
                Item::Typed(value) => Some((i, value)),
                Item::Invalid(_) => None,
            })
    }

    /// The typed items, mutably.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut T> {
        self.0.iter_mut().filter_map(|item| match item {
            Item::Typed(value) => Some(value),
            Item::Invalid(_) => None,
        })
    }

    /// The item at `index` of the array as received, if it is there and typed.
    pub fn get(&self, index: usize) -> Option<&T> {
        match self.0.get(index)? {
            Item::Typed(value) => Some(value),
            Item::Invalid(_) => None,
        }
    }

    /// Every item, typed or raw, in the order received.
    pub fn items(&self) -> &[Item<T>] {
        &self.0
    }

    /// The items kept raw, each with its index in the array.
    pub fn invalid(&self) -> impl Iterator<Item = (usize, &InvalidItem)> {
        self.0
            .iter()
            .enumerate()
            .filter_map(|(i, item)| match item {
                Item::Invalid(invalid) => Some((i, invalid)),
                Item::Typed(_) => None,
            })
    }

    /// How many items the array held, typed or not.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the array was empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<T> Default for Items<T> {
    fn default() -> Self {
        Items(Vec::new())
    }
}

impl<T> From<Vec<T>> for Items<T> {
    fn from(items: Vec<T>) -> Self {
        items.into_iter().collect()
    }
}

impl<T> FromIterator<T> for Items<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Items(iter.into_iter().map(Item::Typed).collect())
    }
}

impl<'a, T> IntoIterator for &'a Items<T> {
    type Item = &'a T;
    type IntoIter = Box<dyn Iterator<Item = &'a T> + 'a>;
    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

impl<'a, T> IntoIterator for &'a mut Items<T> {
    type Item = &'a mut T;
    type IntoIter = Box<dyn Iterator<Item = &'a mut T> + 'a>;
    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter_mut())
    }
}

impl<T: fmt::Debug> fmt::Debug for Items<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.0).finish()
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Items<T> {
    /// Reads the array on its own, strictly: each item by its own `Deserialize`, and an item
    /// that does not fit fails the array. (A parse by [`crate::from_slice`] keeps it raw.)
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<T>(PhantomData<T>);
        impl<'de, T: DeserializeOwned> Visitor<'de> for V<T> {
            type Value = Items<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Items<T>, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
                while let Some(item) = seq.next_element()? {
                    items.push(Item::Typed(item));
                }
                Ok(Items(items))
            }
        }
        deserializer.deserialize_seq(V(PhantomData))
    }
}

impl<'de, T: ReadOwned> ReadIn<'de> for Items<T> {
    #[inline]
    fn read_in<D: Deserializer<'de>>(
        deserializer: D,
        state: &mut ParseState,
    ) -> Result<Self, D::Error> {
        struct V<'s, T>(&'s mut ParseState, PhantomData<T>);
        impl<'de, T: ReadOwned> Visitor<'de> for V<'_, T> {
            type Value = Items<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array")
            }
            #[inline]
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Items<T>, A::Error> {
                let state = self.0;
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
                // The arrays of the speculative pass are counted, so that a later pass can
                // target an item that did not fit; a sound body's arrays have no target.
                let scanned = match state.pass() {
                    Pass::Isolating => loop {
                        match seq.next_element::<Box<RawValue>>() {
                            Ok(Some(raw)) => items.push(Item::isolated(raw, state)),
                            Ok(None) => return Ok(Items(items)),
                            Err(e) => return Err(state.in_item(e, items.len())),
                        }
                    },
                    Pass::Speculative => Some(state.next_items()),
                    Pass::Strict => None,
                };
                if let Some(scanned) = scanned.filter(|s| s.is_targeted_at_all()) {
                    return targeted(seq, scanned, state).map(Items);
                }
                loop {
                    match seq.next_element_seed(In::<T>::new(state)) {
                        Ok(Some(value)) => items.push(Item::Typed(value)),
                        Ok(None) => break,
                        Err(e) => {
                            let index = items.len();
                            let e = match scanned {
                                Some(scanned) => state.failed_in_item(scanned, e, index),
                                None => e,
                            };
                            return Err(state.in_item(e, index));
                        }
                    }
                }
                Ok(Items(items))
            }
        }
        deserializer.deserialize_seq(V(state, PhantomData))
    }
}

/// The items of an array of the speculative pass with a target: each target captured raw and
/// kept with the error the pass that found it gave (typed on its own, it fails the same way;
/// see `crate::pass` for when it is typed on its own instead), the others typed in the pass.
#[cold]
fn targeted<'de, T: ReadOwned, A: SeqAccess<'de>>(
    mut seq: A,
    scanned: ScannedItems,
    state: &mut ParseState,
) -> Result<Vec<Item<T>>, A::Error> {
    let mut items = Vec::new();
    loop {
        let index = items.len();
        let next = if state.is_item_targeted(scanned, index) {
            seq.next_element::<&'de RawValue>().map(|raw| {
                raw.map(|raw| {
                    state.skip_changes_in(raw.get());
                    match state.item_target_error(scanned, index, raw) {
                        Some(error) => Item::Invalid(InvalidItem {
                            value: raw.to_owned(),
                            error,
                        }),
                        None => Item::isolated(raw.to_owned(), state),
                    }
                })
            })
        } else {
            seq.next_element_seed(In::<T>::new(state))
                .map(|value| value.map(Item::Typed))
        };
        match next {
            Ok(Some(item)) => items.push(item),
            Ok(None) => return Ok(items),
            Err(e) => {
                let e = state.failed_in_item(scanned, e, index);
                return Err(state.in_item(e, index));
            }
        }
    }
}

impl<T: Serialize> Serialize for Items<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
        for item in &self.0 {
            match item {
                Item::Typed(value) => seq.serialize_element(value)?,
                Item::Invalid(invalid) => seq.serialize_element(&invalid.value)?,
            }
        }
        seq.end()
    }
}

impl<T: Inspect> Inspect for Items<T> {
    fn inspect(&self, path: &mut JsonPath, out: &mut Vec<Drift>) {
        for (i, item) in self.0.iter().enumerate() {
            let mark = path.push_index(i);
            match item {
                Item::Typed(value) => value.inspect(path, out),
                Item::Invalid(invalid) => out.push(drift_at(
                    path,
                    DriftKind::Invalid,
                    &invalid.error.to_string(),
                )),
            }
            path.truncate(mark);
        }
    }
}
