// A file that claims to be a field and a message type at once.
wa_webhook_macros::generate!("ui/specs/two_kinds");

fn main() {}
