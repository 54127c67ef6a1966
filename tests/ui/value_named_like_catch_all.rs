// A value whose variant would collide with the catch-all.
wa_webhook_macros::generate!("ui/specs/value_named_like_catch_all");

fn main() {}
