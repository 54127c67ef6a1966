//! The enums: listed values, the variants of a discriminator, and the `Change` of the envelope.

use crate::ast::Parameter;
use crate::model::{struct_name, Model};
use crate::name;
use crate::resolved::{ChangeEnum, ChangeVariant, Doc, TypePath, ValueEnum, ValueVariant};

/// The enum for `<placeholder>`'s listed values (and the rows sharing them, `values_of`).
pub(super) fn value_enum(
    placeholder: &str,
    param: &Parameter,
    values: &[(String, String)],
) -> ValueEnum {
    let ident = name::enum_name(placeholder, param);
    let mut doc = Doc::text(param.description.clone().unwrap_or_default());
    let placeholders = std::iter::once(format!("`<{placeholder}>`"))
        .chain(param.shared_by.iter().cloned())
        .collect::<Vec<_>>();
    let (what, listed) = match placeholders.len() {
        1 => ("Meta's placeholder", placeholders.join("")),
        _ => ("The values of Meta's placeholders", placeholders.join(", ")),
    };
    doc.push_text(&format!(
        "\n\n{what}: {listed}. A value this version does not list parses as "
    ));
    doc.push_link(&format!("{ident}::{}", name::CATCH_ALL));
    doc.push_text(", keeping the string, and shows up in the drift report.");
    let variants = values
        .iter()
        .map(|(value, description)| {
            let mut spellings = crate::ast::value_spellings(value).map(str::to_owned);
            let wire = spellings.next().unwrap_or_default();
            let others: Vec<String> = spellings.collect();
            let sent = match others.as_slice() {
                [] => format!("Sent as `{wire}`."),
                others => format!(
                    "Sent as `{wire}`, or as {} (one value; the field keeps the spelling received and writes it back).",
                    others.iter().map(|o| format!("`{o}`")).collect::<Vec<_>>().join(" or ")
                ),
            };
            ValueVariant {
                ident: name::value_variant(param, value),
                doc: Doc::text(format!("{description}\n\n{sent}")),
                wire,
                others,
            }
        })
        .collect();
    ValueEnum {
        ident,
        doc,
        variants,
        order: super::order::value_order(param),
    }
}

/// The `Change` enum: a variant per field spec.
pub(super) fn change_enum(model: &Model) -> ChangeEnum {
    let variants = model
        .fields
        .iter()
        .map(|spec| {
            let field = spec.name();
            let mut doc = Doc::text(format!(
                "{} `{field}` change: {}",
                if field.starts_with(['a', 'e', 'i', 'o', 'u']) {
                    "An"
                } else {
                    "A"
                },
                spec.summary,
            ));
            if !spec.aliases.is_empty() {
                let aliases = spec.aliases.iter().map(|a| format!("`{a}`"));
                let aliases = aliases.collect::<Vec<_>>().join(" or ");
                doc.push_text(&format!("\n\nMeta also names the field {aliases}; "));
                doc.push_link_to("EntryChange::field", "crate::EntryChange::field");
                doc.push_text(" gives the name received, and re-serializing writes it back.");
            }
            doc.push_text("\n\nSee ");
            doc.push_link_to(field, &spec.doc_path(&model.dir));
            doc.push_text(".");
            let events = super::roles::value_events(model, spec);
            ChangeVariant {
                ident: name::type_name(field),
                union_name: String::new(),
                field: field.to_owned(),
                aliases: spec.aliases.clone(),
                doc,
                value: TypePath {
                    module: spec.module_segments(&model.dir),
                    ident: struct_name(spec, &spec.syntax, None),
                },
                value_roles: events.value_roles,
                events: events.events,
                contacts: events.contacts,
                standby: spec.standby,
            }
        })
        .collect();
    ChangeEnum {
        variants,
        unknown_name: String::new(),
    }
}
