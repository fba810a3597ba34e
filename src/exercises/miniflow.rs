//! Lab 02's exercise: the `Sigmoid` node's backward step, plugged into the
//! lesson's graph `cost = MSE(y, σ(XW + b))`.

use ndarray::{array, ArrayD};

use super::report::{judge, list, Case, CheckReport, Mistake};
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

/// Every input's gradient, flattened in the order X, W, b, y, with `step` as
/// the sigmoid backward step.
fn run(
    feed: &[ArrayD<f64>; 4],
    step: impl Fn(&ArrayD<f64>, &ArrayD<f64>) -> ArrayD<f64>,
) -> crate::error::Result<Vec<f64>> {
    let mut q = quiz(feed.clone());
    q.graph.forward_and_backward_with(&q.order, step)?;
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
    let right = |s: &ArrayD<f64>, g: &ArrayD<f64>| s.mapv(|v| v * (1.0 - v)) * g;
    let cases: Vec<Case> = feeds
        .iter()
        .map(|feed| {
            let go = |step: &Step| run(feed, step).expect("the crate's steps fit the graph");
            Case {
                label: String::new(),
                input: format!(
                    "X = {}, W = {}, b = {}, y = {}",
                    list(feed[0].as_slice().unwrap_or(&[])),
                    list(feed[1].as_slice().unwrap_or(&[])),
                    list(feed[2].as_slice().unwrap_or(&[])),
                    list(feed[3].as_slice().unwrap_or(&[]))
                ),
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
    judge("Sigmoid.backward", &MISTAKES, &cases, |i| {
        match run(&feeds[i], &sigmoid_backward) {
            Ok(v) => v,
            // A step of the wrong shape, or one returning NaN: shown as what it is.
            Err(e) => panic!("{e}"),
        }
    })
}
