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
use std::path::PathBuf;
use std::process::ExitCode;

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
    Serve(serve::ServeArgs),
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
        Command::Serve(args) => serve::run(args.into()),
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
            deadline: std::time::Duration::from_secs(deadline_s),
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
