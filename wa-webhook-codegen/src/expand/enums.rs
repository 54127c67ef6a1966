//! One enum per placeholder with enumerated values, forward compatible by a catch-all.

use super::{docs, runtime};
use crate::ast::Parameter;
use crate::name;
use proc_macro2::TokenStream;
use quote::quote;

/// The enum for `<placeholder>`: a variant per value, plus `Unrecognized(String)` that keeps any
/// value Meta adds later, so parsing never fails on one.
pub fn value_enum(
    placeholder: &str,
    param: &Parameter,
    values: &[(String, String)],
) -> TokenStream {
    let rt = runtime();
    let ident = name::ident(&name::type_name(placeholder));
    let catch_all = name::ident(name::CATCH_ALL);
    let mut doc = param.description.clone().unwrap_or_default();
    doc.push_str(&format!(
        "\n\nMeta's placeholder: `<{placeholder}>`. A value this version does not list parses as \
         [`{}::{}`], keeping the string, and shows up in the drift report.",
        name::type_name(placeholder),
        name::CATCH_ALL
    ));
    let doc = docs::attr(&doc);
    let variants: Vec<_> = values
        .iter()
        .map(|(value, _)| {
            let renamed = param
                .rename
                .0
                .iter()
                .find(|(v, _)| v == value)
                .map(|(_, n)| n.clone());
            name::ident(&renamed.unwrap_or_else(|| name::type_name(value)))
        })
        .collect();
    let variant_docs = values
        .iter()
        .map(|(value, description)| docs::attr(&format!("{description}\n\nSent as `{value}`.")));
    let wire: Vec<&str> = values.iter().map(|(v, _)| v.as_str()).collect();
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #ident {
            #( #variant_docs #variants, )*
            /// A value this version does not list, exactly as Meta sent it.
            ///
            /// Constructing it with a listed value gives a value unequal to the listed variant;
            /// use [`FromStr`](core::str::FromStr) to map a string to the right variant.
            #catch_all(#rt::String),
        }

        impl #ident {
            /// Every value the spec lists, as Meta spells it.
            pub const VALUES: &'static [&'static str] = &[#(#wire),*];

            /// The value as Meta spells it on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #wire, )*
                    Self::#catch_all(value) => value,
                }
            }
        }

        impl #rt::FromStr for #ident {
            type Err = #rt::Infallible;
            fn from_str(value: &str) -> #rt::Result<Self, #rt::Infallible> {
                #rt::Ok(match value {
                    #( #wire => Self::#variants, )*
                    other => Self::#catch_all(#rt::ToOwned::to_owned(other)),
                })
            }
        }

        impl #rt::Display for #ident {
            fn fmt(&self, f: &mut #rt::Formatter<'_>) -> #rt::FmtResult {
                f.write_str(self.as_str())
            }
        }

        impl #rt::Serialize for #ident {
            fn serialize<S: #rt::Serializer>(&self, serializer: S) -> #rt::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> #rt::Deserialize<'de> for #ident {
            fn deserialize<D: #rt::Deserializer<'de>>(deserializer: D) -> #rt::Result<Self, D::Error> {
                #rt::deserialize_from_str(deserializer)
            }
        }

        impl #rt::Inspect for #ident {
            fn inspect(&self, path: &mut #rt::JsonPath, out: &mut #rt::Vec<#rt::Drift>) {
                if let Self::#catch_all(value) = self {
                    out.push(#rt::Drift::new(path, #rt::DriftKind::UnknownValue, value));
                }
            }
        }
    }
}
