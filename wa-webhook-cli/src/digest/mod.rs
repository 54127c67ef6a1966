//! A 64-bit digest of a JSON value, for `check`'s round trip: the same for the same value
//! (objects in any key order, strings escaped or not, numbers as `serde_json` reads them), from
//! a text ([`of_text`], one read, no tree) or from a value that serializes to JSON
//! ([`of_value`], no text written). Two different values share a digest with a chance of about
//! 2^-64.

mod read;
mod write;

use foldhash::quality::{FixedState, FoldHasher};
use serde::Serialize;
use std::hash::{BuildHasher, Hash, Hasher};

/// The digest of the one JSON value `text` holds; `None` if it is not JSON.
pub fn of_text(text: &str) -> Option<u64> {
    read::of_text(text)
}

/// The digest of the JSON `value` serializes to; `None` where it cannot be written as JSON.
pub fn of_value<T: Serialize + ?Sized>(value: &T) -> Option<u64> {
    value.serialize(write::Digester).ok()
}

/// The hasher of every node: foldhash, fixed seed (the digests of two texts must agree).
fn hasher() -> FoldHasher<'static> {
    FixedState::with_seed(0x5741_5f57_4542_484b).build_hasher()
}

fn node(kind: u8, value: impl Hash) -> u64 {
    let mut hasher = hasher();
    kind.hash(&mut hasher);
    value.hash(&mut hasher);
    hasher.finish()
}

/// `null`.
fn null() -> u64 {
    node(0, ())
}

fn boolean(v: bool) -> u64 {
    node(1, v)
}

/// A number, told apart as `serde_json::Value` does: unsigned, negative, floating point.
fn unsigned(v: u64) -> u64 {
    node(2, v)
}

fn signed(v: i64) -> u64 {
    match u64::try_from(v) {
        Ok(v) => unsigned(v),
        Err(_) => node(3, v),
    }
}

fn float(v: f64) -> u64 {
    if v.is_finite() {
        node(4, v.to_bits())
    } else {
        null() // as serde_json writes NaN and infinities
    }
}

fn string(v: &str) -> u64 {
    node(5, v)
}

/// The digest of an object's key.
fn key(key: &str) -> u64 {
    node(9, key)
}

/// An array's digest, item by item in order.
struct Array(FoldHasher<'static>);

impl Array {
    fn new() -> Self {
        let mut hasher = hasher();
        hasher.write_u8(6);
        Array(hasher)
    }
    fn item(&mut self, digest: u64) {
        self.0.write_u64(digest);
    }
    fn finish(self) -> u64 {
        self.0.finish()
    }
}

/// An object's digest: its members' digests summed, the same in any order.
struct Object(u64);

impl Object {
    fn new() -> Self {
        Object(node(7, ()))
    }
    /// A member, by its key's digest ([`key`]) and its value's.
    fn member(&mut self, key: u64, value: u64) {
        self.0 = self.0.wrapping_add(node(8, (key, value)));
    }
    fn finish(self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::{of_text, of_value};

    fn same(a: &str, b: &str) -> bool {
        matches!((of_text(a), of_text(b)), (Some(x), Some(y)) if x == y)
    }

    #[test]
    fn the_same_value_in_other_bytes_has_the_same_digest() {
        let cases = [
            (
                r#"{"a":1,"b":[1,2,{"c":"x"}]}"#,
                r#"{ "b": [1, 2, {"c": "x"}], "a": 1 }"#,
                true,
            ),
            (r#"{"k":"caf\u00e9"}"#, r#"{"k":"café"}"#, true),
            (r#"{"\u0061":1}"#, r#"{"a":1}"#, true),
            (r#"{"a":-1,"b":2.5}"#, r#"{"b":2.5,"a":-1}"#, true),
            (r#"[1,2]"#, r#"[2,1]"#, false),
            (r#"[[1],[2]]"#, r#"[[2],[1]]"#, false),
            (r#"{"a":{"b":1,"c":2}}"#, r#"{"a":{"b":2,"c":1}}"#, false),
            (r#"{"a":1}"#, r#"{"a":1,"b":2}"#, false),
            (r#"{"a":1}"#, r#"{"b":1}"#, false),
            (r#"{"a":1.0}"#, r#"{"a":1}"#, false),
            (r#"{"a":"1"}"#, r#"{"a":1}"#, false),
            (r#"{"a":[]}"#, r#"{"a":{}}"#, false),
            (r#"{"a":null}"#, r#"{}"#, false),
            ("null", " null ", true),
            (
                r#"{"a\"b":"x\\y\n"}"#,
                r#"{"a\u0022b":"x\u005cy\u000a"}"#,
                true,
            ),
            (r#"["\"", "\\"]"#, r#"["\u0022","\u005c"]"#, true),
            ("[18446744073709551615]", "[18446744073709551615 ]", true),
            ("[18446744073709551616]", "[1.8446744073709552e19]", true),
            ("[-0]", "[-0.0]", true),
            ("[-0]", "[0]", false),
            ("[-5]", "[-5.0]", false),
            ("[1e2]", "[100.0]", true),
            ("[1e2]", "[100]", false),
            ("[007]", "[7]", false),
        ];
        for (a, b, expected) in cases {
            assert_eq!(same(a, b), expected, "{a} vs {b}");
            assert_eq!(same(b, a), expected, "{b} vs {a}");
        }
        assert_eq!(of_text("{\"a\":"), None);
        assert_eq!(of_text("{} x"), None);
        assert_eq!(of_text(&"[".repeat(200)), None);
    }

    #[test]
    fn a_text_has_the_digest_of_its_value_and_no_cut_of_it_panics() {
        for example in wa_webhook_types::EXAMPLES {
            let value: serde_json::Value = serde_json::from_str(example.json).unwrap();
            let minified = serde_json::to_string(&value).unwrap();
            for text in [example.json, &minified] {
                assert_eq!(of_text(text), of_value(&value), "{text}");
            }
            for cut in (0..minified.len()).filter(|&i| minified.is_char_boundary(i)) {
                assert_eq!(of_text(&minified[..cut]), None, "{}", &minified[..cut]);
            }
        }
    }

    #[test]
    fn a_value_has_the_digest_of_the_text_it_writes() {
        let raw: Box<serde_json::value::RawValue> =
            serde_json::from_str(r#"{ "z": [1, "\u0041"], "y": null }"#).unwrap();
        let values = [
            serde_json::json!({"a": [1, -2, 2.5, true, null, "x"], "b": {"c": {}}}),
            serde_json::json!([]),
            serde_json::json!(u64::MAX),
        ];
        for value in values {
            let text = serde_json::to_string(&value).unwrap();
            assert_eq!(of_value(&value), of_text(&text), "{text}");
        }
        // A raw part is read as the JSON it holds, not as a string.
        assert_eq!(of_value(&raw), of_text(r#"{"y":null,"z":[1,"A"]}"#));
        let nested: std::collections::BTreeMap<&str, &serde_json::value::RawValue> =
            [("k", &*raw)].into();
        assert_eq!(
            of_value(&nested),
            of_text(r#"{"k":{"z":[1,"A"],"y":null}}"#)
        );
    }
}
