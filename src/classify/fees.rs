//! Fees a job asks the applicant to pay before it starts, with their amount ("ค่าสมัครสมาชิก
//! 150 บาท", "training fee of $150", "入职押金500元"): the commonest job scam takes the money
//! and gives no job. The amount makes the difference with honest ads, which name the same fees
//! only to say there are none ("no registration fee", "không thu phí đào tạo").

use regex::Regex;
use std::sync::LazyLock;

/// What may follow a fee word: a few characters, not across a sentence or line (nor a
/// full stop, which abbreviations also use), nor past a digit ("of", "：", "สมาชิก"), then an
/// amount with its currency or unit.
pub(super) static AMOUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"\A(?i)[^\n\d。！？!?.;]{0,16}?",
        r"(?:(?:us\$|[$₱₹€£¥₩]|(?-u:\b)(?:rs\.?|rp\.?|rm|php))\s?\d(?:[\d,.]*\d)?(?:\s?(?:k|rb|ribu|juta|jt))?",
        r"|\d(?:[\d,.]*\d)?\s?(?:k(?-u:\b)|rb|ribu|juta|jt|nghìn|ngàn|triệu|tr(?-u:\b)|baht|บาท|万円|万元|万|元|块|塊|円|만\s?원|원|pesos?|php|usdt|usd|ringgit|dollars?))",
    ))
    .expect("the amount pattern is valid")
});

/// Where the amount that follows a fee word ending at `end` ends, if one does and it is not
/// zero ("受講料０円" is no fee). The fee words are lexicon terms (`lexicon.tsv`), found in
/// the lexicon's one pass over the page.
pub fn amount_after(text: &str, end: usize) -> Option<usize> {
    let amount = AMOUNT.find(&text[end..])?;
    amount
        .as_str()
        .chars()
        .any(|character| character.is_numeric() && !matches!(character, '0' | '０'))
        .then_some(end + amount.end())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn amount(text: &str) -> Option<&str> {
        amount_after(text, 0).map(|end| &text[..end])
    }

    #[test]
    fn the_amount_after_a_fee_word_is_read() {
        assert_eq!(amount(" of $150. Then"), Some(" of $150"));
        assert_eq!(amount("500元"), Some("500元"));
        assert_eq!(amount("สมาชิก 150 บาท"), Some("สมาชิก 150 บาท"));
        assert_eq!(amount(" 35만원 선입금"), Some(" 35만원"));
        assert_eq!(amount(": Rp2 juta"), Some(": Rp2 juta"));
        assert_eq!(amount(" 350k trước"), Some(" 350k"));
        assert_eq!(amount(" Rp. 150.000"), Some(" Rp. 150.000"));
        for text in [
            ": none. Start on 3 March.",
            ": $0 for early birds",
            "０円",
            "」を求められた。総額800万円",
            " định hướng 4 tuần",
            ": none. Salary $2,000 per month",
            " waived, hours 9-5",
        ] {
            assert_eq!(amount(text), None, "{text}");
        }
    }
}
