//! Lab 04's exercises: the forward pass of a multidimensional network, for
//! one example and for a whole batch.

use ndarray::Array2;

use super::report::{judge_lists, list, Case, CheckReport, Mistake};
use crate::dense::activation::Activation;
use crate::dense::data::toy;
use crate::dense::network::{Init, Network};
use crate::engine::sigmoid::sigmoid;

const FORWARD_MISTAKES: [Mistake; 4] = [
    Mistake {
        name: "forgot the bias",
        hint: "each layer is z = W a + b: add the bias column before the activation",
    },
    Mistake {
        name: "forgot the activation",
        hint: "a = σ(z) at every layer, the output layer included",
    },
    Mistake {
        name: "transposed W",
        hint: "W^l has one row per neuron of layer l, so z = W a (no transpose): row j holds the weights into neuron j",
    },
    Mistake {
        name: "activation applied before the bias",
        hint: "the bias goes inside: σ(W a + b), not σ(W a) + b",
    },
];

#[derive(Clone, Copy)]
struct Variant {
    bias: bool,
    activation: bool,
    transpose: bool,
    bias_after: bool,
}

const RIGHT: Variant = Variant {
    bias: true,
    activation: true,
    transpose: false,
    bias_after: false,
};

/// The variant's output for the examples in the columns of `a0`, flattened row
/// by row; NaNs when it does not apply (a transposed non-square W).
fn variant_output(net: &Network, a0: &Array2<f64>, v: Variant) -> Vec<f64> {
    let mut a = a0.clone();
    for (w, b) in net.weights().iter().zip(net.biases()) {
        if v.transpose && w.nrows() != w.ncols() {
            return vec![f64::NAN; net.output_dim() * a0.ncols()];
        }
        let wa = if v.transpose {
            w.t().dot(&a)
        } else {
            w.dot(&a)
        };
        a = match (v.bias, v.activation, v.bias_after) {
            (true, true, false) => (wa + &b).mapv(sigmoid),
            (true, true, true) => wa.mapv(sigmoid) + &b,
            (false, true, _) => wa.mapv(sigmoid),
            (true, false, _) => wa + &b,
            (false, false, _) => wa,
        };
    }
    a.iter().copied().collect()
}

fn mistaken(net: &Network, a0: &Array2<f64>) -> Vec<Vec<f64>> {
    vec![
        variant_output(
            net,
            a0,
            Variant {
                bias: false,
                ..RIGHT
            },
        ),
        variant_output(
            net,
            a0,
            Variant {
                activation: false,
                ..RIGHT
            },
        ),
        variant_output(
            net,
            a0,
            Variant {
                transpose: true,
                ..RIGHT
            },
        ),
        variant_output(
            net,
            a0,
            Variant {
                bias_after: true,
                ..RIGHT
            },
        ),
    ]
}

/// Networks for the forward checks: one with square layers first (where a
/// transposed W still runs and so shows as wrong numbers), notebook 04's
/// `[1, 3, 2, 1]` network (seed 7), the walkthrough's exercise shape with hidden
/// layers of 2, and seeded random ones.
fn networks() -> Vec<(String, Network)> {
    let net = |sizes: &[usize], seed| {
        Network::random(sizes, Activation::Sigmoid, Init::Normal, seed).expect("a small network")
    };
    let mut out = vec![
        ("square layers".to_string(), net(&[2, 2, 2, 2], 4_001)),
        ("the lab's".to_string(), net(&[1, 3, 2, 1], 7)),
        ("hidden layers of 2".to_string(), net(&[1, 2, 2, 1], 4_002)),
    ];
    for k in 0..4u64 {
        let sizes = [1 + k as usize % 2, 3, 2 + k as usize % 2, 1];
        out.push((format!("random #{}", k + 1), net(&sizes, 4_100 + k)));
    }
    out
}

/// Inputs for `net`: the toy data's first `n` inputs, spread over `d` features.
fn inputs(d: usize, n: usize) -> Array2<f64> {
    let (x, _) = toy(1000).expect("a small data set");
    Array2::from_shape_fn((n, d), |(i, j)| {
        x[[(97 * i + 31 * j) % 1000, 0]] / (1.0 + j as f64)
    })
}

/// Checks a forward pass for one example,
/// `forward(weights, biases, x) -> a^L`: `x` is a `(d, 1)` column and the
/// result the output column, `a^l = σ(W^l a^(l−1) + b^l)` layer by layer.
///
/// ```
/// use backprop_lab::exercises::check_forward;
/// let r = check_forward(|ws, bs, x| {
///     let mut a = x.clone();
///     for (w, b) in ws.iter().zip(bs) {
///         a = (w.dot(&a) + b).mapv(backprop_lab::sigmoid);
///     }
///     a
/// });
/// assert!(r.is_right());
/// ```
pub fn check_forward(
    learner: impl Fn(&[Array2<f64>], &[Array2<f64>], &Array2<f64>) -> Array2<f64>,
) -> CheckReport {
    let setups: Vec<(String, Network, Array2<f64>)> = networks()
        .into_iter()
        .map(|(label, net)| {
            let x = inputs(net.input_dim(), 1).reversed_axes();
            (label, net, x)
        })
        .collect();
    let cases: Vec<Case> = setups
        .iter()
        .map(|(label, net, x)| Case {
            label: label.clone(),
            input: format!(
                "sizes {:?}, x = {}",
                net.sizes(),
                list(x.as_slice().unwrap_or(&[]))
            ),
            names: (0..net.output_dim()).map(|j| format!("a^L[{j}]")).collect(),
            expected: variant_output(net, x, RIGHT),
            mistaken: mistaken(net, x),
        })
        .collect();
    judge_lists("forward", "forward", &FORWARD_MISTAKES, &cases, |i| {
        let (_, net, x) = &setups[i];
        learner(&net.weights(), &net.biases(), x)
            .iter()
            .copied()
            .collect()
    })
}

const BATCH_MISTAKES: [Mistake; 4] = [
    Mistake {
        name: "returned (N, outputs) instead of (outputs, N)",
        hint: "with A^0 = Xᵀ every A^l has one column per example; return A^L as it comes, without transposing back",
    },
    Mistake {
        name: "forgot the bias",
        hint: "A^l = σ(W^l A^(l−1) + b^l), the bias column added to every column",
    },
    Mistake {
        name: "forgot the activation",
        hint: "σ at every layer, the output layer included",
    },
    Mistake {
        name: "activation applied before the bias",
        hint: "σ(W A + b), not σ(W A) + b",
    },
];

/// Checks a batched forward pass, `feedforward_batch(weights, biases, X) -> A^L`:
/// `X` holds one example per row, `(N, d)`, and the result one per column,
/// `(outputs, N)` — the walkthrough's shapes, `A^0 = Xᵀ`.
///
/// ```
/// use backprop_lab::exercises::check_feedforward_batch;
/// let r = check_feedforward_batch(|ws, bs, x| {
///     let mut a = x.t().to_owned();
///     for (w, b) in ws.iter().zip(bs) {
///         a = (w.dot(&a) + b).mapv(backprop_lab::sigmoid);
///     }
///     a
/// });
/// assert!(r.is_right());
/// ```
pub fn check_feedforward_batch(
    learner: impl Fn(&[Array2<f64>], &[Array2<f64>], &Array2<f64>) -> Array2<f64>,
) -> CheckReport {
    let setups: Vec<(String, Network, Array2<f64>)> = networks()
        .into_iter()
        .skip(1)
        .map(|(label, net)| {
            let x = inputs(net.input_dim(), 5);
            (label, net, x)
        })
        .collect();
    let cases: Vec<Case> = setups
        .iter()
        .map(|(label, net, x)| {
            let a0 = x.t().to_owned();
            let right = variant_output(net, &a0, RIGHT);
            let (o, n) = (net.output_dim(), x.nrows());
            let transposed: Vec<f64> = (0..n * o).map(|i| right[(i % o) * n + i / o]).collect();
            let m = mistaken(net, &a0);
            let shaped =
                |rows: usize, cols: usize, v: &[f64]| [&[rows as f64, cols as f64], v].concat();
            let mut names = vec![
                "the number of rows".to_string(),
                "the number of columns".to_string(),
            ];
            names.extend((0..o * n).map(|i| {
                format!(
                    "A^L[{}, {}] (output {}, example {})",
                    i / n,
                    i % n,
                    i / n,
                    i % n
                )
            }));
            Case {
                label: label.clone(),
                input: format!("sizes {:?}, X of shape ({n}, {})", net.sizes(), x.ncols()),
                names,
                expected: shaped(o, n, &right),
                mistaken: vec![
                    shaped(n, o, &transposed),
                    shaped(o, n, &m[0]),
                    shaped(o, n, &m[1]),
                    shaped(o, n, &m[3]),
                ],
            }
        })
        .collect();
    judge_lists(
        "feedforward_batch",
        "feedforward_batch",
        &BATCH_MISTAKES,
        &cases,
        |i| {
            let (_, net, x) = &setups[i];
            let a = learner(&net.weights(), &net.biases(), x);
            let mut v = vec![a.nrows() as f64, a.ncols() as f64];
            v.extend(a.iter());
            v
        },
    )
}
