//! TON user-friendly addresses: 36 bytes in base64 (standard or URL-safe) ending in a CRC16.

/// True for a mainnet user-friendly TON address whose CRC16-XMODEM holds.
pub(super) fn is_valid(text: &str) -> bool {
    if text.len() != 48 {
        return false;
    }
    let Some(bytes) = decode_base64(text.as_bytes()) else {
        return false;
    };
    let bounceable_flags = [0x11, 0x51];
    let workchain_known = matches!(bytes[1], 0x00 | 0xff);
    bounceable_flags.contains(&bytes[0])
        && workchain_known
        && crc16_xmodem(&bytes[..34]).to_be_bytes() == bytes[34..36]
}

/// 48 base64 characters (either alphabet, no padding) to 36 bytes.
fn decode_base64(text: &[u8]) -> Option<[u8; 36]> {
    let mut bytes = [0u8; 36];
    for (group, chunk) in text.chunks(4).enumerate() {
        let mut value: u32 = 0;
        for &symbol in chunk {
            value = (value << 6) | u32::from(base64_value(symbol)?);
        }
        bytes[group * 3..group * 3 + 3].copy_from_slice(&value.to_be_bytes()[1..]);
    }
    Some(bytes)
}

fn base64_value(symbol: u8) -> Option<u8> {
    match symbol {
        b'A'..=b'Z' => Some(symbol - b'A'),
        b'a'..=b'z' => Some(symbol - b'a' + 26),
        b'0'..=b'9' => Some(symbol - b'0' + 52),
        b'+' | b'-' => Some(62),
        b'/' | b'_' => Some(63),
        _ => None,
    }
}

fn crc16_xmodem(data: &[u8]) -> u16 {
    let mut crc: u16 = 0;
    for &byte in data {
        crc ^= u16::from(byte) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc16_check_value() {
        assert_eq!(crc16_xmodem(b"123456789"), 0x31c3);
    }

    /// The TON Foundation's documented example address, in both base64 alphabets.
    #[test]
    fn documented_address() {
        assert!(is_valid("EQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPrHF"));
        assert!(is_valid("UQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPuwA"));
        assert!(!is_valid(
            "EQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPrHG"
        ));
    }
}
