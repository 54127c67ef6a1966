//! Rust names derived from the data: keys, placeholders, values, fields, message types.
//!
//! Every name the expansion uses comes from here, so validation can compute the same names and
//! report collisions before anything is expanded.

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};

/// The name of the catch-all variant every generated enum gets. A documented value whose derived
/// name equals it needs a `rename`.
pub const CATCH_ALL: &str = "Unrecognized";

/// Standard types the generated public items name without a path; no generated type may hide
/// one.
pub const STD_TYPES: &[&str] = &["String", "Option", "Vec", "Box"];

/// The name of the field every generated struct uses for keys the spec does not list.
pub const EXTRA_FIELD: &str = "extra";

/// A type or variant name: `PIN_CHANGED` -> `PinChanged`, `Needs Testing` -> `NeedsTesting`.
pub fn type_name(raw: &str) -> String {
    let mut name = raw.to_upper_camel_case();
    name.retain(|c| c.is_ascii_alphanumeric() || c == '_');
    if name.is_empty() {
        return "Empty".to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert_str(0, "Value");
    }
    if name == "Self" {
        name.push('_');
    }
    name
}

/// A struct field or module name: `display_phone_number` stays, `solutionId` -> `solution_id`.
pub fn field_name(raw: &str) -> String {
    let mut name = raw.to_snake_case();
    name.retain(|c| c.is_ascii_alphanumeric() || c == '_');
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    name
}

/// The name of the enum a parameter row makes: its `name`, or the placeholder's.
pub fn enum_name(placeholder: &str, param: &crate::ast::Parameter) -> String {
    param.name.clone().unwrap_or_else(|| type_name(placeholder))
}

/// The public types of `wa-webhook-types` at its root, besides the generated ones: no generated
/// type may take one of their names (nor `Value`, which would read as `serde_json::Value`).
pub const RUNTIME_TYPES: &[&str] = &[
    "Drift",
    "DriftKind",
    "DriftPlace",
    "EventError",
    "EventReaction",
    "EventSummary",
    "Error",
    "EventClaim",
    "Example",
    "Extra",
    "Integer",
    "InvalidChange",
    "InvalidItem",
    "Item",
    "Items",
    "LogSafe",
    "Number",
    "PathStep",
    "RecentEvents",
    "ReplayWindowError",
    "Spelled",
    "TextOrNumber",
    "Timestamp",
    "UnknownChange",
    "UnknownVariant",
    "UnlistedValue",
    "Unrecognized",
    "UserIdentity",
    "Value",
    "ValueError",
    "WaString",
    "WebhookEvent",
];

/// The modules and crates `wa-webhook-types` itself names at its root (runtime modules, whether
/// or not a feature builds them, and re-exported crates): no spec's module may take one, which
/// rustc would otherwise report as a duplicate definition far from the spec.
pub const RUNTIME_MODULES: &[&str] = &["__private", "http", "receive", "serde_json"];

/// The types the generator itself emits at the crate root, which no spec's type may take.
pub const ROOT_TYPES: &[&str] = &["Change", "EntryChange", "EventItem"];

/// The variant name of a listed value: its `rename`, or the name derived from it.
pub fn value_variant(param: &crate::ast::Parameter, value: &str) -> String {
    let value = crate::ast::canonical_value(value);
    param
        .rename
        .0
        .iter()
        .find(|(v, _)| v == value)
        .map(|(_, n)| n.clone())
        .unwrap_or_else(|| type_name(value))
}

/// The field of a struct with a discriminator that holds the typed variant.
pub const KIND_FIELD: &str = "kind";

/// The field that records that an optional discriminator key was left out: `type` ->
/// `type_omitted`.
pub fn omitted_field(tag_key: &str) -> String {
    format!("{}_omitted", field_name(tag_key))
}

/// The field that records which spelling of a key with aliases was received:
/// `recipient_parent_user_id` -> `recipient_parent_user_id_key`.
pub fn spelling_field(key: &str) -> String {
    format!("{}_key", field_name(key))
}

/// The struct name for the items of an array key: `contacts` -> `Contact`, `statuses` -> `Status`.
pub fn item_type_name(key: &str) -> String {
    type_name(&singular(key))
}

fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        format!("{stem}y")
    } else if let Some(stem) = word.strip_suffix("uses") {
        format!("{stem}us")
    } else if let Some(stem) = word.strip_suffix("sses") {
        format!("{stem}ss")
    } else if word.ends_with("ss") {
        word.to_owned()
    } else if let Some(stem) = word.strip_suffix('s') {
        stem.to_owned()
    } else {
        word.to_owned()
    }
}

/// An identifier, raw (`r#type`) where the name is a keyword.
pub fn ident(name: &str) -> Ident {
    if is_keyword(name) && !matches!(name, "self" | "Self" | "super" | "crate") {
        Ident::new_raw(name, Span::call_site())
    } else if is_valid_ident(name) && !is_keyword(name) {
        Ident::new(name, Span::call_site())
    } else {
        // Validation rejects such names before expansion; this keeps expansion panic-free anyway.
        let cleaned: String = name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
            .collect();
        Ident::new(&format!("_{cleaned}"), Span::call_site())
    }
}

fn is_valid_ident(name: &str) -> bool {
    let mut chars = name.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name != "_"
}

fn is_keyword(name: &str) -> bool {
    const KEYWORDS: &[&str] = &[
        "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum",
        "extern", "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match", "mod",
        "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super",
        "trait", "true", "type", "unsafe", "use", "where", "while", "abstract", "become", "box",
        "do", "final", "macro", "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
    ];
    KEYWORDS.contains(&name)
}

/// The known name closest to `found`, if it is close enough to be a likely typo.
pub fn closest<'a>(found: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(found, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_follow_meta_spellings() {
        assert_eq!(type_name("PIN_CHANGED"), "PinChanged");
        assert_eq!(type_name("Needs Connecting"), "NeedsConnecting");
        assert_eq!(
            type_name("authentication-international"),
            "AuthenticationInternational"
        );
        assert_eq!(type_name("LeadSubmitted"), "LeadSubmitted");
        assert_eq!(type_name("marketing_messages"), "MarketingMessages");
        assert_eq!(type_name("131051"), "Value131051");
        assert_eq!(type_name(""), "Empty");
    }

    #[test]
    fn array_items_are_singular() {
        assert_eq!(item_type_name("contacts"), "Contact");
        assert_eq!(item_type_name("statuses"), "Status");
        assert_eq!(item_type_name("entry"), "Entry");
        assert_eq!(item_type_name("categories"), "Category");
        assert_eq!(item_type_name("address"), "Address");
        assert_eq!(item_type_name("addresses"), "Address");
        assert_eq!(item_type_name("businesses"), "Business");
    }

    #[test]
    fn keywords_become_raw_identifiers() {
        assert_eq!(ident("type").to_string(), "r#type");
        assert_eq!(ident("event").to_string(), "event");
        assert_eq!(ident("1x").to_string(), "_1x");
    }

    #[test]
    fn typos_find_their_key() {
        assert_eq!(closest("exmaple", &["example", "values"]), Some("example"));
        assert_eq!(closest("zzzzzz", &["example", "values"]), None);
    }
}
