//! Spec model, validation and expansion behind `wa-webhook-types`.
//!
//! The stages: [`load`] reads the spec folder, `parse` turns each file into the model in
//! [`ast`], [`valid`] checks everything, collects every error and resolves the sound model into
//! [`resolved::Resolved`] (every name, type and doc final), and `expand` only renders that as
//! Rust. No `proc_macro` types: the CLI and the tests use it too.

#![deny(missing_docs)]

pub mod ast;
pub mod ctxt;
#[cfg(feature = "tools")]
pub mod diff;
#[cfg(feature = "tools")]
pub mod edit;
mod expand;
mod fallback;
#[cfg(feature = "tools")]
mod foreign;
#[cfg(feature = "tools")]
pub mod import;
pub mod load;
pub mod model;
pub mod name;
pub mod node;
mod parse;
#[cfg(feature = "tools")]
pub mod pieces;
#[cfg(feature = "tools")]
pub mod python;
pub mod resolved;
pub mod role;
#[cfg(feature = "tools")]
pub mod schema;
pub mod share;
#[cfg(feature = "tools")]
pub mod suggest;
#[cfg(feature = "tools")]
pub mod typescript;
pub mod valid;

use proc_macro2::TokenStream;
use std::path::{Path, PathBuf};

pub use ctxt::SpecError;

/// What the generator produced for one spec folder.
pub struct Output {
    /// The generated items; empty when there were errors.
    pub tokens: TokenStream,
    /// Every file read, absolute: the macro `include_str!`s them so editing one rebuilds.
    pub files: Vec<PathBuf>,
    /// Every mistake found, in file order; empty on success.
    pub errors: Vec<SpecError>,
}

/// Reads, validates and expands the spec folder `dir` (relative to `root`, as errors name it).
///
/// With errors, the output still holds the items of every file that is sound (and a minimal
/// envelope if the envelope itself is broken), so the build reports the spec mistakes rather
/// than a cascade of missing items.
pub fn generate(root: &Path, dir: &str) -> Output {
    let cx = ctxt::Ctxt::new();
    let loaded = load::load(&cx, root, dir);
    finish(cx, dir, &loaded.specs, loaded.files)
}

/// The same from file texts in memory: `(path, text)` pairs, paths as errors should name them
/// (`spec/security.json`). For fuzzing and tests; nothing is read from disk.
pub fn generate_from_texts(dir: &str, files: &[(&str, &str)]) -> Output {
    let cx = ctxt::Ctxt::new();
    let mut specs: Vec<_> = files
        .iter()
        .filter_map(|(path, text)| load::read(&cx, path, text))
        .collect();
    share::link(&cx, dir, &mut specs);
    finish(cx, dir, &specs, Vec::new())
}

/// The resolved model of the spec folder `dir` (relative to `root`): what both renderers,
/// the Rust expansion and the JSON Schema ([`schema`]), read. Every spec error otherwise.
pub fn resolve(root: &Path, dir: &str) -> Result<resolved::Resolved, Vec<SpecError>> {
    let cx = ctxt::Ctxt::new();
    let loaded = load::load(&cx, root, dir);
    let resolved = valid::validate(&cx, dir, &loaded.specs)
        .filter(|_| !cx.has_errors())
        .map(|model| valid::resolve(&model));
    cx.check()?;
    resolved.ok_or_else(Vec::new)
}

fn finish(cx: ctxt::Ctxt, dir: &str, specs: &[ast::Spec], files: Vec<PathBuf>) -> Output {
    let tokens = match valid::validate(&cx, dir, specs) {
        Some(model) if !cx.has_errors() => expand::expand(&valid::resolve(&model)),
        _ => fallback::expand(dir, specs, &cx.files_with_errors()),
    };
    Output {
        tokens,
        files,
        errors: cx.check().err().unwrap_or_default(),
    }
}
