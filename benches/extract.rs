//! `cargo bench --bench extract`: throughput of the extract stage, single thread, on a generated
//! corpus of realistic HTML (≥ 50 MB, several languages, scripts, tables, links) with wallet
//! addresses and contact handles sprinkled in.
//!
//! (a) `extract/whole`: bytes → record (charset, parse, text, links, language, wallets, contacts).
//! (b) `extract/scan_text`: wallets + contacts over already-extracted text.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it cannot read"
)]

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use lurewatch::extract::{Source, extract, find_in_text};
use std::hint::black_box;

const CORPUS_BYTES: usize = 50 * 1024 * 1024 + 1;

const PARAGRAPHS: &[&str] = &[
    "We are hiring customer service representatives for our office. Competitive salary, training provided, and a friendly team. Apply through our careers page with your CV and a short cover letter.",
    "고객 상담원을 모집합니다. 근무 시간은 주 5일이며, 경력자는 우대합니다. 자세한 내용은 채용 페이지를 확인해 주세요.",
    "本公司诚聘网络客服，工作轻松，待遇优厚，欢迎有志之士加入我们的团队。请通过官方渠道投递简历。",
    "รับสมัครพนักงานบริการลูกค้า ทำงานที่สำนักงานใหญ่ มีสวัสดิการครบถ้วน สนใจติดต่อฝ่ายบุคคล",
    "Tuyển nhân viên chăm sóc khách hàng, làm việc tại văn phòng, có đào tạo, lương thưởng hấp dẫn theo năng lực.",
    "Lowongan kerja staf layanan pelanggan, pengalaman tidak diperlukan, pelatihan disediakan oleh perusahaan.",
    "Our platform offers daily market analysis, portfolio tools and educational articles. Investing involves risk; past performance does not guarantee future results.",
    "海外での勤務経験を活かせる仕事です。応募は公式サイトからお願いします。面接はオンラインで行います。",
];

const ADDRESSES: &[&str] = &[
    "TYQZaJEZiFsiGzPdj7HjV4NsTmeywhiML8",
    "1PSMaErqZXkm7pL18qe1xugjYyufgWh1sC",
    "0xf61e56ff67b1F0B7C59A086378E735B609E383b4",
    "bc1q7c09dlm8k8ct03v6pp3h3ee4kcy78qa5hc0fj7",
    "rPSM2NiqZXkmfFLr3qerxugjYyuCgW6r1U",
    "LhfJqTAfeBzpNd2AJydKEvkVmCGwnwuzCc",
];

const SCRIPT: &str = "(function(){var a=document.querySelectorAll('.nav a');for(var i=0;i<a.length;i++){a[i].addEventListener('click',function(e){window.dataLayer=window.dataLayer||[];window.dataLayer.push({event:'nav',id:this.id});});}})();";

/// A deterministic generator so every run measures the same corpus.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, bound: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % bound
    }
}

fn page(random: &mut Lcg, number: usize) -> String {
    let mut html = format!(
        "<!DOCTYPE html><html lang=en><head><meta charset=\"utf-8\"><title>Page {number} — jobs and news</title>\
         <meta name=description content=\"Listing {number}\"><link rel=stylesheet href=/s.css>\
         <style>.nav a{{color:#333}} .card{{margin:4px}}</style><script>{SCRIPT}</script></head><body>\
         <header><nav class=nav><a href=/>Home</a> <a href=/jobs?page={number}>Jobs</a> <a href=/news/{number}#top>News</a></nav></header><main>"
    );
    for section in 0..(8 + random.next(12)) {
        html.push_str(&format!(
            "<section class=card id=s{section}><h2>Section {section}</h2>"
        ));
        for _ in 0..(2 + random.next(5)) {
            html.push_str("<p>");
            html.push_str(PARAGRAPHS[random.next(PARAGRAPHS.len())]);
            if random.next(6) == 0 {
                html.push_str(&format!(
                    " <b>Deposit</b>: <span>{}</span>",
                    ADDRESSES[random.next(ADDRESSES.len())]
                ));
            }
            if random.next(8) == 0 {
                html.push_str(&format!(
                    " Telegram: @desk_{} · <a href=\"https://t.me/desk_{}\">chat</a>",
                    random.next(999),
                    random.next(999)
                ));
            }
            html.push_str("</p>");
        }
        if random.next(3) == 0 {
            html.push_str("<table><tr><th>Plan</th><th>Rate</th></tr>");
            for row in 0..5 {
                html.push_str(&format!(
                    "<tr><td>Level {row}</td><td>{}.{}%</td></tr>",
                    random.next(9),
                    random.next(99)
                ));
            }
            html.push_str("</table>");
        }
        html.push_str(&format!(
            "<ul><li><a href=\"/item/{}\">Item</a></li><li><a href=\"https://example.org/{}\" title=\"more\">More</a></li></ul></section>",
            random.next(100_000),
            random.next(100_000)
        ));
    }
    html.push_str(
        "</main><footer><p>© 2026 Example. Contact: info@example.org</p></footer></body></html>",
    );
    html
}

fn corpus() -> Vec<String> {
    let mut random = Lcg(42);
    let mut pages = Vec::new();
    let mut total = 0;
    while total < CORPUS_BYTES {
        let page = page(&mut random, pages.len());
        total += page.len();
        pages.push(page);
    }
    pages
}

fn bench_extract(criterion: &mut Criterion) {
    let pages = corpus();
    let bytes: usize = pages.iter().map(String::len).sum();
    let texts: Vec<String> = pages
        .iter()
        .map(|page| {
            extract(page.as_bytes(), &Source::default())
                .expect("generated pages extract")
                .text
        })
        .collect();
    let text_bytes: usize = texts.iter().map(String::len).sum();
    eprintln!(
        "corpus: {} pages, {:.1} MB of HTML, {:.1} MB of extracted text",
        pages.len(),
        bytes as f64 / 1e6,
        text_bytes as f64 / 1e6
    );

    let mut group = criterion.benchmark_group("extract");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("whole", |bencher| {
        bencher.iter(|| {
            for page in &pages {
                black_box(
                    extract(black_box(page.as_bytes()), &Source::default())
                        .expect("generated pages extract"),
                );
            }
        });
    });
    group.throughput(Throughput::Bytes(text_bytes as u64));
    group.bench_function("scan_text", |bencher| {
        bencher.iter(|| {
            for text in &texts {
                black_box(find_in_text(black_box(text)));
            }
        });
    });
    group.finish();
}

criterion_group!(benches, bench_extract);
criterion_main!(benches);
