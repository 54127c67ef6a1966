//! axum integration (feature `axum`): [`router`] for the whole receiver, or the pieces it is
//! made of: extractors that verify and parse webhook POSTs ([`Webhook`], [`VerifiedBody`]) and
//! the handler of the subscription handshake ([`handshake`]).
//!
//! ```no_run
//! use wa_webhook_types::axum::{router, Webhook, WebhookConfig};
//!
//! async fn receive(Webhook(notification): Webhook) {
//!     for change in notification.changes() {
//!         println!("{}", change.field());
//!     }
//! }
//!
//! let app: axum::Router = router(WebhookConfig::new("app-secret", "verify-token"), receive);
//! ```
//!
//! Limits: the body is read up to [`WebhookConfig::body_limit`] bytes (3 MiB by default; larger
//! bodies get 413 before any parsing), and parsing nests at most 128 levels deep (serde_json's
//! limit; deeper bodies get 400).

use crate::signature::{self, SignatureError};
use crate::verification::{self, Handshake};
use crate::{from_slice, Notification};
use axum::body::{Body, Bytes};
use axum::extract::{FromRef, FromRequest, RawQuery, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

mod router;

pub use router::{router, shutdown_signal};

/// What the extractors and the handshake handler need: the app secret, the verify token and
/// the body limit; and the path [`router`] serves. Put it in the router state (or make it
/// `FromRef` of yours).
#[derive(Clone)]
pub struct WebhookConfig {
    app_secret: Arc<[u8]>,
    verify_token: Arc<str>,
    body_limit: usize,
    body_timeout: Option<Duration>,
    path: Arc<str>,
}

impl WebhookConfig {
    /// The default body limit: 3 MiB, above the largest webhook Meta documents.
    pub const DEFAULT_BODY_LIMIT: usize = 3 * 1024 * 1024;

    /// The default time a client has to send the whole body: 30 s (Meta sends a body at
    /// once; a client trickling one holds a connection and a task meanwhile).
    pub const DEFAULT_BODY_TIMEOUT: Duration = Duration::from_secs(30);

    /// The path [`router`] serves unless told otherwise: `/webhook`.
    pub const DEFAULT_PATH: &'static str = "/webhook";

    /// A configuration with the app secret (from the App Dashboard) and the verify token you
    /// chose there.
    pub fn new(app_secret: impl AsRef<[u8]>, verify_token: impl AsRef<str>) -> Self {
        WebhookConfig {
            app_secret: app_secret.as_ref().into(),
            verify_token: verify_token.as_ref().into(),
            body_limit: Self::DEFAULT_BODY_LIMIT,
            body_timeout: Some(Self::DEFAULT_BODY_TIMEOUT),
            path: Self::DEFAULT_PATH.into(),
        }
    }

    /// The environment variable [`from_env`](Self::from_env) reads the app secret from.
    pub const SECRET_VAR: &'static str = "WA_APP_SECRET";
    /// The environment variable [`from_env`](Self::from_env) reads the verify token from.
    pub const VERIFY_TOKEN_VAR: &'static str = "WA_VERIFY_TOKEN";

    /// A configuration from the environment: the app secret from `WA_APP_SECRET`, the verify
    /// token from `WA_VERIFY_TOKEN`. Either unset or empty is an error naming the variable.
    pub fn from_env() -> Result<Self, MissingEnvVar> {
        let var = |name: &'static str| match std::env::var(name) {
            Ok(value) if !value.is_empty() => Ok(value),
            _ => Err(MissingEnvVar(name)),
        };
        Ok(Self::new(
            var(Self::SECRET_VAR)?,
            var(Self::VERIFY_TOKEN_VAR)?,
        ))
    }

    /// Sets the largest body accepted, in bytes.
    pub fn with_body_limit(mut self, bytes: usize) -> Self {
        self.body_limit = bytes;
        self
    }

    /// The largest body accepted, in bytes.
    pub fn body_limit(&self) -> usize {
        self.body_limit
    }

    /// Sets the time a client has to send the whole body (`None`: no limit); a slower one is
    /// answered 408.
    pub fn with_body_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.body_timeout = timeout;
        self
    }

    /// The time a client has to send the whole body.
    pub fn body_timeout(&self) -> Option<Duration> {
        self.body_timeout
    }

    /// Sets the path [`router`] serves: the callback URL's path in the App Dashboard.
    pub fn with_path(mut self, path: impl AsRef<str>) -> Self {
        self.path = path.as_ref().into();
        self
    }

    /// The path [`router`] serves.
    pub fn path(&self) -> &str {
        &self.path
    }
}

impl fmt::Debug for WebhookConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookConfig")
            .field("app_secret", &"<redacted>")
            .field("verify_token", &"<redacted>")
            .field("body_limit", &self.body_limit)
            .field("body_timeout", &self.body_timeout)
            .field("path", &self.path)
            .finish()
    }
}

/// An environment variable [`WebhookConfig::from_env`] needs is unset, empty or not UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingEnvVar(pub &'static str);

impl fmt::Display for MissingEnvVar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "set the environment variable {} (it is unset, empty or not UTF-8)",
            self.0
        )
    }
}

impl std::error::Error for MissingEnvVar {}

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
}

impl Rejection {
    /// The HTTP status this rejection answers with.
    pub fn status(&self) -> StatusCode {
        match self {
            Rejection::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Rejection::BodyTimeout { .. } => StatusCode::REQUEST_TIMEOUT,
            Rejection::Unreadable | Rejection::NotAWebhook(_) => StatusCode::BAD_REQUEST,
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
        }
    }
}

impl std::error::Error for Rejection {}

/// The response with the status and the reason; the rejection is logged through `tracing` at
/// `warn` with both, since Meta does not show them to anyone.
impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        let status = self.status();
        tracing::warn!(status = status.as_u16(), reason = %self, "webhook POST rejected");
        (status, NOSNIFF, self.to_string()).into_response()
    }
}

impl<S> FromRequest<S> for VerifiedBody
where
    S: Send + Sync,
    WebhookConfig: FromRef<S>,
{
    type Rejection = Rejection;

    async fn from_request(request: Request<Body>, state: &S) -> Result<Self, Rejection> {
        let config = WebhookConfig::from_ref(state);
        let (parts, body) = request.into_parts();
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
        if declared.is_some_and(|length| length > config.body_limit) {
            return Err(Rejection::TooLarge {
                limit: config.body_limit,
            });
        }
        let read = read_body(body, config.body_limit, declared);
        let bytes = match config.body_timeout {
            Some(after) => tokio::time::timeout(after, read)
                .await
                .map_err(|_| Rejection::BodyTimeout { after })?,
            None => read.await,
        }?;
        signature::verify(&config.app_secret, &bytes, header).map_err(Rejection::Signature)?;
        Ok(VerifiedBody(bytes))
    }
}

impl<S> FromRequest<S> for Webhook
where
    S: Send + Sync,
    WebhookConfig: FromRef<S>,
{
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

/// The GET handshake: 200 with the challenge as the body, or 403 with the reason (logged
/// through `tracing` at `warn`).
pub async fn handshake(config: State<WebhookConfig>, query: RawQuery) -> Response {
    let handshake = Handshake::from_query(query.0.as_deref().unwrap_or_default());
    match verification::verify(&handshake, &config.verify_token) {
        Ok(challenge) => {
            tracing::debug!(status = 200, "webhook handshake answered");
            (StatusCode::OK, NOSNIFF, challenge.to_owned()).into_response()
        }
        Err(e) => {
            tracing::warn!(status = 403, reason = %e, "webhook handshake refused");
            (StatusCode::FORBIDDEN, NOSNIFF, e.to_string()).into_response()
        }
    }
}

/// Text a client chose is echoed as plain text a browser must not sniff as anything else.
const NOSNIFF: [(header::HeaderName, &str); 1] = [(header::X_CONTENT_TYPE_OPTIONS, "nosniff")];
