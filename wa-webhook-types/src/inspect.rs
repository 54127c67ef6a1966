//! Walking a typed value for its drift: the JSON path being built, and the trait every
//! generated type implements. Plumbing for generated code (reached through `__private`); users
//! read the result as [`Notification::drift`](crate::Notification::drift).

use crate::drift::{Drift, DriftKind};

/// A drift of `kind` at `path`.
pub fn drift_at(path: &JsonPath, kind: DriftKind, found: &str) -> Drift {
    Drift {
        path: path.as_str().to_owned(),
        kind,
        found: found.to_owned(),
    }
}

/// A JSON path being built while walking a value: `entry[0].changes[1].value`.
#[derive(Debug, Clone, Default)]
pub struct JsonPath(String);

impl JsonPath {
    /// The path so far.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Appends `.key` (or `key` at the root); returns the length to [`truncate`](Self::truncate) back to.
    pub fn push_key(&mut self, key: &str) -> usize {
        let mark = self.0.len();
        if !self.0.is_empty() {
            self.0.push('.');
        }
        self.0.push_str(key);
        mark
    }

    /// Appends `[index]`; returns the length to truncate back to.
    pub fn push_index(&mut self, index: usize) -> usize {
        let mark = self.0.len();
        self.0.push_str(&format!("[{index}]"));
        mark
    }

    /// Appends a relative path such as `messages[0].type` (nothing for an empty one).
    pub fn push_path(&mut self, relative: &str) -> usize {
        let mark = self.0.len();
        if relative.is_empty() {
            return mark;
        }
        if !self.0.is_empty() && !relative.starts_with('[') {
            self.0.push('.');
        }
        self.0.push_str(relative);
        mark
    }

    /// Goes back to an earlier length.
    pub fn truncate(&mut self, mark: usize) {
        self.0.truncate(mark);
    }
}

/// Walks a typed value and reports its drift. Implemented for every generated type.
pub trait Inspect {
    /// Appends every drift inside `self`, which sits at `path`.
    fn inspect(&self, path: &mut JsonPath, out: &mut Vec<Drift>);
}

impl<T: Inspect> Inspect for Option<T> {
    fn inspect(&self, path: &mut JsonPath, out: &mut Vec<Drift>) {
        if let Some(value) = self {
            value.inspect(path, out);
        }
    }
}

impl<T: Inspect + ?Sized> Inspect for Box<T> {
    fn inspect(&self, path: &mut JsonPath, out: &mut Vec<Drift>) {
        (**self).inspect(path, out);
    }
}

impl<T: Inspect> Inspect for Vec<T> {
    fn inspect(&self, path: &mut JsonPath, out: &mut Vec<Drift>) {
        for (i, item) in self.iter().enumerate() {
            let mark = path.push_index(i);
            item.inspect(path, out);
            path.truncate(mark);
        }
    }
}

/// Inspects `value`, which sits under `key` of the object at `path`.
pub fn inspect_key<T: Inspect + ?Sized>(
    path: &mut JsonPath,
    key: &str,
    value: &T,
    out: &mut Vec<Drift>,
) {
    let mark = path.push_key(key);
    value.inspect(path, out);
    path.truncate(mark);
}
