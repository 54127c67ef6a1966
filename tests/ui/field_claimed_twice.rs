// Two spec files claiming the same webhook field.
wa_webhook_macros::generate!("ui/specs/field_claimed_twice");

fn main() {}
