//! `EntryChange`, the change object around a `Change`: generated beside `Change` so that its
//! public type names no parameter; reading, writing and inspecting it is the runtime's
//! (`__private::read_change_object` and its siblings), generic over the `Change` of any crate.

use super::{impls, public, runtime};
use proc_macro2::TokenStream;
use quote::quote;

/// The `EntryChange` struct and its impls.
pub fn entry_change() -> TokenStream {
    let rt = runtime();
    let public = public();
    let impls = impls(quote! {
        impl<'de> #rt::Deserialize<'de> for EntryChange {
            #[inline]
            fn deserialize<D: #rt::Deserializer<'de>>(deserializer: D) -> #rt::Result<Self, D::Error> {
                #rt::read_alone(deserializer)
            }
        }

        impl<'de> #rt::ReadIn<'de> for EntryChange {
            #[inline]
            fn read_in<D: #rt::Deserializer<'de>>(deserializer: D, state: &mut #rt::ParseState) -> #rt::Result<Self, D::Error> {
                let parts = #rt::read_change_object::<Change, D>(deserializer, state)?;
                #rt::Ok(EntryChange { change: parts.change, extra: parts.extra, alias: parts.alias })
            }
        }

        impl #rt::Serialize for EntryChange {
            fn serialize<S: #rt::Serializer>(&self, serializer: S) -> #rt::Result<S::Ok, S::Error> {
                #rt::write_change_object(self.field(), &self.change, &self.extra, serializer)
            }
        }

        impl #rt::Inspect for EntryChange {
            fn inspect(&self, path: &mut #rt::JsonPath, out: &mut #rt::Vec<#rt::Drift>) {
                #rt::inspect_change_object(self.field(), &self.change, &self.extra, path, out);
            }
        }
    });
    quote! {
        /// One item of `entry[].changes`: the typed [`Change`] and any key beside `field` and
        /// `value`.
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub struct EntryChange {
            /// The change, typed by its field.
            pub change: Change,
            /// Keys of the change object other than `field` and `value`, kept raw.
            pub extra: #public::Extra,
            /// The field name received, when it is an alias of the field's name.
            alias: ::core::option::Option<::std::string::String>,
        }

        impl EntryChange {
            /// The `field` exactly as Meta sent it: the change's field name, or an alias of it
            /// that the spec lists (`business_username_updates` for `business_username_update`).
            pub fn field(&self) -> &str {
                match &self.alias {
                    ::core::option::Option::Some(alias) => alias,
                    ::core::option::Option::None => Change::field(&self.change),
                }
            }
        }

        #impls
    }
}
