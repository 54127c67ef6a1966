//! `EventItem`: what an event is, typed: a variant per kind of event item (`$event` objects), or
//! the change itself.

use super::{docs, impls, runtime, types};
use crate::name;
use crate::resolved::EventItemKind;
use proc_macro2::TokenStream;
use quote::quote;

/// `EventItem`: what an event is, typed: a variant per kind of event item, or the change.
pub fn event_item_enum(kinds: &[EventItemKind]) -> TokenStream {
    let rt = runtime();
    let variants = kinds.iter().map(|k| {
        let ident = name::ident(&k.ident);
        let ty = types::path(&k.ty);
        let doc = docs::attr(&k.doc);
        quote! { #doc #ident(&'a #ty), }
    });
    let idents: Vec<_> = kinds.iter().map(|k| name::ident(&k.ident)).collect();
    let serialize = impls(quote! {
        /// The item as Meta sent it; a change as `{"value": ...}`.
        impl #rt::Serialize for EventItem<'_> {
            fn serialize<S: #rt::Serializer>(&self, serializer: S) -> #rt::Result<S::Ok, S::Error> {
                match self {
                    #(Self::#idents(item) => #rt::Serialize::serialize(item, serializer),)*
                    Self::Change(change) => {
                        let mut map = #rt::Serializer::serialize_map(serializer, #rt::Some(1))?;
                        #rt::ChangeDispatch::write_value(*change, &mut map)?;
                        #rt::SerializeMap::end(map)
                    }
                }
            }
        }
    });
    let inspect = impls(quote! {
        /// The drift inside the item (a message type or field no spec describes, a value or key
        /// it does not list), at paths relative to the item.
        impl #rt::Inspect for EventItem<'_> {
            fn inspect(&self, path: &mut #rt::JsonPath, out: &mut #rt::Vec<#rt::Drift>) {
                match self {
                    #(Self::#idents(item) => #rt::Inspect::inspect(*item, path, out),)*
                    Self::Change(change) => #rt::Inspect::inspect(*change, path, out),
                }
            }
        }
    });
    quote! {
        #serialize
        #inspect

        /// What a [`WebhookEvent`](::wa_webhook_types::WebhookEvent) is: one item of a change (a message, a
        /// status), or a change that holds no such items.
        ///
        /// `Debug` shows every key, a user's phone number and text included: log
        /// [`WebhookEvent::summary`](::wa_webhook_types::WebhookEvent::summary) instead.
        #[derive(Debug, Clone, Copy)]
        #[non_exhaustive]
        pub enum EventItem<'a> {
            #(#variants)*
            /// A change with no event items of its own (an account update, a security event).
            Change(&'a Change),
        }
    }
}
