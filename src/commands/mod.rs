//! One file per subcommand: each wires stages together and reports progress and errors.

pub mod classify;
pub mod config;
pub mod crawl;
pub mod demo;
pub mod eval;
pub mod extract;
pub mod ingest;
pub mod link;
mod pages;
pub mod search;
pub mod seeds;
pub mod train;
pub mod verify;
pub mod watch;

/// How a command ended, as the process exit code says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything asked for was done.
    Success,
    /// Some inputs failed; the rest were done.
    Partial,
    /// Another run holds the corpus; nothing was done.
    Locked,
}

impl Outcome {
    /// Success when nothing failed, else partial.
    pub fn from_failures(failures: usize) -> Outcome {
        if failures == 0 {
            Outcome::Success
        } else {
            Outcome::Partial
        }
    }
}
