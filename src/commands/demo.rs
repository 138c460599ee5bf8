//! `lurewatch demo`: serves the synthetic scam web on loopback, crawls it with the real crawler
//! into a corpus, and shows what an analyst looks at first.

use super::Outcome;
use crate::cli::args::DemoArgs;
use crate::cli::sanitize::for_terminal;
use lurewatch::config::{Config, parse_duration};
use lurewatch::crawl::address_policy::AddressPolicy;
use lurewatch::crawl::fetch::FetchSettings;
use lurewatch::crawl::{self, CrawlSettings, Seed};
use lurewatch::index::{Corpus, SearchRequest, SortOrder, search};
use lurewatch::link::{self, clusters};
use lurewatch::watch;
use std::collections::BTreeSet;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Instant;

/// The saved search the demo adds between its two crawls.
pub const DEMO_WATCH: &str = "demo-new-lures";

/// Runs `demo`.
pub fn run(args: &DemoArgs) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let index = match &args.index {
        Some(index) => index.clone(),
        None => tempfile::Builder::new()
            .prefix("lurewatch-demo-")
            .tempdir()?
            .keep(),
    };
    let web = lurewatch::demo::start()?;
    let sites = &web.sites;
    println!(
        "lurewatch demo: a synthetic scam web on loopback, crawled into {}\n",
        index.display()
    );
    for site in sites {
        println!("  {:<24} {:<18} {}", site.name, site.kind, site.url());
    }
    let loopback = IpAddr::V4(Ipv4Addr::LOCALHOST);
    let defaults = Config::default().crawl;
    let settings = CrawlSettings {
        index: index.clone(),
        seeds: sites
            .iter()
            .filter_map(|site| url::Url::parse(&site.url()).ok())
            .map(|url| Seed {
                url,
                tag: "demo".to_owned(),
            })
            .collect(),
        model: Some(args.model.clone()),
        fetch: FetchSettings {
            user_agent: format!("lurewatch/{} (demo)", env!("CARGO_PKG_VERSION")),
            connect_timeout: parse_duration("5s")?,
            read_timeout: parse_duration("5s")?,
            total_timeout: parse_duration("10s")?,
            max_body_bytes: defaults.max_body_bytes,
            policy: AddressPolicy {
                allow_private: false,
                allowed: vec!["127.0.0.1/32".parse().map_err(anyhow::Error::msg)?],
            },
            hosts: sites
                .iter()
                .map(|site| (site.name.to_owned(), loopback))
                .collect(),
        },
        per_host_rps: 10.0,
        concurrency: 16,
        max_pages: None,
        max_depth: defaults.max_depth,
        follow_external: 0,
        max_pages_per_host: defaults.max_pages_per_host,
        max_bytes_per_host: defaults.max_bytes_per_host,
        time_limit: Some(parse_duration("50s")?),
        refresh_after: parse_duration(&defaults.refresh_after)?,
        max_attempts: 2,
        max_retry_after: parse_duration("2s")?,
        warc_file_bytes: defaults.warc_file_bytes,
        commit_every: defaults.commit_every,
    };
    if !args.model.exists() {
        println!(
            "\n(no model at {}: pages are indexed without labels; see README, \"The model\")",
            args.model.display()
        );
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let crawl_once = |settings: CrawlSettings| {
        runtime.block_on(crawl::run(
            settings,
            Arc::new(AtomicBool::new(false)),
            |_, _, _| {},
        ))
    };
    let summary = crawl_once(settings.clone())?;
    // The saved searches catch up with the first crawl, and a new one is saved.
    let connection = link::open(&index)?;
    let corpus = Corpus::open(&index)?;
    watch::run(&corpus, &connection, lurewatch::index::now_millis())?;
    watch::add(
        &connection,
        DEMO_WATCH,
        "*",
        &["recruitment_lure".to_owned()],
        lurewatch::index::now_millis(),
    )?;
    println!(
        "\n1. The crawl: {} responses in {:.1} s; {} pages indexed; {} redirects; skipped: {}",
        summary.responses,
        summary.seconds,
        summary.new + summary.changed + summary.unchanged,
        summary.redirects,
        summary
            .skipped
            .iter()
            .map(|(reason, count)| format!("{reason} {count}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let everything = search(
        &corpus,
        &SearchRequest {
            query: "*".to_owned(),
            limit: 1,
            ..SearchRequest::default()
        },
    )?;
    println!("\n2. Pages by label");
    for (label, count) in &everything.labels {
        println!("  {label:<18} {count}");
    }
    let flagged = search(
        &corpus,
        &SearchRequest {
            query: "*".to_owned(),
            labels: ["recruitment_lure", "investment_fraud", "job_scam"]
                .map(str::to_owned)
                .to_vec(),
            limit: 8,
            sort: SortOrder::Score,
            ..SearchRequest::default()
        },
    )?;
    println!("\n3. Flagged pages, most certain first, with the reasons");
    for hit in &flagged.hits {
        println!(
            "  [{} {:.2}] {}\n      {}",
            hit.label.as_deref().unwrap_or(""),
            hit.score.unwrap_or_default(),
            for_terminal(&hit.url),
            for_terminal(
                &hit.reasons
                    .iter()
                    .take(3)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("; ")
            )
        );
    }
    let query = "telegram AND cambodia";
    let found = search(
        &corpus,
        &SearchRequest {
            query: query.to_owned(),
            limit: 3,
            ..SearchRequest::default()
        },
    )?;
    println!(
        "\n4. A search: lurewatch search '{query}' → {} pages",
        found.total
    );
    for hit in &found.hits {
        let mut snippet = String::new();
        let mut at = 0;
        for range in &hit.highlights {
            snippet.push_str(&hit.snippet[at..range.start]);
            snippet.push('«');
            snippet.push_str(&hit.snippet[range.clone()]);
            snippet.push('»');
            at = range.end;
        }
        snippet.push_str(&hit.snippet[at..]);
        let snippet = snippet.split_whitespace().collect::<Vec<_>>().join(" ");
        println!(
            "  [{}] {}\n      {}",
            hit.label.as_deref().unwrap_or(""),
            for_terminal(&hit.url),
            for_terminal(&snippet)
        );
    }
    let sightings = link::all_sightings(&connection)?;
    println!("\n5. Wallets and handles, most linked first");
    for summary in link::summarize(&sightings).iter().take(6) {
        println!(
            "  {:<52} sites {}  pages {}  worst label {}",
            for_terminal(&summary.entity),
            summary.sites,
            summary.pages,
            summary.worst_label.as_deref().unwrap_or("none")
        );
    }
    let found = clusters::clusters(&sightings, clusters::DEFAULT_MAX_SITES, &BTreeSet::new());
    println!("\n6. Clusters: sites run by the same people");
    for cluster in &found.clusters {
        println!("  {}  {}", cluster.id, cluster.sites.join(", "));
        for edge in &cluster.edges {
            println!(
                "      {} — {}  via {}",
                edge.from,
                edge.to,
                for_terminal(&edge.entity)
            );
        }
    }
    // The morning after: the lure board has published new ads; the nightly crawl runs again.
    web.publish();
    let mut again = settings;
    again.refresh_after = std::time::Duration::ZERO;
    let second = crawl_once(again)?;
    let alerts = watch::run(&corpus, &connection, lurewatch::index::now_millis())?;
    if !alerts.is_empty() {
        watch::append(&index, &alerts, lurewatch::index::now_millis())?;
    }
    println!(
        "\n7. The next night: a second crawl re-validates {} pages ({} unchanged or not modified) and \
         finds {} new; the saved searches report:",
        second.responses,
        second.unchanged + second.not_modified,
        second.new
    );
    for alert in &alerts {
        println!(
            "  [{}] {}",
            alert.watch,
            for_terminal(alert.entity.as_deref().unwrap_or(&alert.url))
        );
    }
    let index_text = shell_word(&index);
    println!(
        "\n8. Go further (the corpus stays in {0}):\n  \
         lurewatch search --index {0} '包吃包住'\n  \
         lurewatch wallet --index {0} {1}\n  \
         lurewatch clusters --index {0}\n  \
         lurewatch export --index {0} --format stix --out demo-stix.json\n  \
         lurewatch watch list --index {0}\n  \
         lurewatch verify --index {0}\n\n\
         demo finished in {2:.1} s",
        index_text,
        lurewatch::demo::sites::LURE_WALLET,
        started.elapsed().as_secs_f64()
    );
    Ok(Outcome::Success)
}

fn shell_word(path: &std::path::Path) -> String {
    let text = path.display().to_string();
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-".contains(c))
    {
        text
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}
