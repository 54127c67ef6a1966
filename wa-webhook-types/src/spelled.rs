//! A listed value Meta spells in several ways (`FAILED` on the reference page, `Failed` in a
//! walkthrough): one value to match on, with the spelling received kept for the round trip.

use crate::drift::Drift;
use crate::inspect::{Inspect, JsonPath};
use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};
use std::convert::Infallible;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::str::FromStr;

/// An enum of listed values some of which Meta spells in several ways; generated for the rows
/// whose spec lists `"FAILED|Failed"`.
#[doc(hidden)]
pub trait SpelledEnum: FromStr<Err = Infallible> {
    /// The value's first spelling, as written for a value built in Rust.
    fn as_str(&self) -> &str;
    /// `received` if it is another spelling of a listed value (not the first).
    fn other_spelling(received: &str) -> Option<&'static str>;
}

/// A value of enum `E` with the spelling Meta used when that was not the usual one.
///
/// It dereferences to the value, compares equal to it (`status == CallEndStatus::Failed` for
/// `FAILED` and `Failed` alike) and writes back the spelling received.
///
/// ```
/// use wa_webhook_types::calls::CallEndStatus;
/// use wa_webhook_types::Spelled;
///
/// let status: Spelled<CallEndStatus> = serde_json::from_str("\"Failed\"").unwrap();
/// assert_eq!(status, CallEndStatus::Failed);
/// assert_eq!(status.received(), "Failed");
/// assert_eq!(serde_json::to_string(&status).unwrap(), "\"Failed\"");
/// assert_eq!(Spelled::from(CallEndStatus::Failed).received(), "FAILED");
/// ```
#[derive(Debug, Clone)]
pub struct Spelled<E> {
    value: E,
    spelling: Option<&'static str>,
}

impl<E> Spelled<E> {
    /// The value.
    pub fn value(&self) -> &E {
        &self.value
    }

    /// The value, without the spelling.
    pub fn into_value(self) -> E {
        self.value
    }
}

impl<E: SpelledEnum> Spelled<E> {
    /// The value as Meta spelled it (the usual spelling for a value built in Rust).
    pub fn received(&self) -> &str {
        self.spelling.unwrap_or_else(|| self.value.as_str())
    }
}

impl<E> From<E> for Spelled<E> {
    fn from(value: E) -> Self {
        Spelled {
            value,
            spelling: None,
        }
    }
}

impl<E> Deref for Spelled<E> {
    type Target = E;
    fn deref(&self) -> &E {
        &self.value
    }
}

/// Equal when the values are, whatever the spellings.
impl<E: PartialEq> PartialEq for Spelled<E> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<E: Eq> Eq for Spelled<E> {}

impl<E: Hash> Hash for Spelled<E> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.value.hash(state);
    }
}

impl<E: PartialEq> PartialEq<E> for Spelled<E> {
    fn eq(&self, other: &E) -> bool {
        self.value == *other
    }
}

impl<E: fmt::Display> fmt::Display for Spelled<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

impl<E: SpelledEnum> Serialize for Spelled<E> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.received())
    }
}

impl<'de, E: SpelledEnum> Deserialize<'de> for Spelled<E> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<E>(std::marker::PhantomData<E>);
        impl<E: SpelledEnum> Visitor<'_> for V<E> {
            type Value = Spelled<E>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_str<Er: de::Error>(self, v: &str) -> Result<Spelled<E>, Er> {
                let Ok(value) = v.parse();
                Ok(Spelled {
                    value,
                    spelling: E::other_spelling(v),
                })
            }
        }
        deserializer.deserialize_str(V(std::marker::PhantomData))
    }
}

impl<E: Inspect> Inspect for Spelled<E> {
    fn inspect(&self, path: &mut JsonPath, out: &mut Vec<Drift>) {
        self.value.inspect(path, out);
    }
}
