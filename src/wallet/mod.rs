//! Wallet addresses: the chains we know and the checksum each one carries.
//!
//! This module only answers "is this string an address, of which chain, and by which rule?".
//! Finding candidate strings in a page is `extract::wallets`; linking addresses across
//! sites is a later stage. A [`WalletAddress`] is validated once, here, and trusted after.
//!
//! ```
//! use lurewatch::wallet::{Chain, Rule, WalletAddress};
//! let address = WalletAddress::parse(Chain::Btc, "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2").unwrap();
//! assert_eq!(address.rule, Rule::Base58Check);
//! assert!(WalletAddress::parse(Chain::Btc, "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3").is_none());
//! ```

mod base58check;
mod cashaddr;
mod evm;
mod monero;
mod segwit;
mod ton;

use serde::Serialize;
use std::fmt;

/// A blockchain whose addresses lurewatch reports (lower-case tickers, as in DESIGN.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Chain {
    /// Bitcoin.
    Btc,
    /// Ethereum and every EVM chain that shares its `0x` address form.
    Eth,
    /// TRON.
    Trx,
    /// Litecoin.
    Ltc,
    /// Dogecoin.
    Doge,
    /// Bitcoin Cash (cashaddr form; legacy `1…`/`3…` forms are reported as `btc`).
    Bch,
    /// XRP Ledger.
    Xrp,
    /// Solana (no checksum: needs context).
    Sol,
    /// Monero.
    Xmr,
    /// TON (user-friendly form).
    Ton,
    /// Dash.
    Dash,
    /// Zcash (transparent and Sapling forms).
    Zec,
}

impl Chain {
    /// Every chain, in a stable order.
    pub const ALL: [Chain; 12] = [
        Chain::Btc,
        Chain::Eth,
        Chain::Trx,
        Chain::Ltc,
        Chain::Doge,
        Chain::Bch,
        Chain::Xrp,
        Chain::Sol,
        Chain::Xmr,
        Chain::Ton,
        Chain::Dash,
        Chain::Zec,
    ];

    /// The lower-case ticker used in records and on the command line.
    pub fn ticker(self) -> &'static str {
        match self {
            Chain::Btc => "btc",
            Chain::Eth => "eth",
            Chain::Trx => "trx",
            Chain::Ltc => "ltc",
            Chain::Doge => "doge",
            Chain::Bch => "bch",
            Chain::Xrp => "xrp",
            Chain::Sol => "sol",
            Chain::Xmr => "xmr",
            Chain::Ton => "ton",
            Chain::Dash => "dash",
            Chain::Zec => "zec",
        }
    }

    /// Parses a ticker (`btc`, `ETH`, …).
    pub fn from_ticker(ticker: &str) -> Option<Chain> {
        Chain::ALL
            .into_iter()
            .find(|chain| chain.ticker().eq_ignore_ascii_case(ticker))
    }
}

impl fmt::Display for Chain {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.ticker())
    }
}

/// Why an address was accepted: its chain's checksum, or (for forms without one) context.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    #[serde(rename = "base58check")]
    /// Base58 with a double-SHA-256 checksum (BTC/LTC/DOGE/DASH/ZEC legacy forms, TRON, XRP).
    Base58Check,
    /// BIP-173 bech32 or BIP-350 bech32m (segwit, Zcash Sapling).
    Bech32,
    /// EIP-55 mixed-case checksum of an `0x` address.
    Eip55,
    /// Bitcoin Cash cashaddr polymod checksum.
    Cashaddr,
    /// Monero's Keccak-256 checksum.
    MoneroKeccak,
    /// TON user-friendly form's CRC16.
    TonCrc16,
    /// No checksum exists for this form; a payment URI names the chain.
    ContextUri,
    /// No checksum exists for this form; the chain's name or ticker stands nearby.
    ContextChain,
    /// No checksum exists for this form; a wallet or deposit label stands nearby.
    ContextLabel,
}

impl Rule {
    /// The kebab-case name used in records (`base58check`, `context-uri`, …).
    pub fn name(self) -> &'static str {
        match self {
            Rule::Base58Check => "base58check",
            Rule::Bech32 => "bech32",
            Rule::Eip55 => "eip55",
            Rule::Cashaddr => "cashaddr",
            Rule::MoneroKeccak => "monero-keccak",
            Rule::TonCrc16 => "ton-crc16",
            Rule::ContextUri => "context-uri",
            Rule::ContextChain => "context-chain",
            Rule::ContextLabel => "context-label",
        }
    }

    /// True when the rule is a checksum (no context was needed).
    pub fn is_checksum(self) -> bool {
        !matches!(
            self,
            Rule::ContextUri | Rule::ContextChain | Rule::ContextLabel
        )
    }
}

/// An address that passed its chain's checksum, or that context vouches for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct WalletAddress {
    /// The chain the address belongs to.
    pub chain: Chain,
    /// The address as written (case kept where the checksum depends on it).
    pub address: String,
    /// The rule that accepted it.
    pub rule: Rule,
}

impl WalletAddress {
    /// Accepts `text` as an address of `chain` only if that chain's checksum holds.
    ///
    /// Forms without a checksum (Solana, all-lower-case `0x`) are never accepted here:
    /// they need context, which [`WalletAddress::with_context`] supplies.
    pub fn parse(chain: Chain, text: &str) -> Option<WalletAddress> {
        identify(text).filter(|address| address.chain == chain)
    }

    /// Accepts a form without a checksum when context (found by the caller) names it.
    pub fn with_context(chain: Chain, text: &str, rule: Rule) -> Option<WalletAddress> {
        let plausible = match chain {
            Chain::Eth => evm::is_unchecked(text),
            Chain::Sol => is_solana_shape(text),
            _ => false,
        };
        (plausible && !rule.is_checksum()).then(|| WalletAddress {
            chain,
            address: text.to_owned(),
            rule,
        })
    }
}

/// Identifies `text` (one whole token) as an address whose checksum holds.
///
/// Returns `None` for anything else, including forms that have no checksum.
pub fn identify(text: &str) -> Option<WalletAddress> {
    let found = |chain, rule| {
        Some(WalletAddress {
            chain,
            address: text.to_owned(),
            rule,
        })
    };
    let bytes = text.as_bytes();
    let first = *bytes.first()?;
    if bytes.len() == 42 && first == b'0' && matches!(bytes[1], b'x' | b'X') {
        return evm::is_eip55(text).then(|| found(Chain::Eth, Rule::Eip55))?;
    }
    if let Some(chain) = segwit::identify(text) {
        return found(chain, Rule::Bech32);
    }
    if cashaddr::is_valid(text) {
        return found(Chain::Bch, Rule::Cashaddr);
    }
    if monero::is_valid(text) {
        return found(Chain::Xmr, Rule::MoneroKeccak);
    }
    if ton::is_valid(text) {
        return found(Chain::Ton, Rule::TonCrc16);
    }
    base58check::identify(text).and_then(|chain| found(chain, Rule::Base58Check))
}

/// Chains whose form has no checksum and so needs context, for a token of this shape.
pub fn unchecked_chain(text: &str) -> Option<Chain> {
    if evm::is_unchecked(text) {
        Some(Chain::Eth)
    } else if is_solana_shape(text) {
        Some(Chain::Sol)
    } else {
        None
    }
}

/// The chain whose addresses `text` looks like (prefix and length), whether or not its
/// checksum holds: for telling a user what a mistyped address resembles.
pub fn resembles(text: &str) -> Option<Chain> {
    let length = text.len();
    let base58 = text
        .bytes()
        .all(|byte| byte.is_ascii_alphanumeric() && !b"0OIl".contains(&byte));
    let lower = text.to_ascii_lowercase();
    Some(match text.as_bytes().first()? {
        _ if lower.starts_with("0x") && length == 42 => Chain::Eth,
        _ if lower.starts_with("bc1") => Chain::Btc,
        _ if lower.starts_with("ltc1") => Chain::Ltc,
        _ if lower.starts_with("bitcoincash:") || (lower.starts_with('q') && length == 42) => {
            Chain::Bch
        }
        _ if (text.starts_with("EQ") || text.starts_with("UQ")) && length == 48 => Chain::Ton,
        _ if text.starts_with("zs") || text.starts_with("t1") => Chain::Zec,
        b'T' if base58 && length == 34 => Chain::Trx,
        b'1' | b'3' if base58 && (25..=34).contains(&length) => Chain::Btc,
        b'L' | b'M' if base58 && length == 34 => Chain::Ltc,
        b'D' if base58 && length == 34 => Chain::Doge,
        b'X' if base58 && length == 34 => Chain::Dash,
        b'r' if base58 && (25..=35).contains(&length) => Chain::Xrp,
        b'4' | b'8' if base58 && (95..=106).contains(&length) => Chain::Xmr,
        _ if base58 && (32..=44).contains(&length) => Chain::Sol,
        _ => return None,
    })
}

/// A Solana address: base58 that decodes to exactly 32 bytes and does not read like a word.
fn is_solana_shape(text: &str) -> bool {
    if !(32..=44).contains(&text.len()) {
        return false;
    }
    let count = |test: fn(&u8) -> bool| text.bytes().filter(&test).count();
    let looks_random = count(u8::is_ascii_digit) > 0
        || (count(u8::is_ascii_uppercase) >= 3 && count(u8::is_ascii_lowercase) >= 3);
    if !looks_random {
        return false;
    }
    let mut decoded = [0u8; 40];
    matches!(bs58::decode(text).onto(&mut decoded[..]), Ok(32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticker_round_trip() {
        for chain in Chain::ALL {
            assert_eq!(Chain::from_ticker(chain.ticker()), Some(chain));
        }
    }

    #[test]
    fn solana_needs_context_and_shape() {
        let address = "7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV";
        assert_eq!(unchecked_chain(address), Some(Chain::Sol));
        assert!(WalletAddress::parse(Chain::Sol, address).is_none());
        let accepted = WalletAddress::with_context(Chain::Sol, address, Rule::ContextUri);
        assert_eq!(accepted.map(|wallet| wallet.rule), Some(Rule::ContextUri));
        assert_eq!(
            unchecked_chain("Supercalifragilisticexpialidociousness"),
            None
        );
    }
}
