//! Lenient scalars: numbers Meta sends sometimes as JSON numbers, sometimes as strings.
//!
//! Each accepts both forms and remembers which one it got, so re-serializing writes what was
//! received (`"1749419544"` stays a string, `1749419544` stays a number). They compare and hash
//! by value: the form is for the round trip only, so two bodies that differ in how Meta wrote a
//! number parse to equal values.

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// How an integer arrived, so it can be written back the same way.
#[derive(Debug, Clone)]
enum Form {
    /// A JSON number.
    Number,
    /// A JSON string holding the canonical digits of the value.
    String,
    /// A JSON string whose text is not the canonical form (`"007"`), kept verbatim.
    Text(Box<str>),
}

macro_rules! lenient_integer {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        ///
        /// Compares, orders and hashes by value (`"1749416383"` equals `1749416383`), and
        /// compares with an `i64` as the value it holds.
        #[derive(Debug, Clone)]
        pub struct $name {
            value: i64,
            form: Form,
        }

        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.value == other.value
            }
        }

        impl Eq for $name {}

        impl std::hash::Hash for $name {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                self.value.hash(state);
            }
        }

        impl PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }

        impl Ord for $name {
            fn cmp(&self, other: &Self) -> std::cmp::Ordering {
                self.value.cmp(&other.value)
            }
        }

        impl PartialEq<i64> for $name {
            fn eq(&self, other: &i64) -> bool {
                self.value == *other
            }
        }

        impl PartialOrd<i64> for $name {
            fn partial_cmp(&self, other: &i64) -> Option<std::cmp::Ordering> {
                Some(self.value.cmp(other))
            }
        }

        impl $name {
            /// A value that serializes as a JSON number.
            pub fn new(value: i64) -> Self {
                $name { value, form: Form::Number }
            }

            /// The value.
            pub fn get(&self) -> i64 {
                self.value
            }

            /// Whether Meta sent it as a string.
            pub fn was_string(&self) -> bool {
                !matches!(self.form, Form::Number)
            }
        }

        impl From<i64> for $name {
            fn from(value: i64) -> Self {
                $name::new(value)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.value.fmt(f)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match &self.form {
                    Form::Number => serializer.serialize_i64(self.value),
                    Form::String => serializer.collect_str(&self.value),
                    Form::Text(text) => serializer.serialize_str(text),
                }
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_any(IntegerVisitor($what)).map(|(value, form)| $name { value, form })
            }
        }
    };
}

lenient_integer!(
    /// An integer Meta sends as a JSON number or as a string of digits.
    Integer,
    "an integer (a number or a string of digits)"
);

lenient_integer!(
    /// A Unix timestamp in seconds, sent as a JSON number or as a string of digits.
    ///
    /// Meta writes message timestamps as strings and entry times as numbers; both parse.
    Timestamp,
    "a Unix timestamp (a number or a string of digits)"
);

impl Timestamp {
    /// The moment as a [`std::time::SystemTime`], if it is not before the Unix epoch.
    pub fn to_system_time(&self) -> Option<std::time::SystemTime> {
        let seconds = u64::try_from(self.value).ok()?;
        std::time::UNIX_EPOCH.checked_add(std::time::Duration::from_secs(seconds))
    }
}

struct IntegerVisitor(&'static str);

impl<'de> Visitor<'de> for IntegerVisitor {
    type Value = (i64, Form);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok((v, Form::Number))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        i64::try_from(v)
            .map(|v| (v, Form::Number))
            .map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        let value: i64 = v
            .trim()
            .parse()
            .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))?;
        let form = if is_canonical(v) {
            Form::String
        } else {
            Form::Text(v.into())
        };
        Ok((value, form))
    }
}

/// Whether `text` is exactly how `i64::to_string` writes its value (no sign, zero or space padding).
fn is_canonical(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
        && text != "-0"
}

/// A decimal number Meta sends as a JSON number or as a string (prices, coordinates).
///
/// The JSON number is kept exactly as parsed (an integer stays an integer), and a string is
/// kept verbatim, so re-serializing writes what was received. Compares by value: `"21.5"`
/// equals `21.5`, and an integer compares exactly.
#[derive(Debug, Clone)]
pub struct Number {
    number: serde_json::Number,
    text: Option<Box<str>>,
}

impl Number {
    /// The value as `f64`.
    pub fn get(&self) -> f64 {
        self.number.as_f64().unwrap_or(f64::NAN)
    }

    /// The value as Meta's JSON number (exact for integers).
    pub fn as_json_number(&self) -> &serde_json::Number {
        &self.number
    }

    /// Whether Meta sent it as a string.
    pub fn was_string(&self) -> bool {
        self.text.is_some()
    }
}

impl PartialEq for Number {
    fn eq(&self, other: &Self) -> bool {
        match (self.number.as_i64(), other.number.as_i64()) {
            (Some(a), Some(b)) => a == b,
            _ => match (self.number.as_u64(), other.number.as_u64()) {
                (Some(a), Some(b)) => a == b,
                _ => self.get() == other.get(),
            },
        }
    }
}

impl PartialEq<f64> for Number {
    fn eq(&self, other: &f64) -> bool {
        self.get() == *other
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.text {
            Some(text) => f.write_str(text),
            None => self.number.fmt(f),
        }
    }
}

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.text {
            Some(text) => serializer.serialize_str(text),
            None => self.number.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Number;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number (or a string holding one)")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Number, E> {
                Ok(Number {
                    number: v.into(),
                    text: None,
                })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Number, E> {
                Ok(Number {
                    number: v.into(),
                    text: None,
                })
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Number, E> {
                serde_json::Number::from_f64(v)
                    .map(|number| Number { number, text: None })
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Float(v), &self))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Number, E> {
                let number: serde_json::Number = v
                    .trim()
                    .parse()
                    .map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))?;
                Ok(Number {
                    number,
                    text: Some(v.into()),
                })
            }
        }
        deserializer.deserialize_any(V)
    }
}

/// A value Meta documents as a string but sometimes sends as a number, or the reverse (a date
/// that is Unix seconds in one payload and `"January 31, 2021"` in another; a limit that is
/// `2000` or `"TIER_2K"`). Either parses; [`TextOrNumber::as_str`] gives its text, and re-serializing
/// writes the form received. Compares and hashes by its text: `2000` equals `"2000"`.
#[derive(Debug, Clone)]
pub struct TextOrNumber {
    text: String,
    number: bool,
}

impl TextOrNumber {
    /// The value's text: the string, or the number as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether Meta sent it as a JSON number.
    pub fn was_number(&self) -> bool {
        self.number
    }

    /// The value as an integer, if its text is one.
    pub fn as_i64(&self) -> Option<i64> {
        self.text.trim().parse().ok()
    }
}

impl PartialEq for TextOrNumber {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for TextOrNumber {}

impl std::hash::Hash for TextOrNumber {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

impl PartialEq<str> for TextOrNumber {
    fn eq(&self, other: &str) -> bool {
        self.text == other
    }
}

impl fmt::Display for TextOrNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for TextOrNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.number {
            // The text came from a JSON number, so it parses back into one.
            match self.text.parse::<serde_json::Number>() {
                Ok(number) => number.serialize(serializer),
                Err(_) => serializer.serialize_str(&self.text),
            }
        } else {
            serializer.serialize_str(&self.text)
        }
    }
}

impl<'de> Deserialize<'de> for TextOrNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = TextOrNumber;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a number")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<TextOrNumber, E> {
                Ok(TextOrNumber {
                    text: v.to_owned(),
                    number: false,
                })
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<TextOrNumber, E> {
                Ok(TextOrNumber {
                    text: v,
                    number: false,
                })
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<TextOrNumber, E> {
                Ok(TextOrNumber {
                    text: v.to_string(),
                    number: true,
                })
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<TextOrNumber, E> {
                Ok(TextOrNumber {
                    text: v.to_string(),
                    number: true,
                })
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<TextOrNumber, E> {
                serde_json::Number::from_f64(v)
                    .map(|n| TextOrNumber {
                        text: n.to_string(),
                        number: true,
                    })
                    .ok_or_else(|| E::invalid_value(de::Unexpected::Float(v), &self))
            }
        }
        deserializer.deserialize_any(V)
    }
}
