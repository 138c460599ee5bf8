//! Fees a job asks the applicant to pay before it starts, with their amount ("ค่าสมัครสมาชิก
//! 150 บาท", "training fee of $150", "入职押金500元"): the commonest job scam takes the money
//! and gives no job. The amount makes the difference with honest ads, which name the same fees
//! only to say there are none ("no registration fee", "không thu phí đào tạo").

use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// A fee word, then within a few characters an amount with its currency or unit. Fees that
/// are ordinary outside jobs are not among them: a flat's deposit (보증금), a course's fee
/// (受講料), a bank's admin fee (biaya administrasi), an exchange's security deposit.
static FEE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?:",
        r"(?:training|registration|application|processing|admin(?:istration)?|onboarding|uniform|membership|activation|course|starter kit|equipment|id card)\s(?:fees?|costs?|charges?|payments?)",
        r"|refundable deposit",
        r"|培训费|培訓費|报名费|報名費|入职费|入職費|押金|服装费|服裝費|资料费|資料費|会员费|會員費|工本费|工本費|介绍费|介紹費",
        r"|등록비|가입비|재료비|교재비|장비 구입비",
        r"|登録料|登録費|研修費|教材費|保証金",
        r"|ค่าสมัคร|ค่าคอร์ส|ค่ามัดจำ|ค่าอบรม|ค่าอุปกรณ์|ค่าเปิดบัญชี|ค่าชุด|ค่าทำบัตร|ค่าดำเนินการ",
        r"|phí (?:đào tạo|hồ sơ|đăng ký|đồng phục|giữ chỗ|làm thẻ|tuyển dụng|xử lý)|tiền cọc|đặt cọc|tiền đồng phục",
        r"|biaya (?:pendaftaran|pelatihan|seragam|training|kartu)|uang (?:jaminan|pendaftaran|seragam)",
        r"|yuran (?:pendaftaran|latihan|pemprosesan|kursus)|wang (?:cagaran|pendaftaran)|bayaran (?:pendaftaran|latihan)",
        r")",
        // A few characters, not across a sentence or line, nor past a digit: "of", "：", "สมาชิก".
        r"[^\n\d。！？!?]{0,16}?",
        r"(?:(?:us\$|[$₱₹€£¥₩]|rs\.?|rp\.?|rm|php)\s?\d(?:[\d,.]*\d)?(?:\s?(?:k|rb|ribu|juta|jt))?",
        r"|\d(?:[\d,.]*\d)?\s?(?:k(?-u:\b)|rb|ribu|juta|jt|nghìn|ngàn|triệu|tr(?-u:\b)|baht|บาท|万円|万元|万|元|块|塊|円|만\s?원|원|pesos?|php|usdt|usd|ringgit|dollars?))",
    ))
    .expect("the fee pattern is valid")
});

/// The fees with their amounts that `text` asks for, as byte ranges of `text` ("受講料０円" is
/// no fee).
pub fn upfront_fees(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    FEE.find_iter(text)
        .filter(|found| {
            found
                .as_str()
                .chars()
                .any(|character| character.is_numeric() && !matches!(character, '0' | '０'))
        })
        .map(|found| found.range())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Unicode word boundary stops the regex crate's fast engine at the first character
    /// outside ASCII, and the pattern then reads every page with the slow one (20 times
    /// slower on EMSCAD postings); `(?-u:\b)` is the ASCII boundary.
    #[test]
    fn the_pattern_has_no_unicode_word_boundary() {
        assert!(!FEE.as_str().replace("(?-u:\\b)", "").contains("\\b"));
    }

    fn fees(text: &str) -> Vec<&str> {
        upfront_fees(text).map(|range| &text[range]).collect()
    }

    /// A fee with its amount, in each language of the ads; the same fee words without an
    /// amount are not one.
    #[test]
    fn a_fee_is_named_with_its_amount() {
        for (text, fee) in [
            (
                "Before you start, pay the training fee of $150.",
                "training fee of $150",
            ),
            ("入职前需交押金500元", "押金500元"),
            ("入職前需繳服裝費800元", "服裝費800元"),
            ("합격 후 교재비 35만원 선입금", "교재비 35만원"),
            ("登録料として3万円をお振込みください", "登録料として3万円"),
            ("ค่าสมัครสมาชิก 150 บาท เพื่อเปิดบัญชีพนักงาน", "ค่าสมัครสมาชิก 150 บาท"),
            (
                "Nộp phí đồng phục 350k trước khi đi làm",
                "phí đồng phục 350k",
            ),
            ("Wajib setor uang jaminan Rp2 juta", "uang jaminan Rp2 juta"),
            ("Yuran pendaftaran RM150 sahaja", "Yuran pendaftaran RM150"),
        ] {
            assert_eq!(fees(text), vec![fee], "{text}");
        }
        for text in [
            "No registration fee, beware of fake consultants.",
            "Tidak ada biaya pelatihan atau seragam.",
            "học phí đào tạo định hướng 4 tuần",
            "Training fee: none. Start on 3 March.",
            "Registration fee: $0 for early birds",
            "보증금 500만원에 월세 50만원",
            "「保証金」を求められた。総額800万円",
        ] {
            assert!(fees(text).is_empty(), "{text}");
        }
    }
}
