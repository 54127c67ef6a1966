//! The benches' corpus: every spec example (`EXAMPLES`), plus the payloads of
//! `../shared/fixtures` when that folder is beside the project.

use std::sync::OnceLock;

static CORPUS: OnceLock<(Vec<Vec<u8>>, &'static str)> = OnceLock::new();

/// Every body of the corpus.
pub fn corpus() -> &'static [Vec<u8>] {
    &load().0
}

/// What the corpus holds, in words.
pub fn corpus_note() -> &'static str {
    load().1
}

fn load() -> &'static (Vec<Vec<u8>>, &'static str) {
    CORPUS.get_or_init(|| {
        let mut bodies: Vec<Vec<u8>> = wa_webhook_types::EXAMPLES
            .iter()
            .map(|e| e.json.as_bytes().to_vec())
            .collect();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/fixtures");
        let Ok(manifest) = std::fs::read_to_string(dir.join("manifest.json")) else {
            return (bodies, "spec examples only: ../shared/fixtures is absent");
        };
        let manifest: Vec<serde_json::Value> = serde_json::from_str(&manifest).expect("manifest");
        for entry in manifest {
            if let Some(Ok(body)) = entry["file"].as_str().map(|f| std::fs::read(dir.join(f))) {
                bodies.push(body);
            }
        }
        (bodies, "spec examples and ../shared/fixtures")
    })
}
