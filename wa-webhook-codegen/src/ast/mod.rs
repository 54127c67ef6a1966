//! The spec model: what a spec file says, parsed but not yet checked against other files.
//!
//! A spec file mirrors one of Meta's reference pages: a summary, triggers, the Syntax block as a
//! cleaned JSON skeleton ([`Shape`]), the parameter table ([`Parameter`]) and the example payloads.

use crate::node::Node;
use serde::Deserialize;

mod parameter;

pub use parameter::{canonical_value, value_spellings, ParamType, Parameter, PARAMETER_KEYS};

/// What a spec file describes, from its identifying top-level key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// `"envelope": true`: the POST body around every change.
    Envelope,
    /// `"shared": "<name>"`: a piece referenced from other specs with `{"$ref": "<name>"}`.
    Shared(String),
    /// `"field": "<name>"`: one webhook field; its syntax is the change's `value`.
    Field(String),
    /// `"variant": "<name>"`: one value of a discriminator (a message `type`, an interactive
    /// `type`, ...); its syntax is the tag and the payload under the key of the same name.
    Variant(String),
}

/// One spec file, parsed.
#[derive(Debug, Clone)]
pub struct Spec {
    /// Path relative to the invoking crate, used in every error about this file.
    pub file: String,
    /// What the file describes.
    pub kind: Kind,
    /// One paragraph: what the page is about.
    pub summary: String,
    /// What makes Meta send it.
    pub triggers: Vec<String>,
    /// Where the facts come from (a reference page or "observed payloads").
    pub source: Option<String>,
    /// The cleaned Syntax block.
    pub syntax: Object,
    /// The parameter table, in file order.
    pub parameters: Vec<(String, Parameter)>,
    /// Meta's example payloads.
    pub examples: Vec<Example>,
    /// Other names Meta sends the same field under (`business_username_updates`).
    pub aliases: Vec<String>,
    /// The field's events are copies of a conversation another app owns (`standby`): an app
    /// reads them and must not answer.
    pub standby: bool,
}

impl Spec {
    /// The parameter row for `placeholder`, if any.
    pub fn parameter(&self, placeholder: &str) -> Option<&Parameter> {
        self.parameters
            .iter()
            .find(|(name, _)| name == placeholder)
            .map(|(_, p)| p)
    }
}

/// The raw file, as serde reads it. Unknown keys are errors (a typo must not pass silently).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSpec {
    /// `"envelope": true` for the envelope.
    #[serde(default)]
    pub envelope: bool,
    /// The name of a shared piece.
    pub shared: Option<String>,
    /// The name of a webhook field.
    pub field: Option<String>,
    /// The name of a variant of a discriminator.
    pub variant: Option<String>,
    /// One paragraph: what the page is about.
    pub summary: Option<String>,
    /// What makes Meta send it.
    #[serde(default)]
    pub triggers: Vec<String>,
    /// Where the facts come from.
    pub source: Option<String>,
    /// The cleaned Syntax block.
    pub syntax: Node,
    /// The parameter table.
    #[serde(default)]
    pub parameters: Entries<Parameter>,
    /// Meta's example payloads.
    #[serde(default)]
    pub examples: Vec<Example>,
    /// Other names of a field.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// `"standby": true`: the field's events are copies an app must not answer.
    #[serde(default)]
    pub standby: bool,
}

/// The keys a spec file may have, for "did you mean" suggestions.
pub const SPEC_KEYS: &[&str] = &[
    "envelope",
    "shared",
    "field",
    "variant",
    "summary",
    "triggers",
    "source",
    "syntax",
    "parameters",
    "examples",
    "aliases",
    "standby",
];

/// A JSON object read as ordered entries, so duplicate keys can be reported.
#[derive(Debug, Clone)]
pub struct Entries<T>(pub Vec<(String, T)>);

impl<T> Default for Entries<T> {
    fn default() -> Self {
        Entries(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Entries<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for V<T> {
            type Value = Entries<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Entries(entries))
            }
        }
        deserializer.deserialize_map(V(std::marker::PhantomData))
    }
}

/// One example payload from the page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// What the example shows.
    pub description: String,
    /// The complete POST body, verbatim.
    pub payload: Node,
}

/// A node of the cleaned Syntax block.
#[derive(Debug, Clone)]
pub enum Shape {
    /// `"<NAME>"`: typed and documented by the parameter row `NAME`.
    Placeholder(String),
    /// Any other string: a value that is always the same.
    Literal(String),
    /// A nested object.
    Object(Object),
    /// `[element]`: an array of one shape.
    Array(Box<Shape>),
    /// `{"$ref": "<shared>"}`: a shared piece defined in its own file.
    Ref(String),
}

/// An object of the Syntax block: a struct in Rust.
#[derive(Debug, Clone, Default)]
pub struct Object {
    /// `"$doc"`: what the object is (mandatory except at the root of a file).
    pub doc: Option<String>,
    /// `"$name"`: an explicit Rust name, only to break a collision.
    pub name: Option<String>,
    /// `"$event": true`: each item of the array this object describes is an event of its
    /// change (a message, a status): `Notification::events` yields it.
    pub event: bool,
    /// The keys, in source order.
    pub keys: Vec<Key>,
}

/// One key of a syntax object.
#[derive(Debug, Clone)]
pub struct Key {
    /// The JSON key, without the `?` that marks it optional.
    pub name: String,
    /// Other spellings Meta sends the same key under (`"a|b|c?"` in the syntax): the value is
    /// accepted under any of them and written back under the one received.
    pub aliases: Vec<String>,
    /// Written `"name?"`: the key may be absent.
    pub optional: bool,
    /// Its value's shape.
    pub shape: Shape,
    /// Where it is in the file (`syntax.messages[].reaction.emoji`), for errors.
    pub path: String,
}

impl Object {
    /// The key named `name`.
    pub fn key(&self, name: &str) -> Option<&Key> {
        self.keys.iter().find(|k| k.name == name)
    }
}

impl Key {
    /// Whether Meta's key `json` is this key, by its name or one of its aliases.
    pub fn is_spelled(&self, json: &str) -> bool {
        self.name == json || self.aliases.iter().any(|a| a == json)
    }

    /// Every spelling: the name, then the aliases.
    pub fn spellings(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

/// The placeholder name in `"<NAME>"`, if the string is one.
pub fn placeholder(s: &str) -> Option<&str> {
    let inner = s.strip_prefix('<')?.strip_suffix('>')?;
    let ok = !inner.is_empty() && inner.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    ok.then_some(inner)
}
