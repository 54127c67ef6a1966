//! Where `serve` makes each body durable before acknowledging it: a folder of JSON Lines
//! files, or a NATS JetStream stream.

use super::file_sink::{FileOptions, FileSink, FileWriter};
#[cfg(feature = "nats")]
use super::nats_sink::NatsSink;
use super::stored::{body_key, SinkError, Stored};
use crate::record::Record;
use std::fmt;
use std::path::PathBuf;

/// A sink as `--sink` names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SinkSpec {
    /// `file:DIR`.
    File(PathBuf),
    /// `nats://HOST:PORT/STREAM`, or `...?replicas=3` for a stream a cluster replicates.
    Nats {
        /// `nats://HOST:PORT`.
        server: String,
        /// The JetStream stream.
        stream: String,
        /// The stream's replicas when `serve` creates it (1 by default).
        replicas: usize,
    },
}

impl SinkSpec {
    /// Reads `file:DIR` or `nats://HOST:PORT/STREAM`.
    pub fn parse(text: &str) -> Result<SinkSpec, String> {
        if let Some(dir) = text.strip_prefix("file:") {
            if dir.is_empty() {
                return Err("`file:` needs a folder: `file:webhooks`".to_owned());
            }
            return Ok(SinkSpec::File(PathBuf::from(dir)));
        }
        if let Some(rest) = text.strip_prefix("nats://") {
            let (rest, query) = rest.split_once('?').unwrap_or((rest, ""));
            let (server, stream) = rest.split_once('/').unwrap_or((rest, ""));
            let valid = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
            if server.is_empty() || stream.is_empty() || !stream.chars().all(valid) {
                return Err(format!(
                    "`{text}`: write `nats://HOST:PORT/STREAM` (a stream name of letters, digits, `-` and `_`)"
                ));
            }
            let replicas = match query {
                "" => 1,
                _ => query
                    .strip_prefix("replicas=")
                    .and_then(|n| n.parse::<usize>().ok())
                    .filter(|n| (1..=5).contains(n))
                    .ok_or_else(|| {
                        format!("`{text}`: the only option is `?replicas=N`, N from 1 to 5 (JetStream's limit)")
                    })?,
            };
            return Ok(SinkSpec::Nats {
                server: format!("nats://{server}"),
                stream: stream.to_owned(),
                replicas,
            });
        }
        Err(format!(
            "`{text}`: a sink is `file:DIR` or `nats://HOST:PORT/STREAM`"
        ))
    }
}

impl fmt::Display for SinkSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SinkSpec::File(dir) => write!(f, "file:{}", dir.display()),
            SinkSpec::Nats {
                server,
                stream,
                replicas: 1,
            } => write!(f, "{server}/{stream}"),
            SinkSpec::Nats {
                server,
                stream,
                replicas,
            } => write!(f, "{server}/{stream}?replicas={replicas}"),
        }
    }
}

/// An open sink; clones share it.
#[derive(Clone)]
pub enum Sink {
    /// JSON Lines files.
    File(FileSink),
    /// A JetStream stream.
    #[cfg(feature = "nats")]
    Nats(NatsSink),
}

/// What to wait for when stopping: the file writer's last sync.
pub enum SinkCloser {
    /// The file writer thread.
    File(FileWriter),
    /// Nothing to wait for (JetStream acknowledged each body).
    #[cfg(feature = "nats")]
    Nats,
}

impl Sink {
    /// Opens the sink `spec` names.
    pub async fn open(
        spec: &SinkSpec,
        file: FileOptions,
        metrics: &super::metrics::Metrics,
    ) -> Result<(Sink, SinkCloser), String> {
        match spec {
            SinkSpec::File(dir) => FileSink::open(dir, file, metrics.fsync_batch.clone())
                .map(|(sink, writer)| (Sink::File(sink), SinkCloser::File(writer)))
                .map_err(|e| format!("{}: {e}", dir.display())),
            #[cfg(feature = "nats")]
            SinkSpec::Nats {
                server,
                stream,
                replicas,
            } => NatsSink::open(server, stream, *replicas)
                .await
                .map(|sink| (Sink::Nats(sink), SinkCloser::Nats)),
            #[cfg(not(feature = "nats"))]
            SinkSpec::Nats { .. } => {
                Err("this build has no NATS sink (build with the `nats` feature)".to_owned())
            }
        }
    }

    /// Makes `body` durable, with its signature header and the app that signed it; returns
    /// once it is.
    pub async fn store(
        &self,
        body: &[u8],
        signature: Option<&str>,
        app: Option<&str>,
        received_at_ms: u64,
    ) -> Result<Stored, SinkError> {
        let key = body_key(body);
        match self {
            Sink::File(sink) => {
                let mut record = Record::new(body, signature.map(str::to_owned), received_at_ms);
                record.app = app.map(str::to_owned);
                sink.store(record.line(), key).await
            }
            #[cfg(feature = "nats")]
            Sink::Nats(sink) => sink.store(body, signature, app, key).await,
        }
    }

    /// Whether the sink's last write succeeded.
    pub fn is_healthy(&self) -> bool {
        match self {
            Sink::File(sink) => sink.is_healthy(),
            #[cfg(feature = "nats")]
            Sink::Nats(sink) => sink.is_healthy(),
        }
    }
}

impl SinkCloser {
    /// Waits for the last sync.
    pub async fn close(self) {
        match self {
            SinkCloser::File(writer) => {
                let _ = tokio::task::spawn_blocking(move || writer.join()).await;
            }
            #[cfg(feature = "nats")]
            SinkCloser::Nats => {}
        }
    }
}
