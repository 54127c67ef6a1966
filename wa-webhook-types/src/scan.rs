//! Each change's `field`, found before its value is typed: Meta writes `value` before `field`,
//! so one scan of the body lists the `field` of every change object in document order, and the
//! speculative pass types each value by its own field instead of guessing.
//!
//! The scan looks for the key `"field"` with `memchr`'s substring search (vectorized, far
//! faster than the parse), and reads the string after its colon. Only change objects have a
//! `field` key in Meta's payloads, and a key is never inside a string (there its quotes are
//! escaped). The scan only proposes: each change's `field` as parsed is checked against what
//! its value was typed as, and a mismatch (a payload with a `field` key of its own) reads the
//! body again strictly.

use memchr::memmem::Finder;
use std::sync::LazyLock;

/// The searcher for the key, built once (building one costs more than a small body's search).
static FIELD_KEY: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(b"\"field\""));

/// Appends, for each `"field"` key of `text` in document order, what `name` makes of its
/// string value as written (escapes included), or `None` where the value is not a string.
pub(crate) fn change_fields<T>(
    text: &str,
    name: impl Fn(&str) -> Option<T>,
    out: &mut Vec<Option<T>>,
) {
    let bytes = text.as_bytes();
    for at in FIELD_KEY.find_iter(bytes) {
        if at > 0 && bytes[at - 1] == b'\\' {
            continue; // `\"field\"` inside a string
        }
        let colon = skip_space(bytes, at + 7);
        if bytes.get(colon) != Some(&b':') {
            continue; // the string "field" as a value
        }
        let start = skip_space(bytes, colon + 1);
        let value = (bytes.get(start) == Some(&b'"'))
            .then(|| string_end(bytes, start + 1))
            .flatten()
            .and_then(|end| name(&text[start + 1..end]));
        out.push(value);
    }
}

/// The index of the quote closing the string whose first byte is at `from`.
fn string_end(bytes: &[u8], mut from: usize) -> Option<usize> {
    loop {
        let at = from + memchr::memchr2(b'"', b'\\', bytes.get(from..)?)?;
        if bytes[at] == b'"' {
            return Some(at);
        }
        from = at + 2; // an escape: skip the escaped byte (`\"`, `\\`, or `\u`'s `u`)
    }
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(|b| b.is_ascii_whitespace()) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::change_fields;

    fn fields(text: &str) -> Vec<Option<String>> {
        let mut out = Vec::new();
        change_fields(text, |f| Some(f.to_owned()), &mut out);
        out
    }

    #[test]
    fn each_field_key_in_document_order() {
        let body = r#"{"object":"whatsapp_business_account","entry":[
            {"id":"1","changes":[{"value":{"text":"{\"field\":\"x_in_a_string\"}","x":"field"},"field":"messages"},
                                 {"field" : "security", "value":{}}]},
            {"id":"2","changes":[{"value":1,"field":7},{"field":"x_\"escaped\"","value":2}]}]}"#;
        let expected = [
            Some("messages"),
            Some("security"),
            None,
            Some(r#"x_\"escaped\""#),
        ];
        assert_eq!(fields(body), expected.map(|f| f.map(str::to_owned)));
    }

    #[test]
    fn malformed_text_ends_the_scan_without_a_panic() {
        for text in [
            "",
            "\"field\"",
            "\"field\":",
            r#""field":"messa"#,
            r#""field":"a\"#,
        ] {
            assert_eq!(fields(text), [None][..usize::from(text.contains(':'))]);
        }
        assert_eq!(
            fields(r#"{"field":"messages""#),
            [Some("messages".to_owned())]
        );
    }
}
