//! `lurewatch crawl`: settings from flags and `lurewatch.toml`, seed lists, the run lock,
//! signals, a progress line on a terminal, and the run summary (stderr and `index/runs/`).

use super::Outcome;
use crate::cli::args::CrawlArgs;
use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use lurewatch::config::{Config, parse_duration};
use lurewatch::crawl::address_policy::{AddressPolicy, Network};
use lurewatch::crawl::fetch::FetchSettings;
use lurewatch::crawl::{self, CrawlSettings, RunSummary, Seed};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// The config file read when `--config` is not given, if it exists.
const DEFAULT_CONFIG: &str = "lurewatch.toml";

/// Runs `crawl`.
pub fn run(args: &CrawlArgs) -> anyhow::Result<Outcome> {
    let config = match &args.config {
        Some(path) => Config::load(path)?,
        None if Path::new(DEFAULT_CONFIG).exists() => Config::load(Path::new(DEFAULT_CONFIG))?,
        None => Config::default(),
    };
    let settings = settings(args, &config)?;
    if config.crawl.contact == lurewatch::config::CrawlConfig::default().contact {
        eprintln!(
            "lurewatch: warning: the User-Agent names the project's page, not you: set `contact` \
             in lurewatch.toml's [crawl] to a URL or address where site owners can reach you"
        );
    }
    std::fs::create_dir_all(&args.index)
        .with_context(|| format!("creating {}", args.index.display()))?;
    let lock_path = args.index.join("lock");
    let lock = std::fs::File::create(&lock_path)
        .with_context(|| format!("creating {}", lock_path.display()))?;
    if lock.try_lock().is_err() {
        eprintln!(
            "lurewatch: another crawl holds {} (the index is locked); this run did nothing",
            lock_path.display()
        );
        return Ok(Outcome::Locked);
    }
    let stop = Arc::new(AtomicBool::new(false));
    // Extraction and classification run on blocking threads, one per core: more would only
    // compete for the cores and grow memory.
    let cores = std::thread::available_parallelism().map_or(2, |cores| cores.get());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(cores)
        .build()?;
    let bar = progress_bar();
    let summary = runtime.block_on(async {
        listen_for_signals(stop.clone());
        crawl::run(settings, stop, |summary, in_flight, queued| {
            bar.set_message(format!(
                "{} responses, {} new, {} changed, {} not modified; {in_flight} in flight, {queued} queued",
                summary.responses, summary.new, summary.changed, summary.not_modified
            ));
        })
        .await
    });
    bar.finish_and_clear();
    let summary = summary?;
    report(&summary, &args.index)?;
    if let Err(error) = super::watch::after_run(&args.index) {
        eprintln!("lurewatch: warning: saved searches did not run: {error:#}");
    }
    drop(lock);
    Ok(if summary.is_partial() {
        Outcome::Partial
    } else {
        Outcome::Success
    })
}

fn settings(args: &CrawlArgs, config: &Config) -> anyhow::Result<CrawlSettings> {
    let crawl = &config.crawl;
    let duration =
        |flag: &Option<String>, key: &str| -> anyhow::Result<Option<std::time::Duration>> {
            match flag.as_deref().unwrap_or(key) {
                "" => Ok(None),
                text => parse_duration(text).map(Some),
            }
        };
    let mut allowed = Vec::new();
    for network in args.allow_net.iter().chain(&crawl.allow_net) {
        allowed.push(
            network
                .parse::<Network>()
                .map_err(|error| anyhow::anyhow!("--allow-net {error}"))?,
        );
    }
    let per_host_rps = args.per_host_rps.unwrap_or(crawl.per_host_rps);
    if !(per_host_rps > 0.0 && per_host_rps.is_finite()) {
        anyhow::bail!("--per-host-rps must be a positive number");
    }
    let seeds_paths = if args.seeds.is_empty() {
        vec![PathBuf::from("seeds")]
    } else {
        args.seeds.clone()
    };
    let seeds = read_seeds(&seeds_paths)?;
    if seeds.is_empty() {
        anyhow::bail!(
            "no seed URLs in {} (one URL per line in .txt files; see seeds/README)",
            seeds_paths
                .iter()
                .map(|path| path.display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok(CrawlSettings {
        index: args.index.clone(),
        seeds,
        model: Some(args.model.clone()),
        fetch: FetchSettings {
            user_agent: format!(
                "lurewatch/{} (+{}; research crawler for scam-recruitment ads)",
                env!("CARGO_PKG_VERSION"),
                crawl.contact
            ),
            connect_timeout: parse_duration(&crawl.connect_timeout)?,
            read_timeout: parse_duration(&crawl.read_timeout)?,
            total_timeout: parse_duration(&crawl.total_timeout)?,
            max_body_bytes: crawl.max_body_bytes,
            policy: AddressPolicy {
                allow_private: args.allow_private || crawl.allow_private,
                allowed,
            },
            hosts: Vec::new(),
        },
        per_host_rps,
        concurrency: args.concurrency.unwrap_or(crawl.concurrency).max(1),
        max_pages: args
            .max_pages
            .or((crawl.max_pages > 0).then_some(crawl.max_pages)),
        max_depth: args.max_depth.unwrap_or(crawl.max_depth),
        follow_external: args.follow_external.unwrap_or(crawl.follow_external),
        max_pages_per_host: crawl.max_pages_per_host,
        max_bytes_per_host: crawl.max_bytes_per_host,
        time_limit: duration(&args.time_limit, &crawl.time_limit)?,
        refresh_after: duration(&args.refresh_after, &crawl.refresh_after)?.unwrap_or_default(),
        max_attempts: crawl.max_attempts.max(1),
        max_retry_after: parse_duration(&crawl.max_retry_after)?,
        warc_file_bytes: crawl.warc_file_bytes,
        commit_every: crawl.commit_every.max(1),
    })
}

/// URLs of the seed lists: `.txt` files (or folders of them), one URL per line, `#` comments;
/// a bare domain means its `https://` root. The file name is the tag.
pub fn read_seeds(paths: &[PathBuf]) -> anyhow::Result<Vec<Seed>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut entries: Vec<PathBuf> = fs_err::read_dir(path)?
                .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .filter(|path| path.extension().is_some_and(|extension| extension == "txt"))
                .collect();
            entries.sort();
            files.extend(entries);
        } else {
            files.push(path.clone());
        }
    }
    let mut seeds = Vec::new();
    for file in files {
        let tag = file
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = fs_err::read_to_string(&file)?;
        for (number, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or_default().trim();
            if line.is_empty() {
                continue;
            }
            let candidate = if line.contains("://") {
                line.to_owned()
            } else {
                format!("https://{line}/")
            };
            match url::Url::parse(&candidate) {
                Ok(url) if matches!(url.scheme(), "http" | "https") => seeds.push(Seed {
                    url,
                    tag: tag.clone(),
                }),
                _ => eprintln!(
                    "lurewatch: warning: {}:{}: not a URL, skipped: {line}",
                    file.display(),
                    number + 1
                ),
            }
        }
    }
    Ok(seeds)
}

/// SIGINT and SIGTERM ask the crawl to stop: no new fetches, in-flight ones finish, state is
/// committed.
fn listen_for_signals(stop: Arc<AtomicBool>) {
    tokio::spawn(async move {
        let terminate = async {
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(mut signal) => {
                    signal.recv().await;
                }
                Err(_) => std::future::pending::<()>().await,
            }
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            () = terminate => {}
        }
        eprintln!("lurewatch: stopping: finishing the fetches in flight and saving the state");
        stop.store(true, Ordering::Relaxed);
    });
}

fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{spinner} {elapsed} {msg}") {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}

/// The summary on stderr, and as JSON in `index/runs/`.
fn report(summary: &RunSummary, index: &Path) -> anyhow::Result<()> {
    let list = |counts: &std::collections::BTreeMap<String, u64>| {
        if counts.is_empty() {
            "none".to_owned()
        } else {
            counts
                .iter()
                .map(|(key, count)| format!("{key}: {count}"))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    eprintln!(
        "lurewatch: crawl {} after {:.1} s: {} responses; pages {} new, {} changed, {} unchanged, \
         {} not modified (304); {} redirects; {} new wallets\n  labels of new or changed pages: {}\n  \
         skipped: {}\n  errors: {}\n  still queued: {}{}\n  seconds by stage: {}",
        summary.ended_by,
        summary.seconds,
        summary.responses,
        summary.new,
        summary.changed,
        summary.unchanged,
        summary.not_modified,
        summary.redirects,
        summary.new_wallets,
        list(&summary.flagged),
        list(&summary.skipped),
        list(&summary.errors),
        summary.queued,
        if summary.paused_hosts.is_empty() {
            String::new()
        } else {
            format!("\n  paused hosts: {}", summary.paused_hosts.join(", "))
        },
        summary
            .stage_seconds
            .iter()
            .map(|(stage, seconds)| format!("{stage} {seconds:.1}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let runs = index.join("runs");
    fs_err::create_dir_all(&runs)?;
    let name = format!("{}.json", summary.started_at.replace(':', ""));
    fs_err::write(runs.join(name), serde_json::to_vec_pretty(summary)?)?;
    Ok(())
}
