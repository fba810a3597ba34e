//! Learner answers for notebook 04: the forward pass for one example
//! (`check_forward`) and for a batch (`check_feedforward_batch`).

use super::harness::{Entry, Expect};
use backprop_lab::dense::{sigmoid, sigmoid_prime, Activation};
use backprop_lab::exercises::{check_feedforward_batch, check_forward};
use backprop_lab::ndarray::{Array2, Axis, ShapeBuilder};

// ---------------------------------------------------------------------------
// check_forward: one example, x is a (d, 1) column, returns a^L as (outputs, 1)
// ---------------------------------------------------------------------------

/// Right: a fold over the layers.
fn fwd_fold(weights: &[Array2<f64>], biases: &[Array2<f64>], x: &Array2<f64>) -> Array2<f64> {
    weights
        .iter()
        .zip(biases)
        .fold(x.clone(), |a, (w, b)| (w.dot(&a) + b).mapv(sigmoid))
}

/// Right: every sum written out with indices, sigmoid by hand.
fn fwd_index_loops(
    weights: &[Array2<f64>],
    biases: &[Array2<f64>],
    x: &Array2<f64>,
) -> Array2<f64> {
    let mut a: Vec<f64> = x.column(0).to_vec();
    for l in 0..weights.len() {
        let w = &weights[l];
        let b = &biases[l];
        let mut next = vec![0.0; w.nrows()];
        for j in 0..w.nrows() {
            let mut z = b[[j, 0]];
            for k in 0..w.ncols() {
                z += w[[j, k]] * a[k];
            }
            next[j] = 1.0 / (1.0 + (-z).exp());
        }
        a = next;
    }
    let n = a.len();
    Array2::from_shape_vec((n, 1), a).unwrap()
}

/// Right: indexed loop, the activation through `Activation::apply`.
fn fwd_activation_apply(
    weights: &[Array2<f64>],
    biases: &[Array2<f64>],
    x: &Array2<f64>,
) -> Array2<f64> {
    let mut a = x.to_owned();
    for l in 0..weights.len() {
        let z = weights[l].dot(&a) + &biases[l];
        a = Activation::Sigmoid.apply(&z);
    }
    a
}

/// Right: rows-as-examples inside (F = XW + b style), turned back into a column at the end.
fn fwd_row_then_column(
    weights: &[Array2<f64>],
    biases: &[Array2<f64>],
    x: &Array2<f64>,
) -> Array2<f64> {
    let mut a = x.t().to_owned(); // (1, d)
    for (w, b) in weights.iter().zip(biases.iter()) {
        a = (a.dot(&w.t()) + &b.t()).mapv(sigmoid);
    }
    a.reversed_axes()
}

/// Wrong: the output layer is left linear (returns z^L).
fn fwd_no_sigmoid_last(
    weights: &[Array2<f64>],
    biases: &[Array2<f64>],
    x: &Array2<f64>,
) -> Array2<f64> {
    let n = weights.len();
    let mut a = x.clone();
    for l in 0..n - 1 {
        a = (weights[l].dot(&a) + &biases[l]).mapv(sigmoid);
    }
    weights[n - 1].dot(&a) + &biases[n - 1]
}

/// Wrong: no sigmoid anywhere.
fn fwd_no_sigmoid(weights: &[Array2<f64>], biases: &[Array2<f64>], x: &Array2<f64>) -> Array2<f64> {
    let mut a = x.clone();
    for (w, b) in weights.iter().zip(biases) {
        a = w.dot(&a) + b;
    }
    a
}

/// Wrong: forgot the bias of the first layer only.
fn fwd_no_bias_layer1(
    weights: &[Array2<f64>],
    biases: &[Array2<f64>],
    x: &Array2<f64>,
) -> Array2<f64> {
    let mut a = weights[0].dot(x).mapv(sigmoid);
    for l in 1..weights.len() {
        a = (weights[l].dot(&a) + &biases[l]).mapv(sigmoid);
    }
    a
}

/// Wrong: forgot the biases everywhere.
fn fwd_no_bias(weights: &[Array2<f64>], _biases: &[Array2<f64>], x: &Array2<f64>) -> Array2<f64> {
    let mut a = x.clone();
    for w in weights {
        a = w.dot(&a).mapv(sigmoid);
    }
    a
}

/// Wrong: MiniFlow's rows-as-examples convention kept to the end: a (1, outputs) row.
fn fwd_row_output(weights: &[Array2<f64>], biases: &[Array2<f64>], x: &Array2<f64>) -> Array2<f64> {
    let mut a = x.t().to_owned();
    for (w, b) in weights.iter().zip(biases) {
        a = (a.dot(&w.t()) + &b.t()).mapv(sigmoid);
    }
    a
}

/// Wrong: x · W as in MiniFlow, on a column: the product does not line up and panics.
fn fwd_x_dot_w(weights: &[Array2<f64>], biases: &[Array2<f64>], x: &Array2<f64>) -> Array2<f64> {
    let mut a = x.clone();
    for (w, b) in weights.iter().zip(biases) {
        a = (a.dot(w) + b).mapv(sigmoid);
    }
    a
}

/// Wrong: stops one layer early and returns a^{L-1}.
fn fwd_stops_early(
    weights: &[Array2<f64>],
    biases: &[Array2<f64>],
    x: &Array2<f64>,
) -> Array2<f64> {
    let mut a = x.clone();
    for l in 0..weights.len() - 1 {
        a = (weights[l].dot(&a) + &biases[l]).mapv(sigmoid);
    }
    a
}

/// Wrong: subtracts the bias.
fn fwd_minus_bias(weights: &[Array2<f64>], biases: &[Array2<f64>], x: &Array2<f64>) -> Array2<f64> {
    let mut a = x.clone();
    for (w, b) in weights.iter().zip(biases) {
        a = (w.dot(&a) - b).mapv(sigmoid);
    }
    a
}

/// Wrong: sigmoid_prime picked from the prelude instead of sigmoid.
fn fwd_sigmoid_prime(
    weights: &[Array2<f64>],
    biases: &[Array2<f64>],
    x: &Array2<f64>,
) -> Array2<f64> {
    let mut a = x.clone();
    for (w, b) in weights.iter().zip(biases) {
        a = (w.dot(&a) + b).mapv(sigmoid_prime);
    }
    a
}

/// Wrong: squashes before the affine map: a = W σ(a) + b, so the input gets a sigmoid and the output none.
fn fwd_sigmoid_first(
    weights: &[Array2<f64>],
    biases: &[Array2<f64>],
    x: &Array2<f64>,
) -> Array2<f64> {
    let mut a = x.clone();
    for (w, b) in weights.iter().zip(biases) {
        a = w.dot(&a.mapv(sigmoid)) + b;
    }
    a
}

/// Wrong: an extra sigmoid on the output after the loop.
fn fwd_double_sigmoid_output(
    weights: &[Array2<f64>],
    biases: &[Array2<f64>],
    x: &Array2<f64>,
) -> Array2<f64> {
    let mut a = x.clone();
    for (w, b) in weights.iter().zip(biases) {
        a = (w.dot(&a) + b).mapv(sigmoid);
    }
    a.mapv(sigmoid)
}

/// Wrong (pair): no bias and no sigmoid on the output layer.
fn fwd_no_bias_linear_last(
    weights: &[Array2<f64>],
    _biases: &[Array2<f64>],
    x: &Array2<f64>,
) -> Array2<f64> {
    let n = weights.len();
    let mut a = x.clone();
    for (l, w) in weights.iter().enumerate() {
        let z = w.dot(&a);
        a = if l + 1 == n { z } else { z.mapv(sigmoid) };
    }
    a
}

/// Wrong: applies the layers last to first.
fn fwd_reversed_layers(
    weights: &[Array2<f64>],
    biases: &[Array2<f64>],
    x: &Array2<f64>,
) -> Array2<f64> {
    let mut a = x.clone();
    for (w, b) in weights.iter().zip(biases).rev() {
        a = (w.dot(&a) + b).mapv(sigmoid);
    }
    a
}

/// Wrong: NaN of the right shape.
fn fwd_nan(weights: &[Array2<f64>], _biases: &[Array2<f64>], _x: &Array2<f64>) -> Array2<f64> {
    let out = weights.last().unwrap().nrows();
    Array2::from_elem((out, 1), f64::NAN)
}

/// Wrong: an empty array.
fn fwd_empty(_weights: &[Array2<f64>], _biases: &[Array2<f64>], _x: &Array2<f64>) -> Array2<f64> {
    Array2::zeros((0, 0))
}

/// Wrong: the sigmoid typed with the wrong sign in the exponent, σ(−z).
fn fwd_sigmoid_sign(
    weights: &[Array2<f64>],
    biases: &[Array2<f64>],
    x: &Array2<f64>,
) -> Array2<f64> {
    let mut a = x.clone();
    for (w, b) in weights.iter().zip(biases) {
        a = (w.dot(&a) + b).mapv(|z| 1.0 / (1.0 + z.exp()));
    }
    a
}

// ---------------------------------------------------------------------------
// check_feedforward_batch: X is (N, d), returns A^L as (outputs, N)
// ---------------------------------------------------------------------------

/// Right: a fold starting from X^T.
fn ffb_fold(weights: &[Array2<f64>], biases: &[Array2<f64>], x: &Array2<f64>) -> Array2<f64> {
    weights
        .iter()
        .zip(biases)
        .fold(x.t().to_owned(), |a, (w, b)| (w.dot(&a) + b).mapv(sigmoid))
}

/// Right: one example at a time, each result written into its column.
fn ffb_per_column(weights: &[Array2<f64>], biases: &[Array2<f64>], x: &Array2<f64>) -> Array2<f64> {
    let n = x.nrows();
    let outputs = weights[weights.len() - 1].nrows();
    let mut out = Array2::zeros((outputs, n));
    for (i, row) in x.rows().into_iter().enumerate() {
        let mut a = row.to_owned().insert_axis(Axis(1));
        for (w, b) in weights.iter().zip(biases) {
            a = (w.dot(&a) + b).mapv(sigmoid);
        }
        out.column_mut(i).assign(&a.column(0));
    }
    out
}

/// Right: rows-as-examples all the way (X W^T + b^T), transposed at the end.
fn ffb_rows_then_transpose(
    weights: &[Array2<f64>],
    biases: &[Array2<f64>],
    x: &Array2<f64>,
) -> Array2<f64> {
    let mut a = x.clone();
    for (w, b) in weights.iter().zip(biases) {
        a = (a.dot(&w.t()) + &b.t()).mapv(sigmoid);
    }
    a.t().to_owned()
}

/// Right: explicit triple loops.
fn ffb_triple_loops(
    weights: &[Array2<f64>],
    biases: &[Array2<f64>],
    x: &Array2<f64>,
) -> Array2<f64> {
    let n = x.nrows();
    let mut a = x.t().to_owned();
    for l in 0..weights.len() {
        let (w, b) = (&weights[l], &biases[l]);
        let mut next = Array2::<f64>::zeros((w.nrows(), n));
        for e in 0..n {
            for j in 0..w.nrows() {
                let mut z = b[[j, 0]];
                for k in 0..w.ncols() {
                    z += w[[j, k]] * a[[k, e]];
                }
                next[[j, e]] = sigmoid(z);
            }
        }
        a = next;
    }
    a
}

/// Wrong: rows-as-examples, forgot to transpose back: (N, outputs).
fn ffb_rows_no_transpose(
    weights: &[Array2<f64>],
    biases: &[Array2<f64>],
    x: &Array2<f64>,
) -> Array2<f64> {
    let mut a = x.clone();
    for (w, b) in weights.iter().zip(biases) {
        a = (a.dot(&w.t()) + &b.t()).mapv(sigmoid);
    }
    a
}

/// Wrong: forgot X^T in the first layer: W (k, d) · X (N, d) panics.
fn ffb_no_transpose_input(
    weights: &[Array2<f64>],
    biases: &[Array2<f64>],
    x: &Array2<f64>,
) -> Array2<f64> {
    let mut a = x.clone();
    for (w, b) in weights.iter().zip(biases) {
        a = (w.dot(&a) + b).mapv(sigmoid);
    }
    a
}

/// Wrong: bias of layer 1 left out.
fn ffb_no_bias_layer1(
    weights: &[Array2<f64>],
    biases: &[Array2<f64>],
    x: &Array2<f64>,
) -> Array2<f64> {
    let mut a = weights[0].dot(&x.t()).mapv(sigmoid);
    for (w, b) in weights.iter().zip(biases).skip(1) {
        a = (w.dot(&a) + b).mapv(sigmoid);
    }
    a
}

/// Wrong: no bias in any layer.
fn ffb_no_bias(weights: &[Array2<f64>], _biases: &[Array2<f64>], x: &Array2<f64>) -> Array2<f64> {
    let mut a = x.t().to_owned();
    for w in weights {
        a = w.dot(&a).mapv(sigmoid);
    }
    a
}

/// Wrong: the last layer is left linear.
fn ffb_no_sigmoid_last(
    weights: &[Array2<f64>],
    biases: &[Array2<f64>],
    x: &Array2<f64>,
) -> Array2<f64> {
    let last = weights.len() - 1;
    let mut a = x.t().to_owned();
    for l in 0..weights.len() {
        let z = weights[l].dot(&a) + &biases[l];
        a = if l == last { z } else { z.mapv(sigmoid) };
    }
    a
}

/// Wrong: the bias added as a row, (k, N) + (1, k): broadcasting fails.
fn ffb_bias_row(weights: &[Array2<f64>], biases: &[Array2<f64>], x: &Array2<f64>) -> Array2<f64> {
    let mut a = x.t().to_owned();
    for (w, b) in weights.iter().zip(biases) {
        a = (w.dot(&a) + &b.t()).mapv(sigmoid);
    }
    a
}

/// Wrong: averages the outputs over the examples (notebook 03's mean), one column.
fn ffb_mean_over_examples(
    weights: &[Array2<f64>],
    biases: &[Array2<f64>],
    x: &Array2<f64>,
) -> Array2<f64> {
    let mut a = x.t().to_owned();
    for (w, b) in weights.iter().zip(biases) {
        a = (w.dot(&a) + b).mapv(sigmoid);
    }
    a.mean_axis(Axis(1)).unwrap().insert_axis(Axis(1))
}

/// Wrong: only the first example is run.
fn ffb_first_example_only(
    weights: &[Array2<f64>],
    biases: &[Array2<f64>],
    x: &Array2<f64>,
) -> Array2<f64> {
    let mut a = x.row(0).to_owned().insert_axis(Axis(1));
    for (w, b) in weights.iter().zip(biases) {
        a = (w.dot(&a) + b).mapv(sigmoid);
    }
    a
}

/// Wrong: infinity everywhere, right shape.
fn ffb_infinity(weights: &[Array2<f64>], _biases: &[Array2<f64>], x: &Array2<f64>) -> Array2<f64> {
    Array2::from_elem(
        (weights[weights.len() - 1].nrows(), x.nrows()),
        f64::INFINITY,
    )
}

/// Wrong (pair): no bias and no sigmoid anywhere.
fn ffb_linear_no_bias(
    weights: &[Array2<f64>],
    _biases: &[Array2<f64>],
    x: &Array2<f64>,
) -> Array2<f64> {
    let mut a = x.t().to_owned();
    for w in weights {
        a = w.dot(&a);
    }
    a
}

/// Wrong: sigmoid written as 1/(1 + e^z) everywhere.
fn ffb_sigmoid_sign(
    weights: &[Array2<f64>],
    biases: &[Array2<f64>],
    x: &Array2<f64>,
) -> Array2<f64> {
    let mut a = x.t().to_owned();
    for (w, b) in weights.iter().zip(biases) {
        a = (w.dot(&a) + b).mapv(|z| 1.0 / (1.0 + z.exp()));
    }
    a
}

/// Wrong: σ′ instead of σ.
fn ffb_sigmoid_prime(
    weights: &[Array2<f64>],
    biases: &[Array2<f64>],
    x: &Array2<f64>,
) -> Array2<f64> {
    let mut a = x.t().to_owned();
    for (w, b) in weights.iter().zip(biases) {
        a = (w.dot(&a) + b).mapv(sigmoid_prime);
    }
    a
}

/// Wrong: rows-as-examples result reshaped instead of transposed: values in
/// row-major order match a (N, outputs) matrix, shape is (outputs, N).
fn ffb_reshape_not_transpose(
    weights: &[Array2<f64>],
    biases: &[Array2<f64>],
    x: &Array2<f64>,
) -> Array2<f64> {
    let mut a = x.clone();
    for (w, b) in weights.iter().zip(biases) {
        a = (a.dot(&w.t()) + &b.t()).mapv(sigmoid);
    }
    let (n, out) = a.dim();
    a.into_shape_with_order((out, n)).unwrap()
}

/// Wrong: the result built column-major from a row-major buffer.
fn ffb_fortran_buffer(
    weights: &[Array2<f64>],
    biases: &[Array2<f64>],
    x: &Array2<f64>,
) -> Array2<f64> {
    let mut a = x.t().to_owned();
    for (w, b) in weights.iter().zip(biases) {
        a = (w.dot(&a) + b).mapv(sigmoid);
    }
    let (out, n) = a.dim();
    let buf: Vec<f64> = a.iter().copied().collect();
    Array2::from_shape_vec((out, n).f(), buf).unwrap()
}

/// Wrong: a layer index off by one: W^{l} paired with b^{l+1}, the last bias never used.
fn ffb_bias_off_by_one(
    weights: &[Array2<f64>],
    biases: &[Array2<f64>],
    x: &Array2<f64>,
) -> Array2<f64> {
    let mut a = x.t().to_owned();
    for l in 0..weights.len() {
        let b = if l + 1 < biases.len() {
            &biases[l + 1]
        } else {
            &biases[l]
        };
        a = (weights[l].dot(&a) + b).mapv(sigmoid);
    }
    a
}

pub fn corpus() -> Vec<Entry> {
    vec![
        // ---------------- check_forward ----------------
        Entry {
            exercise: "check_forward",
            id: "right-fold",
            tutor: "correct: a fold over (W, b) pairs carrying the activation column",
            expect: Expect::Right,
            run: || check_forward(fwd_fold),
        },
        Entry {
            exercise: "check_forward",
            id: "right-index-loops",
            tutor: "correct: every weighted sum written out with indices and the sigmoid typed by hand",
            expect: Expect::Right,
            run: || check_forward(fwd_index_loops),
        },
        Entry {
            exercise: "check_forward",
            id: "right-activation-apply",
            tutor: "correct: an index loop over layers using Activation::Sigmoid.apply",
            expect: Expect::Right,
            run: || check_forward(fwd_activation_apply),
        },
        Entry {
            exercise: "check_forward",
            id: "right-row-then-column",
            tutor: "correct: works with a row a·Wᵀ + bᵀ internally and turns it back into a column at the end",
            expect: Expect::Right,
            run: || check_forward(fwd_row_then_column),
        },
        Entry {
            exercise: "check_forward",
            id: "no-sigmoid-last-layer",
            tutor: "the output layer has no sigmoid, so it returns z^L instead of a^L",
            expect: Expect::Wrong(&["forgot the activation|forgot the sigmoid|forgot σ|no sigmoid|z instead of a|z where a belongs|forgot the activation", "last layer|output|layer L|layer 3"]),
            run: || check_forward(fwd_no_sigmoid_last),
        },
        Entry {
            exercise: "check_forward",
            id: "no-sigmoid-anywhere",
            tutor: "no sigmoid in any layer: this is a purely linear network",
            expect: Expect::Wrong(&["forgot the sigmoid|forgot σ|no sigmoid|linear|forgot the activation"]),
            run: || check_forward(fwd_no_sigmoid),
        },
        Entry {
            exercise: "check_forward",
            id: "no-bias-layer-1",
            tutor: "forgot to add b^1 in the first layer; the other layers add their bias",
            expect: Expect::Wrong(&["forgot the bias", "layer 1"]),
            run: || check_forward(fwd_no_bias_layer1),
        },
        Entry {
            exercise: "check_forward",
            id: "no-bias-anywhere",
            tutor: "never adds a bias: every layer computes σ(W a)",
            expect: Expect::Wrong(&["forgot the bias"]),
            run: || check_forward(fwd_no_bias),
        },
        Entry {
            exercise: "check_forward",
            id: "row-output",
            tutor: "kept MiniFlow's rows-as-examples convention (a·Wᵀ + bᵀ) and returned a row instead of a column",
            expect: Expect::Wrong(&["transposed|shape|row"]),
            run: || check_forward(fwd_row_output),
        },
        Entry {
            exercise: "check_forward",
            id: "x-dot-w-panics",
            tutor: "wrote a·W as in MiniFlow on a column vector, so the shapes don't line up and .dot panics",
            expect: Expect::Wrong(&["panic"]),
            run: || check_forward(fwd_x_dot_w),
        },
        Entry {
            exercise: "check_forward",
            id: "stops-one-layer-early",
            tutor: "the loop runs to len − 1 and returns the last hidden activation a^{L−1}, not a^L",
            expect: Expect::Wrong(&["off-by-one layer|shape|one layer"]),
            run: || check_forward(fwd_stops_early),
        },
        Entry {
            exercise: "check_forward",
            id: "minus-bias",
            tutor: "subtracts the bias instead of adding it: W a − b",
            expect: Expect::Wrong(&["sign flipped", "bias"]),
            run: || check_forward(fwd_minus_bias),
        },
        Entry {
            exercise: "check_forward",
            id: "sigmoid-prime-as-activation",
            tutor: "applied sigmoid_prime instead of sigmoid as the activation",
            expect: Expect::Wrong(&["σ′ instead of σ|sigmoid_prime|derivative"]),
            run: || check_forward(fwd_sigmoid_prime),
        },
        Entry {
            exercise: "check_forward",
            id: "sigmoid-before-affine",
            tutor: "computes W σ(a) + b: the sigmoid is applied to each layer's input instead of its output, so x gets squashed and the output doesn't",
            expect: Expect::Wrong(&["sigmoid|σ", "order|input|before"]),
            run: || check_forward(fwd_sigmoid_first),
        },
        Entry {
            exercise: "check_forward",
            id: "double-sigmoid-output",
            tutor: "applies the sigmoid a second time to the output after the loop",
            expect: Expect::Wrong(&["twice|extra sigmoid|extra σ|double"]),
            run: || check_forward(fwd_double_sigmoid_output),
        },
        Entry {
            exercise: "check_forward",
            id: "pair-no-bias-linear-output",
            tutor: "two slips: never adds a bias, and leaves the output layer without its sigmoid",
            expect: Expect::Wrong(&["forgot the bias", "forgot the sigmoid|forgot σ|no sigmoid|z where a belongs|linear|forgot the activation"]),
            run: || check_forward(fwd_no_bias_linear_last),
        },
        Entry {
            exercise: "check_forward",
            id: "layers-reversed",
            tutor: "runs the layers from last to first, so W^L meets x and the product panics on a shape mismatch",
            expect: Expect::Wrong(&["panic"]),
            run: || check_forward(fwd_reversed_layers),
        },
        Entry {
            exercise: "check_forward",
            id: "nan",
            tutor: "returns NaN for every output",
            expect: Expect::Wrong(&["not a number"]),
            run: || check_forward(fwd_nan),
        },
        Entry {
            exercise: "check_forward",
            id: "empty",
            tutor: "returns an empty 0×0 array",
            expect: Expect::Wrong(&["shape|empty"]),
            run: || check_forward(fwd_empty),
        },
        Entry {
            exercise: "check_forward",
            id: "sigmoid-sign",
            tutor: "typed the sigmoid as 1/(1 + e^z), which is σ(−z) = 1 − σ(z)",
            expect: Expect::Wrong(&["sign flipped|σ(−z)|1 − σ"]),
            run: || check_forward(fwd_sigmoid_sign),
        },
        // ---------------- check_feedforward_batch ----------------
        Entry {
            exercise: "check_feedforward_batch",
            id: "right-fold",
            tutor: "correct: a fold over the layers starting from Xᵀ",
            expect: Expect::Right,
            run: || check_feedforward_batch(ffb_fold),
        },
        Entry {
            exercise: "check_feedforward_batch",
            id: "right-per-column",
            tutor: "correct: runs each example as a column and writes the output into column i",
            expect: Expect::Right,
            run: || check_feedforward_batch(ffb_per_column),
        },
        Entry {
            exercise: "check_feedforward_batch",
            id: "right-rows-then-transpose",
            tutor: "correct: X·Wᵀ + bᵀ with examples in rows, transposed at the end",
            expect: Expect::Right,
            run: || check_feedforward_batch(ffb_rows_then_transpose),
        },
        Entry {
            exercise: "check_feedforward_batch",
            id: "right-triple-loops",
            tutor: "correct: explicit loops over layers, examples, neurons and inputs",
            expect: Expect::Right,
            run: || check_feedforward_batch(ffb_triple_loops),
        },
        Entry {
            exercise: "check_feedforward_batch",
            id: "rows-not-transposed-back",
            tutor: "used the rows-as-examples convention F = XW + b and returned (N, outputs) without transposing back",
            expect: Expect::Wrong(&["transposed|shape|(N, outputs) instead of (outputs, N)"]),
            run: || check_feedforward_batch(ffb_rows_no_transpose),
        },
        Entry {
            exercise: "check_feedforward_batch",
            id: "forgot-x-transpose",
            tutor: "fed X itself instead of Xᵀ to the first layer, so W¹·X doesn't line up and panics",
            expect: Expect::Wrong(&["panic|X not transposed"]),
            run: || check_feedforward_batch(ffb_no_transpose_input),
        },
        Entry {
            exercise: "check_feedforward_batch",
            id: "no-bias-layer-1",
            tutor: "forgot b^1 in the first layer only",
            expect: Expect::Wrong(&["forgot the bias", "layer 1"]),
            run: || check_feedforward_batch(ffb_no_bias_layer1),
        },
        Entry {
            exercise: "check_feedforward_batch",
            id: "no-bias-anywhere",
            tutor: "never adds the biases",
            expect: Expect::Wrong(&["forgot the bias"]),
            run: || check_feedforward_batch(ffb_no_bias),
        },
        Entry {
            exercise: "check_feedforward_batch",
            id: "no-sigmoid-last-layer",
            tutor: "the output layer is linear: returns Z^L instead of A^L",
            expect: Expect::Wrong(&["forgot the activation|forgot the sigmoid|forgot σ|no sigmoid|z where a belongs", "layer 3|last layer|output|layer L"]),
            run: || check_feedforward_batch(ffb_no_sigmoid_last),
        },
        Entry {
            exercise: "check_feedforward_batch",
            id: "bias-as-row-panics",
            tutor: "added bᵀ (a row) to a (k, N) matrix, which cannot broadcast, so it panics",
            expect: Expect::Wrong(&["panic|wrong axis"]),
            run: || check_feedforward_batch(ffb_bias_row),
        },
        Entry {
            exercise: "check_feedforward_batch",
            id: "mean-over-examples",
            tutor: "averaged the outputs over the examples (like notebook 03's mean cost) and returned one column instead of one per example",
            expect: Expect::Wrong(&["shape"]),
            run: || check_feedforward_batch(ffb_mean_over_examples),
        },
        Entry {
            exercise: "check_feedforward_batch",
            id: "first-example-only",
            tutor: "only runs the first row of X, returning a single column",
            expect: Expect::Wrong(&["shape"]),
            run: || check_feedforward_batch(ffb_first_example_only),
        },
        Entry {
            exercise: "check_feedforward_batch",
            id: "infinity",
            tutor: "returns infinity in every entry",
            expect: Expect::Wrong(&["not a number"]),
            run: || check_feedforward_batch(ffb_infinity),
        },
        Entry {
            exercise: "check_feedforward_batch",
            id: "pair-linear-no-bias",
            tutor: "two slips: no bias and no sigmoid, so it returns W^L⋯W^1 Xᵀ",
            expect: Expect::Wrong(&["forgot the bias", "forgot the sigmoid|forgot σ|no sigmoid|linear|forgot the activation"]),
            run: || check_feedforward_batch(ffb_linear_no_bias),
        },
        Entry {
            exercise: "check_feedforward_batch",
            id: "sigmoid-sign",
            tutor: "the sigmoid typed as 1/(1 + e^z), i.e. σ(−z), in every layer",
            expect: Expect::Wrong(&["sign flipped|σ(−z)|1 − σ"]),
            run: || check_feedforward_batch(ffb_sigmoid_sign),
        },
        Entry {
            exercise: "check_feedforward_batch",
            id: "sigmoid-prime-as-activation",
            tutor: "used sigmoid_prime as the activation instead of sigmoid",
            expect: Expect::Wrong(&["σ′ instead of σ|sigmoid_prime|derivative"]),
            run: || check_feedforward_batch(ffb_sigmoid_prime),
        },
        Entry {
            exercise: "check_feedforward_batch",
            id: "reshape-not-transpose",
            tutor: "reshaped the (N, outputs) result to (outputs, N) instead of transposing it, which scrambles examples and outputs when there are several outputs",
            expect: Expect::Wrong(&["reshape|transposed|shape|order"]),
            run: || check_feedforward_batch(ffb_reshape_not_transpose),
        },
        Entry {
            exercise: "check_feedforward_batch",
            id: "column-major-buffer",
            tutor: "rebuilt the result column-major from a row-major buffer, so the right numbers land in the wrong places",
            expect: Expect::Wrong(&["order|column|transposed|shape"]),
            run: || check_feedforward_batch(ffb_fortran_buffer),
        },
        Entry {
            exercise: "check_feedforward_batch",
            id: "bias-off-by-one",
            tutor: "paired W^l with b^{l+1} (an index off by one), which panics or adds the wrong layer's bias",
            expect: Expect::Wrong(&["off-by-one layer|panic|bias"]),
            run: || check_feedforward_batch(ffb_bias_off_by_one),
        },
    ]
}
