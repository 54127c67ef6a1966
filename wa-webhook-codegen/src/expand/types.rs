//! Resolved types as Rust type tokens.

use super::{public, runtime};
use crate::ast::ParamType;
use crate::name;
use crate::resolved::{Type, TypePath};
use proc_macro2::TokenStream;
use quote::quote;

/// How a type names what it is made of.
#[derive(Clone, Copy)]
pub enum Paths {
    /// As a user writes it, in public items: `Vec<T>`, `::wa_webhook_types::WaString`.
    /// (Validation keeps generated names from hiding `String`, `Option`, `Vec` and `Box`.)
    Public,
    /// Through the runtime alias, inside an impls block.
    Runtime,
}

/// The tokens of a type.
pub fn ty(ty: &Type, paths: Paths) -> TokenStream {
    let (rt, std) = match paths {
        Paths::Public => (public(), quote!()),
        Paths::Runtime => (runtime(), quote!(__rt::)),
    };
    match ty {
        Type::Scalar(scalar) => match scalar {
            ParamType::String | ParamType::Discriminator => quote!(#rt::WaString),
            ParamType::Integer => quote!(#rt::Integer),
            ParamType::Number => quote!(#rt::Number),
            ParamType::Boolean => quote!(bool),
            ParamType::Timestamp => quote!(#rt::Timestamp),
            ParamType::Text => quote!(#rt::TextOrNumber),
            ParamType::Json => quote!(#rt::serde_json::Value),
            ParamType::Change => quote!(crate::EntryChange),
        },
        Type::Named(path) => self::path(path),
        Type::Items(inner) => {
            let inner = self::ty(inner, paths);
            quote!(#rt::Items<#inner>)
        }
        Type::Vec(inner) => {
            let inner = self::ty(inner, paths);
            quote!(#std Vec<#inner>)
        }
        Type::Boxed(inner) => {
            let inner = self::ty(inner, paths);
            quote!(#std Box<#inner>)
        }
        Type::Spelled(inner) => {
            let inner = self::ty(inner, paths);
            quote!(#rt::Spelled<#inner>)
        }
    }
}

/// `Option<T>`, in the same way of naming.
pub fn option(inner: TokenStream, paths: Paths) -> TokenStream {
    match paths {
        Paths::Public => quote!(Option<#inner>),
        Paths::Runtime => quote!(__rt::Option<#inner>),
    }
}

/// A generated type by its path: `Ident` in its module, `crate::a::b::Ident` elsewhere.
pub fn path(path: &TypePath) -> TokenStream {
    let ident = name::ident(&path.ident);
    if path.module.is_empty() {
        return quote!(#ident);
    }
    let module = path.module.iter().map(|s| name::ident(s));
    quote!(crate #(::#module)* :: #ident)
}
