//! The floors of two designs of a typed reader: every token of a body visited and every string
//! borrowed, building nothing. A typed reader does this and more, so each is the fastest its
//! design can go; the gap between the two is what the choice of reader is worth.

use jiter::{Jiter, JiterResult, Peek};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// Any JSON value, visited through serde_json's `Deserializer` as a generated reader is.
pub struct Visited;

impl<'de> Deserialize<'de> for Visited {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(Visit)
    }
}

struct Visit;

impl<'de> Visitor<'de> for Visit {
    type Value = Visited;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<Visited, E> {
        Ok(Visited)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Visited, E> {
        Ok(Visited)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Visited, E> {
        Ok(Visited)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Visited, E> {
        Ok(Visited)
    }
    fn visit_borrowed_str<E>(self, _: &'de str) -> Result<Visited, E> {
        Ok(Visited)
    }
    fn visit_str<E>(self, _: &str) -> Result<Visited, E> {
        Ok(Visited)
    }
    fn visit_unit<E>(self) -> Result<Visited, E> {
        Ok(Visited)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Visited, A::Error> {
        while seq.next_element::<Visited>()?.is_some() {}
        Ok(Visited)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Visited, A::Error> {
        while map.next_key::<Visited>()?.is_some() {
            map.next_value::<Visited>()?;
        }
        Ok(Visited)
    }
}

/// Whether `body` is JSON, every token of it visited by jiter.
pub fn jiter_walk(body: &[u8]) -> bool {
    let mut jiter = Jiter::new(body);
    let walked = jiter.peek().and_then(|peek| walk(&mut jiter, peek));
    walked.and_then(|()| jiter.finish()).is_ok()
}

fn walk(jiter: &mut Jiter<'_>, peek: Peek) -> JiterResult<()> {
    if peek == Peek::Object {
        let mut more = jiter.known_object()?.is_some();
        while more {
            let value = jiter.peek()?;
            walk(jiter, value)?;
            more = jiter.next_key()?.is_some();
        }
    } else if peek == Peek::Array {
        let mut next = jiter.known_array()?;
        while let Some(item) = next {
            walk(jiter, item)?;
            next = jiter.array_step()?;
        }
    } else if peek == Peek::String {
        jiter.known_str()?;
    } else if peek == Peek::Null {
        jiter.known_null()?;
    } else if peek == Peek::True || peek == Peek::False {
        jiter.known_bool(peek)?;
    } else {
        jiter.known_number(peek)?;
    }
    Ok(())
}
