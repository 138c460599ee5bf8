//! The model's own terms as a reason shows them: only terms that say something to a reader
//! («USDT», «gaji», «包吃包住», not «tidak», «され» or half a Thai word), each shown as the page
//! writes it, where it stands as a word, so that the analyst can find it there.

use super::features::{fold, fold_text};
use crate::extract::{is_hangul, is_unspaced, is_unspaced_alphabet};
use std::collections::HashSet;
use std::sync::LazyLock;

/// A term worth showing: at least two letters, not all of them digits; not two letters of
/// Thai, Lao, Burmese or Khmer (the model reads those scripts by character pairs, and a pair of
/// their letters is a piece of a word: «ชท» of «แชท»); not only grammar words («tidak», «các»);
/// and not Japanese grammar or a pair cut mid-word.
pub(super) fn is_readable(term: &str) -> bool {
    let term = term.strip_prefix("title: ").unwrap_or(term);
    let letters = term
        .chars()
        .filter(|character| character.is_alphabetic())
        .count();
    letters >= 2
        && !term.starts_with('#')
        && !term.chars().any(is_unspaced_alphabet)
        && !term.split(' ').all(|word| FUNCTION_WORDS.contains(word))
        && !is_japanese_fragment(term)
}

/// Words that say nothing to a reader as a reason, in each language of the ads.
static FUNCTION_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    include_str!("function_words.txt")
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
});

/// Japanese read by character pairs: a pair in hiragana only is grammar («され», «こと»); one
/// that starts with a small kana, «ン» or a long-vowel mark («ャッ» of «チャット»), or that ends in a
/// particle after a kanji or katakana («日の»), is a piece of two words.
fn is_japanese_fragment(term: &str) -> bool {
    const HIRAGANA: std::ops::RangeInclusive<char> = '\u{3041}'..='\u{309F}';
    const CUT_STARTS: &[char] = &[
        'ぁ', 'ぃ', 'ぅ', 'ぇ', 'ぉ', 'っ', 'ゃ', 'ゅ', 'ょ', 'ゎ', 'ァ', 'ィ', 'ゥ', 'ェ', 'ォ',
        'ッ', 'ャ', 'ュ', 'ョ', 'ヮ', 'ン', 'ー',
    ];
    const PARTICLES: &[char] = &['の', 'に', 'は', 'を', 'が', 'で', 'と', 'も', 'へ', 'や'];
    let (Some(first), Some(last)) = (term.chars().next(), term.chars().next_back()) else {
        return false;
    };
    term.chars().all(|character| HIRAGANA.contains(&character))
        || CUT_STARTS.contains(&first)
        || (term.chars().count() == 2
            && is_unspaced(first)
            && !HIRAGANA.contains(&first)
            && PARTICLES.contains(&last))
}

/// Where `region` writes the term the model reads as `needle` (lower case, digits as 0): the
/// first stretch of `region` that folds to `needle` and stands as whole words there, if the
/// term begins or ends with a letter or digit of a spaced script («000 usdt» is not shown
/// from «15000 USDT»). `folded` keeps `region` folded once it is needed: most terms are ASCII
/// and are found without folding, which costs as much as the rest of the search.
pub(super) fn find_as_written<'p>(
    region: &'p str,
    needle: &str,
    folded: &mut Option<String>,
) -> Option<&'p str> {
    if needle.is_empty() {
        return None;
    }
    if needle.is_ascii()
        && let Some(written) = find_ascii(region, needle)
    {
        return Some(written);
    }
    let folded = folded.get_or_insert_with(|| fold_text(region));
    let (at, _) = folded
        .match_indices(needle)
        .find(|(at, _)| stands_alone(folded, *at, at + needle.len(), needle))?;
    as_written(region, folded, at, needle)
}

/// An ASCII term where `region` writes it in ASCII, found without folding `region`.
fn find_ascii<'p>(region: &'p str, needle: &str) -> Option<&'p str> {
    let same = |(written, folded): (&u8, &u8)| fold(char::from(*written)) == char::from(*folded);
    let start = region
        .as_bytes()
        .windows(needle.len())
        .enumerate()
        .filter(|(_, window)| window.iter().zip(needle.as_bytes()).all(same))
        .map(|(start, _)| start)
        // ASCII bytes never sit inside a multi-byte character, so these are boundaries.
        .find(|start| stands_alone(region, *start, start + needle.len(), needle))?;
    region.get(start..start + needle.len())
}

/// Whether `text[start..end]`, a match of `needle`, stands as whole words where `needle`
/// begins or ends with a letter or digit of a spaced script. Korean is read by character
/// pairs as well as words, so a Korean pair may stand inside a word.
fn stands_alone(text: &str, start: usize, end: usize, needle: &str) -> bool {
    let in_word = |character: char| {
        character.is_alphanumeric() && !is_unspaced(character) && !is_hangul(character)
    };
    let opens = needle.chars().next().is_some_and(in_word);
    let closes = needle.chars().next_back().is_some_and(in_word);
    let before = text.get(..start).and_then(|text| text.chars().next_back());
    let after = text.get(end..).and_then(|text| text.chars().next());
    (!opens || !before.is_some_and(in_word)) && (!closes || !after.is_some_and(in_word))
}

/// The stretch of `region` that `folded[at..]` made of `needle`, as the page wrote it («500
/// USDT» where the model reads «000 usdt»): folding maps each character to one character, so
/// it is the same characters.
fn as_written<'p>(region: &'p str, folded: &str, at: usize, needle: &str) -> Option<&'p str> {
    let mut boundaries = region
        .char_indices()
        .map(|(index, _)| index)
        .chain(std::iter::once(region.len()))
        .skip(folded.get(..at)?.chars().count());
    let start = boundaries.next()?;
    let end = boundaries.nth(needle.chars().count().checked_sub(1)?)?;
    region.get(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(region: &str, needle: &str) -> Option<String> {
        find_as_written(region, needle, &mut None).map(str::to_owned)
    }

    #[test]
    fn reasons_show_words_a_reader_can_check() {
        for term in [
            "usdt",
            "gaji",
            "dari rumah",
            "お金",
            "出金",
            "telegram",
            "lừa đảo",
            "free flight",
            "包住",
            "월급",
            "ai",
        ] {
            assert!(is_readable(term), "{term} should be shown");
        }
        for term in [
            "tidak",
            "các",
            "the",
            "of the",
            "됩니다",
            "title: 0",
            "00",
            "a",
            "され",
            "ャッ",
            "日の",
            "ชท",
            "ការ",
        ] {
            assert!(!is_readable(term), "{term} should not be shown");
        }
    }

    #[test]
    fn terms_are_shown_as_the_page_writes_them() {
        let page = "Ｔｅｌｅｇｒａｍ: deposit 1,500 USDT, VIP1 today";
        assert_eq!(find(page, "000 usdt").as_deref(), Some("500 USDT"));
        assert_eq!(find(page, "vip0").as_deref(), Some("VIP1"));
        // Full-width letters before the match: found by folding, shown as written.
        assert_eq!(find(page, "telegram").as_deref(), Some("Ｔｅｌｅｇｒａｍ"));
        assert_eq!(find("Lương cao", "cao").as_deref(), Some("cao"));
        assert_eq!(
            find("月薪两万，包吃包住", "包吃包住").as_deref(),
            Some("包吃包住")
        );
    }

    #[test]
    fn terms_are_not_shown_from_inside_longer_words() {
        let page = "Pay 15000 USDT to reach VIP12; start today. Then 500 USDT.";
        assert_eq!(find(page, "000 usdt").as_deref(), Some("500 USDT"));
        assert_eq!(find(page, "vip0"), None);
        assert_eq!(find(page, "art"), None);
        assert_eq!(find("ＶＩＰ１２", "vip0"), None);
        // Korean is read by character pairs too: a pair inside a word is a word's piece.
        assert_eq!(find("숙소는 무료", "숙소").as_deref(), Some("숙소"));
    }
}
