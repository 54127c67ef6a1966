//! Support for generated code, re-exported from the modules that own it. Not public API:
//! reached as `wa_webhook_types::__private`.

pub use crate::change::{
    inspect_change_object, read_change_object, typed_change, unknown_change, unknown_variant,
    write_change_object, write_unknown_variant, ChangeDispatch, ChangeParts, InvalidChange,
    UnknownChange, UnknownVariant,
};
pub use crate::de::{deserialize_from_str, fill, fill_list, missing, required, unfilled, Key};
pub use crate::drift::{Drift, DriftKind};
pub use crate::examples::Example;
pub use crate::extra::{keep_typed_value, keep_unknown_key, take_kept_key, write_kept_keys, Extra};
pub use crate::inspect::{
    drift_at, drift_at_key, drift_below, inspect_key, value_off_variant, Inspect, JsonPath,
};
pub use crate::items::Items;
pub use crate::notification::{from_slice_counted, from_slice_untargeted};
pub use crate::pass::{read_alone, ParseCounts, ParseState, ReadIn};
pub use crate::roles::{ErrorArray, EventParts, Role, Roles, ValueOrder};
pub use crate::scalar::{Integer, Number, TextOrNumber, Timestamp};
pub use crate::spelled::{Spelled, SpelledEnum};
pub use crate::unlisted::{unlisted_value, UnlistedValue};
pub use crate::wa_string::WaString;
pub use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
pub use serde::ser::{Serialize, SerializeMap, Serializer};
pub use serde_json;
pub use serde_json::value::RawValue;
pub use std::borrow::ToOwned;
pub use std::boxed::Box;
pub use std::convert::Infallible;
pub use std::fmt::{Display, Formatter, Result as FmtResult};
pub use std::format;
pub use std::option::Option::{self, None, Some};
pub use std::result::Result::{self, Err, Ok};
pub use std::str::FromStr;
pub use std::string::String;
pub use std::vec::Vec;
