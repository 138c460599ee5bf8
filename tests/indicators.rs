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

/// The border towns and zones where compounds stand are named by the place, in the scripts
/// their ads use.
#[test]
fn compound_towns_are_named_as_destinations() {
    for (text, place) in [
        ("Cần tuyển nhân viên làm ở Boten, bao vé xe", "Boten, Laos"),
        ("老挝磨丁园区招客服，包吃住", "Boten, Laos"),
        (
            "งานแอดมิน แขวงบ่อแก้ว เงินดี",
            "Bokeo (Golden Triangle SEZ), Laos",
        ),
        (
            "金木棉特区招聘打字员",
            "Kings Romans, Golden Triangle SEZ, Laos",
        ),
        (
            "Typing job at O’Smach casino, free room",
            "O'Smach, Cambodia",
        ),
        ("코콩 현지 고객센터 직원 모집", "Koh Kong, Cambodia"),
        ("Kerja di Koh Kong, gaji tinggi", "Koh Kong, Cambodia"),
        ("七星海项目急招翻译", "Dara Sakor, Cambodia"),
        ("Staff needed in Chrey Thom, Kandal", "Chrey Thom, Cambodia"),
        ("รับสมัครพนักงานไปสวายเรียง", "Svay Rieng, Cambodia"),
        (
            "Cross at the Three Pagodas Pass, we drive you",
            "Three Pagodas Pass, Myanmar",
        ),
        (
            "Call centre work in Kokang, salary 1500 USD",
            "Kokang, Myanmar",
        ),
    ] {
        let reasons: Vec<String> = (indicators::detect(text).iter())
            .map(indicators::Hit::reason)
            .collect();
        assert!(
            reasons
                .iter()
                .any(|reason| reason.starts_with("destination: ") && reason.contains(place)),
            "{text}: {reasons:?}"
        );
    }
    // The same words in other senses: a seafood restaurant, German for couriers.
    for text in [
        "七星海鲜酒楼今晚特价",
        "Boten gesucht für unser Büro in Wien",
    ] {
        let hits = indicators::detect(text);
        assert!(
            !hits
                .iter()
                .any(|hit| hit.indicator == Indicator::Destination),
            "{text}: {hits:?}"
        );
    }
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
