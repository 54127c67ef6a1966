// Expands tests/expand/scalars/ and round-trips its examples (see tests/tests/expand.rs).
wa_webhook_macros::generate!("expand/scalars");

include!("round_trip.rs.in");
