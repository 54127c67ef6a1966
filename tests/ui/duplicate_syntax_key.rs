// A key written twice in the syntax (Meta's way of showing alternatives).
wa_webhook_macros::generate!("ui/specs/duplicate_syntax_key");

fn main() {}
