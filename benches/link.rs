//! `cargo bench --bench link`: the registry, clusters and every export at scale.
//!
//! Writes the registry of 100,000 generated pages on 5,000 sites showing 20,000 distinct
//! entities (15,501 wallets, 5,000 Telegram handles), as the crawler does, into a real SQLite
//! file: 500 operations of 10 sites each share a deposit address; every site has its own
//! recruiter handle and a few addresses of its own; a donation address appears on 300 sites; then times loading it and computing the clusters, and each export format to a file,
//! and reports this process's peak memory.

#![allow(
    clippy::unwrap_used,
    clippy::print_stdout,
    reason = "a benchmark fails loudly and prints its figures"
)]

use lurewatch::extract::{Contact, ContactKind};
use lurewatch::index::PageRecord;
use lurewatch::link::{self, clusters, export, registry};
use lurewatch::wallet::{Chain, Rule, WalletAddress};
use std::collections::BTreeSet;
use std::time::Instant;

const PAGES: usize = 100_000;
const SITES: usize = 5_000;
const WALLETS: usize = 15_000;
const HANDLES: usize = 5_000;

/// A valid TRON address for a number.
fn tron(number: usize) -> String {
    let mut payload = vec![0x41];
    payload.extend_from_slice(&(number as u64).to_be_bytes());
    payload.extend_from_slice(&[7; 12]);
    bs58::encode(payload).with_check().into_string()
}

fn peak_mb() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|line| line.starts_with("VmHWM:"))
        .and_then(|line| line.split_whitespace().nth(1)?.parse::<f64>().ok())
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    if std::env::args().any(|argument| argument == "--list") {
        return; // test runners ask benchmarks to list themselves
    }
    // `cargo bench` passes `--bench`; `cargo test --benches` does not, and gets a smoke run.
    let pages = if std::env::args().any(|argument| argument == "--bench") {
        PAGES
    } else {
        2_000
    };
    let folder = tempfile::tempdir().unwrap();
    let connection = link::open(folder.path()).unwrap();
    let started = Instant::now();
    connection.execute_batch("BEGIN").unwrap();
    for number in 0..pages {
        let site = number % SITES;
        let operation = site / 10;
        let wallet = |index: usize| WalletAddress {
            chain: Chain::Trx,
            address: tron(index),
            rule: Rule::Base58Check,
        };
        let round = number / SITES;
        let mut wallets = vec![wallet(operation), wallet(500 + site * 2 + round % 2)];
        if round.is_multiple_of(4) {
            wallets.push(wallet(10_500 + site));
        }
        if site.is_multiple_of(17) {
            wallets.push(wallet(WALLETS + 1)); // the donation address
        }
        let page = PageRecord {
            url: format!("https://site{site}.example/page/{number}"),
            body: "Deposit USDT TRC20 now, contact the recruiter on Telegram".to_owned(),
            label: Some(("investment_fraud".to_owned(), 0.9)),
            fetched_at: 1_790_000_000 + number as i64,
            sha256: format!("{number:064x}"),
            wallets,
            contacts: vec![Contact {
                kind: ContactKind::Telegram,
                value: format!("agent_{}", site % HANDLES),
            }],
            ..PageRecord::default()
        };
        registry::record_page(&connection, &page).unwrap();
    }
    connection.execute_batch("COMMIT").unwrap();
    println!(
        "registry: {pages} pages written in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let started = Instant::now();
    let sightings = link::all_sightings(&connection).unwrap();
    let loaded = started.elapsed().as_secs_f64();
    let entities = sightings
        .iter()
        .map(|s| s.entity.as_str())
        .collect::<BTreeSet<&str>>()
        .len();
    let found = clusters::clusters(&sightings, clusters::DEFAULT_MAX_SITES, &BTreeSet::new());
    println!(
        "clusters: {} sightings of {} entities loaded in {loaded:.2} s; {} clusters, {} stop-listed; \
         load + clusters {:.2} s",
        sightings.len(),
        entities,
        found.clusters.len(),
        found.stop_listed.len(),
        started.elapsed().as_secs_f64()
    );
    drop((found, sightings));
    for (name, format) in [
        ("csv", export::Format::Csv),
        ("jsonl", export::Format::Jsonl),
        ("tagpack", export::Format::Tagpack),
        ("stix", export::Format::Stix),
        ("gexf", export::Format::Gexf),
        ("ftm", export::Format::Ftm),
    ] {
        let started = Instant::now();
        let sightings = link::all_sightings(&connection).unwrap();
        let path = folder.path().join(format!("export.{name}"));
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
        export::write(format, &sightings, &mut out).unwrap();
        drop(out);
        println!(
            "export {name}: {:.2} s (load included), {:.0} MB",
            started.elapsed().as_secs_f64(),
            std::fs::metadata(&path).unwrap().len() as f64 / 1e6
        );
    }
    println!("peak memory {:.0} MB", peak_mb());
}
