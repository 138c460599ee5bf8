//! The corpus schema: the only place where index fields are named.

use super::tokenizer::MULTILINGUAL;
use crate::extract::ContactKind;
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

/// Field names, as analysts type them in queries (`wallet:T…`, `telegram:hr_kh88`, `label:…`).
pub mod names {
    /// The page's URL (exact; the key of an upsert).
    pub const URL: &str = "url";
    /// Registrable domain (exact).
    pub const DOMAIN: &str = "domain";
    /// Host name (exact).
    pub const HOST: &str = "host";
    /// Title (multilingual text).
    pub const TITLE: &str = "title";
    /// Visible text (multilingual text).
    pub const BODY: &str = "body";
    /// ISO 639-1 language (exact).
    pub const LANG: &str = "lang";
    /// Classifier label (exact).
    pub const LABEL: &str = "label";
    /// Probability of the label.
    pub const SCORE: &str = "score";
    /// Reasons, one per value (stored only).
    pub const REASONS: &str = "reasons";
    /// When the page was fetched or read.
    pub const FETCHED_AT: &str = "fetched_at";
    /// HTTP status (0 for local files).
    pub const STATUS: &str = "status";
    /// SHA-256 of the raw content, hex (exact).
    pub const SHA256: &str = "sha256";
    /// Wallet addresses (exact, one per value).
    pub const WALLET: &str = "wallet";
    /// The seed list the page was found from (exact).
    pub const SEED: &str = "seed";
    /// WARC record reference `file#offset` (stored only).
    pub const WARC: &str = "warc";
    /// When the page was written into the corpus, in milliseconds since the epoch (saved
    /// searches report what is new).
    pub const INDEXED_AT: &str = "indexed_at";
}

/// Every contact kind, in the order of [`Fields::contacts`]; each is a field of its own name.
pub const CONTACT_KINDS: [ContactKind; 8] = [
    ContactKind::Telegram,
    ContactKind::Whatsapp,
    ContactKind::Line,
    ContactKind::Wechat,
    ContactKind::Kakao,
    ContactKind::Signal,
    ContactKind::Email,
    ContactKind::Phone,
];

/// Handles of every field.
#[derive(Debug, Clone)]
pub struct Fields {
    /// See [`names::URL`].
    pub url: Field,
    /// See [`names::DOMAIN`].
    pub domain: Field,
    /// See [`names::HOST`].
    pub host: Field,
    /// See [`names::TITLE`].
    pub title: Field,
    /// See [`names::BODY`].
    pub body: Field,
    /// See [`names::LANG`].
    pub lang: Field,
    /// See [`names::LABEL`].
    pub label: Field,
    /// See [`names::SCORE`].
    pub score: Field,
    /// See [`names::REASONS`].
    pub reasons: Field,
    /// See [`names::FETCHED_AT`].
    pub fetched_at: Field,
    /// See [`names::STATUS`].
    pub status: Field,
    /// See [`names::SHA256`].
    pub sha256: Field,
    /// See [`names::WALLET`].
    pub wallet: Field,
    /// One field per contact kind, named after it (`telegram`, `whatsapp`, …).
    pub contacts: [Field; 8],
    /// See [`names::SEED`].
    pub seed: Field,
    /// See [`names::WARC`].
    pub warc: Field,
    /// See [`names::INDEXED_AT`].
    pub indexed_at: Field,
}

/// Builds the schema and its field handles.
pub fn build() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(MULTILINGUAL)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
        .set_stored();
    let exact = STRING | STORED;
    let fields = Fields {
        url: builder.add_text_field(names::URL, exact.clone()),
        domain: builder.add_text_field(names::DOMAIN, exact.clone() | FAST),
        host: builder.add_text_field(names::HOST, exact.clone()),
        title: builder.add_text_field(names::TITLE, text.clone()),
        body: builder.add_text_field(names::BODY, text),
        lang: builder.add_text_field(names::LANG, exact.clone()),
        label: builder.add_text_field(names::LABEL, exact.clone() | FAST),
        score: builder.add_f64_field(names::SCORE, STORED | FAST),
        reasons: builder.add_text_field(names::REASONS, STORED),
        fetched_at: builder.add_date_field(names::FETCHED_AT, INDEXED | STORED | FAST),
        status: builder.add_u64_field(names::STATUS, STORED),
        sha256: builder.add_text_field(names::SHA256, exact.clone()),
        wallet: builder.add_text_field(names::WALLET, exact.clone()),
        contacts: CONTACT_KINDS.map(|kind| builder.add_text_field(kind.name(), exact.clone())),
        seed: builder.add_text_field(names::SEED, exact.clone()),
        warc: builder.add_text_field(names::WARC, STORED),
        indexed_at: builder.add_u64_field(names::INDEXED_AT, INDEXED | STORED | FAST),
    };
    (builder.build(), fields)
}
