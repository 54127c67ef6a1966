//! The GET handshake Meta sends before it subscribes the callback URL.

use super::{Rejection, WebhookConfig, NOSNIFF};
use crate::verification::{self, Handshake};
use axum::extract::Request;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// The GET handshake: 200 with the challenge as the body, or 403 with the reason (logged
/// through `tracing`: a refusal at `warn` with the peer's address, an answer at `debug`). The
/// [`WebhookConfig`] comes from the request's extensions, as for the extractors.
pub async fn handshake(request: Request) -> Response {
    let Some(config) = request.extensions().get::<WebhookConfig>() else {
        return Rejection::NotConfigured.into_response();
    };
    let peer = super::extract::peer(request.extensions());
    let handshake = Handshake::from_query(request.uri().query().unwrap_or_default());
    match verification::verify(&handshake, &config.verify_token) {
        Ok(challenge) => {
            tracing::debug!(status = 200, ?peer, "webhook handshake answered");
            (StatusCode::OK, NOSNIFF, challenge.to_owned()).into_response()
        }
        Err(e) => {
            tracing::warn!(status = 403, reason = %e, ?peer, "webhook handshake refused");
            (StatusCode::FORBIDDEN, NOSNIFF, e.to_string()).into_response()
        }
    }
}
