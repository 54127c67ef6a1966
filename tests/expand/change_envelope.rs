// Expands tests/expand/change_envelope/ and round-trips its examples (see tests/tests/expand.rs).
wa_webhook_macros::generate!("expand/change_envelope");

include!("round_trip.rs.in");
