// A misspelled top-level key.
wa_webhook_macros::generate!("ui/specs/unknown_top_level_key");

fn main() {}
