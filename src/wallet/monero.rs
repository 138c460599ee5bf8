//! Monero: its own block-wise base58 and a Keccak-256 checksum over the decoded bytes.

use sha3::{Digest, Keccak256};

const ALPHABET: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
/// Encoded length of a block of n bytes, for n = 0..=8.
const ENCODED_BLOCK_SIZES: [usize; 9] = [0, 2, 3, 5, 6, 7, 9, 10, 11];
/// Mainnet network bytes: standard (`4…`), integrated, subaddress (`8…`).
const NETWORK_BYTES: [u8; 3] = [18, 19, 42];

/// True for a mainnet Monero address (standard, subaddress or integrated) whose checksum holds.
pub(super) fn is_valid(text: &str) -> bool {
    if !(text.len() == 95 || text.len() == 106) || !matches!(text.as_bytes()[0], b'4' | b'8') {
        return false;
    }
    let Some(bytes) = decode(text.as_bytes()) else {
        return false;
    };
    let (data, checksum) = bytes.split_at(bytes.len() - 4);
    NETWORK_BYTES.contains(&data[0]) && Keccak256::digest(data)[..4] == *checksum
}

fn decode(text: &[u8]) -> Option<Vec<u8>> {
    let mut bytes = Vec::with_capacity(text.len() * 8 / 11 + 8);
    for block in text.chunks(11) {
        let size = ENCODED_BLOCK_SIZES
            .iter()
            .position(|&size| size == block.len())?;
        let mut value: u128 = 0;
        for symbol in block {
            let digit = ALPHABET.iter().position(|candidate| candidate == symbol)?;
            value = value * 58 + digit as u128;
        }
        if value >> (8 * size) != 0 {
            return None;
        }
        bytes.extend_from_slice(&value.to_be_bytes()[16 - size..]);
    }
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The Monero project's donation address (standard form).
    const DONATION: &str = "44AFFq5kSiGBoZ4NMDwYtN18obc8AemS33DBLWs3H7otXft3XjrpDtQGv7SqSsaBYBb98uNbr2VBBEt7f2wfn3RVGQBEP3A";

    #[test]
    fn donation_address_holds_and_a_change_breaks_it() {
        assert!(is_valid(DONATION));
        let mut changed = DONATION.to_owned();
        changed.replace_range(10..11, "T");
        assert!(!is_valid(&changed));
    }
}
