// Expands tests/expand/discriminator/ and round-trips its examples (see tests/tests/expand.rs).
wa_webhook_macros::generate!("expand/discriminator");

include!("round_trip.rs.in");
