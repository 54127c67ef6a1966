// `"standby": true` on a shared piece: only a field's events are copies an app must not answer.
wa_webhook_macros::generate!("ui/specs/standby_not_a_field");

fn main() {}
