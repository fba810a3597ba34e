//! Lab 02's exercises `backward` and `zero_grad`, judged through the
//! [`Autograd`] trait on a fresh engine per case.
//!
//! Each case builds an expression with the trait's methods, in the learner's
//! engine and in the crate's [`Tape`], whose arena is the model's graph. The
//! model runs backward on that graph with any set of slips switched on. Where
//! a mistake's result depends on the order nodes are visited (`=` instead of
//! `+=` keeps the last consumer's share), the model tries the orders a
//! learner's code plausibly walks and takes the one that gives the learner's
//! numbers, if any.

use super::autograd::{op_model, EXP_DER_X, MUL_SWAPPED, POW_NM1, POW_N_XN};
use super::autograd::{ADD_ONE_ZERO, RELU_ONE, TANH_FROM_INPUT};
use super::autograd_topo::{breadth_first_reversed, with_repeats};
use super::model::{close, Part, Place, Shaped, Slip, Slips};
use super::report::{judge, run_quietly, CaseSpec, CheckReport, Exercise, Mistake, NOT_MODELLED};
use crate::autograd::{topo_order, Autograd, Op, Tape};

static OVERWROTE: Mistake = Mistake {
    name: "= instead of += where a node fans out",
    hint: "a node used by several consumers (a + a, a · a, a shared subexpression) gets a share of the gradient from each: add it with +=, or only the last share survives",
};
static EARLY: Mistake = Mistake {
    name: "a node visited before all of its consumers",
    hint: "a node may pass its gradient on only once every consumer has added its share: walk topo_order(..) in reverse (.rev()), not forwards or breadth-first",
};
static NO_SEED: Mistake = Mistake {
    name: "∂L/∂L not seeded with 1",
    hint: "backward starts with grad[root] = 1 (∂L/∂L = 1); from a gradient of 0 every product stays 0",
};
static SEED_VALUE: Mistake = Mistake {
    name: "∂L/∂L seeded with L's value instead of 1",
    hint: "the seed is the derivative of L by itself, ∂L/∂L = 1, whatever L's value",
};
static NO_UPSTREAM: Mistake = Mistake {
    name: "forgot the upstream gradient: grad[input] += local instead of local · grad[node]",
    hint: "the chain rule multiplies each local derivative by the gradient arriving at the node",
};
static TWICE: Mistake = Mistake {
    name: "a node passed on its gradient twice (listed twice by topo_order)",
    hint: "topo_order must list each node once: keep a set of visited nodes",
};

const BACKWARD: Place = Place::step("backward");

const BACKWARD_CATALOGUE: [Slip; 14] = [
    Slip::new(&OVERWROTE, BACKWARD),
    Slip::new(&EARLY, BACKWARD),
    Slip::new(&NO_SEED, BACKWARD),
    Slip::new(&SEED_VALUE, BACKWARD),
    Slip::new(&NO_UPSTREAM, BACKWARD),
    Slip::new(&TWICE, BACKWARD),
    Slip::new(&ADD_ONE_ZERO, super::autograd::P_ADD),
    Slip::new(&MUL_SWAPPED, super::autograd::P_MUL),
    Slip::new(&POW_N_XN, super::autograd::P_POW),
    Slip::new(&POW_NM1, super::autograd::P_POW),
    Slip::new(&EXP_DER_X, super::autograd::P_EXP),
    Slip::new(&TANH_FROM_INPUT, super::autograd::P_TANH),
    Slip::new(&RELU_ONE, super::autograd::P_RELU),
    Slip::new(&super::autograd::POW_N_XN2, super::autograd::P_POW),
];

/// An expression built through the trait: its named nodes, the root last.
type Build = fn(&mut dyn Autograd) -> Vec<(&'static str, usize)>;

fn e_a_plus_a(g: &mut dyn Autograd) -> Vec<(&'static str, usize)> {
    let a = g.leaf(3.0);
    let l = g.add(a, a);
    vec![("a", a), ("L = a + a", l)]
}

fn e_a_times_a(g: &mut dyn Autograd) -> Vec<(&'static str, usize)> {
    let a = g.leaf(-1.5);
    let l = g.mul(a, a);
    vec![("a", a), ("L = a · a", l)]
}

fn e_shared(g: &mut dyn Autograd) -> Vec<(&'static str, usize)> {
    let (a, b, c) = (g.leaf(2.0), g.leaf(-0.5), g.leaf(3.0));
    let s = g.mul(a, b);
    let t = g.mul(s, c);
    let l = g.add(t, s);
    vec![
        ("a", a),
        ("b", b),
        ("c", c),
        ("s = a · b", s),
        ("t = s · c", t),
        ("L = t + s", l),
    ]
}

fn e_diamond(g: &mut dyn Autograd) -> Vec<(&'static str, usize)> {
    let a = g.leaf(0.7);
    let p = g.pow(a, 2.0);
    let q = g.tanh(a);
    let l = g.mul(p, q);
    vec![("a", a), ("p = a²", p), ("q = tanh a", q), ("L = p · q", l)]
}

fn e_short_long(g: &mut dyn Autograd) -> Vec<(&'static str, usize)> {
    let (a, b) = (g.leaf(0.4), g.leaf(1.5));
    let u = g.mul(a, b);
    let e = g.exp(u);
    let t = g.tanh(e);
    let l = g.add(u, t);
    vec![
        ("a", a),
        ("b", b),
        ("u = a · b", u),
        ("e = exp u", e),
        ("t = tanh e", t),
        ("L = u + t", l),
    ]
}

fn e_neuron(g: &mut dyn Autograd) -> Vec<(&'static str, usize)> {
    let (x1, x2) = (g.leaf(0.5), g.leaf(-1.5));
    let (w1, w2, b) = (g.leaf(2.0), g.leaf(-0.75), g.leaf(0.25));
    let p1 = g.mul(w1, x1);
    let p2 = g.mul(w2, x2);
    let s = g.add(p1, p2);
    let z = g.add(s, b);
    let l = g.tanh(z);
    vec![
        ("x1", x1),
        ("x2", x2),
        ("w1", w1),
        ("w2", w2),
        ("b", b),
        ("w1·x1", p1),
        ("w2·x2", p2),
        ("z = w1·x1 + w2·x2 + b", z),
        ("L = tanh z", l),
    ]
}

fn e_pow_relu(g: &mut dyn Autograd) -> Vec<(&'static str, usize)> {
    let (a, b) = (g.leaf(1.5), g.leaf(-2.0));
    let u = g.mul(a, b);
    let r = g.relu(u);
    let v = g.relu(a);
    let w = g.pow(b, 3.0);
    let z = g.mul(v, w);
    let l = g.add(r, z);
    vec![
        ("a", a),
        ("b", b),
        ("u = a · b", u),
        ("relu u", r),
        ("relu a", v),
        ("b³", w),
        ("relu a · b³", z),
        ("L", l),
    ]
}

fn e_exp(g: &mut dyn Autograd) -> Vec<(&'static str, usize)> {
    let a = g.leaf(-0.3);
    let e = g.exp(a);
    let l = g.mul(e, a);
    vec![("a", a), ("e = exp a", e), ("L = e · a", l)]
}

fn e_square_of_difference(g: &mut dyn Autograd) -> Vec<(&'static str, usize)> {
    let (a, b) = (g.leaf(1.2), g.leaf(0.4));
    let d = g.sub(a, b);
    let l = g.pow(d, 2.0);
    vec![("a", a), ("b", b), ("d = a − b", d), ("L = d²", l)]
}

fn e_leaf_root(g: &mut dyn Autograd) -> Vec<(&'static str, usize)> {
    let a = g.leaf(0.9);
    vec![("L = a", a)]
}

fn e_deep(g: &mut dyn Autograd) -> Vec<(&'static str, usize)> {
    let a = g.leaf(0.5);
    let mut x = a;
    for _ in 0..300 {
        x = g.tanh(x);
    }
    vec![("a", a), ("L = tanh(tanh(… a)) (300 deep)", x)]
}

const EXPRESSIONS: [(&str, Build); 11] = [
    ("a + a", e_a_plus_a),
    ("a · a", e_a_times_a),
    ("a shared subexpression", e_shared),
    ("a diamond", e_diamond),
    ("a short and a long path", e_short_long),
    ("the lab's neuron tanh(w1·x1 + w2·x2 + b)", e_neuron),
    ("relu and pow", e_pow_relu),
    ("exp", e_exp),
    ("(a − b)², with sub", e_square_of_difference),
    ("a leaf as the root", e_leaf_root),
    ("a chain 300 deep", e_deep),
];

/// A case's graph as the model sees it, and the learner's numbers.
pub(crate) struct GraphCase {
    values: Vec<f64>,
    ops: Vec<Option<Op>>,
    inputs: Vec<Vec<usize>>,
    named: Vec<(&'static str, usize)>,
    build: Build,
    got: Option<Vec<f64>>,
}

impl GraphCase {
    fn new(build: Build, got: Option<Vec<f64>>) -> GraphCase {
        let mut tape = Tape::default();
        let named = build(&mut tape);
        let nodes = tape.nodes();
        GraphCase {
            values: nodes.iter().map(|n| n.value).collect(),
            ops: nodes.iter().map(|n| n.op).collect(),
            inputs: nodes.iter().map(|n| n.inputs.clone()).collect(),
            named,
            build,
            got,
        }
    }

    fn root(&self) -> usize {
        self.named.last().map_or(0, |n| n.1)
    }

    /// The forward values with the slips' operations.
    fn values(&self, s: Slips) -> Result<Vec<f64>, String> {
        let mut v = self.values.clone();
        for id in 0..v.len() {
            if let Some(op) = self.ops[id] {
                let x: Vec<f64> = self.inputs[id].iter().map(|&i| v[i]).collect();
                v[id] = op_model(op, &x, s)
                    .ok_or_else(|| NOT_MODELLED.to_string())?
                    .0;
            }
        }
        Ok(v)
    }

    /// The orders a backward walk plausibly visits nodes in.
    fn walks(&self, s: Slips) -> Result<Vec<Vec<usize>>, String> {
        let (inputs, root) = (&self.inputs, self.root());
        let topo = topo_order(inputs, root);
        let mut ascending = topo.clone();
        ascending.sort_unstable();
        if s.at(&TWICE, BACKWARD) {
            let mut v = Vec::new();
            with_repeats(inputs, root, &mut v)?;
            v.reverse();
            return Ok(vec![v]);
        }
        if s.at(&EARLY, BACKWARD) {
            let mut bfs = breadth_first_reversed(inputs, root);
            bfs.reverse();
            return Ok(vec![topo, bfs, ascending]);
        }
        let flipped: Vec<Vec<usize>> = inputs
            .iter()
            .map(|l| l.iter().rev().copied().collect())
            .collect();
        let other = topo_order(&flipped, root);
        Ok([topo, other, ascending]
            .into_iter()
            .map(|mut o| {
                o.reverse();
                o
            })
            .collect())
    }
}

/// One backward pass over `walk` with the slips, onto `grads`; `add_seed`
/// adds the seed instead of setting it.
fn backward_pass(
    c: &GraphCase,
    values: &[f64],
    walk: &[usize],
    s: Slips,
    grads: &mut [f64],
    add_seed: bool,
) -> Result<(), String> {
    let root = c.root();
    let seed = if s.at(&NO_SEED, BACKWARD) {
        0.0
    } else {
        s.pick(&SEED_VALUE, BACKWARD, 1.0, values[root])
    };
    grads[root] = if add_seed { grads[root] + seed } else { seed };
    for &id in walk {
        let Some(op) = c.ops[id] else { continue };
        let x: Vec<f64> = c.inputs[id].iter().map(|&i| values[i]).collect();
        let (_, local) = op_model(op, &x, s).ok_or_else(|| NOT_MODELLED.to_string())?;
        let g = grads[id];
        for (k, &input) in c.inputs[id].iter().enumerate() {
            let d = local.get(k).copied().unwrap_or(f64::NAN);
            let share = if s.at(&NO_UPSTREAM, BACKWARD) {
                d
            } else {
                d * g
            };
            grads[input] = if s.at(&OVERWROTE, BACKWARD) {
                share
            } else {
                grads[input] + share
            };
        }
    }
    Ok(())
}

/// A node's name for `∂L/∂…`: the name before " = ", in parentheses when it
/// is an expression.
fn short(name: &str) -> String {
    let n = name.split(" = ").next().unwrap_or(name);
    if n.chars().all(|c| c.is_alphanumeric()) {
        n.to_string()
    } else {
        format!("({n})")
    }
}

/// The named nodes' values of `all`.
fn named(c: &GraphCase, all: &[f64]) -> Vec<f64> {
    c.named.iter().map(|&(_, id)| all[id]).collect()
}

/// Does the learner's list equal `want`?
fn matches(got: &Option<Vec<f64>>, want: &[f64]) -> bool {
    got.as_ref()
        .is_some_and(|g| g.len() == want.len() && g.iter().zip(want).all(|(a, b)| close(*a, *b)))
}

fn backward_model(c: &GraphCase, s: Slips) -> Result<Vec<Part>, String> {
    let seeds = [&NO_SEED, &SEED_VALUE]
        .iter()
        .filter(|m| s.at(m, BACKWARD))
        .count();
    let orders = [&EARLY, &TWICE]
        .iter()
        .filter(|m| s.at(m, BACKWARD))
        .count();
    if seeds > 1
        || orders > 1
        || s.0
            .iter()
            .filter(|x| x.place == super::autograd::P_POW)
            .count()
            > 1
    {
        return Err(NOT_MODELLED.into());
    }
    let values = c.values(s)?;
    let mut results = Vec::new();
    for walk in c.walks(s)? {
        let mut grads = vec![0.0; values.len()];
        backward_pass(c, &values, &walk, s, &mut grads, false)?;
        results.push(named(c, &grads));
        if s.at(&NO_SEED, BACKWARD) {
            // Seeded after the walk: nothing flowed, but ∂L/∂L reads 1.
            grads[c.root()] = 1.0;
            results.push(named(c, &grads));
        }
    }
    let pick = results.iter().position(|r| matches(&c.got, r)).unwrap_or(0);
    Ok(c.named
        .iter()
        .zip(&results[pick])
        .map(|(&(name, _), &g)| Part::scalar(format!("∂L/∂{}", short(name)), "backward", g))
        .collect())
}

/// The learner's gradients of a case's named nodes after one backward.
fn learner_grads<E: Autograd + Default>(build: Build) -> Vec<f64> {
    let mut e = E::default();
    let named = build(&mut e);
    let root = named.last().map_or(0, |n| n.1);
    e.backward(root);
    named.iter().map(|&(_, id)| e.grad(id)).collect()
}

/// Checks `backward` of the learner's engine `E` (with its `apply_op` and
/// `topo_order`), through the [`Autograd`] trait on a fresh `E::default()`
/// per case: `a + a`, `a · a`, a shared subexpression, a diamond, a short and
/// a long path, a neuron, relu and pow, exp, `(a − b)²` with `sub`, a leaf as
/// the root and a chain 300 deep. Every named node's gradient is compared.
///
/// ```
/// use backprop_lab::autograd::Tape;
/// use backprop_lab::exercises::check_backward;
/// assert!(check_backward::<Tape>().is_right());
/// ```
pub fn check_backward<E: Autograd + Default>() -> CheckReport {
    let cases: Vec<CaseSpec<GraphCase>> = EXPRESSIONS
        .iter()
        .map(|&(label, build)| {
            let got = run_quietly(|| learner_grads::<E>(build)).ok();
            CaseSpec::new(label, format!("L = {label}"), GraphCase::new(build, got))
        })
        .collect();
    let ex = Exercise {
        name: "backward",
        task: "backward(root): seed grad[root] = 1, walk topo_order in reverse, and add local · grad[node] into each input's grad",
        cases: &cases,
        catalogue: &BACKWARD_CATALOGUE,
        model: &backward_model,
        equations: &[(
            "backward",
            "grad[root] = 1; for node in topo_order(..).rev(): for each input i: grad[input_i] += ∂node/∂input_i · grad[node]",
        )],
    };
    judge(&ex, |c| {
        learner_grads::<E>(c.build)
            .into_iter()
            .map(Shaped::scalar)
            .collect()
    })
}

static NOT_ZEROED: Mistake = Mistake {
    name: "gradients not zeroed between steps",
    hint: "zero_grad must set every node's grad to 0; backward adds onto what is there, so the second pass doubles every gradient (and training stalls or explodes)",
};
static LEAVES_ONLY: Mistake = Mistake {
    name: "zero_grad zeroed the leaves only",
    hint: "every node's grad is added onto during backward, the inner nodes' too: zero them all",
};
static VALUES_TOO: Mistake = Mistake {
    name: "zero_grad also reset the values",
    hint: "zero_grad sets grad = 0 and leaves value alone: the next backward needs the values for its local derivatives",
};
static VALUES_NOT_GRADS: Mistake = Mistake {
    name: "zero_grad reset the values instead of the gradients",
    hint: "set each node's grad to 0, not its value",
};
static TO_ONE: Mistake = Mistake {
    name: "zero_grad set the gradients to 1",
    hint: "only the root's gradient starts at 1, and backward seeds it; zero_grad sets every grad to 0",
};

const ZERO: Place = Place::step("zero_grad");

const ZERO_CATALOGUE: [Slip; 5] = [
    Slip::new(&NOT_ZEROED, ZERO),
    Slip::new(&LEAVES_ONLY, ZERO),
    Slip::new(&VALUES_TOO, ZERO),
    Slip::new(&VALUES_NOT_GRADS, ZERO),
    Slip::new(&TO_ONE, ZERO),
];

/// backward, zero_grad, then backward again, with the slips of zero_grad:
/// the gradients after each, and the values at the end; `add_seed` when the
/// learner's backward adds its seed.
fn zero_run(c: &GraphCase, s: Slips, add_seed: bool) -> Result<Vec<Vec<f64>>, String> {
    let mut values = c.values.clone();
    let walk = c.walks(Slips::NONE)?.swap_remove(0);
    let mut grads = vec![0.0; values.len()];
    backward_pass(c, &values, &walk, Slips::NONE, &mut grads, add_seed)?;
    let first = named(c, &grads);
    for id in 0..grads.len() {
        let leaf = c.ops[id].is_none();
        if s.at(&LEAVES_ONLY, ZERO) && !leaf {
            continue;
        }
        if s.at(&VALUES_TOO, ZERO) || s.at(&VALUES_NOT_GRADS, ZERO) {
            values[id] = 0.0;
        }
        if !s.at(&NOT_ZEROED, ZERO) && !s.at(&VALUES_NOT_GRADS, ZERO) {
            grads[id] = s.pick(&TO_ONE, ZERO, 0.0, 1.0);
        }
    }
    let zeroed = named(c, &grads);
    backward_pass(c, &values, &walk, Slips::NONE, &mut grads, add_seed)?;
    Ok(vec![first, zeroed, named(c, &grads), named(c, &values)])
}

fn zero_model(c: &GraphCase, s: Slips) -> Result<Vec<Part>, String> {
    if s.0.len() > 1 {
        // zero_grad is a loop of one line: one mistake at a time.
        return Err(NOT_MODELLED.into());
    }
    let plain = zero_run(c, s, false)?;
    let added = zero_run(c, s, true)?;
    let flat = |r: &[Vec<f64>]| r.concat();
    let pick = if matches(&c.got, &flat(&added)) && !matches(&c.got, &flat(&plain)) {
        added
    } else {
        plain
    };
    let names = [
        "gradients after the first backward",
        "gradients after zero_grad",
        "gradients after the second backward",
        "values after the second backward",
    ];
    Ok(names
        .iter()
        .zip(pick)
        .map(|(n, v)| Part::vector(*n, "zero_grad", v))
        .collect())
}

/// The learner's engine through backward, zero_grad and backward: the named
/// nodes' gradients after each step and their values at the end.
fn learner_zero<E: Autograd + Default>(build: Build) -> Vec<Vec<f64>> {
    let mut e = E::default();
    let named = build(&mut e);
    let root = named.last().map_or(0, |n| n.1);
    let read = |e: &E, f: fn(&E, usize) -> f64| -> Vec<f64> {
        named.iter().map(|&(_, id)| f(e, id)).collect()
    };
    e.backward(root);
    let first = read(&e, E::grad);
    e.zero_grad();
    let zeroed = read(&e, E::grad);
    e.backward(root);
    vec![first, zeroed, read(&e, E::grad), read(&e, E::value)]
}

/// Checks `zero_grad` of the learner's engine `E`: on a fresh `E::default()`
/// per case, backward, zero_grad, then backward again must give every grad 0
/// after zero_grad, the same gradients twice, and unchanged values. Its
/// cases are [`check_backward`]'s; a wrong first backward is reported as such.
///
/// ```
/// use backprop_lab::autograd::Tape;
/// use backprop_lab::exercises::check_zero_grad;
/// assert!(check_zero_grad::<Tape>().is_right());
/// ```
pub fn check_zero_grad<E: Autograd + Default>() -> CheckReport {
    let cases: Vec<CaseSpec<GraphCase>> = EXPRESSIONS
        .iter()
        .map(|&(label, build)| {
            let got = run_quietly(|| learner_zero::<E>(build).concat()).ok();
            CaseSpec::new(label, format!("L = {label}"), GraphCase::new(build, got))
        })
        .collect();
    let ex = Exercise {
        name: "zero_grad",
        task: "zero_grad(): set every node's grad to 0, leaving the values",
        cases: &cases,
        catalogue: &ZERO_CATALOGUE,
        model: &zero_model,
        equations: &[("zero_grad", "for node in nodes: node.grad = 0")],
    };
    let mut report = judge(&ex, |c| {
        learner_zero::<E>(c.build)
            .iter()
            .map(|v| Shaped::list(v))
            .collect()
    });
    let first_wrong = cases.iter().any(|c| {
        let Ok(want) = zero_run(&c.data, Slips::NONE, false) else {
            return false;
        };
        c.data
            .got
            .as_ref()
            .is_some_and(|g| !g.iter().zip(&want[0]).all(|(a, b)| close(*a, *b)))
    });
    if first_wrong {
        report.describe_unnamed("the gradients after the first backward are already wrong: make check_backward pass first".into());
    }
    report
}
