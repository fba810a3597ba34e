//! Lab 06's exercises: backprop with loops over neurons, backprop in vector
//! form for one example, flattening the parameters and rebuilding them, and
//! the two-sided differences of a gradient check. The cost of one example is
//! `C0 = ½‖a^L − y‖²`, so `∂C0/∂a^L = a^L − y`.

use ndarray::Array2;

use super::model::{Part, Place, Shaped, Slip, Slips};
use super::report::{judge, list, CaseSpec, CheckReport, Exercise, Mistake};
use crate::dense::activation::Activation;
use crate::dense::activation::{sigmoid, sigmoid_prime};
use crate::dense::data::toy;
use crate::dense::network::{Init, Network};
use crate::io::random::{seeded_rng, uniform_in};

/// A gradient as `(∂C/∂W^l for every l, ∂C/∂b^l for every l)`.
pub type LayerGradients = (Vec<Array2<f64>>, Vec<Array2<f64>>);

static FORGOT_PRIME: Mistake = Mistake {
    name: "forgot σ′",
    hint: "every δ carries σ′(z): δᴸ = (aᴸ − y) ⊙ σ′(zᴸ) and δˡ = ((Wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ)",
};
static SIGMA_FOR_PRIME: Mistake = Mistake {
    name: "σ instead of σ′",
    hint: "the slope is σ′(z) = σ(z)(1 − σ(z)), not σ(z) itself",
};
static PRIME_AT_A: Mistake = Mistake {
    name: "σ′ at a instead of z",
    hint: "σ′ is taken at the weighted input: σ′(z) = a(1 − a) with a = σ(z); σ(a)(1 − σ(a)) applies σ twice",
};
static SIGN: Mistake = Mistake {
    name: "sign flipped",
    hint: "∂C/∂aᴸ = aᴸ − y: output minus target",
};
static FACTOR_2: Mistake = Mistake {
    name: "factor 2 carried over from notebook 05",
    hint:
        "here the cost is C = ½‖aᴸ − y‖², so ∂C/∂aᴸ = aᴸ − y; notebook 05's (a − y)² gave 2(a − y)",
};
static TRANSPOSED_W: Mistake = Mistake {
    name: "transposed W",
    hint:
        "the error flows back through the transpose: (Wˡ⁺¹)ᵀ δˡ⁺¹, i.e. Σ_j w_jk δ_j for neuron k",
};
static WRONG_W: Mistake = Mistake {
    name: "off-by-one layer in the weights",
    hint: "δˡ comes back through the weights after layer l, Wˡ⁺¹, not Wˡ",
};
static OFF_BY_ONE: Mistake = Mistake {
    name: "off-by-one layer",
    hint: "BP4 multiplies δˡ by the activations into layer l, aˡ⁻¹ (x for layer 1), not by aˡ",
};
static Z_FOR_A: Mistake = Mistake {
    name: "z where a belongs",
    hint: "BP4 takes the activations aˡ⁻¹ = σ(zˡ⁻¹), not the weighted inputs zˡ⁻¹",
};
static GRAD_T: Mistake = Mistake {
    name: "transposed ∂C/∂W",
    hint: "∂C/∂Wˡ = δˡ (aˡ⁻¹)ᵀ has the shape of Wˡ (neurons of layer l × neurons of layer l − 1); aˡ⁻¹ (δˡ)ᵀ is its transpose",
};
static FORGOT_BIAS: Mistake = Mistake {
    name: "forgot the bias",
    hint: "the forward pass is zˡ = Wˡ aˡ⁻¹ + bˡ; without bˡ every later value is off",
};
static SWAPPED: Mistake = Mistake {
    name: "swapped the returned pair",
    hint: "return (nabla_w, nabla_b): the weight gradients first, then the bias gradients",
};
static OVERWROTE: Mistake = Mistake {
    name: "overwrote instead of adding",
    hint: "a sum is built with +=; with = only the last term survives",
};
static STOPS_EARLY: Mistake = Mistake {
    name: "off-by-one layer: the backward loop stops early",
    hint: "BP2 runs for every hidden layer l = L − 1 down to 1; a loop one short leaves δ¹ (and layer 1's gradients) at zero",
};
static MEAN_BP2: Mistake = Mistake {
    name: "mean instead of sum",
    hint: "BP2 sums over the neurons j of layer l + 1: Σ_j w_jk δ_j, not its average",
};
static MEAN: Mistake = Mistake {
    name: "mean instead of sum",
    hint: "backprop_batch sums over the examples, as the walkthrough's does; train divides by the batch size later",
};

const BACKPROP_EQUATIONS: [(&str, &str); 5] = [
    (
        "the forward pass",
        "zˡ = Wˡ aˡ⁻¹ + bˡ, aˡ = σ(zˡ), with a⁰ = x",
    ),
    ("BP1", "δᴸ = (aᴸ − y) ⊙ σ′(zᴸ)"),
    ("BP2", "δˡ = ((Wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ)"),
    ("BP3", "∂C/∂bˡ = δˡ"),
    ("BP4", "∂C/∂Wˡ = δˡ (aˡ⁻¹)ᵀ, i.e. ∂C/∂wˡ_jk = aˡ⁻¹_k δˡ_j"),
];

/// How a backprop exercise is written, which decides how some slips show: a
/// loop over neurons reads a transposed or wrong-layer matrix entry by entry
/// (and panics when an index runs out), a vector form multiplies whole
/// matrices.
#[derive(Clone, Copy, PartialEq)]
enum Form {
    Neurons,
    Vectors,
}

/// Every backprop network here has three weight layers, so every case has the
/// same places.
const LAYERS: usize = 3;

fn backprop_catalogue(form: Form, batch: bool) -> Vec<Slip> {
    let mut c = vec![Slip::new(&SWAPPED, Place::step("the returned pair"))];
    for k in [&FORGOT_PRIME, &SIGMA_FOR_PRIME, &PRIME_AT_A] {
        c.push(Slip::new(k, Place::step("BP1")));
        for l in 1..LAYERS {
            c.push(Slip::new(k, Place::layer("BP2", l)));
        }
    }
    c.push(Slip::new(&SIGN, Place::step("BP1")));
    c.push(Slip::new(&FACTOR_2, Place::step("BP1")));
    c.push(Slip::new(&Z_FOR_A, Place::step("BP1")));
    for l in 1..LAYERS {
        c.push(Slip::new(&TRANSPOSED_W, Place::layer("BP2", l)));
        c.push(Slip::new(&WRONG_W, Place::layer("BP2", l)));
        if form == Form::Neurons {
            c.push(Slip::new(&OVERWROTE, Place::layer("BP2", l)));
            c.push(Slip::new(&MEAN_BP2, Place::layer("BP2", l)));
        }
    }
    c.push(Slip::new(&STOPS_EARLY, Place::layer("BP2", 1)));
    for l in 1..=LAYERS {
        c.push(Slip::new(&OFF_BY_ONE, Place::layer("BP4", l)));
        if l > 1 {
            c.push(Slip::new(&Z_FOR_A, Place::layer("BP4", l)));
        }
        c.push(Slip::new(&GRAD_T, Place::layer("BP4", l)));
        c.push(Slip::new(&FORGOT_BIAS, Place::layer("the forward pass", l)));
    }
    if batch {
        c.push(Slip::new(&MEAN, Place::step("BP3")));
        c.push(Slip::new(&MEAN, Place::step("BP4")));
        c.push(Slip::new(&OVERWROTE, Place::step("the sum over the batch")));
    }
    c
}

/// `n` as superscript digits: 12 → ¹².
pub(crate) fn sup(n: usize) -> String {
    const D: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .chars()
        .map(|c| D[c.to_digit(10).unwrap_or(0) as usize])
        .collect()
}

fn col(v: &[f64]) -> Array2<f64> {
    Array2::from_shape_vec((v.len(), 1), v.to_vec()).expect("a column")
}

/// σ′ as a slip at `place` computes it: σ′(z), 1, σ(z) or σ′(σ(z)).
fn slope(s: Slips, place: Place, z: &Array2<f64>) -> Array2<f64> {
    if s.at(&FORGOT_PRIME, place) {
        z.mapv(|_| 1.0)
    } else if s.at(&SIGMA_FOR_PRIME, place) {
        z.mapv(sigmoid)
    } else if s.at(&PRIME_AT_A, place) {
        z.mapv(|t| sigmoid_prime(sigmoid(t)))
    } else {
        z.mapv(sigmoid_prime)
    }
}

/// `W` as BP2 reads it for layer `l` (1-based): `(Wˡ⁺¹)ᵀ`, or a slip's matrix,
/// or why that matrix cannot be used with these sizes.
fn back_matrix(ws: &[Array2<f64>], l: usize, s: Slips) -> Result<Array2<f64>, String> {
    let place = Place::layer("BP2", l);
    let w_next = &ws[l];
    if s.at(&TRANSPOSED_W, place) {
        if !w_next.is_square() {
            return Err(format!("W{} is not square", sup(l + 1)));
        }
        return Ok(w_next.clone());
    }
    if s.at(&WRONG_W, place) {
        let w = &ws[l - 1];
        if w.dim() != (w_next.ncols(), w_next.nrows()) || !w.is_square() {
            return Err(format!("W{} does not fit", sup(l)));
        }
        return Ok(w.t().to_owned());
    }
    Ok(w_next.t().to_owned())
}

/// BP2's `(Wˡ⁺¹)ᵀ δˡ⁺¹` for layer `l`, as a slip there computes it: only the
/// last term of each sum kept, or the sum averaged.
fn back_terms(
    ws: &[Array2<f64>],
    l: usize,
    s: Slips,
    delta: &Array2<f64>,
) -> Result<Array2<f64>, String> {
    let place = Place::layer("BP2", l);
    let wt = back_matrix(ws, l, s)?;
    if s.at(&OVERWROTE, place) {
        let last = wt.ncols() - 1;
        return Ok(Array2::from_shape_fn((wt.nrows(), 1), |(k, _)| {
            wt[[k, last]] * delta[[last, 0]]
        }));
    }
    let back = wt.dot(delta);
    Ok(if s.at(&MEAN_BP2, place) {
        back / wt.ncols() as f64
    } else {
        back
    })
}

/// The gradients of one example with the slips switched on:
/// `(∂C/∂W¹ … ∂C/∂Wᴸ, ∂C/∂b¹ … ∂C/∂bᴸ)`.
fn backprop_model(
    net: &Network,
    x: &[f64],
    y: &[f64],
    s: Slips,
    form: Form,
) -> Result<LayerGradients, String> {
    let (ws, bs) = (net.weights(), net.biases());
    let n = ws.len();
    let (mut zs, mut acts) = (Vec::new(), vec![col(x)]);
    for l in 1..=n {
        let mut z = ws[l - 1].dot(&acts[l - 1]);
        if !s.at(&FORGOT_BIAS, Place::layer("the forward pass", l)) {
            z += &bs[l - 1];
        }
        acts.push(z.mapv(sigmoid));
        zs.push(z);
    }
    let (aout, yv) = (&acts[n], col(y));
    let bp1 = Place::step("BP1");
    let up = s.pick(&SIGN, bp1, 1.0, -1.0) * s.pick(&FACTOR_2, bp1, 1.0, 2.0);
    let mut deltas = vec![Array2::zeros((0, 0)); n];
    let out = if s.at(&Z_FOR_A, bp1) {
        &zs[n - 1]
    } else {
        aout
    };
    deltas[n - 1] = (out - &yv) * up * slope(s, bp1, &zs[n - 1]);
    for l in (1..n).rev() {
        let place = Place::layer("BP2", l);
        let back = back_terms(&ws, l, s, &deltas[l])?;
        deltas[l - 1] = back * slope(s, place, &zs[l - 1]);
        if l == 1 && s.at(&STOPS_EARLY, place) {
            deltas[0].fill(0.0);
        }
    }
    let mut nabla_w = Vec::new();
    for l in 1..=n {
        let place = Place::layer("BP4", l);
        let mut into = if s.at(&Z_FOR_A, place) {
            zs[l - 2].clone()
        } else {
            acts[l - 1].clone()
        };
        if s.at(&OFF_BY_ONE, place) {
            into = acts[l].clone();
            if form == Form::Neurons {
                // A loop over Wˡ's columns reads the first entries of aˡ.
                let k = ws[l - 1].ncols();
                if into.nrows() < k {
                    return Err(format!("a{} is shorter than W{}'s columns", sup(l), sup(l)));
                }
                into = into.slice(ndarray::s![..k, ..]).to_owned();
            }
        }
        let g = deltas[l - 1].dot(&into.t());
        nabla_w.push(if s.at(&GRAD_T, place) {
            g.t().to_owned()
        } else {
            g
        });
    }
    Ok((nabla_w, deltas))
}

fn gradient_parts((w, b): &LayerGradients) -> Vec<Part> {
    let mut parts: Vec<Part> = w
        .iter()
        .enumerate()
        .map(|(l, m)| {
            Part::matrix(
                format!("∂C/∂W{}", sup(l + 1)),
                format!("BP4 (layer {})", l + 1),
                m,
            )
        })
        .collect();
    parts.extend(b.iter().enumerate().map(|(l, m)| {
        Part::matrix(
            format!("∂C/∂b{}", sup(l + 1)),
            format!("BP3 (layer {})", l + 1),
            m,
        )
    }));
    parts
}

/// The shapes a learner works with in a network case, for explaining panics.
fn network_shapes(net: &Network) -> Vec<(String, (usize, usize))> {
    let sizes = net.sizes();
    let mut out = vec![("x".to_string(), (sizes[0], 1))];
    for l in 1..sizes.len() {
        out.push((format!("W{}", sup(l)), (sizes[l], sizes[l - 1])));
        out.push((format!("δ{}", sup(l)), (sizes[l], 1)));
        out.push((format!("a{}", sup(l)), (sizes[l], 1)));
    }
    out
}

/// One example (or a batch, one example per row) for a backprop check.
pub(crate) struct BackpropCase {
    net: Network,
    x: Array2<f64>,
    y: Array2<f64>,
}

fn backprop_exercise_model(
    form: Form,
    batch: bool,
) -> impl Fn(&BackpropCase, Slips) -> Result<Vec<Part>, String> {
    move |c: &BackpropCase, s: Slips| {
        let sizes = c.net.sizes();
        let mut total: LayerGradients = (
            (1..sizes.len())
                .map(|l| Array2::zeros((sizes[l], sizes[l - 1])))
                .collect(),
            (1..sizes.len())
                .map(|l| Array2::zeros((sizes[l], 1)))
                .collect(),
        );
        let last_only = s.at(&OVERWROTE, Place::step("the sum over the batch"));
        let first = if last_only { c.x.nrows() - 1 } else { 0 };
        for e in first..c.x.nrows() {
            let (gw, gb) =
                backprop_model(&c.net, &c.x.row(e).to_vec(), &c.y.row(e).to_vec(), s, form)?;
            for (t, g) in total.0.iter_mut().zip(gw) {
                if t.dim() != g.dim() {
                    *t = Array2::zeros(g.dim());
                }
                *t += &g;
            }
            for (t, g) in total.1.iter_mut().zip(gb) {
                *t += &g;
            }
        }
        if batch {
            let m = c.x.nrows() as f64;
            if s.at(&MEAN, Place::step("BP4")) {
                total.0.iter_mut().for_each(|g| *g /= m);
            }
            if s.at(&MEAN, Place::step("BP3")) {
                total.1.iter_mut().for_each(|g| *g /= m);
            }
        }
        let mut parts = gradient_parts(&total);
        if s.at(&SWAPPED, Place::step("the returned pair")) {
            parts.rotate_left(total.0.len());
        }
        Ok(parts)
    }
}

/// The backprop cases: square layers first (a transposed W still fits there,
/// so it shows as wrong numbers rather than only as a panic), then the lab's
/// network, then seeded random networks with unequal layers, targets on both
/// sides of the outputs.
fn backprop_cases(
    lab: (Network, Vec<f64>, Vec<f64>),
    batch: Option<usize>,
) -> Vec<CaseSpec<BackpropCase>> {
    let mut setups = vec![(
        "square layers".to_string(),
        square_network(),
        vec![0.4, -0.9],
        vec![1.0, 0.0],
    )];
    setups.push(("the lab's".to_string(), lab.0, lab.1, lab.2));
    let mut rng = seeded_rng(6_002);
    for k in 0..6u64 {
        let sizes = [2, 2 + (k as usize % 3), 3, 1 + (k as usize % 2)];
        let net = Network::random(&sizes, Activation::Sigmoid, Init::Normal, 6_100 + k)
            .expect("a small network");
        let mut draw =
            |n: usize| -> Vec<f64> { (0..n).map(|_| uniform_in(&mut rng, -2.0, 2.0)).collect() };
        let (x, y) = (draw(sizes[0]), draw(sizes[3]));
        setups.push((format!("random #{}", k + 1), net, x, y));
    }
    setups
        .into_iter()
        .enumerate()
        .map(|(i, (label, net, x, y))| {
            let (xm, ym) = match batch {
                None => (row(&x), row(&y)),
                Some(_) if label == "the lab's" => (row(&x), row(&y)),
                Some(_) => {
                    let n = 3 + i % 4;
                    let rows = |v: &Vec<f64>, shift: f64| {
                        Array2::from_shape_fn((n, v.len()), |(e, j)| {
                            v[j] * (1.0 - 0.3 * e as f64) + shift * e as f64
                        })
                    };
                    (rows(&x, 0.2), rows(&y, -0.1))
                }
            };
            let input = if xm.nrows() == 1 {
                format!(
                    "sizes {:?}, x = {}, y = {}",
                    net.sizes(),
                    list(&x),
                    list(&y)
                )
            } else {
                format!(
                    "sizes {:?}, a batch of {} examples",
                    net.sizes(),
                    xm.nrows()
                )
            };
            let mut spec = CaseSpec::new(label, input, BackpropCase { net, x: xm, y: ym });
            spec.shapes = network_shapes(&spec.data.net);
            spec
        })
        .collect()
}

fn row(v: &[f64]) -> Array2<f64> {
    Array2::from_shape_vec((1, v.len()), v.to_vec()).expect("a row")
}

fn square_network() -> Network {
    Network::random(&[2, 2, 2, 2], Activation::Sigmoid, Init::Normal, 6_001)
        .expect("a small network")
}

fn learner_parts((w, b): &LayerGradients) -> Vec<Shaped> {
    let mut out = Shaped::matrices(w);
    out.extend(Shaped::matrices(b));
    out
}

fn judge_backprop(
    name: &'static str,
    task: &'static str,
    cases: &[CaseSpec<BackpropCase>],
    form: Form,
    batch: bool,
    learner: impl Fn(&BackpropCase) -> LayerGradients,
) -> CheckReport {
    let catalogue = backprop_catalogue(form, batch);
    let model = backprop_exercise_model(form, batch);
    let ex = Exercise {
        name,
        task,
        cases,
        catalogue: &catalogue,
        model: &model,
        equations: &BACKPROP_EQUATIONS,
    };
    judge(&ex, |c| learner_parts(&learner(c)))
}

/// Checks backprop written with loops over neurons,
/// `backprop_neurons(net, x, y) -> (nabla_w, nabla_b)`, for one example of a
/// sigmoid network. The lab's case is notebook 06's `[2, 3, 3, 1]` network
/// (seed 11) on `x = [0.3, −0.8]`, `y = [1]`.
///
/// ```
/// use backprop_lab::exercises::check_backprop_per_neuron;
/// use backprop_lab::backprop::backprop_1_example;
/// let r = check_backprop_per_neuron(|net, x, y| {
///     let g = backprop_1_example(net, x, y).unwrap().gradients;
///     (g.nabla_w, g.nabla_b)
/// });
/// assert!(r.is_right());
/// ```
pub fn check_backprop_per_neuron(
    learner: impl Fn(&Network, &[f64], &[f64]) -> LayerGradients,
) -> CheckReport {
    let lab = Network::random(&[2, 3, 3, 1], Activation::Sigmoid, Init::Normal, 11)
        .expect("a small network");
    let cases = backprop_cases((lab, vec![0.3, -0.8], vec![1.0]), None);
    judge_backprop(
        "backprop_neurons",
        "(nabla_w, nabla_b) for one example with loops over neurons: δᴸ by BP1, δˡ by BP2 going back, then ∂C/∂bˡ and ∂C/∂Wˡ by BP3 and BP4",
        &cases,
        Form::Neurons,
        false,
        |c| learner(&c.net, &c.x.row(0).to_vec(), &c.y.row(0).to_vec()),
    )
}

/// Checks backprop in vector form for one example,
/// `backprop_vector(net, x, y) -> (nabla_w, nabla_b)`, where `x` is a `(d, 1)`
/// column and `y` an `(outputs, 1)` column. The lab's case is notebook 06's
/// `[1, 3, 2, 1]` network (seed 3) on the first toy example.
///
/// ```
/// use backprop_lab::exercises::check_backprop_vector;
/// use backprop_lab::backprop::backprop_1_example;
/// let r = check_backprop_vector(|net, x, y| {
///     let (x, y) = (x.column(0).to_vec(), y.column(0).to_vec());
///     let g = backprop_1_example(net, &x, &y).unwrap().gradients;
///     (g.nabla_w, g.nabla_b)
/// });
/// assert!(r.is_right());
/// ```
pub fn check_backprop_vector(
    learner: impl Fn(&Network, &Array2<f64>, &Array2<f64>) -> LayerGradients,
) -> CheckReport {
    let (inputs, labels) = toy(1000).expect("a small data set");
    let lab = Network::random(&[1, 3, 2, 1], Activation::Sigmoid, Init::Normal, 3)
        .expect("a small network");
    let cases = backprop_cases((lab, vec![inputs[[0, 0]]], vec![labels[[0, 0]]]), None);
    judge_backprop(
        "backprop_vector",
        "(nabla_w, nabla_b) for one example from BP1–BP4 in vector form, with .dot() and .t() on columns",
        &cases,
        Form::Vectors,
        false,
        |c| learner(&c.net, &c.x.t().to_owned(), &c.y.t().to_owned()),
    )
}

/// Checks fully batched backprop with 3-D stacks,
/// `backprop_stacks(net, X, Y) -> (nabla_w, nabla_b)`: `X` is `(N, d)`, `Y` is
/// `(N, outputs)`, and the gradients are summed over the `N` examples, as the
/// walkthrough's `backprop_batch` returns them. The lab's case is notebook 08's
/// circles network on the first 50 examples of its data.
///
/// ```
/// use backprop_lab::exercises::check_backprop_stacks;
/// let r = check_backprop_stacks(|net, x, y| {
///     let g = backprop_lab::backprop::backprop_batch(net, x, y).unwrap();
///     (g.nabla_w, g.nabla_b)
/// });
/// assert!(r.is_right());
/// ```
pub fn check_backprop_stacks(
    learner: impl Fn(&Network, &Array2<f64>, &Array2<f64>) -> LayerGradients,
) -> CheckReport {
    let (cx, cy) = crate::dense::data::make_circles(1000, 0.3, 0.1, 0).expect("the lab's data");
    let lab = Network::random_per_layer(
        &[2, 3, 3, 1],
        Activation::Sigmoid,
        &[Init::Uniform, Init::Uniform, Init::Normal],
        &[Init::Uniform; 3],
        0,
    )
    .expect("a small network");
    let mut cases = backprop_cases((lab, vec![0.0, 0.0], vec![0.0]), Some(0));
    let take = |m: &Array2<f64>, n: usize| m.slice(ndarray::s![..n, ..]).to_owned();
    for c in cases.iter_mut().filter(|c| c.label == "the lab's") {
        c.data.x = take(&cx, 50);
        c.data.y = take(&cy, 50);
        c.input = format!(
            "sizes {:?}, the first 50 circles examples",
            c.data.net.sizes()
        );
    }
    judge_backprop(
        "backprop_stacks",
        "(nabla_w, nabla_b) summed over the batch, with BP1–BP4 on 3-D stacks (one matrix per example)",
        &cases,
        Form::Vectors,
        true,
        |c| learner(&c.net, &c.x, &c.y),
    )
}
