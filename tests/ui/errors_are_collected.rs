// Mistakes in two files: all reported in one build.
wa_webhook_macros::generate!("ui/specs/errors_are_collected");

fn main() {}
