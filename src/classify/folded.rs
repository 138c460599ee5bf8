//! The text the red-flag detectors read: letters in one form, with the place of each byte in
//! the text as written, so that a reason quotes the page as the page writes it.
//!
//! Ads written to slip past keyword filters spell words in full-width letters ("Ｔｅｌｅｇｒａｍ"),
//! in the bold and script letters of Unicode's mathematical alphabets ("𝐓𝐞𝐥𝐞𝐠𝐫𝐚𝐦"), in
//! circled letters, or in capitals ("BAO ĂN Ở"). The lexicon's automata fold ASCII letters only,
//! so the detectors read a copy where those are plain lower-case letters.

use crate::extract::{in_latin_word, is_ideograph, latin_lookalike};
use std::borrow::Cow;

/// A page's text folded for matching.
pub struct Folded<'t> {
    written: &'t str,
    text: Cow<'t, str>,
    /// For each byte of `text`, the byte of `written` where the character it came from
    /// begins; empty when `text` is `written`.
    origin: Vec<usize>,
}

impl<'t> Folded<'t> {
    /// Folds `written`; no copy when nothing needs folding.
    pub fn new(written: &'t str) -> Self {
        // Only a character outside ASCII needs folding, or a sign after a Chinese character:
        // the bytes that begin those are looked at, not every character.
        let needs_a_copy = |(at, byte): (usize, &u8)| {
            *byte >= 0xC0
                && written[at..].chars().next().is_some_and(|character| {
                    needs_folding(character)
                        || (is_ideograph(character)
                            && written[at + character.len_utf8()..]
                                .chars()
                                .next()
                                .is_some_and(is_spacer))
                })
        };
        if written.is_ascii() || !written.as_bytes().iter().enumerate().any(needs_a_copy) {
            return Folded {
                written,
                text: Cow::Borrowed(written),
                origin: Vec::new(),
            };
        }
        let mut text = String::with_capacity(written.len());
        let mut origin = Vec::with_capacity(written.len() + 1);
        let mut characters = written.char_indices().peekable();
        while let Some((at, character)) = characters.next() {
            let before = text.len();
            // "柬*埔*寨", "包 吃 包 住": signs and spaces between Chinese or Japanese characters
            // are left out, as ads put them there to break up the words filters look for.
            if is_spacer(character)
                && text.chars().next_back().is_some_and(is_ideograph)
                && (characters.clone())
                    .map(|(_, next)| next)
                    .find(|next| !is_spacer(*next))
                    .is_some_and(is_ideograph)
            {
                // The whole run goes at once: a run is looked along only from its start.
                while characters.next_if(|(_, next)| is_spacer(*next)).is_some() {}
                continue;
            }
            match latin_lookalike(character) {
                Some(latin) if in_latin_word(written, at, character.len_utf8()) => {
                    text.push(latin);
                }
                _ => push_folded(character, &mut text),
            }
            origin.resize(origin.len() + text.len() - before, at);
        }
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

    /// True when the fold took out a space (or "/", "|", "·", "•") just before `at` between two
    /// words of Chinese or Japanese characters, each at least two long: the end of an item in a
    /// list ("无押金 包吃包住", "学歴不問 寮完備"), where "包 吃 包 住" is one word spaced out.
    pub fn spaced_before(&self, at: usize) -> bool {
        if self.origin.is_empty()
            || at == 0
            || at >= self.text.len()
            || !self.text.is_char_boundary(at)
        {
            return false;
        }
        let Some(previous) = self.text[..at].chars().next_back() else {
            return false;
        };
        let previous_start = self.origin[at - previous.len_utf8()];
        let previous_end = previous_start
            + self.written[previous_start..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
        let here = self.origin[at];
        let two_ideographs = |characters: &mut dyn Iterator<Item = char>| {
            characters
                .take(2)
                .filter(|character| is_ideograph(*character))
                .count()
                == 2
        };
        here > previous_end
            && self.written[previous_end..here]
                .contains(|character: char| character.is_whitespace() || "/|·•".contains(character))
            && two_ideographs(&mut self.written[..previous_end].chars().rev())
            && two_ideographs(&mut self.written[here..].chars())
    }

    /// The text as written that `start..end` of the folded text came from.
    pub fn as_written(&self, start: usize, end: usize) -> &'t str {
        if self.origin.is_empty() {
            return &self.written[start..end];
        }
        if start == end {
            return "";
        }
        // To the end of the character the last byte came from: signs left out after it are
        // not part of the quote.
        let last = self.origin[end - 1];
        let last_end = last
            + self.written[last..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
        &self.written[self.origin[start]..last_end]
    }
}

/// True when `character` reads differently folded.
fn needs_folding(character: char) -> bool {
    !character.is_ascii()
        && (plain(character) != character
            || character.is_uppercase()
            || latin_lookalike(character).is_some())
}

/// A sign or space that ads put between the characters of a word.
fn is_spacer(character: char) -> bool {
    matches!(
        character,
        ' ' | '*'
            | '/'
            | '-'
            | '_'
            | '.'
            | '~'
            | '|'
            | '·'
            | '•'
            | '＊'
            | '\u{3000}'
            | '★'
            | '☆'
            | '♥'
            | '❤'
    )
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
    fn lookalike_letters_inside_latin_words_read_as_latin() {
        // Cyrillic а, е, Т, Е and Greek ο inside Latin words, side by side too; a Russian word
        // stays Russian.
        let written = "Cаmbodia, Tеlеgram, Тelegram, ТЕlegram, Sihanοukville; работа";
        let folded = Folded::new(written);
        assert_eq!(
            folded.text(),
            "Cambodia, Telegram, Telegram, TElegram, Sihanoukville; работа"
        );
        let start = folded.text().find("Sihanoukville").unwrap();
        assert_eq!(folded.as_written(start, start + 13), "Sihanοukville");
    }

    #[test]
    fn signs_between_chinese_characters_are_left_out() {
        let written = "柬*埔*寨 高 薪，包 吃 包 住，联系 飞★机 @hr, Phnom Penh 西港";
        let folded = Folded::new(written);
        assert_eq!(
            folded.text(),
            "柬埔寨高薪，包吃包住，联系飞机 @hr, Phnom Penh 西港"
        );
        let start = folded.text().find("柬埔寨").unwrap();
        assert_eq!(folded.as_written(start, start + "柬埔寨".len()), "柬*埔*寨");
    }

    /// A long run of signs is read once, not once per sign.
    #[test]
    fn a_long_run_of_signs_takes_linear_time() {
        let written = format!("中{}国", "*".repeat(1_000_000));
        assert_eq!(Folded::new(&written).text(), "中国");
    }

    #[test]
    fn plain_text_is_not_copied() {
        for text in ["plain text", "lương cao, 包吃包住"] {
            assert!(matches!(Folded::new(text).text, Cow::Borrowed(_)));
        }
    }
}
