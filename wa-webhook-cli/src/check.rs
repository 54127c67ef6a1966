//! `wa-webhook check`: parse payloads, report their fields, drift and round trip.

use crate::inputs;
use crate::unparsed::why_not_parsed;
use serde::Serialize;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use wa_webhook_types::{Change, Drift, DriftKind, Item, Notification};

/// The report of one payload; `--json` prints it as one line, keys in this order.
#[derive(Serialize)]
struct Report {
    path: String,
    /// The word the text output opens the line with, in lower case: `ok`, `drift`, `partial`
    /// (parsed, with a part kept raw), `fail`.
    status: &'static str,
    ok: bool,
    error: Option<String>,
    fields: Vec<String>,
    changes: Vec<ChangeReport>,
    drift: Vec<Drift>,
    roundtrip: bool,
    /// Array items kept raw (entries, change objects, messages, ...), for the text output.
    #[serde(skip)]
    raw_items: usize,
}

impl Report {
    /// Parsed, every change typed, nothing kept raw, no drift, and the round trip equal.
    fn clean(&self) -> bool {
        self.ok && self.roundtrip && self.drift.is_empty() && self.changes.iter().all(|c| c.typed)
    }

    /// The report with its status word set: `ok` only for a clean payload.
    fn with_status(mut self) -> Self {
        self.status = if !self.ok {
            "fail"
        } else if self.raw_items > 0 || self.changes.iter().any(|c| !c.typed) {
            "partial"
        } else if !self.drift.is_empty() || !self.roundtrip {
            "drift"
        } else {
            "ok"
        };
        self
    }
}

/// One change of a payload: where, its field, and whether it was typed (not kept raw as an
/// unknown field, an invalid value, or a change object that did not fit).
#[derive(Serialize)]
struct ChangeReport {
    path: String,
    field: Option<String>,
    typed: bool,
}

/// Checks every payload under `paths`; exit 0 if all parsed (and, `strict`, were fully typed
/// with no drift), 1 if any did not, 2 on bad paths.
pub fn run(paths: &inputs::PayloadPaths, json: bool, strict: bool) -> ExitCode {
    let inputs = match paths.files() {
        Ok(inputs) => inputs,
        Err(e) => {
            eprintln!("wa-webhook: {e}");
            return ExitCode::from(2);
        }
    };
    // Buffered: a line per body, thousands of bodies a second (flushed when done).
    let mut out = io::BufWriter::new(io::stdout().lock());
    let mut all_ok = true;
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    for input in inputs {
        let bodies = inputs::bodies(input.as_deref());
        // On standard error for inputs of many chunks, when the reports go elsewhere than the
        // terminal the bar is drawn on (indicatif draws nothing when stderr is no terminal).
        let progress = if bodies.len() > CHUNK && !io::stdout().is_terminal() {
            indicatif::ProgressBar::new(bodies.len() as u64)
        } else {
            indicatif::ProgressBar::hidden()
        };
        for report in bodies.chunks(CHUNK).flat_map(|chunk| {
            progress.inc(chunk.len() as u64);
            check_all(chunk, workers)
        }) {
            all_ok &= report.ok && (!strict || report.clean());
            let written = if json {
                print_json(&mut out, &report)
            } else {
                print_text(&mut out, &report)
            };
            if written.is_err() {
                // stdout closed (a pipe to `head`): nothing more can be reported.
                return ExitCode::from(if all_ok { 0 } else { 1 });
            }
        }
        progress.finish_and_clear();
    }
    let _ = out.flush(); // a closed stdout: nothing more can be reported
    ExitCode::from(if all_ok { 0 } else { 1 })
}

/// Bodies checked at once: spread over the workers, reported in order.
const CHUNK: usize = 4096;

/// Checks `bodies` on `workers` threads (each a contiguous share); reports in input order.
/// One worker checks on this thread: a thread per chunk would free every report across
/// threads, which the allocator pays for (about 3.5% of a one-core `check`'s instructions).
fn check_all(bodies: &[inputs::Body], workers: usize) -> Vec<Report> {
    if workers <= 1 {
        return bodies.iter().map(check).collect();
    }
    let share = bodies.len().div_ceil(workers).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = bodies
            .chunks(share)
            .map(|part| scope.spawn(move || part.iter().map(check).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("checking a body does not panic"))
            .collect()
    })
}

fn check(body: &inputs::Body) -> Report {
    let path = body.name.clone();
    let failed = |path, error: String| Report {
        path,
        status: "fail",
        ok: false,
        error: Some(error),
        fields: Vec::new(),
        changes: Vec::new(),
        drift: Vec::new(),
        roundtrip: false,
        raw_items: 0,
    };
    let body = match &body.bytes {
        Ok(body) => body,
        Err(e) => return failed(path, e.clone()),
    };
    let notification = match Notification::from_slice(body) {
        Ok(n) => n,
        Err(e) if e.is_not_json() => return failed(path, e.to_string()),
        Err(e) => return failed(path, format!("{}: {e}", why_not_parsed(&e))),
    };
    let drift = notification.drift();
    // Each invalid drift is one part kept raw: a whole change (`Change::Invalid`) or an item.
    let invalid_changes = notification
        .changes()
        .filter(|c| matches!(c, Change::Invalid(_)))
        .count();
    let raw_items = drift
        .iter()
        .filter(|d| d.kind == DriftKind::Invalid)
        .count()
        - invalid_changes;
    // The body's value and the typed parse's, compared by digest: neither a tree of the body
    // nor the text written back is built (see `digest`).
    let roundtrip = std::str::from_utf8(body)
        .ok()
        .and_then(crate::digest::of_text)
        .is_some_and(|input| crate::digest::of_value(&notification) == Some(input));
    Report {
        path,
        status: "",
        ok: true,
        error: None,
        fields: notification
            .changes()
            .map(Change::field)
            .map(str::to_owned)
            .collect(),
        changes: changes(&notification),
        drift,
        roundtrip,
        raw_items,
    }
    .with_status()
}

/// Every change object of every typed entry, in order, raw ones included.
fn changes(notification: &Notification) -> Vec<ChangeReport> {
    let mut out = Vec::new();
    for (e, entry) in notification.entry.items().iter().enumerate() {
        let Item::Typed(entry) = entry else { continue };
        for (c, change) in entry.changes.items().iter().enumerate() {
            let (mut e_text, mut c_text) = (itoa::Buffer::new(), itoa::Buffer::new());
            let path = [
                "entry[",
                e_text.format(e),
                "].changes[",
                c_text.format(c),
                "]",
            ]
            .concat();
            out.push(match change {
                Item::Typed(change) => ChangeReport {
                    path,
                    field: Some(change.change.field().to_owned()),
                    typed: !matches!(change.change, Change::Invalid(_) | Change::Unrecognized(_)),
                },
                Item::Invalid(raw) => ChangeReport {
                    path,
                    field: serde_json::from_str::<serde_json::Value>(raw.value().get())
                        .ok()
                        .and_then(|v| v.get("field")?.as_str().map(str::to_owned)),
                    typed: false,
                },
            });
        }
    }
    out
}

fn print_json(out: &mut impl Write, report: &Report) -> io::Result<()> {
    serde_json::to_writer(&mut *out, report)?;
    writeln!(out)
}

fn print_text(out: &mut impl Write, report: &Report) -> io::Result<()> {
    // Built by hand: a line per body, and `format!`'s padding and arguments cost more than
    // checking a small body.
    let status = if report.status == "fail" {
        "FAIL"
    } else {
        report.status
    };
    let mut line = String::with_capacity(160);
    line.push_str(status);
    line.push_str(&"       "[status.len().min(7)..]);
    line.push(' ');
    line.push_str(&report.path);
    line.push_str(": ");
    if let Some(error) = &report.error {
        line.push_str(error);
        line.push('\n');
        return out.write_all(line.as_bytes());
    }
    let mut number = itoa::Buffer::new();
    let untyped = report.changes.iter().filter(|c| !c.typed).count();
    line.push_str(number.format(report.changes.len()));
    line.push_str(" change(s) [");
    match report.fields.as_slice() {
        [] => line.push('-'),
        fields => {
            for (i, field) in fields.iter().enumerate() {
                if i > 0 {
                    line.push(',');
                }
                line.push_str(field);
            }
        }
    }
    line.push_str("], ");
    line.push_str(number.format(untyped));
    line.push_str(" not typed, ");
    line.push_str(number.format(report.raw_items));
    line.push_str(" array item(s) kept raw, ");
    line.push_str(number.format(report.drift.len()));
    line.push_str(" drift, round trip ");
    line.push_str(if report.roundtrip { "equal" } else { "DIFFERS" });
    line.push('\n');
    out.write_all(line.as_bytes())?;
    // `check` reads stored bodies for the person who runs it: an invalid part's error is shown
    // (it may quote the part), which a drift's `Display`, made for logs, leaves out.
    for drift in &report.drift {
        match drift.kind {
            DriftKind::Invalid => writeln!(out, "       {drift} {:?}", drift.found)?,
            _ => writeln!(out, "       {drift}")?,
        }
    }
    Ok(())
}
