// `values_of` naming a row that does not exist, beside its own values, or in a missing spec.
wa_webhook_macros::generate!("ui/specs/values_of_unknown_row");

fn main() {}
