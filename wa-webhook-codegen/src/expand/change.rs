//! The `Change` enum: a variant per webhook field, plus the unknown and invalid catch-alls.

use super::enums::Names;
use super::{docs, impls, public, runtime, types};
use crate::name;
use crate::resolved::ChangeEnum;
use proc_macro2::TokenStream;
use quote::quote;

/// The `Change` enum, its field names and its dispatch.
pub fn change_enum(change: &ChangeEnum) -> TokenStream {
    let rt = runtime();
    let mut variants = Vec::new();
    let mut names = Vec::new();
    let mut parses = Vec::new();
    let mut writes = Vec::new();
    let mut inspects = Vec::new();
    for v in &change.variants {
        let variant = name::ident(&v.ident);
        let field = &v.field;
        let doc = docs::attr(&v.doc);
        let value = types::path(&v.value);
        variants.push(quote! { #doc #variant(#value), });
        names.push(quote! { Self::#variant(_) => #field, });
        let spellings = std::iter::once(field).chain(&v.aliases);
        parses.push(
            quote! { #(#spellings)|* => #rt::typed_change(field, value, Self::#variant, Self::Invalid), },
        );
        writes.push(quote! { Self::#variant(value) => #rt::SerializeMap::serialize_entry(map, "value", value), });
        inspects
            .push(quote! { Self::#variant(value) => #rt::inspect_key(path, "value", value, out), });
    }
    names.push(quote! { Self::Unrecognized(change) => change.field(), });
    names.push(quote! { Self::Invalid(change) => change.field(), });
    let ident = name::ident("Change");
    let fields = Names {
        ident: &ident,
        list: ("FIELDS", " Every webhook field the spec folder describes."),
        wire: change.variants.iter().map(|v| v.field.as_str()).collect(),
        method: (
            "field",
            " The webhook field this change belongs to, as Meta spells it.",
        ),
        arms: names,
        display: false,
    }
    .render();
    let public = public();
    let impls = impls(quote! {
        #fields

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
    });
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
            Unrecognized(#public::UnknownChange),
            /// A known field whose value did not fit the typed model: raw, with the error.
            Invalid(#public::InvalidChange),
        }

        #impls
    }
}
