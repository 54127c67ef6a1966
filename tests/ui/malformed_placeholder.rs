// A string with angle brackets that is not a well-formed placeholder.
wa_webhook_macros::generate!("ui/specs/malformed_placeholder");

fn main() {}
