// Two rows listing the same values: one enum holds them, the second row says `values_of`.
wa_webhook_macros::generate!("ui/specs/same_values_twice");

fn main() {}
