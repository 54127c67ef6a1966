//! Running `wa-webhook` processes in tests: a server on the loopback interface, one-shot HTTP
//! requests, temporary folders and the file sink's records. Every wait is bounded.

#![allow(dead_code)] // each test file uses its own part

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

pub const SECRET: &str = "app-secret";
pub const TOKEN: &str = "verify-token";

fn command(args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_wa-webhook"));
    command
        .args(args)
        .env("WA_APP_SECRET", SECRET)
        .env("WA_VERIFY_TOKEN", TOKEN)
        .env_remove("WA_APP_SECRET_PREVIOUS")
        .env("RUST_LOG", "info")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// Runs `wa-webhook ARGS` to the end.
pub fn wa_webhook(args: &[&str]) -> Output {
    command(args).output().expect("run wa-webhook")
}

/// Starts `wa-webhook ARGS`.
pub fn spawn_wa_webhook(args: &[&str]) -> Child {
    command(args).spawn().expect("run wa-webhook")
}

/// A `wa-webhook serve` process; killed when dropped.
pub struct Server {
    child: Child,
    pub addr: SocketAddr,
    log: Arc<Mutex<String>>,
}

impl Server {
    /// Starts a server on a free port with `args` after `serve`.
    pub fn start(args: &[&str]) -> Server {
        Server::start_on("127.0.0.1:0", args)
    }

    /// Starts a server listening on `listen`, and waits until it listens.
    pub fn start_on(listen: &str, args: &[&str]) -> Server {
        Server::start_with_env(listen, args, &[])
    }

    /// Starts a server listening on `listen` with more environment variables.
    pub fn start_with_env(listen: &str, args: &[&str], env: &[(&str, &str)]) -> Server {
        let mut all = vec!["serve", "--listen", listen];
        all.extend_from_slice(args);
        let mut child = command(&all)
            .envs(env.iter().copied())
            .spawn()
            .expect("run wa-webhook");
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = mpsc::channel();
        let lines = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(addr) = line.split("addr=").nth(1) {
                    let addr = addr.split_whitespace().next().unwrap_or_default();
                    let _ = tx.send(addr.parse::<SocketAddr>());
                }
                let mut log = lines.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let addr = match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(Ok(addr)) => addr,
            other => {
                let _ = child.kill();
                panic!(
                    "the server did not start: {other:?}\n{}",
                    log.lock().unwrap()
                );
            }
        };
        Server { child, addr, log }
    }

    /// Posts `body` to `/webhook`, signed with [`SECRET`]; returns the status.
    pub fn post_signed(&self, body: &str) -> u16 {
        let header = sign(SECRET, body.as_bytes());
        let signature = [("X-Hub-Signature-256", header.as_str())];
        http(self.addr, "POST", "/webhook", &signature, body.as_bytes()).0
    }

    /// As [`post_signed`](Self::post_signed), asserting that the answer came within `limit`.
    pub fn post_signed_within(&self, body: &str, limit: Duration) -> u16 {
        let started = Instant::now();
        let status = self.post_signed(body);
        let took = started.elapsed();
        assert!(took < limit, "answered {status} after {took:?}");
        status
    }

    /// The server's process ID.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// What the server logged so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Whether the server logs `text` within 5 s (its standard error is read on another
    /// thread, so a line written before an answer may be read after it).
    pub fn logs(&self, text: &str) -> bool {
        within(Duration::from_secs(5), || self.log().contains(text))
    }

    /// Sends SIGTERM and waits (10 s at most) for the exit code.
    pub fn terminate(&mut self) -> Option<i32> {
        let pid = self.child.id().to_string();
        Command::new("kill").args(["-TERM", &pid]).status().unwrap();
        let until = Instant::now() + Duration::from_secs(10);
        while Instant::now() < until {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the server did not stop within 10 s of SIGTERM");
    }

    /// Kills the server at once (SIGKILL), as a crash would.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends one HTTP/1.1 request and returns the status and body (10 s at most).
pub fn http(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> (u16, String) {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(10)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut head = format!(
        "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).unwrap();
    // A server may answer (and close) before reading an oversized body.
    let _ = stream.write_all(body);
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response);
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP response: {text:?}"));
    let body = text
        .split_once("\r\n\r\n")
        .map_or("", |(_, b)| b)
        .to_owned();
    (status, body)
}

/// The `X-Hub-Signature-256` header for `body`.
pub fn sign(secret: &str, body: &[u8]) -> String {
    wa_webhook_types::receive::signature::sign(secret, body)
}

/// The SHA-256 of a body, in hex, as `load --acked` writes it.
pub fn body_key(body: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(body))
}

/// Every record of the file sink in `dir`, oldest first: the body and its signature. Only
/// complete lines count.
pub fn records(dir: &Path) -> Vec<(Vec<u8>, Option<String>)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|f| f.is_file() && f.extension().is_some_and(|e| e == "jsonl"));
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let text = std::fs::read(&file).unwrap();
        let complete = text.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        for line in text[..complete]
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
        {
            let record: serde_json::Value = serde_json::from_slice(line).unwrap();
            let body = match (record["body"].as_str(), record["body_hex"].as_str()) {
                (Some(text), _) => text.as_bytes().to_vec(),
                (None, Some(hex)) => hex::decode(hex).expect("hex"),
                _ => panic!("a record without a body: {record}"),
            };
            let signature = record["signature"].as_str().map(str::to_owned);
            out.push((body, signature));
        }
    }
    out
}

/// A memory figure of a process, in KiB, from `/proc/PID/status` (`VmRSS` resident now,
/// `VmHWM` its peak); 0 where it cannot be read.
pub fn memory_kib(pid: u32, figure: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(figure)?.strip_prefix(':'))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

/// A port free at the time of asking.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Waits until `done` (polling), at most `limit`.
pub fn wait_for(limit: Duration, done: impl FnMut() -> bool) {
    assert!(within(limit, done), "not done within {limit:?}");
}

/// Whether `done` comes true (polling) within `limit`.
pub fn within(limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let until = Instant::now() + limit;
    while !done() {
        if Instant::now() > until {
            return false;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    true
}

/// A folder under the system's temporary folder, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(name: &str) -> TempDir {
        let path = std::env::temp_dir().join(format!(
            "wa-webhook-{name}-{}-{:?}",
            std::process::id(),
            Instant::now()
        ));
        let path = PathBuf::from(
            path.to_string_lossy()
                .replace([' ', '{', '}', ':', ','], ""),
        );
        std::fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A local `nats-server -js` (Debian's `nats-server` package); killed when dropped.
pub struct NatsServer {
    child: Child,
    pub port: u16,
    store: PathBuf,
    /// Further arguments (a cluster node's name, cluster port and routes).
    args: Vec<String>,
}

impl NatsServer {
    /// The `nats-server` binary, if installed (`scripts/test` installs it).
    pub fn binary() -> Option<PathBuf> {
        let path = std::env::var_os("PATH").unwrap_or_default();
        std::env::split_paths(&path)
            .chain([PathBuf::from("/usr/sbin"), PathBuf::from("/usr/local/sbin")])
            .map(|dir| dir.join("nats-server"))
            .find(|candidate| candidate.is_file())
    }

    /// Starts JetStream on `port` with its store in `store`, and waits until it accepts
    /// connections.
    pub fn start(binary: &Path, port: u16, store: &Path) -> NatsServer {
        NatsServer::start_with(binary, port, store, Vec::new())
    }

    /// As [`start`](Self::start), node `name` of a cluster on loopback: its route port, and
    /// the other nodes' route ports.
    pub fn start_node(
        binary: &Path,
        (port, store): (u16, &Path),
        name: &str,
        cluster_port: u16,
        routes: &[u16],
    ) -> NatsServer {
        let routes: Vec<String> = routes
            .iter()
            .map(|p| format!("nats://127.0.0.1:{p}"))
            .collect();
        let args = vec![
            "-n".to_owned(),
            name.to_owned(),
            "--cluster_name".to_owned(),
            "wa-webhook-test".to_owned(),
            "--cluster".to_owned(),
            format!("nats://127.0.0.1:{cluster_port}"),
            "--routes".to_owned(),
            routes.join(","),
        ];
        NatsServer::start_with(binary, port, store, args)
    }

    fn start_with(binary: &Path, port: u16, store: &Path, args: Vec<String>) -> NatsServer {
        let child = Command::new(binary)
            .args(["-js", "-a", "127.0.0.1", "-p", &port.to_string(), "-sd"])
            .arg(store)
            .args(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start nats-server");
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        wait_for(Duration::from_secs(20), || {
            TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok()
        });
        NatsServer {
            child,
            port,
            store: store.to_owned(),
            args,
        }
    }

    /// Kills the server (SIGKILL).
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Starts it again, same port, store and arguments.
    pub fn restart(&mut self, binary: &Path) {
        self.kill();
        let (store, args) = (self.store.clone(), std::mem::take(&mut self.args));
        *self = NatsServer::start_with(binary, self.port, &store, args);
    }
}

impl Drop for NatsServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A copy of the spec tools' pinned spec folder (`tests/spec`, part of the project's `spec/` as
/// it was) as `spec` in `dir`: editing the project's `spec/` never changes what the tools'
/// tests see.
pub fn spec_copy(dir: &TempDir) -> PathBuf {
    let spec = dir.path().join("spec");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/spec"),
        &spec,
    );
    spec
}
