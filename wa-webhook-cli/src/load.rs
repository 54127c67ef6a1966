//! `wa-webhook load`: post signed bodies to a receiver from concurrent clients, as Meta would
//! (retrying what was not acknowledged, sending some bodies twice), and report throughput,
//! latency and which bodies were acknowledged.
//!
//! Each request's body is a corpus body made unique (its first entry's `id` gets `-<n>`), so a
//! sink can be checked to hold every acknowledged body exactly once.

use crate::app_secret::AppSecrets;
use crate::inputs;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use wa_webhook_types::receive::signature;

/// What `load` was asked to do.
pub struct LoadOptions {
    /// Where to post (`http://127.0.0.1:8080/webhook`).
    pub url: String,
    /// Concurrent clients.
    pub clients: usize,
    /// Distinct bodies to send.
    pub requests: usize,
    /// Send every n-th body a second time after its 200, as Meta's retries do (0: never).
    pub repeat_every: usize,
    /// Give up on a body not acknowledged after this long.
    pub deadline: Duration,
    /// Where to write the SHA-256 (hex) of each acknowledged body, one per line.
    pub acked: Option<PathBuf>,
    /// Files, folders or JSON Lines files of bodies to send.
    pub corpus: Vec<PathBuf>,
}

/// What the clients saw.
#[derive(Default)]
struct Tally {
    /// Latency of each acknowledged request, in microseconds.
    latencies: Vec<u64>,
    /// Keys of the acknowledged bodies.
    acked: Vec<String>,
    /// Attempts that failed (connection error, timeout, or not 200) and were retried.
    retried: usize,
    /// Bodies never acknowledged before the deadline.
    lost: usize,
    /// Repeats of acknowledged bodies, each acknowledged too.
    repeats: usize,
    /// First sends the receiver said it had stored before (a `serve` answers which).
    stored_before: usize,
}

pub fn run(options: LoadOptions) -> ExitCode {
    let secret = match AppSecrets::from_env("the bodies are signed with the first one") {
        Ok(secrets) => secrets.of(None).to_owned(),
        Err(e) => {
            eprintln!("wa-webhook: {e}");
            return ExitCode::from(2);
        }
    };
    let corpus = match read_corpus(&options.corpus) {
        Ok(corpus) if !corpus.is_empty() => corpus,
        Ok(_) => {
            eprintln!("wa-webhook: no body found in the corpus");
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("wa-webhook: {e}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    let tally = match crate::runtime::block_on(send_all(&options, &secret, Arc::new(corpus))) {
        Ok(tally) => tally,
        Err(code) => return code,
    };
    let elapsed = started.elapsed();
    report(&options, &tally, elapsed)
}

async fn send_all(options: &LoadOptions, secret: &str, corpus: Arc<Vec<Vec<u8>>>) -> Tally {
    let client = crate::post::client();
    let next = Arc::new(AtomicUsize::new(0));
    let tally = Arc::new(Mutex::new(Tally::default()));
    // On standard error (drawn only when it is a terminal); the report goes to stdout after.
    let progress = indicatif::ProgressBar::new(options.requests as u64);
    let mut clients = Vec::new();
    for _ in 0..options.clients.max(1) {
        let (client, next, tally, corpus) =
            (client.clone(), next.clone(), tally.clone(), corpus.clone());
        let progress = progress.clone();
        let (url, secret) = (options.url.clone(), secret.to_owned());
        let (requests, repeat_every, deadline) =
            (options.requests, options.repeat_every, options.deadline);
        clients.push(tokio::spawn(async move {
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                if n >= requests {
                    break;
                }
                let body = unique(&corpus[n % corpus.len()], n);
                let header = signature::sign(secret.as_bytes(), &body);
                let sends = if repeat_every > 0 && n % repeat_every == 0 {
                    2
                } else {
                    1
                };
                for send in 0..sends {
                    let outcome = post_until_acked(&client, &url, &body, &header, deadline).await;
                    let mut tally = tally.lock().unwrap_or_else(|p| p.into_inner());
                    tally.retried += outcome.retried;
                    match outcome.latency {
                        Some(latency) if send == 0 => {
                            tally.latencies.push(latency);
                            tally
                                .acked
                                .push(hex::encode(crate::record::body_key(&body)));
                            tally.stored_before += usize::from(outcome.stored_before);
                        }
                        Some(_) => tally.repeats += 1,
                        None => tally.lost += 1,
                    }
                }
                progress.inc(1);
            }
        }));
    }
    for client in clients {
        let _ = client.await;
    }
    progress.finish_and_clear();
    Arc::try_unwrap(tally)
        .map(|m| m.into_inner().unwrap_or_else(|p| p.into_inner()))
        .unwrap_or_default()
}

struct Outcome {
    /// The latency of the attempt that got 200.
    latency: Option<u64>,
    retried: usize,
    /// The 200 said the body was stored before.
    stored_before: bool,
}

/// Posts until a 200 or the deadline, backing off after each failure as Meta does.
async fn post_until_acked(
    client: &crate::post::PostClient,
    url: &str,
    body: &[u8],
    header: &str,
    deadline: Duration,
) -> Outcome {
    let until = Instant::now() + deadline;
    let mut backoff = Duration::from_millis(10);
    let mut retried = 0;
    loop {
        let started = Instant::now();
        if let Ok((status, said)) = crate::post::post_signed(client, url, body, header).await {
            if status == hyper::StatusCode::OK {
                let latency = started.elapsed().as_micros() as u64;
                return Outcome {
                    latency: Some(latency),
                    retried,
                    stored_before: said == crate::record::STORED_BEFORE.as_bytes(),
                };
            }
        }
        if Instant::now() + backoff > until {
            return Outcome {
                latency: None,
                retried,
                stored_before: false,
            };
        }
        retried += 1;
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(Duration::from_millis(500));
    }
}

/// The corpus body `n` made unique: `-<n>` appended to its first entry's `id`.
fn unique(body: &[u8], n: usize) -> Vec<u8> {
    let Ok(mut value) = serde_json::from_slice::<serde_json::Value>(body) else {
        return body.to_vec();
    };
    if let Some(id) = value.pointer_mut("/entry/0/id") {
        if let Some(text) = id.as_str() {
            *id = serde_json::Value::String(format!("{text}-{n}"));
        }
    }
    serde_json::to_vec(&value).unwrap_or_else(|_| body.to_vec())
}

/// Every body under `paths` that can be sent as a distinct webhook: a webhook notification
/// whose first entry has a string `id` (to make each request unique). The others are skipped,
/// with a warning that names the first of each kind.
fn read_corpus(paths: &[PathBuf]) -> Result<Vec<Vec<u8>>, String> {
    let mut bodies = Vec::new();
    let mut skipped: Vec<(&str, usize, String)> = vec![
        ("not a webhook notification", 0, String::new()),
        (
            "a webhook whose first entry has no string `id` (it cannot be made unique)",
            0,
            String::new(),
        ),
    ];
    for input in inputs::files(paths, &globset::GlobSet::empty())? {
        for body in inputs::bodies(input.as_deref()) {
            let Ok(bytes) = body.bytes else { continue };
            let reason = match wa_webhook_types::from_slice(&bytes) {
                Err(e) => Some((0, format!("{}: {e}", body.name))),
                Ok(n) => {
                    let id = n.entry.items().first().and_then(|e| match e {
                        wa_webhook_types::Item::Typed(entry) => Some(entry.id.as_str()),
                        wa_webhook_types::Item::Invalid(_) => None,
                    });
                    id.is_none().then(|| (1, body.name.clone()))
                }
            };
            match reason {
                Some((kind, first)) => {
                    let (_, count, example) = &mut skipped[kind];
                    *count += 1;
                    if example.is_empty() {
                        *example = first;
                    }
                }
                None => bodies.push(bytes),
            }
        }
    }
    for (what, count, first) in skipped.iter().filter(|(_, n, _)| *n > 0) {
        eprintln!("wa-webhook: skipped {count} bod(ies) of the corpus: {what} (first: {first})");
    }
    Ok(bodies)
}

fn report(options: &LoadOptions, tally: &Tally, elapsed: Duration) -> ExitCode {
    let mut latencies = tally.latencies.clone();
    latencies.sort_unstable();
    let percentile = |p: f64| -> f64 {
        if latencies.is_empty() {
            return 0.0;
        }
        let i = ((latencies.len() as f64 * p).ceil() as usize).clamp(1, latencies.len()) - 1;
        latencies[i] as f64 / 1000.0
    };
    let acked = tally.acked.len();
    let seconds = elapsed.as_secs_f64();
    println!(
        "{} bodies sent by {} clients in {seconds:.2}s: {acked} acknowledged ({:.0} per second; outcome {} new, {} duplicate, as /metrics counts them), {} sent again after their 200 (duplicates by design), {} attempts retried, {} never acknowledged; latency p50 {:.2} ms, p99 {:.2} ms",
        options.requests,
        options.clients,
        acked as f64 / seconds,
        acked - tally.stored_before,
        tally.stored_before,
        tally.repeats,
        tally.retried,
        tally.lost,
        percentile(0.50),
        percentile(0.99),
    );
    if let Some(path) = &options.acked {
        let written = std::fs::File::create(path).and_then(|mut file| {
            for key in &tally.acked {
                writeln!(file, "{key}")?;
            }
            file.sync_all()
        });
        if let Err(e) = written {
            eprintln!("wa-webhook: {}: {e}", path.display());
            return ExitCode::from(1);
        }
    }
    ExitCode::from(if tally.lost == 0 { 0 } else { 1 })
}
