//! The passes a parse runs on this thread. A body is read speculatively first: each change value
//! is typed in the same pass as the body, by its own `field`, which [`crate::scan`] found before
//! the pass began (Meta writes `value` before `field`). A sound body is read once.
//!
//! Where something does not fit, the speculative pass notes the innermost place that can be kept
//! raw on its own (an [`crate::Items`] item, or a change value) and the body is read again
//! speculatively with that place *targeted*: captured raw and typed on its own, in the isolating
//! pass. So a body with one item that does not fit costs one more read, not a read per level of
//! nesting. Where targeting cannot settle it (the scan misread a change's field, or more than
//! [`MAX_TARGETS`] places do not fit), the body is read strictly (every change value captured raw
//! and typed on its own, so one that does not fit becomes `Change::Invalid`) and, if that fails
//! too, isolating (every [`crate::Items`] item captured raw and typed on its own). Every path
//! gives the same result: targeting only spares the reads of what fits.

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

/// How many places a body may have targeted before it is read strictly, then isolating: past a
/// few, one read per place costs more than the isolating pass.
pub(crate) const MAX_TARGETS: usize = 4;

/// A place of the body the speculative pass keeps raw and types on its own.
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
    /// it failed.
    static FAILED_AT: Cell<Option<Target>> = const { Cell::new(None) };
    /// The places the speculative pass running on this thread keeps raw.
    static TARGETS: RefCell<Vec<Target>> = const { RefCell::new(Vec::new()) };
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

/// Notes that the error of the speculative pass leaves the value of `change` (unless it left a
/// place inside it first), and returns it.
#[cold]
pub(crate) fn failed_in_change_value<E>(error: E, change: ScannedChange) -> E {
    failed_at(Target::ChangeValue {
        change: change.index,
    });
    error
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

    /// Whether item `index` is a target: captured raw and typed on its own.
    #[inline]
    pub(crate) fn is_targeted(self, index: usize) -> bool {
        is_target(self.item(index))
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
    pub(crate) fn failed_in<E>(self, error: E, index: usize) -> E {
        failed_at(self.item(index));
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
                targets
                    .iter()
                    .any(|t| matches!(t, Target::Item { items, .. } if *items == index))
            }),
    }
}

/// Counts the change objects of a targeted item typed on its own (in the isolating pass, which
/// does not count them), so that the change objects after it keep their scanned fields.
pub(crate) fn skip_changes_in(item: &str) {
    let mut found = Vec::new();
    crate::scan::change_fields(item, |_| Some(()), &mut found);
    let found = u32::try_from(found.len()).unwrap_or(u32::MAX);
    NEXT_CHANGE.set(NEXT_CHANGE.get().saturating_add(found));
}

/// Changes the targets, keeping [`TARGETED`] true to them.
fn set_targets<R>(change: impl FnOnce(&mut Vec<Target>) -> R) -> R {
    TARGETS.with_borrow_mut(|targets| {
        let result = change(targets);
        TARGETED.set(!targets.is_empty());
        result
    })
}

fn is_target(target: Target) -> bool {
    TARGETS.with_borrow(|targets| targets.contains(&target))
}

fn failed_at(target: Target) {
    if FAILED_AT.get().is_none() {
        FAILED_AT.set(Some(target));
    }
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
    let mut strict = false;
    loop {
        NEXT_CHANGE.set(0);
        NEXT_ITEMS.set(0);
        FAILED_AT.set(None);
        SCAN_MISREAD.set(false);
        BODY_READS.set(BODY_READS.get() + 1);
        let result = run(Pass::Speculative, || serde_json::from_str(text));
        if SCAN_MISREAD.get() {
            // An item targeted inside a value typed as the wrong field may have swallowed the
            // misread: even a pass that succeeded is not the body's typing.
            strict = true;
            break;
        }
        if let Ok(value) = result {
            return Ok(value);
        }
        match FAILED_AT.get() {
            Some(target) if !is_target(target) => {
                let room = set_targets(|targets| {
                    targets.push(target);
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
    match run(Pass::Strict, || serde_json::from_str(text)) {
        Ok(value) => Ok(value),
        Err(_) => isolating(text),
    }
}

/// The isolating pass, which says where it failed: where an item does not fit, that item is kept
/// raw, so an error of this pass sits in the value's own keys.
pub(crate) fn isolating<T: DeserializeOwned>(text: &str) -> Result<T, Failure> {
    run(Pass::Isolating, || {
        crate::error_path::traced(|| serde_json::from_str(text))
    })
}
