//! Where `serve` stores bodies, as `--sink` names it (`file:DIR`, `nats://HOST:PORT/STREAM`):
//! read by `serve`, and by the inputs of `check` and `spec suggest` for a stream to read back.

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
