//! The checks every receiver makes, whatever its web stack: the handshake's answer, a POST's
//! head before its body is read, its body's length and signature, and the whole request for a
//! stack that hands the body over at once.

use super::{Rejection, SigningApp, WebhookConfig, NOSNIFF};
use crate::receive::signature;
use crate::receive::verification::{self, Handshake};
use crate::{from_slice, Notification};
use http::{header, HeaderMap, Method, StatusCode};
use std::net::SocketAddr;

/// A request to the webhook path, checked ([`WebhookConfig::receive`]).
#[derive(Debug)]
#[non_exhaustive]
pub enum Received {
    /// A `GET`: the handshake's answer (200 with the challenge, or 403 with why), to send as it
    /// is.
    Handshake(http::Response<String>),
    /// A `POST` whose signature matches: the notification, parsed, and the app whose secret
    /// signed it. Handle it, then answer 200, or a 5xx status for anything you could not keep,
    /// so that Meta delivers it again.
    Notification(Box<Notification>, SigningApp),
}

impl WebhookConfig {
    /// The answer to Meta's `GET` handshake for the request's query: 200 with the challenge as
    /// plain text, or 403 with why (logged at `warn` with the client's address `peer`, where
    /// the stack knows it, within the limit of `with_rejections_logged`; an answer at `debug`).
    pub fn answer_handshake(
        &self,
        query: Option<&str>,
        peer: Option<SocketAddr>,
    ) -> http::Response<String> {
        let handshake = Handshake::from_query(query.unwrap_or_default());
        let (status, text) = match verification::verify(&handshake, &self.verify_token) {
            Ok(challenge) => {
                tracing::debug!(status = 200, ?peer, "webhook handshake answered");
                (StatusCode::OK, challenge.to_owned())
            }
            Err(e) => {
                let text = e.to_string();
                self.log_rejection(&Rejection::Handshake(e), peer);
                (StatusCode::FORBIDDEN, text)
            }
        };
        let mut response = http::Response::new(text);
        *response.status_mut() = status;
        response.headers_mut().extend([NOSNIFF]);
        response
    }

    /// Checks a `POST`'s head before its body is read: a signature header that is one at all,
    /// and a declared length within the limit. Returns the declared length, to size the
    /// buffer the body is read into.
    pub fn check_head(&self, headers: &HeaderMap) -> Result<Option<usize>, Rejection> {
        let header = headers.get(signature::HEADER).map(|v| v.as_bytes());
        signature::check_header(header).map_err(Rejection::Signature)?;
        let declared = headers
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
        if declared.is_some_and(|length| length > self.body_limit()) {
            return Err(Rejection::TooLarge {
                limit: self.body_limit(),
            });
        }
        Ok(declared)
    }

    /// Checks a `POST`'s whole body: within the limit, and signed with one of the apps'
    /// secrets (or the first app's previous one, while it rotates; such a match is logged at
    /// `debug`). Returns which app signed it.
    pub fn verify_body(&self, headers: &HeaderMap, body: &[u8]) -> Result<SigningApp, Rejection> {
        if body.len() > self.body_limit() {
            return Err(Rejection::TooLarge {
                limit: self.body_limit(),
            });
        }
        let header = headers.get(signature::HEADER).map(|v| v.as_bytes());
        let (secrets, mut apps): (Vec<&[u8]>, Vec<SigningApp>) = self.secrets().unzip();
        let matched = signature::verify_any(secrets, body, header).map_err(Rejection::Signature)?;
        let app = apps.swap_remove(matched);
        if app.previous_secret {
            tracing::debug!("webhook POST signed with the previous app secret");
        }
        Ok(app)
    }

    /// The whole check of a request whose body the web stack has read already (AWS Lambda,
    /// actix-web's `Bytes`): on [`path`](WebhookConfig::path) only (any other is 404), the
    /// handshake for a `GET`; for a `POST`, the signature and the parse. A refusal is logged at
    /// `warn` (with the client's address if the request's extensions hold it as a
    /// `SocketAddr`; a wrong path at `debug`); answer it with [`Rejection::to_response`].
    pub fn receive<B: AsRef<[u8]>>(
        &self,
        request: &http::Request<B>,
    ) -> Result<Received, Rejection> {
        let peer = request.extensions().get::<SocketAddr>().copied();
        if request.uri().path() != self.path() {
            let rejection = Rejection::NotFound;
            self.log_rejection(&rejection, peer);
            return Err(rejection);
        }
        let received = match *request.method() {
            Method::GET => Ok(Received::Handshake(
                self.answer_handshake(request.uri().query(), peer),
            )),
            Method::POST => self
                .check_head(request.headers())
                .and_then(|_| self.verify_body(request.headers(), request.body().as_ref()))
                .and_then(|app| {
                    let notification =
                        from_slice(request.body().as_ref()).map_err(Rejection::NotAWebhook)?;
                    Ok(Received::Notification(Box::new(notification), app))
                }),
            _ => Err(Rejection::MethodNotAllowed),
        };
        received.inspect_err(|rejection| self.log_rejection(rejection, peer))
    }
}
