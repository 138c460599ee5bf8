//! Flags and subcommands. Doc comments here are the `--help` an investigator reads.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// lurewatch finds recruitment lures and investment-fraud sites of the scam-compound
/// economy, explains why they are flagged, and links the wallets and contact handles they share.
#[derive(Debug, Parser)]
#[command(name = "lurewatch", version, propagate_version = true)]
pub struct Cli {
    /// More log output on stderr (-v info, -vv debug); RUST_LOG overrides.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    pub verbose: u8,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Offline: text, links, wallets and contact handles of pages on disk or stdin.
    ///
    /// Reads HTML or plain-text files, folders of them (recursively: .html .htm .xhtml .txt),
    /// or `-` for stdin. Every wallet address shown passed its chain's checksum, or (for forms
    /// without one) has context that names the chain; `rule` says which.
    Extract(ExtractArgs),
}

/// Flags of `extract`.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files, folders, or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub inputs: Vec<PathBuf>,
    /// One JSON object per input on stdout (JSON Lines) instead of a readable summary.
    #[arg(long)]
    pub json: bool,
    /// Resolve relative links against this URL (a page's own <base href> still wins).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<url::Url>,
    /// Skip inputs larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = lurewatch::extract::input::DEFAULT_MAX_BYTES)]
    pub max_bytes: u64,
}
