//! Saved searches that alert: after every crawl or ingest (and on demand) each saved query runs
//! over the pages written into the corpus since it last ran, and the new hits become alerts —
//! printed, and appended as JSON lines to `index/alerts/DATE.jsonl`. Two are built in: new
//! pages flagged as lures, fraud or job scams, and wallets or handles seen for the first time.

use crate::index::{Corpus, SearchRequest, SortOrder, rfc3339, search};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// The built-in watch of newly flagged pages.
pub const NEW_FLAGGED: &str = "new-flagged";
/// The built-in watch of wallets and handles seen for the first time.
pub const NEW_ENTITIES: &str = "new-entities";

/// A saved search.
#[derive(Debug, Clone, Serialize)]
pub struct Watch {
    /// Its name.
    pub name: String,
    /// The query (tantivy's language, as for `search`).
    pub query: String,
    /// Only pages with one of these labels (none: any).
    pub labels: Vec<String>,
    /// When it was saved (milliseconds since the epoch).
    pub created_at: u64,
    /// When it last ran, if it has (milliseconds since the epoch).
    pub last_run: Option<u64>,
}

/// One new hit of a watch.
#[derive(Debug, Clone, Serialize)]
pub struct Alert {
    /// The watch.
    pub watch: String,
    /// The page.
    pub url: String,
    /// Its title.
    pub title: String,
    /// Its label and score.
    pub label: Option<String>,
    /// See `label`.
    pub score: Option<f64>,
    /// The text around the match.
    pub snippet: String,
    /// For `new-entities`: the wallet or handle.
    pub entity: Option<String>,
    /// When the watch ran (RFC 3339).
    pub reported_at: String,
}

/// Creates the table (with the built-in watches) if it is missing.
pub fn create(connection: &Connection) -> rusqlite::Result<()> {
    connection.execute_batch(
        "CREATE TABLE IF NOT EXISTS watches (
             name TEXT PRIMARY KEY,
             query TEXT NOT NULL,
             labels TEXT NOT NULL,
             created_at INTEGER NOT NULL,
             last_run INTEGER
         );",
    )?;
    let flagged = serde_json::json!(["recruitment_lure", "investment_fraud", "job_scam"]);
    // The built-in watches report everything not yet reported, from the corpus's start.
    for (name, query, labels) in [
        (NEW_FLAGGED, "*", flagged.to_string()),
        (NEW_ENTITIES, "", "[]".to_owned()),
    ] {
        connection.execute(
            "INSERT OR IGNORE INTO watches (name, query, labels, created_at) VALUES (?1, ?2, ?3, 0)",
            params![name, query, labels],
        )?;
    }
    Ok(())
}

/// Saves a watch; `false` when the name is taken.
pub fn add(
    connection: &Connection,
    name: &str,
    query: &str,
    labels: &[String],
    now: u64,
) -> rusqlite::Result<bool> {
    create(connection)?;
    let labels = serde_json::to_string(labels).unwrap_or_else(|_| "[]".to_owned());
    let added = connection.execute(
        "INSERT OR IGNORE INTO watches (name, query, labels, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![name, query, labels, now as i64],
    )?;
    Ok(added == 1)
}

/// Every watch, built-in ones first, then by name.
pub fn list(connection: &Connection) -> rusqlite::Result<Vec<Watch>> {
    create(connection)?;
    let mut statement = connection.prepare(
        "SELECT name, query, labels, created_at, last_run FROM watches
         ORDER BY name NOT IN ('new-flagged', 'new-entities'), name",
    )?;
    let rows = statement.query_map([], |row| {
        let labels: String = row.get(2)?;
        Ok(Watch {
            name: row.get(0)?,
            query: row.get(1)?,
            labels: serde_json::from_str(&labels).unwrap_or_default(),
            created_at: row.get::<_, i64>(3)? as u64,
            last_run: row.get::<_, Option<i64>>(4)?.map(|at| at as u64),
        })
    })?;
    rows.collect()
}

/// Deletes a watch; `false` when there is none of that name.
pub fn remove(connection: &Connection, name: &str) -> rusqlite::Result<bool> {
    Ok(connection.execute("DELETE FROM watches WHERE name = ?1", params![name])? == 1)
}

/// Runs every watch over what was written since it last ran (or since it was saved), marks
/// them as run at `now` (milliseconds since the epoch), and returns the alerts.
pub fn run(corpus: &Corpus, connection: &Connection, now: u64) -> anyhow::Result<Vec<Alert>> {
    let mut alerts = Vec::new();
    let reported_at = rfc3339((now / 1000) as i64);
    let end = now;
    for watch in list(connection)? {
        let start = watch.last_run.unwrap_or(watch.created_at);
        if watch.name == NEW_ENTITIES {
            alerts.extend(new_entities(connection, start, end, &reported_at)?);
        } else {
            let results = search(
                corpus,
                &SearchRequest {
                    query: watch.query.clone(),
                    labels: watch.labels.clone(),
                    indexed: Some((start, end)),
                    limit: 100_000,
                    sort: SortOrder::Date,
                    ..SearchRequest::default()
                },
            )
            .map_err(|error| anyhow::anyhow!("watch {}: {error}", watch.name))?;
            alerts.extend(results.hits.into_iter().map(|hit| Alert {
                watch: watch.name.clone(),
                url: hit.url,
                title: hit.title,
                label: hit.label,
                score: hit.score,
                snippet: hit.snippet.split_whitespace().collect::<Vec<_>>().join(" "),
                entity: None,
                reported_at: reported_at.clone(),
            }));
        }
        connection.execute(
            "UPDATE watches SET last_run = ?2 WHERE name = ?1",
            params![watch.name, end as i64],
        )?;
    }
    Ok(alerts)
}

/// Entities whose first sighting was registered in `[start, end)`.
fn new_entities(
    connection: &Connection,
    start: u64,
    end: u64,
    reported_at: &str,
) -> rusqlite::Result<Vec<Alert>> {
    crate::link::registry::create(connection)?;
    let mut statement = connection.prepare(
        "SELECT entity, MIN(registered_at) AS first FROM sightings GROUP BY entity
         HAVING first >= ?1 AND first < ?2 ORDER BY entity",
    )?;
    let entities: Vec<String> = statement
        .query_map(params![start as i64, end as i64], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut alerts = Vec::new();
    for entity in entities {
        let first: Option<(String, Option<String>, Option<f64>, String)> = connection
            .query_row(
                "SELECT url, label, score, context FROM sightings WHERE entity = ?1
                 ORDER BY registered_at, url LIMIT 1",
                params![entity],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
            )
            .optional()?;
        if let Some((url, label, score, context)) = first {
            alerts.push(Alert {
                watch: NEW_ENTITIES.to_owned(),
                url,
                title: String::new(),
                label,
                score,
                snippet: context,
                entity: Some(entity),
                reported_at: reported_at.to_owned(),
            });
        }
    }
    Ok(alerts)
}

/// Appends `alerts` to `index/alerts/DATE.jsonl`; returns the file.
pub fn append(index: &Path, alerts: &[Alert], now: u64) -> std::io::Result<std::path::PathBuf> {
    let folder = index.join("alerts");
    std::fs::create_dir_all(&folder)?;
    let path = folder.join(format!("{}.jsonl", &rfc3339((now / 1000) as i64)[..10]));
    let mut file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)?;
    let mut lines = Vec::new();
    for alert in alerts {
        serde_json::to_writer(&mut lines, alert)?;
        lines.push(b'\n');
    }
    file.write_all(&lines)?;
    Ok(path)
}
