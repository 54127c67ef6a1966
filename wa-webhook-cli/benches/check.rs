//! `wa-webhook check` against parsing alone, in the same run: a JSON Lines file of the payloads
//! of `../shared/fixtures` (real payloads; the spec examples where that folder is absent)
//! minified and repeated to 50 MB, checked by the built binary, and parsed with `Notification::from_slice` line by line in this process (same
//! allocator), seven interleaved rounds; medians and their ratio.
//!
//! Run: `taskset -c 1 cargo bench -p wa-webhook-cli --bench check` for one core (the binary
//! inherits the affinity); without `taskset` for every core. `CHECK_BENCH_MB` sets the size.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use wa_webhook_types::Notification;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const ROUNDS: usize = 7;

fn main() {
    let megabytes: usize = std::env::var("CHECK_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let (lines, note) = corpus_lines();
    let mut file = Vec::with_capacity(megabytes << 20);
    while file.len() < megabytes * 1_000_000 {
        for line in &lines {
            file.extend_from_slice(line);
            file.push(b'\n');
        }
    }
    let path = std::env::temp_dir().join(format!(
        "wa-webhook-check-bench-{}.jsonl",
        std::process::id()
    ));
    std::fs::write(&path, &file).expect("write the bench file");
    let bytes = file.len();
    drop(file);
    println!(
        "{:.1} MB: {} payloads ({note}) minified, repeated",
        bytes as f64 / 1e6,
        lines.len()
    );

    let (mut parse, mut check) = (Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        parse.push(parse_alone(&path));
        check.push(run_check(&path));
    }
    let _ = std::fs::remove_file(&path);
    let (parse, check) = (median(parse), median(check));
    let rate = |d: Duration| bytes as f64 / 1e6 / d.as_secs_f64();
    println!("| pass | median of {ROUNDS} | MB/s |\n| --- | --- | --- |");
    println!(
        "| parse alone (`from_slice`, each line) | {parse:.2?} | {:.0} |",
        rate(parse)
    );
    println!("| `wa-webhook check` | {check:.2?} | {:.0} |", rate(check));
    println!(
        "check / parse alone: {:.2}x the time",
        check.as_secs_f64() / parse.as_secs_f64()
    );
}

/// Reads the file and parses each line, as `check` reads it: the time of the parse alone.
fn parse_alone(path: &Path) -> Duration {
    let start = Instant::now();
    let file = std::fs::read(path).expect("read the bench file");
    let mut parsed = 0usize;
    for line in file.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
        parsed += usize::from(Notification::from_slice(line).is_ok());
    }
    assert!(parsed > 0, "nothing parsed");
    start.elapsed()
}

fn run_check(path: &Path) -> Duration {
    let start = Instant::now();
    let status = Command::new(env!("CARGO_BIN_EXE_wa-webhook"))
        .arg("check")
        .arg(path)
        .stdout(Stdio::null())
        .status()
        .expect("run wa-webhook check");
    let elapsed = start.elapsed();
    // 1: some fixture did not parse (a conformance result, not a failure of the run).
    assert!(matches!(status.code(), Some(0 | 1)), "check: {status}");
    elapsed
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// Every fixture as one minified line (whitespace outside strings removed, key order kept).
fn corpus_lines() -> (Vec<Vec<u8>>, &'static str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/fixtures");
    let Ok(manifest) = std::fs::read_to_string(dir.join("manifest.json")) else {
        let examples = wa_webhook_types::EXAMPLES.iter();
        let lines = examples.map(|e| minified(e.json.as_bytes())).collect();
        return (lines, "spec examples only: ../shared/fixtures is absent");
    };
    let manifest: Vec<serde_json::Value> = serde_json::from_str(&manifest).expect("manifest");
    let files = manifest.iter().filter_map(|entry| entry["file"].as_str());
    let lines = files
        .map(|file| minified(&std::fs::read(dir.join(file)).expect("a fixture")))
        .collect();
    (lines, "../shared/fixtures")
}

fn minified(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let (mut in_string, mut escaped) = (false, false);
    for &b in body {
        if in_string {
            (in_string, escaped) = (escaped || b != b'"', !escaped && b == b'\\');
        } else if b == b'"' {
            in_string = true;
        } else if b.is_ascii_whitespace() {
            continue;
        }
        out.push(b);
    }
    out
}
