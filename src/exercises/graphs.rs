//! Lab 01's exercises: the boxes of the lab's two computation graphs, forward
//! values and derivatives, written as functions of the graph's inputs.

use rand::RngExt;

use super::report::{judge_lists, Case, CheckReport, Mistake};
use crate::io::random::seeded_rng;
use crate::show::num;

const SQUARE_MISTAKES: [Mistake; 4] = [
    Mistake {
        name: "forgot the chain factor ∂a/∂w = 3",
        hint: "∂J/∂w = ∂a/∂w · ∂J/∂a = 3 · 2a: the rate of a in w multiplies the rate of J in a",
    },
    Mistake {
        name: "dropped the 2 of a²",
        hint: "∂J/∂a = 2a for J = a²",
    },
    Mistake {
        name: "left out the constant in a = 2 + 3w",
        hint: "a = 2 + 3w; the constant shifts every value to the right of it",
    },
    Mistake {
        name: "added the local derivatives instead of multiplying them",
        hint: "the chain rule multiplies along a path: 3 · 2a, not 3 + 2a",
    },
];

/// Checks the boxes of `J = (2 + 3w)²` as a function of `w`:
/// `square_boxes(w) -> [a, J, ∂J/∂a, ∂J/∂w]` with `a = 2 + 3w`. Case 0 is the
/// lab's `w = 3`, whose boxes it prints as `a = 11, J = 121, ∂J/∂a = 22, ∂J/∂w = 66`.
///
/// ```
/// use backprop_lab::exercises::check_square_boxes;
/// let r = check_square_boxes(|w| {
///     let a = 2.0 + 3.0 * w;
///     [a, a * a, 2.0 * a, 3.0 * 2.0 * a]
/// });
/// assert!(r.is_right());
/// ```
pub fn check_square_boxes(learner: impl Fn(f64) -> [f64; 4]) -> CheckReport {
    let mut ws = vec![3.0];
    let mut rng = seeded_rng(1_001);
    ws.extend((0..10).map(|_| rng.as_rand().random_range(-3.0..3.0)));
    let cases: Vec<Case> = ws
        .iter()
        .map(|&w| {
            let a = 2.0 + 3.0 * w;
            let a0 = 3.0 * w;
            Case {
                label: String::new(),
                input: format!("w = {}", num(w)),
                names: vec!["a".into(), "J".into(), "∂J/∂a".into(), "∂J/∂w".into()],
                expected: vec![a, a * a, 2.0 * a, 6.0 * a],
                mistaken: vec![
                    vec![a, a * a, 2.0 * a, 2.0 * a],
                    vec![a, a * a, a, 3.0 * a],
                    vec![a0, a0 * a0, 2.0 * a0, 6.0 * a0],
                    vec![a, a * a, 2.0 * a, 3.0 + 2.0 * a],
                ],
            }
        })
        .collect();
    judge_lists(
        "square_boxes",
        "square_boxes",
        &SQUARE_MISTAKES,
        &cases,
        |i| learner(ws[i]).to_vec(),
    )
}

const NETWORK_MISTAKES: [Mistake; 4] = [
    Mistake {
        name: "∂J/∂w without the factor x",
        hint: "c = w·x, so ∂c/∂w = x and ∂J/∂w = x · ∂J/∂c",
    },
    Mistake {
        name: "forgot the ½ in J = d²/2",
        hint: "J = ½d², so J halves d² and ∂J/∂d = d",
    },
    Mistake {
        name: "sign flipped",
        hint: "d = a − y, so ∂J/∂d = d = a − y; every derivative to its left carries that sign",
    },
    Mistake {
        name: "multiplied by the weight, not the input",
        hint: "∂c/∂w is the other factor of the product, x; the weight appears in ∂c/∂x",
    },
];

/// Checks the boxes of the lab's small network, `c = w·x`, `a = c + b`,
/// `d = a − y`, `J = ½d²`, as a function of `(x, w, b, y)`:
/// `network_boxes(x, w, b, y) -> [c, a, d, J, ∂J/∂d, ∂J/∂a, ∂J/∂c, ∂J/∂b, ∂J/∂w]`.
/// Case 0 is the lab's `x = 2, w = −2, b = 8, y = 1`, whose boxes it prints as
/// `c = −4, a = 4, d = 3, J = 4.5` and derivatives `3, 3, 3, 3, 6`.
///
/// ```
/// use backprop_lab::exercises::check_network_boxes;
/// let r = check_network_boxes(|x, w, b, y| {
///     let (c, a) = (w * x, w * x + b);
///     let d = a - y;
///     [c, a, d, d * d / 2.0, d, d, d, d, d * x]
/// });
/// assert!(r.is_right());
/// ```
pub fn check_network_boxes(learner: impl Fn(f64, f64, f64, f64) -> [f64; 9]) -> CheckReport {
    let mut inputs = vec![[2.0, -2.0, 8.0, 1.0]];
    let mut rng = seeded_rng(1_002);
    for _ in 0..10 {
        let mut r = || rng.as_rand().random_range(-3.0..3.0);
        inputs.push([r(), r(), r(), r()]);
    }
    let names = [
        "c",
        "a",
        "d",
        "J",
        "∂J/∂d",
        "∂J/∂a",
        "∂J/∂c",
        "∂J/∂b",
        "∂J/∂w",
    ];
    let cases: Vec<Case> = inputs
        .iter()
        .map(|&[x, w, b, y]| {
            let (c, a) = (w * x, w * x + b);
            let d = a - y;
            let j = d * d / 2.0;
            Case {
                label: String::new(),
                input: format!(
                    "x = {}, w = {}, b = {}, y = {}",
                    num(x),
                    num(w),
                    num(b),
                    num(y)
                ),
                names: names.iter().map(|s| s.to_string()).collect(),
                expected: vec![c, a, d, j, d, d, d, d, d * x],
                mistaken: vec![
                    vec![c, a, d, j, d, d, d, d, d],
                    vec![
                        c,
                        a,
                        d,
                        d * d,
                        2.0 * d,
                        2.0 * d,
                        2.0 * d,
                        2.0 * d,
                        2.0 * d * x,
                    ],
                    vec![c, a, d, j, -d, -d, -d, -d, -d * x],
                    vec![c, a, d, j, d, d, d, d, d * w],
                ],
            }
        })
        .collect();
    judge_lists(
        "network_boxes",
        "network_boxes",
        &NETWORK_MISTAKES,
        &cases,
        |i| {
            let [x, w, b, y] = inputs[i];
            learner(x, w, b, y).to_vec()
        },
    )
}
