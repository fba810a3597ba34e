//! Learner answers for notebook 09 (digits: one-hot, accuracy, softmax error).

use backprop_lab::exercises::{check_accuracy, check_one_hot, check_output_error};
use backprop_lab::prelude::*;

use super::harness::{Entry, Expect};

// ---------------------------------------------------------------------------
// check_one_hot
// ---------------------------------------------------------------------------

/// Right: from_shape_fn with a comparison.
fn oh_ok_shape_fn(labels: &[usize], classes: usize) -> Array2<f64> {
    Array2::from_shape_fn((labels.len(), classes), |(i, j)| {
        if labels[i] == j {
            1.0
        } else {
            0.0
        }
    })
}

/// Right: zip the rows with the labels.
fn oh_ok_rows(labels: &[usize], classes: usize) -> Array2<f64> {
    let mut out = Array2::<f64>::zeros((labels.len(), classes));
    for (mut row, &l) in out.rows_mut().into_iter().zip(labels) {
        row[l] = 1.0;
    }
    out
}

/// Right: a flat Vec, then reshaped.
fn oh_ok_flat(labels: &[usize], classes: usize) -> Array2<f64> {
    let mut flat = vec![0.0; labels.len() * classes];
    for (i, &l) in labels.iter().enumerate() {
        flat[i * classes + l] = 1.0;
    }
    Array2::from_shape_vec((labels.len(), classes), flat).unwrap()
}

/// Right: pick rows of the identity matrix.
fn oh_ok_eye(labels: &[usize], classes: usize) -> Array2<f64> {
    Array2::<f64>::eye(classes).select(Axis(0), labels)
}

/// Wrong: one column per label, (classes, n).
fn oh_transposed(labels: &[usize], classes: usize) -> Array2<f64> {
    let mut out = Array2::zeros((classes, labels.len()));
    for (i, &l) in labels.iter().enumerate() {
        out[[l, i]] = 1.0;
    }
    out
}

/// Wrong: the 1 one column to the right.
fn oh_off_by_one(labels: &[usize], classes: usize) -> Array2<f64> {
    let mut out = Array2::zeros((labels.len(), classes));
    for (i, &l) in labels.iter().enumerate() {
        out[[i, l + 1]] = 1.0;
    }
    out
}

/// Wrong: ones everywhere and a 0 at the label.
fn oh_inverted(labels: &[usize], classes: usize) -> Array2<f64> {
    let mut out = Array2::ones((labels.len(), classes));
    for (i, &l) in labels.iter().enumerate() {
        out[[i, l]] = 0.0;
    }
    out
}

/// Wrong: indexes [label, row] in an (n, classes) matrix.
fn oh_index_swapped(labels: &[usize], classes: usize) -> Array2<f64> {
    let mut out = Array2::zeros((labels.len(), classes));
    for (i, &l) in labels.iter().enumerate() {
        out[[l, i]] = 1.0;
    }
    out
}

/// Wrong: writes the label's value instead of 1.
fn oh_label_value(labels: &[usize], classes: usize) -> Array2<f64> {
    let mut out = Array2::zeros((labels.len(), classes));
    for (i, &l) in labels.iter().enumerate() {
        out[[i, l]] = l as f64;
    }
    out
}

/// Wrong: a square n × n matrix, ignoring `classes`.
fn oh_square(labels: &[usize], _classes: usize) -> Array2<f64> {
    let n = labels.len();
    let mut out = Array2::zeros((n, n));
    for (i, &l) in labels.iter().enumerate() {
        if l < n {
            out[[i, l]] = 1.0;
        }
    }
    out
}

/// Wrong: ten columns hard-coded, the digits' class count.
fn oh_ten_columns(labels: &[usize], _classes: usize) -> Array2<f64> {
    let mut out = Array2::zeros((labels.len(), 10));
    for (i, &l) in labels.iter().enumerate() {
        out[[i, l]] = 1.0;
    }
    out
}

/// Wrong: a column of the labels themselves.
fn oh_label_column(labels: &[usize], _classes: usize) -> Array2<f64> {
    Array2::from_shape_fn((labels.len(), 1), |(i, _)| labels[i] as f64)
}

/// Wrong: the right values flattened into one row.
fn oh_flat_row(labels: &[usize], classes: usize) -> Array2<f64> {
    let mut flat = vec![0.0; labels.len() * classes];
    for (i, &l) in labels.iter().enumerate() {
        flat[i * classes + l] = 1.0;
    }
    Array2::from_shape_vec((1, labels.len() * classes), flat).unwrap()
}

/// Wrong: the diagonal, row index where the label belongs.
fn oh_diagonal(labels: &[usize], classes: usize) -> Array2<f64> {
    let mut out = Array2::zeros((labels.len(), classes));
    for (i, _l) in labels.iter().enumerate() {
        out[[i, i]] = 1.0;
    }
    out
}

/// Wrong twice: (classes, n) and 0/1 inverted.
fn oh_pair_transposed_inverted(labels: &[usize], classes: usize) -> Array2<f64> {
    let mut out = Array2::ones((classes, labels.len()));
    for (i, &l) in labels.iter().enumerate() {
        out[[l, i]] = 0.0;
    }
    out
}

// ---------------------------------------------------------------------------
// check_accuracy
// ---------------------------------------------------------------------------

/// The index of the first largest entry.
fn first_argmax(row: ArrayView1<f64>) -> usize {
    let mut best = 0;
    for j in 1..row.len() {
        if row[j] > row[best] {
            best = j;
        }
    }
    best
}

/// Right: iterator over rows, filter and count.
fn acc_ok_iter(outputs: &Array2<f64>, labels: &[usize]) -> f64 {
    let right = outputs
        .outer_iter()
        .zip(labels)
        .filter(|(row, l)| first_argmax(row.view()) == **l)
        .count();
    right as f64 / labels.len() as f64
}

/// Right: index loops, tracking the maximum by hand.
fn acc_ok_loops(outputs: &Array2<f64>, labels: &[usize]) -> f64 {
    let (rows, cols) = outputs.dim();
    let mut right = 0.0;
    for r in 0..rows {
        let mut best_col = 0;
        let mut best_val = f64::NEG_INFINITY;
        for c in 0..cols {
            if outputs[[r, c]] > best_val {
                best_val = outputs[[r, c]];
                best_col = c;
            }
        }
        if best_col == labels[r] {
            right += 1.0;
        }
    }
    right / rows as f64
}

/// Right: predictions first with a fold, then the mean of matches.
fn acc_ok_fold(outputs: &Array2<f64>, labels: &[usize]) -> f64 {
    let predicted: Vec<usize> = outputs
        .rows()
        .into_iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .fold((0, f64::NEG_INFINITY), |(bi, bv), (i, &v)| {
                    if v > bv {
                        (i, v)
                    } else {
                        (bi, bv)
                    }
                })
                .0
        })
        .collect();
    let hits: Vec<f64> = predicted
        .iter()
        .zip(labels)
        .map(|(p, l)| if p == l { 1.0 } else { 0.0 })
        .collect();
    hits.iter().sum::<f64>() / hits.len() as f64
}

/// Wrong: the count of right rows, never divided.
fn acc_count(outputs: &Array2<f64>, labels: &[usize]) -> f64 {
    let mut right = 0;
    for (r, row) in outputs.outer_iter().enumerate() {
        if first_argmax(row) == labels[r] {
            right += 1;
        }
    }
    right as f64
}

/// Wrong: a percentage.
fn acc_percent(outputs: &Array2<f64>, labels: &[usize]) -> f64 {
    let mut right = 0;
    for (r, row) in outputs.outer_iter().enumerate() {
        if first_argmax(row) == labels[r] {
            right += 1;
        }
    }
    100.0 * right as f64 / labels.len() as f64
}

/// Wrong: the smallest output taken as the answer.
fn acc_argmin(outputs: &Array2<f64>, labels: &[usize]) -> f64 {
    let mut right = 0;
    for (r, row) in outputs.outer_iter().enumerate() {
        let mut best = 0;
        for j in 1..row.len() {
            if row[j] < row[best] {
                best = j;
            }
        }
        if best == labels[r] {
            right += 1;
        }
    }
    right as f64 / labels.len() as f64
}

/// Wrong: argmax down each column (axis 0) instead of along each row.
fn acc_wrong_axis(outputs: &Array2<f64>, labels: &[usize]) -> f64 {
    let mut right = 0;
    for (c, col) in outputs.columns().into_iter().enumerate() {
        let best_row = first_argmax(col);
        if c < labels.len() && best_row == labels[c] {
            right += 1;
        }
    }
    right as f64 / labels.len() as f64
}

/// Wrong: the argmax loop starts at column 1 and never considers column 0.
fn acc_skips_column_zero(outputs: &Array2<f64>, labels: &[usize]) -> f64 {
    let mut right = 0;
    for (r, row) in outputs.outer_iter().enumerate() {
        let mut best = 1;
        for j in 1..row.len() {
            if row[j] > row[best] {
                best = j;
            }
        }
        if best == labels[r] {
            right += 1;
        }
    }
    right as f64 / labels.len() as f64
}

/// Wrong: compares the largest value itself with the label.
fn acc_value_not_index(outputs: &Array2<f64>, labels: &[usize]) -> f64 {
    let mut right = 0;
    for (r, row) in outputs.outer_iter().enumerate() {
        let max = row.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        if max == labels[r] as f64 {
            right += 1;
        }
    }
    right as f64 / labels.len() as f64
}

/// Wrong: divides by the number of classes.
fn acc_divide_by_classes(outputs: &Array2<f64>, labels: &[usize]) -> f64 {
    let mut right = 0;
    for (r, row) in outputs.outer_iter().enumerate() {
        if first_argmax(row) == labels[r] {
            right += 1;
        }
    }
    right as f64 / outputs.ncols() as f64
}

/// Wrong: integer division before the cast.
fn acc_integer_division(outputs: &Array2<f64>, labels: &[usize]) -> f64 {
    let mut right: usize = 0;
    for (r, row) in outputs.outer_iter().enumerate() {
        if first_argmax(row) == labels[r] {
            right += 1;
        }
    }
    (right / labels.len()) as f64
}

/// Wrong: the error rate.
fn acc_error_rate(outputs: &Array2<f64>, labels: &[usize]) -> f64 {
    let mut wrong = 0;
    for (r, row) in outputs.outer_iter().enumerate() {
        if first_argmax(row) != labels[r] {
            wrong += 1;
        }
    }
    wrong as f64 / labels.len() as f64
}

/// Wrong: indexes outputs[[label, row]].
fn acc_index_swapped(outputs: &Array2<f64>, labels: &[usize]) -> f64 {
    let mut right = 0;
    for r in 0..labels.len() {
        let mine = outputs[[labels[r], r]];
        if outputs.row(r).iter().all(|&v| v <= mine) {
            right += 1;
        }
    }
    right as f64 / labels.len() as f64
}

/// Wrong: the circles habit, right when the label's output passes 0.5.
fn acc_threshold(outputs: &Array2<f64>, labels: &[usize]) -> f64 {
    let mut right = 0;
    for (r, &l) in labels.iter().enumerate() {
        if outputs[[r, l]] > 0.5 {
            right += 1;
        }
    }
    right as f64 / labels.len() as f64
}

/// Wrong: the row loop stops one short.
fn acc_last_row_missed(outputs: &Array2<f64>, labels: &[usize]) -> f64 {
    let mut right = 0;
    for r in 0..labels.len() - 1 {
        if first_argmax(outputs.row(r)) == labels[r] {
            right += 1;
        }
    }
    right as f64 / labels.len() as f64
}

/// Wrong twice: argmin, and the count is not divided.
fn acc_pair_argmin_count(outputs: &Array2<f64>, labels: &[usize]) -> f64 {
    let mut right = 0.0;
    for (r, row) in outputs.outer_iter().enumerate() {
        let mut best = 0;
        for j in 1..row.len() {
            if row[j] < row[best] {
                best = j;
            }
        }
        if best == labels[r] {
            right += 1.0;
        }
    }
    right
}

// ---------------------------------------------------------------------------
// check_output_error
// ---------------------------------------------------------------------------

/// Right: iterators, max subtracted.
fn oe_ok_iter(z: &[f64], y: &[f64]) -> Vec<f64> {
    let m = z.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let e: Vec<f64> = z.iter().map(|v| (v - m).exp()).collect();
    let s: f64 = e.iter().sum();
    e.iter().zip(y).map(|(ei, yi)| ei / s - yi).collect()
}

/// Right: log-sum-exp with index loops.
fn oe_ok_logsumexp(z: &[f64], y: &[f64]) -> Vec<f64> {
    let mut m = z[0];
    for i in 1..z.len() {
        if z[i] > m {
            m = z[i];
        }
    }
    let mut s = 0.0;
    for i in 0..z.len() {
        s += (z[i] - m).exp();
    }
    let lse = m + s.ln();
    let mut out = vec![0.0; z.len()];
    for i in 0..z.len() {
        out[i] = (z[i] - lse).exp() - y[i];
    }
    out
}

/// Right: ndarray with mapv.
fn oe_ok_ndarray(z: &[f64], y: &[f64]) -> Vec<f64> {
    let z = Array1::from(z.to_vec());
    let m = z.fold(f64::NEG_INFINITY, |acc, &v| acc.max(v));
    let e = z.mapv(|v| (v - m).exp());
    let a = &e / e.sum();
    (a - &Array1::from(y.to_vec())).to_vec()
}

/// Right: the crate's softmax.
fn oe_ok_crate(z: &[f64], y: &[f64]) -> Vec<f64> {
    let a = Activation::Softmax.apply(&Array1::from(z.to_vec()));
    a.iter().zip(y.iter()).map(|(a, y)| a - y).collect()
}

/// Wrong: exponentiates z directly.
fn oe_no_max(z: &[f64], y: &[f64]) -> Vec<f64> {
    let e: Vec<f64> = z.iter().map(|v| v.exp()).collect();
    let s: f64 = e.iter().sum();
    e.iter().zip(y).map(|(ei, yi)| ei / s - yi).collect()
}

/// Wrong: z − y, no softmax.
fn oe_no_softmax(z: &[f64], y: &[f64]) -> Vec<f64> {
    z.iter().zip(y).map(|(zi, yi)| zi - yi).collect()
}

/// Wrong: σ(z) − y, the earlier labs' sigmoid output.
fn oe_sigmoid(z: &[f64], y: &[f64]) -> Vec<f64> {
    z.iter().zip(y).map(|(&zi, yi)| sigmoid(zi) - yi).collect()
}

/// Wrong: y − softmax(z).
fn oe_sign_flipped(z: &[f64], y: &[f64]) -> Vec<f64> {
    let m = z.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let e: Vec<f64> = z.iter().map(|v| (v - m).exp()).collect();
    let s: f64 = e.iter().sum();
    e.iter().zip(y).map(|(ei, yi)| yi - ei / s).collect()
}

/// Wrong: never divides by the sum.
fn oe_not_normalised(z: &[f64], y: &[f64]) -> Vec<f64> {
    let m = z.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    z.iter()
        .zip(y)
        .map(|(zi, yi)| (zi - m).exp() - yi)
        .collect()
}

/// Wrong: multiplies by a(1 − a) as BP1 does with the quadratic cost.
fn oe_times_prime(z: &[f64], y: &[f64]) -> Vec<f64> {
    let m = z.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let e: Vec<f64> = z.iter().map(|v| (v - m).exp()).collect();
    let s: f64 = e.iter().sum();
    e.iter()
        .zip(y)
        .map(|(ei, yi)| {
            let a = ei / s;
            (a - yi) * a * (1.0 - a)
        })
        .collect()
}

/// Wrong: 2(a − y).
fn oe_factor_two(z: &[f64], y: &[f64]) -> Vec<f64> {
    let m = z.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let e: Vec<f64> = z.iter().map(|v| (v - m).exp()).collect();
    let s: f64 = e.iter().sum();
    e.iter()
        .zip(y)
        .map(|(ei, yi)| 2.0 * (ei / s - yi))
        .collect()
}

/// Wrong: max subtracted in the numerator only.
fn oe_max_numerator_only(z: &[f64], y: &[f64]) -> Vec<f64> {
    let m = z.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let s: f64 = z.iter().map(|v| v.exp()).sum();
    z.iter()
        .zip(y)
        .map(|(zi, yi)| (zi - m).exp() / s - yi)
        .collect()
}

/// Wrong: divides by the sum of z instead of the sum of exponentials.
fn oe_sum_of_z(z: &[f64], y: &[f64]) -> Vec<f64> {
    let m = z.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let s: f64 = z.iter().sum();
    z.iter()
        .zip(y)
        .map(|(zi, yi)| (zi - m).exp() / s - yi)
        .collect()
}

/// Wrong: returns softmax(z), forgetting − y.
fn oe_forgot_y(z: &[f64], _y: &[f64]) -> Vec<f64> {
    let m = z.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let e: Vec<f64> = z.iter().map(|v| (v - m).exp()).collect();
    let s: f64 = e.iter().sum();
    e.iter().map(|ei| ei / s).collect()
}

/// Wrong: log-softmax minus y.
fn oe_log_softmax(z: &[f64], y: &[f64]) -> Vec<f64> {
    let m = z.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let lse = m + z.iter().map(|v| (v - m).exp()).sum::<f64>().ln();
    z.iter().zip(y).map(|(zi, yi)| (zi - lse) - yi).collect()
}

/// Wrong: the loop stops one short, one value missing.
fn oe_one_short(z: &[f64], y: &[f64]) -> Vec<f64> {
    let m = z.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let s: f64 = z.iter().map(|v| (v - m).exp()).sum();
    let mut out = Vec::new();
    for i in 0..z.len() - 1 {
        out.push((z[i] - m).exp() / s - y[i]);
    }
    out
}

/// Wrong: writes into a Vec that only has capacity, not length.
fn oe_capacity_panic(z: &[f64], y: &[f64]) -> Vec<f64> {
    let m = z.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
    let s: f64 = z.iter().map(|v| (v - m).exp()).sum();
    let mut out = Vec::with_capacity(z.len());
    for i in 0..z.len() {
        out[i] = (z[i] - m).exp() / s - y[i];
    }
    out
}

/// Wrong: subtracts the minimum, which does not stop the overflow.
fn oe_min_subtracted(z: &[f64], y: &[f64]) -> Vec<f64> {
    let m = z.iter().cloned().fold(f64::INFINITY, f64::min);
    let e: Vec<f64> = z.iter().map(|v| (v - m).exp()).collect();
    let s: f64 = e.iter().sum();
    e.iter().zip(y).map(|(ei, yi)| ei / s - yi).collect()
}

/// Wrong twice: no max subtraction, and y − a.
fn oe_pair_no_max_sign(z: &[f64], y: &[f64]) -> Vec<f64> {
    let e: Vec<f64> = z.iter().map(|v| v.exp()).collect();
    let s: f64 = e.iter().sum();
    e.iter().zip(y).map(|(ei, yi)| yi - ei / s).collect()
}

/// Wrong twice: no softmax and a factor 2, 2(z − y).
fn oe_pair_no_softmax_factor_two(z: &[f64], y: &[f64]) -> Vec<f64> {
    z.iter().zip(y).map(|(zi, yi)| 2.0 * (zi - yi)).collect()
}

pub fn corpus() -> Vec<Entry> {
    vec![
        // ---------------- check_one_hot ----------------
        Entry {
            exercise: "check_one_hot",
            id: "right-shape-fn",
            tutor: "right: from_shape_fn comparing the column with the label",
            expect: Expect::Right,
            run: || check_one_hot(oh_ok_shape_fn),
        },
        Entry {
            exercise: "check_one_hot",
            id: "right-rows-zip",
            tutor: "right: rows zipped with the labels",
            expect: Expect::Right,
            run: || check_one_hot(oh_ok_rows),
        },
        Entry {
            exercise: "check_one_hot",
            id: "right-flat-vec",
            tutor: "right: a flat Vec reshaped to (n, classes)",
            expect: Expect::Right,
            run: || check_one_hot(oh_ok_flat),
        },
        Entry {
            exercise: "check_one_hot",
            id: "right-eye-select",
            tutor: "right: rows of the identity picked by the labels",
            expect: Expect::Right,
            run: || check_one_hot(oh_ok_eye),
        },
        Entry {
            exercise: "check_one_hot",
            id: "transposed",
            tutor: "returns (classes, n), one column per label instead of one row",
            expect: Expect::Wrong(&["transposed|shape"]),
            run: || check_one_hot(oh_transposed),
        },
        Entry {
            exercise: "check_one_hot",
            id: "column-off-by-one",
            tutor: "puts the 1 in column label + 1, which is wrong everywhere and out of bounds for the last class",
            expect: Expect::Wrong(&["off-by-one|panic"]),
            run: || check_one_hot(oh_off_by_one),
        },
        Entry {
            exercise: "check_one_hot",
            id: "inverted",
            tutor: "0 and 1 swapped: ones everywhere and a 0 at the label",
            expect: Expect::Wrong(&["swapped|inverted|0 at the label, 1 elsewhere"]),
            run: || check_one_hot(oh_inverted),
        },
        Entry {
            exercise: "check_one_hot",
            id: "index-swapped",
            tutor: "writes out[[label, row]] into an (n, classes) matrix, so the indices are swapped",
            expect: Expect::Wrong(&["panic|transposed|swapped"]),
            run: || check_one_hot(oh_index_swapped),
        },
        Entry {
            exercise: "check_one_hot",
            id: "label-value",
            tutor: "writes the label's value instead of 1, so digit 0's row is all zeros",
            expect: Expect::Wrong(&["label"]),
            run: || check_one_hot(oh_label_value),
        },
        Entry {
            exercise: "check_one_hot",
            id: "square",
            tutor: "builds an n × n matrix, using the number of labels where the number of classes belongs",
            expect: Expect::Wrong(&["shape"]),
            run: || check_one_hot(oh_square),
        },
        Entry {
            exercise: "check_one_hot",
            id: "ten-columns",
            tutor: "hard-codes 10 columns for the digits and ignores `classes`",
            expect: Expect::Wrong(&["shape|panic"]),
            run: || check_one_hot(oh_ten_columns),
        },
        Entry {
            exercise: "check_one_hot",
            id: "label-column",
            tutor: "returns the labels as a column instead of encoding them",
            expect: Expect::Wrong(&["shape"]),
            run: || check_one_hot(oh_label_column),
        },
        Entry {
            exercise: "check_one_hot",
            id: "flat-row",
            tutor: "the right values flattened into a single row",
            expect: Expect::Wrong(&["shape"]),
            run: || check_one_hot(oh_flat_row),
        },
        Entry {
            exercise: "check_one_hot",
            id: "diagonal",
            tutor: "uses the row index where the label belongs, filling the diagonal",
            expect: Expect::Wrong(&["panic|diagonal|label"]),
            run: || check_one_hot(oh_diagonal),
        },
        Entry {
            exercise: "check_one_hot",
            id: "nan",
            tutor: "returns NaN for every entry",
            expect: Expect::Wrong(&["not a number"]),
            run: || check_one_hot(|labels, classes| Array2::from_elem((labels.len(), classes), f64::NAN)),
        },
        Entry {
            exercise: "check_one_hot",
            id: "empty",
            tutor: "returns an empty matrix with no rows",
            expect: Expect::Wrong(&["shape|empty"]),
            run: || check_one_hot(|_labels, classes| Array2::zeros((0, classes))),
        },
        Entry {
            exercise: "check_one_hot",
            id: "pair-transposed-inverted",
            tutor: "two slips: (classes, n) instead of (n, classes), and 0 at the label with 1 elsewhere",
            expect: Expect::Wrong(&["transposed|shape", "swapped|inverted"]),
            run: || check_one_hot(oh_pair_transposed_inverted),
        },
        // ---------------- check_accuracy ----------------
        Entry {
            exercise: "check_accuracy",
            id: "right-iter-filter",
            tutor: "right: rows zipped with labels, filtered and counted",
            expect: Expect::Right,
            run: || check_accuracy(acc_ok_iter),
        },
        Entry {
            exercise: "check_accuracy",
            id: "right-index-loops",
            tutor: "right: index loops tracking the maximum by hand",
            expect: Expect::Right,
            run: || check_accuracy(acc_ok_loops),
        },
        Entry {
            exercise: "check_accuracy",
            id: "right-fold",
            tutor: "right: predicted classes by a fold, then the mean of the matches",
            expect: Expect::Right,
            run: || check_accuracy(acc_ok_fold),
        },
        Entry {
            exercise: "check_accuracy",
            id: "count-not-share",
            tutor: "returns the number of right rows, never divided by the number of rows",
            expect: Expect::Wrong(&["sum instead of mean|a count, not a fraction"]),
            run: || check_accuracy(acc_count),
        },
        Entry {
            exercise: "check_accuracy",
            id: "percent",
            tutor: "returns a percentage, 100 times the share",
            expect: Expect::Wrong(&["100|percent"]),
            run: || check_accuracy(acc_percent),
        },
        Entry {
            exercise: "check_accuracy",
            id: "argmin",
            tutor: "takes the smallest output as the network's answer instead of the largest",
            expect: Expect::Wrong(&["argmin|smallest"]),
            run: || check_accuracy(acc_argmin),
        },
        Entry {
            exercise: "check_accuracy",
            id: "argmax-down-columns",
            tutor: "takes the argmax down each column instead of along each row",
            expect: Expect::Wrong(&["wrong axis"]),
            run: || check_accuracy(acc_wrong_axis),
        },
        Entry {
            exercise: "check_accuracy",
            id: "skips-column-zero",
            tutor: "the argmax starts at column 1, so digit 0 is never predicted",
            expect: Expect::Wrong(&["off-by-one|column 0"]),
            run: || check_accuracy(acc_skips_column_zero),
        },
        Entry {
            exercise: "check_accuracy",
            id: "value-not-index",
            tutor: "compares the largest output's value with the label instead of its column",
            expect: Expect::Wrong(&["value"]),
            run: || check_accuracy(acc_value_not_index),
        },
        Entry {
            exercise: "check_accuracy",
            id: "divide-by-classes",
            tutor: "divides the count by the number of classes instead of the number of rows",
            expect: Expect::Wrong(&["class|column"]),
            run: || check_accuracy(acc_divide_by_classes),
        },
        Entry {
            exercise: "check_accuracy",
            id: "integer-division",
            tutor: "divides two usizes before casting, so the result is 0 unless every row is right",
            expect: Expect::Wrong(&["integer division|0"]),
            run: || check_accuracy(acc_integer_division),
        },
        Entry {
            exercise: "check_accuracy",
            id: "error-rate",
            tutor: "returns the share of wrong rows, 1 − accuracy",
            expect: Expect::Wrong(&["error rate|1 −|wrong"]),
            run: || check_accuracy(acc_error_rate),
        },
        Entry {
            exercise: "check_accuracy",
            id: "index-swapped",
            tutor: "reads outputs[[label, row]] with the indices swapped",
            expect: Expect::Wrong(&["panic|transposed|swapped"]),
            run: || check_accuracy(acc_index_swapped),
        },
        Entry {
            exercise: "check_accuracy",
            id: "threshold-half",
            tutor: "counts a row right when the label's output passes 0.5, the circles habit, instead of taking the argmax",
            expect: Expect::Wrong(&["0.5|threshold"]),
            run: || check_accuracy(acc_threshold),
        },
        Entry {
            exercise: "check_accuracy",
            id: "last-row-missed",
            tutor: "the row loop stops one short, so the last image is never counted",
            expect: Expect::Wrong(&["off-by-one|last"]),
            run: || check_accuracy(acc_last_row_missed),
        },
        Entry {
            exercise: "check_accuracy",
            id: "nan",
            tutor: "returns NaN",
            expect: Expect::Wrong(&["not a number"]),
            run: || check_accuracy(|_outputs, _labels| f64::NAN),
        },
        Entry {
            exercise: "check_accuracy",
            id: "infinity",
            tutor: "returns infinity",
            expect: Expect::Wrong(&["not a number"]),
            run: || check_accuracy(|_outputs, _labels| f64::INFINITY),
        },
        Entry {
            exercise: "check_accuracy",
            id: "pair-argmin-count",
            tutor: "two slips: argmin instead of argmax, and the count is never divided by the number of rows",
            expect: Expect::Wrong(&["argmin|smallest", "sum instead of mean|a count, not a fraction"]),
            run: || check_accuracy(acc_pair_argmin_count),
        },
        // ---------------- check_output_error ----------------
        Entry {
            exercise: "check_output_error",
            id: "right-iterators",
            tutor: "right: max subtracted, exponentials normalised, y subtracted, with iterators",
            expect: Expect::Right,
            run: || check_output_error(oe_ok_iter),
        },
        Entry {
            exercise: "check_output_error",
            id: "right-logsumexp",
            tutor: "right: log-sum-exp with index loops",
            expect: Expect::Right,
            run: || check_output_error(oe_ok_logsumexp),
        },
        Entry {
            exercise: "check_output_error",
            id: "right-ndarray",
            tutor: "right: ndarray mapv and broadcasting",
            expect: Expect::Right,
            run: || check_output_error(oe_ok_ndarray),
        },
        Entry {
            exercise: "check_output_error",
            id: "right-crate-softmax",
            tutor: "right: the crate's softmax, then minus y",
            expect: Expect::Right,
            run: || check_output_error(oe_ok_crate),
        },
        Entry {
            exercise: "check_output_error",
            id: "max-not-subtracted",
            tutor: "exponentiates z directly, which overflows to inf and NaN for large activities",
            expect: Expect::Wrong(&["max not subtracted"]),
            run: || check_output_error(oe_no_max),
        },
        Entry {
            exercise: "check_output_error",
            id: "no-softmax",
            tutor: "returns z − y, the softmax is missing",
            expect: Expect::Wrong(&["forgot the softmax"]),
            run: || check_output_error(oe_no_softmax),
        },
        Entry {
            exercise: "check_output_error",
            id: "sigmoid",
            tutor: "uses σ(z) − y, the earlier labs' sigmoid output, instead of softmax",
            expect: Expect::Wrong(&["sigmoid|forgot the softmax"]),
            run: || check_output_error(oe_sigmoid),
        },
        Entry {
            exercise: "check_output_error",
            id: "sign-flipped",
            tutor: "returns y − softmax(z)",
            expect: Expect::Wrong(&["sign flipped"]),
            run: || check_output_error(oe_sign_flipped),
        },
        Entry {
            exercise: "check_output_error",
            id: "not-normalised",
            tutor: "never divides the exponentials by their sum",
            expect: Expect::Wrong(&["normali|denominator|sum"]),
            run: || check_output_error(oe_not_normalised),
        },
        Entry {
            exercise: "check_output_error",
            id: "times-prime",
            tutor: "multiplies by a(1 − a) as BP1 does with the quadratic cost, but softmax with cross-entropy cancels it",
            expect: Expect::Wrong(&["σ′|a(1 − a)|quadratic"]),
            run: || check_output_error(oe_times_prime),
        },
        Entry {
            exercise: "check_output_error",
            id: "factor-two",
            tutor: "returns 2(a − y), notebook 05's factor 2",
            expect: Expect::Wrong(&["factor 2"]),
            run: || check_output_error(oe_factor_two),
        },
        Entry {
            exercise: "check_output_error",
            id: "max-numerator-only",
            tutor: "subtracts the max in the numerator but not in the denominator, so the probabilities are scaled by e^−max",
            expect: Expect::Wrong(&["max|denominator"]),
            run: || check_output_error(oe_max_numerator_only),
        },
        Entry {
            exercise: "check_output_error",
            id: "sum-of-z",
            tutor: "divides by the sum of z instead of the sum of the exponentials",
            expect: Expect::Wrong(&["denominator|sum"]),
            run: || check_output_error(oe_sum_of_z),
        },
        Entry {
            exercise: "check_output_error",
            id: "forgot-y",
            tutor: "returns softmax(z) and forgets to subtract y",
            expect: Expect::Wrong(&["target|− y|forgot y|forgot to subtract y"]),
            run: || check_output_error(oe_forgot_y),
        },
        Entry {
            exercise: "check_output_error",
            id: "log-softmax",
            tutor: "subtracts y from log-softmax instead of softmax",
            expect: Expect::Wrong(&["log"]),
            run: || check_output_error(oe_log_softmax),
        },
        Entry {
            exercise: "check_output_error",
            id: "one-short",
            tutor: "the loop stops one short, so the last class's error is missing",
            expect: Expect::Wrong(&["shape|length|number"]),
            run: || check_output_error(oe_one_short),
        },
        Entry {
            exercise: "check_output_error",
            id: "capacity-panic",
            tutor: "indexes into Vec::with_capacity, which has length 0, so it panics",
            expect: Expect::Wrong(&["panic"]),
            run: || check_output_error(oe_capacity_panic),
        },
        Entry {
            exercise: "check_output_error",
            id: "min-subtracted",
            tutor: "subtracts the minimum instead of the maximum, which leaves e^z free to overflow",
            expect: Expect::Wrong(&["max not subtracted|overflow|min"]),
            run: || check_output_error(oe_min_subtracted),
        },
        Entry {
            exercise: "check_output_error",
            id: "nan",
            tutor: "returns NaN for every class",
            expect: Expect::Wrong(&["not a number"]),
            run: || check_output_error(|z, _y| vec![f64::NAN; z.len()]),
        },
        Entry {
            exercise: "check_output_error",
            id: "empty",
            tutor: "returns an empty Vec",
            expect: Expect::Wrong(&["shape|empty|length"]),
            run: || check_output_error(|_z, _y| Vec::new()),
        },
        Entry {
            exercise: "check_output_error",
            id: "pair-no-max-sign",
            tutor: "two slips: the max is not subtracted and the sign is flipped (y − a)",
            expect: Expect::Wrong(&["max not subtracted", "sign flipped"]),
            run: || check_output_error(oe_pair_no_max_sign),
        },
        Entry {
            exercise: "check_output_error",
            id: "pair-no-softmax-factor-two",
            tutor: "two slips: no softmax, and notebook 05's factor 2, giving 2(z − y)",
            expect: Expect::Wrong(&["forgot the softmax", "factor 2"]),
            run: || check_output_error(oe_pair_no_softmax_factor_two),
        },
    ]
}
