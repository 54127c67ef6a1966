//! Compile-fail cases: each `ui/<case>.rs` expands a bad spec folder `ui/specs/<case>/`, and its
//! `.stderr` pins the message; each `ui_api/<case>.rs` misuses the receiver's API (a router
//! without a configuration). Refresh with `TRYBUILD=overwrite cargo test -p wa-webhook-tests --test ui`.

#[test]
fn bad_specs_stop_the_build_with_a_message_naming_the_culprit() {
    // trybuild compiles each case in a crate of its own; point the macro at this crate so the
    // spec paths (and so the messages) are `ui/specs/...` on every machine.
    std::env::set_var("WA_WEBHOOK_SPEC_ROOT", env!("CARGO_MANIFEST_DIR"));
    let cases = trybuild::TestCases::new();
    cases.compile_fail("ui/*.rs");
}

#[test]
fn misuses_of_the_receiver_api_do_not_compile() {
    trybuild::TestCases::new().compile_fail("ui_api/*.rs");
}
