//! The spec model: what a spec file says, parsed but not yet checked against other files.
//!
//! A spec file mirrors one of Meta's reference pages: a summary, triggers, the Syntax block as a
//! cleaned JSON skeleton ([`Shape`]), the parameter table ([`Parameter`]) and the example payloads.

use crate::node::Node;
use serde::Deserialize;

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

/// One row of the parameter table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    /// One of [`ParamType`]'s names.
    #[serde(rename = "type")]
    pub ty: String,
    /// What the value means. Mandatory: it becomes the doc comment.
    pub description: Option<String>,
    /// Enumerated values, exactly as Meta spells them, each with its meaning.
    pub values: Option<Entries<String>>,
    /// Another row whose values (and so whose enum) this row shares: `ROW` of the same spec or
    /// `path#ROW` of another; [`crate::share::link`] copies its values, renames and enum name
    /// here.
    pub values_of: Option<String>,
    /// Where `values_of` names a row of another spec: that spec's file (its module holds the
    /// enum). Set by [`crate::share::link`].
    #[serde(skip)]
    pub values_from: Option<String>,
    /// The rows sharing this row's values, as the enum's doc lists them (`` `<OLD_LIMIT>` ``).
    /// Set by [`crate::share::link`].
    #[serde(skip)]
    pub shared_by: Vec<String>,
    /// Rust names for values whose derived names collide (`{"Needs Testing": "NeedsTesting2"}`).
    #[serde(default)]
    pub rename: Entries<String>,
    /// Meta's example value for the row.
    pub example: Option<Node>,
    /// When the key is present, for optional keys ("only for PIN reset requests").
    pub when: Option<String>,
    /// The key may be `null`.
    #[serde(default)]
    pub nullable: bool,
    /// A deprecation note from the page.
    pub deprecated: Option<String>,
    /// For `Discriminator`: the folder (relative to the spec root) holding one spec per variant.
    pub variants: Option<String>,
    /// The Rust name of the enum the row makes (listed values or a discriminator), only to
    /// break a collision: the name otherwise derives from the placeholder.
    pub name: Option<String>,
    /// What the key means to an application (one of [`crate::role::ROLES`]): who the user or the business
    /// is, or what identifies an event. Events and their identities are built from roles.
    pub role: Option<String>,
}

impl Parameter {
    /// The row's type, if `type` names a known one (validation reports it otherwise).
    pub fn param_type(&self) -> Option<ParamType> {
        ParamType::from_name(&self.ty)
    }

    /// The values that make this row an enum: listed values of a `String` row. (An `Integer`
    /// row may list known codes too; those stay documentation, the list being open.)
    pub fn enum_values(&self) -> Option<&[(String, String)]> {
        match self.param_type() {
            Some(ParamType::String) => self.values.as_ref().map(|v| v.0.as_slice()),
            _ => None,
        }
    }

    /// Whether the row makes its own enum (listed values not shared from another row).
    pub fn makes_value_enum(&self) -> bool {
        self.enum_values().is_some() && self.values_of.is_none()
    }

    /// Whether `received` is one of the listed values, in any of its spellings.
    pub fn lists(&self, received: &str) -> bool {
        self.enum_values().is_some_and(|values| {
            values
                .iter()
                .any(|(v, _)| value_spellings(v).any(|s| s == received))
        })
    }

    /// Whether a listed value has other spellings (`"FAILED|Failed"`): the field then keeps the
    /// spelling received.
    pub fn has_value_spellings(&self) -> bool {
        self.enum_values()
            .is_some_and(|values| values.iter().any(|(v, _)| v.contains('|')))
    }
}

/// The spellings of a listed value as the spec writes it: `"FAILED|Failed"` is `FAILED` (which
/// names the variant and is written for a value built in Rust) and `Failed`, one value that Meta
/// spells in two ways.
pub fn value_spellings(written: &str) -> impl Iterator<Item = &str> {
    written.split('|')
}

/// The first spelling of a listed value: the one that names the variant.
pub fn canonical_value(written: &str) -> &str {
    value_spellings(written).next().unwrap_or(written)
}

/// The keys a parameter row may have, for "did you mean" suggestions.
pub const PARAMETER_KEYS: &[&str] = &[
    "type",
    "description",
    "values",
    "values_of",
    "rename",
    "example",
    "when",
    "nullable",
    "deprecated",
    "variants",
    "name",
    "role",
];

/// What a placeholder's value is on the wire, and so its Rust type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamType {
    /// A JSON string; an enum when the row lists values.
    String,
    /// An integer sent as a number or as a string of digits.
    Integer,
    /// A decimal sent as a number or as a string.
    Number,
    /// `true` or `false`.
    Boolean,
    /// Unix seconds sent as a number or as a string of digits.
    Timestamp,
    /// A string that Meta sometimes sends as a number (or the reverse): either is accepted and
    /// written back in the form received.
    Text,
    /// Any JSON, kept as it came.
    Json,
    /// The webhook change: its `field` selects the spec that types its `value` (envelope only).
    Change,
    /// Selects a variant spec from a folder; the variant's payload sits under the key named by
    /// the value (the `messages[].type` pattern).
    Discriminator,
}

impl ParamType {
    /// Every type name a spec may write.
    pub const NAMES: &'static [&'static str] = &[
        "String",
        "Integer",
        "Number",
        "Boolean",
        "Timestamp",
        "Text",
        "Json",
        "Change",
        "Discriminator",
    ];

    /// The type named `name`, exactly as written in a spec.
    pub fn from_name(name: &str) -> Option<ParamType> {
        Some(match name {
            "String" => ParamType::String,
            "Integer" => ParamType::Integer,
            "Number" => ParamType::Number,
            "Boolean" => ParamType::Boolean,
            "Timestamp" => ParamType::Timestamp,
            "Text" => ParamType::Text,
            "Json" => ParamType::Json,
            "Change" => ParamType::Change,
            "Discriminator" => ParamType::Discriminator,
            _ => return None,
        })
    }

    /// The type's name as a spec writes it.
    pub fn name(self) -> &'static str {
        match self {
            ParamType::String => "String",
            ParamType::Integer => "Integer",
            ParamType::Number => "Number",
            ParamType::Boolean => "Boolean",
            ParamType::Timestamp => "Timestamp",
            ParamType::Text => "Text",
            ParamType::Json => "Json",
            ParamType::Change => "Change",
            ParamType::Discriminator => "Discriminator",
        }
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
