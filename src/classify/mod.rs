//! Classify: page text → a label, calibrated probabilities, and reasons an analyst can check.
//!
//! Two kinds of evidence meet in one weighted multinomial logistic regression (`solver`):
//! hashed word and character n-grams (`features`), and red-flag indicators from public reports
//! (`indicators`). A third adds to its logits: how nearly the page repeats a known example of
//! each label (`exemplars`), since scam networks post the same ad many times. Training
//! (`training`) and evaluation (`evaluate`) are plain functions; the trained [`Model`] is a
//! compact JSON file loaded by every command that classifies. This stage does not fetch,
//! extract or store anything: it takes text and hands a [`Verdict`] on.

pub mod evaluate;
mod exemplars;
mod features;
mod fees;
mod folded;
pub mod indicators;
mod model;
mod numerals;
mod pay;
pub mod solver;
mod terms;
pub mod training;

pub use model::{DEFAULT_MODEL_PATH, Model, default_model_path};

use serde::{Deserialize, Serialize};

/// What a page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Label {
    /// An ad that recruits people into a scam compound.
    RecruitmentLure,
    /// A pig-butchering platform, HYIP, fake exchange or task scam.
    InvestmentFraud,
    /// Another fake job ad.
    JobScam,
    /// Everything else, warnings and news about scams included.
    Benign,
}

impl Label {
    /// Every label, in the model's class order.
    pub const ALL: [Label; 4] = [
        Label::RecruitmentLure,
        Label::InvestmentFraud,
        Label::JobScam,
        Label::Benign,
    ];

    /// The snake_case name used in records and flags.
    pub fn name(self) -> &'static str {
        match self {
            Label::RecruitmentLure => "recruitment_lure",
            Label::InvestmentFraud => "investment_fraud",
            Label::JobScam => "job_scam",
            Label::Benign => "benign",
        }
    }

    /// Parses a label name.
    pub fn from_name(name: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|label| label.name() == name)
    }

    /// The position of the label in [`Label::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// The classifier's answer for one page.
#[derive(Debug, Clone, Serialize)]
pub struct Verdict {
    /// The chosen label.
    pub label: Label,
    /// The probability of the chosen label.
    #[serde(serialize_with = "four_decimals")]
    pub score: f64,
    /// The probability of every label.
    pub scores: Scores,
    /// Why, most important first: indicators that fired, then the model's strongest terms.
    pub reasons: Vec<String>,
}

fn four_decimals<S: serde::Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_f64(round4(*value))
}

fn round4(value: f64) -> f64 {
    (value * 10_000.0).round() / 10_000.0
}

/// Probabilities per label, serialized as a map from label name.
#[derive(Debug, Clone, Copy)]
pub struct Scores(pub [f64; 4]);

impl Serialize for Scores {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(4))?;
        for label in Label::ALL {
            map.serialize_entry(label.name(), &round4(self.0[label.index()]))?;
        }
        map.end()
    }
}
