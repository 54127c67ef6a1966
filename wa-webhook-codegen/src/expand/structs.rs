//! One struct per syntax object, with its `Deserialize`, `Serialize` and `Inspect` impls.
//!
//! The impls are written out rather than derived: a derive with `#[serde(flatten)]` would buffer
//! every object to keep unknown keys, and the one-pass variant dispatch needs a hand-made
//! visitor. The reader is `#[inline]`: its caller, the parent's reader, is often compiled in
//! another codegen unit, which could not inline it otherwise.

use super::dispatch::{dispatch_reader, dispatch_writer};
use super::types::{self, Paths};
use super::{docs, filler, impls, public, runtime};
use crate::name;
use crate::resolved::{Field, Struct, ValuesByVariant};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// The struct and its impls: the definition, then one function per impl (reading, writing,
/// inspecting, the roles), each walking the fields itself.
pub fn struct_items(s: &Struct) -> TokenStream {
    let ident = name::ident(&s.ident);
    let definition = definition(s, &ident);
    let reader = reader(s, &ident);
    let writer = writer(s, &ident);
    let inspector = inspector(s, &ident);
    let roles = super::roles::roles_impl(&ident, &s.roles, s.dispatch.as_ref());
    let impls = impls(quote! {
        #reader
        #writer
        #inspector
        #roles
    });
    quote! {
        #definition

        #impls
    }
}

/// A field's value type (with `null` allowed, as the slot holds it) and its type as the struct
/// holds it (with `Option` for an optional key).
fn field_types(f: &Field, paths: Paths) -> (TokenStream, TokenStream) {
    let ty = types::ty(&f.ty, paths);
    let value = if f.nullable {
        types::option(ty, paths)
    } else {
        ty
    };
    let field = if f.optional {
        types::option(value.clone(), paths)
    } else {
        value.clone()
    };
    (value, field)
}

/// The struct: a field per key (and the spelling each key with aliases was received in), the
/// variant and whether its tag was left out, and `extra`.
fn definition(s: &Struct, ident: &Ident) -> TokenStream {
    let doc = match &s.examples_link {
        Some(link) => {
            let mut doc = s.doc.clone();
            doc.push_text("\n\n");
            doc.push_doc(link);
            docs::attr(&doc)
        }
        None => docs::attr(&s.doc),
    };
    let mut fields = Vec::new();
    for f in &s.fields {
        let field = name::ident(&f.ident);
        let (_, field_ty) = field_types(f, Paths::Public);
        let field_doc = docs::attr(&f.doc);
        fields.push(quote! { #field_doc pub #field: #field_ty, });
        if let Some(spellings) = &f.spellings {
            let spelling = name::ident(&spellings.ident);
            let doc = docs::attr(&spellings.doc);
            fields.push(quote! { #doc pub #spelling: &'static str, });
        }
    }
    if let Some(dispatch) = &s.dispatch {
        let enum_ident = name::ident(&dispatch.enum_ident);
        let kind = name::ident(&dispatch.kind_ident);
        let kind_doc = docs::attr(&dispatch.kind_doc);
        fields.push(quote! { #kind_doc pub #kind: #enum_ident, });
        if let Some((omitted, doc)) = &dispatch.omitted {
            let omitted = name::ident(omitted);
            let doc = docs::attr(doc);
            fields.push(quote! { #doc pub #omitted: bool, });
        }
    }
    let public = public();
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub struct #ident {
            #(#fields)*
            /// Keys Meta sent that the spec does not list, kept raw and in order, so that
            /// nothing is lost and re-serializing writes them back.
            pub extra: #public::Extra,
        }
    }
}

/// `ReadIn`: one pass over the object, each key into its slot (read in the parse's state); the
/// variant picked after the last key; required keys checked. `Deserialize` reads the object on
/// its own, with a state of its own.
fn reader(s: &Struct, ident: &Ident) -> TokenStream {
    let rt = runtime();
    let expecting = &s.expecting;
    let mut slots = Vec::new();
    let mut arms = Vec::new();
    let mut builds = Vec::new();
    for f in &s.fields {
        let field = name::ident(&f.ident);
        let slot = format_ident!("slot_{}", f.ident);
        let json = &f.key;
        let (slot_ty, _) = field_types(f, Paths::Runtime);
        slots.push(quote! { let mut #slot: #rt::Option<#slot_ty> = #rt::None; });
        let fill = filler(&f.ty, f.nullable);
        match &f.spellings {
            None => arms.push(quote! { #json => #fill(&mut map, &mut #slot, #json, state)?, }),
            Some(spellings) => {
                let spelling = name::ident(&spellings.ident);
                slots.push(quote! { let mut #spelling: &'static str = #json; });
                for spelled in &spellings.all {
                    arms.push(quote! { #spelled => {
                        #rt::unfilled(&#slot, #json)?;
                        #fill(&mut map, &mut #slot, #spelled, state)?;
                        #spelling = #spelled;
                    } });
                }
                builds.push(quote! { #spelling, });
            }
        }
        if f.optional {
            builds.push(quote! { #field: #slot, });
        } else {
            builds.push(quote! { #field: #rt::required(#slot, #json)?, });
        }
    }
    let mut resolve = quote!();
    if let Some(dispatch) = &s.dispatch {
        let kind = name::ident(&dispatch.kind_ident);
        let omitted = dispatch.omitted.as_ref().map(|(omitted, _)| {
            let omitted = name::ident(omitted);
            builds.push(quote! { #omitted, });
            omitted
        });
        let parts = dispatch_reader(dispatch, &kind, omitted.as_ref());
        slots.push(parts.slots);
        arms.push(parts.arms);
        resolve = parts.resolve;
        builds.push(quote! { #kind, });
    }
    quote! {
        impl<'de> #rt::Deserialize<'de> for #ident {
            #[inline]
            fn deserialize<D: #rt::Deserializer<'de>>(deserializer: D) -> #rt::Result<Self, D::Error> {
                #rt::read_alone(deserializer)
            }
        }

        impl<'de> #rt::ReadIn<'de> for #ident {
            #[inline]
            fn read_in<D: #rt::Deserializer<'de>>(deserializer: D, state: &mut #rt::ParseState) -> #rt::Result<Self, D::Error> {
                struct Visitor<'s>(&'s mut #rt::ParseState);
                impl<'de> #rt::Visitor<'de> for Visitor<'_> {
                    type Value = #ident;
                    fn expecting(&self, f: &mut #rt::Formatter<'_>) -> #rt::FmtResult {
                        f.write_str(#expecting)
                    }
                    #[inline]
                    fn visit_map<A: #rt::MapAccess<'de>>(self, mut map: A) -> #rt::Result<#ident, A::Error> {
                        let state = self.0;
                        #(#slots)*
                        let mut extra = #rt::Extra::default();
                        while let #rt::Some(key) = #rt::MapAccess::next_key::<#rt::Key<'de>>(&mut map)? {
                            match key.as_str() {
                                #(#arms)*
                                _ => #rt::keep_unknown_key(&mut extra, key, &mut map, state)?,
                            }
                        }
                        #resolve
                        #rt::Ok(#ident { #(#builds)* extra })
                    }
                }
                deserializer.deserialize_map(Visitor(state))
            }
        }
    }
}

/// `Serialize`: each key as received (its spelling, a tag left out stays out), then `extra`.
fn writer(s: &Struct, ident: &Ident) -> TokenStream {
    let rt = runtime();
    let mut writes = Vec::new();
    for f in &s.fields {
        let field = name::ident(&f.ident);
        let json = &f.key;
        let written = match &f.spellings {
            None => quote!(#json),
            Some(spellings) => {
                let spelling = name::ident(&spellings.ident);
                quote!(self.#spelling)
            }
        };
        if f.optional {
            writes.push(quote! {
                if let #rt::Some(value) = &self.#field {
                    #rt::SerializeMap::serialize_entry(&mut map, #written, value)?;
                }
            });
        } else {
            writes.push(
                quote! { #rt::SerializeMap::serialize_entry(&mut map, #written, &self.#field)?; },
            );
        }
    }
    if let Some(dispatch) = &s.dispatch {
        writes.push(dispatch_writer(dispatch));
    }
    quote! {
        impl #rt::Serialize for #ident {
            fn serialize<S: #rt::Serializer>(&self, serializer: S) -> #rt::Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(#rt::None)?;
                #(#writes)*
                #rt::write_kept_keys(&self.extra, &mut map)?;
                #rt::SerializeMap::end(map)
            }
        }
    }
}

/// The check that a key's value belongs to the object's variant: a listed value given to other
/// variants (or, on a variant given values, one not among them) is drift.
fn values_by_variant(
    check: &ValuesByVariant,
    dispatch: &crate::resolved::Dispatch,
    kind: &Ident,
) -> TokenStream {
    let rt = runtime();
    let enum_ident = name::ident(&dispatch.enum_ident);
    let field = name::ident(&check.field.ident);
    let json = &check.key;
    let given: Vec<&String> = check.variants.iter().flat_map(|(_, _, v)| v).collect();
    let arms = check.variants.iter().map(|(variant, payload, values)| {
        let variant = name::ident(variant);
        let pattern = if *payload {
            quote!(#enum_ident::#variant(..))
        } else {
            quote!(#enum_ident::#variant)
        };
        quote! { #pattern => matches!(value, #(#values)|*), }
    });
    let listed = &check.listed;
    let value = if check.field.optional {
        quote!(self.#field.as_ref().map(|v| v.as_str()))
    } else {
        quote!(#rt::Some(self.#field.as_str()))
    };
    quote! {
        if let #rt::Some(value) = #value {
            let belongs = match &self.#kind {
                #(#arms)*
                _ => !matches!(value, #(#given)|*),
            };
            if !belongs && matches!(value, #(#listed)|*) {
                #rt::value_off_variant(path, #json, value, out);
            }
        }
    }
}

/// `Inspect`: the drift of each field that can hold some, of the variant, and of `extra`.
fn inspector(s: &Struct, ident: &Ident) -> TokenStream {
    let rt = runtime();
    let mut inspects: Vec<TokenStream> = s
        .fields
        .iter()
        .filter(|f| f.drifts)
        .map(|f| {
            let field = name::ident(&f.ident);
            let json = &f.key;
            quote! { #rt::inspect_key(path, #json, &self.#field, out); }
        })
        .collect();
    if let Some(dispatch) = &s.dispatch {
        let kind = name::ident(&dispatch.kind_ident);
        inspects.push(quote! { #rt::Inspect::inspect(&self.#kind, path, out); });
        inspects.extend(
            s.values_by_variant
                .iter()
                .map(|v| values_by_variant(v, dispatch, &kind)),
        );
    }
    quote! {
        impl #rt::Inspect for #ident {
            fn inspect(&self, path: &mut #rt::JsonPath, out: &mut #rt::Vec<#rt::Drift>) {
                #(#inspects)*
                #rt::Inspect::inspect(&self.extra, path, out);
            }
        }
    }
}
