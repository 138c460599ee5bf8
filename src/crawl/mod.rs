//! The crawler: from seeds, politely, through fetch → WARC → extract → classify → index, with
//! its frontier and memory in SQLite so that every run picks up where the last one stopped.
//!
//! One coordinator owns the state, the corpus writer and the WARC writer; fetches run as tasks
//! (at most `concurrency` at once, a few per host), each waiting for its host's rate limiter
//! before it sends; extraction and classification run on blocking threads. The coordinator
//! commits the WARC files, then the corpus, then the state, every few hundred pages and at
//! the end, so a URL is marked fetched only once its page is durable.

pub mod address_policy;
pub mod canonical;
pub mod fetch;
pub mod robots;
pub mod state;

mod host;

use crate::classify::Model;
use crate::evidence::http_response::{decode_content, media_type};
use crate::evidence::warc_write::{self, Encoded, Exchange, WarcWriter};
use crate::extract::{self, Format, Source};
use crate::index::{Corpus, PageRecord, Upsert};
use crate::pipeline::{self, Provenance};
use fetch::{FetchError, FetchSettings, Fetched, Fetcher};
use host::{Host, RobotsState};
use serde::Serialize;
use state::{Entry, Finished, Kind, State};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use tokio::task::JoinSet;
use url::Url;

/// A seed URL and the tag of the list it came from.
#[derive(Debug, Clone)]
pub struct Seed {
    /// Where to start.
    pub url: Url,
    /// The seed list's tag (its file name).
    pub tag: String,
}

/// Everything a run needs to know.
#[derive(Debug, Clone)]
pub struct CrawlSettings {
    /// The corpus folder (`index/`).
    pub index: PathBuf,
    /// Where to start.
    pub seeds: Vec<Seed>,
    /// The model that labels pages (`None`: pages index without a label).
    pub model: Option<PathBuf>,
    /// HTTP settings.
    pub fetch: FetchSettings,
    /// Requests per second per host.
    pub per_host_rps: f64,
    /// Requests in flight at once, all hosts together.
    pub concurrency: usize,
    /// Pages fetched in this run at most.
    pub max_pages: Option<u64>,
    /// Links followed from a seed at most.
    pub max_depth: u32,
    /// Hops off the seed hosts allowed.
    pub follow_external: u32,
    /// Pages per host per run at most.
    pub max_pages_per_host: u64,
    /// Bytes per host per run at most.
    pub max_bytes_per_host: u64,
    /// The run ends cleanly after this long.
    pub time_limit: Option<Duration>,
    /// Pages fetched longer ago than this are re-validated.
    pub refresh_after: Duration,
    /// Attempts per URL on 5xx, 429 and network errors.
    pub max_attempts: u32,
    /// Longest Retry-After honoured.
    pub max_retry_after: Duration,
    /// WARC files are rotated past this size.
    pub warc_file_bytes: u64,
    /// Pages between commits.
    pub commit_every: usize,
}

/// What a run did: printed at the end and written to `index/runs/`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RunSummary {
    /// Start (RFC 3339, UTC).
    pub started_at: String,
    /// Seconds it ran.
    pub seconds: f64,
    /// Why it ended: `done`, `max-pages`, `time-limit`, `signal`.
    pub ended_by: String,
    /// Requests answered (pages, robots.txt, sitemaps).
    pub responses: u64,
    /// Pages new to the corpus.
    pub new: u64,
    /// Pages that changed.
    pub changed: u64,
    /// Pages fetched again with the same content.
    pub unchanged: u64,
    /// Pages answered 304 Not Modified.
    pub not_modified: u64,
    /// Redirects followed (as new URLs).
    pub redirects: u64,
    /// Pages by label, of those new or changed.
    pub flagged: BTreeMap<String, u64>,
    /// Wallet addresses the corpus had not seen before.
    pub new_wallets: u64,
    /// URLs passed over on purpose, by reason.
    pub skipped: BTreeMap<String, u64>,
    /// Failures, by kind.
    pub errors: BTreeMap<String, u64>,
    /// URLs still queued for a later run.
    pub queued: u64,
    /// Hosts paused in this run after repeated failures.
    pub paused_hosts: Vec<String>,
    /// Seconds spent in each stage of the pipeline (thread time, summed over threads):
    /// `extract` (decompress, decode, parse, text, wallets), `classify` (and hash), `warc`,
    /// `index` (upserts), `state` (SQLite), `commit` (corpus and state commits). What the
    /// process spends beyond them is HTTP, scheduling and tantivy's indexing threads.
    pub stage_seconds: BTreeMap<String, f64>,
}

impl RunSummary {
    /// Whether some URL failed or work was left for later.
    pub fn is_partial(&self) -> bool {
        !self.errors.is_empty() || self.ended_by != "done"
    }
}

/// What a fetch task hands back.
struct Done {
    entry: Entry,
    work: Work,
}

#[allow(clippy::large_enum_variant, reason = "one per fetch in flight")]
enum Work {
    Robots {
        host: String,
        answer: Result<(u16, Vec<u8>), FetchError>,
    },
    Fetch {
        /// Shared with the blocking thread that archives and processes the body.
        result: Result<Arc<Fetched>, FetchError>,
        warc: Option<std::io::Result<(Encoded, f64)>>,
        page: Option<Result<Processed, String>>,
    },
}

/// A page made ready for the corpus on a blocking thread, with the time each step took.
struct Processed {
    record: PageRecord,
    links: Vec<String>,
    extract_seconds: f64,
    classify_seconds: f64,
}

/// Seconds since the epoch.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs() as i64)
}

/// Runs a crawl until the frontier is empty, a budget is spent, or `stop` is set.
pub async fn run(
    settings: CrawlSettings,
    stop: Arc<AtomicBool>,
    progress: impl Fn(&RunSummary, usize, usize),
) -> anyhow::Result<RunSummary> {
    let started = Instant::now();
    std::fs::create_dir_all(&settings.index)?;
    let corpus = Corpus::open(&settings.index)?;
    let mut crawl = Coordinator::open(settings, &corpus)?;
    let result = crawl.drive(&stop, started, &progress).await;
    let close = crawl.checkpoint();
    result?;
    close?;
    let mut summary = crawl.summary;
    summary.seconds = started.elapsed().as_secs_f64();
    summary.queued = crawl
        .state
        .counts()?
        .into_iter()
        .filter(|(state, _)| state == "queued")
        .map(|(_, count)| count as u64)
        .sum();
    summary.paused_hosts = crawl
        .hosts
        .iter()
        .filter(|(_, host)| host.paused.is_some())
        .map(|(key, _)| key.clone())
        .collect();
    summary.paused_hosts.sort();
    crawl.state.close()?;
    Ok(summary)
}

struct Coordinator<'a> {
    settings: CrawlSettings,
    state: State,
    corpus: &'a Corpus,
    writer: crate::index::CorpusWriter<'a>,
    warc: WarcWriter,
    fetcher: Arc<Fetcher>,
    model: Arc<Option<Model>>,
    hosts: HashMap<String, Host>,
    seed_hosts: HashSet<String>,
    /// URLs waiting for a retry, with when.
    delayed: Vec<(Instant, Entry)>,
    tasks: JoinSet<Done>,
    in_flight: usize,
    pages_dispatched: u64,
    since_commit: usize,
    last_commit: Instant,
    known_wallets: HashSet<String>,
    /// Hashes of every URL in the state, so that known links cost no SQL.
    seen: HashSet<u64>,
    summary: RunSummary,
}

impl<'a> Coordinator<'a> {
    fn open(settings: CrawlSettings, corpus: &'a Corpus) -> anyhow::Result<Coordinator<'a>> {
        let state = State::open(&settings.index.join("state.sqlite"))?;
        let writer = corpus.writer()?;
        let warc = WarcWriter::new(
            &settings.index.join("warc"),
            "warc",
            settings.warc_file_bytes,
            &format!("lurewatch/{}", env!("CARGO_PKG_VERSION")),
        )?;
        let model = match &settings.model {
            Some(path) => match Model::load(path) {
                Ok(model) => Some(model),
                Err(error) => {
                    tracing::warn!("{error:#}; pages are indexed without a label");
                    None
                }
            },
            None => None,
        };
        let fetcher = Arc::new(Fetcher::new(settings.fetch.clone())?);
        let now = now();
        let stale_before = now - settings.refresh_after.as_secs() as i64;
        let requeued = state.requeue_stale(stale_before)?;
        tracing::info!("{requeued} pages due for re-validation");
        // Each later run tries such a URL once more (its attempts are not reset), up to
        // twice the attempts of one run in all: a site down for a night is not given up on,
        // and a dead one is not asked forever.
        let retried = state.requeue_transient_failures(2 * settings.max_attempts)?;
        tracing::info!("{retried} URLs that failed for a passing reason are tried again");
        let mut seed_hosts = HashSet::new();
        for seed in &settings.seeds {
            let Some(url) = canonical::canonicalize(&seed.url) else {
                continue;
            };
            seed_hosts.insert(canonical::host_key(&url));
            state.add(&Entry {
                url: url.to_string(),
                host: canonical::host_key(&url),
                depth: 0,
                hops: 0,
                redirects: 0,
                seed: Some(seed.tag.clone()),
                kind: Kind::Page,
                attempts: 0,
                etag: None,
                last_modified: None,
            })?;
        }
        let mut coordinator = Coordinator {
            summary: RunSummary {
                started_at: crate::index::rfc3339(now),
                ended_by: "done".to_owned(),
                ..RunSummary::default()
            },
            state,
            corpus,
            writer,
            warc,
            fetcher,
            model: Arc::new(model),
            hosts: HashMap::new(),
            seed_hosts,
            delayed: Vec::new(),
            tasks: JoinSet::new(),
            in_flight: 0,
            pages_dispatched: 0,
            since_commit: 0,
            last_commit: Instant::now(),
            known_wallets: HashSet::new(),
            seen: HashSet::new(),
            settings,
        };
        coordinator.seen = coordinator
            .state
            .urls()?
            .iter()
            .map(|url| url_hash(url))
            .collect();
        for entry in coordinator.state.due(now)? {
            coordinator.enqueue(entry);
        }
        Ok(coordinator)
    }

    /// Puts `entry` in its host's queue.
    fn enqueue(&mut self, entry: Entry) {
        let rps = self.settings.per_host_rps;
        self.hosts
            .entry(entry.host.clone())
            .or_insert_with(|| Host::new(rps))
            .queue
            .push_back(entry);
    }

    async fn drive(
        &mut self,
        stop: &AtomicBool,
        started: Instant,
        progress: &impl Fn(&RunSummary, usize, usize),
    ) -> anyhow::Result<()> {
        let mut stopping = false;
        loop {
            if !stopping {
                if stop.load(Ordering::Relaxed) {
                    self.summary.ended_by = "signal".to_owned();
                    stopping = true;
                } else if self
                    .settings
                    .time_limit
                    .is_some_and(|limit| started.elapsed() >= limit)
                {
                    self.summary.ended_by = "time-limit".to_owned();
                    stopping = true;
                }
            }
            let wake = if stopping {
                None
            } else {
                self.dispatch(&mut stopping)?
            };
            let queued: usize = self.hosts.values().map(|host| host.queue.len()).sum();
            progress(&self.summary, self.in_flight, queued + self.delayed.len());
            if self.in_flight == 0 && (stopping || wake.is_none()) {
                break;
            }
            let sleep = wake.map_or(Duration::from_millis(200), |at| {
                at.saturating_duration_since(Instant::now())
                    .min(Duration::from_millis(200))
            });
            tokio::select! {
                Some(done) = self.tasks.join_next(), if self.in_flight > 0 => {
                    self.in_flight -= 1;
                    // Everything finished by now is handled in one go: each hand-over of
                    // this thread costs the runtime a wake-up.
                    let mut finished = vec![done];
                    while let Some(done) = self.tasks.try_join_next() {
                        self.in_flight -= 1;
                        finished.push(done);
                    }
                    // Indexing and SQL block this thread: the runtime moves the fetch tasks
                    // elsewhere meanwhile, so that none is held back (and then sent late, too
                    // close to the next request to its host). A task that panicked ends the
                    // run, after the others of its batch are kept.
                    let mut panicked = None;
                    tokio::task::block_in_place(|| {
                        for done in finished {
                            match done {
                                Ok(done) => self.handle(done)?,
                                Err(error) => {
                                    panicked.get_or_insert(error);
                                }
                            }
                        }
                        anyhow::Ok(())
                    })?;
                    if let Some(error) = panicked {
                        return Err(error.into());
                    }
                }
                () = tokio::time::sleep(sleep) => {}
            }
            if self.since_commit >= self.settings.commit_every
                || (self.since_commit > 0 && self.last_commit.elapsed() > Duration::from_secs(10))
            {
                tokio::task::block_in_place(|| self.checkpoint())?;
            }
        }
        Ok(())
    }

    /// Starts every fetch that may start now; returns when something else may become ready
    /// (`None` when nothing is left to do but the fetches in flight).
    fn dispatch(&mut self, stopping: &mut bool) -> anyhow::Result<Option<Instant>> {
        let now = Instant::now();
        let (due, later): (Vec<_>, Vec<_>) = std::mem::take(&mut self.delayed)
            .into_iter()
            .partition(|(at, _)| *at <= now);
        self.delayed = later;
        for (_, entry) in due {
            self.enqueue(entry);
        }
        let mut wake: Option<Instant> = self.delayed.iter().map(|(at, _)| *at).min();
        let keys: Vec<String> = self
            .hosts
            .iter()
            .filter(|(_, host)| !host.queue.is_empty() && host.paused.is_none())
            .map(|(key, _)| key.clone())
            .collect();
        for key in keys {
            loop {
                if self.in_flight >= self.settings.concurrency {
                    // Full: the next finished fetch wakes the loop.
                    return Ok(Some(wake.unwrap_or(now + Duration::from_millis(200))));
                }
                if self
                    .settings
                    .max_pages
                    .is_some_and(|max| self.pages_dispatched >= max)
                {
                    self.summary.ended_by = "max-pages".to_owned();
                    *stopping = true;
                    return Ok(None);
                }
                match self.next_for_host(&key, now)? {
                    Next::Start(work) => self.start(work),
                    Next::Wait(at) => {
                        wake = Some(wake.map_or(at, |wake| wake.min(at)));
                        break;
                    }
                    Next::Blocked => break,
                    Next::Nothing => break,
                }
            }
        }
        let busy = self
            .hosts
            .values()
            .any(|host| host.paused.is_none() && !host.queue.is_empty());
        Ok(if busy {
            Some(wake.unwrap_or(now + Duration::from_millis(100)))
        } else {
            wake
        })
    }

    /// What the host `key` can do next.
    fn next_for_host(&mut self, key: &str, now: Instant) -> anyhow::Result<Next> {
        let settings = &self.settings;
        let Some(host) = self.hosts.get_mut(key) else {
            return Ok(Next::Nothing);
        };
        if host.in_flight >= host.max_in_flight {
            return Ok(Next::Blocked);
        }
        if host.not_before > now {
            return Ok(Next::Wait(host.not_before));
        }
        match &host.robots {
            RobotsState::Unknown => {
                let since = self::now() - 24 * 3600;
                if let Some((status, body)) = self.state.robots(key, since)? {
                    host.set_robots(status, &body, settings.per_host_rps);
                } else {
                    host.robots = RobotsState::Fetching;
                    let Some(first) = host.queue.front() else {
                        return Ok(Next::Nothing);
                    };
                    let Ok(mut url) = Url::parse(&first.url) else {
                        return Ok(Next::Nothing);
                    };
                    url.set_path("/robots.txt");
                    url.set_query(None);
                    return Ok(Next::Start(Start::Robots {
                        host: key.to_owned(),
                        url,
                    }));
                }
            }
            RobotsState::Fetching => return Ok(Next::Blocked),
            RobotsState::Ready(_) => {}
        }
        let RobotsState::Ready(rules) = &host.robots else {
            return Ok(Next::Blocked);
        };
        while let Some(entry) = host.queue.pop_front() {
            if !rules.allowed(&entry.url) {
                let finished = Finished {
                    state: "skipped",
                    reason: Some("disallowed by robots.txt".to_owned()),
                    ..Finished::default()
                };
                self.state.finish(&entry.url, self::now(), &finished)?;
                *self
                    .summary
                    .skipped
                    .entry("disallowed by robots.txt".to_owned())
                    .or_default() += 1;
                continue;
            }
            if host.pages >= settings.max_pages_per_host
                || host.bytes >= settings.max_bytes_per_host
            {
                // Budget spent: the rest waits for the next run.
                host.queue.clear();
                return Ok(Next::Nothing);
            }
            host.pages += 1;
            self.pages_dispatched += u64::from(entry.kind == Kind::Page);
            return Ok(Next::Start(Start::Fetch(entry)));
        }
        Ok(Next::Nothing)
    }

    fn start(&mut self, start: Start) {
        type Task = std::pin::Pin<Box<dyn std::future::Future<Output = Done> + Send>>;
        let (key, future): (String, Task) = match start {
            Start::Robots { host, url } => {
                let limiter = self.hosts[&host].limiter.clone();
                let fetcher = self.fetcher.clone();
                let entry = Entry {
                    url: url.to_string(),
                    host: host.clone(),
                    depth: 0,
                    hops: 0,
                    redirects: 0,
                    seed: None,
                    kind: Kind::Page,
                    attempts: 0,
                    etag: None,
                    last_modified: None,
                };
                let key = host.clone();
                (
                    key,
                    Box::pin(async move {
                        let answer = fetch_robots(&fetcher, &limiter, url, &host).await;
                        Done {
                            entry,
                            work: Work::Robots { host, answer },
                        }
                    }),
                )
            }
            Start::Fetch(entry) => {
                let limiter = self.hosts[&entry.host].limiter.clone();
                let fetcher = self.fetcher.clone();
                let model = self.model.clone();
                let key = entry.host.clone();
                let max_bytes = self.settings.fetch.max_body_bytes;
                (
                    key,
                    Box::pin(async move {
                        limiter.ready().await;
                        let started_at = now();
                        let result = match Url::parse(&entry.url) {
                            Ok(url) => {
                                fetcher
                                    .get(
                                        &url,
                                        entry.etag.as_deref(),
                                        entry.last_modified.as_deref(),
                                    )
                                    .await
                            }
                            Err(error) => Err(FetchError::Network(error.to_string())),
                        }
                        .map(Arc::new);
                        limiter.answered();
                        // The WARC records are encoded, and a page extracted and classified,
                        // on a blocking thread.
                        let (warc, page) = match &result {
                            Ok(fetched) if fetched.body_read || fetched.status != 200 => {
                                let fetched = Arc::clone(fetched);
                                let url = entry.url.clone();
                                let seed = entry.seed.clone();
                                let is_page = entry.kind == Kind::Page
                                    && fetched.status == 200
                                    && fetched.body_read;
                                tokio::task::spawn_blocking(move || {
                                    let timer = Instant::now();
                                    let warc = warc_write::encode(&Exchange {
                                        target: &url,
                                        date: started_at,
                                        ip: fetched.ip,
                                        request: &fetched.request,
                                        response_head: &fetched.head,
                                        payload: &fetched.body,
                                    })
                                    .map(|encoded| (encoded, timer.elapsed().as_secs_f64()));
                                    let page = is_page.then(|| {
                                        process(&fetched, &url, seed, started_at, &model, max_bytes)
                                    });
                                    (Some(warc), page)
                                })
                                .await
                                .unwrap_or_else(|error| (None, Some(Err(error.to_string()))))
                            }
                            _ => (None, None),
                        };
                        Done {
                            entry,
                            work: Work::Fetch { result, warc, page },
                        }
                    }),
                )
            }
        };
        if let Some(host) = self.hosts.get_mut(&key) {
            host.in_flight += 1;
        }
        self.in_flight += 1;
        self.tasks.spawn(future);
    }

    fn handle(&mut self, done: Done) -> anyhow::Result<()> {
        if let Some(host) = self.hosts.get_mut(&done.entry.host) {
            host.in_flight = host.in_flight.saturating_sub(1);
        }
        match done.work {
            Work::Robots { host, answer } => self.robots_answer(&host, answer),
            Work::Fetch { result, warc, page } => self.fetch_answer(done.entry, result, warc, page),
        }
    }

    fn robots_answer(
        &mut self,
        key: &str,
        answer: Result<(u16, Vec<u8>), FetchError>,
    ) -> anyhow::Result<()> {
        let rps = self.settings.per_host_rps;
        let Some(host) = self.hosts.get_mut(key) else {
            return Ok(());
        };
        match answer {
            Ok((status, body)) if status != 429 && status < 500 => {
                self.summary.responses += 1;
                self.state.put_robots(key, status, &body, now())?;
                host.set_robots(status, &body, rps);
                let mut sitemaps: Vec<String> = match &host.robots {
                    RobotsState::Ready(rules) => rules.sitemaps().to_vec(),
                    _ => Vec::new(),
                };
                let first = host
                    .queue
                    .front()
                    .map(|entry| (entry.url.clone(), entry.seed.clone()));
                let Some((first, seed)) = first else {
                    return Ok(());
                };
                if sitemaps.is_empty() {
                    sitemaps.push("/sitemap.xml".to_owned());
                }
                for sitemap in sitemaps {
                    self.discover(&sitemap, Some(&first), 0, 0, 0, seed.clone(), Kind::Sitemap)?;
                }
            }
            Err(FetchError::Refused(why)) => {
                // The address policy refuses the host: none of its URLs can be fetched.
                tracing::warn!("{key}: {why}");
                host.paused = Some(why.clone());
                host.refused = Some(why.clone());
                let refused: Vec<Entry> = host.queue.drain(..).collect();
                for entry in refused {
                    self.refuse(&entry, &why)?;
                }
            }
            answer => {
                let reason = match &answer {
                    Ok((status, _)) => {
                        self.summary.responses += 1;
                        format!("robots.txt answered {status}")
                    }
                    Err(error) => format!("robots.txt: {error}"),
                };
                let host = self.hosts.get_mut(key).expect("the host is known");
                host.robots_failures += 1;
                host.robots = RobotsState::Unknown;
                if host.robots_failures >= self.settings.max_attempts {
                    tracing::warn!("{key}: {reason}; host paused for this run");
                    host.paused = Some(reason);
                    *self
                        .summary
                        .errors
                        .entry("robots.txt unavailable".to_owned())
                        .or_default() += 1;
                } else {
                    let delay = backoff(host.robots_failures, None, self.settings.max_retry_after);
                    tracing::info!("{key}: {reason}; robots.txt again in {delay:?}");
                    host.not_before = Instant::now() + delay;
                }
            }
        }
        Ok(())
    }

    fn fetch_answer(
        &mut self,
        entry: Entry,
        result: Result<Arc<Fetched>, FetchError>,
        warc: Option<std::io::Result<(Encoded, f64)>>,
        page: Option<Result<Processed, String>>,
    ) -> anyhow::Result<()> {
        let fetched = match result {
            Ok(fetched) => fetched,
            Err(error) => return self.failed(entry, error.kind(), &error.to_string(), None),
        };
        self.summary.responses += 1;
        if let Some(host) = self.hosts.get_mut(&entry.host) {
            host.bytes += fetched.body.len() as u64;
            if fetched.status < 500 && fetched.status != 429 {
                host.failures_in_row = 0;
            }
        }
        let timer = Instant::now();
        let warc = match warc {
            Some(encoded) => {
                let (encoded, seconds) = encoded?;
                self.stage("warc", seconds);
                Some(self.warc.append(&encoded)?)
            }
            None => None,
        };
        self.stage("warc", timer.elapsed().as_secs_f64());
        let mut finished = Finished {
            state: "done",
            status: Some(fetched.status),
            etag: fetched.header("etag").map(str::to_owned),
            last_modified: fetched.header("last-modified").map(str::to_owned),
            warc: warc.clone(),
            ..Finished::default()
        };
        match fetched.status {
            200 if !fetched.body_read => {
                let kind = fetched
                    .header("content-type")
                    .map(media_type)
                    .unwrap_or_default();
                let reason = format!("not HTML or text ({kind})");
                finished.state = "skipped";
                finished.reason = Some(reason.clone());
                *self.summary.skipped.entry(reason).or_default() += 1;
            }
            200 if entry.kind == Kind::Sitemap => {
                for location in robots::sitemap_locations(&fetched.body, 50_000) {
                    let is_sitemap = location.ends_with(".xml") || location.ends_with(".xml.gz");
                    let kind = if is_sitemap {
                        Kind::Sitemap
                    } else {
                        Kind::Page
                    };
                    self.discover(
                        &location,
                        Some(&entry.url),
                        1,
                        entry.hops,
                        0,
                        entry.seed.clone(),
                        kind,
                    )?;
                }
            }
            200 => match page {
                Some(Ok(Processed {
                    mut record,
                    links,
                    extract_seconds,
                    classify_seconds,
                })) => {
                    self.stage("extract", extract_seconds);
                    self.stage("classify", classify_seconds);
                    record.warc = warc;
                    finished.sha256 = Some(record.sha256.clone());
                    self.index(record)?;
                    for link in links {
                        self.discover(
                            &link,
                            Some(&entry.url),
                            entry.depth + 1,
                            entry.hops,
                            0,
                            entry.seed.clone(),
                            Kind::Page,
                        )?;
                    }
                }
                Some(Err(reason)) => {
                    finished.state = "failed";
                    finished.reason = Some(reason);
                    *self
                        .summary
                        .errors
                        .entry("unreadable page".to_owned())
                        .or_default() += 1;
                }
                None => {}
            },
            // A sitemap re-validated is not a page: it counts among the responses only.
            304 if entry.kind == Kind::Sitemap => {}
            304 => {
                self.summary.not_modified += 1;
                crate::link::registry::seen_again(self.state.connection(), &entry.url, now())?;
            }
            301 | 302 | 303 | 307 | 308 => {
                self.summary.redirects += 1;
                match fetched.header("location") {
                    Some(location) if entry.redirects < 10 => {
                        let location = location.to_owned();
                        self.discover(
                            &location,
                            Some(&entry.url),
                            entry.depth,
                            entry.hops,
                            entry.redirects + 1,
                            entry.seed.clone(),
                            entry.kind,
                        )?;
                    }
                    Some(_) => {
                        finished.reason = Some("redirect chain longer than 10".to_owned());
                        *self
                            .summary
                            .errors
                            .entry("redirect chain too long".to_owned())
                            .or_default() += 1;
                    }
                    None => finished.reason = Some("redirect without Location".to_owned()),
                }
            }
            429 | 503 => {
                let retry_after = fetched.header("retry-after").and_then(parse_retry_after);
                let reason = format!("http {}", fetched.status);
                if let Some(host) = self.hosts.get_mut(&entry.host) {
                    host.backoffs += 1;
                    let delay = backoff(host.backoffs, retry_after, self.settings.max_retry_after);
                    host.not_before = Instant::now() + delay;
                }
                return self.failed(entry, &reason, &reason, warc);
            }
            status if status >= 500 => {
                let reason = format!("http {status}");
                return self.failed(entry, &reason, &reason, warc);
            }
            status => {
                finished.state = "failed";
                finished.reason = Some(format!("http {status}"));
                *self
                    .summary
                    .skipped
                    .entry(format!("http {status}"))
                    .or_default() += 1;
            }
        }
        let timer = Instant::now();
        self.state.finish(&entry.url, now(), &finished)?;
        self.stage("state", timer.elapsed().as_secs_f64());
        self.since_commit += 1;
        Ok(())
    }

    fn stage(&mut self, name: &str, seconds: f64) {
        *self
            .summary
            .stage_seconds
            .entry(name.to_owned())
            .or_default() += seconds;
    }

    /// A failed attempt: retried later when the error may pass and attempts remain.
    fn failed(
        &mut self,
        entry: Entry,
        kind: &str,
        reason: &str,
        warc: Option<String>,
    ) -> anyhow::Result<()> {
        let retriable = !kind.starts_with("refused") && kind != "body over cap";
        let max_attempts = self.settings.max_attempts;
        let max_retry_after = self.settings.max_retry_after;
        let host = self.hosts.get_mut(&entry.host);
        let mut paused = false;
        if let Some(host) = host {
            if kind != "http 429" && kind != "http 503" {
                host.failures_in_row += 1;
            }
            if host.failures_in_row >= 2 * max_attempts && host.paused.is_none() {
                tracing::warn!(
                    "{}: {} failures in a row; host paused for this run",
                    entry.host,
                    host.failures_in_row
                );
                host.paused = Some(format!("{} failures in a row", host.failures_in_row));
                paused = true;
            }
        }
        if retriable && entry.attempts + 1 < max_attempts {
            let delay = backoff(entry.attempts + 1, None, max_retry_after);
            let at = now() + delay.as_secs() as i64;
            self.state.retry_at(&entry.url, at, reason)?;
            let mut entry = entry;
            entry.attempts += 1;
            if !paused {
                self.delayed.push((Instant::now() + delay, entry));
            }
        } else {
            *self.summary.errors.entry(kind.to_owned()).or_default() += 1;
            let finished = Finished {
                state: "failed",
                reason: Some(reason.to_owned()),
                warc,
                ..Finished::default()
            };
            self.state.finish(&entry.url, now(), &finished)?;
        }
        self.since_commit += 1;
        Ok(())
    }

    /// Records that the address policy refuses `entry`'s host.
    fn refuse(&mut self, entry: &Entry, why: &str) -> anyhow::Result<()> {
        let finished = Finished {
            state: "failed",
            reason: Some(format!("refused: {why}")),
            ..Finished::default()
        };
        self.state.finish(&entry.url, now(), &finished)?;
        *self
            .summary
            .errors
            .entry("refused address".to_owned())
            .or_default() += 1;
        self.since_commit += 1;
        Ok(())
    }

    /// Adds a URL found on `from` (a link, a redirect target, a sitemap entry) to the frontier
    /// when it is in scope, within budgets and not seen before.
    #[allow(clippy::too_many_arguments, reason = "the fields of the entry to make")]
    fn discover(
        &mut self,
        link: &str,
        from: Option<&str>,
        depth: u32,
        hops: u32,
        redirects: u32,
        seed: Option<String>,
        kind: Kind,
    ) -> anyhow::Result<()> {
        let base = from.and_then(|from| Url::parse(from).ok());
        let parsed = match &base {
            Some(base) => base.join(link),
            None => Url::parse(link),
        };
        let Some(url) = parsed.ok().as_ref().and_then(canonical::canonicalize) else {
            return Ok(());
        };
        if depth > self.settings.max_depth {
            return Ok(());
        }
        let refused = canonical::refuse(&url)
            .filter(|reason| !(kind == Kind::Sitemap && *reason == "executable or archive"));
        if let Some(reason) = refused {
            *self.summary.skipped.entry(reason.to_owned()).or_default() += 1;
            return Ok(());
        }
        let host = canonical::host_key(&url);
        let hops = if self.seed_hosts.contains(&host) {
            hops
        } else if hops < self.settings.follow_external {
            hops + 1
        } else {
            return Ok(());
        };
        let entry = Entry {
            url: url.to_string(),
            host,
            depth,
            hops,
            redirects,
            seed,
            kind,
            attempts: 0,
            etag: None,
            last_modified: None,
        };
        if !self.seen.insert(url_hash(&entry.url)) {
            return Ok(());
        }
        let timer = Instant::now();
        let added = self.state.add(&entry)?;
        self.stage("state", timer.elapsed().as_secs_f64());
        if added {
            let refused = self
                .hosts
                .get(&entry.host)
                .and_then(|host| host.refused.clone());
            match refused {
                Some(why) => self.refuse(&entry, &why)?,
                None => self.enqueue(entry),
            }
        }
        Ok(())
    }

    fn index(&mut self, record: PageRecord) -> anyhow::Result<()> {
        let timer = Instant::now();
        let upsert = self.writer.upsert(&record)?;
        self.stage("index", timer.elapsed().as_secs_f64());
        let timer = Instant::now();
        match upsert {
            Upsert::Added | Upsert::Replaced => {
                crate::link::registry::record_page(self.state.connection(), &record)?;
            }
            Upsert::Unchanged => {
                crate::link::registry::seen_again_page(self.state.connection(), &record)?;
            }
        }
        self.stage("registry", timer.elapsed().as_secs_f64());
        match upsert {
            Upsert::Added => self.summary.new += 1,
            Upsert::Replaced => self.summary.changed += 1,
            Upsert::Unchanged => {
                self.summary.unchanged += 1;
                return Ok(());
            }
        }
        if let Some((label, _)) = &record.label {
            *self.summary.flagged.entry(label.clone()).or_default() += 1;
        }
        for wallet in &record.wallets {
            if self.known_wallets.insert(wallet.address.clone())
                && !self.corpus.has_wallet(&wallet.address)?
            {
                self.summary.new_wallets += 1;
            }
        }
        Ok(())
    }

    /// WARC, then corpus, then state: a URL is marked done only once its page is durable.
    fn checkpoint(&mut self) -> anyhow::Result<()> {
        let timer = Instant::now();
        self.warc.sync()?;
        self.writer.commit()?;
        self.state.checkpoint()?;
        self.stage("commit", timer.elapsed().as_secs_f64());
        self.since_commit = 0;
        self.last_commit = Instant::now();
        Ok(())
    }
}

enum Start {
    Robots { host: String, url: Url },
    Fetch(Entry),
}

enum Next {
    Start(Start),
    Wait(Instant),
    Blocked,
    Nothing,
}

/// robots.txt of a host, following up to 5 redirects; `Ok((404, …))` when there is none.
async fn fetch_robots(
    fetcher: &Fetcher,
    limiter: &host::Pacer,
    mut url: Url,
    host: &str,
) -> Result<(u16, Vec<u8>), FetchError> {
    for _ in 0..5 {
        if canonical::host_key(&url) == host {
            limiter.ready().await;
        }
        // robots.txt is read whatever type the server gives it (RFC 9309).
        let fetched = fetcher.get_any_type(&url).await;
        limiter.answered();
        let fetched = fetched?;
        match (fetched.status, fetched.header("location")) {
            (301 | 302 | 303 | 307 | 308, Some(location)) => {
                url = url
                    .join(location)
                    .map_err(|error| FetchError::Network(error.to_string()))?;
            }
            (status, _) => {
                let body = match fetched.header("content-encoding") {
                    Some(coding) => decode_content(coding, &fetched.body, 512 * 1024)
                        .map_err(|error| FetchError::Network(error.to_string()))?,
                    None => fetched.body,
                };
                return Ok((status, body));
            }
        }
    }
    Ok((404, Vec::new()))
}

/// Decompresses, extracts and classifies a fetched page (on a blocking thread).
fn process(
    fetched: &Fetched,
    url: &str,
    seed: Option<String>,
    fetched_at: i64,
    model: &Option<Model>,
    max_bytes: u64,
) -> Result<Processed, String> {
    let started = Instant::now();
    let body: std::borrow::Cow<[u8]> = match fetched.header("content-encoding") {
        Some(coding) => decode_content(coding, &fetched.body, max_bytes)
            .map_err(|error| error.to_string())?
            .into(),
        None => (&fetched.body[..]).into(),
    };
    let content_type = fetched.header("content-type").unwrap_or_default();
    let parsed = Url::parse(url).map_err(|error| error.to_string())?;
    let source = Source {
        name: url,
        url: Some(&parsed),
        declared_charset: crate::evidence::http_response::charset(content_type),
        format: match media_type(content_type).as_str() {
            "text/plain" => Format::Text,
            "text/html" | "application/xhtml+xml" => Format::Html,
            _ => Format::Sniff,
        },
    };
    let page = extract::extract(&body, &source).map_err(|error| error.to_string())?;
    let extract_seconds = started.elapsed().as_secs_f64();
    let links = page.links.clone();
    let provenance = Provenance {
        url: url.to_owned(),
        fetched_at,
        status: fetched.status,
        seed,
        warc: None,
    };
    let started = Instant::now();
    let record = pipeline::record(page, &body, model.as_ref(), provenance);
    Ok(Processed {
        record,
        links,
        extract_seconds,
        classify_seconds: started.elapsed().as_secs_f64(),
    })
}

/// A 64-bit hash of a URL for the in-memory seen-set (SQLite's primary key stays the truth).
fn url_hash(url: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    url.hash(&mut hasher);
    hasher.finish()
}

/// Exponential backoff with jitter (1 s, 2 s, 4 s … ± 25 %), or `Retry-After`, capped.
fn backoff(attempt: u32, retry_after: Option<Duration>, cap: Duration) -> Duration {
    if let Some(retry_after) = retry_after {
        return retry_after.min(cap);
    }
    let base = Duration::from_secs(1u64 << attempt.min(10).saturating_sub(1));
    let jitter = 0.75 + 0.5 * f64::from(uuid::Uuid::new_v4().as_bytes()[0]) / 255.0;
    base.mul_f64(jitter).min(cap)
}

/// `Retry-After`: seconds, or an HTTP date.
fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date =
        time::OffsetDateTime::parse(value, &time::format_description::well_known::Rfc2822).ok()?;
    let seconds = date.unix_timestamp() - now();
    Some(Duration::from_secs(seconds.max(0) as u64))
}
