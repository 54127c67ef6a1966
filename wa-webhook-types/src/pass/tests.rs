//! A parse's state is its own: here a value's reader runs a whole other parse while the outer
//! one is between passes of its targeting, as a reader could, and neither sees the other's state.

use super::ReadIn;
use super::{parse_body, ParseCounts, ParseState};
use crate::items::Items;
use crate::{DriftKind, Notification};
use serde::de::{Deserialize, Deserializer};

/// A body whose message has no `id`: read twice, the message kept raw.
const INNER: &str = r#"{"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [
  {"value": {"messaging_product": "whatsapp",
     "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
     "messages": [{"from": "16505551234", "timestamp": "1750090702", "type": "text", "text": {"body": "hi"}}]},
   "field": "messages"}]}]}"#;

/// An integer whose reader first parses [`INNER`] and checks it read as it does alone.
struct ParsesAnotherBody(i64);

impl<'de> ReadIn<'de> for ParsesAnotherBody {
    fn read_in<D: Deserializer<'de>>(d: D, _: &mut ParseState) -> Result<Self, D::Error> {
        let (inner, counts) = crate::__private::from_slice_counted(INNER.as_bytes());
        assert_eq!(counts, inner_counts());
        let drift = inner.expect("the inner body parses").drift();
        assert_eq!(drift.len(), 1, "{drift:?}");
        assert_eq!(drift[0].kind, DriftKind::Invalid);
        i64::deserialize(d).map(ParsesAnotherBody)
    }
}

fn inner_counts() -> ParseCounts {
    ParseCounts {
        body_reads: 2,
        places_read_alone: 0,
    }
}

#[test]
fn a_parse_inside_another_parse_shares_none_of_its_state() {
    let (alone, counts) = crate::__private::from_slice_counted(INNER.as_bytes());
    assert_eq!(counts, inner_counts());
    assert!(alone.is_ok());
    // The third item does not fit: the outer parse targets it and reads again, and every item
    // it reads runs the inner parse, itself targeting, in between.
    let text = r#"[1, 2, "x_not_a_number", 3]"#;
    let (outer, counts) = parse_body::<Items<ParsesAnotherBody>>(text, |_| None);
    let outer = outer.map_err(|(path, e)| format!("{path}: {e}")).unwrap();
    assert_eq!(
        counts,
        ParseCounts {
            body_reads: 2,
            places_read_alone: 0
        },
        "the inner parses count in their own states, not in the outer one"
    );
    let typed: Vec<i64> = outer.iter().map(|n| n.0).collect();
    assert_eq!(typed, [1, 2, 3]);
    let invalid: Vec<(usize, String)> = outer
        .invalid()
        .map(|(index, item)| (index, item.error().to_string()))
        .collect();
    assert_eq!(invalid.len(), 1, "{invalid:?}");
    assert_eq!(invalid[0].0, 2);
    assert!(
        invalid[0]
            .1
            .starts_with("invalid type: string \"x_not_a_number\", expected i64"),
        "{invalid:?}"
    );
    // And the inner body still parses as it does alone.
    let again = Notification::from_slice(INNER.as_bytes()).unwrap();
    assert_eq!(again, alone.unwrap());
}
