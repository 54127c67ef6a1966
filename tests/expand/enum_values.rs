// Expands tests/expand/enum_values/ and round-trips its examples (see tests/tests/expand.rs).
wa_webhook_macros::generate!("expand/enum_values");

include!("round_trip.rs.in");
