//! The reader of Meta's pseudo-JSON blocks ([`super::pseudo`] has the tree it builds): a
//! character cursor that keeps the page line, skips comments and collects them as notes, and
//! reads values, strings, bare placeholders, objects and arrays leniently.

use super::pseudo::{PEntry, PNode, PageError};
use crate::node::Node;

/// Reads the block `text`, whose first line is page line `first_line`.
pub fn parse(text: &str, first_line: usize) -> Result<PNode, PageError> {
    let mut parser = Parser {
        chars: text.chars().collect(),
        pos: 0,
        line: first_line,
    };
    parser.trivia()?;
    let value = parser.value()?;
    parser.trivia()?;
    if parser.pos < parser.chars.len() {
        return Err(PageError::new(
            parser.line,
            format!(
                "text after the end of the block: `{}`",
                parser.rest_of_line()
            ),
        ));
    }
    Ok(value)
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    line: usize,
}

/// A comment, with the line it starts on.
struct Comment {
    line: usize,
    text: String,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn starts_with(&self, s: &str) -> bool {
        s.chars()
            .enumerate()
            .all(|(i, c)| self.chars.get(self.pos + i) == Some(&c))
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += 1;
        if c == '\n' {
            self.line += 1;
        }
        Some(c)
    }

    fn rest_of_line(&self) -> String {
        self.chars[self.pos..]
            .iter()
            .take_while(|c| **c != '\n')
            .collect::<String>()
            .trim()
            .to_owned()
    }

    /// Skips blanks, commas, comments and elisions; returns the comments.
    fn trivia(&mut self) -> Result<Vec<Comment>, PageError> {
        let mut comments = Vec::new();
        loop {
            let line = self.line;
            if self.starts_with("<!--") {
                self.pos += 4;
                let text = self.until("-->", line, "an HTML comment `<!--`")?;
                comments.push(Comment { line, text });
            } else if self.starts_with("/*") {
                self.pos += 2;
                let text = self.until("*/", line, "a comment `/*`")?;
                comments.push(Comment { line, text });
            } else if self.starts_with("//") || self.peek() == Some('#') {
                let text = self.rest_of_line();
                while self.peek().is_some_and(|c| c != '\n') {
                    self.bump();
                }
                let text = text.trim_start_matches(['/', '#']).trim().to_owned();
                comments.push(Comment { line, text });
            } else if self.starts_with("...") || self.starts_with(". . .") {
                while matches!(self.peek(), Some('.' | ' ')) {
                    self.bump();
                }
            } else if matches!(self.peek(), Some(c) if c.is_whitespace() || c == ',' || c == '…')
            {
                self.bump();
            } else {
                return Ok(comments);
            }
        }
    }

    /// The text up to `end` (consumed), for a comment opened on `line`.
    fn until(&mut self, end: &str, line: usize, what: &str) -> Result<String, PageError> {
        let mut text = String::new();
        while !self.starts_with(end) {
            match self.bump() {
                Some(c) => text.push(c),
                None => return Err(PageError::new(line, format!("{what} is never closed"))),
            }
        }
        self.pos += end.chars().count();
        Ok(text.split_whitespace().collect::<Vec<_>>().join(" "))
    }

    fn value(&mut self) -> Result<PNode, PageError> {
        let line = self.line;
        match self.peek() {
            Some('{') => self.object(),
            Some('[') => self.array(),
            Some('"') => Ok(PNode::Str(self.string()?)),
            Some('<') => {
                let token = self.bare();
                if token.ends_with('>') {
                    Ok(PNode::Bare(token))
                } else {
                    Err(PageError::new(line, format!("cannot read `{token}`")))
                }
            }
            Some(c) if c == '-' || c.is_ascii_digit() => {
                let token = self.bare();
                serde_json::from_str::<serde_json::Number>(&token)
                    .map(|n| PNode::Scalar(Node::Number(n)))
                    .map_err(|_| PageError::new(line, format!("`{token}` is not a number")))
            }
            Some(c) if c.is_alphabetic() || c == '_' => {
                let token = self.bare();
                Ok(match token.as_str() {
                    "true" => PNode::Scalar(Node::Bool(true)),
                    "false" => PNode::Scalar(Node::Bool(false)),
                    "null" => PNode::Scalar(Node::Null),
                    _ => PNode::Bare(token),
                })
            }
            Some(c) => Err(PageError::new(
                line,
                format!("a value cannot start with `{c}`: `{}`", self.rest_of_line()),
            )),
            None => Err(PageError::new(
                line,
                "the block ends where a value should be",
            )),
        }
    }

    /// An unquoted token: up to a delimiter.
    fn bare(&mut self) -> String {
        let mut token = String::new();
        while let Some(c) = self.peek() {
            if c.is_whitespace() || matches!(c, ',' | '}' | ']' | ':' | '"') {
                break;
            }
            if c == '<' && !token.is_empty() {
                break;
            }
            token.push(c);
            self.bump();
            if c == '>' {
                break;
            }
        }
        token
    }

    fn string(&mut self) -> Result<String, PageError> {
        let line = self.line;
        let start = self.pos;
        self.bump();
        let mut raw = String::from('"');
        loop {
            match self.bump() {
                Some('"') => break,
                Some('\\') => {
                    raw.push('\\');
                    if let Some(c) = self.bump() {
                        raw.push(c);
                    }
                }
                Some('\n') | None => {
                    let text: String = self.chars[start..self.pos]
                        .iter()
                        .take_while(|c| **c != '\n')
                        .collect();
                    return Err(PageError::new(
                        line,
                        format!("unterminated string `{}`", text.trim()),
                    ));
                }
                Some(c) => raw.push(c),
            }
        }
        raw.push('"');
        serde_json::from_str(&raw)
            .map_err(|e| PageError::new(line, format!("a string that is not JSON ({e}): {raw}")))
    }

    fn object(&mut self) -> Result<PNode, PageError> {
        let open = self.line;
        self.bump();
        let mut entries: Vec<PEntry> = Vec::new();
        let mut pending: Vec<String> = Vec::new();
        loop {
            for comment in self.trivia()? {
                // A comment on the line of the last key (after its value) is that key's note.
                match entries.last_mut() {
                    Some(last) if last.line == comment.line && pending.is_empty() => {
                        last.notes.push(comment.text)
                    }
                    _ => pending.push(comment.text),
                }
            }
            let line = self.line;
            match self.peek() {
                Some('}') => {
                    self.bump();
                    return Ok(PNode::Object(entries));
                }
                Some('"') => {
                    let key = self.string()?;
                    if PNode::Str(key.clone()).placeholder().is_some() {
                        return Err(PageError::new(
                            line,
                            format!(
                                "a placeholder as a key (`\"{key}\"`): the page puts several shapes under one key; write this part of the spec by hand"
                            ),
                        ));
                    }
                    self.trivia()?;
                    if self.peek() != Some(':') {
                        return Err(PageError::new(
                            self.line,
                            format!("`:` expected after the key \"{key}\""),
                        ));
                    }
                    self.bump();
                    let mut before = self.trivia()?;
                    let value = self.value()?;
                    let mut notes = std::mem::take(&mut pending);
                    notes.extend(before.drain(..).map(|c| c.text));
                    entries.push(PEntry {
                        key,
                        value,
                        line,
                        notes,
                    });
                }
                Some('<') => {
                    return Err(PageError::new(
                        line,
                        format!(
                            "a placeholder where a key should be (`{}`): the page stands for a whole object with it; write this part of the spec by hand",
                            self.rest_of_line()
                        ),
                    ))
                }
                Some(_) => {
                    return Err(PageError::new(
                        line,
                        format!("a key expected: `{}`", self.rest_of_line()),
                    ))
                }
                None => {
                    return Err(PageError::new(
                        open,
                        "the object opened here is never closed",
                    ))
                }
            }
        }
    }

    fn array(&mut self) -> Result<PNode, PageError> {
        let open = self.line;
        self.bump();
        let mut items = Vec::new();
        loop {
            self.trivia()?;
            match self.peek() {
                Some(']') => {
                    self.bump();
                    return Ok(PNode::Array(items));
                }
                Some(_) => items.push(self.value()?),
                None => {
                    return Err(PageError::new(
                        open,
                        "the array opened here is never closed",
                    ))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(node: &PNode) -> Vec<(String, usize, Vec<String>)> {
        match node {
            PNode::Object(entries) => entries
                .iter()
                .map(|e| (e.key.clone(), e.line, e.notes.clone()))
                .collect(),
            other => panic!("not an object: {other:?}"),
        }
    }

    #[test]
    fn reads_placeholders_notes_and_alternatives() {
        let text = r#"{
  "a": "<EVENT>", <!--only included for X event -->
  "time": <WEBHOOK_TRIGGER_TIMESTAMP>,

  <!-- only included for Y
       events -->
  "b": { "c": 1, },
  "b": { "d": true }
  "voice": <IS_VOICE_RECORDING?>,
  // a line comment
  "e": [ { "f": "x" }, ... ],
  "g": IS_BILLABLE,
  /* a block
     comment */ "h": 1,
  # a hash comment
  "i": 2
}"#;
        let node = parse(text, 10).unwrap();
        assert_eq!(
            keys(&node),
            vec![
                ("a".into(), 11, vec!["only included for X event".into()]),
                ("time".into(), 12, vec![]),
                ("b".into(), 16, vec!["only included for Y events".into()]),
                ("b".into(), 17, vec![]),
                ("voice".into(), 18, vec![]),
                ("e".into(), 20, vec!["a line comment".into()]),
                ("g".into(), 21, vec![]),
                ("h".into(), 23, vec!["a block comment".into()]),
                ("i".into(), 25, vec!["a hash comment".into()]),
            ]
        );
        let PNode::Object(entries) = &node else {
            unreachable!()
        };
        assert_eq!(
            entries[1].value.placeholder(),
            Some(("WEBHOOK_TRIGGER_TIMESTAMP".into(), false))
        );
        assert_eq!(
            entries[4].value.placeholder(),
            Some(("IS_VOICE_RECORDING".into(), false))
        );
        assert_eq!(
            entries[6].value.placeholder(),
            Some(("IS_BILLABLE".into(), false))
        );
        assert_eq!(PNode::Str("whatsapp".into()).placeholder(), None);
    }

    #[test]
    fn names_the_line_of_what_it_cannot_read() {
        let cases = [
            ("{\n  \"a\": \"<X>,\n}", 2, "unterminated string"),
            (
                "{\n  \"<MESSAGE_TYPE>\": {}\n}",
                2,
                "a placeholder as a key",
            ),
            (
                "{\n  \"a\": 1,\n  <MESSAGE_CONTENTS>\n}",
                3,
                "a placeholder where a key",
            ),
            ("{\n  \"a\": {\n", 2, "never closed"),
            ("{\n  \"a\": 1 <!-- open\n}", 2, "never closed"),
            ("{\n  \"a\" 1\n}", 2, "`:` expected"),
        ];
        for (text, line, message) in cases {
            let error = parse(text, 1).unwrap_err();
            assert_eq!(error.line, line, "{text}: {error:?}");
            assert!(error.message.contains(message), "{text}: {error:?}");
        }
    }
}
