// Expands tests/expand/roles/ and round-trips its examples (see tests/tests/expand.rs).
wa_webhook_macros::generate!("expand/roles");

include!("round_trip.rs.in");
