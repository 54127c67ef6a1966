//! One struct per syntax object, with its `Deserialize`, `Serialize` and `Inspect` impls.
//!
//! The impls are written out rather than derived: a derive with `#[serde(flatten)]` would buffer
//! every object to keep unknown keys, and the one-pass variant dispatch needs a hand-made
//! visitor. The reader is `#[inline]`: its caller, the parent's reader, is often compiled in
//! another codegen unit, which could not inline it otherwise.

use super::types::{self, Paths};
use super::{docs, impls, public, runtime};
use crate::name;
use crate::resolved::{Dispatch, Struct, Type};
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// The struct and its impls.
pub fn struct_items(s: &Struct) -> TokenStream {
    let rt = runtime();
    let ident = name::ident(&s.ident);
    let doc = match &s.examples_link {
        Some(link) => docs::attr(&format!("{}\n\n{link}", s.doc)),
        None => docs::attr(&s.doc),
    };
    let expecting = &s.expecting;
    let mut fields = Vec::new();
    let mut slots = Vec::new();
    let mut arms = Vec::new();
    let mut builds = Vec::new();
    let mut writes = Vec::new();
    let mut inspects = Vec::new();
    for f in &s.fields {
        let field = name::ident(&f.ident);
        let slot = format_ident!("slot_{}", f.ident);
        let json = &f.key;
        // The field as users see it, and the visitor's slot for it.
        let of = |paths| {
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
        };
        let (_, field_ty) = of(Paths::Public);
        let (slot_ty, _) = of(Paths::Runtime);
        let field_doc = docs::attr(&f.doc);
        fields.push(quote! { #field_doc pub #field: #field_ty, });
        slots.push(quote! { let mut #slot: #rt::Option<#slot_ty> = #rt::None; });
        let fill = filler(&f.ty, f.nullable);
        // The key as written back: the name, or for a key with aliases the spelling received.
        let written = match &f.spellings {
            None => {
                arms.push(quote! { #json => #fill(&mut map, &mut #slot, #json)?, });
                quote!(#json)
            }
            Some(spellings) => {
                let spelling = name::ident(&spellings.ident);
                let doc = docs::attr(&spellings.doc);
                fields.push(quote! { #doc pub #spelling: &'static str, });
                slots.push(quote! { let mut #spelling: &'static str = #json; });
                for spelled in &spellings.all {
                    arms.push(quote! { #spelled => {
                        #rt::unfilled(&#slot, #json)?;
                        #fill(&mut map, &mut #slot, #spelled)?;
                        #spelling = #spelled;
                    } });
                }
                builds.push(quote! { #spelling, });
                quote!(self.#spelling)
            }
        };
        if f.optional {
            builds.push(quote! { #field: #slot, });
            writes.push(quote! {
                if let #rt::Some(value) = &self.#field {
                    #rt::SerializeMap::serialize_entry(&mut map, #written, value)?;
                }
            });
        } else {
            builds.push(quote! { #field: #rt::required(#slot, #json)?, });
            writes.push(
                quote! { #rt::SerializeMap::serialize_entry(&mut map, #written, &self.#field)?; },
            );
        }
        if f.drifts {
            inspects.push(quote! { #rt::inspect_key(path, #json, &self.#field, out); });
        }
    }

    let mut resolve = quote!();
    if let Some(dispatch) = &s.dispatch {
        let enum_ident = name::ident(&dispatch.enum_ident);
        let kind = name::ident(&dispatch.kind_ident);
        let kind_doc = docs::attr(&dispatch.kind_doc);
        fields.push(quote! { #kind_doc pub #kind: #enum_ident, });
        let omitted = dispatch.omitted.as_ref().map(|(omitted, doc)| {
            let omitted = name::ident(omitted);
            let doc = docs::attr(doc);
            fields.push(quote! { #doc pub #omitted: bool, });
            builds.push(quote! { #omitted, });
            omitted
        });
        let parts = visitor_parts(dispatch, &enum_ident, &kind, omitted.as_ref());
        slots.push(parts.slots);
        arms.push(parts.arms);
        resolve = parts.resolve;
        builds.push(quote! { #kind, });
        writes.push(parts.write);
        inspects.push(quote! { #rt::Inspect::inspect(&self.#kind, path, out); });
    }

    let public = public();
    let roles = super::roles::roles_impl(&ident, &s.roles, s.dispatch.as_ref());
    let impls = impls(quote! {
        impl<'de> #rt::Deserialize<'de> for #ident {
            #[inline]
            fn deserialize<D: #rt::Deserializer<'de>>(deserializer: D) -> #rt::Result<Self, D::Error> {
                struct Visitor;
                impl<'de> #rt::Visitor<'de> for Visitor {
                    type Value = #ident;
                    fn expecting(&self, f: &mut #rt::Formatter<'_>) -> #rt::FmtResult {
                        f.write_str(#expecting)
                    }
                    #[inline]
                    fn visit_map<A: #rt::MapAccess<'de>>(self, mut map: A) -> #rt::Result<#ident, A::Error> {
                        #(#slots)*
                        let mut extra = #rt::Extra::default();
                        while let #rt::Some(key) = #rt::MapAccess::next_key::<#rt::Key<'de>>(&mut map)? {
                            match key.as_str() {
                                #(#arms)*
                                _ => #rt::keep_unknown_key(&mut extra, key, &mut map)?,
                            }
                        }
                        #resolve
                        #rt::Ok(#ident { #(#builds)* extra })
                    }
                }
                deserializer.deserialize_map(Visitor)
            }
        }

        impl #rt::Serialize for #ident {
            fn serialize<S: #rt::Serializer>(&self, serializer: S) -> #rt::Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(#rt::None)?;
                #(#writes)*
                #rt::write_kept_keys(&self.extra, &mut map)?;
                #rt::SerializeMap::end(map)
            }
        }

        impl #rt::Inspect for #ident {
            fn inspect(&self, path: &mut #rt::JsonPath, out: &mut #rt::Vec<#rt::Drift>) {
                #(#inspects)*
                #rt::Inspect::inspect(&self.extra, path, out);
            }
        }

        #roles
    });
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

        #impls
    }
}

/// The pieces a discriminated object's visitor needs: payload slots, match arms, the code that
/// picks the variant after the last key, and the serializer's lines.
struct VisitorParts {
    slots: TokenStream,
    arms: TokenStream,
    resolve: TokenStream,
    write: TokenStream,
}

/// One pass over the object: every known payload key is parsed typed as it comes (key order is
/// not stable, so the tag may come last); after the last key the tag picks the variant.
///
/// With `omitted` (the tag is optional), a missing tag is inferred from the first payload key
/// present, and `omitted` records that it was missing so it stays missing.
fn visitor_parts(
    dispatch: &Dispatch,
    enum_ident: &Ident,
    kind: &Ident,
    omitted: Option<&Ident>,
) -> VisitorParts {
    let rt = runtime();
    let tag_key = &dispatch.tag_key;
    let catch_all = name::ident(name::CATCH_ALL);
    let mut slots = vec![quote! { let mut kind_tag: #rt::Option<#rt::Key<'de>> = #rt::None; }];
    let mut arms = vec![quote! { #tag_key => #rt::fill(&mut map, &mut kind_tag, #tag_key)?, }];
    let mut picks = Vec::new();
    let mut infers = Vec::new();
    let mut leftovers = Vec::new();
    let mut writes = Vec::new();
    for variant in &dispatch.variants {
        let ident = name::ident(&variant.ident);
        let tag = &variant.tag;
        let Some(payload) = &variant.payload else {
            picks.push(quote! { #tag => #enum_ident::#ident, });
            writes.push(quote! { #enum_ident::#ident => {} });
            continue;
        };
        let json = &payload.key;
        let slot = format_ident!("{}", payload.slot);
        let fill = filler(&payload.ty, false);
        let ty = types::ty(&payload.ty, Paths::Runtime);
        slots.push(quote! { let mut #slot: #rt::Option<#ty> = #rt::None; });
        arms.push(quote! { #json => #fill(&mut map, &mut #slot, #json)?, });
        // An optional payload key (Meta leaves the content out of some error payloads) makes
        // the variant hold an `Option`.
        let (pick, inferred, write) = if payload.optional {
            (
                quote!(#slot.take()),
                quote!(#rt::Some(payload)),
                quote!(if let #rt::Some(payload) = payload { #rt::SerializeMap::serialize_entry(&mut map, #json, payload)?; }),
            )
        } else {
            (
                quote!(#rt::required(#slot.take(), #json)?),
                quote!(payload),
                quote!(#rt::SerializeMap::serialize_entry(&mut map, #json, payload)?;),
            )
        };
        picks.push(quote! { #tag => #enum_ident::#ident(#pick), });
        infers.push(quote! {
            if let #rt::Some(payload) = #slot.take() { (#enum_ident::#ident(#inferred), true) } else
        });
        leftovers.push(quote! {
            if let #rt::Some(payload) = #slot { #rt::keep_typed_value(&mut extra, #json, &payload)?; }
        });
        writes.push(quote! { #enum_ident::#ident(payload) => { #write } });
    }
    let pick = quote! {
        match tag {
            #(#picks)*
            other => #enum_ident::#catch_all(#rt::unknown_variant(other, #rt::take_kept_key(&mut extra, other))),
        }
    };
    let resolve = match omitted {
        None => quote! {
            let #kind = match kind_tag.as_ref().map(#rt::Key::as_str) {
                #rt::None => return #rt::Err(#rt::missing(#tag_key)),
                #rt::Some(tag) => #pick,
            };
        },
        Some(omitted) => quote! {
            let (#kind, #omitted) = match kind_tag.as_ref().map(#rt::Key::as_str) {
                #rt::None => #(#infers)* { return #rt::Err(#rt::missing(#tag_key)) },
                #rt::Some(tag) => (#pick, false),
            };
        },
    };
    let write_tag =
        quote! { #rt::SerializeMap::serialize_entry(&mut map, #tag_key, self.#kind.as_str())?; };
    let write_tag = match omitted {
        None => write_tag,
        Some(omitted) => quote! { if !self.#omitted { #write_tag } },
    };
    VisitorParts {
        slots: quote! { #(#slots)* },
        arms: quote! { #(#arms)* },
        resolve: quote! {
            #resolve
            #(#leftovers)*
        },
        write: quote! {
            #write_tag
            match &self.#kind {
                #(#writes)*
                #enum_ident::#catch_all(unknown) => #rt::write_unknown_variant(unknown, &mut map)?,
            }
        },
    }
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
