//! Every red-flag indicator fires in every language of the ads: one phrase per indicator and
//! language in `tests/fixtures/indicators.tsv`, written by us.

#![allow(
    clippy::unwrap_used,
    reason = "a test fails loudly on what it cannot read"
)]

use lurewatch::classify::indicators::{self, Indicator};
use std::collections::BTreeSet;

#[test]
fn every_indicator_fires_in_every_language() {
    let path = format!(
        "{}/tests/fixtures/indicators.tsv",
        env!("CARGO_MANIFEST_DIR")
    );
    let table = std::fs::read_to_string(path).unwrap();
    let mut misses = Vec::new();
    let mut covered = BTreeSet::new();
    for line in table
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
    {
        let mut fields = line.split('\t');
        let (id, language, phrase) = (
            fields.next().unwrap(),
            fields.next().unwrap(),
            fields.next().unwrap(),
        );
        let indicator = Indicator::ALL
            .into_iter()
            .find(|indicator| indicator.id() == id)
            .unwrap();
        covered.insert((id, language));
        if !indicators::detect(phrase)
            .iter()
            .any(|hit| hit.indicator == indicator)
        {
            misses.push(format!("{id} [{language}]: {phrase}"));
        }
    }
    assert!(
        misses.is_empty(),
        "{} phrases do not fire:\n{}",
        misses.len(),
        misses.join("\n")
    );
    let languages = ["en", "zh", "zh-Hant", "ko", "ja", "th", "vi", "id", "ms"];
    for indicator in Indicator::ALL {
        for language in languages {
            assert!(
                covered.contains(&(indicator.id(), language)),
                "no phrase for {} in {language}",
                indicator.id()
            );
        }
    }
}

#[test]
fn reasons_read_as_an_analyst_expects() {
    let hits = indicators::detect(
        "Customer service in Sihanoukville, earn 3% per day, free flight and visa",
    );
    let reasons: Vec<String> = hits.iter().map(indicators::Hit::reason).collect();
    assert!(
        reasons
            .iter()
            .any(|reason| reason.starts_with("destination: ")),
        "{reasons:?}"
    );
    assert!(
        reasons.iter().any(|reason| reason == "returns: 3% per day"),
        "{reasons:?}"
    );
    let hits = indicators::detect(
        "Company: Confidential. A foreign company pays well; come on a tourist visa.",
    );
    let reasons: Vec<String> = hits.iter().map(indicators::Hit::reason).collect();
    assert!(
        reasons.contains(&"employer: name withheld, a foreign company, no work visa".to_owned()),
        "{reasons:?}"
    );
}
