//! The generated enums: one per placeholder with listed values, one per discriminator. Both are
//! forward compatible: a catch-all keeps what this version does not know.

use super::types::{self, Paths};
use super::{docs, impls, public, runtime};
use crate::name;
use crate::resolved::{ValueEnum, ValueOrder, VariantEnum};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// What every generated enum has: the list of every name it knows, a method giving the name of
/// a value (the catch-all's arm last), and `Display` through that method.
pub struct Names<'a> {
    /// The enum.
    pub ident: &'a Ident,
    /// The list constant (`VALUES`, `FIELDS`) and its doc.
    pub list: (&'a str, &'a str),
    /// Every name, as Meta spells it.
    pub wire: Vec<&'a str>,
    /// The method (`as_str`, `field`) and its doc.
    pub method: (&'a str, &'a str),
    /// Its match arms, catch-all included.
    pub arms: Vec<TokenStream>,
    /// Whether `Display` writes the name.
    pub display: bool,
}

impl Names<'_> {
    /// The `impl` block, and `Display` if asked for.
    pub fn render(&self) -> TokenStream {
        let rt = runtime();
        let ident = self.ident;
        let (list, list_doc) = (name::ident(self.list.0), self.list.1);
        let (method, method_doc) = (name::ident(self.method.0), self.method.1);
        let (wire, arms) = (&self.wire, &self.arms);
        let display = self.display.then(|| {
            quote! {
                impl #rt::Display for #ident {
                    fn fmt(&self, f: &mut #rt::Formatter<'_>) -> #rt::FmtResult {
                        f.write_str(self.#method())
                    }
                }
            }
        });
        quote! {
            impl #ident {
                #[doc = #list_doc]
                pub const #list: &'static [&'static str] = &[#(#wire),*];

                #[doc = #method_doc]
                pub fn #method(&self) -> &str {
                    match self {
                        #(#arms)*
                    }
                }
            }

            #display
        }
    }
}

/// The enum for a placeholder's listed values: a variant per value, plus `Unrecognized`
/// that keeps any value Meta adds later, so parsing never fails on one.
pub fn value_enum(e: &ValueEnum) -> TokenStream {
    let public = public();
    let ident = name::ident(&e.ident);
    let catch_all = name::ident(name::CATCH_ALL);
    let doc = docs::attr(&e.doc);
    let variants: Vec<Ident> = e.variants.iter().map(|v| name::ident(&v.ident)).collect();
    let variant_docs = e.variants.iter().map(|v| docs::attr(&v.doc));
    let wire: Vec<&str> = e.variants.iter().map(|v| v.wire.as_str()).collect();
    let mut arms: Vec<TokenStream> = variants
        .iter()
        .zip(&wire)
        .map(|(variant, wire)| quote! { Self::#variant => #wire, })
        .collect();
    arms.push(quote! { Self::#catch_all(value) => value.as_str(), });
    let names = Names {
        ident: &ident,
        list: ("VALUES", " Every value the spec lists, as Meta spells it."),
        wire: wire.clone(),
        method: ("as_str", " The value as Meta spells it on the wire."),
        arms,
        display: true,
    }
    .render();
    let others = e
        .variants
        .iter()
        .zip(&variants)
        .flat_map(|(v, variant)| v.others.iter().map(move |other| (variant, other.as_str())));
    let (other_variants, other_wire): (Vec<&Ident>, Vec<&str>) = others.unzip();
    let spelled = (!other_wire.is_empty()).then(|| {
        let rt = runtime();
        impls(quote! {
            impl #rt::SpelledEnum for #ident {
                fn as_str(&self) -> &str {
                    #ident::as_str(self)
                }
                fn other_spelling(received: &str) -> #rt::Option<&'static str> {
                    match received {
                        #( #other_wire => #rt::Some(#other_wire), )*
                        _ => #rt::None,
                    }
                }
            }
        })
    });
    let impls = value_enum_impls(
        &ident,
        &catch_all,
        (&variants, &wire),
        (&other_variants, &other_wire),
        names,
    );
    let order = e.order.as_ref().map(|order| value_order(&ident, order));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #ident {
            #( #variant_docs #variants, )*
            /// A value this version does not list, exactly as Meta sent it. Only parsing makes
            /// one: [`FromStr`](core::str::FromStr) maps a string to its variant.
            #catch_all(#public::UnlistedValue),
        }

        #impls
        #spelled
        #order
    }
}

/// For a row with `order` or `final`: the two lists, and whether a value comes after another.
fn value_order(ident: &Ident, order: &ValueOrder) -> TokenStream {
    let rt = runtime();
    let quoted = |values: &[String]| {
        values
            .iter()
            .map(|v| format!("`{v}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let order_doc = format!(
        " The order the values follow, first to last: {}.",
        quoted(&order.order)
    );
    let final_doc = format!(
        " The values nothing follows: {}.",
        match quoted(&order.finals) {
            none if none.is_empty() => "none".to_owned(),
            finals => finals,
        }
    );
    let (listed, finals) = (&order.order, &order.finals);
    impls(quote! {
        impl #ident {
            #[doc = #order_doc]
            pub const ORDER: &'static [&'static str] = &[#(#listed),*];

            #[doc = #final_doc]
            pub const FINAL: &'static [&'static str] = &[#(#finals),*];

            /// Whether this value comes after `previous`: it is final and `previous` is not, or
            /// both are in [`ORDER`](Self::ORDER) and this one later. Nothing comes after a final
            /// value; a value the order does not hold (the catch-all's) comes after nothing.
            /// Meta's updates can arrive out of order: keep the latest value, and drop one that
            /// does not come after it.
            pub fn is_after(&self, previous: &Self) -> bool {
                let order = #rt::ValueOrder { order: Self::ORDER, finals: Self::FINAL };
                order.is_after(self.as_str(), previous.as_str())
            }
        }
    })
}

/// The value enum's impls: `FromStr` maps each value's spellings (`wire`, then `others`, other
/// spellings of a value) to its variant.
fn value_enum_impls(
    ident: &Ident,
    catch_all: &Ident,
    (variants, wire): (&[Ident], &[&str]),
    (other_variants, others): (&[&Ident], &[&str]),
    names: TokenStream,
) -> TokenStream {
    let rt = runtime();
    impls(quote! {
        #names

        impl #rt::FromStr for #ident {
            type Err = #rt::Infallible;
            fn from_str(value: &str) -> #rt::Result<Self, #rt::Infallible> {
                #rt::Ok(match value {
                    #( #wire => Self::#variants, )*
                    #( #others => Self::#other_variants, )*
                    other => Self::#catch_all(#rt::unlisted_value(other)),
                })
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

        impl<'de> #rt::ReadIn<'de> for #ident {
            #[inline]
            fn read_in<D: #rt::Deserializer<'de>>(deserializer: D, _: &mut #rt::ParseState) -> #rt::Result<Self, D::Error> {
                #rt::deserialize_from_str(deserializer)
            }
        }

        impl #rt::Inspect for #ident {
            fn inspect(&self, path: &mut #rt::JsonPath, out: &mut #rt::Vec<#rt::Drift>) {
                if let Self::#catch_all(value) = self {
                    out.push(#rt::drift_at(path, #rt::DriftKind::UnknownValue, value));
                }
            }
        }
    })
}

/// The enum of a discriminator: a variant per spec of its folder, holding its payload, plus a
/// catch-all that keeps an unknown type's name and payload raw.
pub fn variant_enum(e: &VariantEnum) -> TokenStream {
    let rt = runtime();
    let ident = name::ident(&e.ident);
    let catch_all = name::ident(name::CATCH_ALL);
    let tag_key = &e.tag_key;
    let doc = docs::attr(&e.doc);
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    let mut inspects = Vec::new();
    for v in &e.variants {
        let variant = name::ident(&v.ident);
        let tag = &v.tag;
        let vdoc = docs::attr(&v.doc);
        match &v.payload {
            Some(payload) => {
                let json = &payload.key;
                let ty = types::ty(&payload.ty, Paths::Public);
                let ty = if payload.optional {
                    types::option(ty, Paths::Public)
                } else {
                    ty
                };
                variants.push(quote! { #vdoc #variant(#ty), });
                arms.push(quote! { Self::#variant(_) => #tag, });
                inspects.push(if payload.drifts {
                    quote! { Self::#variant(payload) => #rt::inspect_key(path, #json, payload, out), }
                } else {
                    quote! { Self::#variant(_) => {} }
                });
            }
            None => {
                variants.push(quote! { #vdoc #variant, });
                arms.push(quote! { Self::#variant => #tag, });
                inspects.push(quote! { Self::#variant => {} });
            }
        }
    }
    arms.push(quote! { Self::#catch_all(unknown) => unknown.name(), });
    let names = Names {
        ident: &ident,
        list: (
            "VALUES",
            " Every type the spec folder describes, as Meta spells it.",
        ),
        wire: e.variants.iter().map(|v| v.tag.as_str()).collect(),
        method: ("as_str", " The type as Meta spells it on the wire."),
        arms,
        display: true,
    }
    .render();
    let public = public();
    let mut impls = variant_enum_impls(&ident, &catch_all, tag_key, &inspects, names);
    impls.extend(variant_roles(&ident, e));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum #ident {
            #(#variants)*
            /// A type no spec of this version describes (new from Meta): its name and its
            /// payload, raw, reported as drift `unknown_type`. A type Meta itself calls
            /// `unknown` or `unsupported` is not this: it has its own variant.
            #catch_all(#public::UnknownVariant),
        }

        #impls
    }
}

/// The variant enum's impls.
fn variant_enum_impls(
    ident: &Ident,
    catch_all: &Ident,
    tag_key: &str,
    inspects: &[TokenStream],
    names: TokenStream,
) -> TokenStream {
    let rt = runtime();
    impls(quote! {
        #names

        impl #rt::Inspect for #ident {
            fn inspect(&self, path: &mut #rt::JsonPath, out: &mut #rt::Vec<#rt::Drift>) {
                match self {
                    #(#inspects)*
                    Self::#catch_all(unknown) => {
                        let mark = path.push_key(#tag_key);
                        out.push(#rt::drift_at(path, #rt::DriftKind::UnknownType, unknown.name()));
                        path.truncate(mark);
                    }
                }
            }
        }
    })
}

/// `Roles` for a variant enum whose payloads have roles: each answers for its payload.
fn variant_roles(ident: &Ident, e: &VariantEnum) -> TokenStream {
    let rt = runtime();
    let with_roles: Vec<Ident> = e
        .variants
        .iter()
        .filter(|v| v.payload.as_ref().is_some_and(|p| p.roles))
        .map(|v| name::ident(&v.ident))
        .collect();
    if with_roles.is_empty() {
        return quote!();
    }
    impls(quote! {
        impl #rt::Roles for #ident {
            fn role(&self, role: #rt::Role) -> #rt::Option<&str> {
                match self {
                    #(Self::#with_roles(payload) => #rt::Roles::role(payload, role),)*
                    _ => #rt::None,
                }
            }
            fn integer(&self, role: #rt::Role) -> #rt::Option<i64> {
                match self {
                    #(Self::#with_roles(payload) => #rt::Roles::integer(payload, role),)*
                    _ => #rt::None,
                }
            }
            fn errors<'a>(&'a self, out: &mut #rt::Vec<&'a dyn #rt::Roles>) {
                match self {
                    #(Self::#with_roles(payload) => #rt::Roles::errors(payload, out),)*
                    _ => {}
                }
            }
        }
    })
}
