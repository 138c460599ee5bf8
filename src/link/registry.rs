//! The entity registry (in `index/state.sqlite`): every wallet address and contact handle with
//! each page and site that shows it — first and last seen, the page's label and score, a short
//! context, the evidence (content hash, WARC record). It is written next to the corpus, on every
//! page write, and committed with it.

use crate::index::PageRecord;
use rusqlite::{Connection, params};

/// Creates the registry's tables if they are missing.
pub fn create(connection: &Connection) -> rusqlite::Result<()> {
    connection.execute_batch(
        "CREATE TABLE IF NOT EXISTS sightings (
             entity TEXT NOT NULL,
             kind TEXT NOT NULL,
             chain TEXT,
             value TEXT NOT NULL,
             seen_as TEXT NOT NULL,
             asset TEXT,
             url TEXT NOT NULL,
             domain TEXT NOT NULL,
             label TEXT,
             score REAL,
             first_seen INTEGER NOT NULL,
             last_seen INTEGER NOT NULL,
             sha256 TEXT NOT NULL,
             warc TEXT,
             context TEXT NOT NULL,
             registered_at INTEGER NOT NULL DEFAULT 0,
             PRIMARY KEY (entity, url)
         );
         CREATE INDEX IF NOT EXISTS sightings_url ON sightings (url);
         CREATE INDEX IF NOT EXISTS sightings_domain ON sightings (domain);",
    )?;
    // Registries written before `registered_at` existed get the column.
    let has_column = connection
        .prepare("SELECT 1 FROM pragma_table_info('sightings') WHERE name = 'registered_at'")?
        .exists([])?;
    if !has_column {
        connection.execute_batch(
            "ALTER TABLE sightings ADD COLUMN registered_at INTEGER NOT NULL DEFAULT 0",
        )?;
    }
    Ok(())
}

/// One entity on one page.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Sighting {
    /// `wallet:trx:T…` or `telegram:hr_kh88`.
    pub entity: String,
    /// `wallet` or the contact kind.
    pub kind: String,
    /// The chain of a wallet.
    pub chain: Option<String>,
    /// The normalized address or handle.
    pub value: String,
    /// As the page wrote it.
    pub seen_as: String,
    /// The asset the page names with it (`USDT` next to a TRON address), if any.
    pub asset: Option<String>,
    /// The page.
    pub url: String,
    /// The page's registrable domain.
    pub domain: String,
    /// The page's label and score.
    pub label: Option<String>,
    /// See `label`.
    pub score: Option<f64>,
    /// First and last time the page showed it (seconds since the epoch).
    pub first_seen: i64,
    /// See `first_seen`.
    pub last_seen: i64,
    /// The page's content hash.
    pub sha256: String,
    /// The WARC record of the page.
    pub warc: Option<String>,
    /// The text around it.
    pub context: String,
}

/// The registry key of a wallet.
pub fn wallet_key(chain: &str, address: &str) -> String {
    format!("wallet:{chain}:{address}")
}

/// Records the entities of `page` (just written to the corpus): new ones added, ones still
/// there refreshed (first seen kept), ones gone from the page removed.
pub fn record_page(connection: &Connection, page: &PageRecord) -> rusqlite::Result<()> {
    let domain = page_domain(&page.url);
    let mut entities = Vec::new();
    let mut upsert = connection.prepare_cached(
        "INSERT INTO sightings (entity, kind, chain, value, seen_as, asset, url, domain, label,
             score, first_seen, last_seen, sha256, warc, context, registered_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12, ?13, ?14, ?15)
         ON CONFLICT (entity, url) DO UPDATE SET
             seen_as = excluded.seen_as, asset = excluded.asset, domain = excluded.domain,
             label = excluded.label, score = excluded.score,
             first_seen = MIN(first_seen, excluded.first_seen),
             last_seen = MAX(last_seen, excluded.last_seen),
             sha256 = excluded.sha256, warc = excluded.warc, context = excluded.context",
    )?;
    let (label, score) = match &page.label {
        Some((label, score)) => (Some(label.as_str()), Some(*score)),
        None => (None, None),
    };
    // Milliseconds, as saved searches count them.
    let now = crate::index::now_millis() as i64;
    let mut found: Vec<Found> = Vec::new();
    for wallet in &page.wallets {
        let chain = wallet.chain.ticker();
        let context = context_of(&page.body, &wallet.address);
        let asset = asset_hint(chain, &context);
        let key = wallet_key(chain, &wallet.address);
        found.push((key, "wallet", Some(chain), &wallet.address, asset, context));
    }
    for contact in &page.contacts {
        let kind = contact.kind.name();
        let key = format!("{kind}:{}", contact.value);
        let context = context_of(&page.body, &contact.value);
        found.push((key, kind, None, &contact.value, None, context));
    }
    for (key, kind, chain, value, asset, context) in &found {
        upsert.execute(params![
            key,
            kind,
            chain,
            value,
            value,
            asset,
            page.url,
            domain,
            label,
            score,
            page.fetched_at,
            page.sha256,
            page.warc,
            context,
            now
        ])?;
        entities.push(key.clone());
    }
    let mut stale = connection.prepare_cached("SELECT entity FROM sightings WHERE url = ?1")?;
    let gone: Vec<String> = stale
        .query_map(params![page.url], |row| row.get::<_, String>(0))?
        .filter_map(Result::ok)
        .filter(|entity| !entities.contains(entity))
        .collect();
    for entity in gone {
        connection.execute(
            "DELETE FROM sightings WHERE entity = ?1 AND url = ?2",
            params![entity, page.url],
        )?;
    }
    Ok(())
}

/// (key, kind, chain, value, asset, context) of an entity on a page.
type Found<'a> = (
    String,
    &'a str,
    Option<&'a str>,
    &'a str,
    Option<&'a str>,
    String,
);

/// A page fetched again with the same content: its sightings are seen again; if the registry
/// lacks them (a run killed between the corpus commit and the registry's), they are recorded.
pub fn seen_again_page(connection: &Connection, page: &PageRecord) -> rusqlite::Result<()> {
    let recorded: i64 = connection
        .prepare_cached("SELECT COUNT(*) FROM sightings WHERE url = ?1")?
        .query_row(params![page.url], |row| row.get(0))?;
    if recorded == 0 && !(page.wallets.is_empty() && page.contacts.is_empty()) {
        return record_page(connection, page);
    }
    seen_again(connection, &page.url, page.fetched_at)
}

/// A page answered 304 Not Modified: its sightings were seen again at `at`.
pub fn seen_again(connection: &Connection, url: &str, at: i64) -> rusqlite::Result<()> {
    connection
        .prepare_cached("UPDATE sightings SET last_seen = MAX(last_seen, ?2) WHERE url = ?1")?
        .execute(params![url, at])?;
    Ok(())
}

fn page_domain(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|url| {
            url.host_str()
                .map(|host| crate::index::registrable_domain(host).to_owned())
        })
        .unwrap_or_else(|| "(local file)".to_owned())
}

/// Up to 80 characters either side of the first place `value` appears in `text`.
fn context_of(text: &str, value: &str) -> String {
    let Some(at) = text.find(value).or_else(|| {
        text.to_lowercase()
            .find(&value.to_lowercase())
            .filter(|at| text.is_char_boundary(*at))
    }) else {
        return String::new();
    };
    let start = floor_boundary(text, at.saturating_sub(80));
    let end = floor_boundary(text, (at + value.len() + 80).min(text.len()));
    text[start..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn floor_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The asset a page names next to an address: USDT (and USDC) travel on TRON and EVM chains.
fn asset_hint(chain: &str, context: &str) -> Option<&'static str> {
    let upper = context.to_uppercase();
    if matches!(chain, "trx" | "eth" | "sol" | "ton") {
        for asset in ["USDT", "USDC"] {
            if upper.contains(asset) {
                return Some(asset);
            }
        }
    }
    None
}
