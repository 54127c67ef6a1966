//! The server builds without the spec tools: `--no-default-features --features nats` links
//! neither the generator nor syn nor prettyplease (they stay build-time only, inside the
//! `generate!` proc-macro), while the default build has them for `wa-webhook spec`.

use std::process::Command;

/// The crates linked into the binary (proc-macro edges left out: they run at build time only).
fn linked(features: &[&str]) -> Vec<String> {
    let mut args = vec!["tree", "-p", "wa-webhook-cli", "--locked"];
    args.extend_from_slice(features);
    args.extend_from_slice(&["-e", "normal,no-proc-macro", "--prefix", "none"]);
    let out = Command::new(env!("CARGO"))
        .args(&args)
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "cargo tree {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|line| line.split(' ').next())
        .map(str::to_owned)
        .collect()
}

const SPEC_TOOLS: [&str; 3] = ["syn", "prettyplease", "wa-webhook-codegen"];

#[test]
fn the_server_build_links_no_generator_syn_or_prettyplease() {
    let lean = linked(&["--no-default-features", "--features", "nats"]);
    assert!(lean.iter().any(|c| c == "async-nats"), "{lean:?}");
    assert!(lean.iter().any(|c| c == "wa-webhook-types"), "{lean:?}");
    for tool in SPEC_TOOLS {
        assert!(
            !lean.iter().any(|c| c == tool),
            "the server build links {tool}"
        );
    }
    let full = linked(&[]);
    for tool in SPEC_TOOLS {
        assert!(
            full.iter().any(|c| c == tool),
            "the default build has `spec`: {tool}"
        );
    }
}
