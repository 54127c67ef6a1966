//! Spec model, validation and expansion behind `wa-webhook-types`.
//!
//! The stages: `load` reads the spec folder, `parse` turns each file into the model in `ast`,
//! `valid` checks everything, collects every error and resolves the sound model into
//! `resolved::Resolved` (every name, type and doc final), and `expand` only renders that as
//! Rust. No `proc_macro` types: the CLI and the tests use it too.
//!
//! The stages are private: what they hold changes with every concept the specs gain. The macro
//! calls [`generate`]; the CLI calls [`list`] to say what a folder holds and, with the feature
//! `tools`, `resolve` for the renderers of other languages (`schema`, `typescript`, `python`,
//! `diff`) and the spec tools. This crate is internal to wa-webhook: the other crates pin
//! its exact version, and its API follows theirs, not semver of its own.

#![deny(missing_docs)]

mod ast;
mod ctxt;
#[cfg(feature = "tools")]
pub mod diff;
mod doc;
#[cfg(feature = "tools")]
pub mod edit;
mod expand;
mod fallback;
#[cfg(feature = "tools")]
mod foreign;
#[cfg(feature = "tools")]
pub mod import;
mod load;
mod model;
mod name;
mod node;
mod parse;
#[cfg(feature = "tools")]
mod pieces;
#[cfg(feature = "tools")]
pub mod python;
mod resolved;
mod role;
#[cfg(feature = "tools")]
pub mod schema;
mod share;
#[cfg(feature = "tools")]
pub mod suggest;
#[cfg(feature = "tools")]
pub mod typescript;
mod valid;

use proc_macro2::TokenStream;
use std::path::{Path, PathBuf};

pub use ctxt::SpecError;
pub use name::{RUNTIME_MODULES, RUNTIME_TYPES};

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

/// A spec folder validated and resolved: what every renderer reads. Its contents are the
/// generator's own; renderers and [`diff`] take it whole.
#[cfg(feature = "tools")]
#[derive(Debug, Clone)]
pub struct SpecModel {
    resolved: resolved::Resolved,
}

#[cfg(feature = "tools")]
impl SpecModel {
    /// The webhook fields the folder describes, sorted (`account_alerts`, ..., `user_preferences`).
    pub fn fields(&self) -> Vec<&str> {
        let change = &self.resolved.change;
        change.variants.iter().map(|v| v.field.as_str()).collect()
    }
}

/// The resolved model of the spec folder `dir` (relative to `root`): what every renderer, the
/// Rust expansion and the JSON Schema ([`schema`]) among them, reads. Every spec error otherwise.
#[cfg(feature = "tools")]
pub fn resolve(root: &Path, dir: &str) -> Result<SpecModel, Vec<SpecError>> {
    let cx = ctxt::Ctxt::new();
    let loaded = load::load(&cx, root, dir);
    let resolved = valid::validate(&cx, dir, &loaded.specs)
        .filter(|_| !cx.has_errors())
        .map(|model| valid::resolve(&model));
    cx.check()?;
    resolved
        .map(|resolved| SpecModel { resolved })
        .ok_or_else(Vec::new)
}

/// What a spec folder holds, file by file, as `spec list` shows it.
#[derive(Debug, Clone, Default)]
pub struct SpecListing {
    /// The spec files that parsed, sorted by path.
    pub specs: Vec<ListedSpec>,
    /// Every file read, absolute, including ones with errors.
    pub files: Vec<PathBuf>,
    /// Every mistake found while reading (validation is not run).
    pub errors: Vec<SpecError>,
}

/// One spec file of a [`SpecListing`].
#[derive(Debug, Clone)]
pub struct ListedSpec {
    /// `envelope`, `shared`, `field` or `variant`.
    pub kind: &'static str,
    /// The field's, variant's or shared piece's name (`envelope` for the envelope).
    pub name: String,
    /// The file, relative to the root the folder was given with (`spec/security.json`).
    pub file: String,
    /// How many parameter rows it has.
    pub parameters: usize,
    /// How many example payloads it has.
    pub examples: usize,
    /// The Rust module path of its items, from the crate root, as Rust writes each segment
    /// (`r#type` for a keyword); empty for the envelope.
    pub module: Vec<String>,
}

/// Reads the spec folder `dir` (relative to `root`) and lists its files, without validating.
pub fn list(root: &Path, dir: &str) -> SpecListing {
    let cx = ctxt::Ctxt::new();
    let loaded = load::load(&cx, root, dir);
    let specs = loaded
        .specs
        .iter()
        .map(|spec| {
            let (kind, module) = match &spec.kind {
                ast::Kind::Envelope => ("envelope", Vec::new()),
                ast::Kind::Shared(_) => ("shared", spec.module_segments(dir)),
                ast::Kind::Field(_) => ("field", spec.module_segments(dir)),
                ast::Kind::Variant(_) => ("variant", spec.module_segments(dir)),
            };
            let module = module
                .iter()
                .map(|segment| name::ident(segment).to_string())
                .collect();
            ListedSpec {
                kind,
                name: spec.name().to_owned(),
                file: spec.file.clone(),
                parameters: spec.parameters.len(),
                examples: spec.examples.len(),
                module,
            }
        })
        .collect();
    SpecListing {
        specs,
        files: loaded.files,
        errors: cx.check().err().unwrap_or_default(),
    }
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
