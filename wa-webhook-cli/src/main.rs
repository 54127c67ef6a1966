//! `wa-webhook`: check webhook payloads against the typed model, and show what the spec generates.

mod check;
mod spec;
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
        /// Files, folders (every *.json and *.jsonl below them) or `-` for standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
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
    /// Work with the spec folder.
    Spec {
        #[command(subcommand)]
        command: SpecCommand,
    },
}

#[derive(Subcommand)]
enum SpecCommand {
    /// List the spec files: what each describes, its parameters and examples.
    List {
        /// The spec folder.
        #[arg(default_value = "spec")]
        dir: PathBuf,
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
        Command::Spec {
            command: SpecCommand::List { dir },
        } => spec::list(&dir),
        Command::Spec {
            command: SpecCommand::Expand { dir },
        } => spec::expand(&dir),
    }
}

/// Writes to standard output; a closed pipe (`| head`) ends the output quietly instead of
/// panicking as `print!` would.
fn emit(text: &str) {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}
