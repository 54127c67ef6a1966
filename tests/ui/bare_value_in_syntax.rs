// A bare number in the syntax instead of a placeholder.
wa_webhook_macros::generate!("ui/specs/bare_value_in_syntax");

fn main() {}
