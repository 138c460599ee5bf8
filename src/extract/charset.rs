//! Bytes → text: byte-order mark, then a declared charset, then detection.
//!
//! Order: a BOM wins; then the HTTP header's charset (when the crawler has one); then
//! `<meta charset>` / `http-equiv`; then `chardetng`. Bytes that are valid UTF-8 are read as
//! UTF-8 even when a legacy charset is declared: scam pages often declare one charset and serve
//! another, valid UTF-8 with non-ASCII content almost never arises by chance in a legacy
//! charset, and pure ASCII reads the same in all of them. Invalid bytes become U+FFFD.

use encoding_rs::{Encoding, UTF_8};
use regex::bytes::Regex;
use std::sync::LazyLock;

/// Text decoded from bytes, with how it was decoded.
#[derive(Debug)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The encoding used.
    pub encoding: &'static Encoding,
    /// True when some bytes were invalid in that encoding and were replaced.
    pub had_errors: bool,
}

/// How many leading bytes are searched for a `<meta>` charset declaration.
const META_PRESCAN_BYTES: usize = 4096;

/// Decodes `bytes`, using `declared` (e.g. from an HTTP `Content-Type`) when the page has no BOM.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Decoded {
    if Encoding::for_bom(bytes).is_none()
        && let Ok(text) = std::str::from_utf8(bytes)
    {
        return Decoded {
            text: super::compose(text).into_owned(),
            encoding: UTF_8,
            had_errors: false,
        };
    }
    let encoding = choose_encoding(bytes, declared);
    let (text, encoding, had_errors) = encoding.decode(bytes);
    Decoded {
        text: super::compose(&text).into_owned(),
        encoding,
        had_errors,
    }
}

fn choose_encoding(bytes: &[u8], declared: Option<&str>) -> &'static Encoding {
    if let Some((encoding, _)) = Encoding::for_bom(bytes) {
        return encoding;
    }
    let named = declared
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .or_else(|| meta_charset(bytes));
    if let Some(encoding) = named {
        // A page cannot declare itself UTF-16 in ASCII-compatible markup (HTML spec).
        return encoding.output_encoding();
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Allow)
}

/// The charset named by `<meta charset=…>` or `<meta http-equiv=content-type content=…>`.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    static META: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i-u)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#)
            .expect("the meta charset pattern is valid")
    });
    let head = &bytes[..bytes.len().min(META_PRESCAN_BYTES)];
    let label = META.captures(head)?.get(1)?.as_bytes();
    Encoding::for_label(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_is_read_and_detection_is_the_fallback() {
        let (gbk, _, _) = encoding_rs::GBK.encode("<meta charset=\"gbk\"><p>高薪招聘客服</p>");
        assert_eq!(
            decode(&gbk, None).text,
            "<meta charset=\"gbk\"><p>高薪招聘客服</p>"
        );
        let (big5, _, _) =
            encoding_rs::BIG5.encode("高薪招聘客服，包吃包住，機票報銷。工作地點柬埔寨西港。");
        assert!(decode(&big5, None).text.contains("機票報銷"));
    }

    #[test]
    fn utf8_wins_over_a_wrong_declaration_and_bom_wins_over_all() {
        let page = "<meta charset=\"windows-1252\"><p>월급 500만원</p>";
        assert_eq!(decode(page.as_bytes(), None).text, page);
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("hi".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&utf16, None).text, "hi");
    }

    /// Tones written as combining marks in UTF-8 are composed, as Windows-1258's are.
    #[test]
    fn decomposed_utf8_is_composed() {
        let decomposed = "Tuye\u{302}\u{309}n ga\u{302}\u{301}p, bao a\u{306}n o\u{31B}\u{309}";
        assert_eq!(
            decode(decomposed.as_bytes(), None).text,
            "Tuyển gấp, bao ăn ở"
        );
    }

    #[test]
    fn invalid_bytes_are_replaced_and_reported() {
        let decoded = decode(b"<meta charset=utf-8>ok \xff\xfe end", None);
        assert!(decoded.had_errors);
        assert!(decoded.text.contains('\u{FFFD}'));
    }
}
