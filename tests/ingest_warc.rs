//! `lurewatch ingest` of WARC archives written the way Heritrix, wget and Common Crawl write
//! them, and of a corpus under stress: searched while an ingest writes, and an ingest killed
//! with SIGKILL then run again.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it cannot read"
)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

mod common;
use common::{lurewatch, search_total};

/// One WARC record.
fn record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut bytes = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n\
         WARC-Date: 2026-10-02T03:04:05Z\r\nWARC-Record-ID: <urn:uuid:{}>\r\n\
         Content-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        block.len()
    )
    .into_bytes();
    bytes.extend_from_slice(block);
    bytes.extend_from_slice(b"\r\n\r\n");
    bytes
}

/// A request and its response, as a crawler archives them.
fn exchange(uri: &str, head: &str, body: &[u8]) -> Vec<Vec<u8>> {
    let request = format!("GET {uri} HTTP/1.1\r\nHost: example\r\n\r\n");
    let response = [head.as_bytes(), b"\r\n\r\n", body].concat();
    vec![
        record(
            "request",
            uri,
            "application/http; msgtype=request",
            request.as_bytes(),
        ),
        record(
            "response",
            uri,
            "application/http; msgtype=response",
            &response,
        ),
    ]
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn chunked(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    for piece in body.chunks(50) {
        out.extend(format!("{:x}\r\n", piece.len()).bytes());
        out.extend_from_slice(piece);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    out
}

const LURE: &str = "<html><head><title>해외 고수익 채용</title></head><body><p>캄보디아 시아누크빌 \
    고객상담 직원 모집. 월급 500만원, 항공권과 숙소 제공, 경력 무관. 텔레그램 @hr_kh88 로만 연락.</p>\
    </body></html>";

const FRAUD: &str = "<html><head><title>Quantum Yield</title></head><body><p>Guaranteed 3% daily \
    returns. VIP levels from 100 USDT. Deposit USDT TRC20 only to \
    TZ6hcdqWo9MgLT9bBdU6Y7tofcDpEFveGf and earn referral commission.</p></body></html>";

/// A Heritrix-style archive: warcinfo, then request/response pairs, each record its own gzip
/// member; one response chunked and gzip-encoded, one a 404, one an image.
fn heritrix_archive() -> Vec<u8> {
    let mut records = vec![record(
        "warcinfo",
        "",
        "application/warc-fields",
        b"software: test\r\n",
    )];
    records.extend(exchange(
        "https://jobs-kh.test/ads/1",
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8",
        LURE.as_bytes(),
    ));
    records.extend(exchange(
        "https://quantum-yield.test/",
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\
         Content-Encoding: gzip",
        &chunked(&gzip(FRAUD.as_bytes())),
    ));
    records.extend(exchange(
        "https://jobs-kh.test/missing",
        "HTTP/1.1 404 Not Found\r\nContent-Type: text/html",
        b"<p>not found</p>",
    ));
    records.extend(exchange(
        "https://jobs-kh.test/logo.png",
        "HTTP/1.1 200 OK\r\nContent-Type: image/png",
        b"\x89PNG\r\n\x1a\n",
    ));
    records.iter().flat_map(|record| gzip(record)).collect()
}

#[test]
fn heritrix_archives_index_their_html_responses_once() {
    let folder = tempfile::tempdir().unwrap();
    let archive = folder.path().join("crawl.warc.gz");
    std::fs::write(&archive, heritrix_archive()).unwrap();
    let index = folder.path().join("index");
    let index = index.to_str().unwrap();
    let archive = archive.to_str().unwrap();

    for (run, expected) in [
        (1, "2 pages read, 2 new, 0 changed, 0 unchanged"),
        (2, "2 pages read, 0 new, 0 changed, 2 unchanged"),
    ] {
        let output = lurewatch(&["ingest", "--index", index, archive]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(output.status.success(), "run {run}: {stderr}");
        assert!(stderr.contains(expected), "run {run}: {stderr}");
        assert!(
            stderr.contains(
                "skipped 7 (http 404: 1, not HTML or text (image/png): 1, request record: 4, \
                 warcinfo record: 1)"
            ),
            "run {run}: {stderr}"
        );
    }
    assert_eq!(
        search_total(index, "*"),
        2,
        "no duplicates after two ingests"
    );

    let output = lurewatch(&["search", "--index", index, "--json", "시아누크빌"]);
    let hit: serde_json::Value =
        serde_json::from_str(String::from_utf8(output.stdout).unwrap().trim()).unwrap();
    assert_eq!(hit["url"], "https://jobs-kh.test/ads/1");
    assert_eq!(hit["fetched_at"], "2026-10-02T03:04:05Z");
    assert_eq!(hit["label"], "recruitment_lure");
    let warc = hit["warc"].as_str().unwrap();
    let (file, offset) = warc.rsplit_once('#').unwrap();
    assert!(file.ends_with("crawl.warc.gz"), "{warc}");
    assert!(offset.parse::<u64>().unwrap() > 0, "{warc}");

    // The chunked, gzip-encoded response was decoded before extraction.
    let output = lurewatch(&[
        "search",
        "--index",
        index,
        "--json",
        "TZ6hcdqWo9MgLT9bBdU6Y7tofcDpEFveGf",
    ]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("quantum-yield.test"), "{stdout}");
}

#[test]
fn a_truncated_last_record_is_reported_and_the_rest_indexed() {
    let folder = tempfile::tempdir().unwrap();
    let mut bytes: Vec<u8> = exchange(
        "http://wget.test/a.html",
        "HTTP/1.1 200 OK\r\nContent-Type: text/html",
        LURE.as_bytes(),
    )
    .concat();
    let last = exchange(
        "http://wget.test/b.html",
        "HTTP/1.1 200 OK\r\nContent-Type: text/html",
        FRAUD.as_bytes(),
    )
    .concat();
    bytes.extend_from_slice(&last[..last.len() - 100]);
    let archive = folder.path().join("wget.warc");
    std::fs::write(&archive, bytes).unwrap();
    let index = folder.path().join("index");
    let output = lurewatch(&[
        "ingest",
        "--index",
        index.to_str().unwrap(),
        archive.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "partial: {stderr}");
    assert!(stderr.contains("is truncated"), "{stderr}");
    assert!(
        stderr.contains("1 new") && stderr.contains("1 failed"),
        "{stderr}"
    );
    assert_eq!(search_total(index.to_str().unwrap(), "*"), 1);
}

/// Writes `count` distinct pages into `folder`.
fn many_pages(folder: &Path, count: usize) {
    std::fs::create_dir_all(folder).unwrap();
    for number in 0..count {
        let page = format!(
            "<html><head><title>Posting {number}</title>\
             <link rel=canonical href=\"https://board.test/jobs/{number}\"></head><body>\
             <p>Warehouse assistant number {number}. Shift work, forklift licence preferred, \
             apply with your CV through the form on our careers page.</p></body></html>"
        );
        std::fs::write(folder.join(format!("{number:05}.html")), page).unwrap();
    }
}

#[test]
fn search_during_ingest_then_kill_9_loses_and_duplicates_nothing() {
    const PAGES: usize = 20_000;
    let folder = tempfile::tempdir().unwrap();
    let pages = folder.path().join("pages");
    many_pages(&pages, PAGES);
    let index = folder.path().join("index");
    let index = index.to_str().unwrap();
    let pages = pages.to_str().unwrap();

    let mut ingest = Command::new(env!("CARGO_BIN_EXE_lurewatch"))
        .args(["ingest", "--index", index, pages])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Searching while the ingest writes: never blocked, never an error, counts only grow.
    let mut seen = 0;
    let mut searches = 0;
    while seen < 1000 {
        assert!(
            ingest.try_wait().unwrap().is_none(),
            "the ingest ended before it could be killed; make it longer"
        );
        let count = if Path::new(index).join("search/meta.json").exists() {
            search_total(index, "*")
        } else {
            0
        };
        assert!(count >= seen, "a search saw fewer pages than before");
        seen = count;
        searches += 1;
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    ingest.kill().unwrap(); // SIGKILL
    ingest.wait().unwrap();
    assert!(searches > 1);
    eprintln!("{searches} searches during the ingest");

    let after_kill = search_total(index, "*");
    assert!(
        after_kill >= 1000 && after_kill.is_multiple_of(1000),
        "every committed page is readable ({after_kill})"
    );
    assert!(
        after_kill < PAGES,
        "the ingest was killed before it finished"
    );

    let output = lurewatch(&["ingest", "--index", index, pages]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!(
            "{} new, 0 changed, {after_kill} unchanged",
            PAGES - after_kill
        )),
        "{stderr}"
    );
    assert_eq!(
        search_total(index, "*"),
        PAGES,
        "nothing lost, nothing duplicated"
    );
}
