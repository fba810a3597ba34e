//! Lab 01's exercises: the boxes of the lab's computation graphs (the
//! square, the small network and the fan-out graph), forward values and
//! derivatives, written as functions of the graph's inputs.
//!
//! Each box is a step of the model, and each slip sits in one box: the boxes
//! to its right (forward values) or to its left (derivatives, which are built
//! from the derivative arriving from the right) carry it along. The square
//! graph's two derivative boxes are the exception: each makes its own `2a`
//! (see `square_model`).
//!
//! These checks compare the learner's exact values with the reference at the
//! exercises' tolerance, not to the two decimals
//! [`check_quiz`](crate::graph::quiz::check_quiz) marks typed answers by: why,
//! and how the two rules relate, is stated once, at
//! [`right_to_two_decimals`](crate::graph::quiz::right_to_two_decimals).

use super::model::{Part, Place, Shaped, Slip, Slips};
use super::report::{judge, CaseSpec, CheckReport, Exercise, Mistake, NOT_MODELLED};
use crate::io::random::{seeded_rng, uniform_in};
use crate::show::num;

static LEFT_CONSTANT: Mistake = Mistake {
    name: "forgot the constant 2",
    hint: "a = 2 + 3w; the constant shifts a, and with it every box that uses a",
};
static SWAPPED_CONSTANTS: Mistake = Mistake {
    name: "swapped the 2 and the 3 of a = 2 + 3w",
    hint: "a = 2 + 3w: the constant is 2 and w's coefficient, the local derivative ∂a/∂w, is 3; a = 3 + 2w changes every box",
};
static HALF_COST: Mistake = Mistake {
    name: "carried over the ½ of the second graph's cost (J = ½a²)",
    hint: "this graph's cost is J = a² with no ½; the ½ belongs to the small network's ½d², and its derivative a halves both derivative boxes",
};
static DROPPED_2: Mistake = Mistake {
    name: "dropped the factor 2 of a²",
    hint: "∂J/∂a = 2a for J = a²: the exponent comes down as a factor",
};
static AT_W: Mistake = Mistake {
    name: "evaluated at w instead of a",
    hint: "∂J/∂a = 2a takes the value of the box a = 2 + 3w, not the input w",
};
static SQUARE_SIGN: Mistake = Mistake {
    name: "sign flipped",
    hint: "∂J/∂a = 2a and ∂J/∂w = 3 · 2a: neither box brings in a minus sign",
};
static FORGOT_CHAIN: Mistake = Mistake {
    name: "forgot the chain factor ∂a/∂w = 3",
    hint: "∂J/∂w = ∂a/∂w · ∂J/∂a = 3 · 2a: the rate of a in w multiplies the rate of J in a",
};
static SQUARE_UPSTREAM: Mistake = Mistake {
    name: "forgot the upstream gradient ∂J/∂a",
    hint: "∂J/∂w is the local derivative ∂a/∂w = 3 times the derivative arriving from the right, ∂J/∂a = 2a",
};
static SQUARE_ADDED: Mistake = Mistake {
    name: "added instead of multiplied",
    hint: "the chain rule multiplies along a path: 3 · 2a, not 3 + 2a",
};
static SQUARE_SWAPPED: Mistake = Mistake {
    name: "swapped ∂J/∂a and ∂J/∂w",
    hint: "return [a, J, ∂J/∂a, ∂J/∂w]: ∂J/∂a = 2a third, ∂J/∂w = 3 · 2a last",
};

const SQ_A: Place = Place::step("a");
const SQ_J: Place = Place::step("J");
const SQ_DJDA: Place = Place::step("∂J/∂a");
const SQ_DJDW: Place = Place::step("∂J/∂w");
const SQ_ORDER: Place = Place::step("the returned array");

const SQUARE_CATALOGUE: [Slip; 13] = [
    Slip::new(&LEFT_CONSTANT, SQ_A),
    Slip::new(&SWAPPED_CONSTANTS, SQ_A),
    Slip::new(&HALF_COST, SQ_J),
    Slip::new(&DROPPED_2, SQ_DJDA),
    Slip::new(&DROPPED_2, SQ_DJDW),
    Slip::new(&AT_W, SQ_DJDA),
    Slip::new(&AT_W, SQ_DJDW),
    Slip::new(&SQUARE_SIGN, SQ_DJDA),
    Slip::new(&SQUARE_SIGN, SQ_DJDW),
    Slip::new(&FORGOT_CHAIN, SQ_DJDW),
    Slip::new(&SQUARE_UPSTREAM, SQ_DJDW),
    Slip::new(&SQUARE_ADDED, SQ_DJDW),
    Slip::new(&SQUARE_SWAPPED, SQ_ORDER),
];

const SQUARE_EQUATIONS: [(&str, &str); 5] = [
    ("a", "a = 2 + 3w"),
    ("J", "J = a²"),
    ("∂J/∂a", "∂J/∂a = 2a"),
    ("∂J/∂w", "∂J/∂w = ∂a/∂w · ∂J/∂a = 3 · 2a"),
    ("the returned array", "[a, J, ∂J/∂a, ∂J/∂w]"),
];

/// The boxes `[a, J, ∂J/∂a, ∂J/∂w]` at `w` with the slips switched on. A
/// slip in `a` or `J` reaches every box computed from it; `∂J/∂w` is short
/// enough that learners write it out (`6a`) as often as from the box
/// (`3 · ∂J/∂a`), so each derivative box makes its own `2a`, and a slip in
/// both is the kind "everywhere".
fn square_model(&w: &f64, s: Slips) -> Result<Vec<Part>, String> {
    let at_w = s.at(&AT_W, SQ_DJDA) || s.at(&AT_W, SQ_DJDW);
    // With a = 3w, 2w is a's own chain product (3 · 2w = 2a), and with
    // a = 3 + 2w the slope 2 is the factor 2 of a²: those pairs are named as
    // the chain factor forgotten.
    if (s.at(&LEFT_CONSTANT, SQ_A) && at_w)
        || (s.at(&SWAPPED_CONSTANTS, SQ_A) && s.at(&DROPPED_2, SQ_DJDW))
    {
        return Err(NOT_MODELLED.into());
    }
    let (constant, slope) = s.pick(&SWAPPED_CONSTANTS, SQ_A, (2.0, 3.0), (3.0, 2.0));
    let a = s.pick(&LEFT_CONSTANT, SQ_A, constant, 0.0) + slope * w;
    let half = s.pick(&HALF_COST, SQ_J, 1.0, 0.5);
    let j = half * a * a;
    // The derivative of J by a, 2a (or a with the ½), as the box at `place` writes it.
    let twice_a = |place| half * s.pick(&DROPPED_2, place, 2.0, 1.0) * s.pick(&AT_W, place, a, w);
    let sign = |place| s.pick(&SQUARE_SIGN, place, 1.0, -1.0);
    let dj_da = sign(SQ_DJDA) * twice_a(SQ_DJDA);
    let local = s.pick(&FORGOT_CHAIN, SQ_DJDW, slope, 1.0);
    let upstream = s.pick(&SQUARE_UPSTREAM, SQ_DJDW, twice_a(SQ_DJDW), 1.0);
    let dj_dw = sign(SQ_DJDW) * s.pick(&SQUARE_ADDED, SQ_DJDW, local * upstream, local + upstream);
    let (third, last) = s.pick(&SQUARE_SWAPPED, SQ_ORDER, (dj_da, dj_dw), (dj_dw, dj_da));
    Ok(vec![
        Part::scalar("a", "a", a),
        Part::scalar("J", "J", j),
        Part::scalar("∂J/∂a", "∂J/∂a", third),
        Part::scalar("∂J/∂w", "∂J/∂w", last),
    ])
}

/// Checks the boxes of `J = (2 + 3w)²` as a function of `w`:
/// `square_boxes(w) -> [a, J, ∂J/∂a, ∂J/∂w]` with `a = 2 + 3w`. Case 0 is the
/// lab's `w = 3`, whose boxes it prints as `a = 11, J = 121, ∂J/∂a = 22, ∂J/∂w = 66`;
/// ten seeded values of `w` in `[−3, 3]` follow, with `a` on both sides of 0.
///
/// A slip is named with the box it is in, e.g. "forgot the chain factor
/// ∂a/∂w = 3 in ∂J/∂w"; a derivative slip that `∂J/∂w` repeats (because it is
/// written as `3 · ∂J/∂a`, or as `3 · a` again) is named "everywhere".
///
/// ```
/// use backprop_lab::exercises::check_square_boxes;
/// let r = check_square_boxes(|w| {
///     let a = 2.0 + 3.0 * w;
///     [a, a * a, 2.0 * a, 3.0 * 2.0 * a]
/// });
/// assert!(r.is_right());
/// let r = check_square_boxes(|w| {
///     let a = 2.0 + 3.0 * w;
///     [a, a * a, 2.0 * a, 2.0 * a]
/// });
/// assert_eq!(r.mistake(), Some("forgot the chain factor ∂a/∂w = 3 in ∂J/∂w"));
/// let r = check_square_boxes(|w| {
///     let a = 2.0 + 3.0 * w;
///     [a, a * a, a, 3.0 * a]
/// });
/// assert_eq!(r.mistake(),
///            Some("dropped the factor 2 of a² everywhere (∂J/∂a and ∂J/∂w)"));
/// ```
pub fn check_square_boxes(learner: impl Fn(f64) -> [f64; 4]) -> CheckReport {
    let mut ws = vec![3.0];
    let mut rng = seeded_rng(1_001);
    ws.extend((0..10).map(|_| uniform_in(&mut rng, -3.0, 3.0)));
    let cases: Vec<CaseSpec<f64>> = ws
        .iter()
        .enumerate()
        .map(|(i, &w)| {
            let label = if i == 0 {
                "the lab's".to_string()
            } else {
                format!("random #{i}")
            };
            CaseSpec::new(label, format!("w = {}", num(w)), w)
        })
        .collect();
    let ex = Exercise {
        name: "square_boxes",
        task: "the boxes [a, J, ∂J/∂a, ∂J/∂w] of J = (2 + 3w)² for any w",
        cases: &cases,
        catalogue: &SQUARE_CATALOGUE,
        model: &square_model,
        equations: &SQUARE_EQUATIONS,
    };
    judge(&ex, |&w| {
        learner(w).iter().map(|v| Shaped::scalar(*v)).collect()
    })
}

static FORGOT_HALF: Mistake = Mistake {
    name: "forgot the ½",
    hint: "J = ½d², so J = d²/2 and its derivative ∂J/∂d = d: the 2 of the square cancels the ½",
};
static NET_SIGN: Mistake = Mistake {
    name: "sign flipped",
    hint: "d = a − y, and every local derivative on the way back is +1 (∂d/∂a, ∂a/∂c, ∂a/∂b) or x (∂c/∂w): no box brings in a minus sign",
};
static NET_ADDED: Mistake = Mistake {
    name: "added instead of multiplied",
    hint: "c = w·x is a product, and the chain rule multiplies: ∂J/∂w = x · ∂J/∂c, not x + ∂J/∂c",
};
static NET_BIAS: Mistake = Mistake {
    name: "forgot the bias",
    hint: "a = c + b = w·x + b; without b, d, J and every derivative are off",
};
static NET_UPSTREAM: Mistake = Mistake {
    name: "forgot the upstream gradient",
    hint: "each box's derivative is its local derivative times the derivative arriving from the right: ∂J/∂a = ∂d/∂a · ∂J/∂d = 1 · d, not 1",
};
static NET_CHAIN: Mistake = Mistake {
    name: "forgot the chain factor ∂c/∂w = x",
    hint: "c = w·x, so ∂c/∂w = x and ∂J/∂w = x · ∂J/∂c",
};
static NET_SWAPPED_BOXES: Mistake = Mistake {
    name: "swapped ∂J/∂b and ∂J/∂w",
    hint: "the boxes come in the order [c, a, d, J, ∂J/∂d, ∂J/∂a, ∂J/∂c, ∂J/∂b, ∂J/∂w]: the bias's gradient before the weight's",
};
static NET_SWAPPED: Mistake = Mistake {
    name: "swapped w and x",
    hint: "∂c/∂w is the other factor of the product, x; the weight w appears in ∂c/∂x",
};

const N_C: Place = Place::step("c");
const N_A: Place = Place::step("a");
const N_D: Place = Place::step("d");
const N_J: Place = Place::step("J");
const N_DD: Place = Place::step("∂J/∂d");
const N_DA: Place = Place::step("∂J/∂a");
const N_DC: Place = Place::step("∂J/∂c");
const N_DB: Place = Place::step("∂J/∂b");
const N_DW: Place = Place::step("∂J/∂w");

const N_ORDER: Place = Place::step("the returned array");

const NETWORK_CATALOGUE: [Slip; 18] = [
    Slip::new(&NET_ADDED, N_C),
    Slip::new(&NET_BIAS, N_A),
    Slip::new(&NET_SIGN, N_D),
    Slip::new(&FORGOT_HALF, N_J),
    Slip::new(&FORGOT_HALF, N_DD),
    Slip::new(&NET_SIGN, N_DD),
    Slip::new(&NET_SIGN, N_DA),
    Slip::new(&NET_UPSTREAM, N_DA),
    Slip::new(&NET_SIGN, N_DC),
    Slip::new(&NET_UPSTREAM, N_DC),
    Slip::new(&NET_SIGN, N_DB),
    Slip::new(&NET_UPSTREAM, N_DB),
    Slip::new(&NET_CHAIN, N_DW),
    Slip::new(&NET_SWAPPED, N_DW),
    Slip::new(&NET_ADDED, N_DW),
    Slip::new(&NET_UPSTREAM, N_DW),
    Slip::new(&NET_SIGN, N_DW),
    Slip::new(&NET_SWAPPED_BOXES, N_ORDER),
];

const NETWORK_EQUATIONS: [(&str, &str); 10] = [
    ("c", "c = w·x"),
    ("a", "a = c + b"),
    ("d", "d = a − y"),
    ("J", "J = ½d²"),
    ("∂J/∂d", "∂J/∂d = d"),
    ("∂J/∂a", "∂J/∂a = ∂d/∂a · ∂J/∂d = 1 · ∂J/∂d"),
    ("∂J/∂c", "∂J/∂c = ∂a/∂c · ∂J/∂a = 1 · ∂J/∂a"),
    ("∂J/∂b", "∂J/∂b = ∂a/∂b · ∂J/∂a = 1 · ∂J/∂a"),
    ("∂J/∂w", "∂J/∂w = ∂c/∂w · ∂J/∂c = x · ∂J/∂c"),
    (
        "the returned array",
        "[c, a, d, J, ∂J/∂d, ∂J/∂a, ∂J/∂c, ∂J/∂b, ∂J/∂w]",
    ),
];

/// One backward box: its local derivative times the derivative arriving from
/// the right (or the local derivative alone when the upstream gradient is
/// forgotten), with its sign flipped when that slip is on.
fn back_box(s: Slips, place: Place, local: f64, upstream: f64) -> f64 {
    let up = s.pick(&NET_UPSTREAM, place, upstream, 1.0);
    s.pick(&NET_SIGN, place, 1.0, -1.0) * local * up
}

/// The nine boxes at `[x, w, b, y]` with the slips switched on.
fn network_model(&[x, w, b, y]: &[f64; 4], s: Slips) -> Result<Vec<Part>, String> {
    let c = s.pick(&NET_ADDED, N_C, w * x, w + x);
    let a = s.pick(&NET_BIAS, N_A, c + b, c);
    let d = s.pick(&NET_SIGN, N_D, a - y, y - a);
    let j = s.pick(&FORGOT_HALF, N_J, 0.5, 1.0) * d * d;
    let dj_dd = s.pick(&NET_SIGN, N_DD, 1.0, -1.0) * s.pick(&FORGOT_HALF, N_DD, 1.0, 2.0) * d;
    let dj_da = back_box(s, N_DA, 1.0, dj_dd);
    let dj_dc = back_box(s, N_DC, 1.0, dj_da);
    let dj_db = back_box(s, N_DB, 1.0, dj_da);
    let local = if s.at(&NET_CHAIN, N_DW) {
        1.0
    } else {
        s.pick(&NET_SWAPPED, N_DW, x, w)
    };
    let dj_dw = if s.at(&NET_ADDED, N_DW) {
        let up = s.pick(&NET_UPSTREAM, N_DW, dj_dc, 1.0);
        s.pick(&NET_SIGN, N_DW, 1.0, -1.0) * (local + up)
    } else {
        back_box(s, N_DW, local, dj_dc)
    };
    let (dj_db, dj_dw) = s.pick(&NET_SWAPPED_BOXES, N_ORDER, (dj_db, dj_dw), (dj_dw, dj_db));
    let boxes = [
        ("c", c),
        ("a", a),
        ("d", d),
        ("J", j),
        ("∂J/∂d", dj_dd),
        ("∂J/∂a", dj_da),
        ("∂J/∂c", dj_dc),
        ("∂J/∂b", dj_db),
        ("∂J/∂w", dj_dw),
    ];
    Ok(boxes
        .iter()
        .map(|(name, v)| Part::scalar(*name, *name, *v))
        .collect())
}

/// Checks the boxes of the lab's small network, `c = w·x`, `a = c + b`,
/// `d = a − y`, `J = ½d²`, as a function of `(x, w, b, y)`:
/// `network_boxes(x, w, b, y) -> [c, a, d, J, ∂J/∂d, ∂J/∂a, ∂J/∂c, ∂J/∂b, ∂J/∂w]`.
/// Case 0 is the lab's `x = 2, w = −2, b = 8, y = 1`, whose boxes it prints as
/// `c = −4, a = 4, d = 3, J = 4.5` and derivatives `3, 3, 3, 3, 6`; ten seeded
/// cases follow, with `a` on both sides of `y`.
///
/// A slip is named with the box it is in: "forgot the ½ in J" when only J
/// lacks it, "forgot the ½ everywhere (J and ∂J/∂d)" when the derivative has
/// the 2 of d² too. A slip in a derivative box shows in the boxes to its left.
///
/// ```
/// use backprop_lab::exercises::check_network_boxes;
/// let r = check_network_boxes(|x, w, b, y| {
///     let (c, a) = (w * x, w * x + b);
///     let d = a - y;
///     [c, a, d, d * d / 2.0, d, d, d, d, d * x]
/// });
/// assert!(r.is_right());
/// let r = check_network_boxes(|x, w, b, y| {
///     let (c, a) = (w * x, w * x + b);
///     let d = a - y;
///     [c, a, d, d * d, d, d, d, d, d * x]
/// });
/// assert_eq!(r.mistake(), Some("forgot the ½ in J"));
/// ```
pub fn check_network_boxes(learner: impl Fn(f64, f64, f64, f64) -> [f64; 9]) -> CheckReport {
    let mut inputs = vec![[2.0, -2.0, 8.0, 1.0]];
    let mut rng = seeded_rng(1_002);
    for _ in 0..10 {
        let mut r = || uniform_in(&mut rng, -3.0, 3.0);
        inputs.push([r(), r(), r(), r()]);
    }
    let cases: Vec<CaseSpec<[f64; 4]>> = inputs
        .iter()
        .enumerate()
        .map(|(i, &[x, w, b, y])| {
            let label = if i == 0 {
                "the lab's".to_string()
            } else {
                format!("random #{i}")
            };
            let input = format!(
                "x = {}, w = {}, b = {}, y = {}",
                num(x),
                num(w),
                num(b),
                num(y)
            );
            CaseSpec::new(label, input, [x, w, b, y])
        })
        .collect();
    let ex = Exercise {
        name: "network_boxes",
        task: "the nine boxes [c, a, d, J, ∂J/∂d, ∂J/∂a, ∂J/∂c, ∂J/∂b, ∂J/∂w] of the small network for any x, w, b, y",
        cases: &cases,
        catalogue: &NETWORK_CATALOGUE,
        model: &network_model,
        equations: &NETWORK_EQUATIONS,
    };
    judge(&ex, |&[x, w, b, y]| {
        learner(x, w, b, y)
            .iter()
            .map(|v| Shaped::scalar(*v))
            .collect()
    })
}

static ONE_PATH_U: Mistake = Mistake {
    name: "took only one path (forgot to add the other branch): kept the path through u",
    hint: "a feeds both u and v, so a nudge to a reaches J along two paths; add them: ∂J/∂a = 1 · ∂J/∂u + c · ∂J/∂v",
};
static ONE_PATH_V: Mistake = Mistake {
    name: "took only one path (forgot to add the other branch): kept the path through v",
    hint: "a feeds both u and v, so a nudge to a reaches J along two paths; add them: ∂J/∂a = 1 · ∂J/∂u + c · ∂J/∂v",
};
static PATHS_MULTIPLIED: Mistake = Mistake {
    name: "multiplied the two paths instead of adding them",
    hint: "along one path the local derivatives multiply; where paths meet (a fan-out) their products add: ∂J/∂a = 1 · v + c · u",
};
static OWN_FACTOR: Mistake = Mistake {
    name: "took the node's own factor instead of the other one",
    hint: "a product swaps its inputs on the way back: for J = u·v, ∂J/∂u = v and ∂J/∂v = u; for v = a·c, ∂v/∂a = c and ∂v/∂c = a",
};
static FAN_UPSTREAM: Mistake = Mistake {
    name: "forgot the upstream gradient",
    hint: "each box is the local derivative times the derivative arriving from the right: ∂J/∂b = ∂u/∂b · ∂J/∂u = 1 · v, not 1",
};
static FAN_ADDED: Mistake = Mistake {
    name: "added instead of multiplied along the path",
    hint: "along one path the chain rule multiplies: the path from c is ∂v/∂c · ∂J/∂v = a · u, not a + u",
};

const F_DU: Place = Place::step("∂J/∂u");
const F_DV: Place = Place::step("∂J/∂v");
const F_DA: Place = Place::step("∂J/∂a");
const F_DB: Place = Place::step("∂J/∂b");
const F_DC: Place = Place::step("∂J/∂c");

const FANOUT_CATALOGUE: [Slip; 12] = [
    Slip::new(&OWN_FACTOR, F_DU),
    Slip::new(&OWN_FACTOR, F_DV),
    Slip::new(&ONE_PATH_U, F_DA),
    Slip::new(&ONE_PATH_V, F_DA),
    Slip::new(&PATHS_MULTIPLIED, F_DA),
    Slip::new(&OWN_FACTOR, F_DA),
    Slip::new(&FAN_UPSTREAM, F_DA),
    Slip::new(&FAN_ADDED, F_DA),
    Slip::new(&FAN_UPSTREAM, F_DB),
    Slip::new(&OWN_FACTOR, F_DC),
    Slip::new(&FAN_UPSTREAM, F_DC),
    Slip::new(&FAN_ADDED, F_DC),
];

const FANOUT_EQUATIONS: [(&str, &str); 8] = [
    ("u", "u = a + b"),
    ("v", "v = a·c"),
    ("J", "J = u·v"),
    ("∂J/∂u", "∂J/∂u = v: a product's local derivative is the other factor"),
    ("∂J/∂v", "∂J/∂v = u"),
    (
        "∂J/∂a",
        "∂J/∂a = ∂u/∂a · ∂J/∂u + ∂v/∂a · ∂J/∂v = 1 · v + c · u: a feeds u and v, and the two paths add",
    ),
    ("∂J/∂b", "∂J/∂b = ∂u/∂b · ∂J/∂u = 1 · v"),
    ("∂J/∂c", "∂J/∂c = ∂v/∂c · ∂J/∂v = a · u"),
];

/// One step along a path: the local derivative times the derivative from
/// the right (only the local one when the upstream gradient is forgotten,
/// their sum when the learner added).
fn along(s: Slips, place: Place, local: f64, upstream: f64) -> f64 {
    let up = s.pick(&FAN_UPSTREAM, place, upstream, 1.0);
    s.pick(&FAN_ADDED, place, local * up, local + up)
}

/// The eight boxes at `[a, b, c]` with the slips switched on. Derivative
/// boxes are built from the boxes to their right, so a slip in `∂J/∂u` or
/// `∂J/∂v` reaches `∂J/∂a`, `∂J/∂b` and `∂J/∂c`.
fn fanout_model(&[a, b, c]: &[f64; 3], s: Slips) -> Result<Vec<Part>, String> {
    // Without the upstream gradient the path through u is 1, and multiplying
    // by it keeps the path through v: that pair is named as one path.
    if s.at(&PATHS_MULTIPLIED, F_DA) && s.at(&FAN_UPSTREAM, F_DA) {
        return Err(NOT_MODELLED.into());
    }
    let (u, v) = (a + b, a * c);
    let j = u * v;
    let dj_du = s.pick(&OWN_FACTOR, F_DU, v, u);
    let dj_dv = s.pick(&OWN_FACTOR, F_DV, u, v);
    let through_u = s.pick(&FAN_UPSTREAM, F_DA, dj_du, 1.0);
    let through_v = along(s, F_DA, s.pick(&OWN_FACTOR, F_DA, c, a), dj_dv);
    let dj_da = if s.at(&ONE_PATH_U, F_DA) {
        through_u
    } else if s.at(&ONE_PATH_V, F_DA) {
        through_v
    } else if s.at(&PATHS_MULTIPLIED, F_DA) {
        through_u * through_v
    } else {
        through_u + through_v
    };
    let dj_db = s.pick(&FAN_UPSTREAM, F_DB, dj_du, 1.0);
    let dj_dc = along(s, F_DC, s.pick(&OWN_FACTOR, F_DC, a, c), dj_dv);
    let boxes = [
        ("u", u),
        ("v", v),
        ("J", j),
        ("∂J/∂u", dj_du),
        ("∂J/∂v", dj_dv),
        ("∂J/∂a", dj_da),
        ("∂J/∂b", dj_db),
        ("∂J/∂c", dj_dc),
    ];
    Ok(boxes
        .iter()
        .map(|(name, v)| Part::scalar(*name, *name, *v))
        .collect())
}

/// Checks the boxes of the fan-out graph `u = a + b`, `v = a·c`, `J = u·v`,
/// in which `a` feeds two nodes, as a function of `(a, b, c)`:
/// `fanout_boxes(a, b, c) -> [u, v, J, ∂J/∂u, ∂J/∂v, ∂J/∂a, ∂J/∂b, ∂J/∂c]`.
/// Case 0 is the lab's `a = 2, b = 1, c = 4`, whose boxes it prints as
/// `u = 3, v = 8, J = 24` and derivatives `8, 3, 20, 8, 6`; ten seeded cases
/// in `[−3, 3]` follow.
///
/// `∂J/∂a` is the sum of two paths, `1 · ∂J/∂u + c · ∂J/∂v`: keeping one of
/// them is named "took only one path (forgot to add the other branch)", with
/// the path kept.
///
/// ```
/// use backprop_lab::exercises::check_fanout_boxes;
/// let r = check_fanout_boxes(|a, b, c| {
///     let (u, v) = (a + b, a * c);
///     [u, v, u * v, v, u, v + c * u, v, a * u]
/// });
/// assert!(r.is_right());
/// let r = check_fanout_boxes(|a, b, c| {
///     let (u, v) = (a + b, a * c);
///     [u, v, u * v, v, u, c * u, v, a * u]
/// });
/// assert_eq!(
///     r.mistake(),
///     Some("took only one path (forgot to add the other branch): kept the path through v in ∂J/∂a")
/// );
/// ```
pub fn check_fanout_boxes(learner: impl Fn(f64, f64, f64) -> [f64; 8]) -> CheckReport {
    let mut inputs = vec![[2.0, 1.0, 4.0]];
    let mut rng = seeded_rng(1_003);
    for _ in 0..10 {
        let mut r = || uniform_in(&mut rng, -3.0, 3.0);
        inputs.push([r(), r(), r()]);
    }
    let cases: Vec<CaseSpec<[f64; 3]>> = inputs
        .iter()
        .enumerate()
        .map(|(i, &[a, b, c])| {
            let label = if i == 0 {
                "the lab's".to_string()
            } else {
                format!("random #{i}")
            };
            let input = format!("a = {}, b = {}, c = {}", num(a), num(b), num(c));
            CaseSpec::new(label, input, [a, b, c])
        })
        .collect();
    let ex = Exercise {
        name: "fanout_boxes",
        task: "the eight boxes [u, v, J, ∂J/∂u, ∂J/∂v, ∂J/∂a, ∂J/∂b, ∂J/∂c] of J = u·v with u = a + b, v = a·c, for any a, b, c",
        cases: &cases,
        catalogue: &FANOUT_CATALOGUE,
        model: &fanout_model,
        equations: &FANOUT_EQUATIONS,
    };
    judge(&ex, |&[a, b, c]| {
        learner(a, b, c)
            .iter()
            .map(|v| Shaped::scalar(*v))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn square_slips_reach_the_boxes_they_feed() {
        let lab = |s: &[Slip]| -> Vec<f64> {
            square_model(&3.0, Slips(s))
                .unwrap()
                .iter()
                .map(|p| p.values[0])
                .collect()
        };
        assert_eq!(lab(&[]), [11.0, 121.0, 22.0, 66.0]);
        // A sign in ∂J/∂a stays there; in both boxes it is the kind everywhere.
        assert_eq!(lab(&[SQUARE_CATALOGUE[7]]), [11.0, 121.0, -22.0, 66.0]);
        assert_eq!(lab(&SQUARE_CATALOGUE[7..9]), [11.0, 121.0, -22.0, -66.0]);
        assert_eq!(lab(&[SQUARE_CATALOGUE[0]]), [9.0, 81.0, 18.0, 54.0]);
        assert_eq!(lab(&[SQUARE_CATALOGUE[10]]), [11.0, 121.0, 22.0, 3.0]);
        // a = 3 + 2w = 9, and ∂J/∂w takes its own slope 2; ½a² halves J and
        // both derivatives.
        assert_eq!(lab(&[SQUARE_CATALOGUE[1]]), [9.0, 81.0, 18.0, 36.0]);
        assert_eq!(lab(&[SQUARE_CATALOGUE[2]]), [11.0, 60.5, 11.0, 33.0]);
    }

    #[test]
    fn a_half_forgotten_in_one_box_is_named_there() {
        // J = half·d² and ∂J/∂d = two·d.
        let boxes = |x: f64, w: f64, b: f64, y: f64, half: f64, two: f64| {
            let (c, a) = (w * x, w * x + b);
            let d = a - y;
            let g = two * d;
            [c, a, d, half * d * d, g, g, g, g, g * x]
        };
        let only_derivative = check_network_boxes(|x, w, b, y| boxes(x, w, b, y, 0.5, 2.0));
        assert_eq!(only_derivative.mistake(), Some("forgot the ½ in ∂J/∂d"));
        let both = check_network_boxes(|x, w, b, y| boxes(x, w, b, y, 1.0, 2.0));
        assert_eq!(
            both.mistake(),
            Some("forgot the ½ everywhere (J and ∂J/∂d)")
        );
        let upstream = check_network_boxes(|x, w, b, y| {
            let (c, a) = (w * x, w * x + b);
            let d = a - y;
            [c, a, d, d * d / 2.0, d, d, 1.0, d, x]
        });
        assert_eq!(
            upstream.mistake(),
            Some("forgot the upstream gradient in ∂J/∂c")
        );
    }
}
