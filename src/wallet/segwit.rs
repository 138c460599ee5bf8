//! Bech32 (BIP-173) and bech32m (BIP-350) addresses: Bitcoin and Litecoin segwit, Zcash Sapling.

use super::Chain;

/// The chain of a bech32/bech32m address whose checksum and program rules hold, if any.
pub(super) fn identify(text: &str) -> Option<Chain> {
    let prefix_end = text.find('1')?;
    let chain = match text[..prefix_end].to_ascii_lowercase().as_str() {
        "bc" => Chain::Btc,
        "ltc" => Chain::Ltc,
        "zs" => return is_sapling(text).then_some(Chain::Zec),
        _ => return None,
    };
    bech32::segwit::decode(text).ok().map(|_| chain)
}

/// A Zcash Sapling payment address: bech32, 43 bytes of data.
fn is_sapling(text: &str) -> bool {
    text.len() == 78
        && bech32::primitives::decode::CheckedHrpstring::new::<bech32::Bech32>(text)
            .is_ok_and(|checked| checked.byte_iter().count() == 43)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Valid mainnet addresses from BIP-173 and BIP-350.
    const VALID: [&str; 5] = [
        "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
        "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3",
        "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y",
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
    ];

    /// Invalid addresses from BIP-173 and BIP-350 (wrong checksum variant, bad program, …).
    const INVALID: [&str; 10] = [
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd",
        "BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL",
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh",
        "bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4",
        "BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R",
        "bc1pw5dgrnzv",
        "bc1zw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5",
        "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P",
        "bc1zw508d6qejxtdg4y5r3zarvaryvqyzf3du",
        "bc1gmk9yu",
    ];

    #[test]
    fn bip173_and_bip350_vectors() {
        for text in VALID {
            assert_eq!(identify(text), Some(Chain::Btc), "{text}");
        }
        for text in INVALID {
            assert_eq!(identify(text), None, "{text}");
        }
    }

    #[test]
    fn litecoin_and_a_changed_character() {
        let hrp = bech32::Hrp::parse("ltc").unwrap();
        let address = bech32::segwit::encode_v0(hrp, &[7u8; 20]).unwrap();
        assert_eq!(identify(&address), Some(Chain::Ltc));
        let mut changed = address.clone();
        changed.replace_range(10..11, if &address[10..11] == "q" { "p" } else { "q" });
        assert_eq!(identify(&changed), None);
        assert_eq!(identify("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5"), None);
    }
}
