//! Doc attributes: final doc text (made in validation) as `#[doc]` lines rustdoc accepts.

use crate::resolved::Doc;
use proc_macro2::TokenStream;
use quote::quote;

/// `#[doc = ...]` attributes for `doc`, its links as intra-doc links, made safe for rustdoc
/// (see [`sanitize`]).
pub fn attr(doc: &Doc) -> TokenStream {
    text_attr(&doc.rust())
}

/// `#[doc = ...]` attributes for Rust doc text written here.
pub fn text_attr(text: &str) -> TokenStream {
    let text = sanitize(text);
    let lines = text.lines().map(|line| format!(" {line}"));
    quote! { #( #[doc = #lines] )* }
}

/// Escapes what rustdoc would read as HTML outside code spans, and links bare URLs, so generated
/// docs pass `RUSTDOCFLAGS=-D warnings` whatever text a spec holds. Brackets are left alone: the
/// generator writes intra-doc links itself.
pub fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, part) in text.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        if i % 2 == 1 {
            out.push_str(part);
            continue;
        }
        let mut words = part.split(' ').peekable();
        while let Some(word) = words.next() {
            if word.starts_with("https://") || word.starts_with("http://") {
                let trimmed = word.trim_end_matches(['.', ',', ')', ';']);
                out.push('<');
                out.push_str(trimmed);
                out.push('>');
                out.push_str(&word[trimmed.len()..]);
            } else {
                for c in word.chars() {
                    match c {
                        '<' => out.push_str("&lt;"),
                        '>' => out.push_str("&gt;"),
                        c => out.push(c),
                    }
                }
            }
            if words.peek().is_some() {
                out.push(' ');
            }
        }
    }
    out
}
