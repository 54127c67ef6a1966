//! Dispatch on a discriminator: the webhook `field` of a change, and a message's `type`.
//!
//! Both keep what they do not know: an unknown field or type is kept raw with its name, so a
//! new kind of event from Meta never fails a parse.

use super::structs::Gen;
use super::{docs, runtime};
use crate::ast::{Parameter, Shape, Spec};
use crate::model::Model;
use crate::name;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The path of a spec's module from the crate root: `crate::messages::reaction`.
pub fn module_path(model: &Model, spec: &Spec) -> TokenStream {
    let mut segments: Vec<_> = spec
        .folder(&model.dir)
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| name::ident(&name::field_name(s)))
        .collect();
    segments.push(name::ident(&name::field_name(spec.name())));
    quote!(crate #(::#segments)*)
}

/// The same path as an intra-doc link target.
fn doc_path(model: &Model, spec: &Spec) -> String {
    module_path(model, spec).to_string().replace(' ', "")
}

/// The Rust type of a variant's payload, named from outside its module. An object payload is
/// boxed: variants can nest (an `edit` holds a whole message), and it keeps the enum small.
fn payload_type(model: &Model, spec: &Spec) -> Option<TokenStream> {
    let key = spec.payload()?;
    let module = module_path(model, spec);
    let gen = Gen {
        model,
        spec,
        prefix: quote!(#module::),
    };
    let ty = gen.rust_type(key, &key.shape);
    Some(match key.shape {
        Shape::Object(_) => quote!(::wa_webhook_types::__private::Box<#ty>),
        _ => ty,
    })
}

/// The enum of a discriminator: a variant per spec in `folder`, plus a catch-all.
pub fn variant_enum(
    model: &Model,
    placeholder: &str,
    param: &Parameter,
    folder: &str,
    tag_key: &str,
) -> TokenStream {
    let rt = runtime();
    let ident = name::ident(&name::type_name(placeholder));
    let catch_all = name::ident(name::CATCH_ALL);
    let specs = model.variants_in(folder);
    let doc = docs::attr(&format!(
        "{}\n\nOne variant per spec in `{}/{folder}`, holding the payload sent under the key of \
         the same name. A type this version does not know parses as [`{}::{}`] with its payload \
         raw, and shows up in the drift report.",
        param.description.clone().unwrap_or_default(),
        model.dir,
        name::type_name(placeholder),
        name::CATCH_ALL,
    ));
    let mut variants = Vec::new();
    let mut as_str = Vec::new();
    let mut inspects = Vec::new();
    let mut wire = Vec::new();
    for spec in specs {
        let variant = name::ident(&name::type_name(spec.name()));
        let tag = spec.name();
        let vdoc = docs::attr(&format!(
            "{}\n\nSent as `\"{tag_key}\": \"{tag}\"`; see [`{}`]({}).",
            spec.summary,
            tag,
            doc_path(model, spec)
        ));
        wire.push(tag.to_owned());
        match (payload_type(model, spec), spec.payload()) {
            (Some(ty), Some(key)) => {
                let json = &key.name;
                let ty = if key.optional {
                    quote!(#rt::Option<#ty>)
                } else {
                    ty
                };
                variants.push(quote! { #vdoc #variant(#ty), });
                as_str.push(quote! { Self::#variant(_) => #tag, });
                let gen = Gen {
                    model,
                    spec,
                    prefix: quote!(),
                };
                inspects.push(if gen.can_drift(&key.shape) {
                    quote! { Self::#variant(payload) => #rt::inspect_key(path, #json, payload, out), }
                } else {
                    quote! { Self::#variant(_) => {} }
                });
            }
            _ => {
                variants.push(quote! { #vdoc #variant, });
                as_str.push(quote! { Self::#variant => #tag, });
                inspects.push(quote! { Self::#variant => {} });
            }
        }
    }
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #ident {
            #(#variants)*
            /// A type this version does not know: its name and its payload, raw.
            #catch_all(#rt::UnknownVariant),
        }

        impl #ident {
            /// Every type the spec folder describes, as Meta spells it.
            pub const VALUES: &'static [&'static str] = &[#(#wire),*];

            /// The type as Meta spells it on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#as_str)*
                    Self::#catch_all(unknown) => unknown.name(),
                }
            }
        }

        impl #rt::Display for #ident {
            fn fmt(&self, f: &mut #rt::Formatter<'_>) -> #rt::FmtResult {
                f.write_str(self.as_str())
            }
        }

        impl #rt::Inspect for #ident {
            fn inspect(&self, path: &mut #rt::JsonPath, out: &mut #rt::Vec<#rt::Drift>) {
                match self {
                    #(#inspects)*
                    Self::#catch_all(unknown) => {
                        let mark = path.push_key(#tag_key);
                        out.push(#rt::Drift::new(path, #rt::DriftKind::UnknownType, unknown.name()));
                        path.truncate(mark);
                    }
                }
            }
        }
    }
}

/// The pieces a discriminated object's visitor needs: payload slots, match arms, the code that
/// picks the variant after the last key, and the serializer's lines.
pub struct Resolve {
    pub slots: TokenStream,
    pub arms: TokenStream,
    pub resolve: TokenStream,
    pub write: TokenStream,
}

/// One pass over the object: every known payload key is parsed typed as it comes (key order is
/// not stable, so `type` may come last); after the last key the tag picks the variant.
///
/// With `omitted` (the discriminator key is optional), a missing tag is inferred from the first
/// payload key present, and `omitted` records that it was missing so it stays missing.
pub fn resolve(
    model: &Model,
    folder: &str,
    tag_key: &str,
    enum_ident: &proc_macro2::Ident,
    omitted: Option<&proc_macro2::Ident>,
) -> Resolve {
    let rt = runtime();
    let catch_all = name::ident(name::CATCH_ALL);
    let mut slots = vec![quote! { let mut kind_tag: #rt::Option<#rt::Key<'de>> = #rt::None; }];
    let mut arms = vec![quote! { #tag_key => #rt::fill(&mut map, &mut kind_tag, #tag_key)?, }];
    let mut picks = Vec::new();
    let mut infers = Vec::new();
    let mut leftovers = Vec::new();
    let mut writes = Vec::new();
    for spec in model.variants_in(folder) {
        let variant = name::ident(&name::type_name(spec.name()));
        let tag = spec.name();
        match (payload_type(model, spec), spec.payload()) {
            (Some(ty), Some(key)) => {
                let json = &key.name;
                let slot = format_ident!("payload_{}", name::field_name(json));
                slots.push(quote! { let mut #slot: #rt::Option<#ty> = #rt::None; });
                arms.push(quote! { #json => #rt::fill(&mut map, &mut #slot, #json)?, });
                // An optional payload key (Meta leaves the content out of some error payloads)
                // makes the variant hold an `Option`.
                let (pick, inferred, write) = if key.optional {
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
                picks.push(quote! { #tag => #enum_ident::#variant(#pick), });
                infers.push(quote! {
                    if let #rt::Some(payload) = #slot.take() { (#enum_ident::#variant(#inferred), true) } else
                });
                leftovers.push(quote! {
                    if let #rt::Some(payload) = #slot { extra.push_value(#json, &payload)?; }
                });
                writes.push(quote! { #enum_ident::#variant(payload) => { #write } });
            }
            _ => {
                picks.push(quote! { #tag => #enum_ident::#variant, });
                writes.push(quote! { #enum_ident::#variant => {} });
            }
        }
    }
    let pick = quote! {
        match tag {
            #(#picks)*
            other => #enum_ident::#catch_all(#rt::UnknownVariant::new(other, extra.take(other))),
        }
    };
    let resolve = match omitted {
        None => quote! {
            let kind = match kind_tag.as_ref().map(#rt::Key::as_str) {
                #rt::None => return #rt::Err(#rt::missing(#tag_key)),
                #rt::Some(tag) => #pick,
            };
        },
        Some(omitted) => quote! {
            let (kind, #omitted) = match kind_tag.as_ref().map(#rt::Key::as_str) {
                #rt::None => #(#infers)* { return #rt::Err(#rt::missing(#tag_key)) },
                #rt::Some(tag) => (#pick, false),
            };
        },
    };
    let write_tag =
        quote! { #rt::SerializeMap::serialize_entry(&mut map, #tag_key, self.kind.as_str())?; };
    let write_tag = match omitted {
        None => write_tag,
        Some(omitted) => quote! { if !self.#omitted { #write_tag } },
    };
    Resolve {
        slots: quote! { #(#slots)* },
        arms: quote! { #(#arms)* },
        resolve: quote! {
            #resolve
            #(#leftovers)*
        },
        write: quote! {
            #write_tag
            match &self.kind {
                #(#writes)*
                #enum_ident::#catch_all(unknown) => unknown.write(&mut map)?,
            }
        },
    }
}

/// The `Change` enum: a variant per webhook field spec, plus the unknown and invalid catch-alls.
pub fn change_enum(model: &Model) -> TokenStream {
    let rt = runtime();
    let mut variants = Vec::new();
    let mut fields = Vec::new();
    let mut names = Vec::new();
    let mut parses = Vec::new();
    let mut writes = Vec::new();
    let mut inspects = Vec::new();
    for spec in &model.fields {
        let variant = name::ident(&name::type_name(spec.name()));
        let module = module_path(model, spec);
        let field = spec.name();
        let also = match spec.aliases.as_slice() {
            [] => String::new(),
            aliases => format!(
                "\n\nMeta also names the field {}; [`EntryChange::field`](crate::EntryChange::field) \
                 gives the name received, and re-serializing writes it back.",
                aliases.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(" or ")
            ),
        };
        let doc = docs::attr(&format!(
            "A `{field}` change: {}{also}\n\nSee [`{field}`]({}).",
            spec.summary,
            doc_path(model, spec)
        ));
        variants.push(quote! { #doc #variant(#module::Value), });
        fields.push(field.to_owned());
        names.push(quote! { Self::#variant(_) => #field, });
        let spellings = std::iter::once(field).chain(spec.aliases.iter().map(String::as_str));
        parses.push(
            quote! { #(#spellings)|* => #rt::typed_change(field, value, Self::#variant, Self::Invalid), },
        );
        writes.push(quote! { Self::#variant(value) => #rt::SerializeMap::serialize_entry(map, "value", value), });
        inspects
            .push(quote! { Self::#variant(value) => #rt::inspect_key(path, "value", value, out), });
    }
    quote! {
        /// One change of an entry, typed by its `field`.
        ///
        /// A field this version does not know is kept as [`Change::Unrecognized`]; a known field
        /// whose value does not fit its model is kept as [`Change::Invalid`] with the error. Either
        /// way the other changes of the same POST still parse.
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum Change {
            #(#variants)*
            /// A field this version does not know: its name and value, raw.
            Unrecognized(#rt::UnknownChange),
            /// A known field whose value did not fit the typed model: raw, with the error.
            Invalid(#rt::InvalidChange),
        }

        impl Change {
            /// Every webhook field the spec folder describes.
            pub const FIELDS: &'static [&'static str] = &[#(#fields),*];

            /// The webhook field this change belongs to, as Meta spells it.
            pub fn field(&self) -> &str {
                match self {
                    #(#names)*
                    Self::Unrecognized(change) => change.field(),
                    Self::Invalid(change) => change.field(),
                }
            }
        }

        impl #rt::ChangeDispatch for Change {
            fn from_raw(field: &str, value: #rt::Box<#rt::RawValue>) -> Self {
                match field {
                    #(#parses)*
                    _ => Self::Unrecognized(#rt::UnknownChange::new(field, value)),
                }
            }

            fn field(&self) -> &str {
                Change::field(self)
            }

            fn write_value<M: #rt::SerializeMap>(&self, map: &mut M) -> #rt::Result<(), M::Error> {
                match self {
                    #(#writes)*
                    Self::Unrecognized(change) => #rt::SerializeMap::serialize_entry(map, "value", change.value()),
                    Self::Invalid(change) => #rt::SerializeMap::serialize_entry(map, "value", change.value()),
                }
            }
        }

        impl #rt::Inspect for Change {
            fn inspect(&self, path: &mut #rt::JsonPath, out: &mut #rt::Vec<#rt::Drift>) {
                match self {
                    #(#inspects)*
                    Self::Unrecognized(change) => {
                        let mark = path.push_key("field");
                        out.push(#rt::Drift::new(path, #rt::DriftKind::UnknownField, change.field()));
                        path.truncate(mark);
                    }
                    Self::Invalid(change) => {
                        let mark = path.push_key("value");
                        path.push_path(change.error().path());
                        out.push(#rt::Drift::new(path, #rt::DriftKind::Invalid, change.error().message()));
                        path.truncate(mark);
                    }
                }
            }
        }
    }
}
