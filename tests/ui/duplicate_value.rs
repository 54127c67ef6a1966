// The same enum value listed twice.
wa_webhook_macros::generate!("ui/specs/duplicate_value");

fn main() {}
