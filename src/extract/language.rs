//! The language of a page's text, as an ISO 639-1 code.
//!
//! `whatlang` does the work (script first, then trigrams); we add what it lacks for our
//! region: Malay, which it reads as Indonesian, told apart by words the two languages do not
//! share. Only a sample of the text is examined, so a 20 MB page costs no more than a short one.

use super::normalize::floor_boundary;
use std::sync::LazyLock;
use whatlang::{Lang, Script};

/// How much Latin-script text the trigram model reads: enough for a sure answer, and the
/// model's cost grows with it.
const LATIN_SAMPLE_BYTES: usize = 320;

/// How much text (in bytes, from the start) the detector examines.
const SAMPLE_BYTES: usize = 640;

/// Words common in Malay and rare in Indonesian.
const MALAY_WORDS: &[&str] = &[
    "kerana",
    "sahaja",
    "wang",
    "percuma",
    "syarikat",
    "jawatan",
    "bahagian",
    "boleh",
    "ialah",
    "sebarang",
    "pejabat",
    "memohon",
    "sila",
    "mahu",
    "cuti",
    "kenderaan",
];

/// Words common in Indonesian and rare in Malay.
const INDONESIAN_WORDS: &[&str] = &[
    "karena",
    "saja",
    "uang",
    "gratis",
    "perusahaan",
    "lowongan",
    "bisa",
    "kantor",
    "adalah",
    "apapun",
    "melamar",
    "silakan",
    "mau",
    "libur",
    "kendaraan",
];

/// Languages written in Latin script that the trigram model chooses among: those of the
/// region and of the sites around it. A short list keeps detection fast and sure.
const LATIN_LANGUAGES: [Lang; 14] = [
    Lang::Eng,
    Lang::Vie,
    Lang::Ind,
    Lang::Tgl,
    Lang::Jav,
    Lang::Spa,
    Lang::Por,
    Lang::Fra,
    Lang::Deu,
    Lang::Ita,
    Lang::Nld,
    Lang::Tur,
    Lang::Pol,
    Lang::Ron,
];

/// The ISO 639-1 code of the language of `text`, if it can be told.
///
/// Scripts that belong to one language of the region decide at once (Hangul, kana, Thai,
/// Khmer, Myanmar; Han without kana is Chinese); Latin text goes to the trigram model.
pub fn detect(text: &str) -> Option<&'static str> {
    static LATIN: LazyLock<whatlang::Detector> =
        LazyLock::new(|| whatlang::Detector::with_allowlist(LATIN_LANGUAGES.to_vec()));
    let sample = sample(text);
    match whatlang::detect_script(sample)? {
        Script::Hangul => return Some("ko"),
        Script::Hiragana | Script::Katakana => return Some("ja"),
        Script::Mandarin => return Some(if has_kana(sample) { "ja" } else { "zh" }),
        Script::Thai => return Some("th"),
        Script::Khmer => return Some("km"),
        Script::Myanmar => return Some("my"),
        Script::Latin => {}
        _ => {
            let info = whatlang::detect(sample).filter(whatlang::Info::is_reliable)?;
            return iso_639_1(info.lang());
        }
    }
    let info = LATIN.detect(&sample[..floor_boundary(sample, LATIN_SAMPLE_BYTES)])?;
    let maybe_malay =
        matches!(info.lang(), Lang::Ind | Lang::Jav | Lang::Tgl) || !info.is_reliable();
    if maybe_malay && let Some(code) = malay_or_indonesian(sample) {
        return Some(code);
    }
    if !info.is_reliable() {
        return None;
    }
    iso_639_1(info.lang())
}

fn has_kana(text: &str) -> bool {
    text.chars()
        .any(|character| matches!(character, '\u{3041}'..='\u{30FF}'))
}

fn sample(text: &str) -> &str {
    &text[..floor_boundary(text, SAMPLE_BYTES)]
}

/// `ms` or `id` when words only one of the two languages uses decide it.
fn malay_or_indonesian(text: &str) -> Option<&'static str> {
    let count = |words: &[&str]| {
        text.split(|character: char| !character.is_ascii_alphabetic())
            .filter(|word| words.iter().any(|known| known.eq_ignore_ascii_case(word)))
            .count()
    };
    let malay = count(MALAY_WORDS);
    let indonesian = count(INDONESIAN_WORDS);
    if malay >= 2 && malay > indonesian {
        Some("ms")
    } else if indonesian >= 2 && indonesian > malay {
        Some("id")
    } else {
        None
    }
}

fn iso_639_1(lang: Lang) -> Option<&'static str> {
    let code = match lang {
        Lang::Eng => "en",
        Lang::Cmn => "zh",
        Lang::Jpn => "ja",
        Lang::Kor => "ko",
        Lang::Tha => "th",
        Lang::Vie => "vi",
        Lang::Ind => "id",
        Lang::Khm => "km",
        Lang::Mya => "my",
        Lang::Tgl => "tl",
        Lang::Jav => "jv",
        Lang::Rus => "ru",
        Lang::Ukr => "uk",
        Lang::Spa => "es",
        Lang::Por => "pt",
        Lang::Ita => "it",
        Lang::Fra => "fr",
        Lang::Deu => "de",
        Lang::Nld => "nl",
        Lang::Pol => "pl",
        Lang::Tur => "tr",
        Lang::Ara => "ar",
        Lang::Hin => "hi",
        Lang::Ben => "bn",
        Lang::Urd => "ur",
        Lang::Pes => "fa",
        Lang::Heb => "he",
        Lang::Ell => "el",
        Lang::Ron => "ro",
        Lang::Hun => "hu",
        Lang::Ces => "cs",
        Lang::Slk => "sk",
        Lang::Swe => "sv",
        Lang::Dan => "da",
        Lang::Nob => "nb",
        Lang::Fin => "fi",
        Lang::Bul => "bg",
        Lang::Srp => "sr",
        Lang::Hrv => "hr",
        Lang::Slv => "sl",
        Lang::Lit => "lt",
        Lang::Lav => "lv",
        Lang::Est => "et",
        Lang::Tam => "ta",
        Lang::Tel => "te",
        Lang::Mal => "ml",
        Lang::Kan => "kn",
        Lang::Mar => "mr",
        Lang::Guj => "gu",
        Lang::Pan => "pa",
        Lang::Nep => "ne",
        Lang::Sin => "si",
        Lang::Kat => "ka",
        Lang::Hye => "hy",
        Lang::Amh => "am",
        Lang::Uzb => "uz",
        Lang::Aze => "az",
        Lang::Bel => "be",
        Lang::Mkd => "mk",
        Lang::Cat => "ca",
        Lang::Afr => "af",
        Lang::Zul => "zu",
        Lang::Sna => "sn",
        Lang::Aka => "ak",
        Lang::Tuk => "tk",
        Lang::Ori => "or",
        Lang::Yid => "yi",
        Lang::Lat => "la",
        Lang::Cym => "cy",
        Lang::Epo => "eo",
    };
    Some(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_of_the_region() {
        let cases = [
            (
                "고수익 해외 취업, 항공권과 숙소 제공, 텔레그램으로 연락 주세요",
                "ko",
            ),
            (
                "高薪招聘客服，包吃包住，机票报销，工作地点在柬埔寨西港，联系飞机",
                "zh",
            ),
            (
                "高収入の海外勤務、航空券と住居を提供します。テレグラムでご連絡ください",
                "ja",
            ),
            (
                "รับสมัครพนักงานทำงานต่างประเทศ เงินเดือนสูง มีที่พักฟรี ติดต่อทางไลน์",
                "th",
            ),
            (
                "Tuyển nhân viên làm việc tại Campuchia, lương cao, bao ăn ở, liên hệ qua Telegram",
                "vi",
            ),
            (
                "Lowongan kerja di Kamboja, gaji tinggi, tiket pesawat gratis, perusahaan menanggung visa untuk anda yang tidak berpengalaman",
                "id",
            ),
            (
                "Jawatan kosong di Kemboja, gaji lumayan, tiket kapal terbang percuma, syarikat tanggung visa, sila hubungi kami kerana tempat terhad sahaja",
                "ms",
            ),
            ("ក្រុមហ៊ុនយើងខ្ញុំកំពុងជ្រើសរើសបុគ្គលិកផ្នែកសេវាកម្មអតិថិជន", "km"),
            ("ကျွန်ုပ်တို့ကုမ္ပဏီတွင် ဝန်ထမ်းများ ခေါ်ယူနေပါသည်", "my"),
            (
                "We are hiring customer service agents in Cambodia, high salary, free flight and visa.",
                "en",
            ),
        ];
        for (text, expected) in cases {
            assert_eq!(detect(text), Some(expected), "{text}");
        }
        assert_eq!(detect("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"), None);
    }
}
