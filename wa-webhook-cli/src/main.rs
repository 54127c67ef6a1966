//! `wa-webhook`: check webhook payloads against the typed model, and show what the spec generates.

/// A parse allocates (boxed payloads, long strings, arrays), and so do `check`'s reports and
/// `serve`'s requests: mimalloc makes `check` about 1.3x as fast as the system allocator on one
/// core (see the README's performance section).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod app_secret;
mod check;
#[cfg(feature = "spec")]
mod diff;
mod digest;
#[cfg(feature = "spec")]
mod edits;
#[cfg(feature = "spec")]
mod import;
mod inputs;
#[cfg(feature = "load")]
mod load;
mod post;
mod record;
mod replay;
mod runtime;
#[cfg(feature = "spec")]
mod schema;
mod serve;
mod sink_spec;
#[cfg(feature = "spec")]
mod spec;
mod stdout;
#[cfg(feature = "nats")]
mod stream_input;
#[cfg(feature = "spec")]
mod suggest;
mod trigger;
mod unparsed;
mod verify;

use clap::{Parser, Subcommand};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[derive(Parser)]
#[command(
    name = "wa-webhook",
    version,
    about = "Typed WhatsApp Cloud API webhook payloads"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse payloads: typed summary, drift (what the spec does not know) and round trip.
    ///
    /// A `.jsonl` file holds one body per line (as a receiver stores them); each line is checked
    /// and reported as `file:line`.
    ///
    /// Exit status: 0 when every payload parsed (with --strict: and was fully typed, with no
    /// drift), 1 when any did not, 2 on a usage error.
    Check {
        /// One JSON object per payload per line, instead of text.
        #[arg(long)]
        json: bool,
        /// Fail (exit 1) on any drift or anything kept raw, not only on a body that does not parse.
        #[arg(long, alias = "deny-drift")]
        strict: bool,
        #[command(flatten)]
        paths: inputs::PayloadPaths,
    },
    /// Verify an X-Hub-Signature-256 header against a body, with the app secret taken from the
    /// environment variable WA_APP_SECRET (never from the command line).
    ///
    /// Exit status: 0 when it matches, 1 when it does not, 2 on a usage error.
    Verify {
        /// The header's value, `sha256=<64 hex digits>`.
        #[arg(long)]
        signature: String,
        /// The body exactly as received: a file, or `-` for standard input.
        #[arg(default_value = "-")]
        body: PathBuf,
    },
    /// Receive webhooks: answer the handshake, verify each POST's signature, make the raw body
    /// durable in the sink, and only then answer 200 (503 when the sink fails, so Meta retries).
    /// Stored bodies are parsed in the background; drift is logged.
    ///
    /// The app secret and verify token come from WA_APP_SECRET and WA_VERIFY_TOKEN. Logs go to
    /// standard error (RUST_LOG filters; `info` by default) and never carry a body, a phone
    /// number or a secret. SIGTERM or Ctrl-C: stop accepting, finish the requests in flight,
    /// sync, exit 0.
    Serve {
        /// The address to listen on.
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// Where bodies go: `file:DIR` (JSON Lines files in DIR, rotated by size) or
        /// `nats://HOST:PORT/STREAM` (a NATS JetStream stream).
        #[arg(long, default_value = "file:webhooks", value_parser = sink_spec::SinkSpec::parse)]
        sink: sink_spec::SinkSpec,
        /// The largest body accepted, in bytes (larger ones get 413).
        #[arg(long, default_value_t = wa_webhook_types::receive::WebhookConfig::DEFAULT_BODY_LIMIT,
              value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
        body_limit: usize,
        /// Bytes of bodies held at once across all connections; a POST beyond it gets 503 at
        /// once, unread (Meta retries). Default: a 32nd of the memory, 32 to 256 MiB.
        #[arg(long, value_name = "BYTES", value_parser = at_least_one())]
        body_budget: Option<u64>,
        /// Serve `GET /metrics` on this address (an internal one) instead of on the webhook
        /// listener, which Meta and anyone else can reach.
        #[arg(long, value_name = "ADDR")]
        metrics_listen: Option<SocketAddr>,
        /// File sink: one fsync for all bodies queued meanwhile (`group`), or one per body (`each`).
        #[arg(long, value_enum, default_value = "group")]
        fsync: serve::FsyncMode,
        /// File sink, group commit: milliseconds to wait for more bodies before each fsync
        /// (more throughput, more latency).
        #[arg(long, default_value_t = 0)]
        group_wait_ms: u64,
        /// File sink: start a new file once the current one has this many bytes.
        #[arg(long, default_value_t = 128 * 1024 * 1024, value_parser = at_least_one())]
        rotate_bytes: u64,
        /// File sink: how many recent bodies to remember, so that Meta's retries are stored once.
        #[arg(long, default_value_t = 100_000)]
        remember: usize,
        /// Print each typed event of each stored body as a JSON line on standard output.
        #[arg(long)]
        events: bool,
        /// Milliseconds a client has to send a request's head, counted from when the server
        /// waits for it: a slow head, or a keep-alive connection idle this long, is closed.
        #[arg(long, default_value_t = 10_000, value_parser = at_least_one())]
        header_timeout_ms: u64,
        /// Milliseconds a client has to send the whole body (a slower one gets 408).
        #[arg(long, default_value_t = 30_000, value_parser = at_least_one())]
        body_timeout_ms: u64,
        /// Milliseconds one write may wait for the client to read it; a client that stops
        /// reading its answers is closed.
        #[arg(long, default_value_t = 10_000, value_parser = at_least_one())]
        write_timeout_ms: u64,
        /// After SIGTERM, milliseconds the requests in flight have before the process exits
        /// anyway (closing the connections left).
        #[arg(long, default_value_t = 30_000)]
        shutdown_timeout_ms: u64,
        /// The most connections open at once; at the cap the oldest idle connection is closed
        /// for a new one (none idle: the new one is closed). Keep it below the process's
        /// descriptor limit (`ulimit -n`; `serve` warns when it is not).
        #[arg(long, default_value_t = 10_000, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
        max_connections: usize,
    },
    /// Post signed bodies to a receiver from concurrent clients, retrying what is not
    /// acknowledged (as Meta does) and sending some bodies twice; print requests per second
    /// and latency. Each body is a corpus body made unique (its first entry's `id` gets `-<n>`).
    ///
    /// The bodies are signed with WA_APP_SECRET. Exit status: 0 when every body was
    /// acknowledged, 1 when some never were, 2 on a usage error.
    #[cfg(feature = "load")]
    Load {
        /// Where to post.
        #[arg(long, default_value = "http://127.0.0.1:8080/webhook")]
        url: String,
        /// Concurrent clients.
        #[arg(long, default_value_t = 32)]
        clients: usize,
        /// Distinct bodies to send.
        #[arg(long, default_value_t = 10_000)]
        requests: usize,
        /// Send every n-th body again after its 200, as Meta's retries do (0: never).
        #[arg(long, default_value_t = 10)]
        repeat_every: usize,
        /// Seconds to keep retrying a body that is not acknowledged.
        #[arg(long, default_value_t = 60)]
        deadline_s: u64,
        /// Write the SHA-256 (hex) of each acknowledged body to this file, one per line.
        #[arg(long)]
        acked: Option<PathBuf>,
        /// Files, folders or JSON Lines files of bodies (bare or `serve` records).
        #[arg(required = true)]
        corpus: Vec<PathBuf>,
    },
    /// Send stored bodies to an app again (after a bug in its handler): each record of a
    /// file-sink folder (or JSON Lines file of records) received in the time range, signed anew
    /// with WA_APP_SECRET, posted one at a time at `--rate` and retried with doubling waits
    /// until a 2xx; then a summary naming each body not accepted by its SHA-256.
    ///
    /// Exit status: 0 when every body got a 2xx, 1 when some did not, 2 on a usage error.
    Replay(replay::ReplayOptions),
    /// Post one of the spec's example payloads to a receiver, signed with WA_APP_SECRET exactly
    /// as Meta signs (non-ASCII as `\uXXXX` escapes, as Meta writes it): the way to test a
    /// receiver locally. `spec list` shows every file and its examples.
    ///
    /// Exit status: 0 when every answer was a 2xx, 1 when one was not, 2 on a usage error.
    Trigger(trigger::TriggerOptions),
    /// Work with the spec folder.
    #[cfg(feature = "spec")]
    Spec {
        #[command(subcommand)]
        command: SpecCommand,
    },
}

#[cfg(feature = "spec")]
#[derive(Subcommand)]
enum SpecCommand {
    /// List the spec files: what each describes, its parameters and examples.
    List {
        /// The spec folder.
        #[arg(default_value = "spec")]
        dir: PathBuf,
    },
    /// From captured payloads, the spec edits that would type what the spec does not describe:
    /// an unknown value into its row's `values`, an unknown key into an optional key with rows
    /// typed from the values seen, an unknown message type or field into a new file, the
    /// payload as an example. Descriptions are marked TODO for you to write.
    ///
    /// Exit status: 0 when the spec covers every payload, 1 when it suggests something, 2 on a
    /// usage error or a spec folder with errors.
    Suggest {
        /// The spec folder.
        #[arg(long, default_value = "spec")]
        spec: PathBuf,
        /// Apply the edits (otherwise only print them).
        #[arg(long)]
        write: bool,
        #[command(flatten)]
        payloads: inputs::PayloadPaths,
    },
    /// Compare Meta's webhook reference pages (saved as Markdown) with the spec folder. A field
    /// or message type the folder lacks becomes a new spec file; for one it has, the report
    /// names, by spec path and page line, what the page has that the spec lacks (keys, rows,
    /// values, examples: `--write` adds them), what differs (kept) and what the page no longer
    /// lists (kept, never deleted). Descriptions are marked TODO for you to write.
    ///
    /// Exit status: 0 when the spec covers every page, 1 when something is to add or differs,
    /// 2 on a page it cannot read (with its line and why) or a spec folder with errors.
    Import {
        /// The spec folder.
        #[arg(long, default_value = "spec")]
        spec: PathBuf,
        /// Apply the additions (otherwise only print them).
        #[arg(long)]
        write: bool,
        /// Pages saved as Markdown, or `-` for standard input.
        #[arg(required = true)]
        pages: Vec<PathBuf>,
    },
    /// Export the spec folder as JSON Schema 2020-12 (the notification, every field, message
    /// type and shared piece as `$defs`) or as an OpenAPI 3.1 document with a `webhooks` entry
    /// per field, from the same resolved model the Rust types come from. Forward compatible by
    /// default (what the types accept: anything new from Meta passes); `--strict` flags
    /// anything the spec does not describe.
    ///
    /// Exit status: 0 on success, 1 for a spec folder with errors, 2 when a file cannot be
    /// written.
    Schema {
        /// The spec folder.
        #[arg(long, default_value = "spec")]
        spec: PathBuf,
        /// What to print.
        #[arg(long, value_enum, default_value = "json-schema")]
        format: schema::SchemaFormat,
        /// The closed variant: unknown keys, values, types and fields fail.
        #[arg(long)]
        strict: bool,
        /// Write every format, forward and strict, into this folder (`schema/`) instead of
        /// printing one.
        #[arg(long, value_name = "DIR")]
        write: Option<PathBuf>,
    },
    /// What changed between two spec folders, or the spec folder at two git revisions, in
    /// Meta's terms (fields, message types, objects, keys, values: added, removed, made optional
    /// or required, a type changed) and the semver level it implies for wa-webhook-types:
    /// additions are minor (every type is non-exhaustive); a removal or a changed Rust type
    /// is major; descriptions and examples are a patch.
    ///
    /// Exit status: 0 on success, 1 when a side has spec errors, 2 on a usage error.
    Diff {
        /// The spec folder read at a git revision.
        #[arg(long, default_value = "spec")]
        spec: PathBuf,
        /// `text` (a line per change, then the level) or `markdown` (a CHANGELOG entry).
        #[arg(long, value_enum, default_value = "text")]
        format: diff::DiffFormat,
        /// The spec before: a folder or a git revision (`v0.1.0`, `HEAD~3`).
        old: String,
        /// The spec after: a folder or a git revision.
        new: String,
    },
    /// Print the Rust the macro generates from a spec folder, pretty-printed.
    Expand {
        /// The spec folder.
        #[arg(default_value = "spec")]
        dir: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check {
            json,
            strict,
            paths,
        } => check::run(&paths, json, strict),
        Command::Verify { signature, body } => verify::run(&signature, &body),
        Command::Serve {
            listen,
            sink,
            body_limit,
            body_budget,
            metrics_listen,
            fsync,
            group_wait_ms,
            rotate_bytes,
            remember,
            events,
            header_timeout_ms,
            body_timeout_ms,
            write_timeout_ms,
            shutdown_timeout_ms,
            max_connections,
        } => serve::run(serve::ServeOptions {
            listen,
            sink,
            body_limit,
            body_budget,
            metrics_listen,
            body_timeout: Duration::from_millis(body_timeout_ms),
            limits: serve::ConnectionLimits {
                header_timeout: Duration::from_millis(header_timeout_ms),
                write_timeout: Duration::from_millis(write_timeout_ms),
                max_connections,
                shutdown_timeout: Duration::from_millis(shutdown_timeout_ms),
            },
            file: serve::FileOptions {
                fsync,
                group_wait: Duration::from_millis(group_wait_ms),
                rotate_bytes,
                remember,
            },
            events,
        }),
        #[cfg(feature = "load")]
        Command::Load {
            url,
            clients,
            requests,
            repeat_every,
            deadline_s,
            acked,
            corpus,
        } => load::run(load::LoadOptions {
            url,
            clients,
            requests,
            repeat_every,
            deadline: Duration::from_secs(deadline_s),
            acked,
            corpus,
        }),
        Command::Replay(options) => replay::run(options),
        Command::Trigger(options) => trigger::run(options),
        #[cfg(feature = "spec")]
        Command::Spec { command } => run_spec(command),
    }
}

/// `wa-webhook spec ...` (feature `spec`).
#[cfg(feature = "spec")]
fn run_spec(command: SpecCommand) -> ExitCode {
    match command {
        SpecCommand::List { dir } => spec::list(&dir),
        SpecCommand::Suggest {
            spec,
            write,
            payloads,
        } => suggest::run(&spec, write, &payloads),
        SpecCommand::Import { spec, write, pages } => import::run(&spec, write, &pages),
        SpecCommand::Expand { dir } => spec::expand(&dir),
        SpecCommand::Diff {
            spec,
            format,
            old,
            new,
        } => diff::run(&old, &new, &spec, format),
        SpecCommand::Schema {
            spec,
            format,
            strict,
            write,
        } => schema::run(&spec, format, strict, write.as_deref()),
    }
}

/// A whole number of 1 or more: a limit or a timeout of 0 cannot work, so it is refused at
/// start (exit 2, the option named) rather than taken without a word.
fn at_least_one() -> clap::builder::RangedU64ValueParser<u64> {
    clap::builder::RangedU64ValueParser::new().range(1..)
}
