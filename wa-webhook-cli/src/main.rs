//! `wa-webhook`: check webhook payloads against the typed model, and show what the spec generates.

mod check;

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
    /// Exit status: 0 when every payload parsed, 1 when any did not, 2 on a usage error.
    Check {
        /// One JSON object per payload per line, instead of text.
        #[arg(long)]
        json: bool,
        /// Files, folders (every *.json below them) or `-` for standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Work with the spec folder.
    Spec {
        #[command(subcommand)]
        command: SpecCommand,
    },
}

#[derive(Subcommand)]
enum SpecCommand {
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
        Command::Check { json, paths } => check::run(&paths, json),
        Command::Spec {
            command: SpecCommand::Expand { dir },
        } => expand(&dir),
    }
}

fn expand(dir: &std::path::Path) -> ExitCode {
    let (root, name) = match (dir.parent(), dir.file_name()) {
        (Some(parent), Some(name)) => (parent.to_path_buf(), name.to_string_lossy().into_owned()),
        _ => (PathBuf::from("."), dir.to_string_lossy().into_owned()),
    };
    let root = if root.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        root
    };
    let output = wa_webhook_codegen::generate(&root, &name);
    if !output.errors.is_empty() {
        for error in &output.errors {
            eprintln!("error: {error}");
        }
        return ExitCode::from(1);
    }
    match syn::parse2::<syn::File>(output.tokens) {
        Ok(file) => {
            print!("{}", prettyplease::unparse(&file));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: the generated code does not parse as Rust: {e}");
            ExitCode::from(1)
        }
    }
}
