//! An AWS Lambda function (behind API Gateway's HTTP API or a function URL) with `lambda_http`:
//! Meta's handshake and deliveries checked by the receiver's core (feature `http`), repeats
//! dropped while the instance is warm, each new event logged by its summary (never a phone
//! number or a user's text). Bursty webhook traffic costs nothing between bursts; the Lambda
//! runtime starts and stops the process, so there is no shutdown to handle.
//!
//! ```toml
//! [dependencies]
//! wa-webhook-types = { path = "../wa-webhook/wa-webhook-types", features = ["http"] }
//! lambda_http = "1"
//! tokio = { version = "1", features = ["macros"] }
//! tracing = "0.1"
//! tracing-subscriber = { version = "0.3", features = ["fmt"] }
//! ```
//!
//! ```sh
//! WA_APP_SECRET=... WA_VERIFY_TOKEN=... cargo lambda watch --example lambda --features http
//! ```
//!
//! The core answers on the configured path only (`/webhook`); behind a stage the function may
//! see `/prod/webhook`: set it with `WebhookConfig::with_path`.

use lambda_http::{service_fn, Body, Error, Request, Response};
use tracing::info;
use wa_webhook_types::http::StatusCode;
use wa_webhook_types::receive::{Received, WebhookConfig};
use wa_webhook_types::RecentEvents;

/// The function's state: its configuration and the events kept while it is warm.
pub struct App {
    config: WebhookConfig,
    recent: RecentEvents,
}

impl App {
    /// The function for `config`.
    pub fn new(config: WebhookConfig) -> Self {
        let recent = RecentEvents::new(10_000);
        App { config, recent }
    }

    /// One request: the handshake's answer, a refusal with its status, or 200 once the new
    /// events are handled.
    pub async fn handle(&self, request: Request) -> Result<Response<Body>, Error> {
        let answer = match self.config.receive(&request) {
            Ok(Received::Handshake(answer)) => answer,
            Ok(Received::Notification(notification, _app)) => {
                for event in notification.events() {
                    let Some(claim) = self.recent.claim(&event) else {
                        continue; // a repeat
                    };
                    // Store or queue the event here; when that fails, answer 503: the claim is
                    // dropped and Meta's retry is handled.
                    info!(event = %event.summary(), "received");
                    claim.keep();
                }
                Response::new(String::new())
            }
            // A kind of request a later version of the core may tell apart.
            Ok(_) => Response::builder()
                .status(StatusCode::NOT_IMPLEMENTED)
                .body(String::new())?,
            Err(rejection) => rejection.to_response(), // 401, 403, 404, 413, ...; logged
        };
        Ok(answer.map(Body::from))
    }
}

#[allow(dead_code)] // the tests include this file for `App`
#[tokio::main]
async fn main() -> Result<(), Error> {
    tracing_subscriber::fmt().with_ansi(false).init(); // CloudWatch takes plain lines
    let app = App::new(WebhookConfig::from_env()?);
    lambda_http::run(service_fn(|request| app.handle(request))).await
}
