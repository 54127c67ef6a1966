// Expands tests/expand/flat_field/ and round-trips its examples (see tests/tests/expand.rs).
wa_webhook_macros::generate!("expand/flat_field");

include!("round_trip.rs.in");
