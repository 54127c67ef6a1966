//! A struct's `Roles`: which of its keys (or nested objects, or its variant's payload) play each
//! role, the errors it reports, its tag and the order of its state, as the resolved model says.

use super::runtime;
use crate::name;
use crate::resolved::{Dispatch, RoleKey, Roles};
use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// `Roles` for a struct with keys that play a role: its own keys first, then nested objects,
/// then its variant's payload; errors from its error arrays and the same places; the type its
/// discriminator names, for a tagged object.
pub(super) fn roles_impl(ident: &Ident, roles: &Roles, dispatch: Option<&Dispatch>) -> TokenStream {
    if roles.is_empty() {
        return quote!();
    }
    let rt = runtime();
    let state_order = roles
        .own
        .iter()
        .find(|k| k.role == "EventState")
        .and_then(|k| k.order.as_ref())
        .map(|order| {
            let (listed, finals) = (&order.order, &order.finals);
            quote! {
                fn state_order(&self) -> #rt::Option<#rt::ValueOrder> {
                    #rt::Some(#rt::ValueOrder { order: &[#(#listed),*], finals: &[#(#finals),*] })
                }
            }
        });
    let kind = dispatch.map(|d| {
        let field = name::ident(&d.kind_ident);
        quote! {
            fn kind(&self) -> #rt::Option<&str> {
                #rt::Some(self.#field.as_str())
            }
        }
    });
    let inner: Vec<Ident> = roles
        .nested
        .iter()
        .map(|n| &n.ident)
        .chain(&roles.kind)
        .map(|f| name::ident(f))
        .collect();
    let text = role_method(
        quote!(fn role(&self, role: #rt::Role) -> #rt::Option<&str>),
        quote!(role),
        roles.own.iter().filter(|k| !k.number),
        &inner,
    );
    let integer = role_method(
        quote!(fn integer(&self, role: #rt::Role) -> #rt::Option<i64>),
        quote!(integer),
        roles.own.iter().filter(|k| k.number),
        &inner,
    );
    let arrays: Vec<Ident> = roles.errors.iter().map(|e| name::ident(&e.ident)).collect();
    let errors = (!arrays.is_empty() || !inner.is_empty()).then(|| {
        quote! {
            fn errors<'a>(&'a self, out: &mut #rt::Vec<&'a dyn #rt::Roles>) {
                #(#rt::ErrorArray::push_into(&self.#arrays, out);)*
                #(#rt::Roles::errors(&self.#inner, out);)*
            }
        }
    });
    quote! {
        impl #rt::Roles for #ident {
            #text
            #integer
            #errors
            #kind
            #state_order
        }
    }
}

/// One lookup method of `Roles`: the first own key present for the role (keys may share one,
/// as a call's `from_user_id` and `to_user_id` do), else the first nested answer.
fn role_method<'k>(
    signature: TokenStream,
    method: TokenStream,
    own: impl Iterator<Item = &'k RoleKey>,
    inner: &[Ident],
) -> TokenStream {
    let rt = runtime();
    let mut by_role: Vec<(&str, Vec<TokenStream>)> = Vec::new();
    for key in own {
        let field = name::ident(&key.field);
        let get = if key.number {
            quote!(get())
        } else {
            quote!(as_str())
        };
        let value = match (key.optional, key.nullable) {
            (false, false) => quote!(#rt::Some(self.#field.#get)),
            (true, true) => {
                quote!(self.#field.as_ref().and_then(|v| v.as_ref()).map(|v| v.#get))
            }
            (true, false) | (false, true) => quote!(self.#field.as_ref().map(|v| v.#get)),
        };
        match by_role.iter_mut().find(|(role, _)| *role == key.role) {
            Some((_, values)) => values.push(value),
            None => by_role.push((&key.role, vec![value])),
        }
    }
    if by_role.is_empty() && inner.is_empty() {
        return quote!();
    }
    let arms = by_role.iter().map(|(role, values)| {
        let role = name::ident(role);
        let first = &values[0];
        let rest = &values[1..];
        quote! { #rt::Role::#role => #first #(.or_else(|| #rest))*, }
    });
    let mut nested = inner
        .iter()
        .map(|field| quote!(#rt::Roles::#method(&self.#field, role)));
    let own = if by_role.is_empty() {
        nested.next()
    } else {
        Some(quote! {
            match role {
                #(#arms)*
                #[allow(unreachable_patterns)]
                _ => #rt::None,
            }
        })
    };
    quote! {
        #signature {
            #own #(.or_else(|| #nested))*
        }
    }
}
