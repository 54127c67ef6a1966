//! A row of the parameter table, and the types a row names.

use super::Entries;
use crate::node::Node;
use serde::Deserialize;

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
    /// For an optional `Discriminator`: the variant (its payload optional or absent) that holds
    /// when neither the tag nor any variant's payload key is present (an ordinary status beside
    /// a payment status).
    pub default: Option<String>,
    /// The Rust name of the enum the row makes (listed values or a discriminator), only to
    /// break a collision: the name otherwise derives from the placeholder.
    pub name: Option<String>,
    /// What the key means to an application (one of [`crate::role::ROLES`]): who the user or the business
    /// is, or what identifies an event. Events and their identities are built from roles.
    pub role: Option<String>,
    /// The order the listed values follow, first to last (a message's status: `sent`,
    /// `delivered`, `read`): the enum then says whether one value comes after another.
    pub order: Option<Vec<String>>,
    /// Listed values nothing follows (a status's `failed`): they come after every other value.
    #[serde(rename = "final")]
    pub finals: Option<Vec<String>>,
    /// For a key of an object told apart by a discriminator: listed values that belong to
    /// some variants only (`{"payment": ["captured", "pending"]}`). An object of such a variant
    /// carries only its values; an object of another variant carries none of them.
    #[serde(default)]
    pub values_by_variant: Entries<Vec<String>>,
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

    /// The first spelling of the listed value `received` is a spelling of (`FAILED` for
    /// `Failed`), if it is one.
    pub fn canonical_of(&self, received: &str) -> Option<&str> {
        self.enum_values()?
            .iter()
            .find(|(v, _)| value_spellings(v).any(|s| s == received))
            .map(|(v, _)| canonical_value(v))
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
    "default",
    "name",
    "role",
    "order",
    "final",
    "values_by_variant",
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

    /// Whether a value of this type may be `json` as a payload sends it (`null` aside: that is
    /// the row's `nullable`). The lenient types take both wire forms, as the runtime does.
    #[cfg(feature = "tools")]
    pub fn takes(self, json: &serde_json::Value) -> bool {
        use serde_json::Value;
        let numeric = |text: &str, integer: bool| {
            let text = text.trim();
            if integer {
                text.parse::<i64>().is_ok()
            } else {
                text.parse::<f64>().is_ok()
            }
        };
        match (self, json) {
            (ParamType::Json | ParamType::Change, _) => true,
            (ParamType::String | ParamType::Discriminator, Value::String(_)) => true,
            (ParamType::Text, Value::String(_) | Value::Number(_)) => true,
            (ParamType::Integer | ParamType::Timestamp, Value::Number(n)) => {
                n.is_i64() || n.is_u64()
            }
            (ParamType::Integer | ParamType::Timestamp, Value::String(s)) => numeric(s, true),
            (ParamType::Number, Value::Number(_)) => true,
            (ParamType::Number, Value::String(s)) => numeric(s, false),
            (ParamType::Boolean, Value::Bool(_)) => true,
            _ => false,
        }
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
