//! The value an enum's catch-all holds: one the spec does not list, exactly as Meta sent it.

use std::fmt;
use std::ops::Deref;

/// A value the spec does not list, exactly as Meta sent it: what a generated enum's
/// `Unrecognized` variant holds.
///
/// Only parsing makes one (`FromStr` and deserializing, for a value no variant names), so an
/// `Unrecognized` never holds a listed value and `==` between two parsed values means what it
/// says. It reads as a `str`.
///
/// ```
/// use wa_webhook_types::shared::status::DeliveryStatus;
///
/// let status: DeliveryStatus = "x_example_state".parse().unwrap();
/// match &status {
///     DeliveryStatus::Unrecognized(value) => assert_eq!(value, "x_example_state"),
///     listed => panic!("{listed} is listed"),
/// }
/// assert_eq!("read".parse::<DeliveryStatus>().unwrap(), DeliveryStatus::Read);
/// ```
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnlistedValue(String);

impl UnlistedValue {
    /// The value, as Meta spelled it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Makes the catch-all's value (for generated code, through `__private`, once the value is
/// known to be unlisted).
pub fn unlisted_value(value: &str) -> UnlistedValue {
    UnlistedValue(value.to_owned())
}

impl Deref for UnlistedValue {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for UnlistedValue {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for UnlistedValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for UnlistedValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for UnlistedValue {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for UnlistedValue {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}
