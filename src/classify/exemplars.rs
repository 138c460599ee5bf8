//! Near copies: scam networks post the same ad again and again, with a new company name or
//! salary. A page that nearly repeats a known example leans toward that example's label, and
//! the verdict names the example it repeats.
//!
//! The model keeps every training page's n-gram vector (the unit-length TF-IDF vector that the
//! weights see), cut to its distinctive columns: n-grams found in at most a tenth of the
//! training pages. Common words cost most to compare and tell least. A page's similarity to an
//! example is the dot product of their vectors (a cosine over those columns). Comparing a page
//! with every example would cost more than the rest of classifying it, so an inverted index over
//! each example's 64 strongest n-grams, looked up with the page's 64 strongest, finds the few
//! likely nearest per label, and only those are compared in full.
//!
//! What the nearest example of each label adds to that label's logit (its similarity times a
//! weight chosen by cross-validation on TRAIN) is the only place where the model is not linear
//! in the page's n-grams: a linear model adds up the words of an ad, a near copy recognises the
//! ad. On the EMSCAD TRAIN folds, half the fraudulent postings have a fraudulent posting in
//! another fold with a cosine above 0.8, and no legitimate one does.

use super::Label;
use serde::{Deserialize, Serialize};

/// Columns seen in more than this share of the training pages are left out of the vectors
/// (on the TRAIN folds, 10 % kept the ranking of the whole vectors at a seventh of the work).
pub const MAX_DOCUMENT_SHARE: f64 = 0.1;

/// The similarity from which a verdict names the example a page repeats.
pub const NEAR_COPY: f64 = 0.5;

/// A page is compared on its strongest n-grams only: for a near copy they are the ones it
/// shares, and a long page costs no more than a short one.
const PAGE_COLUMNS: usize = 64;

/// The index holds each example's strongest n-grams only.
const EXAMPLE_COLUMNS: usize = 64;

/// The likely nearest examples per label compared in full.
const CANDIDATES: usize = 4;

/// Quantization of the stored values: a byte, 1/255 apart.
const LEVELS: f64 = 255.0;

/// The training pages as vectors, and how much their nearest one counts.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Exemplars {
    /// Where each example came from (`emscad:1234`, `recruitment_lure.jsonl:17`).
    pub ids: Vec<String>,
    /// Each example's label, as [`Label::index`].
    pub labels: Vec<u8>,
    /// What the similarity to the nearest example of a label adds to that label's logit
    /// (chosen by cross-validation on TRAIN; 0 turns near copies off).
    pub weight: f64,
    /// Each example's vector, columns ascending, as `(column - previous column) << 8 | value`
    /// with the value in 1/255ths.
    pub vectors: Vectors,
    /// The inverted index, built on load.
    #[serde(skip)]
    index: Index,
}

/// Column → `example << 8 | value`, all columns in one array (one cache miss per column, not
/// two): column `c`'s postings are `postings[offsets[c]..offsets[c + 1]]`.
#[derive(Debug, Clone, Default)]
struct Index {
    offsets: Vec<u32>,
    postings: Vec<u32>,
}

/// Per-thread work space, clean between pages.
#[derive(Default)]
struct Scratch {
    /// The page's rough similarity to every example.
    similarity: Vec<f32>,
    /// One bit per example whose rough similarity the page raised, so that only they are read
    /// back, in the examples' order (a scan of every example cost a tenth of classifying a page).
    touched: Vec<u64>,
    /// The page's n-gram columns and values.
    page: Vec<(usize, f64)>,
    /// The page's vector by column.
    dense: Vec<f32>,
}

/// The examples' vectors end to end in one array (a `Vec` each cost 5,000 allocations and the
/// slack of growing them while the file was read). Stored in the model file as a list of lists.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(from = "Vec<Vec<u32>>", into = "Vec<Vec<u32>>")]
pub struct Vectors {
    entries: Vec<u32>,
    ends: Vec<u32>,
}

impl Vectors {
    /// Appends a vector.
    fn push(&mut self, vector: impl Iterator<Item = u32>) {
        self.entries.extend(vector);
        self.ends.push(self.entries.len() as u32);
    }

    /// The vector of an example (empty past the end).
    pub fn get(&self, example: usize) -> &[u32] {
        self.entries
            .get(super::model::span(&self.ends, example))
            .unwrap_or_default()
    }

    /// How many vectors.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

impl From<Vec<Vec<u32>>> for Vectors {
    fn from(vectors: Vec<Vec<u32>>) -> Vectors {
        let mut flat = Vectors {
            entries: Vec::with_capacity(vectors.iter().map(Vec::len).sum()),
            ends: Vec::with_capacity(vectors.len()),
        };
        for vector in vectors {
            flat.push(vector.into_iter());
        }
        flat
    }
}

impl From<Vectors> for Vec<Vec<u32>> {
    fn from(vectors: Vectors) -> Vec<Vec<u32>> {
        (0..vectors.len())
            .map(|example| vectors.get(example).to_vec())
            .collect()
    }
}

/// The most similar example of one label.
#[derive(Debug, Clone, Copy)]
pub struct Nearest {
    /// Cosine similarity over the kept columns, 0 to 1.
    pub similarity: f64,
    /// The example's position in [`Exemplars::ids`].
    pub example: usize,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

impl Exemplars {
    /// Keeps the vectors of `examples` (id, label, sparse unit vector) on the columns `kept`.
    pub fn new<'a>(
        examples: impl Iterator<Item = (String, Label, &'a [(usize, f64)])>,
        kept: &[bool],
        weight: f64,
    ) -> Exemplars {
        let mut exemplars = Exemplars {
            weight,
            ..Exemplars::default()
        };
        for (id, label, values) in examples {
            let mut entries: Vec<(usize, u32)> = values
                .iter()
                .filter(|(column, _)| kept.get(*column).copied().unwrap_or(false))
                .map(|(column, value)| (*column, (value * LEVELS).round().min(LEVELS) as u32))
                .filter(|(_, level)| *level > 0)
                .collect();
            entries.sort_unstable();
            let mut previous = 0;
            exemplars
                .vectors
                .push(entries.into_iter().map(|(column, level)| {
                    let delta = (column - previous) as u32;
                    previous = column;
                    delta << 8 | level
                }));
            exemplars.ids.push(id);
            exemplars.labels.push(label.index() as u8);
        }
        exemplars
    }

    /// Builds the inverted index over `columns` n-gram columns; says what is wrong if the
    /// stored vectors do not fit.
    pub fn index(&mut self, columns: usize) -> Result<(), String> {
        if self.ids.len() != self.labels.len() || self.ids.len() != self.vectors.len() {
            return Err("examples, labels and vectors differ in number".to_owned());
        }
        if self.ids.len() >= 1 << 24 {
            return Err("more than 2^24 examples".to_owned());
        }
        if !(self.weight.is_finite() && self.weight >= 0.0) {
            return Err(format!("the weight of near copies is {}", self.weight));
        }
        if self
            .labels
            .iter()
            .any(|label| usize::from(*label) >= Label::ALL.len())
        {
            return Err("an example has no known label".to_owned());
        }
        let mut entries: Vec<(u32, u32)> = Vec::new();
        for example in 0..self.vectors.len() {
            let vector = self.vectors.get(example);
            let mut strongest: Vec<(usize, u32)> = Vec::with_capacity(vector.len());
            for (column, level) in decode(vector) {
                if column >= columns {
                    return Err(format!("example {example} has column {column}"));
                }
                strongest.push((column, level));
            }
            if strongest.len() > EXAMPLE_COLUMNS {
                strongest
                    .select_nth_unstable_by(EXAMPLE_COLUMNS, |left, right| right.1.cmp(&left.1));
                strongest.truncate(EXAMPLE_COLUMNS);
            }
            entries.extend(
                strongest
                    .into_iter()
                    .map(|(column, level)| (column as u32, (example as u32) << 8 | level)),
            );
        }
        entries.sort_unstable();
        let mut offsets = Vec::with_capacity(columns + 1);
        let mut next = 0;
        for column in 0..=columns as u32 {
            while next < entries.len() && entries[next].0 < column {
                next += 1;
            }
            offsets.push(next as u32);
        }
        self.index = Index {
            offsets,
            postings: entries.into_iter().map(|(_, posting)| posting).collect(),
        };
        Ok(())
    }

    /// The most similar example of each label, for a page's n-gram vector (columns past the
    /// n-grams, the indicators, are skipped). Two passes: the page's strongest n-grams against
    /// each example's strongest find the likely nearest few per label, whose whole vectors are
    /// then compared.
    pub fn nearest(&self, values: &[(usize, f64)]) -> [Option<Nearest>; 4] {
        let mut nearest: [Option<Nearest>; 4] = [None; 4];
        if self.ids.is_empty() {
            return nearest;
        }
        let Index { offsets, postings } = &self.index;
        SCRATCH.with_borrow_mut(
            |Scratch {
                 similarity,
                 touched,
                 page,
                 dense,
             }| {
                if similarity.len() < self.ids.len() {
                    similarity.resize(self.ids.len(), 0.0);
                    touched.resize(self.ids.len().div_ceil(64), 0);
                }
                page.clear();
                page.extend(
                    values
                        .iter()
                        .filter(|(column, _)| *column + 1 < offsets.len()),
                );
                let strongest = if page.len() > PAGE_COLUMNS {
                    page.select_nth_unstable_by(PAGE_COLUMNS, |left, right| {
                        right.1.total_cmp(&left.1)
                    });
                    &page[..PAGE_COLUMNS]
                } else {
                    &page[..]
                };
                for (column, value) in strongest {
                    let value = (*value / LEVELS) as f32;
                    let (start, end) = (offsets[*column] as usize, offsets[column + 1] as usize);
                    for posting in &postings[start..end] {
                        let example = (posting >> 8) as usize;
                        similarity[example] += value * (posting & 0xff) as f32;
                        touched[example / 64] |= 1 << (example % 64);
                    }
                }
                let mut candidates = [[(0.0f32, usize::MAX); CANDIDATES]; 4];
                for (word_index, word) in touched.iter_mut().enumerate() {
                    let mut bits = std::mem::take(word);
                    while bits != 0 {
                        let example = word_index * 64 + bits.trailing_zeros() as usize;
                        bits &= bits - 1;
                        let found = std::mem::take(&mut similarity[example]);
                        if found == 0.0 {
                            continue;
                        }
                        let best = &mut candidates[usize::from(self.labels[example])];
                        if found > best[CANDIDATES - 1].0 {
                            best[CANDIDATES - 1] = (found, example);
                            best.sort_unstable_by(|left, right| right.0.total_cmp(&left.0));
                        }
                    }
                }
                if dense.len() + 1 < offsets.len() {
                    dense.resize(offsets.len() - 1, 0.0);
                }
                for (column, value) in page.iter() {
                    dense[*column] = *value as f32;
                }
                for (label, best) in candidates.iter().enumerate() {
                    for (_, example) in best.iter().filter(|(_, example)| *example != usize::MAX) {
                        let found = dot(dense, self.vectors.get(*example));
                        if nearest[label].is_none_or(|near| found > near.similarity) {
                            nearest[label] = Some(Nearest {
                                similarity: found,
                                example: *example,
                            });
                        }
                    }
                }
                for (column, _) in page.iter() {
                    dense[*column] = 0.0;
                }
            },
        );
        nearest
    }

    /// What the nearest examples add to each label's logit.
    pub fn logits(&self, nearest: &[Option<Nearest>; 4]) -> [f64; 4] {
        nearest.map(|found| found.map_or(0.0, |found| self.weight * found.similarity))
    }
}

/// The (column, level) entries of a stored vector.
fn decode(vector: &[u32]) -> impl Iterator<Item = (usize, u32)> + '_ {
    let mut column = 0usize;
    vector.iter().map(move |entry| {
        column += (entry >> 8) as usize;
        (column, entry & 0xff)
    })
}

/// The dot product of a page's vector (by column) and a stored vector.
fn dot(page: &[f32], vector: &[u32]) -> f64 {
    let sum: f32 = decode(vector)
        .map(|(column, level)| page[column] * level as f32)
        .sum();
    f64::from(sum) / LEVELS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_example_of_each_label_is_found_with_its_similarity() {
        let lure = [(0, 0.6), (2, 0.8)];
        let benign = [(1, 1.0)];
        let mut exemplars = Exemplars::new(
            [
                ("a".to_owned(), Label::RecruitmentLure, &lure[..]),
                ("b".to_owned(), Label::Benign, &benign[..]),
            ]
            .into_iter(),
            &[true, true, true],
            10.0,
        );
        exemplars.index(3).unwrap();
        let nearest = exemplars.nearest(&[(0, 0.6), (2, 0.8), (5, 0.2)]);
        let lure_found = nearest[Label::RecruitmentLure.index()].unwrap();
        assert!((lure_found.similarity - 1.0).abs() < 0.01);
        assert_eq!(exemplars.ids[lure_found.example], "a");
        assert!(nearest[Label::Benign.index()].is_none());
        // The scratch space is clean for the next page.
        let again = exemplars.nearest(&[(1, 1.0)]);
        assert!(again[Label::RecruitmentLure.index()].is_none());
        assert!((again[Label::Benign.index()].unwrap().similarity - 1.0).abs() < 0.01);
        assert!((exemplars.logits(&again)[Label::Benign.index()] - 10.0).abs() < 0.1);
        // Written as lists and read back, the vectors are the same.
        let json = serde_json::to_string(&exemplars).unwrap();
        assert!(json.contains("\"vectors\":[["), "{json}");
        let mut read: Exemplars = serde_json::from_str(&json).unwrap();
        read.index(3).unwrap();
        assert_eq!(read.vectors.get(1), exemplars.vectors.get(1));
        assert!(
            (read.nearest(&[(1, 1.0)])[Label::Benign.index()]
                .unwrap()
                .similarity
                - 1.0)
                .abs()
                < 0.01
        );
    }

    /// The per-thread scratch space leaves nothing behind: pages give the same nearest examples
    /// on a fresh thread as after other pages of models of other sizes on the same thread.
    #[test]
    fn a_page_finds_the_same_examples_whatever_ran_before_it_on_the_thread() {
        const COLUMNS: usize = 40;
        let mut random =
            <rand::rngs::StdRng as rand::SeedableRng>::seed_from_u64(0x1234_5678_9abc_def1);
        let mut next = move |below: u64| rand::Rng::random_range(&mut random, 0..below);
        let mut vector = |length: u64| -> Vec<(usize, f64)> {
            let mut values: Vec<(usize, f64)> = (0..1 + next(length))
                .map(|_| (next(COLUMNS as u64) as usize, 0.1 + next(90) as f64 / 100.0))
                .collect();
            values.sort_by_key(|(column, _)| *column);
            values.dedup_by_key(|(column, _)| *column);
            values
        };
        let models: Vec<Exemplars> = [70usize, 1000, 3]
            .iter()
            .map(|size| {
                let vectors: Vec<Vec<(usize, f64)>> = (0..*size).map(|_| vector(8)).collect();
                let labels: Vec<Label> = (0..*size).map(|at| Label::ALL[at % 4]).collect();
                let mut exemplars = Exemplars::new(
                    vectors
                        .iter()
                        .zip(&labels)
                        .enumerate()
                        .map(|(at, (values, label))| (at.to_string(), *label, values.as_slice())),
                    &[true; COLUMNS],
                    1.0,
                );
                exemplars.index(COLUMNS).unwrap();
                exemplars
            })
            .collect();
        let pages: Vec<Vec<(usize, f64)>> = (0..60).map(|_| vector(20)).collect();
        let found = |model: &Exemplars, page: &[(usize, f64)]| {
            model
                .nearest(page)
                .map(|near| near.map(|near| (near.example, near.similarity.to_bits())))
        };
        for (at, page) in pages.iter().enumerate() {
            let model = &models[at % 3];
            let on_a_fresh_thread =
                std::thread::scope(|scope| scope.spawn(|| found(model, page)).join().unwrap());
            assert_eq!(found(model, page), on_a_fresh_thread, "page {at}");
        }
    }

    #[test]
    fn a_vector_pointing_past_the_columns_is_refused() {
        let values = [(7, 1.0)];
        let mut exemplars = Exemplars::new(
            [("a".to_owned(), Label::Benign, &values[..])].into_iter(),
            &[true; 8],
            1.0,
        );
        assert!(exemplars.index(4).is_err());
        assert!(exemplars.index(8).is_ok());
    }
}
