//! Real data after the labs: the UCI 8×8 handwritten digits, and the
//! classification helpers that go with them (one-hot targets, a stratified
//! split, predictions, accuracy, a confusion matrix).
//!
//! The data: 1797 images of 8×8 pixel counts (0–16) with their digit, from
//! the copy scikit-learn bundles (`notebooks/data/digits.csv`, made by
//! `scripts/make_digits_csv.py`; CC BY 4.0, see `notebooks/data/DIGITS.md`).

use std::path::Path;

use ndarray::{Array2, ArrayRef2, ArrayView2};

use crate::error::{check_finite, shape_err, shape_str, Error, Result};
use crate::io::csv::read_csv_columns;
use crate::io::random::{permutation_unchecked, seeded_rng};

/// The number of pixels of one image (8 × 8) and of classes (digits 0–9).
pub const DIGIT_PIXELS: usize = 64;
/// The number of classes: the digits 0 to 9.
pub const DIGIT_CLASSES: usize = 10;

/// Labelled images: `x` is `(N, 64)`, one image per row, pixels row by row and
/// scaled from 0–16 to [0, 1]; `labels[i]` is the digit of row `i`.
#[derive(Debug, Clone, PartialEq)]
pub struct Digits {
    /// The images, `(N, 64)`, each pixel in [0, 1].
    pub x: Array2<f64>,
    /// The digit (0–9) of each row of `x`.
    pub labels: Vec<usize>,
}

/// Reads the digits CSV (`p0,…,p63,label`, see `scripts/make_digits_csv.py`).
///
/// # Errors
/// The errors of [`read_csv_columns`](crate::io::read_csv_columns) (a missing
/// file or column, a cell that is not a number); [`Error::Domain`] naming the
/// row for a pixel that is not a whole number from 0 to 16 or a label that is
/// not a digit 0–9.
///
/// ```
/// let d = backprop_lab::dense::read_digits("notebooks/data/digits.csv")?;
/// assert_eq!(d.x.dim(), (1797, 64));
/// assert_eq!(d.labels[..3], [0, 1, 2]);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn read_digits(path: impl AsRef<Path>) -> Result<Digits> {
    const OP: &str = "read_digits";
    let names: Vec<String> = (0..DIGIT_PIXELS)
        .map(|i| format!("p{i}"))
        .chain(["label".to_string()])
        .collect();
    let columns: Vec<&str> = names.iter().map(String::as_str).collect();
    let table = read_csv_columns(path.as_ref(), &columns).map_err(|e| e.within(OP))?;
    let whole = |v: f64, hi: f64| v.fract() == 0.0 && (0.0..=hi).contains(&v);
    for (r, row) in table.rows().into_iter().enumerate() {
        if let Some(k) = (0..DIGIT_PIXELS).find(|&k| !whole(row[k], 16.0)) {
            return Err(Error::Domain {
                op: OP,
                detail: format!(
                    "data row {}: pixel p{k} = {} is not a whole number from 0 to 16",
                    r + 1,
                    row[k]
                ),
            });
        }
        if !whole(row[DIGIT_PIXELS], 9.0) {
            return Err(Error::Domain {
                op: OP,
                detail: format!(
                    "data row {}: label {} is not a digit 0-9",
                    r + 1,
                    row[DIGIT_PIXELS]
                ),
            });
        }
    }
    let x = table
        .slice(ndarray::s![.., ..DIGIT_PIXELS])
        .mapv(|v| v / 16.0);
    let labels = table
        .column(DIGIT_PIXELS)
        .iter()
        .map(|&v| v as usize)
        .collect();
    Ok(Digits { x, labels })
}

impl Digits {
    /// The rows `rows` of the data set, in that order (e.g. one side of
    /// [`stratified_split`]).
    ///
    /// # Errors
    /// [`Error::Shape`] if a row index is past the last image, or if `x` and
    /// `labels` (public fields) were edited to different lengths;
    /// [`Error::InvalidParameter`] if the selection would hold more than
    /// [`MAX_ELEMENTS`](crate::MAX_ELEMENTS) numbers.
    pub fn select(&self, rows: &[usize]) -> Result<Digits> {
        const OP: &str = "Digits::select";
        if self.x.nrows() != self.labels.len() {
            return Err(shape_err(
                OP,
                format!(
                    "x has {} rows but labels has {} entries; they must match",
                    self.x.nrows(),
                    self.labels.len()
                ),
            ));
        }
        crate::error::check_size(OP, "the selected images", &[rows.len(), self.x.ncols()])?;
        if let Some(&bad) = rows.iter().find(|&&r| r >= self.labels.len()) {
            return Err(shape_err(
                OP,
                format!(
                    "row {bad} asked for, but the data set has {} images",
                    self.labels.len()
                ),
            ));
        }
        Ok(Digits {
            x: self.x.select(ndarray::Axis(0), rows),
            labels: rows.iter().map(|&r| self.labels[r]).collect(),
        })
    }
}

/// Every entry of `labels` below `classes`; `what` names an entry in the
/// error ("label", "prediction").
fn check_labels(op: &'static str, what: &str, labels: &[usize], classes: usize) -> Result<()> {
    if classes == 0 {
        return Err(Error::InvalidParameter {
            op,
            name: "classes",
            value: "0".into(),
            reason: "there must be at least one class".into(),
        });
    }
    if let Some((i, &l)) = labels.iter().enumerate().find(|(_, &l)| l >= classes) {
        return Err(Error::Domain {
            op,
            detail: format!(
                "{what} {i} is {l}, but there are {classes} classes (0 to {})",
                classes - 1
            ),
        });
    }
    Ok(())
}

/// The class of each one-hot row of `y` `(N, classes)`: the column of its 1.
/// The inverse of [`one_hot`].
///
/// # Errors
/// [`Error::Empty`] for a `y` without columns; [`Error::Domain`] naming the
/// first row that is not one-hot (exactly one 1, the rest 0) and its values.
///
/// ```
/// use backprop_lab::{dense::from_one_hot, ndarray::array};
/// assert_eq!(from_one_hot(&array![[0.0, 1.0], [1.0, 0.0]])?, vec![1, 0]);
/// let e = from_one_hot(&array![[0.0, 1.0], [1.0, 1.0]]).unwrap_err();
/// assert!(e.to_string().contains("row 1 of Y is [1, 1]"));
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn from_one_hot(y: &ArrayRef2<f64>) -> Result<Vec<usize>> {
    from_one_hot_named("from_one_hot", "Y", y)
}

/// [`from_one_hot`] for `op`, calling the matrix `name` in its messages.
pub(crate) fn from_one_hot_named(
    op: &'static str,
    name: &str,
    y: &ArrayRef2<f64>,
) -> Result<Vec<usize>> {
    if y.ncols() == 0 {
        return Err(Error::Empty {
            op,
            what: format!("{name}'s rows (shape {})", shape_str(y.shape())),
        });
    }
    y.rows()
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let ones = row.iter().filter(|&&v| v == 1.0).count();
            let zeros = row.iter().filter(|&&v| v == 0.0).count();
            if ones == 1 && zeros + 1 == row.len() {
                Ok(row.iter().position(|&v| v == 1.0).expect("one 1"))
            } else {
                let shown: Vec<String> = row.iter().take(12).map(|v| format!("{v}")).collect();
                let more = if row.len() > 12 { ", …" } else { "" };
                Err(Error::Domain {
                    op,
                    detail: format!(
                        "row {i} of {name} is [{}{more}], which is not one-hot (one 1, the rest 0)",
                        shown.join(", ")
                    ),
                })
            }
        })
        .collect()
}

/// One-hot targets: row `i` is all 0 except a 1 in column `labels[i]`, shape
/// `(labels.len(), classes)` — the `y` a network with `classes` outputs trains on.
///
/// # Errors
/// [`Error::InvalidParameter`] for 0 classes; [`Error::Domain`] naming the
/// first label that is not below `classes`; [`Error::InvalidParameter`] if the
/// matrix would be too large to hold.
///
/// ```
/// use backprop_lab::dense::one_hot;
/// let y = one_hot(&[2, 0], 3)?;
/// assert_eq!(y, backprop_lab::ndarray::array![[0.0, 0.0, 1.0], [1.0, 0.0, 0.0]]);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn one_hot(labels: &[usize], classes: usize) -> Result<Array2<f64>> {
    const OP: &str = "one_hot";
    check_labels(OP, "label", labels, classes)?;
    crate::error::check_size(OP, "the one-hot matrix", &[labels.len(), classes])?;
    let mut y = Array2::zeros((labels.len(), classes));
    for (i, &l) in labels.iter().enumerate() {
        y[[i, l]] = 1.0;
    }
    Ok(y)
}

/// Splits row indices into a training and a test part with every class in
/// the same proportion: each class's rows are shuffled by a generator seeded
/// with `seed`, and the first `round(test_fraction · count)` of them go to the
/// test part. Both parts come back sorted.
///
/// # Errors
/// [`Error::InvalidParameter`] unless `0 < test_fraction < 1`; [`Error::Empty`]
/// for no labels.
///
/// ```
/// use backprop_lab::dense::stratified_split;
/// let labels = [0, 0, 0, 0, 1, 1, 1, 1];
/// let (train, test) = stratified_split(&labels, 0.25, 7)?;
/// assert_eq!((train.len(), test.len()), (6, 2));
/// assert_eq!(test.iter().filter(|&&i| labels[i] == 1).count(), 1);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn stratified_split(
    labels: &[usize],
    test_fraction: f64,
    seed: u64,
) -> Result<(Vec<usize>, Vec<usize>)> {
    const OP: &str = "stratified_split";
    if labels.is_empty() {
        return Err(Error::Empty {
            op: OP,
            what: "the list of labels".into(),
        });
    }
    if !(test_fraction > 0.0 && test_fraction < 1.0) {
        return Err(Error::InvalidParameter {
            op: OP,
            name: "test_fraction",
            value: test_fraction.to_string(),
            reason: "the test part must be a fraction strictly between 0 and 1".into(),
        });
    }
    // Grouped by label value (in increasing order), whatever the labels are.
    let mut by_class: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for (i, &l) in labels.iter().enumerate() {
        by_class.entry(l).or_default().push(i);
    }
    let mut rng = seeded_rng(seed);
    let (mut train, mut test) = (Vec::new(), Vec::new());
    for rows in by_class.values() {
        let order = permutation_unchecked(rows.len(), &mut rng);
        let n_test = (test_fraction * rows.len() as f64).round() as usize;
        for (k, &p) in order.iter().enumerate() {
            if k < n_test {
                test.push(rows[p]);
            } else {
                train.push(rows[p]);
            }
        }
    }
    train.sort_unstable();
    test.sort_unstable();
    Ok((train, test))
}

/// The predicted class of each row of a network's outputs `(N, classes)`: the
/// column of the largest output (the first one on a tie).
///
/// # Errors
/// [`Error::Empty`] for outputs with no columns; [`Error::NonFinite`] for NaN
/// or infinite outputs.
///
/// ```
/// use backprop_lab::dense::predict_classes;
/// let out = backprop_lab::ndarray::array![[0.1, 0.7, 0.2], [0.9, 0.05, 0.05]];
/// assert_eq!(predict_classes(&out)?, vec![1, 0]);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn predict_classes(outputs: &ArrayRef2<f64>) -> Result<Vec<usize>> {
    const OP: &str = "predict_classes";
    if outputs.ncols() == 0 {
        return Err(Error::Empty {
            op: OP,
            what: format!("the outputs' row (shape {})", shape_str(outputs.shape())),
        });
    }
    check_finite(OP, "outputs", outputs.view().into_dyn())?;
    Ok(argmax_rows(outputs.view()))
}

/// The column of each row's largest entry (the first, on a tie); no checks.
pub(crate) fn argmax_rows(outputs: ArrayView2<'_, f64>) -> Vec<usize> {
    outputs
        .rows()
        .into_iter()
        .map(|row| {
            let mut best = 0;
            for (j, &v) in row.iter().enumerate() {
                if v > row[best] {
                    best = j;
                }
            }
            best
        })
        .collect()
}

fn check_pair(op: &'static str, predicted: &[usize], labels: &[usize]) -> Result<()> {
    if predicted.len() != labels.len() {
        return Err(shape_err(
            op,
            format!(
                "{} predictions but {} labels",
                predicted.len(),
                labels.len()
            ),
        ));
    }
    if labels.is_empty() {
        return Err(Error::Empty {
            op,
            what: "the list of labels".into(),
        });
    }
    Ok(())
}

/// The fraction of predictions equal to their label.
///
/// # Errors
/// [`Error::Shape`] if the two lists differ in length; [`Error::Empty`] for no
/// labels.
///
/// ```
/// use backprop_lab::dense::accuracy;
/// assert_eq!(accuracy(&[1, 2, 3, 4], &[1, 2, 0, 4])?, 0.75);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn accuracy(predicted: &[usize], labels: &[usize]) -> Result<f64> {
    check_pair("accuracy", predicted, labels)?;
    let right = predicted.iter().zip(labels).filter(|(p, l)| p == l).count();
    Ok(right as f64 / labels.len() as f64)
}

/// The confusion matrix: entry `[true, predicted]` counts the examples of
/// class `true` predicted as `predicted`, so the diagonal holds the right ones.
///
/// # Errors
/// As [`accuracy`], and [`Error::Domain`] naming the first label or prediction
/// not below `classes`.
///
/// ```
/// use backprop_lab::dense::confusion_matrix;
/// let m = confusion_matrix(&[0, 1, 1], &[0, 1, 0], 2)?;
/// assert_eq!(m, backprop_lab::ndarray::array![[1, 1], [0, 1]]);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn confusion_matrix(
    predicted: &[usize],
    labels: &[usize],
    classes: usize,
) -> Result<Array2<usize>> {
    const OP: &str = "confusion_matrix";
    check_pair(OP, predicted, labels)?;
    check_labels(OP, "label", labels, classes)?;
    check_labels(OP, "prediction", predicted, classes)?;
    crate::error::check_size(OP, "the confusion matrix", &[classes, classes])?;
    let mut m = Array2::zeros((classes, classes));
    for (&p, &l) in predicted.iter().zip(labels) {
        m[[l, p]] += 1;
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_is_stratified_seeded_and_a_partition() {
        let labels: Vec<usize> = (0..100).map(|i| i % 4).collect();
        let (train, test) = stratified_split(&labels, 0.2, 3).unwrap();
        assert_eq!((train.len(), test.len()), (80, 20));
        for c in 0..4 {
            assert_eq!(test.iter().filter(|&&i| labels[i] == c).count(), 5);
        }
        let mut all: Vec<usize> = train.iter().chain(&test).copied().collect();
        all.sort_unstable();
        assert_eq!(all, (0..100).collect::<Vec<_>>());
        assert_eq!(stratified_split(&labels, 0.2, 3).unwrap().1, test);
        assert_ne!(stratified_split(&labels, 0.2, 4).unwrap().1, test);
    }

    #[test]
    fn bad_labels_are_named() {
        let e = one_hot(&[0, 3, 1], 3).unwrap_err().to_string();
        assert_eq!(e, "one_hot: label 1 is 3, but there are 3 classes (0 to 2)");
        let e = confusion_matrix(&[0, 5], &[0, 1], 3)
            .unwrap_err()
            .to_string();
        assert!(e.contains("prediction 1 is 5"), "{e}");
        let e = accuracy(&[0, 1], &[0]).unwrap_err().to_string();
        assert_eq!(e, "accuracy: 2 predictions but 1 labels");
        assert!(stratified_split(&[0, 1], 1.0, 0).is_err());
        assert!(stratified_split(&[0, 1], f64::NAN, 0).is_err());
        assert!(one_hot(&[0], 0).is_err());
        assert!(one_hot(&[0], usize::MAX).is_err());
    }
}
