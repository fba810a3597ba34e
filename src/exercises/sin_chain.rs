//! Lab 03's exercises: the sine network's activation, its local partial
//! derivatives, `∂L/∂ŷ`, and the chain that combines them into `∂L/∂w`.

use rand::RngExt;

use super::report::{judge_lists, list, Case, CheckReport, Mistake};
use crate::io::random::{normal_scalar, seeded_rng};
use crate::sin_chain::{dldw, sin_chain_data, sin_network, SIN_DATA_N, SIN_DATA_SEED};

/// Seeded random cases after the lab's own.
const RANDOM_CASES: usize = 10;

/// Points in `[-3, 3]` (the data's range), from a fixed seed.
fn random_points(seed: u64, n: usize) -> Vec<f64> {
    let mut rng = seeded_rng(seed);
    (0..n)
        .map(|_| rng.as_rand().random_range(-3.0..3.0))
        .collect()
}

const ACTIVATION_MISTAKES: [Mistake; 4] = [
    Mistake {
        name: "the derivative returns the activation itself",
        hint: "der_act must return d/dx sin(x) = cos(x), not sin(x)",
    },
    Mistake {
        name: "sign flipped in the derivative",
        hint: "d/dx sin(x) = +cos(x); it is the derivative of cos that carries the minus sign",
    },
    Mistake {
        name: "activation and derivative swapped",
        hint: "act is sin(x) and der_act is cos(x)",
    },
    Mistake {
        name: "degrees instead of radians",
        hint: "f64::sin and f64::cos take radians; use x.sin() directly, without to_radians()",
    },
];

/// Checks the exercise's `A(x)` and `der_A(x)` (`act`, `der_act`): `sin` and its
/// derivative `cos`, at `x = 0.5` and at 10 seeded points in `[-3, 3]`.
///
/// ```
/// use backprop_lab::exercises::check_activation;
/// assert!(check_activation(f64::sin, f64::cos).is_right());
/// assert_eq!(check_activation(f64::sin, f64::sin).mistake(),
///            Some("the derivative returns the activation itself"));
/// ```
pub fn check_activation(act: impl Fn(f64) -> f64, der_act: impl Fn(f64) -> f64) -> CheckReport {
    let mut xs = vec![0.5];
    xs.extend(random_points(3_001, RANDOM_CASES));
    let cases: Vec<Case> = xs
        .iter()
        .map(|&x| {
            let r = x.to_radians();
            Case {
                label: String::new(),
                input: format!("x = {x}"),
                names: vec!["act(x)".into(), "der_act(x)".into()],
                expected: vec![x.sin(), x.cos()],
                mistaken: vec![
                    vec![x.sin(), x.sin()],
                    vec![x.sin(), -x.cos()],
                    vec![x.cos(), x.sin()],
                    vec![r.sin(), r.cos()],
                ],
            }
        })
        .collect();
    judge_lists(
        "act and der_act",
        "act and der_act",
        &ACTIVATION_MISTAKES,
        &cases,
        |i| vec![act(xs[i]), der_act(xs[i])],
    )
}

const DLDY_MISTAKES: [Mistake; 3] = [
    Mistake {
        name: "dropped the factor 2 of (ŷ − y)²",
        hint: "d/dŷ (ŷ − y)² = 2(ŷ − y): the exponent comes down as a factor",
    },
    Mistake {
        name: "sign flipped",
        hint: "differentiate by ŷ, the prediction: 2(ŷ − y), not 2(y − ŷ)",
    },
    Mistake {
        name: "returned the loss, not its derivative",
        hint: "(ŷ − y)² is the loss of one point; its derivative by ŷ is 2(ŷ − y)",
    },
];

/// Checks `dldy(y_pred, y)`, the derivative of one point's squared error
/// `(ŷ − y)²` by the prediction: `2(ŷ − y)`.
///
/// ```
/// use backprop_lab::exercises::check_dldy;
/// assert!(check_dldy(|p, y| 2.0 * (p - y)).is_right());
/// assert_eq!(check_dldy(|p, y| p - y).mistake(), Some("dropped the factor 2 of (ŷ − y)²"));
/// ```
pub fn check_dldy(dldy: impl Fn(f64, f64) -> f64) -> CheckReport {
    let mut pairs = vec![(0.3, -0.2)];
    let p = random_points(3_002, 2 * RANDOM_CASES);
    pairs.extend(p.chunks_exact(2).map(|c| (c[0] / 3.0, c[1] / 3.0)));
    let cases: Vec<Case> = pairs
        .iter()
        .map(|&(yp, y)| {
            let d = yp - y;
            Case {
                label: String::new(),
                input: format!("y_pred = {yp}, y = {y}"),
                names: vec!["dldy(y_pred, y)".into()],
                expected: vec![2.0 * d],
                mistaken: vec![vec![d], vec![-2.0 * d], vec![d * d]],
            }
        })
        .collect();
    judge_lists("dldy", "dldy", &DLDY_MISTAKES, &cases, |i| {
        vec![dldy(pairs[i].0, pairs[i].1)]
    })
}

const PARTIALS_MISTAKES: [Mistake; 4] = [
    Mistake {
        name: "applied the activation to the input for the first weight",
        hint: "a1 = x·w1, so ∂a1/∂w1 = x itself: the input layer has no activation",
    },
    Mistake {
        name: "left the activation out for the second weight",
        hint: "a2 = h1·w2 with h1 = sin(a1), so ∂a2/∂w2 = sin(a1), not a1",
    },
    Mistake {
        name: "used the activation instead of its derivative",
        hint: "∂h/∂a and ∂ŷ/∂a are the derivative of sin at a: cos(a)",
    },
    Mistake {
        name: "∂a2/∂h1 taken as 1",
        hint: "a2 = h1·w2, so ∂a2/∂h1 = w2, the weight",
    },
];

/// Checks the four local partials of the sine network, each a one-liner:
/// `dadw(v, first_weight)` (`v` itself for the first weight, `sin(v)` for the
/// second, where `v` is the affine value feeding it), `dhda(a) = cos(a)`,
/// `dyda(a) = cos(a)` and `dadh(w) = w`.
///
/// ```
/// use backprop_lab::exercises::check_local_partials;
/// let r = check_local_partials(
///     |v, first| if first { v } else { v.sin() },
///     f64::cos,
///     f64::cos,
///     |w| w,
/// );
/// assert!(r.is_right());
/// ```
pub fn check_local_partials(
    dadw: impl Fn(f64, bool) -> f64,
    dhda: impl Fn(f64) -> f64,
    dyda: impl Fn(f64) -> f64,
    dadh: impl Fn(f64) -> f64,
) -> CheckReport {
    let mut points = vec![(0.5, 1.5)];
    let p = random_points(3_003, 2 * RANDOM_CASES);
    points.extend(p.chunks_exact(2).map(|c| (c[0], c[1])));
    let names: Vec<String> = [
        "dadw(v, true)",
        "dadw(v, false)",
        "dhda(a)",
        "dyda(a)",
        "dadh(w)",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let cases: Vec<Case> = points
        .iter()
        .map(|&(v, w)| {
            let right = vec![v, v.sin(), v.cos(), v.cos(), w];
            let with = |k: usize, value: f64| {
                let mut m = right.clone();
                m[k] = value;
                m
            };
            let mut no_derivative = right.clone();
            no_derivative[2] = v.sin();
            no_derivative[3] = v.sin();
            Case {
                label: String::new(),
                input: format!("v = a = {v}, w = {w}"),
                names: names.clone(),
                expected: right.clone(),
                mistaken: vec![with(0, v.sin()), with(1, v), no_derivative, with(4, 1.0)],
            }
        })
        .collect();
    judge_lists(
        "dadw, dhda, dyda and dadh",
        "dadw, dhda, dyda and dadh",
        &PARTIALS_MISTAKES,
        &cases,
        |i| {
            let (v, w) = points[i];
            vec![dadw(v, true), dadw(v, false), dhda(v), dyda(v), dadh(w)]
        },
    )
}

const DLDW_MISTAKES: [Mistake; 5] = [
    Mistake {
        name: "summed over the points instead of taking the mean",
        hint: "L is the mean of the squared errors, so its gradient is the mean of the per-point gradients",
    },
    Mistake {
        name: "returned [∂L/∂w1, ∂L/∂w2]",
        hint: "the exercise returns the pair as [∂L/∂w2, ∂L/∂w1]",
    },
    Mistake {
        name: "forgot the output activation's derivative cos(a2)",
        hint: "ŷ = sin(a2), so every path to the loss passes through ∂ŷ/∂a2 = cos(a2)",
    },
    Mistake {
        name: "dropped the factor 2 of (ŷ − y)²",
        hint: "∂L/∂ŷ = 2(ŷ − y) for each point",
    },
    Mistake {
        name: "sign flipped",
        hint: "∂L/∂ŷ = 2(ŷ − y): prediction minus target",
    },
];

/// The exercise's data: the shipped points, or `n` seeded ones (`y` made by the
/// sine network at the true weights).
fn data(seed: u64, n: usize) -> (Vec<f64>, Vec<f64>) {
    if seed == 0 {
        return sin_chain_data(SIN_DATA_N, SIN_DATA_SEED).expect("the shipped data's size");
    }
    let x = random_points(seed, n);
    let y = sin_network([1.0, 1.5], &x).expect("finite points").y;
    (x, y)
}

/// Checks `dldw(w, x, y)`: the mean gradient `[∂L/∂w2, ∂L/∂w1]` of
/// `L = mean((ŷ − y)²)` over the data, combining the partials by the chain rule.
/// Case 0 is notebook 03's: the shipped data at the weights drawn from seed 310;
/// then random weights on random small data sets.
///
/// ```
/// use backprop_lab::exercises::check_dldw;
/// let r = check_dldw(|w, x, y| backprop_lab::sin_chain::dldw(w, x, y).unwrap());
/// assert!(r.is_right());
/// ```
pub fn check_dldw(learner: impl Fn([f64; 2], &[f64], &[f64]) -> [f64; 2]) -> CheckReport {
    let mut rng = seeded_rng(310);
    let w0 = [normal_scalar(&mut rng), normal_scalar(&mut rng)];
    let mut setups = vec![(w0, data(0, 0))];
    let mut wr = seeded_rng(3_004);
    for k in 0..RANDOM_CASES {
        let w = [normal_scalar(&mut wr), normal_scalar(&mut wr)];
        setups.push((w, data(3_100 + k as u64, 5 + k)));
    }
    let cases: Vec<Case> = setups
        .iter()
        .map(|(w, (x, y))| {
            let [g2, g1] = dldw(*w, x, y).expect("checked data");
            let n = x.len() as f64;
            let t = sin_network(*w, x).expect("checked data");
            // Without cos(a2): each point's factor 2(ŷ − y) alone.
            let (mut h2, mut h1) = (0.0, 0.0);
            for i in 0..x.len() {
                let up = 2.0 * (t.y[i] - y[i]);
                h2 += up * t.a1[i].sin();
                h1 += up * w[1] * t.a1[i].cos() * x[i];
            }
            Case {
                label: String::new(),
                input: format!("w = {}, x = {}", list(w), list(x)),
                names: vec![
                    "∂L/∂w2 (first entry)".into(),
                    "∂L/∂w1 (second entry)".into(),
                ],
                expected: vec![g2, g1],
                mistaken: vec![
                    vec![g2 * n, g1 * n],
                    vec![g1, g2],
                    vec![h2 / n, h1 / n],
                    vec![g2 / 2.0, g1 / 2.0],
                    vec![-g2, -g1],
                ],
            }
        })
        .collect();
    judge_lists("dldw", "dldw", &DLDW_MISTAKES, &cases, |i| {
        let (w, (x, y)) = &setups[i];
        learner(*w, x, y).to_vec()
    })
}
