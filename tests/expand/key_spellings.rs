// Expands tests/expand/key_spellings/ and round-trips its examples (see tests/tests/expand.rs).
wa_webhook_macros::generate!("expand/key_spellings");

fn main() {
    use wa_webhook_types::__private::{Inspect, JsonPath};
    for example in EXAMPLES {
        let parsed: Notification = serde_json::from_str(example.json).expect(example.description);
        let mut drift = Vec::new();
        parsed.inspect(&mut JsonPath::default(), &mut drift);
        assert!(drift.is_empty(), "{}: {drift:?}", example.description);
        let written = serde_json::to_value(&parsed).unwrap();
        let read: serde_json::Value = serde_json::from_str(example.json).unwrap();
        assert_eq!(written, read, "{}", example.description);
    }
}
