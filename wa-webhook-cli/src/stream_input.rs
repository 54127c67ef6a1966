//! Bodies read back from the JetStream stream `serve --sink nats://HOST:PORT/STREAM` writes: each
//! message of the stream, in order, with the time JetStream stored it.

use crate::inputs::Body;
use crate::serve::SinkSpec;
use async_nats::jetstream::stream::RawMessageErrorKind;

/// Every body the stream named by `url` (`nats://HOST:PORT/STREAM`) holds, named
/// `nats://HOST:PORT/STREAM#SEQ`. The stream must exist; reading it changes nothing in it. An
/// error says what failed, not `url` (the caller names it).
pub fn bodies(url: &str) -> Result<Vec<Body>, String> {
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
            let name = format!("{url}#{seq}");
            match stream.get_raw_message(seq).await {
                Ok(message) => out.push(Body {
                    name,
                    bytes: Ok(message.payload.to_vec()),
                    received_at_ms: u64::try_from(message.time.unix_timestamp_nanos() / 1_000_000)
                        .ok(),
                }),
                // A message deleted from the stream (by a limit or by hand) leaves a gap.
                Err(e) if e.kind() == RawMessageErrorKind::NoMessageFound => {}
                Err(e) => out.push(Body {
                    name,
                    bytes: Err(format!("cannot read: {e}")),
                    received_at_ms: None,
                }),
            }
        }
        Ok(out)
    })
}
