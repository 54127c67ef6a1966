//! What the generator makes, one spec folder per concept: `tests/expand/<case>/`.
//!
//! Each case's whole expansion, pretty-printed, is pinned as `snapshots/expand__<case>.snap`, so
//! a change to the generator shows up in review as a diff; and each expansion is compiled and run
//! (`tests/expand/<case>.rs`: its examples parse with no drift and round-trip). Refresh the
//! snapshots after a deliberate change with
//! `INSTA_UPDATE=always cargo test -p wa-webhook-tests --test expand` and review the diff.

use std::path::Path;

fn cases() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("expand");
    let mut cases: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    cases
}

#[test]
fn each_case_expands_to_its_snapshot() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let cases = cases();
    assert!(cases.len() >= 8, "{cases:?}");
    for case in cases {
        assert!(
            root.join(format!("expand/{case}.rs")).exists(),
            "tests/expand/{case}.rs compiles the case"
        );
        let output = wa_webhook_codegen::generate(root, &format!("expand/{case}"));
        assert!(output.errors.is_empty(), "{case}: {:?}", output.errors);
        let file: syn::File = syn::parse2(output.tokens).expect("generated code parses");
        insta::assert_snapshot!(case.clone(), prettyplease::unparse(&file));
    }
}

#[test]
fn each_case_compiles_and_round_trips_its_examples() {
    // As for the compile-fail cases: spec paths relative to this crate on every machine.
    std::env::set_var("WA_WEBHOOK_SPEC_ROOT", env!("CARGO_MANIFEST_DIR"));
    trybuild::TestCases::new().pass("expand/*.rs");
}
