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

use crate::ast::Spec;
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

/// Every generated item: envelope types at the root, `Change`, a module per field (message-type
/// modules nested by folder), `shared`, and `EXAMPLES`.
pub fn expand(model: &Model) -> TokenStream {
    let envelope = Gen {
        model,
        spec: model.envelope,
        prefix: quote!(),
    }
    .items();
    let change = dispatch::change_enum(model);

    let shared = model.shared.values().map(|spec| {
        module(
            model,
            spec,
            &format!("# Shared piece `{}`", spec.name()),
            Vec::new(),
        )
    });

    // Variant specs are nested by folder; a folder named like a field nests in that field's module.
    let mut folders: BTreeMap<String, Vec<TokenStream>> = BTreeMap::new();
    for (folder, specs) in &model.variants {
        for spec in specs {
            let title = format!("# Message type `{}`", spec.name());
            folders.entry(folder.clone()).or_default().push(module(
                model,
                spec,
                &title,
                Vec::new(),
            ));
        }
    }
    let mut fields = Vec::new();
    for spec in &model.fields {
        let nested = folders.remove(spec.name()).unwrap_or_default();
        fields.push(module(
            model,
            spec,
            &format!("# Webhook field `{}`", spec.name()),
            nested,
        ));
    }
    let loose = folders.into_iter().map(|(folder, modules)| {
        let ident = name::ident(&name::field_name(&folder));
        let doc = docs::attr(&format!("Types generated from `{}/{folder}`.", model.dir));
        quote! { #doc pub mod #ident { #(#modules)* } }
    });

    let examples = examples(model);
    quote! {
        #(#envelope)*
        #change
        /// Pieces that several webhook fields share, each defined once in its own spec file.
        pub mod shared {
            #(#shared)*
        }
        #(#fields)*
        #(#loose)*
        #examples
    }
}

fn module(model: &Model, spec: &Spec, title: &str, nested: Vec<TokenStream>) -> TokenStream {
    let ident = name::ident(&name::field_name(spec.name()));
    let doc = docs::attr(&docs::module(title, spec));
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
            #(#nested)*
        }
    }
}

/// `EXAMPLES`: every example payload of every spec, as compact JSON.
fn examples(model: &Model) -> TokenStream {
    let rt = runtime();
    let mut all: Vec<&Spec> = vec![model.envelope];
    all.extend(model.shared.values());
    all.extend(&model.fields);
    all.extend(model.variants.values().flatten());
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
