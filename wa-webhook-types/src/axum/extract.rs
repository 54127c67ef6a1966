//! The extractors of a webhook POST: the verified raw body, or the verified and parsed
//! notification; and why a request was rejected.

use super::{WebhookConfig, NOSNIFF};
use crate::signature::{self, SignatureError};
use crate::{from_slice, Notification};
use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Request};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::fmt;
use std::time::Duration;

/// A POST body whose signature was verified, as the raw bytes received (not parsed).
///
/// Use it to store the body before parsing it, so that nothing is lost even if parsing fails.
#[derive(Debug, Clone)]
pub struct VerifiedBody(pub Bytes);

/// A verified and parsed webhook POST.
#[derive(Debug, Clone)]
pub struct Webhook(pub Notification);

/// Why a webhook request was rejected; its response has the matching status and the reason.
#[derive(Debug)]
#[non_exhaustive]
pub enum Rejection {
    /// The body is larger than the limit: 413.
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
    /// The body could not be read: 400.
    Unreadable,
    /// The body did not arrive within [`WebhookConfig::body_timeout`]: 408.
    BodyTimeout {
        /// The time it had.
        after: Duration,
    },
    /// No signature, or a malformed one: 401. A signature that does not match: 403.
    Signature(SignatureError),
    /// The body is signed but is not a webhook notification: 400.
    NotAWebhook(crate::Error),
    /// The request carries no [`WebhookConfig`] (a route of your own without
    /// `.layer(axum::Extension(config))`): 500, a mistake in the app, not in the request.
    NotConfigured,
}

impl Rejection {
    /// The HTTP status this rejection answers with.
    pub fn status(&self) -> StatusCode {
        match self {
            Rejection::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Rejection::BodyTimeout { .. } => StatusCode::REQUEST_TIMEOUT,
            Rejection::Unreadable | Rejection::NotAWebhook(_) => StatusCode::BAD_REQUEST,
            Rejection::NotConfigured => StatusCode::INTERNAL_SERVER_ERROR,
            Rejection::Signature(SignatureError::Mismatch) => StatusCode::FORBIDDEN,
            Rejection::Signature(_) => StatusCode::UNAUTHORIZED,
        }
    }
}

impl fmt::Display for Rejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejection::TooLarge { limit } => write!(f, "body larger than {limit} bytes"),
            Rejection::Unreadable => f.write_str("body could not be read"),
            Rejection::BodyTimeout { after } => {
                write!(f, "body not received within {} ms", after.as_millis())
            }
            Rejection::Signature(e) => e.fmt(f),
            Rejection::NotAWebhook(e) => write!(f, "not a webhook notification: {e}"),
            Rejection::NotConfigured => f.write_str(
                "no WebhookConfig in the request's extensions: add `.layer(axum::Extension(config))` to the route",
            ),
        }
    }
}

impl std::error::Error for Rejection {}

/// The response with the status and the reason (the extractors logged both through `tracing`
/// at `warn`, with the peer's address, since Meta shows them to no one).
impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        (self.status(), NOSNIFF, self.to_string()).into_response()
    }
}

impl<S: Send + Sync> FromRequest<S> for VerifiedBody {
    type Rejection = Rejection;

    async fn from_request(request: Request<Body>, _state: &S) -> Result<Self, Rejection> {
        let peer = peer(request.extensions());
        verified(request).await.inspect_err(|rejection| {
            let status = rejection.status().as_u16();
            match peer {
                Some(peer) => {
                    tracing::warn!(status, reason = %rejection, %peer, "webhook POST rejected")
                }
                None => tracing::warn!(status, reason = %rejection, "webhook POST rejected"),
            }
        })
    }
}

/// The client's address, where the server records it (`ConnectInfo`, as
/// `into_make_service_with_connect_info::<SocketAddr>()` and `wa-webhook serve` do).
pub(super) fn peer(extensions: &axum::http::Extensions) -> Option<std::net::SocketAddr> {
    extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|info| info.0)
}

/// The body of a webhook POST whose signature matches one of the configured secrets.
async fn verified(request: Request<Body>) -> Result<VerifiedBody, Rejection> {
    let (parts, body) = request.into_parts();
    let config = parts
        .extensions
        .get::<WebhookConfig>()
        .ok_or(Rejection::NotConfigured)?
        .clone();
    let header = parts
        .headers
        .get(signature::HEADER)
        .map(HeaderValue::as_bytes);
    // No signature, or no signature at all: refused before a byte of the body is held.
    signature::check_header(header).map_err(Rejection::Signature)?;
    let declared = parts
        .headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    if declared.is_some_and(|length| length > config.body_limit()) {
        return Err(Rejection::TooLarge {
            limit: config.body_limit(),
        });
    }
    let read = read_body(body, config.body_limit(), declared);
    let bytes = match config.body_timeout() {
        Some(after) => tokio::time::timeout(after, read)
            .await
            .map_err(|_| Rejection::BodyTimeout { after })?,
        None => read.await,
    }?;
    let matched =
        signature::verify_any(config.secrets(), &bytes, header).map_err(Rejection::Signature)?;
    if matched > 0 {
        tracing::debug!("webhook POST signed with the previous app secret");
    }
    Ok(VerifiedBody(bytes))
}

impl<S: Send + Sync> FromRequest<S> for Webhook {
    type Rejection = Rejection;

    async fn from_request(request: Request<Body>, state: &S) -> Result<Self, Rejection> {
        let VerifiedBody(bytes) = VerifiedBody::from_request(request, state).await?;
        from_slice(&bytes)
            .map(Webhook)
            .map_err(Rejection::NotAWebhook)
    }
}

/// Reads a body of at most `limit` bytes into one buffer, sized once to the declared length:
/// a body held while it arrives costs its own size, not the doubling growth and final copy of
/// collecting frames.
async fn read_body(
    mut body: Body,
    limit: usize,
    declared: Option<usize>,
) -> Result<Bytes, Rejection> {
    use http_body_util::BodyExt;
    let mut buffer = Vec::with_capacity(declared.unwrap_or(0).min(limit));
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|_| Rejection::Unreadable)?;
        let Ok(data) = frame.into_data() else {
            continue; // trailers
        };
        if buffer.len() + data.len() > limit {
            return Err(Rejection::TooLarge { limit });
        }
        buffer.extend_from_slice(&data);
    }
    Ok(Bytes::from(buffer))
}
