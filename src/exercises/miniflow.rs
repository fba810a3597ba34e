//! Lab 02's exercises: the `Sigmoid` node's backward step and, as a stretch,
//! the `Linear` node's, each plugged into the lesson's graph
//! `cost = MSE(y, σ(XW + b))`.

use ndarray::{array, Array1, Array2, ArrayD, Axis};

use super::report::{judge_lists, list, Case, CheckReport, Mistake};
use crate::engine::sigmoid::sigmoid;
use crate::io::random::{normal, seeded_rng};
use crate::miniflow::{FlowId, MiniFlow};

const MISTAKES: [Mistake; 4] = [
    Mistake {
        name: "forgot the upstream gradient ∂C/∂s",
        hint: "the chain rule multiplies the local slope s(1 − s) by the gradient the outbound node sent back",
    },
    Mistake {
        name: "applied σ to the stored value",
        hint: "the node's value is already s = σ(z), so σ′(z) = s(1 − s); σ(s)(1 − σ(s)) applies σ twice",
    },
    Mistake {
        name: "sign flipped",
        hint: "σ′(z) = s(1 − s) ≥ 0, so the step never changes the gradient's sign",
    },
    Mistake {
        name: "dropped the (1 − s) factor",
        hint: "σ′(z) = σ(z)(1 − σ(z)) = s(1 − s), not s",
    },
];

/// A sigmoid backward step as the learner writes it: `(s, ∂C/∂s) → ∂C/∂z`.
type Step = dyn Fn(&ArrayD<f64>, &ArrayD<f64>) -> ArrayD<f64>;

/// The lesson's quiz graph: `X, W, b, y` as inputs, `f = Linear(X, W, b)`,
/// `a = Sigmoid(f)`, `cost = MSE(y, a)`.
struct Quiz {
    graph: MiniFlow,
    inputs: [FlowId; 4],
    order: Vec<FlowId>,
}

fn quiz(feed: [ArrayD<f64>; 4]) -> Quiz {
    let mut g = MiniFlow::new();
    let (x, w, b, y) = (g.input("X"), g.input("W"), g.input("b"), g.input("y"));
    let f = g.linear("f", x, w, b).expect("own ids");
    let a = g.sigmoid("a", f).expect("own ids");
    g.mse("cost", y, a).expect("own ids");
    let [fx, fw, fb, fy] = feed;
    let order = g
        .topological_sort(&[(x, fx), (w, fw), (b, fb), (y, fy)])
        .expect("a well-formed feed");
    Quiz {
        graph: g,
        inputs: [x, w, b, y],
        order,
    }
}

/// Every input's gradient, flattened in the order X, W, b, y, after `pass`
/// (one of the graph's forward-and-backward methods) has run on the quiz graph.
fn run(
    feed: &[ArrayD<f64>; 4],
    pass: impl FnOnce(&mut MiniFlow, &[FlowId]) -> crate::error::Result<()>,
) -> crate::error::Result<Vec<f64>> {
    let mut q = quiz(feed.clone());
    pass(&mut q.graph, &q.order)?;
    Ok(q.inputs
        .iter()
        .flat_map(|&id| {
            q.graph
                .grad(id)
                .expect("after backward")
                .iter()
                .copied()
                .collect::<Vec<_>>()
        })
        .collect())
}

/// The lesson's feed, then 8 seeded random feeds of the same shapes (X is
/// square, so a missing transpose of X still fits and shows as a wrong value).
fn feeds() -> Vec<[ArrayD<f64>; 4]> {
    let mut feeds: Vec<[ArrayD<f64>; 4]> = vec![[
        array![[-1., -2.], [-1., -2.]].into_dyn(),
        array![[2.], [3.]].into_dyn(),
        array![-3.].into_dyn(),
        array![1., 2.].into_dyn(),
    ]];
    let mut rng = seeded_rng(2_001);
    for _ in 0..8 {
        let mut draw = |r: usize, c: usize, shape: &[usize]| {
            normal(r, c, &mut rng)
                .expect("small")
                .into_shape_with_order(shape.to_vec())
                .expect("the same number of values")
        };
        let (x, w) = (draw(2, 2, &[2, 2]), draw(2, 1, &[2, 1]));
        let (b, y) = (draw(1, 1, &[1]), draw(1, 2, &[2]));
        feeds.push([x, w, b, y]);
    }
    feeds
}

fn describe(feed: &[ArrayD<f64>; 4]) -> String {
    format!(
        "X = {}, W = {}, b = {}, y = {}",
        list(feed[0].as_slice().unwrap_or(&[])),
        list(feed[1].as_slice().unwrap_or(&[])),
        list(feed[2].as_slice().unwrap_or(&[])),
        list(feed[3].as_slice().unwrap_or(&[]))
    )
}

/// A result the learner's code produced, or the panic that says why it could
/// not be used (the report shows the message as what the code gave).
fn or_panic(r: crate::error::Result<Vec<f64>>) -> Vec<f64> {
    match r {
        Ok(v) => v,
        // A step of the wrong shape, or one returning NaN: shown as what it is.
        Err(e) => panic!("{e}"),
    }
}

fn names(feed: &[ArrayD<f64>; 4]) -> Vec<String> {
    let mut out = Vec::new();
    for (name, v) in ["X", "W", "b", "y"].iter().zip(feed) {
        for i in 0..v.len() {
            out.push(format!("∂C/∂{name}, entry {i}"));
        }
    }
    out
}

/// Checks a `Sigmoid.backward` step, `sigmoid_backward(s, grad_cost)`, by
/// running the lesson's graph with it plugged in (see
/// [`MiniFlow::forward_and_backward_with`]) and comparing every input's
/// gradient. Case 0 is the lesson's feed; then 8 seeded random feeds.
///
/// ```
/// use backprop_lab::exercises::check_sigmoid_backward;
/// let r = check_sigmoid_backward(|s, g| s.mapv(|v| v * (1.0 - v)) * g);
/// assert!(r.is_right());
/// ```
pub fn check_sigmoid_backward(
    sigmoid_backward: impl Fn(&ArrayD<f64>, &ArrayD<f64>) -> ArrayD<f64>,
) -> CheckReport {
    let feeds = feeds();
    let right = |s: &ArrayD<f64>, g: &ArrayD<f64>| s.mapv(|v| v * (1.0 - v)) * g;
    let cases: Vec<Case> = feeds
        .iter()
        .map(|feed| {
            let go = |step: &Step| {
                run(feed, |g, order| g.forward_and_backward_with(order, step))
                    .expect("the crate's steps fit the graph")
            };
            Case {
                label: String::new(),
                input: describe(feed),
                names: names(feed),
                expected: go(&right),
                mistaken: vec![
                    go(&|s, _g| s.mapv(|v| v * (1.0 - v))),
                    go(&|s, g| s.mapv(|v| sigmoid(v) * (1.0 - sigmoid(v))) * g),
                    go(&|s, g| -(s.mapv(|v| v * (1.0 - v)) * g)),
                    go(&|s, g| s * g),
                ],
            }
        })
        .collect();
    judge_lists(
        "Sigmoid.backward",
        "Sigmoid.backward",
        &MISTAKES,
        &cases,
        |i| {
            or_panic(run(&feeds[i], |g, order| {
                g.forward_and_backward_with(order, &sigmoid_backward)
            }))
        },
    )
}

const LINEAR_MISTAKES: [Mistake; 4] = [
    Mistake {
        name: "X not transposed in ∂C/∂W",
        hint: "∂C/∂W = Xᵀ·G: each weight w_jk collects x_ij · g_ik summed over the examples i, which is Xᵀ times G",
    },
    Mistake {
        name: "mean instead of sum over the batch",
        hint: "b is added to every row, so ∂C/∂b sums G over the rows; any averaging is already inside G (the MSE node divides by m)",
    },
    Mistake {
        name: "∂C/∂b from the first example only",
        hint: "every example's row of G contributes to ∂C/∂b: sum G over axis 0",
    },
    Mistake {
        name: "sign flipped",
        hint: "F = XW + b has no minus sign: ∂C/∂X = G·Wᵀ, ∂C/∂W = Xᵀ·G, ∂C/∂b = Σ_rows G",
    },
];

/// A linear backward step as the learner writes it: `(X, W, G) → (∂C/∂X, ∂C/∂W, ∂C/∂b)`.
type LinearStep<'a> = dyn Fn(&Array2<f64>, &Array2<f64>, &Array2<f64>) -> (Array2<f64>, Array2<f64>, Array1<f64>)
    + 'a;

/// Checks a `Linear.backward` step, `linear_backward(X, W, G)` returning
/// `(∂C/∂X, ∂C/∂W, ∂C/∂b)`, the lesson's stretch exercise, by running the
/// lesson's graph with it plugged in (see
/// [`MiniFlow::forward_and_backward_with_linear`]) and comparing every input's
/// gradient. Case 0 is the lesson's feed; then 8 seeded random feeds.
///
/// ```
/// use backprop_lab::exercises::check_linear_backward;
/// let r = check_linear_backward(|x, w, g| (g.dot(&w.t()), x.t().dot(g), g.sum_axis(ndarray::Axis(0))));
/// assert!(r.is_right());
/// ```
pub fn check_linear_backward(
    linear_backward: impl Fn(
        &Array2<f64>,
        &Array2<f64>,
        &Array2<f64>,
    ) -> (Array2<f64>, Array2<f64>, Array1<f64>),
) -> CheckReport {
    let feeds = feeds();
    let cases: Vec<Case> = feeds
        .iter()
        .map(|feed| {
            let go = |step: &LinearStep<'_>| {
                run(feed, |g, order| {
                    g.forward_and_backward_with_linear(order, step)
                })
                .expect("the crate's steps fit the graph")
            };
            let sum = |g: &Array2<f64>| g.sum_axis(Axis(0));
            Case {
                label: String::new(),
                input: describe(feed),
                names: names(feed),
                expected: go(&|x, w, g| (g.dot(&w.t()), x.t().dot(g), sum(g))),
                mistaken: vec![
                    go(&|x, w, g| (g.dot(&w.t()), x.dot(g), sum(g))),
                    go(&|x, w, g| {
                        let mean = sum(g) / g.nrows() as f64;
                        (g.dot(&w.t()), x.t().dot(g), mean)
                    }),
                    go(&|x, w, g| (g.dot(&w.t()), x.t().dot(g), g.row(0).to_owned())),
                    go(&|x, w, g| (-g.dot(&w.t()), -x.t().dot(g), -sum(g))),
                ],
            }
        })
        .collect();
    judge_lists(
        "Linear.backward",
        "Linear.backward",
        &LINEAR_MISTAKES,
        &cases,
        |i| {
            or_panic(run(&feeds[i], |g, order| {
                g.forward_and_backward_with_linear(order, &linear_backward)
            }))
        },
    )
}
