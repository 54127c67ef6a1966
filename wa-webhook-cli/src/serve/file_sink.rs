//! The file sink: JSON Lines files in a folder, appended by one writer thread with group commit
//! (every body queued while one `fsync` runs is covered by the next), rotated by size.
//!
//! A body is acknowledged only after the `fsync` that covers its line. After a crash the last
//! line may be torn (written in part, never acknowledged): opening the folder again cuts it
//! off, and readers skip it. Bodies already stored (Meta's retries) are recognized by their
//! SHA-256 and not written twice.

use super::sink_folder::{
    create_dir_synced, cut_torn_line, file_numbers, file_path, for_each_line, still_at,
};
use super::stored::{body_key, BodyKey, SinkError, Stored};
use crate::record;
use prometheus_client::metrics::histogram::Histogram;
use std::collections::{HashSet, VecDeque};
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;
use tokio::sync::{mpsc, oneshot};

/// How many bodies one `fsync` covers at most.
const MAX_BATCH: usize = 1024;

/// When the writer syncs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FsyncMode {
    /// One `fsync` for every body queued meanwhile (throughput; the default).
    Group,
    /// One `fsync` per body (the lowest latency under light load, the slowest under heavy).
    Each,
}

/// How the file sink writes.
#[derive(Debug, Clone)]
pub struct FileOptions {
    /// When to sync.
    pub fsync: FsyncMode,
    /// With group commit, how long to wait for more bodies before syncing.
    pub group_wait: Duration,
    /// Start a new file once the current one is this large.
    pub rotate_bytes: u64,
    /// How many recent bodies to remember, to store Meta's retries once.
    pub remember: usize,
}

/// A handle to the writer; clones share it.
#[derive(Clone)]
pub struct FileSink {
    jobs: mpsc::Sender<Job>,
    healthy: Arc<AtomicBool>,
}

/// The writer thread, to close when the server stops.
pub struct FileWriter {
    thread: JoinHandle<()>,
    jobs: mpsc::Sender<Job>,
}

impl FileWriter {
    /// Closes the sink: the writer stores every body queued before, syncs and exits, whatever
    /// handles are left (their bodies are answered "not stored"). Returns once it has.
    pub fn close(self) {
        // Fails only when the writer has stopped already.
        let _ = self.jobs.blocking_send(Job::Close);
        drop(self.jobs);
        let _ = self.thread.join();
    }
}

/// What the writer is asked.
enum Job {
    /// Store a body's line.
    Store {
        line: Vec<u8>,
        key: BodyKey,
        done: oneshot::Sender<Result<Stored, SinkError>>,
    },
    /// Store what was queued before, sync and stop.
    Close,
}

impl FileSink {
    /// Opens (or creates) the folder, cuts off a torn last line, remembers the bodies already
    /// stored, and starts the writer.
    /// Opens the folder; each sync's count of new bodies goes to `batches`.
    pub fn open(
        dir: &Path,
        options: FileOptions,
        batches: Histogram,
    ) -> io::Result<(FileSink, FileWriter)> {
        let mut writer = Writer::open(dir, options)?;
        let (jobs, rx) = mpsc::channel(MAX_BATCH * 4);
        let healthy = Arc::new(AtomicBool::new(true));
        let flag = healthy.clone();
        let thread = std::thread::Builder::new()
            .name("file-sink".to_owned())
            .spawn(move || writer.run(rx, &flag, &batches))?;
        let closer = FileWriter {
            thread,
            jobs: jobs.clone(),
        };
        Ok((FileSink { jobs, healthy }, closer))
    }

    /// Appends `line` and returns once it is synced to disk (or was stored before).
    pub async fn store(&self, line: Vec<u8>, key: BodyKey) -> Result<Stored, SinkError> {
        let (done, answer) = oneshot::channel();
        self.jobs
            .send(Job::Store { line, key, done })
            .await
            .map_err(|_| SinkError::new("the file writer has stopped"))?;
        answer
            .await
            .map_err(|_| SinkError::new("the file writer has stopped"))?
    }

    /// Whether the last write succeeded.
    pub fn is_healthy(&self) -> bool {
        self.healthy.load(Ordering::Relaxed)
    }
}

/// A body to store: its line, its key, and where to answer.
type Stores = (Vec<u8>, BodyKey, oneshot::Sender<Result<Stored, SinkError>>);

/// The writer thread's state.
struct Writer {
    dir: PathBuf,
    options: FileOptions,
    /// The file being appended to, its number and length; `None` after an error (reopened on
    /// the next batch).
    current: Option<(File, u32, u64)>,
    /// The highest file number seen.
    last: u32,
    remembered: Remembered,
}

impl Writer {
    fn open(dir: &Path, options: FileOptions) -> io::Result<Self> {
        create_dir_synced(dir)?;
        let mut numbers = file_numbers(dir)?;
        numbers.sort_unstable();
        let mut remembered = Remembered::new(options.remember);
        // Newest first, so the most recent bodies are the ones remembered.
        for &n in numbers.iter().rev() {
            if remembered.is_full() {
                break;
            }
            let path = file_path(dir, n);
            if !fs::metadata(&path)?.is_file() {
                continue; // not a file of ours to read (a device, a folder)
            }
            // Line by line: a file may be as large as `--rotate-bytes` allows, a line as
            // large as a body; only the keys (32 bytes a body) are kept.
            let mut keys = Vec::new();
            for_each_line(&path, |line| {
                let body = serde_json::from_slice::<record::Record>(line)
                    .ok()
                    .and_then(|r| r.body_bytes().ok());
                keys.extend(body.map(|body| body_key(&body)));
            })?;
            for key in keys.into_iter().rev() {
                remembered.insert_oldest(key);
            }
        }
        let mut writer = Writer {
            dir: dir.to_owned(),
            options,
            current: None,
            last: numbers.last().copied().unwrap_or(0),
            remembered,
        };
        if let Some(&n) = numbers.last().filter(|&&n| file_path(dir, n).is_file()) {
            let cut = cut_torn_line(&file_path(dir, n))?;
            if cut > 0 {
                tracing::warn!(
                    file = %file_path(dir, n).display(),
                    bytes = cut,
                    "cut off a torn last line (a write a crash interrupted; it was never acknowledged)"
                );
            }
        }
        writer.ensure_open()?;
        Ok(writer)
    }

    fn run(&mut self, mut rx: mpsc::Receiver<Job>, healthy: &AtomicBool, batches: &Histogram) {
        let mut closing = false;
        while let Some(first) = rx.blocking_recv() {
            let Job::Store { line, key, done } = first else {
                break;
            };
            let mut batch = vec![(line, key, done)];
            if self.options.fsync == FsyncMode::Group {
                if !self.options.group_wait.is_zero() {
                    std::thread::sleep(self.options.group_wait);
                }
                while batch.len() < MAX_BATCH {
                    match rx.try_recv() {
                        Ok(Job::Store { line, key, done }) => batch.push((line, key, done)),
                        Ok(Job::Close) => {
                            closing = true;
                            break;
                        }
                        Err(_) => break,
                    }
                }
            }
            self.commit(batch, healthy, batches);
            if closing {
                break;
            }
        }
        // Bodies sent after the close are answered "not stored" as their senders drop.
        rx.close();
        if let Some((file, _, _)) = &self.current {
            if let Err(e) = file.sync_all() {
                tracing::error!(error = %e, "final sync of the file sink failed");
            }
        }
    }

    /// Writes the new bodies of `batch` with one sync, records whether that succeeded (before
    /// answering, so that `/healthz` agrees with the answers), then answers every job.
    fn commit(&mut self, batch: Vec<Stores>, healthy: &AtomicBool, batches: &Histogram) {
        let mut buffer = Vec::new();
        let mut added = HashSet::new();
        let mut answers = Vec::with_capacity(batch.len());
        for (line, key, done) in batch {
            let stored = if added.contains(&key) {
                Stored::Duplicate
            } else if self.remembered.contains(&key) {
                // Stored by an earlier batch, already synced.
                let _ = done.send(Ok(Stored::Duplicate));
                continue;
            } else {
                added.insert(key);
                buffer.extend_from_slice(&line);
                Stored::New
            };
            answers.push((done, stored));
        }
        let result = if buffer.is_empty() {
            Ok(())
        } else {
            self.append(&buffer)
        };
        healthy.store(result.is_ok(), Ordering::Relaxed);
        match result {
            Ok(()) => {
                if !added.is_empty() {
                    batches.observe(added.len() as f64);
                }
                for key in added {
                    self.remembered.insert(key);
                }
                for (done, stored) in answers {
                    let _ = done.send(Ok(stored));
                }
            }
            Err(e) => {
                tracing::error!(error = %e, bodies = answers.len(), "file sink write failed; answering 503 so Meta retries");
                let error = SinkError::new(format!("writing the file sink: {e}"));
                for (done, _) in answers {
                    let _ = done.send(Err(error.clone()));
                }
            }
        }
    }

    /// Appends `bytes` to the current file and syncs; on failure cuts the file back to its
    /// length before, so that it never holds a part of a batch.
    fn append(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.ensure_open()?;
        let Some((file, _, len)) = &mut self.current else {
            return Err(io::Error::other("no file open"));
        };
        let before = *len;
        // A body written to a file no longer at its path (the folder deleted by a clean-up job,
        // the file replaced) is lost with it: checked after the sync, so that no body is
        // acknowledged unless its file is where readers look.
        let path = file_path(&self.dir, self.last);
        let written = file
            .write_all(bytes)
            .and_then(|()| file.sync_data())
            .and_then(|()| still_at(file, &path));
        match written {
            Ok(()) => {
                *len += bytes.len() as u64;
                Ok(())
            }
            Err(e) => {
                if file
                    .set_len(before)
                    .and_then(|()| file.sync_data())
                    .is_err()
                {
                    tracing::error!("could not cut the file back after a failed write; a new file will be started");
                    self.last += 1;
                }
                self.current = None;
                Err(e)
            }
        }
    }

    /// Opens the file to append to: the newest, or a new one when it is full.
    fn ensure_open(&mut self) -> io::Result<()> {
        let full = self
            .current
            .as_ref()
            .is_some_and(|(_, _, len)| *len >= self.options.rotate_bytes);
        if full {
            if let Some((file, n, _)) = self.current.take() {
                file.sync_all()?;
                tracing::info!(file = %file_path(&self.dir, n).display(), "rotated");
            }
            self.last += 1;
        }
        if self.current.is_none() {
            create_dir_synced(&self.dir)?;
            let n = self.last.max(1);
            let path = file_path(&self.dir, n);
            let created = !path.exists();
            let file = OpenOptions::new().create(true).append(true).open(&path)?;
            let len = file.metadata()?.len();
            if created {
                // The new name must survive a crash too.
                File::open(&self.dir)?.sync_all()?;
            }
            self.last = n;
            self.current = Some((file, n, len));
        }
        Ok(())
    }
}

/// The keys of the latest bodies stored, up to a capacity.
struct Remembered {
    capacity: usize,
    set: HashSet<BodyKey>,
    order: VecDeque<BodyKey>,
}

impl Remembered {
    fn new(capacity: usize) -> Self {
        Remembered {
            capacity,
            set: HashSet::new(),
            order: VecDeque::new(),
        }
    }

    fn is_full(&self) -> bool {
        self.set.len() >= self.capacity
    }

    fn contains(&self, key: &BodyKey) -> bool {
        self.set.contains(key)
    }

    /// Remembers a newly stored key, forgetting the oldest when full.
    fn insert(&mut self, key: BodyKey) {
        if self.capacity == 0 || !self.set.insert(key) {
            return;
        }
        self.order.push_back(key);
        if self.order.len() > self.capacity {
            if let Some(oldest) = self.order.pop_front() {
                self.set.remove(&oldest);
            }
        }
    }

    /// Remembers a key older than every one remembered (read back at startup), if room is left.
    fn insert_oldest(&mut self, key: BodyKey) {
        if !self.is_full() && self.set.insert(key) {
            self.order.push_front(key);
        }
    }
}
