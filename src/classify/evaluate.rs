//! Measuring a model: per-label precision, recall, F1 and PR-AUC with the confusion matrix on
//! written examples, and EMSCAD's own protocol (official TEST split, legitimate rows weighted
//! to the real fraud rate, flagged = `job_scam` or `recruitment_lure`); and, for both, how well
//! the probabilities are calibrated.

use super::training::Example;
use super::{Label, Model, Verdict};
use serde::Serialize;
use std::time::Instant;

/// Legitimate EMSCAD postings in the whole TRAIN split (the README's weighting protocol).
pub const EMSCAD_TRAIN_LEGIT: usize = 13_607;
/// Legitimate EMSCAD postings in the whole TEST split.
pub const EMSCAD_TEST_LEGIT: usize = 3_407;

/// One weighted binary decision.
#[derive(Debug, Clone, Copy)]
pub struct Weighted {
    /// What the model said.
    pub predicted: bool,
    /// What is true.
    pub actual: bool,
    /// How many postings this row stands for.
    pub weight: f64,
}

/// Precision, recall and F1 of weighted binary decisions.
pub fn precision_recall_f1(decisions: impl Iterator<Item = Weighted>) -> (f64, f64, f64) {
    let (mut true_positive, mut false_positive, mut false_negative) = (0.0, 0.0, 0.0);
    for decision in decisions {
        match (decision.predicted, decision.actual) {
            (true, true) => true_positive += decision.weight,
            (true, false) => false_positive += decision.weight,
            (false, true) => false_negative += decision.weight,
            (false, false) => {}
        }
    }
    let precision = ratio(true_positive, true_positive + false_positive);
    let recall = ratio(true_positive, true_positive + false_negative);
    (
        precision,
        recall,
        ratio(2.0 * precision * recall, precision + recall),
    )
}

/// F1 of weighted binary decisions.
pub fn weighted_f1(decisions: impl Iterator<Item = Weighted>) -> f64 {
    precision_recall_f1(decisions).2
}

fn ratio(numerator: f64, denominator: f64) -> f64 {
    if denominator > 0.0 {
        numerator / denominator
    } else {
        0.0
    }
}

/// How well probabilities match outcomes: of the pages given 0.8, about 80 % should be right.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Calibration {
    /// Expected calibration error: over ten equal-width bins of probability, the weighted mean
    /// gap between the mean probability and the share that came true.
    pub ece: f64,
    /// Brier score: the weighted mean squared gap between probability and outcome.
    pub brier: f64,
}

impl std::fmt::Display for Calibration {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(formatter, "ECE {:.3}  Brier {:.3}", self.ece, self.brier)
    }
}

/// A calibration as the reports print it ("n/a" when there was nothing to measure).
pub fn describe(calibration: Option<Calibration>) -> String {
    calibration.map_or_else(
        || "n/a (nothing to measure)".to_owned(),
        |found| found.to_string(),
    )
}

/// The calibration of weighted probabilities: (probability, came true, weight); none without
/// any (a probability that is not a number is left out).
pub fn calibration(items: &[(f64, bool, f64)]) -> Option<Calibration> {
    const BINS: usize = 10;
    // Per bin: the weighted sums of probability and of outcome.
    let mut bins = [(0.0f64, 0.0f64); BINS];
    let (mut total, mut squared) = (0.0, 0.0);
    for &(probability, came_true, weight) in items {
        if !probability.is_finite() {
            continue;
        }
        let outcome = if came_true { 1.0 } else { 0.0 };
        let bin = ((probability * BINS as f64) as usize).min(BINS - 1);
        bins[bin].0 += weight * probability;
        bins[bin].1 += weight * outcome;
        total += weight;
        squared += weight * (probability - outcome).powi(2);
    }
    (total > 0.0).then(|| Calibration {
        // Each bin weighs its share of the total: (w / W) · |p / w − y / w| = |p − y| / W.
        ece: bins.iter().map(|bin| (bin.0 - bin.1).abs()).sum::<f64>() / total,
        brier: squared / total,
    })
}

/// Weighted average precision (PR-AUC as scikit-learn computes it): scores, truth, weights.
pub fn average_precision(items: &[(f64, bool, f64)]) -> f64 {
    let mut sorted: Vec<&(f64, bool, f64)> = items.iter().collect();
    sorted.sort_by(|left, right| right.0.total_cmp(&left.0));
    let positives: f64 = items.iter().filter(|item| item.1).map(|item| item.2).sum();
    if positives == 0.0 {
        return 0.0;
    }
    let (mut true_positive, mut seen, mut previous_recall, mut area) = (0.0, 0.0, 0.0, 0.0);
    let mut index = 0;
    while index < sorted.len() {
        let score = sorted[index].0;
        while index < sorted.len() && sorted[index].0 == score {
            seen += sorted[index].2;
            if sorted[index].1 {
                true_positive += sorted[index].2;
            }
            index += 1;
        }
        let recall = true_positive / positives;
        area += (recall - previous_recall) * (true_positive / seen);
        previous_recall = recall;
    }
    area
}

/// ROC-AUC and the recall at given false-positive rates (unweighted, as the baseline).
pub fn roc(items: &[(f64, bool, f64)], rates: &[f64]) -> (f64, Vec<f64>) {
    let mut sorted: Vec<&(f64, bool, f64)> = items.iter().collect();
    sorted.sort_by(|left, right| right.0.total_cmp(&left.0));
    let positives = items.iter().filter(|item| item.1).count() as f64;
    let negatives = items.len() as f64 - positives;
    let (mut true_positive, mut false_positive) = (0.0, 0.0);
    let mut points = vec![(0.0, 0.0)];
    let mut index = 0;
    while index < sorted.len() {
        let score = sorted[index].0;
        while index < sorted.len() && sorted[index].0 == score {
            if sorted[index].1 {
                true_positive += 1.0
            } else {
                false_positive += 1.0
            }
            index += 1;
        }
        points.push((
            false_positive / negatives.max(1.0),
            true_positive / positives.max(1.0),
        ));
    }
    let auc = points
        .windows(2)
        .map(|pair| (pair[1].0 - pair[0].0) * (pair[1].1 + pair[0].1) / 2.0)
        .sum();
    let recalls = rates
        .iter()
        .map(|rate| {
            points
                .iter()
                .filter(|(fpr, _)| *fpr <= *rate)
                .map(|(_, tpr)| *tpr)
                .fold(0.0, f64::max)
        })
        .collect();
    (auc, recalls)
}

/// EMSCAD figures, as the baseline reports them.
#[derive(Debug, Clone, Serialize)]
pub struct EmscadReport {
    /// Postings in TEST (fraudulent, legitimate).
    pub postings: (usize, usize),
    /// Weighted precision of the flagged class.
    pub precision: f64,
    /// Weighted recall.
    pub recall: f64,
    /// Weighted F1.
    pub f1: f64,
    /// ROC-AUC.
    pub roc_auc: f64,
    /// Weighted average precision.
    pub pr_auc: f64,
    /// Recall at 1 % false-positive rate.
    pub recall_at_1_percent_fpr: f64,
    /// Recall at 5 % false-positive rate.
    pub recall_at_5_percent_fpr: f64,
    /// Calibration of P(flagged), weighted.
    pub calibration: Option<Calibration>,
    /// Classification speed, postings per second (one thread).
    pub postings_per_second: f64,
    /// Classification speed, megabytes of text per second.
    pub megabytes_per_second: f64,
}

/// Scores EMSCAD postings under the official protocol: legitimate rows weighted so that they
/// stand for `legitimate_total` postings (3,407 for TEST).
pub fn emscad(model: &Model, test: &[Example], legitimate_total: usize) -> EmscadReport {
    let verdicts: Vec<_> = test
        .iter()
        .map(|example| model.classify(&example.title, &example.text))
        .collect();
    let mut report = emscad_verdicts(test, &verdicts, legitimate_total);
    (report.postings_per_second, report.megabytes_per_second) = speed(model, test);
    report
}

/// EMSCAD figures of verdicts already given (no speed).
pub fn emscad_verdicts(
    test: &[Example],
    verdicts: &[Verdict],
    legitimate_total: usize,
) -> EmscadReport {
    let legit = test
        .iter()
        .filter(|example| example.label == Label::Benign)
        .count();
    let legit_weight = legitimate_total as f64 / legit.max(1) as f64;
    let items: Vec<(f64, bool, f64)> = test
        .iter()
        .zip(verdicts)
        .map(|(example, verdict)| {
            let score = verdict.scores.0[Label::JobScam.index()]
                + verdict.scores.0[Label::RecruitmentLure.index()];
            let actual = example.label != Label::Benign;
            (score, actual, if actual { 1.0 } else { legit_weight })
        })
        .collect();
    let (precision, recall, f1) = precision_recall_f1(test.iter().zip(verdicts).zip(&items).map(
        |((_, verdict), item)| Weighted {
            predicted: matches!(verdict.label, Label::JobScam | Label::RecruitmentLure),
            actual: item.1,
            weight: item.2,
        },
    ));
    let (roc_auc, recalls) = roc(&items, &[0.01, 0.05]);
    EmscadReport {
        postings: (test.len() - legit, legit),
        precision,
        recall,
        f1,
        roc_auc,
        pr_auc: average_precision(&items),
        recall_at_1_percent_fpr: recalls[0],
        recall_at_5_percent_fpr: recalls[1],
        calibration: calibration(&items),
        postings_per_second: 0.0,
        megabytes_per_second: 0.0,
    }
}

/// Postings and megabytes classified per second, one thread, over at least two seconds.
fn speed(model: &Model, postings: &[Example]) -> (f64, f64) {
    let bytes: usize = postings
        .iter()
        .map(|example| example.title.len() + example.text.len())
        .sum();
    let started = Instant::now();
    let mut rounds = 0;
    while rounds == 0 || started.elapsed().as_secs_f64() < 2.0 {
        for example in postings {
            std::hint::black_box(model.classify(&example.title, &example.text));
        }
        rounds += 1;
    }
    let seconds = started.elapsed().as_secs_f64();
    let classified = (postings.len() * rounds) as f64;
    (
        classified / seconds,
        (bytes * rounds) as f64 / 1e6 / seconds,
    )
}

/// Per-label figures and the confusion matrix on labelled examples.
#[derive(Debug, Clone, Serialize)]
pub struct LabelReport {
    /// Examples scored.
    pub examples: usize,
    /// Per label: (label, precision, recall, F1, PR-AUC one-vs-rest, support).
    pub per_label: Vec<(String, f64, f64, f64, f64, usize)>,
    /// `confusion[actual][predicted]`, in label order.
    pub confusion: [[usize; 4]; 4],
    /// Per written kind (`news_warning`, …): (kind, examples, share labelled as expected).
    pub per_kind: Vec<(String, usize, f64)>,
    /// Examples labelled other than benign without any reason (must be 0).
    pub flagged_without_reason: usize,
    /// Calibration of the chosen label's probability against whether the label is right.
    pub calibration: Option<Calibration>,
}

/// Scores labelled examples.
pub fn labelled(model: &Model, examples: &[Example]) -> LabelReport {
    let verdicts: Vec<_> = examples
        .iter()
        .map(|example| model.classify(&example.title, &example.text))
        .collect();
    labelled_verdicts(examples, &verdicts)
}

/// Scores verdicts already given on labelled examples.
pub fn labelled_verdicts(examples: &[Example], verdicts: &[Verdict]) -> LabelReport {
    let mut confusion = [[0usize; 4]; 4];
    for (example, verdict) in examples.iter().zip(verdicts) {
        confusion[example.label.index()][verdict.label.index()] += 1;
    }
    let per_label = Label::ALL
        .into_iter()
        .map(|label| {
            let (precision, recall, f1) =
                precision_recall_f1(examples.iter().zip(verdicts).map(|(example, verdict)| {
                    Weighted {
                        predicted: verdict.label == label,
                        actual: example.label == label,
                        weight: 1.0,
                    }
                }));
            let items: Vec<(f64, bool, f64)> = examples
                .iter()
                .zip(verdicts)
                .map(|(example, verdict)| {
                    (verdict.scores.0[label.index()], example.label == label, 1.0)
                })
                .collect();
            let support = examples
                .iter()
                .filter(|example| example.label == label)
                .count();
            (
                label.name().to_owned(),
                precision,
                recall,
                f1,
                average_precision(&items),
                support,
            )
        })
        .collect();
    let mut kinds: Vec<String> = examples
        .iter()
        .filter_map(|example| example.kind.clone())
        .collect();
    kinds.sort();
    kinds.dedup();
    let per_kind = kinds
        .into_iter()
        .map(|kind| {
            let of_kind: Vec<_> = examples
                .iter()
                .zip(verdicts)
                .filter(|(example, _)| example.kind.as_deref() == Some(&kind))
                .collect();
            let right = of_kind
                .iter()
                .filter(|(example, verdict)| example.label == verdict.label)
                .count();
            (
                kind,
                of_kind.len(),
                right as f64 / of_kind.len().max(1) as f64,
            )
        })
        .collect();
    let flagged_without_reason = verdicts
        .iter()
        .filter(|verdict| verdict.label != Label::Benign && verdict.reasons.is_empty())
        .count();
    let chosen: Vec<(f64, bool, f64)> = examples
        .iter()
        .zip(verdicts)
        .map(|(example, verdict)| {
            (
                verdict.scores.0[verdict.label.index()],
                verdict.label == example.label,
                1.0,
            )
        })
        .collect();
    LabelReport {
        examples: examples.len(),
        per_label,
        confusion,
        per_kind,
        flagged_without_reason,
        calibration: calibration(&chosen),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn average_precision_matches_a_hand_computed_case() {
        // Ranked: +, -, +  → AP = 1/2 * (1/1) + 1/2 * (2/3) = 0.8333
        let items = [(0.9, true, 1.0), (0.8, false, 1.0), (0.7, true, 1.0)];
        assert!((average_precision(&items) - 0.8333).abs() < 1e-3);
        let (auc, recalls) = roc(&items, &[0.0]);
        assert!((auc - 0.5).abs() < 1e-9);
        assert_eq!(recalls[0], 0.5);
    }

    #[test]
    fn calibration_matches_a_hand_computed_case() {
        // Bin 0.8–0.9: mean 0.8, one of two right (gap 0.3); bin 0.2–0.3: 0.2, none right
        // (gap 0.2, weight 2). ECE = (2 · 0.3 + 2 · 0.2) / 4 = 0.25.
        let items = [(0.8, true, 1.0), (0.8, false, 1.0), (0.2, false, 2.0)];
        let found = calibration(&items).unwrap();
        assert!((found.ece - 0.25).abs() < 1e-9, "{found:?}");
        // Brier = (0.04 + 0.64 + 2 · 0.04) / 4 = 0.19.
        assert!((found.brier - 0.19).abs() < 1e-9, "{found:?}");
        // Under-confident in both bins: each gap counts in its own bin (one bin would give 0).
        let found = calibration(&[(0.9, false, 1.0), (0.1, true, 1.0)]).unwrap();
        assert!((found.ece - 0.9).abs() < 1e-9, "{found:?}");
        let perfect = calibration(&[(1.0, true, 1.0), (0.0, false, 5.0), (f64::NAN, true, 1.0)]);
        assert_eq!(
            perfect.map(|found| (found.ece, found.brier)),
            Some((0.0, 0.0))
        );
        assert!(calibration(&[]).is_none());
    }

    #[test]
    fn weighted_precision_counts_weights() {
        let decisions = [
            Weighted {
                predicted: true,
                actual: true,
                weight: 1.0,
            },
            Weighted {
                predicted: true,
                actual: false,
                weight: 3.0,
            },
            Weighted {
                predicted: false,
                actual: true,
                weight: 1.0,
            },
        ];
        let (precision, recall, _) = precision_recall_f1(decisions.into_iter());
        assert_eq!(precision, 0.25);
        assert_eq!(recall, 0.5);
    }
}
