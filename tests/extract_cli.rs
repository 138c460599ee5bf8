//! Runs the real `lurewatch extract` binary over pages written here: every hiding place of an
//! address, every charset of the region, every contact form, and every kind of bad input.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it cannot read"
)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const TRON: &str = "TYQZaJEZiFsiGzPdj7HjV4NsTmeywhiML8";
const BITCOIN: &str = "1PSMaErqZXkm7pL18qe1xugjYyufgWh1sC";
const ETHEREUM: &str = "0xf61e56ff67b1F0B7C59A086378E735B609E383b4";
const SEGWIT: &str = "bc1q7c09dlm8k8ct03v6pp3h3ee4kcy78qa5hc0fj7";
const XRP: &str = "rPSM2NiqZXkmfFLr3qerxugjYyuCgW6r1U";
const SOLANA: &str = "HZk8L3xaaGYGoJcdzMbRxN35GHKqxpy2bNmeBpZ6WKcU";
const LITECOIN: &str = "LhfJqTAfeBzpNd2AJydKEvkVmCGwnwuzCc";
const DOGE: &str = "DTaT7VoUrwf3epWbsRdaWfrLS7dy6RT5Yh";
const TON: &str = "EQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPrHF";
const MONERO: &str = "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A";

fn lurewatch(arguments: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_lurewatch"));
    command.args(arguments);
    match stdin {
        None => command.output().unwrap(),
        Some(bytes) => {
            use std::io::Write;
            command
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
            let mut child = command.spawn().unwrap();
            child.stdin.take().unwrap().write_all(bytes).unwrap();
            child.wait_with_output().unwrap()
        }
    }
}

fn write(folder: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = folder.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

fn records(output: &Output) -> Vec<Value> {
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

fn extract_one(bytes: &[u8]) -> Value {
    let folder = tempfile::tempdir().unwrap();
    let path = write(folder.path(), "page.html", bytes);
    let output = lurewatch(&["extract", "--json", path.to_str().unwrap()], None);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    records(&output).remove(0)
}

fn addresses(record: &Value) -> Vec<String> {
    let mut found: Vec<String> = record["wallets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|wallet| wallet["address"].as_str().unwrap().to_owned())
        .collect();
    found.sort();
    found
}

fn contacts(record: &Value) -> Vec<(String, String)> {
    record["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|contact| {
            (
                contact["kind"].as_str().unwrap().to_owned(),
                contact["value"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn every_hiding_place_gives_up_its_address() {
    let cases: Vec<(&str, String, &str)> = vec![
        ("visible text", format!("<p>Deposit here: {TRON}</p>"), TRON),
        (
            "href payment URI",
            format!("<a href='bitcoin:{BITCOIN}?amount=0.5'>pay</a>"),
            BITCOIN,
        ),
        (
            "img src QR file name",
            format!("<img src='/qr/qr_{XRP}.png'>"),
            XRP,
        ),
        (
            "hidden input value",
            format!("<input type=hidden value='{ETHEREUM}'>"),
            ETHEREUM,
        ),
        (
            "data attribute",
            format!("<button data-clipboard-text='{SEGWIT}'>copy</button>"),
            SEGWIT,
        ),
        (
            "alt text",
            format!("<img src=x.png alt='{LITECOIN}'>"),
            LITECOIN,
        ),
        (
            "title attribute",
            format!("<span title='{DOGE}'>hover</span>"),
            DOGE,
        ),
        (
            "inline script JSON",
            format!("<script>var cfg = {{\"pay\": \"{TRON}\"}};</script>"),
            TRON,
        ),
        (
            "JSON script block",
            format!("<script type='application/json'>{{\"ton\":\"{TON}\"}}</script>"),
            TON,
        ),
        (
            "display:none block",
            format!("<div style='display:none'>{MONERO}</div>"),
            MONERO,
        ),
        (
            "split by inline tags",
            format!(
                "<p>{}<b>{}</b><i>{}</i></p>",
                &TRON[..10],
                &TRON[10..20],
                &TRON[20..]
            ),
            TRON,
        ),
        (
            "zero-width characters",
            format!(
                "<p>{}\u{200B}{}\u{200D}{}</p>",
                &TRON[..5],
                &TRON[5..15],
                &TRON[15..]
            ),
            TRON,
        ),
        (
            "soft hyphen entity",
            format!("<p>{}&shy;{}</p>", &BITCOIN[..12], &BITCOIN[12..]),
            BITCOIN,
        ),
        (
            "numeric entities",
            format!("<p>&#{};{}</p>", TRON.as_bytes()[0], &TRON[1..]),
            TRON,
        ),
        (
            "full-width letters",
            format!("<p>{}</p>", full_width(TRON)),
            TRON,
        ),
        (
            "solana URI",
            format!("<a href='solana:{SOLANA}?amount=2'>Phantom</a>"),
            SOLANA,
        ),
        (
            "solana with its name",
            format!("<p>SOL deposit: {SOLANA}</p>"),
            SOLANA,
        ),
    ];
    for (place, body, expected) in cases {
        let page = format!("<html><head><meta charset=utf-8></head><body>{body}</body></html>");
        let record = extract_one(page.as_bytes());
        assert_eq!(
            addresses(&record),
            [expected.to_owned()],
            "hiding place: {place}"
        );
    }
}

fn full_width(text: &str) -> String {
    text.chars()
        .map(|character| char::from_u32(character as u32 - 0x21 + 0xFF01).unwrap())
        .collect()
}

#[test]
fn context_rule_is_recorded_for_forms_without_checksum() {
    let lower = ETHEREUM.to_lowercase();
    let record =
        extract_one(format!("<p>USDT (ERC20) {lower}</p><p>unrelated {}</p>", SOLANA).as_bytes());
    let wallets = record["wallets"].as_array().unwrap();
    assert_eq!(wallets.len(), 1, "{wallets:?}");
    assert_eq!(wallets[0]["rule"], "context-chain");
    assert_eq!(wallets[0]["chain"], "eth");
}

#[test]
fn charsets_of_the_region_come_out_right() {
    let cases: [(&encoding_rs::Encoding, &str, &str); 6] = [
        (
            encoding_rs::GBK,
            "gbk",
            "高薪招聘网络客服，包吃包住，报销机票，公司负责办理签证，工作地点在柬埔寨西港，月薪两万起。",
        ),
        (
            encoding_rs::BIG5,
            "big5",
            "高薪招聘網路客服，包吃包住，報銷機票，公司負責辦理簽證，工作地點在柬埔寨西港，月薪兩萬起。",
        ),
        (
            encoding_rs::SHIFT_JIS,
            "shift_jis",
            "高収入の海外勤務です。航空券と住居は会社が負担します。未経験でも大丈夫です。テレグラムでご連絡ください。",
        ),
        (
            encoding_rs::EUC_KR,
            "euc-kr",
            "해외 고수익 상담원을 모집합니다. 항공권과 숙소를 제공하며 경력은 필요 없습니다. 텔레그램으로 연락 주세요.",
        ),
        (
            encoding_rs::WINDOWS_874,
            "tis-620",
            "รับสมัครพนักงานทำงานต่างประเทศ เงินเดือนสูงมาก มีที่พักและอาหารฟรี ไม่ต้องมีประสบการณ์ ติดต่อทางไลน์",
        ),
        (
            encoding_rs::WINDOWS_1258,
            "windows-1258",
            "Tuyển nhân viên chăm sóc khách hàng làm việc tại Campuchia, lương cao, bao ăn ở, hỗ trợ vé máy bay.",
        ),
    ];
    for (encoding, label, text) in cases {
        let (bytes, _, unmappable) = encoding.encode(text);
        let bytes = if encoding == encoding_rs::WINDOWS_1258 {
            windows_1258_decomposed(text)
        } else {
            assert!(!unmappable, "{label}");
            bytes.into_owned()
        };
        for declared in [true, false] {
            let mut page = Vec::new();
            if declared {
                page.extend_from_slice(
                    format!("<html><head><meta charset=\"{label}\"></head><body><p>").as_bytes(),
                );
            } else {
                page.extend_from_slice(b"<html><body><p>");
            }
            page.extend_from_slice(&bytes);
            page.extend_from_slice(b"</p></body></html>");
            let record = extract_one(&page);
            assert_eq!(record["text"], text, "{label}, declared: {declared}");
        }
    }
}

/// Vietnamese in Windows-1258 as real pages write it: letters with their vowel marks
/// precomposed (â ê ô ă ơ ư), tones as combining marks after them.
fn windows_1258_decomposed(text: &str) -> Vec<u8> {
    let decomposed = icu_normalizer::DecomposingNormalizerBorrowed::new_nfd().normalize(text);
    let compose = icu_normalizer::ComposingNormalizerBorrowed::new_nfc();
    let mut bytes = Vec::new();
    let mut chars = decomposed.chars().peekable();
    while let Some(base) = chars.next() {
        let mut letter = base.to_string();
        let mut tones = String::new();
        while let Some(&mark) = chars
            .peek()
            .filter(|mark| ('\u{0300}'..='\u{036F}').contains(*mark))
        {
            if matches!(mark, '\u{0302}' | '\u{0306}' | '\u{031B}') {
                letter.push(mark);
            } else {
                tones.push(mark);
            }
            chars.next();
        }
        let letter = compose.normalize(&letter).into_owned();
        for part in [letter, tones] {
            let (encoded, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&part);
            assert!(!unmappable, "{part}");
            bytes.extend_from_slice(&encoded);
        }
    }
    bytes
}

#[test]
fn every_contact_form_is_found_and_normalized() {
    let page = "<html><body>\
        <a href='https://t.me/HR_Cambodia88'>TG</a> <a href='tg://resolve?domain=pay_desk01'>app</a>\
        <p>Telegram: @Boss_Lee777 · 飞机 @xg_hr_2025 · 텔레그램 @kr_job_cs</p>\
        <a href='https://wa.me/85512345678'>WhatsApp</a>\
        <a href='https://api.whatsapp.com/send?phone=66812345678&text=hi'>wa</a>\
        <a href='https://chat.whatsapp.com/AbCdEfGhIjKlMn123'>group</a>\
        <a href='https://line.me/ti/p/~thai.recruit'>LINE</a> <p>LINE ID: @jobs_th99</p>\
        <p>微信：xghr8888 · VX: vx_boss_2024</p>\
        <a href='https://open.kakao.com/o/sKh2025cs'>오픈채팅</a> <p>카톡 아이디: kakao_hr77</p>\
        <a href='https://signal.me/#p/+85598765432'>Signal</a>\
        <p>Email: hr.desk [at] example-jobs (dot) com · <a href='mailto:Apply@Example-Jobs.com'>apply</a></p>\
        <p>Hotline: +66 2 123 4567 · 0086 138 0013 8000</p>\
        </body></html>";
    let found = contacts(&extract_one(page.as_bytes()));
    for (kind, value) in [
        ("telegram", "hr_cambodia88"),
        ("telegram", "pay_desk01"),
        ("telegram", "boss_lee777"),
        ("telegram", "xg_hr_2025"),
        ("telegram", "kr_job_cs"),
        ("whatsapp", "+85512345678"),
        ("whatsapp", "+66812345678"),
        ("whatsapp", "group:AbCdEfGhIjKlMn123"),
        ("line", "thai.recruit"),
        ("line", "jobs_th99"),
        ("wechat", "xghr8888"),
        ("wechat", "vx_boss_2024"),
        ("kakao", "open:sKh2025cs"),
        ("kakao", "kakao_hr77"),
        ("signal", "+85598765432"),
        ("email", "hr.desk@example-jobs.com"),
        ("email", "apply@example-jobs.com"),
        ("phone", "+6621234567"),
        ("phone", "+8613800138000"),
    ] {
        assert!(
            found.contains(&(kind.to_owned(), value.to_owned())),
            "missing {kind}:{value} in {found:?}"
        );
    }
}

#[test]
fn bad_inputs_are_reported_and_the_others_go_on() {
    let folder = tempfile::tempdir().unwrap();
    let good = write(
        folder.path(),
        "good.html",
        format!("<p>{TRON}</p>").as_bytes(),
    );
    let empty = write(folder.path(), "empty.html", b"");
    let binary = write(
        folder.path(),
        "binary.html",
        b"\x7fELF\x02\x01\x01\x00\x00\x00",
    );
    let nul = write(folder.path(), "nul.txt", b"text\x00with\x00nul");
    let invalid = write(
        folder.path(),
        "invalid.html",
        b"<meta charset=utf-8><p>ok \xff\xfe bytes</p>",
    );
    let large = write(folder.path(), "large.txt", &vec![b'a'; 2_000_001]);
    let deep = write(
        folder.path(),
        "deep.html",
        format!(
            "{}<p>{TRON}</p>{}",
            "<div>".repeat(100_000),
            "</div>".repeat(100_000)
        )
        .as_bytes(),
    );
    let missing = folder.path().join("missing.html");
    let paths: Vec<&str> = [
        &good, &empty, &binary, &nul, &invalid, &large, &deep, &missing,
    ]
    .iter()
    .map(|path| path.to_str().unwrap())
    .collect();
    let mut arguments = vec!["extract", "--json", "--max-bytes", "2000000"];
    arguments.extend(paths);
    let output = lurewatch(&arguments, None);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let records = records(&output);
    let sources: Vec<&str> = records
        .iter()
        .map(|record| record["source"].as_str().unwrap())
        .collect();
    assert_eq!(sources.len(), 3, "{sources:?}");
    assert!(
        sources[0].ends_with("good.html")
            && sources[1].ends_with("invalid.html")
            && sources[2].ends_with("deep.html")
    );
    assert_eq!(addresses(&records[2]), [TRON]);
    for expected in [
        "empty.html: input is empty",
        "binary.html: input looks binary",
        "nul.txt: input looks binary",
        "large.txt: input is larger than the 2000000-byte cap",
        "invalid.html: invalid UTF-8 bytes were replaced",
        "missing.html: cannot read",
    ] {
        assert!(
            stderr.contains(expected),
            "missing «{expected}» in:\n{stderr}"
        );
    }
}

#[test]
fn stdin_folders_and_base_url() {
    let output = lurewatch(
        &[
            "extract",
            "--json",
            "--base-url",
            "https://jobs.example/kh/",
            "-",
        ],
        Some(b"<a href='apply#form'>apply</a>"),
    );
    assert!(output.status.success());
    assert_eq!(
        records(&output)[0]["links"][0],
        "https://jobs.example/kh/apply"
    );

    let folder = tempfile::tempdir().unwrap();
    std::fs::create_dir(folder.path().join("nested")).unwrap();
    write(folder.path(), "a.html", b"<p>a</p>");
    write(&folder.path().join("nested"), "b.txt", b"b");
    write(folder.path(), "skip.png", b"\x89PNG");
    let output = lurewatch(
        &["extract", "--json", folder.path().to_str().unwrap()],
        None,
    );
    assert!(output.status.success());
    assert_eq!(records(&output).len(), 2);
}

#[test]
fn human_output_escapes_terminal_controls() {
    let output = lurewatch(
        &["extract", "-"],
        Some("<title>Job\u{1b}[2J\u{202E}offer</title><p>x</p>".as_bytes()),
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("title:    Job\\u{1b}[2Joffer"), "{stdout}");
    assert!(!stdout.contains('\u{1b}'));
}
