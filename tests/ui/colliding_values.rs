// Two values that become the same variant: the fix is a rename.
wa_webhook_macros::generate!("ui/specs/colliding_values");

fn main() {}
