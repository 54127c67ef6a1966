//! The `Change` enum: a variant per webhook field, plus the unknown and invalid catch-alls.

use super::enums::Names;
use super::{docs, impls, public, runtime, types};
use crate::name;
use crate::resolved::{ChangeEnum, EventItemKind, FieldRef};
use proc_macro2::TokenStream;
use quote::quote;

/// The `Change` enum, its field names and its dispatch.
pub fn change_enum(change: &ChangeEnum, event_items: &[EventItemKind]) -> TokenStream {
    let rt = runtime();
    let events = event_item_enum(event_items);
    let mut parts = Vec::new();
    let mut variants = Vec::new();
    let mut names = Vec::new();
    let mut parses = Vec::new();
    let mut typed = Vec::new();
    let mut spec_fields = Vec::new();
    let mut writes = Vec::new();
    let mut inspects = Vec::new();
    for v in &change.variants {
        let variant = name::ident(&v.ident);
        let field = &v.field;
        let doc = docs::attr(&v.doc);
        // Boxed: the enum is then two words, not as large as the largest field's value.
        let value = types::path(&v.value);
        variants.push(quote! { #doc #variant(Box<#value>), });
        names.push(quote! { Self::#variant(_) => #field, });
        let spellings = std::iter::once(field).chain(&v.aliases);
        let spellings = quote! { #(#spellings)|* };
        parses.push(
            quote! { #spellings => #rt::typed_change(field, value, Self::#variant, Self::Invalid), },
        );
        typed.push(
            quote! { #spellings => #rt::Deserialize::deserialize(value).map(Self::#variant), },
        );
        spec_fields.push(quote! { #spellings => #rt::Some(#field), });
        writes.push(quote! { Self::#variant(value) => #rt::SerializeMap::serialize_entry(map, "value", value), });
        inspects
            .push(quote! { Self::#variant(value) => #rt::inspect_key(path, "value", value, out), });
        let value_roles = if v.value_roles {
            quote!(#rt::Some(value as &dyn #rt::Roles))
        } else {
            quote!(#rt::None)
        };
        let contacts = v.contacts.iter().map(|fields| {
            let list = items_of(quote!(value), fields, quote!(iter));
            quote! { contacts.extend(#list.map(|c| c as &dyn #rt::Roles)); }
        });
        let items = v.events.iter().map(|array| {
            let list = items_of(quote!(value), &array.fields, quote!(iter_indexed));
            let item = name::ident(&array.item);
            let at = format!("{}[{{}}]", array.path);
            quote! {
                items.extend(#list.map(|(i, e)| (EventItem::#item(e), e as &dyn #rt::Roles, #rt::format!(#at, i))));
            }
        });
        parts.push(quote! {
            Self::#variant(value) => {
                let mut contacts = #rt::Vec::new();
                let mut items = #rt::Vec::new();
                #(#contacts)*
                #(#items)*
                let _ = value;
                #rt::EventParts { value: #value_roles, contacts, items }
            }
        });
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
    let standby = change.variants.iter().filter(|v| v.standby).map(|v| {
        let variant = name::ident(&v.ident);
        quote!(Self::#variant(_))
    });
    let standby = quote!(#(#standby)|*);
    let standby = if standby.is_empty() {
        quote!(false)
    } else {
        quote!(::core::matches!(self, #standby))
    };
    let public = public();
    let impls = impls(quote! {
        impl Change {
            /// Whether the change's events are copies of a conversation another app (or Meta's
            /// business agent) owns, as a `standby` change holds them: read them, never answer
            /// them.
            pub fn is_standby(&self) -> bool {
                #standby
            }
        }

        #fields

        impl #rt::ChangeDispatch for Change {
            fn from_raw(field: &str, value: #rt::Box<#rt::RawValue>) -> Self {
                match field {
                    #(#parses)*
                    _ => Self::Unrecognized(#rt::unknown_change(field, value)),
                }
            }

            fn invalid(change: #public::InvalidChange) -> Self {
                Self::Invalid(change)
            }

            fn deserialize_value<'de, D: #rt::Deserializer<'de>>(field: &str, value: D) -> #rt::Result<Self, D::Error> {
                match field {
                    #(#typed)*
                    _ => <#rt::Box<#rt::RawValue> as #rt::Deserialize>::deserialize(value)
                        .map(|value| Self::Unrecognized(#rt::unknown_change(field, value))),
                }
            }

            fn field(&self) -> &str {
                Change::field(self)
            }

            fn spec_field(field: &str) -> #rt::Option<&'static str> {
                match field {
                    #(#spec_fields)*
                    _ => #rt::None,
                }
            }

            fn event_parts(&self) -> #rt::EventParts<'_> {
                match self {
                    #(#parts)*
                    Self::Unrecognized(_) | Self::Invalid(_) => #rt::EventParts {
                        value: #rt::None,
                        contacts: #rt::Vec::new(),
                        items: #rt::Vec::new(),
                    },
                }
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
                        out.push(#rt::drift_at(path, #rt::DriftKind::UnknownField, change.field()));
                        path.truncate(mark);
                    }
                    Self::Invalid(change) => {
                        let mark = path.push_key("value");
                        out.push(#rt::drift_below(path, change.error().path(), #rt::DriftKind::Invalid, change.error().message()));
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

        #events
    }
}

/// The items of the array at `fields` from `object`, through `method` (`iter`, `iter_indexed`):
/// an optional field (or object on the way) that is absent contributes none.
fn items_of(object: TokenStream, fields: &[FieldRef], method: TokenStream) -> TokenStream {
    let Some((first, rest)) = fields.split_first() else {
        return quote!(::core::iter::empty());
    };
    let field = name::ident(&first.ident);
    if rest.is_empty() {
        return if first.optional {
            quote!(#object.#field.iter().flat_map(|l| l.#method()))
        } else {
            quote!(#object.#field.#method())
        };
    }
    let inner = items_of(quote!(p), rest, method);
    if first.optional {
        quote!(#object.#field.iter().flat_map(|p| #inner))
    } else {
        quote!(::core::iter::once(&#object.#field).flat_map(|p| #inner))
    }
}

/// `EventItem`: what an event is, typed: a variant per kind of event item, or the change.
fn event_item_enum(kinds: &[EventItemKind]) -> TokenStream {
    let rt = runtime();
    let variants = kinds.iter().map(|k| {
        let ident = name::ident(&k.ident);
        let ty = types::path(&k.ty);
        let doc = format!(" A [`{0}`]({1}). {2}", k.ident, doc_target(&k.ty), k.doc);
        quote! { #[doc = #doc] #ident(&'a #ty), }
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

/// An intra-doc link target for a type path.
fn doc_target(path: &crate::resolved::TypePath) -> String {
    let mut target = String::from("crate");
    for segment in &path.module {
        target.push_str("::");
        target.push_str(&name::ident(segment).to_string());
    }
    format!("{target}::{}", path.ident)
}
