//! Entry points on the generated envelope: parse a body, walk its changes, report its drift.

use crate::change::ChangeDispatch;
use crate::drift::Drift;
use crate::error::{from_serde, not_utf8, Error};
use crate::inspect::{Inspect, JsonPath};
use crate::pass::{parse_body, parse_body_untargeted, ParseCounts};
use crate::{Change, Notification};

/// Parses a webhook POST body, as received (the same bytes the signature covers).
///
/// Fails only when the body is not a webhook notification at all. What does not fit its model
/// costs the smallest part that holds it: an item of an array of objects (an entry, a change
/// object, a message, a status, a contact card, ...) is kept raw with its error (see
/// [`crate::Items`]), and a change whose own keys do not fit is kept as [`Change::Invalid`]; the
/// rest stays typed. The error names the JSON path, line and column.
pub fn from_slice(bytes: &[u8]) -> Result<Notification, Error> {
    from_slice_counted(bytes).0
}

impl Notification {
    /// Parses a webhook POST body (see [`from_slice`] for what fails and what is kept).
    ///
    /// ```
    /// use wa_webhook_types::shared::status::DeliveryStatus;
    /// use wa_webhook_types::{Change, Notification};
    ///
    /// // A status that failed, with something new from Meta in it.
    /// let body = br#"{"object": "whatsapp_business_account", "entry": [{"id": "102290129340398",
    ///   "changes": [{"field": "messages", "value": {"messaging_product": "whatsapp",
    ///     "metadata": {"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
    ///     "statuses": [{"id": "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3NTg3NjZGNjk4RDFGMjM4RjIA",
    ///       "status": "failed", "timestamp": "1750263773", "recipient_id": "16505551234",
    ///       "x_unknown_key": 1,
    ///       "errors": [{"code": 131049, "title": "This message was not delivered to maintain healthy ecosystem engagement."}]}]}}]}]}"#;
    ///
    /// let notification = Notification::from_slice(body)?;
    /// for change in notification.changes() {
    ///     if let Change::Messages(value) = change {
    ///         let status = value.statuses.iter().flatten().next().unwrap();
    ///         assert_eq!(status.status, DeliveryStatus::Failed);
    ///     }
    /// }
    /// let event = &notification.events()[0];
    /// assert!(event.is_failure());
    /// assert_eq!(event.errors()[0].code, Some(131049));
    /// assert_eq!(event.user_name(), None); // known only by a phone number: not for logs
    /// assert_eq!(event.user_name_or_phone(), Some("16505551234"));
    /// let drift = notification.drift();
    /// assert_eq!(drift[0].to_string(), r#"entry[0].changes[0].value.statuses[0].x_unknown_key: unknown_key "x_unknown_key""#);
    /// // Written back, the body is the same JSON (the new key included).
    /// let again: serde_json::Value = serde_json::to_value(&notification).unwrap();
    /// assert_eq!(again, serde_json::from_slice::<serde_json::Value>(body).unwrap());
    /// # Ok::<(), wa_webhook_types::Error>(())
    /// ```
    pub fn from_slice(bytes: &[u8]) -> Result<Self, Error> {
        from_slice(bytes)
    }

    /// Every typed change of every entry, in order (change objects kept raw are in the drift
    /// report; see [`crate::Items`]).
    pub fn changes(&self) -> impl Iterator<Item = &Change> {
        self.entry
            .iter()
            .flat_map(|entry| entry.changes.iter().map(|c| &c.change))
    }

    /// Everything in the body the spec does not know, by JSON path: unknown fields, message
    /// types, enum values and keys, and changes that did not fit their model.
    pub fn drift(&self) -> Vec<Drift> {
        let mut out = Vec::new();
        self.inspect(&mut JsonPath::default(), &mut out);
        out
    }
}

/// As [`from_slice`], with what the parse took: for tests and benchmarks, which observe the
/// passes through what a parse returns.
///
/// The body is checked to be UTF-8 once, up front, and then parsed as `str`: serde_json then
/// validates neither each string nor each value kept raw again. It goes through the passes of
/// `crate::pass`: change values typed in the body's own pass first; then, if needed, each
/// change value on its own; then isolating array items (see [`crate::Items`]), where an entry,
/// change or item that does not fit is kept raw, and only a body whose own top-level keys do
/// not fit is an error.
pub fn from_slice_counted(bytes: &[u8]) -> (Result<Notification, Error>, ParseCounts) {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            return (
                Err(not_utf8(bytes, e.valid_up_to())),
                ParseCounts::default(),
            )
        }
    };
    let (result, counts) = parse_body(text, <Change as ChangeDispatch>::spec_field);
    (result.map_err(from_serde), counts)
}

/// Parses a body strictly, then isolating, without the speculative passes of [`from_slice`]:
/// the result `from_slice` must give however many passes it takes (a test compares them).
pub fn from_slice_untargeted(bytes: &[u8]) -> Result<Notification, Error> {
    let text = std::str::from_utf8(bytes).map_err(|e| not_utf8(bytes, e.valid_up_to()))?;
    parse_body_untargeted(text).map_err(from_serde)
}

/// A parse's state is its own: here a value's reader runs a whole other parse while the outer
/// one is between passes of its targeting, as a reader could, and neither sees the other's state.
#[cfg(test)]
mod tests {
    use super::from_slice_counted;
    use crate::items::Items;
    use crate::pass::{parse_body, ParseCounts, ParseState, ReadIn};
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
            let (inner, counts) = from_slice_counted(INNER.as_bytes());
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
        let (alone, counts) = from_slice_counted(INNER.as_bytes());
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
}
