//! `cargo bench --bench solver`: the classifier's solver against `linfa-logistic` on one
//! problem shaped like lurewatch's (sparse n-gram rows, four labels), smaller than the real one
//! so that linfa's dense matrix fits. Both minimize the same objective, and they stop by
//! different rules, so linfa is given more and more iterations until it reaches the objective
//! ours stopped at: the figures are the time each takes to get there, both objectives, and the
//! largest gap between their probabilities. `LUREWATCH_BENCH_ROWS` and
//! `LUREWATCH_BENCH_COLUMNS` change the size (default 2,000 × 6,000).

#![allow(
    clippy::unwrap_used,
    clippy::print_stdout,
    reason = "a benchmark fails loudly and prints its figures"
)]

use linfa::traits::Fit as _;
use linfa_logistic::MultiLogisticRegression;
use lurewatch::classify::solver::{self, Fit, Row};
use std::time::Instant;

const CLASSES: usize = 4;
const ALPHA: f64 = 0.05;
const ITERATIONS: usize = 300;
/// The iteration caps linfa is tried with, until it reaches our objective.
const LINFA_CAPS: [u64; 8] = [25, 50, 75, 100, 150, 200, 300, 500];

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

fn main() {
    if std::env::args().any(|argument| argument == "--list") {
        return; // test runners ask benchmarks to list themselves
    }
    // `cargo bench` passes `--bench`; `cargo test --benches` does not, and gets a smoke run.
    let scale = if std::env::args().any(|argument| argument == "--bench") {
        1
    } else {
        20
    };
    let (rows_wanted, columns) = (
        setting("LUREWATCH_BENCH_ROWS", 2_000 / scale).max(1),
        setting("LUREWATCH_BENCH_COLUMNS", 6_000 / scale).max(1),
    );
    // Each row: 100 n-grams, the first of them leaning toward its label, about 15 % of the
    // labels noise; values like a unit-length TF-IDF vector's.
    let mut random =
        <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(0x9e37_79b9_7f4a_7c15);
    let mut next = move |below: u64| rand::Rng::random_range(&mut random, 0..below);
    let mut rows: Vec<Row> = Vec::with_capacity(rows_wanted);
    let mut targets = Vec::with_capacity(rows_wanted);
    for _ in 0..rows_wanted {
        let mut row: Row = (0..100)
            .map(|_| {
                (
                    next(columns as u64) as usize,
                    0.02 + next(100) as f64 / 1000.0,
                )
            })
            .collect();
        row.sort_by_key(|(column, _)| *column);
        row.dedup_by_key(|(column, _)| *column);
        let leaning = row[0].0 % CLASSES;
        targets.push(if next(5) == 0 {
            next(CLASSES as u64) as usize
        } else {
            leaning
        });
        rows.push(row);
    }
    let settings = Fit {
        alpha: ALPHA,
        max_iterations: ITERATIONS,
    };
    let started = Instant::now();
    let ours = solver::fit::<CLASSES>(&rows, &targets, &vec![1.0; rows.len()], columns, settings);
    let ours_seconds = started.elapsed().as_secs_f64();

    let mut records = ndarray::Array2::<f64>::zeros((rows.len(), columns));
    for (at, row) in rows.iter().enumerate() {
        for (column, value) in row {
            records[[at, *column]] = *value;
        }
    }
    let dataset = linfa::Dataset::new(records.clone(), ndarray::Array1::from(targets.clone()));
    // The objective both minimize: cross-entropy plus alpha/2 |W|².
    let objective = |probabilities: &dyn Fn(usize) -> [f64; CLASSES], squares: f64| {
        (0..rows.len())
            .map(|at| -probabilities(at)[targets[at]].ln())
            .sum::<f64>()
            + 0.5 * ALPHA * squares
    };
    let ours_objective = objective(
        &|at| ours.probabilities(&rows[at]),
        ours.weights
            .iter()
            .flatten()
            .map(|weight| weight * weight)
            .sum(),
    );
    let mut linfa = None;
    for cap in LINFA_CAPS {
        let started = Instant::now();
        let theirs = MultiLogisticRegression::default()
            .alpha(ALPHA)
            .gradient_tolerance(1e-6)
            .max_iterations(cap)
            .fit(&dataset)
            .unwrap();
        let seconds = started.elapsed().as_secs_f64();
        let expected = theirs.predict_probabilities(&records);
        let theirs_objective = objective(
            &|at| std::array::from_fn(|class| expected[[at, class]]),
            theirs.params().iter().map(|weight| weight * weight).sum(),
        );
        linfa = Some((cap, seconds, theirs_objective, expected));
        if theirs_objective <= ours_objective {
            break;
        }
    }
    let (cap, linfa_seconds, linfa_objective, expected) = linfa.unwrap();
    let mut largest_gap = 0.0f64;
    for (at, row) in rows.iter().enumerate() {
        for (class, probability) in ours.probabilities(row).iter().enumerate() {
            largest_gap = largest_gap.max((probability - expected[[at, class]]).abs());
        }
    }
    println!(
        "{} rows × {columns} columns, {CLASSES} classes, alpha {ALPHA}: lurewatch's sparse solver {ours_seconds:.2} s to objective {ours_objective:.6}; linfa-logistic (dense) {linfa_seconds:.2} s to {linfa_objective:.6} in at most {cap} iterations ({:.1}× as long); largest gap between their probabilities {largest_gap:.1e}",
        rows.len(),
        linfa_seconds / ours_seconds
    );
}
