//! `cargo bench --bench corpus`: the corpus at scale, end to end.
//!
//! 1. Generates 100,000 pages (≈ 5 KB of text each, in English, Chinese, Korean, Japanese, Thai,
//!    Vietnamese and Indonesian, with wallet addresses and Telegram handles) as ten `.warc.gz`
//!    archives of HTTP responses.
//! 2. Runs the release `lurewatch ingest` on them (WARC reading, extraction, classification
//!    with the shipped model, indexing) and reports pages/s, MB/s of text, the index size and
//!    the ingest's peak memory (VmHWM, sampled).
//! 3. Runs 1,000 mixed queries (words and phrases in each language, boolean, `wallet:` and
//!    `telegram:` fields, bare addresses, label filters, date order) through the library's
//!    `search` on the new corpus, and reports p50/p95/p99 latency and this process's peak
//!    memory.
//!
//! `LUREWATCH_BENCH_PAGES=N` changes the page count (for a quick look).

#![allow(
    clippy::unwrap_used,
    clippy::print_stdout,
    reason = "a benchmark fails loudly and prints its figures"
)]

use lurewatch::index::{Corpus, SearchRequest, SortOrder, search};
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

const ARCHIVES: usize = 10;
const TEXT_BYTES: usize = 5_000;

/// Sentences per language, written for this benchmark: ordinary job ads and articles, with
/// lure and fraud vocabulary in some.
const SENTENCES: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "We are hiring customer service agents for our regional office.",
            "The salary is competitive and training is provided for every new colleague.",
            "High salary of 1500 USD per month, free flight and visa, no experience needed.",
            "Guaranteed daily returns of 3 percent on every deposit, withdraw any time.",
            "Our analysts publish market reports every morning for registered members.",
            "Police warned job seekers about fake offers promising work in Cambodia.",
            "Apply through the careers page with your CV and a short cover letter.",
            "Join the VIP program with a minimum deposit of 100 USDT on TRC20.",
            "The warehouse team works in shifts and a forklift licence is preferred.",
            "Contact our recruiter on Telegram only, interviews are held online.",
        ],
    ),
    (
        "zh",
        &[
            "本公司诚聘网络客服，工作轻松，待遇优厚。",
            "月薪一万五，包吃包住，免费机票，无需经验。",
            "每日收益百分之三，稳赚不赔，随时提现。",
            "警方提醒求职者警惕海外高薪招聘陷阱。",
            "请通过官方渠道投递简历，我们将尽快联系您。",
            "充值USDT即可成为VIP会员，推荐好友另有佣金。",
            "仓库物流岗位实行轮班制度，欢迎有经验者加入。",
            "招聘打字员，要求打字速度每分钟六十字以上。",
        ],
    ),
    (
        "ko",
        &[
            "고객 상담원을 모집합니다. 근무 시간은 주 5일입니다.",
            "해외 고수익 알바, 월급 500만원, 항공권과 숙소를 제공합니다.",
            "매일 3% 수익 보장, 언제든지 출금이 가능합니다.",
            "경찰은 캄보디아 취업 사기에 주의하라고 당부했다.",
            "채용 페이지에서 이력서를 제출해 주시기 바랍니다.",
            "텔레그램으로만 연락 주세요. 면접은 온라인으로 진행합니다.",
            "물류 센터에서 교대 근무할 직원을 찾고 있습니다.",
        ],
    ),
    (
        "ja",
        &[
            "海外での勤務経験を活かせる仕事です。",
            "月給三十万円、渡航費と住居は会社負担、未経験歓迎。",
            "毎日三パーセントの利益を保証します。",
            "警察庁は海外の高収入求人に注意するよう呼びかけている。",
            "応募は公式サイトからお願いします。面接はオンラインです。",
            "倉庫での軽作業スタッフを募集しています。",
        ],
    ),
    (
        "th",
        &[
            "รับสมัครพนักงานบริการลูกค้า ทำงานที่สำนักงานใหญ่",
            "เงินเดือนสูง มีที่พักและตั๋วเครื่องบินฟรี ไม่ต้องมีประสบการณ์",
            "ผลตอบแทนรายวันร้อยละสาม รับประกันกำไร",
            "ตำรวจเตือนประชาชนระวังการหลอกลวงไปทำงานต่างประเทศ",
            "สนใจติดต่อฝ่ายบุคคลผ่านเว็บไซต์ของบริษัท",
        ],
    ),
    (
        "vi",
        &[
            "Tuyển nhân viên chăm sóc khách hàng làm việc tại văn phòng.",
            "Lương cao, bao ăn ở, hỗ trợ vé máy bay, không cần kinh nghiệm.",
            "Lợi nhuận ba phần trăm mỗi ngày, rút tiền bất cứ lúc nào.",
            "Công an cảnh báo người dân về các lời mời làm việc ở Campuchia.",
            "Ứng viên nộp hồ sơ qua trang tuyển dụng của công ty.",
        ],
    ),
    (
        "id",
        &[
            "Lowongan kerja staf layanan pelanggan di kantor pusat.",
            "Gaji tinggi, tiket pesawat dan mes gratis, tanpa pengalaman.",
            "Keuntungan harian tiga persen dijamin, penarikan kapan saja.",
            "Polisi mengimbau pencari kerja mewaspadai tawaran kerja di Kamboja.",
            "Kirim lamaran melalui halaman karier perusahaan kami.",
        ],
    ),
];

/// Queries built from the sentences above, in every language, with the shapes analysts type.
const QUERIES: &[&str] = &[
    "salary",
    "\"free flight\"",
    "telegram AND cambodia",
    "deposit OR withdraw",
    "\"customer service\" AND training",
    "客服",
    "包吃包住",
    "\"免费机票\"",
    "고객",
    "텔레그램",
    "\"항공권과 숙소\"",
    "勤務",
    "住居",
    "พนักงาน",
    "ตั๋วเครื่องบิน",
    "khách hàng",
    "\"vé máy bay\"",
    "campuchia",
    "lowongan",
    "\"tiket pesawat\"",
    "kamboja AND gaji",
    "usdt AND vip",
    "title:posting",
];

/// A small deterministic generator (SplitMix64).
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A valid TRON address (base58check of 0x41 and 20 bytes).
fn tron_address(seed: u64) -> String {
    let mut payload = vec![0x41];
    payload.extend_from_slice(&seed.to_be_bytes());
    payload.extend_from_slice(&seed.rotate_left(17).to_be_bytes());
    payload.extend_from_slice(&(seed as u32).to_be_bytes());
    bs58::encode(payload).with_check().into_string()
}

/// A made-up name in the page's script, so that the vocabulary grows with the corpus.
fn name(random: &mut Random, lang: &str) -> String {
    let (start, span, length) = match lang {
        "zh" | "ja" => (0x4E00, 3000, 2),
        "ko" => (0xAC00, 2000, 3),
        "th" => (0x0E01, 46, 4),
        _ => {
            const SYLLABLES: &[&str] = &["ka", "ri", "son", "me", "lo", "tan", "vi", "ra", "nu"];
            return (0..3)
                .map(|_| SYLLABLES[random.below(SYLLABLES.len())])
                .collect();
        }
    };
    (0..length)
        .filter_map(|_| char::from_u32(start + random.below(span) as u32))
        .collect()
}

/// One page: a title and ≈ 5 KB of text in one language, a wallet and a handle on some.
fn page(random: &mut Random, number: usize) -> (String, String) {
    let (lang, sentences) = SENTENCES[random.below(SENTENCES.len())];
    let mut body = String::new();
    while body.len() < TEXT_BYTES {
        body.push_str("<p>");
        for _ in 0..4 {
            body.push_str(sentences[random.below(sentences.len())]);
            body.push(' ');
            body.push_str(&name(random, lang));
            body.push(' ');
        }
        body.push_str("</p>\n");
    }
    if number.is_multiple_of(3) {
        body.push_str(&format!(
            "<p>USDT TRC20: {}</p><p>Telegram: @agent_{}</p>",
            tron_address(number as u64 % 5_000),
            number % 2_000
        ));
    }
    let url = format!("https://site{}.example/posts/{number}", number % 2_000);
    let html = format!(
        "<!doctype html><html lang={lang}><head><meta charset=utf-8><title>Posting {number} {}</title>\
         </head><body>{body}</body></html>",
        name(random, lang)
    );
    (url, html)
}

/// Writes the pages as `.warc.gz` archives (one gzip member per record); returns the bytes of
/// HTML written.
fn generate(folder: &Path, pages: usize) -> usize {
    let mut random = Random(42);
    let mut html_bytes = 0;
    let per_archive = pages.div_ceil(ARCHIVES);
    for archive in 0..ARCHIVES {
        let file =
            std::fs::File::create(folder.join(format!("bench-{archive:02}.warc.gz"))).unwrap();
        let mut out = std::io::BufWriter::new(file);
        for number in archive * per_archive..((archive + 1) * per_archive).min(pages) {
            let (url, html) = page(&mut random, number);
            html_bytes += html.len();
            let http = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
                html.len()
            );
            let record = format!(
                "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n\
                 WARC-Date: 2026-{:02}-{:02}T00:00:00Z\r\n\
                 Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
                1 + number % 12,
                1 + number % 28,
                http.len()
            );
            let mut encoder =
                flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            encoder.write_all(record.as_bytes()).unwrap();
            out.write_all(&encoder.finish().unwrap()).unwrap();
        }
        out.flush().unwrap();
    }
    html_bytes
}

/// The peak resident memory of process `pid` so far, in MB.
fn peak_mb(pid: &str) -> Option<f64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn folder_bytes(path: &Path) -> u64 {
    std::fs::read_dir(path)
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            if entry.file_type().unwrap().is_dir() {
                folder_bytes(&entry.path())
            } else {
                entry.metadata().unwrap().len()
            }
        })
        .sum()
}

fn percentile(sorted: &[Duration], fraction: f64) -> f64 {
    let at = ((sorted.len() as f64 * fraction).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[at].as_secs_f64() * 1000.0
}

fn main() {
    if std::env::args().any(|argument| argument == "--list") {
        return; // test runners ask benchmarks to list themselves
    }
    // `cargo bench` passes `--bench`; `cargo test --benches` does not, and gets a smoke run.
    let smoke = !std::env::args().any(|argument| argument == "--bench");
    let pages: usize = std::env::var("LUREWATCH_BENCH_PAGES")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(if smoke { 200 } else { 100_000 });
    let work = tempfile::tempdir().unwrap();
    let archives = work.path().join("archives");
    std::fs::create_dir(&archives).unwrap();
    let started = Instant::now();
    let html_bytes = generate(&archives, pages);
    println!(
        "generated {pages} pages, {:.0} MB of HTML in {ARCHIVES} archives ({:.0} MB gzip), {:.1} s",
        html_bytes as f64 / 1e6,
        folder_bytes(&archives) as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );

    let index = work.path().join("index");
    let started = Instant::now();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_lurewatch"))
        .args(["ingest", "--index"])
        .arg(&index)
        .arg(&archives)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id().to_string();
    let mut ingest_peak: f64 = 0.0;
    while child.try_wait().unwrap().is_none() {
        ingest_peak = ingest_peak.max(peak_mb(&pid).unwrap_or(0.0));
        std::thread::sleep(Duration::from_millis(50));
    }
    let seconds = started.elapsed().as_secs_f64();
    let output = child.wait_with_output().unwrap();
    let summary = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{summary}");
    println!("{}", summary.trim());
    println!(
        "ingest: {pages} pages in {seconds:.1} s = {:.0} pages/s, {:.1} MB/s of HTML; \
         index {:.0} MB; peak memory {ingest_peak:.0} MB (VmHWM sampled every 50 ms)",
        pages as f64 / seconds,
        html_bytes as f64 / 1e6 / seconds,
        folder_bytes(&index) as f64 / 1e6,
    );

    let corpus = Corpus::open(&index).unwrap();
    let mut random = Random(7);
    let mut latencies = Vec::with_capacity(1000);
    let mut matched = 0;
    for number in 0..1000 {
        let query = match number % 10 {
            0 => format!("wallet:{}", tron_address(random.below(5_000) as u64)),
            1 => tron_address(random.below(5_000) as u64),
            2 => format!("telegram:agent_{}", random.below(2_000)),
            _ => QUERIES[random.below(QUERIES.len())].to_owned(),
        };
        let request = SearchRequest {
            query,
            labels: match number % 7 {
                0 => vec!["recruitment_lure".to_owned()],
                1 => vec!["investment_fraud".to_owned(), "job_scam".to_owned()],
                _ => Vec::new(),
            },
            lang: (number % 11 == 0).then(|| "en".to_owned()),
            limit: 20,
            sort: match number % 5 {
                0 => SortOrder::Date,
                1 => SortOrder::Score,
                _ => SortOrder::Relevance,
            },
            ..SearchRequest::default()
        };
        let started = Instant::now();
        let results = search(&corpus, &request).unwrap();
        latencies.push(started.elapsed());
        matched += usize::from(results.total > 0);
    }
    latencies.sort();
    println!(
        "search: 1000 queries ({matched} with hits): p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms, \
         max {:.1} ms; peak memory of this process {:.0} MB",
        percentile(&latencies, 0.50),
        percentile(&latencies, 0.95),
        percentile(&latencies, 0.99),
        percentile(&latencies, 1.0),
        peak_mb("self").unwrap_or(0.0),
    );
}
