//! Support for generated code. Not public API: reached as `wa_webhook_types::__private`.

pub use crate::change::InvalidChange;
pub use crate::change::{EntryChange, UnknownChange, UnknownVariant};
pub use crate::drift::{Drift, DriftKind, Inspect, JsonPath};
pub use crate::examples::Example;
pub use crate::extra::Extra;
pub use crate::items::Items;
pub use crate::scalar::{Integer, Number, Text, Timestamp};
pub use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
pub use serde::ser::{Serialize, SerializeMap, Serializer};
pub use serde_json;
pub use serde_json::value::RawValue;
pub use std::borrow::ToOwned;
pub use std::boxed::Box;
pub use std::convert::Infallible;
pub use std::fmt::{Display, Formatter, Result as FmtResult};
pub use std::option::Option::{self, None, Some};
pub use std::result::Result::{self, Err, Ok};
pub use std::str::FromStr;
pub use std::string::String;
pub use std::vec::Vec;

use serde::de::{self, DeserializeOwned};
use std::borrow::Cow;
use std::fmt;

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

/// Reads the next value into `slot`; a key sent twice is an error, not a silent overwrite.
pub fn fill<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
    slot: &mut Option<T>,
    key: &'static str,
) -> Result<(), A::Error> {
    if slot.is_some() {
        return Err(de::Error::duplicate_field(key));
    }
    *slot = Some(map.next_value()?);
    Ok(())
}

/// The value of a required key, or serde's "missing field" error naming it.
pub fn required<T, E: de::Error>(slot: Option<T>, key: &'static str) -> Result<T, E> {
    slot.ok_or_else(|| E::missing_field(key))
}

/// serde's "missing field" error.
pub fn missing<E: de::Error>(key: &'static str) -> E {
    E::missing_field(key)
}

/// Inspects `value`, which sits under `key` of the object at `path`.
pub fn inspect_key<T: Inspect + ?Sized>(
    path: &mut JsonPath,
    key: &str,
    value: &T,
    out: &mut Vec<Drift>,
) {
    let mark = path.push_key(key);
    value.inspect(path, out);
    path.truncate(mark);
}

/// Deserializes a string enum through its `FromStr`, borrowing the string when possible.
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

/// How the generated `Change` is built from, and written back to, a raw change.
pub trait ChangeDispatch {
    /// Types the value by its field (by its name or an alias); an unknown field or a value that
    /// does not fit is kept raw.
    fn from_raw(field: &str, value: Box<RawValue>) -> Self;
    /// The field name, as the spec names it.
    fn field(&self) -> &str;
    /// Writes the `value` entry of the change object.
    fn write_value<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;
}

/// Parses a change value as `T` and wraps it, or keeps it raw with the error (`invalid`).
///
/// Strict first; a value that fails is parsed again isolating its array items, so that only a
/// value whose own top-level keys do not fit is kept whole as `invalid`.
pub fn typed_change<T: DeserializeOwned, C>(
    field: &str,
    value: Box<RawValue>,
    wrap: fn(T) -> C,
    invalid: fn(InvalidChange) -> C,
) -> C {
    let first = match serde_json::from_str::<T>(value.get()) {
        Ok(typed) => return wrap(typed),
        Err(first) => first,
    };
    crate::items::isolating(|| match serde_json::from_str::<T>(value.get()) {
        Ok(typed) => wrap(typed),
        Err(_) => {
            let error = crate::error::value_error::<T>(value.get(), &first);
            invalid(InvalidChange::new(field.to_owned(), value, error))
        }
    })
}
