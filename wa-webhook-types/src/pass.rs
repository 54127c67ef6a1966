//! The passes a parse runs on this thread. A body is read speculatively first: each change value
//! is typed in the same pass as the body, as the field the last change on this thread had when
//! its `value` comes before its `field` (Meta's order). A wrong guess fails that pass only: the
//! body is read speculatively once more, with the field just learnt as the guess. If that fails
//! too, or a value did not fit, the body is read strictly (every change value captured raw and
//! typed on its own, so one that does not fit becomes `Change::Invalid`), and if that fails too,
//! isolating (every [`crate::Items`] item captured raw and typed on its own).

use serde::de::{self, DeserializeOwned};
use std::cell::Cell;

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

/// How the shortcuts of a speculative pass fared.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Shortcut {
    /// None failed (a failing pass failed for another reason).
    Held,
    /// A change value was typed by a wrong guess; the right field is now the guess.
    WrongGuess,
    /// A change value typed in the body's pass did not fit.
    Failed,
}

thread_local! {
    /// The pass running on this thread.
    static PASS: Cell<Pass> = const { Cell::new(Pass::Strict) };
    /// How the shortcuts of the speculative pass running on this thread fared.
    static SHORTCUT: Cell<Shortcut> = const { Cell::new(Shortcut::Held) };
    /// The field of the last change parsed on this thread: the guess for the next one.
    static LAST_FIELD: Cell<Option<&'static str>> = const { Cell::new(None) };
}

/// The pass running on this thread.
pub(crate) fn current() -> Pass {
    PASS.get()
}

/// The field to type a change value as when its `field` has not been read yet.
pub(crate) fn guess_field() -> Option<&'static str> {
    LAST_FIELD.get()
}

/// Records the field of a change just parsed, the guess for the next one.
pub(crate) fn remember_field(field: Option<&'static str>) {
    if field.is_some() {
        LAST_FIELD.set(field);
    }
}

/// Marks the speculative pass as failed by its own shortcut and returns `error`: the body is
/// then read again strictly, so that the failure is judged without the shortcut.
pub(crate) fn shortcut_failed<E>(error: E) -> E {
    if SHORTCUT.get() == Shortcut::Held {
        SHORTCUT.set(Shortcut::Failed);
    }
    error
}

/// The error for a change value typed as `guess` whose `field` turned out to be another (which
/// the caller has remembered as the next guess).
pub(crate) fn wrong_guess<E: de::Error>(guess: &str, field: &str) -> E {
    SHORTCUT.set(Shortcut::WrongGuess);
    E::custom(format_args!(
        "the change value was read as field `{guess}`, but its field is `{field}`"
    ))
}

/// Runs `parse` in `pass`, restoring the pass before on the way out (even on unwinding).
fn run<R>(pass: Pass, parse: impl FnOnce() -> R) -> R {
    struct Restore(Pass);
    impl Drop for Restore {
        fn drop(&mut self) {
            PASS.set(self.0);
        }
    }
    let _restore = Restore(PASS.replace(pass));
    parse()
}

/// Parses a webhook body: speculatively (a second time if the first guessed a field wrong, now
/// with the right guess), then (only if a shortcut failed) strictly, then isolating. If the
/// last pass fails too, `fail` (run still isolating, so that locating the error agrees with
/// it) turns the strict pass's error into the caller's.
pub(crate) fn parse_body<T: DeserializeOwned, E>(
    text: &str,
    fail: impl FnOnce(serde_json::Error) -> E,
) -> Result<T, E> {
    let speculative = || {
        SHORTCUT.set(Shortcut::Held);
        run(Pass::Speculative, || serde_json::from_str(text))
    };
    let mut first = match speculative() {
        Ok(value) => return Ok(value),
        Err(first) => first,
    };
    if SHORTCUT.get() == Shortcut::WrongGuess {
        first = match speculative() {
            Ok(value) => return Ok(value),
            Err(first) => first,
        };
    }
    if SHORTCUT.replace(Shortcut::Held) != Shortcut::Held {
        first = match run(Pass::Strict, || serde_json::from_str(text)) {
            Ok(value) => return Ok(value),
            Err(first) => first,
        };
    }
    isolating(text, first, fail)
}

/// Parses a value captured raw (a change value) as `T`: strictly and, only if that fails, again
/// isolating array items; `fail` as for [`parse_body`].
pub(crate) fn parse_value<T: DeserializeOwned, E>(
    text: &str,
    fail: impl FnOnce(serde_json::Error) -> E,
) -> Result<T, E> {
    match run(Pass::Strict, || serde_json::from_str(text)) {
        Ok(value) => Ok(value),
        Err(first) => isolating(text, first, fail),
    }
}

fn isolating<T: DeserializeOwned, E>(
    text: &str,
    first: serde_json::Error,
    fail: impl FnOnce(serde_json::Error) -> E,
) -> Result<T, E> {
    run(Pass::Isolating, || {
        serde_json::from_str(text).map_err(|_| fail(first))
    })
}
