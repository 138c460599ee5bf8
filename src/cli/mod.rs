//! The command line: flags (`args`), and safe display of scraped text (`sanitize`).
//! Nothing below `commands/` imports clap.

pub mod args;
pub mod sanitize;
