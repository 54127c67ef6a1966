//! `serve` under pressure from clients that hold what they can without a valid signature:
//! bodies declared large and sent a byte at a time, request heads that never end, connections
//! on the metrics listener; and a stop that holds its deadline whatever they hold.

mod support;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::{Server, TempDir};

const BODY: &str = r#"{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"security","value":{"display_phone_number":"15550783881","event":"PIN_CHANGED"}}]}]}"#;

const MIB: usize = 1024 * 1024;

fn server(dir: &TempDir, options: &[&str]) -> Server {
    let sink = format!("file:{}", dir.path().display());
    let mut args = vec!["--sink", sink.as_str()];
    args.extend_from_slice(options);
    Server::start(&args)
}

/// A head declaring `length` bytes of body under a well-formed signature that will not match.
fn bogus_head(length: usize) -> String {
    format!(
        "POST /webhook HTTP/1.1\r\nHost: x\r\nContent-Length: {length}\r\nX-Hub-Signature-256: sha256={}\r\n\r\n",
        "0".repeat(64)
    )
}

/// The peak resident memory of a process, in KiB.
fn peak_rss_kib(pid: u32) -> u64 {
    support::memory_kib(pid, "VmHWM")
}

/// One attacker: from `from`, declares a 3 MiB body, sends one byte of it, holds until the
/// server cuts it, and connects again; until `stop`.
async fn starve(addr: SocketAddr, from: SocketAddr, stop: Arc<AtomicBool>, cut: Arc<AtomicUsize>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut attempt = bogus_head(3 * MIB).into_bytes();
    attempt.push(b'{');
    while !stop.load(Ordering::Relaxed) {
        let socket = tokio::net::TcpSocket::new_v4().unwrap();
        socket.set_reuseaddr(true).unwrap();
        if socket.bind(from).is_err() {
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        }
        let Ok(mut stream) = socket.connect(addr).await else {
            tokio::time::sleep(Duration::from_millis(10)).await;
            continue;
        };
        if stream.write_all(&attempt).await.is_err() {
            continue;
        }
        let mut buf = [0; 512];
        loop {
            tokio::select! {
                read = stream.read(&mut buf) => match read {
                    Ok(n) if n > 0 => {}
                    _ => break,
                },
                () = tokio::time::sleep(Duration::from_millis(100)) => {
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                }
            }
        }
        cut.fetch_add(1, Ordering::Relaxed);
    }
}

/// Signed posts, one every `gap`, `count` of them; how many got 200.
fn signed_posts(server: &Server, count: usize, gap: Duration) -> usize {
    (0..count)
        .filter(|_| {
            std::thread::sleep(gap);
            server.post_signed(BODY) == 200
        })
        .count()
}

/// About 90 connections from one address each declare a 3 MiB body under a wrong signature,
/// send one byte and reconnect when cut (about 0.5 KB/s of traffic). Before client shares they
/// held the whole budget and 237 of 239 of Meta's posts got 503; now the address holds at most
/// its share, and Meta's posts (from another address) get 200.
#[test]
fn slow_unsigned_bodies_from_one_client_cannot_starve_signed_posts() {
    let dir = TempDir::new("starve");
    // Ten bodies of the limit fill it exactly.
    let budget = (30 * MIB).to_string();
    let server = server(&dir, &["--body-budget", &budget]);
    let stop = Arc::new(AtomicBool::new(false));
    let cut = Arc::new(AtomicUsize::new(0));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let from: SocketAddr = "127.0.0.2:0".parse().unwrap();
    for _ in 0..90 {
        runtime.spawn(starve(server.addr, from, stop.clone(), cut.clone()));
    }
    std::thread::sleep(Duration::from_secs(2));
    let posts = 120;
    let ok = signed_posts(&server, posts, Duration::from_millis(50));
    stop.store(true, Ordering::Relaxed);
    runtime.shutdown_timeout(Duration::from_secs(2));
    let cut = cut.load(Ordering::Relaxed);
    eprintln!("{ok} of {posts} signed posts got 200; attackers cut {cut} times");
    assert!(
        ok * 100 >= posts * 95,
        "{ok} of {posts} signed posts got 200"
    );
    assert!(
        cut > 0,
        "the attackers were never cut: the test attacked nothing"
    );
}

/// Behind a proxy every client has one address: a share cannot tell them apart. Slow bodies
/// fill the whole budget (exactly, at 3 MiB each); a signed post that does not fit ends the
/// slowest of them (408) and gets 200, as the metrics count.
#[test]
fn under_pressure_the_slowest_body_is_ended_to_make_room() {
    let dir = TempDir::new("slowest");
    let budget = (12 * MIB).to_string();
    let server = server(
        &dir,
        &["--body-budget", &budget, "--client-budget", &budget],
    );
    let slow: Vec<TcpStream> = (0..4)
        .map(|_| {
            let mut stream = TcpStream::connect(server.addr).unwrap();
            stream.write_all(bogus_head(3 * MIB).as_bytes()).unwrap();
            stream.write_all(b"{").unwrap();
            stream
        })
        .collect();
    // One more does not fit: the budget is spent, and none is slow yet.
    std::thread::sleep(Duration::from_millis(50));
    assert_eq!(server.post_signed(BODY), 503);
    // Past the grace, the four are behind the minimum rate.
    std::thread::sleep(Duration::from_millis(400));
    assert_eq!(server.post_signed(BODY), 200);
    let ended = slow
        .iter()
        .filter(|stream| {
            let mut stream: &TcpStream = stream;
            stream
                .set_read_timeout(Some(Duration::from_millis(200)))
                .unwrap();
            let mut answer = [0; 12];
            stream
                .read(&mut answer)
                .is_ok_and(|n| answer[..n].starts_with(b"HTTP/1.1 408"))
        })
        .count();
    assert_eq!(ended, 1, "one slow body ended for one small post");
    let scrape = support::http(server.addr, "GET", "/metrics", &[], b"").1;
    assert!(
        scrape.contains("wa_webhook_slow_bodies_ended_total 1\n"),
        "{scrape}"
    );
}

/// At the connection cap with every connection reading a body (none idle), the slowest body
/// is ended for a new connection; before, the new one was closed (174 of 175 refused).
#[test]
fn at_the_cap_with_none_idle_the_slowest_body_makes_room() {
    let dir = TempDir::new("cap-slowest");
    let server = server(&dir, &["--max-connections", "20"]);
    let slow: Vec<TcpStream> = (0..20)
        .map(|_| {
            let mut stream = TcpStream::connect(server.addr).unwrap();
            stream.write_all(bogus_head(100).as_bytes()).unwrap();
            stream.write_all(b"{").unwrap();
            stream
        })
        .collect();
    std::thread::sleep(Duration::from_millis(400));
    for _ in 0..5 {
        assert_eq!(server.post_signed_within(BODY, Duration::from_secs(2)), 200);
    }
    drop(slow);
}

/// A thousand clients each send 384 KB of request head and never end it. With hyper's default
/// buffer (about 400 KB) they held 538 MB; the head cap answers 431 and closes each after
/// 16 KiB, so the server's peak memory stays far below, and signed posts get 200 meanwhile.
#[test]
fn a_thousand_unfinished_huge_heads_stay_small() {
    let dir = TempDir::new("heads");
    let server = server(&dir, &[]);
    let mut head = b"POST /webhook HTTP/1.1\r\nHost: x\r\n".to_vec();
    while head.len() < 384 * 1024 {
        head.extend_from_slice(
            format!("X-Pad-{}: {}\r\n", head.len(), "a".repeat(1000)).as_bytes(),
        );
    }
    let mut held = Vec::new();
    let mut answered_431 = 0;
    for n in 0..1000 {
        let Ok(mut stream) = TcpStream::connect(server.addr) else {
            continue;
        };
        stream
            .set_write_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        let _ = stream.write_all(&head);
        if n % 100 == 0 {
            stream
                .set_read_timeout(Some(Duration::from_millis(500)))
                .unwrap();
            let mut answer = [0; 12];
            if stream
                .read(&mut answer)
                .is_ok_and(|n| answer[..n].starts_with(b"HTTP/1.1 431"))
            {
                answered_431 += 1;
            }
        }
        held.push(stream);
    }
    assert_eq!(server.post_signed(BODY), 200);
    let peak_mib = peak_rss_kib(server.pid()) / 1024;
    eprintln!("1,000 unfinished 384 KB heads: peak RSS {peak_mib} MiB, {answered_431} of 10 sampled answered 431");
    assert!(peak_mib < 300, "peak RSS {peak_mib} MiB");
    assert_eq!(answered_431, 10, "each sampled head is answered 431");
    drop(held);
}

/// SIGTERM with a client trickling a body on the webhook listener and one holding a half-sent
/// request line on the metrics listener (which also has 300 idle connections): the process
/// exits 0 within the shutdown deadline and 2 s. Before, it waited for the body timeout
/// (29.6 s) and for the metrics listener's client (45 s).
#[test]
fn sigterm_exits_within_the_deadline_on_both_listeners() {
    let dir = TempDir::new("deadline");
    let metrics = format!("127.0.0.1:{}", support::free_port());
    let mut server = server(
        &dir,
        &[
            "--shutdown-timeout-ms",
            "1000",
            "--metrics-listen",
            &metrics,
        ],
    );
    let metrics: SocketAddr = metrics.parse().unwrap();
    // 300 idle connections on the metrics listener: a scrape still gets in.
    let idle: Vec<TcpStream> = (0..300)
        .filter_map(|_| TcpStream::connect(metrics).ok())
        .collect();
    let (status, text) = support::http(metrics, "GET", "/metrics", &[], b"");
    assert_eq!(status, 200, "{text}");
    let mut half = TcpStream::connect(metrics).unwrap();
    half.write_all(b"GET /metr").unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let trickle = {
        let (addr, stop) = (server.addr, stop.clone());
        std::thread::spawn(move || {
            let mut stream = TcpStream::connect(addr).unwrap();
            stream.write_all(bogus_head(1000).as_bytes()).unwrap();
            while !stop.load(Ordering::Relaxed) && stream.write_all(b" ").is_ok() {
                std::thread::sleep(Duration::from_millis(100));
            }
        })
    };
    std::thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    assert_eq!(server.terminate(), Some(0), "{}", server.log());
    let took = started.elapsed();
    stop.store(true, Ordering::Relaxed);
    trickle.join().unwrap();
    assert!(took < Duration::from_secs(3), "SIGTERM took {took:?}");
    assert!(server.log().contains("closing them"), "{}", server.log());
    drop((idle, half));
}

/// 2,000 signed bodies, each with a distinct unknown key of 100 KB: the table of drift logged
/// lately keeps a hash of each, not the key (1,000 keys of 1 MB held 2.1 GB), so the server's
/// peak memory stays bounded while every body is stored and parsed.
#[test]
fn distinct_huge_unknown_keys_in_signed_bodies_stay_small() {
    let dir = TempDir::new("huge-keys");
    let server = server(&dir, &[]);
    let padding = "k".repeat(100_000);
    for n in 0..2000 {
        let body = format!(
            r#"{{"object":"whatsapp_business_account","entry":[{{"id":"1","changes":[{{"field":"security","value":{{"display_phone_number":"15550783881","event":"PIN_CHANGED","x_unknown_key_{n}_{padding}":1}}}}]}}]}}"#
        );
        assert_eq!(server.post_signed(&body), 200, "body {n}");
    }
    // Every body parsed: the drift counted for each.
    let counted = || {
        let scrape = support::http(server.addr, "GET", "/metrics", &[], b"").1;
        scrape.contains(
            "wa_webhook_drift_items_total{field=\"security\",kind=\"unknown_key\"} 2000\n",
        )
    };
    support::wait_for(Duration::from_secs(60), counted);
    let peak_mib = peak_rss_kib(server.pid()) / 1024;
    eprintln!("2,000 signed bodies with distinct 100 KB unknown keys: peak RSS {peak_mib} MiB");
    assert!(peak_mib < 300, "peak RSS {peak_mib} MiB");
}

/// A signed body of control bytes (not JSON, but signed) is stored in hex, about twice its size,
/// rather than escaped six bytes a byte, and reads back exactly.
#[test]
fn a_signed_body_of_control_bytes_is_stored_without_sixfold_escaping() {
    let dir = TempDir::new("control-bytes");
    let server = server(&dir, &[]);
    let body: String = (0..MIB).map(|n| char::from((n % 0x1f) as u8 + 1)).collect();
    assert_eq!(server.post_signed(&body), 200);
    let on_disk: u64 = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|f| f.metadata().unwrap().len())
        .sum();
    assert!(
        on_disk < 2 * MIB as u64 + 1024,
        "{on_disk} bytes on disk for a body of {MIB}"
    );
    let stored = support::records(dir.path());
    assert_eq!(stored.len(), 1);
    assert!(stored[0].0 == body.as_bytes(), "the body read back differs");
}
