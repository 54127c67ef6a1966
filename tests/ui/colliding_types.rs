// Two objects that become the same struct: the fix is a $name.
wa_webhook_macros::generate!("ui/specs/colliding_types");

fn main() {}
