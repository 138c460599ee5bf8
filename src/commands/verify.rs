//! `lurewatch verify`: checks the digests of every WARC record under `DIR/warc/`.

use super::Outcome;
use crate::cli::args::VerifyArgs;
use lurewatch::evidence::verify;

/// Runs `verify`.
pub fn run(args: &VerifyArgs) -> anyhow::Result<Outcome> {
    let folder = args.index.join("warc");
    let report = verify::verify_folder(&folder)
        .map_err(|error| anyhow::anyhow!("{}: {error}", folder.display()))?;
    for problem in &report.problems {
        eprintln!("lurewatch: {problem}");
    }
    eprintln!(
        "lurewatch: verified {} WARC files, {} records: {} digests match, {} not SHA-256 (not \
         checked), {} problems",
        report.files,
        report.records,
        report.matched,
        report.unchecked,
        report.problems.len()
    );
    Ok(Outcome::from_failures(report.problems.len()))
}
