//! The digest of the JSON a value serializes to, computed as serde_json would write it (the
//! same data model: maps with string keys, `None` and unit as `null`, enums externally tagged,
//! raw parts read as the JSON they hold), without writing the text.

use serde::ser::{self, Impossible, Serialize, SerializeMap, SerializeSeq, SerializeStruct};
use std::fmt;

/// The name serde_json's `RawValue` serializes under (a struct of one field of that name,
/// holding the JSON text): such a part is digested as the JSON it holds.
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

/// Why a value has no JSON digest (a map key that is not a string, bytes, ...).
#[derive(Debug)]
pub(super) struct NotJson(String);

impl fmt::Display for NotJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NotJson {}

impl ser::Error for NotJson {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        NotJson(msg.to_string())
    }
}

fn unsupported<T>(what: &str) -> Result<T, NotJson> {
    Err(NotJson(format!("{what} is not digested")))
}

/// Integer methods: each widened to `i64` or `u64`, as serde_json reads the number back.
macro_rules! integers {
    ($digest:path: $($method:ident: $ty:ty),*) => {$(
        fn $method(self, v: $ty) -> Result<u64, NotJson> {
            Ok($digest(v.into()))
        }
    )*};
}

/// Serializes a value into its digest.
pub(super) struct Digester;

impl ser::Serializer for Digester {
    type Ok = u64;
    type Error = NotJson;
    type SerializeSeq = Seq;
    // Tuples and enum variants with fields: the webhook types have none.
    type SerializeTuple = Impossible<u64, NotJson>;
    type SerializeTupleStruct = Impossible<u64, NotJson>;
    type SerializeTupleVariant = Impossible<u64, NotJson>;
    type SerializeMap = Map;
    type SerializeStruct = Struct;
    type SerializeStructVariant = Impossible<u64, NotJson>;

    fn serialize_bool(self, v: bool) -> Result<u64, NotJson> {
        Ok(super::boolean(v))
    }
    integers!(super::signed: serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64);
    integers!(super::unsigned: serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64);
    fn serialize_f32(self, v: f32) -> Result<u64, NotJson> {
        unsupported(&format!("the f32 {v}")) // written shortest as f32, read back as f64
    }
    fn serialize_f64(self, v: f64) -> Result<u64, NotJson> {
        Ok(super::float(v))
    }
    fn serialize_char(self, v: char) -> Result<u64, NotJson> {
        Ok(super::string(v.encode_utf8(&mut [0; 4])))
    }
    fn serialize_str(self, v: &str) -> Result<u64, NotJson> {
        Ok(super::string(v))
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<u64, NotJson> {
        unsupported("bytes")
    }
    fn serialize_none(self) -> Result<u64, NotJson> {
        Ok(super::null())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<u64, NotJson> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<u64, NotJson> {
        Ok(super::null())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<u64, NotJson> {
        Ok(super::null())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<u64, NotJson> {
        Ok(super::string(variant))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<u64, NotJson> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<u64, NotJson> {
        let mut object = super::Object::new();
        object.member(super::key(variant), value.serialize(Digester)?);
        Ok(object.finish())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Seq, NotJson> {
        Ok(Seq(super::Array::new()))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotJson> {
        unsupported("a tuple")
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, NotJson> {
        unsupported("a tuple struct")
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotJson> {
        unsupported("a tuple variant")
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Map, NotJson> {
        Ok(Map {
            object: super::Object::new(),
            key: None,
        })
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<Struct, NotJson> {
        Ok(match name {
            RAW_VALUE_TOKEN => Struct::Raw(None),
            _ => Struct::Object(super::Object::new()),
        })
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotJson> {
        unsupported("a struct variant")
    }
}

pub(super) struct Seq(super::Array);

impl SerializeSeq for Seq {
    type Ok = u64;
    type Error = NotJson;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), NotJson> {
        self.0.item(value.serialize(Digester)?);
        Ok(())
    }
    fn end(self) -> Result<u64, NotJson> {
        Ok(self.0.finish())
    }
}

pub(super) struct Map {
    object: super::Object,
    key: Option<u64>,
}

impl SerializeMap for Map {
    type Ok = u64;
    type Error = NotJson;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), NotJson> {
        self.key = Some(key.serialize(OnStr(key_digest))?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), NotJson> {
        let key = self
            .key
            .take()
            .ok_or_else(|| NotJson("a value before its key".into()))?;
        self.object.member(key, value.serialize(Digester)?);
        Ok(())
    }
    fn end(self) -> Result<u64, NotJson> {
        Ok(self.object.finish())
    }
}

fn key_digest(key: &str) -> Result<u64, NotJson> {
    Ok(super::key(key))
}

fn raw_digest(text: &str) -> Result<u64, NotJson> {
    super::of_text(text).ok_or_else(|| NotJson("a raw part that is not JSON".into()))
}

/// A struct (an object of its fields), or serde_json's raw part.
pub(super) enum Struct {
    Object(super::Object),
    Raw(Option<u64>),
}

impl SerializeStruct for Struct {
    type Ok = u64;
    type Error = NotJson;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), NotJson> {
        match self {
            Struct::Object(object) => object.member(super::key(key), value.serialize(Digester)?),
            Struct::Raw(digest) => *digest = Some(value.serialize(OnStr(raw_digest))?),
        }
        Ok(())
    }
    fn end(self) -> Result<u64, NotJson> {
        match self {
            Struct::Object(object) => Ok(object.finish()),
            Struct::Raw(digest) => digest.ok_or_else(|| NotJson("an empty raw part".into())),
        }
    }
}

/// A string as serde_json writes a map key (numbers as their text), handed to a function: a
/// key's digest, or a raw part's text read as JSON.
struct OnStr(fn(&str) -> Result<u64, NotJson>);

macro_rules! number_keys {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method(self, v: $ty) -> Result<u64, NotJson> {
            (self.0)(&v.to_string())
        }
    )*};
}

impl ser::Serializer for OnStr {
    type Ok = u64;
    type Error = NotJson;
    type SerializeSeq = Impossible<u64, NotJson>;
    type SerializeTuple = Impossible<u64, NotJson>;
    type SerializeTupleStruct = Impossible<u64, NotJson>;
    type SerializeTupleVariant = Impossible<u64, NotJson>;
    type SerializeMap = Impossible<u64, NotJson>;
    type SerializeStruct = Impossible<u64, NotJson>;
    type SerializeStructVariant = Impossible<u64, NotJson>;

    fn serialize_str(self, v: &str) -> Result<u64, NotJson> {
        (self.0)(v)
    }
    fn serialize_char(self, v: char) -> Result<u64, NotJson> {
        (self.0)(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<u64, NotJson> {
        value.serialize(self)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<u64, NotJson> {
        (self.0)(variant)
    }
    number_keys!(serialize_i8: i8, serialize_i16: i16, serialize_i32: i32, serialize_i64: i64,
                 serialize_u8: u8, serialize_u16: u16, serialize_u32: u32, serialize_u64: u64);
    fn serialize_bool(self, _: bool) -> Result<u64, NotJson> {
        unsupported("a key that is a boolean")
    }
    fn serialize_f32(self, _: f32) -> Result<u64, NotJson> {
        unsupported("a key that is a float")
    }
    fn serialize_f64(self, _: f64) -> Result<u64, NotJson> {
        unsupported("a key that is a float")
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<u64, NotJson> {
        unsupported("a key that is bytes")
    }
    fn serialize_none(self) -> Result<u64, NotJson> {
        unsupported("a key that is null")
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<u64, NotJson> {
        unsupported("a key that is an option")
    }
    fn serialize_unit(self) -> Result<u64, NotJson> {
        unsupported("a key that is null")
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<u64, NotJson> {
        unsupported("a key that is null")
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<u64, NotJson> {
        unsupported("a key that is an enum")
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, NotJson> {
        unsupported("a key that is an array")
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, NotJson> {
        unsupported("a key that is an array")
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, NotJson> {
        unsupported("a key that is an array")
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, NotJson> {
        unsupported("a key that is an array")
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, NotJson> {
        unsupported("a key that is an object")
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, NotJson> {
        unsupported("a key that is an object")
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, NotJson> {
        unsupported("a key that is an object")
    }
}
