//! Lab 02's exercises, part 1: each operation's value and local derivatives
//! (`apply_op`), one more operation of the learner's choice, and the
//! topological order.
//!
//! `apply_op` is judged one operation (one `match` arm) at a time: an arm
//! still at `todo!()` leaves that operation "not started" and the others are
//! judged. A topological order is not unique, so `topo_order`'s model takes
//! the learner's own order when it has the property a mistake describes (a
//! valid order for no mistake, a valid order reversed for "reversed", ...)
//! and a representative order otherwise; the same is done for the own
//! operation, whose reference is a two-sided difference.

use super::model::{Part, Place, Shaped, Slip, Slips};
use super::report::{judge, run_quietly, CaseSpec, CheckReport, Exercise, Mistake};
use super::report::{list, NOT_MODELLED};
use crate::autograd::Op;
use crate::show::num;

pub(crate) static ADD_ONE_ZERO: Mistake = Mistake {
    name: "add's local derivatives (1, 0): the second input forgotten",
    hint: "both inputs of a sum move it one for one: ∂(x0 + x1)/∂x0 = ∂(x0 + x1)/∂x1 = 1",
};
pub(crate) static ADD_AS_MUL: Mistake = Mistake {
    name: "add's local derivatives taken from the product rule (x1, x0)",
    hint: "a sum's local derivatives do not depend on the inputs: both are 1",
};
pub(crate) static MUL_SWAPPED: Mistake = Mistake {
    name: "product rule with the inputs' roles swapped: (x0, x1) instead of (x1, x0)",
    hint: "∂(x0·x1)/∂x0 = x1: each input's derivative is the other input",
};
pub(crate) static MUL_ONES: Mistake = Mistake {
    name: "the product's local derivatives (1, 1), as for a sum",
    hint: "∂(x0·x1)/∂x0 = x1 and ∂(x0·x1)/∂x1 = x0",
};
pub(crate) static POW_N_XN: Mistake = Mistake {
    name: "power rule off by one: n·xⁿ instead of n·xⁿ⁻¹",
    hint: "d/dx xⁿ = n·xⁿ⁻¹: the exponent comes down and drops by one",
};
pub(crate) static POW_NM1: Mistake = Mistake {
    name: "power rule off by one: (n − 1)·xⁿ⁻¹ instead of n·xⁿ⁻¹",
    hint: "d/dx xⁿ = n·xⁿ⁻¹: the factor is the old exponent n, the power is n − 1",
};
pub(crate) static POW_N_XN2: Mistake = Mistake {
    name: "power rule off by one: n·xⁿ⁻² instead of n·xⁿ⁻¹",
    hint: "d/dx xⁿ = n·xⁿ⁻¹: the exponent drops by one, not two",
};
pub(crate) static POW_NO_N: Mistake = Mistake {
    name: "power rule without the factor n: xⁿ⁻¹ instead of n·xⁿ⁻¹",
    hint: "d/dx xⁿ = n·xⁿ⁻¹: the exponent comes down as a factor",
};
pub(crate) static POW_INT: Mistake = Mistake {
    name: "exponent rounded to an integer (powi(n as i32))",
    hint: "Op::Pow(n) takes any real n, e.g. 0.5 for a square root: use powf(n) and powf(n - 1.0)",
};
pub(crate) static EXP_DER_X: Mistake = Mistake {
    name: "exp′ written as x instead of eˣ",
    hint: "d/dx eˣ = eˣ: the local derivative is the output itself",
};
pub(crate) static TANH_FROM_INPUT: Mistake = Mistake {
    name: "tanh′ computed from the input: 1 − x² instead of 1 − t² with t = tanh x",
    hint: "d/dx tanh x = 1 − tanh²x: square the output t, not the input x",
};
pub(crate) static TANH_NO_SQUARE: Mistake = Mistake {
    name: "tanh′ written 1 − t instead of 1 − t²",
    hint: "d/dx tanh x = 1 − t² with t = tanh x",
};
pub(crate) static TANH_SIGMOID: Mistake = Mistake {
    name: "σ′'s form t(1 − t) carried over for tanh′",
    hint: "t(1 − t) is the sigmoid's derivative; tanh's is 1 − t²",
};
pub(crate) static RELU_ONE: Mistake = Mistake {
    name: "ReLU′ = 1 everywhere: it is 0 where x ≤ 0",
    hint: "max(x, 0) is flat left of 0: its slope is 1 for x > 0 and 0 for x ≤ 0",
};
pub(crate) static RELU_FLIPPED: Mistake = Mistake {
    name: "ReLU′ flipped: 1 for negative x and 0 for positive x",
    hint: "max(x, 0) rises where x > 0: the slope is 1 there",
};
pub(crate) static RELU_VALUE: Mistake = Mistake {
    name: "ReLU′ returned the output max(x, 0) instead of the slope 0 or 1",
    hint: "the local derivative of max(x, 0) is 1 for x > 0 and 0 for x ≤ 0",
};

/// The place of each operation's arm.
pub(crate) fn op_place(op: Op) -> Place {
    match op {
        Op::Add => P_ADD,
        Op::Mul => P_MUL,
        Op::Pow(_) => P_POW,
        Op::Exp => P_EXP,
        Op::Tanh => P_TANH,
        Op::Relu => P_RELU,
    }
}

pub(crate) const P_ADD: Place = Place::step("Op::Add");
pub(crate) const P_MUL: Place = Place::step("Op::Mul");
pub(crate) const P_POW: Place = Place::step("Op::Pow");
pub(crate) const P_EXP: Place = Place::step("Op::Exp");
pub(crate) const P_TANH: Place = Place::step("Op::Tanh");
pub(crate) const P_RELU: Place = Place::step("Op::Relu");

const OPS_CATALOGUE: [Slip; 16] = [
    Slip::new(&ADD_ONE_ZERO, P_ADD),
    Slip::new(&ADD_AS_MUL, P_ADD),
    Slip::new(&MUL_SWAPPED, P_MUL),
    Slip::new(&MUL_ONES, P_MUL),
    Slip::new(&POW_N_XN, P_POW),
    Slip::new(&POW_NM1, P_POW),
    Slip::new(&POW_N_XN2, P_POW),
    Slip::new(&POW_NO_N, P_POW),
    Slip::new(&POW_INT, P_POW),
    Slip::new(&EXP_DER_X, P_EXP),
    Slip::new(&TANH_FROM_INPUT, P_TANH),
    Slip::new(&TANH_NO_SQUARE, P_TANH),
    Slip::new(&TANH_SIGMOID, P_TANH),
    Slip::new(&RELU_ONE, P_RELU),
    Slip::new(&RELU_FLIPPED, P_RELU),
    Slip::new(&RELU_VALUE, P_RELU),
];

const OPS_EQUATIONS: [(&str, &str); 6] = [
    ("Op::Add", "out = x0 + x1; ∂out/∂x0 = 1, ∂out/∂x1 = 1"),
    ("Op::Mul", "out = x0·x1; ∂out/∂x0 = x1, ∂out/∂x1 = x0"),
    ("Op::Pow", "out = x0ⁿ; ∂out/∂x0 = n·x0ⁿ⁻¹"),
    ("Op::Exp", "out = eˣ; ∂out/∂x = eˣ = out"),
    ("Op::Tanh", "out = t = tanh x; ∂out/∂x = 1 − t²"),
    ("Op::Relu", "out = max(x, 0); ∂out/∂x = 1 if x > 0, else 0"),
];

/// One operation's value and local derivatives with the slips at its arm
/// switched on; `None` when the inputs do not fit the operation.
pub(crate) fn op_model(op: Op, x: &[f64], s: Slips) -> Option<(f64, Vec<f64>)> {
    let at = |m: &Mistake| s.at(m, op_place(op));
    Some(match (op, x) {
        (Op::Add, &[a, b]) if at(&ADD_ONE_ZERO) => (a + b, vec![1.0, 0.0]),
        (Op::Add, &[a, b]) if at(&ADD_AS_MUL) => (a + b, vec![b, a]),
        (Op::Add, &[a, b]) => (a + b, vec![1.0, 1.0]),
        (Op::Mul, &[a, b]) if at(&MUL_SWAPPED) => (a * b, vec![a, b]),
        (Op::Mul, &[a, b]) if at(&MUL_ONES) => (a * b, vec![1.0, 1.0]),
        (Op::Mul, &[a, b]) => (a * b, vec![b, a]),
        (Op::Pow(n), &[a]) => pow_model(n, a, at),
        (Op::Exp, &[a]) => (a.exp(), vec![if at(&EXP_DER_X) { a } else { a.exp() }]),
        (Op::Tanh, &[a]) => {
            let t = a.tanh();
            let d = if at(&TANH_FROM_INPUT) {
                1.0 - a * a
            } else if at(&TANH_NO_SQUARE) {
                1.0 - t
            } else if at(&TANH_SIGMOID) {
                t * (1.0 - t)
            } else {
                1.0 - t * t
            };
            (t, vec![d])
        }
        (Op::Relu, &[a]) => {
            let (pos, neg) = if at(&RELU_ONE) {
                (1.0, 1.0)
            } else if at(&RELU_FLIPPED) {
                (0.0, 1.0)
            } else if at(&RELU_VALUE) {
                (a, 0.0)
            } else {
                (1.0, 0.0)
            };
            (a.max(0.0), vec![if a > 0.0 { pos } else { neg }])
        }
        _ => return None,
    })
}

fn pow_model(n: f64, a: f64, at: impl Fn(&Mistake) -> bool) -> (f64, Vec<f64>) {
    if at(&POW_INT) {
        let k = n as i32;
        return (a.powi(k), vec![n * a.powi(k - 1)]);
    }
    let d = if at(&POW_N_XN) {
        n * a.powf(n)
    } else if at(&POW_NM1) {
        (n - 1.0) * a.powf(n - 1.0)
    } else if at(&POW_N_XN2) {
        n * a.powf(n - 2.0)
    } else if at(&POW_NO_N) {
        a.powf(n - 1.0)
    } else {
        n * a.powf(n - 1.0)
    };
    (a.powf(n), vec![d])
}

/// A case of `apply_op`: an operation and its inputs.
type OpCase = (Op, Vec<f64>);

fn ops_model(c: &OpCase, s: Slips) -> Result<Vec<Part>, String> {
    let two_slips_at_pow = s.0.iter().filter(|x| x.place == P_POW).count() > 1;
    if two_slips_at_pow {
        // Two rewrites of one derivative: not a mistake one makes at once.
        return Err(NOT_MODELLED.into());
    }
    let (v, d) = op_model(c.0, &c.1, s).ok_or_else(|| NOT_MODELLED.to_string())?;
    let step = op_place(c.0).step;
    let name = if d.len() == 2 {
        "[∂out/∂x0, ∂out/∂x1]"
    } else {
        "[∂out/∂x]"
    };
    Ok(vec![
        Part::scalar(format!("value of {}", c.0.label()), step, v),
        Part::vector(format!("{name} of {}", c.0.label()), step, d),
    ])
}

/// The cases of `apply_op`: each operation at inputs that tell its mistakes
/// apart (x0 ≠ x1 for the product; x ≠ 1 and a fractional and a negative n
/// for the power; ReLU on both sides of 0, never at the kink).
fn op_cases() -> Vec<OpCase> {
    vec![
        (Op::Add, vec![2.0, -3.0]),
        (Op::Add, vec![0.5, 4.0]),
        (Op::Mul, vec![3.0, -2.0]),
        (Op::Mul, vec![-1.5, 2.5]),
        (Op::Pow(2.0), vec![1.5]),
        (Op::Pow(3.0), vec![-2.0]),
        (Op::Pow(0.5), vec![0.64]),
        (Op::Pow(-1.0), vec![2.5]),
        (Op::Exp, vec![0.5]),
        (Op::Exp, vec![-1.2]),
        (Op::Tanh, vec![0.5]),
        (Op::Tanh, vec![-1.3]),
        (Op::Relu, vec![1.5]),
        (Op::Relu, vec![-0.7]),
        (Op::Relu, vec![2.25]),
    ]
}

/// The operations in the order the notebook writes them.
const OP_ORDER: [&str; 6] = [
    "Op::Add", "Op::Mul", "Op::Pow", "Op::Exp", "Op::Tanh", "Op::Relu",
];

/// Checks `apply_op(op, x) -> (value, local derivatives)`, one arm per
/// operation: `Add`, `Mul` (x0 ≠ x1, so swapped roles show), `Pow(n)` (n = 2,
/// 3, 0.5 and −1), `Exp`, `Tanh` (where 1 − x² ≠ 1 − tanh²x) and `Relu` (on
/// both sides of 0). An arm still at `todo!()` is not started: the others are
/// judged, and the verdict stays "not started" until every arm is written.
///
/// ```
/// use backprop_lab::autograd::{apply_op, Op};
/// use backprop_lab::exercises::check_ops;
/// assert!(check_ops(apply_op).is_right());
/// let r = check_ops(|op, x| match op {
///     Op::Mul => (x[0] * x[1], vec![x[0], x[1]]),
///     _ => apply_op(op, x),
/// });
/// assert_eq!(r.mistake(), Some(
///     "product rule with the inputs' roles swapped: (x0, x1) instead of (x1, x0) in Op::Mul"));
/// ```
pub fn check_ops(apply_op: impl Fn(Op, &[f64]) -> (f64, Vec<f64>)) -> CheckReport {
    let all = op_cases();
    // The arms that still reach a todo!.
    let mut todo: Vec<&'static str> = Vec::new();
    for (op, x) in &all {
        if let Err(msg) = run_quietly(|| apply_op(*op, x)) {
            let step = op_place(*op).step;
            if msg.starts_with("not yet implemented") && !todo.contains(&step) {
                todo.push(step);
            }
        }
    }
    let every_arm_todo = todo.len() == OP_ORDER.len();
    let started = |op: Op| every_arm_todo || !todo.contains(&op_place(op).step);
    let cases: Vec<CaseSpec<OpCase>> = all
        .into_iter()
        .filter(|(op, _)| started(*op))
        .map(|(op, x)| {
            let label = format!("{} at x = {}", op.label(), list(&x));
            let input = format!("apply_op({}, &{})", op.label(), list(&x));
            CaseSpec::new(label, input, (op, x))
        })
        .collect();
    let catalogue: Vec<Slip> = OPS_CATALOGUE
        .iter()
        .copied()
        .filter(|s| every_arm_todo || !todo.contains(&s.place.step))
        .collect();
    let ex = Exercise {
        name: "apply_op",
        task: "each arm of apply_op: the operation's value and its local derivatives ∂out/∂xᵢ",
        cases: &cases,
        catalogue: &catalogue,
        model: &ops_model,
        equations: &OPS_EQUATIONS,
    };
    let report = judge(&ex, |(op, x)| {
        let (v, d) = apply_op(*op, x);
        vec![Shaped::scalar(v), Shaped::list(&d)]
    });
    if !report.is_right() || todo.is_empty() {
        return report;
    }
    let done: Vec<String> = OP_ORDER
        .iter()
        .filter(|s| !todo.contains(s))
        .map(|s| s.to_string())
        .collect();
    let rest: Vec<String> = todo.iter().map(|s| s.to_string()).collect();
    let task = format!(
        "the arms for {} ({} right)",
        super::model::join_and(&rest),
        super::model::join_and(&done),
    );
    report.not_started(task, format!("the arm for {}", rest[0]))
}

/// One case of the own operation: the point and the two-sided difference,
/// with the learner's `f` and `df` there.
struct OwnCase {
    x: f64,
    slope: f64,
    f: f64,
    df: f64,
}

static OWN_SIGN: Mistake = Mistake {
    name: "the derivative's sign flipped",
    hint: "compare the sign of df(x) with the direction f moves as x grows",
};
static OWN_IS_F: Mistake = Mistake {
    name: "df returns the function f itself",
    hint: "df(x) is the slope of f at x; only eˣ is its own derivative",
};
static OWN_HALF: Mistake = Mistake {
    name: "the derivative is half what it should be (a factor 2 dropped)",
    hint: "a factor that comes down from an exponent or the chain rule is missing",
};
static OWN_DOUBLE: Mistake = Mistake {
    name: "the derivative is twice what it should be (a factor 2 too many)",
    hint: "a factor 2 is counted twice, or one that belongs to another function was carried over",
};

const OWN: Place = Place::step("");
const OWN_CATALOGUE: [Slip; 4] = [
    Slip::new(&OWN_SIGN, OWN),
    Slip::new(&OWN_IS_F, OWN),
    Slip::new(&OWN_HALF, OWN),
    Slip::new(&OWN_DOUBLE, OWN),
];

/// Agreement of a derivative with a two-sided difference at step 1e-5: the
/// difference's error is about h²·f‴ ≈ 1e-10.
fn slope_agrees(d: f64, slope: f64) -> bool {
    (d - slope).abs() <= 1e-6 * slope.abs().max(1.0)
}

fn own_model(c: &OwnCase, s: Slips) -> Result<Vec<Part>, String> {
    if s.at(&OWN_HALF, OWN) && s.at(&OWN_DOUBLE, OWN) {
        return Err(NOT_MODELLED.into());
    }
    let d = if s.at(&OWN_IS_F, OWN) { c.f } else { c.slope };
    let d = d * s.pick(&OWN_SIGN, OWN, 1.0, -1.0);
    let d = d * s.pick(&OWN_HALF, OWN, 1.0, 0.5) * s.pick(&OWN_DOUBLE, OWN, 1.0, 2.0);
    // Within the difference's error of the learner's value: the learner's.
    let d = if slope_agrees(c.df, d) { c.df } else { d };
    Ok(vec![Part::scalar("df(x)", "df", d)])
}

/// Points for the own operation, avoiding 0 and 1 (kinks of ReLU-like
/// operations, and where x and x² agree).
const OWN_POINTS: [f64; 8] = [-2.1, -1.3, -0.6, 0.35, 0.8, 1.45, 2.2, 3.1];

/// Checks `df`, the derivative of one more operation `f` of the learner's
/// choice (sigmoid, ln, sin, ...), against the two-sided difference
/// `(f(x + h) − f(x − h)) / 2h` with `h = 1e-5`, at the points of
/// −2.1…3.1 where `f` is finite nearby (so `ln` is checked on its positive
/// points only). `name` is the operation's name in the report.
///
/// ```
/// use backprop_lab::exercises::check_own_op;
/// let sigmoid = |x: f64| 1.0 / (1.0 + (-x).exp());
/// assert!(check_own_op("sigmoid", sigmoid, |x| sigmoid(x) * (1.0 - sigmoid(x))).is_right());
/// assert!(check_own_op("ln", f64::ln, |x| 1.0 / x).is_right());
/// assert_eq!(check_own_op("sin", f64::sin, |x| -x.cos()).mistake(),
///            Some("the derivative's sign flipped"));
/// ```
pub fn check_own_op(name: &str, f: impl Fn(f64) -> f64, df: impl Fn(f64) -> f64) -> CheckReport {
    const H: f64 = 1e-5;
    let fv = run_quietly(|| {
        OWN_POINTS
            .iter()
            .map(|&x| [f(x - H), f(x), f(x + H)])
            .collect::<Vec<_>>()
    });
    let dv = run_quietly(|| OWN_POINTS.iter().map(|&x| df(x)).collect::<Vec<_>>());
    let task = format!("f and df for {name}, df being f's derivative");
    let fv = match fv {
        Ok(v) => v,
        Err(msg) => return CheckReport::failed_early("own op", &task, &msg),
    };
    let dv = dv.unwrap_or_default();
    let cases: Vec<CaseSpec<OwnCase>> = OWN_POINTS
        .iter()
        .zip(&fv)
        .enumerate()
        .filter(|(_, (_, v))| v.iter().all(|y| y.is_finite()))
        .map(|(i, (&x, v))| {
            let c = OwnCase {
                x,
                slope: (v[2] - v[0]) / (2.0 * H),
                f: v[1],
                df: dv.get(i).copied().unwrap_or(f64::NAN),
            };
            let input = format!(
                "{name} at x = {}, two-sided difference {}",
                num(x),
                num(c.slope)
            );
            CaseSpec::new(format!("x = {}", num(c.x)), input, c)
        })
        .collect();
    if cases.len() < 3 {
        let problem = format!(
            "f is a finite number near only {} of the points {OWN_POINTS:?}; the check needs 3",
            cases.len()
        );
        return CheckReport::failed_early("own op", &task, &problem);
    }
    let ex = Exercise {
        name: "own op",
        task: &task,
        cases: &cases,
        catalogue: &OWN_CATALOGUE,
        model: &own_model,
        equations: &[("df", "df(x) ≈ (f(x + h) − f(x − h)) / 2h for a small h")],
    };
    judge(&ex, |c| vec![Shaped::scalar(df(c.x))])
}
