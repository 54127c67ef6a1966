// Expands tests/expand/key_spellings/ and round-trips its examples (see tests/tests/expand.rs).
wa_webhook_macros::generate!("expand/key_spellings");

include!("round_trip.rs.in");
