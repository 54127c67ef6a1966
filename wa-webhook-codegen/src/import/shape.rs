//! What a page's Syntax block means once its alternatives are merged: each object's keys once,
//! each marked optional when the page says so (a note, a key written twice, a key only some of
//! the alternatives show, or its row's description), and each row's type in the spec's terms.

use super::pseudo::{PEntry, PNode};
use super::table::PageRow;

/// One key of a merged object.
#[derive(Debug, Clone)]
pub struct Key {
    /// The key as the page writes it.
    pub key: String,
    /// Its value, alternatives merged.
    pub value: PNode,
    /// Its page line (the first time it is written).
    pub line: usize,
    /// Whether the page says it is not always sent.
    pub optional: bool,
    /// The notes written beside it.
    pub notes: Vec<String>,
}

/// The note given to a key that only some of the alternatives show.
const ONE_ALTERNATIVE: &str = "only in some of the alternatives the page shows";

/// The keys of an object, each once: a key written twice is one optional key whose objects
/// are merged.
pub fn keys(entries: &[PEntry]) -> Vec<Key> {
    let mut keys: Vec<Key> = Vec::new();
    for entry in entries {
        match keys.iter_mut().find(|k| k.key == entry.key) {
            Some(key) => {
                key.optional = true;
                key.value = merge(&key.value, &entry.value);
                key.notes.extend(entry.notes.iter().cloned());
            }
            None => keys.push(Key {
                key: entry.key.clone(),
                value: entry.value.clone(),
                line: entry.line,
                optional: entry.notes.iter().any(|n| conditional(n)),
                notes: entry.notes.clone(),
            }),
        }
    }
    keys
}

/// The first item of an array, every item merged into it.
pub fn item(items: &[PNode]) -> Option<PNode> {
    let mut items = items
        .iter()
        .filter(|i| !matches!(i, PNode::Object(e) if e.is_empty()));
    let first = items.next()?.clone();
    Some(items.fold(first, |all, next| merge(&all, next)))
}

/// Two alternatives of one value: objects merge (a key only one shows is optional), arrays
/// merge their items, anything else keeps the first.
fn merge(a: &PNode, b: &PNode) -> PNode {
    match (a, b) {
        (PNode::Object(a), PNode::Object(b)) => {
            let mut merged: Vec<PEntry> = Vec::new();
            for entry in a {
                let mut entry = entry.clone();
                match b.iter().find(|e| e.key == entry.key) {
                    Some(other) => entry.value = merge(&entry.value, &other.value),
                    None => entry.notes.push(ONE_ALTERNATIVE.to_owned()),
                }
                merged.push(entry);
            }
            for entry in b.iter().filter(|e| !a.iter().any(|x| x.key == e.key)) {
                let mut entry = entry.clone();
                entry.notes.push(ONE_ALTERNATIVE.to_owned());
                merged.push(entry);
            }
            PNode::Object(merged)
        }
        (PNode::Array(a), PNode::Array(b)) => {
            let all: Vec<PNode> = a.iter().chain(b).cloned().collect();
            PNode::Array(item(&all).into_iter().collect())
        }
        _ => a.clone(),
    }
}

/// Whether a note or a description says a key is not always sent.
pub fn conditional(text: &str) -> bool {
    let text = text.to_lowercase();
    let text = text.split("values can be").next().unwrap_or_default();
    [
        "only included",
        "included only",
        "only sent",
        "only present",
        "present only",
        "only returned",
        "only provided",
        "only for ",
        "only if ",
        "only when ",
        "omitted",
        "not included",
        "not always",
        "if present",
        "optional",
        ONE_ALTERNATIVE,
    ]
    .iter()
    .any(|phrase| text.contains(phrase))
}

/// A row's type in the spec's terms, from the page's type, the placeholder's name, whether it
/// was quoted and its example; with a note when the page gives no type the spec knows.
pub fn row_type(row: Option<&PageRow>, name: &str, quoted: bool) -> (&'static str, Option<String>) {
    let text = row
        .and_then(|r| r.type_text.as_deref())
        .unwrap_or("")
        .to_lowercase();
    let example = row.and_then(|r| r.example.as_deref()).unwrap_or("");
    let named_time = name.ends_with("TIMESTAMP") || text.contains("timestamp");
    let known = if named_time && !text.starts_with("bool") {
        Some("Timestamp")
    } else if text.starts_with("string") {
        Some("String")
    } else if text.starts_with("int") || text.starts_with("long") {
        Some("Integer")
    } else if ["float", "number", "double", "decimal"]
        .iter()
        .any(|t| text.starts_with(t))
    {
        Some("Number")
    } else if text.starts_with("bool") {
        Some("Boolean")
    } else {
        None
    };
    if let Some(kind) = known {
        return (kind, None);
    }
    let inferred = if quoted {
        "String"
    } else if example == "true" || example == "false" {
        "Boolean"
    } else if !example.is_empty() && example.parse::<f64>().is_ok() && example.contains('.') {
        "Number"
    } else {
        "Integer"
    };
    let why = if text.is_empty() {
        "no type on the page".to_owned()
    } else {
        format!("type `{text}` is not one the spec knows")
    };
    let from = if quoted {
        "a quoted placeholder".to_owned()
    } else {
        format!("an unquoted placeholder with example `{example}`")
    };
    (
        inferred,
        Some(format!("<{name}>: {why}; typed {inferred} from {from}")),
    )
}

/// Whether a spec row of type `spec` types every value a page row of type `page` describes.
pub fn covers(spec: &str, page: &str) -> bool {
    match page {
        "String" => matches!(
            spec,
            "String" | "Text" | "Timestamp" | "Integer" | "Discriminator" | "Json"
        ),
        "Integer" => matches!(spec, "Integer" | "Number" | "Timestamp" | "Text" | "Json"),
        "Timestamp" => matches!(spec, "Timestamp" | "Integer" | "Text" | "Json" | "String"),
        "Number" => matches!(spec, "Number" | "Text" | "Json"),
        "Boolean" => matches!(spec, "Boolean" | "Json"),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::parser::parse;

    #[test]
    fn a_key_written_twice_is_one_optional_key_with_both_objects() {
        let node = parse(
            r#"{ "id": "<ID>",
                 "waba_info": { "waba_id": "<A>", "ad_account_linked": "<B>" },
                 "waba_info": { "waba_id": "<A>", "partner_app_id": "<C>" } }"#,
            1,
        )
        .unwrap();
        let PNode::Object(entries) = node else {
            unreachable!()
        };
        let merged = keys(&entries);
        assert_eq!(merged.len(), 2);
        assert!(!merged[0].optional);
        assert!(merged[1].optional);
        let PNode::Object(inner) = &merged[1].value else {
            panic!("an object")
        };
        let inner = keys(inner);
        let optional: Vec<(&str, bool)> =
            inner.iter().map(|k| (k.key.as_str(), k.optional)).collect();
        assert_eq!(
            optional,
            [
                ("waba_id", false),
                ("ad_account_linked", true),
                ("partner_app_id", true)
            ]
        );
    }

    #[test]
    fn conditions_in_notes_and_descriptions() {
        assert!(conditional(
            "only included if identity change check enabled"
        ));
        assert!(conditional("Only included for X event"));
        assert!(conditional(
            "This parameter is only included for PIN reset requests."
        ));
        assert!(conditional("omitted if user removes reaction"));
        assert!(!conditional("ADDED"));
        assert!(!conditional(
            "Change event. Values can be: `A` - only for drafts."
        ));
    }
}
