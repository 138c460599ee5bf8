//! The trained model: the selected n-gram features with their IDF weights, the indicator
//! features, the multinomial weights, and the decision threshold chosen on TRAIN.
//!
//! Stored as JSON (`models/lurewatch-model.json`); prediction is a sparse dot product, so a page
//! costs its n-gram hashing and one lookup per n-gram.

use super::exemplars::{self, Exemplars, Nearest};
use super::features::{BUCKETS, hash_page};
use super::indicators::{self, Indicator};
use super::solver;
use super::terms;
use super::{Label, Scores, Verdict};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Where `train` writes the model unless told otherwise, relative to the working folder.
pub const DEFAULT_MODEL_PATH: &str = "models/lurewatch-model.json";

/// The model a command loads unless told otherwise: `models/lurewatch-model.json` in the working
/// folder, else in the folder of the executable, else in the checkout the executable was built
/// from (so that `lurewatch demo` finds its model when run from anywhere). When none exists, the
/// working folder's path, so that the error names where the model was expected. Looked for once
/// per run, however many commands declare the flag.
pub fn default_model_path() -> PathBuf {
    static FOUND: OnceLock<PathBuf> = OnceLock::new();
    FOUND
        .get_or_init(|| {
            let beside_executable = std::env::current_exe()
                .ok()
                .and_then(|executable| Some(executable.parent()?.join(DEFAULT_MODEL_PATH)));
            let in_checkout = Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_MODEL_PATH);
            [
                Some(PathBuf::from(DEFAULT_MODEL_PATH)),
                beside_executable,
                Some(in_checkout),
            ]
            .into_iter()
            .flatten()
            .find(|path| path.is_file())
            .unwrap_or_else(|| PathBuf::from(DEFAULT_MODEL_PATH))
        })
        .clone()
}

/// The most text (in bytes) one page contributes: a 50 MB page is classified on its first
/// megabyte rather than refused.
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;

/// The file format version this code reads and writes.
const FORMAT_VERSION: u32 = 2;

/// How many of the model's own terms may follow the indicator reasons.
const TERM_REASONS: usize = 3;

/// How many of the strongest terms are looked for in the page (each costs a search of the
/// page; building an Aho-Corasick automaton per page cost a third of the classifier's speed).
const TERM_CANDIDATES: usize = 48;

/// Terms found in more than this share of the training pages («work», and the grammar words
/// the list of function words may lack) say nothing to a reader, however much they weigh
/// together, and are not shown. Rarer ones such as «usdt» and «telegram» are.
const COMMON_TERM_SHARE: f64 = 0.15;

/// A trained classifier.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Model {
    /// File format version.
    pub version: u32,
    /// Hash of each selected n-gram, in column order.
    pub vocabulary: Vec<u32>,
    /// A readable form of each selected n-gram (for reasons).
    pub terms: Terms,
    /// Inverse document frequency of each selected n-gram.
    pub idf: Vec<f32>,
    /// Indicator ids, in column order after the n-grams.
    pub indicators: Vec<String>,
    /// Weights: one row of four (label order) per column, n-grams then indicators.
    pub weights: Vec<[f32; 4]>,
    /// Intercept per label.
    pub intercept: [f32; 4],
    /// A page is flagged (not benign) when P(benign) falls below `1 - flag_threshold`.
    pub flag_threshold: f64,
    /// The training pages, for near copies of them.
    pub exemplars: Exemplars,
    /// How the model was trained (for the record).
    pub training: TrainingSummary,
    #[serde(skip)]
    columns: ColumnTable,
}

thread_local! {
    /// Per-column n-gram counts of the page being classified, zero between pages (a page
    /// counts into it and takes its counts back out, touching only its own columns).
    static COLUMN_COUNTS: std::cell::RefCell<Vec<u32>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Open addressing from n-gram bucket to column, at most half full: a megabyte that stays in
/// the cache, where a table over all 2^21 buckets took 8 MB and missed it on every n-gram.
#[derive(Debug, Clone, Default)]
struct ColumnTable {
    /// `(bucket, column)` slots; `bucket == u32::MAX` marks an empty one.
    slots: Vec<(u32, u32)>,
    /// One bit per bucket of the hash space (256 KB): most of a page's n-grams are not in
    /// the vocabulary, and this says so without probing the table.
    kept: Vec<u64>,
}

impl ColumnTable {
    fn new(vocabulary: &[u32]) -> ColumnTable {
        let size = (vocabulary.len() * 2).next_power_of_two().max(16);
        let mut table = ColumnTable {
            slots: vec![(u32::MAX, 0); size],
            kept: vec![0; BUCKETS as usize / 64],
        };
        let mask = size - 1;
        for (column, bucket) in vocabulary.iter().enumerate() {
            let mut slot = *bucket as usize & mask;
            while table.slots[slot].0 != u32::MAX {
                slot = (slot + 1) & mask;
            }
            table.slots[slot] = (*bucket, column as u32);
            if let Some(word) = table.kept.get_mut(*bucket as usize / 64) {
                *word |= 1 << (bucket % 64);
            }
        }
        table
    }

    fn get(&self, bucket: u32) -> Option<usize> {
        let word = self.kept.get(bucket as usize / 64)?;
        if word & (1 << (bucket % 64)) == 0 {
            return None;
        }
        let mask = self.slots.len().checked_sub(1)?;
        let mut slot = bucket as usize & mask;
        loop {
            let (key, column) = self.slots[slot];
            if key == bucket {
                return Some(column as usize);
            }
            if key == u32::MAX {
                return None;
            }
            slot = (slot + 1) & mask;
        }
    }
}

/// What went into a model.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TrainingSummary {
    /// Training examples per label.
    pub examples: std::collections::BTreeMap<String, usize>,
    /// L2 regularization strength.
    pub alpha: f64,
    /// Solver iterations allowed.
    pub max_iterations: u64,
    /// The data sources.
    pub sources: Vec<String>,
}

/// Errors of loading a model.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    /// The file could not be read.
    #[error("cannot read the model {path}: {source} (build it with `lurewatch train`, see README)")]
    Read {
        /// The model file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not a model this version reads.
    #[error(
        "the model {path} is corrupt or from another version ({detail}); rebuild it with `lurewatch train`, see README"
    )]
    Corrupt {
        /// The model file.
        path: String,
        /// What is wrong.
        detail: String,
    },
}

impl Model {
    /// Builds a model from its parts (training does this).
    pub(super) fn new(parts: ModelParts) -> Model {
        let mut model = Model {
            version: FORMAT_VERSION,
            vocabulary: parts.vocabulary,
            terms: Terms::from(parts.terms),
            idf: parts.idf,
            indicators: Indicator::ALL
                .iter()
                .map(|indicator| indicator.id().to_owned())
                .collect(),
            weights: parts.weights,
            intercept: parts.intercept,
            flag_threshold: parts.flag_threshold,
            exemplars: parts.exemplars,
            training: parts.training,
            columns: ColumnTable::default(),
        };
        model.index_columns();
        model
            .exemplars
            .index(model.vocabulary.len())
            .expect("training builds exemplars over its own columns");
        model
    }

    /// Loads a model file, checking that its parts fit together.
    pub fn load(path: &Path) -> Result<Model, ModelError> {
        let display = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| ModelError::Read {
            path: display.clone(),
            source,
        })?;
        let corrupt = |detail: String| ModelError::Corrupt {
            path: display.clone(),
            detail,
        };
        let mut model: Model =
            serde_json::from_slice(&bytes).map_err(|error| corrupt(error.to_string()))?;
        let expected_indicators: Vec<&str> = Indicator::ALL
            .iter()
            .map(|indicator| indicator.id())
            .collect();
        let consistent = model.version == FORMAT_VERSION
            && model.vocabulary.len() == model.idf.len()
            && model.vocabulary.len() == model.terms.len()
            && model.weights.len() == model.vocabulary.len() + model.indicators.len()
            && model.indicators == expected_indicators
            && model.vocabulary.iter().all(|bucket| *bucket < BUCKETS);
        if !consistent {
            return Err(corrupt("its parts do not fit together".to_owned()));
        }
        model
            .exemplars
            .index(model.vocabulary.len())
            .map_err(|detail| corrupt(format!("its examples: {detail}")))?;
        // Reading grew the arrays by doubling; a crawler keeps the model all its life.
        model.vocabulary.shrink_to_fit();
        model.idf.shrink_to_fit();
        model.weights.shrink_to_fit();
        model.index_columns();
        // Build the indicator automaton and patterns now, so that load time says what
        // starting to classify costs.
        indicators::detect("");
        Ok(model)
    }

    /// Writes the model as JSON, through a temporary file so a crash never leaves half a model.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        let temporary = path.with_extension("json.tmp");
        let json = serde_json::to_vec(self).map_err(std::io::Error::other)?;
        std::fs::write(&temporary, json)?;
        std::fs::rename(&temporary, path)
    }

    fn index_columns(&mut self) {
        self.columns = ColumnTable::new(&self.vocabulary);
    }

    /// The column of an n-gram hash, if the model kept it.
    pub(super) fn column(&self, hash: u32) -> Option<usize> {
        self.columns.get(hash)
    }

    /// Classifies one page from its title and text.
    pub fn classify(&self, title: &str, text: &str) -> Verdict {
        if title.trim().is_empty() && text.trim().is_empty() {
            let mut scores = [0.0; 4];
            scores[Label::Benign.index()] = 1.0;
            return Verdict {
                label: Label::Benign,
                score: 1.0,
                scores: Scores(scores),
                reasons: vec!["empty: the page has no text".to_owned()],
            };
        }
        let title = crate::extract::compose(title);
        let page = page_text(&title, text);
        let features = self.features(&title, &page);
        let nearest = self.exemplars.nearest(&features.values);
        let probabilities = self.probabilities(&features, &nearest);
        let label = self.decide(&probabilities);
        if label != Label::Benign
            && features.red_flags().next().is_none()
            && let words = word_count(&page)
            && words < MIN_WORDS_TO_FLAG
        {
            // A link list, a calendar cell, a one-line page: nothing to judge by.
            return Verdict {
                label: Label::Benign,
                score: probabilities[Label::Benign.index()],
                scores: Scores(probabilities),
                reasons: vec![format!(
                    "too little text to judge ({words} words) and no red flag"
                )],
            };
        }
        let reasons = self.reasons(&page, title.len(), &features, &nearest, label);
        Verdict {
            label,
            score: probabilities[label.index()],
            scores: Scores(probabilities),
            reasons,
        }
    }

    /// The sparse feature vector of a page: (column, value) pairs, and the indicators that fired.
    pub(super) fn features(&self, title: &str, page: &str) -> PageFeatures {
        let mut hashes = Vec::with_capacity(page.len() / 2);
        hash_page(title, page, &mut hashes);
        let counts = COLUMN_COUNTS.with_borrow_mut(|counts| {
            if counts.len() < self.vocabulary.len() {
                counts.resize(self.vocabulary.len(), 0);
            }
            let mut seen = Vec::new();
            for column in hashes.iter().filter_map(|hash| self.column(*hash)) {
                if counts[column] == 0 {
                    seen.push(column);
                }
                counts[column] += 1;
            }
            seen.into_iter()
                .map(|column| (column, std::mem::take(&mut counts[column])))
                .collect::<Vec<_>>()
        });
        let hits = indicators::detect(page);
        let values = feature_vector(counts.into_iter(), &self.idf, &hits, self.vocabulary.len());
        PageFeatures { values, hits }
    }

    fn probabilities(&self, features: &PageFeatures, nearest: &[Option<Nearest>; 4]) -> [f64; 4] {
        let mut logits: [f64; 4] = self.intercept.map(f64::from);
        for (logit, near) in logits.iter_mut().zip(self.exemplars.logits(nearest)) {
            *logit += near;
        }
        for (column, value) in &features.values {
            for (logit, weight) in logits.iter_mut().zip(self.weights[*column]) {
                *logit += value * f64::from(weight);
            }
        }
        solver::softmax(logits)
    }

    fn decide(&self, probabilities: &[f64; 4]) -> Label {
        decide_at(probabilities, self.flag_threshold)
    }

    /// Indicator reasons, strongest for the chosen label first, then the model's top terms.
    /// A benign page that shows red flags says so (news and warnings quote the ads).
    fn reasons(
        &self,
        page: &str,
        title_len: usize,
        features: &PageFeatures,
        nearest: &[Option<Nearest>; 4],
        label: Label,
    ) -> Vec<String> {
        let class = label.index();
        if label == Label::Benign {
            if features.red_flags().next().is_none() {
                return Vec::new();
            }
            // Why the flags did not carry the page (the words of a warning, a named employer),
            // then the flags themselves, for the analyst to weigh.
            let terms = self.top_terms(page, title_len, features, class);
            let mut reasons = vec![if terms.is_empty() {
                "red flags seen, but the page reads as benign".to_owned()
            } else {
                format!(
                    "red flags seen, but the page reads as benign, e.g. {}",
                    terms.join(", ")
                )
            }];
            reasons.extend(features.red_flags().map(indicators::Hit::reason));
            return reasons;
        }
        let indicator_weight = |indicator: Indicator| {
            f64::from(self.weights[self.vocabulary.len() + indicator as usize][class])
        };
        // Every red flag that fired is a reason: first those the model weighs toward the label,
        // strongest first; the others after the model's own evidence. (A flag whose weight
        // for the label is small can change sign when the model is retrained; the page still
        // carries it.)
        let mut hits: Vec<_> = features.red_flags().collect();
        hits.sort_by(|left, right| {
            indicator_weight(right.indicator).total_cmp(&indicator_weight(left.indicator))
        });
        let toward = hits
            .iter()
            .take_while(|hit| indicator_weight(hit.indicator) > 0.0)
            .count();
        let mut reasons: Vec<String> = hits[..toward].iter().map(|hit| hit.reason()).collect();
        if self.exemplars.weight > 0.0
            && let Some(near) = nearest[class]
            && near.similarity >= exemplars::NEAR_COPY
        {
            reasons.push(format!(
                "near copy: {:.0} % like the known {} {}",
                near.similarity * 100.0,
                label.name().replace('_', " "),
                self.exemplars.ids[near.example]
            ));
        }
        let terms = self.top_terms(page, title_len, features, class);
        if !terms.is_empty() {
            reasons.push(format!(
                "model: {} text, e.g. {}",
                label.name().replace('_', " "),
                terms.join(", ")
            ));
        } else if reasons.is_empty() {
            reasons.push(format!(
                "model: reads as {}",
                label.name().replace('_', " ")
            ));
        }
        reasons.extend(hits[toward..].iter().map(|hit| hit.reason()));
        let handles: Vec<String> = crate::extract::find_messengers(page)
            .iter()
            .map(messenger)
            .take(MAX_HANDLES)
            .collect();
        if !handles.is_empty() {
            reasons.push(format!("handles: {}", handles.join(", ")));
        }
        reasons
    }

    /// The n-grams that pushed the page most toward `class`, skipping ones that say little to a
    /// reader (numbers, single characters of a spaced script, words most pages hold).
    fn top_terms(
        &self,
        page: &str,
        title_len: usize,
        features: &PageFeatures,
        class: usize,
    ) -> Vec<String> {
        // The IDF of a term found in COMMON_TERM_SHARE of the training pages.
        let min_idf = (1.0 / COMMON_TERM_SHARE).ln() + 1.0;
        let mut contributions: Vec<(f64, usize)> = features
            .values
            .iter()
            .filter(|(column, _)| *column < self.vocabulary.len())
            .filter(|(column, _)| f64::from(self.idf[*column]) >= min_idf)
            .map(|(column, value)| (value * f64::from(self.weights[*column][class]), *column))
            .filter(|(contribution, _)| *contribution > 0.0)
            .collect();
        // Only the strongest few are looked at, and a term is shown only if the page holds
        // it: n-grams share hash buckets, and a bucket is named after the first training page
        // that showed it, so a Chinese page's bucket may carry the name of an English word.
        let strongest_first =
            |left: &(f64, usize), right: &(f64, usize)| right.0.total_cmp(&left.0);
        if contributions.len() > TERM_CANDIDATES {
            contributions.select_nth_unstable_by(TERM_CANDIDATES, strongest_first);
            contributions.truncate(TERM_CANDIDATES);
        }
        contributions.sort_by(strongest_first);
        let (title, _) = page.split_at(title_len.min(page.len()));
        let (mut folded_page, mut folded_title) = (None, None);
        // Found as written in the title (region 0) or the text (1), a few more than are shown,
        // since words of one phrase are shown once.
        let written = contributions
            .iter()
            .map(|(_, column)| self.terms.get(*column))
            .filter(|term| terms::is_readable(term))
            .filter_map(|term| match term.strip_prefix("title: ") {
                Some(needle) => {
                    terms::find_as_written(title, needle, &mut folded_title).map(|range| (0, range))
                }
                None => {
                    terms::find_as_written(page, term, &mut folded_page).map(|range| (1, range))
                }
            })
            .take(2 * TERM_REASONS);
        terms::distinct_terms([title, page], written)
            .into_iter()
            .take(TERM_REASONS)
            .map(|(region, range)| match region {
                0 => format!("«title: {}»", &title[range]),
                _ => format!("«{}»", &page[range]),
            })
            .collect()
    }
}

/// The readable forms of the n-grams in one string: 60,000 `String`s cost 3.4 MB of a
/// crawler's memory, one string 0.9 MB. Stored in the model file as a list of strings.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(from = "Vec<String>", into = "Vec<String>")]
pub struct Terms {
    text: String,
    ends: Vec<u32>,
}

impl Terms {
    /// The term of a column ("" past the end).
    pub fn get(&self, column: usize) -> &str {
        self.text.get(span(&self.ends, column)).unwrap_or_default()
    }

    /// How many terms.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

/// Where item `index` lies in an array of items laid end to end, given where each ends (an
/// empty range past the last).
pub(super) fn span(ends: &[u32], index: usize) -> std::ops::Range<usize> {
    let start = match index.checked_sub(1) {
        Some(before) => ends.get(before).copied().unwrap_or(u32::MAX),
        None => 0,
    } as usize;
    start..ends.get(index).copied().unwrap_or(0) as usize
}

impl From<Vec<String>> for Terms {
    fn from(terms: Vec<String>) -> Terms {
        let mut text = String::with_capacity(terms.iter().map(String::len).sum());
        let mut ends = Vec::with_capacity(terms.len());
        for term in terms {
            text.push_str(&term);
            ends.push(text.len() as u32);
        }
        Terms { text, ends }
    }
}

impl From<Terms> for Vec<String> {
    fn from(terms: Terms) -> Vec<String> {
        (0..terms.len())
            .map(|column| terms.get(column).to_owned())
            .collect()
    }
}

/// The parts training hands to [`Model::new`].
pub(super) struct ModelParts {
    pub vocabulary: Vec<u32>,
    pub terms: Vec<String>,
    pub idf: Vec<f32>,
    pub weights: Vec<[f32; 4]>,
    pub intercept: [f32; 4],
    pub flag_threshold: f64,
    pub exemplars: Exemplars,
    pub training: TrainingSummary,
}

/// A page's features: sparse (column, value) pairs and the indicators that fired.
pub(super) struct PageFeatures {
    pub values: Vec<(usize, f64)>,
    pub hits: Vec<indicators::Hit>,
}

impl PageFeatures {
    /// The indicators that fired and are red flags, the reasons an analyst reads.
    fn red_flags(&self) -> impl Iterator<Item = &indicators::Hit> {
        self.hits.iter().filter(|hit| hit.indicator.is_red_flag())
    }
}

/// How many messenger handles a flagged page's reasons name.
const MAX_HANDLES: usize = 6;

/// A messenger handle as a reason shows it ("Telegram @hr_kh88", "WhatsApp +85512345678").
fn messenger(contact: &crate::extract::Contact) -> String {
    use crate::extract::ContactKind;
    let value = &contact.value;
    match contact.kind {
        ContactKind::Telegram if value.starts_with('+') => format!("Telegram t.me/{value}"),
        ContactKind::Telegram => format!("Telegram @{value}"),
        ContactKind::Whatsapp => format!("WhatsApp {value}"),
        ContactKind::Line => format!("LINE {value}"),
        ContactKind::Wechat => format!("WeChat {value}"),
        ContactKind::Kakao => format!("KakaoTalk {value}"),
        ContactKind::Signal => format!("Signal {value}"),
        ContactKind::Email | ContactKind::Phone => value.clone(),
    }
}

/// Pages with fewer words than this are flagged only when an indicator fires.
const MIN_WORDS_TO_FLAG: usize = 12;

/// Words of `text`: spaced words, plus one per two characters of scripts written without
/// spaces.
fn word_count(text: &str) -> usize {
    let unspaced = text
        .chars()
        .filter(|character| crate::extract::is_unspaced(*character))
        .count();
    text.split_whitespace().count() + unspaced / 2
}

/// The feature vector of a page, the same in training and prediction: sublinear TF-IDF of its
/// n-gram columns scaled to unit length, then one small value per indicator that fired.
pub(super) fn feature_vector(
    counts: impl Iterator<Item = (usize, u32)>,
    idf: &[f32],
    hits: &[indicators::Hit],
    vocabulary_len: usize,
) -> Vec<(usize, f64)> {
    let mut values: Vec<(usize, f64)> = counts
        .map(|(column, count)| {
            (
                column,
                (1.0 + f64::from(count).ln()) * f64::from(idf[column]),
            )
        })
        .collect();
    let norm = values
        .iter()
        .map(|(_, value)| value * value)
        .sum::<f64>()
        .sqrt();
    if norm > 0.0 {
        for (_, value) in &mut values {
            *value /= norm;
        }
    }
    values.extend(
        hits.iter()
            .map(|hit| (vocabulary_len + hit.indicator as usize, INDICATOR_VALUE)),
    );
    values
}

/// Flagged when P(benign) is below `1 - threshold`; then the likeliest scam label.
pub(super) fn decide_at(probabilities: &[f64; 4], threshold: f64) -> Label {
    if 1.0 - probabilities[Label::Benign.index()] < threshold {
        return Label::Benign;
    }
    [
        Label::RecruitmentLure,
        Label::InvestmentFraud,
        Label::JobScam,
    ]
    .into_iter()
    .max_by(|left, right| probabilities[left.index()].total_cmp(&probabilities[right.index()]))
    .unwrap_or(Label::Benign)
}

/// The value of an indicator feature that fired. Small against the unit-length n-gram vector,
/// so that the L2 penalty keeps the model from leaning on one red flag (at 1.0 the model
/// overfits them: EMSCAD F1 on the TRAIN validation slice 0.86 → 0.91 at 0.2).
const INDICATOR_VALUE: f64 = 0.2;

/// Title and text as one string, the text cut to [`MAX_TEXT_BYTES`] and composed (NFC).
pub(super) fn page_text(title: &str, text: &str) -> String {
    let text =
        crate::extract::compose(&text[..crate::extract::floor_boundary(text, MAX_TEXT_BYTES)]);
    let mut page = String::with_capacity(title.len() + 1 + text.len());
    page.push_str(title);
    page.push('\n');
    page.push_str(&text);
    page
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_read_back_as_they_were_written() {
        let written = vec![
            "包吃包住".to_owned(),
            String::new(),
            "free flight".to_owned(),
        ];
        let terms = Terms::from(written.clone());
        assert_eq!(
            (terms.get(0), terms.get(1), terms.get(2), terms.get(3)),
            ("包吃包住", "", "free flight", "")
        );
        let json = serde_json::to_string(&terms).unwrap();
        assert_eq!(json, serde_json::to_string(&written).unwrap());
        assert_eq!(serde_json::from_str::<Terms>(&json).unwrap().len(), 3);
    }

    /// Every red flag that fires on a flagged page is among its reasons, whatever the sign of
    /// its weight for the label: the 180 whole pages of the hold-out, with the shipped model.
    #[test]
    fn every_red_flag_of_a_flagged_page_is_a_reason() {
        let model = Model::load(&default_model_path()).unwrap();
        let pages = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("models/holdout/pages.jsonl"),
        )
        .unwrap();
        let mut flagged = 0;
        for line in pages.lines() {
            let page: serde_json::Value = serde_json::from_str(line).unwrap();
            let field = |name: &str| page[name].as_str().unwrap_or_default().to_owned();
            let (title, text) = (field("title"), field("text"));
            let verdict = model.classify(&title, &text);
            if verdict.label == Label::Benign {
                continue;
            }
            flagged += 1;
            for hit in indicators::detect(&page_text(&title, &text))
                .iter()
                .filter(|hit| hit.indicator.is_red_flag())
            {
                assert!(
                    verdict.reasons.contains(&hit.reason()),
                    "{title}: {} not in {:?}",
                    hit.reason(),
                    verdict.reasons
                );
            }
        }
        assert!(flagged > 100, "{flagged} pages flagged");
    }
}
