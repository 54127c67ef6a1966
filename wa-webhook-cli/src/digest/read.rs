//! The digest of a JSON text: one read with serde_json, nothing kept but the digest.

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::fmt;

pub(super) fn of_text(text: &str) -> Option<u64> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let digest = Digest.deserialize(&mut deserializer).ok()?;
    deserializer.end().ok()?;
    Some(digest)
}

/// Reads one value as its digest.
struct Digest;

impl<'de> DeserializeSeed<'de> for Digest {
    type Value = u64;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<u64, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Digest {
    type Value = u64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_unit<E>(self) -> Result<u64, E> {
        Ok(super::null())
    }
    fn visit_bool<E>(self, v: bool) -> Result<u64, E> {
        Ok(super::boolean(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<u64, E> {
        Ok(super::unsigned(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<u64, E> {
        Ok(super::signed(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<u64, E> {
        Ok(super::float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<u64, E> {
        Ok(super::string(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<u64, A::Error> {
        let mut array = super::Array::new();
        while let Some(item) = seq.next_element_seed(Digest)? {
            array.item(item);
        }
        Ok(array.finish())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<u64, A::Error> {
        let mut object = super::Object::new();
        while let Some(key) = map.next_key::<KeyText<'de>>()? {
            let value = map.next_value_seed(Digest)?;
            object.member(super::key(&key.0), value);
        }
        Ok(object.finish())
    }
}

/// An object key: borrowed from the text, owned when it had escapes.
struct KeyText<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for KeyText<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = KeyText<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<KeyText<'de>, E> {
                Ok(KeyText(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<KeyText<'de>, E> {
                Ok(KeyText(Cow::Owned(v.to_owned())))
            }
        }
        deserializer.deserialize_str(V)
    }
}
