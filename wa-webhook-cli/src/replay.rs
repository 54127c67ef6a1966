//! `wa-webhook replay`: send stored bodies to an app again, as Meta would have: each record of
//! a file-sink folder (or JSON Lines file) in a time range, signed anew with `WA_APP_SECRET`,
//! posted one at a time at a bounded rate and retried with backoff until a 2xx or the retries
//! run out; then a summary naming every body that was not accepted by its key.

use crate::app_secret::AppSecrets;
use crate::record::body_key;
use crate::record::{self, Record};
use indicatif::{ProgressBar, ProgressStyle};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use wa_webhook_types::receive::signature;

/// What `replay` was asked to do (its command-line arguments).
#[derive(clap::Args)]
pub struct ReplayOptions {
    /// A file-sink folder (`serve --sink file:DIR`) or one of its files.
    pub source: PathBuf,
    /// Where to post.
    #[arg(long)]
    pub to: String,
    /// Only bodies received at or after this time: RFC 3339 (`2026-12-01T08:00:00Z`,
    /// `2026-12-01T09:00:00+01:00`, `2026-12-01 08:00:00`) or a time before now (`2h`, `1d`,
    /// `30m`).
    #[arg(long, value_parser = point_in_time)]
    pub since: Option<SystemTime>,
    /// Only bodies received before this time (as `--since`).
    #[arg(long, value_parser = point_in_time)]
    pub until: Option<SystemTime>,
    /// At most this many bodies a second.
    #[arg(long, default_value_t = 50.0)]
    pub rate: f64,
    /// Attempts after the first for a body not answered 2xx.
    #[arg(long, default_value_t = 5)]
    pub retries: u32,
    /// Milliseconds before the first retry; doubled after each (Meta backs off too).
    #[arg(long = "retry-wait-ms", default_value_t = 1000)]
    pub retry_wait_ms: u64,
}

/// Replays; exit 0 when every body got a 2xx, 1 when some did not, 2 on a usage error.
pub fn run(options: ReplayOptions) -> ExitCode {
    let secrets = match AppSecrets::from_env(
        "each replayed body is signed anew with its app's secret (the first one's if it names none)",
    ) {
        Ok(secrets) => secrets,
        Err(e) => {
            eprintln!("wa-webhook: {e}");
            return ExitCode::from(2);
        }
    };
    let bodies = match records(&options.source, options.since, options.until) {
        Ok(bodies) => bodies,
        Err(e) => {
            eprintln!("wa-webhook: {e}");
            return ExitCode::from(2);
        }
    };
    match crate::runtime::block_on(send(&options, &secrets, &bodies)) {
        Ok(failed) => summary(bodies.len(), &failed),
        Err(code) => code,
    }
}

/// A stored body, and the app that signed it (as its record names it).
struct StoredBody {
    body: Vec<u8>,
    app: Option<String>,
}

/// The bodies of `source`'s records received in `[since, until)`, oldest file first.
fn records(
    source: &Path,
    since: Option<SystemTime>,
    until: Option<SystemTime>,
) -> Result<Vec<StoredBody>, String> {
    let files = if source.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(source)
            .map_err(|e| format!("{}: {e}", source.display()))?
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
            .collect();
        files.sort();
        files
    } else if source.is_file() {
        vec![source.to_path_buf()]
    } else {
        return Err(format!("{}: no such file or folder", source.display()));
    };
    let millis = |t: Option<SystemTime>| {
        t.map(|t| {
            t.duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_millis() as u64)
        })
    };
    let (since, until) = (millis(since), millis(until));
    let mut bodies = Vec::new();
    let mut skipped = 0;
    for file in files {
        let bytes = std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        for line in record::lines(&bytes).0 {
            let Ok(record) = serde_json::from_slice::<Record>(line.bytes) else {
                skipped += 1;
                continue;
            };
            let at = record.received_at_ms;
            if since.is_some_and(|s| at < s) || until.is_some_and(|u| at >= u) {
                continue;
            }
            match record.body_bytes() {
                Ok(body) => bodies.push(StoredBody {
                    body,
                    app: record.app,
                }),
                Err(_) => skipped += 1,
            }
        }
    }
    if skipped > 0 {
        eprintln!("wa-webhook: skipped {skipped} line(s) that are not serve records");
    }
    Ok(bodies)
}

/// A body not accepted: its key and the last answer.
struct Failed {
    key: String,
    last: String,
}

async fn send(options: &ReplayOptions, secrets: &AppSecrets, bodies: &[StoredBody]) -> Vec<Failed> {
    let client = crate::post::client();
    let progress = ProgressBar::new(bodies.len() as u64).with_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} bodies, {per_sec}, {eta} left")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let spacing = Duration::from_secs_f64(1.0 / options.rate.max(0.001));
    let mut next = tokio::time::Instant::now();
    let mut failed = Vec::new();
    for StoredBody { body, app } in bodies {
        tokio::time::sleep_until(next).await;
        next += spacing;
        let header = signature::sign(secrets.of(app.as_deref()), body);
        let mut backoff = Duration::from_millis(options.retry_wait_ms);
        let mut attempt = 0;
        loop {
            let (last, transient) =
                match crate::post::post_signed(&client, &options.to, body, &header).await {
                    Ok((status, _)) if status.is_success() => break,
                    Ok((status, _)) => (format!("status {}", status.as_u16()), transient(status)),
                    Err(e) => (e, true), // no answer: the app may be back soon
                };
            // A 403 (a wrong secret) or a 400 will be the same next time: no retry.
            if !transient || attempt == options.retries {
                failed.push(Failed {
                    key: hex::encode(body_key(body)),
                    last,
                });
                break;
            }
            attempt += 1;
            tokio::time::sleep(backoff).await;
            backoff *= 2;
        }
        progress.inc(1);
    }
    progress.finish_and_clear();
    failed
}

/// Whether an answer may differ later: a server error, a timeout, too many requests.
fn transient(status: hyper::StatusCode) -> bool {
    status.is_server_error()
        || status == hyper::StatusCode::REQUEST_TIMEOUT
        || status == hyper::StatusCode::TOO_MANY_REQUESTS
}

/// A point in time as `--since` and `--until` take it: RFC 3339 (with any offset, or none for
/// UTC), or a duration before now (`2h`, `1d`, `90m`).
fn point_in_time(text: &str) -> Result<SystemTime, String> {
    if let Ok(ago) = humantime::parse_duration(text) {
        return SystemTime::now()
            .checked_sub(ago)
            .ok_or_else(|| format!("{text}: before the Unix epoch"));
    }
    if let Ok(time) = humantime::parse_rfc3339_weak(text) {
        return Ok(time);
    }
    // An offset other than Z, which humantime does not read.
    let at = time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339)
        .map_err(|_| {
            format!("{text}: not a time: write RFC 3339 (`2026-12-01T08:00:00Z`) or a time before now (`2h`)")
        })?;
    Ok(SystemTime::from(at))
}

fn summary(sent: usize, failed: &[Failed]) -> ExitCode {
    let accepted = sent - failed.len();
    println!("sent {sent}, 2xx {accepted}, failed {}", failed.len());
    for f in failed {
        println!("failed {} ({})", f.key, f.last);
    }
    ExitCode::from(if failed.is_empty() { 0 } else { 1 })
}
