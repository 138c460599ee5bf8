//! `0x` addresses of Ethereum and every EVM chain: EIP-55 mixed-case checksum.
//!
//! An all-lower-case (or all-upper-case) address carries no checksum; it is accepted only
//! with context, by the caller.

use sha3::{Digest, Keccak256};

/// True for `0x` + 40 hex digits whose mixed case matches EIP-55.
pub(super) fn is_eip55(text: &str) -> bool {
    let Some(hex) = hex_body(text) else {
        return false;
    };
    if !has_mixed_case(hex) {
        return false;
    }
    let lower = hex.to_ascii_lowercase();
    let hash = Keccak256::digest(lower.as_bytes());
    hex.bytes().enumerate().all(|(index, byte)| {
        let nibble = (hash[index / 2] >> if index % 2 == 0 { 4 } else { 0 }) & 0x0f;
        match byte {
            b'a'..=b'f' => nibble < 8,
            b'A'..=b'F' => nibble >= 8,
            _ => true,
        }
    })
}

/// True for `0x` + 40 hex digits in one case only: the form without a checksum.
pub(super) fn is_unchecked(text: &str) -> bool {
    hex_body(text).is_some_and(|hex| !has_mixed_case(hex))
}

/// The 40 hex digits after `0x`, if that is exactly what `text` is.
fn hex_body(text: &str) -> Option<&str> {
    let hex = text
        .strip_prefix("0x")
        .or_else(|| text.strip_prefix("0X"))?;
    (hex.len() == 40 && hex.bytes().all(|byte| byte.is_ascii_hexdigit())).then_some(hex)
}

fn has_mixed_case(hex: &str) -> bool {
    hex.bytes().any(|byte| byte.is_ascii_lowercase())
        && hex.bytes().any(|byte| byte.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The examples of EIP-55 itself.
    const EIP55_EXAMPLES: [&str; 4] = [
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
    ];

    #[test]
    fn eip55_examples_hold() {
        for text in EIP55_EXAMPLES {
            assert!(is_eip55(text), "{text}");
        }
    }

    #[test]
    fn one_case_flip_breaks_the_checksum() {
        for text in EIP55_EXAMPLES {
            let position = text[2..]
                .find(|character: char| character.is_ascii_alphabetic())
                .map(|offset| offset + 2)
                .unwrap();
            let mut flipped = text.to_owned();
            let original = text.as_bytes()[position] as char;
            let swapped = if original.is_ascii_uppercase() {
                original.to_ascii_lowercase()
            } else {
                original.to_ascii_uppercase()
            };
            flipped.replace_range(position..=position, &swapped.to_string());
            assert!(!is_eip55(&flipped), "{flipped}");
        }
    }

    #[test]
    fn lower_case_is_unchecked_and_lengths_are_exact() {
        assert!(is_unchecked("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"));
        assert!(!is_unchecked("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae"));
        assert!(!is_unchecked("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed0"));
    }
}
