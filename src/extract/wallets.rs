//! Finds wallet addresses in text: every token shaped like an address is checked by its
//! chain's checksum (`crate::wallet`); forms without a checksum need context nearby.
//!
//! A token is a maximal run of ASCII letters and digits, so an address glued to a longer
//! alphanumeric run is never reported; a second, wider run (with `-`, `_`, `+`, `/`) catches
//! TON's base64 form. Strings come in already folded (`extract::normalize`).

use super::normalize::floor_boundary;
use crate::wallet::{self, Chain, Rule, WalletAddress};

/// Shortest address form we know (legacy Base58Check is 25+).
const SHORTEST_ADDRESS: usize = 25;
/// Bytes before a token searched for context.
const CONTEXT_BEFORE: usize = 120;
/// Bytes after a token searched for context.
const CONTEXT_AFTER: usize = 60;

/// Words that name the EVM family of chains or its tokens.
const EVM_NAMES: &[&str] = &[
    "eth",
    "ethereum",
    "erc20",
    "erc-20",
    "bep20",
    "bep-20",
    "bsc",
    "bnb",
    "polygon",
    "matic",
    "arbitrum",
    "optimism",
    "avalanche",
    "usdt",
    "usdc",
    "evm",
    "metamask",
    "以太坊",
    "이더리움",
    "イーサリアム",
    "อีเธอเรียม",
];

/// Words that name Solana.
const SOLANA_NAMES: &[&str] = &[
    "sol",
    "solana",
    "spl",
    "phantom",
    "索拉纳",
    "솔라나",
    "ソラナ",
];

/// Labels that say "this is where the money goes", in the ads' languages.
const WALLET_LABELS: &[&str] = &[
    "wallet",
    "address",
    "deposit",
    "send",
    "pay",
    "payment",
    "receive",
    "recharge",
    "top up",
    "地址",
    "钱包",
    "錢包",
    "充值",
    "收款",
    "转账",
    "轉帳",
    "주소",
    "지갑",
    "입금",
    "송금",
    "アドレス",
    "ウォレット",
    "入金",
    "送金",
    "ที่อยู่",
    "กระเป๋า",
    "ฝาก",
    "โอน",
    "địa chỉ",
    "ví",
    "nạp",
    "chuyển",
    "alamat",
    "dompet",
    "setor",
    "transfer",
];

/// URI schemes that name a chain (`solana:…`, `ethereum:…`).
const URI_SCHEMES: &[(&str, Chain)] = &[
    ("solana:", Chain::Sol),
    ("ethereum:", Chain::Eth),
    ("eth:", Chain::Eth),
];

/// Appends to `found` every address in `text` that is not there yet.
///
/// Only runs of at least [`SHORTEST_ADDRESS`] wide bytes matter, so the scan probes one byte
/// in every 25: where that byte is not wide, no such run can cover the bytes before it.
pub fn find(text: &str, found: &mut Vec<WalletAddress>) {
    let bytes = text.as_bytes();
    // Invariant: `position` is 0 or follows a byte that is not wide.
    let mut position = 0;
    while position + SHORTEST_ADDRESS <= bytes.len() {
        let probe = position + SHORTEST_ADDRESS - 1;
        if !is_wide(bytes[probe]) {
            position = probe + 1;
            continue;
        }
        let mut start = probe;
        while start > position && is_wide(bytes[start - 1]) {
            start -= 1;
        }
        let mut end = probe + 1;
        while end < bytes.len() && is_wide(bytes[end]) {
            end += 1;
        }
        if end - start >= SHORTEST_ADDRESS {
            scan_wide_run(text, start, end, found);
        }
        position = end + 1;
    }
}

/// A run of letters, digits and base64 punctuation: TON candidates whole, the rest split.
fn scan_wide_run(text: &str, start: usize, end: usize, found: &mut Vec<WalletAddress>) {
    let run = &text[start..end];
    if run.len() == 48 && try_checksum(run, found) {
        return;
    }
    let mut offset = start;
    for segment in run.split('/') {
        if segment.len() == 48 && try_checksum(segment, found) {
            offset += segment.len() + 1;
            continue;
        }
        let segment_start = offset;
        let mut index = 0;
        let segment_bytes = segment.as_bytes();
        while index < segment_bytes.len() {
            if !segment_bytes[index].is_ascii_alphanumeric() {
                index += 1;
                continue;
            }
            let token_start = index;
            while index < segment_bytes.len() && segment_bytes[index].is_ascii_alphanumeric() {
                index += 1;
            }
            if index - token_start >= SHORTEST_ADDRESS {
                let absolute = segment_start + token_start;
                scan_token(text, absolute, segment_start + index, found);
            }
        }
        offset += segment.len() + 1;
    }
}

fn scan_token(text: &str, start: usize, end: usize, found: &mut Vec<WalletAddress>) {
    let token = &text[start..end];
    if try_checksum(token, found) {
        return;
    }
    let Some(chain) = wallet::unchecked_chain(token) else {
        return;
    };
    if let Some(rule) = context_rule(text, start, end, chain)
        && let Some(address) = WalletAddress::with_context(chain, token, rule)
    {
        push_new(found, address);
    }
}

fn try_checksum(token: &str, found: &mut Vec<WalletAddress>) -> bool {
    match wallet::identify(token) {
        Some(address) => {
            push_new(found, address);
            true
        }
        None => false,
    }
}

fn push_new(found: &mut Vec<WalletAddress>, address: WalletAddress) {
    if !found.iter().any(|known| known.address == address.address) {
        found.push(address);
    }
}

/// Which context, if any, vouches for an address form without a checksum.
fn context_rule(text: &str, start: usize, end: usize, chain: Chain) -> Option<Rule> {
    let before = &text[floor_boundary(text, start.saturating_sub(CONTEXT_BEFORE))..start];
    let named_by_uri = URI_SCHEMES.iter().any(|(scheme, scheme_chain)| {
        *scheme_chain == chain && ends_with_ignore_case(before, scheme)
    });
    if named_by_uri {
        return Some(Rule::ContextUri);
    }
    let after_end = floor_boundary(text, (end + CONTEXT_AFTER).min(text.len()));
    let window = format!("{before} {}", &text[end..after_end]).to_lowercase();
    let names = match chain {
        Chain::Sol => SOLANA_NAMES,
        _ => EVM_NAMES,
    };
    if contains_word(&window, names) {
        Some(Rule::ContextChain)
    } else if contains_word(&window, WALLET_LABELS) {
        Some(Rule::ContextLabel)
    } else {
        None
    }
}

/// True when one of `words` stands in `window` as a word (ASCII words need boundaries).
pub(super) fn contains_word(window: &str, words: &[&str]) -> bool {
    words.iter().any(|word| {
        window.match_indices(word).any(|(index, _)| {
            if !word.is_ascii() {
                return true;
            }
            let before = window[..index].chars().next_back();
            let after = window[index + word.len()..].chars().next();
            !before.is_some_and(|character| character.is_ascii_alphanumeric())
                && !after.is_some_and(|character| character.is_ascii_alphanumeric())
        })
    })
}

fn ends_with_ignore_case(text: &str, suffix: &str) -> bool {
    text.len() >= suffix.len()
        && text.is_char_boundary(text.len() - suffix.len())
        && text[text.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
}

fn is_wide(byte: u8) -> bool {
    WIDE[usize::from(byte)]
}

/// Bytes of a wide run: ASCII letters, digits, and base64's `-` `_` `+` `/`.
static WIDE: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let value = byte as u8;
        table[byte] = value.is_ascii_alphanumeric() || matches!(value, b'-' | b'_' | b'+' | b'/');
        byte += 1;
    }
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> Vec<(Chain, String, Rule)> {
        let mut found = Vec::new();
        find(text, &mut found);
        found
            .into_iter()
            .map(|address| (address.chain, address.address, address.rule))
            .collect()
    }

    #[test]
    fn checksummed_addresses_need_no_context() {
        let found = scan("send USDT to TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t now");
        assert_eq!(found[0].0, Chain::Trx);
        let found = scan("/img/qr_1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa.png");
        assert_eq!(found[0].0, Chain::Btc);
    }

    #[test]
    fn glued_tokens_and_hashes_are_not_addresses() {
        assert!(scan("xTR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t").is_empty());
        assert!(scan("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t9").is_empty());
        let hash = "0x5c504ed432cb51138bcf09aa5e8a410dd4a1e204ef84bfed1be16dfba1b22060";
        assert!(scan(&format!("wallet tx {hash}")).is_empty());
        assert!(scan("wallet 0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae").is_empty());
    }

    #[test]
    fn unchecked_forms_need_context() {
        let lower = "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed";
        assert!(scan(&format!("see {lower} here")).is_empty());
        assert_eq!(scan(&format!("ERC20: {lower}"))[0].2, Rule::ContextChain);
        assert_eq!(scan(&format!("충전 지갑 {lower}"))[0].2, Rule::ContextLabel);
        assert!(scan(&format!("method {lower}")).is_empty());
        let solana = "7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV";
        assert_eq!(
            scan(&format!("solana:{solana}?amount=1"))[0].2,
            Rule::ContextUri
        );
        assert!(scan(&format!("ref {solana}")).is_empty());
    }

    #[test]
    fn ton_in_url_safe_base64() {
        let found = scan(
            "https://app.tonkeeper.com/transfer/EQDKbjIcfM6ezt8KjKJJLshZJJSqX7XOA4ff-W72r5gqPrHF?amount=5",
        );
        assert_eq!(found[0].0, Chain::Ton);
    }
}
