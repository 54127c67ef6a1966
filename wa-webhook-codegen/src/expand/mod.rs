//! Expansion: the validated model to Rust items.
//!
//! The output is expanded at a crate root: generated items name each other from `crate::`, and
//! reach their runtime by the absolute path `::wa_webhook_types::__private` (`wa-webhook-types`
//! names itself so with `extern crate self`). So the same code compiles in any crate that depends
//! on `wa-webhook-types`, which is what lets a compile-fail case show only its own error.

mod dispatch;
pub(crate) mod docs;
mod enums;
mod structs;

use crate::ast::{Kind, Spec};
use crate::model::Model;
use crate::name;
use proc_macro2::TokenStream;
use quote::quote;
use std::collections::BTreeMap;
use structs::Gen;

/// The path generated code uses for its runtime support.
fn runtime() -> TokenStream {
    quote!(::wa_webhook_types::__private)
}

/// Every generated item: envelope types and `Change` at the root, then a module per spec file,
/// nested as the files are (`messages/reaction.json` in `messages`, `shared/contact.json` in
/// `shared`), and `EXAMPLES`.
pub fn expand(model: &Model) -> TokenStream {
    let envelope = Gen {
        model,
        spec: model.envelope,
        prefix: quote!(),
    }
    .items();
    let change = dispatch::change_enum(model);
    let mut root = Tree::default();
    for spec in model.all().filter(|s| s.kind != Kind::Envelope) {
        let mut node = &mut root;
        for segment in spec.folder(&model.dir).split('/').filter(|s| !s.is_empty()) {
            node = node.children.entry(segment.to_owned()).or_default();
        }
        node.children
            .entry(spec.name().to_owned())
            .or_default()
            .spec = Some(spec);
    }
    let modules = root
        .children
        .iter()
        .map(|(name, node)| node.render(model, name));
    let examples = examples(model);
    quote! {
        #(#envelope)*
        #change
        #(#modules)*
        #examples
    }
}

/// The module tree: a node per folder or spec file.
#[derive(Default)]
struct Tree<'a> {
    spec: Option<&'a Spec>,
    children: BTreeMap<String, Tree<'a>>,
}

impl Tree<'_> {
    /// Whether every spec below this node is of a kind that `role` accepts.
    fn all(&self, role: &dyn Fn(&Kind) -> bool) -> bool {
        self.spec.is_none_or(|s| role(&s.kind)) && self.children.values().all(|c| c.all(role))
    }

    fn render(&self, model: &Model, name: &str) -> TokenStream {
        let ident = name::ident(&name::field_name(name));
        let children = self
            .children
            .iter()
            .map(|(name, node)| node.render(model, name));
        let Some(spec) = self.spec else {
            let doc = if self.all(&|k| matches!(k, Kind::Shared(_))) {
                "Pieces that several webhook fields share, each defined once in its own spec file."
                    .to_owned()
            } else if self.all(&|k| matches!(k, Kind::Variant(_))) {
                format!("The variants in the spec folder `{name}`, one module each.")
            } else {
                format!("Types generated from the spec folder `{name}`.")
            };
            let doc = docs::attr(&doc);
            return quote! { #doc pub mod #ident { #(#children)* } };
        };
        let title = match &spec.kind {
            Kind::Field(name) => format!("# Webhook field `{name}`"),
            Kind::Variant(name) => format!("# Type `{name}`"),
            Kind::Shared(name) => format!("# Shared piece `{name}`"),
            Kind::Envelope => "# Envelope".to_owned(),
        };
        let doc = docs::attr(&docs::module(&title, spec));
        let items = Gen {
            model,
            spec,
            prefix: quote!(),
        }
        .items();
        quote! {
            #doc
            pub mod #ident {
                #(#items)*
                #(#children)*
            }
        }
    }
}

/// `EXAMPLES`: every example payload of every spec, as compact JSON.
fn examples(model: &Model) -> TokenStream {
    let rt = runtime();
    let mut all: Vec<&Spec> = model.all().collect();
    all.sort_by(|a, b| a.file.cmp(&b.file));
    let rt = &rt;
    let entries = all.iter().flat_map(|spec| {
        spec.examples.iter().map(move |example| {
            let file = &spec.file;
            let description = &example.description;
            let json = example.payload.to_json();
            quote! { #rt::Example { spec: #file, description: #description, json: #json }, }
        })
    });
    quote! {
        /// Meta's example payloads, every one from every spec file, in file order.
        ///
        /// Each parses with no drift and re-serializes to equal JSON (the test suite checks it);
        /// handy for testing a handler.
        pub static EXAMPLES: &[#rt::Example] = &[#(#entries)*];
    }
}
