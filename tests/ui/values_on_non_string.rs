// Enumerated values on a row that is not a String.
wa_webhook_macros::generate!("ui/specs/values_on_non_string");

fn main() {}
