//! `lurewatch demo --index DIR` end to end: from the corpus it leaves, every planted lure and
//! fraud page is flagged with reasons, no news or warning page is, and the shared wallets
//! make the right clusters.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it cannot read"
)]

mod common;

use common::lurewatch;

fn pages(index: &str, domain: &str) -> Vec<serde_json::Value> {
    let output = lurewatch(&[
        "search", "--index", index, "--json", "--limit", "100", "--domain", domain, "*",
    ]);
    assert!(output.status.success());
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

#[test]
fn the_demo_flags_the_planted_sites_and_links_them() {
    let folder = tempfile::tempdir().unwrap();
    let index = folder.path().join("demo");
    let index = index.to_str().unwrap();
    let output = lurewatch(&["demo", "--index", index]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for section in [
        "2. Pages by label",
        "3. Flagged pages",
        "4. A search",
        "5. Wallets",
        "6. Clusters",
        "7. The next night",
        "8. Go further",
    ] {
        assert!(stdout.contains(section), "{section}: {stdout}");
    }

    for (domain, label, paths) in [
        (
            "kh-jobs.demo",
            "recruitment_lure",
            &["/job/ko", "/job/zh", "/job/th", "/job/ja", "/job/myawaddy"][..],
        ),
        (
            "asia-careers.demo",
            "recruitment_lure",
            &["/post/en", "/post/vi", "/post/id"][..],
        ),
        (
            "goldwave-invest.demo",
            "investment_fraud",
            &["/", "/vip", "/deposit"][..],
        ),
        ("quantum-yield.demo", "investment_fraud", &["/"][..]),
    ] {
        let hits = pages(index, domain);
        for path in paths {
            let hit = hits
                .iter()
                .find(|hit| hit["url"].as_str().unwrap().ends_with(path))
                .unwrap_or_else(|| panic!("{domain}{path} was not crawled"));
            assert_eq!(hit["label"], label, "{domain}{path}");
            assert!(
                !hit["reasons"].as_array().unwrap().is_empty(),
                "{domain}{path}"
            );
        }
    }
    for domain in ["safety-news.demo", "honest-jobs.demo"] {
        let hits = pages(index, domain);
        assert_eq!(hits.len(), 3, "{domain}");
        for hit in hits {
            assert_eq!(hit["label"], "benign", "{}", hit["url"]);
        }
    }
    assert!(
        pages(index, "kh-jobs.demo")
            .iter()
            .all(|hit| !hit["url"].as_str().unwrap().contains("/admin/")),
        "robots.txt obeyed"
    );

    let output = lurewatch(&["clusters", "--index", index, "--json"]);
    let clusters: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    let sites: Vec<&serde_json::Value> = clusters.iter().map(|cluster| &cluster["sites"]).collect();
    assert_eq!(
        sites,
        [
            &serde_json::json!(["asia-careers.demo", "kh-jobs.demo"]),
            &serde_json::json!(["goldwave-invest.demo", "quantum-yield.demo"])
        ]
    );
    // The watch saved between the demo's two crawls reports the pages the second one added
    // (two new ads) or changed (the board's list of ads), and nothing else.
    let mut reported: Vec<String> = common::alert_lines(index)
        .into_iter()
        .filter(|alert| alert["watch"] == "demo-new-lures")
        .map(|alert| {
            let url = alert["url"].as_str().unwrap();
            url[url.find(".demo:").unwrap() + 6..]
                .trim_start_matches(char::is_numeric)
                .to_owned()
        })
        .collect();
    reported.sort();
    assert_eq!(reported, ["/", "/job/ja", "/job/myawaddy"]);
    let entities = |cluster: &serde_json::Value| cluster["entities"].to_string();
    assert!(entities(&clusters[0]).contains(lurewatch::demo::sites::LURE_WALLET));
    assert!(entities(&clusters[1]).contains(lurewatch::demo::sites::FRAUD_WALLET));
}
