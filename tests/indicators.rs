//! Every red-flag indicator fires in every language of the ads: one phrase per indicator and
//! language in `tests/fixtures/indicators.tsv`, written by us.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it cannot read"
)]

use lurewatch::classify::indicators::{self, Indicator};
use std::collections::BTreeSet;

/// True when `text` raises `indicator`.
fn raises(text: &str, indicator: Indicator) -> bool {
    indicators::detect(text)
        .iter()
        .any(|hit| hit.indicator == indicator)
}

/// Asserts that `indicator` is raised by each of `scams` and by none of `honest`, naming every
/// text that goes the wrong way.
fn assert_raised_by(indicator: Indicator, scams: &[&str], honest: &[&str]) {
    let wrong: Vec<String> = (scams.iter())
        .filter(|text| !raises(text, indicator))
        .map(|text| format!("not raised: {text}"))
        .chain(
            (honest.iter())
                .filter(|text| raises(text, indicator))
                .map(|text| format!("raised: {text}")),
        )
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_indicator_fires_in_every_language() {
    let path = format!(
        "{}/tests/fixtures/indicators.tsv",
        env!("CARGO_MANIFEST_DIR")
    );
    let table = std::fs::read_to_string(path).unwrap();
    let mut misses = Vec::new();
    let mut covered = BTreeSet::new();
    for line in table
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
    {
        let mut fields = line.split('\t');
        let (id, language, phrase) = (
            fields.next().unwrap(),
            fields.next().unwrap(),
            fields.next().unwrap(),
        );
        let indicator = Indicator::ALL
            .into_iter()
            .find(|indicator| indicator.id() == id)
            .unwrap();
        covered.insert((id, language));
        if !raises(phrase, indicator) {
            misses.push(format!("{id} [{language}]: {phrase}"));
        }
    }
    assert!(
        misses.is_empty(),
        "{} phrases do not fire:\n{}",
        misses.len(),
        misses.join("\n")
    );
    let languages = ["en", "zh", "zh-Hant", "ko", "ja", "th", "vi", "id", "ms"];
    for indicator in Indicator::ALL {
        for language in languages {
            assert!(
                covered.contains(&(indicator.id(), language)),
                "no phrase for {} in {language}",
                indicator.id()
            );
        }
    }
}

#[test]
fn reasons_read_as_an_analyst_expects() {
    let hits = indicators::detect(
        "Customer service in Sihanoukville, earn 3% per day, free flight and visa",
    );
    let reasons: Vec<String> = hits.iter().map(indicators::Hit::reason).collect();
    assert!(
        reasons
            .iter()
            .any(|reason| reason.starts_with("destination: ")),
        "{reasons:?}"
    );
    assert!(
        reasons.iter().any(|reason| reason == "returns: 3% per day"),
        "{reasons:?}"
    );
    let hits = indicators::detect(
        "Company: Confidential. A foreign company pays well; come on a tourist visa.",
    );
    let reasons: Vec<String> = hits.iter().map(indicators::Hit::reason).collect();
    assert!(
        reasons.contains(&"employer: name withheld, a foreign company, no work visa".to_owned()),
        "{reasons:?}"
    );
}

/// The border towns and zones where compounds stand are named by the place, in the scripts
/// their ads use.
#[test]
fn compound_towns_are_named_as_destinations() {
    for (text, place) in [
        ("Cần tuyển nhân viên làm ở Boten, bao vé xe", "Boten, Laos"),
        ("老挝磨丁园区招客服，包吃住", "Boten, Laos"),
        (
            "งานแอดมิน แขวงบ่อแก้ว เงินดี",
            "Bokeo (Golden Triangle SEZ), Laos",
        ),
        (
            "金木棉特区招聘打字员",
            "Kings Romans, Golden Triangle SEZ, Laos",
        ),
        (
            "Typing job at O’Smach casino, free room",
            "O'Smach, Cambodia",
        ),
        ("코콩 현지 고객센터 직원 모집", "Koh Kong, Cambodia"),
        ("Kerja di Koh Kong, gaji tinggi", "Koh Kong, Cambodia"),
        ("七星海项目急招翻译", "Dara Sakor, Cambodia"),
        ("Staff needed in Chrey Thom, Kandal", "Chrey Thom, Cambodia"),
        ("รับสมัครพนักงานไปสวายเรียง", "Svay Rieng, Cambodia"),
        (
            "Cross at the Three Pagodas Pass, we drive you",
            "Three Pagodas Pass, Myanmar",
        ),
        (
            "Call centre work in Kokang, salary 1500 USD",
            "Kokang, Myanmar",
        ),
    ] {
        let reasons: Vec<String> = (indicators::detect(text).iter())
            .map(indicators::Hit::reason)
            .collect();
        assert!(
            reasons
                .iter()
                .any(|reason| reason.starts_with("destination: ") && reason.contains(place)),
            "{text}: {reasons:?}"
        );
    }
    // The same words in other senses: a seafood restaurant, German for couriers.
    for text in [
        "七星海鲜酒楼今晚特价",
        "Boten gesucht für unser Büro in Wien",
    ] {
        let hits = indicators::detect(text);
        assert!(
            !hits
                .iter()
                .any(|hit| hit.indicator == Indicator::Destination),
            "{text}: {hits:?}"
        );
    }
}

/// The job-scam red flags that pair terms ("receive … payments … your account") serve.
const JOB_SCAM_FLAGS: [Indicator; 4] = [
    Indicator::MoneyMule,
    Indicator::TaskScam,
    Indicator::CredentialsAsked,
    Indicator::UpfrontFee,
];

fn sentences(name: &str) -> Vec<String> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

fn job_scam_flags(sentence: &str) -> Vec<Indicator> {
    indicators::detect(sentence)
        .iter()
        .map(|hit| hit.indicator)
        .filter(|indicator| JOB_SCAM_FLAGS.contains(indicator))
        .collect()
}

/// Scam sentences in the nine languages fire a job-scam flag, and honest sentences that share
/// their words do not.
#[test]
fn pair_terms_catch_scam_sentences_and_spare_honest_ones() {
    let positives = sentences("pair_positives.txt");
    let negatives = sentences("pair_negatives.txt");
    assert!(positives.len() >= 50 && negatives.len() >= 50);
    let missed: Vec<&String> = (positives.iter())
        .filter(|sentence| job_scam_flags(sentence).is_empty())
        .collect();
    assert!(missed.is_empty(), "no job-scam flag: {missed:#?}");
    let flagged: Vec<(&String, Vec<Indicator>)> = (negatives.iter())
        .map(|sentence| (sentence, job_scam_flags(sentence)))
        .filter(|(_, flags)| !flags.is_empty())
        .collect();
    assert!(flagged.is_empty(), "honest sentences flagged: {flagged:#?}");
}

/// Red flags however an ad words them: probe sentences written for this by writers who never saw
/// the lexicon (`tests/fixtures/indicator_probes/`, README there). Three sentences that carry
/// each red flag per language, worded plainly, split or listed, and as chat; and one honest
/// sentence on the same topic without it. The `dev_` files were read while the lexicon was
/// widened; the `test_` files, by other writers, were not. Run with `-- --nocapture` for the
/// table per language and per red flag.
#[test]
fn probe_sentences_fire_their_red_flag() {
    let folder = format!(
        "{}/tests/fixtures/indicator_probes",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "jsonl")
        })
        .collect();
    files.sort();
    let mut tallies: std::collections::BTreeMap<(&str, String), Tally> = Default::default();
    for path in &files {
        let split = if path
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("dev_")
        {
            "dev"
        } else {
            "test"
        };
        for line in std::fs::read_to_string(path).unwrap().lines() {
            let probe: serde_json::Value = serde_json::from_str(line).unwrap();
            let (id, language, fires, text) = (
                probe["indicator"].as_str().unwrap(),
                probe["lang"].as_str().unwrap(),
                probe["fires"].as_bool().unwrap(),
                probe["text"].as_str().unwrap(),
            );
            let indicator = Indicator::ALL
                .into_iter()
                .find(|indicator| indicator.id() == id)
                .unwrap();
            let fired = raises(text, indicator);
            for key in [format!("lang {language}"), format!("flag {id}")] {
                tallies.entry((split, key)).or_default().add(fires, fired);
            }
            if fires != fired {
                eprintln!("{split} {id} [{language}] fires={fires}: {text}");
            }
        }
    }
    let mut totals: std::collections::BTreeMap<&str, Tally> = Default::default();
    for ((split, key), tally) in &tallies {
        eprintln!("{split} {key:<26} {tally}");
        if key.starts_with("lang ") {
            totals.entry(split).or_default().merge(tally);
        }
    }
    for (split, tally) in &totals {
        eprintln!("{split} {:<26} {tally}", "all");
    }
    let dev = totals["dev"];
    let test = totals["test"];
    assert!(
        dev.positives >= 500 && test.positives >= 500,
        "{dev} {test}"
    );
    assert!(dev.recall() >= DEV_RECALL, "dev: {dev}");
    assert!(test.recall() >= TEST_RECALL, "test: {test}");
    assert!(dev.false_fire_rate() <= FALSE_FIRES && test.false_fire_rate() <= FALSE_FIRES);
}

/// Floors a little below what the lexicon reaches (measured 0.967 and 0.709, see the fixtures'
/// README), so that a change that loses red flags fails.
const DEV_RECALL: f64 = 0.95;
const TEST_RECALL: f64 = 0.69;
/// The share of honest sentences on which their topic's red flag fires, at most (measured 0 and
/// 10 of 180).
const FALSE_FIRES: f64 = 0.065;

#[derive(Clone, Copy, Default)]
struct Tally {
    positives: usize,
    fired: usize,
    negatives: usize,
    false_fires: usize,
}

impl Tally {
    fn add(&mut self, fires: bool, fired: bool) {
        if fires {
            self.positives += 1;
            self.fired += usize::from(fired);
        } else {
            self.negatives += 1;
            self.false_fires += usize::from(fired);
        }
    }

    fn merge(&mut self, other: &Tally) {
        self.positives += other.positives;
        self.fired += other.fired;
        self.negatives += other.negatives;
        self.false_fires += other.false_fires;
    }

    fn recall(&self) -> f64 {
        self.fired as f64 / self.positives.max(1) as f64
    }

    fn false_fire_rate(&self) -> f64 {
        self.false_fires as f64 / self.negatives.max(1) as f64
    }
}

impl std::fmt::Display for Tally {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            formatter,
            "recall {:.3} ({}/{})  false fires {}/{}",
            self.recall(),
            self.fired,
            self.positives,
            self.false_fires,
            self.negatives
        )
    }
}

/// Honest pages name a perk, a test or a bonus to deny it; the scam's own ads list their perks
/// after denying something else.
#[test]
fn a_denial_next_to_a_red_flag_cancels_it() {
    // The page, a red flag, and whether the flag is raised.
    for (text, indicator, raised) in [
        (
            "There is no sign-up bonus on this exchange.",
            Indicator::TrialMoney,
            false,
        ),
        ("公司不提供住宿，机票自理。", Indicator::Perks, false),
        ("Công ty không hỗ trợ vé máy bay.", Indicator::Perks, false),
        (
            "가입 보너스는 없으며 본인 자금으로 거래합니다.",
            Indicator::TrialMoney,
            false,
        ),
        (
            "倉庫作業のため、タイピングテストはありません。",
            Indicator::Typing,
            false,
        ),
        ("本平台沒有最低入金門檻。", Indicator::VipDeposit, false),
        ("บริษัทไม่มีที่พักให้", Indicator::Perks, false),
        (
            "No experience, free flight and visa provided.",
            Indicator::Perks,
            true,
        ),
        ("ไม่จำกัดวุฒิ มีที่พักให้ฟรี", Indicator::Perks, true),
        ("免费机票，包吃住", Indicator::Perks, true),
        (
            "No deposit needed to get your 50 USDT trial bonus.",
            Indicator::TrialMoney,
            true,
        ),
        (
            "가입하면 꽁머니 30u 🎁 입금 없이 바로 거래",
            Indicator::TrialMoney,
            true,
        ),
        ("不限学历包吃住，月薪过万", Indicator::Perks, true),
        ("未経験OK 寮完備", Indicator::Perks, true),
        ("無料送迎・寮完備", Indicator::Perks, true),
        ("寮完備で家賃の心配はありません", Indicator::Perks, true),
        // Disclaimers deny returns; a fee to withdraw is denied by a word for free too.
        (
            "Investing carries risk. No guaranteed profit.",
            Indicator::GuaranteedReturns,
            false,
        ),
        (
            "投资有风险，不承诺保本保收益。",
            Indicator::GuaranteedReturns,
            false,
        ),
        ("本基金不保證收益。", Indicator::GuaranteedReturns, false),
        (
            "元本保証はありません。",
            Indicator::GuaranteedReturns,
            false,
        ),
        ("ไม่รับประกันผลตอบแทน", Indicator::GuaranteedReturns, false),
        (
            "Chúng tôi không đảm bảo lợi nhuận.",
            Indicator::GuaranteedReturns,
            false,
        ),
        (
            "Zero risk guaranteed profit every day",
            Indicator::GuaranteedReturns,
            true,
        ),
        ("无风险稳赚，日收益3%", Indicator::GuaranteedReturns, true),
        ("원금보장 손실없음", Indicator::GuaranteedReturns, true),
        (
            "Zero withdrawal fees on every coin.",
            Indicator::WithdrawalFee,
            false,
        ),
        ("提现免手续费", Indicator::WithdrawalFee, false),
        ("출금 수수료 무료", Indicator::WithdrawalFee, false),
        ("出金手数料はかかりません", Indicator::WithdrawalFee, false),
        ("Miễn phí rút tiền", Indicator::WithdrawalFee, false),
        ("ไม่มีค่าธรรมเนียมการถอนเงิน", Indicator::WithdrawalFee, false),
        ("未缴纳个人所得税无法提现", Indicator::WithdrawalFee, true),
        (
            "税金を支払わないと出金できません",
            Indicator::WithdrawalFee,
            true,
        ),
        (
            "ถอนไม่ได้เพราะต้องจ่ายค่าธรรมเนียมการถอน",
            Indicator::WithdrawalFee,
            true,
        ),
        (
            "Nếu không nộp thì tài khoản bị đóng băng",
            Indicator::WithdrawalFee,
            true,
        ),
        (
            "Bạn không phải trả phí rút tiền",
            Indicator::WithdrawalFee,
            false,
        ),
        (
            "You don't pay withdrawal fees.",
            Indicator::WithdrawalFee,
            false,
        ),
        ("提现手续费全免", Indicator::WithdrawalFee, false),
        ("Bebas biaya penarikan", Indicator::WithdrawalFee, false),
        (
            "元本保証のない商品です",
            Indicator::GuaranteedReturns,
            false,
        ),
        ("本公司无法提供住宿", Indicator::Perks, false),
        (
            "Jika tidak bayar pajak dulu, dana tidak bisa dicairkan.",
            Indicator::WithdrawalFee,
            true,
        ),
        ("如不缴纳税费将无法提现", Indicator::WithdrawalFee, true),
        ("หากไม่จ่ายภาษีก่อนถอน", Indicator::WithdrawalFee, true),
        (
            "출금 수수료를 내지않으면 출금이 안 됩니다",
            Indicator::WithdrawalFee,
            true,
        ),
        ("无论涨跌都稳赚", Indicator::GuaranteedReturns, true),
        // A space between words of Chinese or Japanese ends a list's item, though the fold
        // takes it out; one word spaced out is still one item.
        ("柬埔寨客服 无押金 包吃包住", Indicator::Perks, true),
        ("カンボジア勤務 学歴不問 寮完備", Indicator::Perks, true),
        ("不会的 跟着老师稳赚", Indicator::GuaranteedReturns, true),
        ("不 包 吃 住", Indicator::Perks, false),
        ("无押金·包吃包住", Indicator::Perks, true),
        ("本公司 不提供 包吃住", Indicator::Perks, false),
        (
            "投资有风险 不承诺 保证收益",
            Indicator::GuaranteedReturns,
            false,
        ),
        ("원금보장 걱정없는 투자", Indicator::GuaranteedReturns, true),
        // A denial between the parts of a pair term.
        (
            "包吃住 交通报销 不收押金 当天上岗",
            Indicator::UpfrontFee,
            false,
        ),
        (
            "We pay your airfare, no training fee before or after hiring.",
            Indicator::UpfrontFee,
            false,
        ),
        // A Korean verb is denied by the word after it.
        (
            "원금 보장이 되지 않습니다.",
            Indicator::GuaranteedReturns,
            false,
        ),
        (
            "必ず儲かるのでリスクはありません",
            Indicator::GuaranteedReturns,
            true,
        ),
    ] {
        let fired = raises(text, indicator);
        assert_eq!(fired, raised, "{indicator:?} in «{text}»");
    }
}

/// The end of every pig-butchering scam: the money is held until the victim pays a fee or a
/// tax, in the scam's own words; honest rules about withdrawals say none of it.
#[test]
fn money_held_until_the_victim_pays_is_a_withdrawal_fee() {
    assert_raised_by(
        Indicator::WithdrawalFee,
        &[
            "You cannot withdraw without paying the fee first.",
            "Your profits will not be released until you pay the 20% tax.",
            "You must pay 15% before you can withdraw.",
            "Your funds will not be released until you pay the clearance charge.",
            "需要先缴纳20%的费用才能提现。",
            "必须先支付税金才能提款",
            "必須先繳納稅金才能提領。",
            "手数料を払わないと出金できません。",
            "세금을 납부해야 출금이 가능합니다.",
            "수수료를 내지 않으면 출금할 수 없습니다",
            "ต้องจ่ายเงิน 20% ก่อนจึงจะถอนได้",
            "Bạn phải nộp 20% phí thì mới rút được tiền.",
            "Anda harus bayar 20% dulu baru bisa tarik dana.",
            "Dana tidak bisa ditarik tanpa membayar biaya 20%.",
            "Anda perlu bayar 20% sebelum boleh keluarkan wang.",
            "Wang tidak boleh dikeluarkan tanpa bayar cukai.",
            "You will not be able to withdraw until you pay the tax.",
            "세금을 납부하지 않으면 출금이 되지 않습니다",
            "Phải nạp thêm 30% thì mới rút được tiền về ví.",
        ],
        &[
            "You can withdraw at any time without paying anything.",
            "Your fixed deposit cannot be withdrawn until the term ends.",
            "Pay your rent before the 5th; you can withdraw cash at any ATM.",
            "住房公积金需要连续缴存6个月才能提取。",
            "提现无需支付任何费用，24小时到账。",
            "出金するには本人確認が必要です。",
            "ISA 계좌는 3년을 유지해야 출금이 가능합니다.",
            "ชำระค่างวดก่อนวันที่ 5 ของทุกเดือน",
            "Bạn cần xác minh danh tính trước khi rút tiền.",
            "Dana deposito hanya bisa dicairkan setelah jatuh tempo.",
            "Wang simpanan tetap tidak boleh dikeluarkan sebelum tempoh matang.",
            "微信支付需要绑定银行卡才能提现。",
            "资料提交完成并审核通过后才能提现。",
            "購入者のお支払い後、売上金の出金申請が可能になります。",
            "이번 달 납부해야 할 보험료는 25일에 자동 출금됩니다.",
            "ควรตรวจสอบค่าใช้จ่ายก่อนถอนเงินที่ตู้ ATM ต่างประเทศ",
            "Người lao động đóng BHXH đủ 12 tháng mới được rút BHXH một lần.",
            "Phòng giao dịch đóng cửa thứ Bảy, thứ Hai bạn mới rút được tiền.",
            "Motor yang ditarik leasing bisa diambil kembali setelah membayar tunggakan.",
            "Sijil akan dikeluarkan selepas bayar yuran.",
        ],
    );
}

/// Paying a tax is the scam's price only where it stands between the victim and a withdrawal:
/// "pay taxes" alone is in every tax office's pages. ("Personal income tax" alone still
/// fires: on the hold-out's pages it is the scam's word seven times out of eight.)
#[test]
fn paying_tax_is_a_withdrawal_fee_only_beside_a_withdrawal() {
    assert_raised_by(
        Indicator::WithdrawalFee,
        &[
            "Please settle the 18% capital gains tax before the withdrawal is released.",
            "提现需先缴纳个人所得税20%。",
            "请先缴纳20%个人所得税，所得税缴清后即可提款。",
            "繳清所得稅後才可提領。",
            "如不缴纳税费将无法提现",
            "お客様の出金には、税金を支払っていただく必要があります。",
            "출금 전 소득세 22%를 먼저 납부하셔야 합니다.",
            "ต้องชำระภาษีเงินได้ 15% ก่อนจึงจะถอนได้",
            "Bạn cần nộp 10% thuế thu nhập cá nhân trước khi rút tiền.",
            "Bayar pajak penghasilan 12% agar dana bisa ditarik.",
            "Cukai pendapatan 10% mesti dibayar sebelum pengeluaran diproses.",
        ],
        &[
            "企业应当依法缴纳税费。",
            "個人及企業均應依法繳納稅費。",
            "연말정산 후 세금 납부는 5월 말까지입니다.",
            "確定申告で税金を支払う方法は複数あります。",
        ],
    );
}

/// Numbers that are not ages: calls a day, a loan's term and amount, a generation, the
/// drinking age.
#[test]
fn other_number_ranges_are_no_age_limit() {
    for text in [
        "Handle an average 20-30 calls a day.",
        "Khoản vay 20-30 tỷ cho doanh nghiệp.",
        "Tenor pinjaman 20-25 tahun.",
        "20~30세대 고객 대상",
        "20歳未満の飲酒は法律で禁止されています。",
        "适合三十至四十岁人群的保险",
        "Pages 20–25 of the report.",
    ] {
        assert!(
            !raises(text, Indicator::AgeLimit),
            "an age limit in «{text}»"
        );
    }
}

/// Age limits as ranges with words or signs of each language, and as upper bounds.
#[test]
fn age_limits_are_read_in_their_usual_forms() {
    for text in [
        "20~28살만요!!",
        "Usia 18 sampai 30 tahun.",
        "지원 가능 연령은 만 18세부터 30세까지입니다.",
        "Tuyển các bạn 18-28t thôi nha",
        "Open to applicants under 35 years old only.",
        "限25歲以下",
    ] {
        assert!(
            raises(text, Indicator::AgeLimit),
            "no age limit in «{text}»"
        );
    }
    // Numbers in words are shown in digits.
    for (text, limit) in [
        ("仅限年龄在二十到三十五岁之间的应聘者", "ages 20–35"),
        ("十八至二十八歲，女性優先", "ages 18–28"),
        ("僅限年滿二十歲、未滿三十五歲之應徵者", "under 35"),
        ("三十五岁以下", "under 35"),
        ("十八至三十五周岁", "ages 18–35"),
        ("Tuyển nam nữ, tuổi không quá 35", "under 35"),
    ] {
        let hits = indicators::detect(text);
        let evidence = hits
            .iter()
            .find(|hit| hit.indicator == Indicator::AgeLimit)
            .map(|hit| hit.evidence.clone());
        assert_eq!(evidence, Some(vec![limit.to_owned()]), "{text}");
    }
}
