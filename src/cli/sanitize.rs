//! Scraped text is hostile: before it reaches a terminal, control characters and bidi
//! overrides are escaped, so a page cannot move the cursor, recolour the screen or reverse
//! what the analyst reads.

use std::fmt::Write;

/// `text` with control and bidi-control characters shown as `\u{…}` escapes.
pub fn for_terminal(text: &str) -> String {
    let mut safe = String::with_capacity(text.len());
    for character in text.chars() {
        if is_unsafe(character) {
            let _ = write!(safe, "\\u{{{:x}}}", character as u32);
        } else {
            safe.push(character);
        }
    }
    safe
}

fn is_unsafe(character: char) -> bool {
    (character.is_control() && character != '\n' && character != '\t')
        || matches!(character, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_controls_and_bidi_overrides() {
        assert_eq!(
            for_terminal("a\x1b[31mb\u{202E}c\nd"),
            "a\\u{1b}[31mb\\u{202e}c\nd"
        );
    }
}
