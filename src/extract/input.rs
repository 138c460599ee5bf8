//! Reading inputs for extraction: files with a size cap, stdin, and the checks that tell a
//! page from something that is not one (empty, binary).

use crate::{Error, Result};
use std::io::Read;
use std::path::Path;

/// The default cap on one input, in bytes (20 MB).
pub const DEFAULT_MAX_BYTES: u64 = 20 * 1024 * 1024;

/// Reads a whole file, refusing it when it is larger than `max_bytes`.
pub fn read_file(path: &Path, max_bytes: u64) -> Result<Vec<u8>> {
    let file = std::fs::File::open(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    read_capped(file, max_bytes).map_err(|error| match error {
        Error::Read { source, .. } => Error::Read {
            path: path.to_owned(),
            source,
        },
        other => other,
    })
}

/// Reads a stream to its end, refusing it when it is larger than `max_bytes`.
pub fn read_capped(reader: impl Read, max_bytes: u64) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    reader
        .take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|source| Error::Read {
            path: "-".into(),
            source,
        })?;
    if bytes.len() as u64 > max_bytes {
        return Err(Error::TooLarge { limit: max_bytes });
    }
    Ok(bytes)
}

/// Refuses input that cannot be a page: no bytes, or the marks of a binary file.
pub fn check_textual(bytes: &[u8]) -> Result<()> {
    if bytes.is_empty() {
        return Err(Error::Empty);
    }
    const MAGIC: &[(&[u8], &str)] = &[
        (b"%PDF-", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"\x7fELF", "an ELF executable"),
        (b"MZ", "a Windows executable"),
        (b"\x89PNG", "a PNG image"),
        (b"GIF8", "a GIF image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"\x1f\x8b", "gzip-compressed data"),
    ];
    if let Some((_, what)) = MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Err(Error::Binary { reason: what });
    }
    let is_utf16 = bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff");
    let head = &bytes[..bytes.len().min(8192)];
    if !is_utf16 && head.contains(&0) {
        return Err(Error::Binary {
            reason: "it holds NUL bytes",
        });
    }
    Ok(())
}
