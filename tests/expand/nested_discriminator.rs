// Expands tests/expand/nested_discriminator/ and round-trips its examples (see tests/tests/expand.rs).
wa_webhook_macros::generate!("expand/nested_discriminator");

include!("round_trip.rs.in");
