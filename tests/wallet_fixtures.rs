//! Table tests over `tests/fixtures/wallets/`: every valid address is identified with its
//! chain, a one-character change to it is rejected, and no look-alike is ever reported.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it cannot read"
)]

use lurewatch::extract::find_in_text;
use lurewatch::wallet::{self, Chain};

fn rows(name: &str) -> Vec<String> {
    let path = format!(
        "{}/tests/fixtures/wallets/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

fn valid() -> Vec<(Chain, String)> {
    rows("valid.txt")
        .into_iter()
        .map(|row| {
            let (chain, address) = row.split_once('\t').unwrap();
            (Chain::from_ticker(chain).unwrap(), address.to_owned())
        })
        .collect()
}

/// Replaces the character in the middle of the payload with another of the same alphabet.
fn change_one_character(address: &str) -> String {
    let payload_start = address.find(':').map_or(0, |colon| colon + 1);
    let position = payload_start + (address.len() - payload_start) / 2;
    let original = address.as_bytes()[position];
    let replacement = match original {
        b'0'..=b'8' => original + 1,
        b'9' => b'8',
        b'a'..=b'j' | b'm'..=b'y' => original + 1,
        b'A'..=b'G' | b'J'..=b'M' | b'P'..=b'Y' => original + 1,
        other => other - 1,
    };
    let mut changed = address.to_owned();
    changed.replace_range(position..=position, &(replacement as char).to_string());
    changed
}

#[test]
fn every_valid_address_is_identified_with_its_chain() {
    for (chain, address) in valid() {
        let found =
            wallet::identify(&address).unwrap_or_else(|| panic!("not identified: {address}"));
        assert_eq!(found.chain, chain, "{address}");
        assert!(found.rule.is_checksum(), "{address}");
    }
}

#[test]
fn one_changed_character_is_rejected() {
    for (_, address) in valid() {
        let changed = change_one_character(&address);
        assert_ne!(changed, address);
        assert!(
            wallet::identify(&changed).is_none(),
            "accepted {changed} (from {address})"
        );
    }
}

#[test]
fn valid_addresses_are_found_in_text() {
    for (chain, address) in valid() {
        let (wallets, _) = find_in_text(&format!("付款地址：{address}。谢谢"));
        assert_eq!(wallets.len(), 1, "{address}");
        assert_eq!(wallets[0].chain, chain);
    }
}

#[test]
fn lookalikes_are_never_reported() {
    for text in rows("lookalikes.txt") {
        for page in [
            text.clone(),
            format!("USDT wallet address (ERC20, TRC20, BTC, solana): {text}"),
        ] {
            let (wallets, _) = find_in_text(&page);
            assert!(wallets.is_empty(), "{page} gave {wallets:?}");
        }
    }
}
