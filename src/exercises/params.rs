//! Lab 06's gradient-checking exercises: flattening the parameters into one
//! vector θ, cutting θ back into matrices, and the two-sided differences.

use ndarray::Array2;
use rand::RngExt;

use super::model::{Part, Place, Shaped, Slip};
use super::network::{sup, LayerGradients};
use super::report::{judge, list, variants, CaseSpec, CheckReport, Exercise, Mistake};
use crate::dense::activation::Activation;
use crate::dense::network::{Init, Network};
use crate::io::random::seeded_rng;

static BIASES_FIRST: Mistake = Mistake {
    name: "biases before weights",
    hint: "the walkthrough's get_params puts every weight matrix first, then every bias",
};
static COLUMNS: Mistake = Mistake {
    name: "columns instead of rows",
    hint: "flatten each matrix row by row (numpy's ravel, ndarray's iter()): W[0,0], W[0,1], …, then W[1,0], …",
};
static INTERLEAVED: Mistake = Mistake {
    name: "weights and biases interleaved by layer",
    hint: "not W¹, b¹, W², b², …: all the weights W¹, W², … first, then all the biases b¹, b², …",
};
static NO_BIASES: Mistake = Mistake {
    name: "forgot the biases",
    hint: "θ holds every parameter: the weights, then the biases",
};

const ORDER: Place = Place::step("the order");
const FLATTEN_CATALOGUE: [Slip; 4] = [
    Slip::new(&BIASES_FIRST, ORDER),
    Slip::new(&COLUMNS, Place::step("each weight matrix")),
    Slip::new(&INTERLEAVED, ORDER),
    Slip::new(&NO_BIASES, Place::step("the biases")),
];

fn rows(ms: &[Array2<f64>]) -> Vec<f64> {
    ms.iter().flat_map(|m| m.iter().copied()).collect()
}

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

fn flatten_variant(net: &Network, v: Option<usize>) -> Result<Vec<Part>, String> {
    let (w, b) = (net.weights(), net.biases());
    let cols = |ms: &[Array2<f64>]| -> Vec<f64> {
        ms.iter()
            .flat_map(|m| m.t().iter().copied().collect::<Vec<_>>())
            .collect()
    };
    Ok(theta(match v {
        None => [rows(&w), rows(&b)].concat(),
        Some(0) => [rows(&b), rows(&w)].concat(),
        Some(1) => [cols(&w), rows(&b)].concat(),
        Some(2) => w
            .iter()
            .zip(&b)
            .flat_map(|(wl, bl)| wl.iter().chain(bl.iter()).copied().collect::<Vec<_>>())
            .collect(),
        _ => rows(&w),
    }))
}

/// Checks `flatten(weights, biases) -> Vec<f64>`, the walkthrough's
/// `get_params`: every weight matrix row by row, then every bias. The lab's
/// case is the walkthrough's `[2, 3, 3, 1]` circles network (25 parameters).
///
/// ```
/// use backprop_lab::exercises::check_flatten;
/// let r = check_flatten(|w, b| backprop_lab::get_params(w, b).to_vec());
/// assert!(r.is_right());
/// ```
pub fn check_flatten(learner: impl Fn(&[Array2<f64>], &[Array2<f64>]) -> Vec<f64>) -> CheckReport {
    let cases = networks(6_200);
    let model = variants(&FLATTEN_CATALOGUE, flatten_variant);
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
    name: "biases read first",
    hint:
        "θ holds every weight first, then every bias: read the weight matrices from the start of θ",
};
static BY_COLUMNS: Mistake = Mistake {
    name: "filled column by column",
    hint: "θ holds each matrix row by row, so fill W[0,0], W[0,1], …, then W[1,0], … (Array2::from_shape_vec((rows, cols), …) does this)",
};
static NOT_ADVANCED: Mistake = Mistake {
    name: "pointer not advanced",
    hint: "after taking a matrix's rows × cols values, move the read position past them; otherwise every matrix starts at θ[0]",
};
static BIASES_RESTART: Mistake = Mistake {
    name: "biases restarted at θ[0]",
    hint:
        "the biases follow the weights in θ: keep reading from where the last weight matrix ended",
};
static SHAPE_SWAPPED: Mistake = Mistake {
    name: "transposed shape",
    hint: "each matrix keeps its template's shape (rows, cols), as .dim() gives it; (cols, rows) is its transpose",
};

const READ: Place = Place::step("reading θ");
const UNFLATTEN_CATALOGUE: [Slip; 5] = [
    Slip::new(&BIASES_READ_FIRST, READ),
    Slip::new(&BY_COLUMNS, READ),
    Slip::new(&NOT_ADVANCED, READ),
    Slip::new(&BIASES_RESTART, READ),
    Slip::new(&SHAPE_SWAPPED, Place::step("the shapes")),
];

/// `values` cut into matrices of the shapes of `like`, each filled row by row
/// (or column by column, or with its shape swapped), starting each at the
/// offset `start(k)`.
fn cut(
    values: &[f64],
    like: &[Array2<f64>],
    how: u8,
    mut start: impl FnMut(usize) -> usize,
) -> Result<Vec<Array2<f64>>, String> {
    let mut out = Vec::new();
    for m in like {
        let (r, c) = m.dim();
        let at = start(r * c);
        let chunk = values
            .get(at..at + r * c)
            .ok_or_else(|| "θ runs out".to_string())?
            .to_vec();
        out.push(
            match how {
                0 => Array2::from_shape_vec((r, c), chunk),
                1 => Array2::from_shape_vec((c, r), chunk).map(|t| t.t().to_owned()),
                _ => Array2::from_shape_vec((c, r), chunk),
            }
            .map_err(|e| e.to_string())?,
        );
    }
    Ok(out)
}

fn advancing(from: usize) -> impl FnMut(usize) -> usize {
    let mut at = from;
    move |n| {
        at += n;
        at - n
    }
}

fn unflatten_variant(
    (net, theta): &(Network, Vec<f64>),
    v: Option<usize>,
) -> Result<Vec<Part>, String> {
    let (w, b) = (net.weights(), net.biases());
    let nw: usize = w.iter().map(|m| m.len()).sum();
    let nb = theta.len() - nw;
    let (ws, bs) = match v {
        None => (
            cut(theta, &w, 0, advancing(0))?,
            cut(theta, &b, 0, advancing(nw))?,
        ),
        Some(0) => (
            cut(theta, &w, 0, advancing(nb))?,
            cut(theta, &b, 0, advancing(0))?,
        ),
        Some(1) => (
            cut(theta, &w, 1, advancing(0))?,
            cut(theta, &b, 1, advancing(nw))?,
        ),
        Some(2) => (cut(theta, &w, 0, |_| 0)?, cut(theta, &b, 0, |_| 0)?),
        Some(3) => (
            cut(theta, &w, 0, advancing(0))?,
            cut(theta, &b, 0, advancing(0))?,
        ),
        _ => (
            cut(theta, &w, 2, advancing(0))?,
            cut(theta, &b, 2, advancing(nw))?,
        ),
    };
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
///     backprop_lab::set_params(&ndarray::Array1::from(theta.to_vec()), w, b).unwrap()
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
                .map(|_| rng.as_rand().random_range(-3.0..3.0))
                .collect();
            let input = format!("θ = {} for a {:?} network", list(&theta), c.data.sizes());
            CaseSpec::new(c.label, input, (c.data, theta))
        })
        .collect();
    let model = variants(&UNFLATTEN_CATALOGUE, unflatten_variant);
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
    name: "one-sided instead of two-sided difference",
    hint:
        "(C(θ + εeᵢ) − C(θ − εeᵢ)) / 2ε is accurate to O(ε²); (C(θ + εeᵢ) − C(θ)) / ε only to O(ε)",
};
static BY_EPS: Mistake = Mistake {
    name: "divided by ε instead of 2ε",
    hint: "the two points are 2ε apart",
};
static NUDGE_LEFT: Mistake = Mistake {
    name: "left the nudge in place",
    hint: "restore θᵢ after nudging it, or every later entry is measured at a shifted point",
};
static DIFF_SIGN: Mistake = Mistake {
    name: "sign flipped",
    hint: "C(θ + εeᵢ) − C(θ − εeᵢ): the forward point first",
};
static BY_EPS_SQ: Mistake = Mistake {
    name: "divided by 2 then by ε in the wrong order",
    hint: "divide by (2ε), with the brackets: x / 2.0 * eps multiplies by ε",
};

const DIFF: Place = Place::step("Δᵢ");
const DIFF_CATALOGUE: [Slip; 5] = [
    Slip::new(&ONE_SIDED, DIFF),
    Slip::new(&BY_EPS, DIFF),
    Slip::new(&NUDGE_LEFT, DIFF),
    Slip::new(&DIFF_SIGN, DIFF),
    Slip::new(&BY_EPS_SQ, DIFF),
];

/// A smooth test cost with a known shape: `C(θ) = Σᵢ sin(θᵢ)·θᵢ₊₁ + ½ Σ θᵢ²`.
fn test_cost(t: &[f64]) -> f64 {
    let pairs: f64 = t.windows(2).map(|w| w[0].sin() * w[1]).sum();
    pairs + 0.5 * t.iter().map(|v| v * v).sum::<f64>()
}

const EPS: f64 = 1e-4;

fn difference_variant(t: &Vec<f64>, v: Option<usize>) -> Result<Vec<Part>, String> {
    let mut p = t.clone();
    let mut out = Vec::with_capacity(t.len());
    for i in 0..t.len() {
        let x = p[i];
        let base = test_cost(&p);
        p[i] = x + EPS;
        let plus = test_cost(&p);
        p[i] = x - EPS;
        let minus = test_cost(&p);
        if v != Some(2) {
            p[i] = x;
        }
        out.push(match v {
            Some(0) => (plus - base) / EPS,
            Some(1) => (plus - minus) / EPS,
            Some(3) => (minus - plus) / (2.0 * EPS),
            Some(4) => (plus - minus) / 2.0 * EPS,
            _ => (plus - minus) / (2.0 * EPS),
        });
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
/// let r = check_numerical_gradient(|c, t, e| backprop_lab::numerical_gradient(c, t, e).unwrap().to_vec());
/// assert!(r.is_right());
/// ```
pub fn check_numerical_gradient(
    learner: impl Fn(&dyn Fn(&[f64]) -> f64, &[f64], f64) -> Vec<f64>,
) -> CheckReport {
    let mut rng = seeded_rng(6_300);
    let cases: Vec<CaseSpec<Vec<f64>>> = (0..8)
        .map(|k| {
            let t: Vec<f64> = (0..3 + k % 3)
                .map(|_| rng.as_rand().random_range(-2.0..2.0))
                .collect();
            let label = if k == 0 {
                "the first".to_string()
            } else {
                format!("random #{k}")
            };
            CaseSpec::new(label, format!("θ = {}, ε = {EPS}", list(&t)), t)
        })
        .collect();
    let model = variants(&DIFF_CATALOGUE, difference_variant);
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
