//! lurewatch finds the web side of the scam-compound economy: recruitment lures and
//! investment-fraud sites, why they are flagged, and the wallets and contact handles that
//! link them.
//!
//! The pipeline runs `extract` (page → text, links, wallets, contacts); later stages build on
//! the types each stage owns. See ARCHITECTURE.md.

pub mod classify;
pub mod config;
pub mod crawl;
pub mod demo;
pub mod error;
pub mod evidence;
pub mod extract;
pub mod index;
pub mod link;
pub mod pipeline;
pub mod wallet;
pub mod watch;

pub use error::{Error, Result};
