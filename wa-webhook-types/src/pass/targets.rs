//! The places a speculative pass keeps raw: each known by its count among the places of its
//! kind in document order, with the error the pass that found it gave (see [`super`]).

use super::{ParseState, MAX_TARGETS};
use crate::error::ValueError;
use serde::de;
use serde_json::value::RawValue;
use std::fmt::Display;

/// What the speculative passes of a body know.
#[derive(Default)]
pub(super) struct Speculation {
    /// The spec field of each change object of the body, in document order (see
    /// [`crate::scan`]); `None` where the scan found no field a spec names.
    fields: Vec<Option<&'static str>>,
    /// The places the pass keeps raw, with their errors.
    targets: Vec<Found>,
    /// The innermost target the error of the pass left, if it failed, with that error.
    failed: Option<Found>,
    /// Whether the pass typed a change value as a field its `field` then said it was not: the
    /// scan misread the body, so targets found by such a pass mean nothing.
    scan_misread: bool,
    /// The address of the body, so that a place captured raw (borrowed from it) knows where in
    /// the body it is.
    body_at: usize,
    /// The change objects the pass has begun so far.
    next_change: u32,
    /// The [`crate::Items`] arrays the pass has begun so far.
    next_items: u32,
}

/// A place of the body the speculative pass keeps raw.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Target {
    /// Item `index` of the `items`-th [`crate::Items`] array the pass began (document order).
    Item { items: u32, index: u32 },
    /// The value of the `change`-th change object of the body (document order).
    ChangeValue { change: u32 },
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

/// Why a targeted change value did not fit, as the pass that found it typed it.
pub(crate) struct ValueFailure {
    /// The error, with its path inside the value.
    pub(crate) error: ValueError,
    /// The spec field the value was typed as.
    pub(crate) typed_as: &'static str,
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

    fn item(self, index: usize) -> Target {
        Target::Item {
            items: self.index,
            index: u32::try_from(index).unwrap_or(u32::MAX),
        }
    }
}

/// What a failed speculative pass leaves the parse to do.
pub(super) enum AfterFailure {
    /// Read the body speculatively again: the place that did not fit is now a target.
    ReadAgain,
    /// Read it strictly: targeting cannot settle it.
    ReadStrictly,
    /// Read it isolating: the error is outside every place that can be kept raw (the body's
    /// own keys do not fit).
    Isolate,
}

impl Speculation {
    /// What the passes of `text` know before they begin: the spec field of each change object
    /// (by `spec_field` of what the scan read) and where the body is.
    pub(super) fn of_body(text: &str, spec_field: fn(&str) -> Option<&'static str>) -> Self {
        let mut fields = Vec::new();
        crate::scan::change_fields(text, spec_field, &mut fields);
        Speculation {
            fields,
            body_at: text.as_ptr() as usize,
            ..Speculation::default()
        }
    }

    /// Begins a pass: only the targets of the passes before are kept.
    pub(super) fn begin_pass(&mut self) {
        self.next_change = 0;
        self.next_items = 0;
        self.failed = None;
        self.scan_misread = false;
    }

    /// Whether the pass typed a change value as a field its `field` then said it was not.
    pub(super) fn scan_misread(&self) -> bool {
        self.scan_misread
    }

    /// Targets the place the error of the failed pass left, if it left one not targeted yet.
    pub(super) fn after_failure(&mut self, text: &str, error: &serde_json::Error) -> AfterFailure {
        match self.failed.take() {
            Some(mut found) if !self.is_target(found.target) => {
                found.at = error
                    .is_data()
                    .then(|| offset_of(text, error.line(), error.column()));
                self.targets.push(found);
                if self.targets.len() > MAX_TARGETS {
                    AfterFailure::ReadStrictly
                } else {
                    AfterFailure::ReadAgain
                }
            }
            _ => AfterFailure::Isolate,
        }
    }

    fn is_target(&self, target: Target) -> bool {
        self.targets.iter().any(|found| found.target == target)
    }
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

impl ParseState {
    /// The change object beginning now (one call per change object of the speculative pass, in
    /// document order).
    #[inline]
    pub(crate) fn next_change(&mut self) -> ScannedChange {
        let speculation = &mut self.speculation;
        let index = speculation.next_change;
        speculation.next_change = index.wrapping_add(1);
        ScannedChange {
            index,
            field: speculation.fields.get(index as usize).copied().flatten(),
            value_targeted: self.is_target(Target::ChangeValue { change: index }),
        }
    }

    /// The [`crate::Items`] array beginning now (one call per array of the speculative pass, in
    /// document order).
    #[inline]
    pub(crate) fn next_items(&mut self) -> ScannedItems {
        let speculation = &mut self.speculation;
        let index = speculation.next_items;
        speculation.next_items = index.wrapping_add(1);
        ScannedItems {
            index,
            targeted: speculation
                .targets
                .iter()
                .any(|found| matches!(found.target, Target::Item { items, .. } if items == index)),
        }
    }

    /// Whether item `index` of `items` is a target: captured raw, kept with its error or typed
    /// on its own.
    #[inline]
    pub(crate) fn is_item_targeted(&self, items: ScannedItems, index: usize) -> bool {
        self.is_target(items.item(index))
    }

    /// The error item `index` of `items`, a target captured as `raw`, did not fit with when the
    /// pass that found it typed it (`None` if `raw` is not the item that failed).
    pub(crate) fn item_target_error(
        &self,
        items: ScannedItems,
        index: usize,
        raw: &RawValue,
    ) -> Option<ValueError> {
        self.kept_error(items.item(index), raw)
            .map(|(error, _)| error)
    }

    /// Notes that the error of the speculative pass leaves item `index` of `items` (unless it
    /// left a place inside it first), and returns it.
    #[cold]
    pub(crate) fn failed_in_item<E: Display>(
        &mut self,
        items: ScannedItems,
        error: E,
        index: usize,
    ) -> E {
        self.failed_at(items.item(index), &error, None);
        error
    }

    /// Notes that the error of the speculative pass leaves the value of `change`, typed as the
    /// spec field `typed_as` (unless it left a place inside it first), and returns it.
    #[cold]
    pub(crate) fn failed_in_change_value<E: Display>(
        &mut self,
        error: E,
        change: ScannedChange,
        typed_as: Option<&'static str>,
    ) -> E {
        let target = Target::ChangeValue {
            change: change.index,
        };
        self.failed_at(target, &error, typed_as);
        error
    }

    /// Why the value of `change`, a target captured as `raw`, did not fit when the pass that
    /// found it typed it (`None` if `raw` is not the value that failed).
    #[cold]
    pub(crate) fn change_value_failure(
        &self,
        change: ScannedChange,
        raw: &RawValue,
    ) -> Option<Box<ValueFailure>> {
        let target = Target::ChangeValue {
            change: change.index,
        };
        let (error, typed_as) = self.kept_error(target, raw)?;
        Some(Box::new(ValueFailure {
            error,
            typed_as: typed_as?,
        }))
    }

    /// Counts the change objects of a targeted item (kept raw, or typed on its own, which does
    /// not count them), so that the change objects after it keep their scanned fields.
    pub(crate) fn skip_changes_in(&mut self, item: &str) {
        let mut found = Vec::new();
        crate::scan::change_fields(item, |_| Some(()), &mut found);
        let found = u32::try_from(found.len()).unwrap_or(u32::MAX);
        let next = &mut self.speculation.next_change;
        *next = next.saturating_add(found);
    }

    /// The error for a change value typed as `typed_as` whose `field` turned out to be another.
    pub(crate) fn wrong_field<E: de::Error>(&mut self, typed_as: &str, field: &str) -> E {
        self.speculation.scan_misread = true;
        E::custom(format_args!(
            "the change value was read as field `{typed_as}`, but its field is `{field}`"
        ))
    }

    fn is_target(&self, target: Target) -> bool {
        self.speculation.is_target(target)
    }

    /// The error `target` did not fit with, and the field it was typed as, if `raw` (the
    /// target captured, borrowed from the body) is the place that gave it: the place holds the
    /// error's position.
    fn kept_error(
        &self,
        target: Target,
        raw: &RawValue,
    ) -> Option<(ValueError, Option<&'static str>)> {
        let start = (raw.get().as_ptr() as usize).wrapping_sub(self.speculation.body_at);
        let found = self
            .speculation
            .targets
            .iter()
            .find(|found| found.target == target)?;
        let at = found.at?;
        (start < at && at <= start + raw.get().len()).then(|| (found.error.clone(), found.typed_as))
    }

    /// Notes the place the error of the speculative pass leaves, unless it left one before: the
    /// error's steps recorded so far in this pass are its path inside the place.
    fn failed_at(&mut self, target: Target, error: &dyn Display, typed_as: Option<&'static str>) {
        if self.speculation.failed.is_none() {
            self.speculation.failed = Some(Found {
                target,
                error: ValueError::from_display(self.steps.path(), error),
                typed_as,
                at: None, // set by the pass once the error reaches it
            });
        }
    }
}
