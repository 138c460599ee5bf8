//! The text the red-flag detectors read: letters in one form, with the place of each byte in
//! the text as written, so that a reason quotes the page as the page writes it.
//!
//! Ads written to slip past keyword filters spell words in full-width letters ("Ｔｅｌｅｇｒａｍ"),
//! in the bold and script letters of Unicode's mathematical alphabets ("𝐓𝐞𝐥𝐞𝐠𝐫𝐚𝐦"), in
//! circled letters, or in capitals ("BAO ĂN Ở"). The lexicon's automata fold ASCII letters only,
//! so the detectors read a copy where those are plain lower-case letters.

use std::borrow::Cow;

/// A page's text folded for matching.
pub struct Folded<'t> {
    written: &'t str,
    text: Cow<'t, str>,
    /// For each byte of `text`, and one past its end, the byte of `written` where the
    /// character it came from begins; empty when `text` is `written`.
    origin: Vec<usize>,
}

impl<'t> Folded<'t> {
    /// Folds `written`; no copy when nothing needs folding.
    pub fn new(written: &'t str) -> Self {
        if written.is_ascii() || !written.chars().any(needs_folding) {
            return Folded {
                written,
                text: Cow::Borrowed(written),
                origin: Vec::new(),
            };
        }
        let mut text = String::with_capacity(written.len());
        let mut origin = Vec::with_capacity(written.len() + 1);
        for (at, character) in written.char_indices() {
            let before = text.len();
            push_folded(character, &mut text);
            origin.resize(origin.len() + text.len() - before, at);
        }
        origin.push(written.len());
        Folded {
            written,
            text: Cow::Owned(text),
            origin,
        }
    }

    /// The folded text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text as written that `start..end` of the folded text came from.
    pub fn as_written(&self, start: usize, end: usize) -> &'t str {
        if self.origin.is_empty() {
            return &self.written[start..end];
        }
        &self.written[self.origin[start]..self.origin[end]]
    }
}

/// True when `character` reads differently folded.
fn needs_folding(character: char) -> bool {
    !character.is_ascii() && (plain(character) != character || character.is_uppercase())
}

/// Full-width, mathematical and circled letters and digits, and "＄", as ASCII. Other
/// full-width signs stay: "，" ends a Chinese clause where "," does not.
fn plain(character: char) -> char {
    let plain = crate::extract::fold_character(character);
    if plain.is_ascii_alphanumeric() || plain == '$' {
        plain
    } else {
        character
    }
}

/// Pushes `character` folded: see [`plain`]; other letters in lower case (ASCII's case is
/// left to the automata).
fn push_folded(character: char, text: &mut String) {
    let character = plain(character);
    if character.is_ascii() {
        text.push(character);
    } else {
        text.extend(character.to_lowercase());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_fold_and_quotes_keep_the_page_as_written() {
        let written = "Liên hệ 𝐓𝐞𝐥𝐞𝐠𝐫𝐚𝐦 hay ＬＩＮＥ, BAO ĂN Ở, Ⓦⓗⓐⓣⓢⓐⓟⓟ！";
        let folded = Folded::new(written);
        assert_eq!(
            folded.text(),
            "Liên hệ Telegram hay LINE, BAO ăN ở, Whatsapp！"
        );
        let start = folded.text().find("Telegram").unwrap();
        assert_eq!(folded.as_written(start, start + 8), "𝐓𝐞𝐥𝐞𝐠𝐫𝐚𝐦");
        let start = folded.text().find("ăN ở").unwrap();
        assert_eq!(
            folded.as_written(start, folded.text().len()),
            "ĂN Ở, Ⓦⓗⓐⓣⓢⓐⓟⓟ！"
        );
        // A letter whose lower case is longer (İ → i̇) keeps the map right.
        let folded = Folded::new("İSTANBUL TELEGRAM");
        let start = folded.text().find("TELEGRAM").unwrap();
        assert_eq!(folded.as_written(start, start + 8), "TELEGRAM");
    }

    #[test]
    fn plain_text_is_not_copied() {
        for text in ["plain text", "lương cao, 包吃包住"] {
            assert!(matches!(Folded::new(text).text, Cow::Borrowed(_)));
        }
    }
}
