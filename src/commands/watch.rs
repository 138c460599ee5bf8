//! `lurewatch watch`: saved searches and their alerts.

use super::Outcome;
use crate::cli::args::{WatchAction, WatchArgs};
use crate::cli::sanitize::for_terminal;
use lurewatch::index::Corpus;
use lurewatch::watch::{self, Alert};
use std::io::Write;
use std::path::Path;

/// Runs `watch`.
pub fn run(args: &WatchArgs) -> anyhow::Result<Outcome> {
    std::fs::create_dir_all(&args.index)?;
    let connection = lurewatch::link::open(&args.index)?;
    let now = lurewatch::index::now_millis();
    match &args.action {
        WatchAction::Add { name, query, label } => {
            if !watch::add(&connection, name, query, label, now)? {
                anyhow::bail!("a watch named {name} exists (`lurewatch watch rm {name}` first)");
            }
            eprintln!("lurewatch: watch {name} saved; it reports pages written from now on");
        }
        WatchAction::List => {
            for saved in watch::list(&connection)? {
                let labels = if saved.labels.is_empty() {
                    String::new()
                } else {
                    format!(" [labels: {}]", saved.labels.join(", "))
                };
                let last = saved.last_run.map_or("never run".to_owned(), |at| {
                    format!("last run {}", lurewatch::index::rfc3339((at / 1000) as i64))
                });
                println!(
                    "{:<16} {}{labels}  ({last})",
                    saved.name,
                    for_terminal(&saved.query)
                );
            }
        }
        WatchAction::Rm { name } => {
            if !watch::remove(&connection, name)? {
                anyhow::bail!("no watch named {name} (see `lurewatch watch list`)");
            }
        }
        WatchAction::Run { json } => {
            let alerts = run_all(&args.index, &connection, now)?;
            print_alerts(&alerts, *json)?;
        }
    }
    Ok(Outcome::Success)
}

/// Runs every watch of the corpus in `index` and appends the alerts to `index/alerts/`.
pub fn run_all(
    index: &Path,
    connection: &rusqlite::Connection,
    now: u64,
) -> anyhow::Result<Vec<Alert>> {
    let corpus = Corpus::open(index)?;
    let alerts = watch::run(&corpus, connection, now)?;
    if !alerts.is_empty() {
        watch::append(index, &alerts, now)?;
    }
    Ok(alerts)
}

/// After a crawl or ingest: runs the watches and says how many alerts are new.
pub fn after_run(index: &Path) -> anyhow::Result<()> {
    let connection = lurewatch::link::open(index)?;
    let alerts = run_all(index, &connection, lurewatch::index::now_millis())?;
    if !alerts.is_empty() {
        let mut by_watch: std::collections::BTreeMap<&str, usize> = Default::default();
        for alert in &alerts {
            *by_watch.entry(&alert.watch).or_default() += 1;
        }
        let counts: Vec<String> = by_watch
            .iter()
            .map(|(name, n)| format!("{name} {n}"))
            .collect();
        eprintln!(
            "lurewatch: new alerts from saved searches: {} (in {})",
            counts.join(", "),
            index.join("alerts").display()
        );
    }
    Ok(())
}

fn print_alerts(alerts: &[Alert], json: bool) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if json {
        for alert in alerts {
            writeln!(out, "{}", serde_json::to_string(alert)?)?;
        }
    } else {
        writeln!(out, "{} new hits", alerts.len())?;
        for alert in alerts {
            writeln!(
                out,
                "  [{}] {} {}\n      {}",
                alert.watch,
                alert.label.as_deref().unwrap_or(""),
                for_terminal(alert.entity.as_deref().unwrap_or(&alert.url)),
                for_terminal(&alert.snippet.chars().take(160).collect::<String>())
            )?;
        }
    }
    out.flush()?;
    Ok(())
}
