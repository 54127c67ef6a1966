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

// The recorders are generic over the error type only (serde_json's, in every parse), so each is
// compiled once, not once per type parsed.

/// Records that `error` leaves the value of `key`, and returns it.
#[cold]
pub(crate) fn in_key<E>(error: E, key: &'static str) -> E {
    push(Segment::Key(Cow::Borrowed(key)));
    error
}

/// Records that `error` leaves the value of `key`, a key no spec names, and returns it.
#[cold]
pub(crate) fn in_unknown_key<E>(error: E, key: &str) -> E {
    push(Segment::Key(Cow::Owned(key.to_owned())));
    error
}

/// Records that `error` leaves the array item at `index`, and returns it.
#[cold]
pub(crate) fn in_item<E>(error: E, index: usize) -> E {
    push(Segment::Index(index));
    error
}

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
    let start = recorded();
    forgetting(|| parse().map_err(|e| (path_since(start), e)))
}

/// Runs `parse`, forgetting every step recorded while it ran: for a pass whose error is not
/// reported (a body read again in another pass), so that its steps neither pile up on the
/// thread nor end up in the path of an error reported later.
pub(crate) fn forgetting<R>(parse: impl FnOnce() -> R) -> R {
    let start = recorded();
    let result = parse();
    forget_since(start);
    result
}

// The thread-local accesses stay out of the generic functions above, which are instantiated
// once per type parsed: closures inside them would be too, with the `LocalKey` code around them.

/// How many steps are recorded on this thread: where the steps of a parse beginning now start.
pub(crate) fn recorded() -> usize {
    SEGMENTS.with_borrow(Vec::len)
}

/// The path of the steps recorded since `start`.
pub(crate) fn path_since(start: usize) -> String {
    SEGMENTS.with_borrow(|segments| render(&segments[start..]))
}

fn forget_since(start: usize) {
    SEGMENTS.with_borrow_mut(|segments| segments.truncate(start));
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

    /// The error of these tests: a value, so each recorder passes it on.
    #[derive(Debug, PartialEq)]
    struct Failed;

    fn fails_in_key(key: &'static str) -> Result<(), Failed> {
        Err(in_key(Failed, key))
    }

    #[test]
    fn renders_the_outermost_step_first() {
        let (path, Failed) = traced(|| {
            let inner = fails_in_key("from").map_err(|e| in_key(in_item(e, 2), "messages"));
            inner.map_err(|e| in_item(in_unknown_key(e, "x_unknown_key"), 0))
        })
        .unwrap_err();
        assert_eq!(path, "[0].x_unknown_key.messages[2].from");
    }

    #[test]
    fn a_nested_parse_keeps_only_its_own_steps() {
        let outer = traced(|| {
            let inner = traced(|| fails_in_key("inner").map_err(|e| in_item(e, 1)));
            assert_eq!(inner.unwrap_err().0, "[1].inner");
            fails_in_key("outer")
        });
        assert_eq!(outer.unwrap_err().0, "outer");
        assert_eq!(traced(|| Ok::<_, Failed>(1)), Ok(1));
        assert_eq!(SEGMENTS.with_borrow(Vec::len), 0);
    }

    #[test]
    fn a_pass_that_fails_unreported_leaves_no_steps() {
        let bodies = [
            // Read again strictly: its change value does not fit, and becomes `Change::Invalid`.
            r#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[
                {"value":{"messages":"x_not_an_array"},"field":"messages"}]}]}"#,
            // Fails every pass.
            r#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":7}]}"#,
        ];
        for body in bodies {
            let _ = crate::Notification::from_slice(body.as_bytes());
            assert_eq!(SEGMENTS.with_borrow(Vec::len), 0, "{body}");
        }
    }
}
