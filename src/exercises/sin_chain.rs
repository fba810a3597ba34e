//! Lab 03's exercises: the sine network's activation, its local partial
//! derivatives, `∂L/∂ŷ`, and the chain that combines them into `∂L/∂w`.
//!
//! The network is `a1 = x·w1, h1 = sin(a1), a2 = h1·w2, ŷ = sin(a2)` with the
//! loss `L = mean((ŷ − y)²)`. Each check's model computes its quantities with
//! any set of slips switched on; in `dldw` every factor of the chain sits in
//! the path of one weight or of both, so a slip can be in one path alone.

use super::model::{Part, Place, Shaped, Slip, Slips};
use super::report::{judge, list, CaseSpec, CheckReport, Exercise, Mistake, NOT_MODELLED};
use crate::dense::activation::{sigmoid, sigmoid_prime};
use crate::io::random::{normal_scalar, seeded_rng, uniform_in};
use crate::show::num;
use crate::sin_chain::{sin_chain_data, sin_network, SIN_DATA_N, SIN_DATA_SEED};

/// Seeded random cases after the lab's own.
const RANDOM_CASES: usize = 10;

/// Points in `[-3, 3]` (the data's range), from a fixed seed.
fn random_points(seed: u64, n: usize) -> Vec<f64> {
    let mut rng = seeded_rng(seed);
    (0..n).map(|_| uniform_in(&mut rng, -3.0, 3.0)).collect()
}

/// The report's name for case `i`: the lab's own numbers first.
fn case_label(i: usize) -> String {
    if i == 0 {
        "the lab's".into()
    } else {
        format!("random #{i}")
    }
}

/// Every value of a list of scalar parts, as the learner's outputs.
fn scalars(values: &[f64]) -> Vec<Shaped> {
    values.iter().map(|v| Shaped::scalar(*v)).collect()
}

static DER_IS_ACT: Mistake = Mistake {
    name: "the derivative returns the activation itself",
    hint: "der_act must return d/dx sin(x) = cos(x), not sin(x)",
};
static ACT_SIGN: Mistake = Mistake {
    name: "sign flipped",
    hint: "d/dx sin(x) = +cos(x); it is the derivative of cos that carries the minus sign",
};
static ACT_SWAPPED: Mistake = Mistake {
    name: "activation and derivative swapped",
    hint: "act is sin(x) and der_act is cos(x)",
};
static DEGREES: Mistake = Mistake {
    name: "degrees instead of radians",
    hint: "f64::sin and f64::cos take radians; use x.sin() directly, without to_radians()",
};
static IDENTITY: Mistake = Mistake {
    name: "the identity (linear) activation A(x) = x instead of sin",
    hint: "this network's activation is A(x) = sin(x), with A′(x) = cos(x); x and 1 make it linear",
};
static SIGMOID: Mistake = Mistake {
    name: "the sigmoid σ carried over from MiniFlow instead of sin",
    hint: "this network's activation is A(x) = sin(x), with A′(x) = cos(x); σ and σ′ belong to MiniFlow",
};
static DER_AT_ACT: Mistake = Mistake {
    name: "the derivative evaluated at the activation A(x) instead of at x",
    hint:
        "der_act(x) = cos(x) at the same x as act; cos(sin(x)) takes it at the activation's output",
};
static EXTRA_X: Mistake = Mistake {
    name: "an extra chain factor x",
    hint: "d/dx sin(x) = cos(x): the inner function is x, whose derivative is 1, so no factor x comes in",
};

const ACT: Place = Place::step("act");
const DER_ACT: Place = Place::step("der_act");
/// Slips that replace both functions at once.
const BOTH: Place = Place::step("");

const ACTIVATION_CATALOGUE: [Slip; 9] = [
    Slip::new(&DER_IS_ACT, DER_ACT),
    Slip::new(&ACT_SIGN, DER_ACT),
    Slip::new(&DER_AT_ACT, DER_ACT),
    Slip::new(&EXTRA_X, DER_ACT),
    Slip::new(&ACT_SWAPPED, BOTH),
    Slip::new(&IDENTITY, BOTH),
    Slip::new(&SIGMOID, BOTH),
    Slip::new(&DEGREES, ACT),
    Slip::new(&DEGREES, DER_ACT),
];

/// A function of one number, as the learner's `act` or `der_act`.
type Scalar = fn(f64) -> f64;

/// The learner's activation and its derivative as functions: sin and cos, or
/// a pair carried over from elsewhere.
fn activation_pair(s: Slips) -> (Scalar, Scalar) {
    if s.at(&ACT_SWAPPED, BOTH) {
        (f64::cos, f64::sin)
    } else if s.at(&IDENTITY, BOTH) {
        (|t| t, |_| 1.0)
    } else if s.at(&SIGMOID, BOTH) {
        (sigmoid, sigmoid_prime)
    } else {
        (f64::sin, f64::cos)
    }
}

/// `[act(x), der_act(x)]` with the slips switched on.
fn activation_model(&x: &f64, s: Slips) -> Result<Vec<Part>, String> {
    if s.at(&IDENTITY, BOTH) && s.at(&EXTRA_X, DER_ACT) {
        // 1 · x is the identity's activation itself: named as that.
        return Err(NOT_MODELLED.into());
    }
    let (act_fn, der_fn) = activation_pair(s);
    let at = |place| s.pick(&DEGREES, place, x, x.to_radians());
    let act = act_fn(at(ACT));
    let xd = at(DER_ACT);
    let arg = s.pick(&DER_AT_ACT, DER_ACT, xd, act_fn(xd));
    let der = if s.at(&DER_IS_ACT, DER_ACT) {
        act_fn(arg)
    } else {
        der_fn(arg)
    };
    let der = s.pick(&EXTRA_X, DER_ACT, der, der * x);
    Ok(vec![
        Part::scalar("act(x)", "act", act),
        Part::scalar(
            "der_act(x)",
            "der_act",
            s.pick(&ACT_SIGN, DER_ACT, 1.0, -1.0) * der,
        ),
    ])
}

/// Checks the exercise's `A(x)` and `der_A(x)` (`act`, `der_act`): `sin` and its
/// derivative `cos`, at `x = 0.5` and at 10 seeded points in `[-3, 3]`.
///
/// ```
/// use backprop_lab::exercises::check_activation;
/// assert!(check_activation(f64::sin, f64::cos).is_right());
/// assert_eq!(check_activation(f64::sin, f64::sin).mistake(),
///            Some("the derivative returns the activation itself in der_act"));
/// // Degrees in der_act alone.
/// assert_eq!(check_activation(f64::sin, |x| x.to_radians().cos()).mistake(),
///            Some("degrees instead of radians in der_act"));
/// assert_eq!(check_activation(|x| x, |_| 1.0).mistake(),
///            Some("the identity (linear) activation A(x) = x instead of sin"));
/// ```
pub fn check_activation(act: impl Fn(f64) -> f64, der_act: impl Fn(f64) -> f64) -> CheckReport {
    let mut xs = vec![0.5];
    xs.extend(random_points(3_001, RANDOM_CASES));
    let cases: Vec<CaseSpec<f64>> = xs
        .iter()
        .enumerate()
        .map(|(i, &x)| CaseSpec::new(case_label(i), format!("x = {}", num(x)), x))
        .collect();
    let ex = Exercise {
        name: "act and der_act",
        task: "act(x), the activation A(x) = sin(x), and der_act(x), its derivative A′(x)",
        cases: &cases,
        catalogue: &ACTIVATION_CATALOGUE,
        model: &activation_model,
        equations: &[("act", "A(x) = sin(x)"), ("der_act", "A′(x) = cos(x)")],
    };
    judge(&ex, |&x| scalars(&[act(x), der_act(x)]))
}

static DROPPED_2: Mistake = Mistake {
    name: "dropped the factor 2 of (ŷ − y)²",
    hint: "d/dŷ (ŷ − y)² = 2(ŷ − y): the exponent comes down as a factor",
};
static DLDY_SIGN: Mistake = Mistake {
    name: "sign flipped",
    hint: "differentiate by ŷ, the prediction: 2(ŷ − y), not 2(y − ŷ)",
};
static RETURNED_LOSS: Mistake = Mistake {
    name: "returned the loss, not its derivative",
    hint: "(ŷ − y)² is the loss of one point; its derivative by ŷ is 2(ŷ − y)",
};
static ABSOLUTE: Mistake = Mistake {
    name: "took the absolute value |ŷ − y|",
    hint: "the derivative keeps its sign: 2(ŷ − y) is negative when the prediction is below the target, and descent then raises ŷ",
};

static DOUBLE_2: Mistake = Mistake {
    name: "counted the factor 2 twice",
    hint:
        "d/dŷ (ŷ − y)² = 2(ŷ − y): the exponent 2 comes down once, so 4(ŷ − y) is twice too large",
};
static PARENS: Mistake = Mistake {
    name: "missing parentheses: 2ŷ − y instead of 2(ŷ − y)",
    hint: "the 2 multiplies the whole difference: write 2.0 * (y_pred - y); 2.0 * y_pred - y doubles ŷ alone",
};
static PLUS_Y: Mistake = Mistake {
    name: "added the target: ŷ + y instead of ŷ − y",
    hint: "the error is the prediction minus the target: 2(ŷ − y)",
};
static FORGOT_TARGET: Mistake = Mistake {
    name: "forgot the target y",
    hint: "the derivative of (ŷ − y)² depends on how far ŷ is from the target: 2(ŷ − y), not 2ŷ",
};
static EXTRA_COS: Mistake = Mistake {
    name: "multiplied by an extra factor cos(ŷ)",
    hint: "dldy is ∂L/∂ŷ = 2(ŷ − y) alone; the cos belongs to ∂ŷ/∂a = cos(a), a separate factor of the chain",
};
static DIVIDED_BY_N: Mistake = Mistake {
    name: "divided by the data size N = 200: the mean belongs in dldw",
    hint: "dldy is one point's derivative 2(ŷ − y); the 1/N of the mean is taken once, when dldw averages over the points",
};

/// `dldy` is one line, so its slips have no place of their own.
const WHOLE: Place = Place::step("");

const DLDY_CATALOGUE: [Slip; 10] = [
    Slip::new(&DLDY_SIGN, WHOLE),
    Slip::new(&DROPPED_2, WHOLE),
    Slip::new(&RETURNED_LOSS, WHOLE),
    Slip::new(&ABSOLUTE, WHOLE),
    Slip::new(&DOUBLE_2, WHOLE),
    Slip::new(&PARENS, WHOLE),
    Slip::new(&PLUS_Y, WHOLE),
    Slip::new(&FORGOT_TARGET, WHOLE),
    Slip::new(&EXTRA_COS, WHOLE),
    Slip::new(&DIVIDED_BY_N, WHOLE),
];

/// `∂L/∂ŷ` for one point as the slips at `place` compute it: `2(ŷ − y)`, or
/// with its sign flipped, its 2 dropped, an absolute value taken, or the loss
/// `(ŷ − y)²` itself.
fn upstream(s: Slips, place: Place, yp: f64, y: f64) -> f64 {
    let mut d = s.pick(&DLDY_SIGN, place, yp - y, y - yp);
    if s.at(&ABSOLUTE, place) {
        d = d.abs();
    }
    if s.at(&RETURNED_LOSS, place) {
        return d * d;
    }
    s.pick(&DROPPED_2, place, 2.0, 1.0) * d
}

/// `dldy` with the slips of the one-liner switched on: the terms `ŷ` and `−y`
/// (the target added or left out), the factor 2 (dropped, doubled, or given to
/// `ŷ` alone), and a factor or divisor that does not belong.
fn dldy_value(s: Slips, yp: f64, y: f64) -> Result<f64, String> {
    let parens = s.at(&PARENS, WHOLE);
    if parens && (s.at(&ABSOLUTE, WHOLE) || s.at(&RETURNED_LOSS, WHOLE)) {
        return Err(NOT_MODELLED.into());
    }
    let target = if s.at(&FORGOT_TARGET, WHOLE) {
        0.0
    } else {
        s.pick(&PLUS_Y, WHOLE, -y, y)
    };
    let sign = s.pick(&DLDY_SIGN, WHOLE, 1.0, -1.0);
    let (p, q) = (sign * yp, sign * target);
    let two = if s.at(&DROPPED_2, WHOLE) {
        1.0
    } else {
        s.pick(&DOUBLE_2, WHOLE, 2.0, 4.0)
    };
    let v = if parens {
        two * p + q
    } else if s.at(&RETURNED_LOSS, WHOLE) {
        (p + q) * (p + q)
    } else {
        two * s.pick(&ABSOLUTE, WHOLE, p + q, (p + q).abs())
    };
    let v = v * s.pick(&EXTRA_COS, WHOLE, 1.0, yp.cos());
    Ok(v / s.pick(&DIVIDED_BY_N, WHOLE, 1.0, SIN_DATA_N as f64))
}

fn dldy_model(&(yp, y): &(f64, f64), s: Slips) -> Result<Vec<Part>, String> {
    Ok(vec![Part::scalar(
        "dldy(y_pred, y)",
        "∂L/∂ŷ",
        dldy_value(s, yp, y)?,
    )])
}

/// Checks `dldy(y_pred, y)`, the derivative of one point's squared error
/// `(ŷ − y)²` by the prediction: `2(ŷ − y)`. The cases have the prediction
/// above the target and below it, so an answer right on one side only (such as
/// `2·|ŷ − y|`) is told apart from a flipped sign.
///
/// ```
/// use backprop_lab::exercises::check_dldy;
/// assert!(check_dldy(|p, y| 2.0 * (p - y)).is_right());
/// assert_eq!(check_dldy(|p, y| p - y).mistake(), Some("dropped the factor 2 of (ŷ − y)²"));
/// assert_eq!(check_dldy(|p, y| 2.0 * (p - y).abs()).mistake(),
///            Some("took the absolute value |ŷ − y|"));
/// ```
pub fn check_dldy(dldy: impl Fn(f64, f64) -> f64) -> CheckReport {
    let mut pairs = vec![(0.3, -0.2)];
    let p = random_points(3_002, 2 * RANDOM_CASES);
    pairs.extend(p.chunks_exact(2).map(|c| (c[0] / 3.0, c[1] / 3.0)));
    let cases: Vec<CaseSpec<(f64, f64)>> = pairs
        .iter()
        .enumerate()
        .map(|(i, &(yp, y))| {
            let input = format!("y_pred = {}, y = {}", num(yp), num(y));
            CaseSpec::new(case_label(i), input, (yp, y))
        })
        .collect();
    let ex = Exercise {
        name: "dldy",
        task: "dldy(y_pred, y), the derivative of one point's squared error (ŷ − y)² by the prediction ŷ",
        cases: &cases,
        catalogue: &DLDY_CATALOGUE,
        model: &dldy_model,
        equations: &[("∂L/∂ŷ", "∂L/∂ŷ = d/dŷ (ŷ − y)² = 2(ŷ − y)")],
    };
    judge(&ex, |&(yp, y)| scalars(&[dldy(yp, y)]))
}

static ACT_ON_INPUT: Mistake = Mistake {
    name: "applied the activation to the input",
    hint: "a1 = x·w1, so ∂a1/∂w1 = x itself: the input layer has no activation",
};
static ACT_LEFT_OUT: Mistake = Mistake {
    name: "left the activation out",
    hint: "a2 = h1·w2 with h1 = sin(a1), so ∂a2/∂w2 = sin(a1), not a1",
};
static DER_FOR_ACT: Mistake = Mistake {
    name: "used the derivative cos instead of the activation sin",
    hint: "a2 = h1·w2 with h1 = sin(a1), so ∂a2/∂w2 is the activation's value sin(a1), not its slope cos(a1)",
};
static SWAPPED_BRANCHES: Mistake = Mistake {
    name: "swapped the two branches",
    hint: "dadw(v, true) is for the first weight and returns v (∂a1/∂w1 = x); dadw(v, false) returns sin(v) (∂a2/∂w2 = h1)",
};
static ACT_FOR_DER: Mistake = Mistake {
    name: "used the activation instead of its derivative",
    hint: "∂h/∂a and ∂ŷ/∂a are the derivative of sin at a: cos(a)",
};
static SIGMOID_PRIME: Mistake = Mistake {
    name: "the sigmoid's derivative σ′ carried over from MiniFlow",
    hint: "here the activation is sin, so its derivative is cos(a), not σ(a)(1 − σ(a))",
};
static PRIME_AT_ACT: Mistake = Mistake {
    name: "cos evaluated at the activation sin(a) instead of at a",
    hint: "the derivative is taken at the affine value a: cos(a), not cos(sin(a))",
};
static PARTIAL_SIGN: Mistake = Mistake {
    name: "sign flipped",
    hint: "d/da sin(a) = +cos(a); the minus sign belongs to the derivative of cos",
};
static DADH_ONE: Mistake = Mistake {
    name: "forgot the weight w2",
    hint: "a2 = h1·w2, so ∂a2/∂h1 = w2, the weight, not 1",
};
static COS_OF_W: Mistake = Mistake {
    name: "applied cos to the weight",
    hint: "a2 = h1·w2 is linear in h1, so ∂a2/∂h1 = w2 itself; no activation acts on the weight",
};

const P_W1: Place = Place::step("dadw(v, true) = ∂a1/∂w1");
const P_W2: Place = Place::step("dadw(v, false) = ∂a2/∂w2");
const P_DADW: Place = Place::step("dadw");
const P_H: Place = Place::step("dhda = ∂h1/∂a1");
const P_Y: Place = Place::step("dyda = ∂ŷ/∂a2");
const P_AH: Place = Place::step("dadh = ∂a2/∂h1");

const PARTIALS_CATALOGUE: [Slip; 14] = [
    Slip::new(&ACT_ON_INPUT, P_W1),
    Slip::new(&ACT_LEFT_OUT, P_W2),
    Slip::new(&DER_FOR_ACT, P_W2),
    Slip::new(&SWAPPED_BRANCHES, P_DADW),
    Slip::new(&ACT_FOR_DER, P_H),
    Slip::new(&ACT_FOR_DER, P_Y),
    Slip::new(&SIGMOID_PRIME, P_H),
    Slip::new(&SIGMOID_PRIME, P_Y),
    Slip::new(&PRIME_AT_ACT, P_H),
    Slip::new(&PRIME_AT_ACT, P_Y),
    Slip::new(&PARTIAL_SIGN, P_H),
    Slip::new(&PARTIAL_SIGN, P_Y),
    Slip::new(&DADH_ONE, P_AH),
    Slip::new(&COS_OF_W, P_AH),
];

const PARTIALS_EQUATIONS: [(&str, &str); 6] = [
    (
        "dadw(v, true) = ∂a1/∂w1",
        "a1 = x·w1, so ∂a1/∂w1 = x: dadw(v, true) = v",
    ),
    (
        "dadw(v, false) = ∂a2/∂w2",
        "a2 = h1·w2 = sin(a1)·w2, so ∂a2/∂w2 = sin(a1): dadw(v, false) = sin(v)",
    ),
    ("dadw", "dadw(v, true) = v and dadw(v, false) = sin(v)"),
    ("dhda = ∂h1/∂a1", "h1 = sin(a1), so ∂h1/∂a1 = cos(a1)"),
    ("dyda = ∂ŷ/∂a2", "ŷ = sin(a2), so ∂ŷ/∂a2 = cos(a2)"),
    ("dadh = ∂a2/∂h1", "a2 = h1·w2, so ∂a2/∂h1 = w2"),
];

/// The derivative of the activation at `a` as a slip at `place` computes it.
fn slope(s: Slips, place: Place, a: f64) -> f64 {
    let at = s.pick(&PRIME_AT_ACT, place, a, a.sin());
    let v = if s.at(&SIGMOID_PRIME, place) {
        sigmoid_prime(at)
    } else {
        s.pick(&ACT_FOR_DER, place, at.cos(), at.sin())
    };
    s.pick(&PARTIAL_SIGN, place, 1.0, -1.0) * v
}

/// `dadw(v, first_weight)` for both weights as the slips compute it.
fn dadw_pair(s: Slips, v: f64) -> Result<(f64, f64), String> {
    if s.at(&ACT_ON_INPUT, P_W1) && s.at(&ACT_LEFT_OUT, P_W2) {
        // Both branches' values exchanged: named as the swapped branches.
        return Err(NOT_MODELLED.into());
    }
    if s.at(&SWAPPED_BRANCHES, P_DADW) {
        return Ok((v.sin(), v));
    }
    let second = if s.at(&ACT_LEFT_OUT, P_W2) {
        v
    } else {
        s.pick(&DER_FOR_ACT, P_W2, v.sin(), v.cos())
    };
    Ok((s.pick(&ACT_ON_INPUT, P_W1, v, v.sin()), second))
}

fn partials_model(&(v, w): &(f64, f64), s: Slips) -> Result<Vec<Part>, String> {
    let (first, second) = dadw_pair(s, v)?;
    let dadh = if s.at(&DADH_ONE, P_AH) {
        1.0
    } else {
        s.pick(&COS_OF_W, P_AH, w, w.cos())
    };
    Ok(vec![
        Part::scalar("dadw(v, true)", P_W1.step, first),
        Part::scalar("dadw(v, false)", P_W2.step, second),
        Part::scalar("dhda(a)", P_H.step, slope(s, P_H, v)),
        Part::scalar("dyda(a)", P_Y.step, slope(s, P_Y, v)),
        Part::scalar("dadh(w)", P_AH.step, dadh),
    ])
}

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
/// // −sin in dyda alone: the activation for its derivative, and a flipped sign.
/// let r = check_local_partials(
///     |v, first| if first { v } else { v.sin() },
///     f64::cos,
///     |a| -a.sin(),
///     |w| w,
/// );
/// assert_eq!(r.mistake(), Some(
///     "used the activation instead of its derivative in dyda = ∂ŷ/∂a2; and sign flipped in dyda = ∂ŷ/∂a2"));
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
    let cases: Vec<CaseSpec<(f64, f64)>> = points
        .iter()
        .enumerate()
        .map(|(i, &(v, w))| {
            let input = format!("v = a = {}, w = {}", num(v), num(w));
            CaseSpec::new(case_label(i), input, (v, w))
        })
        .collect();
    let ex = Exercise {
        name: "dadw, dhda, dyda and dadh",
        task: "the four local partials dadw, dhda, dyda and dadh of the sine network",
        cases: &cases,
        catalogue: &PARTIALS_CATALOGUE,
        model: &partials_model,
        equations: &PARTIALS_EQUATIONS,
    };
    judge(&ex, |&(v, w)| {
        scalars(&[dadw(v, true), dadw(v, false), dhda(v), dyda(v), dadh(w)])
    })
}

static FORGOT_COS_A2: Mistake = Mistake {
    name: "forgot the output activation's derivative cos(a2)",
    hint: "ŷ = sin(a2), so every path to the loss passes through ∂ŷ/∂a2 = cos(a2)",
};
static SIN_A2: Mistake = Mistake {
    name: "sin(a2) instead of its derivative cos(a2)",
    hint: "∂ŷ/∂a2 is the derivative of sin at a2: cos(a2), not ŷ = sin(a2)",
};
static CHAIN_LEFT_OUT: Mistake = Mistake {
    name: "a1 where h1 = sin(a1) belongs",
    hint: "a2 = h1·w2, so ∂a2/∂w2 = h1 = sin(a1), not a1",
};
static FORGOT_COS_A1: Mistake = Mistake {
    name: "forgot the hidden activation's derivative cos(a1)",
    hint: "h1 = sin(a1), so ∂L/∂w1's path passes through ∂h1/∂a1 = cos(a1)",
};
static SIN_A1: Mistake = Mistake {
    name: "sin(a1) instead of its derivative cos(a1)",
    hint: "∂h1/∂a1 is the derivative of sin at a1: cos(a1), not h1 = sin(a1)",
};
static CHAIN_DADH_ONE: Mistake = Mistake {
    name: "forgot the factor ∂a2/∂h1 = w2",
    hint: "a2 = h1·w2, so ∂L/∂w1's path passes through ∂a2/∂h1 = w2",
};
static OFF_BY_ONE: Mistake = Mistake {
    name: "off-by-one layer: w1 where w2 belongs",
    hint: "∂a2/∂h1 is the weight after h1, w2 = w[1], not w1 = w[0]",
};
static ACT_ON_X: Mistake = Mistake {
    name: "applied the activation to the input x",
    hint: "a1 = x·w1, so ∂a1/∂w1 = x itself: the input has no activation",
};
static SUM: Mistake = Mistake {
    name: "sum instead of mean",
    hint: "L is the mean of the squared errors, so its gradient is the mean of the per-point gradients: divide the sum by N",
};
static SWAPPED: Mistake = Mistake {
    name: "swapped the two entries",
    hint: "the exercise returns the pair as [∂L/∂w2, ∂L/∂w1]",
};
static DYDA_AT_ACT: Mistake = Mistake {
    name: "cos evaluated at the activation ŷ instead of at a2",
    hint: "∂ŷ/∂a2 = cos(a2) is taken at the affine value a2, not at ŷ = sin(a2)",
};
static DHDA_AT_A2: Mistake = Mistake {
    name: "off-by-one layer: ∂h1/∂a1 evaluated at a2 instead of a1",
    hint: "h1 = sin(a1), so ∂h1/∂a1 = cos(a1), at the first layer's affine value a1",
};
static CHAIN_NO_UPSTREAM: Mistake = Mistake {
    name: "forgot the upstream gradient ∂L/∂ŷ · ∂ŷ/∂a2",
    hint: "every path to the loss starts with ∂L/∂ŷ · ∂ŷ/∂a2 = 2(ŷ − y) · cos(a2); a weight's own factors are multiplied onto it",
};
static OVERWROTE: Mistake = Mistake {
    name: "overwrote instead of adding",
    hint: "the sum over the points is built with +=; with = only the last point's term survives",
};

const PATH_W2: Place = Place::step("∂L/∂w2");
const PATH_W1: Place = Place::step("∂L/∂w1");
const ORDER: Place = Place::step("the returned pair");

const DLDW_CATALOGUE: [Slip; 26] = [
    Slip::new(&DROPPED_2, PATH_W2),
    Slip::new(&DROPPED_2, PATH_W1),
    Slip::new(&DLDY_SIGN, PATH_W2),
    Slip::new(&DLDY_SIGN, PATH_W1),
    Slip::new(&ABSOLUTE, PATH_W2),
    Slip::new(&ABSOLUTE, PATH_W1),
    Slip::new(&FORGOT_COS_A2, PATH_W2),
    Slip::new(&FORGOT_COS_A2, PATH_W1),
    Slip::new(&SIN_A2, PATH_W2),
    Slip::new(&SIN_A2, PATH_W1),
    Slip::new(&DYDA_AT_ACT, PATH_W2),
    Slip::new(&DYDA_AT_ACT, PATH_W1),
    Slip::new(&CHAIN_NO_UPSTREAM, PATH_W2),
    Slip::new(&CHAIN_NO_UPSTREAM, PATH_W1),
    Slip::new(&CHAIN_LEFT_OUT, PATH_W2),
    Slip::new(&FORGOT_COS_A1, PATH_W1),
    Slip::new(&SIN_A1, PATH_W1),
    Slip::new(&DHDA_AT_A2, PATH_W1),
    Slip::new(&CHAIN_DADH_ONE, PATH_W1),
    Slip::new(&OFF_BY_ONE, PATH_W1),
    Slip::new(&ACT_ON_X, PATH_W1),
    Slip::new(&SUM, PATH_W2),
    Slip::new(&SUM, PATH_W1),
    Slip::new(&OVERWROTE, PATH_W2),
    Slip::new(&OVERWROTE, PATH_W1),
    Slip::new(&SWAPPED, ORDER),
];

const DLDW_EQUATIONS: [(&str, &str); 3] = [
    (
        "∂L/∂w2",
        "∂L/∂w2 = (1/N) Σᵢ ∂L/∂ŷᵢ · ∂ŷ/∂a2 · ∂a2/∂w2 = (1/N) Σᵢ 2(ŷᵢ − yᵢ) · cos(a2ᵢ) · sin(a1ᵢ)",
    ),
    (
        "∂L/∂w1",
        "∂L/∂w1 = (1/N) Σᵢ ∂L/∂ŷᵢ · ∂ŷ/∂a2 · ∂a2/∂h1 · ∂h1/∂a1 · ∂a1/∂w1 = (1/N) Σᵢ 2(ŷᵢ − yᵢ) · cos(a2ᵢ) · w2 · cos(a1ᵢ) · xᵢ",
    ),
    ("the returned pair", "dldw returns [∂L/∂w2, ∂L/∂w1]"),
];

/// One case of `dldw`: the weights `[w1, w2]` and the data.
struct ChainCase {
    w: [f64; 2],
    x: Vec<f64>,
    y: Vec<f64>,
}

/// `[∂L/∂w2, ∂L/∂w1]` with the slips switched on: each weight's path has its
/// own copy of the factors they share, so a slip can be in one path alone.
fn dldw_model(c: &ChainCase, s: Slips) -> Result<Vec<Part>, String> {
    // With ∂h1/∂a1 taken at a2, ∂L/∂w1's two cos factors are both at a2, and
    // a slip in either is one in the other: named without the off-by-one.
    let other_cos = [&FORGOT_COS_A2, &SIN_A2, &SIN_A1]
        .iter()
        .any(|k| s.at(k, PATH_W1));
    if s.at(&DHDA_AT_A2, PATH_W1) && other_cos {
        return Err(NOT_MODELLED.into());
    }
    let t = sin_network(c.w, &c.x).map_err(|e| e.to_string())?;
    let [w1, w2] = c.w;
    // ∂L/∂ŷ · ∂ŷ/∂a2 of point `i` as the slips at `path` compute it.
    let shared = |path, i: usize| {
        if s.at(&CHAIN_NO_UPSTREAM, path) {
            return 1.0;
        }
        let a2 = s.pick(&DYDA_AT_ACT, path, t.a2[i], t.y[i]);
        let dyda = if s.at(&FORGOT_COS_A2, path) {
            1.0
        } else {
            s.pick(&SIN_A2, path, a2.cos(), a2.sin())
        };
        upstream(s, path, t.y[i], c.y[i]) * dyda
    };
    let dhda = |i: usize| {
        let a = s.pick(&DHDA_AT_A2, PATH_W1, t.a1[i], t.a2[i]);
        if s.at(&FORGOT_COS_A1, PATH_W1) {
            1.0
        } else {
            s.pick(&SIN_A1, PATH_W1, a.cos(), a.sin())
        }
    };
    let dadh = if s.at(&CHAIN_DADH_ONE, PATH_W1) {
        1.0
    } else {
        s.pick(&OFF_BY_ONE, PATH_W1, w2, w1)
    };
    // A term added to the sum at `path`, or put in its place.
    let add = |path, sum: &mut f64, term: f64| {
        *sum = s.pick(&OVERWROTE, path, *sum, 0.0) + term;
    };
    let (mut g2, mut g1) = (0.0, 0.0);
    for i in 0..c.x.len() {
        let dadw2 = s.pick(&CHAIN_LEFT_OUT, PATH_W2, t.h1[i], t.a1[i]);
        let dadw1 = s.pick(&ACT_ON_X, PATH_W1, c.x[i], c.x[i].sin());
        add(PATH_W2, &mut g2, shared(PATH_W2, i) * dadw2);
        add(
            PATH_W1,
            &mut g1,
            shared(PATH_W1, i) * dadh * dhda(i) * dadw1,
        );
    }
    let n = c.x.len() as f64;
    g2 /= s.pick(&SUM, PATH_W2, n, 1.0);
    g1 /= s.pick(&SUM, PATH_W1, n, 1.0);
    let (first, second) = s.pick(&SWAPPED, ORDER, (g2, g1), (g1, g2));
    Ok(vec![
        Part::scalar("∂L/∂w2 (first entry)", "∂L/∂w2", first),
        Part::scalar("∂L/∂w1 (second entry)", "∂L/∂w1", second),
    ])
}

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
/// then random weights on random small data sets of different sizes, each with
/// predictions above and below the targets.
///
/// A slip is named with the weight whose chain it is in: "forgot the output
/// activation's derivative cos(a2) in ∂L/∂w1" when only ∂L/∂w1's chain lacks
/// cos(a2), "… everywhere (∂L/∂w2 and ∂L/∂w1)" when both do.
///
/// ```
/// use backprop_lab::exercises::check_dldw;
/// let r = check_dldw(|w, x, y| backprop_lab::sin_chain::dldw(w, x, y).unwrap());
/// assert!(r.is_right());
/// let r = check_dldw(|w, x, y| {
///     let [g2, g1] = backprop_lab::sin_chain::dldw(w, x, y).unwrap();
///     [g1, g2]
/// });
/// assert_eq!(r.mistake(), Some("swapped the two entries in the returned pair"));
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
    let cases: Vec<CaseSpec<ChainCase>> = setups
        .into_iter()
        .enumerate()
        .map(|(i, (w, (x, y)))| {
            let input = format!("w = {}, x = {}", list(&w), list(&x));
            CaseSpec::new(case_label(i), input, ChainCase { w, x, y })
        })
        .collect();
    let ex = Exercise {
        name: "dldw",
        task: "dldw(w, x, y) = [∂L/∂w2, ∂L/∂w1], each the mean over the points of the chain of local partials",
        cases: &cases,
        catalogue: &DLDW_CATALOGUE,
        model: &dldw_model,
        equations: &DLDW_EQUATIONS,
    };
    judge(&ex, |c| scalars(&learner(c.w, &c.x, &c.y)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_chain_model_without_slips_is_the_crates_dldw() {
        let (x, y) = data(3_100, 7);
        let c = ChainCase {
            w: [0.4, -1.2],
            x,
            y,
        };
        let parts = dldw_model(&c, Slips::NONE).unwrap();
        let [g2, g1] = crate::sin_chain::dldw(c.w, &c.x, &c.y).unwrap();
        assert!((parts[0].values[0] - g2).abs() < 1e-12);
        assert!((parts[1].values[0] - g1).abs() < 1e-12);
    }

    #[test]
    fn dldy_cases_have_the_prediction_on_both_sides() {
        let p = random_points(3_002, 2 * RANDOM_CASES);
        let above = p.chunks_exact(2).filter(|c| c[0] > c[1]).count();
        assert!(above > 0 && above < RANDOM_CASES, "{above}");
    }

    /// The chain written out by a learner, with cos(a2) left out of ∂L/∂w1's
    /// path only.
    #[test]
    fn a_factor_forgotten_in_one_path_is_named_there() {
        let r = check_dldw(|w, x, y| {
            let t = sin_network(w, x).unwrap();
            let n = x.len() as f64;
            let (mut g2, mut g1) = (0.0, 0.0);
            for i in 0..x.len() {
                let up = 2.0 * (t.y[i] - y[i]);
                g2 += up * t.a2[i].cos() * t.h1[i];
                g1 += up * w[1] * t.a1[i].cos() * x[i];
            }
            [g2 / n, g1 / n]
        });
        assert_eq!(
            r.mistake(),
            Some("forgot the output activation's derivative cos(a2) in ∂L/∂w1")
        );
        let abs = check_dldy(|p, y| 2.0 * (y - p).abs());
        assert_eq!(abs.mistake(), Some("took the absolute value |ŷ − y|"));
    }
}
