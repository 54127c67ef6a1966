//! The files of a file-sink folder: their names, creating the folder durably, checking that a
//! file is still where readers look, and reading files back at start a line (or a chunk) at a
//! time.

use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, Read, Seek};
use std::path::{Path, PathBuf};

/// The most read from a file at once at start.
const READ_CHUNK: usize = 64 * 1024;

/// Creates `dir` if it is missing, with every missing folder above it, and syncs the parent of
/// each folder created, so that the whole path survives a crash (a synced new folder inside an
/// unsynced new folder can vanish with it).
pub(super) fn create_dir_synced(dir: &Path) -> io::Result<()> {
    if dir.is_dir() {
        return Ok(());
    }
    let parents = parents_to_sync(dir);
    fs::create_dir_all(dir)?;
    for parent in &parents {
        File::open(parent)?.sync_all()?;
    }
    tracing::info!(folder = %dir.display(), "created the sink folder");
    Ok(())
}

/// The folders whose entries change when `dir` and its missing ancestors are created: the
/// parent of each missing level, deepest first, down to the existing folder that gets the
/// first new entry.
pub(super) fn parents_to_sync(dir: &Path) -> Vec<PathBuf> {
    let mut parents = Vec::new();
    let mut level = dir;
    while !level.exists() {
        let parent = match level.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        parents.push(parent.to_owned());
        if parent == Path::new(".") {
            break;
        }
        level = parent;
    }
    parents
}

/// Whether `file` is still the file at `path` (not unlinked, not replaced by another).
pub(super) fn still_at(file: &File, path: &Path) -> io::Result<()> {
    let gone = || {
        io::Error::new(
            io::ErrorKind::NotFound,
            format!(
                "{} was removed or replaced while open (its bodies are not where readers look)",
                path.display()
            ),
        )
    };
    let at_path = fs::metadata(path).map_err(|_| gone())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let open = file.metadata()?;
        if (open.dev(), open.ino()) != (at_path.dev(), at_path.ino()) {
            return Err(gone());
        }
    }
    #[cfg(not(unix))]
    let _ = (file, at_path);
    Ok(())
}

/// `DIR/webhooks-000001.jsonl`.
pub(super) fn file_path(dir: &Path, n: u32) -> PathBuf {
    dir.join(format!("webhooks-{n:06}.jsonl"))
}

pub(super) fn file_numbers(dir: &Path) -> io::Result<Vec<u32>> {
    let mut numbers = Vec::new();
    for entry in fs::read_dir(dir)? {
        let name = entry?.file_name();
        let number: Option<u32> = name.to_str().and_then(|n| {
            n.strip_prefix("webhooks-")?
                .strip_suffix(".jsonl")?
                .parse()
                .ok()
        });
        numbers.extend(number);
    }
    Ok(numbers)
}

/// Calls `each` with every complete line of a file (a torn last line left out), reading one
/// line at a time.
pub(super) fn for_each_line(path: &Path, mut each: impl FnMut(&[u8])) -> io::Result<()> {
    let mut reader = io::BufReader::with_capacity(READ_CHUNK, File::open(path)?);
    let mut line = Vec::new();
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 || line.last() != Some(&b'\n') {
            return Ok(());
        }
        let line = &line[..line.len() - 1];
        if !line.trim_ascii().is_empty() {
            each(line);
        }
    }
}

/// Cuts a file back to its last newline, reading back from its end a chunk at a time; returns
/// how many bytes were cut.
pub(super) fn cut_torn_line(path: &Path) -> io::Result<u64> {
    let mut file = OpenOptions::new().read(true).write(true).open(path)?;
    let len = file.metadata()?.len();
    let mut end = len;
    let mut chunk = vec![0; READ_CHUNK];
    let keep = loop {
        if end == 0 {
            break 0;
        }
        let start = end.saturating_sub(READ_CHUNK as u64);
        let piece = &mut chunk[..(end - start) as usize];
        file.seek(io::SeekFrom::Start(start))?;
        file.read_exact(piece)?;
        if let Some(i) = piece.iter().rposition(|&b| b == b'\n') {
            break start + i as u64 + 1;
        }
        end = start;
    };
    let cut = len - keep;
    if cut > 0 {
        file.set_len(keep)?;
        file.sync_all()?;
    }
    Ok(cut)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_folder_created_has_its_parent_synced() {
        let base = std::env::temp_dir().join(format!("wa-webhook-levels-{}", std::process::id()));
        fs::create_dir_all(&base).unwrap();
        let dir = base.join("a").join("b").join("c");
        assert_eq!(
            parents_to_sync(&dir),
            [base.join("a").join("b"), base.join("a"), base.clone()]
        );
        create_dir_synced(&dir).unwrap();
        assert!(dir.is_dir());
        assert!(parents_to_sync(&dir).is_empty());
        assert_eq!(
            parents_to_sync(Path::new("x_missing_level")),
            [Path::new(".")]
        );
        fs::remove_dir_all(&base).unwrap();
    }
}
