//! Posting signed bodies to a receiver, as Meta does: the HTTP client `load` and `replay`
//! share, and one attempt of one POST.

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use std::time::Duration;
use wa_webhook_types::receive::signature;

/// The client: HTTP/1.1 with pooled keep-alive connections.
pub type PostClient = Client<HttpConnector, Full<Bytes>>;

/// A client for posting to receivers.
pub fn client() -> PostClient {
    Client::builder(TokioExecutor::new())
        .pool_idle_timeout(Duration::from_secs(30))
        .build_http()
}

/// One POST of `body` to `url` with its signature header (10 s at most): the status and the
/// response body, or why there is none.
pub async fn post_signed(
    client: &PostClient,
    url: &str,
    body: &[u8],
    header: &str,
) -> Result<(hyper::StatusCode, Bytes), String> {
    let request = hyper::Request::post(url)
        .header("content-type", "application/json")
        .header(signature::HEADER, header)
        .body(Full::new(Bytes::copy_from_slice(body)))
        .map_err(|e| format!("{url}: {e}"))?;
    let attempt = async {
        let response = client.request(request).await.map_err(|e| e.to_string())?;
        let status = response.status();
        let said = response
            .into_body()
            .collect()
            .await
            .map_err(|e| e.to_string())?
            .to_bytes();
        Ok((status, said))
    };
    tokio::time::timeout(Duration::from_secs(10), attempt)
        .await
        .map_err(|_| "no answer within 10 s".to_owned())?
}
