//! Resolved types as Rust type tokens.

use super::runtime;
use crate::name;
use crate::resolved::{Scalar, Type, TypePath};
use proc_macro2::TokenStream;
use quote::quote;

/// The tokens of a type.
pub fn ty(ty: &Type) -> TokenStream {
    let rt = runtime();
    match ty {
        Type::Scalar(scalar) => match scalar {
            Scalar::String => quote!(#rt::String),
            Scalar::Integer => quote!(#rt::Integer),
            Scalar::Number => quote!(#rt::Number),
            Scalar::Boolean => quote!(bool),
            Scalar::Timestamp => quote!(#rt::Timestamp),
            Scalar::Text => quote!(#rt::Text),
            Scalar::Json => quote!(#rt::serde_json::Value),
            Scalar::Change => quote!(#rt::EntryChange<crate::Change>),
        },
        Type::Named(path) => self::path(path),
        Type::Items(inner) => {
            let inner = self::ty(inner);
            quote!(#rt::Items<#inner>)
        }
        Type::Vec(inner) => {
            let inner = self::ty(inner);
            quote!(#rt::Vec<#inner>)
        }
        Type::Boxed(inner) => {
            let inner = self::ty(inner);
            quote!(#rt::Box<#inner>)
        }
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
