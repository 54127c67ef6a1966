// A generated type named like a standard type the generated fields name (`Option`).
wa_webhook_macros::generate!("ui/specs/hides_std_type");

fn main() {}
