// A misspelled key in a parameter row: named, with the closest known key.
wa_webhook_macros::generate!("ui/specs/unknown_spec_key");

fn main() {}
