// Expands tests/expand/shared_values/ and round-trips its examples (see tests/tests/expand.rs).
wa_webhook_macros::generate!("expand/shared_values");

include!("round_trip.rs.in");

// Both keys of one spec, and the key of another spec, have the one enum.
#[allow(dead_code)]
fn one_enum(
    limits: limit_example::LimitExampleValue,
    tier: tier_example::TierExampleValue,
) -> [Option<limit_example::ExampleLimit>; 3] {
    [
        limits.old_limit.map(|v| v.into_value()),
        Some(limits.new_limit.into_value()),
        Some(tier.tier.into_value()),
    ]
}
