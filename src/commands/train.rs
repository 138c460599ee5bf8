//! `lurewatch train`: reads the training data, fits, and writes the model.

use super::Outcome;
use crate::cli::args::TrainArgs;
use anyhow::Context;
use lurewatch::classify::evaluate;
use lurewatch::classify::training::{self, Settings};
use std::time::Instant;

/// Runs `train`.
pub fn run(args: &TrainArgs) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    let examples = training::read_training_data(&args.data)?;
    eprintln!("lurewatch: training on {} examples", examples.len());
    let settings = Settings {
        features: args.features,
        alpha: args.alpha,
        max_iterations: args.max_iterations,
    };
    let sources = args
        .data
        .iter()
        .map(|path| path.display().to_string())
        .collect();
    let (model, validation) = training::train(&examples, settings, sources)?;
    if let Some(emscad) = &validation.emscad {
        eprintln!(
            "lurewatch: cross-validation (TRAIN, 8 folds) EMSCAD: P {:.3} R {:.3} F1 {:.3} PR-AUC(w) {:.3} R@1%FPR {:.3}",
            emscad.precision,
            emscad.recall,
            emscad.f1,
            emscad.pr_auc,
            emscad.recall_at_1_percent_fpr
        );
        eprintln!(
            "lurewatch: cross-validation calibration of EMSCAD P(flagged), weighted: {}",
            evaluate::describe(emscad.calibration)
        );
    }
    eprintln!(
        "lurewatch: cross-validation calibration of the written examples' chosen label: {}",
        evaluate::describe(validation.written.calibration)
    );
    let per_label: Vec<String> = validation
        .written
        .per_label
        .iter()
        .map(|(label, _, _, f1, _, _)| format!("{label} {f1:.3}"))
        .collect();
    eprintln!(
        "lurewatch: cross-validation written examples, F1: {}",
        per_label.join(", ")
    );
    let confusion: Vec<String> = validation
        .written
        .confusion
        .iter()
        .map(|row| {
            row.iter()
                .map(|count| count.to_string())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    eprintln!(
        "lurewatch: cross-validation confusion (rows actual, columns predicted; lure, fraud, job scam, benign): {}",
        confusion.join(" | ")
    );
    for (kind, count, share) in &validation.written.per_kind {
        eprintln!(
            "lurewatch:   {kind:<24} {count:>4}  {:.1} % as labelled",
            share * 100.0
        );
    }
    if let Some(folder) = args
        .out
        .parent()
        .filter(|folder| !folder.as_os_str().is_empty())
    {
        fs_err::create_dir_all(folder)?;
    }
    model
        .save(&args.out)
        .with_context(|| format!("writing the model {}", args.out.display()))?;
    let size = fs_err::metadata(&args.out)?.len();
    eprintln!(
        "lurewatch: wrote {} ({:.0} KB, {} n-grams, {} examples for near copies at weight {}, flag threshold {:.2}) in {:.1} s",
        args.out.display(),
        size as f64 / 1024.0,
        model.vocabulary.len(),
        model.exemplars.ids.len(),
        model.exemplars.weight,
        model.flag_threshold,
        started.elapsed().as_secs_f64()
    );
    Ok(Outcome::Success)
}
