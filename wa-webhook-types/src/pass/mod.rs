//! The passes of one parse, and the [`ParseState`] that carries them: made by the parse's entry
//! point, passed by argument to every reader (see [`read_in`]), dropped with the parse.
//!
//! A body is read speculatively first: each change value is typed in the same pass as the body,
//! by its own `field`, which [`crate::scan`] found before the pass began (Meta writes `value`
//! before `field`). A sound body is read once.
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
//!
//! A place captured raw and typed on its own is a parse of its own, with a state of its own:
//! what it records (its error's path, its targets) never reaches the parse around it, except
//! the counts it adds to that parse's [`ParseCounts`].

mod read_in;
mod targets;

use crate::error_path::ErrorSteps;
pub use read_in::{read_alone, ReadIn};
pub(crate) use read_in::{read_as_deserialized, In, ReadOwned};
use targets::{AfterFailure, Speculation};
pub(crate) use targets::{ScannedChange, ScannedItems, ValueFailure};

/// How a parse reads change values and array items.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Pass {
    /// Change values typed in the body's pass, by their field or by a guess of it.
    Speculative,
    /// Change values captured raw, then typed on their own: how a value is read outside this
    /// crate's entry points (`serde::Deserialize`), with no second pass.
    Strict,
    /// As [`Pass::Strict`], and every [`crate::Items`] item captured raw and typed on its own.
    Isolating,
}

/// How many places a body may have targeted before it is read strictly, then isolating: past a
/// few, one read per place costs more than the isolating pass.
pub(crate) const MAX_TARGETS: usize = 4;

/// How much reading one parse took: for tests and benchmarks, which observe a parse through
/// what it returns. Counted once per pass and once per place read alone, never per value.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct ParseCounts {
    /// How many times the body was read: 1 for a body that fits, more where a pass had to be
    /// repeated.
    pub body_reads: u32,
    /// How many places (array items, change values) were captured raw and typed on their own:
    /// 0 where each place that did not fit kept the error the pass that found it gave.
    pub places_read_alone: u32,
}

/// The state of one parse: the pass it runs, where its error has been, and (in the
/// speculative pass) the scan's fields and the places it keeps raw. Made by the parse's entry
/// point and passed to every reader; the generated readers only hand it on.
pub struct ParseState {
    pass: Pass,
    steps: ErrorSteps,
    speculation: Speculation,
    counts: ParseCounts,
}

/// A parse's error with the JSON path it failed at.
pub(crate) type Failure = (String, serde_json::Error);

impl ParseState {
    /// The state of a parse that begins in `pass`.
    pub(crate) fn new(pass: Pass) -> Self {
        ParseState {
            pass,
            steps: ErrorSteps::default(),
            speculation: Speculation::default(),
            counts: ParseCounts::default(),
        }
    }

    /// The pass running.
    #[inline]
    pub(crate) fn pass(&self) -> Pass {
        self.pass
    }

    /// Records that `error` leaves the value of `key`, and returns it.
    #[cold]
    pub(crate) fn in_key<E>(&mut self, error: E, key: &'static str) -> E {
        self.steps.in_key(error, key)
    }

    /// Records that `error` leaves the value of `key`, a key no spec names, and returns it.
    #[cold]
    pub(crate) fn in_unknown_key<E>(&mut self, error: E, key: &str) -> E {
        self.steps.in_unknown_key(error, key)
    }

    /// Records that `error` leaves the array item at `index`, and returns it.
    #[cold]
    pub(crate) fn in_item<E>(&mut self, error: E, index: usize) -> E {
        self.steps.in_item(error, index)
    }

    /// Parses a value captured raw (a change value) as `T`, in a parse of its own: strictly
    /// and, only if that fails, again isolating array items, whose error (if it fails too) is
    /// the value's.
    pub(crate) fn parse_value<T: ReadOwned>(&mut self, text: &str) -> Result<T, Failure> {
        self.counts.places_read_alone = self.counts.places_read_alone.wrapping_add(1);
        let mut strict = ParseState::new(Pass::Strict);
        let result = read(text, &mut strict);
        self.counts.add(strict.counts);
        match result {
            Ok(value) => Ok(value),
            Err(_) => self.isolating(text),
        }
    }

    /// Types an array item captured raw on its own, in a parse of its own in the isolating pass
    /// (see [`ParseState::isolating`]).
    pub(crate) fn isolated_item<T: ReadOwned>(&mut self, text: &str) -> Result<T, Failure> {
        self.counts.places_read_alone = self.counts.places_read_alone.wrapping_add(1);
        self.isolating(text)
    }

    /// The isolating pass, in a parse of its own, which says where it failed: where an item
    /// does not fit, that item is kept raw, so an error of this pass sits in the value's own
    /// keys.
    fn isolating<T: ReadOwned>(&mut self, text: &str) -> Result<T, Failure> {
        let mut isolating = ParseState::new(Pass::Isolating);
        let result = read(text, &mut isolating);
        self.counts.add(isolating.counts);
        result.map_err(|error| (isolating.steps.path(), error))
    }

    /// Begins a pass of the body: nothing the pass before recorded but its targets is kept.
    fn begin_pass(&mut self, pass: Pass) {
        self.pass = pass;
        self.steps.clear();
        self.speculation.begin_pass();
        self.counts.body_reads += 1;
    }
}

impl ParseCounts {
    fn add(&mut self, other: ParseCounts) {
        self.body_reads = self.body_reads.wrapping_add(other.body_reads);
        self.places_read_alone = self.places_read_alone.wrapping_add(other.places_read_alone);
    }
}

/// Reads `text` whole as `T` in the parse of `state`, as `serde_json::from_str` would: the
/// value, then nothing but whitespace.
fn read<T: ReadOwned>(text: &str, state: &mut ParseState) -> Result<T, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = T::read_in(&mut deserializer, state)?;
    deserializer.end()?;
    Ok(value)
}

/// Parses a webhook body: speculatively, each change value typed by the field `spec_field`
/// finds for what the scan read, and again with each place that did not fit targeted; then,
/// where targeting cannot settle it, strictly and isolating. If the last pass fails too, its
/// error is the body's. Returns what the reading took beside the result.
pub(crate) fn parse_body<T: ReadOwned>(
    text: &str,
    spec_field: fn(&str) -> Option<&'static str>,
) -> (Result<T, Failure>, ParseCounts) {
    let mut state = ParseState::new(Pass::Speculative);
    state.speculation = Speculation::of_body(text, spec_field);
    let strict = loop {
        state.begin_pass(Pass::Speculative);
        let result = read(text, &mut state);
        if state.speculation.scan_misread() {
            // An item targeted inside a value typed as the wrong field may have swallowed the
            // misread: even a pass that succeeded is not the body's typing.
            break true;
        }
        let error = match result {
            Ok(value) => return (Ok(value), state.counts),
            Err(error) => error,
        };
        match state.speculation.after_failure(text, &error) {
            AfterFailure::ReadAgain => {}
            AfterFailure::ReadStrictly => break true,
            AfterFailure::Isolate => break false,
        }
    };
    if strict {
        state.begin_pass(Pass::Strict);
        if let Ok(value) = read(text, &mut state) {
            return (Ok(value), state.counts);
        }
    }
    state.counts.body_reads += 1;
    let result = state.isolating(text);
    (result, state.counts)
}

/// Parses a body the long way, for tests to compare with [`parse_body`]: strictly, then
/// isolating, with no speculative pass and no target.
pub(crate) fn parse_body_untargeted<T: ReadOwned>(text: &str) -> Result<T, Failure> {
    let mut state = ParseState::new(Pass::Strict);
    match read(text, &mut state) {
        Ok(value) => Ok(value),
        Err(_) => state.isolating(text),
    }
}
