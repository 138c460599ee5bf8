//! `lurewatch eval`: EMSCAD's official protocol, or per-label figures on labelled JSON Lines.

use super::Outcome;
use crate::cli::args::EvalArgs;
use lurewatch::classify::training::{self, Split};
use lurewatch::classify::{Model, evaluate};
use std::time::Instant;

/// Runs `eval` and prints the report.
pub fn run(args: &EvalArgs) -> anyhow::Result<Outcome> {
    let loading = Instant::now();
    let model = Model::load(&args.model)?;
    let load_ms = loading.elapsed().as_secs_f64() * 1000.0;
    if training::is_emscad(&args.data) {
        let test = training::read_emscad(&args.data, Split::Test)?;
        let report = evaluate::emscad(&model, &test, evaluate::EMSCAD_TEST_LEGIT);
        if args.json {
            println!("{}", serde_json::to_string(&report)?);
        } else {
            println!(
                "EMSCAD TEST: {} fraudulent, {} legitimate (weighted to 169 : 3,407)",
                report.postings.0, report.postings.1
            );
            println!(
                "P {:.3}  R {:.3}  F1 {:.3}  ROC-AUC {:.3}  PR-AUC(w) {:.3}  R@1%FPR {:.3}  R@5%FPR {:.3}",
                report.precision,
                report.recall,
                report.f1,
                report.roc_auc,
                report.pr_auc,
                report.recall_at_1_percent_fpr,
                report.recall_at_5_percent_fpr
            );
            println!(
                "calibration of P(flagged), weighted: {}",
                evaluate::describe(report.calibration)
            );
            println!(
                "speed: {:.0} postings/s, {:.1} MB/s (one thread); model load {load_ms:.0} ms",
                report.postings_per_second, report.megabytes_per_second
            );
        }
        return Ok(Outcome::Success);
    }
    let examples = training::read_written(&args.data)?;
    let report = evaluate::labelled(&model, &examples);
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
        return Ok(Outcome::Success);
    }
    println!("{} examples; model load {load_ms:.0} ms", report.examples);
    println!(
        "{:<18} {:>9} {:>7} {:>6} {:>7} {:>8}",
        "label", "precision", "recall", "F1", "PR-AUC", "support"
    );
    for (label, precision, recall, f1, pr_auc, support) in &report.per_label {
        println!("{label:<18} {precision:>9.3} {recall:>7.3} {f1:>6.3} {pr_auc:>7.3} {support:>8}");
    }
    println!("\nconfusion (rows: actual, columns: predicted, in the order above)");
    for row in &report.confusion {
        println!(
            "  {}",
            row.iter()
                .map(|count| format!("{count:>5}"))
                .collect::<String>()
        );
    }
    println!("\nper kind (share labelled as expected)");
    for (kind, count, share) in &report.per_kind {
        println!("  {kind:<24} {count:>4}  {:.1} %", share * 100.0);
    }
    println!(
        "\ncalibration of the chosen label's probability: {}",
        evaluate::describe(report.calibration)
    );
    println!(
        "flagged without a reason: {}",
        report.flagged_without_reason
    );
    Ok(Outcome::Success)
}
