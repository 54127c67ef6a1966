//! Walking a typed value for its drift: the JSON path being built, and the trait every
//! generated type implements. Plumbing for generated code (reached through `__private`); users
//! read the result as [`Notification::drift`](crate::Notification::drift).

use crate::drift::{Drift, DriftKind, DriftPlace, PathStep};
use std::fmt::Write;

/// A drift of `kind` at `path`.
pub fn drift_at(path: &JsonPath, kind: DriftKind, found: &str) -> Drift {
    Drift::new(path.render(""), kind, found).with_place(path.place(None))
}

/// A drift of `kind` at the key `key` of the object at `path` (a key only known at run time:
/// an unknown one).
pub fn drift_at_key(path: &JsonPath, key: &str, kind: DriftKind) -> Drift {
    let mut at = path.render("");
    if !at.is_empty() {
        at.push('.');
    }
    at.push_str(key);
    Drift::new(at, kind, key).with_place(path.place(Some(key)))
}

/// A drift of `kind` at `relative` (`messages[0].type`, or empty) below `path`.
pub fn drift_below(path: &JsonPath, relative: &str, kind: DriftKind, found: &str) -> Drift {
    Drift::new(path.render(relative), kind, found).with_place(path.place(None))
}

/// A JSON path being built while walking a value (`entry[0].changes[1].value`), kept as its
/// segments and written out only for a drift: a walk visits every key and array item of a
/// body, and almost all of them hold none.
#[derive(Debug, Clone, Default)]
pub struct JsonPath(Vec<Segment>);

#[derive(Debug, Clone, Copy)]
enum Segment {
    Key(&'static str),
    Index(usize),
}

impl JsonPath {
    /// Appends `.key` (or `key` at the root); returns the mark to [`truncate`](Self::truncate)
    /// back to.
    pub fn push_key(&mut self, key: &'static str) -> usize {
        self.0.push(Segment::Key(key));
        self.0.len() - 1
    }

    /// Appends `[index]`; returns the mark to truncate back to.
    pub fn push_index(&mut self, index: usize) -> usize {
        self.0.push(Segment::Index(index));
        self.0.len() - 1
    }

    /// Goes back to an earlier mark.
    pub fn truncate(&mut self, mark: usize) {
        self.0.truncate(mark);
    }

    /// The place of the path, with `key` (an unknown key) as its last step; the change's field
    /// is filled in by the change itself.
    fn place(&self, key: Option<&str>) -> DriftPlace {
        let mut steps: Vec<PathStep> = self
            .0
            .iter()
            .map(|segment| match segment {
                Segment::Key(key) => PathStep::Key((*key).to_owned()),
                Segment::Index(index) => PathStep::Index(*index),
            })
            .collect();
        steps.extend(key.map(|key| PathStep::Key(key.to_owned())));
        let index = |i: usize, name: &str| match (self.0.get(i), self.0.get(i + 1)) {
            (Some(Segment::Key(key)), Some(Segment::Index(index))) if *key == name => Some(*index),
            _ => None,
        };
        let entry = index(0, "entry");
        let change = entry.and(index(2, "changes"));
        DriftPlace::new(entry, change, None, steps)
    }

    /// The path as text, with the path `relative` to it appended.
    fn render(&self, relative: &str) -> String {
        let mut out = String::new();
        for segment in &self.0 {
            match segment {
                Segment::Key(key) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(key);
                }
                Segment::Index(index) => {
                    let _ = write!(out, "[{index}]");
                }
            }
        }
        if !relative.is_empty() {
            if !out.is_empty() && !relative.starts_with('[') {
                out.push('.');
            }
            out.push_str(relative);
        }
        out
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

/// A listed value at `key` that belongs to other variants of its object than the object's own
/// (a payment status's `captured` on an ordinary status): drift `unknown_value`, as a value the
/// object's variant does not list.
pub fn value_off_variant(
    path: &mut JsonPath,
    key: &'static str,
    value: &str,
    out: &mut Vec<Drift>,
) {
    let mark = path.push_key(key);
    out.push(drift_at(path, DriftKind::UnknownValue, value));
    path.truncate(mark);
}

/// Inspects `value`, which sits under `key` of the object at `path`.
pub fn inspect_key<T: Inspect + ?Sized>(
    path: &mut JsonPath,
    key: &'static str,
    value: &T,
    out: &mut Vec<Drift>,
) {
    let mark = path.push_key(key);
    value.inspect(path, out);
    path.truncate(mark);
}
