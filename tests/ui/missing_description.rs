// A parameter and a value with no description: docs are mandatory.
wa_webhook_macros::generate!("ui/specs/missing_description");

fn main() {}
