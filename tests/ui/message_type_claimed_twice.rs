// Two spec files claiming the same message type.
wa_webhook_macros::generate!("ui/specs/message_type_claimed_twice");

fn main() {}
