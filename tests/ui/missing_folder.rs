// A spec folder that does not exist.
wa_webhook_macros::generate!("ui/specs/does_not_exist");

fn main() {}
