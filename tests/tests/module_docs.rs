//! What a module's page shows: the summary first (the crate index lists modules by it), the
//! shape of its payload in one line, and its example payloads as JSON.

use std::path::Path;

/// The doc text of the module at `path` in the expansion of the real spec folder.
fn module_doc(path: &[&str]) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let output = wa_webhook_codegen::generate(&root, "spec");
    assert!(output.errors.is_empty(), "{:?}", output.errors);
    let file: syn::File = syn::parse2(output.tokens).expect("generated code parses");
    let mut items = &file.items;
    let mut doc = String::new();
    for segment in path {
        let module = items
            .iter()
            .find_map(|item| match item {
                syn::Item::Mod(m) if m.ident == segment => Some(m),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no module {segment} in {path:?}"));
        doc = module
            .attrs
            .iter()
            .filter_map(|a| match &a.meta {
                syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(s),
                        ..
                    }) => {
                        let line = s.value();
                        Some(line.strip_prefix(' ').unwrap_or(&line).to_owned())
                    }
                    _ => None,
                },
                _ => None,
            })
            .collect::<Vec<_>>()
            .join("\n");
        items = &module.content.as_ref().expect("an inline module").1;
    }
    doc
}

#[test]
fn a_message_type_page_shows_where_its_payload_sits_and_an_example() {
    let doc = module_doc(&["messages", "reaction"]);
    assert!(
        doc.starts_with("A user added or removed an emoji reaction"),
        "the summary first: {doc}"
    );
    // The keys are the spec's (a maintainer may add one): the shape's path and the other places.
    let shape = doc
        .lines()
        .find(|l| l.starts_with("Shape: `value.messages[].reaction.{message_id"))
        .unwrap_or_else(|| panic!("{doc}"));
    assert!(
        shape.contains("}` (the same under `value.message_echoes[]`"),
        "{shape}"
    );
    assert!(
        doc.contains("```json\n{\n  \"object\": \"whatsapp_business_account\""),
        "{doc}"
    );
    assert!(doc.contains("\"emoji\": \"👍\""), "{doc}");
}

#[test]
fn a_field_page_shows_its_value_and_examples() {
    let security = module_doc(&["security"]);
    assert!(
        security.contains("Shape: `value.{display_phone_number, event, requester?}`."),
        "{security}"
    );
    assert!(
        security.contains("\"event\": \"PIN_RESET_REQUEST\""),
        "{security}"
    );
    let partner = module_doc(&["partner_solutions"]);
    assert!(
        partner.contains("Shape: `value.{event, solution_id, solution_status}`."),
        "{partner}"
    );
    assert!(partner.contains("```json"), "{partner}");
    let messages = module_doc(&["messages"]);
    assert!(
        messages.contains("metadata.{display_phone_number, phone_number_id}, contacts?[], messages?[], statuses?[]"),
        "{messages}"
    );
}

#[test]
fn a_nested_variant_shows_the_path_through_its_parent() {
    let doc = module_doc(&["messages", "interactive", "button_reply"]);
    assert!(
        doc.contains("Shape: `value.messages[].interactive.button_reply.{id, title}`"),
        "{doc}"
    );
}
