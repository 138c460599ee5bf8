//! Saved searches: a watch added before a second ingest reports exactly the pages added since,
//! and the built-in watches report new flagged pages and first-seen wallets.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it cannot read"
)]

mod common;

use common::{json_lines, lurewatch};

fn alerts(index: &str) -> Vec<serde_json::Value> {
    json_lines(&lurewatch(&["watch", "run", "--json", "--index", index]))
}

fn write_page(folder: &std::path::Path, name: &str, url: &str, text: &str) {
    std::fs::write(
        folder.join(name),
        format!("<html><head><link rel=canonical href=\"{url}\"><title>{name}</title></head><body><p>{text}</p></body></html>"),
    )
    .unwrap();
}

#[test]
fn a_watch_reports_exactly_the_pages_added_since_it_was_saved() {
    let folder = tempfile::tempdir().unwrap();
    let (first, second) = (folder.path().join("first"), folder.path().join("second"));
    std::fs::create_dir_all(&first).unwrap();
    std::fs::create_dir_all(&second).unwrap();
    let lure = "캄보디아 시아누크빌 고객상담 직원 모집. 월급 500만원, 항공권과 숙소 제공, 경력 무관, 나이 20~35세. 텔레그램 @hr_kh88 로만 연락.";
    write_page(&first, "old.html", "https://old.test/1", lure);
    let index = folder.path().join("index");
    let index = index.to_str().unwrap();
    let output = lurewatch(&["ingest", "--index", index, first.to_str().unwrap()]);
    assert!(output.status.success());
    assert!(String::from_utf8_lossy(&output.stderr).contains("new alerts"));

    let output = lurewatch(&["watch", "add", "cambodia", "캄보디아", "--index", index]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let duplicate = lurewatch(&["watch", "add", "cambodia", "x", "--index", index]);
    assert_eq!(duplicate.status.code(), Some(2));

    write_page(&second, "new1.html", "https://new.test/1", lure);
    write_page(
        &second,
        "new2.html",
        "https://new.test/2",
        &format!("{lure} 두 번째 공고"),
    );
    write_page(
        &second,
        "other.html",
        "https://new.test/3",
        "Warehouse shifts in Leeds, apply with your CV.",
    );
    let output = lurewatch(&["ingest", "--index", index, second.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("cambodia 2"),
        "the ingest ran the watches: {stderr}"
    );

    let files: Vec<_> = std::fs::read_dir(std::path::Path::new(index).join("alerts"))
        .unwrap()
        .collect();
    assert_eq!(files.len(), 1);
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(files[0].as_ref().unwrap().path())
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let mut cambodia: Vec<&str> = lines
        .iter()
        .filter(|alert| alert["watch"] == "cambodia")
        .map(|alert| alert["url"].as_str().unwrap())
        .collect();
    cambodia.sort_unstable();
    assert_eq!(
        cambodia,
        ["https://new.test/1", "https://new.test/2"],
        "exactly the new pages"
    );
    assert!(
        lines
            .iter()
            .any(|alert| alert["watch"] == "new-flagged" && alert["url"] == "https://new.test/1")
    );
    let old = lines
        .iter()
        .filter(|alert| alert["url"] == "https://old.test/1" && alert["entity"].is_null());
    assert_eq!(
        old.count(),
        1,
        "the old page: reported by the first ingest, not again"
    );

    assert!(alerts(index).is_empty(), "nothing new since the last run");
    let output = lurewatch(&["watch", "list", "--index", index]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("new-flagged") && stdout.contains("cambodia"),
        "{stdout}"
    );
    assert!(
        lurewatch(&["watch", "rm", "cambodia", "--index", index])
            .status
            .success()
    );
    assert_eq!(
        lurewatch(&["watch", "rm", "cambodia", "--index", index])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn the_first_sighting_of_a_handle_is_an_alert() {
    let folder = tempfile::tempdir().unwrap();
    let pages = folder.path().join("pages");
    std::fs::create_dir_all(&pages).unwrap();
    let index = folder.path().join("index");
    let index = index.to_str().unwrap();
    let output = lurewatch(&["watch", "list", "--index", index]);
    assert!(output.status.success());
    write_page(
        &pages,
        "a.html",
        "https://a.test/",
        "Contact our recruiter on Telegram @first_seen_hr",
    );
    assert!(
        lurewatch(&["ingest", "--index", index, pages.to_str().unwrap()])
            .status
            .success()
    );
    let lines = std::fs::read_dir(std::path::Path::new(index).join("alerts"))
        .unwrap()
        .count();
    assert_eq!(lines, 1);
    let text = std::fs::read_to_string(
        std::fs::read_dir(std::path::Path::new(index).join("alerts"))
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path(),
    )
    .unwrap();
    assert!(
        text.contains("\"entity\":\"telegram:first_seen_hr\""),
        "{text}"
    );
}
