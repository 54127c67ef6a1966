//! The digest of a JSON text, read byte by byte: no tree, no token kept, each string hashed
//! where it lies in the text (found with `memchr`); only strings with escapes and numbers that
//! are not plain unsigned integers go through serde_json, so that both read as it reads them.
//!
//! The text is one serde_json has accepted (a body the typed parse read, a part it kept raw);
//! on other text the digest is `None` where the structure is broken, never a panic.

use serde_json::Number;
use std::borrow::Cow;

/// Nesting deeper than serde_json reads (128) is no text it has accepted.
const MAX_DEPTH: usize = 128;

pub(super) fn of_text(text: &str) -> Option<u64> {
    let mut reader = Reader { text, at: 0 };
    let digest = reader.value(0)?;
    reader.skip_whitespace();
    (reader.at == text.len()).then_some(digest)
}

/// A position in the text being digested.
struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    fn skip_whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes().get(self.at) {
            self.at += 1;
        }
    }

    /// The next byte after whitespace, consumed.
    fn next(&mut self) -> Option<u8> {
        self.skip_whitespace();
        let byte = *self.bytes().get(self.at)?;
        self.at += 1;
        Some(byte)
    }

    /// Consumes `byte` if it comes next (after whitespace).
    fn eat(&mut self, byte: u8) -> bool {
        self.skip_whitespace();
        let found = self.bytes().get(self.at) == Some(&byte);
        self.at += usize::from(found);
        found
    }

    fn value(&mut self, depth: usize) -> Option<u64> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.skip_whitespace();
        match *self.bytes().get(self.at)? {
            b'{' => self.object(depth),
            b'[' => self.array(depth),
            b'"' => Some(super::string(&self.string()?)),
            b't' => self.literal("true").then(|| super::boolean(true)),
            b'f' => self.literal("false").then(|| super::boolean(false)),
            b'n' => self.literal("null").then(super::null),
            _ => self.number(),
        }
    }

    fn object(&mut self, depth: usize) -> Option<u64> {
        self.at += 1; // `{`
        let mut object = super::Object::new();
        if self.eat(b'}') {
            return Some(object.finish());
        }
        loop {
            self.skip_whitespace();
            let key = super::key(&self.string()?);
            if self.next()? != b':' {
                return None;
            }
            object.member(key, self.value(depth + 1)?);
            match self.next()? {
                b',' => {}
                b'}' => return Some(object.finish()),
                _ => return None,
            }
        }
    }

    fn array(&mut self, depth: usize) -> Option<u64> {
        self.at += 1; // `[`
        let mut array = super::Array::new();
        if self.eat(b']') {
            return Some(array.finish());
        }
        loop {
            array.item(self.value(depth + 1)?);
            match self.next()? {
                b',' => {}
                b']' => return Some(array.finish()),
                _ => return None,
            }
        }
    }

    /// The string at the reader (its opening quote), borrowed where it has no escapes.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        let bytes = self.bytes();
        if bytes.get(self.at) != Some(&b'"') {
            return None;
        }
        let open = self.at;
        let end = open + 1 + quote_or_backslash(&bytes[open + 1..])?;
        if bytes[end] == b'\\' {
            return self.escaped(open, end);
        }
        self.at = end + 1;
        // Quotes are ASCII, so both ends are on character boundaries.
        Some(Cow::Borrowed(&self.text[open + 1..end]))
    }

    /// The rest of the string opened at `open`, from its first backslash at `at`: unescaped by
    /// serde_json.
    #[cold]
    #[inline(never)]
    fn escaped(&mut self, open: usize, mut at: usize) -> Option<Cow<'a, str>> {
        let bytes = self.bytes();
        loop {
            // `at` is a backslash; the byte it escapes is never the closing quote.
            at += 2;
            let close = at + quote_or_backslash(bytes.get(at..)?)?;
            if bytes[close] == b'"' {
                self.at = close + 1;
                let text: String = serde_json::from_str(&self.text[open..=close]).ok()?;
                return Some(Cow::Owned(text));
            }
            at = close;
        }
    }

    fn literal(&mut self, word: &str) -> bool {
        let found = self.bytes()[self.at..].starts_with(word.as_bytes());
        self.at += if found { word.len() } else { 0 };
        found
    }

    /// A number: plain unsigned integers read here, any other through serde_json's `Number`,
    /// which tells unsigned, negative and floating point apart as its `Value` does.
    fn number(&mut self) -> Option<u64> {
        let bytes = self.bytes();
        let start = self.at;
        let end = start
            + bytes[start..]
                .iter()
                .position(|b| !matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
                .unwrap_or(bytes.len() - start);
        self.at = end;
        let token = &bytes[start..end];
        let plain = !token.is_empty()
            && token.len() <= 19 // below u64::MAX, so no overflow
            && (token[0] != b'0' || token.len() == 1)
            && token.iter().all(u8::is_ascii_digit);
        if plain {
            let value = token
                .iter()
                .fold(0u64, |n, digit| n * 10 + u64::from(digit - b'0'));
            return Some(super::unsigned(value));
        }
        let number: Number = serde_json::from_str(&self.text[start..end]).ok()?;
        if let Some(v) = number.as_u64() {
            Some(super::unsigned(v))
        } else if let Some(v) = number.as_i64() {
            Some(super::signed(v))
        } else {
            number.as_f64().map(super::float)
        }
    }
}

/// Where the first `"` or `\\` of `bytes` is, eight bytes at a time: strings are short (keys,
/// IDs; ten bytes on average in the fixtures), too short to pay for a call to `memchr`.
fn quote_or_backslash(bytes: &[u8]) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    const HIGHS: u64 = ONES << 7;
    /// The high bit of each byte of `word` that is zero (exact up to the first zero byte,
    /// which is all that is read of it).
    fn zeros(word: u64) -> u64 {
        word.wrapping_sub(ONES) & !word & HIGHS
    }
    let mut chunks = bytes.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let found =
            zeros(word ^ (ONES * u64::from(b'"'))) | zeros(word ^ (ONES * u64::from(b'\\')));
        if found != 0 {
            return Some(at + found.trailing_zeros() as usize / 8);
        }
        at += 8;
    }
    let rest = chunks
        .remainder()
        .iter()
        .position(|&b| b == b'"' || b == b'\\')?;
    Some(at + rest)
}
