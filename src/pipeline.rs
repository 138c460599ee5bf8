//! The step every page takes between reading and the corpus, whatever brought it (a local
//! file, a WARC record, the crawler): classify the extracted page and make its corpus record.

use crate::classify::Model;
use crate::extract::Extracted;
use crate::index::PageRecord;
use sha2::{Digest, Sha256};

/// Where and how a page was obtained.
#[derive(Debug, Clone, Default)]
pub struct Provenance {
    /// The URL the corpus keys the page by.
    pub url: String,
    /// When it was fetched (seconds since the epoch, UTC).
    pub fetched_at: i64,
    /// HTTP status (0 for a local file).
    pub status: u16,
    /// The seed list's tag.
    pub seed: Option<String>,
    /// The WARC record that holds the response (`file#offset`).
    pub warc: Option<String>,
}

/// Classifies `page` (when a model is loaded) and builds its corpus record; `raw` is the
/// content as received, whose hash decides whether a re-fetched page changed.
pub fn record(
    page: Extracted,
    raw: &[u8],
    model: Option<&Model>,
    provenance: Provenance,
) -> PageRecord {
    let verdict = model.map(|model| model.classify(&page.title, &page.text));
    PageRecord {
        url: provenance.url,
        title: page.title,
        body: page.text,
        lang: page.lang.map(str::to_owned),
        label: verdict
            .as_ref()
            .map(|verdict| (verdict.label.name().to_owned(), verdict.score)),
        reasons: verdict.map(|verdict| verdict.reasons).unwrap_or_default(),
        fetched_at: provenance.fetched_at,
        status: u64::from(provenance.status),
        sha256: sha256_hex(raw),
        wallets: page.wallets,
        contacts: page.contacts,
        seed: provenance.seed,
        warc: provenance.warc,
    }
}

/// SHA-256 of `bytes`, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}
