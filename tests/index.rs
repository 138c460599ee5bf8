//! The corpus on a real tantivy index in a temporary folder: multilingual word and phrase
//! queries, filters, upsert by URL, bare wallets and handles, and one writer at a time.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it cannot read"
)]

use lurewatch::extract::{Contact, ContactKind};
use lurewatch::index::search::SortOrder;
use lurewatch::index::{Corpus, IndexError, PageRecord, SearchRequest, Upsert, search};
use lurewatch::wallet::{Chain, WalletAddress};

fn page(url: &str, lang: &str, label: &str, body: &str) -> PageRecord {
    PageRecord {
        url: url.to_owned(),
        title: format!("page {url}"),
        body: body.to_owned(),
        lang: Some(lang.to_owned()),
        label: Some((label.to_owned(), 0.9)),
        fetched_at: 1_780_000_000,
        sha256: format!("{:x}", body.len()),
        ..PageRecord::default()
    }
}

fn urls(corpus: &Corpus, request: SearchRequest) -> Vec<String> {
    let mut found: Vec<String> = search(
        corpus,
        &SearchRequest {
            limit: 50,
            ..request
        },
    )
    .unwrap()
    .hits
    .into_iter()
    .map(|hit| hit.url)
    .collect();
    found.sort();
    found
}

fn query(text: &str) -> SearchRequest {
    SearchRequest {
        query: text.to_owned(),
        ..SearchRequest::default()
    }
}

fn corpus_with_pages() -> (tempfile::TempDir, Corpus) {
    let folder = tempfile::tempdir().unwrap();
    let corpus = Corpus::open(folder.path()).unwrap();
    let pages = [
        page(
            "https://jobs.example.com/en",
            "en",
            "recruitment_lure",
            "Customer service in Sihanoukville, contact us on Telegram",
        ),
        page(
            "https://zh.example.cn/1",
            "zh",
            "recruitment_lure",
            "西港高薪招聘网络客服，包吃包住，报销机票",
        ),
        page(
            "https://zh-hant.example.tw/1",
            "zh",
            "recruitment_lure",
            "柬埔寨高薪誠聘客服，機票全包，免經驗",
        ),
        page(
            "https://ko.example.kr/1",
            "ko",
            "recruitment_lure",
            "캄보디아에서 근무할 상담원 모집, 항공권 제공",
        ),
        page(
            "https://ja.example.jp/1",
            "ja",
            "benign",
            "カンボジアの求人詐欺に注意してください",
        ),
        page(
            "https://th.example.co.th/1",
            "th",
            "recruitment_lure",
            "รับสมัครพนักงาน เงินเดือนสูง มีที่พักฟรี",
        ),
        page(
            "https://vi.example.vn/1",
            "vi",
            "recruitment_lure",
            "Tuyển nhân viên, lương cao, bao ăn ở",
        ),
        page(
            "https://id.example.co.id/1",
            "id",
            "benign",
            "Polisi mengimbau waspada lowongan kerja palsu di Kamboja",
        ),
    ];
    {
        let mut writer = corpus.writer().unwrap();
        for page in &pages {
            assert_eq!(writer.upsert(page).unwrap(), Upsert::Added);
        }
        writer.commit().unwrap();
    }
    (folder, corpus)
}

#[test]
fn a_word_or_phrase_in_each_language_finds_its_page() {
    let (_folder, corpus) = corpus_with_pages();
    for (text, url) in [
        ("telegram AND sihanoukville", "https://jobs.example.com/en"),
        ("包吃包住", "https://zh.example.cn/1"),
        ("機票全包", "https://zh-hant.example.tw/1"),
        ("캄보디아", "https://ko.example.kr/1"),
        ("詐欺", "https://ja.example.jp/1"),
        ("เงินเดือน", "https://th.example.co.th/1"),
        ("luong cao", "https://vi.example.vn/1"),
        // Tones typed as combining marks: "bao ăn ở".
        (
            "\"bao a\u{306}n o\u{31B}\u{309}\"",
            "https://vi.example.vn/1",
        ),
        ("\"lowongan kerja palsu\"", "https://id.example.co.id/1"),
    ] {
        assert_eq!(urls(&corpus, query(text)), [url], "{text}");
    }
    assert!(urls(&corpus, query("\"kerja lowongan\"")).is_empty());
}

#[test]
fn filters_narrow_the_hits() {
    let (_folder, corpus) = corpus_with_pages();
    let benign = SearchRequest {
        labels: vec!["benign".into()],
        ..query("*")
    };
    assert_eq!(urls(&corpus, benign).len(), 2);
    let thai = SearchRequest {
        lang: Some("th".into()),
        ..query("*")
    };
    assert_eq!(urls(&corpus, thai), ["https://th.example.co.th/1"]);
    let domain = SearchRequest {
        domain: Some("example.co.th".into()),
        ..query("*")
    };
    assert_eq!(urls(&corpus, domain), ["https://th.example.co.th/1"]);
    let later = SearchRequest {
        since: Some(1_790_000_000),
        ..query("*")
    };
    assert!(urls(&corpus, later).is_empty());
    let results = search(
        &corpus,
        &SearchRequest {
            limit: 2,
            offset: 1,
            ..query("*")
        },
    )
    .unwrap();
    assert_eq!((results.total, results.hits.len()), (8, 2));
}

#[test]
fn hits_sort_by_score_and_by_date() {
    let folder = tempfile::tempdir().unwrap();
    let corpus = Corpus::open(folder.path()).unwrap();
    let mut writer = corpus.writer().unwrap();
    for (number, score, day) in [(1, 0.5, 3), (2, 0.9, 1), (3, 0.7, 2)] {
        let mut record = page(
            &format!("https://s.example/{number}"),
            "en",
            "benign",
            &format!("page number {number}"),
        );
        record.label = Some(("benign".into(), score));
        record.fetched_at = 1_780_000_000 + day * 86_400;
        writer.upsert(&record).unwrap();
    }
    writer.commit().unwrap();
    let order = |sort| -> Vec<String> {
        search(
            &corpus,
            &SearchRequest {
                sort,
                limit: 10,
                ..query("*")
            },
        )
        .unwrap()
        .hits
        .into_iter()
        .map(|hit| hit.url)
        .collect()
    };
    assert_eq!(
        order(SortOrder::Score),
        [
            "https://s.example/2",
            "https://s.example/3",
            "https://s.example/1"
        ]
    );
    assert_eq!(
        order(SortOrder::Date),
        [
            "https://s.example/1",
            "https://s.example/3",
            "https://s.example/2"
        ]
    );
}

#[test]
fn upsert_replaces_by_url_and_skips_unchanged_pages() {
    let (_folder, corpus) = corpus_with_pages();
    let mut changed = page(
        "https://vi.example.vn/1",
        "vi",
        "recruitment_lure",
        "Tuyển gấp, lương cao hơn nữa",
    );
    let mut writer = corpus.writer().unwrap();
    assert_eq!(
        writer
            .upsert(&page(
                "https://vi.example.vn/1",
                "vi",
                "recruitment_lure",
                "Tuyển nhân viên, lương cao, bao ăn ở"
            ))
            .unwrap(),
        Upsert::Unchanged
    );
    changed.sha256 = "changed".into();
    assert_eq!(writer.upsert(&changed).unwrap(), Upsert::Replaced);
    assert_eq!(
        writer.upsert(&changed).unwrap(),
        Upsert::Unchanged,
        "the same page twice in one batch"
    );
    writer.commit().unwrap();
    assert_eq!(urls(&corpus, query("luong")), ["https://vi.example.vn/1"]);
    assert!(urls(&corpus, query("bao")).is_empty());
}

#[test]
fn wallets_and_handles_are_found_bare_and_by_field() {
    let folder = tempfile::tempdir().unwrap();
    let corpus = Corpus::open(folder.path()).unwrap();
    let address = "TYQZaJEZiFsiGzPdj7HjV4NsTmeywhiML8";
    let mut record = page(
        "https://a.example/1",
        "en",
        "investment_fraud",
        "deposit here",
    );
    record.wallets = vec![WalletAddress::parse(Chain::Trx, address).unwrap()];
    record.contacts = vec![Contact {
        kind: ContactKind::Telegram,
        value: "hr_kh88".into(),
    }];
    let mut writer = corpus.writer().unwrap();
    writer.upsert(&record).unwrap();
    writer
        .upsert(&page("https://b.example/2", "en", "benign", "nothing here"))
        .unwrap();
    writer.commit().unwrap();
    for text in [
        address.to_owned(),
        format!("wallet:{address}"),
        "telegram:hr_kh88".to_owned(),
        "hr_kh88".to_owned(),
    ] {
        assert_eq!(
            urls(&corpus, query(&text)),
            ["https://a.example/1"],
            "{text}"
        );
    }
    let hit = &search(
        &corpus,
        &SearchRequest {
            limit: 1,
            ..query(address)
        },
    )
    .unwrap()
    .hits[0];
    assert_eq!(hit.wallets, [address]);
    assert_eq!(hit.contacts, ["telegram:hr_kh88"]);
    assert_eq!(hit.domain, "a.example");
}

#[test]
fn one_writer_at_a_time_and_readers_never_wait() {
    let (folder, corpus) = corpus_with_pages();
    let mut writer = corpus.writer().unwrap();
    let second = Corpus::open(folder.path()).unwrap();
    assert!(matches!(second.writer(), Err(IndexError::Busy(_))));
    writer
        .upsert(&page(
            "https://new.example/1",
            "en",
            "benign",
            "uncommitted page",
        ))
        .unwrap();
    assert!(
        urls(&second, query("uncommitted")).is_empty(),
        "readers see only what is committed"
    );
    writer.commit().unwrap();
    assert_eq!(
        urls(&second, query("uncommitted")),
        ["https://new.example/1"]
    );
}
