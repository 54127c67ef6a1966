//! What the tower service and the actix-web resource hand each verified notification to.

use super::SigningApp;
use crate::Notification;
use std::future::Future;

/// An app's handler of verified, parsed notifications: an async function of the notification
/// (`async fn(Notification) -> StatusCode`), or of the notification and the app whose secret
/// signed it (`async fn(Notification, SigningApp) -> StatusCode`), for an endpoint several apps
/// send to. Its status is the answer: a 5xx has Meta deliver the body again.
///
/// `Args` tells the two kinds apart; it is inferred, never written.
pub trait NotificationHandler<Args>: Clone + 'static {
    /// What the handler returns.
    type Future: Future<Output = http::StatusCode>;

    /// Handles one notification, signed by `app`.
    fn call(&self, notification: Notification, app: SigningApp) -> Self::Future;
}

impl<H, F> NotificationHandler<(Notification,)> for H
where
    H: Fn(Notification) -> F + Clone + 'static,
    F: Future<Output = http::StatusCode>,
{
    type Future = F;

    fn call(&self, notification: Notification, _app: SigningApp) -> F {
        self(notification)
    }
}

impl<H, F> NotificationHandler<(Notification, SigningApp)> for H
where
    H: Fn(Notification, SigningApp) -> F + Clone + 'static,
    F: Future<Output = http::StatusCode>,
{
    type Future = F;

    fn call(&self, notification: Notification, app: SigningApp) -> F {
        self(notification, app)
    }
}
