//! Where a failing parse failed, found by the parse itself: as an error travels out of the
//! generated visitors, each object key and array item it leaves records itself, innermost first.
//!
//! A parse that succeeds records nothing and pays nothing but the branch on `Err` it takes
//! anyway, and no second parse is needed to say where one failed: the visitors are instantiated
//! once, for serde_json's reader, not again for a path-tracking wrapper of it.

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt::Write;

/// One step of a path, as recorded by an error leaving it.
enum Segment {
    /// An object key: one the spec names, or one kept raw.
    Key(Cow<'static, str>),
    /// The position of an array item.
    Index(usize),
}

thread_local! {
    /// The steps the error of the innermost running [`traced`] parse has left so far.
    static SEGMENTS: RefCell<Vec<Segment>> = const { RefCell::new(Vec::new()) };
}

/// Records that the error in `result` leaves the value of `key`.
#[inline]
pub(crate) fn at_key<T, E>(result: Result<T, E>, key: &'static str) -> Result<T, E> {
    if result.is_err() {
        push(Segment::Key(Cow::Borrowed(key)));
    }
    result
}

/// Records that the error in `result` leaves the value of `key`, a key no spec names.
#[inline]
pub(crate) fn at_unknown_key<T, E>(result: Result<T, E>, key: &str) -> Result<T, E> {
    if result.is_err() {
        push(Segment::Key(Cow::Owned(key.to_owned())));
    }
    result
}

/// Records that the error in `result` leaves the array item at `index`.
#[inline]
pub(crate) fn at_index<T, E>(result: Result<T, E>, index: usize) -> Result<T, E> {
    if result.is_err() {
        push(Segment::Index(index));
    }
    result
}

#[cold]
#[inline(never)]
fn push(segment: Segment) {
    SEGMENTS.with_borrow_mut(|segments| segments.push(segment));
}

/// Runs `parse`; on failure returns its error with the path it failed at (`messages[0].from`,
/// empty for the value itself).
///
/// Parses nest (an array item or change value captured raw is typed inside the parse of the
/// body), so each keeps only the steps recorded while it ran. Steps recorded by an error that a
/// nested parse caught are dropped with it.
pub(crate) fn traced<T, E>(parse: impl FnOnce() -> Result<T, E>) -> Result<T, (String, E)> {
    let start = SEGMENTS.with_borrow(Vec::len);
    let result = parse();
    SEGMENTS.with_borrow_mut(|segments| {
        let path = result.is_err().then(|| render(&segments[start..]));
        segments.truncate(start);
        match result {
            Ok(value) => Ok(value),
            Err(e) => Err((path.unwrap_or_default(), e)),
        }
    })
}

/// The path of recorded steps (innermost first), outermost first: `entry[0].changes`.
fn render(segments: &[Segment]) -> String {
    let mut path = String::new();
    for segment in segments.iter().rev() {
        match segment {
            Segment::Index(index) => {
                let _ = write!(path, "[{index}]");
            }
            Segment::Key(key) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
            }
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fails_at_key(key: &'static str) -> Result<(), ()> {
        at_key(Err(()), key)
    }

    #[test]
    fn renders_the_outermost_step_first() {
        let (path, ()) = traced(|| {
            let inner = at_key(at_index(fails_at_key("from"), 2), "messages");
            at_index(at_unknown_key(inner, "x_unknown_key"), 0)
        })
        .unwrap_err();
        assert_eq!(path, "[0].x_unknown_key.messages[2].from");
    }

    #[test]
    fn a_nested_parse_keeps_only_its_own_steps() {
        let outer = traced(|| {
            let inner = traced(|| at_index(fails_at_key("inner"), 1));
            assert_eq!(inner.unwrap_err().0, "[1].inner");
            fails_at_key("outer")
        });
        assert_eq!(outer.unwrap_err().0, "outer");
        assert_eq!(traced(|| Ok::<_, ()>(1)), Ok(1));
        assert_eq!(SEGMENTS.with_borrow(Vec::len), 0);
    }
}
