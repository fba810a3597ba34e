//! Lab 06's exercises: backprop with loops over neurons, backprop in vector
//! form for one example, flattening the parameters and rebuilding them, and
//! the two-sided differences of a gradient check. The cost of one example is
//! `C0 = ½‖a^L − y‖²`, so `∂C0/∂a^L = a^L − y`.

use ndarray::Array2;

use super::report::{judge, list, Case, CheckReport, Mistake};
use crate::backprop::per_example::backprop_1_example;
use crate::dense::activation::Activation;
use crate::dense::data::toy;
use crate::dense::network::{Init, Network};
use crate::engine::sigmoid::{sigmoid, sigmoid_prime};
use crate::io::random::seeded_rng;
use crate::training::gradcheck::get_params;
use rand::RngExt;

/// A gradient as `(∂C/∂W^l for every l, ∂C/∂b^l for every l)`.
pub type LayerGradients = (Vec<Array2<f64>>, Vec<Array2<f64>>);

const BACKPROP_MISTAKES: [Mistake; 5] = [
    Mistake {
        name: "forgot σ′",
        hint: "every δ carries σ′(z): δ^L = (a^L − y) ⊙ σ′(z^L), δ^l = ((W^(l+1))ᵀ δ^(l+1)) ⊙ σ′(z^l)",
    },
    Mistake {
        name: "transposed W",
        hint: "the error flows back through the transpose: δ^l takes (W^(l+1))ᵀ δ^(l+1), i.e. Σ_j w_jk δ_j for neuron k",
    },
    Mistake {
        name: "off-by-one layer index",
        hint: "BP4 multiplies δ^l by the activations into layer l, a^(l−1), not by a^l",
    },
    Mistake {
        name: "sign flipped",
        hint: "∂C0/∂a^L = a^L − y: output minus target",
    },
    Mistake {
        name: "used z where a belongs",
        hint: "BP4 takes the activations a^(l−1) = σ(z^(l−1)), not the weighted inputs z^(l−1) (x for the first layer)",
    },
];

/// One variant of BP1–BP4, written with loops over neurons.
#[derive(Clone, Copy)]
struct Variant {
    prime: bool,
    transpose: bool,
    sign: f64,
    /// 0: a^(l−1) in BP4; 1: a^l; 2: z^(l−1).
    bp4: u8,
}

const RIGHT: Variant = Variant {
    prime: true,
    transpose: false,
    sign: 1.0,
    bp4: 0,
};

/// The variant's gradients, flattened weights first, or NaNs when the variant
/// does not apply (a transposed non-square W).
fn variant_gradients(net: &Network, x: &[f64], y: &[f64], v: Variant) -> Vec<f64> {
    let (ws, bs) = (net.weights(), net.biases());
    let n = ws.len();
    let mut zs: Vec<Vec<f64>> = Vec::new();
    let mut acts: Vec<Vec<f64>> = vec![x.to_vec()];
    for (w, b) in ws.iter().zip(&bs) {
        let prev = &acts[acts.len() - 1];
        let z: Vec<f64> = (0..w.nrows())
            .map(|j| b[[j, 0]] + (0..w.ncols()).map(|k| w[[j, k]] * prev[k]).sum::<f64>())
            .collect();
        acts.push(z.iter().map(|&t| sigmoid(t)).collect());
        zs.push(z);
    }
    let slope = |l: usize, j: usize| {
        if v.prime {
            sigmoid_prime(zs[l][j])
        } else {
            1.0
        }
    };
    let mut deltas: Vec<Vec<f64>> = vec![Vec::new(); n];
    deltas[n - 1] = (0..acts[n].len())
        .map(|j| v.sign * (acts[n][j] - y[j]) * slope(n - 1, j))
        .collect();
    for l in (0..n - 1).rev() {
        let w = &ws[l + 1];
        if v.transpose && w.nrows() != w.ncols() {
            return vec![f64::NAN; net.num_params()];
        }
        deltas[l] = (0..ws[l].nrows())
            .map(|k| {
                let back: f64 = (0..w.nrows())
                    .map(|j| {
                        let wjk = if v.transpose { w[[k, j]] } else { w[[j, k]] };
                        wjk * deltas[l + 1][j]
                    })
                    .sum();
                back * slope(l, k)
            })
            .collect();
    }
    let mut out = Vec::with_capacity(net.num_params());
    for l in 0..n {
        let into: Vec<f64> = match v.bp4 {
            0 => acts[l].clone(),
            1 => {
                if acts[l + 1].len() != acts[l].len() {
                    return vec![f64::NAN; net.num_params()];
                }
                acts[l + 1].clone()
            }
            _ => {
                if l == 0 {
                    x.to_vec()
                } else {
                    zs[l - 1].clone()
                }
            }
        };
        // Row j of ∂C/∂W^l is δ_j times the activations into the layer.
        for &d in &deltas[l] {
            out.extend(into.iter().map(|a_k| d * a_k));
        }
    }
    for d in &deltas {
        out.extend(d);
    }
    out
}

/// The networks and examples a backprop check runs: the lab's case, a network
/// with square layers (where a transposed W still fits, so it shows as wrong
/// numbers rather than a shape error), and seeded random networks.
fn backprop_setups(
    lab: (Network, Vec<f64>, Vec<f64>),
) -> Vec<(String, Network, Vec<f64>, Vec<f64>)> {
    let mut out = vec![("the lab's".to_string(), lab.0, lab.1, lab.2)];
    out.extend(other_setups());
    out
}

/// The cases after the lab's: square layers first, then seeded random networks,
/// each with one example.
fn other_setups() -> Vec<(String, Network, Vec<f64>, Vec<f64>)> {
    let mut out = Vec::new();
    let square = Network::random(&[2, 2, 2, 2], Activation::Sigmoid, Init::Normal, 6_001)
        .expect("a small network");
    out.push((
        "square layers".into(),
        square,
        vec![0.4, -0.9],
        vec![1.0, 0.0],
    ));
    let mut rng = seeded_rng(6_002);
    for k in 0..6u64 {
        let sizes = [2, 2 + (k as usize % 3), 3, 1 + (k as usize % 2)];
        let net = Network::random(&sizes, Activation::Sigmoid, Init::Normal, 6_100 + k)
            .expect("a small network");
        let mut draw = |n: usize| -> Vec<f64> {
            (0..n)
                .map(|_| rng.as_rand().random_range(-2.0..2.0))
                .collect()
        };
        let (x, y) = (draw(sizes[0]), draw(sizes[3]));
        out.push((format!("random #{}", k + 1), net, x, y));
    }
    out
}

fn backprop_cases(setups: &[(String, Network, Vec<f64>, Vec<f64>)]) -> Vec<Case> {
    setups
        .iter()
        .map(|(label, net, x, y)| {
            let g = |v: Variant| variant_gradients(net, x, y, v);
            let reference = backprop_1_example(net, x, y).expect("checked sizes");
            Case {
                label: label.clone(),
                input: format!("sizes {:?}, x = {}, y = {}", net.sizes(), list(x), list(y)),
                names: net
                    .param_names()
                    .into_iter()
                    .map(|n| format!("dC/d{n}"))
                    .collect(),
                expected: reference.gradients.to_vec().to_vec(),
                mistaken: vec![
                    g(Variant {
                        prime: false,
                        ..RIGHT
                    }),
                    g(Variant {
                        transpose: true,
                        ..RIGHT
                    }),
                    g(Variant { bp4: 1, ..RIGHT }),
                    g(Variant {
                        sign: -1.0,
                        ..RIGHT
                    }),
                    g(Variant { bp4: 2, ..RIGHT }),
                ],
            }
        })
        .collect()
}

fn flatten_gradients((w, b): &LayerGradients) -> Vec<f64> {
    w.iter().chain(b).flat_map(|m| m.iter().copied()).collect()
}

/// Checks backprop written with loops over neurons,
/// `backprop_neurons(net, x, y) -> (nabla_w, nabla_b)`, for one example of a
/// sigmoid network. Case 0 is notebook 06's `[2, 3, 3, 1]` network (seed 11) on
/// `x = [0.3, −0.8]`, `y = [1]`.
///
/// ```
/// use backprop_lab::exercises::check_backprop_per_neuron;
/// use backprop_lab::{backprop_1_example};
/// let r = check_backprop_per_neuron(|net, x, y| {
///     let g = backprop_1_example(net, x, y).unwrap().gradients;
///     (g.nabla_w, g.nabla_b)
/// });
/// assert!(r.is_right());
/// ```
pub fn check_backprop_per_neuron(
    learner: impl Fn(&Network, &[f64], &[f64]) -> LayerGradients,
) -> CheckReport {
    let lab = Network::random(&[2, 3, 3, 1], Activation::Sigmoid, Init::Normal, 11)
        .expect("a small network");
    let setups = backprop_setups((lab, vec![0.3, -0.8], vec![1.0]));
    let cases = backprop_cases(&setups);
    judge("backprop_neurons", &BACKPROP_MISTAKES, &cases, |i| {
        let (_, net, x, y) = &setups[i];
        flatten_gradients(&learner(net, x, y))
    })
}

/// Checks backprop in vector form for one example,
/// `backprop_vector(net, x, y) -> (nabla_w, nabla_b)`, where `x` is a `(d, 1)`
/// column and `y` an `(outputs, 1)` column. Case 0 is notebook 06's `[1, 3, 2, 1]`
/// network (seed 3) on the first toy example.
///
/// ```
/// use backprop_lab::exercises::check_backprop_vector;
/// use backprop_lab::backprop_1_example;
/// let r = check_backprop_vector(|net, x, y| {
///     let (x, y) = (x.column(0).to_vec(), y.column(0).to_vec());
///     let g = backprop_1_example(net, &x, &y).unwrap().gradients;
///     (g.nabla_w, g.nabla_b)
/// });
/// assert!(r.is_right());
/// ```
pub fn check_backprop_vector(
    learner: impl Fn(&Network, &Array2<f64>, &Array2<f64>) -> LayerGradients,
) -> CheckReport {
    let (inputs, labels) = toy(1000).expect("a small data set");
    let lab = Network::random(&[1, 3, 2, 1], Activation::Sigmoid, Init::Normal, 3)
        .expect("a small network");
    let setups = backprop_setups((lab, vec![inputs[[0, 0]]], vec![labels[[0, 0]]]));
    let cases = backprop_cases(&setups);
    judge("backprop_vector", &BACKPROP_MISTAKES, &cases, |i| {
        let (_, net, x, y) = &setups[i];
        let col = |v: &Vec<f64>| Array2::from_shape_vec((v.len(), 1), v.clone()).expect("n x 1");
        flatten_gradients(&learner(net, &col(x), &col(y)))
    })
}

const FLATTEN_MISTAKES: [Mistake; 3] = [
    Mistake {
        name: "biases before weights",
        hint: "the walkthrough's get_params puts every weight matrix first, then every bias",
    },
    Mistake {
        name: "columns instead of rows",
        hint: "flatten each matrix row by row (numpy's ravel, ndarray's iter()): W[0,0], W[0,1], …, then W[1,0], …",
    },
    Mistake {
        name: "weights and biases interleaved by layer",
        hint: "not W1, b1, W2, b2, …: all the weights W1, W2, … first, then all the biases b1, b2, …",
    },
];

/// Checks `flatten(weights, biases) -> Vec<f64>`, the walkthrough's
/// `get_params`: every weight matrix row by row, then every bias. Case 0 is the
/// walkthrough's `[2, 3, 3, 1]` circles network (25 parameters).
///
/// ```
/// use backprop_lab::exercises::check_flatten;
/// let r = check_flatten(|w, b| backprop_lab::get_params(w, b).to_vec());
/// assert!(r.is_right());
/// ```
pub fn check_flatten(learner: impl Fn(&[Array2<f64>], &[Array2<f64>]) -> Vec<f64>) -> CheckReport {
    let mut nets = vec![Network::random_per_layer(
        &[2, 3, 3, 1],
        Activation::Sigmoid,
        &[Init::Uniform, Init::Uniform, Init::Normal],
        &[Init::Uniform; 3],
        0,
    )
    .expect("a small network")];
    for k in 0..6u64 {
        let sizes = [1 + k as usize % 3, 2 + k as usize % 2, 3, 2];
        nets.push(
            Network::random(&sizes, Activation::Sigmoid, Init::Normal, 6_200 + k)
                .expect("a small network"),
        );
    }
    let cases: Vec<Case> = nets
        .iter()
        .map(|net| {
            let (w, b) = (net.weights(), net.biases());
            let rows = |ms: &[Array2<f64>]| -> Vec<f64> {
                ms.iter().flat_map(|m| m.iter().copied()).collect()
            };
            let cols = |ms: &[Array2<f64>]| -> Vec<f64> {
                ms.iter()
                    .flat_map(|m| m.t().iter().copied().collect::<Vec<_>>())
                    .collect()
            };
            let interleaved: Vec<f64> = w
                .iter()
                .zip(&b)
                .flat_map(|(wl, bl)| wl.iter().chain(bl.iter()).copied().collect::<Vec<_>>())
                .collect();
            Case {
                label: String::new(),
                input: format!("the parameters of a {:?} network", net.sizes()),
                names: (0..net.num_params())
                    .map(|i| format!("entry {i}"))
                    .collect(),
                expected: get_params(&w, &b).to_vec(),
                mistaken: vec![
                    [rows(&b), rows(&w)].concat(),
                    [cols(&w), cols(&b)].concat(),
                    interleaved,
                ],
            }
        })
        .collect();
    judge("flatten", &FLATTEN_MISTAKES, &cases, |i| {
        let net = &nets[i];
        learner(&net.weights(), &net.biases())
    })
}

const UNFLATTEN_MISTAKES: [Mistake; 4] = [
    Mistake {
        name: "biases read first",
        hint: "θ holds every weight first, then every bias: read the weight matrices from the start of θ",
    },
    Mistake {
        name: "filled column by column",
        hint: "θ holds each matrix row by row, so fill W[0,0], W[0,1], …, then W[1,0], … (Array2::from_shape_vec((rows, cols), …) does this)",
    },
    Mistake {
        name: "pointer not advanced",
        hint: "after taking a matrix's rows × cols values, move the read position past them; otherwise every matrix starts at θ[0]",
    },
    Mistake {
        name: "biases restarted at θ[0]",
        hint: "the biases follow the weights in θ: keep reading from where the last weight matrix ended",
    },
];

/// `values` cut into matrices of the shapes of `like`, each filled row by row
/// (or column by column), starting each at the offset `start(k)`.
fn cut(
    values: &[f64],
    like: &[Array2<f64>],
    by_columns: bool,
    mut start: impl FnMut(usize) -> usize,
) -> Vec<f64> {
    let mut out = Vec::new();
    for m in like {
        let n = m.len();
        let at = start(n);
        let chunk = &values[at..at + n];
        if by_columns {
            let (r, c) = m.dim();
            out.extend((0..r).flat_map(|i| (0..c).map(move |j| chunk[j * r + i])));
        } else {
            out.extend_from_slice(chunk);
        }
    }
    out
}

/// Checks `unflatten(theta, weights, biases) -> (weights, biases)`, the
/// walkthrough's `set_params`: cut `theta` into matrices shaped like the given
/// weights and biases, filling each row by row, every weight matrix first. The
/// values of `weights` and `biases` only give the shapes; `theta` holds other
/// numbers, so returning the templates is wrong. Case 0 is the walkthrough's
/// `[2, 3, 3, 1]` circles network (25 parameters).
///
/// ```
/// use backprop_lab::exercises::check_unflatten;
/// let r = check_unflatten(|theta, w, b| {
///     backprop_lab::set_params(&ndarray::Array1::from(theta.to_vec()), w, b).unwrap()
/// });
/// assert!(r.is_right());
/// ```
pub fn check_unflatten(
    learner: impl Fn(&[f64], &[Array2<f64>], &[Array2<f64>]) -> LayerGradients,
) -> CheckReport {
    let mut shapes = vec![vec![2, 3, 3, 1]];
    for k in 0..6usize {
        shapes.push(vec![1 + k % 3, 2 + k % 2, 3, 2]);
    }
    let setups: Vec<(Network, Vec<f64>)> = shapes
        .iter()
        .enumerate()
        .map(|(k, sizes)| {
            let template =
                Network::random(sizes, Activation::Sigmoid, Init::Normal, 6_400 + k as u64)
                    .expect("a small network");
            let mut rng = seeded_rng(6_500 + k as u64);
            let theta = (0..template.num_params())
                .map(|_| rng.as_rand().random_range(-3.0..3.0))
                .collect();
            (template, theta)
        })
        .collect();
    let cases: Vec<Case> = setups
        .iter()
        .map(|(net, theta)| {
            let (w, b) = (net.weights(), net.biases());
            let nw: usize = w.iter().map(|m| m.len()).sum();
            let advancing = |from: usize| {
                let mut at = from;
                move |n: usize| {
                    at += n;
                    at - n
                }
            };
            let mut names = Vec::new();
            for (kind, ms) in [("W", &w), ("b", &b)] {
                for (l, m) in ms.iter().enumerate() {
                    for (i, j) in ndarray::indices(m.dim()) {
                        names.push(format!("{kind}{}[{i},{j}]", l + 1));
                    }
                }
            }
            let nb = theta.len() - nw;
            Case {
                label: String::new(),
                input: format!("θ = {} for a {:?} network", list(theta), net.sizes()),
                names,
                expected: theta.clone(),
                mistaken: vec![
                    [
                        cut(theta, &w, false, advancing(nb)),
                        cut(theta, &b, false, advancing(0)),
                    ]
                    .concat(),
                    [
                        cut(theta, &w, true, advancing(0)),
                        cut(theta, &b, true, advancing(nw)),
                    ]
                    .concat(),
                    [cut(theta, &w, false, |_| 0), cut(theta, &b, false, |_| 0)].concat(),
                    [
                        cut(theta, &w, false, advancing(0)),
                        cut(theta, &b, false, advancing(0)),
                    ]
                    .concat(),
                ],
            }
        })
        .collect();
    judge("unflatten", &UNFLATTEN_MISTAKES, &cases, |i| {
        let (net, theta) = &setups[i];
        let (w, b) = (net.weights(), net.biases());
        let (lw, lb) = learner(theta, &w, &b);
        for (kind, got, want) in [("W", &lw, &w), ("b", &lb, &b)] {
            if got.len() != want.len() {
                panic!(
                    "your unflatten returned {} {kind} matrices for a network with {}",
                    got.len(),
                    want.len()
                );
            }
            for (l, (g, m)) in got.iter().zip(want.iter()).enumerate() {
                if g.dim() != m.dim() {
                    panic!(
                        "your unflatten returned {kind}{} of shape {:?}; it must be {:?}",
                        l + 1,
                        g.dim(),
                        m.dim()
                    );
                }
            }
        }
        flatten_gradients(&(lw, lb))
    })
}

const DIFFERENCE_MISTAKES: [Mistake; 4] = [
    Mistake {
        name: "one-sided instead of two-sided difference",
        hint: "(C(θ + εe_i) − C(θ − εe_i)) / 2ε is accurate to O(ε²); (C(θ + εe_i) − C(θ)) / ε only to O(ε)",
    },
    Mistake {
        name: "divided by ε instead of 2ε",
        hint: "the two points are 2ε apart",
    },
    Mistake {
        name: "left the nudge in place",
        hint: "restore θ_i after nudging it, or every later entry is measured at a shifted point",
    },
    Mistake {
        name: "sign flipped",
        hint: "C(θ + εe_i) − C(θ − εe_i): the forward point first",
    },
];

/// A smooth test cost with a known shape: `C(θ) = Σ_i sin(θ_i)·θ_(i+1) + ½ Σ θ_i²`.
fn test_cost(t: &[f64]) -> f64 {
    let pairs: f64 = t.windows(2).map(|w| w[0].sin() * w[1]).sum();
    pairs + 0.5 * t.iter().map(|v| v * v).sum::<f64>()
}

/// Checks `numerical_grad(cost, theta, eps) -> Vec<f64>`, the gradient check's
/// two-sided differences `Δ_i = (C(θ + εe_i) − C(θ − εe_i)) / 2ε`, on a smooth
/// test cost at seeded points, with `ε = 1e-4` (large enough that a one-sided
/// difference shows).
///
/// ```
/// use backprop_lab::exercises::check_numerical_gradient;
/// let r = check_numerical_gradient(|c, t, e| backprop_lab::numerical_gradient(c, t, e).unwrap().to_vec());
/// assert!(r.is_right());
/// ```
pub fn check_numerical_gradient(
    learner: impl Fn(&dyn Fn(&[f64]) -> f64, &[f64], f64) -> Vec<f64>,
) -> CheckReport {
    const EPS: f64 = 1e-4;
    let mut rng = seeded_rng(6_300);
    let points: Vec<Vec<f64>> = (0..8)
        .map(|k| {
            (0..3 + k % 3)
                .map(|_| rng.as_rand().random_range(-2.0..2.0))
                .collect()
        })
        .collect();
    let cases: Vec<Case> = points
        .iter()
        .map(|t| {
            let n = t.len();
            let at = |f: &dyn Fn(usize, &mut Vec<f64>) -> f64| -> Vec<f64> {
                let mut p = t.clone();
                (0..n).map(|i| f(i, &mut p)).collect()
            };
            let two_sided = |p: &mut Vec<f64>, i: usize, d: f64| {
                let v = p[i];
                p[i] = v + EPS;
                let plus = test_cost(p);
                p[i] = v - EPS;
                let minus = test_cost(p);
                p[i] = v;
                (plus - minus) / d
            };
            Case {
                label: String::new(),
                input: format!("θ = {}, ε = {EPS}", list(t)),
                names: (0..n).map(|i| format!("Δ_{i}")).collect(),
                expected: at(&|i, p| two_sided(p, i, 2.0 * EPS)),
                mistaken: vec![
                    at(&|i, p| {
                        let v = p[i];
                        let base = test_cost(p);
                        p[i] = v + EPS;
                        let plus = test_cost(p);
                        p[i] = v;
                        (plus - base) / EPS
                    }),
                    at(&|i, p| two_sided(p, i, EPS)),
                    at(&|i, p| {
                        // The last nudge (θ_i − ε) stays in place.
                        let v = p[i];
                        p[i] = v + EPS;
                        let plus = test_cost(p);
                        p[i] = v - EPS;
                        let minus = test_cost(p);
                        (plus - minus) / (2.0 * EPS)
                    }),
                    at(&|i, p| -two_sided(p, i, 2.0 * EPS)),
                ],
            }
        })
        .collect();
    judge("numerical_grad", &DIFFERENCE_MISTAKES, &cases, |i| {
        learner(&test_cost, &points[i], EPS)
    })
}

const STACK_MISTAKES: [Mistake; 5] = [
    Mistake {
        name: "forgot σ′",
        hint: "every δ stack is multiplied entry by entry by σ′(z), here a ⊙ (1 − a)",
    },
    Mistake {
        name: "mean instead of sum over the batch",
        hint: "the walkthrough's backprop_batch sums the stack of outer products (and of δ) over the examples; train divides by the batch size later",
    },
    Mistake {
        name: "transposed W",
        hint: "BP2 multiplies every vector of the δ stack by (W^(l+1))ᵀ",
    },
    Mistake {
        name: "sign flipped",
        hint: "the output error is a^L − y: output minus target",
    },
    Mistake {
        name: "off-by-one layer index",
        hint: "BP4's outer products take the activations into the layer, a^(l−1) (the inputs for layer 1)",
    },
];

/// Checks fully batched backprop with 3-D stacks,
/// `backprop_stacks(net, X, Y) -> (nabla_w, nabla_b)`: `X` is `(N, d)`, `Y` is
/// `(N, outputs)`, and the gradients are summed over the `N` examples, as the
/// walkthrough's `backprop_batch` returns them. Case 0 is notebook 07's circles
/// network on the first 50 examples of its data.
///
/// ```
/// use backprop_lab::exercises::check_backprop_stacks;
/// let r = check_backprop_stacks(|net, x, y| {
///     let g = backprop_lab::backprop_batch(net, x, y).unwrap();
///     (g.nabla_w, g.nabla_b)
/// });
/// assert!(r.is_right());
/// ```
pub fn check_backprop_stacks(
    learner: impl Fn(&Network, &Array2<f64>, &Array2<f64>) -> LayerGradients,
) -> CheckReport {
    let (cx, cy) = crate::dense::data::make_circles(1000, 0.3, 0.1, 0).expect("the lab's data");
    let lab = Network::random_per_layer(
        &[2, 3, 3, 1],
        Activation::Sigmoid,
        &[Init::Uniform, Init::Uniform, Init::Normal],
        &[Init::Uniform; 3],
        0,
    )
    .expect("a small network");
    let take = |m: &Array2<f64>, n: usize| m.slice(ndarray::s![..n, ..]).to_owned();
    let mut setups = vec![("the lab's".to_string(), lab, take(&cx, 50), take(&cy, 50))];
    for (i, (label, net, x, y)) in other_setups().into_iter().enumerate() {
        // Batches of 3 to 6 examples made from the setup's sizes.
        let n = 3 + i % 4;
        let rows = |v: &Vec<f64>, shift: f64| {
            Array2::from_shape_fn((n, v.len()), |(e, j)| {
                v[j] * (1.0 - 0.3 * e as f64) + shift * e as f64
            })
        };
        setups.push((label, net, rows(&x, 0.2), rows(&y, -0.1)));
    }
    let cases: Vec<Case> = setups
        .iter()
        .map(|(label, net, x, y)| {
            let n = x.nrows() as f64;
            let summed = |v: Variant| -> Vec<f64> {
                let mut total = vec![0.0; net.num_params()];
                for e in 0..x.nrows() {
                    let g = variant_gradients(net, &x.row(e).to_vec(), &y.row(e).to_vec(), v);
                    for (t, gi) in total.iter_mut().zip(g) {
                        *t += gi;
                    }
                }
                total
            };
            let right = summed(RIGHT);
            Case {
                label: label.clone(),
                input: format!("sizes {:?}, a batch of {} examples", net.sizes(), x.nrows()),
                names: net
                    .param_names()
                    .into_iter()
                    .map(|p| format!("dC/d{p}, summed over the batch"))
                    .collect(),
                expected: right.clone(),
                mistaken: vec![
                    summed(Variant {
                        prime: false,
                        ..RIGHT
                    }),
                    right.iter().map(|g| g / n).collect(),
                    summed(Variant {
                        transpose: true,
                        ..RIGHT
                    }),
                    summed(Variant {
                        sign: -1.0,
                        ..RIGHT
                    }),
                    summed(Variant { bp4: 1, ..RIGHT }),
                ],
            }
        })
        .collect();
    judge("backprop_stacks", &STACK_MISTAKES, &cases, |i| {
        let (_, net, x, y) = &setups[i];
        flatten_gradients(&learner(net, x, y))
    })
}
