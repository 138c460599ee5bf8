//! Index: the corpus analysts search (tantivy). The schema names every field; the corpus
//! writes pages (upsert by URL, unchanged pages left alone) and searches them in any of the
//! ads' languages. `ingest`, WARC reading and the `search` command build on it.

pub mod corpus;
pub mod schema;
pub mod search;
pub mod tokenizer;

pub use corpus::{
    Corpus, CorpusWriter, IndexError, PageRecord, Upsert, now_millis, registrable_domain,
};
pub use search::{Hit, SearchRequest, SearchResults, SortOrder, rfc3339, search};
