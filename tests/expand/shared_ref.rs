// Expands tests/expand/shared_ref/ and round-trips its examples (see tests/tests/expand.rs).
wa_webhook_macros::generate!("expand/shared_ref");

include!("round_trip.rs.in");
