//! Meta's pseudo-JSON, as its Syntax blocks and example payloads write it: unquoted
//! placeholders (`"time": <WEBHOOK_TRIGGER_TIMESTAMP>`), comments (`<!-- ... -->` on a key's line
//! or the lines before it, `/* */`, `//`, `#`), elisions (`...`), trailing or missing commas, and
//! keys written twice. Read into a tree that keeps every key, in order, with its page line and
//! the notes written beside it; [`super::parser`] reads a block into it, and what it cannot read
//! is an error naming the page line.

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

/// `LINE: why`.
impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.line, self.message)
    }
}

impl std::error::Error for PageError {}

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
