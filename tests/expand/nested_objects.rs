// Expands tests/expand/nested_objects/ and round-trips its examples (see tests/tests/expand.rs).
wa_webhook_macros::generate!("expand/nested_objects");

include!("round_trip.rs.in");
