//! `spec import`: one of Meta's webhook reference pages (saved as Markdown) against the spec
//! folder. A field or message type the folder lacks becomes a new spec file in the folder's
//! conventions; one it has is compared key by key, row by row, value by value and example by
//! example, and what the page adds is added. Nothing the spec says is removed or rewritten: its
//! descriptions, renames, `$ref`s and extra keys stay, and what the page no longer lists is
//! reported. Descriptions are never copied from the page: new ones are marked [`TODO`].

mod compare;
mod draft;
mod instances;
mod markdown;
mod page;
mod parser;
mod pseudo;
mod reconcile;
mod shape;
mod table;
mod work;

pub use pseudo::PageError;

use crate::ctxt::SpecError;
use crate::edit::{FileEdit, Folder};
use std::path::Path;

/// The description every row, object, value and example the importer writes gets.
pub const TODO: &str = "TODO(spec import): describe, in your own words, from Meta's page.";

/// What one finding asks of the maintainer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// The page has it and the spec lacks it: `--write` adds it.
    Add,
    /// Page and spec disagree in a way the spec may not cover; the spec is kept.
    Differs,
    /// The spec has it and the page does not list it (any more); the spec is kept.
    NotOnPage,
}

/// One finding, with where it is on the page and in the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportItem {
    /// The page's name, as given.
    pub page: String,
    /// The page line it comes from.
    pub line: usize,
    /// The spec file, as errors name files.
    pub file: String,
    /// Where in the file: `syntax.reaction.emoji?`, `parameters.EVENT.values`, `examples`.
    pub path: String,
    /// What it asks.
    pub kind: ItemKind,
    /// What it is.
    pub what: String,
}

/// What the pages call for.
#[derive(Debug, Default)]
pub struct Imports {
    /// Each page's name and the spec file it describes (`security.md`, `spec/security.json`).
    pub pages: Vec<(String, String)>,
    /// Every finding, page by page.
    pub items: Vec<ImportItem>,
    /// How pages were read where they needed help (an encoding repaired, a type inferred).
    pub notes: Vec<String>,
    /// The files the additions touch or create.
    pub files: Vec<FileEdit>,
    /// The inputs that are no reference page (a README beside the pages), with why: skipped.
    pub skipped: Vec<(String, PageError)>,
    /// Why example payloads were left out, if they were (the edited folder did not validate
    /// with them).
    pub examples_left_out: Vec<SpecError>,
}

impl Imports {
    /// Whether the spec already covers every page: nothing to add, nothing that differs.
    pub fn covered(&self) -> bool {
        self.items.iter().all(|i| i.kind == ItemKind::NotOnPage)
    }
}

/// Why pages could not be imported.
#[derive(Debug)]
pub enum ImportError {
    /// A page could not be read: its name, line and why.
    Page {
        /// The page's name, as given.
        page: String,
        /// The line and why.
        error: PageError,
    },
    /// The folder has errors, or the additions would not validate.
    Spec(Vec<SpecError>),
}

/// `PAGE:LINE: why`, or the spec errors one per line.
impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Page { page, error } => write!(f, "{page}:{error}"),
            ImportError::Spec(errors) => {
                let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
                f.write_str(&lines.join("\n"))
            }
        }
    }
}

impl std::error::Error for ImportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ImportError::Page { error, .. } => Some(error),
            ImportError::Spec(_) => None,
        }
    }
}

/// Compares `pages` (each a name and its Markdown) with the spec folder `dir` (relative to
/// `root`) and plans the additions. An input that is no reference page is skipped when there
/// are others. The folder need not validate as it is (the pages may add what it lacks, as a
/// message type its examples show); the edited folder is validated before it is offered: with
/// the page's examples, else without them (saying why), else it is an error.
pub fn import(root: &Path, dir: &str, pages: &[(String, String)]) -> Result<Imports, ImportError> {
    let folder = Folder::read_to_complete(root, dir).map_err(ImportError::Spec)?;
    let mut read = Vec::new();
    let mut skipped = Vec::new();
    for (name, text) in pages {
        match page::read(text) {
            Ok(page) => read.push((name.clone(), page)),
            // A file beside the pages that is no reference page (a README a glob took) is
            // skipped, so the other pages are still compared; alone, it is an error.
            Err(error) if error.not_a_page && pages.len() > 1 => {
                skipped.push((name.clone(), error))
            }
            Err(error) => {
                return Err(ImportError::Page {
                    page: name.clone(),
                    error,
                })
            }
        }
    }
    if read.is_empty() {
        if let Some((page, error)) = skipped.first().cloned() {
            return Err(ImportError::Page { page, error });
        }
    }
    let mut first_errors = None;
    let mut examples_errors = Vec::new();
    // Plain names first, then prefixed enums, then prefixed structs too; without the examples
    // only when no naming validates with them.
    let namings = [(false, false), (true, false), (true, true)];
    let attempts = [true, false].into_iter().flat_map(|examples| {
        namings.map(|(enums, structs)| (draft::Naming { enums, structs }, examples))
    });
    for (naming, examples) in attempts {
        let plan = reconcile::plan(&folder, &read, naming, examples)
            .map_err(|(page, error)| ImportError::Page { page, error })?;
        let errors = folder.check(&plan.files);
        if errors.is_empty() {
            return Ok(Imports {
                skipped: std::mem::take(&mut skipped),
                examples_left_out: if examples {
                    Vec::new()
                } else {
                    examples_errors
                },
                ..plan
            });
        }
        if examples {
            examples_errors = errors.clone();
        }
        first_errors.get_or_insert(errors);
    }
    Err(ImportError::Spec(first_errors.unwrap_or_default()))
}
