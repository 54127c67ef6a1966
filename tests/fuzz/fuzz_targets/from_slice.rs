//! Any bytes: `from_slice` never panics; it gives what the long way gives (strictly, then
//! isolating every item, with no targeted pass); what parses re-serializes to the JSON it read
//! and reports its drift without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wa_webhook_types::__private::from_slice_untargeted;

fuzz_target!(|data: &[u8]| {
    let parsed = wa_webhook_types::from_slice(data);
    match (&parsed, from_slice_untargeted(data)) {
        (Ok(fast), Ok(long)) => {
            assert_eq!(*fast, long, "targeted passes");
            // Values compare by value; the wire forms must agree too.
            let written = |n: &wa_webhook_types::Notification| serde_json::to_vec(n).ok();
            assert_eq!(written(fast), written(&long), "wire forms of the targeted passes");
            assert_eq!(fast.drift(), long.drift(), "drift of the targeted passes");
        }
        (Err(fast), Err(long)) => assert_eq!(fast.to_string(), long.to_string()),
        (fast, long) => panic!("from_slice: {fast:?}\nthe long way: {long:?}"),
    }
    let Ok(notification) = parsed else { return };
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
