//! The receiver's configuration: secrets, token, limits and path.

use super::rejection_log::RejectionLog;
use super::Rejection;
use std::fmt;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// What a receiver checks a request against: the app secrets (one per app whose webhooks come
/// to this endpoint, and the first app's previous one while you rotate it), the verify token,
/// the body limit and time; and the path it serves. Every web stack's adapter takes one (with
/// axum, the router's state holds it: `WebhookConfig: FromRef<S>` for your state `S`).
#[derive(Clone)]
pub struct WebhookConfig {
    apps: Arc<[AppSecret]>,
    previous_secret: Option<Arc<[u8]>>,
    pub(super) verify_token: Arc<str>,
    body_limit: usize,
    body_timeout: Option<Duration>,
    path: Arc<str>,
    rejections: Arc<RejectionLog>,
}

/// One app's secret, and the name a body it signed is told by.
#[derive(Clone)]
struct AppSecret {
    name: Option<Arc<str>>,
    secret: Arc<[u8]>,
}

/// Which app signed a verified body ([`WebhookConfig::verify_body`]): the app's place among
/// the configured secrets (0 for the one [`WebhookConfig::new`] took, then in the order
/// [`WebhookConfig::with_app_secret`] added them), its name if it has one, and whether the
/// first app's previous secret matched (a rotation under way).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct SigningApp {
    /// The app's place among the configured secrets, from 0.
    pub index: usize,
    /// The app's name, where the configuration gives one.
    pub name: Option<Arc<str>>,
    /// The first app's previous secret matched: the body was signed before the rotation.
    pub previous_secret: bool,
}

impl SigningApp {
    /// The app's name, where the configuration gives one.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }
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
        Self::with_apps(
            vec![AppSecret {
                name: None,
                secret: app_secret.as_ref().into(),
            }],
            verify_token.as_ref(),
        )
    }

    fn with_apps(apps: Vec<AppSecret>, verify_token: &str) -> Self {
        WebhookConfig {
            apps: apps.into(),
            previous_secret: None,
            verify_token: verify_token.into(),
            body_limit: Self::DEFAULT_BODY_LIMIT,
            body_timeout: Some(Self::DEFAULT_BODY_TIMEOUT),
            path: Self::DEFAULT_PATH.into(),
            rejections: Arc::new(RejectionLog::new(
                Self::DEFAULT_REJECTIONS_LOGGED.0,
                Self::DEFAULT_REJECTIONS_LOGGED.1,
            )),
        }
    }

    /// How many refusals are logged one by one, per how long: 10 a minute. A client sending
    /// bad signatures in a loop adds one line a minute, with the count of the rest.
    pub const DEFAULT_REJECTIONS_LOGGED: (u32, Duration) = (10, Duration::from_secs(60));

    /// Logs at most `count` refusals one by one per `interval` (at `warn`, with the status,
    /// the reason and the client's address); the rest are counted, and the first refusal of
    /// the next interval says how many went unlogged, by status. A wrong path is logged at
    /// `debug` only, uncounted.
    pub fn with_rejections_logged(mut self, count: u32, interval: Duration) -> Self {
        self.rejections = Arc::new(RejectionLog::new(count, interval));
        self
    }

    /// Logs a refusal within the limit of [`with_rejections_logged`](Self::with_rejections_logged).
    pub(crate) fn log_rejection(&self, rejection: &Rejection, peer: Option<SocketAddr>) {
        self.rejections.log(rejection, peer);
    }

    /// The environment variable [`from_env`](Self::from_env) reads the app secrets from.
    pub const SECRET_VAR: &'static str = "WA_APP_SECRET";
    /// The environment variable [`from_env`](Self::from_env) reads the previous app secret
    /// from, while a rotation is under way (optional).
    pub const PREVIOUS_SECRET_VAR: &'static str = "WA_APP_SECRET_PREVIOUS";

    /// The environment variable [`from_env`](Self::from_env) reads the verify token from.
    pub const VERIFY_TOKEN_VAR: &'static str = "WA_VERIFY_TOKEN";

    /// A configuration from the environment: the app secrets from `WA_APP_SECRET`, the verify
    /// token from `WA_VERIFY_TOKEN` (either unset or empty is an error naming the variable),
    /// and the first app's previous secret from `WA_APP_SECRET_PREVIOUS` when it is set.
    ///
    /// `WA_APP_SECRET` holds one app's secret, or several apps' separated by commas, each
    /// optionally named as `NAME=SECRET` (`5f1c...,shop=9ab2...`): the name is what
    /// [`SigningApp::name`] says for a body that app signed. (An app secret is hex digits: it
    /// holds neither `,` nor `=`.) An empty secret in the list is an error too.
    pub fn from_env() -> Result<Self, MissingEnvVar> {
        let var = |name: &'static str| match std::env::var(name) {
            Ok(value) if !value.is_empty() => Ok(value),
            _ => Err(MissingEnvVar(name)),
        };
        let apps = parse_secrets(&var(Self::SECRET_VAR)?).ok_or(MissingEnvVar(Self::SECRET_VAR))?;
        let config = Self::with_apps(apps, &var(Self::VERIFY_TOKEN_VAR)?);
        Ok(match var(Self::PREVIOUS_SECRET_VAR) {
            Ok(previous) => config.with_previous_secret(previous),
            Err(_) => config,
        })
    }

    /// Also accepts bodies signed with another app's secret: for several apps (or the numbers
    /// of several apps) whose webhooks come to one endpoint. `name` is what
    /// [`SigningApp::name`] says for a body that app signed.
    pub fn with_app_secret(mut self, name: Option<&str>, app_secret: impl AsRef<[u8]>) -> Self {
        let mut apps = self.apps.to_vec();
        apps.push(AppSecret {
            name: name.map(Arc::from),
            secret: app_secret.as_ref().into(),
        });
        self.apps = apps.into();
        self
    }

    /// Also accepts bodies signed with `previous_secret` as the first app's: for rotating its
    /// secret, while Meta may still retry bodies it signed with the old one (for days). Such a
    /// match is logged at `debug` and said by [`SigningApp::previous_secret`]; drop the
    /// previous secret once no body is signed with it.
    pub fn with_previous_secret(mut self, previous_secret: impl AsRef<[u8]>) -> Self {
        self.previous_secret = Some(previous_secret.as_ref().into());
        self
    }

    /// The secrets a signature is checked against, in order (every app's, then the first
    /// app's previous one), and the app each says signed the body.
    pub(crate) fn secrets(&self) -> impl Iterator<Item = (&[u8], SigningApp)> {
        let apps = self.apps.iter().enumerate().map(|(index, app)| {
            let signing = SigningApp {
                index,
                name: app.name.clone(),
                previous_secret: false,
            };
            (&*app.secret, signing)
        });
        let previous = self.previous_secret.as_deref().map(|secret| {
            let signing = SigningApp {
                index: 0,
                name: self.apps[0].name.clone(),
                previous_secret: true,
            };
            (secret, signing)
        });
        apps.chain(previous)
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

/// `SECRET` or `NAME=SECRET`, separated by commas; `None` if one is empty.
fn parse_secrets(list: &str) -> Option<Vec<AppSecret>> {
    list.split(',')
        .map(|app| {
            let (name, secret) = match app.split_once('=') {
                Some((name, secret)) => (Some(name.trim()), secret),
                None => (None, app),
            };
            let secret = secret.trim();
            (!secret.is_empty()).then(|| AppSecret {
                name: name.filter(|n| !n.is_empty()).map(Arc::from),
                secret: secret.as_bytes().into(),
            })
        })
        .collect()
}

impl fmt::Debug for WebhookConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let apps: Vec<_> = self
            .apps
            .iter()
            .map(|app| app.name.as_deref().unwrap_or("<unnamed>"))
            .collect();
        f.debug_struct("WebhookConfig")
            .field("apps", &apps)
            .field("app_secrets", &"<redacted>")
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

#[cfg(test)]
mod tests {
    use super::parse_secrets;

    #[test]
    fn a_secret_list_names_apps_and_refuses_an_empty_secret() {
        let apps = parse_secrets("a1b2, shop=c3d4,=e5").unwrap();
        let read: Vec<(Option<&str>, &[u8])> = apps
            .iter()
            .map(|a| (a.name.as_deref(), &*a.secret))
            .collect();
        assert_eq!(
            read,
            [
                (None, &b"a1b2"[..]),
                (Some("shop"), &b"c3d4"[..]),
                (None, &b"e5"[..])
            ]
        );
        assert!(parse_secrets("a1b2,").is_none());
        assert!(parse_secrets("shop=").is_none());
    }
}
