// An example payload using a value the row does not list.
wa_webhook_macros::generate!("ui/specs/example_unlisted_value");

fn main() {}
