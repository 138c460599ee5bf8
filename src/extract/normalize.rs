//! Undoes the simple obfuscation scam pages use on addresses and handles before scanning:
//! full-width letters and digits, ideographic spaces, and invisible characters.
//!
//! The page's `text` keeps what the page shows; only the scanners see the folded copy.

use super::html::is_invisible;
use std::borrow::Cow;

/// `text` with full-width ASCII folded to ASCII and invisible characters removed.
///
/// Returns the input unchanged (no copy) when there is nothing to fold.
pub fn fold(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_folding) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .filter(|&character| !is_invisible(character))
            .map(fold_character)
            .collect(),
    )
}

fn needs_folding(character: char) -> bool {
    character >= '\u{00AD}' && (is_invisible(character) || fold_character(character) != character)
}

fn fold_character(character: char) -> char {
    match character {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(character as u32 - 0xFF01 + 0x21)
            .expect("full-width ASCII maps to ASCII"),
        '\u{3000}' => ' ',
        '\u{3002}' => '.',
        _ => character,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_and_invisible_characters_fold() {
        assert_eq!(fold("ＴＲ７ＮＨ\u{200B}qje"), "TR7NHqje");
        assert!(matches!(fold("plain text"), Cow::Borrowed(_)));
    }
}
