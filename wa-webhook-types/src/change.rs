//! A change of an entry: the typed change object, how the generated `Change` is built (typed in
//! the body's own pass, see `crate::pass`, or from a value captured raw), and what a change
//! keeps when it cannot be typed (an unknown field, an invalid value, an unknown variant), raw
//! with what is known about it.

use crate::de::{fill, Key};
use crate::drift::Drift;
use crate::error::ValueError;
use crate::extra::{keep_unknown_key, write_kept_keys, Extra};
use crate::inspect::{Inspect, JsonPath};
use crate::pass::ReadOwned;
use crate::pass::{ParseState, Pass, ScannedChange, ValueFailure};
use crate::roles::EventParts;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde_json::value::RawValue;
use std::fmt;
use std::marker::PhantomData;

/// What a change object holds once read: the typed change, the keys beside `field` and
/// `value`, and the field name received when it is an alias of the change's field. The generated
/// `EntryChange` is built from it (this machinery serves a `Change` generated in any crate).
pub struct ChangeParts<C> {
    /// The change, typed by its field.
    pub change: C,
    /// Keys of the change object other than `field` and `value`, kept raw.
    pub extra: Extra,
    /// The field name received, when it is an alias of the field's name.
    pub alias: Option<String>,
}

/// Reads a change object in the parse of `state` (for the generated `EntryChange`, through
/// `__private`).
#[inline]
pub fn read_change_object<'de, C: ChangeDispatch, D: Deserializer<'de>>(
    deserializer: D,
    state: &mut ParseState,
) -> Result<ChangeParts<C>, D::Error> {
    struct V<'s, C>(&'s mut ParseState, PhantomData<C>);
    impl<'de, C: ChangeDispatch> Visitor<'de> for V<'_, C> {
        type Value = ChangeParts<C>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a change object with `field` and `value`")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ChangeParts<C>, A::Error> {
            let state = self.0;
            let scanned = (state.pass() == Pass::Speculative).then(|| state.next_change());
            let mut field: Option<String> = None;
            let mut value: Option<ChangeValue<C>> = None;
            let mut extra = Extra::default();
            while let Some(key) = map.next_key::<Key<'de>>()? {
                match key.as_str() {
                    "field" => fill(&mut map, &mut field, "field", state)?,
                    "value" if value.is_some() => return Err(de::Error::duplicate_field("value")),
                    "value" => {
                        match ChangeValue::next(&mut map, field.as_deref(), scanned, state) {
                            Ok(next) => value = Some(next),
                            Err(e) => return Err(state.in_key(e, "value")),
                        }
                    }
                    _ => keep_unknown_key(&mut extra, key, &mut map, state)?,
                }
            }
            let field = field.ok_or_else(|| de::Error::missing_field("field"))?;
            let change = match value.ok_or_else(|| de::Error::missing_field("value"))? {
                ChangeValue::Raw {
                    value,
                    failed: Some(failed),
                } if C::spec_field(&field) == Some(failed.typed_as) => {
                    C::invalid(InvalidChange::new(field.clone(), value, failed.error))
                }
                ChangeValue::Raw { value, .. } => C::from_raw(&field, value, state),
                ChangeValue::Typed { change, scanned } => match scanned {
                    Some(typed_as) if C::spec_field(&field) != Some(typed_as) => {
                        return Err(state.wrong_field(typed_as, &field))
                    }
                    _ => change,
                },
            };
            let alias = (change.field() != field).then_some(field);
            Ok(ChangeParts {
                change,
                extra,
                alias,
            })
        }
    }
    deserializer.deserialize_map(V(state, PhantomData))
}

/// Writes a change object: `field` as received, the value, the keys kept (for the generated
/// `EntryChange`).
pub fn write_change_object<C: ChangeDispatch, S: Serializer>(
    field: &str,
    change: &C,
    extra: &Extra,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    map.serialize_entry("field", field)?;
    change.write_value(&mut map)?;
    write_kept_keys(extra, &mut map)?;
    map.end()
}

/// The drift of a change object, each at a place that names the change's `field` as received
/// (for the generated `EntryChange`).
pub fn inspect_change_object<C: Inspect>(
    field: &str,
    change: &C,
    extra: &Extra,
    path: &mut JsonPath,
    out: &mut Vec<Drift>,
) {
    let start = out.len();
    change.inspect(path, out);
    extra.inspect(path, out);
    for drift in &mut out[start..] {
        drift.place.field = Some(field.to_owned());
    }
}

/// A change value as read, before the change's `field` confirms how it was typed.
enum ChangeValue<C> {
    /// Captured raw, to be typed once the field is known; for a target, with the error the pass
    /// that found it gave (typed as the same field on its own, it fails the same way).
    Raw {
        value: Box<RawValue>,
        failed: Option<Box<ValueFailure>>,
    },
    /// Typed in the body's pass, by the field read before it or (`scanned`) by the field the
    /// scan found for this change object.
    Typed {
        change: C,
        scanned: Option<&'static str>,
    },
}

impl<C: ChangeDispatch> ChangeValue<C> {
    /// Reads the next map value: in the speculative pass typed at once (by `field` if it came
    /// first, else by the field the scan found), unless it is a target; otherwise raw.
    fn next<'de, A: MapAccess<'de>>(
        map: &mut A,
        field: Option<&str>,
        scanned: Option<ScannedChange>,
        state: &mut ParseState,
    ) -> Result<Self, A::Error> {
        let Some(change) = scanned.filter(|change| !change.value_targeted) else {
            return Self::raw(map, scanned, state);
        };
        let (field, scanned) = match (field, change.field) {
            (Some(field), _) => (field, None),
            (None, Some(field)) => (field, Some(field)),
            (None, None) => return Self::raw(map, None, state),
        };
        match map.next_value_seed(TypedValue::<C>(field, state, PhantomData)) {
            Ok(change) => Ok(ChangeValue::Typed { change, scanned }),
            Err(e) => Err(state.failed_in_change_value(e, change, C::spec_field(field))),
        }
    }
}

impl<C> ChangeValue<C> {
    /// Captures the next map value raw; for a target (`targeted`), with the error the pass that
    /// found it gave, where it is that value.
    fn raw<'de, A: MapAccess<'de>>(
        map: &mut A,
        targeted: Option<ScannedChange>,
        state: &ParseState,
    ) -> Result<Self, A::Error> {
        match targeted {
            Some(change) => map
                .next_value::<&'de RawValue>()
                .map(|value| ChangeValue::Raw {
                    failed: state.change_value_failure(change, value),
                    value: value.to_owned(),
                }),
            None => map.next_value().map(|value| ChangeValue::Raw {
                value,
                failed: None,
            }),
        }
    }
}

/// Reads a change value as the type of a field (see [`ChangeDispatch::read_value`]).
struct TypedValue<'a, 's, C>(&'a str, &'s mut ParseState, PhantomData<C>);

impl<'de, C: ChangeDispatch> DeserializeSeed<'de> for TypedValue<'_, '_, C> {
    type Value = C;
    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<C, D::Error> {
        C::read_value(self.0, deserializer, self.1)
    }
}

/// A change whose `field` no spec describes: its name and raw value.
#[derive(Debug, Clone)]
pub struct UnknownChange {
    field: String,
    value: Box<RawValue>,
}

/// An unknown field's change, kept raw (for generated code, through `__private`).
pub fn unknown_change(field: &str, value: Box<RawValue>) -> UnknownChange {
    UnknownChange {
        field: field.to_owned(),
        value,
    }
}

impl UnknownChange {
    /// The field name Meta sent.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// The value, as raw JSON.
    pub fn value(&self) -> &RawValue {
        &self.value
    }
}

impl PartialEq for UnknownChange {
    fn eq(&self, other: &Self) -> bool {
        self.field == other.field && self.value.get() == other.value.get()
    }
}

/// A change of a known field whose value did not fit the typed model: raw, with the error.
#[derive(Debug, Clone)]
pub struct InvalidChange {
    field: String,
    value: Box<RawValue>,
    error: ValueError,
}

impl InvalidChange {
    pub(crate) fn new(field: String, value: Box<RawValue>, error: ValueError) -> Self {
        InvalidChange {
            field,
            value,
            error,
        }
    }

    /// The field name.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// The value, as raw JSON.
    pub fn value(&self) -> &RawValue {
        &self.value
    }

    /// Why the value did not fit, and where inside it.
    pub fn error(&self) -> &ValueError {
        &self.error
    }
}

impl PartialEq for InvalidChange {
    fn eq(&self, other: &Self) -> bool {
        self.field == other.field
            && self.value.get() == other.value.get()
            && self.error == other.error
    }
}

/// A discriminator value (such as a message `type`) no spec describes: the value, and the
/// payload sent under the key of the same name, raw.
#[derive(Debug, Clone)]
pub struct UnknownVariant {
    name: String,
    payload: Option<Box<RawValue>>,
}

/// A variant no spec describes, kept raw (for generated code, through `__private`).
pub fn unknown_variant(name: &str, payload: Option<Box<RawValue>>) -> UnknownVariant {
    UnknownVariant {
        name: name.to_owned(),
        payload,
    }
}

/// Writes an unknown variant's payload back under its name (for generated code).
pub fn write_unknown_variant<M: SerializeMap>(
    variant: &UnknownVariant,
    map: &mut M,
) -> Result<(), M::Error> {
    match &variant.payload {
        Some(payload) => map.serialize_entry(&variant.name, payload),
        None => Ok(()),
    }
}

impl UnknownVariant {
    /// The type name Meta sent.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The payload under the key named like the type, if there was one.
    pub fn payload(&self) -> Option<&RawValue> {
        self.payload.as_deref()
    }
}

impl PartialEq for UnknownVariant {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
            && self.payload.as_ref().map(|p| p.get()) == other.payload.as_ref().map(|p| p.get())
    }
}

/// How the generated `Change` is built from, and written back to, a raw change.
pub trait ChangeDispatch: Sized {
    /// Types the value by its field (by its name or an alias), in a parse of its own counted
    /// in `state`'s; an unknown field or a value that does not fit is kept raw.
    fn from_raw(field: &str, value: Box<RawValue>, state: &mut ParseState) -> Self;
    /// A change of a known field whose value did not fit, kept raw with the error.
    fn invalid(change: InvalidChange) -> Self;
    /// Reads the value of a change of `field` in the pass that reads the body (whose state is
    /// `state`), without capturing it raw first; an unknown field is kept raw, a value that
    /// does not fit is an error.
    fn read_value<'de, D: Deserializer<'de>>(
        field: &str,
        value: D,
        state: &mut ParseState,
    ) -> Result<Self, D::Error>;
    /// The field name, as the spec names it.
    fn field(&self) -> &str;
    /// The spec's name of a field received under its name or an alias; `None` for a field no
    /// spec describes.
    fn spec_field(field: &str) -> Option<&'static str>;
    /// Writes the `value` entry of the change object.
    fn write_value<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;
    /// What the change holds for events; see `Notification::events`.
    fn event_parts(&self) -> EventParts<'_>;
}

/// Parses a change value as `T` and wraps it, or keeps it raw with the error (`invalid`).
///
/// Strict first; a value that fails is parsed again isolating its array items, so that only a
/// value whose own top-level keys do not fit is kept whole as `invalid`.
pub fn typed_change<T: ReadOwned, C>(
    field: &str,
    value: Box<RawValue>,
    wrap: fn(T) -> C,
    invalid: fn(InvalidChange) -> C,
    state: &mut ParseState,
) -> C {
    match state.parse_value(value.get()) {
        Ok(typed) => wrap(typed),
        Err(failure) => invalid(InvalidChange::new(
            field.to_owned(),
            value,
            ValueError::from_serde(failure),
        )),
    }
}
