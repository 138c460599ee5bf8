//! Text → hashed word and character n-grams, so that Chinese, Japanese, Thai and Khmer need no
//! word segmentation: scripts written without spaces give character unigrams and bigrams;
//! scripts written with spaces give words and word bigrams (Hangul gives both). Digits are
//! folded to `0` so that "15000" and "20000" are one feature. Feature ids are buckets of a
//! 2^21 hash space; the model keeps the ones that training selects.

use crate::extract::{is_hangul, is_unspaced};

/// Appends the n-grams of a whole page (title and text) and, once more in a namespace of their
/// own, the n-grams of its title: a title says what the page is about more than any line.
pub fn hash_page(title: &str, page: &str, features: &mut Vec<u32>) {
    hash_ngrams(page, features);
    let start = features.len();
    hash_ngrams(title, features);
    for hash in &mut features[start..] {
        *hash = title_feature(*hash);
    }
}

/// The title-namespace feature of an n-gram feature.
pub fn title_feature(hash: u32) -> u32 {
    fold_to_32(u64::from(hash) ^ TITLE)
}

/// Appends the hashed n-grams of `text` (with repetition) to `features`.
pub fn hash_ngrams(text: &str, features: &mut Vec<u32>) {
    let mut previous_word: Option<u64> = None;
    let mut previous_char: Option<char> = None;
    let mut word = Hasher::new(WORD);
    let mut in_word = false;
    for character in text.chars() {
        // Most text is ASCII: fold it and tell letters from the rest without Unicode tables.
        if character.is_ascii() {
            if character.is_ascii_alphanumeric() {
                let folded = if character.is_ascii_digit() {
                    '0'
                } else {
                    character.to_ascii_lowercase()
                };
                word = if in_word { word } else { Hasher::new(WORD) };
                word = word.char(folded);
                in_word = true;
            } else {
                if in_word {
                    previous_word = Some(finish_word(&mut word, previous_word, features));
                    in_word = false;
                }
                if character == '\n' {
                    previous_word = None;
                }
            }
            previous_char = None;
            continue;
        }
        let folded = fold(character);
        if is_unspaced(folded) {
            if in_word {
                previous_word = Some(finish_word(&mut word, previous_word, features));
                in_word = false;
            }
            push_character_grams(previous_char, folded, features);
            previous_char = Some(folded);
        } else if folded.is_alphanumeric() {
            word = if in_word { word } else { Hasher::new(WORD) };
            word = word.char(folded);
            in_word = true;
            if is_hangul(folded) {
                push_character_grams(
                    previous_char.filter(|before| is_hangul(*before)),
                    folded,
                    features,
                );
                previous_char = Some(folded);
            } else {
                previous_char = None;
            }
        } else {
            if in_word {
                previous_word = Some(finish_word(&mut word, previous_word, features));
                in_word = false;
            }
            previous_char = None;
            if character == '\n' {
                previous_word = None;
            }
        }
    }
    if in_word {
        finish_word(&mut word, previous_word, features);
    }
}

/// Pushes a character and its bigram with the character before, if any.
fn push_character_grams(before: Option<char>, character: char, features: &mut Vec<u32>) {
    features.push(Hasher::new(CHAR).char(character).finish32());
    if let Some(before) = before {
        features.push(
            Hasher::new(CHAR_BIGRAM)
                .char(before)
                .char(character)
                .finish32(),
        );
    }
}

/// Pushes a finished word and its bigram with the word before; returns the word's hash.
fn finish_word(word: &mut Hasher, previous: Option<u64>, features: &mut Vec<u32>) -> u64 {
    let hash = word.state;
    features.push(fold_to_32(hash));
    if let Some(previous) = previous {
        features.push(fold_to_32(mix(mix(WORD_BIGRAM ^ previous) ^ hash)));
    }
    *word = Hasher::new(WORD);
    hash
}

/// A readable form of the feature a word or n-gram gives, for explanations and debugging.
pub fn describe(text: &str) -> Vec<(u32, String)> {
    let mut described = Vec::new();
    let mut words: Vec<String> = Vec::new();
    for piece in text.split(|character: char| !character.is_alphanumeric()) {
        if piece.is_empty() {
            continue;
        }
        let mut hashes = Vec::new();
        hash_ngrams(piece, &mut hashes);
        let folded: String = piece.chars().map(fold).collect();
        if let Some(&first) = hashes.first()
            && !folded.chars().any(is_unspaced)
        {
            described.push((first, folded.clone()));
            if let Some(previous) = words.last() {
                let mut pair = Vec::new();
                hash_ngrams(&format!("{previous} {folded}"), &mut pair);
                if let Some(&bigram) = pair.get(2) {
                    described.push((bigram, format!("{previous} {folded}")));
                }
            }
            words.push(folded);
        } else {
            let characters: Vec<char> = folded.chars().collect();
            for (index, character) in characters.iter().enumerate() {
                if is_unspaced(*character) {
                    described.push((
                        Hasher::new(CHAR).char(*character).finish32(),
                        character.to_string(),
                    ));
                    if index > 0 && is_unspaced(characters[index - 1]) {
                        let pair = Hasher::new(CHAR_BIGRAM)
                            .char(characters[index - 1])
                            .char(*character)
                            .finish32();
                        described.push((pair, format!("{}{character}", characters[index - 1])));
                    }
                }
            }
        }
    }
    described
}

const WORD: u64 = 0x9e37_79b9_7f4a_7c15;
const WORD_BIGRAM: u64 = 0xc2b2_ae3d_27d4_eb4f;
const CHAR: u64 = 0x1656_67b1_9e37_79f9;
const CHAR_BIGRAM: u64 = 0x27d4_eb2f_1656_67c5;
const TITLE: u64 = 0x4f1b_bcdc_bfa5_3e0b;

/// A small, fast, deterministic string hash (FNV-style accumulate, splitmix finish).
#[derive(Clone, Copy)]
struct Hasher {
    state: u64,
}

impl Hasher {
    fn new(kind: u64) -> Self {
        Hasher { state: kind }
    }

    fn char(self, character: char) -> Self {
        Hasher {
            state: (self.state ^ u64::from(character))
                .wrapping_mul(0x0000_0100_0000_01b3)
                .rotate_left(5),
        }
    }

    fn finish32(self) -> u32 {
        fold_to_32(self.state)
    }
}

fn mix(mut value: u64) -> u64 {
    value ^= value >> 30;
    value = value.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    value ^= value >> 27;
    value = value.wrapping_mul(0x94d0_49bb_1331_11eb);
    value ^ (value >> 31)
}

fn fold_to_32(value: u64) -> u32 {
    let mixed = mix(value);
    ((mixed ^ (mixed >> 32)) as u32) & (BUCKETS - 1)
}

/// The size of the feature space: n-grams hash into 2^21 buckets, so a model finds a
/// feature's column with one array lookup (rare collisions merge two n-grams, as in any
/// hashing vectorizer).
pub const BUCKETS: u32 = 1 << 21;

/// A text as the n-grams see it (see [`fold`]), for finding a term in a page.
pub fn fold_text(text: &str) -> String {
    text.chars().map(fold).collect()
}

/// Lower-case, digits to `0`, full-width, mathematical and circled letters and digits as
/// plain ones.
pub(super) fn fold(character: char) -> char {
    let character = crate::extract::fold_character(character);
    if character.is_ascii_digit() {
        return '0';
    }
    if character.is_ascii() {
        return character.to_ascii_lowercase();
    }
    if character.is_uppercase() {
        return character.to_lowercase().next().unwrap_or(character);
    }
    character
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hashes(text: &str) -> Vec<u32> {
        let mut features = Vec::new();
        hash_ngrams(text, &mut features);
        features
    }

    #[test]
    fn words_bigrams_and_characters() {
        assert_eq!(hashes("free flight").len(), 3);
        assert_eq!(hashes("包吃包住").len(), 4 + 3);
        assert_eq!(hashes("Free  FLIGHT"), hashes("free flight"));
        assert_eq!(hashes("salary 15000"), hashes("salary 20000"));
        assert_eq!(hashes("ＵＳＤＴ"), hashes("usdt"));
        assert_ne!(hashes("ab"), hashes("ba"));
    }

    #[test]
    fn describe_names_the_hashes_it_gives() {
        let described = describe("free flight 包住");
        let names: Vec<&str> = described.iter().map(|(_, name)| name.as_str()).collect();
        assert!(
            names.contains(&"free") && names.contains(&"free flight") && names.contains(&"包住")
        );
        let mut all = Vec::new();
        hash_ngrams("free flight 包住", &mut all);
        for (hash, name) in &described {
            assert!(all.contains(hash), "{name}");
        }
    }
}
