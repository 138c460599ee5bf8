//! Helpers shared by the tests that run the real `lurewatch` binary.

#![allow(dead_code, reason = "each test file uses the helpers it needs")]

use std::process::{Command, Output};

/// Runs `lurewatch arguments` from the repository root and waits for it.
pub fn lurewatch(arguments: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lurewatch"))
        .args(arguments)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the lurewatch binary runs")
}

/// The JSON Lines on a successful command's stdout.
pub fn json_lines(output: &Output) -> Vec<serde_json::Value> {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect()
}

/// Every alert the saved searches wrote into `index/alerts/`, parsed.
pub fn alert_lines(index: &str) -> Vec<serde_json::Value> {
    std::fs::read_dir(std::path::Path::new(index).join("alerts"))
        .expect("an alerts folder")
        .flat_map(|file| {
            let text = std::fs::read_to_string(file.expect("a file").path()).expect("readable");
            text.lines()
                .map(|line| serde_json::from_str(line).expect("a JSON line"))
                .collect::<Vec<serde_json::Value>>()
        })
        .collect()
}

/// How many pages of the corpus in `index` match `query` (the count `search` prints first).
pub fn search_total(index: &str, query: &str) -> usize {
    let output = lurewatch(&["search", "--index", index, query]);
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    stdout
        .split_whitespace()
        .next()
        .and_then(|count| count.parse().ok())
        .unwrap_or_else(|| panic!("no count in {stdout:?}"))
}
pub mod web;
