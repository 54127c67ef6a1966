//! The string type of every text field.

use compact_str::CompactString;
use serde::de::{Deserialize, Deserializer};
use serde::ser::{Serialize, Serializer};
use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::str::FromStr;

/// The string type of every text field (ids, phone numbers, names, a message's text): owned
/// like `String` and reading as a `str`, but keeping up to 24 bytes (most ids, numbers and
/// names) without an allocation.
///
/// It is this crate's own type, so how it stores text can change without a breaking release;
/// convert with `String::from`, `to_string` or `as_str`, build with `From<&str>`/`From<String>`.
///
/// ```
/// use wa_webhook_types::WaString;
///
/// let id = WaString::from("16505551234");
/// assert_eq!(id, "16505551234");
/// assert!(id.starts_with("1650"));
/// let owned: String = id.into();
/// assert_eq!(owned, "16505551234");
/// ```
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WaString(CompactString);

impl WaString {
    /// A new string holding `text`.
    pub fn new(text: &str) -> Self {
        WaString(CompactString::new(text))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for WaString {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for WaString {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for WaString {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for WaString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for WaString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<&str> for WaString {
    fn from(text: &str) -> Self {
        WaString::new(text)
    }
}

impl From<String> for WaString {
    fn from(text: String) -> Self {
        WaString(CompactString::from(text))
    }
}

impl From<WaString> for String {
    fn from(text: WaString) -> Self {
        text.0.into_string()
    }
}

impl FromStr for WaString {
    type Err = std::convert::Infallible;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(WaString::new(text))
    }
}

impl PartialEq<str> for WaString {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for WaString {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for WaString {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<WaString> for str {
    fn eq(&self, other: &WaString) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<WaString> for &str {
    fn eq(&self, other: &WaString) -> bool {
        *self == other.as_str()
    }
}

impl Serialize for WaString {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for WaString {
    #[inline]
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        CompactString::deserialize(deserializer).map(WaString)
    }
}
