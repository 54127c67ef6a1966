//! What the generator writes for one field, pretty-printed and pinned: a change to the expansion
//! shows up in review as a diff of `snapshots/snapshot__security.snap`. Refresh with
//! `INSTA_UPDATE=always cargo test -p wa-webhook-tests --test snapshot` (or `cargo insta review`).

use std::path::Path;

#[test]
fn the_security_field_expands_to_this_code() {
    let spec = |file: &str| {
        std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../spec")
                .join(file),
        )
        .unwrap()
    };
    let envelope = spec("envelope.json");
    let security = spec("security.json");
    let output = wa_webhook_codegen::generate_from_texts(
        "spec",
        &[
            ("spec/envelope.json", &envelope),
            ("spec/security.json", &security),
        ],
    );
    assert!(output.errors.is_empty(), "{:?}", output.errors);
    let file: syn::File = syn::parse2(output.tokens).expect("generated code parses");
    let code = prettyplease::unparse(&file);
    // The module and the doc lines above it.
    let module = code
        .find("pub mod security {")
        .expect("the security module");
    let start = code[..module]
        .lines()
        .rev()
        .take_while(|line| line.trim_start().starts_with("///"))
        .map(|line| line.len() + 1)
        .sum::<usize>();
    let start = module - start;
    let end = code[start..]
        .find("\n}\n")
        .map(|i| start + i + 3)
        .expect("its end");
    insta::assert_snapshot!("security", &code[start..end]);
}
