//! Runs the real `lurewatch ingest` and `search` over the example pages into a temporary corpus.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it cannot read"
)]

mod common;
use common::lurewatch;

#[test]
fn ingest_twice_then_search_in_two_languages_and_by_wallet() {
    let folder = tempfile::tempdir().unwrap();
    let index = folder.path().to_str().unwrap();
    let first = lurewatch(&["ingest", "--index", index, "examples/pages"]);
    let stderr = String::from_utf8_lossy(&first.stderr);
    assert!(
        first.status.success() && stderr.contains("4 new, 0 changed, 0 unchanged; 0 failed"),
        "{stderr}"
    );
    let second = lurewatch(&["ingest", "--index", index, "examples/pages"]);
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(stderr.contains("0 new, 0 changed, 4 unchanged"), "{stderr}");

    let output = lurewatch(&["search", "--index", index, "--json", "包吃包住"]);
    let hits: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["label"], "recruitment_lure");
    assert!(
        hits[0]["url"]
            .as_str()
            .unwrap()
            .ends_with("lure-zh-gbk.html")
    );

    let output = lurewatch(&[
        "search",
        "--index",
        index,
        "--label",
        "investment_fraud",
        "TZ6hcdqWo9MgLT9bBdU6Y7tofcDpEFveGf",
    ]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(
        stdout.starts_with("1 pages match") && stdout.contains("quantum-arb.example"),
        "{stdout}"
    );

    let output = lurewatch(&["search", "--index", index, "캄보디아"]);
    assert!(
        String::from_utf8(output.stdout)
            .unwrap()
            .contains("lure-ko.html")
    );

    let output = lurewatch(&["search", "--index", index, "--since", "not-a-date", "*"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("expected YYYY-MM-DD"));
}
