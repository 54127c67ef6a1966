// Two keys that become the same Rust field.
wa_webhook_macros::generate!("ui/specs/colliding_keys");

fn main() {}
