//! Bitcoin Cash cashaddr: `bitcoincash:` + base32 payload with a 40-bit BCH-code checksum.

const CHARSET: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const PREFIX: &str = "bitcoincash";

/// True for a mainnet cashaddr (with or without its `bitcoincash:` prefix) whose checksum holds.
pub(super) fn is_valid(text: &str) -> bool {
    let payload = strip_prefix(text);
    if payload.len() != 42 || !matches!(payload.as_bytes()[0], b'q' | b'p' | b'Q' | b'P') {
        return false;
    }
    let one_case =
        payload == payload.to_ascii_lowercase() || payload == payload.to_ascii_uppercase();
    if !one_case {
        return false;
    }
    let mut values = Vec::with_capacity(PREFIX.len() + 1 + payload.len());
    values.extend(PREFIX.bytes().map(|byte| byte & 0x1f));
    values.push(0);
    for byte in payload.bytes() {
        let lower = byte.to_ascii_lowercase();
        let Some(value) = CHARSET.iter().position(|&symbol| symbol == lower) else {
            return false;
        };
        values.push(value as u8);
    }
    polymod(&values) == 0
}

fn strip_prefix(text: &str) -> &str {
    match text.split_once(':') {
        Some((prefix, rest)) if prefix.eq_ignore_ascii_case(PREFIX) => rest,
        _ => text,
    }
}

fn polymod(values: &[u8]) -> u64 {
    const GENERATORS: [u64; 5] = [
        0x98f2bc8e61,
        0x79b76d99e2,
        0xf33e5fb3c4,
        0xae2eabe2a8,
        0x1e4f43e470,
    ];
    let mut checksum: u64 = 1;
    for &value in values {
        let top = checksum >> 35;
        checksum = ((checksum & 0x07_ffff_ffff) << 5) ^ u64::from(value);
        for (bit, generator) in GENERATORS.iter().enumerate() {
            if (top >> bit) & 1 == 1 {
                checksum ^= generator;
            }
        }
    }
    checksum ^ 1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Examples from the cashaddr specification.
    #[test]
    fn specification_examples() {
        for text in [
            "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6a",
            "qr95sy3j9xwd2ap32xkykttr4cvcu7as4y0qverfuy",
            "bitcoincash:ppm2qsznhks23z7629mms6s4cwef74vcwvn0h829pq",
            "BITCOINCASH:QR95SY3J9XWD2AP32XKYKTTR4CVCU7AS4Y0QVERFUY",
        ] {
            assert!(is_valid(text), "{text}");
        }
        assert!(!is_valid(
            "bitcoincash:qpm2qsznhks23z7629mms6s4cwef74vcwvy22gdx6b"
        ));
        assert!(!is_valid("qr95sy3j9xwd2ap32xkykttr4cvcu7as4y0qverfuz"));
    }
}
