//! `lurewatch config check`.

use super::Outcome;
use crate::cli::args::{ConfigAction, ConfigArgs};
use lurewatch::config::Config;

/// Runs `config`.
pub fn run(args: &ConfigArgs) -> anyhow::Result<Outcome> {
    match &args.action {
        ConfigAction::Check { file } => {
            let config = Config::load(file)?;
            println!("{}: valid\n{:#?}", file.display(), config.crawl);
        }
    }
    Ok(Outcome::Success)
}
