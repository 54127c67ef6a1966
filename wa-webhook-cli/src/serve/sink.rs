//! Where `serve` makes each body durable before acknowledging it: a folder of JSON Lines
//! files, or a NATS JetStream stream.

use super::file_sink::{FileOptions, FileSink, FileWriter};
#[cfg(feature = "nats")]
use super::nats_sink::NatsSink;
use super::stored::{body_key, SinkError, Stored};
use crate::record::Record;
use crate::sink_spec::SinkSpec;

/// An open sink; clones share it.
#[derive(Clone)]
pub enum Sink {
    /// JSON Lines files.
    File(FileSink),
    /// A JetStream stream.
    #[cfg(feature = "nats")]
    Nats(Box<NatsSink>),
}

/// What closes the sink when the server stops: the file writer's last sync.
pub enum SinkCloser {
    /// The file writer thread.
    File(FileWriter),
    /// Nothing to wait for (JetStream acknowledged each body).
    #[cfg(feature = "nats")]
    Nats,
}

impl Sink {
    /// Opens the sink `spec` names, for bodies of at most `body_limit` bytes (the NATS sink
    /// warns when its messages may be smaller).
    pub async fn open(
        spec: &SinkSpec,
        file: FileOptions,
        body_limit: usize,
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
            } => NatsSink::open(server, stream, *replicas, body_limit)
                .await
                .map(|sink| (Sink::Nats(Box::new(sink)), SinkCloser::Nats)),
            #[cfg(not(feature = "nats"))]
            SinkSpec::Nats { .. } => {
                let _ = body_limit; // only the NATS sink has a limit of its own
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
                let line = Record::line(body, signature, app, received_at_ms);
                sink.store(line, key).await
            }
            #[cfg(feature = "nats")]
            Sink::Nats(sink) => sink.store(body, signature, app, key).await,
        }
    }

    /// Whether the sink can store: its last write succeeded (and for NATS, it is connected).
    pub fn is_healthy(&self) -> bool {
        match self {
            Sink::File(sink) => sink.is_healthy(),
            #[cfg(feature = "nats")]
            Sink::Nats(sink) => sink.is_healthy(),
        }
    }
}

impl SinkCloser {
    /// Closes the sink, whatever handles are left, once what was queued is stored and synced.
    pub async fn close(self) {
        match self {
            SinkCloser::File(writer) => {
                let _ = tokio::task::spawn_blocking(move || writer.close()).await;
            }
            #[cfg(feature = "nats")]
            SinkCloser::Nats => {}
        }
    }
}
