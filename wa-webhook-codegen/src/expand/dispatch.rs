//! A discriminated object's part of its struct's impls: reading the tag and every payload key in
//! the one pass, picking the variant after the last key, and writing the tag and the payload.

use super::types::{self, Paths};
use super::{filler, runtime};
use crate::name;
use crate::resolved::Dispatch;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// What a discriminated object's reader adds: payload slots, match arms, and the code that
/// picks the variant after the last key.
pub(super) struct DispatchReader {
    pub slots: TokenStream,
    pub arms: TokenStream,
    pub resolve: TokenStream,
}

/// One pass over the object: every known payload key is parsed typed as it comes (key order is
/// not stable, so the tag may come last); after the last key the tag picks the variant.
///
/// With `omitted` (the tag is optional), a missing tag is inferred from the first payload key
/// present (else the default variant holds, where there is one), and `omitted` records that it
/// was missing so it stays missing.
pub(super) fn dispatch_reader(
    dispatch: &Dispatch,
    kind: &Ident,
    omitted: Option<&Ident>,
) -> DispatchReader {
    let rt = runtime();
    let enum_ident = name::ident(&dispatch.enum_ident);
    let tag_key = &dispatch.tag_key;
    let catch_all = name::ident(name::CATCH_ALL);
    let mut slots = vec![quote! { let mut kind_tag: #rt::Option<#rt::Key<'de>> = #rt::None; }];
    let mut arms =
        vec![quote! { #tag_key => #rt::fill(&mut map, &mut kind_tag, #tag_key, state)?, }];
    let mut picks = Vec::new();
    let mut infers = Vec::new();
    let mut leftovers = Vec::new();
    for variant in &dispatch.variants {
        let ident = name::ident(&variant.ident);
        let tag = &variant.tag;
        let Some(payload) = &variant.payload else {
            picks.push(quote! { #tag => #enum_ident::#ident, });
            continue;
        };
        let json = &payload.key;
        let slot = format_ident!("{}", payload.slot);
        let fill = filler(&payload.ty, false);
        let ty = types::ty(&payload.ty, Paths::Runtime);
        slots.push(quote! { let mut #slot: #rt::Option<#ty> = #rt::None; });
        arms.push(quote! { #json => #fill(&mut map, &mut #slot, #json, state)?, });
        // An optional payload key (Meta leaves the content out of some error payloads) makes
        // the variant hold an `Option`.
        let (pick, inferred) = if payload.optional {
            (quote!(#slot.take()), quote!(#rt::Some(payload)))
        } else {
            (quote!(#rt::required(#slot.take(), #json)?), quote!(payload))
        };
        picks.push(quote! { #tag => #enum_ident::#ident(#pick), });
        infers.push(quote! {
            if let #rt::Some(payload) = #slot.take() { (#enum_ident::#ident(#inferred), true) } else
        });
        leftovers.push(quote! {
            if let #rt::Some(payload) = #slot { #rt::keep_typed_value(&mut extra, #json, &payload)?; }
        });
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
        Some(omitted) => {
            // Neither the tag nor a payload key: the default variant, else it does not fit.
            let fallback = match &dispatch.default {
                Some(default) => {
                    let with_payload = dispatch
                        .variants
                        .iter()
                        .any(|v| v.ident == *default && v.payload.is_some());
                    let default = name::ident(default);
                    // An optional payload, absent.
                    let value = if with_payload {
                        quote!(#enum_ident::#default(#rt::None))
                    } else {
                        quote!(#enum_ident::#default)
                    };
                    quote! { (#value, true) }
                }
                None => quote! { return #rt::Err(#rt::missing(#tag_key)) },
            };
            quote! {
                let (#kind, #omitted) = match kind_tag.as_ref().map(#rt::Key::as_str) {
                    #rt::None => #(#infers)* { #fallback },
                    #rt::Some(tag) => (#pick, false),
                };
            }
        }
    };
    DispatchReader {
        slots: quote! { #(#slots)* },
        arms: quote! { #(#arms)* },
        resolve: quote! {
            #resolve
            #(#leftovers)*
        },
    }
}

/// The serializer's lines for a discriminated object: the tag (unless it was left out), then
/// the variant's payload under its key.
pub(super) fn dispatch_writer(dispatch: &Dispatch) -> TokenStream {
    let rt = runtime();
    let enum_ident = name::ident(&dispatch.enum_ident);
    let kind = name::ident(&dispatch.kind_ident);
    let tag_key = &dispatch.tag_key;
    let catch_all = name::ident(name::CATCH_ALL);
    let writes = dispatch.variants.iter().map(|variant| {
        let ident = name::ident(&variant.ident);
        let Some(payload) = &variant.payload else {
            return quote! { #enum_ident::#ident => {} };
        };
        let json = &payload.key;
        let write = if payload.optional {
            quote!(if let #rt::Some(payload) = payload { #rt::SerializeMap::serialize_entry(&mut map, #json, payload)?; })
        } else {
            quote!(#rt::SerializeMap::serialize_entry(&mut map, #json, payload)?;)
        };
        quote! { #enum_ident::#ident(payload) => { #write } }
    });
    let write_tag =
        quote! { #rt::SerializeMap::serialize_entry(&mut map, #tag_key, self.#kind.as_str())?; };
    let write_tag = match &dispatch.omitted {
        None => write_tag,
        Some((omitted, _)) => {
            let omitted = name::ident(omitted);
            quote! { if !self.#omitted { #write_tag } }
        }
    };
    quote! {
        #write_tag
        match &self.#kind {
            #(#writes)*
            #enum_ident::#catch_all(unknown) => #rt::write_unknown_variant(unknown, &mut map)?,
        }
    }
}
