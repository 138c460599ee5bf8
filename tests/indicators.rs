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

/// The job-scam red flags that pair terms ("receive … payments … your account") serve.
const JOB_SCAM_FLAGS: [Indicator; 4] = [
    Indicator::MoneyMule,
    Indicator::TaskScam,
    Indicator::CredentialsAsked,
    Indicator::UpfrontFee,
];

fn sentences(name: &str) -> Vec<String> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

fn job_scam_flags(sentence: &str) -> Vec<Indicator> {
    indicators::detect(sentence)
        .iter()
        .map(|hit| hit.indicator)
        .filter(|indicator| JOB_SCAM_FLAGS.contains(indicator))
        .collect()
}

/// Scam sentences in the nine languages fire a job-scam flag, and honest sentences that share
/// their words do not.
#[test]
fn pair_terms_catch_scam_sentences_and_spare_honest_ones() {
    let positives = sentences("pair_positives.txt");
    let negatives = sentences("pair_negatives.txt");
    assert!(positives.len() >= 50 && negatives.len() >= 50);
    let missed: Vec<&String> = (positives.iter())
        .filter(|sentence| job_scam_flags(sentence).is_empty())
        .collect();
    assert!(missed.is_empty(), "no job-scam flag: {missed:#?}");
    let flagged: Vec<(&String, Vec<Indicator>)> = (negatives.iter())
        .map(|sentence| (sentence, job_scam_flags(sentence)))
        .filter(|(_, flags)| !flags.is_empty())
        .collect();
    assert!(flagged.is_empty(), "honest sentences flagged: {flagged:#?}");
}
