//! Any bytes: `from_slice` never panics; what parses re-serializes to the JSON it read and
//! reports its drift without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(notification) = wa_webhook_types::from_slice(data) else { return };
    let _ = notification.drift();
    let _ = notification.changes().count();
    let output = serde_json::to_vec(&notification).expect("a parsed notification serializes");
    let mut input = serde_json::Deserializer::from_slice(data);
    let mut written = serde_json::Deserializer::from_slice(&output);
    // Both sides as Value, but only where serde_json's own depth limit allows.
    if let (Ok(a), Ok(b)) = (
        serde::Deserialize::deserialize(&mut input).map(|v: serde_json::Value| v),
        serde::Deserialize::deserialize(&mut written).map(|v: serde_json::Value| v),
    ) {
        assert_eq!(a, b, "round trip");
    }
});
