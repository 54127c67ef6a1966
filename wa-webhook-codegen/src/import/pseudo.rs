//! Meta's pseudo-JSON, as its Syntax blocks and example payloads write it: unquoted
//! placeholders (`"time": <WEBHOOK_TRIGGER_TIMESTAMP>`), comments (`<!-- ... -->` on a key's line
//! or the lines before it, `/* */`, `//`, `#`), elisions (`...`), trailing or missing commas, and
//! keys written twice. Read into a tree that keeps every key, in order, with its page line and
//! the notes written beside it (by [`super::parser`]); what cannot be read is an error naming the
//! page line.

use crate::node::Node;

/// A value of the block.
#[derive(Debug, Clone, PartialEq)]
pub enum PNode {
    /// `{ ... }`, keys in order, duplicates kept.
    Object(Vec<PEntry>),
    /// `[ ... ]`
    Array(Vec<PNode>),
    /// A quoted string (a placeholder if it is `<NAME>`).
    Str(String),
    /// An unquoted token that is not JSON: a placeholder (`<NAME>` or `NAME`).
    Bare(String),
    /// A number, `true`, `false` or `null`.
    Scalar(Node),
}

/// One `"key": value` of an object.
#[derive(Debug, Clone, PartialEq)]
pub struct PEntry {
    /// The key as written.
    pub key: String,
    /// Its value.
    pub value: PNode,
    /// The page line of the key.
    pub line: usize,
    /// The comments written on the key's line or the lines before it.
    pub notes: Vec<String>,
}

/// Why a block could not be read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageError {
    /// The page line (1-based).
    pub line: usize,
    /// What is wrong.
    pub message: String,
    /// The text is no reference page at all (no title, no Syntax section), rather than a page
    /// with something the importer cannot read.
    pub not_a_page: bool,
}

impl PageError {
    /// An error at `line`.
    pub fn new(line: usize, message: impl Into<String>) -> Self {
        PageError {
            line,
            message: message.into(),
            not_a_page: false,
        }
    }

    /// An error at `line` saying the text is no reference page at all.
    pub fn not_a_page(line: usize, message: impl Into<String>) -> Self {
        PageError {
            not_a_page: true,
            ..PageError::new(line, message)
        }
    }
}

impl PNode {
    /// The placeholder this value is, without its angle brackets (or a trailing `?`), and whether
    /// it was quoted: `"<EVENT>"`, `<TIME>` and `IS_BILLABLE` are; `"whatsapp"` is a literal.
    pub fn placeholder(&self) -> Option<(String, bool)> {
        let (text, quoted) = match self {
            PNode::Str(s) => (s.as_str(), true),
            PNode::Bare(s) => (s.as_str(), false),
            _ => return None,
        };
        let inner = text
            .strip_prefix('<')
            .and_then(|t| t.strip_suffix('>'))
            .or((!quoted).then_some(text))?;
        let name = inner.trim_end_matches('?');
        let valid = !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
        valid.then(|| (name.to_ascii_uppercase().replace('-', "_"), quoted))
    }

    /// The value as JSON, for example payloads: a placeholder stays its text.
    pub fn to_node(&self) -> Node {
        match self {
            PNode::Object(entries) => Node::Object(
                entries
                    .iter()
                    .map(|e| (e.key.clone(), e.value.to_node()))
                    .collect(),
            ),
            PNode::Array(items) => Node::Array(items.iter().map(PNode::to_node).collect()),
            PNode::Str(s) | PNode::Bare(s) => Node::String(s.clone()),
            PNode::Scalar(node) => node.clone(),
        }
    }
}

pub use super::parser::parse;

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
