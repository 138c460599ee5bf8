//! The crawl's memory between runs, in SQLite (`index/state.sqlite`): every URL seen with its
//! depth, seed tag, status, attempts, next attempt, validators and content hash, and the
//! robots.txt of every host with when it was fetched.
//!
//! Writes happen inside a transaction that [`State::checkpoint`] commits right after the
//! corpus commits, so that a URL is marked done only once its page is durable: a killed crawl
//! fetches again only the pages it had not committed.

use rusqlite::{Connection, OptionalExtension, params};
use std::path::Path;

/// What a URL is fetched for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A page: extracted, classified, indexed.
    Page,
    /// A sitemap: its `<loc>` URLs feed the frontier.
    Sitemap,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Page => "page",
            Kind::Sitemap => "sitemap",
        }
    }
}

/// One URL of the frontier, as the crawler needs it to fetch.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Canonical URL.
    pub url: String,
    /// Politeness key (`host[:port]`).
    pub host: String,
    /// Links followed from a seed.
    pub depth: u32,
    /// Hops off the seed hosts.
    pub hops: u32,
    /// Redirects followed to reach it.
    pub redirects: u32,
    /// The seed list's tag.
    pub seed: Option<String>,
    /// Page or sitemap.
    pub kind: Kind,
    /// Fetch attempts so far.
    pub attempts: u32,
    /// `ETag` of the last fetch.
    pub etag: Option<String>,
    /// `Last-Modified` of the last fetch.
    pub last_modified: Option<String>,
}

/// How a fetch ended, for the record.
#[derive(Debug, Clone, Default)]
pub struct Finished {
    /// `done`, `failed` or `skipped`.
    pub state: &'static str,
    /// HTTP status, if a response came.
    pub status: Option<u16>,
    /// Why it failed or was skipped.
    pub reason: Option<String>,
    /// Validators for the next conditional fetch.
    pub etag: Option<String>,
    /// See `etag`.
    pub last_modified: Option<String>,
    /// Hash of the content, if a page was read.
    pub sha256: Option<String>,
    /// The WARC record of the response.
    pub warc: Option<String>,
}

/// The open state database.
pub struct State {
    connection: Connection,
}

impl State {
    /// Opens (creating if needed) `path`, and starts the first transaction.
    pub fn open(path: &Path) -> rusqlite::Result<State> {
        let connection = Connection::open(path)?;
        connection.busy_timeout(std::time::Duration::from_secs(10))?;
        connection.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = NORMAL;
             CREATE TABLE IF NOT EXISTS urls (
                 url TEXT PRIMARY KEY,
                 host TEXT NOT NULL,
                 depth INTEGER NOT NULL,
                 hops INTEGER NOT NULL DEFAULT 0,
                 redirects INTEGER NOT NULL DEFAULT 0,
                 seed TEXT,
                 kind TEXT NOT NULL DEFAULT 'page',
                 state TEXT NOT NULL DEFAULT 'queued',
                 http_status INTEGER,
                 attempts INTEGER NOT NULL DEFAULT 0,
                 next_attempt INTEGER NOT NULL DEFAULT 0,
                 etag TEXT,
                 last_modified TEXT,
                 sha256 TEXT,
                 last_fetched INTEGER,
                 reason TEXT,
                 warc TEXT
             );
             CREATE INDEX IF NOT EXISTS urls_due ON urls (state, next_attempt);
             CREATE TABLE IF NOT EXISTS robots (
                 host TEXT PRIMARY KEY,
                 status INTEGER NOT NULL,
                 body BLOB NOT NULL,
                 fetched_at INTEGER NOT NULL
             );
             ",
        )?;
        crate::link::registry::create(&connection)?;
        connection.execute_batch("BEGIN;")?;
        Ok(State { connection })
    }

    /// The database, for the entity registry that shares it (and its transaction).
    pub fn connection(&self) -> &Connection {
        &self.connection
    }

    /// Commits everything recorded since the last checkpoint and starts a new transaction.
    pub fn checkpoint(&self) -> rusqlite::Result<()> {
        self.connection.execute_batch("COMMIT; BEGIN;")
    }

    /// Commits, at the end of a run.
    pub fn close(self) -> rusqlite::Result<()> {
        self.connection.execute_batch("COMMIT;")
    }

    /// Adds `entry` to the frontier unless the URL was seen before; says whether it was new.
    pub fn add(&self, entry: &Entry) -> rusqlite::Result<bool> {
        let inserted = self.connection.execute(
            "INSERT OR IGNORE INTO urls (url, host, depth, hops, redirects, seed, kind)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                entry.url,
                entry.host,
                entry.depth,
                entry.hops,
                entry.redirects,
                entry.seed,
                entry.kind.name()
            ],
        )?;
        Ok(inserted == 1)
    }

    /// Pages and sitemaps fetched before `before` (seconds since the epoch) go back into the
    /// queue, to be re-validated with their `ETag`/`Last-Modified` (a changed sitemap brings
    /// the site's new pages), and so do sitemaps that answered 4xx then (a site may add one);
    /// returns how many.
    pub fn requeue_stale(&self, before: i64) -> rusqlite::Result<usize> {
        self.connection.execute(
            "UPDATE urls SET state = 'queued', attempts = 0, next_attempt = 0
             WHERE (state = 'done'
                    OR (state = 'failed' AND kind = 'sitemap' AND reason LIKE 'http 4__'))
               AND last_fetched <= ?1",
            params![before],
        )
    }

    /// URLs that ran out of attempts for a passing reason (a timeout, a network error, 429 or
    /// a 5xx) go back into the queue, for one more attempt in each later run until they have
    /// had `limit` in all; returns how many. Refused addresses, other 4xx and oversized bodies
    /// stay failed.
    pub fn requeue_transient_failures(&self, limit: u32) -> rusqlite::Result<usize> {
        self.connection.execute(
            "UPDATE urls SET state = 'queued', next_attempt = 0
             WHERE state = 'failed' AND attempts < ?1
               AND (reason = 'timeout' OR reason LIKE 'network:%'
                    OR reason = 'http 429' OR reason LIKE 'http 5__')",
            params![limit],
        )
    }

    /// The queued URLs due at `now`, shallowest first.
    pub fn due(&self, now: i64) -> rusqlite::Result<Vec<Entry>> {
        let mut statement = self.connection.prepare(
            "SELECT url, host, depth, hops, redirects, seed, kind, attempts, etag, last_modified
             FROM urls WHERE state = 'queued' AND next_attempt <= ?1
             ORDER BY depth, rowid",
        )?;
        let rows = statement.query_map(params![now], |row| {
            Ok(Entry {
                url: row.get(0)?,
                host: row.get(1)?,
                depth: row.get(2)?,
                hops: row.get(3)?,
                redirects: row.get(4)?,
                seed: row.get(5)?,
                kind: if row.get::<_, String>(6)? == "sitemap" {
                    Kind::Sitemap
                } else {
                    Kind::Page
                },
                attempts: row.get(7)?,
                etag: row.get(8)?,
                last_modified: row.get(9)?,
            })
        })?;
        rows.collect()
    }

    /// Records the end of a fetch of `url` at `now`.
    pub fn finish(&self, url: &str, now: i64, finished: &Finished) -> rusqlite::Result<()> {
        self.connection.execute(
            "UPDATE urls SET state = ?2, http_status = ?3, reason = ?4,
                 etag = COALESCE(?5, etag), last_modified = COALESCE(?6, last_modified),
                 sha256 = COALESCE(?7, sha256), warc = COALESCE(?8, warc),
                 last_fetched = ?9, attempts = attempts + 1
             WHERE url = ?1",
            params![
                url,
                finished.state,
                finished.status,
                finished.reason,
                finished.etag,
                finished.last_modified,
                finished.sha256,
                finished.warc,
                now
            ],
        )?;
        Ok(())
    }

    /// Puts `url` back in the queue for another attempt at `at`.
    pub fn retry_at(&self, url: &str, at: i64, reason: &str) -> rusqlite::Result<()> {
        self.connection.execute(
            "UPDATE urls SET attempts = attempts + 1, next_attempt = ?2, reason = ?3
             WHERE url = ?1",
            params![url, at, reason],
        )?;
        Ok(())
    }

    /// The cached robots.txt of `host` fetched after `since`: its HTTP status and body.
    pub fn robots(&self, host: &str, since: i64) -> rusqlite::Result<Option<(u16, Vec<u8>)>> {
        self.connection
            .query_row(
                "SELECT status, body FROM robots WHERE host = ?1 AND fetched_at >= ?2",
                params![host, since],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()
    }

    /// Caches the robots.txt of `host`.
    pub fn put_robots(
        &self,
        host: &str,
        status: u16,
        body: &[u8],
        now: i64,
    ) -> rusqlite::Result<()> {
        self.connection.execute(
            "INSERT OR REPLACE INTO robots (host, status, body, fetched_at) VALUES (?1, ?2, ?3, ?4)",
            params![host, status, body, now],
        )?;
        Ok(())
    }

    /// Every URL known.
    pub fn urls(&self) -> rusqlite::Result<Vec<String>> {
        let mut statement = self.connection.prepare("SELECT url FROM urls")?;
        let rows = statement.query_map([], |row| row.get(0))?;
        rows.collect()
    }

    /// How many URLs are in each state.
    pub fn counts(&self) -> rusqlite::Result<Vec<(String, i64)>> {
        let mut statement = self
            .connection
            .prepare("SELECT state, COUNT(*) FROM urls GROUP BY state ORDER BY state")?;
        let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        rows.collect()
    }
}
