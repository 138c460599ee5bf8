//! Stated monthly pay, read with its currency and weighed against the local norm for unskilled
//! or entry-level work (INDICATORS.md A2: US$1,000–4,000 a month, "月入过万", 20–42k baht,
//! Rp 7–16 million…). Honest ads state pay too: "월 230만원" or "17,500 บาท" is ordinary
//! pay, and naming it as a red flag would send the analyst after nothing.

use regex::{Captures, Regex};
use std::sync::LazyLock;

/// The currencies the ads quote monthly pay in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Currency {
    Usd,
    Yuan,
    TaiwanDollar,
    Yen,
    Won,
    Baht,
    Dong,
    Rupiah,
    Ringgit,
}

impl Currency {
    /// The monthly amount from which pay is far above the norm for an unskilled role: the low
    /// end of what the reports quote from lures, and above what honest entry-level ads offer.
    fn far_above_the_norm(self) -> f64 {
        match self {
            Currency::Usd => 1_000.0,
            Currency::Yuan => 10_000.0,
            Currency::TaiwanDollar => 60_000.0,
            Currency::Yen => 350_000.0,
            Currency::Won => 4_000_000.0,
            Currency::Baht => 20_000.0,
            Currency::Dong => 20_000_000.0,
            Currency::Rupiah => 7_000_000.0,
            Currency::Ringgit => 5_000.0,
        }
    }
}

/// An amount of pay by the month or the day: the low end where a range is given, with its unit.
pub(super) static PAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)",
        // $1,500 per month, US$2,000 – $4,000 / month: a month must be said, as "$45,000" alone
        // is a year's pay in American ads
        r"(?:(?:us\s?)?\$|usd)\s?(?P<usd>\d{1,2}[,.]?\d{3})",
        r"(?:\s*[-–~]\s*(?:us\s?)?\$?\s?\d{1,2}[,.]?\d{3})?",
        r"\s*(?:/|per|a|every|each|mỗi|một|se|sebulan|每)?\s*(?:single\s+)?(?:month|tháng|bulan|เดือน|月)",
        // 1,200 USDT a month, 1500美金/月, lương 1500$, 1000-2000$, 2000 đô/tháng
        r"|(?-u:\b)(?P<usd_after>\d{1,2}[,.]?\d{3})(?:\s*[-–~]\s*\d{1,2}[,.]?\d{3})?\s*(?:(?:usdt|usd|u)(?-u:\b)|\$|đô|美金|美元|刀)",
        r"(?:\s*[-–~]\s*\d{1,2}[,.]?\d{3}\s*(?:(?:usdt|usd|u)(?-u:\b)|\$|đô|美金|美元|刀)?)?",
        r"(?P<usd_after_month>\s*(?:/|per|a|mỗi|một|se|sebulan|每)?\s*(?:month|tháng|bulan|เดือน|月))?",
        // $150 a day
        r"|(?:us\s?)?\$\s?(?P<usd_day>\d{2,3})\s*(?:/|per|a)\s*day",
        // 月薪1.2万, 底薪 8000+, 月入2-5W, 月給80万, 月薪2000-5000U, 日薪800元, 日給3万円
        r"|(?P<cjk_trigger>月薪|月入|月收入|月给|月給|月収|底薪|日薪|日结|日結|日给|日給)\s*[:：]?\s*(?P<cjk_currency>新台幣|新台币|台幣|台币|人民币|人民幣)?(?P<cjk_dollar>us\s?\$|\$|usd)?\s*",
        r"(?:(?P<cjk>\d[\d,.]*)|(?P<cjk_words>[零〇一二两兩三四五六七八九十百千万萬]+))\s*(?:[-~–至到]\s*(?:\d[\d,.]*|[零〇一二两兩三四五六七八九十百千万萬]+)\s*)?",
        r"(?P<cjk_scale>万|萬|(?:w|k)(?-u:\b)|千)?(?P<cjk_unit>元|円|(?:usdt|usd|u|rmb)(?-u:\b)|美金|美元|刀)?\+?",
        // 월 500만원, 월급 1,000만 원, 일당 30~50만원, 하루 50만원
        r"|(?P<won_trigger>월급?|일당|하루)\s*[:：]?\s*(?P<won>\d{1,2},\d{3}|\d{1,4})\s*(?:[-~]\s*\d{1,4}\s*)?(?P<won_scale>[백천])?만\s*원?",
        // 两千五百美金, 十萬以上 (after a salary word only, with a currency or 以上 after it)
        r"|(?P<cn_words>[零〇一二两兩三四五六七八九十百千万萬]{2,})(?:(?P<cn_unit>元|块|塊|美金|美元|刀)|以上|起)",
        // 월 천만 원, 월급 오백만원 (right after a salary word only)
        r"|(?P<won_words>[일이삼사오육칠팔구]?[십백천][일이삼사오육칠팔구십백천]*)\s*만\s*원",
        // RM 6,500
        r"|(?-u:\b)rm\s?(?P<ringgit>\d{1,2}[,.]?\d{3})",
        // 35,000 บาท, วันละ 2,000 บาท
        r"|(?P<baht>\d{2}[,.]?\d{3})(?:\s*[-–~]\s*\d{2}[,.]?\d{3})?\s*(?:บาท|baht)",
        r"|วันละ\s*(?P<baht_day>\d{1,2},\d{3}|\d{3,4})\s*บาท",
        // 25 triệu
        r"|(?P<dong>\d{1,3})(?:[.,]\d{1,2})?(?:\s*(?:[-–~]|đến)\s*\d{1,3}(?:[.,]\d{1,2})?)?\s*triệu",
        // Rp 8.000.000, 10 juta
        r"|(?-u:\b)rp\.?\s?(?P<rupiah>\d{1,3}(?:[.,]\d{3}){2})|(?P<juta>\d{1,3})(?:[.,]\d{1,2})?(?:\s*[-–~]\s*\d{1,3}(?:[.,]\d{1,2})?)?\s*juta",
    ))
    .expect("the pay pattern is valid")
});

/// Where `text` states pay by the month or the day ("月薪5W+", "$2,000 per month"), each with
/// whether it is far above the local norm for an unskilled role (a day's pay is weighed as a
/// month of [`DAYS_A_MONTH`] days).
pub fn statements(text: &str) -> impl Iterator<Item = ((usize, usize), bool)> {
    let mut seen: Vec<(Currency, f64)> = Vec::new();
    PAY.captures_iter(text)
        .filter_map(|captures| {
            // "1500$" without a month is pay only after a salary word: "20,000 USDT – 1,100
            // USDT/day" is a mining plan's price and return. So is a number in words.
            let by_salary_word_only = (captures.name("usd_after").is_some()
                && captures.name("usd_after_month").is_none())
                || captures.name("cn_words").is_some()
                || captures.name("won_words").is_some();
            let found = captures.get(0)?;
            Some((
                (found.start(), found.end()),
                monthly_amount(&captures, text)?,
                by_salary_word_only,
            ))
        })
        .filter(|((start, end), _, by_salary_word_only)| {
            !ends_a_range(&text[..*start])
                && stated_as_pay(text, *start, *end, *by_salary_word_only)
        })
        // The same pay stated twice ("$1,500/month" and "$1,500 a month") is named once.
        .filter(move |(_, stated, _)| {
            let new = !seen.contains(stated);
            seen.push(*stated);
            new
        })
        .map(|(found, (currency, amount), _)| (found, amount >= currency.far_above_the_norm()))
}

/// Words that say an amount is pay, just before it ("gaji RM 8,000", "lương 28 triệu").
const PAY_WORDS: &[&str] = &[
    "salary",
    "income",
    "wage",
    "gaji",
    "pendapatan",
    "penghasilan",
    "upah",
    "lương",
    "thu nhập",
    "เงินเดือน",
    "รายได้",
    "ค่าจ้าง",
    "วันละ",
    "薪",
    "收入",
    "工资",
    "工資",
    "月入",
    "日结",
    "日結",
    "給与",
    "給料",
    "月収",
    "日給",
    "월",
    "일당",
    "알바",
    "수당",
    "급여",
    "수입",
];

/// True when `before` ends with a number and a range sign: what follows is the high end of a
/// range whose low end the pattern could not read ("lương 800-1.200$").
fn ends_a_range(before: &str) -> bool {
    before
        .trim_end()
        .strip_suffix(['-', '–', '~'])
        .is_some_and(|rest| {
            rest.trim_end()
                .ends_with(|character: char| character.is_ascii_digit())
        })
}

/// Words that say an amount is by the year, the week or the day: an amount that names no
/// month of its own is then not a month's pay ("年薪 60,000美元", "daily income 1,100 USDT").
const OTHER_PERIOD_WORDS: &[&str] = &[
    "year",
    "annual",
    "annum",
    "week",
    "daily",
    "day",
    "年",
    "周",
    "週",
    "日",
    "연봉",
    "주급",
    "năm",
    "tuần",
    "ngày",
    "tahun",
    "minggu",
    "hari",
    "ปี",
    "สัปดาห์",
    "วัน",
];

/// Words that say an amount is by the month or the day, just after it ("35,000 บาท/เดือน").
const PERIOD_WORDS: &[&str] = &[
    "month",
    "a day",
    "per day",
    "/day",
    "bulan",
    "tháng",
    "เดือน",
    "月",
    "달",
];

/// True when the amount at `start..end` is pay: a salary word stands before it in its clause,
/// or, unless `by_salary_word_only`, a month or a day after it. An amount without either is left alone, though a list of roles may mean
/// pay by it ("แอดมินตอบแชท 35,000 บาท"): investment pages quote deposits and profits the
/// same way ("VIP 50,000 บาท", "gói 500 triệu"), and a wrong reason costs the analyst more
/// than a missing one.
fn stated_as_pay(text: &str, start: usize, end: usize, by_salary_word_only: bool) -> bool {
    let before_start = super::indicators::clause_start(text, start, WINDOW_BEFORE);
    let after_end = text[end..]
        .char_indices()
        .nth(WINDOW_AFTER)
        .map_or(text.len(), |(index, _)| end + index);
    let lead = text[before_start..start].to_lowercase();
    let amount = text[start..end].to_lowercase();
    let after = text[end..after_end].to_lowercase();
    let says = |words: &[&str], texts: &[&str]| {
        words
            .iter()
            .any(|word| texts.iter().any(|text| text.contains(word)))
    };
    if by_salary_word_only {
        return says(PAY_WORDS, &[&lead, &amount]) && !says(OTHER_PERIOD_WORDS, &[&lead, &after]);
    }
    says(PAY_WORDS, &[&lead, &amount]) || says(PERIOD_WORDS, &[&amount, &after])
}

/// How many characters before and after an amount say what it is.
const WINDOW_BEFORE: usize = 32;
const WINDOW_AFTER: usize = 12;

/// The groups of [`PAY`] that hold a whole number, with its currency and scale
/// ("월 500만원" is 500 × 10,000 won).
const WHOLE_AMOUNTS: [(&str, Currency, f64); 9] = [
    ("usd", Currency::Usd, 1.0),
    ("usd_after", Currency::Usd, 1.0),
    ("usd_day", Currency::Usd, DAYS_A_MONTH),
    ("baht_day", Currency::Baht, DAYS_A_MONTH),
    ("ringgit", Currency::Ringgit, 1.0),
    ("baht", Currency::Baht, 1.0),
    ("dong", Currency::Dong, 1_000_000.0),
    ("rupiah", Currency::Rupiah, 1.0),
    ("juta", Currency::Rupiah, 1_000_000.0),
];

/// A day's pay counts as a twentieth of a month's: fewer days than most people work, so that
/// day labour's pay is not made to look high.
const DAYS_A_MONTH: f64 = 20.0;

/// The currency and monthly amount a match of [`PAY`] states.
fn monthly_amount(captures: &Captures, text: &str) -> Option<(Currency, f64)> {
    let group = |name: &str| captures.name(name).map(|found| found.as_str());
    for (name, currency, scale) in WHOLE_AMOUNTS {
        if let Some(digits) = group(name) {
            return Some((currency, whole_number(digits)? * scale));
        }
    }
    if let Some(won) = captures.name("won_words") {
        // A Korean number in words begins a word ("천만 원", not "양천만 원" or "5백만원"),
        // right after a word for pay ("월 천만 원", not "3월 … 오천만 원을 잃었다").
        let before = &text[..won.start()];
        if before
            .chars()
            .next_back()
            .is_some_and(|before| crate::extract::is_hangul(before) || before.is_ascii_digit())
        {
            return None;
        }
        let days = match won_lead(before)? {
            "일당" | "하루" => DAYS_A_MONTH,
            _ => 1.0,
        };
        return Some((
            Currency::Won,
            super::numerals::value(won.as_str())? * 10_000.0 * days,
        ));
    }
    if let Some(words) = group("cn_words") {
        // Over a million a month is a sum of another kind ("拖欠工资三百万元").
        let amount = amount_in_words(words).filter(|amount| *amount <= 1_000_000.0)?;
        let currency =
            if group("cn_unit").is_some_and(|unit| ["美金", "美元", "刀"].contains(&unit)) {
                Currency::Usd
            } else if reads_traditional(text) {
                Currency::TaiwanDollar
            } else {
                Currency::Yuan
            };
        return Some((currency, amount));
    }
    if let Some(won) = group("won") {
        let days = if matches!(group("won_trigger"), Some("일당" | "하루")) {
            DAYS_A_MONTH
        } else {
            1.0
        };
        let scale = match group("won_scale") {
            Some("백") => 100.0,
            Some("천") => 1_000.0,
            _ => 1.0,
        };
        return Some((Currency::Won, whole_number(won)? * scale * 10_000.0 * days));
    }
    let number = match group("cjk") {
        Some(digits) => decimal_number(digits)?,
        None => amount_in_words(group("cjk_words")?)?,
    };
    let scale = group("cjk_scale").unwrap_or_default().to_lowercase();
    let unit = group("cjk_unit").unwrap_or_default().to_lowercase();
    let multiplier = match scale.as_str() {
        "万" | "萬" | "w" => 10_000.0,
        "千" | "k" => 1_000.0,
        _ => 1.0,
    };
    let trigger = group("cjk_trigger").unwrap_or_default();
    let days = if trigger.starts_with('日') {
        DAYS_A_MONTH
    } else {
        1.0
    };
    let amount = number * multiplier * days;
    let currency = if group("cjk_dollar").is_some()
        || ["usdt", "usd", "u", "美金", "美元", "刀"].contains(&unit.as_str())
    {
        Currency::Usd
    } else if unit == "円"
        || trigger == "月収"
        || (["月給", "日給"].contains(&trigger) && scale != "萬" && unit != "元")
    {
        Currency::Yen
    } else if let Some(named) = group("cjk_currency") {
        if named.contains('台') {
            Currency::TaiwanDollar
        } else {
            Currency::Yuan
        }
    } else if unit != "rmb" && reads_traditional(text) {
        Currency::TaiwanDollar
    } else {
        Currency::Yuan
    };
    Some((currency, amount))
}

/// An amount of pay in Chinese numerals: "千万" is mostly "by all means" and "万一" "in case",
/// and a month's pay is not under a thousand ("日结一次").
fn amount_in_words(words: &str) -> Option<f64> {
    super::numerals::value(words)
        .filter(|amount| *amount >= 1_000.0 && !words.starts_with(['万', '萬', '千']))
}

/// The word for pay that a Korean amount in words follows, with a space at most ("월 천만 원",
/// "월급 오백만원", "일당 오십만원"); "월" must be a word of its own ("3월", "월세" are not).
fn won_lead(before: &str) -> Option<&'static str> {
    let before = before.trim_end();
    ["월급은", "월급", "급여", "수입", "일당", "하루", "월"]
        .into_iter()
        .find(|word| {
            before
                .strip_suffix(word)
                .is_some_and(|rest| !rest.chars().next_back().is_some_and(char::is_alphanumeric))
        })
}

/// A number written with thousands separators ("6,500", "8.000.000", "1500").
fn whole_number(digits: &str) -> Option<f64> {
    ascii_digits(digits)
        .chars()
        .filter(char::is_ascii_digit)
        .collect::<String>()
        .parse()
        .ok()
}

/// `digits` with full-width digits ("６５万") as ASCII.
fn ascii_digits(digits: &str) -> String {
    digits
        .chars()
        .map(|character| match character {
            '０'..='９' => char::from(b'0' + (u32::from(character) - u32::from('０')) as u8),
            _ => character,
        })
        .collect()
}

/// A Chinese or Japanese amount: commas group thousands, one dot is a decimal point ("1.2万").
fn decimal_number(digits: &str) -> Option<f64> {
    let digits = ascii_digits(digits.trim_end_matches(['.', ','])).replace(',', "");
    if digits.matches('.').count() > 1 {
        return whole_number(&digits);
    }
    digits.parse().ok()
}

/// Characters written differently in traditional and simplified Chinese, pair by pair.
const TRADITIONAL: &str =
    "們為這個會與說發業務經驗時間資萬國過聯絡機費話電問題進動種應對實現從後還讓給請歲學灣";
const SIMPLIFIED: &str =
    "们为这个会与说发业务经验时间资万国过联络机费话电问题进动种应对实现从后还让给请岁学湾";

/// True when the Chinese of `text` is mostly traditional (Taiwan, Hong Kong): its pay is then in
/// Taiwan dollars, not yuan.
fn reads_traditional(text: &str) -> bool {
    let (mut traditional, mut simplified) = (0, 0);
    for character in text.chars().filter(|character| !character.is_ascii()) {
        traditional +=
            usize::from(TRADITIONAL.contains(character) && !SIMPLIFIED.contains(character));
        simplified +=
            usize::from(SIMPLIFIED.contains(character) && !TRADITIONAL.contains(character));
    }
    traditional > simplified
}

#[cfg(test)]
mod tests {
    use super::*;

    fn far_above_the_norm(text: &str) -> Vec<&str> {
        stated(text)
            .into_iter()
            .filter(|(_, high)| *high)
            .map(|(stated, _)| stated)
            .collect()
    }

    fn stated(text: &str) -> Vec<(&str, bool)> {
        statements(text)
            .map(|((start, end), high)| (text[start..end].trim(), high))
            .collect()
    }

    /// Each language's lure pay and honest pay, as ads write them.
    #[test]
    fn lure_pay_is_named_and_ordinary_pay_is_not() {
        let lure_pay = [
            ("Salary $1,500 per month", "$1,500 per month"),
            (
                "US$2,000 – $4,000 / month + bonus",
                "US$2,000 – $4,000 / month",
            ),
            ("lương 1.200 USD/tháng", "1.200 USD/tháng"),
            ("底薪1.2W+提成", "底薪1.2W+"),
            ("月薪5W+，包吃住", "月薪5W+"),
            ("月薪2000-5000U 路线：昆明", "月薪2000-5000U"),
            ("月入过万！月入2-5万", "月入2-5万"),
            ("月薪15000-30000元", "月薪15000-30000元"),
            ("月薪12萬，機票公司出", "月薪12萬"),
            ("月給80万円以上", "月給80万円"),
            ("月給６５万", "月給６５万"),
            ("月給 38万、寮完備", "月給 38万"),
            ("월 800만원 보장", "월 800만원"),
            ("월급 1,000만 원", "월급 1,000만 원"),
            ("월 450만원 보장", "월 450만원"),
            ("물품 수령 알바 일당 30~50만원 당일 지급", "일당 30~50만원"),
            ("고수익 알바 하루 50만원", "하루 50만원"),
            ("เงินเดือน 30,000-50,000 บาท", "30,000-50,000 บาท"),
            ("lương 20-30 triệu", "20-30 triệu"),
            ("gaji 10-15 juta", "10-15 juta"),
            ("日薪800元，日结", "日薪800元"),
            ("日給3万円以上", "日給3万円"),
            ("Data entry from home, $150 a day", "$150 a day"),
            ("งานง่าย วันละ 2,000 บาท", "วันละ 2,000 บาท"),
            ("เงินเดือน 35,000 บาท", "35,000 บาท"),
            ("lương 28 triệu/tháng", "28 triệu"),
            ("gaji Rp 8.000.000 per bulan", "Rp 8.000.000"),
            ("gaji 10 juta sebulan", "10 juta"),
            ("gaji RM 6,500 sebulan", "RM 6,500"),
            ("Tuyển gấp, lương 1500$ bao ăn ở", "1500$"),
            ("LƯƠNG 1000-2000$/THÁNG", "1000-2000$/THÁNG"),
            ("lương 1000$ - 1500$ + thưởng", "1000$ - 1500$"),
            ("thu nhập 2000 đô/tháng", "2000 đô/tháng"),
            ("Gaji ditawarkan USD2,500 sebulan", "USD2,500 sebulan"),
            (
                "earn up to $5,000 every single month",
                "$5,000 every single month",
            ),
            ("月薪新台幣12萬起", "月薪新台幣12萬"),
            // Numbers in words.
            ("每月工资绝对不低于两千五百美金", "两千五百美金"),
            ("月入三万，包吃住", "月入三万"),
            ("每月收入至少十萬以上", "十萬以上"),
            ("월 천만 원 이상", "천만 원"),
            ("월급은 천만원", "천만원"),
            ("일당 오십만원", "오십만원"),
            ("월 5백만원", "월 5백만원"),
            ("월급 오백만원 보장", "오백만원"),
        ];
        for (text, stated) in lure_pay {
            assert_eq!(far_above_the_norm(text), vec![stated], "{text}");
        }
        let ordinary_pay = [
            "Salary $800 per month",
            "底薪4500元，五险一金",
            "月薪5200元",
            "月薪35,000，勞健保，週休二日，歡迎應徵",
            "月給27.5万円",
            "月給 205,000円",
            "월 230만원, 주 5일 근무",
            "เงินเดือน 17,500 บาท",
            "lương 11 triệu",
            "gaji Rp 5.500.000",
            "gaji 5 juta",
            "gaji RM2,600",
            "일당 13만원, 건설 현장",
            "하루 10만원",
            "เงินเดือน 15,000-18,000 บาท",
            "lương 8-12 triệu",
            "gaji 4-6 juta",
            "日薪200元",
            "日給1万円",
            "Farm work, $35 a day",
            "ค่าแรงวันละ 450 บาท",
            "perform 5,000 checks",
            "deposit RM 50,000 and earn daily profit",
            "ฝากขั้นต่ำ 20,000 บาท",
            "nạp 50 triệu để nâng cấp VIP",
            "Passive income. Deposit RM 50,000 today",
            "Salary is paid weekly. Deposit RM 50,000",
            "gaji 3,8 juta",
            "門市人員月薪32000up，歡迎應徵",
            "giờ cả gốc lẫn lãi nợ gần 200 triệu",
            "ต้องคืนค่าเดินทางและค่าอบรม 50,000 บาท",
            "VIP 3 ฝากขั้นต่ำ 50,000 บาท รับกำไร",
            "gói 500 triệu lợi nhuận cao",
            "Salary $45,000 - $55,000 DOE",
            "Đặt cọc 1000$ để giữ chỗ",
            "nạp 1000 USDT nhận quà",
            "gaji 2000 untuk bulan pertama",
            "Titan X – 20,000 USDT – 1,100 USDT/day",
            "年薪 60,000美元",
            "Annual salary: 45,000 USD per year",
            "Daily income 1,100 USDT",
            "Salary 145000$",
            "lương 800-1.200$",
            "เงินเดือน 9,000-25,000 บาท",
            "하루 50만원 출금 한도",
            "月薪新台币35000，欢迎应聘",
            "底薪八千，五险一金",
            "月薪两千五",
            "高薪千万不要信",
            "年薪一百万",
            "월급 이백만원",
            "월급 양천만원",
            "지난 3월 투자 사기로 오천만 원을 잃었다",
            "월 매출 천만 원 보장",
            "薪资优厚 十万火急 招聘普工",
            "工资差了十万八千里",
            "拖欠工资三百万元",
            "月薪八千至一万二",
            "日结千万要当心",
        ];
        for text in ordinary_pay {
            assert!(far_above_the_norm(text).is_empty(), "{text}");
        }
        assert_eq!(
            stated("월 230만원, 주 5일 근무"),
            vec![("월 230만원", false)]
        );
        assert_eq!(stated("底薪八千，五险一金"), vec![("底薪八千", false)]);
        assert_eq!(
            far_above_the_norm("Salary: $1,500/month. We pay $1,500 a month plus commission."),
            vec!["$1,500/month"]
        );
    }

    #[test]
    fn the_two_scripts_of_chinese_are_told_apart() {
        assert!(reads_traditional("歡迎應徵，工作經驗不拘，請聯絡我們"));
        assert!(!reads_traditional("欢迎应聘，工作经验不限，请联系我们"));
        assert!(!reads_traditional("no Chinese here"));
    }
}
