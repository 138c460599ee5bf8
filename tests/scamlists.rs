//! Every address in the public scam and sanction lists (`../shared/data/scamlists/`), embedded in
//! pages of several shapes: each one valid by its checksum must be found, and nothing else.
//! Skipped, with a message, where `../shared` is absent (a fresh clone).

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it cannot read"
)]

use lurewatch::extract::{Source, extract};
use lurewatch::wallet;
use std::collections::BTreeSet;
use std::path::PathBuf;

/// Chains of DESIGN.md, as the list names them.
const CHAINS: &[&str] = &[
    "BTC", "ETH", "TRX", "LTC", "DOGE", "BCH", "XRP", "SOL", "XMR", "TON", "DASH", "ZEC",
];
/// Addresses per generated page.
const PER_PAGE: usize = 25;

struct Row {
    chain: String,
    address: String,
    valid: bool,
}

fn list_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/data/scamlists/addresses_validated.csv")
}

fn read_rows() -> Option<Vec<Row>> {
    let text = std::fs::read_to_string(list_path()).ok()?;
    let rows = text
        .lines()
        .skip(1)
        .filter_map(|line| {
            let fields: Vec<&str> = line.splitn(6, ',').collect();
            let chain = (*fields.first()?).to_owned();
            CHAINS.contains(&chain.as_str()).then(|| Row {
                chain,
                address: fields[1].to_owned(),
                valid: fields[4] == "True",
            })
        })
        .collect();
    Some(rows)
}

/// What a page holding `row` must report: the address itself when valid; for junk, only a
/// valid address it may contain as a whole token (e.g. `1Abc… (btc)`), else nothing.
fn expected(row: &Row) -> Option<String> {
    let bare = |text: &str| text.trim_start_matches("bitcoincash:").to_owned();
    if row.valid {
        return Some(bare(&row.address));
    }
    let token = row.address.split_whitespace().next()?;
    wallet::identify(token).map(|_| bare(token))
}

fn payment_scheme(chain: &str) -> &'static str {
    match chain {
        "BTC" => "bitcoin",
        "ETH" => "ethereum",
        "TRX" => "tron",
        "LTC" => "litecoin",
        "DOGE" => "dogecoin",
        "BCH" => "bitcoincash",
        "XRP" => "ripple",
        "SOL" => "solana",
        "XMR" => "monero",
        "TON" => "ton",
        "DASH" => "dash",
        _ => "zcash",
    }
}

fn shapes(row: &Row) -> [String; 4] {
    let address = &row.address;
    let bare = address.trim_start_matches("bitcoincash:");
    let scheme = payment_scheme(&row.chain);
    [
        format!("<li>Deposit address: {address}</li>"),
        format!("<p><a href=\"{scheme}:{bare}?amount=100\">pay now</a></p>"),
        format!("<p><button data-address=\"{address}\">copy</button></p>"),
        format!("<script>cfg.deposit_address = \"{address}\";</script>"),
    ]
}

#[test]
fn every_listed_address_valid_by_its_checksum_is_found_and_nothing_else() {
    let Some(rows) = read_rows() else {
        eprintln!(
            "skipped: {} not found (../shared is absent)",
            list_path().display()
        );
        return;
    };
    let mut checked = 0;
    for shape in 0..4 {
        for chunk in rows.chunks(PER_PAGE) {
            let body: String = chunk.iter().map(|row| shapes(row)[shape].clone()).collect();
            let page = format!("<html><body><ul>{body}</ul></body></html>");
            let record = extract(page.as_bytes(), &Source::default()).unwrap();
            let found: BTreeSet<String> = record
                .wallets
                .iter()
                .map(|wallet| wallet.address.clone())
                .collect();
            let wanted: BTreeSet<String> = chunk.iter().filter_map(expected).collect();
            let missing: Vec<_> = wanted.difference(&found).collect();
            let extra: Vec<_> = found.difference(&wanted).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "shape {shape}: missing {missing:?}, extra {extra:?}"
            );
            checked += chunk.len();
        }
    }
    eprintln!(
        "checked {checked} embedded addresses ({} rows × 4 shapes)",
        rows.len()
    );
}
