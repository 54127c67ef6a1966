//! Any text as a spec file, beside the real envelope: loading, validation and expansion (with
//! its fallback on errors) never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

const ENVELOPE: &str = include_str!("../../../spec/envelope.json");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let output = wa_webhook_codegen::generate_from_texts(
        "spec",
        &[("spec/envelope.json", ENVELOPE), ("spec/fuzzed.json", text)],
    );
    let _ = output.tokens.to_string();
});
