//! `lurewatch ingest`: local pages → extract → classify → the corpus, with a summary.

use super::{Outcome, pages};
use crate::cli::args::IngestArgs;
use anyhow::Context;
use lurewatch::classify::Model;
use lurewatch::index::{Corpus, PageRecord, Upsert};
use sha2::{Digest, Sha256};
use std::path::Path;

/// Pages between commits: a killed ingest loses at most these, and the index stays readable.
const COMMIT_EVERY: usize = 1000;

/// Runs `ingest`.
pub fn run(args: &IngestArgs) -> anyhow::Result<Outcome> {
    let model = match Model::load(&args.model) {
        Ok(model) => Some(model),
        Err(error) => {
            eprintln!("lurewatch: warning: {error:#}; pages are indexed without a label");
            None
        }
    };
    let corpus = Corpus::open(&args.index)?;
    let mut writer = corpus.writer()?;
    let mut failures = 0;
    let inputs: Vec<_> = args
        .inputs
        .iter()
        .filter(|path| {
            let archive = is_warc(path);
            if archive {
                failures += 1;
                eprintln!(
                    "lurewatch: {}: WARC archives cannot be ingested yet; skipped",
                    path.display()
                );
            }
            !archive
        })
        .cloned()
        .collect();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs() as i64);
    let mut counts = [0usize; 3];
    failures += pages::each(&inputs, None, args.max_bytes, |page, bytes| {
        let verdict = model
            .as_ref()
            .map(|model| model.classify(&page.title, &page.text));
        let record = PageRecord {
            url: page.url.clone().unwrap_or_else(|| page.source.clone()),
            title: page.title,
            body: page.text,
            lang: page.lang.map(str::to_owned),
            label: verdict
                .as_ref()
                .map(|verdict| (verdict.label.name().to_owned(), verdict.score)),
            reasons: verdict.map(|verdict| verdict.reasons).unwrap_or_default(),
            fetched_at: now,
            status: 0,
            sha256: Sha256::digest(bytes)
                .iter()
                .map(|byte| format!("{byte:02x}"))
                .collect(),
            wallets: page.wallets,
            contacts: page.contacts,
            seed: None,
            warc: None,
        };
        let slot = match writer
            .upsert(&record)
            .with_context(|| format!("indexing {}", page.source))?
        {
            Upsert::Added => 0,
            Upsert::Replaced => 1,
            Upsert::Unchanged => 2,
        };
        counts[slot] += 1;
        if counts.iter().sum::<usize>() % COMMIT_EVERY == 0 {
            writer.commit()?;
        }
        Ok(())
    })?;
    writer.commit()?;
    eprintln!(
        "lurewatch: ingested into {}: {} new, {} changed, {} unchanged, {} failed",
        args.index.display(),
        counts[0],
        counts[1],
        counts[2],
        failures
    );
    Ok(Outcome::from_failures(failures))
}

fn is_warc(path: &Path) -> bool {
    let name = path.to_string_lossy().to_ascii_lowercase();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}
