//! The model's own terms as a reason shows them: only terms that say something to a reader
//! («USDT», «gaji», «包吃包住», not «tidak», «され» or half a Thai word), each shown as the page
//! writes it, where it stands as a word, so that the analyst can find it there.

use super::features::{fold, fold_text};
use crate::extract::{is_hangul, is_unspaced, is_unspaced_alphabet};
use std::collections::HashSet;
use std::ops::Range;
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

/// Where `region` writes the term the model reads as `needle` (a byte range of `region`) (lower case, digits as 0): the
/// first stretch of `region` that folds to `needle` and stands as whole words there, if the
/// term begins or ends with a letter or digit of a spaced script («000 usdt» is not shown
/// from «15000 USDT»). `folded` keeps `region` folded once it is needed: most terms are ASCII
/// and are found without folding, which costs as much as the rest of the search.
pub(super) fn find_as_written(
    region: &str,
    needle: &str,
    folded: &mut Option<String>,
) -> Option<Range<usize>> {
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
fn find_ascii(region: &str, needle: &str) -> Option<Range<usize>> {
    let same = |(written, folded): (&u8, &u8)| fold(char::from(*written)) == char::from(*folded);
    let start = region
        .as_bytes()
        .windows(needle.len())
        .enumerate()
        .filter(|(_, window)| window.iter().zip(needle.as_bytes()).all(same))
        .map(|(start, _)| start)
        // ASCII bytes never sit inside a multi-byte character, so these are boundaries.
        .find(|start| stands_alone(region, *start, start + needle.len(), needle))?;
    Some(start..start + needle.len())
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
fn as_written(region: &str, folded: &str, at: usize, needle: &str) -> Option<Range<usize>> {
    let mut boundaries = region
        .char_indices()
        .map(|(index, _)| index)
        .chain(std::iter::once(region.len()))
        .skip(folded.get(..at)?.chars().count());
    let start = boundaries.next()?;
    let end = boundaries.nth(needle.chars().count().checked_sub(1)?)?;
    Some(start..end)
}

/// The terms to show, in the order given, from where the title (region 0) and the text
/// (region 1) write them: terms of spaced scripts that overlap there are joined into the
/// first («English» and «English Teacher» are one term, «Employment Pass»), and a term whose
/// words an earlier one already shows is left out («yêu» after «yêu cầu»). Character pairs
/// of Chinese, Japanese and Thai are not joined: a pair that spans two words («外诈» of
/// «境外诈骗») would join a word to half of the next.
pub(super) fn distinct_terms(
    regions: [&str; 2],
    terms: impl Iterator<Item = (usize, Range<usize>)>,
) -> Vec<(usize, Range<usize>)> {
    let spaced = |region: usize, range: &Range<usize>| {
        !regions[region][range.clone()].chars().any(is_unspaced)
    };
    let mut joined: Vec<(usize, Range<usize>)> = Vec::new();
    for (region, range) in terms {
        let overlapping = joined.iter_mut().find(|(kept_region, kept)| {
            *kept_region == region
                && kept.start < range.end
                && range.start < kept.end
                && spaced(region, &range)
                && spaced(region, kept)
        });
        match overlapping {
            Some((_, kept)) => *kept = kept.start.min(range.start)..kept.end.max(range.end),
            None => joined.push((region, range)),
        }
    }
    let texts: Vec<String> = joined
        .iter()
        .map(|(region, range)| regions[*region][range.clone()].to_lowercase())
        .collect();
    // Left out: a term that another shows, or that an earlier one shows as it is.
    let shown_by_another = |index: usize| {
        texts.iter().enumerate().any(|(other, text)| {
            other != index
                && text.contains(texts[index].as_str())
                && (text.len() > texts[index].len() || other < index)
        })
    };
    (0..joined.len())
        .filter(|index| !shown_by_another(*index))
        .map(|index| joined[index].clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(region: &str, needle: &str) -> Option<String> {
        find_as_written(region, needle, &mut None).map(|range| region[range].to_owned())
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
    fn overlapping_words_are_shown_once() {
        let text = "Employment Pass for an English Teacher; yêu cầu: English; 境外诈骗";
        let at = |term: &str| {
            let start = text.find(term).expect("on the page");
            (1, start..start + term.len())
        };
        let terms = [
            "Employment Pass",
            "Employment",
            "English Teacher",
            "yêu cầu",
            "English",
        ]
        .map(at)
        .into_iter()
        .chain([at("Pass for"), at("English"), at("境外"), at("外诈")]);
        let shown: Vec<&str> = distinct_terms(["", text], terms)
            .into_iter()
            .map(|(_, range)| &text[range])
            .collect();
        assert_eq!(
            shown,
            [
                "Employment Pass for",
                "English Teacher",
                "yêu cầu",
                "境外",
                "外诈"
            ]
        );
        // The same words in the title and in the text are one term.
        let title = "English Teacher";
        assert_eq!(
            distinct_terms([title, text], [(0, 0..7), (1, at("English").1)].into_iter()).len(),
            1
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
