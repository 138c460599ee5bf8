//! `lurewatch ingest`: local pages and WARC archives → extract → classify → the corpus, with a
//! progress bar on a terminal and a summary at the end.

use super::{Outcome, pages};
use crate::cli::args::IngestArgs;
use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use lurewatch::classify::Model;
use lurewatch::evidence::http_response::{self, media_type};
use lurewatch::evidence::warc_read::{WarcFile, WarcRecord};
use lurewatch::extract::{self, Format, Source};
use lurewatch::index::{Corpus, CorpusWriter, Upsert};
use lurewatch::link::registry;
use lurewatch::pipeline::{self, Provenance};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

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
    let state = lurewatch::crawl::state::State::open(&args.index.join("state.sqlite"))?;
    let mut ingest = Ingest {
        writer: corpus.writer()?,
        state,
        model: model.as_ref(),
        max_bytes: args.max_bytes,
        upserts: [0; 3],
        skipped: BTreeMap::new(),
        failures: 0,
        since_commit: 0,
        now: lurewatch::crawl::now(),
    };
    let extensions = [pages::PAGE_EXTENSIONS, &["warc", "gz"]].concat();
    let paths: Vec<PathBuf> = pages::expand(&args.inputs, &extensions, &mut ingest.failures)
        .into_iter()
        .filter(|path| is_warc(path) || !has_extension(path, "gz") || args.inputs.contains(path))
        .collect();
    let progress = progress_bar(&paths);
    for path in &paths {
        let start = progress.position();
        if is_warc(path) {
            ingest.warc(path, &progress, start)?;
        } else {
            ingest.file(path)?;
        }
        progress.set_position(start + file_size(path));
    }
    progress.finish_and_clear();
    ingest.commit()?;
    eprintln!("lurewatch: {}", ingest.summary(&args.index));
    ingest.state.close()?;
    drop(ingest.writer);
    if let Err(error) = super::watch::after_run(&args.index) {
        eprintln!("lurewatch: warning: saved searches did not run: {error:#}");
    }
    Ok(Outcome::from_failures(ingest.failures))
}

/// The state of one ingest run.
struct Ingest<'a> {
    writer: CorpusWriter<'a>,
    /// The entity registry, written with every page and committed right after the corpus.
    state: lurewatch::crawl::state::State,
    model: Option<&'a Model>,
    max_bytes: u64,
    /// Pages added, replaced, unchanged.
    upserts: [usize; 3],
    /// Records passed over on purpose, by reason.
    skipped: BTreeMap<String, usize>,
    /// Inputs or records that could not be read.
    failures: usize,
    since_commit: usize,
    now: i64,
}

impl Ingest<'_> {
    fn file(&mut self, path: &Path) -> anyhow::Result<()> {
        match pages::read(path, None, self.max_bytes) {
            Ok((page, bytes)) => {
                let provenance = Provenance {
                    url: page.url.clone().unwrap_or_else(|| page.source.clone()),
                    fetched_at: self.now,
                    ..Provenance::default()
                };
                let record = pipeline::record(page, &bytes, self.model, provenance);
                self.upsert(&record)
            }
            Err(error) => {
                self.fail(path, &format!("{error:#}"));
                Ok(())
            }
        }
    }

    fn warc(&mut self, path: &Path, progress: &ProgressBar, start: u64) -> anyhow::Result<()> {
        let mut archive = match WarcFile::open(path, self.max_bytes) {
            Ok(archive) => archive,
            Err(error) => {
                self.fail(path, &error.to_string());
                return Ok(());
            }
        };
        let reference = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        while let Some(record) = archive.next() {
            progress.set_position(start + archive.position());
            match record {
                Ok(record) => {
                    let warc = format!("{}#{}", reference.display(), record.offset);
                    if let Err(reason) = self.warc_record(&record, warc) {
                        self.skip_or_fail(path, &record, reason)?;
                    }
                }
                Err(error) => self.fail(path, &error.to_string()),
            }
        }
        Ok(())
    }

    /// Indexes one WARC record if it holds a page; otherwise says why not.
    fn warc_record(&mut self, record: &WarcRecord, warc: String) -> Result<(), Skip> {
        let kind = record.kind();
        let (status, content_type, body) = match kind.as_str() {
            "response" => {
                let response = http_response::parse(&record.block, self.max_bytes)
                    .map_err(|error| Skip::Broken(error.to_string()))?;
                if !(200..300).contains(&response.status) {
                    return Err(Skip::Reason(format!("http {}", response.status)));
                }
                let content_type = response.header("Content-Type").map(str::to_owned);
                (response.status, content_type, response.body)
            }
            "resource" => (
                200,
                record.header("Content-Type").map(str::to_owned),
                record.block.clone(),
            ),
            "" => return Err(Skip::Broken("the record has no WARC-Type".to_owned())),
            other => return Err(Skip::Reason(format!("{other} record"))),
        };
        let format = match content_type.as_deref().map(media_type).as_deref() {
            None | Some("") => Format::Sniff,
            Some("text/html" | "application/xhtml+xml") => Format::Html,
            Some("text/plain") => Format::Text,
            Some(other) => return Err(Skip::Reason(format!("not HTML or text ({other})"))),
        };
        let target = record
            .target_uri()
            .ok_or_else(|| Skip::Broken("the record has no WARC-Target-URI".to_owned()))?;
        let url = url::Url::parse(target)
            .map_err(|error| Skip::Broken(format!("WARC-Target-URI {target:?}: {error}")))?;
        let source = Source {
            name: target,
            url: Some(&url),
            declared_charset: content_type.as_deref().and_then(http_response::charset),
            format,
        };
        let page =
            extract::extract(&body, &source).map_err(|error| Skip::Broken(error.to_string()))?;
        let provenance = Provenance {
            url: url.to_string(),
            fetched_at: record.date().unwrap_or(self.now),
            status,
            seed: None,
            warc: Some(warc),
        };
        let page_record = pipeline::record(page, &body, self.model, provenance);
        self.upsert(&page_record).map_err(Skip::Fatal)
    }

    fn skip_or_fail(&mut self, path: &Path, record: &WarcRecord, skip: Skip) -> anyhow::Result<()> {
        match skip {
            Skip::Reason(reason) => *self.skipped.entry(reason).or_default() += 1,
            Skip::Broken(reason) => {
                self.fail(path, &format!("record at byte {}: {reason}", record.offset))
            }
            Skip::Fatal(error) => return Err(error),
        }
        Ok(())
    }

    fn upsert(&mut self, record: &lurewatch::index::PageRecord) -> anyhow::Result<()> {
        let upsert = self
            .writer
            .upsert(record)
            .with_context(|| format!("indexing {}", record.url))?;
        let connection = self.state.connection();
        match upsert {
            Upsert::Added | Upsert::Replaced => registry::record_page(connection, record)?,
            Upsert::Unchanged => registry::seen_again_page(connection, record)?,
        }
        let slot = match upsert {
            Upsert::Added => 0,
            Upsert::Replaced => 1,
            Upsert::Unchanged => 2,
        };
        self.upserts[slot] += 1;
        self.since_commit += 1;
        if self.since_commit == COMMIT_EVERY {
            self.commit()?;
        }
        Ok(())
    }

    /// The corpus, then the registry.
    fn commit(&mut self) -> anyhow::Result<()> {
        self.writer.commit()?;
        self.state.checkpoint()?;
        self.since_commit = 0;
        Ok(())
    }

    fn fail(&mut self, path: &Path, reason: &str) {
        self.failures += 1;
        eprintln!("lurewatch: {}: {reason}", path.display());
    }

    fn summary(&self, index: &Path) -> String {
        let [added, replaced, unchanged] = self.upserts;
        let mut summary = format!(
            "ingested into {}: {} pages read, {added} new, {replaced} changed, {unchanged} unchanged",
            index.display(),
            added + replaced + unchanged,
        );
        let skipped: usize = self.skipped.values().sum();
        if skipped > 0 {
            let reasons: Vec<String> = self
                .skipped
                .iter()
                .map(|(reason, count)| format!("{reason}: {count}"))
                .collect();
            summary.push_str(&format!("; skipped {skipped} ({})", reasons.join(", ")));
        }
        summary.push_str(&format!("; {} failed", self.failures));
        summary
    }
}

/// Why a WARC record did not become a page.
enum Skip {
    /// Not a page, on purpose (a request record, an image, a 404).
    Reason(String),
    /// Meant to be a page but unreadable: reported, counted as a failure.
    Broken(String),
    /// The corpus failed: the run stops.
    Fatal(anyhow::Error),
}

/// A bar over the bytes of all inputs, drawn only on a terminal.
fn progress_bar(paths: &[PathBuf]) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let total = paths.iter().map(|path| file_size(path)).sum();
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template(
        "{bar:40} {binary_bytes}/{binary_total_bytes} ({binary_bytes_per_sec}, {eta} left)",
    ) {
        bar.set_style(style);
    }
    bar
}

fn file_size(path: &Path) -> u64 {
    std::fs::metadata(path).map_or(0, |metadata| metadata.len())
}

fn has_extension(path: &Path, wanted: &str) -> bool {
    path.extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case(wanted))
}

fn is_warc(path: &Path) -> bool {
    let name = path.to_string_lossy().to_ascii_lowercase();
    name.ends_with(".warc") || name.ends_with(".warc.gz")
}
