//! Layer kernels on the engine's flat layout: a layer's `z`, `a` and `δ` stored
//! `(k, m)` row by row, one column per example of the batch.
//!
//! These compute what [`Activation::apply`], the costs of
//! [`Cost`] and BP1 (`output_error`) compute in `dense/`, written for speed: the
//! match outside the loop, every loop over contiguous memory, the vectorised
//! sigmoid and exponential.

use ndarray::ArrayView2;

use crate::dense::activation::Activation;
use crate::dense::cost::{output_error, Cost};
use crate::engine::sigmoid::{exp_nonpositive_in_place, sigmoid_slice};

/// `a = f(z)` for a layer's `z` stored `(k, m)` row by row (one column per
/// example), with the match outside the loop: the step every forward pass of
/// the engine runs. Element-wise activations ignore `m`; softmax normalises
/// each column.
#[inline]
pub(crate) fn apply_layer(f: Activation, z: &[f64], a: &mut [f64], m: usize) {
    assert_eq!(z.len(), a.len(), "z and a hold the same layer");
    match f {
        Activation::Sigmoid => sigmoid_slice(z, a),
        Activation::Softmax => softmax_columns(z, a, m),
        other => {
            for (o, v) in a.iter_mut().zip(z) {
                *o = other.value(*v);
            }
        }
    }
}

/// Softmax of each column of `z` `(k, m)`, stored row by row, into `a`. The
/// column's largest `z` is subtracted first (softmax does not change when a
/// constant is added to every `z_j`), so no exponential overflows. Row by row,
/// so every loop runs over contiguous memory and the exponentials vectorise.
fn softmax_columns(z: &[f64], a: &mut [f64], m: usize) {
    let m = m.max(1);
    let mut top = vec![f64::NEG_INFINITY; m];
    for row in z.chunks_exact(m) {
        for (t, v) in top.iter_mut().zip(row) {
            *t = t.max(*v);
        }
    }
    for (a_row, z_row) in a.chunks_exact_mut(m).zip(z.chunks_exact(m)) {
        for ((o, v), t) in a_row.iter_mut().zip(z_row).zip(&top) {
            *o = v - t;
        }
    }
    exp_nonpositive_in_place(a);
    // The column maxima are spent: the same buffer now sums each column.
    let total = &mut top;
    total.fill(0.0);
    for row in a.chunks_exact(m) {
        for (s, v) in total.iter_mut().zip(row) {
            *s += v;
        }
    }
    for row in a.chunks_exact_mut(m) {
        for (v, s) in row.iter_mut().zip(total.iter()) {
            *v /= s;
        }
    }
}

/// `ln(1 + e^t)` without overflow for large `t` or loss of digits for very
/// negative `t`.
fn softplus(t: f64) -> f64 {
    t.max(0.0) + (-t.abs()).exp().ln_1p()
}

/// The cost of a batch, summed over its examples, from the output layer's
/// `z` and `a` stored `(k, m)` row by row and the targets `y` `(m, k)`.
///
/// Cross-entropy is computed from `z`, not from `a`: `ln σ(z) = −softplus(−z)`,
/// `ln(1 − σ(z)) = −softplus(z)`, and `ln softmax_j = z_j − ln Σ_k e^{z_k}`. A
/// saturated output (`a` rounded to exactly 0 or 1) then still gives a finite
/// cost, where `ln a` would give `−∞`.
#[inline]
pub(crate) fn batch_cost(
    cost: Cost,
    f: Activation,
    z: &[f64],
    a: &[f64],
    y: ArrayView2<'_, f64>,
    m: usize,
) -> f64 {
    assert_eq!(z.len(), a.len(), "z and a hold the same layer");
    let m = m.max(1);
    let k = z.len() / m;
    let mut total = 0.0;
    for e in 0..m {
        let at = |i: usize| i * m + e;
        match (cost, f) {
            (Cost::Quadratic, _) => {
                for i in 0..k {
                    let d = a[at(i)] - y[[e, i]];
                    total += 0.5 * d * d;
                }
            }
            (Cost::CrossEntropy, Activation::Softmax) => {
                // −ln a_i from the softmax already computed while a_i is a
                // normal number (one logarithm per target entry, 1 for a
                // one-hot row); from z when it has underflowed.
                let mut lse = None;
                for i in 0..k {
                    let yi = y[[e, i]];
                    if yi == 0.0 {
                        continue;
                    }
                    let ai = a[at(i)];
                    let minus_ln = if ai >= f64::MIN_POSITIVE {
                        -ai.ln()
                    } else {
                        let l = *lse.get_or_insert_with(|| {
                            let top = (0..k).fold(f64::NEG_INFINITY, |t, i| t.max(z[at(i)]));
                            top + (0..k).map(|i| (z[at(i)] - top).exp()).sum::<f64>().ln()
                        });
                        l - z[at(i)]
                    };
                    total += yi * minus_ln;
                }
            }
            (Cost::CrossEntropy, _) => {
                for i in 0..k {
                    let (zi, yi) = (z[at(i)], y[[e, i]]);
                    total += yi * softplus(-zi) + (1.0 - yi) * softplus(zi);
                }
            }
        }
    }
    total
}

/// What a backward pass measures of the batch on the way, both summed over its
/// examples: the cost `C` the network trains on, and `Σ (a^L − y)²`.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct BatchLoss {
    pub(crate) cost: f64,
    pub(crate) sq: f64,
}

impl BatchLoss {
    pub(crate) fn add(&mut self, other: BatchLoss) {
        self.cost += other.cost;
        self.sq += other.sq;
    }
}

/// BP1: `Δ^L = ∂C/∂Z^L` into `delta` `(k, m)` for the network's cost (for the
/// quadratic cost `(A^L − Yᵀ) ⊙ f'(Z^L)`, for cross-entropy `A^L − Yᵀ`), reading
/// `y` `(m, k)` transposed (entry `(i, e)` of `Yᵀ` is `y[e, i]`).
#[inline]
pub(crate) fn output_delta(
    cost: Cost,
    f: Activation,
    z: &[f64],
    a: &[f64],
    y: ArrayView2<'_, f64>,
    m: usize,
    delta: &mut [f64],
) -> BatchLoss {
    assert!(z.len() == a.len() && a.len() == delta.len() && y.len() == a.len());
    let mut sq = 0.0;
    for (i, ((d_row, z_row), a_row)) in delta
        .chunks_exact_mut(m)
        .zip(z.chunks_exact(m))
        .zip(a.chunks_exact(m))
        .enumerate()
    {
        for (e, ((d, zv), av)) in d_row.iter_mut().zip(z_row).zip(a_row).enumerate() {
            let err = av - y[[e, i]];
            sq += err * err;
            *d = output_error(cost, f, *zv, *av, y[[e, i]]);
        }
    }
    // The quadratic cost is ½ Σ (a − y)², already summed above.
    let c = match cost {
        Cost::Quadratic => 0.5 * sq,
        Cost::CrossEntropy => batch_cost(cost, f, z, a, y, m),
    };
    BatchLoss { cost: c, sq }
}

/// `δ ← δ ⊙ f'(z)`, the second half of BP2, with `f'` from `z` and `a = f(z)`.
#[inline]
pub(crate) fn times_prime(f: Activation, z: &[f64], a: &[f64], delta: &mut [f64]) {
    assert!(z.len() == a.len() && a.len() == delta.len());
    for ((d, zv), av) in delta.iter_mut().zip(z).zip(a) {
        *d *= f.prime_given(*zv, *av);
    }
}

/// `Σ v` with four running sums, so that the additions vectorise.
#[inline]
pub(crate) fn sum(v: &[f64]) -> f64 {
    let mut acc = [0.0; 4];
    let chunks = v.chunks_exact(4);
    let tail: f64 = chunks.remainder().iter().sum();
    for q in chunks {
        for (s, x) in acc.iter_mut().zip(q) {
            *s += x;
        }
    }
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
}
