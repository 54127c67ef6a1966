//! Reading a value with the state of the parse it belongs to: [`ReadIn`] is what the generated
//! readers implement, and [`In`] the seed that hands a parse's [`ParseState`] to the reader of
//! each value it holds. The state is a value made by the entry point of one parse and dropped
//! with it: nothing a parse knows lives anywhere else.
//!
//! `serde::Deserialize` stays implemented for every public type (users embed them in their own
//! types); it reads with a state of its own, made for that one value, in the strict pass.

use super::{ParseState, Pass};
use crate::scalar::{Integer, Number, TextOrNumber, Timestamp};
use crate::spelled::{Spelled, SpelledEnum};
use crate::wa_string::WaString;
use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, Visitor};
use std::fmt;
use std::marker::PhantomData;

/// A value read within a parse: the parse's state comes in by argument, never from anywhere
/// else. Implemented by generated types (through `__private`) and by the runtime's own.
pub trait ReadIn<'de>: Sized {
    /// Reads the value from `deserializer`, in the parse whose state is `state`.
    fn read_in<D: Deserializer<'de>>(
        deserializer: D,
        state: &mut ParseState,
    ) -> Result<Self, D::Error>;
}

/// A [`ReadIn`] type for every lifetime: what a parse of owned text produces.
pub trait ReadOwned: for<'de> ReadIn<'de> {}

impl<T: for<'de> ReadIn<'de>> ReadOwned for T {}

/// The seed that reads a `T` in the parse whose state it holds.
pub struct In<'s, T>(&'s mut ParseState, PhantomData<T>);

impl<'s, T> In<'s, T> {
    /// The seed of a value read in the parse of `state`.
    #[inline]
    pub fn new(state: &'s mut ParseState) -> Self {
        In(state, PhantomData)
    }
}

impl<'de, T: ReadIn<'de>> DeserializeSeed<'de> for In<'_, T> {
    type Value = T;
    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::read_in(deserializer, self.0)
    }
}

/// `Deserialize` for a type read in parses: the value read on its own, strictly, with a state
/// made for it and dropped with it (for the generated `Deserialize` impls, through `__private`).
#[inline]
pub fn read_alone<'de, T: ReadIn<'de>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    T::read_in(deserializer, &mut ParseState::new(Pass::Strict))
}

/// Types that hold no array that isolates its items and no change: read as they deserialize.
/// Each is `[generics] type`.
macro_rules! read_as_deserialized {
    ($([$($generics:tt)*] $ty:ty),* $(,)?) => {$(
        impl<'de, $($generics)*> ReadIn<'de> for $ty {
            #[inline]
            fn read_in<D: Deserializer<'de>>(deserializer: D, _: &mut ParseState) -> Result<Self, D::Error> {
                Deserialize::deserialize(deserializer)
            }
        }
    )*};
}
pub(crate) use read_as_deserialized;

read_as_deserialized!(
    [] bool,
    [] String,
    [] WaString,
    [] Integer,
    [] Number,
    [] Timestamp,
    [] TextOrNumber,
    [] serde_json::Value,
    [E: SpelledEnum] Spelled<E>,
);

impl<'de, T: ReadIn<'de>> ReadIn<'de> for Box<T> {
    #[inline]
    fn read_in<D: Deserializer<'de>>(
        deserializer: D,
        state: &mut ParseState,
    ) -> Result<Self, D::Error> {
        T::read_in(deserializer, state).map(Box::new)
    }
}

impl<'de, T: ReadIn<'de>> ReadIn<'de> for Option<T> {
    #[inline]
    fn read_in<D: Deserializer<'de>>(
        deserializer: D,
        state: &mut ParseState,
    ) -> Result<Self, D::Error> {
        struct V<'s, T>(&'s mut ParseState, PhantomData<T>);
        impl<'de, T: ReadIn<'de>> Visitor<'de> for V<'_, T> {
            type Value = Option<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("option")
            }
            fn visit_none<E: de::Error>(self) -> Result<Option<T>, E> {
                Ok(None)
            }
            fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
                Ok(None)
            }
            #[inline]
            fn visit_some<D: Deserializer<'de>>(
                self,
                deserializer: D,
            ) -> Result<Option<T>, D::Error> {
                T::read_in(deserializer, self.0).map(Some)
            }
        }
        deserializer.deserialize_option(V(state, PhantomData))
    }
}

impl<'de, T: ReadIn<'de>> ReadIn<'de> for Vec<T> {
    #[inline]
    fn read_in<D: Deserializer<'de>>(
        deserializer: D,
        state: &mut ParseState,
    ) -> Result<Self, D::Error> {
        struct V<'s, T>(&'s mut ParseState, PhantomData<T>);
        impl<'de, T: ReadIn<'de>> Visitor<'de> for V<'_, T> {
            type Value = Vec<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a sequence")
            }
            #[inline]
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
                while let Some(item) = seq.next_element_seed(In::new(&mut *self.0))? {
                    items.push(item);
                }
                Ok(items)
            }
        }
        deserializer.deserialize_seq(V(state, PhantomData))
    }
}
