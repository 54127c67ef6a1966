//! `serve`'s command line: its options as clap reads them, and the [`ServeOptions`] they make.

use super::{ConnectionLimits, FileOptions, FsyncMode, ServeOptions};
use crate::sink_spec::SinkSpec;
use std::net::SocketAddr;
use std::time::Duration;
use wa_webhook_types::receive::WebhookConfig;

/// The options of `wa-webhook serve`.
#[derive(clap::Args)]
pub struct ServeArgs {
    /// The address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// The path Meta posts to: the callback URL's path in the App Dashboard.
    #[arg(long, default_value = WebhookConfig::DEFAULT_PATH, value_parser = webhook_path)]
    path: String,
    /// Where bodies go: `file:DIR` (JSON Lines files in DIR, rotated by size) or
    /// `nats://HOST:PORT/STREAM` (a NATS JetStream stream).
    #[arg(long, default_value = "file:webhooks", value_parser = SinkSpec::parse)]
    sink: SinkSpec,
    /// The largest body accepted, in bytes (larger ones get 413).
    #[arg(long, default_value_t = wa_webhook_types::receive::WebhookConfig::DEFAULT_BODY_LIMIT,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    body_limit: usize,
    /// Bytes of bodies held at once across all connections; a POST beyond it gets 503 at
    /// once, unread (Meta retries). Default: a 32nd of the memory, 32 to 256 MiB.
    #[arg(long, value_name = "BYTES", value_parser = at_least_one())]
    body_budget: Option<u64>,
    /// Bytes of bodies one client (an IPv4 address, an IPv6 /64) may hold at once; beyond it
    /// its slow bodies are ended, else it gets 503. Default: a quarter of the budget, at least
    /// the body limit. Behind a proxy every client is the proxy: raise it there.
    #[arg(long, value_name = "BYTES", value_parser = at_least_one())]
    client_budget: Option<u64>,
    /// Bytes a second a body must arrive at once the budget is under pressure (a POST does not
    /// fit): slower ones are ended with 408, slowest first, to make room.
    #[arg(long, value_name = "BYTES", default_value_t = 16 * 1024, value_parser = at_least_one())]
    min_body_rate: u64,
    /// Serve `GET /metrics` on this address (an internal one) instead of on the webhook
    /// listener, which Meta and anyone else can reach.
    #[arg(long, value_name = "ADDR")]
    metrics_listen: Option<SocketAddr>,
    /// File sink: one fsync for all bodies queued meanwhile (`group`), or one per body (`each`).
    #[arg(long, value_enum, default_value = "group")]
    fsync: FsyncMode,
    /// File sink, group commit: milliseconds to wait for more bodies before each fsync
    /// (more throughput, more latency).
    #[arg(long, default_value_t = 0)]
    group_wait_ms: u64,
    /// File sink: start a new file once the current one has this many bytes.
    #[arg(long, default_value_t = 128 * 1024 * 1024, value_parser = at_least_one())]
    rotate_bytes: u64,
    /// File sink: how many recent bodies to remember, so that Meta's retries are stored once.
    #[arg(long, default_value_t = 100_000)]
    remember: usize,
    /// Print each typed event of each stored body as a JSON line on standard output.
    #[arg(long)]
    events: bool,
    /// Milliseconds a client has to send a request's head, counted from when the server
    /// waits for it: a slow head, or a keep-alive connection idle this long, is closed.
    #[arg(long, default_value_t = 10_000, value_parser = at_least_one())]
    header_timeout_ms: u64,
    /// Milliseconds a client has to send the whole body (a slower one gets 408).
    #[arg(long, default_value_t = 30_000, value_parser = at_least_one())]
    body_timeout_ms: u64,
    /// Milliseconds one write may wait for the client to read it; a client that stops
    /// reading its answers is closed.
    #[arg(long, default_value_t = 10_000, value_parser = at_least_one())]
    write_timeout_ms: u64,
    /// After SIGTERM, milliseconds the requests in flight have; then every connection left
    /// (on both listeners) is closed, the sink closed, and the process exits.
    #[arg(long, default_value_t = 30_000)]
    shutdown_timeout_ms: u64,
    /// The most connections open at once; at the cap the oldest idle connection is closed
    /// for a new one (none idle: the new one is closed). Keep it below the process's
    /// descriptor limit (`ulimit -n`; `serve` warns when it is not).
    #[arg(long, default_value_t = 10_000, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
    max_connections: usize,
    /// The largest request head (request line and headers) held, in bytes; a larger one gets
    /// 431 and is closed. Meta's are about a kilobyte.
    #[arg(long, default_value_t = 16 * 1024,
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(ConnectionLimits::MIN_HEAD_BYTES as u64..))]
    max_head_bytes: usize,
}

impl From<ServeArgs> for ServeOptions {
    fn from(args: ServeArgs) -> Self {
        ServeOptions {
            listen: args.listen,
            path: args.path,
            sink: args.sink,
            body_limit: args.body_limit,
            body_budget: args.body_budget,
            client_budget: args.client_budget,
            min_body_rate: args.min_body_rate,
            metrics_listen: args.metrics_listen,
            body_timeout: Duration::from_millis(args.body_timeout_ms),
            limits: ConnectionLimits {
                header_timeout: Duration::from_millis(args.header_timeout_ms),
                write_timeout: Duration::from_millis(args.write_timeout_ms),
                max_connections: args.max_connections,
                shutdown_timeout: Duration::from_millis(args.shutdown_timeout_ms),
                max_head_bytes: args.max_head_bytes,
            },
            file: FileOptions {
                fsync: args.fsync,
                group_wait: Duration::from_millis(args.group_wait_ms),
                rotate_bytes: args.rotate_bytes,
                remember: args.remember,
            },
            events: args.events,
        }
    }
}

/// A whole number of 1 or more: a limit or a timeout of 0 cannot work, so it is refused at
/// start (exit 2, the option named) rather than taken without a word.
fn at_least_one() -> clap::builder::RangedU64ValueParser<u64> {
    clap::builder::RangedU64ValueParser::new().range(1..)
}

/// A path to serve: `/` and then letters, digits and `-._~/` only (no route pattern, nothing
/// to escape), not `/healthz` or `/metrics`, which `serve` answers itself.
fn webhook_path(text: &str) -> Result<String, String> {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-._~/".contains(c);
    if !text.starts_with('/') || !text.chars().all(plain) {
        return Err("a path starts with `/` and has only letters, digits and `-._~/`".to_owned());
    }
    if ["/healthz", "/metrics"].contains(&text) {
        return Err(format!("`{text}` is serve's own"));
    }
    Ok(text.to_owned())
}
