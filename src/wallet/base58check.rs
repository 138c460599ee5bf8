//! Base58Check: version byte(s), 20-byte hash, 4-byte double-SHA-256 checksum.
//!
//! Covers the legacy forms of BTC, LTC, DOGE, DASH and ZEC, TRON, and XRP (which uses its own
//! alphabet). Legacy Bitcoin Cash shares Bitcoin's version bytes and is reported as `btc`.

use super::Chain;

/// Version prefixes of 21-byte payloads in the Bitcoin alphabet.
const BITCOIN_ALPHABET_VERSIONS: &[(u8, Chain)] = &[
    (0x00, Chain::Btc),
    (0x05, Chain::Btc),
    (0x30, Chain::Ltc),
    (0x32, Chain::Ltc),
    (0x1e, Chain::Doge),
    (0x16, Chain::Doge),
    (0x4c, Chain::Dash),
    (0x10, Chain::Dash),
    (0x41, Chain::Trx),
];

/// Two-byte version prefixes of Zcash transparent addresses (`t1…`, `t3…`).
const ZCASH_VERSIONS: &[[u8; 2]] = &[[0x1c, 0xb8], [0x1c, 0xbd]];

/// The chain of a Base58Check address whose checksum holds, if any.
pub(super) fn identify(text: &str) -> Option<Chain> {
    if !(25..=36).contains(&text.len()) {
        return None;
    }
    if text.starts_with('r')
        && let Some(payload) = decode(text, bs58::Alphabet::RIPPLE)
        && payload.len() == 21
        && payload[0] == 0x00
    {
        return Some(Chain::Xrp);
    }
    let payload = decode(text, bs58::Alphabet::BITCOIN)?;
    match payload.len() {
        21 => BITCOIN_ALPHABET_VERSIONS
            .iter()
            .find(|(version, _)| *version == payload[0])
            .map(|(_, chain)| *chain),
        22 => ZCASH_VERSIONS
            .contains(&[payload[0], payload[1]])
            .then_some(Chain::Zec),
        _ => None,
    }
}

/// The payload (version included, checksum removed) when the checksum holds.
fn decode(text: &str, alphabet: &'static bs58::Alphabet) -> Option<Vec<u8>> {
    bs58::decode(text)
        .with_alphabet(alphabet)
        .with_check(None)
        .into_vec()
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_addresses() {
        let cases = [
            ("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", Chain::Btc),
            ("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", Chain::Btc),
            ("LVg2kJoFNg45Nbpy53h7Fe1wKyeXVRhMH9", Chain::Ltc),
            ("MGxNPPB7eBoWPUaprtX9v9CXJZoD2465zN", Chain::Ltc),
            ("DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L", Chain::Doge),
            ("XpESxaUmonkq8RaLLp46Brx2K39ggQe226", Chain::Dash),
            ("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", Chain::Trx),
            ("rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh", Chain::Xrp),
            ("t1Hsc1LR8yKnbbe3twRp88p6vFfC5t7DLbs", Chain::Zec),
        ];
        for (text, chain) in cases {
            assert_eq!(identify(text), Some(chain), "{text}");
        }
    }

    #[test]
    fn one_character_changed_is_rejected() {
        for text in [
            "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb",
            "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u",
            "rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTi",
        ] {
            assert_eq!(identify(text), None, "{text}");
        }
    }
}
