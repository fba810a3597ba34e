//! Lab 05's exercise: backprop for the 1-D network, the four equations in
//! scalars (the walkthrough's `backprop_1D`, "EDIT HERE").

use super::report::{judge_lists, list, Case, CheckReport, Mistake};
use crate::engine::sigmoid::sigmoid_prime;
use crate::io::random::{normal_scalar, seeded_rng};
use crate::net1d::network::Net1d;
use crate::show::num;

const MISTAKES: [Mistake; 6] = [
    Mistake {
        name: "forgot σ′",
        hint: "every δ carries the activation's slope: δ3 = 2(a3 − y)·σ′(z3) and δi = w(i+1)·δ(i+1)·σ′(zi)",
    },
    Mistake {
        name: "dropped the factor 2 of (a3 − y)²",
        hint: "this notebook's cost is C0 = (a3 − y)², so ∂C0/∂a3 = 2(a3 − y); the walkthrough drops the 2 by using ½(a3 − y)²",
    },
    Mistake {
        name: "used z where a belongs",
        hint: "BP4 is ∂C0/∂wi = a(i−1)·δi: the activation feeding the weight, not its pre-activation z",
    },
    Mistake {
        name: "off-by-one layer index",
        hint: "BP4 multiplies δi by the activation *into* layer i, a(i−1) (x for layer 1), not by ai",
    },
    Mistake {
        name: "sign flipped",
        hint: "∂C0/∂a3 = 2(a3 − y): output minus target",
    },
    Mistake {
        name: "σ′ taken at a instead of z",
        hint: "σ′ is evaluated at the pre-activation: σ′(zi) = σ(zi)(1 − σ(zi)), not σ′(ai)",
    },
];

/// The six gradients `[dC/dw1, dC/dw2, dC/dw3, dC/db1, dC/db2, dC/db3]` for
/// one variant of the equations, from a forward pass `(z, a)`.
struct Variant {
    two: f64,
    sign: f64,
    prime_at_a: bool,
    no_prime: bool,
    /// Which value multiplies δi in BP4: 0 the activation into the layer,
    /// 1 its pre-activation z, 2 the layer's own activation.
    bp4: u8,
}

fn gradients(net: &Net1d, x: f64, y: f64, v: &Variant) -> Vec<f64> {
    let t = net.forward_unchecked(x);
    let (z, a) = (t.z, t.a);
    let slope = |i: usize| {
        if v.no_prime {
            1.0
        } else if v.prime_at_a {
            sigmoid_prime(a[i])
        } else {
            sigmoid_prime(z[i])
        }
    };
    let mut delta = [0.0; 3];
    delta[2] = v.sign * v.two * (a[2] - y) * slope(2);
    for i in (0..2).rev() {
        delta[i] = net.w[i + 1] * delta[i + 1] * slope(i);
    }
    let into = |i: usize| match v.bp4 {
        0 => {
            if i == 0 {
                x
            } else {
                a[i - 1]
            }
        }
        1 => {
            if i == 0 {
                x
            } else {
                z[i - 1]
            }
        }
        _ => a[i],
    };
    let mut out: Vec<f64> = (0..3).map(|i| into(i) * delta[i]).collect();
    out.extend(delta);
    out
}

/// Checks `backprop_1d(net, x, y) -> (dc_dw, dc_db)`: the gradients of
/// `C0 = (a3 − y)²` for the 1-D network by BP1–BP4. Case 0 is notebook 05's
/// network and first toy example; then 10 seeded random networks and examples.
///
/// ```
/// use backprop_lab::exercises::check_backprop_1d;
/// let r = check_backprop_1d(|net, x, y| {
///     let bp = net.backprop(x, y).unwrap();
///     (bp.dc_dw, bp.dc_db)
/// });
/// assert!(r.is_right());
/// ```
pub fn check_backprop_1d(
    learner: impl Fn(&Net1d, f64, f64) -> ([f64; 3], [f64; 3]),
) -> CheckReport {
    let mut setups = Vec::new();
    // Notebook 05's setup: the first toy example and the nudge network (w3 = 1).
    let (inputs, labels) = crate::dense::data::toy(1000).expect("a small data set");
    let lab = Net1d::nudge_setup(4);
    setups.push((lab, inputs[[0, 0]], labels[[0, 0]]));
    let mut r = seeded_rng(5_001);
    for _ in 0..10 {
        let mut d = || normal_scalar(&mut r);
        let net = Net1d::new(d(), d(), d(), d(), d(), d()).expect("finite draws");
        let (x, y) = (d(), d());
        setups.push((net, x, y));
    }
    let base = Variant {
        two: 2.0,
        sign: 1.0,
        prime_at_a: false,
        no_prime: false,
        bp4: 0,
    };
    let names: Vec<String> = ["dC/dw1", "dC/dw2", "dC/dw3", "dC/db1", "dC/db2", "dC/db3"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let cases: Vec<Case> = setups
        .iter()
        .map(|(net, x, y)| {
            let g = |v: Variant| gradients(net, *x, *y, &v);
            Case {
                label: String::new(),
                input: format!(
                    "w = {}, b = {}, x = {}, y = {}",
                    list(&net.w),
                    list(&net.b),
                    num(*x),
                    num(*y)
                ),
                names: names.clone(),
                expected: g(Variant { ..base }),
                mistaken: vec![
                    g(Variant {
                        no_prime: true,
                        ..base
                    }),
                    g(Variant { two: 1.0, ..base }),
                    g(Variant { bp4: 1, ..base }),
                    g(Variant { bp4: 2, ..base }),
                    g(Variant { sign: -1.0, ..base }),
                    g(Variant {
                        prime_at_a: true,
                        ..base
                    }),
                ],
            }
        })
        .collect();
    judge_lists("backprop_1d", "backprop_1d", &MISTAKES, &cases, |i| {
        let (net, x, y) = &setups[i];
        let (dw, db) = learner(net, *x, *y);
        dw.iter().chain(&db).copied().collect()
    })
}
