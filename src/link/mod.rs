//! Linking sites through what they share: the registry of wallets and handles, the clusters it
//! implies, and exports for tracing and graph tools.

pub mod clusters;
pub mod export;
pub mod registry;

use registry::Sighting;
use rusqlite::Connection;
use serde::Serialize;

/// How bad a label is, for "worst label" (higher is worse).
pub fn severity(label: Option<&str>) -> u8 {
    match label {
        Some("recruitment_lure") => 4,
        Some("investment_fraud") => 3,
        Some("job_scam") => 2,
        Some("benign") => 1,
        _ => 0,
    }
}

/// One entity with how widely it was seen.
#[derive(Debug, Clone, Serialize)]
pub struct EntitySummary {
    /// Registry key.
    pub entity: String,
    /// `wallet` or the contact kind.
    pub kind: String,
    /// Chain of a wallet.
    pub chain: Option<String>,
    /// Address or handle.
    pub value: String,
    /// Distinct sites (registrable domains).
    pub sites: usize,
    /// Distinct pages.
    pub pages: usize,
    /// First seen (RFC 3339).
    pub first_seen: String,
    /// Last seen (RFC 3339).
    pub last_seen: String,
    /// The worst label of its pages.
    pub worst_label: Option<String>,
}

/// Every sighting, ordered by entity then URL (the stable order of every export).
pub fn all_sightings(connection: &Connection) -> rusqlite::Result<Vec<Sighting>> {
    query(connection, "1 = 1", &[])
}

/// The sightings of one entity.
pub fn sightings_of(connection: &Connection, entity: &str) -> rusqlite::Result<Vec<Sighting>> {
    query(connection, "entity = ?1", &[&entity])
}

fn query(
    connection: &Connection,
    condition: &str,
    values: &[&dyn rusqlite::ToSql],
) -> rusqlite::Result<Vec<Sighting>> {
    registry::create(connection)?;
    let mut statement = connection.prepare(&format!(
        "SELECT entity, kind, chain, value, seen_as, asset, url, domain, label, score,
                first_seen, last_seen, sha256, warc, context
         FROM sightings WHERE {condition} ORDER BY entity, url"
    ))?;
    let rows = statement.query_map(values, |row| {
        Ok(Sighting {
            entity: row.get(0)?,
            kind: row.get(1)?,
            chain: row.get(2)?,
            value: row.get(3)?,
            seen_as: row.get(4)?,
            asset: row.get(5)?,
            url: row.get(6)?,
            domain: row.get(7)?,
            label: row.get(8)?,
            score: row.get(9)?,
            first_seen: row.get(10)?,
            last_seen: row.get(11)?,
            sha256: row.get(12)?,
            warc: row.get(13)?,
            context: row.get(14)?,
        })
    })?;
    rows.collect()
}

/// Sightings grouped into entity summaries, most linked first (sites, then pages, then key).
pub fn summarize(sightings: &[Sighting]) -> Vec<EntitySummary> {
    let mut summaries: Vec<EntitySummary> = Vec::new();
    for group in sightings.chunk_by(|a, b| a.entity == b.entity) {
        let mut sites: Vec<&str> = group.iter().map(|s| s.domain.as_str()).collect();
        sites.sort_unstable();
        sites.dedup();
        let worst = group
            .iter()
            .max_by_key(|sighting| severity(sighting.label.as_deref()))
            .and_then(|sighting| sighting.label.clone());
        let first = group.iter().map(|s| s.first_seen).min().unwrap_or(0);
        let last = group.iter().map(|s| s.last_seen).max().unwrap_or(0);
        summaries.push(EntitySummary {
            entity: group[0].entity.clone(),
            kind: group[0].kind.clone(),
            chain: group[0].chain.clone(),
            value: group[0].value.clone(),
            sites: sites.len(),
            pages: group.len(),
            first_seen: crate::index::rfc3339(first),
            last_seen: crate::index::rfc3339(last),
            worst_label: worst,
        });
    }
    summaries.sort_by(|a, b| {
        (b.sites, b.pages)
            .cmp(&(a.sites, a.pages))
            .then_with(|| a.entity.cmp(&b.entity))
    });
    summaries
}

/// Opens the registry of the corpus in `index` for reading.
pub fn open(index: &std::path::Path) -> rusqlite::Result<Connection> {
    let connection = Connection::open(index.join("state.sqlite"))?;
    connection.busy_timeout(std::time::Duration::from_secs(10))?;
    registry::create(&connection)?;
    Ok(connection)
}
