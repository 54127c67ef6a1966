//! Bodies read back from the JetStream stream `serve --sink nats://HOST:PORT/STREAM` writes: each
//! message of the stream, in order, with the time JetStream stored it.

use crate::sink_spec::SinkSpec;
use async_nats::jetstream::stream::RawMessageErrorKind;

/// One message of the stream.
pub struct StreamMessage {
    /// Its sequence number in the stream.
    pub seq: u64,
    /// The body, or why it cannot be read.
    pub bytes: Result<Vec<u8>, String>,
    /// When JetStream stored it, in milliseconds since the Unix epoch.
    pub stored_at_ms: Option<u64>,
}

/// Every message the stream named by `url` (`nats://HOST:PORT/STREAM`) holds, in order. The
/// stream must exist; reading it changes nothing in it. An error says what failed, not `url`
/// (the caller names it).
pub fn messages(url: &str) -> Result<Vec<StreamMessage>, String> {
    let (server, stream_name) = match SinkSpec::parse(url)? {
        SinkSpec::Nats { server, stream, .. } => (server, stream),
        SinkSpec::File(_) => return Err(format!("`{url}`: not a NATS stream")),
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let client = async_nats::ConnectOptions::new()
            .connection_timeout(std::time::Duration::from_secs(5))
            .connect(server.as_str())
            .await
            .map_err(|e| format!("{server}: {e}"))?;
        let jetstream = async_nats::jetstream::new(client);
        let mut stream = jetstream
            .get_stream(&stream_name)
            .await
            .map_err(|e| format!("stream {stream_name}: {e}"))?;
        let state = stream
            .info()
            .await
            .map_err(|e| format!("stream {stream_name}: {e}"))?
            .state
            .clone();
        let mut out = Vec::new();
        if state.messages == 0 {
            return Ok(out);
        }
        for seq in state.first_sequence..=state.last_sequence {
            match stream.get_raw_message(seq).await {
                Ok(message) => out.push(StreamMessage {
                    seq,
                    bytes: Ok(message.payload.to_vec()),
                    stored_at_ms: u64::try_from(message.time.unix_timestamp_nanos() / 1_000_000)
                        .ok(),
                }),
                // A message deleted from the stream (by a limit or by hand) leaves a gap.
                Err(e) if e.kind() == RawMessageErrorKind::NoMessageFound => {}
                Err(e) => out.push(StreamMessage {
                    seq,
                    bytes: Err(format!("cannot read: {e}")),
                    stored_at_ms: None,
                }),
            }
        }
        Ok(out)
    })
}
