//! Reading a POST's body from any `http_body::Body`, for the adapters that stream it (axum,
//! tower): refused by its head before a byte is read, read into one buffer of its declared
//! size within the limit and time, then its signature checked.

use super::{Rejection, SigningApp, WebhookConfig};
use bytes::{Buf, Bytes};
use http::HeaderMap;
use http_body::Body;
use http_body_util::BodyExt;

impl WebhookConfig {
    /// The body of a `POST` with these headers, read and verified, and the app that signed it:
    /// [`check_head`] first (no body is read for a request without a signature, or with a
    /// length over the limit), then at most the limit within the body time, then
    /// [`verify_body`].
    ///
    /// [`check_head`]: WebhookConfig::check_head
    /// [`verify_body`]: WebhookConfig::verify_body
    pub async fn read_verified<B: Body>(
        &self,
        headers: &HeaderMap,
        body: B,
    ) -> Result<(Bytes, SigningApp), Rejection> {
        let declared = self.check_head(headers)?;
        let read = read_body(body, self.body_limit(), declared);
        let bytes = match self.body_timeout() {
            Some(after) => tokio::time::timeout(after, read)
                .await
                .map_err(|_| Rejection::BodyTimeout { after })?,
            None => read.await,
        }?;
        let app = self.verify_body(headers, &bytes)?;
        Ok((bytes, app))
    }
}

/// Reads at most `limit` bytes into one buffer, sized once to the declared length: a body held
/// while it arrives costs its own size, not the doubling growth and final copy of collecting
/// frames.
async fn read_body<B: Body>(
    body: B,
    limit: usize,
    declared: Option<usize>,
) -> Result<Bytes, Rejection> {
    let mut body = std::pin::pin!(body);
    let mut buffer = Vec::with_capacity(declared.unwrap_or(0).min(limit));
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|_| Rejection::Unreadable)?;
        let Ok(mut data) = frame.into_data() else {
            continue; // trailers
        };
        if buffer.len() + data.remaining() > limit {
            return Err(Rejection::TooLarge { limit });
        }
        while data.has_remaining() {
            let chunk = data.chunk();
            buffer.extend_from_slice(chunk);
            let read = chunk.len();
            data.advance(read);
        }
    }
    Ok(Bytes::from(buffer))
}
