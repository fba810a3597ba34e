//! Lab 06's bias exercise, the walkthrough's "give the equation for
//! `∂C0/∂b^L_j`": for every neuron `j` of the last layer,
//!
//! `∂C0/∂b^L_j = ∂z^L_j/∂b^L_j · σ′(z^L_j) · ∂C0/∂a^L_j = 1 · σ′(z^L_j) · (a^L_j − y_j) = δ^L_j`,
//!
//! with notebook 06's cost `C0 = ½‖a^L − y‖²`. The model computes each entry
//! as the product of three factors, `∂z_j/∂b_j`, the slope and the cost's
//! derivative, each of which a slip can replace: the slope forgotten, taken as
//! `σ(z)`, at `a`, or as the walkthrough's misprinted `σ(z)(1 − z)`; the cost's
//! derivative with notebook 05's factor 2, its sign flipped, `z` for `a`, or
//! left out; and `∂z_j/∂b_j` pattern-matched from BP4's `a^{L−1}_k`.

use super::model::{Part, Place, Shaped, Slip, Slips};
use super::report::{judge, list, CaseSpec, CheckReport, Exercise, Mistake, NOT_MODELLED};
use crate::dense::activation::{sigmoid, sigmoid_prime};
use crate::dense::{Activation, Init, Network};
use crate::io::random::{normal_scalar, seeded_rng, uniform_scalar};

static FORGOT_PRIME: Mistake = Mistake {
    name: "forgot σ′",
    hint: "b_j reaches the cost through a_j = σ(z_j), so the slope σ′(z_j) is a factor: ∂C0/∂b_j = σ′(z_j)·(a_j − y_j)",
};
static SIGMA_FOR_PRIME: Mistake = Mistake {
    name: "σ instead of σ′",
    hint: "the factor is the sigmoid's slope σ′(z) = σ(z)(1 − σ(z)), not σ(z) itself",
};
static PRIME_AT_A: Mistake = Mistake {
    name: "σ′ at a instead of z",
    hint: "σ′ is taken at the weighted input: σ′(z_j) = a_j(1 − a_j); σ′(a_j) applies σ twice",
};
static TYPO: Mistake = Mistake {
    name: "the walkthrough's misprint σ(z)(1 − z)",
    hint: "the walkthrough prints σ(z)(1 − z) here; the slope is σ(z)(1 − σ(z)) = a(1 − a)",
};
static FACTOR_2: Mistake = Mistake {
    name: "notebook 05's factor 2 carried over",
    hint: "notebook 05's cost (a − y)² has derivative 2(a − y); this notebook's C0 = ½‖a − y‖² has ∂C0/∂a_j = a_j − y_j",
};
static SIGN: Mistake = Mistake {
    name: "sign flipped",
    hint: "∂C0/∂a_j = a_j − y_j: output minus target",
};
static Z_FOR_A: Mistake = Mistake {
    name: "used z where a belongs",
    hint: "the cost compares the activation a_j = σ(z_j) with the target: a_j − y_j, not z_j − y_j",
};
static FORGOT_COST: Mistake = Mistake {
    name: "forgot the cost's derivative a − y",
    hint: "the chain ends at the cost: ∂C0/∂b_j = σ′(z_j)·∂C0/∂a_j, with ∂C0/∂a_j = a_j − y_j",
};
static BP4_SAME: Mistake = Mistake {
    name: "BP4's factor kept: δ_j times a_prev[j], an activation of the previous layer",
    hint: "z_j = Σ_k w_jk a_k + b_j, so ∂z_j/∂w_jk = a_k but ∂z_j/∂b_j = 1: the bias's gradient is δ_j alone",
};
static BP4_SUM: Mistake = Mistake {
    name: "BP4's factor kept: δ_j times the sum of the previous layer's activations",
    hint: "z_j = Σ_k w_jk a_k + b_j, so ∂z_j/∂b_j = 1: the bias's gradient is δ_j alone, not the sum of row j of ∂C0/∂W",
};

const DZ_DB: Place = Place::step("∂z_j/∂b_j");
const SLOPE: Place = Place::step("the slope ∂a_j/∂z_j");
const COST: Place = Place::step("the cost's derivative ∂C0/∂a_j");

const EQUATIONS: [(&str, &str); 3] = [
    ("∂z_j/∂b_j", "z_j = Σ_k w_jk a_k + b_j, so ∂z_j/∂b_j = 1"),
    (
        "the slope ∂a_j/∂z_j",
        "σ′(z_j) = σ(z_j)(1 − σ(z_j)) = a_j(1 − a_j)",
    ),
    (
        "the cost's derivative ∂C0/∂a_j",
        "C0 = ½Σ_j (a_j − y_j)², so ∂C0/∂a_j = a_j − y_j",
    ),
];

fn catalogue() -> Vec<Slip> {
    vec![
        Slip::new(&BP4_SAME, DZ_DB),
        Slip::new(&BP4_SUM, DZ_DB),
        Slip::new(&FORGOT_PRIME, SLOPE),
        Slip::new(&SIGMA_FOR_PRIME, SLOPE),
        Slip::new(&PRIME_AT_A, SLOPE),
        Slip::new(&TYPO, SLOPE),
        Slip::new(&FACTOR_2, COST),
        Slip::new(&SIGN, COST),
        Slip::new(&Z_FOR_A, COST),
        Slip::new(&FORGOT_COST, COST),
    ]
}

/// One case: the last layer's input `a^{L−1}`, its `z^L` and `a^L`, and the
/// target `y`.
pub(crate) struct BiasCase {
    a_prev: Vec<f64>,
    z: Vec<f64>,
    a: Vec<f64>,
    y: Vec<f64>,
}

/// How many of `kinds` are switched on at `place`.
fn count(s: Slips, place: Place, kinds: &[&Mistake]) -> usize {
    kinds.iter().filter(|k| s.at(k, place)).count()
}

/// `∂z_j/∂b_j` with the slips: 1, `a_prev[j]` or the sum of `a_prev`.
fn dz_db(c: &BiasCase, s: Slips, j: usize) -> f64 {
    if s.at(&BP4_SAME, DZ_DB) {
        c.a_prev[j]
    } else if s.at(&BP4_SUM, DZ_DB) {
        c.a_prev.iter().sum()
    } else {
        1.0
    }
}

/// The slope factor with the slips.
fn slope(s: Slips, z: f64, a: f64) -> f64 {
    if s.at(&FORGOT_PRIME, SLOPE) {
        1.0
    } else if s.at(&SIGMA_FOR_PRIME, SLOPE) {
        sigmoid(z)
    } else if s.at(&PRIME_AT_A, SLOPE) {
        sigmoid_prime(a)
    } else if s.at(&TYPO, SLOPE) {
        sigmoid(z) * (1.0 - z)
    } else {
        sigmoid_prime(z)
    }
}

/// The cost's derivative with the slips.
fn cost_factor(s: Slips, z: f64, a: f64, y: f64) -> f64 {
    if s.at(&FORGOT_COST, COST) {
        return 1.0;
    }
    let out = s.pick(&Z_FOR_A, COST, a, z);
    s.pick(&SIGN, COST, 1.0, -1.0) * s.pick(&FACTOR_2, COST, 1.0, 2.0) * (out - y)
}

/// `∂C0/∂b^L` with the slips switched on, as one column; two slips that
/// replace the same factor are not a mistake of their own.
fn model(c: &BiasCase, s: Slips) -> Result<Vec<Part>, String> {
    let slopes = [&FORGOT_PRIME, &SIGMA_FOR_PRIME, &PRIME_AT_A, &TYPO];
    if count(s, DZ_DB, &[&BP4_SAME, &BP4_SUM]) > 1
        || count(s, SLOPE, &slopes) > 1
        || (s.at(&FORGOT_COST, COST) && count(s, COST, &[&FACTOR_2, &SIGN, &Z_FOR_A]) > 0)
    {
        return Err(NOT_MODELLED.to_string());
    }
    if c.z.len() != c.a.len() || c.z.len() != c.y.len() || c.a_prev.len() < c.z.len() {
        return Err("the case's lengths do not match".to_string());
    }
    let grads = (0..c.z.len())
        .map(|j| dz_db(c, s, j) * slope(s, c.z[j], c.a[j]) * cost_factor(s, c.z[j], c.a[j], c.y[j]))
        .collect();
    Ok(vec![Part::vector("∂C0/∂b^L", "∂C0/∂b_j", grads)])
}

/// The last layer of `net` on the example `(x, y)`, as a case.
fn last_layer(net: &Network, x: &[f64], y: &[f64]) -> BiasCase {
    let t = net.forward_example(x).expect("finite weights and inputs");
    let n = t.activities.len();
    let col = |m: &ndarray::Array2<f64>| m.iter().copied().collect::<Vec<f64>>();
    BiasCase {
        a_prev: col(&t.activations[n - 1]),
        z: col(&t.activities[n - 1]),
        a: col(&t.activations[n]),
        y: y.to_vec(),
    }
}

/// Notebook 06's `[2, 3, 3, 1]` check network (seed 11) on the example
/// `x = (0.3, −0.8)`, `y = 1`; then seeded random networks whose last layer
/// has as many inputs as outputs or more (so that `a_prev[j]` exists for
/// every `j`), with 0/1 targets, some above the output and some below.
fn cases() -> Vec<CaseSpec<BiasCase>> {
    let lab = Network::random(&[2, 3, 3, 1], Activation::Sigmoid, Init::Normal, 11)
        .expect("a valid network");
    let mut setups = vec![(
        "the lab's".to_string(),
        last_layer(&lab, &[0.3, -0.8], &[1.0]),
    )];
    let mut rng = seeded_rng(6_600);
    let sizes: [[usize; 3]; 6] = [
        [2, 3, 2],
        [3, 2, 2],
        [2, 4, 3],
        [1, 3, 3],
        [2, 5, 2],
        [3, 4, 4],
    ];
    for (k, s) in sizes.iter().enumerate() {
        let net = Network::random(s, Activation::Sigmoid, Init::Normal, 6_610 + k as u64)
            .expect("a valid network");
        let x: Vec<f64> = (0..s[0]).map(|_| normal_scalar(&mut rng)).collect();
        let y: Vec<f64> = (0..s[2])
            .map(|_| f64::from(u8::from(uniform_scalar(&mut rng) < 0.5)))
            .collect();
        setups.push((format!("random #{}", k + 1), last_layer(&net, &x, &y)));
    }
    setups
        .into_iter()
        .map(|(label, c)| {
            let input = format!(
                "a_prev = {}, z = {}, a = {}, y = {}",
                list(&c.a_prev),
                list(&c.z),
                list(&c.a),
                list(&c.y)
            );
            let mut spec = CaseSpec::new(label, input, c);
            spec.shapes
                .push(("∂C0/∂b^L".to_string(), (spec.data.z.len(), 1)));
            spec
        })
        .collect()
}

/// Checks `dc_db(a_prev, z, a, y) -> Vec<f64>`: `∂C0/∂b^L_j` for every neuron
/// `j` of the last layer, given the layer's input `a_prev` (`a^{L−1}`), its
/// `z^L`, its `a^L = σ(z^L)` and the target `y`, for notebook 06's cost
/// `C0 = ½‖a^L − y‖²`. The answer is `δ^L_j = (a_j − y_j)·σ′(z_j)`: `a_prev`
/// is not needed, since `∂z_j/∂b_j = 1`. Case 0 is notebook 06's check
/// network; then six seeded random last layers.
///
/// ```
/// use backprop_lab::dense::sigmoid_prime;
/// use backprop_lab::exercises::check_bias_gradient;
/// let r = check_bias_gradient(|_a_prev, z, a, y| {
///     (0..z.len()).map(|j| (a[j] - y[j]) * sigmoid_prime(z[j])).collect()
/// });
/// assert!(r.is_right());
/// // BP4 pattern-matched: the previous layer's activation kept as a factor.
/// let r = check_bias_gradient(|a_prev, z, a, y| {
///     (0..z.len()).map(|j| a_prev[j] * (a[j] - y[j]) * sigmoid_prime(z[j])).collect()
/// });
/// assert!(r.mistake().unwrap().starts_with("BP4's factor kept"));
/// ```
pub fn check_bias_gradient(
    learner: impl Fn(&[f64], &[f64], &[f64], &[f64]) -> Vec<f64>,
) -> CheckReport {
    let cases = cases();
    let catalogue = catalogue();
    let ex = Exercise {
        name: "dc_db",
        task: "∂C0/∂b^L_j for every neuron j of the last layer, with C0 = ½‖a − y‖²",
        cases: &cases,
        catalogue: &catalogue,
        model: &model,
        equations: &EQUATIONS,
    };
    judge(&ex, |c| {
        vec![Shaped::list(&learner(&c.a_prev, &c.z, &c.a, &c.y))]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_is_the_crates_delta_and_targets_straddle_outputs() {
        let cases = cases();
        let (mut above, mut below) = (0, 0);
        for c in &cases {
            let d = &c.data;
            let want: Vec<f64> = (0..d.z.len())
                .map(|j| (d.a[j] - d.y[j]) * sigmoid_prime(d.z[j]))
                .collect();
            let got = model(d, Slips::NONE).unwrap();
            assert_eq!(got[0].values, want);
            assert!(d.a_prev.len() >= d.z.len());
            for j in 0..d.z.len() {
                above += usize::from(d.a[j] > d.y[j]);
                below += usize::from(d.a[j] < d.y[j]);
            }
        }
        assert!(above > 0 && below > 0, "{above} {below}");
    }

    #[test]
    fn the_lab_case_is_notebook_06s_check_network() {
        // The crate's backprop on the same network and example: its last
        // bias gradient is δ^L, what the reference gives for case 0.
        let net = Network::random(&[2, 3, 3, 1], Activation::Sigmoid, Init::Normal, 11).unwrap();
        let g = crate::backprop::backprop_1_example(&net, &[0.3, -0.8], &[1.0]).unwrap();
        let want = g.gradients.nabla_b[2][[0, 0]];
        let got = model(&cases()[0].data, Slips::NONE).unwrap()[0].values[0];
        assert!((got - want).abs() < 1e-15, "{got} {want}");
    }
}
