//! Weighted multinomial logistic regression with an L2 penalty, over sparse rows, fitted by
//! L-BFGS from zero (so the same data always gives the same model).
//!
//! `linfa-logistic` minimizes the same objective over dense arrays; with tens of thousands of
//! n-gram columns a dense matrix costs gigabytes and minutes, and it takes no sample weights,
//! which EMSCAD's protocol needs (each legitimate posting with full text stands for 14). A test
//! below checks that both reach the same probabilities, and `cargo bench --bench solver` times
//! them (README, "Model").

/// A sparse row: (column, value) pairs.
pub type Row = Vec<(usize, f64)>;

/// Fitting settings.
#[derive(Debug, Clone, Copy)]
pub struct Fit {
    /// L2 penalty on the weights (not the intercepts).
    pub alpha: f64,
    /// L-BFGS iterations at most.
    pub max_iterations: usize,
}

/// Fitted weights: `weights[column][class]` and `intercept[class]`.
pub struct Fitted<const K: usize> {
    /// One row of K weights per column.
    pub weights: Vec<[f64; K]>,
    /// Intercept per class.
    pub intercept: [f64; K],
}

impl<const K: usize> Fitted<K> {
    /// The probability of each class for a row (whose columns are below the fitted ones: a
    /// larger column panics).
    pub fn probabilities(&self, row: &Row) -> [f64; K] {
        let logits: [f64; K] = std::array::from_fn(|class| {
            self.intercept[class]
                + row
                    .iter()
                    .map(|(column, value)| value * self.weights[*column][class])
                    .sum::<f64>()
        });
        softmax(logits)
    }
}

/// Probabilities from logits (shifted by their largest, so that none overflows).
pub fn softmax<const K: usize>(logits: [f64; K]) -> [f64; K] {
    let max = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let exponentials = logits.map(|logit| (logit - max).exp());
    let sum: f64 = exponentials.iter().sum();
    exponentials.map(|value| value / sum)
}

/// Fits K-class weights to `rows` with labels `targets` (0..K) and sample `weights`.
pub fn fit<const K: usize>(
    rows: &[Row],
    targets: &[usize],
    sample_weights: &[f64],
    columns: usize,
    settings: Fit,
) -> Fitted<K> {
    let problem = Problem::<K> {
        rows,
        targets,
        sample_weights,
        columns,
        alpha: settings.alpha,
    };
    let parameters = minimize(
        |theta, gradient| problem.loss_and_gradient(theta, gradient),
        (columns + 1) * K,
        settings.max_iterations,
    );
    let weights = (0..columns)
        .map(|column| std::array::from_fn(|class| parameters[column * K + class]))
        .collect();
    let intercept = std::array::from_fn(|class| parameters[columns * K + class]);
    Fitted { weights, intercept }
}

struct Problem<'a, const K: usize> {
    rows: &'a [Row],
    targets: &'a [usize],
    sample_weights: &'a [f64],
    columns: usize,
    alpha: f64,
}

impl<const K: usize> Problem<'_, K> {
    /// Weighted cross-entropy plus the penalty; writes the gradient.
    fn loss_and_gradient(&self, theta: &[f64], gradient: &mut [f64]) -> f64 {
        let intercept_offset = self.columns * K;
        gradient.iter_mut().for_each(|value| *value = 0.0);
        let mut loss = 0.0;
        for ((row, target), weight) in self.rows.iter().zip(self.targets).zip(self.sample_weights) {
            let mut logits: [f64; K] = std::array::from_fn(|class| theta[intercept_offset + class]);
            for (column, value) in row {
                for (class, logit) in logits.iter_mut().enumerate() {
                    *logit += value * theta[column * K + class];
                }
            }
            let max = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let sum: f64 = logits.iter().map(|logit| (logit - max).exp()).sum();
            let log_sum = max + sum.ln();
            loss += weight * (log_sum - logits[*target]);
            let mut residual: [f64; K] =
                std::array::from_fn(|class| (logits[class] - log_sum).exp());
            residual[*target] -= 1.0;
            for class in 0..K {
                residual[class] *= weight;
                gradient[intercept_offset + class] += residual[class];
            }
            for (column, value) in row {
                for class in 0..K {
                    gradient[column * K + class] += value * residual[class];
                }
            }
        }
        for index in 0..intercept_offset {
            loss += 0.5 * self.alpha * theta[index] * theta[index];
            gradient[index] += self.alpha * theta[index];
        }
        loss
    }
}

/// Limited-memory BFGS with a backtracking (Armijo) line search.
fn minimize(
    mut objective: impl FnMut(&[f64], &mut [f64]) -> f64,
    size: usize,
    max_iterations: usize,
) -> Vec<f64> {
    const MEMORY: usize = 10;
    let mut theta = vec![0.0; size];
    let mut gradient = vec![0.0; size];
    let mut loss = objective(&theta, &mut gradient);
    let mut history: std::collections::VecDeque<(Vec<f64>, Vec<f64>, f64)> =
        std::collections::VecDeque::new();
    let mut candidate = vec![0.0; size];
    let mut candidate_gradient = vec![0.0; size];
    for iteration in 0..max_iterations {
        let gradient_norm = gradient.iter().map(|value| value.abs()).fold(0.0, f64::max);
        if gradient_norm < 1e-6 {
            break;
        }
        let direction = two_loop(&gradient, &history);
        let slope: f64 = direction.iter().zip(&gradient).map(|(d, g)| d * g).sum();
        let (direction, slope) = if slope < 0.0 {
            (direction, slope)
        } else {
            history.clear();
            let steepest: Vec<f64> = gradient.iter().map(|g| -g).collect();
            let slope = -gradient.iter().map(|g| g * g).sum::<f64>();
            (steepest, slope)
        };
        let mut step = if iteration == 0 && history.is_empty() {
            1.0 / gradient
                .iter()
                .map(|g| g * g)
                .sum::<f64>()
                .sqrt()
                .max(1e-12)
        } else {
            1.0
        };
        let mut accepted = false;
        let mut candidate_loss = loss;
        for _ in 0..40 {
            for index in 0..size {
                candidate[index] = theta[index] + step * direction[index];
            }
            candidate_loss = objective(&candidate, &mut candidate_gradient);
            if candidate_loss <= loss + 1e-4 * step * slope {
                accepted = true;
                break;
            }
            step *= 0.5;
        }
        if !accepted {
            break;
        }
        let s: Vec<f64> = candidate
            .iter()
            .zip(&theta)
            .map(|(new, old)| new - old)
            .collect();
        let y: Vec<f64> = candidate_gradient
            .iter()
            .zip(&gradient)
            .map(|(new, old)| new - old)
            .collect();
        let curvature: f64 = s.iter().zip(&y).map(|(a, b)| a * b).sum();
        if curvature > 1e-12 {
            if history.len() == MEMORY {
                history.pop_front();
            }
            history.push_back((s, y, 1.0 / curvature));
        }
        std::mem::swap(&mut theta, &mut candidate);
        std::mem::swap(&mut gradient, &mut candidate_gradient);
        let improvement = (loss - candidate_loss) / loss.abs().max(1.0);
        loss = candidate_loss;
        if improvement < 1e-10 {
            break;
        }
    }
    theta
}

/// The L-BFGS search direction −H·g from the stored curvature pairs.
fn two_loop(
    gradient: &[f64],
    history: &std::collections::VecDeque<(Vec<f64>, Vec<f64>, f64)>,
) -> Vec<f64> {
    let mut q = gradient.to_vec();
    let mut alphas = Vec::with_capacity(history.len());
    for (s, y, rho) in history.iter().rev() {
        let alpha = rho * s.iter().zip(&q).map(|(a, b)| a * b).sum::<f64>();
        for (value, y_value) in q.iter_mut().zip(y) {
            *value -= alpha * y_value;
        }
        alphas.push(alpha);
    }
    if let Some((s, y, _)) = history.back() {
        let scale = s.iter().zip(y).map(|(a, b)| a * b).sum::<f64>()
            / y.iter().map(|b| b * b).sum::<f64>().max(1e-12);
        q.iter_mut().for_each(|value| *value *= scale);
    }
    for ((s, y, rho), alpha) in history.iter().zip(alphas.iter().rev()) {
        let beta = rho * y.iter().zip(&q).map(|(a, b)| a * b).sum::<f64>();
        for (value, s_value) in q.iter_mut().zip(s) {
            *value += s_value * (alpha - beta);
        }
    }
    q.iter_mut().for_each(|value| *value = -*value);
    q
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separable_classes_are_learned_and_weights_shift_the_boundary() {
        let rows: Vec<Row> = vec![
            vec![(0, 1.0)],
            vec![(1, 1.0)],
            vec![(2, 1.0)],
            vec![(0, 1.0), (1, 1.0)],
        ];
        let targets = [0, 1, 2, 0];
        let fitted = fit::<3>(
            &rows,
            &targets,
            &[1.0; 4],
            3,
            Fit {
                alpha: 0.1,
                max_iterations: 200,
            },
        );
        for (row, target) in rows.iter().zip(targets) {
            let probabilities = fitted.probabilities(row);
            let best = (0..3)
                .max_by(|a, b| probabilities[*a].total_cmp(&probabilities[*b]))
                .unwrap();
            assert_eq!(best, target);
        }
        // Same features, conflicting labels: the heavier sample wins.
        let rows: Vec<Row> = vec![vec![(0, 1.0)], vec![(0, 1.0)]];
        let fitted = fit::<2>(
            &rows,
            &[0, 1],
            &[1.0, 5.0],
            1,
            Fit {
                alpha: 0.1,
                max_iterations: 100,
            },
        );
        let logit = |class: usize| fitted.intercept[class] + fitted.weights[0][class];
        assert!(logit(1) > logit(0));
    }

    /// `linfa-logistic` minimizes the same objective (the multinomial cross-entropy plus
    /// alpha/2 |W|², intercepts free) over dense arrays, without sample weights. On a small
    /// problem both reach the same probabilities, and a sample of weight 3 here is three copies
    /// of it there: this solver is linfa's model with the weights EMSCAD's protocol needs.
    #[test]
    fn the_fit_is_linfa_logistics_model_with_sample_weights() {
        use linfa::traits::Fit as _;
        use linfa_logistic::MultiLogisticRegression;
        const CLASSES: usize = 4;
        const COLUMNS: usize = 12;
        // A fixed, noisy problem: each row has three columns, its class leans on the first.
        let mut random =
            <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(0x2545_f491_4f6c_dd1d);
        let mut next = move |below: u64| rand::Rng::random_range(&mut random, 0..below);
        let mut rows: Vec<Row> = Vec::new();
        let mut targets = Vec::new();
        for _ in 0..80 {
            let mut row: Row = (0..3)
                .map(|_| (next(COLUMNS as u64) as usize, 0.2 + next(80) as f64 / 100.0))
                .collect();
            row.sort_by_key(|(column, _)| *column);
            row.dedup_by_key(|(column, _)| *column);
            let leaning = row[0].0 % CLASSES;
            targets.push(if next(4) == 0 {
                next(CLASSES as u64) as usize
            } else {
                leaning
            });
            rows.push(row);
        }
        let weights: Vec<f64> = (0..rows.len())
            .map(|index| if index % 5 == 0 { 3.0 } else { 1.0 })
            .collect();
        let alpha = 0.5;
        let ours = fit::<CLASSES>(
            &rows,
            &targets,
            &weights,
            COLUMNS,
            Fit {
                alpha,
                max_iterations: 1000,
            },
        );
        // linfa: dense rows, each as many times as its weight.
        let copies: Vec<usize> = (0..rows.len())
            .flat_map(|index| std::iter::repeat_n(index, weights[index] as usize))
            .collect();
        let mut records = ndarray::Array2::<f64>::zeros((copies.len(), COLUMNS));
        for (at, index) in copies.iter().enumerate() {
            for (column, value) in &rows[*index] {
                records[[at, *column]] = *value;
            }
        }
        let labels = ndarray::Array1::from_iter(copies.iter().map(|index| targets[*index]));
        let dataset = linfa::Dataset::new(records.clone(), labels);
        let theirs = MultiLogisticRegression::default()
            .alpha(alpha)
            .gradient_tolerance(1e-8)
            .max_iterations(1000)
            .fit(&dataset)
            .expect("linfa fits the problem");
        assert_eq!(theirs.classes(), &[0, 1, 2, 3]);
        let expected = theirs.predict_probabilities(&records);
        let mut largest_gap = 0.0f64;
        for (at, index) in copies.iter().enumerate() {
            for (class, probability) in ours.probabilities(&rows[*index]).iter().enumerate() {
                largest_gap = largest_gap.max((probability - expected[[at, class]]).abs());
            }
        }
        assert!(largest_gap < 1e-4, "probabilities differ by {largest_gap}");
    }
}
