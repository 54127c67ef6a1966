// An example payload missing a required key.
wa_webhook_macros::generate!("ui/specs/example_missing_key");

fn main() {}
