//! The passes a parse runs on this thread. A body is read speculatively first: each change value
//! is typed in the same pass as the body, by its own `field`, which [`crate::scan`] found before
//! the pass began (Meta writes `value` before `field`). If the field as parsed is not the one
//! the value was typed as (a body shaped unlike Meta's), or a value did not fit, the body is
//! read strictly (every change value captured raw and typed on its own, so one that does not
//! fit becomes `Change::Invalid`), and if that fails too, isolating (every [`crate::Items`] item
//! captured raw and typed on its own). A sound body is read once.

use serde::de::{self, DeserializeOwned};
use std::cell::{Cell, RefCell};

/// How the parse running on this thread reads change values and array items.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Pass {
    /// Change values typed in the body's pass, by their field or by a guess of it.
    Speculative,
    /// Change values captured raw, then typed on their own. The default, so that a
    /// `serde_json::from_str::<Notification>` outside this crate's entry points is never
    /// speculative and needs no second pass.
    Strict,
    /// As [`Pass::Strict`], and every [`crate::Items`] item captured raw and typed on its own.
    Isolating,
}

thread_local! {
    /// The pass running on this thread.
    static PASS: Cell<Pass> = const { Cell::new(Pass::Strict) };
    /// Whether a shortcut of the speculative pass running on this thread failed (a change
    /// value typed in the body's pass did not fit, or was typed as another field).
    static SHORTCUT_FAILED: Cell<bool> = const { Cell::new(false) };
    /// The spec field of each change object of the body, in document order (see
    /// [`crate::scan`]); `None` where the scan found no field a spec names.
    static FIELDS: RefCell<Vec<Option<&'static str>>> = const { RefCell::new(Vec::new()) };
    /// The change objects the speculative pass has begun so far.
    static NEXT_CHANGE: Cell<usize> = const { Cell::new(0) };
    /// How many times the last body parsed on this thread was read.
    static BODY_READS: Cell<u32> = const { Cell::new(0) };
}

/// The pass running on this thread.
pub(crate) fn current() -> Pass {
    PASS.get()
}

/// The field the scan found for the change object beginning now (one call per change object
/// of the speculative pass, in document order).
pub(crate) fn next_change_field() -> Option<&'static str> {
    let index = NEXT_CHANGE.replace(NEXT_CHANGE.get() + 1);
    FIELDS.with_borrow(|fields| fields.get(index).copied().flatten())
}

/// Marks the speculative pass as failed by its own shortcut and returns `error`: the body is
/// then read again strictly, so that the failure is judged without the shortcut.
pub(crate) fn shortcut_failed<E>(error: E) -> E {
    SHORTCUT_FAILED.set(true);
    error
}

/// The error for a change value typed as `typed_as` whose `field` turned out to be another.
pub(crate) fn wrong_field<E: de::Error>(typed_as: &str, field: &str) -> E {
    shortcut_failed(E::custom(format_args!(
        "the change value was read as field `{typed_as}`, but its field is `{field}`"
    )))
}

/// How many times the last body parsed on this thread (by `from_slice`) was read: 1 for a body
/// that fits, more where a pass had to be repeated.
pub fn body_reads() -> u32 {
    BODY_READS.get()
}

/// Runs `parse` in `pass`, restoring the pass before on the way out (even on unwinding). The
/// steps of a failing pass are forgotten: only the isolating pass says where it failed, through
/// its own [`crate::error_path::traced`].
fn run<R>(pass: Pass, parse: impl FnOnce() -> R) -> R {
    struct Restore(Pass);
    impl Drop for Restore {
        fn drop(&mut self) {
            PASS.set(self.0);
        }
    }
    let _restore = Restore(PASS.replace(pass));
    crate::error_path::forgetting(parse)
}

/// A parse's error with the JSON path it failed at (see [`crate::error_path`]).
pub(crate) type Failure = (String, serde_json::Error);

/// Parses a webhook body: speculatively, each change value typed by the field `spec_field`
/// finds for what the scan read; then (only if a shortcut failed) strictly, then isolating. If
/// the last pass fails too, its error is the body's.
pub(crate) fn parse_body<T: DeserializeOwned>(
    text: &str,
    spec_field: fn(&str) -> Option<&'static str>,
) -> Result<T, Failure> {
    FIELDS.with_borrow_mut(|fields| {
        fields.clear();
        crate::scan::change_fields(text, spec_field, fields);
    });
    NEXT_CHANGE.set(0);
    SHORTCUT_FAILED.set(false);
    BODY_READS.set(1);
    if let Ok(value) = run(Pass::Speculative, || serde_json::from_str(text)) {
        return Ok(value);
    }
    if SHORTCUT_FAILED.replace(false) {
        BODY_READS.set(2);
        if let Ok(value) = run(Pass::Strict, || serde_json::from_str(text)) {
            return Ok(value);
        }
    }
    BODY_READS.set(BODY_READS.get() + 1);
    isolating(text)
}

/// Parses a value captured raw (a change value) as `T`: strictly and, only if that fails, again
/// isolating array items, whose error (if it fails too) is the value's.
pub(crate) fn parse_value<T: DeserializeOwned>(text: &str) -> Result<T, Failure> {
    match run(Pass::Strict, || serde_json::from_str(text)) {
        Ok(value) => Ok(value),
        Err(_) => isolating(text),
    }
}

/// The isolating pass, which says where it failed: where an item does not fit, that item is kept
/// raw, so an error of this pass sits in the value's own keys.
fn isolating<T: DeserializeOwned>(text: &str) -> Result<T, Failure> {
    run(Pass::Isolating, || {
        crate::error_path::traced(|| serde_json::from_str(text))
    })
}
