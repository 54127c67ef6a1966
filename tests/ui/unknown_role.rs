// A row role that does not exist, and a role on a key that is not a string.
wa_webhook_macros::generate!("ui/specs/unknown_role");

fn main() {}
