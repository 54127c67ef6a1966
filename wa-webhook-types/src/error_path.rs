//! Where a failing parse failed, found by the parse itself: as an error travels out of the
//! generated readers, each object key and array item it leaves records itself in the parse's
//! [`ErrorSteps`], innermost first.
//!
//! A parse that succeeds records nothing and pays nothing but the branch on `Err` it takes
//! anyway, and no second parse is needed to say where one failed: the readers are instantiated
//! once, for serde_json's reader, not again for a path-tracking wrapper of it.

use std::borrow::Cow;
use std::fmt::Write;

/// One step of a path, as recorded by an error leaving it.
enum Segment {
    /// An object key: one the spec names, or one kept raw.
    Key(Cow<'static, str>),
    /// The position of an array item.
    Index(usize),
}

/// The steps an error of one parse has left so far, innermost first. Each parse owns its own
/// (a value captured raw and typed on its own is another parse, with steps of its own).
#[derive(Default)]
pub(crate) struct ErrorSteps(Vec<Segment>);

impl ErrorSteps {
    /// Records that `error` leaves the value of `key`, and returns it.
    #[cold]
    pub(crate) fn in_key<E>(&mut self, error: E, key: &'static str) -> E {
        self.0.push(Segment::Key(Cow::Borrowed(key)));
        error
    }

    /// Records that `error` leaves the value of `key`, a key no spec names, and returns it.
    #[cold]
    pub(crate) fn in_unknown_key<E>(&mut self, error: E, key: &str) -> E {
        self.0.push(Segment::Key(Cow::Owned(key.to_owned())));
        error
    }

    /// Records that `error` leaves the array item at `index`, and returns it.
    #[cold]
    pub(crate) fn in_item<E>(&mut self, error: E, index: usize) -> E {
        self.0.push(Segment::Index(index));
        error
    }

    /// Forgets every step: a pass begins, and the steps of the one before mean nothing to it.
    pub(crate) fn clear(&mut self) {
        self.0.clear();
    }

    /// The path of the steps recorded (`messages[0].from`, empty for the value itself).
    pub(crate) fn path(&self) -> String {
        let mut path = String::new();
        for segment in self.0.iter().rev() {
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_the_outermost_step_first() {
        let mut steps = ErrorSteps::default();
        let error = steps.in_key("an error", "from");
        let error = steps.in_item(error, 2);
        let error = steps.in_key(error, "messages");
        let error = steps.in_unknown_key(error, "x_unknown_key");
        steps.in_item(error, 0);
        assert_eq!(steps.path(), "[0].x_unknown_key.messages[2].from");
        steps.clear();
        assert_eq!(steps.path(), "");
    }
}
