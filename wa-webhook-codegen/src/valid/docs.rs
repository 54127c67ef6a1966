//! Doc text from the specs: what each generated item says on docs.rs.

use crate::ast::{Key, Parameter, Spec};
use crate::node::Node;
use crate::resolved::Doc;

/// A module's doc: the page summary first (rustdoc lists modules by it), what the spec
/// describes and its shape, its triggers, its example payloads as JSON and where the facts
/// come from.
pub fn module(what: &str, shape: Option<String>, spec: &Spec) -> String {
    let mut doc = format!("{}\n\n{what}", spec.summary);
    if let Some(shape) = shape {
        doc.push_str(&format!("\n\n{shape}"));
    }
    if !spec.triggers.is_empty() {
        doc.push_str("\n\n# Triggers\n");
        for trigger in &spec.triggers {
            doc.push_str(&format!("\n- {trigger}"));
        }
    }
    if !spec.examples.is_empty() {
        doc.push_str("\n\n# Examples");
        for example in &spec.examples {
            let json = serde_json::to_string_pretty(&example.payload)
                .unwrap_or_else(|_| example.payload.to_json());
            doc.push_str(&format!(
                "\n\n{}\n\n```json\n{json}\n```",
                example.description
            ));
        }
    }
    doc.push_str(&format!("\n\nGenerated from `{}`.", spec.file));
    if let Some(source) = &spec.source {
        doc.push_str(&format!(" Source: {source}"));
    }
    doc
}

/// A struct field's doc for a key typed by a placeholder row.
pub fn placeholder_field(
    key: &Key,
    placeholder: &str,
    param: &Parameter,
    enum_name: Option<&str>,
) -> Doc {
    let mut doc = Doc::text(param.description.clone().unwrap_or_default());
    if let Some(name) = enum_name {
        doc.push_text("\n\nOne of the values of ");
        doc.push_link(name);
        doc.push_text(".");
    } else if let Some(values) = &param.values {
        doc.push_text("\n\nKnown values (the list is open):\n");
        for (value, meaning) in &values.0 {
            let value = crate::ast::value_spellings(value)
                .map(|s| format!("`{s}`"))
                .collect::<Vec<_>>()
                .join(" or ");
            doc.push_text(&format!("\n- {value}: {meaning}"));
        }
    }
    presence(&mut doc, key, param.when.as_deref(), param.nullable);
    if let Some(note) = &param.deprecated {
        doc.push_text(&format!("\n\n**Deprecated:** {note}"));
    }
    if let Some(example) = &param.example {
        let shown = match example {
            Node::String(s) => s.clone(),
            other => other.to_json(),
        };
        doc.push_text(&format!(
            "\n\nExample: `{shown}` (Meta's `<{placeholder}>`)."
        ));
    } else {
        doc.push_text(&format!("\n\nMeta's placeholder: `<{placeholder}>`."));
    }
    doc
}

/// Appends when the key is present.
pub fn presence(doc: &mut Doc, key: &Key, when: Option<&str>, nullable: bool) {
    match (key.optional, when) {
        (_, Some(when)) => doc.push_text(&format!("\n\nPresent {when}.")),
        (true, None) => doc.push_text("\n\nOptional: `None` when Meta leaves the key out."),
        (false, None) => {}
    }
    if nullable {
        doc.push_text("\n\nMeta may send `null`.");
    }
    if !key.aliases.is_empty() {
        let others: Vec<String> = key.aliases.iter().map(|a| format!("`{a}`")).collect();
        doc.push_text(&format!(
            "\n\nMeta also spells the key {}; the spelling received is in `{}`.",
            others.join(" or "),
            crate::name::spelling_field(&key.name)
        ));
    }
}
