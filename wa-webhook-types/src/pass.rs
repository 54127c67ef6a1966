//! The passes a parse runs on this thread. A body is read speculatively first: each change value
//! is typed in the same pass as the body, by its own `field`, which [`crate::scan`] found before
//! the pass began (Meta writes `value` before `field`). A sound body is read once.
//!
//! Where something does not fit, the speculative pass notes the innermost place that can be kept
//! raw on its own (an [`crate::Items`] item, or a change value) with the error it failed with,
//! and the body is read again speculatively with that place *targeted*: captured raw and kept
//! with that error. The error sits in the place's own keys (a place inside it would be the
//! innermost), so typing the place on its own would fail the same way: it is not typed again.
//! So a body with one item that does not fit costs one more read of the body and none of the
//! item, not a read per level of nesting.
//!
//! A target is known by its count among the places of its kind. Where a later target encloses
//! it, that count may name another place in later passes; so a target's error is kept only for a
//! place that holds the error's position, and any other targeted place is typed on its own.
//! Where targeting cannot settle it (the scan misread a change's field, or more than
//! [`MAX_TARGETS`] places do not fit), the body is read strictly (every change value captured raw
//! and typed on its own, so one that does not fit becomes `Change::Invalid`) and, if that fails
//! too, isolating (every [`crate::Items`] item captured raw and typed on its own). Every path
//! gives the same result: targeting only spares the reads of what fits.

use crate::error::ValueError;
use serde::de::{self, DeserializeOwned};
use serde_json::value::RawValue;
use std::cell::{Cell, RefCell};
use std::fmt::Display;

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

/// How many places a body may have targeted before it is read strictly, then isolating: past a
/// few, one read per place costs more than the isolating pass.
pub(crate) const MAX_TARGETS: usize = 4;

/// A place of the body the speculative pass keeps raw.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Target {
    /// Item `index` of the `items`-th [`crate::Items`] array the pass began (document order).
    Item { items: u32, index: u32 },
    /// The value of the `change`-th change object of the body (document order).
    ChangeValue { change: u32 },
}

thread_local! {
    /// The pass running on this thread.
    static PASS: Cell<Pass> = const { Cell::new(Pass::Strict) };
    /// Whether the speculative pass typed a change value as a field its `field` then said it
    /// was not: the scan misread the body, so targets found by such a pass mean nothing.
    static SCAN_MISREAD: Cell<bool> = const { Cell::new(false) };
    /// The innermost target the error of the speculative pass running on this thread left, if
    /// it failed, with that error.
    static FAILED: RefCell<Option<Found>> = const { RefCell::new(None) };
    /// The places the speculative pass running on this thread keeps raw, with their errors.
    static TARGETS: RefCell<Vec<Found>> = const { RefCell::new(Vec::new()) };
    /// How many error steps were recorded on this thread when the speculative pass began: the
    /// steps after it are those of the pass's error (see [`crate::error_path`]).
    static STEPS_BEFORE: Cell<usize> = const { Cell::new(0) };
    /// The address of the body the speculative passes running on this thread read, so that a
    /// place captured raw (borrowed from it) knows where in the body it is.
    static BODY_AT: Cell<usize> = const { Cell::new(0) };
    /// Whether [`TARGETS`] holds any: a sound body's pass then never looks into it.
    static TARGETED: Cell<bool> = const { Cell::new(false) };
    /// The spec field of each change object of the body, in document order (see
    /// [`crate::scan`]); `None` where the scan found no field a spec names.
    static FIELDS: RefCell<Vec<Option<&'static str>>> = const { RefCell::new(Vec::new()) };
    /// The change objects the speculative pass has begun so far.
    static NEXT_CHANGE: Cell<u32> = const { Cell::new(0) };
    /// The [`crate::Items`] arrays the speculative pass has begun so far.
    static NEXT_ITEMS: Cell<u32> = const { Cell::new(0) };
    /// How many times the last body parsed on this thread was read.
    static BODY_READS: Cell<u32> = const { Cell::new(0) };
    /// How many places (array items, change values) the last body parsed on this thread had
    /// typed on their own, after being captured raw.
    static PLACES_READ_ALONE: Cell<u32> = const { Cell::new(0) };
}

/// A place the speculative pass found that does not fit, and why.
struct Found {
    target: Target,
    /// The error, with its path inside the place.
    error: ValueError,
    /// For a change value, the spec field it was typed as: its error holds only for that field.
    typed_as: Option<&'static str>,
    /// The error's byte offset in the body, as serde_json placed it (just past what it read);
    /// `None` for an error the place on its own may not give: a syntax error (such as the
    /// nesting limit, which counts from where the parse began).
    at: Option<usize>,
}

/// The error `target` did not fit with, and the field it was typed as, if `raw` (the target
/// captured, borrowed from the body) is the place that gave it: the place holds the error's
/// position.
fn kept_error(target: Target, raw: &RawValue) -> Option<(ValueError, Option<&'static str>)> {
    let start = (raw.get().as_ptr() as usize).wrapping_sub(BODY_AT.get());
    TARGETS.with_borrow(|targets| {
        let found = targets.iter().find(|found| found.target == target)?;
        let at = found.at?;
        (start < at && at <= start + raw.get().len()).then(|| (found.error.clone(), found.typed_as))
    })
}

/// Why a targeted change value did not fit, as the pass that found it typed it.
pub(crate) struct ValueFailure {
    /// The error, with its path inside the value.
    pub(crate) error: ValueError,
    /// The spec field the value was typed as.
    pub(crate) typed_as: &'static str,
}

/// The pass running on this thread.
pub(crate) fn current() -> Pass {
    PASS.get()
}

/// A change object of the speculative pass, as the scan and the targets see it.
#[derive(Clone, Copy)]
pub(crate) struct ScannedChange {
    /// Its place among the body's change objects.
    index: u32,
    /// The field the scan found for it.
    pub(crate) field: Option<&'static str>,
    /// Whether its value is a target: captured raw, typed once its `field` is known.
    pub(crate) value_targeted: bool,
}

/// The change object beginning now (one call per change object of the speculative pass, in
/// document order).
#[inline]
pub(crate) fn next_change() -> ScannedChange {
    let index = NEXT_CHANGE.replace(NEXT_CHANGE.get().wrapping_add(1));
    ScannedChange {
        index,
        field: FIELDS.with_borrow(|fields| fields.get(index as usize).copied().flatten()),
        value_targeted: TARGETED.get() && is_target(Target::ChangeValue { change: index }),
    }
}

/// Notes that the error of the speculative pass leaves the value of `change`, typed as the spec
/// field `typed_as` (unless it left a place inside it first), and returns it.
#[cold]
pub(crate) fn failed_in_change_value<E: Display>(
    error: E,
    change: ScannedChange,
    typed_as: Option<&'static str>,
) -> E {
    let target = Target::ChangeValue {
        change: change.index,
    };
    failed_at(target, &error, typed_as);
    error
}

/// Why the value of `change`, a target captured as `raw`, did not fit when the pass that found
/// it typed it (`None` if `raw` is not the value that failed).
#[cold]
pub(crate) fn change_value_failure(
    change: ScannedChange,
    raw: &RawValue,
) -> Option<Box<ValueFailure>> {
    let target = Target::ChangeValue {
        change: change.index,
    };
    let (error, typed_as) = kept_error(target, raw)?;
    Some(Box::new(ValueFailure {
        error,
        typed_as: typed_as?,
    }))
}

/// An [`crate::Items`] array of the speculative pass, as the targets see it.
#[derive(Clone, Copy)]
pub(crate) struct ScannedItems {
    /// Its place among the arrays the pass began.
    index: u32,
    /// Whether any of its items is a target.
    targeted: bool,
}

impl ScannedItems {
    /// Whether any item of the array is a target.
    #[inline]
    pub(crate) fn is_targeted_at_all(self) -> bool {
        self.targeted
    }

    /// Whether item `index` is a target: captured raw, kept with its error or typed on its own.
    #[inline]
    pub(crate) fn is_targeted(self, index: usize) -> bool {
        is_target(self.item(index))
    }

    /// The error item `index`, a target captured as `raw`, did not fit with when the pass that
    /// found it typed it (`None` if `raw` is not the item that failed).
    pub(crate) fn target_error(self, index: usize, raw: &RawValue) -> Option<ValueError> {
        kept_error(self.item(index), raw).map(|(error, _)| error)
    }

    fn item(self, index: usize) -> Target {
        Target::Item {
            items: self.index,
            index: u32::try_from(index).unwrap_or(u32::MAX),
        }
    }

    /// Notes that the error of the speculative pass leaves item `index` (unless it left a place
    /// inside it first), and returns it.
    #[cold]
    pub(crate) fn failed_in<E: Display>(self, error: E, index: usize) -> E {
        failed_at(self.item(index), &error, None);
        error
    }
}

/// The [`crate::Items`] array beginning now (one call per array of the speculative pass, in
/// document order).
#[inline]
pub(crate) fn next_items() -> ScannedItems {
    let index = NEXT_ITEMS.replace(NEXT_ITEMS.get().wrapping_add(1));
    ScannedItems {
        index,
        targeted: TARGETED.get()
            && TARGETS.with_borrow(|targets| {
                targets.iter().any(
                    |found| matches!(found.target, Target::Item { items, .. } if items == index),
                )
            }),
    }
}

/// Counts the change objects of a targeted item (kept raw, or typed on its own in the isolating
/// pass, which does not count them), so that the change objects after it keep their scanned
/// fields.
pub(crate) fn skip_changes_in(item: &str) {
    let mut found = Vec::new();
    crate::scan::change_fields(item, |_| Some(()), &mut found);
    let found = u32::try_from(found.len()).unwrap_or(u32::MAX);
    NEXT_CHANGE.set(NEXT_CHANGE.get().saturating_add(found));
}

/// Changes the targets, keeping [`TARGETED`] true to them.
fn set_targets<R>(change: impl FnOnce(&mut Vec<Found>) -> R) -> R {
    TARGETS.with_borrow_mut(|targets| {
        let result = change(targets);
        TARGETED.set(!targets.is_empty());
        result
    })
}

fn is_target(target: Target) -> bool {
    TARGETS.with_borrow(|targets| targets.iter().any(|found| found.target == target))
}

/// Notes the place the error of the speculative pass leaves, unless it left one before: the
/// error's steps recorded so far are its path inside the place.
fn failed_at(target: Target, error: &dyn Display, typed_as: Option<&'static str>) {
    FAILED.with_borrow_mut(|failed| {
        if failed.is_none() {
            let path = crate::error_path::path_since(STEPS_BEFORE.get());
            *failed = Some(Found {
                target,
                error: ValueError::from_display(path, error),
                typed_as,
                at: None, // set by the pass once the error reaches it
            });
        }
    });
}

/// The error for a change value typed as `typed_as` whose `field` turned out to be another.
pub(crate) fn wrong_field<E: de::Error>(typed_as: &str, field: &str) -> E {
    SCAN_MISREAD.set(true);
    E::custom(format_args!(
        "the change value was read as field `{typed_as}`, but its field is `{field}`"
    ))
}

/// How many times the last body parsed on this thread (by `from_slice`) was read: 1 for a body
/// that fits, more where a pass had to be repeated.
pub fn body_reads() -> u32 {
    BODY_READS.get()
}

/// How many places (array items, change values) of the last body parsed on this thread (by
/// `from_slice`) were captured raw and typed on their own: 0 where each place that did not fit
/// kept the error the pass that found it gave.
pub fn places_read_alone() -> u32 {
    PLACES_READ_ALONE.get()
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
/// finds for what the scan read, and again with each place that did not fit targeted; then,
/// where targeting cannot settle it, strictly and isolating. If the last pass fails too, its
/// error is the body's.
pub(crate) fn parse_body<T: DeserializeOwned>(
    text: &str,
    spec_field: fn(&str) -> Option<&'static str>,
) -> Result<T, Failure> {
    FIELDS.with_borrow_mut(|fields| {
        fields.clear();
        crate::scan::change_fields(text, spec_field, fields);
    });
    if TARGETED.get() {
        set_targets(Vec::clear); // left by a parse that unwound
    }
    BODY_READS.set(0);
    PLACES_READ_ALONE.set(0);
    BODY_AT.set(text.as_ptr() as usize);
    let mut strict = false;
    loop {
        NEXT_CHANGE.set(0);
        NEXT_ITEMS.set(0);
        FAILED.with_borrow_mut(|failed| *failed = None);
        SCAN_MISREAD.set(false);
        STEPS_BEFORE.set(crate::error_path::recorded());
        BODY_READS.set(BODY_READS.get() + 1);
        let result = run(Pass::Speculative, || serde_json::from_str(text));
        if SCAN_MISREAD.get() {
            // An item targeted inside a value typed as the wrong field may have swallowed the
            // misread: even a pass that succeeded is not the body's typing.
            strict = true;
            break;
        }
        let error = match result {
            Ok(value) => return Ok(value),
            Err(error) => error,
        };
        match FAILED.take() {
            Some(mut found) if !is_target(found.target) => {
                found.at = error
                    .is_data()
                    .then(|| offset_of(text, error.line(), error.column()));
                let room = set_targets(|targets| {
                    targets.push(found);
                    targets.len() <= MAX_TARGETS
                });
                if !room {
                    strict = true;
                    break;
                }
            }
            // Outside every place that can be kept raw: the body's own keys do not fit.
            _ => break,
        }
    }
    set_targets(Vec::clear);
    if strict {
        BODY_READS.set(BODY_READS.get() + 1);
        if let Ok(value) = run(Pass::Strict, || serde_json::from_str(text)) {
            return Ok(value);
        }
    }
    BODY_READS.set(BODY_READS.get() + 1);
    isolating(text)
}

/// The byte offset of serde_json's `line` and `column` (columns count bytes from 1, and
/// serde_json gives the one just past what it read).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = match line.checked_sub(2) {
        None => 0,
        Some(newlines_before) => memchr::memchr_iter(b'\n', text.as_bytes())
            .nth(newlines_before)
            .map_or(text.len(), |newline| newline + 1),
    };
    line_start + column
}

/// Parses a body the long way, for tests to compare with [`parse_body`]: strictly, then
/// isolating, with no speculative pass and no target.
pub(crate) fn parse_body_untargeted<T: DeserializeOwned>(text: &str) -> Result<T, Failure> {
    match run(Pass::Strict, || serde_json::from_str(text)) {
        Ok(value) => Ok(value),
        Err(_) => isolating(text),
    }
}

/// Parses a value captured raw (a change value) as `T`: strictly and, only if that fails, again
/// isolating array items, whose error (if it fails too) is the value's.
pub(crate) fn parse_value<T: DeserializeOwned>(text: &str) -> Result<T, Failure> {
    PLACES_READ_ALONE.set(PLACES_READ_ALONE.get().wrapping_add(1));
    match run(Pass::Strict, || serde_json::from_str(text)) {
        Ok(value) => Ok(value),
        Err(_) => isolating(text),
    }
}

/// Types an array item captured raw on its own, in the isolating pass (see [`isolating`]).
pub(crate) fn isolated_item<T: DeserializeOwned>(text: &str) -> Result<T, Failure> {
    PLACES_READ_ALONE.set(PLACES_READ_ALONE.get().wrapping_add(1));
    isolating(text)
}

/// The isolating pass, which says where it failed: where an item does not fit, that item is kept
/// raw, so an error of this pass sits in the value's own keys.
pub(crate) fn isolating<T: DeserializeOwned>(text: &str) -> Result<T, Failure> {
    run(Pass::Isolating, || {
        crate::error_path::traced(|| serde_json::from_str(text))
    })
}
