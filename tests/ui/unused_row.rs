// A parameter row no key uses.
wa_webhook_macros::generate!("ui/specs/unused_row");

fn main() {}
