//! The library's error type. Commands add context with anyhow; callers match on variants.

use std::path::PathBuf;

/// Errors the library reports to its callers.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or stream could not be read.
    #[error("cannot read {path}")]
    Read {
        /// What was being read.
        path: PathBuf,
        /// Why it failed.
        #[source]
        source: std::io::Error,
    },
    /// The input is larger than the configured cap.
    #[error("input is larger than the {limit}-byte cap (raise it with --max-bytes)")]
    TooLarge {
        /// The cap in bytes.
        limit: u64,
    },
    /// The input holds no bytes at all.
    #[error("input is empty")]
    Empty,
    /// The input looks like a binary file, not a page.
    #[error("input looks binary ({reason}), not HTML or text")]
    Binary {
        /// What gave it away.
        reason: &'static str,
    },
}

/// The library's result type.
pub type Result<T> = std::result::Result<T, Error>;
