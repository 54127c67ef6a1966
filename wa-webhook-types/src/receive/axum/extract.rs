//! The extractors of a webhook POST: the verified raw body, or the verified and parsed
//! notification (with the app that signed it, or without), over the core's checks.

use crate::receive::{Rejection, SigningApp, WebhookConfig};
use crate::{from_slice, Notification};
use axum::body::{Body, Bytes};
use axum::extract::{FromRef, FromRequest, Request};
use axum::response::{IntoResponse, Response};

/// A POST body whose signature was verified, as the raw bytes received (not parsed), and the
/// app whose secret signed it.
///
/// Use it to store the body before parsing it, so that nothing is lost even if parsing fails.
#[derive(Debug, Clone)]
pub struct VerifiedBody(pub Bytes, pub SigningApp);

/// A verified and parsed webhook POST.
#[derive(Debug, Clone)]
pub struct Webhook(pub Notification);

/// A verified and parsed webhook POST, and the app whose secret signed it: for an endpoint
/// that several apps send to ([`WebhookConfig::with_app_secret`]).
#[derive(Debug, Clone)]
pub struct SignedWebhook(pub Notification, pub SigningApp);

/// The response with the status and the reason (the extractors logged both through `tracing`
/// at `warn`, with the peer's address, since Meta shows them to no one).
impl IntoResponse for Rejection {
    fn into_response(self) -> Response {
        self.to_response().into_response()
    }
}

/// The configuration is the router's state's (`WebhookConfig: FromRef<S>`): a router without
/// one does not compile.
impl<S> FromRequest<S> for VerifiedBody
where
    S: Send + Sync,
    WebhookConfig: FromRef<S>,
{
    type Rejection = Rejection;

    async fn from_request(request: Request<Body>, state: &S) -> Result<Self, Rejection> {
        let peer = peer(request.extensions());
        let config = WebhookConfig::from_ref(state);
        verified(config.clone(), request)
            .await
            .inspect_err(|rejection| config.log_rejection(rejection, peer))
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
async fn verified(
    config: WebhookConfig,
    request: Request<Body>,
) -> Result<VerifiedBody, Rejection> {
    let (parts, body) = request.into_parts();
    let (bytes, app) = config.read_verified(&parts.headers, body).await?;
    Ok(VerifiedBody(bytes, app))
}

impl<S> FromRequest<S> for Webhook
where
    S: Send + Sync,
    WebhookConfig: FromRef<S>,
{
    type Rejection = Rejection;

    async fn from_request(request: Request<Body>, state: &S) -> Result<Self, Rejection> {
        let SignedWebhook(notification, _) = SignedWebhook::from_request(request, state).await?;
        Ok(Webhook(notification))
    }
}

impl<S> FromRequest<S> for SignedWebhook
where
    S: Send + Sync,
    WebhookConfig: FromRef<S>,
{
    type Rejection = Rejection;

    async fn from_request(request: Request<Body>, state: &S) -> Result<Self, Rejection> {
        let peer = peer(request.extensions());
        let VerifiedBody(bytes, app) = VerifiedBody::from_request(request, state).await?;
        from_slice(&bytes)
            .map(|notification| SignedWebhook(notification, app))
            .map_err(Rejection::NotAWebhook)
            .inspect_err(|rejection| WebhookConfig::from_ref(state).log_rejection(rejection, peer))
    }
}
