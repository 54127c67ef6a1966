// A $ref to a shared piece that does not exist.
wa_webhook_macros::generate!("ui/specs/unknown_ref");

fn main() {}
