//! Expansion: the resolved model rendered as Rust items. Every name, type and doc was made in
//! validation; nothing here looks anything up or fails.
//!
//! The output is expanded at a crate root: generated items name each other from `crate::`.
//! Public items read as a user would write them (`Option<String>`, `::wa_webhook_types::Integer`);
//! their impls sit in a `const _: () = { ... };` block that names the runtime
//! `::wa_webhook_types::__private` by a local alias, as serde_derive does (`wa-webhook-types`
//! names itself so with `extern crate self`). So the same code compiles in any crate that depends
//! on `wa-webhook-types`, which is what lets a compile-fail case show only its own error.

mod change;
mod dispatch;
pub(crate) mod docs;
mod entry_change;
mod enums;
mod event_item;
mod roles;
mod structs;
mod types;

use crate::name;
use crate::resolved::{Item, Module, Resolved, Type};
use proc_macro2::TokenStream;
use quote::quote;

/// The runtime support, by its alias inside an [`impls`] block.
fn runtime() -> TokenStream {
    quote!(__rt)
}

/// The public crate, for the runtime types public items name.
fn public() -> TokenStream {
    quote!(::wa_webhook_types)
}

/// The runtime function that reads a key's value into its slot: a list's own, which says which
/// item did not fit, or the general one.
fn filler(ty: &Type, nullable: bool) -> TokenStream {
    let rt = runtime();
    match ty {
        Type::Vec(_) if !nullable => quote!(#rt::fill_list),
        _ => quote!(#rt::fill),
    }
}

/// Impls in a block of their own, with the runtime aliased: they add no name to the module.
fn impls(tokens: TokenStream) -> TokenStream {
    quote! {
        const _: () = {
            use ::wa_webhook_types::__private as __rt;
            #tokens
        };
    }
}

/// Every generated item: envelope types, `Change` and `EntryChange` at the root, then a module per spec file,
/// nested as the files are, and `EXAMPLES`.
pub fn expand(resolved: &Resolved) -> TokenStream {
    let envelope = resolved.envelope.iter().map(item);
    let change = change::change_enum(&resolved.change, &resolved.event_items);
    let entry_change = entry_change::entry_change();
    let modules = resolved.modules.iter().map(module);
    let examples = examples(resolved);
    quote! {
        #(#envelope)*
        #change
        #entry_change
        #(#modules)*
        #examples
    }
}

fn module(module: &Module) -> TokenStream {
    let ident = name::ident(&module.ident);
    let doc = docs::attr(&module.doc);
    let items = module.items.iter().map(item);
    let children = module.children.iter().map(self::module);
    quote! {
        #doc
        pub mod #ident {
            #(#items)*
            #(#children)*
        }
    }
}

fn item(item: &Item) -> TokenStream {
    match item {
        Item::Struct(s) => structs::struct_items(s),
        Item::Values(e) => enums::value_enum(e),
        Item::Variants(e) => enums::variant_enum(e),
    }
}

/// `EXAMPLES`: every example payload of every spec, as compact JSON.
fn examples(resolved: &Resolved) -> TokenStream {
    let rt = public();
    let entries = resolved.examples.iter().map(|example| {
        let (file, description, json) = (&example.spec, &example.description, &example.json);
        quote! { #rt::Example { spec: #file, description: #description, json: #json }, }
    });
    quote! {
        /// Meta's example payloads, every one from every spec file, in file order.
        ///
        /// Each parses with no drift and re-serializes to equal JSON (the test suite checks it);
        /// handy for testing a handler.
        pub static EXAMPLES: &[#rt::Example] = &[#(#entries)*];
    }
}
