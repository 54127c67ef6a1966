//! The `Change` enum: a variant per webhook field, plus the unknown and invalid catch-alls.

use super::enums::Names;
use super::{docs, impls, public, runtime, types};
use crate::name;
use crate::resolved::{ChangeEnum, ChangeVariant, EventItemKind, FieldRef};
use proc_macro2::TokenStream;
use quote::quote;

/// The `Change` enum, its field names and its dispatch: the definition, then one function per
/// impl, each walking the fields itself.
pub fn change_enum(change: &ChangeEnum, event_items: &[EventItemKind]) -> TokenStream {
    let events = super::event_item::event_item_enum(event_items);
    let definition = definition(change);
    let standby = standby(change);
    let fields = field_names(change);
    let dispatch = dispatch_impl(change);
    let inspector = inspector(change);
    let impls = impls(quote! {
        #standby

        #fields

        #dispatch

        #inspector
    });
    quote! {
        #definition

        #impls

        #events
    }
}

/// The enum: a variant per field, its value boxed, and the two catch-alls.
fn definition(change: &ChangeEnum) -> TokenStream {
    let public = public();
    let variants = change.variants.iter().map(|v| {
        let variant = name::ident(&v.ident);
        let doc = docs::attr(&v.doc);
        // Boxed: the enum is then two words, not as large as the largest field's value.
        let value = types::path(&v.value);
        quote! { #doc #variant(Box<#value>), }
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
    }
}

/// `Change::is_standby`: whether the change's field holds copies (`standby`).
fn standby(change: &ChangeEnum) -> TokenStream {
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
    quote! {
        impl Change {
            /// Whether the change's events are copies of a conversation another app (or Meta's
            /// business agent) owns, as a `standby` change holds them: read them, never answer
            /// them.
            pub fn is_standby(&self) -> bool {
                #standby
            }
        }
    }
}

/// `Change::FIELDS` and `Change::field`.
fn field_names(change: &ChangeEnum) -> TokenStream {
    let mut names: Vec<TokenStream> = change
        .variants
        .iter()
        .map(|v| {
            let variant = name::ident(&v.ident);
            let field = &v.field;
            quote! { Self::#variant(_) => #field, }
        })
        .collect();
    names.push(quote! { Self::Unrecognized(change) => change.field(), });
    names.push(quote! { Self::Invalid(change) => change.field(), });
    let ident = name::ident("Change");
    Names {
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
    .render()
}

/// The field's name and its aliases, as a match pattern.
fn spellings(v: &ChangeVariant) -> TokenStream {
    let spellings = std::iter::once(&v.field).chain(&v.aliases);
    quote! { #(#spellings)|* }
}

/// `ChangeDispatch`: building a change by its field (typed in the body's pass, or from a value
/// captured raw), its events' parts, and writing its value back.
fn dispatch_impl(change: &ChangeEnum) -> TokenStream {
    let rt = runtime();
    let public = public();
    let mut parses = Vec::new();
    let mut typed = Vec::new();
    let mut spec_fields = Vec::new();
    let mut writes = Vec::new();
    for v in &change.variants {
        let variant = name::ident(&v.ident);
        let field = &v.field;
        let spellings = spellings(v);
        parses.push(
            quote! { #spellings => #rt::typed_change(field, value, Self::#variant, Self::Invalid, state), },
        );
        typed
            .push(quote! { #spellings => #rt::ReadIn::read_in(value, state).map(Self::#variant), });
        spec_fields.push(quote! { #spellings => #rt::Some(#field), });
        writes.push(quote! { Self::#variant(value) => #rt::SerializeMap::serialize_entry(map, "value", value), });
    }
    let parts = change.variants.iter().map(event_parts_arm);
    quote! {
        impl #rt::ChangeDispatch for Change {
            fn from_raw(field: &str, value: #rt::Box<#rt::RawValue>, state: &mut #rt::ParseState) -> Self {
                match field {
                    #(#parses)*
                    _ => Self::Unrecognized(#rt::unknown_change(field, value)),
                }
            }

            fn invalid(change: #public::InvalidChange) -> Self {
                Self::Invalid(change)
            }

            fn read_value<'de, D: #rt::Deserializer<'de>>(field: &str, value: D, state: &mut #rt::ParseState) -> #rt::Result<Self, D::Error> {
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
    }
}

/// A field's arm of `event_parts`: its value's roles, the contacts its events are matched with,
/// and its event items with their paths.
fn event_parts_arm(v: &ChangeVariant) -> TokenStream {
    let rt = runtime();
    let variant = name::ident(&v.ident);
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
    quote! {
        Self::#variant(value) => {
            let mut contacts = #rt::Vec::new();
            let mut items = #rt::Vec::new();
            #(#contacts)*
            #(#items)*
            let _ = value;
            #rt::EventParts { value: #value_roles, contacts, items }
        }
    }
}

/// `Inspect`: a known field's value at `value`, an unknown field at `field`, an invalid value's
/// error below `value`.
fn inspector(change: &ChangeEnum) -> TokenStream {
    let rt = runtime();
    let inspects = change.variants.iter().map(|v| {
        let variant = name::ident(&v.ident);
        quote! { Self::#variant(value) => #rt::inspect_key(path, "value", value, out), }
    });
    quote! {
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
