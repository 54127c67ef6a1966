//! The GET handshake Meta sends before it subscribes the callback URL.

use crate::receive::{Rejection, WebhookConfig};
use axum::extract::Request;
use axum::response::{IntoResponse, Response};

/// The GET handshake: 200 with the challenge as the body, or 403 with the reason (logged
/// through `tracing`: a refusal at `warn` with the peer's address, an answer at `debug`). The
/// [`WebhookConfig`](crate::receive::WebhookConfig) comes from the request's extensions, as for the extractors.
pub async fn handshake(request: Request) -> Response {
    let Some(config) = request.extensions().get::<WebhookConfig>() else {
        return Rejection::NotConfigured.into_response();
    };
    let peer = super::extract::peer(request.extensions());
    config
        .answer_handshake(request.uri().query(), peer)
        .into_response()
}
