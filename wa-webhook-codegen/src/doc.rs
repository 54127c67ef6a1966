//! Doc text in the resolved model: prose and code spans, with links to generated items kept as
//! data, so that each renderer writes them its own way (rustdoc links for Rust, the link's text
//! for JSON Schema, TypeScript and Python) and none has to take rustdoc syntax apart.

/// A doc: its parts in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Doc {
    parts: Vec<DocPart>,
}

/// One part of a [`Doc`].
#[derive(Debug, Clone, PartialEq, Eq)]
enum DocPart {
    /// Text as written (Markdown: code spans, paragraphs, code blocks).
    Text(String),
    /// A link to an item: its text (a code span's content) and, for Rust, its path
    /// (`crate::Notification::from_slice`), or none where rustdoc resolves the text itself.
    Link {
        text: String,
        target: Option<String>,
    },
}

impl Doc {
    /// A doc of `text`.
    pub fn text(text: impl Into<String>) -> Self {
        Doc {
            parts: vec![DocPart::Text(text.into())],
        }
    }

    /// Appends `text`.
    pub fn push_text(&mut self, text: &str) {
        match self.parts.last_mut() {
            Some(DocPart::Text(last)) => last.push_str(text),
            _ => self.parts.push(DocPart::Text(text.to_owned())),
        }
    }

    /// Appends a link to the item `text` names in scope (`` [`Change::Unrecognized`] ``).
    pub fn push_link(&mut self, text: &str) {
        self.parts.push(DocPart::Link {
            text: text.to_owned(),
            target: None,
        });
    }

    /// Appends a link reading `text` to the item at `target` (`crate::Notification::events`).
    pub fn push_link_to(&mut self, text: &str, target: &str) {
        self.parts.push(DocPart::Link {
            text: text.to_owned(),
            target: Some(target.to_owned()),
        });
    }

    /// Appends `other`.
    pub fn push_doc(&mut self, other: &Doc) {
        for part in &other.parts {
            match part {
                DocPart::Text(text) => self.push_text(text),
                link => self.parts.push(link.clone()),
            }
        }
    }

    /// As rustdoc reads it: links as intra-doc links.
    pub fn rust(&self) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                DocPart::Text(text) => out.push_str(text),
                DocPart::Link { text, target: None } => {
                    out.push_str(&format!("[`{text}`]"));
                }
                DocPart::Link {
                    text,
                    target: Some(target),
                } => out.push_str(&format!("[`{text}`]({target})")),
            }
        }
        out
    }

    /// As plain text (a description in JSON Schema, TypeScript or Python): links as code
    /// spans, trimmed.
    #[cfg(feature = "tools")]
    pub fn plain(&self) -> String {
        self.plain_text().trim().to_owned()
    }

    /// The first paragraph, as plain text (the rest of a value's or variant's doc speaks of the
    /// Rust types).
    #[cfg(feature = "tools")]
    pub fn plain_first_paragraph(&self) -> String {
        let text = self.plain_text();
        text.split("\n\n")
            .next()
            .unwrap_or_default()
            .trim()
            .to_owned()
    }

    /// The paragraphs, as plain text, untrimmed.
    #[cfg(feature = "tools")]
    pub fn plain_paragraphs(&self) -> Vec<String> {
        self.plain_text().split("\n\n").map(str::to_owned).collect()
    }

    #[cfg(feature = "tools")]
    fn plain_text(&self) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                DocPart::Text(text) => out.push_str(text),
                DocPart::Link { text, .. } => out.push_str(&format!("`{text}`")),
            }
        }
        out
    }
}

impl From<String> for Doc {
    fn from(text: String) -> Self {
        Doc::text(text)
    }
}

#[cfg(all(test, feature = "tools"))]
mod tests {
    use super::Doc;

    #[test]
    fn links_are_rustdoc_links_for_rust_and_their_text_elsewhere() {
        let mut doc = Doc::text("Kept as ");
        doc.push_link("Change::Unrecognized");
        doc.push_text(", see ");
        doc.push_link_to("Items", "crate::Items");
        doc.push_text(" and `x`. ");
        assert_eq!(
            doc.rust(),
            "Kept as [`Change::Unrecognized`], see [`Items`](crate::Items) and `x`. "
        );
        assert_eq!(
            doc.plain(),
            "Kept as `Change::Unrecognized`, see `Items` and `x`."
        );
    }
}
