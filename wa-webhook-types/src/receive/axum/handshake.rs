//! The GET handshake Meta sends before it subscribes the callback URL.

use crate::receive::WebhookConfig;
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};

/// The GET handshake: 200 with the challenge as the body, or 403 with the reason (logged
/// through `tracing`: a refusal at `warn` with the peer's address, an answer at `debug`). The
/// [`WebhookConfig`] comes from the router's state (`WebhookConfig: FromRef<S>`), as for the
/// extractors.
pub async fn handshake(config: State<WebhookConfig>, request: Request) -> Response {
    let peer = super::extract::peer(request.extensions());
    config
        .answer_handshake(request.uri().query(), peer)
        .into_response()
}
