//! The whole extract stage over arbitrary bytes: it must never panic, hang or blow up, and
//! what it reports must hold (every checksum address re-validates).

#![no_main]

use libfuzzer_sys::fuzz_target;
use lurewatch::extract::{Source, extract, find_in_text};
use lurewatch::wallet;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(record) = extract(bytes, &Source::default()) {
        for found in &record.wallets {
            if found.rule.is_checksum() {
                assert!(wallet::identify(&found.address).is_some(), "{found:?}");
            }
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        let _ = find_in_text(text);
    }
});
