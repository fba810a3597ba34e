//! Lab 06's update step: the mini-batch gradient descent step that
//! [`train`](crate::training::train) takes after backprop has summed the gradients of
//! one batch,
//!
//! `Wˡ ← Wˡ − (η/m) ∇Wˡ`, `bˡ ← bˡ − (η/m) ∇bˡ` for every layer `l`,
//!
//! where `∇` is the gradient **summed** over the batch's `m` examples (the
//! crate's convention, the walkthrough's and Nielsen's): the division by `m`
//! happens here, once, and turns the sum into the mean.
//!
//! The model computes each updated matrix as `P − c·G` with the step size `c`
//! a slip gives: the sum not divided (`η`), divided twice (`η/m²`), `1/m` as
//! integer division, `η` twice (`η²/m`) or forgotten (`1/m`); or with the sign
//! flipped (`P + c·G`), or the matrix left as it was.

use ndarray::Array2;

use super::model::{Part, Place, Shaped, Slip, Slips};
use super::network::sup;
use super::report::{judge, CaseSpec, CheckReport, Exercise, Mistake, NOT_MODELLED};
use crate::backprop::gradients::Gradients;
use crate::io::random::{normal_scalar, seeded_rng};

static ASCENT: Mistake = Mistake {
    name: "sign flipped: a step uphill",
    hint: "gradient descent subtracts the gradient, P ← P − (η/m)∇P; adding it climbs the cost (gradient ascent)",
};
static SUM: Mistake = Mistake {
    name: "the sum instead of the mean: η not divided by m",
    hint: "the gradients arrive summed over the batch, so divide by the batch size m once: the step is (η/m)∇P",
};
static MEAN_TWICE: Mistake = Mistake {
    name: "divided by m twice",
    hint: "the gradients arrive summed over the batch (not averaged), so one division by m makes them a mean; a second makes every step m times too small",
};
static INT_DIV: Mistake = Mistake {
    name: "1/m in integer arithmetic",
    hint: "1 / m with an integer m is 0 for every m > 1; convert first: eta / m as f64",
};
static ETA_TWICE: Mistake = Mistake {
    name: "η applied twice",
    hint: "η multiplies the step once: (η/m)∇P, not η·(η/m)∇P",
};
static NO_ETA: Mistake = Mistake {
    name: "forgot η",
    hint: "the step is η/m times the summed gradient; without η it is ∇P/m",
};
static FORGOT_BIAS: Mistake = Mistake {
    name: "forgot to update the biases",
    hint: "the biases learn too: bˡ ← bˡ − (η/m)∇bˡ, next to the weights in the same loop",
};
static NOT_UPDATED: Mistake = Mistake {
    name: "layer not updated",
    hint: "loop over every layer, 0..weights.len(), and write the new matrix back into weights[l] (a new matrix that is never assigned changes nothing)",
};

/// The network of every case has two weight layers, so every case has the
/// same places.
const LAYERS: usize = 2;
const W_STEP: &str = "the weight update";
const B_STEP: &str = "the bias update";
const LOOP: &str = "the loop over layers";

const UPDATE_EQUATIONS: [(&str, &str); 3] = [
    (
        W_STEP,
        "Wˡ ← Wˡ − (η/m) ∇Wˡ, with ∇Wˡ summed over the batch",
    ),
    (B_STEP, "bˡ ← bˡ − (η/m) ∇bˡ"),
    (LOOP, "every layer l = 1 … L is updated"),
];

fn update_catalogue() -> Vec<Slip> {
    let mut c = Vec::new();
    for kind in [&ASCENT, &SUM, &MEAN_TWICE, &INT_DIV, &ETA_TWICE, &NO_ETA] {
        for step in [W_STEP, B_STEP] {
            for l in 1..=LAYERS {
                c.push(Slip::new(kind, Place::layer(step, l)));
            }
        }
    }
    for l in 1..=LAYERS {
        c.push(Slip::new(&FORGOT_BIAS, Place::layer(B_STEP, l)));
        c.push(Slip::new(&NOT_UPDATED, Place::layer(LOOP, l)));
    }
    c
}

/// One case: the parameters before the step, the summed gradients, `η` and `m`.
pub(crate) struct UpdateCase {
    weights: Vec<Array2<f64>>,
    biases: Vec<Array2<f64>>,
    grads: Gradients,
    eta: f64,
    m: usize,
}

/// The step size `c` at `place` with the slips, or `None` when two slips there
/// replace the same factor (not a mistake of its own).
fn step_size(s: Slips, place: Place, eta: f64, m: usize) -> Option<f64> {
    let mf = m as f64;
    let divisors = [
        (s.at(&SUM, place), 1.0),
        (s.at(&MEAN_TWICE, place), mf * mf),
        (s.at(&INT_DIV, place), f64::NAN),
    ];
    let etas = [
        (s.at(&ETA_TWICE, place), eta * eta),
        (s.at(&NO_ETA, place), 1.0),
    ];
    if divisors.iter().filter(|d| d.0).count() > 1 || etas.iter().filter(|e| e.0).count() > 1 {
        return None;
    }
    let top = etas.iter().find(|e| e.0).map_or(eta, |e| e.1);
    let c = match divisors.iter().find(|d| d.0) {
        // (1 / m) as f64 * η: 1 for m = 1, else 0.
        Some(d) if d.1.is_nan() => top * f64::from(u8::from(m == 1)),
        Some(d) => top / d.1,
        None => top / mf,
    };
    Some(s.pick(&ASCENT, place, c, -c))
}

fn update_model(c: &UpdateCase, s: Slips) -> Result<Vec<Part>, String> {
    let mut parts = Vec::new();
    for (step, params, grads, name) in [
        (W_STEP, &c.weights, &c.grads.nabla_w, "W"),
        (B_STEP, &c.biases, &c.grads.nabla_b, "b"),
    ] {
        for (l, (p, g)) in params.iter().zip(grads).enumerate() {
            let place = Place::layer(step, l + 1);
            let step_c = step_size(s, place, c.eta, c.m).ok_or(NOT_MODELLED)?;
            let kept = s.at(&NOT_UPDATED, Place::layer(LOOP, l + 1))
                || (step == B_STEP && s.at(&FORGOT_BIAS, place));
            let new = if kept { p.clone() } else { p - &(g * step_c) };
            parts.push(Part::matrix(
                format!("{name}{} after the step", sup(l + 1)),
                place.label(),
                &new,
            ));
        }
    }
    Ok(parts)
}

/// The cases: the lab's (notebook 06's `[2, 3, 1]` shapes, `η = 0.5`, a batch
/// of 10), a batch of one (where the sum is the mean, and `1/m` in integers is
/// 1), square layers, then seeded random ones with `η` and `m` chosen so that
/// `η/m`, `η`, `η/m²`, `η²/m` and `1/m` all differ.
fn update_cases() -> Vec<CaseSpec<UpdateCase>> {
    let setups: [(&str, [usize; 3], f64, usize); 6] = [
        ("the lab's", [2, 3, 1], 0.5, 10),
        ("a batch of one", [2, 2, 1], 0.3, 1),
        ("square layers", [2, 2, 2], 3.0, 4),
        ("random #1", [3, 4, 2], 0.1, 5),
        ("random #2", [1, 3, 3], 2.5, 7),
        ("random #3", [4, 2, 3], 0.05, 20),
    ];
    let mut rng = seeded_rng(6_300);
    setups
        .into_iter()
        .map(|(label, sizes, eta, m)| {
            let mut draw = |r: usize, c: usize| {
                Array2::from_shape_fn((r, c), |_| {
                    (100.0 * normal_scalar(&mut rng)).round() / 100.0
                })
            };
            let shapes = [(sizes[1], sizes[0]), (sizes[2], sizes[1])];
            let weights: Vec<_> = shapes.iter().map(|&(r, c)| draw(r, c)).collect();
            let biases: Vec<_> = shapes.iter().map(|&(r, _)| draw(r, 1)).collect();
            let nabla_w = shapes.iter().map(|&(r, c)| draw(r, c)).collect();
            let nabla_b = shapes.iter().map(|&(r, _)| draw(r, 1)).collect();
            let input = format!("layer sizes {sizes:?}, η = {eta}, a batch of m = {m}");
            let mut spec = CaseSpec::new(
                label,
                input,
                UpdateCase {
                    weights,
                    biases,
                    grads: Gradients { nabla_w, nabla_b },
                    eta,
                    m,
                },
            );
            for (l, &(r, c)) in shapes.iter().enumerate() {
                spec.shapes.push((format!("W{}", sup(l + 1)), (r, c)));
                spec.shapes.push((format!("b{}", sup(l + 1)), (r, 1)));
            }
            spec
        })
        .collect()
}

/// Checks `update_step(weights, biases, grads, eta, m)`, the step
/// [`train`](crate::training::train) takes after every batch: it changes `weights` and
/// `biases` in place to `Wˡ − (η/m) ∇Wˡ` and `bˡ − (η/m) ∇bˡ`, where `grads`
/// holds the gradients **summed** over the batch's `m` examples (as
/// [`backprop_gemm`](crate::backprop::backprop_gemm) returns them), so dividing by `m`
/// once turns the sum into the mean. Six cases of two-layer parameters with
/// different `η` and `m`, a batch of one among them.
///
/// ```
/// use backprop_lab::exercises::check_update_step;
/// let r = check_update_step(|weights, biases, grads, eta, m| {
///     let step = eta / m as f64;
///     for l in 0..weights.len() {
///         weights[l].scaled_add(-step, &grads.nabla_w[l]);
///         biases[l].scaled_add(-step, &grads.nabla_b[l]);
///     }
/// });
/// assert!(r.is_right());
/// // Nielsen's sum without the division by the batch size.
/// let r = check_update_step(|weights, biases, grads, eta, _m| {
///     for l in 0..weights.len() {
///         weights[l].scaled_add(-eta, &grads.nabla_w[l]);
///         biases[l].scaled_add(-eta, &grads.nabla_b[l]);
///     }
/// });
/// assert!(r.mistake().unwrap().starts_with("the sum instead of the mean"));
/// ```
pub fn check_update_step(
    learner: impl Fn(&mut [Array2<f64>], &mut [Array2<f64>], &Gradients, f64, usize),
) -> CheckReport {
    let cases = update_cases();
    let catalogue = update_catalogue();
    let ex = Exercise {
        name: "update_step",
        task: "change weights and biases in place by one gradient descent step: Wˡ −= (η/m)·∇Wˡ and bˡ −= (η/m)·∇bˡ for every layer, the gradients being sums over the batch",
        cases: &cases,
        catalogue: &catalogue,
        model: &update_model,
        equations: &UPDATE_EQUATIONS,
    };
    judge(&ex, |c| {
        let (mut w, mut b) = (c.weights.clone(), c.biases.clone());
        learner(&mut w, &mut b, &c.grads, c.eta, c.m);
        let mut out = Shaped::matrices(&w);
        out.extend(Shaped::matrices(&b));
        out
    })
}
