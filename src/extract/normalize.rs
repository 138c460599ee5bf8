//! Undoes the simple obfuscation scam pages use on addresses and handles before scanning:
//! full-width letters and digits, ideographic spaces, and invisible characters.
//!
//! The page's `text` keeps what the page shows; only the scanners see the folded copy.

use super::html::is_invisible;
use std::borrow::Cow;

/// `text` in Unicode's composed form (NFC), as most pages write it: some Vietnamese keyboards
/// and Windows-1258 write tones as combining marks ("ă" as "a" and U+0306), and then words,
/// n-grams and red flags would not match. Returns the input unchanged (no copy) when it is
/// composed already.
pub fn compose(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    icu_normalizer::ComposingNormalizerBorrowed::new_nfc().normalize(text)
}

/// `text` with full-width ASCII folded to ASCII, Cyrillic and Greek lookalikes inside Latin
/// words as Latin ("Tеlеgram" with a Cyrillic "е"), and invisible characters removed.
///
/// Returns the input unchanged (no copy) when there is nothing to fold. Only characters whose
/// UTF-8 form starts with one of three lead bytes can need folding, so `memchr` finds them; the
/// lead bytes of the mathematical letters ("𝐓𝐞𝐥𝐞𝐠𝐫𝐚𝐦") and of the lookalikes are looked for only
/// in text that has them.
pub fn fold(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let [a, b, c, d, e, f] = LOOKALIKE_LEADS;
    let rare = memchr::memmem::find(bytes, MATHEMATICAL_LEAD).is_some()
        || memchr::memchr3(a, b, c, bytes).is_some()
        || memchr::memchr3(d, e, f, bytes).is_some();
    let next_lead = |from: usize| {
        if rare {
            (bytes[from..].iter()).position(|byte| {
                matches!(byte, 0xC2 | 0xE2 | 0xEF | 0xF0) || LOOKALIKE_LEADS.contains(byte)
            })
        } else {
            memchr::memchr3(0xC2, 0xE2, 0xEF, &bytes[from..])
        }
    };
    let mut folded: Option<String> = None;
    let mut copied_up_to = 0;
    let mut index = 0;
    while let Some(offset) = next_lead(index) {
        index += offset;
        let character = text[index..]
            .chars()
            .next()
            .expect("a lead byte starts a character");
        let width = character.len_utf8();
        let replacement = if is_invisible(character) {
            Some(None)
        } else if let Some(latin) =
            latin_lookalike(character).filter(|_| in_latin_word(text, index, width))
        {
            Some(Some(latin))
        } else {
            let ascii = fold_character(character);
            (ascii != character).then_some(Some(ascii))
        };
        if let Some(replacement) = replacement {
            let output = folded.get_or_insert_with(|| String::with_capacity(text.len()));
            output.push_str(&text[copied_up_to..index]);
            output.extend(replacement);
            copied_up_to = index + width;
        }
        index += width;
    }
    match folded {
        None => Cow::Borrowed(text),
        Some(mut output) => {
            output.push_str(&text[copied_up_to..]);
            Cow::Owned(output)
        }
    }
}

/// How the UTF-8 form of a letter of Unicode's mathematical alphabets (U+1D400–U+1D7FF) begins.
const MATHEMATICAL_LEAD: &[u8] = b"\xF0\x9D";

/// The lead bytes of the UTF-8 forms of the Greek and Cyrillic letters [`latin_lookalike`]
/// reads as Latin.
const LOOKALIKE_LEADS: [u8; 6] = [0xCE, 0xCF, 0xD0, 0xD1, 0xD2, 0xD4];

/// True when `text[start..end]` is not part of a longer ASCII word (its neighbours are not
/// ASCII letters or digits): `line` in "LINE: x" but not in "online".
pub fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let bytes = text.as_bytes();
    let before = start.checked_sub(1).map(|index| bytes[index]);
    let after = bytes.get(end).copied();
    !before.is_some_and(|byte| byte.is_ascii_alphanumeric())
        && !after.is_some_and(|byte| byte.is_ascii_alphanumeric())
}

/// The largest char boundary at or below `index` (clamped to the text's length).
pub fn floor_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// The smallest char boundary at or above `index` (clamped to the text's length).
pub fn ceil_boundary(text: &str, index: usize) -> usize {
    let mut index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index += 1;
    }
    index
}

/// Scripts written without spaces between words: Thai, Lao, Burmese, Khmer, kana and Han.
pub fn is_unspaced(character: char) -> bool {
    is_unspaced_alphabet(character) || is_ideograph(character)
}

/// A Chinese character or Japanese kana.
pub fn is_ideograph(character: char) -> bool {
    matches!(
        character,
        '\u{3040}'..='\u{30FF}'     // Hiragana, Katakana
            | '\u{3400}'..='\u{4DBF}' // CJK extension A
            | '\u{4E00}'..='\u{9FFF}' // CJK
            | '\u{F900}'..='\u{FAFF}' // CJK compatibility
    )
}

/// The alphabets among them (Thai, Lao, Burmese, Khmer): two of their letters are a piece of a
/// word, where two Chinese characters often are a word.
pub fn is_unspaced_alphabet(character: char) -> bool {
    matches!(
        character,
        '\u{0E00}'..='\u{0EFF}'     // Thai, Lao
            | '\u{1000}'..='\u{109F}' // Myanmar
            | '\u{1780}'..='\u{17FF}' // Khmer
    )
}

/// Hangul syllables and jamo (Korean: spaced, but words take particles).
pub fn is_hangul(character: char) -> bool {
    matches!(character, '\u{AC00}'..='\u{D7AF}' | '\u{1100}'..='\u{11FF}' | '\u{3130}'..='\u{318F}')
}

/// `character` as the plain letter or digit it stands for, where it is a full-width form
/// ("Ｔ"), a letter of Unicode's mathematical alphabets ("𝐓", "𝓣") or a circled letter ("Ⓣ");
/// otherwise unchanged.
#[inline]
pub fn fold_character(character: char) -> char {
    match character {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(character as u32 - 0xFF01 + 0x21)
            .expect("full-width ASCII maps to ASCII"),
        '\u{1D400}'..='\u{1D7FF}' | '\u{24B6}'..='\u{24E9}' => compatible(character),
        _ => character,
    }
}

/// The Latin letter a Cyrillic or Greek letter is drawn like ("Cаmbodia" with a Cyrillic
/// "а"), for letters inside a Latin word: ads mix them in to slip past keyword filters.
pub fn latin_lookalike(character: char) -> Option<char> {
    // Pair by pair.
    const LOOKALIKES: &str = "аеорсухіјѕԁһԛԝАВЕКМНОРСТХІЈЅαονικτΑΒΕΗΙΚΜΝΟΡΤΧΥΖ";
    const LATIN: &str = "aeopcyxijsdhqwABEKMHOPCTXIJSaoviktABEHIKMNOPTXYZ";
    if !matches!(character, '\u{0370}'..='\u{052F}') {
        return None;
    }
    LOOKALIKES
        .chars()
        .zip(LATIN.chars())
        .find(|(lookalike, _)| *lookalike == character)
        .map(|(_, latin)| latin)
}

/// How many letters either way [`in_latin_word`] looks at.
const WORD_REACH: usize = 32;

/// Whether the character at `text[index..index + width]` stands in a word (a run of letters,
/// read up to [`WORD_REACH`] letters either way) that also holds a Latin letter, as written or
/// full-width or bold: then its lookalikes are read as Latin ("ТЕlegram", "Cambodіа"), while a
/// Russian or Greek word stays as written.
pub fn in_latin_word(text: &str, index: usize, width: usize) -> bool {
    let latin = |letters: &mut dyn Iterator<Item = char>| {
        letters
            .take(WORD_REACH)
            .take_while(|letter| letter.is_alphabetic())
            .any(|letter| fold_character(letter).is_ascii_alphabetic())
    };
    latin(&mut text[..index].chars().rev()) || latin(&mut text[index + width..].chars())
}

/// The one character `character` is compatible with (NFKC), or `character`.
#[cold]
fn compatible(character: char) -> char {
    let mut buffer = [0; 4];
    let compatible = icu_normalizer::ComposingNormalizerBorrowed::new_nfkc()
        .normalize(character.encode_utf8(&mut buffer));
    let mut characters = compatible.chars();
    match (characters.next(), characters.next()) {
        (Some(plain), None) => plain,
        _ => character,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_and_invisible_characters_fold() {
        assert_eq!(fold("ＴＲ７ＮＨ\u{200B}qje"), "TR7NHqje");
        assert_eq!(fold("🔥 𝐓𝐞𝐥𝐞𝐠𝐫𝐚𝐦: hr_anna"), "🔥 Telegram: hr_anna");
        // Lookalikes inside a Latin word fold; a Russian word stays as written.
        assert_eq!(fold("Tеlеgram: hr_anna, связь"), "Telegram: hr_anna, связь");
        // Lookalikes side by side, at a word's edge, still in a Latin word.
        assert_eq!(fold("ТЕlegram, Cambodіа"), "TElegram, Cambodia");
        assert!(matches!(fold("plain text"), Cow::Borrowed(_)));
    }
}
