//! The corpus on disk: open or create it, write pages into it (upsert by URL, unchanged pages
//! left alone), and read it while a writer works.
//!
//! One writer at a time (tantivy's lock); a second gets [`IndexError::Busy`]. Readers never
//! wait for the writer and see what was last committed.

use super::schema::{self, Fields};
use super::tokenizer::{MULTILINGUAL, MultilingualTokenizer};
use crate::extract::Contact;
use crate::wallet::WalletAddress;
use std::path::{Path, PathBuf};
use tantivy::collector::TopDocs;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, TantivyDocument, Value};
use tantivy::{DateTime, Index, IndexReader, IndexWriter, ReloadPolicy, Term};

/// Memory the writer may buffer before it flushes a segment (one indexing thread: the
/// pipeline's other stages keep the other cores busy, and each thread would need its own).
/// Commits come every few hundred pages, so a larger buffer would rarely fill.
const WRITER_HEAP_BYTES: usize = 16 * 1024 * 1024;

/// Segments with more pages than this are left as they are by the merge policy, so that one
/// merge reads at most 8 of them (a merge maps every byte of its inputs: that, not the
/// writer's buffer, is what makes a long crawl's memory peak).
const MAX_DOCS_BEFORE_MERGE: usize = 1_000;

/// Errors of the corpus.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// Another process (or writer) holds the corpus for writing.
    #[error("the index at {0} is busy: another crawl or ingest is writing to it")]
    Busy(PathBuf),
    /// tantivy failed.
    #[error("index at {path}: {source}")]
    Tantivy {
        /// The corpus folder.
        path: PathBuf,
        /// Why.
        #[source]
        source: tantivy::TantivyError,
    },
}

/// One page as the corpus keeps it.
#[derive(Debug, Clone, Default)]
pub struct PageRecord {
    /// The page's URL (the upsert key).
    pub url: String,
    /// Title.
    pub title: String,
    /// Visible text.
    pub body: String,
    /// ISO 639-1 language, if known.
    pub lang: Option<String>,
    /// Classifier label and its probability, if a model ran.
    pub label: Option<(String, f64)>,
    /// Reasons, most important first.
    pub reasons: Vec<String>,
    /// When it was fetched or read (seconds since the epoch, UTC).
    pub fetched_at: i64,
    /// HTTP status (0 for local files).
    pub status: u64,
    /// SHA-256 of the raw content, hex.
    pub sha256: String,
    /// Wallet addresses.
    pub wallets: Vec<WalletAddress>,
    /// Contact handles.
    pub contacts: Vec<Contact>,
    /// The seed list's tag.
    pub seed: Option<String>,
    /// WARC record reference (`file#offset`).
    pub warc: Option<String>,
}

/// What an upsert did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upsert {
    /// The URL was new.
    Added,
    /// The URL was there with other content; the page replaced it.
    Replaced,
    /// The URL was there with the same content; nothing was written.
    Unchanged,
}

/// An open corpus.
pub struct Corpus {
    path: PathBuf,
    index: Index,
    fields: Fields,
    reader: IndexReader,
}

impl Corpus {
    /// Opens the search index under `folder` (`folder/search`), creating it if missing.
    pub fn open(folder: &Path) -> Result<Corpus, IndexError> {
        let path = folder.join("search");
        let tantivy_error = |source| IndexError::Tantivy {
            path: path.clone(),
            source,
        };
        std::fs::create_dir_all(&path).map_err(|error| tantivy_error(error.into()))?;
        let (schema, fields) = schema::build();
        let directory = tantivy::directory::MmapDirectory::open(&path)
            .map_err(|error| tantivy_error(error.into()))?;
        let index = Index::open_or_create(directory, schema).map_err(tantivy_error)?;
        index
            .tokenizers()
            .register(MULTILINGUAL, MultilingualTokenizer);
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()
            .map_err(tantivy_error)?;
        Ok(Corpus {
            path,
            index,
            fields,
            reader,
        })
    }

    /// The field handles.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// The tantivy index (for searching).
    pub fn index(&self) -> &Index {
        &self.index
    }

    /// A searcher over what was last committed.
    pub fn searcher(&self) -> Result<tantivy::Searcher, IndexError> {
        self.reader.reload().map_err(|source| IndexError::Tantivy {
            path: self.path.clone(),
            source,
        })?;
        Ok(self.reader.searcher())
    }

    /// Takes the corpus for writing; fails with [`IndexError::Busy`] if someone else has it.
    pub fn writer(&self) -> Result<CorpusWriter<'_>, IndexError> {
        let writer = self
            .index
            .writer_with_options(
                tantivy::indexer::IndexWriterOptions::builder()
                    .num_worker_threads(1)
                    .num_merge_threads(1)
                    .memory_budget_per_thread(WRITER_HEAP_BYTES)
                    .build(),
            )
            .map_err(|source| match source {
                tantivy::TantivyError::LockFailure(..) => IndexError::Busy(self.path.clone()),
                source => IndexError::Tantivy {
                    path: self.path.clone(),
                    source,
                },
            })?;
        let mut policy = tantivy::merge_policy::LogMergePolicy::default();
        policy.set_max_docs_before_merge(MAX_DOCS_BEFORE_MERGE);
        writer.set_merge_policy(Box::new(policy));
        Ok(CorpusWriter {
            corpus: self,
            writer,
            committed: self.searcher()?,
            pending: std::collections::HashMap::new(),
        })
    }

    /// Whether a committed page shows wallet `address`.
    pub fn has_wallet(&self, address: &str) -> Result<bool, IndexError> {
        let term = Term::from_field_text(self.fields.wallet, address);
        let searcher = self.reader.searcher();
        searcher
            .doc_freq(&term)
            .map(|count| count > 0)
            .map_err(|source| IndexError::Tantivy {
                path: self.path.clone(),
                source,
            })
    }

    /// The stored content hash of `url` in what `searcher` sees, if it holds the URL.
    fn stored_sha256(
        &self,
        searcher: &tantivy::Searcher,
        url: &str,
    ) -> Result<Option<String>, IndexError> {
        let query = TermQuery::new(
            Term::from_field_text(self.fields.url, url),
            IndexRecordOption::Basic,
        );
        let tantivy_error = |source| IndexError::Tantivy {
            path: self.path.clone(),
            source,
        };
        let Some((_, address)) = searcher
            .search(&query, &TopDocs::with_limit(1).order_by_score())
            .map_err(tantivy_error)?
            .into_iter()
            .next()
        else {
            return Ok(None);
        };
        let document: TantivyDocument = searcher.doc(address).map_err(tantivy_error)?;
        Ok(document
            .get_first(self.fields.sha256)
            .and_then(|value| value.as_str())
            .map(str::to_owned))
    }
}

/// The corpus held for writing. Nothing is visible to readers before [`CorpusWriter::commit`].
pub struct CorpusWriter<'a> {
    corpus: &'a Corpus,
    writer: IndexWriter,
    /// What was committed when writing began (upserts look up stored hashes here, without
    /// reloading the reader for every page).
    committed: tantivy::Searcher,
    /// URL → content hash of the pages written since the last commit.
    pending: std::collections::HashMap<String, String>,
}

impl CorpusWriter<'_> {
    /// Writes a page, replacing any page with the same URL; a page whose content hash is the
    /// one already stored is left alone.
    pub fn upsert(&mut self, page: &PageRecord) -> Result<Upsert, IndexError> {
        let stored = match self.pending.get(&page.url) {
            Some(pending) => Some(pending.clone()),
            None => self.corpus.stored_sha256(&self.committed, &page.url)?,
        };
        if stored.as_deref() == Some(page.sha256.as_str()) {
            return Ok(Upsert::Unchanged);
        }
        let fields = &self.corpus.fields;
        self.writer
            .delete_term(Term::from_field_text(fields.url, &page.url));
        self.writer
            .add_document(document(fields, page))
            .map_err(|source| IndexError::Tantivy {
                path: self.corpus.path.clone(),
                source,
            })?;
        self.pending.insert(page.url.clone(), page.sha256.clone());
        Ok(if stored.is_some() {
            Upsert::Replaced
        } else {
            Upsert::Added
        })
    }

    /// Makes everything written so far durable and visible.
    pub fn commit(&mut self) -> Result<(), IndexError> {
        self.writer.commit().map_err(|source| IndexError::Tantivy {
            path: self.corpus.path.clone(),
            source,
        })?;
        self.committed = self.corpus.searcher()?;
        self.pending.clear();
        Ok(())
    }
}

fn document(fields: &Fields, page: &PageRecord) -> TantivyDocument {
    let mut document = TantivyDocument::default();
    document.add_text(fields.url, &page.url);
    let host = url::Url::parse(&page.url)
        .ok()
        .and_then(|url| url.host_str().map(str::to_owned));
    if let Some(host) = &host {
        document.add_text(fields.host, host);
        document.add_text(fields.domain, registrable_domain(host));
    }
    document.add_text(fields.title, &page.title);
    document.add_text(fields.body, &page.body);
    if let Some(lang) = &page.lang {
        document.add_text(fields.lang, lang);
    }
    if let Some((label, score)) = &page.label {
        document.add_text(fields.label, label);
        document.add_f64(fields.score, *score);
    }
    for reason in &page.reasons {
        document.add_text(fields.reasons, reason);
    }
    document.add_date(
        fields.fetched_at,
        DateTime::from_timestamp_secs(page.fetched_at),
    );
    document.add_u64(fields.status, page.status);
    document.add_text(fields.sha256, &page.sha256);
    for wallet in &page.wallets {
        document.add_text(fields.wallet, &wallet.address);
    }
    for contact in &page.contacts {
        let slot = schema::CONTACT_KINDS
            .iter()
            .position(|kind| *kind == contact.kind)
            .expect("every kind has a field");
        document.add_text(fields.contacts[slot], &contact.value);
    }
    if let Some(seed) = &page.seed {
        document.add_text(fields.seed, seed);
    }
    if let Some(warc) = &page.warc {
        document.add_text(fields.warc, warc);
    }
    document.add_u64(fields.indexed_at, now_millis());
    document
}

/// The registrable domain of `host` (`jobs.example.co.th` → `example.co.th`); an IP address or
/// a name without a public suffix is its own.
pub fn registrable_domain(host: &str) -> &str {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    if bare.parse::<std::net::IpAddr>().is_ok() {
        return host;
    }
    psl::domain_str(host).unwrap_or(host)
}

/// Milliseconds since the epoch.
pub fn now_millis() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_millis() as u64)
}
