//! The error context: every stage reports into it, and the build fails with all errors at once.

use std::cell::RefCell;
use std::fmt;

/// One mistake in a spec file: which file, which key, what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecError {
    /// The spec file, relative to the crate that invokes the generator (`spec/security.json`).
    pub file: String,
    /// Line and column in the file, from 1, where the JSON reader knows them.
    pub position: Option<(usize, usize)>,
    /// Where in the file, as a key path (`parameters.EVENT.example`); empty for the whole file.
    pub path: String,
    /// What is wrong and, where it helps, what was meant.
    pub message: String,
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some((line, column)) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        if !self.path.is_empty() {
            write!(f, ": {}", self.path)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for SpecError {}

/// Collects errors from every stage, so one build reports all of them.
///
/// Like serde_derive's `Ctxt`, it must be drained with [`Ctxt::check`]: dropping it with errors
/// still inside would lose them, which is a bug in the generator.
#[derive(Default)]
pub struct Ctxt {
    errors: RefCell<Option<Vec<SpecError>>>,
}

impl Ctxt {
    /// A fresh context with no errors.
    pub fn new() -> Self {
        Ctxt {
            errors: RefCell::new(Some(Vec::new())),
        }
    }

    /// Records an error at `path` in `file`.
    pub fn error(&self, file: &str, path: impl Into<String>, message: impl Into<String>) {
        self.push(SpecError {
            file: file.to_owned(),
            position: None,
            path: path.into(),
            message: message.into(),
        });
    }

    /// Records an error at a line and column of `file` (and at `path`, if known).
    pub fn error_at(
        &self,
        file: &str,
        position: (usize, usize),
        path: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.push(SpecError {
            file: file.to_owned(),
            position: Some(position),
            path: path.into(),
            message: message.into(),
        });
    }

    fn push(&self, error: SpecError) {
        self.errors
            .borrow_mut()
            .as_mut()
            .expect("Ctxt used after check")
            .push(error);
    }

    /// Whether any error has been recorded so far.
    pub fn has_errors(&self) -> bool {
        self.errors.borrow().as_ref().is_some_and(|e| !e.is_empty())
    }

    /// The files that have errors.
    pub fn files_with_errors(&self) -> std::collections::BTreeSet<String> {
        let errors = self.errors.borrow();
        let errors = errors.as_deref().unwrap_or_default();
        errors.iter().map(|e| e.file.clone()).collect()
    }

    /// Consumes the context: `Ok` if nothing was recorded, else every error in order.
    pub fn check(self) -> Result<(), Vec<SpecError>> {
        let errors = self.errors.borrow_mut().take().expect("Ctxt checked twice");
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

impl Drop for Ctxt {
    fn drop(&mut self) {
        if !std::thread::panicking() && self.errors.borrow().is_some() {
            panic!("wa-webhook-codegen: Ctxt dropped without check()");
        }
    }
}
