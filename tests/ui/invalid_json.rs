// A spec file that is not JSON: the message gives file:line:column.
wa_webhook_macros::generate!("ui/specs/invalid_json");

fn main() {}
