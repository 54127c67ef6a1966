// A placeholder with no parameter row (and the row it meant is unused).
wa_webhook_macros::generate!("ui/specs/placeholder_without_row");

fn main() {}
