//! WARC digests: `sha256:` followed by the base32 (RFC 4648) of the hash, the form WARC
//! readers expect; hex is accepted when checking.

use sha2::{Digest, Sha256};

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// The `WARC-*-Digest` value of `bytes`.
pub fn label(bytes: &[u8]) -> String {
    label_of_parts(&[bytes])
}

/// The `WARC-*-Digest` value of `parts` one after the other.
pub fn label_of_parts(parts: &[&[u8]]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    format!("sha256:{}", base32(&hasher.finalize()))
}

/// Whether `label` is the digest of `bytes`; `None` when its algorithm is not SHA-256.
pub fn matches(label: &str, bytes: &[u8]) -> Option<bool> {
    let (algorithm, value) = label.trim().split_once(':')?;
    if !algorithm.eq_ignore_ascii_case("sha256") {
        return None;
    }
    let hash = Sha256::digest(bytes);
    let hex: String = hash.iter().map(|byte| format!("{byte:02x}")).collect();
    let value = value.trim_end_matches('=');
    Some(value.eq_ignore_ascii_case(&base32(&hash)) || value.eq_ignore_ascii_case(&hex))
}

fn base32(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(5) * 8);
    for chunk in bytes.chunks(5) {
        let mut buffer = [0u8; 5];
        buffer[..chunk.len()].copy_from_slice(chunk);
        let bits = buffer
            .iter()
            .fold(0u64, |bits, byte| bits << 8 | u64::from(*byte));
        let characters = (chunk.len() * 8).div_ceil(5);
        for index in 0..characters {
            let value = (bits >> (35 - index * 5)) & 31;
            out.push(char::from(ALPHABET[value as usize]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base32_follows_rfc_4648() {
        assert_eq!(base32(b"foobar"), "MZXW6YTBOI");
        assert_eq!(base32(b"fooba"), "MZXW6YTB");
        let digest = label(b"abc");
        assert_eq!(
            digest,
            "sha256:XJ4BNP4PAHH6UQKBIDPF3LRCEOYAGYNDSYLXVHFUCD7WD4QACWWQ"
        );
        assert_eq!(matches(&digest, b"abc"), Some(true));
        assert_eq!(matches(&digest, b"abd"), Some(false));
        assert_eq!(matches("sha1:AAAA", b"abc"), None);
    }
}
