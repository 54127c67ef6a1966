// An order that names a value the row does not list (a typo), and a value in two places.
wa_webhook_macros::generate!("ui/specs/order_unlisted_value");

fn main() {}
