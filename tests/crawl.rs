//! The real `lurewatch crawl` against a web of our own on loopback: hosts on 127.0.1.x (the
//! allowed network) and one on 127.0.0.1 that must never be contacted.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it cannot read"
)]

mod common;

use common::web::{self, Body, Handler, Log, Reply};
use common::{lurewatch, search_total};
use std::collections::HashMap;
use std::net::SocketAddr;
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const WALLET: &str = "TZ6hcdqWo9MgLT9bBdU6Y7tofcDpEFveGf";

fn lure(number: usize) -> String {
    format!(
        "<html><head><title>캄보디아 고수익 상담원 {number}</title></head><body><p>캄보디아 \
         시아누크빌 고객상담 직원 모집. 월급 500만원, 항공권과 숙소 제공, 경력 무관, 타자만 \
         치면 됩니다. 텔레그램 @hr_kh88 로만 연락. 보증금 USDT TRC20 {WALLET}</p></body></html>"
    )
}

/// A config file for the test crawls: the test web's network allowed, short timeouts.
fn config(folder: &std::path::Path, extra: &str) -> String {
    let path = folder.join("lurewatch.toml");
    std::fs::write(
        &path,
        format!(
            "[crawl]\ncontact = \"https://example.invalid/lurewatch-tests\"\n\
             allow_net = [\"127.0.1.0/24\"]\nread_timeout = \"1s\"\n\
             total_timeout = \"3s\"\nconnect_timeout = \"1s\"\nmax_body_bytes = 200000\n\
             max_attempts = 2\nmax_retry_after = \"2s\"\n{extra}"
        ),
    )
    .unwrap();
    path.to_str().unwrap().to_owned()
}

fn seeds(folder: &std::path::Path, urls: &[String]) -> String {
    let path = folder.join("test-seeds.txt");
    std::fs::write(&path, format!("# test seeds\n{}\n", urls.join("\n"))).unwrap();
    path.to_str().unwrap().to_owned()
}

/// A corpus folder with a config (50 requests/s) and a seed list for a crawl of one host.
struct OneHost {
    _folder: tempfile::TempDir,
    config: String,
    seeds: String,
    index: String,
}

fn one_host(host: SocketAddr) -> OneHost {
    let folder = tempfile::tempdir().unwrap();
    OneHost {
        config: config(folder.path(), "per_host_rps = 50\n"),
        seeds: seeds(folder.path(), &[format!("http://{host}/")]),
        index: folder.path().join("index").to_str().unwrap().to_owned(),
        _folder: folder,
    }
}

impl OneHost {
    fn crawl(&self, extra: &[&str]) -> Output {
        crawl(&self.config, &self.seeds, &self.index, extra)
    }
}

fn crawl(config: &str, seeds: &str, index: &str, extra: &[&str]) -> Output {
    let mut arguments = vec![
        "crawl", "--config", config, "--seeds", seeds, "--index", index,
    ];
    arguments.extend_from_slice(extra);
    lurewatch(&arguments)
}

/// The board host: every behaviour the crawler must handle, one path each.
fn board(private: SocketAddr, external: SocketAddr) -> Handler {
    let busy = Arc::new(AtomicUsize::new(0));
    Arc::new(move |target: &str, head: &str| {
        let host = head
            .lines()
            .find_map(|line| line.strip_prefix("host: "))
            .unwrap_or("")
            .trim()
            .to_owned();
        match target {
            "/robots.txt" => Reply::with_type(
                200,
                "text/plain",
                format!("User-agent: *\nDisallow: /private/\nSitemap: http://{host}/sitemap.xml\n")
                    .into_bytes(),
            ),
            "/sitemap.xml" => Reply::with_type(
                200,
                "application/xml",
                format!(
                    "<?xml version=\"1.0\"?><urlset><url><loc>http://{host}/only-in-sitemap</loc></url></urlset>"
                )
                .into_bytes(),
            ),
            "/" => Reply::html(format!(
                "<html><body>\
                 <a href=\"/job/1\">1</a><a href=\"/job/2#apply\">2</a><a href=\"job/3?utm_source=x\">3</a>\
                 <a href=\"/private/secret\">p</a><a href=\"/gone\">g</a><a href=\"/missing\">m</a>\
                 <a href=\"/redirect\">r</a><a href=\"/loop/a\">l</a><a href=\"/to-private\">tp</a>\
                 <a href=\"/go/private\">gp</a>\
                 <a href=\"/slow\">s</a><a href=\"/endless\">e</a><a href=\"/bomb\">b</a>\
                 <a href=\"/busy\">busy</a><a href=\"/down\">down</a><a href=\"/cal/1\">cal</a>\
                 <a href=\"/files/app.apk\">apk</a><a href=\"/a/b/a/b/a/b/a\">trap</a>\
                 <a href=\"/gbk\">gbk</a><a href=\"/logo.png\">png</a>\
                 <a href=\"http://{external}/\">external</a>\
                 <form action=\"/login\" method=\"post\"><input name=\"password\"></form>\
                 </body></html>"
            )),
            "/job/1" | "/job/2" | "/job/3" | "/only-in-sitemap" => {
                let number = target.len();
                if head.contains("if-none-match: \"v1\"") {
                    Reply::status(304).header("ETag", "\"v1\"")
                } else {
                    Reply::html(lure(number)).header("ETag", "\"v1\"")
                }
            }
            "/gone" => Reply::status(410),
            "/redirect" => Reply::redirect(301, "/job/1"),
            "/loop/a" => Reply::redirect(301, "/loop/b"),
            "/loop/b" => Reply::redirect(301, "/loop/a"),
            "/to-private" => Reply::redirect(302, &format!("http://{private}/secret")),
            "/go/private" => Reply::redirect(302, "/private/secret"),
            "/slow" => Reply {
                delay: Duration::from_secs(5),
                ..Reply::html("<p>too late</p>")
            },
            "/endless" => Reply {
                body: Body::Endless,
                ..Reply::html("")
            },
            "/bomb" => {
                use std::io::Write;
                let mut encoder =
                    flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
                encoder.write_all(&vec![b' '; 20_000_000]).unwrap();
                Reply::with_type(200, "text/html", encoder.finish().unwrap())
                    .header("Content-Encoding", "gzip")
            }
            "/busy" => {
                if busy.fetch_add(1, Ordering::SeqCst) == 0 {
                    Reply::status(429).header("Retry-After", "1")
                } else {
                    Reply::html("<p>now you may</p>")
                }
            }
            "/down" => Reply::status(503),
            "/gbk" => {
                // GBK bytes, no charset in the header: the page's <meta> says it.
                let (bytes, _, _) = encoding_rs::GBK.encode("包吃包住，月薪两万，诚聘客服");
                let mut body = b"<html><head><meta charset=\"gbk\"></head><body><p>".to_vec();
                body.extend_from_slice(&bytes);
                body.extend_from_slice(b"</p></body></html>");
                Reply::with_type(200, "text/html", body)
            }
            "/logo.png" => Reply::with_type(200, "image/png", b"\x89PNG\r\n\x1a\n".to_vec()),
            target if target.starts_with("/cal/") => {
                let day: usize = target[5..].parse().unwrap_or(1);
                Reply::html(format!("<a href=\"/cal/{}\">next day</a>", day + 1))
            }
            _ => Reply::status(404),
        }
    })
}

struct TestWeb {
    log: Log,
    board: SocketAddr,
    external: SocketAddr,
    private: SocketAddr,
}

fn test_web() -> TestWeb {
    let log: Log = Arc::new(Mutex::new(Vec::new()));
    let never: Handler = Arc::new(|_: &str, _: &str| Reply::html("<p>must not be fetched</p>"));
    let private = web::serve("127.0.0.1", never.clone(), log.clone());
    let external = web::serve("127.0.1.2", never, log.clone());
    let board = web::serve("127.0.1.1", board(private, external), log.clone());
    TestWeb {
        log,
        board,
        external,
        private,
    }
}

fn counts(hits: &[web::Hit]) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for hit in hits {
        *counts.entry(hit.target.clone()).or_default() += 1;
    }
    counts
}

#[test]
fn a_crawl_of_the_test_web_is_polite_safe_and_complete() {
    let web = test_web();
    let folder = tempfile::tempdir().unwrap();
    let config = config(folder.path(), "max_depth = 4\nper_host_rps = 50\n");
    // The private host is a seed too: the address policy, not the scope, must refuse it (and
    // the board's redirect into it).
    let seeds = seeds(
        folder.path(),
        &[
            format!("http://{}/", web.board),
            format!("http://{}/", web.private),
        ],
    );
    let index = folder.path().join("index");
    let index = index.to_str().unwrap();

    let output = crawl(&config, &seeds, index, &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(1),
        "partial (some URLs failed): {stderr}"
    );

    let hits = web::hits_on(&web.log, &web.board);
    let counts = counts(&hits);
    let once = [
        "/robots.txt",
        "/sitemap.xml",
        "/",
        "/job/1",
        "/job/2",
        "/job/3",
        "/only-in-sitemap",
        "/gone",
        "/missing",
        "/redirect",
        "/loop/a",
        "/loop/b",
        "/to-private",
        "/go/private",
        "/gbk",
        "/logo.png",
        "/bomb",
    ];
    for target in once {
        assert_eq!(
            counts.get(target),
            Some(&1),
            "{target} once: {counts:?}\n{stderr}"
        );
    }
    assert_eq!(
        counts.get("/busy"),
        Some(&2),
        "429 then retried: {counts:?}"
    );
    let busy: Vec<_> = hits.iter().filter(|hit| hit.target == "/busy").collect();
    assert!(busy[1].at.duration_since(busy[0].at) >= Duration::from_millis(950));
    assert_eq!(
        counts.get("/down"),
        Some(&2),
        "503 tried max_attempts times"
    );
    assert_eq!(
        counts.get("/slow"),
        Some(&2),
        "a timeout tried max_attempts times"
    );
    for never in [
        "/private/secret",
        "/files/app.apk",
        "/a/b/a/b/a/b/a",
        "/login",
    ] {
        assert_eq!(counts.get(never), None, "{never} must not be requested");
    }
    let calendar = hits
        .iter()
        .filter(|hit| hit.target.starts_with("/cal/"))
        .count();
    assert!(
        calendar <= 4,
        "the calendar trap stops at max_depth ({calendar})"
    );
    assert!(
        web::hits_on(&web.log, &web.private).is_empty(),
        "private address contacted"
    );
    assert!(
        web::hits_on(&web.log, &web.external).is_empty(),
        "off-site link followed"
    );
    for hit in &hits {
        assert!(
            hit.head.contains("user-agent: lurewatch/")
                && hit.head.contains("https://example.invalid/lurewatch-tests"),
            "honest User-Agent: {}",
            hit.head
        );
    }
    for expected in [
        "errors: ",
        "body over cap",
        "timeout",
        "disallowed by robots.txt: 1",
        "not HTML or text (image/png): 1",
        "executable or archive: 1",
        "repeated path segments: 1",
        "http 503",
        "refused address: 2",
    ] {
        assert!(
            stderr.contains(expected),
            "{expected:?} in the summary: {stderr}"
        );
    }

    assert_eq!(search_total(index, "캄보디아"), 4);
    assert_eq!(search_total(index, "包吃包住"), 1);
    let output = lurewatch(&[
        "search",
        "--index",
        index,
        "--json",
        "--label",
        "recruitment_lure",
        WALLET,
    ]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(stdout.lines().count(), 4, "{stdout}");
    assert!(stdout.contains("\"warc\":\"warc/lurewatch-"), "{stdout}");

    let output = lurewatch(&["verify", "--index", index]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stderr.contains(" 0 problems"),
        "{stderr}"
    );
    let runs = std::fs::read_dir(folder.path().join("index/runs"))
        .unwrap()
        .count();
    assert_eq!(runs, 1, "a JSON summary per run");

    // A second run re-validates: conditional requests, nothing re-indexed.
    let before = hits.len();
    let output = crawl(&config, &seeds, index, &["--refresh-after", "0s"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let again = &web::hits_on(&web.log, &web.board)[before..];
    let conditional = again
        .iter()
        .filter(|hit| hit.head.contains("if-none-match: \"v1\""))
        .count();
    assert_eq!(conditional, 4, "{stderr}");
    assert!(stderr.contains("0 new, 0 changed"), "{stderr}");
    assert!(stderr.contains("4 not modified"), "{stderr}");
    assert!(
        !again.iter().any(|hit| hit.target == "/robots.txt"),
        "robots.txt cached"
    );
}

/// A site of `pages` pages linked from its root, each a lure.
fn site(pages: usize) -> Handler {
    Arc::new(move |target: &str, _: &str| match target {
        "/robots.txt" => Reply::with_type(200, "text/plain", b"User-agent: *\nAllow: /\n".to_vec()),
        "/" => Reply::html(
            (1..=pages)
                .map(|number| format!("<a href=\"/p/{number}\">{number}</a>"))
                .collect::<String>(),
        ),
        target if target.starts_with("/p/") => Reply::html(lure(target[3..].parse().unwrap_or(0))),
        _ => Reply::status(404),
    })
}

#[test]
fn no_host_sees_more_than_its_rate_in_any_second() {
    let log: Log = Arc::new(Mutex::new(Vec::new()));
    let hosts = [
        web::serve("127.0.1.3", site(12), log.clone()),
        web::serve("127.0.1.4", site(12), log.clone()),
    ];
    let folder = tempfile::tempdir().unwrap();
    let config = config(folder.path(), "");
    let seeds = seeds(
        folder.path(),
        &hosts
            .iter()
            .map(|host| format!("http://{host}/"))
            .collect::<Vec<_>>(),
    );
    let index = folder.path().join("index");
    let output = crawl(
        &config,
        &seeds,
        index.to_str().unwrap(),
        &["--per-host-rps", "4"],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    for host in &hosts {
        let hits = web::hits_on(&log, host);
        assert_eq!(hits.len(), 15, "robots, sitemap, root and 12 pages");
        let peak = web::max_per_second(&hits);
        assert!(peak <= 4, "{host}: {peak} requests in one second");
        let span = hits.last().unwrap().at.duration_since(hits[0].at);
        assert!(
            span >= Duration::from_millis(3400),
            "{host}: 15 requests in {span:?}"
        );
    }
}

#[test]
fn crawl_delay_slows_a_host_and_a_failing_robots_txt_defers_it() {
    let log: Log = Arc::new(Mutex::new(Vec::new()));
    let pages = site(3);
    let slow: Handler = Arc::new(move |target: &str, head: &str| match target {
        "/robots.txt" => Reply::with_type(
            200,
            "text/plain",
            b"User-agent: *\nCrawl-delay: 1\n".to_vec(),
        ),
        _ => pages(target, head),
    });
    let failures = Arc::new(AtomicUsize::new(0));
    let pages = site(3);
    let flaky: Handler = Arc::new(move |target: &str, head: &str| match target {
        "/robots.txt" if failures.fetch_add(1, Ordering::SeqCst) == 0 => Reply::status(503),
        _ => pages(target, head),
    });
    let delayed = web::serve("127.0.1.7", slow, log.clone());
    let deferred = web::serve("127.0.1.8", flaky, log.clone());
    let folder = tempfile::tempdir().unwrap();
    let config = config(folder.path(), "per_host_rps = 20\n");
    let seeds = seeds(
        folder.path(),
        &[format!("http://{delayed}/"), format!("http://{deferred}/")],
    );
    let index = folder.path().join("index");
    let output = crawl(&config, &seeds, index.to_str().unwrap(), &[]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    let hits = web::hits_on(&log, &delayed);
    assert_eq!(hits.len(), 6, "robots, sitemap, root, 3 pages");
    for pair in hits.windows(2) {
        let gap = pair[1].at.duration_since(pair[0].at);
        assert!(
            gap >= Duration::from_millis(1000),
            "Crawl-delay 1 s: a gap of {gap:?}"
        );
    }
    let hits = web::hits_on(&log, &deferred);
    let robots: Vec<_> = hits
        .iter()
        .filter(|hit| hit.target == "/robots.txt")
        .collect();
    assert_eq!(robots.len(), 2, "503 on robots.txt: asked again later");
    assert!(robots[1].at.duration_since(robots[0].at) >= Duration::from_millis(700));
    assert_eq!(
        hits[1].target, "/robots.txt",
        "nothing else before robots.txt answered"
    );
    assert_eq!(hits.len(), 7, "then the site: {hits:?}");
}

fn spawn_crawl(config: &str, seeds: &str, index: &str) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_lurewatch"))
        .args([
            "crawl", "--config", config, "--seeds", seeds, "--index", index,
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits until the corpus holds at least `pages` committed pages.
fn wait_for_pages(index: &str, pages: usize) {
    for _ in 0..400 {
        let ready = std::path::Path::new(index)
            .join("search/meta.json")
            .exists();
        if ready && search_total(index, "*") >= pages {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("the crawl never committed {pages} pages");
}

#[test]
fn a_crawl_killed_with_sigkill_resumes_without_loss_or_duplicates() {
    const PAGES: usize = 120;
    let log: Log = Arc::new(Mutex::new(Vec::new()));
    let host = web::serve("127.0.1.5", site(PAGES), log.clone());
    let folder = tempfile::tempdir().unwrap();
    let config = config(folder.path(), "commit_every = 10\nper_host_rps = 40\n");
    let seeds = seeds(folder.path(), &[format!("http://{host}/")]);
    let index = folder.path().join("index");
    let index = index.to_str().unwrap();

    let mut first = spawn_crawl(&config, &seeds, index);
    wait_for_pages(index, 20);
    first.kill().unwrap();
    first.wait().unwrap();
    let committed = search_total(index, "*");
    assert!(committed < PAGES + 1, "killed before the end ({committed})");

    let output = crawl(&config, &seeds, index, &[]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert_eq!(
        search_total(index, "*"),
        PAGES + 1,
        "root and every page, once: {stderr}"
    );
    let counts = counts(&web::hits_on(&log, &host));
    for number in 1..=PAGES {
        let fetched = counts.get(&format!("/p/{number}")).copied().unwrap_or(0);
        assert!(
            (1..=2).contains(&fetched),
            "/p/{number} fetched {fetched} times"
        );
    }
    let refetched = (1..=PAGES)
        .filter(|number| counts.get(&format!("/p/{number}")) == Some(&2))
        .count();
    assert!(
        refetched <= 40,
        "only pages in flight or not yet committed are fetched again ({refetched})"
    );
    let output = lurewatch(&["verify", "--index", index]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    // The killed run's last WARC member may be cut short: reported, the rest verified.
    assert!(stderr.contains("digests match"), "{stderr}");
}

#[test]
fn a_second_run_is_refused_while_one_holds_the_lock_and_sigterm_stops_cleanly() {
    let log: Log = Arc::new(Mutex::new(Vec::new()));
    let host = web::serve("127.0.1.6", site(200), log.clone());
    let folder = tempfile::tempdir().unwrap();
    let config = config(folder.path(), "per_host_rps = 20\ncommit_every = 10\n");
    let seeds = seeds(folder.path(), &[format!("http://{host}/")]);
    let index = folder.path().join("index");
    let index = index.to_str().unwrap();

    let first = spawn_crawl(&config, &seeds, index);
    wait_for_pages(index, 10);
    let second = crawl(&config, &seeds, index, &[]);
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("another crawl holds"), "{stderr}");

    let status = Command::new("kill")
        .args(["-TERM", &first.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let output = first.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(1),
        "stopped early is partial: {stderr}"
    );
    assert!(stderr.contains("crawl signal"), "{stderr}");
    let committed = search_total(index, "*");
    let fetched = web::hits_on(&log, &host)
        .iter()
        .filter(|hit| hit.target.starts_with("/p/"))
        .count();
    assert_eq!(
        committed,
        fetched + 1,
        "every page fetched before the stop was kept"
    );
    assert!(committed < 201);
}

#[test]
fn a_watch_added_before_a_second_crawl_reports_exactly_the_new_pages() {
    let log: Log = Arc::new(Mutex::new(Vec::new()));
    let pages = Arc::new(AtomicUsize::new(3));
    let count = pages.clone();
    let growing: Handler = Arc::new(move |target: &str, head: &str| {
        let shown = count.load(Ordering::SeqCst);
        match target {
            "/" => Reply::html(
                (1..=shown)
                    .map(|number| format!("<a href=\"/p/{number}\">{number}</a>"))
                    .collect::<String>(),
            ),
            _ => site(shown)(target, head),
        }
    });
    let host = web::serve("127.0.1.9", growing, log);
    let run = one_host(host);
    let index = run.index.as_str();
    assert!(run.crawl(&[]).status.success());
    let output = lurewatch(&[
        "watch",
        "add",
        "sihanoukville",
        "캄보디아",
        "--index",
        index,
    ]);
    assert!(output.status.success());

    pages.store(5, Ordering::SeqCst);
    let output = run.crawl(&["--refresh-after", "0s"]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("sihanoukville 2"), "{stderr}");
    let mut reported: Vec<String> = common::alert_lines(index)
        .into_iter()
        .filter(|alert| alert["watch"] == "sihanoukville")
        .map(|alert| alert["url"].as_str().unwrap().to_owned())
        .collect();
    reported.sort();
    assert_eq!(
        reported,
        [format!("http://{host}/p/4"), format!("http://{host}/p/5")],
        "exactly the pages added since"
    );
}

#[test]
fn robots_txt_is_obeyed_whatever_content_type_it_is_served_with() {
    let log: Log = Arc::new(Mutex::new(Vec::new()));
    let pages = site(3);
    let odd: Handler = Arc::new(move |target: &str, head: &str| match target {
        "/robots.txt" => Reply::with_type(
            200,
            "application/octet-stream",
            b"User-agent: *\nDisallow: /p/2\n".to_vec(),
        ),
        _ => pages(target, head),
    });
    let host = web::serve("127.0.1.10", odd, log.clone());
    let folder = tempfile::tempdir().unwrap();
    let config = config(folder.path(), "per_host_rps = 50\n");
    let seeds = seeds(folder.path(), &[format!("http://{host}/")]);
    let index = folder.path().join("index");
    assert!(
        crawl(&config, &seeds, index.to_str().unwrap(), &[])
            .status
            .success()
    );
    let counts = counts(&web::hits_on(&log, &host));
    assert_eq!(counts.get("/p/1"), Some(&1));
    assert_eq!(counts.get("/p/2"), None, "disallowed: {counts:?}");
}

/// A page that failed with 503 tonight is tried again in the next run (a site down for a
/// night is not given up on), a page that is always down only until it has had twice one
/// run's attempts, and a 404 is final.
#[test]
fn a_passing_failure_is_retried_in_later_runs_up_to_a_limit_and_a_404_is_not() {
    let log: Log = Arc::new(Mutex::new(Vec::new()));
    let down = Arc::new(AtomicBool::new(true));
    let is_down = down.clone();
    let flaky: Handler = Arc::new(move |target: &str, head: &str| match target {
        "/" => Reply::html(
            "<a href=\"/p/1\">1</a><a href=\"/p/2\">2</a><a href=\"/p/3\">3</a>\
             <a href=\"/dead\">dead</a>",
        ),
        "/p/1" if is_down.load(Ordering::SeqCst) => Reply::status(503),
        "/dead" => Reply::status(502),
        "/p/2" => Reply::status(404),
        _ => site(3)(target, head),
    });
    let host = web::serve("127.0.1.11", flaky, log.clone());
    let run = one_host(host);
    let index = run.index.as_str();
    let requests_for = |path: &str| {
        web::hits_on(&log, &host)
            .iter()
            .filter(|hit| hit.target == path)
            .count()
    };

    let first = run.crawl(&[]);
    assert_eq!(first.status.code(), Some(1), "a URL failed: a partial run");
    assert_eq!(requests_for("/p/1"), 2, "max_attempts = 2");
    assert_eq!(requests_for("/dead"), 2);
    assert_eq!(requests_for("/p/2"), 1);
    assert_eq!(
        search_total(index, "캄보디아"),
        1,
        "only /p/3 is in the corpus"
    );

    down.store(false, Ordering::SeqCst);
    let second = run.crawl(&[]);
    assert_eq!(second.status.code(), Some(1), "/dead failed again");
    assert_eq!(requests_for("/p/1"), 3, "tried again, and fetched");
    assert_eq!(requests_for("/dead"), 3, "one more attempt per run");
    assert_eq!(requests_for("/p/2"), 1, "a 404 is final");
    assert_eq!(
        requests_for("/p/3"),
        1,
        "a page fetched is not due again yet"
    );
    assert_eq!(
        search_total(index, "캄보디아"),
        2,
        "/p/1 and /p/3 are in the corpus"
    );

    assert_eq!(run.crawl(&[]).status.code(), Some(1));
    assert_eq!(requests_for("/dead"), 4);
    let fourth = run.crawl(&[]);
    assert!(
        fourth.status.success(),
        "{}",
        String::from_utf8_lossy(&fourth.stderr)
    );
    assert_eq!(requests_for("/dead"), 4, "four attempts in all: given up");
    assert_eq!(requests_for("/p/1"), 3);
}

/// A later run re-reads a stale sitemap (conditionally, like a page), one that was missing
/// included, and fetches the pages the site has added to it since.
#[test]
fn a_stale_sitemap_is_read_again_and_brings_the_new_pages() {
    let log: Log = Arc::new(Mutex::new(Vec::new()));
    let listed = Arc::new(AtomicUsize::new(0));
    let count = listed.clone();
    let mapped: Handler = Arc::new(move |target: &str, head: &str| {
        let host = head
            .lines()
            .find_map(|line| line.strip_prefix("host: "))
            .unwrap_or_default()
            .to_owned();
        match target {
            "/robots.txt" => Reply::with_type(
                200,
                "text/plain",
                format!("User-agent: *\nAllow: /\nSitemap: http://{host}/sitemap.xml\n")
                    .into_bytes(),
            ),
            "/sitemap.xml" if count.load(Ordering::SeqCst) == 0 => Reply::status(404),
            "/sitemap.xml" => Reply::with_type(
                200,
                "application/xml",
                format!(
                    "<?xml version=\"1.0\"?><urlset>{}</urlset>",
                    (1..=count.load(Ordering::SeqCst))
                        .map(|number| format!("<url><loc>http://{host}/p/{number}</loc></url>"))
                        .collect::<String>()
                )
                .into_bytes(),
            ),
            "/" => Reply::html("<a href=\"/p/1\">1</a><a href=\"/p/2\">2</a>"),
            _ => site(5)(target, head),
        }
    });
    let host = web::serve("127.0.1.12", mapped, log.clone());
    let run = one_host(host);
    let index = run.index.as_str();
    assert!(run.crawl(&[]).status.success());
    assert_eq!(search_total(index, "캄보디아"), 2);

    for (listed_now, expected) in [(3, 3), (4, 4)] {
        listed.store(listed_now, Ordering::SeqCst);
        let output = run.crawl(&["--refresh-after", "0s"]);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(
            search_total(index, "캄보디아"),
            expected,
            "the pages the sitemap added are found"
        );
    }
    let sitemap_reads = web::hits_on(&log, &host)
        .iter()
        .filter(|hit| hit.target == "/sitemap.xml")
        .count();
    assert_eq!(sitemap_reads, 3, "missing, then new, then changed");
}
