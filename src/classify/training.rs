//! Training data and fitting: EMSCAD job ads (TRAIN split only) and our own written examples
//! (`models/training/*.jsonl`) → n-gram selection on TRAIN → weighted multinomial logistic
//! regression (`solver`, L-BFGS from zero, so training is deterministic) → [`Model`].
//!
//! The weight of near copies and the decision threshold are chosen by 8-fold cross-validation
//! on TRAIN (folds by a hash of each example's id), then the model is fitted on all of TRAIN. TEST rows (`job_id % 5 == 0`) are never
//! read here.

use super::evaluate::{self, Weighted};
use super::exemplars::{self, Exemplars};
use super::features::{describe, hash_page, title_feature};
use super::indicators::Indicator;
use super::model::{Model, ModelParts, TrainingSummary, decide_at, feature_vector, page_text};
use super::solver;
use super::{Label, Verdict};
use std::collections::HashMap;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

/// One labelled page.
#[derive(Debug, Clone)]
pub struct Example {
    /// Where it came from (`emscad:1234`, `file.jsonl:17`).
    pub id: String,
    /// Its label.
    pub label: Label,
    /// Title (may be empty), composed (NFC) as `classify` reads it.
    pub title: String,
    /// Text.
    pub text: String,
    /// For written examples: `news_warning`, `lure`, … (for per-kind reports).
    pub kind: Option<String>,
    /// For EMSCAD rows: the posting's id, which decides its split.
    pub emscad_job_id: Option<u32>,
}

/// Which part of EMSCAD's official split to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// `job_id % 5 != 0`.
    Train,
    /// `job_id % 5 == 0`.
    Test,
}

/// Errors of reading training data or fitting.
#[derive(Debug, thiserror::Error)]
pub enum TrainingError {
    /// A data file could not be read or parsed.
    #[error("{path}: {detail}")]
    Data {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        detail: String,
    },
    /// The solver failed.
    #[error("fitting the model failed: {0}")]
    Fit(String),
    /// Not enough data.
    #[error("no training examples for {0}")]
    Missing(&'static str),
}

/// Fitting settings.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// How many n-gram features to keep (chosen on TRAIN by chi-square).
    pub features: usize,
    /// L2 regularization strength.
    pub alpha: f64,
    /// Solver iterations.
    pub max_iterations: u64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            features: 60_000,
            alpha: 0.05,
            max_iterations: 300,
        }
    }
}

/// The weight of the written examples against EMSCAD postings: they are few, and they are the
/// languages and kinds of page lurewatch exists for. Each label's written examples share it
/// equally (class-balanced), so that the many benign hard negatives do not drown the scams
/// (chosen on the TRAIN validation slice used before the cross-validation).
const WRITTEN_WEIGHT: f64 = 3.0;

/// EMSCAD's text columns, as the baseline joins them.
const EMSCAD_TEXT_COLUMNS: &[&str] = &[
    "location",
    "department",
    "salary_range",
    "company_profile",
    "description",
    "requirements",
    "benefits",
    "employment_type",
    "required_experience",
    "required_education",
    "industry",
    "function",
];
const EMSCAD_FILES: &[&str] = &[
    "fraudulent.csv.gz",
    "legit_sample.csv.gz",
    "legit_from_emscad_v1.csv.gz",
];

/// True when `folder` holds the EMSCAD pieces.
pub fn is_emscad(folder: &Path) -> bool {
    folder.join(EMSCAD_FILES[0]).is_file()
}

/// Reads one split of EMSCAD: fraudulent → `job_scam`, the rest → `benign`.
pub fn read_emscad(folder: &Path, split: Split) -> Result<Vec<Example>, TrainingError> {
    let mut examples = Vec::new();
    for name in EMSCAD_FILES {
        let path = folder.join(name);
        let data_error = |detail: String| TrainingError::Data {
            path: path.clone(),
            detail,
        };
        let file = std::fs::File::open(&path).map_err(|error| data_error(error.to_string()))?;
        let mut reader = csv::Reader::from_reader(flate2::read::GzDecoder::new(file));
        let headers = reader
            .headers()
            .map_err(|error| data_error(error.to_string()))?
            .clone();
        let column = |name: &str| headers.iter().position(|header| header == name);
        let (Some(job_id), Some(title), Some(fraudulent)) =
            (column("job_id"), column("title"), column("fraudulent"))
        else {
            return Err(data_error(
                "missing job_id, title or fraudulent column".to_owned(),
            ));
        };
        let text_columns: Vec<usize> = EMSCAD_TEXT_COLUMNS
            .iter()
            .filter_map(|name| column(name))
            .collect();
        for record in reader.records() {
            let record = record.map_err(|error| data_error(error.to_string()))?;
            let Ok(id) = record.get(job_id).unwrap_or_default().parse::<u32>() else {
                continue;
            };
            let in_split = match split {
                Split::Train => id % 5 != 0,
                Split::Test => id % 5 == 0,
            };
            if !in_split {
                continue;
            }
            let text: Vec<&str> = text_columns
                .iter()
                .filter_map(|index| record.get(*index))
                .filter(|value| !value.is_empty())
                .collect();
            examples.push(Example {
                id: format!("emscad:{id}"),
                label: if record.get(fraudulent) == Some("1") {
                    Label::JobScam
                } else {
                    Label::Benign
                },
                title: crate::extract::compose(record.get(title).unwrap_or_default()).into_owned(),
                text: text.join("\n"),
                kind: None,
                emscad_job_id: Some(id),
            });
        }
    }
    Ok(examples)
}

/// Reads written examples: a `.jsonl` file or a folder of them, lines of
/// `{"label": …, "text": …, "title"?: …, "kind"?: …}`.
pub fn read_written(path: &Path) -> Result<Vec<Example>, TrainingError> {
    let mut files = Vec::new();
    if path.is_dir() {
        let entries = std::fs::read_dir(path).map_err(|error| TrainingError::Data {
            path: path.to_owned(),
            detail: error.to_string(),
        })?;
        files.extend(
            entries
                .filter_map(|entry| entry.ok().map(|entry| entry.path()))
                .filter(|file| {
                    file.extension()
                        .is_some_and(|extension| extension == "jsonl")
                }),
        );
        files.sort();
    } else {
        files.push(path.to_owned());
    }
    let mut examples = Vec::new();
    for file in files {
        let data_error = |detail: String| TrainingError::Data {
            path: file.clone(),
            detail,
        };
        let reader = std::io::BufReader::new(
            std::fs::File::open(&file).map_err(|error| data_error(error.to_string()))?,
        );
        for (number, line) in reader.lines().enumerate() {
            let line = line.map_err(|error| data_error(error.to_string()))?;
            if line.trim().is_empty() {
                continue;
            }
            let value: serde_json::Value = serde_json::from_str(&line)
                .map_err(|error| data_error(format!("line {}: {error}", number + 1)))?;
            let field = |name: &str| value.get(name).and_then(serde_json::Value::as_str);
            let label = field("label")
                .and_then(Label::from_name)
                .ok_or_else(|| data_error(format!("line {}: no known label", number + 1)))?;
            let text =
                field("text").ok_or_else(|| data_error(format!("line {}: no text", number + 1)))?;
            examples.push(Example {
                id: format!(
                    "{}:{}",
                    file.file_name().unwrap_or_default().to_string_lossy(),
                    number + 1
                ),
                label,
                title: crate::extract::compose(field("title").unwrap_or_default()).into_owned(),
                text: text.to_owned(),
                kind: field("kind").map(str::to_owned),
                emscad_job_id: None,
            });
        }
    }
    Ok(examples)
}

/// Reads every data path: EMSCAD folders (TRAIN split) and written examples.
pub fn read_training_data(paths: &[PathBuf]) -> Result<Vec<Example>, TrainingError> {
    let mut examples = Vec::new();
    for path in paths {
        if is_emscad(path) {
            examples.extend(read_emscad(path, Split::Train)?);
        } else {
            examples.extend(read_written(path)?);
        }
    }
    Ok(examples)
}

/// Out-of-fold figures: every TRAIN example classified by the model fitted without its fold.
#[derive(Debug)]
pub struct Validation {
    /// EMSCAD's TRAIN rows, under the official weighting (when EMSCAD is in the data).
    pub emscad: Option<evaluate::EmscadReport>,
    /// The written examples.
    pub written: evaluate::LabelReport,
}

/// Folds of the cross-validation on TRAIN. Near copies count for more the more examples a
/// model keeps, so the folds' models should keep nearly all of them: with 8 folds each keeps
/// 7/8 of TRAIN.
const FOLDS: usize = 8;

/// The weight of near copies tried (0: off).
const NEAR_COPY_WEIGHTS: [f64; 7] = [0.0, 5.0, 10.0, 20.0, 30.0, 40.0, 60.0];

/// Trains a model. The weight of near copies and the flag threshold are chosen by 8-fold
/// cross-validation on TRAIN (every example is scored by a model fitted without it); then the
/// model is fitted on all of TRAIN.
pub fn train(
    examples: &[Example],
    settings: Settings,
    sources: Vec<String>,
) -> Result<(Model, Validation), TrainingError> {
    for label in Label::ALL {
        if !examples.iter().any(|example| example.label == label) {
            return Err(TrainingError::Missing(label.name()));
        }
    }
    let weight = legitimate_weight(examples);
    let folds: Vec<usize> = examples.iter().map(fold_of).collect();
    let mut models = Vec::with_capacity(FOLDS);
    for fold in 0..FOLDS {
        let rest: Vec<&Example> = examples
            .iter()
            .zip(&folds)
            .filter(|(_, of)| **of != fold)
            .map(|(example, _)| example)
            .collect();
        models.push(fit(
            &rest,
            settings,
            (0.0, 0.5),
            TrainingSummary::default(),
            weight,
        )?);
    }
    let out_of_fold = |models: &[Model]| -> Vec<Verdict> {
        examples
            .iter()
            .zip(&folds)
            .map(|(example, fold)| models[*fold].classify(&example.title, &example.text))
            .collect()
    };
    let mut best = (0.0, 0.5, f64::MIN);
    for near_copy_weight in NEAR_COPY_WEIGHTS {
        for model in &mut models {
            model.exemplars.weight = near_copy_weight;
        }
        let scores: Vec<[f64; 4]> = out_of_fold(&models)
            .iter()
            .map(|verdict| verdict.scores.0)
            .collect();
        let (threshold, objective) = choose_threshold(&scores, examples);
        if objective > best.2 {
            best = (near_copy_weight, threshold, objective);
        }
    }
    for model in &mut models {
        model.exemplars.weight = best.0;
        model.flag_threshold = best.1;
    }
    let report = validation_report(examples, &out_of_fold(&models));
    let mut summary = TrainingSummary {
        alpha: settings.alpha,
        max_iterations: settings.max_iterations,
        sources,
        ..TrainingSummary::default()
    };
    for example in examples {
        *summary
            .examples
            .entry(example.label.name().to_owned())
            .or_default() += 1;
    }
    let all: Vec<&Example> = examples.iter().collect();
    Ok((
        fit(&all, settings, (best.0, best.1), summary, weight)?,
        report,
    ))
}

/// The fold of an example, by a hash of its id (`emscad:1234`, `file.jsonl:17`): the same
/// every time, and adding a file moves no other example to another fold.
fn fold_of(example: &Example) -> usize {
    let hash = example
        .id
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325u64, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
        });
    (hash % FOLDS as u64) as usize
}

/// The out-of-fold figures, EMSCAD and written examples apart.
fn validation_report(examples: &[Example], verdicts: &[Verdict]) -> Validation {
    let part = |emscad: bool| -> (Vec<Example>, Vec<Verdict>) {
        examples
            .iter()
            .zip(verdicts)
            .filter(|(example, _)| example.emscad_job_id.is_some() == emscad)
            .map(|(example, verdict)| (example.clone(), verdict.clone()))
            .unzip()
    };
    let (emscad_examples, emscad_verdicts) = part(true);
    let (written_examples, written_verdicts) = part(false);
    Validation {
        emscad: (!emscad_examples.is_empty()).then(|| {
            evaluate::emscad_verdicts(
                &emscad_examples,
                &emscad_verdicts,
                evaluate::EMSCAD_TRAIN_LEGIT,
            )
        }),
        written: evaluate::labelled_verdicts(&written_examples, &written_verdicts),
    }
}

/// The weight of each legitimate EMSCAD row, so that TRAIN has EMSCAD's real fraud rate
/// (13,607 legitimate postings stand behind the 980 with full text).
fn legitimate_weight(examples: &[Example]) -> f64 {
    let legitimate = examples
        .iter()
        .filter(|example| example.emscad_job_id.is_some() && example.label == Label::Benign)
        .count();
    if legitimate == 0 {
        return 1.0;
    }
    evaluate::EMSCAD_TRAIN_LEGIT as f64 / legitimate as f64
}

/// The threshold on P(flagged) that maximizes the sum of EMSCAD's weighted F1 (flagged or not)
/// and the macro F1 over the four labels of the written examples, and that sum; `scores` are
/// the examples' out-of-fold probabilities.
fn choose_threshold(scores: &[[f64; 4]], examples: &[Example]) -> (f64, f64) {
    let legitimate_weight = legitimate_weight(examples);
    let mut best = (0.5, f64::MIN);
    for step in 10..=95 {
        let threshold = f64::from(step) / 100.0;
        let decided: Vec<(Label, &Example)> = scores
            .iter()
            .zip(examples)
            .map(|(scores, example)| (decide_at(scores, threshold), example))
            .collect();
        let emscad_f1 = evaluate::weighted_f1(
            decided
                .iter()
                .filter(|(_, example)| example.emscad_job_id.is_some())
                .map(|(label, example)| Weighted {
                    predicted: *label != Label::Benign,
                    actual: example.label != Label::Benign,
                    weight: if example.label == Label::Benign {
                        legitimate_weight
                    } else {
                        1.0
                    },
                }),
        );
        let written_macro_f1 = Label::ALL
            .iter()
            .map(|target| {
                evaluate::weighted_f1(
                    decided
                        .iter()
                        .filter(|(_, example)| example.emscad_job_id.is_none())
                        .map(|(label, example)| Weighted {
                            predicted: label == target,
                            actual: example.label == *target,
                            weight: 1.0,
                        }),
                )
            })
            .sum::<f64>()
            / 4.0;
        let objective = emscad_f1 + written_macro_f1;
        if objective > best.1 {
            best = (threshold, objective);
        }
    }
    best
}

/// Selects features on `examples`, builds the matrix, fits, and packs a model.
fn fit(
    examples: &[&Example],
    settings: Settings,
    (near_copy_weight, flag_threshold): (f64, f64),
    training: TrainingSummary,
    legitimate_weight: f64,
) -> Result<Model, TrainingError> {
    let documents: Vec<Vec<(u32, u32)>> = examples
        .iter()
        .map(|example| counted_ngrams(&example.title, &page_text(&example.title, &example.text)))
        .collect();
    let labels: Vec<usize> = examples
        .iter()
        .map(|example| example.label.index())
        .collect();
    let vocabulary = select_features(&documents, &labels, settings.features);
    let column_of: HashMap<u32, usize> = vocabulary
        .iter()
        .enumerate()
        .map(|(column, hash)| (*hash, column))
        .collect();
    let frequency = document_frequency(&documents, &column_of);
    let idf = inverse_document_frequency(&frequency, documents.len());
    let columns = vocabulary.len() + Indicator::ALL.len();
    let written_per_label = {
        let mut counts = [0usize; 4];
        for example in examples
            .iter()
            .filter(|example| example.emscad_job_id.is_none())
        {
            counts[example.label.index()] += 1;
        }
        counts
    };
    let written_total: usize = written_per_label.iter().sum();
    let mut rows = Vec::with_capacity(examples.len());
    let mut targets = Vec::with_capacity(examples.len());
    let mut sample_weights = Vec::with_capacity(examples.len());
    for (document, example) in documents.iter().zip(examples) {
        let counts = document
            .iter()
            .filter_map(|(hash, count)| Some((*column_of.get(hash)?, *count)));
        let hits = super::indicators::detect(&page_text(&example.title, &example.text));
        let values = feature_vector(counts, &idf, &hits, vocabulary.len());
        rows.push(values);
        targets.push(example.label.index());
        let legitimate_emscad = example.emscad_job_id.is_some() && example.label == Label::Benign;
        sample_weights.push(if legitimate_emscad {
            legitimate_weight
        } else if example.emscad_job_id.is_none() {
            WRITTEN_WEIGHT * written_total as f64
                / (4.0 * written_per_label[example.label.index()].max(1) as f64)
        } else {
            1.0
        });
    }
    let fitted = solver::fit::<4>(
        &rows,
        &targets,
        &sample_weights,
        columns,
        solver::Fit {
            alpha: settings.alpha,
            max_iterations: settings.max_iterations as usize,
        },
    );
    let weights: Vec<[f32; 4]> = fitted
        .weights
        .iter()
        .map(|row| row.map(|weight| weight as f32))
        .collect();
    let intercept = fitted.intercept.map(|value| value as f32);
    let distinctive: Vec<bool> = frequency
        .iter()
        .map(|count| f64::from(*count) <= exemplars::MAX_DOCUMENT_SHARE * documents.len() as f64)
        .collect();
    let exemplars = Exemplars::new(
        examples
            .iter()
            .zip(&rows)
            .map(|(example, row)| (example.id.clone(), example.label, row.as_slice())),
        &distinctive,
        near_copy_weight,
    );
    let terms = name_features(examples, &vocabulary);
    Ok(Model::new(ModelParts {
        vocabulary,
        terms,
        idf,
        weights,
        intercept,
        flag_threshold,
        exemplars,
        training,
    }))
}

/// The distinct n-gram hashes of a page with their counts.
fn counted_ngrams(title: &str, page: &str) -> Vec<(u32, u32)> {
    let mut hashes = Vec::new();
    hash_page(title, page, &mut hashes);
    hashes.sort_unstable();
    hashes
        .chunk_by(|left, right| left == right)
        .map(|run| (run[0], run.len() as u32))
        .collect()
}

/// The `count` n-grams with the highest chi-square against any label (seen in ≥ 3 pages).
fn select_features(documents: &[Vec<(u32, u32)>], labels: &[usize], count: usize) -> Vec<u32> {
    let mut per_label: HashMap<u32, [u32; 4]> = HashMap::new();
    let mut label_totals = [0u32; 4];
    for (document, label) in documents.iter().zip(labels) {
        label_totals[*label] += 1;
        for (hash, _) in document {
            per_label.entry(*hash).or_default()[*label] += 1;
        }
    }
    let total = documents.len() as f64;
    let mut scored: Vec<(f64, u32)> = per_label
        .iter()
        .filter(|(_, counts)| counts.iter().sum::<u32>() >= 2)
        .map(|(hash, counts)| {
            let with_feature: f64 = counts.iter().map(|count| f64::from(*count)).sum();
            let score = (0..4)
                .map(|label| {
                    chi_square(
                        f64::from(counts[label]),
                        with_feature,
                        f64::from(label_totals[label]),
                        total,
                    )
                })
                .fold(0.0, f64::max);
            (score, *hash)
        })
        .collect();
    scored.sort_by(|left, right| right.0.total_cmp(&left.0).then(left.1.cmp(&right.1)));
    let mut vocabulary: Vec<u32> = scored
        .into_iter()
        .take(count)
        .map(|(_, hash)| hash)
        .collect();
    vocabulary.sort_unstable();
    vocabulary
}

/// Chi-square of a 2×2 table: feature present/absent × label/other.
fn chi_square(in_label_with: f64, with_feature: f64, in_label: f64, total: f64) -> f64 {
    let a = in_label_with;
    let b = with_feature - a;
    let c = in_label - a;
    let d = total - a - b - c;
    let denominator = (a + b) * (c + d) * (a + c) * (b + d);
    if denominator <= 0.0 {
        return 0.0;
    }
    total * (a * d - b * c).powi(2) / denominator
}

/// In how many pages each column's n-gram occurs.
fn document_frequency(documents: &[Vec<(u32, u32)>], column_of: &HashMap<u32, usize>) -> Vec<u32> {
    let mut frequency = vec![0u32; column_of.len()];
    for document in documents {
        for (hash, _) in document {
            if let Some(&column) = column_of.get(hash) {
                frequency[column] += 1;
            }
        }
    }
    frequency
}

fn inverse_document_frequency(frequency: &[u32], documents: usize) -> Vec<f32> {
    let total = documents as f64;
    frequency
        .iter()
        .copied()
        .map(|count| (((1.0 + total) / (1.0 + f64::from(count))).ln() + 1.0) as f32)
        .collect()
}

/// A readable form of every selected n-gram, from the first page that shows it.
fn name_features(examples: &[&Example], vocabulary: &[u32]) -> Vec<String> {
    let mut names: HashMap<u32, String> = HashMap::new();
    let wanted: std::collections::HashSet<u32> = vocabulary.iter().copied().collect();
    for example in examples {
        if names.len() == wanted.len() {
            break;
        }
        for (hash, name) in describe(&page_text(&example.title, &example.text)) {
            if wanted.contains(&hash) {
                names.entry(hash).or_insert(name);
            }
        }
        for (hash, name) in describe(&example.title) {
            let hash = title_feature(hash);
            if wanted.contains(&hash) {
                names
                    .entry(hash)
                    .or_insert_with(|| format!("title: {name}"));
            }
        }
    }
    vocabulary
        .iter()
        .map(|hash| {
            names
                .get(hash)
                .cloned()
                .unwrap_or_else(|| format!("#{hash:08x}"))
        })
        .collect()
}

/// Reads JSON Lines of `{"id", "text", "title"?, "url"?}` for `classify --jsonl`, one result a line.
pub fn read_classify_lines(
    reader: impl Read,
) -> impl Iterator<Item = Result<(String, String, String), String>> {
    std::io::BufReader::new(reader)
        .lines()
        .enumerate()
        .filter_map(|(number, line)| {
            let line = match line {
                Ok(line) if line.trim().is_empty() => return None,
                Ok(line) => line,
                Err(error) => return Some(Err(format!("line {}: {error}", number + 1))),
            };
            let value: serde_json::Value = match serde_json::from_str(&line) {
                Ok(value) => value,
                Err(error) => return Some(Err(format!("line {}: not JSON ({error})", number + 1))),
            };
            let field = |name: &str| {
                value
                    .get(name)
                    .and_then(serde_json::Value::as_str)
                    .map(str::to_owned)
            };
            let Some(text) = field("text") else {
                return Some(Err(format!("line {}: no \"text\" field", number + 1)));
            };
            let id = match value.get("id") {
                Some(serde_json::Value::String(id)) => id.clone(),
                Some(other) if !other.is_null() => other.to_string(),
                _ => (number + 1).to_string(),
            };
            Some(Ok((id, field("title").unwrap_or_default(), text)))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Training reads a title as `classify` does: composed, so that a title typed with
    /// combining marks gives the n-grams the model will look up.
    #[test]
    fn written_titles_are_composed() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let path = folder.path().join("pages.jsonl");
        let line = serde_json::json!({
            "label": "recruitment_lure",
            "title": "Tuye\u{302}\u{309}n ga\u{302}\u{301}p",
            "text": "lương cao",
        });
        std::fs::write(&path, format!("{line}\n")).expect("written");
        let examples = read_written(&path).expect("read");
        assert_eq!(examples[0].title, "Tuyển gấp");
    }
}
