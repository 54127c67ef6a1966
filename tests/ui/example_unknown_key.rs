// An example payload with a key the syntax does not have.
wa_webhook_macros::generate!("ui/specs/example_unknown_key");

fn main() {}
