//! Lab 07's exercises: the `Sigmoid` node's backward step and, as a stretch,
//! the `Linear` node's, each plugged into the lesson's graph
//! `cost = MSE(y, σ(XW + b))`. The sigmoid's check also feeds the node's
//! value to a second head, `MSE(y₂, Linear(a, W₂, b₂))`, so that the node has
//! two outbound nodes whose gradients it must add. MiniFlow keeps one example per row of `X`, so
//! the linear node computes `F = XW + b` and its backward step
//! `(∂C/∂X, ∂C/∂W, ∂C/∂b) = (G·Wᵀ, Xᵀ·G, Σ_rows G)` for `G = ∂C/∂F`.

use ndarray::{array, Array1, Array2, ArrayD, Axis};

use super::model::{Part, Place, Shaped, Slip, Slips};
use super::report::{judge, list, CaseSpec, CheckReport, Exercise, Mistake, NOT_MODELLED};
use crate::dense::activation::sigmoid;
use crate::io::random::{normal, seeded_rng, uniform_scalar, SeededRng};
use crate::miniflow::{FlowId, MiniFlow};

/// One feed of the quiz graph: `X (m, n)`, `W (n, k)`, `b (k,)`, `y (m·k,)`,
/// and for a fan-out case the second head's inputs.
pub(crate) struct Feed {
    x: Array2<f64>,
    w: Array2<f64>,
    b: Array1<f64>,
    y: Array1<f64>,
    head: Option<Head>,
}

/// A second head reading the sigmoid node: `W₂ (k, k₂)`, `b₂ (k₂,)`,
/// `y₂ (m·k₂,)`, for `cost₂ = MSE(y₂, Linear(a, W₂, b₂))`.
pub(crate) struct Head {
    w2: Array2<f64>,
    b2: Array1<f64>,
    y2: Array1<f64>,
}

/// The lesson's quiz graph: `X, W, b, y` as inputs, `f = Linear(X, W, b)`,
/// `a = Sigmoid(f)`, `cost = MSE(y, a)`, sorted and fed; with a head, also
/// `l2 = Linear(a, W₂, b₂)` and `cost2 = MSE(y₂, l2)`, so that `a` has two
/// outbound nodes, `cost` first.
struct Quiz {
    graph: MiniFlow,
    inputs: [FlowId; 4],
    f: FlowId,
    a: FlowId,
    order: Vec<FlowId>,
}

fn quiz(feed: &Feed) -> Quiz {
    let mut g = MiniFlow::new();
    let (x, w, b, y) = (g.input("X"), g.input("W"), g.input("b"), g.input("y"));
    let f = g.linear("f", x, w, b).expect("own ids");
    let a = g.sigmoid("a", f).expect("own ids");
    g.mse("cost", y, a).expect("own ids");
    let mut fed = vec![
        (x, feed.x.clone().into_dyn()),
        (w, feed.w.clone().into_dyn()),
        (b, feed.b.clone().into_dyn()),
        (y, feed.y.clone().into_dyn()),
    ];
    if let Some(h) = &feed.head {
        let (w2, b2, y2) = (g.input("W2"), g.input("b2"), g.input("y2"));
        let l2 = g.linear("l2", a, w2, b2).expect("own ids");
        g.mse("cost2", y2, l2).expect("own ids");
        fed.push((w2, h.w2.clone().into_dyn()));
        fed.push((b2, h.b2.clone().into_dyn()));
        fed.push((y2, h.y2.clone().into_dyn()));
    }
    let order = g.topological_sort(&fed).expect("a well-formed feed");
    Quiz {
        graph: g,
        inputs: [x, w, b, y],
        f,
        a,
        order,
    }
}

/// A gradient as a matrix: 2-D as it is, anything else as a column.
fn two_d(a: &ArrayD<f64>) -> Array2<f64> {
    match a.view().into_dimensionality::<ndarray::Ix2>() {
        Ok(m) => m.to_owned(),
        Err(_) => {
            Array2::from_shape_vec((a.len(), 1), a.iter().copied().collect()).expect("a column")
        }
    }
}

/// Every input's gradient after a run, in the order X, W, b, y.
fn input_grads(q: &Quiz) -> Vec<Shaped> {
    q.inputs
        .iter()
        .map(|&id| Shaped::matrix(&two_d(q.graph.grad(id).expect("after backward"))))
        .collect()
}

/// A graph run that failed (a step of the wrong shape, or one returning NaN)
/// is a panic of the learner's step, shown with the graph's message.
fn or_panic(r: crate::error::Result<()>) {
    if let Err(e) = r {
        panic!("{e}");
    }
}

/// What the graph computes before the step under test: `s = σ(XW + b)`
/// `(m, k)`, the gradient `∂C/∂s` the MSE node sends (a column), and `∂C/∂y`.
fn upstream(feed: &Feed) -> (Array2<f64>, Array2<f64>, Array2<f64>) {
    let s = (feed.x.dot(&feed.w) + &feed.b).mapv(sigmoid);
    let m = feed.y.len() as f64;
    let diff: Vec<f64> = feed.y.iter().zip(s.iter()).map(|(p, q)| p - q).collect();
    let col = |k: f64| {
        Array2::from_shape_vec((diff.len(), 1), diff.iter().map(|d| k / m * d).collect())
            .expect("a column")
    };
    (s, col(-2.0), col(2.0))
}

fn describe(feed: &Feed) -> String {
    let flat = |a: ndarray::ArrayView2<f64>| list(&a.iter().copied().collect::<Vec<_>>());
    let main = format!(
        "X = {} of shape {:?}, W = {} of shape {:?}, b = {}, y = {}",
        flat(feed.x.view()),
        feed.x.dim(),
        flat(feed.w.view()),
        feed.w.dim(),
        list(&feed.b.to_vec()),
        list(&feed.y.to_vec())
    );
    match &feed.head {
        None => main,
        Some(h) => format!(
            "{main}; a also feeds a second head with W2 = {} of shape {:?}, b2 = {}, y2 = {} (two outbound nodes)",
            flat(h.w2.view()),
            h.w2.dim(),
            list(&h.b2.to_vec()),
            list(&h.y2.to_vec())
        ),
    }
}

fn lesson_feed() -> Feed {
    Feed {
        x: array![[-1., -2.], [-1., -2.]],
        w: array![[2.], [3.]],
        b: array![-3.],
        y: array![1., 2.],
        head: None,
    }
}

/// `len` random targets in `[−0.5, 1.5)`, so that they lie above the
/// sigmoid's output for some entries and below it for others.
fn targets(len: usize, rng: &mut SeededRng) -> Array1<f64> {
    Array1::from_shape_simple_fn(len, || 2.0 * uniform_scalar(rng) - 0.5)
}

/// A random bias of length `k`.
fn random_bias(k: usize, rng: &mut SeededRng) -> Array1<f64> {
    normal(1, k, rng).expect("small").row(0).to_owned()
}

/// The lesson's feed first, then seeded random feeds of the given sizes
/// `(m, n, k)`, then fan-out feeds `(m, n, k, k₂)` whose sigmoid node also
/// feeds a second head of `k₂` outputs.
fn feeds(
    seed: u64,
    dims: &[(usize, usize, usize)],
    fan_out: &[(usize, usize, usize, usize)],
) -> Vec<CaseSpec<Feed>> {
    let mut rng = seeded_rng(seed);
    let mut out = vec![CaseSpec::new(
        "the lab's",
        describe(&lesson_feed()),
        lesson_feed(),
    )];
    let all = dims
        .iter()
        .map(|&(m, n, k)| (m, n, k, None))
        .chain(fan_out.iter().map(|&(m, n, k, k2)| (m, n, k, Some(k2))));
    for (i, (m, n, k, k2)) in all.enumerate() {
        let x = normal(m, n, &mut rng).expect("small");
        let w = normal(n, k, &mut rng).expect("small");
        let b = random_bias(k, &mut rng);
        let y = targets(m * k, &mut rng);
        let head = k2.map(|k2| {
            let w2 = normal(k, k2, &mut rng).expect("small");
            let b2 = random_bias(k2, &mut rng);
            let y2 = targets(m * k2, &mut rng);
            Head { w2, b2, y2 }
        });
        let feed = Feed { x, w, b, y, head };
        let label = if feed.head.is_some() {
            format!("fan-out #{}", i + 1 - dims.len())
        } else {
            format!("random #{}", i + 1)
        };
        out.push(CaseSpec::new(label, describe(&feed), feed));
    }
    for c in &mut out {
        let (m, n, k) = (c.data.x.nrows(), c.data.x.ncols(), c.data.w.ncols());
        c.shapes = [
            ("X", (m, n)),
            ("W", (n, k)),
            ("G", (m, k)),
            ("Xᵀ", (n, m)),
            ("Wᵀ", (k, n)),
        ]
        .iter()
        .map(|(name, sh)| (name.to_string(), *sh))
        .collect();
    }
    out
}

static FORGOT_UPSTREAM: Mistake = Mistake {
    name: "forgot the upstream gradient ∂C/∂s",
    hint: "the chain rule multiplies the local slope s(1 − s) by the gradient the outbound node sent back",
};
static ADDED: Mistake = Mistake {
    name: "added instead of multiplied",
    hint: "the chain rule multiplies: ∂C/∂f = ∂s/∂f · ∂C/∂s, element by element",
};
static PRIME_AT_A: Mistake = Mistake {
    name: "σ′ at a (the stored value s) instead of at f",
    hint:
        "the node's value is already s = σ(f), so σ′(f) = s(1 − s); σ(s)(1 − σ(s)) applies σ twice",
};
static FORGOT_PRIME: Mistake = Mistake {
    name: "forgot σ′",
    hint: "the sigmoid node passes back ∂s/∂f · ∂C/∂s, not ∂C/∂s unchanged: ∂s/∂f = s(1 − s)",
};
static SIGMA_FOR_PRIME: Mistake = Mistake {
    name: "σ instead of σ′ (dropped the (1 − s))",
    hint: "σ′(f) = σ(f)(1 − σ(f)) = s(1 − s), not s",
};
static DROPPED_S: Mistake = Mistake {
    name: "1 − s instead of σ′ (dropped the s)",
    hint: "σ′(f) = σ(f)(1 − σ(f)) = s(1 − s), not 1 − s",
};
static SIGN_SLOPE: Mistake = Mistake {
    name: "sign flipped",
    hint: "σ′(f) = s(1 − s) ≥ 0, so the step never changes the gradient's sign",
};
static TANH_PRIME: Mistake = Mistake {
    name: "1 − s² (tanh's derivative) instead of σ′",
    hint: "1 − s² is the slope of tanh; the sigmoid's is σ′(f) = s(1 − s)",
};
static EXTRA_2: Mistake = Mistake {
    name: "an extra factor 2",
    hint: "the 2 of the squared error belongs to the MSE node, which already sends it in ∂C/∂s: the sigmoid's step is s(1 − s) · ∂C/∂s",
};
static DIVIDED_BY_M: Mistake = Mistake {
    name: "divided by m again",
    hint: "the MSE node's gradient already carries the 1/m: the sigmoid's step is s(1 − s) · ∂C/∂s, with nothing averaged",
};

static OVERWROTE: Mistake = Mistake {
    name: "overwrote instead of adding (only the last outbound node counted)",
    hint: "each outbound node sends its own ∂C/∂s, and the node's gradient is the sum of their shares: start from zeros and add each one with +=; `grad = ...` inside the loop keeps only the last",
};
static FIRST_OUTBOUND: Mistake = Mistake {
    name: "only the first outbound node",
    hint: "a node that feeds several others hears from each of them: loop over every gradient in the slice and add s(1 − s) · ∂C/∂s for each, not just for the first",
};

const SLOPE: Place = Place::step("the slope ∂s/∂f");
const CHAIN: Place = Place::step("the chain rule");
const SUM: Place = Place::step("the sum over outbound nodes");
const SIGMOID_CATALOGUE: [Slip; 12] = [
    Slip::new(&FORGOT_PRIME, SLOPE),
    Slip::new(&SIGMA_FOR_PRIME, SLOPE),
    Slip::new(&DROPPED_S, SLOPE),
    Slip::new(&TANH_PRIME, SLOPE),
    Slip::new(&PRIME_AT_A, SLOPE),
    Slip::new(&SIGN_SLOPE, SLOPE),
    Slip::new(&EXTRA_2, SLOPE),
    Slip::new(&FORGOT_UPSTREAM, CHAIN),
    Slip::new(&ADDED, CHAIN),
    Slip::new(&DIVIDED_BY_M, CHAIN),
    Slip::new(&OVERWROTE, SUM),
    Slip::new(&FIRST_OUTBOUND, SUM),
];

const SIGMOID_EQUATIONS: [(&str, &str); 5] = [
    (
        "the slope ∂s/∂f",
        "∂s/∂f = σ′(f) = s(1 − s), from the node's own value s = σ(f)",
    ),
    (
        "the chain rule",
        "∂C/∂f = ∂s/∂f · ∂C/∂s = s(1 − s) · ∂C/∂s, element by element, for each outbound node's ∂C/∂s",
    ),
    (
        "the sum over outbound nodes",
        "∂C/∂f = Σ over the outbound nodes of s(1 − s) · ∂C/∂s: start from zeros and add (+=) each one's share",
    ),
    (
        "Linear.backward",
        "∂C/∂X = G·Wᵀ, ∂C/∂W = Xᵀ·G, ∂C/∂b = Σ_rows G, with G = ∂C/∂f (the crate's step)",
    ),
    (
        "MSE",
        "∂C/∂y = (2/m)(y − a), whatever the sigmoid step does",
    ),
];

/// `∂C/∂f` of one entry with the slips switched on, from the node's value
/// `s`, the upstream gradient `g` and the number of examples `m`.
fn sigmoid_entry(s: f64, g: f64, m: f64, sl: Slips) -> f64 {
    let v = if sl.at(&PRIME_AT_A, SLOPE) {
        sigmoid(s)
    } else {
        s
    };
    let slope = if sl.at(&FORGOT_PRIME, SLOPE) {
        1.0
    } else if sl.at(&SIGMA_FOR_PRIME, SLOPE) {
        v
    } else if sl.at(&DROPPED_S, SLOPE) {
        1.0 - v
    } else if sl.at(&TANH_PRIME, SLOPE) {
        1.0 - v * v
    } else {
        v * (1.0 - v)
    };
    let slope = sl.pick(&SIGN_SLOPE, SLOPE, 1.0, -1.0) * sl.pick(&EXTRA_2, SLOPE, 1.0, 2.0) * slope;
    let out = if sl.at(&FORGOT_UPSTREAM, CHAIN) {
        slope
    } else if sl.at(&ADDED, CHAIN) {
        slope + g
    } else {
        slope * g
    };
    sl.pick(&DIVIDED_BY_M, CHAIN, out, out / m)
}

/// The node's step with the slips switched on: each outbound node's share,
/// then their sum (or only the last, or only the first).
fn slipped_step(s: &ArrayD<f64>, grads: &[ArrayD<f64>], sl: Slips) -> ArrayD<f64> {
    let m = s.shape().first().copied().unwrap_or(1) as f64;
    let shares: Vec<ArrayD<f64>> = grads
        .iter()
        .map(|g| {
            let mut share = s.clone();
            share.zip_mut_with(g, |v, &gi| *v = sigmoid_entry(*v, gi, m, sl));
            share
        })
        .collect();
    let zeros = ArrayD::zeros(s.raw_dim());
    if sl.at(&OVERWROTE, SUM) {
        shares.last().cloned().unwrap_or(zeros)
    } else if sl.at(&FIRST_OUTBOUND, SUM) {
        shares.first().cloned().unwrap_or(zeros)
    } else {
        shares.iter().fold(zeros, |acc, sh| acc + sh)
    }
}

/// What the check compares: what the sigmoid node passed to `f`, then the
/// gradients of `X`, `W`, `b` and `y`, after a run of the quiz graph.
fn sigmoid_outputs(q: &Quiz) -> [Array2<f64>; 5] {
    let grad = |id| two_d(q.graph.grad(id).expect("after backward"));
    let [x, w, b, y] = q.inputs;
    [
        two_d(q.graph.gradient(q.a, q.f).expect("after backward")),
        grad(x),
        grad(w),
        grad(b),
        grad(y),
    ]
}

/// The quiz graph run with the slipped step: `∂C/∂f`, then every input's
/// gradient through the crate's linear step.
fn sigmoid_model(feed: &Feed, sl: Slips) -> Result<Vec<Part>, String> {
    // Forgetting the upstream gradient makes the shares equal, so keeping
    // the first or the last gives the same: that pair is named as overwriting.
    if sl.at(&FORGOT_UPSTREAM, CHAIN) && sl.at(&FIRST_OUTBOUND, SUM) {
        return Err(NOT_MODELLED.into());
    }
    let mut q = quiz(feed);
    q.graph
        .forward_and_backward_with(&q.order, |s, gs| slipped_step(s, gs, sl))
        .map_err(|e| e.to_string())?;
    let [df, dx, dw, db, dy] = sigmoid_outputs(&q);
    Ok(vec![
        Part::matrix("∂C/∂f", "the sum over outbound nodes", &df),
        Part::matrix("∂C/∂X", "Linear.backward", &dx),
        Part::matrix("∂C/∂W", "Linear.backward", &dw),
        Part::matrix("∂C/∂b", "Linear.backward", &db),
        Part::matrix("∂C/∂y", "MSE", &dy),
    ])
}

/// Checks a `Sigmoid.backward` step,
/// `sigmoid_backward(s, grads_from_outbound)`, which gets the node's value
/// `s` and one gradient `∂C/∂s` per outbound node and returns `∂C/∂f`, the sum
/// of `s(1 − s) · ∂C/∂s` over them. It runs the lesson's graph with the step
/// plugged in (see [`MiniFlow::forward_and_backward_with`]) and compares what
/// the node passes to `f` and every input's gradient. Case 0 is the lesson's
/// feed; then 8 seeded random feeds with one output column and 1 to 4
/// examples; then 4 fan-out feeds in which the sigmoid node also feeds a
/// second head (`Linear` then `MSE`), so that it hears from two outbound nodes
/// and a step that keeps only one of them shows.
///
/// ```
/// use backprop_lab::exercises::check_sigmoid_backward;
/// use backprop_lab::ndarray::ArrayD;
/// let r = check_sigmoid_backward(|s, grads| {
///     let mut total = ArrayD::zeros(s.raw_dim());
///     for g in grads {
///         total += &(s.mapv(|v| v * (1.0 - v)) * g);
///     }
///     total
/// });
/// assert!(r.is_right());
/// let r = check_sigmoid_backward(|s, grads| s.mapv(|v| v * (1.0 - v)) * &grads[0]);
/// assert_eq!(r.mistake(), Some("only the first outbound node in the sum over outbound nodes"));
/// ```
pub fn check_sigmoid_backward(
    sigmoid_backward: impl Fn(&ArrayD<f64>, &[ArrayD<f64>]) -> ArrayD<f64>,
) -> CheckReport {
    let dims = [
        (2, 2, 1),
        (3, 2, 1),
        (2, 3, 1),
        (4, 1, 1),
        (1, 3, 1),
        (3, 3, 1),
        (2, 1, 1),
        (4, 2, 1),
    ];
    let fan_out = [(2, 2, 1, 1), (3, 2, 1, 2), (4, 3, 1, 1), (2, 1, 1, 2)];
    let cases = feeds(2_001, &dims, &fan_out);
    let ex = Exercise {
        name: "Sigmoid.backward",
        task: "∂C/∂f for a sigmoid node, from its value s and the gradients ∂C/∂s its outbound nodes send, added up",
        cases: &cases,
        catalogue: &SIGMOID_CATALOGUE,
        model: &sigmoid_model,
        equations: &SIGMOID_EQUATIONS,
    };
    judge(&ex, |feed| {
        let mut q = quiz(feed);
        or_panic(
            q.graph
                .forward_and_backward_with(&q.order, &sigmoid_backward),
        );
        sigmoid_outputs(&q).iter().map(Shaped::matrix).collect()
    })
}

static W_NOT_T: Mistake = Mistake {
    name: "W not transposed",
    hint: "∂C/∂X = G·Wᵀ: each x_ij reaches f_ik through w_jk, so ∂C/∂x_ij = Σ_k g_ik w_jk, which is G times Wᵀ",
};
static X_NOT_T: Mistake = Mistake {
    name: "X not transposed",
    hint: "∂C/∂W = Xᵀ·G: each weight w_jk collects x_ij · g_ik summed over the examples i, which is Xᵀ times G",
};
static FACTORS_SWAPPED: Mistake = Mistake {
    name: "factors swapped and transposed (the transposed result)",
    hint: "W·Gᵀ is (G·Wᵀ)ᵀ and Gᵀ·X is (Xᵀ·G)ᵀ: each gradient has the shape of its input, (m, n) for ∂C/∂X and (n, k) for ∂C/∂W",
};
static ORDER: Mistake = Mistake {
    name: "factors in the wrong order",
    hint: "a matrix product does not commute: ∂C/∂X = G·Wᵀ (G first) and ∂C/∂W = Xᵀ·G (Xᵀ first); the shapes show which way round they fit",
};
static MEAN: Mistake = Mistake {
    name: "mean instead of sum",
    hint: "every example's row of G adds to ∂C/∂W and ∂C/∂b; any averaging is already inside G (the MSE node divides by m)",
};
static WRONG_AXIS: Mistake = Mistake {
    name: "summed over the wrong axis",
    hint: "b is added to every row, so ∂C/∂b sums G over the rows (the examples), axis 0, leaving one entry per column of W",
};
static FIRST_ONLY: Mistake = Mistake {
    name: "not summed (the first example only)",
    hint: "every example's row of G contributes to ∂C/∂b: sum G over axis 0",
};
static SIGN: Mistake = Mistake {
    name: "sign flipped",
    hint: "F = XW + b has no minus sign: ∂C/∂X = G·Wᵀ, ∂C/∂W = Xᵀ·G, ∂C/∂b = Σ_rows G",
};
static SWAPPED_OUT: Mistake = Mistake {
    name: "∂C/∂X and ∂C/∂W swapped",
    hint: "return (∂C/∂X, ∂C/∂W, ∂C/∂b) in that order, each the shape of its input",
};

const DX: Place = Place::step("∂C/∂X");
const DW: Place = Place::step("∂C/∂W");
const DB: Place = Place::step("∂C/∂b");
const TUPLE: Place = Place::step("the returned tuple");
const LINEAR_CATALOGUE: [Slip; 14] = [
    Slip::new(&W_NOT_T, DX),
    Slip::new(&ORDER, DX),
    Slip::new(&FACTORS_SWAPPED, DX),
    Slip::new(&SIGN, DX),
    Slip::new(&X_NOT_T, DW),
    Slip::new(&ORDER, DW),
    Slip::new(&FACTORS_SWAPPED, DW),
    Slip::new(&MEAN, DW),
    Slip::new(&SIGN, DW),
    Slip::new(&WRONG_AXIS, DB),
    Slip::new(&FIRST_ONLY, DB),
    Slip::new(&MEAN, DB),
    Slip::new(&SIGN, DB),
    Slip::new(&SWAPPED_OUT, TUPLE),
];

const LINEAR_EQUATIONS: [(&str, &str); 5] = [
    ("∂C/∂X", "∂C/∂X = G·Wᵀ, shape (m, n) like X"),
    ("∂C/∂W", "∂C/∂W = Xᵀ·G, shape (n, k) like W"),
    (
        "∂C/∂b",
        "∂C/∂b = Σ over the rows of G (axis 0), shape (k,) like b",
    ),
    ("the returned tuple", "(∂C/∂X, ∂C/∂W, ∂C/∂b), in that order"),
    ("MSE", "∂C/∂y = (2/m)(y − a), whatever the linear step does"),
];

/// `a·b`, or why those shapes cannot be multiplied.
fn mul(a: &Array2<f64>, b: &Array2<f64>) -> Result<Array2<f64>, String> {
    if a.ncols() != b.nrows() {
        return Err(format!("{:?} · {:?}", a.dim(), b.dim()));
    }
    Ok(a.dot(b))
}

/// The product `a·b` of the step at `place`, with its factors in the wrong
/// order (`b·a`) or swapped and transposed (`bᵀ·aᵀ`) when a slip says so.
fn product(
    a: &Array2<f64>,
    b: &Array2<f64>,
    place: Place,
    sl: Slips,
) -> Result<Array2<f64>, String> {
    if sl.at(&ORDER, place) {
        mul(b, a)
    } else if sl.at(&FACTORS_SWAPPED, place) {
        mul(&b.t().to_owned(), &a.t().to_owned())
    } else {
        mul(a, b)
    }
}

/// `∂C/∂X` and `∂C/∂W` with the slips switched on.
fn linear_products(feed: &Feed, g: &Array2<f64>, sl: Slips) -> Result<[Array2<f64>; 2], String> {
    let (x, w) = (&feed.x, &feed.w);
    let wt = if sl.at(&W_NOT_T, DX) {
        w.clone()
    } else {
        w.t().to_owned()
    };
    let xt = if sl.at(&X_NOT_T, DW) {
        x.clone()
    } else {
        x.t().to_owned()
    };
    let dx = product(g, &wt, DX, sl)?;
    let mut dw = product(&xt, g, DW, sl)?;
    if sl.at(&MEAN, DW) {
        dw /= x.nrows() as f64;
    }
    Ok([
        sl.pick(&SIGN, DX, 1.0, -1.0) * dx,
        sl.pick(&SIGN, DW, 1.0, -1.0) * dw,
    ])
}

/// `∂C/∂b` with the slips switched on, as a 1-D array.
fn linear_bias(g: &Array2<f64>, sl: Slips) -> Array1<f64> {
    let db = if sl.at(&FIRST_ONLY, DB) {
        g.row(0).to_owned()
    } else {
        let axis = if sl.at(&WRONG_AXIS, DB) {
            Axis(1)
        } else {
            Axis(0)
        };
        let sum = g.sum_axis(axis);
        if sl.at(&MEAN, DB) {
            sum / g.len_of(axis) as f64
        } else {
            sum
        }
    };
    sl.pick(&SIGN, DB, 1.0, -1.0) * db
}

/// Every input's gradient with the slips switched on, or why the graph
/// would reject the step's shapes.
fn linear_model(feed: &Feed, sl: Slips) -> Result<Vec<Part>, String> {
    let (s, ds, dy) = upstream(feed);
    let g = ds
        .into_shape_with_order(s.dim())
        .map_err(|e| e.to_string())?
        * s.mapv(|v| v * (1.0 - v));
    let [mut dx, mut dw] = linear_products(feed, &g, sl)?;
    if sl.at(&SWAPPED_OUT, TUPLE) {
        std::mem::swap(&mut dx, &mut dw);
    }
    let db = linear_bias(&g, sl);
    if dx.dim() != feed.x.dim() || dw.dim() != feed.w.dim() || db.len() != feed.b.len() {
        return Err("the graph rejects a gradient of the wrong shape".into());
    }
    let db = db.insert_axis(Axis(1));
    Ok(vec![
        Part::matrix("∂C/∂X", "∂C/∂X", &dx),
        Part::matrix("∂C/∂W", "∂C/∂W", &dw),
        Part::matrix("∂C/∂b", "∂C/∂b", &db),
        Part::matrix("∂C/∂y", "MSE", &dy),
    ])
}

/// Checks a `Linear.backward` step, `linear_backward(X, W, G)` returning
/// `(∂C/∂X, ∂C/∂W, ∂C/∂b)`, the lesson's stretch exercise, by running the
/// lesson's graph with it plugged in (see
/// [`MiniFlow::forward_and_backward_with_linear`]) and comparing every input's
/// gradient. Case 0 is the lesson's feed; then 8 seeded random feeds of
/// other shapes `X (m, n)`, `W (n, k)`, square ones among them, so that a
/// missing transpose or a sum over the wrong axis runs on some cases and
/// breaks the shapes on others.
///
/// ```
/// use backprop_lab::exercises::check_linear_backward;
/// use ndarray::Axis;
/// let r = check_linear_backward(|x, w, g| (g.dot(&w.t()), x.t().dot(g), g.sum_axis(Axis(0))));
/// assert!(r.is_right());
/// let r = check_linear_backward(|x, w, g| (g.dot(&w.t()), x.t().dot(g), g.mean_axis(Axis(0)).unwrap()));
/// assert_eq!(r.mistake(), Some("mean instead of sum in ∂C/∂b"));
/// ```
pub fn check_linear_backward(
    linear_backward: impl Fn(
        &Array2<f64>,
        &Array2<f64>,
        &Array2<f64>,
    ) -> (Array2<f64>, Array2<f64>, Array1<f64>),
) -> CheckReport {
    let dims = [
        (2, 2, 2),
        (3, 2, 2),
        (3, 3, 2),
        (3, 2, 3),
        (4, 3, 2),
        (2, 3, 1),
        (3, 3, 3),
        (1, 2, 3),
    ];
    let cases = feeds(2_101, &dims, &[]);
    let ex = Exercise {
        name: "Linear.backward",
        task: "(∂C/∂X, ∂C/∂W, ∂C/∂b) for F = XW + b, from X, W and the gradient G = ∂C/∂F",
        cases: &cases,
        catalogue: &LINEAR_CATALOGUE,
        model: &linear_model,
        equations: &LINEAR_EQUATIONS,
    };
    judge(&ex, |feed| {
        let mut q = quiz(feed);
        or_panic(
            q.graph
                .forward_and_backward_with_linear(&q.order, &linear_backward),
        );
        input_grads(&q)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn right(
        x: &Array2<f64>,
        w: &Array2<f64>,
        g: &Array2<f64>,
    ) -> (Array2<f64>, Array2<f64>, Array1<f64>) {
        (g.dot(&w.t()), x.t().dot(g), g.sum_axis(Axis(0)))
    }

    #[test]
    fn the_reference_model_is_the_graph() {
        assert!(check_sigmoid_backward(|s, gs| {
            gs.iter().fold(s.mapv(|_| 0.0), |acc, g| {
                acc + s.mapv(|v| v * (1.0 - v)) * g
            })
        })
        .is_right());
        assert!(check_linear_backward(right).is_right());
    }

    #[test]
    fn linear_slips_are_named_at_their_output() {
        let r = check_linear_backward(|x, w, g| {
            let (dx, _, db) = right(x, w, g);
            (dx, g.t().dot(x).t().to_owned(), db)
        });
        assert!(r.is_right(), "(Gᵀ·X)ᵀ is Xᵀ·G: {r}");
        let r = check_linear_backward(|x, w, g| {
            let (dx, _, db) = right(x, w, g);
            (dx, g.dot(&x.t()), db)
        });
        assert_eq!(
            r.mistake(),
            Some("factors in the wrong order in ∂C/∂W"),
            "{r}"
        );
        let r = check_linear_backward(|x, w, g| {
            let (_, dw, db) = right(x, w, g);
            (w.dot(&g.t()), dw, db)
        });
        assert_eq!(
            r.mistake(),
            Some("factors swapped and transposed (the transposed result) in ∂C/∂X"),
            "{r}"
        );
        let r = check_linear_backward(|x, w, g| {
            let (dx, dw, db) = right(x, w, g);
            (dx, dw / x.nrows() as f64, db / x.nrows() as f64)
        });
        assert_eq!(
            r.mistake(),
            Some("mean instead of sum everywhere (∂C/∂W and ∂C/∂b)"),
            "{r}"
        );
    }

    #[test]
    fn sigmoid_slips_are_named() {
        // Each outbound node's share, written with `slope`, then added.
        fn summed(s: &ArrayD<f64>, gs: &[ArrayD<f64>], slope: impl Fn(f64) -> f64) -> ArrayD<f64> {
            let mut total = ArrayD::zeros(s.raw_dim());
            for g in gs {
                total += &(s.mapv(&slope) * g);
            }
            total
        }
        let r = check_sigmoid_backward(|s, gs| summed(s, gs, |_| 1.0));
        assert_eq!(r.mistake(), Some("forgot σ′ in the slope ∂s/∂f"), "{r}");
        let r = check_sigmoid_backward(|s, gs| summed(s, gs, |v| 1.0 - v * v));
        assert_eq!(
            r.mistake(),
            Some("1 − s² (tanh's derivative) instead of σ′ in the slope ∂s/∂f"),
            "{r}"
        );
        let r = check_sigmoid_backward(|s, gs| summed(s, gs, |v| 1.0 - v));
        assert_eq!(
            r.mistake(),
            Some("1 − s instead of σ′ (dropped the s) in the slope ∂s/∂f"),
            "{r}"
        );
        // `=` for `+=` in the loop: only the last outbound node's share stays.
        let r = check_sigmoid_backward(|s, gs| {
            let mut total = ArrayD::zeros(s.raw_dim());
            for g in gs {
                total = s.mapv(|v| v * (1.0 - v)) * g;
            }
            total
        });
        assert_eq!(
            r.mistake(),
            Some("overwrote instead of adding (only the last outbound node counted) in the sum over outbound nodes"),
            "{r}"
        );
    }
}
