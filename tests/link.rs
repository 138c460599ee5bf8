//! The registry, `wallets`, `wallet`, `clusters` and every export, over a corpus built here:
//! five sites of two operations sharing wallets and handles, and a donation address shown by
//! many sites that must not glue them together.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it cannot read"
)]

mod common;

use common::{json_lines, lurewatch};
use std::path::Path;

const SHARED_TRON: &str = "TYQZaJEZiFsiGzPdj7HjV4NsTmeywhiML8";
const OTHER_TRON: &str = "TZ6hcdqWo9MgLT9bBdU6Y7tofcDpEFveGf";
const DONATION_BTC: &str = "1PSMaErqZXkm7pL18qe1xugjYyufgWh1sC";
const ETH: &str = "0xf61e56ff67b1F0B7C59A086378E735B609E383b4";

fn page(folder: &Path, name: &str, url: &str, body: &str) {
    std::fs::write(
        folder.join(name),
        format!(
            "<html><head><title>{name}</title><link rel=canonical href=\"{url}\"></head>\
             <body><p>{body}</p><p>Donate to our charity friends: BTC {DONATION_BTC}</p></body></html>"
        ),
    )
    .unwrap();
}

/// Operation one: a.test, b.test, c.test share a USDT address and a Telegram recruiter.
/// Operation two: d.test and e.test share an ETH address. f.test shares only the donation.
fn corpus() -> (tempfile::TempDir, String) {
    let folder = tempfile::tempdir().unwrap();
    let pages = folder.path().join("pages");
    std::fs::create_dir(&pages).unwrap();
    let lure =
        "캄보디아 시아누크빌 고객상담 직원 모집. 월급 500만원, 항공권과 숙소 제공, 경력 무관.";
    page(
        &pages,
        "a1.html",
        "https://jobs.a.test/ad/1",
        &format!("{lure} 텔레그램 @hr_kh88 보증금 USDT TRC20 {SHARED_TRON}"),
    );
    page(
        &pages,
        "a2.html",
        "https://jobs.a.test/ad/2",
        &format!("{lure} 텔레그램 @hr_kh88"),
    );
    page(
        &pages,
        "b1.html",
        "https://www.b.test/",
        &format!(
            "Guaranteed 3% daily returns, VIP from 100 USDT. Deposit USDT (TRC20) to {SHARED_TRON}"
        ),
    );
    page(
        &pages,
        "c1.html",
        "https://c.test/contact",
        "Customer service in Cambodia, free flight and visa, contact us on Telegram @HR_KH88 only",
    );
    page(
        &pages,
        "d1.html",
        "https://d.test/",
        &format!("Quantum arbitrage bot, 2% per day. Send ETH to {ETH}"),
    );
    page(
        &pages,
        "e1.html",
        "https://e.test/vip",
        &format!("VIP level 3 needs 500 USDT on ERC20: {ETH}"),
    );
    page(
        &pages,
        "f1.html",
        "https://f.test/news",
        "Police warn about fake job offers in Cambodia.",
    );
    let index = folder.path().join("index");
    let output = lurewatch(&[
        "ingest",
        "--index",
        index.to_str().unwrap(),
        pages.to_str().unwrap(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let index = index.to_str().unwrap().to_owned();
    (folder, index)
}

#[test]
fn the_registry_links_wallets_and_handles_to_pages_and_sites() {
    let (_folder, index) = corpus();
    let wallets = json_lines(&lurewatch(&["wallets", "--index", &index, "--json"]));
    assert_eq!(
        wallets[0]["value"], DONATION_BTC,
        "most linked first: {wallets:?}"
    );
    assert_eq!(wallets[0]["sites"], 6);
    let shared = wallets.iter().find(|w| w["value"] == SHARED_TRON).unwrap();
    assert_eq!(
        (shared["sites"].as_u64(), shared["pages"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(shared["chain"], "trx");
    let filtered = json_lines(&lurewatch(&[
        "wallets",
        "--index",
        &index,
        "--json",
        "--chain",
        "eth",
        "--min-domains",
        "2",
    ]));
    assert_eq!(filtered.len(), 1);
    assert_eq!(filtered[0]["value"], ETH);

    let one = json_lines(&lurewatch(&[
        "wallet",
        "--index",
        &index,
        "--json",
        SHARED_TRON,
    ]));
    let pages = one[0]["pages"].as_array().unwrap();
    assert_eq!(pages.len(), 2);
    assert_eq!(pages[0]["asset"], "USDT");
    assert!(pages[0]["context"].as_str().unwrap().contains(SHARED_TRON));
    assert_eq!(pages[0]["label"], "recruitment_lure");
    let shared_entities: Vec<&str> = one[0]["shared"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entity| entity["entity"].as_str().unwrap())
        .collect();
    assert!(
        shared_entities.contains(&"telegram:hr_kh88"),
        "{shared_entities:?}"
    );

    let handle = json_lines(&lurewatch(&[
        "wallet",
        "--index",
        &index,
        "--json",
        "telegram:@HR_kh88",
    ]));
    assert_eq!(handle[0]["pages"].as_array().unwrap().len(), 3);

    let typo = lurewatch(&[
        "wallet",
        "--index",
        &index,
        "TYQZaJEZiFsiGzPdj7HjV4NsTmeywhiML9",
    ]);
    let stderr = String::from_utf8_lossy(&typo.stderr);
    assert_eq!(typo.status.code(), Some(2));
    assert!(
        stderr.contains("checksum") && stderr.contains("trx"),
        "{stderr}"
    );
    let unknown = lurewatch(&["wallet", "--index", &index, OTHER_TRON]);
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("never seen"));
    assert_eq!(unknown.status.code(), Some(1));
}

fn clusters(index: &str, max_sites: &str, extra: &[&str]) -> Vec<serde_json::Value> {
    let mut arguments = vec![
        "clusters",
        "--index",
        index,
        "--json",
        "--max-sites",
        max_sites,
    ];
    arguments.extend_from_slice(extra);
    json_lines(&lurewatch(&arguments))
}

#[test]
fn clusters_follow_shared_entities_but_not_a_widely_shown_one() {
    let (folder, index) = corpus();
    let found = clusters(&index, "4", &[]);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(
        found[0]["sites"],
        serde_json::json!(["a.test", "b.test", "c.test"])
    );
    assert_eq!(found[1]["sites"], serde_json::json!(["d.test", "e.test"]));
    let edges = found[0]["edges"].as_array().unwrap();
    assert!(
        edges
            .iter()
            .any(|edge| edge["entity"] == format!("wallet:trx:{SHARED_TRON}"))
    );
    assert!(
        edges
            .iter()
            .any(|edge| edge["entity"] == "telegram:hr_kh88")
    );
    let again = clusters(&index, "4", &[]);
    assert_eq!(found, again, "stable ids and order");

    // Without the threshold, the donation address would glue everything; a stop-list entry
    // does the same job as the threshold.
    let glued = clusters(&index, "10", &[]);
    assert_eq!(glued.len(), 1);
    let stop_list = folder.path().join("stop.txt");
    std::fs::write(&stop_list, format!("# a charity\n{DONATION_BTC}\n")).unwrap();
    let stopped = clusters(&index, "10", &["--stop-list", stop_list.to_str().unwrap()]);
    assert_eq!(stopped.len(), 2);
}

fn export(index: &str, format: &str, extra: &[&str]) -> String {
    let folder = tempfile::tempdir().unwrap();
    let out = folder.path().join(format!("export.{format}"));
    let mut arguments = vec![
        "export",
        "--index",
        index,
        "--format",
        format,
        "--out",
        out.to_str().unwrap(),
    ];
    arguments.extend_from_slice(extra);
    let output = lurewatch(&arguments);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let files: Vec<_> = std::fs::read_dir(folder.path()).unwrap().collect();
    assert_eq!(files.len(), 1, "no temporary file left behind");
    std::fs::read_to_string(out).unwrap()
}

#[test]
fn every_export_format_is_reproducible_and_carries_its_evidence() {
    let (_folder, index) = corpus();
    let csv = export(&index, "csv", &[]);
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some(
            "address,network,asset,address_normalized,label,category,source_url,domain,first_seen_utc,last_seen_utc,confidence,context"
        )
    );
    assert!(csv.contains("\r\n"), "RFC 4180 line ends");
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 7 + 2 + 2, "donation on 7 pages, 2 TRON, 2 ETH");
    assert!(rows.iter().any(|row| row.starts_with(&format!("{SHARED_TRON},tron,USDT,{SHARED_TRON},recruitment_lure,scam_recruitment,https://jobs.a.test/ad/1,a.test,"))));
    assert!(
        csv.contains(&ETH.to_lowercase()),
        "EVM addresses normalized to lower case"
    );

    let jsonl: Vec<serde_json::Value> = export(&index, "jsonl", &[])
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let tron = jsonl
        .iter()
        .find(|entity| entity["value"] == SHARED_TRON)
        .unwrap();
    assert_eq!(tron["pages"][0]["sha256"].as_str().unwrap().len(), 64);

    let stix: serde_json::Value = serde_json::from_str(&export(&index, "stix", &[])).unwrap();
    assert_eq!(stix["type"], "bundle");
    let objects = stix["objects"].as_array().unwrap();
    for kind in [
        "cryptocurrency-wallet",
        "indicator",
        "url",
        "domain-name",
        "user-account",
        "relationship",
        "extension-definition",
    ] {
        assert!(
            objects.iter().any(|object| object["type"] == kind),
            "{kind} in the bundle"
        );
    }
    assert!(
        objects.iter().any(|object| object["pattern"]
            == format!("[cryptocurrency-wallet:address = '{SHARED_TRON}']"))
    );
    assert_eq!(
        export(&index, "stix", &[]),
        export(&index, "stix", &[]),
        "reproducible"
    );

    let gexf = export(&index, "gexf", &[]);
    assert!(gexf.starts_with("<?xml") && gexf.contains("<node id=\"site:a.test\""));
    assert_eq!(
        gexf.matches("<edge ").count(),
        gexf.matches("</edge>").count()
    );

    let tagpack = export(&index, "tagpack", &["--label", "investment_fraud"]);
    assert!(tagpack.starts_with("title:") && tagpack.contains("tags:\n  - address: "));
    assert!(!tagpack.contains("jobs.a.test"), "label filter");

    let ftm: Vec<serde_json::Value> = export(&index, "ftm", &[])
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    for schema in ["CryptoWallet", "UserAccount", "Document", "UnknownLink"] {
        assert!(
            ftm.iter().any(|entity| entity["schema"] == schema),
            "{schema}"
        );
    }

    let found = clusters(&index, "4", &[]);
    let id = found[1]["id"].as_str().unwrap();
    let only = export(&index, "csv", &["--cluster", id, "--max-sites", "4"]);
    assert!(
        only.contains("d.test") && !only.contains("a.test"),
        "{only}"
    );
}

#[test]
fn an_empty_corpus_exports_valid_empty_documents() {
    let folder = tempfile::tempdir().unwrap();
    let index = folder.path().join("index");
    std::fs::create_dir(&index).unwrap();
    let index = index.to_str().unwrap();
    let output = lurewatch(&["ingest", "--index", index, "examples/pages/warning-en.txt"]);
    assert!(output.status.success());
    assert_eq!(
        export(index, "csv", &[]).lines().count(),
        1,
        "the header alone"
    );
    assert_eq!(export(index, "jsonl", &[]), "");
    assert_eq!(export(index, "ftm", &[]), "");
    let stix: serde_json::Value = serde_json::from_str(&export(index, "stix", &[])).unwrap();
    assert_eq!(stix["type"], "bundle");
    assert!(export(index, "tagpack", &[]).contains("tags: []"));
    assert!(export(index, "gexf", &[]).contains("<nodes>\n    </nodes>"));
}

/// The Python that has the validators: `LUREWATCH_VALIDATORS`, or the virtual environment
/// `.ci/run` makes in `target/validators`.
fn validators() -> Option<std::path::PathBuf> {
    let python = std::env::var_os("LUREWATCH_VALIDATORS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("target/validators/bin/python")
        });
    python.exists().then_some(python)
}

#[test]
fn exports_pass_the_tools_own_validators() {
    let Some(python) = validators() else {
        eprintln!(
            "skipped: no Python with stix2-validator, networkx, followthemoney and tagpack-tool \
             (.ci/run installs them in target/validators; or set LUREWATCH_VALIDATORS)"
        );
        return;
    };
    let (folder, index) = corpus();
    for format in ["stix", "gexf", "ftm", "tagpack"] {
        let path = folder.path().join(format!("export-{format}.json"));
        std::fs::write(&path, export(&index, format, &[])).unwrap();
        let output = std::process::Command::new(&python)
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/validate_exports.py"))
            .arg(format)
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{format}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
