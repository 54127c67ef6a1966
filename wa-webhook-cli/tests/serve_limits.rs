//! `serve` against slow and hostile clients: a request head or a body that does not arrive in
//! time is cut off, connections beyond the cap are closed at once, and signed posts keep
//! getting 200 meanwhile, with descriptors bounded by the cap.

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};
use support::{Server, TempDir};

const BODY: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"security","value":{"display_phone_number":"15550783881","event":"PIN_CHANGED"}}]}]}"#;

fn server(dir: &TempDir, limits: &[&str]) -> Server {
    let sink = format!("file:{}", dir.path().display());
    let mut args = vec!["--sink", sink.as_str()];
    args.extend_from_slice(limits);
    Server::start(&args)
}

/// Reads until the server closes the connection (or `limit` passes); what it sent, and when.
fn until_closed(stream: &mut TcpStream, limit: Duration) -> (String, Option<Duration>) {
    let started = Instant::now();
    stream
        .set_read_timeout(Some(Duration::from_millis(100)))
        .unwrap();
    let mut got = Vec::new();
    let mut buf = [0; 4096];
    while started.elapsed() < limit {
        match stream.read(&mut buf) {
            Ok(0) => {
                return (
                    String::from_utf8_lossy(&got).into_owned(),
                    Some(started.elapsed()),
                )
            }
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => {
                return (
                    String::from_utf8_lossy(&got).into_owned(),
                    Some(started.elapsed()),
                )
            }
        }
    }
    (String::from_utf8_lossy(&got).into_owned(), None)
}

fn open_fds(pid: u32) -> usize {
    std::fs::read_dir(format!("/proc/{pid}/fd")).map_or(0, |d| d.count())
}

fn rss_kib(pid: u32) -> u64 {
    support::memory_kib(pid, "VmRSS")
}

#[test]
fn a_slow_head_an_idle_connection_and_a_slow_body_are_cut_off_at_their_timeouts() {
    let dir = TempDir::new("serve-slow");
    let server = server(
        &dir,
        &["--header-timeout-ms", "400", "--body-timeout-ms", "400"],
    );

    // A request line and one header, then nothing.
    let mut slow_head = TcpStream::connect(server.addr).unwrap();
    slow_head
        .write_all(b"POST /webhook HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    // Connected, never a byte.
    let mut idle = TcpStream::connect(server.addr).unwrap();
    // A whole head announcing 100 bytes of body, and 10 of them.
    let mut slow_body = TcpStream::connect(server.addr).unwrap();
    slow_body
        .write_all(
            format!(
                "POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\nX-Hub-Signature-256: sha256={}\r\n\r\n0123456789",
                "0".repeat(64)
            )
            .as_bytes(),
        )
        .unwrap();

    // Meanwhile a signed post is answered at once.
    let started = Instant::now();
    assert_eq!(server.post_signed(BODY), 200);
    assert!(
        started.elapsed() < Duration::from_millis(300),
        "{:?}",
        started.elapsed()
    );

    for (what, stream) in [("slow head", &mut slow_head), ("idle", &mut idle)] {
        let (said, closed) = until_closed(stream, Duration::from_secs(5));
        let closed = closed.unwrap_or_else(|| panic!("{what}: still open after 5 s"));
        assert!(
            closed < Duration::from_secs(2),
            "{what}: closed after {closed:?}"
        );
        assert!(!said.contains("200 OK"), "{what}: {said}");
    }
    let (said, closed) = until_closed(&mut slow_body, Duration::from_secs(5));
    assert!(closed.is_some(), "slow body: still open after 5 s");
    assert!(said.starts_with("HTTP/1.1 408"), "slow body: {said:?}");
    assert!(said.contains("body not received within 400 ms"), "{said:?}");
    assert!(server.logs("webhook request rejected"), "{}", server.log());
    let log = server.log();
    let line = log
        .lines()
        .find(|l| l.contains("webhook request rejected"))
        .unwrap_or_default();
    assert!(
        line.contains("status=408") && line.contains("peer=127.0.0.1:"),
        "{log}"
    );
}

#[test]
fn connections_beyond_the_cap_are_closed_and_many_slow_clients_stay_bounded() {
    let dir = TempDir::new("serve-cap");
    let cap = 200;
    let server = server(
        &dir,
        &[
            "--header-timeout-ms",
            "1500",
            "--max-connections",
            &cap.to_string(),
        ],
    );
    let pid = server.pid();
    let (fds_before, rss_before) = (open_fds(pid), rss_kib(pid));

    // Many more slow clients than the cap: each sends a request line, then waits.
    let slow: Vec<TcpStream> = (0..800)
        .filter_map(|_| {
            let mut s = TcpStream::connect(server.addr).ok()?;
            let _ = s.write_all(b"POST /webhook HTTP/1.1\r\n");
            Some(s)
        })
        .collect();
    assert_eq!(slow.len(), 800, "the backlog took every client");
    std::thread::sleep(Duration::from_millis(300));
    let (fds_during, rss_during) = (open_fds(pid), rss_kib(pid));
    assert!(
        fds_during <= fds_before + cap + 5,
        "descriptors bounded by the cap: {fds_before} before, {fds_during} with 800 slow clients"
    );
    eprintln!(
        "slow clients: 800 (cap {cap}): descriptors {fds_before} -> {fds_during}, RSS {rss_before} -> {rss_during} KiB"
    );

    // Once the slow ones are cut off, signed posts get 200 within bounded latency.
    std::thread::sleep(Duration::from_millis(1700));
    let mut worst = Duration::ZERO;
    for _ in 0..20 {
        let started = Instant::now();
        assert_eq!(server.post_signed(BODY), 200);
        worst = worst.max(started.elapsed());
    }
    assert!(
        worst < Duration::from_millis(500),
        "worst post latency {worst:?}"
    );
    let fds_after = open_fds(pid);
    assert!(
        fds_after <= fds_before + 5,
        "descriptors freed: {fds_before} -> {fds_after}"
    );
    assert!(server.logs("connection cap reached"), "{}", server.log());
    drop(slow);
}

/// 150 unauthenticated clients each declare a 3 MiB body, send all of it but the last byte
/// with a signature that will not match, and hold. The bodies held at once stay within
/// `--body-budget` (the rest get 503 unread), so the server's memory stays bounded, and a
/// signed post still gets 200 once the budget has room again.
#[test]
fn unauthenticated_bodies_held_open_stay_within_the_body_budget() {
    const BUDGET_MIB: u64 = 32;
    const LENGTH: usize = 3 * 1024 * 1024;
    let dir = TempDir::new("budget");
    let budget = (BUDGET_MIB * 1024 * 1024).to_string();
    let server = server(&dir, &["--body-budget", &budget]);
    let bogus = format!("sha256={}", "0".repeat(64));
    let head = format!(
        "POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Length: {LENGTH}\r\nX-Hub-Signature-256: {bogus}\r\n\r\n"
    );
    let chunk = vec![b' '; 64 * 1024];
    let mut held = Vec::new();
    let mut refused = 0;
    for _ in 0..150 {
        let mut stream = TcpStream::connect(server.addr).unwrap();
        stream
            .set_write_timeout(Some(Duration::from_millis(500)))
            .unwrap();
        stream.write_all(head.as_bytes()).unwrap();
        // A refused client is answered at once: it stops sending.
        std::thread::sleep(Duration::from_millis(5));
        stream.set_nonblocking(true).unwrap();
        let mut peek = [0; 12];
        let answered = stream.peek(&mut peek).is_ok_and(|n| n > 0);
        stream.set_nonblocking(false).unwrap();
        if answered {
            assert!(
                peek.starts_with(b"HTTP/1.1 503"),
                "{:?}",
                String::from_utf8_lossy(&peek)
            );
            refused += 1;
            continue;
        }
        let mut sent = 0;
        while sent < LENGTH - 1 {
            let n = chunk.len().min(LENGTH - 1 - sent);
            if stream.write_all(&chunk[..n]).is_err() {
                break;
            }
            sent += n;
        }
        held.push(stream);
    }
    std::thread::sleep(Duration::from_millis(300));
    let rss_mib = rss_kib(server.pid()) / 1024;
    eprintln!(
        "{} held, {refused} refused unread, RSS {rss_mib} MiB",
        held.len()
    );
    assert!(
        refused >= 100,
        "only {refused} of 150 refused with a {BUDGET_MIB} MiB budget"
    );
    // The budget, the runtime and the binary's own pages; 693 MB before the budget.
    assert!(
        rss_mib < BUDGET_MIB + 96,
        "RSS {rss_mib} MiB with a {BUDGET_MIB} MiB budget"
    );
    let scrape = support::http(server.addr, "GET", "/metrics", &[], b"").1;
    let counted: usize = scrape
        .lines()
        .find_map(|l| l.strip_prefix("wa_webhook_bodies_over_budget_total "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no over-budget count in\n{scrape}"));
    // A refusal the client did not see within its peek still counts on the server.
    assert!(
        counted >= refused && counted <= 150,
        "{counted} counted, {refused} seen refused"
    );
    drop(held);
    support::wait_for(Duration::from_secs(10), || server.post_signed(BODY) == 200);
    assert_eq!(server.post_signed(BODY), 200);
}

/// A POST without a signature, or with something that is no signature, is refused before its
/// body is read.
#[test]
fn a_post_without_a_signature_is_refused_unread() {
    let dir = TempDir::new("unsigned");
    let server = server(&dir, &[]);
    for signature in ["", "X-Hub-Signature-256: sha1=abc\r\n"] {
        let mut stream = TcpStream::connect(server.addr).unwrap();
        let head = format!(
            "POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000\r\n{signature}\r\n"
        );
        stream.write_all(head.as_bytes()).unwrap();
        let (answer, closed) = until_closed(&mut stream, Duration::from_secs(5));
        assert!(answer.starts_with("HTTP/1.1 401"), "{answer:?}");
        assert!(closed.is_some(), "answered without the body");
    }
}

/// A client pipelines requests and never reads the answers: once its socket is full, the
/// server's write times out and the connection is closed; SIGTERM exits within its deadline
/// even with it connected.
#[test]
fn a_client_that_never_reads_is_closed_and_does_not_hold_a_stop() {
    let dir = TempDir::new("non-reading");
    let mut server = server(
        &dir,
        &["--write-timeout-ms", "500", "--shutdown-timeout-ms", "1000"],
    );
    let mut stream = TcpStream::connect(server.addr).unwrap();
    stream
        .set_write_timeout(Some(Duration::from_secs(2)))
        .unwrap();
    let request = b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n";
    // Several megabytes of answers: more than the sockets' buffers hold.
    for _ in 0..4000 {
        if stream.write_all(request).is_err() {
            break;
        }
    }
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    assert_eq!(server.terminate(), Some(0), "{}", server.log());
    let took = started.elapsed();
    assert!(took < Duration::from_secs(3), "SIGTERM took {took:?}");
    drop(stream);
}

/// Clients polling `/healthz` over keep-alive connections fill the cap; Meta's next delivery
/// still gets in, in place of the oldest idle connection.
#[test]
fn at_the_cap_the_oldest_idle_connection_makes_room() {
    let dir = TempDir::new("fair");
    let server = server(&dir, &["--max-connections", "20"]);
    let addr = server.addr;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let pollers: Vec<_> = (0..20)
        .map(|_| {
            let stop = stop.clone();
            std::thread::spawn(move || {
                let Ok(mut stream) = TcpStream::connect(addr) else {
                    return;
                };
                let mut buf = [0; 1024];
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    let polled = stream
                        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                        .and_then(|()| stream.read(&mut buf));
                    if !matches!(polled, Ok(n) if n > 0) {
                        return; // closed to make room
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    for _ in 0..5 {
        assert_eq!(server.post_signed_within(BODY, Duration::from_secs(2)), 200);
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    for poller in pollers {
        poller.join().unwrap();
    }
}

/// Values that cannot work are refused at start, naming the option (exit 2).
#[test]
fn zero_limits_and_timeouts_are_refused_at_start() {
    for option in [
        "--max-connections",
        "--body-limit",
        "--body-budget",
        "--client-budget",
        "--min-body-rate",
        "--max-head-bytes",
        "--header-timeout-ms",
        "--body-timeout-ms",
        "--write-timeout-ms",
        "--rotate-bytes",
    ] {
        let out = support::wa_webhook(&["serve", option, "0"]);
        assert_eq!(out.status.code(), Some(2), "{option}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(option), "{option}: {stderr}");
    }
    // A budget that could never hold a body of the limit (it answered 503 forever).
    let out = support::wa_webhook(&["serve", "--body-limit", "2000", "--body-budget", "1000"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--body-budget 1000 is below --body-limit 2000"),
        "{stderr}"
    );
    let out = support::wa_webhook(&["serve", "--body-limit", "2000", "--client-budget", "1000"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--client-budget 1000 is below --body-limit 2000"),
        "{stderr}"
    );
}
