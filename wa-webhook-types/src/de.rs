//! Deserialization helpers the generated impls call: object keys borrowed from the input, one
//! slot per known key, serde's errors for a missing or repeated key.
//!
//! The readers of a list, a change and a string enum are `#[inline]`, as the generated struct
//! readers are: they are instantiated for types of other modules, so usually in another codegen
//! unit than their caller, which without the hint cannot inline them. [`fill`] and [`Key`] are
//! not: called at every key of every struct, inlined there they cost a fifth more release build
//! time for no measurable speed.

use crate::pass::ParseState;
use crate::pass::{read_as_deserialized, In, ReadIn};
use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;
use std::convert::Infallible;
use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

/// An object key, borrowed from the input when it has no escapes.
pub struct Key<'de>(Cow<'de, str>);

impl<'de> Key<'de> {
    /// The key text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The key, owned.
    pub fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(V)
    }
}

/// Reads the next value into `slot`, in the parse of `state`; a key sent twice is an error,
/// not a silent overwrite. `key` is the key as received: the path of an error inside the value
/// goes through it.
pub fn fill<'de, A: MapAccess<'de>, T: ReadIn<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    key: &'static str,
    state: &mut ParseState,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(key));
    }
    match map.next_value_seed(In::new(state)) {
        Ok(value) => *slot = Some(value),
        Err(e) => return Err(state.in_key(e, key)),
    }
    Ok(())
}

/// As [`fill`], for a list of values that are not objects (`Vec<T>`): an item that does not fit
/// fails the list, and the error says which.
pub fn fill_list<'de, A: MapAccess<'de>, T: ReadIn<'de>>(
    map: &mut A,
    slot: &mut Option<Vec<T>>,
    key: &'static str,
    state: &mut ParseState,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(key));
    }
    match map.next_value_seed(List(state, PhantomData)) {
        Ok(value) => *slot = Some(value),
        Err(e) => return Err(state.in_key(e, key)),
    }
    Ok(())
}

/// Reads a `Vec<T>`, recording the index of an item that does not fit.
struct List<'s, T>(&'s mut ParseState, PhantomData<T>);

impl<'de, T: ReadIn<'de>> DeserializeSeed<'de> for List<'_, T> {
    type Value = Vec<T>;
    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<T>, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, T: ReadIn<'de>> Visitor<'de> for List<'_, T> {
    type Value = Vec<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array")
    }
    #[inline]
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let state = self.0;
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        loop {
            match seq.next_element_seed(In::new(state)) {
                Ok(Some(item)) => items.push(item),
                Ok(None) => return Ok(items),
                Err(e) => return Err(state.in_item(e, items.len())),
            }
        }
    }
}

/// Checks that a key's slot is still empty: a second spelling of a key already read repeats
/// it, and the error names the key as the spec does (the path names the spelling received).
pub fn unfilled<T, E: de::Error>(slot: &Option<T>, key: &'static str) -> Result<(), E> {
    match slot {
        Some(_) => Err(E::duplicate_field(key)),
        None => Ok(()),
    }
}

/// The value of a required key, or serde's "missing field" error naming it.
pub fn required<T, E: de::Error>(slot: Option<T>, key: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(key))
}

/// serde's "missing field" error.
pub fn missing<E: de::Error>(key: &'static str) -> E {
    E::missing_field(key)
}

/// Deserializes a string enum through its `FromStr`, borrowing the string when possible.
#[inline]
pub fn deserialize_from_str<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr<Err = Infallible>,
{
    struct V<T>(std::marker::PhantomData<T>);
    impl<'de, T: FromStr<Err = Infallible>> Visitor<'de> for V<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            match v.parse() {
                Ok(value) => Ok(value),
                Err(never) => match never {},
            }
        }
    }
    deserializer.deserialize_str(V(std::marker::PhantomData))
}

read_as_deserialized!([] Key<'de>);
