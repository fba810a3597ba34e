//! Lab 06's gradient-checking exercises: flattening the parameters into one
//! vector θ, cutting θ back into matrices, and the two-sided differences.

use ndarray::Array2;

use super::model::Slips;
use super::model::{Part, Place, Shaped, Slip};
use super::network::{sup, LayerGradients};
use super::report::{judge, list, CaseSpec, CheckReport, Exercise, Mistake};
use crate::dense::activation::Activation;
use crate::dense::network::{Init, Network};
use crate::dense::params;
use crate::io::random::{seeded_rng, uniform_in};

/// The place of a slip whose name already says where it is.
const WHOLE: Place = Place::step("");

static BIASES_FIRST: Mistake = Mistake {
    name: "wrong order: biases before weights",
    hint: "the walkthrough's get_params puts every weight matrix first, then every bias",
};
static INTERLEAVED: Mistake = Mistake {
    name: "wrong order: weights and biases interleaved by layer",
    hint: "not W¹, b¹, W², b², …: all the weights W¹, W², … first, then all the biases b¹, b², …",
};
static REVERSED: Mistake = Mistake {
    name: "wrong order: layers reversed",
    hint: "the layers go from the first, W¹, to the last, Wᴸ",
};
static COLUMNS: Mistake = Mistake {
    name: "columns instead of rows",
    hint: "flatten each matrix row by row (numpy's ravel, ndarray's iter()): W[0,0], W[0,1], …, then W[1,0], …",
};
static NO_BIASES: Mistake = Mistake {
    name: "missing the biases",
    hint: "θ holds every parameter: the weights, then the biases",
};
static SKIP_FIRST: Mistake = Mistake {
    name: "off-by-one layer: layer 1 missing",
    hint: "layers count from index 0 in a Vec: loop over 0..weights.len()",
};
static SKIP_LAST: Mistake = Mistake {
    name: "off-by-one layer: the last layer missing",
    hint: "0..weights.len() already stops before the end; 0..len − 1 drops the last layer",
};
static SUMS: Mistake = Mistake {
    name: "one sum per matrix instead of every entry",
    hint: "θ lists every entry of every matrix, not one number per matrix",
};

const ORDER: Place = WHOLE;
const LOOP: Place = WHOLE;
const EACH: Place = WHOLE;
const FLATTEN_CATALOGUE: [Slip; 8] = [
    Slip::new(&BIASES_FIRST, ORDER),
    Slip::new(&INTERLEAVED, ORDER),
    Slip::new(&REVERSED, ORDER),
    Slip::new(&COLUMNS, EACH),
    Slip::new(&SUMS, EACH),
    Slip::new(&NO_BIASES, WHOLE),
    Slip::new(&SKIP_FIRST, LOOP),
    Slip::new(&SKIP_LAST, LOOP),
];

fn theta(values: Vec<f64>) -> Vec<Part> {
    vec![Part::vector("θ", "θ", values)]
}

/// The networks whose parameters the flatten checks use: the walkthrough's
/// `[2, 3, 3, 1]` circles network, then seeded networks of other sizes.
fn networks(seed: u64) -> Vec<CaseSpec<Network>> {
    let lab = Network::random_per_layer(
        &[2, 3, 3, 1],
        Activation::Sigmoid,
        &[Init::Uniform, Init::Uniform, Init::Normal],
        &[Init::Uniform; 3],
        0,
    )
    .expect("a small network");
    let mut out = vec![CaseSpec::new(
        "the lab's",
        "the parameters of a [2, 3, 3, 1] network",
        lab,
    )];
    for k in 0..6u64 {
        let sizes = [1 + k as usize % 3, 2 + k as usize % 2, 3, 2];
        let net = Network::random(&sizes, Activation::Sigmoid, Init::Normal, seed + k)
            .expect("a small network");
        out.push(CaseSpec::new(
            format!("random #{}", k + 1),
            format!("the parameters of a {sizes:?} network"),
            net,
        ));
    }
    out
}

/// θ with the slips switched on. Every slip changes what goes into the one
/// flatten of `dense/params.rs` (which layers, each matrix or its transpose or
/// its sum, the order of the lists), never the flatten itself: with no slip
/// this is exactly `get_params`'s θ.
fn flatten_model(net: &Network, s: Slips) -> Result<Vec<Part>, String> {
    let (w, b) = (net.weights(), net.biases());
    let mut layers: Vec<usize> = (0..w.len()).collect();
    if s.at(&SKIP_FIRST, LOOP) {
        layers.remove(0);
    }
    if s.at(&SKIP_LAST, LOOP) {
        layers.pop();
    }
    if s.at(&REVERSED, ORDER) {
        layers.reverse();
    }
    let as_written = |m: &Array2<f64>, columns: bool| -> Array2<f64> {
        if s.at(&SUMS, EACH) {
            Array2::from_elem((1, 1), m.sum())
        } else if columns {
            m.t().to_owned()
        } else {
            m.clone()
        }
    };
    let columns = s.at(&COLUMNS, EACH);
    let ws: Vec<Array2<f64>> = layers.iter().map(|&l| as_written(&w[l], columns)).collect();
    let bs: Vec<Array2<f64>> = if s.at(&NO_BIASES, WHOLE) {
        Vec::new()
    } else {
        layers.iter().map(|&l| as_written(&b[l], false)).collect()
    };
    Ok(theta(if s.at(&BIASES_FIRST, ORDER) {
        params::flatten(&bs, &ws)
    } else if s.at(&INTERLEAVED, ORDER) {
        // Layer by layer: W¹, b¹, then W², b², … (no b when the biases are missing).
        (0..ws.len())
            .flat_map(|i| params::flatten(&ws[i..=i], bs.get(i..=i).unwrap_or(&[])))
            .collect()
    } else {
        params::flatten(&ws, &bs)
    }))
}

/// Checks `flatten(weights, biases) -> Vec<f64>`, the walkthrough's
/// `get_params`: every weight matrix row by row, then every bias. The lab's
/// case is the walkthrough's `[2, 3, 3, 1]` circles network (25 parameters).
///
/// ```
/// use backprop_lab::exercises::check_flatten;
/// let r = check_flatten(|w, b| backprop_lab::training::get_params(w, b).to_vec());
/// assert!(r.is_right());
/// ```
pub fn check_flatten(learner: impl Fn(&[Array2<f64>], &[Array2<f64>]) -> Vec<f64>) -> CheckReport {
    let cases = networks(6_200);
    let model = flatten_model;
    let ex = Exercise {
        name: "flatten",
        task: "θ as one Vec: every weight matrix row by row, then every bias",
        cases: &cases,
        catalogue: &FLATTEN_CATALOGUE,
        model: &model,
        equations: &[("the order", "θ = [W¹ row by row, W², …, Wᴸ, b¹, b², …, bᴸ]")],
    };
    judge(&ex, |net| {
        vec![Shaped::list(&learner(&net.weights(), &net.biases()))]
    })
}

static BIASES_READ_FIRST: Mistake = Mistake {
    name: "wrong order: biases read first",
    hint:
        "θ holds every weight first, then every bias: read the weight matrices from the start of θ",
};
static READ_INTERLEAVED: Mistake = Mistake {
    name: "wrong order: read layer by layer (interleaved)",
    hint:
        "θ is not W¹, b¹, W², b², …: it holds all the weights W¹, W², … first, then all the biases",
};
static BY_COLUMNS: Mistake = Mistake {
    name: "filled column by column",
    hint: "θ holds each matrix row by row, so fill W[0,0], W[0,1], …, then W[1,0], … (Array2::from_shape_vec((rows, cols), …) does this)",
};
static SHAPE_SWAPPED: Mistake = Mistake {
    name: "transposed shape",
    hint: "each matrix keeps its template's shape (rows, cols), as .dim() gives it; (cols, rows) is its transpose",
};
static NOT_ADVANCED: Mistake = Mistake {
    name: "read position not advanced",
    hint: "after taking a matrix's rows × cols values, move the read position past them; otherwise every matrix starts at θ[0]",
};
static BIASES_RESTART: Mistake = Mistake {
    name: "read position restarted at θ[0] for the biases",
    hint:
        "the biases follow the weights in θ: keep reading from where the last weight matrix ended",
};
static BY_ROWS: Mistake = Mistake {
    name: "read position advanced by the rows, not the entries",
    hint: "a matrix takes rows × cols values of θ, so the read position moves on by rows × cols",
};
static TEMPLATES: Mistake = Mistake {
    name: "returned the templates, ignoring θ",
    hint: "the given weights and biases only give the shapes; the values come from θ",
};

const READ: Place = WHOLE;
const FILL: Place = WHOLE;
const POSITION: Place = WHOLE;
const UNFLATTEN_CATALOGUE: [Slip; 8] = [
    Slip::new(&BIASES_READ_FIRST, READ),
    Slip::new(&READ_INTERLEAVED, READ),
    Slip::new(&BY_COLUMNS, FILL),
    Slip::new(&SHAPE_SWAPPED, FILL),
    Slip::new(&NOT_ADVANCED, POSITION),
    Slip::new(&BIASES_RESTART, POSITION),
    Slip::new(&BY_ROWS, POSITION),
    Slip::new(&TEMPLATES, WHOLE),
];

/// One matrix of the shape of `m` read from `theta` at `at`, as a slip at
/// "filling each matrix" fills it.
fn read_matrix(theta: &[f64], at: usize, m: &Array2<f64>, s: Slips) -> Result<Array2<f64>, String> {
    let (r, c) = m.dim();
    let chunk = theta
        .get(at..at + r * c)
        .ok_or_else(|| "θ runs out".to_string())?
        .to_vec();
    let filled = if s.at(&BY_COLUMNS, FILL) {
        Array2::from_shape_vec((c, r), chunk).map(|t| t.t().to_owned())
    } else if s.at(&SHAPE_SWAPPED, FILL) {
        Array2::from_shape_vec((c, r), chunk)
    } else {
        Array2::from_shape_vec((r, c), chunk)
    };
    filled.map_err(|e| e.to_string())
}

/// The matrices cut from θ: with no slip, the one unflatten of
/// `dense/params.rs` (the reference `set_params`); with slips,
/// [`unflatten_slipped`].
fn unflatten_model(case: &(Network, Vec<f64>), s: Slips) -> Result<Vec<Part>, String> {
    let (net, theta) = case;
    if s.0.is_empty() {
        let (w, b) = (net.weights(), net.biases());
        return Ok(layer_parts(&params::unflatten(theta, &w, &b), "W", "b"));
    }
    unflatten_slipped(case, s)
}

/// θ read matrix by matrix with a position that moves on, as a learner's loop
/// does, so that the slips in the reading order, the filling and the position
/// can each be switched on. With no slip it gives [`params::unflatten`]'s
/// matrices (a test checks it).
fn unflatten_slipped((net, theta): &(Network, Vec<f64>), s: Slips) -> Result<Vec<Part>, String> {
    let (w, b) = (net.weights(), net.biases());
    if s.at(&TEMPLATES, WHOLE) {
        return Ok(layer_parts(&(w, b), "W", "b"));
    }
    let n = w.len();
    // The read order: (is a bias, layer).
    let order: Vec<(bool, usize)> = if s.at(&BIASES_READ_FIRST, READ) {
        (0..n)
            .map(|l| (true, l))
            .chain((0..n).map(|l| (false, l)))
            .collect()
    } else if s.at(&READ_INTERLEAVED, READ) {
        (0..n).flat_map(|l| [(false, l), (true, l)]).collect()
    } else {
        (0..n)
            .map(|l| (false, l))
            .chain((0..n).map(|l| (true, l)))
            .collect()
    };
    let (mut ws, mut bs) = (
        vec![Array2::zeros((0, 0)); n],
        vec![Array2::zeros((0, 0)); n],
    );
    let mut pos = 0;
    for (i, &(bias, l)) in order.iter().enumerate() {
        let m = if bias { &b[l] } else { &w[l] };
        let first_bias = bias && (i == 0 || !order[i - 1].0);
        if first_bias && s.at(&BIASES_RESTART, POSITION) {
            pos = 0;
        }
        let at = if s.at(&NOT_ADVANCED, POSITION) {
            0
        } else {
            pos
        };
        let got = read_matrix(theta, at, m, s)?;
        pos += if s.at(&BY_ROWS, POSITION) {
            m.nrows()
        } else {
            m.len()
        };
        if bias {
            bs[l] = got;
        } else {
            ws[l] = got;
        }
    }
    Ok(layer_parts(&(ws, bs), "W", "b"))
}

/// A network's matrices as parts, each named `W¹`, …, `b¹`, ….
pub(crate) fn layer_parts((w, b): &LayerGradients, wname: &str, bname: &str) -> Vec<Part> {
    let mut parts: Vec<Part> = w
        .iter()
        .enumerate()
        .map(|(l, m)| Part::matrix(format!("{wname}{}", sup(l + 1)), "the weights", m))
        .collect();
    parts.extend(
        b.iter()
            .enumerate()
            .map(|(l, m)| Part::matrix(format!("{bname}{}", sup(l + 1)), "the biases", m)),
    );
    parts
}

/// Checks `unflatten(theta, weights, biases) -> (weights, biases)`, the
/// walkthrough's `set_params`: cut `theta` into matrices shaped like the given
/// weights and biases, filling each row by row, every weight matrix first. The
/// values of `weights` and `biases` only give the shapes; `theta` holds other
/// numbers, so returning the templates is wrong. The lab's case is the
/// walkthrough's `[2, 3, 3, 1]` circles network (25 parameters).
///
/// ```
/// use backprop_lab::exercises::check_unflatten;
/// let r = check_unflatten(|theta, w, b| {
///     backprop_lab::training::set_params(&ndarray::Array1::from(theta.to_vec()), w, b).unwrap()
/// });
/// assert!(r.is_right());
/// ```
pub fn check_unflatten(
    learner: impl Fn(&[f64], &[Array2<f64>], &[Array2<f64>]) -> LayerGradients,
) -> CheckReport {
    let cases: Vec<CaseSpec<(Network, Vec<f64>)>> = networks(6_400)
        .into_iter()
        .enumerate()
        .map(|(k, c)| {
            let mut rng = seeded_rng(6_500 + k as u64);
            let theta: Vec<f64> = (0..c.data.num_params())
                .map(|_| uniform_in(&mut rng, -3.0, 3.0))
                .collect();
            let input = format!("θ = {} for a {:?} network", list(&theta), c.data.sizes());
            CaseSpec::new(c.label, input, (c.data, theta))
        })
        .collect();
    let model = unflatten_model;
    let ex = Exercise {
        name: "unflatten",
        task: "the weight and bias matrices cut from θ, each shaped like its template and filled row by row, the weights first",
        cases: &cases,
        catalogue: &UNFLATTEN_CATALOGUE,
        model: &model,
        equations: &[("reading θ", "W¹ = θ[0 .. r₁c₁] row by row, W² next, …, then b¹, b², … after the last weight")],
    };
    judge(&ex, |(net, theta)| {
        let (lw, lb) = learner(theta, &net.weights(), &net.biases());
        let mut out = Shaped::matrices(&lw);
        out.extend(Shaped::matrices(&lb));
        out
    })
}

static ONE_SIDED: Mistake = Mistake {
    name: "one-sided difference",
    hint:
        "(C(θ + εeᵢ) − C(θ − εeᵢ)) / 2ε is accurate to O(ε²); (C(θ + εeᵢ) − C(θ)) / ε only to O(ε)",
};
static ONE_SIDED_2EPS: Mistake = Mistake {
    name: "one-sided difference, still divided by 2ε (a factor 2 off)",
    hint: "the second cost is at θ − εeᵢ, not at θ: after θᵢ + ε, go to θᵢ − ε",
};
static BOTH_PLUS: Mistake = Mistake {
    name: "both costs at θ + εeᵢ, so every difference is zero",
    hint: "the second cost is taken at θ − εeᵢ",
};
static ALL_AT_ONCE: Mistake = Mistake {
    name: "nudged every entry at once",
    hint: "nudge one entry θᵢ at a time: each Δᵢ is the slope along eᵢ alone",
};
static DIFF_SIGN: Mistake = Mistake {
    name: "sign flipped",
    hint: "C(θ + εeᵢ) − C(θ − εeᵢ): the forward point first",
};
static BY_EPS: Mistake = Mistake {
    name: "dropped the factor 2: divided by ε instead of 2ε",
    hint: "the two points are 2ε apart",
};
static BY_TWO: Mistake = Mistake {
    name: "forgot ε: divided by 2 instead of 2ε",
    hint: "the difference of the costs is divided by the distance between the points, 2ε",
};
static PRECEDENCE: Mistake = Mistake {
    name: "multiplied by ε: x / 2.0 * eps instead of x / (2.0 * eps)",
    hint: "divide by (2ε), with the brackets",
};
static NUDGE_LEFT: Mistake = Mistake {
    name: "left the nudge in place: θᵢ not restored",
    hint: "put θᵢ back after nudging it, or every later entry is measured at a shifted point",
};

const POINTS: Place = WHOLE;
const DIVIDE: Place = WHOLE;
const DIFF_CATALOGUE: [Slip; 9] = [
    Slip::new(&ONE_SIDED, POINTS),
    Slip::new(&ONE_SIDED_2EPS, POINTS),
    Slip::new(&BOTH_PLUS, POINTS),
    Slip::new(&ALL_AT_ONCE, WHOLE),
    Slip::new(&DIFF_SIGN, Place::step("the numerator")),
    Slip::new(&BY_EPS, DIVIDE),
    Slip::new(&BY_TWO, DIVIDE),
    Slip::new(&PRECEDENCE, DIVIDE),
    Slip::new(&NUDGE_LEFT, WHOLE),
];

/// A smooth test cost with a known shape: `C(θ) = Σᵢ sin(θᵢ)·θᵢ₊₁ + ½ Σ θᵢ²`.
fn test_cost(t: &[f64]) -> f64 {
    let pairs: f64 = t.windows(2).map(|w| w[0].sin() * w[1]).sum();
    pairs + 0.5 * t.iter().map(|v| v * v).sum::<f64>()
}

const EPS: f64 = 1e-4;

/// θ with entry `i` (or, with the slip "every entry at once", all entries)
/// moved by `d`.
fn nudged(p: &[f64], i: usize, d: f64, s: Slips) -> Vec<f64> {
    let all = s.at(&ALL_AT_ONCE, WHOLE);
    p.iter()
        .enumerate()
        .map(|(k, v)| if all || k == i { v + d } else { *v })
        .collect()
}

fn difference_model(t: &[f64], s: Slips) -> Result<Vec<Part>, String> {
    let one_sided = s.at(&ONE_SIDED, POINTS);
    // A one-sided difference with another divisor is one of the two
    // one-sided kinds already, or no mistake a learner makes.
    let points = one_sided || s.at(&ONE_SIDED_2EPS, POINTS);
    if points
        && [&BY_EPS, &BY_TWO, &PRECEDENCE]
            .iter()
            .any(|k| s.at(k, DIVIDE))
    {
        return Err(super::report::NOT_MODELLED.into());
    }
    let mut p = t.to_vec();
    let mut out = Vec::with_capacity(t.len());
    for i in 0..t.len() {
        let plus = test_cost(&nudged(&p, i, EPS, s));
        let minus = if one_sided || s.at(&ONE_SIDED_2EPS, POINTS) {
            test_cost(&p)
        } else if s.at(&BOTH_PLUS, POINTS) {
            plus
        } else {
            test_cost(&nudged(&p, i, -EPS, s))
        };
        let num = if s.at(&DIFF_SIGN, Place::step("the numerator")) {
            minus - plus
        } else {
            plus - minus
        };
        out.push(if one_sided || s.at(&BY_EPS, DIVIDE) {
            num / EPS
        } else if s.at(&BY_TWO, DIVIDE) {
            num / 2.0
        } else if s.at(&PRECEDENCE, DIVIDE) {
            num / 2.0 * EPS
        } else {
            num / (2.0 * EPS)
        });
        if s.at(&NUDGE_LEFT, WHOLE) {
            p = nudged(&p, i, -EPS, s);
        }
    }
    Ok(vec![Part::vector("Δ", "Δᵢ", out)])
}

/// Checks `numerical_grad(cost, theta, eps) -> Vec<f64>`, the gradient check's
/// two-sided differences `Δᵢ = (C(θ + εeᵢ) − C(θ − εeᵢ)) / 2ε`, on a smooth
/// test cost at seeded points, with `ε = 1e-4` (large enough that a one-sided
/// difference shows).
///
/// ```
/// use backprop_lab::exercises::check_numerical_gradient;
/// let r = check_numerical_gradient(|c, t, e| backprop_lab::training::numerical_gradient(c, t, e).unwrap().to_vec());
/// assert!(r.is_right());
/// ```
pub fn check_numerical_gradient(
    learner: impl Fn(&dyn Fn(&[f64]) -> f64, &[f64], f64) -> Vec<f64>,
) -> CheckReport {
    let mut rng = seeded_rng(6_300);
    let cases: Vec<CaseSpec<Vec<f64>>> = (0..8)
        .map(|k| {
            let t: Vec<f64> = (0..3 + k % 3)
                .map(|_| uniform_in(&mut rng, -2.0, 2.0))
                .collect();
            let label = if k == 0 {
                "the first".to_string()
            } else {
                format!("random #{k}")
            };
            CaseSpec::new(label, format!("θ = {}, ε = {EPS}", list(&t)), t)
        })
        .collect();
    let model = |t: &Vec<f64>, s: Slips| difference_model(t, s);
    let ex = Exercise {
        name: "numerical_grad",
        task: "the two-sided difference (C(θ + εeᵢ) − C(θ − εeᵢ)) / 2ε for every entry i of θ",
        cases: &cases,
        catalogue: &DIFF_CATALOGUE,
        model: &model,
        equations: &[(
            "Δᵢ",
            "Δᵢ = (C(θ + εeᵢ) − C(θ − εeᵢ)) / (2ε), with θ restored after each i",
        )],
    };
    judge(&ex, |t| vec![Shaped::list(&learner(&test_cost, t, EPS))])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flatten_references_are_the_crates_get_params_and_set_params() {
        for c in networks(6_200) {
            let net = &c.data;
            let parts = flatten_model(net, Slips::NONE).unwrap();
            assert_eq!(parts[0].values, net.get_params().to_vec());
        }
        for (k, c) in networks(6_400).into_iter().enumerate() {
            let theta: Vec<f64> = (0..c.data.num_params()).map(|i| (i + k) as f64).collect();
            let case = (c.data, theta);
            let want = crate::training::gradcheck::set_params(
                &ndarray::Array1::from(case.1.clone()),
                &case.0.weights(),
                &case.0.biases(),
            )
            .unwrap();
            let reference = unflatten_model(&case, Slips::NONE).unwrap();
            assert_eq!(reference, layer_parts(&want, "W", "b"));
            // The slip model's reading loop, with no slip, reads θ the same way.
            assert_eq!(unflatten_slipped(&case, Slips::NONE).unwrap(), reference);
        }
    }
}
