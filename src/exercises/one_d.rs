//! Lab 05's exercise: backprop for the 1-D network, the four equations in
//! scalars (the walkthrough's `backprop_1D`, "EDIT HERE"). The cost of one
//! example is `C0 = (a3 − y)²`, so `∂C0/∂a3 = 2(a3 − y)`.

use super::model::{Part, Place, Shaped, Slip, Slips};
use super::report::{judge, list, CaseSpec, CheckReport, Exercise, Mistake};
use crate::dense::activation::{sigmoid, sigmoid_prime};
use crate::io::random::{normal_scalar, seeded_rng};
use crate::net1d::network::Net1d;
use crate::show::num;

static FORGOT_PRIME: Mistake = Mistake {
    name: "forgot σ′",
    hint: "every δ carries the activation's slope: δ3 = 2(a3 − y)·σ′(z3) and δi = w(i+1)·δ(i+1)·σ′(zi)",
};
static SIGMA_FOR_PRIME: Mistake = Mistake {
    name: "σ instead of σ′",
    hint: "the slope is σ′(z) = σ(z)(1 − σ(z)), not σ(z) itself",
};
static PRIME_AT_A: Mistake = Mistake {
    name: "σ′ at a instead of z",
    hint: "σ′ is taken at the weighted input: σ′(zi) = ai(1 − ai) with ai = σ(zi); σ′(ai) applies σ twice",
};
static FACTOR_2: Mistake = Mistake {
    name: "dropped the factor 2 of (a3 − y)²",
    hint: "this notebook's cost is C0 = (a3 − y)², so ∂C0/∂a3 = 2(a3 − y); the walkthrough (and notebook 06) drop the 2 by using ½(a3 − y)²",
};
static SIGN: Mistake = Mistake {
    name: "sign flipped",
    hint: "∂C0/∂a3 = 2(a3 − y): output minus target",
};
static Z_FOR_A: Mistake = Mistake {
    name: "used z where a belongs",
    hint: "BP1 takes the output a3 = σ(z3), and BP4 the activation feeding the weight, a(i−1), not the weighted input z",
};
static OFF_BY_ONE: Mistake = Mistake {
    name: "off-by-one layer index",
    hint: "BP4 multiplies δi by the activation *into* layer i, a(i−1) (x for layer 1), not by ai",
};
static WRONG_W: Mistake = Mistake {
    name: "off-by-one layer in the weight",
    hint: "δi comes back through the weight after layer i: δi = w(i+1)·δ(i+1)·σ′(zi), not wi",
};
static PRIME_NEXT: Mistake = Mistake {
    name: "off-by-one layer in σ′",
    hint: "δi takes the slope of its own layer: δi = w(i+1)·δ(i+1)·σ′(zi), not σ′(z(i+1))",
};
static FORGOT_UPSTREAM: Mistake = Mistake {
    name: "forgot the upstream gradient δ(i+1)",
    hint: "BP2 carries the error back: δi = w(i+1)·δ(i+1)·σ′(zi), with the δ of the layer after it",
};
static ADDED: Mistake = Mistake {
    name: "added instead of multiplied",
    hint: "the chain rule multiplies: δi = w(i+1)·δ(i+1)·σ′(zi), a product of all three",
};
static FORGOT_X: Mistake = Mistake {
    name: "forgot the input x (a0 = x)",
    hint: "layer 1's weight multiplies the input, so ∂C0/∂w1 = x·δ1, just as ∂C0/∂wi = a(i−1)·δi",
};
static BP3_COPIED: Mistake = Mistake {
    name: "BP3 copied from BP4 (∂C0/∂bi = a(i−1)·δi)",
    hint: "zi = wi·a(i−1) + bi, so ∂zi/∂bi = 1 and ∂C0/∂bi = δi, with no activation",
};
static FORWARD_NO_BIAS: Mistake = Mistake {
    name: "forgot the bias",
    hint:
        "the forward pass is zi = wi·a(i−1) + bi: every z, a and so every gradient needs the biases",
};
static REVERSED: Mistake = Mistake {
    name: "layers in reversed order (layer 3 first)",
    hint: "the backward pass meets layer 3 first, but each list runs from layer 1 to layer 3: [∂C0/∂w1, ∂C0/∂w2, ∂C0/∂w3]",
};
static SWAPPED: Mistake = Mistake {
    name: "swapped ∂C0/∂w and ∂C0/∂b",
    hint: "return (dc_dw, dc_db): the weights' gradients first, then the biases'",
};

const FORWARD: Place = Place::step("the forward pass");
const BP1: Place = Place::step("BP1");
const BP3: Place = Place::step("BP3");
const RETURNED: Place = Place::step("the returned pair");

fn catalogue() -> Vec<Slip> {
    let mut c = vec![Slip::new(&FORWARD_NO_BIAS, FORWARD)];
    for k in [&FORGOT_PRIME, &SIGMA_FOR_PRIME, &PRIME_AT_A] {
        c.push(Slip::new(k, BP1));
        for l in [2, 1] {
            c.push(Slip::new(k, Place::layer("BP2", l)));
        }
    }
    c.push(Slip::new(&FACTOR_2, BP1));
    c.push(Slip::new(&SIGN, BP1));
    c.push(Slip::new(&Z_FOR_A, BP1));
    for k in [&WRONG_W, &PRIME_NEXT, &FORGOT_UPSTREAM, &ADDED] {
        for l in [2, 1] {
            c.push(Slip::new(k, Place::layer("BP2", l)));
        }
    }
    c.push(Slip::new(&BP3_COPIED, BP3));
    c.push(Slip::new(&FORGOT_X, Place::layer("BP4", 1)));
    for l in 1..=3 {
        c.push(Slip::new(&OFF_BY_ONE, Place::layer("BP4", l)));
        if l > 1 {
            c.push(Slip::new(&Z_FOR_A, Place::layer("BP4", l)));
        }
    }
    c.push(Slip::new(&SWAPPED, RETURNED));
    c.push(Slip::new(&REVERSED, RETURNED));
    c
}

const EQUATIONS: [(&str, &str); 6] = [
    (
        "the forward pass",
        "zi = wi·a(i−1) + bi and ai = σ(zi), for i = 1, 2, 3, with a0 = x",
    ),
    ("BP1", "δ3 = 2(a3 − y)·σ′(z3)"),
    ("BP2", "δi = w(i+1)·δ(i+1)·σ′(zi), for i = 2 then 1"),
    ("BP3", "∂C0/∂bi = δi"),
    ("BP4", "∂C0/∂wi = a(i−1)·δi, with a0 = x"),
    (
        "the returned pair",
        "(dc_dw, dc_db) = ([∂C0/∂w1, ∂C0/∂w2, ∂C0/∂w3], [∂C0/∂b1, ∂C0/∂b2, ∂C0/∂b3])",
    ),
];

/// One case: a network and one example.
pub(crate) struct Case1d {
    net: Net1d,
    x: f64,
    y: f64,
}

/// σ′ as a slip at `place` computes it, for the layer with weighted input `z`.
fn slope(s: Slips, place: Place, z: f64) -> f64 {
    let at = if s.at(&PRIME_AT_A, place) {
        sigmoid(z)
    } else {
        z
    };
    if s.at(&FORGOT_PRIME, place) {
        1.0
    } else if s.at(&SIGMA_FOR_PRIME, place) {
        sigmoid(at)
    } else {
        sigmoid_prime(at)
    }
}

/// The forward pass, `(z, a)` of the three nodes, without the biases when a
/// slip says so.
fn forward(c: &Case1d, s: Slips) -> ([f64; 3], [f64; 3]) {
    let (mut z, mut a) = ([0.0; 3], [0.0; 3]);
    let mut prev = c.x;
    for i in 0..3 {
        let b = s.pick(&FORWARD_NO_BIAS, FORWARD, c.net.b[i], 0.0);
        z[i] = c.net.w[i] * prev + b;
        a[i] = sigmoid(z[i]);
        prev = a[i];
    }
    (z, a)
}

/// δ1, δ2, δ3 by BP1 and BP2 with the slips switched on.
fn deltas(c: &Case1d, z: &[f64; 3], a: &[f64; 3], s: Slips) -> [f64; 3] {
    let w = c.net.w;
    let out = s.pick(&Z_FOR_A, BP1, a[2], z[2]);
    let up = s.pick(&SIGN, BP1, 1.0, -1.0) * s.pick(&FACTOR_2, BP1, 2.0, 1.0) * (out - c.y);
    let mut delta = [0.0; 3];
    delta[2] = up * slope(s, BP1, z[2]);
    for i in (0..2).rev() {
        let place = Place::layer("BP2", i + 1);
        let weight = s.pick(&WRONG_W, place, w[i + 1], w[i]);
        let carried = weight * s.pick(&FORGOT_UPSTREAM, place, delta[i + 1], 1.0);
        let slope = slope(s, place, s.pick(&PRIME_NEXT, place, z[i], z[i + 1]));
        delta[i] = if s.at(&ADDED, place) {
            carried + slope
        } else {
            carried * slope
        };
    }
    delta
}

/// ∂C0/∂w1..3 by BP4 with the slips switched on.
fn weight_grads(c: &Case1d, z: &[f64; 3], a: &[f64; 3], delta: &[f64; 3], s: Slips) -> Vec<f64> {
    let (zs, acts) = ([c.x, z[0], z[1], z[2]], [c.x, a[0], a[1], a[2]]);
    (0..3)
        .map(|i| {
            let place = Place::layer("BP4", i + 1);
            if s.at(&FORGOT_X, place) {
                return delta[i];
            }
            let k = if s.at(&OFF_BY_ONE, place) { i + 1 } else { i };
            let into = if s.at(&Z_FOR_A, place) {
                zs[k]
            } else {
                acts[k]
            };
            into * delta[i]
        })
        .collect()
}

/// The six gradients with the slips switched on: `∂C0/∂w1..3`, `∂C0/∂b1..3`.
fn model(c: &Case1d, s: Slips) -> Result<Vec<Part>, String> {
    let (z, a) = forward(c, s);
    let delta = deltas(c, &z, &a, s);
    let dw = weight_grads(c, &z, &a, &delta, s);
    let db = if s.at(&BP3_COPIED, BP3) {
        dw.clone()
    } else {
        delta.to_vec()
    };
    let (mut first, mut second) = if s.at(&SWAPPED, RETURNED) {
        (db, dw)
    } else {
        (dw, db)
    };
    if s.at(&REVERSED, RETURNED) {
        first.reverse();
        second.reverse();
    }
    let mut parts: Vec<Part> = first
        .iter()
        .enumerate()
        .map(|(i, v)| {
            Part::scalar(
                format!("∂C0/∂w{}", i + 1),
                format!("BP4 (layer {})", i + 1),
                *v,
            )
        })
        .collect();
    parts.extend(second.iter().enumerate().map(|(i, v)| {
        Part::scalar(
            format!("∂C0/∂b{}", i + 1),
            format!("BP3 (layer {})", i + 1),
            *v,
        )
    }));
    Ok(parts)
}

/// Notebook 05's setup first (the first toy example and the nudge network,
/// `w3 = 1`), then seeded random networks and examples whose targets lie
/// above the output for some and below it for others.
fn cases() -> Vec<CaseSpec<Case1d>> {
    let (inputs, labels) = crate::dense::data::toy(1000).expect("a small data set");
    let mut setups = vec![(
        "the lab's".to_string(),
        Net1d::nudge_setup(4),
        inputs[[0, 0]],
        labels[[0, 0]],
    )];
    let mut r = seeded_rng(5_001);
    for k in 0..10 {
        let mut d = || normal_scalar(&mut r);
        let net = Net1d::new(d(), d(), d(), d(), d(), d()).expect("finite draws");
        let (x, y) = (d(), 0.5 + d());
        setups.push((format!("random #{}", k + 1), net, x, y));
    }
    setups
        .into_iter()
        .map(|(label, net, x, y)| {
            let input = format!(
                "w = {}, b = {}, x = {}, y = {}",
                list(&net.w),
                list(&net.b),
                num(x),
                num(y)
            );
            CaseSpec::new(label, input, Case1d { net, x, y })
        })
        .collect()
}

/// Checks `backprop_1d(net, x, y) -> (dc_dw, dc_db)`: the gradients of
/// `C0 = (a3 − y)²` for the 1-D network by BP1–BP4. Case 0 is notebook 05's
/// network and first toy example; then 10 seeded random networks and examples.
/// A slip made in one place (σ′ forgotten in BP2 for layer 1 only, say) is
/// named with its place.
///
/// ```
/// use backprop_lab::exercises::check_backprop_1d;
/// let r = check_backprop_1d(|net, x, y| {
///     let bp = net.backprop(x, y).unwrap();
///     (bp.dc_dw, bp.dc_db)
/// });
/// assert!(r.is_right());
/// // The ½ of notebook 06's cost used a notebook too early:
/// let r = check_backprop_1d(|net, x, y| {
///     let bp = net.backprop(x, y).unwrap();
///     (bp.dc_dw.map(|g| g / 2.0), bp.dc_db.map(|g| g / 2.0))
/// });
/// assert_eq!(r.mistake(), Some("dropped the factor 2 of (a3 − y)² in BP1"));
/// ```
pub fn check_backprop_1d(
    learner: impl Fn(&Net1d, f64, f64) -> ([f64; 3], [f64; 3]),
) -> CheckReport {
    let cases = cases();
    let catalogue = catalogue();
    let ex = Exercise {
        name: "backprop_1d",
        task: "(dc_dw, dc_db) for one example: δ3 by BP1, δ2 and δ1 by BP2, then each ∂C0/∂bi by BP3 and ∂C0/∂wi by BP4",
        cases: &cases,
        catalogue: &catalogue,
        model: &model,
        equations: &EQUATIONS,
    };
    judge(&ex, |c| {
        let (dw, db) = learner(&c.net, c.x, c.y);
        dw.iter().chain(&db).map(|v| Shaped::scalar(*v)).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lab_case_straddles_targets_and_the_reference_matches_the_crate() {
        let cases = cases();
        let mut above = 0;
        for c in &cases {
            let bp = c.data.net.backprop(c.data.x, c.data.y).unwrap();
            let parts = model(&c.data, Slips::NONE).unwrap();
            let want: Vec<f64> = bp.dc_dw.iter().chain(&bp.dc_db).copied().collect();
            assert_eq!(parts.len(), want.len());
            for (p, w) in parts.iter().zip(&want) {
                assert!((p.values[0] - w).abs() < 1e-12);
            }
            above += usize::from(bp.trace.output() > c.data.y);
        }
        assert!(above > 0 && above < cases.len(), "{above}");
    }

    #[test]
    fn a_slip_in_one_place_is_named_there() {
        let r = check_backprop_1d(|net, x, y| {
            let t = net.forward(x).unwrap();
            let d3 = 2.0 * (t.a[2] - y) * sigmoid_prime(t.z[2]);
            let d2 = net.w[2] * d3 * sigmoid_prime(t.z[1]);
            let d1 = net.w[1] * d2; // σ′ left out here only
            ([x * d1, t.a[0] * d2, t.a[1] * d3], [d1, d2, d3])
        });
        assert_eq!(r.mistake(), Some("forgot σ′ in BP2 (layer 1)"), "{r}");
        let r = check_backprop_1d(|net, x, y| {
            let bp = net.backprop(x, y).unwrap();
            let (mut dw, mut db) = (bp.dc_dw, bp.dc_db);
            dw.reverse();
            db.reverse();
            (dw, db)
        });
        assert_eq!(
            r.mistake(),
            Some("layers in reversed order (layer 3 first) in the returned pair"),
            "{r}"
        );
    }
}
