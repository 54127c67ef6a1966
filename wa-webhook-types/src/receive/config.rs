//! The receiver's configuration: secrets, token, limits and path.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

/// What a receiver checks a request against: the app secret (and the previous one while you
/// rotate it), the verify token, the body limit and time; and the path it serves. Every web
/// stack's adapter takes one (with axum, the router puts it in each request's extensions; in
/// routes of your own, add it with `.layer(axum::Extension(config))`).
#[derive(Clone)]
pub struct WebhookConfig {
    app_secret: Arc<[u8]>,
    previous_secret: Option<Arc<[u8]>>,
    pub(super) verify_token: Arc<str>,
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

    /// The path a router serves unless told otherwise: `/webhook`.
    pub const DEFAULT_PATH: &'static str = "/webhook";

    /// A configuration with the app secret (from the App Dashboard) and the verify token you
    /// chose there.
    pub fn new(app_secret: impl AsRef<[u8]>, verify_token: impl AsRef<str>) -> Self {
        WebhookConfig {
            app_secret: app_secret.as_ref().into(),
            previous_secret: None,
            verify_token: verify_token.as_ref().into(),
            body_limit: Self::DEFAULT_BODY_LIMIT,
            body_timeout: Some(Self::DEFAULT_BODY_TIMEOUT),
            path: Self::DEFAULT_PATH.into(),
        }
    }

    /// The environment variable [`from_env`](Self::from_env) reads the app secret from.
    pub const SECRET_VAR: &'static str = "WA_APP_SECRET";
    /// The environment variable [`from_env`](Self::from_env) reads the previous app secret
    /// from, while a rotation is under way (optional).
    pub const PREVIOUS_SECRET_VAR: &'static str = "WA_APP_SECRET_PREVIOUS";

    /// The environment variable [`from_env`](Self::from_env) reads the verify token from.
    pub const VERIFY_TOKEN_VAR: &'static str = "WA_VERIFY_TOKEN";

    /// A configuration from the environment: the app secret from `WA_APP_SECRET`, the verify
    /// token from `WA_VERIFY_TOKEN` (either unset or empty is an error naming the variable),
    /// and the previous app secret from `WA_APP_SECRET_PREVIOUS` when it is set.
    pub fn from_env() -> Result<Self, MissingEnvVar> {
        let var = |name: &'static str| match std::env::var(name) {
            Ok(value) if !value.is_empty() => Ok(value),
            _ => Err(MissingEnvVar(name)),
        };
        let config = Self::new(var(Self::SECRET_VAR)?, var(Self::VERIFY_TOKEN_VAR)?);
        Ok(match var(Self::PREVIOUS_SECRET_VAR) {
            Ok(previous) => config.with_previous_secret(previous),
            Err(_) => config,
        })
    }

    /// Also accepts bodies signed with `previous_secret`: for rotating the app secret, while
    /// Meta may still retry bodies it signed with the old one (for days). Which secret matched
    /// is logged at `debug`; drop the previous one once no body is signed with it.
    pub fn with_previous_secret(mut self, previous_secret: impl AsRef<[u8]>) -> Self {
        self.previous_secret = Some(previous_secret.as_ref().into());
        self
    }

    /// The secrets a signature is checked against: the current one, then the previous one.
    pub(crate) fn secrets(&self) -> impl Iterator<Item = &[u8]> {
        std::iter::once(&*self.app_secret).chain(self.previous_secret.as_deref())
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

    /// Sets the path a router serves: the callback URL's path in the App Dashboard.
    pub fn with_path(mut self, path: impl AsRef<str>) -> Self {
        self.path = path.as_ref().into();
        self
    }

    /// The path a router serves.
    pub fn path(&self) -> &str {
        &self.path
    }
}

impl fmt::Debug for WebhookConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookConfig")
            .field("app_secret", &"<redacted>")
            .field(
                "previous_secret",
                &self.previous_secret.as_ref().map(|_| "<redacted>"),
            )
            .field("verify_token", &"<redacted>")
            .field("body_limit", &self.body_limit)
            .field("body_timeout", &self.body_timeout)
            .field("path", &self.path)
            .finish()
    }
}

/// An environment variable [`WebhookConfig::from_env`] needs is unset, empty or not UTF-8.
///
/// Its `Debug` is its sentence too, so that `main` returning it prints
/// `Error: set the environment variable WA_APP_SECRET (...)`.
#[derive(Clone, PartialEq, Eq)]
pub struct MissingEnvVar(pub &'static str);

impl fmt::Debug for MissingEnvVar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

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
