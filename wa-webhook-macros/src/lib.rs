//! The `generate!` macro of `wa-webhook-types`: a thin entry over `wa-webhook-codegen`.
//!
//! It locates the spec folder, runs the generator, turns every spec error into a
//! `compile_error!` spanned at the call, and `include_str!`s every file it read so that editing
//! a spec rebuilds the crate that invokes it.

use proc_macro::TokenStream;
use proc_macro2::Span;
use quote::quote;
use std::path::PathBuf;

/// Expands every spec file in a folder into types.
///
/// ```ignore
/// wa_webhook_macros::generate!("spec");
/// ```
///
/// The folder is relative to the invoking crate's `CARGO_MANIFEST_DIR`. Where it is not found
/// there, the environment variable `WA_WEBHOOK_SPEC_ROOT` names a second root: the compile-fail
/// tests use it, because trybuild compiles each case in a crate of its own.
#[proc_macro]
pub fn generate(input: TokenStream) -> TokenStream {
    let input = proc_macro2::TokenStream::from(input);
    let dir = match syn_lit(input) {
        Ok(dir) => dir,
        Err(message) => return error(&message).into(),
    };
    let Some(manifest_dir) = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from) else {
        return error("CARGO_MANIFEST_DIR is not set; run the build through cargo").into();
    };
    let root = match std::env::var_os("WA_WEBHOOK_SPEC_ROOT") {
        Some(fallback) if !manifest_dir.join(&dir).exists() => PathBuf::from(fallback),
        _ => manifest_dir,
    };
    let output = wa_webhook_codegen::generate(&root, &dir);
    let tracked = output
        .files
        .iter()
        .filter_map(|path| path.to_str())
        .map(|path| {
            quote! { const _: &str = include_str!(#path); }
        });
    let errors = output.errors.iter().map(|e| error(&e.to_string()));
    let tokens = output.tokens;
    quote! {
        #(#errors)*
        #(#tracked)*
        #tokens
    }
    .into()
}

/// The single string literal the macro takes, without its quotes.
fn syn_lit(input: proc_macro2::TokenStream) -> Result<String, String> {
    let usage = "expected one string literal: the spec folder, e.g. `generate!(\"spec\")`";
    let mut tokens = input.into_iter();
    let (Some(proc_macro2::TokenTree::Literal(lit)), None) = (tokens.next(), tokens.next()) else {
        return Err(usage.to_owned());
    };
    let text = lit.to_string();
    match text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
        Some(inner) if !inner.contains('\\') => Ok(inner.to_owned()),
        _ => Err(usage.to_owned()),
    }
}

fn error(message: &str) -> proc_macro2::TokenStream {
    quote::quote_spanned! { Span::call_site() => compile_error!(#message); }
}
