//! Files the user names for exports and imports: written whole or not at all, read as UTF-8.

use std::io::Write;
use std::path::Path;

use crate::{Error, Result};

fn io(path: &Path, source: std::io::Error) -> Error {
    Error::Io { path: path.to_owned(), source }
}

/// Writes `bytes` to `path` through a temporary file beside it, synced and then renamed over
/// the target: a crash or a full disk leaves the old file (or none), never half of the new one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().ok_or_else(|| Error::invalid("path", format!("{} names no file", path.display())))?;
    let temp = dir.join(format!(".{}.{}.part", name.to_string_lossy(), std::process::id()));
    let written = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, path)?;
        // The rename itself is durable once the folder is synced (where the OS allows opening it).
        if let Ok(folder) = std::fs::File::open(dir) {
            let _ = folder.sync_all();
        }
        Ok(())
    })();
    written.map_err(|e| {
        let _ = std::fs::remove_file(&temp);
        io(path, e)
    })
}

/// A text file's contents; a file that is not UTF-8 is named by the line where that shows.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| io(path, e))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..at].iter().filter(|b| **b == b'\n').count() + 1;
        Error::Malformed { line, reason: "is not UTF-8 text".into() }
    })
}
