//! Parse throughput of `wa_webhook_types::from_slice` beside the peer crates and two generic JSON
//! trees, measured interleaved in one process on the same corpus: every spec example plus the
//! payloads of `../shared/fixtures`.
//!
//! Run (release, ideally pinned to one core): `cd benches/peers && taskset -c 1 cargo run
//! --release`. Prints, per parser: how many payloads it accepts, MB/s on the whole corpus and on
//! the payloads every parser accepts, each as a ratio to `serde_json::Value` (the median over
//! seven interleaved rounds of the ratio within each round), and ours on the messages bodies
//! alone and on the isolation cases of the test suite (`tests/isolation`: bodies with an item
//! that does not fit, kept raw).

mod floor;

use std::path::Path;
use std::time::{Duration, Instant};

/// A parser under test: its name and a function that parses one body, `true` if it accepted it.
struct Parser {
    name: &'static str,
    parse: fn(&[u8]) -> bool,
}

/// Where `wa_webhook_types::from_slice` is in [`PARSERS`].
const OURS: usize = 1;

/// The parsers measured; `serde_json::Value` first, the baseline of every ratio. The last three
/// build nothing: they visit every token and borrow every string, the floor of a typed reader
/// over serde_json's visitors, over sonic-rs's, and over a pull parser (jiter), for choosing
/// among them.
const PARSERS: [Parser; 8] = [
    Parser {
        name: "serde_json::Value",
        parse: |b| serde_json::from_slice::<serde_json::Value>(b).is_ok(),
    },
    Parser {
        name: "wa_webhook_types::from_slice",
        parse: |b| wa_webhook_types::from_slice(b).is_ok(),
    },
    Parser {
        name: "meta-whatsapp 0.1.5 WebhookPayload",
        parse: |b| serde_json::from_slice::<meta_whatsapp::types::WebhookPayload>(b).is_ok(),
    },
    Parser {
        name: "whatsapp-cloud-api 0.5.5 NotificationPayload",
        parse: |b| {
            serde_json::from_slice::<whatsapp_cloud_api::models::webhooks::NotificationPayload>(b)
                .is_ok()
        },
    },
    Parser {
        name: "sonic_rs::Value",
        parse: |b| sonic_rs::from_slice::<sonic_rs::Value>(b).is_ok(),
    },
    Parser {
        name: "floor: serde_json visitors, every token",
        parse: |b| serde_json::from_slice::<floor::Visited>(b).is_ok(),
    },
    Parser {
        name: "floor: sonic-rs visitors, every token",
        parse: |b| sonic_rs::from_slice::<floor::Visited>(b).is_ok(),
    },
    Parser {
        name: "floor: jiter 0.19 pull parser, every token",
        parse: floor::jiter_walk,
    },
];

/// Rounds of measurement; the median is reported.
const ROUNDS: usize = 7;
/// The time one measurement aims at.
const TARGET: Duration = Duration::from_millis(150);

fn main() {
    let corpus = corpus();
    let accepted: Vec<Vec<bool>> = PARSERS
        .iter()
        .map(|p| corpus.iter().map(|b| (p.parse)(b)).collect())
        .collect();
    let common: Vec<&[u8]> = corpus
        .iter()
        .enumerate()
        .filter(|(i, _)| accepted.iter().all(|a| a[*i]))
        .map(|(_, b)| b.as_slice())
        .collect();
    let all: Vec<&[u8]> = corpus.iter().map(Vec::as_slice).collect();
    let bytes = |set: &[&[u8]]| set.iter().map(|b| b.len()).sum::<usize>();
    println!(
        "corpus: {} payloads, {} bytes; {} payloads ({} bytes) accepted by every parser",
        all.len(),
        bytes(&all),
        common.len(),
        bytes(&common)
    );
    // The payloads whose every change is of field `messages`: most of what a receiver gets.
    let messages: Vec<&[u8]> = all
        .iter()
        .copied()
        .filter(|b| {
            wa_webhook_types::Notification::from_slice(b).is_ok_and(|n| {
                n.changes().next().is_some() && n.changes().all(|c| c.field() == "messages")
            })
        })
        .collect();
    let isolation = isolation_cases();
    let isolated: Vec<&[u8]> = isolation.iter().map(Vec::as_slice).collect();
    let full = measure(&all);
    let shared = measure(&common);
    let messages_rates = measure(&messages);
    let isolation_rates = measure(&isolated);
    println!(
        "\n| parser | accepts | MB/s (all) | vs Value | MB/s (common) | vs Value |\n| --- | --- | --- | --- | --- | --- |"
    );
    for (i, parser) in PARSERS.iter().enumerate() {
        let mbs = |rate: f64| rate / 1e6;
        println!(
            "| {} | {}/{} | {:.1} | {:.2}x | {:.1} | {:.2}x |",
            parser.name,
            accepted[i].iter().filter(|a| **a).count(),
            all.len(),
            mbs(full[i].bytes_per_second),
            full[i].vs_value,
            mbs(shared[i].bytes_per_second),
            shared[i].vs_value
        );
    }
    println!(
        "\nmessages bodies ({} payloads, {} bytes): from_slice {:.1} MB/s, {:.2}x serde_json::Value",
        messages.len(),
        bytes(&messages),
        messages_rates[OURS].bytes_per_second / 1e6,
        messages_rates[OURS].vs_value
    );
    println!(
        "isolation cases ({} payloads, {} bytes): from_slice {:.1} MB/s, {:.2}x serde_json::Value",
        isolated.len(),
        bytes(&isolated),
        isolation_rates[OURS].bytes_per_second / 1e6,
        isolation_rates[OURS].vs_value
    );
}

/// Each parser over `set`: its median bytes per second over [`ROUNDS`] rounds, and the median
/// of its rate over `serde_json::Value`'s in the same round. The parsers take turns within a
/// round (starting one later each round), and a ratio of one round compares passes seconds
/// apart, so drift in the machine's speed falls on both sides of it.
fn measure(set: &[&[u8]]) -> Vec<Rate> {
    let bytes: usize = set.iter().map(|b| b.len()).sum();
    let mut rounds = Vec::with_capacity(ROUNDS);
    for round in 0..ROUNDS {
        let mut rates = vec![0.0; PARSERS.len()];
        for k in 0..PARSERS.len() {
            let i = (round + k) % PARSERS.len();
            let parse = PARSERS[i].parse;
            let pass = || {
                for body in set {
                    std::hint::black_box(parse(std::hint::black_box(body)));
                }
            };
            let start = Instant::now();
            pass();
            let once = start.elapsed().max(Duration::from_micros(1));
            let passes = (TARGET.as_secs_f64() / once.as_secs_f64()).ceil().max(1.0) as usize;
            let start = Instant::now();
            for _ in 0..passes {
                pass();
            }
            rates[i] = (bytes * passes) as f64 / start.elapsed().as_secs_f64();
        }
        rounds.push(rates);
    }
    (0..PARSERS.len())
        .map(|i| Rate {
            bytes_per_second: median(rounds.iter().map(|r| r[i]).collect()),
            vs_value: median(rounds.iter().map(|r| r[i] / r[0]).collect()),
        })
        .collect()
}

/// A parser's speed over a set of payloads.
struct Rate {
    bytes_per_second: f64,
    /// Its rate over `serde_json::Value`'s, round by round; the median.
    vs_value: f64,
}

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

/// The bodies of `tests/isolation`: each keeps an item (or a change) raw, which the test suite
/// asserts.
fn isolation_cases() -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/isolation");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("a readable folder").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|path| std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
        .collect()
}

/// Every spec example, then the fixtures' payloads (the run says when they are absent).
fn corpus() -> Vec<Vec<u8>> {
    let mut bodies: Vec<Vec<u8>> = wa_webhook_types::EXAMPLES
        .iter()
        .map(|e| e.json.as_bytes().to_vec())
        .collect();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures");
    match std::fs::read_to_string(dir.join("manifest.json")) {
        Ok(manifest) => {
            let manifest: Vec<serde_json::Value> =
                serde_json::from_str(&manifest).expect("the fixtures' manifest is JSON");
            for entry in manifest {
                if let Some(Ok(body)) = entry["file"].as_str().map(|f| std::fs::read(dir.join(f))) {
                    bodies.push(body);
                }
            }
        }
        Err(e) => println!("{} is absent ({e}): spec examples only", dir.display()),
    }
    bodies
}
