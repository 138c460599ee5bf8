//! Runs the real `lurewatch classify`, `train` and `eval` binaries: the shipped model on pages
//! and JSON Lines, bad input of every kind, and a small deterministic training run.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it cannot read"
)]

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn lurewatch(arguments: &[&str], stdin: Option<&[u8]>) -> Output {
    lurewatch_in(Path::new(env!("CARGO_MANIFEST_DIR")), arguments, stdin)
}

fn lurewatch_in(folder: &Path, arguments: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_lurewatch"));
    command.args(arguments).current_dir(folder);
    command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.unwrap_or_default())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn lines(output: &Output) -> Vec<Value> {
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

fn classify_jsonl(input: &str) -> (Vec<Value>, String, Option<i32>) {
    let output = lurewatch(&["classify", "--jsonl", "-"], Some(input.as_bytes()));
    (
        lines(&output),
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code(),
    )
}

fn line(id: &str, text: &str) -> String {
    serde_json::json!({"id": id, "text": text}).to_string() + "\n"
}

#[test]
fn the_shipped_model_flags_lures_and_fraud_with_reasons_and_spares_warnings() {
    let input = [
        line("lure", "캄보디아 시아누크빌 고객상담원 모집! 월급 500만원 보장, 경력 무관, 왕복 항공권·숙소·식사 제공. 나이 20~35세. 여권만 있으면 바로 출국, 텔레그램 @kh_cs_recruit 로 문의"),
        line("fraud", "AI quant arbitrage: earn 3% per day, guaranteed. VIP1 minimum deposit 100 USDT (TRC20). Refer friends for 10% commission. Withdrawals after paying the 15% tax."),
        line("unnamed", "Urgent! Chat support staff for Poipet. The company name will be disclosed at the interview, travel on a tourist visa, no contract needed. $1,400 a month, free flight and dorm. Telegram @pp_support"),
        line("warning", "Police warn jobseekers: fake ads promise high salaries, free flights and visas for customer service work in Sihanoukville. Victims' passports were taken and they were forced into online scams. Never contact recruiters only on Telegram; call the embassy hotline."),
    ]
    .concat();
    let (results, stderr, code) = classify_jsonl(&input);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(results[0]["label"], "recruitment_lure", "{:?}", results[0]);
    assert_eq!(results[1]["label"], "investment_fraud", "{:?}", results[1]);
    assert_eq!(results[2]["label"], "recruitment_lure", "{:?}", results[2]);
    assert_eq!(results[3]["label"], "benign", "{:?}", results[3]);
    for result in &results[..3] {
        let reasons = result["reasons"].as_array().unwrap();
        assert!(!reasons.is_empty());
        let scores = result["scores"].as_object().unwrap();
        let total: f64 = scores.values().map(|score| score.as_f64().unwrap()).sum();
        assert!((total - 1.0).abs() < 1e-3);
        assert_eq!(result["score"], scores[result["label"].as_str().unwrap()]);
    }
    let lure_reasons = results[0]["reasons"].to_string();
    assert!(lure_reasons.contains("destination"), "{lure_reasons}");
    // An employer that cannot be checked is named as a red flag.
    let unnamed_reasons = results[2]["reasons"].to_string();
    assert!(
        unnamed_reasons.contains("employer: name withheld, no work visa, no contract"),
        "{unnamed_reasons}"
    );
    // The model's terms are shown as the page writes them, for the analyst to find.
    for (result, input) in results.iter().zip(input.lines()) {
        let text: Value = serde_json::from_str(input).unwrap();
        let title = text["title"].as_str().unwrap_or_default();
        let page = format!("{title}\n{}", text["text"].as_str().unwrap());
        for reason in result["reasons"].as_array().unwrap() {
            for term in reason.as_str().unwrap().split('«').skip(1) {
                let term = term.split('»').next().unwrap();
                match term.strip_prefix("title: ") {
                    Some(term) => assert!(title.contains(term), "«{term}» is not in {title}"),
                    None => assert!(page.contains(term), "«{term}» is not in {page}"),
                }
            }
        }
    }
    assert!(
        results[1]["reasons"].to_string().contains("3% per day"),
        "{}",
        results[1]["reasons"]
    );
    // A warning names the words that made it benign, then the red flags it repeats; words
    // that every page holds are not shown.
    let warning_reasons: Vec<&str> = results[3]["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|reason| reason.as_str().unwrap())
        .collect();
    assert!(
        warning_reasons[0].starts_with("red flags seen, but the page reads as benign, e.g. «"),
        "{warning_reasons:?}"
    );
    assert!(
        warning_reasons.contains(&"destination: Sihanoukville, Cambodia"),
        "{warning_reasons:?}"
    );
    for common in ["«the»", "«and»", "«for»", "«in»"] {
        assert!(!warning_reasons[0].contains(common), "{warning_reasons:?}");
    }
}

/// Whole pages as a crawl extracts them (menus, like counts, comments, related links, footers):
/// a lure posted in a job group is still a lure, and a news article that quotes such an ad is
/// still benign.
#[test]
fn whole_pages_are_judged_by_their_content_not_their_chrome() {
    let lure_in_a_group = r#"Loker Luar Negeri Terpercaya 2026
Grup Publik · 61,3 rb anggota
Beranda   Diskusi   Unggulan   Anggota   Acara   Media   + Gabung

Rina Kusuma Wardhani · 5 jam · 🌏
✈️ DIBUTUHKAN SEGERA ✈️ Admin Chat / Customer Service Online
📍 Penempatan: Phnom Penh, KAMBOJA
💵 Gaji pokok Rp 18.000.000 – 25.000.000 per bulan + bonus target
✅ Tiket pesawat PP GRATIS, visa diurus perusahaan
✅ Mess + makan 3x sehari ditanggung
✅ Tanpa pengalaman, yang penting bisa mengetik cepat (min. 30 kata/menit)
✅ Usia 18–32 tahun, pria/wanita, paspor aktif
❗ Berangkat minggu ini, kuota terbatas!! Bisa kasbon untuk keluarga sebelum berangkat
Minat? Langsung chat HRD di Telegram 👉 @hrd_pp_karir (fast respon). Bawa teman dapat bonus Rp 2 juta per orang 🙏

👍 ❤️ 388    142 komentar    57 kali dibagikan
Paling relevan ▾
Dedi Saputra — Minat kak, sudah PM ya
Wulan A. — Kak, paspor belum ada bisa dibantu?
   Rina Kusuma Wardhani — Bisa kak, chat Telegram saja
Bayu P. — Info kerjaannya apa detailnya?
Lihat 138 komentar lainnya"#;
    let news_article = r#"東都タイムズ デジタル　ニュース　国際　経済　社会　スポーツ　ライフ　ログイン　会員登録
トップ ＞ 国際 ＞ アジア

「月収60万円・渡航費無料」の求人に注意　カンボジアで日本人保護、特殊詐欺拠点か
2026年3月4日 18:12　国際部・森田遼

外務省は4日、SNSで「高収入の海外オフィスワーク」に応募した20代の男性2人が、カンボジア南部シアヌークビルの施設で監禁状態に置かれ、現地当局に保護されたと発表した。

関係者によると、募集は「月収60万円以上、未経験OK、航空券と寮は会社負担、タイピングができれば可」とうたい、連絡はテレグラムのみだった。男性らは到着後にパスポートを取り上げられ、日本の高齢者を狙う詐欺電話や、投資を持ちかけるメッセージの送信を強いられていたという。

警察庁は、海外の「高額バイト」の多くが詐欺グループの勧誘だとして、雇用主の実在を確認し、不審な求人は警察相談専用電話（#9110）に相談するよう呼びかけている。

関連記事
・海外の「闇バイト」求人、見分け方は　専門家に聞く
・タイ経由でミャンマーへ　帰国者が語る詐欺拠点の実態

この記事をシェア　X　LINE　Facebook　リンクをコピー

コメント（31件）
山田ケン　3時間前
「未経験で月60万」はどう考えてもおかしい。家族にも共有した。
nanami_88　4時間前
テレグラムだけで連絡、は完全に危ないサインですね。
匿名希望　5時間前
保護されて本当によかった。

© 2026 東都タイムズ　利用規約　プライバシーポリシー　Cookieの設定"#;
    let input = [line("lure", lure_in_a_group), line("news", news_article)].concat();
    let (results, stderr, code) = classify_jsonl(&input);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(results[0]["label"], "recruitment_lure", "{:?}", results[0]);
    assert!(
        results[0]["reasons"]
            .to_string()
            .contains("destination: Phnom Penh, Cambodia"),
        "{:?}",
        results[0]["reasons"]
    );
    assert_eq!(results[1]["label"], "benign", "{:?}", results[1]);
}

#[test]
fn a_near_copy_of_a_known_lure_names_the_example_it_repeats() {
    // The same ad posted again: another salary, handle and city, the rest word for word.
    let training = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("models/training/recruitment_lure.jsonl"),
    )
    .unwrap();
    let original: Value = serde_json::from_str(training.lines().nth(1).unwrap()).unwrap();
    let text = original["text"].as_str().unwrap();
    let copy = text
        .replace("Phnom Penh", "Bavet")
        .replace("1,200", "1,400")
        .replace("2,000", "2,500");
    assert_ne!(copy, text);
    let (results, stderr, code) = classify_jsonl(&line("copy", &copy));
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(results[0]["label"], "recruitment_lure", "{:?}", results[0]);
    let reasons = results[0]["reasons"].to_string();
    assert!(
        reasons.contains("near copy") && reasons.contains("recruitment_lure.jsonl:2"),
        "{reasons}"
    );
}

#[test]
fn bad_lines_are_named_and_the_others_go_on() {
    let input = format!(
        "{}not json\n{{\"id\": 7}}\n{}",
        line("a", "hello"),
        line("empty", "   ")
    );
    let (results, stderr, code) = classify_jsonl(&input);
    assert_eq!(code, Some(1));
    assert_eq!(results.len(), 2);
    assert!(stderr.contains("line 2: not JSON"), "{stderr}");
    assert!(stderr.contains("line 3: no \"text\" field"), "{stderr}");
    assert_eq!(results[1]["label"], "benign");
    assert_eq!(results[1]["score"], 1.0);
    assert!(
        results[1]["reasons"][0]
            .as_str()
            .unwrap()
            .starts_with("empty")
    );
}

#[test]
fn a_page_with_almost_no_text_is_not_flagged_without_a_red_flag() {
    for text in ["next day", "Home About Jobs Contact", "1 2 3 4 5 next"] {
        let (results, stderr, code) = classify_jsonl(&line("short", text));
        assert_eq!(code, Some(0), "{stderr}");
        assert_eq!(results[0]["label"], "benign", "{text}: {results:?}");
        assert!(
            results[0]["reasons"][0]
                .as_str()
                .unwrap()
                .starts_with("too little text")
        );
    }
    // A short ad with red flags is still judged.
    let (results, _, _) = classify_jsonl(&line(
        "ad",
        "Cambodia job 1500 USD/month, free flight and visa, Telegram @hr_kh88 only",
    ));
    assert_ne!(results[0]["label"], "benign", "{results:?}");
}

#[test]
fn a_fifty_megabyte_text_is_classified_not_refused() {
    let big = "Earn 3% per day guaranteed with our USDT plans. ".repeat(50 * 1024 * 1024 / 48);
    let (results, stderr, code) = classify_jsonl(&line("big", &big));
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(results.len(), 1);
}

#[test]
fn the_shipped_model_is_found_from_any_working_folder() {
    let elsewhere = tempfile::tempdir().unwrap();
    let output = lurewatch_in(
        elsewhere.path(),
        &["classify", "--jsonl", "-"],
        Some(b"{\"id\": \"a\", \"text\": \"Earn 3% per day guaranteed, deposit USDT TRC20\"}\n"),
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(lines(&output)[0]["label"], "investment_fraud", "{stderr}");
}

#[test]
fn missing_and_corrupt_models_say_how_to_rebuild() {
    let folder = tempfile::tempdir().unwrap();
    let missing = folder.path().join("none.json");
    let output = lurewatch(
        &[
            "classify",
            "--model",
            missing.to_str().unwrap(),
            "--jsonl",
            "-",
        ],
        Some(b""),
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr.contains("cannot read the model") && stderr.contains("lurewatch train"),
        "{stderr}"
    );
    let corrupt = folder.path().join("corrupt.json");
    std::fs::write(&corrupt, b"{\"version\": 1, \"vocabulary\": [1,2]").unwrap();
    let output = lurewatch(
        &[
            "classify",
            "--model",
            corrupt.to_str().unwrap(),
            "--jsonl",
            "-",
        ],
        Some(b""),
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("corrupt") && stderr.contains("lurewatch train"),
        "{stderr}"
    );
}

#[test]
fn pages_are_extracted_then_classified() {
    let output = lurewatch(
        &[
            "classify",
            "--json",
            "examples/pages/lure-zh-gbk.html",
            "examples/pages/warning-en.txt",
        ],
        None,
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let results = lines(&output);
    assert_eq!(results[0]["label"], "recruitment_lure", "{:?}", results[0]);
    assert_eq!(results[1]["label"], "benign", "{:?}", results[1]);
}

/// Writes a small training set of our own (a few lines per label).
fn write_small_training_set(folder: &Path) -> PathBuf {
    let rows = [
        (
            "recruitment_lure",
            "customer service job in Sihanoukville Cambodia free flight visa housing contact telegram high salary no experience",
        ),
        (
            "recruitment_lure",
            "西港高薪招聘客服 包吃包住 报销机票 无需经验 联系飞机",
        ),
        (
            "recruitment_lure",
            "typing job Myawaddy Thailand border free ticket age 18-35 leave now telegram only",
        ),
        (
            "investment_fraud",
            "earn 3% per day guaranteed VIP1 minimum deposit 100 USDT TRC20 referral commission",
        ),
        (
            "investment_fraud",
            "AI quant arbitrage daily profit withdraw after paying tax unfreeze fee USDT",
        ),
        (
            "investment_fraud",
            "每天收益3% 稳赚不赔 充值USDT 提现需缴纳个人所得税",
        ),
        (
            "job_scam",
            "work from home data entry pay registration fee for the starter kit before you begin",
        ),
        (
            "job_scam",
            "payment processing agent receive funds into your bank account and forward them keep 10%",
        ),
        (
            "job_scam",
            "reshipping manager receive parcels at home and send them abroad weekly pay",
        ),
        (
            "benign",
            "police warn about fake job offers in Cambodia promising free flights; victims were trafficked",
        ),
        (
            "benign",
            "software engineer position at our Berlin office, competitive salary, apply on our careers page",
        ),
        (
            "benign",
            "our exchange charges a 0.1% trading fee; crypto assets are volatile and returns are not guaranteed",
        ),
    ];
    let path = folder.join("small.jsonl");
    let mut file = std::fs::File::create(&path).unwrap();
    for _ in 0..3 {
        for (label, text) in rows {
            writeln!(
                file,
                "{}",
                serde_json::json!({"label": label, "text": text})
            )
            .unwrap();
        }
    }
    path
}

#[test]
fn training_is_deterministic_and_its_model_loads() {
    let folder = tempfile::tempdir().unwrap();
    let data = write_small_training_set(folder.path());
    let mut models = Vec::new();
    for name in ["one.json", "two.json"] {
        let out = folder.path().join(name);
        let output = lurewatch(
            &[
                "train",
                "--data",
                data.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
                "--features",
                "200",
                "--max-iterations",
                "40",
            ],
            None,
        );
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        models.push(std::fs::read(&out).unwrap());
    }
    assert!(
        models[0] == models[1],
        "two trainings on the same data differ"
    );
    let model = folder.path().join("one.json");
    let output = lurewatch(
        &[
            "classify",
            "--model",
            model.to_str().unwrap(),
            "--jsonl",
            "-",
        ],
        Some(line("x", "earn 3% per day guaranteed, deposit USDT").as_bytes()),
    );
    assert_eq!(lines(&output)[0]["label"], "investment_fraud");
    let output = lurewatch(
        &[
            "eval",
            "--model",
            model.to_str().unwrap(),
            "--data",
            data.to_str().unwrap(),
        ],
        None,
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success()
            && stdout.contains("confusion")
            && stdout.contains("calibration of the chosen label's probability: ECE 0."),
        "{stdout}"
    );
}

/// Vietnamese posts come composed, decomposed (tones as combining marks, as some keyboards
/// write them) and in capitals: the same lure gets the same label and the same red flags.
#[test]
fn a_lure_reads_the_same_decomposed_and_in_capitals() {
    let composed = "Tuyển gấp nữ đi Campuchia làm chăm sóc khách hàng, lương 1500$ bao ăn ở, \
                    bao vé máy bay, không cần kinh nghiệm, liên hệ Telegram @cskh_pp";
    let decomposed: String = icu_normalizer::DecomposingNormalizerBorrowed::new_nfd()
        .normalize(composed)
        .into_owned();
    assert_ne!(decomposed, composed);
    let capitals = composed.to_uppercase();
    let input = [
        line("composed", composed),
        line("decomposed", &decomposed),
        line("capitals", &capitals),
    ]
    .concat();
    let (results, stderr, code) = classify_jsonl(&input);
    assert_eq!(code, Some(0), "{stderr}");
    let red_flags = |result: &Value| -> Vec<String> {
        result["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|reason| reason.as_str()?.split(':').next())
            .filter(|kind| !["model", "near copy"].contains(kind))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(results[0]["label"], "recruitment_lure", "{:?}", results[0]);
    assert!(red_flags(&results[0]).len() >= 5, "{:?}", results[0]);
    for result in &results[1..] {
        assert_eq!(result["label"], results[0]["label"], "{result:?}");
        assert_eq!(red_flags(result), red_flags(&results[0]), "{result:?}");
    }
}

/// A flagged page names the messenger handles it gives, the leads an analyst follows to the
/// next site; a benign page does not.
#[test]
fn a_flagged_page_names_its_messenger_handles() {
    let input = [
        line("lure", "Customer service in Sihanoukville, Cambodia. Salary $1,500 per month, free flight and housing, no experience needed. DM on TG @cs_kh88 or t.me/hr_anna_kh, WhatsApp: +855 12 345 678"),
        line("shop", "Fresh mango sticky rice, 60 baht a box, delivery in Bangkok every day from 10 am. Order by LINE: mochi_home or call 02 123 4567."),
        line("bold", "𝐔𝐑𝐆𝐄𝐍𝐓: customer service in Sihanoukville, Cambodia, $1,500 per month, free flight and housing, no experience needed. 𝐓𝐞𝐥𝐞𝐠𝐫𝐚𝐦: hr_bold88"),
        line("lookalike", "URGENT: customer service in Sihanoukville, Cambodia, $1,500 per month, free flight and housing, no experience needed. Tеlеgram @kh_cs_2026"),
    ]
    .concat();
    let (results, stderr, code) = classify_jsonl(&input);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(results[0]["label"], "recruitment_lure", "{:?}", results[0]);
    let reasons = results[0]["reasons"].as_array().unwrap();
    assert_eq!(
        reasons.last().unwrap(),
        "handles: Telegram @hr_anna_kh, Telegram @cs_kh88, WhatsApp +85512345678",
        "{reasons:?}"
    );
    assert_eq!(results[1]["label"], "benign", "{:?}", results[1]);
    assert!(
        !results[1]["reasons"].to_string().contains("handles"),
        "{:?}",
        results[1]
    );
    // Handles labelled in bold letters, as posts write them to dodge filters.
    assert!(
        results[2]["reasons"]
            .to_string()
            .contains("handles: Telegram @hr_bold88"),
        "{:?}",
        results[2]
    );
    // A label with Cyrillic letters drawn like Latin ones ("Tеlеgram").
    assert!(
        results[3]["reasons"]
            .to_string()
            .contains("handles: Telegram @kh_cs_2026"),
        "{:?}",
        results[3]
    );
}
