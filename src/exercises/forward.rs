//! Lab 04's exercises: the forward pass of a multidimensional network, for
//! one example and for a whole batch. Every layer takes three steps: the
//! product `Wˡaˡ⁻¹`, the bias `+ bˡ`, and the activation `σ`.

use ndarray::{Array2, ShapeBuilder};

use super::model::{Part, Place, Shaped, Slip, Slips};
use super::network::sup;
use super::report::{judge, list, CaseSpec, CheckReport, Exercise, Mistake, NOT_MODELLED};
use crate::dense::activation::Activation;
use crate::dense::activation::{sigmoid, sigmoid_prime};
use crate::dense::data::toy;
use crate::dense::network::{Init, Network};

static TRANSPOSED_W: Mistake = Mistake {
    name: "transposed W",
    hint: "Wˡ has one row per neuron of layer l, so z = W a (no transpose): row j holds the weights into neuron j",
};
static FORGOT_BIAS: Mistake = Mistake {
    name: "forgot the bias",
    hint: "each layer is z = W a + b: add the bias column before the activation",
};
static BIAS_AFTER: Mistake = Mistake {
    name: "activation applied before the bias",
    hint: "the bias goes inside: σ(W a + b), not σ(W a) + b",
};
static FORGOT_ACT: Mistake = Mistake {
    name: "forgot the activation (σ)",
    hint: "a = σ(z) at every layer, the output layer included",
};
static BIAS_SIGN: Mistake = Mistake {
    name: "sign flipped (the bias subtracted)",
    hint: "z = W a + b: the bias is added, not subtracted",
};
static PRIME_FOR_SIGMA: Mistake = Mistake {
    name: "σ′ instead of σ",
    hint: "the forward pass applies σ itself, a = σ(z); σ′ = σ(1 − σ) belongs to the backward pass",
};
static SIGMA_SIGN: Mistake = Mistake {
    name: "σ(−z) instead of σ(z) (1/(1 + e^z))",
    hint: "σ(z) = 1/(1 + e^(−z)): the minus sign in the exponent matters",
};
static SIGMA_FIRST: Mistake = Mistake {
    name: "σ applied to each layer's input, before W",
    hint: "σ comes last in each layer, a = σ(W a + b): squashing the input instead leaves x squashed and the output layer without its σ",
};
static TWICE: Mistake = Mistake {
    name: "σ applied twice",
    hint: "the loop's last layer already gives aᴸ = σ(zᴸ): return it without applying σ again",
};
static RESHAPED: Mistake = Mistake {
    name: "reshaped instead of transposed",
    hint: "a reshape keeps the values in their row-major order; to turn (N, outputs) into (outputs, N) transpose it (.t() or .reversed_axes())",
};
static COLUMN_MAJOR: Mistake = Mistake {
    name: "row-major values read in column-major order",
    hint: "iter() lists the values row by row; build the result with the plain shape (outputs, N), not (outputs, N).f(), or keep the array itself",
};
static WRONG_AXIS: Mistake = Mistake {
    name: "bias added along the wrong axis",
    hint: "bˡ is a column, one entry per neuron, added to every column (every example) of WA; a bias turned into a row or a 1-D array is added along the examples instead",
};
static OFF_BY_ONE: Mistake = Mistake {
    name: "off-by-one layer (a layer left out)",
    hint: "the loop runs over every layer, l = 1, …, L: zip the weights with the biases from the first pair to the last",
};
static ROW_OUT: Mistake = Mistake {
    name: "transposed output (a row, not a column)",
    hint: "x is a column and so is every aˡ: return aᴸ as it comes, shape (outputs, 1)",
};
static ROWS: Mistake = Mistake {
    name: "examples in rows, not columns (transposed Aᴸ)",
    hint: "F = XW + b with one example per row (numpy's habit, and MiniFlow's in notebook 7) is the other convention; here A⁰ = Xᵀ and every Aˡ has one column per example, so Aᴸ is (outputs, N): return it without transposing back",
};
static X_NOT_T: Mistake = Mistake {
    name: "X not transposed",
    hint:
        "X holds one example per row, (N, d); the first layer takes its columns, A⁰ = Xᵀ, so W¹Xᵀ",
};

/// The names of one check's steps: the forward pass writes `a`, the batch `A`.
struct Steps {
    product: &'static str,
    bias: &'static str,
    act: &'static str,
    output: &'static str,
    batch: bool,
}

const ONE: Steps = Steps {
    product: "Wa",
    bias: "Wa + b",
    act: "σ(Wa + b)",
    output: "aᴸ",
    batch: false,
};
const BATCH: Steps = Steps {
    product: "WA",
    bias: "WA + b",
    act: "σ(WA + b)",
    output: "Aᴸ",
    batch: true,
};
const LOOP: &str = "the loop over layers";
const INPUT: Place = Place::step("A⁰ = Xᵀ");

/// Every network here has three weight layers, so every case has the same
/// places.
const LAYERS: usize = 3;

fn catalogue(st: &Steps) -> Vec<Slip> {
    let mut c = Vec::new();
    for l in 1..=LAYERS {
        c.push(Slip::new(&TRANSPOSED_W, Place::layer(st.product, l)));
        c.push(Slip::new(&FORGOT_BIAS, Place::layer(st.bias, l)));
        c.push(Slip::new(&BIAS_AFTER, Place::layer(st.bias, l)));
        c.push(Slip::new(&BIAS_SIGN, Place::layer(st.bias, l)));
        if st.batch {
            c.push(Slip::new(&WRONG_AXIS, Place::layer(st.bias, l)));
        }
        c.push(Slip::new(&FORGOT_ACT, Place::layer(st.act, l)));
        c.push(Slip::new(&PRIME_FOR_SIGMA, Place::layer(st.act, l)));
        c.push(Slip::new(&SIGMA_SIGN, Place::layer(st.act, l)));
    }
    c.push(Slip::new(&TWICE, Place::layer(st.act, LAYERS)));
    c.push(Slip::new(&SIGMA_FIRST, Place::step(LOOP)));
    c.push(Slip::new(&OFF_BY_ONE, Place::layer(LOOP, 1)));
    c.push(Slip::new(&OFF_BY_ONE, Place::layer(LOOP, LAYERS)));
    if st.batch {
        c.push(Slip::new(&X_NOT_T, INPUT));
        c.push(Slip::new(&ROWS, Place::step(st.output)));
        c.push(Slip::new(&RESHAPED, Place::step(st.output)));
        c.push(Slip::new(&COLUMN_MAJOR, Place::step(st.output)));
    } else {
        c.push(Slip::new(&ROW_OUT, Place::step(st.output)));
    }
    c
}

fn equations(st: &Steps) -> Vec<(&'static str, &'static str)> {
    let mut e = vec![
        (st.product, "the product Wˡ aˡ⁻¹: Wˡ is (neurons of layer l, neurons of layer l − 1), so it multiplies aˡ⁻¹ as it is, with no transpose"),
        (st.bias, "zˡ = Wˡ aˡ⁻¹ + bˡ: the bias column is added to every column, before σ"),
        (st.act, "aˡ = σ(Wˡ aˡ⁻¹ + bˡ) at every layer l = 1, …, L, the output layer included"),
        (LOOP, "a⁰ = x, then every layer l = 1, 2, …, L in turn; the last aᴸ is the output"),
    ];
    if st.batch {
        e.push((
            INPUT.step,
            "A⁰ = Xᵀ: X is (N, d), one example per row, so A⁰ is (d, N), one per column",
        ));
        e.push((
            st.output,
            "Aᴸ = σ(Wᴸ Aᴸ⁻¹ + bᴸ), shape (outputs, N): one column per example",
        ));
    } else {
        e.push((
            st.output,
            "aᴸ = σ(Wᴸ aᴸ⁻¹ + bᴸ), a column of shape (outputs, 1)",
        ));
    }
    e
}

/// `W a` for layer `l`, or why the slip's matrix cannot multiply `a`.
fn product(
    w: &Array2<f64>,
    a: &Array2<f64>,
    l: usize,
    st: &Steps,
    s: Slips,
) -> Result<Array2<f64>, String> {
    let w = if s.at(&TRANSPOSED_W, Place::layer(st.product, l)) {
        w.t()
    } else {
        w.view()
    };
    if w.ncols() != a.nrows() {
        return Err(format!("W{} cannot multiply a {:?}", sup(l), a.dim()));
    }
    Ok(w.dot(a))
}

/// The bias of layer `l` as added to `z`: a column added to every column, or,
/// along the wrong axis, `b[j]` added to column `j` (a 1-D `b` broadcast over
/// the last axis), which only runs when `b` has one entry or one per column.
fn bias(z: &Array2<f64>, b: &Array2<f64>, wrong_axis: bool) -> Result<Array2<f64>, String> {
    let (k, n) = z.dim();
    if b.nrows() != k {
        return Err(format!("b has {} entries for {k} neurons", b.nrows()));
    }
    if wrong_axis && k != 1 {
        if n != k {
            return Err(format!("a 1-D b of length {k} against {n} columns"));
        }
        return Ok(Array2::from_shape_fn((k, n), |(_, j)| b[[j, 0]]));
    }
    Ok(Array2::from_shape_fn((k, n), |(i, _)| b[[i, 0]]))
}

/// The activation of layer `l` with the slips switched on, or `None` when
/// the layer has none (σ forgotten, or moved to the next layer's input).
fn activation(l: usize, last: bool, st: &Steps, s: Slips) -> Option<fn(f64) -> f64> {
    let place = Place::layer(st.act, l);
    if s.at(&FORGOT_ACT, place) || (last && s.at(&SIGMA_FIRST, Place::step(LOOP))) {
        return None;
    }
    let f: fn(f64) -> f64 = if s.at(&PRIME_FOR_SIGMA, place) {
        sigmoid_prime
    } else if s.at(&SIGMA_SIGN, place) {
        |z| sigmoid(-z)
    } else {
        sigmoid
    };
    Some(f)
}

/// Layer `l` with the slips switched on, from its product `z`.
fn layer(
    z: Array2<f64>,
    b: &Array2<f64>,
    (l, last): (usize, bool),
    st: &Steps,
    s: Slips,
) -> Result<Array2<f64>, String> {
    let place = Place::layer(st.bias, l);
    let b = if s.at(&FORGOT_BIAS, place) {
        None
    } else {
        let b = bias(&z, b, s.at(&WRONG_AXIS, place))?;
        Some(s.pick(&BIAS_SIGN, place, 1.0, -1.0) * b)
    };
    let act = activation(l, last, st, s).map(|f| {
        move |z: Array2<f64>| {
            let a = z.mapv(f);
            if s.at(&TWICE, Place::layer(st.act, l)) {
                a.mapv(f)
            } else {
                a
            }
        }
    });
    Ok(match (b, act) {
        (Some(b), Some(f)) if s.at(&BIAS_AFTER, place) => f(z) + b,
        (Some(b), Some(f)) => f(z + b),
        (Some(b), None) => z + b,
        (None, Some(f)) => f(z),
        (None, None) => z,
    })
}

/// The output's layout with the slips switched on: transposed, or the
/// values of a `(N, outputs)` result reshaped, or read in column-major order.
fn layout(a: Array2<f64>, st: &Steps, s: Slips) -> Array2<f64> {
    let out = Place::step(st.output);
    let dim = a.dim();
    if s.at(&ROWS, out) || s.at(&ROW_OUT, out) {
        a.reversed_axes()
    } else if s.at(&RESHAPED, out) {
        let rows: Vec<f64> = a.t().iter().copied().collect();
        Array2::from_shape_vec(dim, rows).expect("the same length")
    } else if s.at(&COLUMN_MAJOR, out) {
        let values: Vec<f64> = a.iter().copied().collect();
        Array2::from_shape_vec(dim.f(), values).expect("the same length")
    } else {
        a
    }
}

/// The output with the slips switched on, from the input the learner is given
/// (`x` for one example, `X` for a batch).
fn run(net: &Network, x: &Array2<f64>, st: &Steps, s: Slips) -> Result<Array2<f64>, String> {
    let (ws, bs) = (net.weights(), net.biases());
    let n = ws.len();
    let mut a = if st.batch && !s.at(&X_NOT_T, INPUT) {
        x.t().to_owned()
    } else {
        x.clone()
    };
    let first = if s.at(&OFF_BY_ONE, Place::layer(LOOP, 1)) {
        2
    } else {
        1
    };
    let last = if s.at(&OFF_BY_ONE, Place::layer(LOOP, n)) {
        n - 1
    } else {
        n
    };
    if s.at(&SIGMA_FIRST, Place::step(LOOP)) {
        a = a.mapv(sigmoid);
    }
    for l in first..=last {
        let z = product(&ws[l - 1], &a, l, st, s)?;
        a = layer(z, &bs[l - 1], (l, l == last), st, s)?;
    }
    Ok(layout(a, st, s))
}

fn model(
    st: &'static Steps,
) -> impl Fn(&Network, &Array2<f64>, Slips) -> Result<Vec<Part>, String> {
    move |net, x, s| {
        // A reshape or a column-major read scrambles every value whatever the
        // layers computed, and on the square outputs where other slips run it
        // is a plain transpose: only the layout slip alone is modelled.
        let out = Place::step(st.output);
        if s.0.len() > 1 && (s.at(&RESHAPED, out) || s.at(&COLUMN_MAJOR, out)) {
            return Err(NOT_MODELLED.into());
        }
        let out = run(net, x, st, s)?;
        let step = format!("{} (layer {})", st.act, net.weights().len());
        Ok(vec![Part::matrix(st.output, step, &out)])
    }
}

/// Networks for the forward checks: square layers first (a transposed W or
/// a skipped layer still runs there and so shows as wrong numbers, not only
/// as a panic), notebook 04's `[1, 3, 2, 1]` network (seed 7), the
/// walkthrough's exercise shape with hidden layers of 2, and seeded random
/// ones, some with two outputs.
/// How many networks the forward checks run on.
const NETWORKS: usize = 7;

/// The networks the forward checks run on: three fixed shapes, then random ones.
/// An array, so that anything listed per network (the batch sizes of
/// [`check_feedforward_batch`]) has its length tied to this one by its type.
fn networks() -> [(String, Network); NETWORKS] {
    let net = |sizes: &[usize], seed| {
        Network::random(sizes, Activation::Sigmoid, Init::Normal, seed).expect("a small network")
    };
    std::array::from_fn(|i| match i {
        0 => ("square layers".to_string(), net(&[2, 2, 2, 2], 4_001)),
        1 => ("the lab's".to_string(), net(&[1, 3, 2, 1], 7)),
        2 => ("hidden layers of 2".to_string(), net(&[1, 2, 2, 1], 4_002)),
        _ => {
            let k = (i - 3) as u64;
            let odd = k as usize % 2;
            let sizes = [1 + odd, 3, 2 + odd, 1 + odd];
            (format!("random #{}", k + 1), net(&sizes, 4_100 + k))
        }
    })
}

/// Inputs for `net`: the toy data's first `n` inputs, spread over `d` features.
fn inputs(d: usize, n: usize) -> Array2<f64> {
    let (x, _) = toy(1000).expect("a small data set");
    Array2::from_shape_fn((n, d), |(i, j)| {
        x[[(97 * i + 31 * j) % 1000, 0]] / (1.0 + j as f64)
    })
}

/// The shapes the learner works with, for explaining a shape panic.
fn shapes(net: &Network, x: &Array2<f64>, batch: bool) -> Vec<(String, (usize, usize))> {
    let n = if batch { x.nrows() } else { 1 };
    let mut out = vec![(if batch { "X" } else { "x" }.to_string(), x.dim())];
    if batch {
        out.push(("Xᵀ".into(), (x.ncols(), x.nrows())));
    }
    for (l, (w, b)) in net.weights().iter().zip(net.biases()).enumerate() {
        let l = sup(l + 1);
        out.push((format!("W{l}"), w.dim()));
        out.push((format!("b{l}"), b.dim()));
        out.push((
            format!("{}{l}", if batch { "A" } else { "a" }),
            (w.nrows(), n),
        ));
    }
    out
}

type ForwardCase = (Network, Array2<f64>);

fn judge_forward(
    name: &'static str,
    task: &'static str,
    st: &'static Steps,
    cases: &[CaseSpec<ForwardCase>],
    learner: impl Fn(&[Array2<f64>], &[Array2<f64>], &Array2<f64>) -> Array2<f64>,
) -> CheckReport {
    let catalogue = catalogue(st);
    let equations = equations(st);
    let m = model(st);
    let model = |c: &ForwardCase, s: Slips| m(&c.0, &c.1, s);
    let ex = Exercise {
        name,
        task,
        cases,
        catalogue: &catalogue,
        model: &model,
        equations: &equations,
    };
    judge(&ex, |(net, x)| {
        vec![Shaped::matrix(&learner(&net.weights(), &net.biases(), x))]
    })
}

/// Checks a forward pass for one example,
/// `forward(weights, biases, x) -> a^L`: `x` is a `(d, 1)` column and the
/// result the output column, `a^l = σ(W^l a^(l−1) + b^l)` layer by layer. A
/// slip in one layer only (σ left out of the last layer, say) is named with
/// its layer.
///
/// ```
/// use backprop_lab::exercises::check_forward;
/// let r = check_forward(|ws, bs, x| {
///     let mut a = x.clone();
///     for (w, b) in ws.iter().zip(bs) {
///         a = (w.dot(&a) + b).mapv(backprop_lab::dense::sigmoid);
///     }
///     a
/// });
/// assert!(r.is_right());
/// // σ left out of the output layer:
/// let r = check_forward(|ws, bs, x| {
///     let mut a = x.clone();
///     for (l, (w, b)) in ws.iter().zip(bs).enumerate() {
///         a = w.dot(&a) + b;
///         if l + 1 < ws.len() {
///             a = a.mapv(backprop_lab::dense::sigmoid);
///         }
///     }
///     a
/// });
/// assert_eq!(r.mistake(), Some("forgot the activation (σ) in σ(Wa + b) (layer 3)"));
/// ```
pub fn check_forward(
    learner: impl Fn(&[Array2<f64>], &[Array2<f64>], &Array2<f64>) -> Array2<f64>,
) -> CheckReport {
    let cases: Vec<CaseSpec<ForwardCase>> = networks()
        .into_iter()
        .map(|(label, net)| {
            let x = inputs(net.input_dim(), 1).reversed_axes();
            let input = format!(
                "sizes {:?}, x = {}",
                net.sizes(),
                list(&x.iter().copied().collect::<Vec<_>>())
            );
            let mut spec = CaseSpec::new(label, input, (net, x));
            spec.shapes = shapes(&spec.data.0, &spec.data.1, false);
            spec
        })
        .collect();
    judge_forward(
        "forward",
        "the output column aᴸ for one example: aˡ = σ(Wˡ aˡ⁻¹ + bˡ) layer by layer, from a⁰ = x",
        &ONE,
        &cases,
        learner,
    )
}

/// Checks a batched forward pass, `feedforward_batch(weights, biases, X) -> A^L`:
/// `X` holds one example per row, `(N, d)`, and the result one per column,
/// `(outputs, N)` — the walkthrough's shapes, `A^0 = Xᵀ`. The batch sizes
/// vary, and some equal a layer's width, so that a bias added along the wrong
/// axis or an X left untransposed still runs and shows in the numbers.
///
/// ```
/// use backprop_lab::exercises::check_feedforward_batch;
/// let r = check_feedforward_batch(|ws, bs, x| {
///     let mut a = x.t().to_owned();
///     for (w, b) in ws.iter().zip(bs) {
///         a = (w.dot(&a) + b).mapv(backprop_lab::dense::sigmoid);
///     }
///     a
/// });
/// assert!(r.is_right());
/// ```
pub fn check_feedforward_batch(
    learner: impl Fn(&[Array2<f64>], &[Array2<f64>], &Array2<f64>) -> Array2<f64>,
) -> CheckReport {
    let sizes: [usize; NETWORKS] = [2, 5, 2, 3, 3, 4, 2];
    let cases: Vec<CaseSpec<ForwardCase>> = networks()
        .into_iter()
        .zip(sizes)
        .map(|((label, net), n)| {
            let x = inputs(net.input_dim(), n);
            let input = format!("sizes {:?}, X of shape ({n}, {})", net.sizes(), x.ncols());
            let mut spec = CaseSpec::new(label, input, (net, x));
            spec.shapes = shapes(&spec.data.0, &spec.data.1, true);
            spec
        })
        .collect();
    judge_forward(
        "feedforward_batch",
        "Aᴸ for the whole batch, one column per example: A⁰ = Xᵀ, then Aˡ = σ(Wˡ Aˡ⁻¹ + bˡ) layer by layer",
        &BATCH,
        &cases,
        learner,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A learner's forward pass over the columns of `a`, with σ left out of
    /// the layers in `no_sigma` (counting from 1).
    fn columns(
        ws: &[Array2<f64>],
        bs: &[Array2<f64>],
        mut a: Array2<f64>,
        no_sigma: &[usize],
    ) -> Array2<f64> {
        for (l, (w, b)) in ws.iter().zip(bs).enumerate() {
            a = w.dot(&a) + b;
            if !no_sigma.contains(&(l + 1)) {
                a = a.mapv(sigmoid);
            }
        }
        a
    }

    #[test]
    fn a_slip_in_one_layer_is_named_with_its_layer() {
        let r = check_forward(|ws, bs, x| columns(ws, bs, x.clone(), &[2]));
        assert_eq!(
            r.mistake(),
            Some("forgot the activation (σ) in σ(Wa + b) (layer 2)"),
            "{r}"
        );
        let r = check_feedforward_batch(|ws, bs, x| columns(ws, bs, x.t().to_owned(), &[3]));
        assert_eq!(
            r.mistake(),
            Some("forgot the activation (σ) in σ(WA + b) (layer 3)"),
            "{r}"
        );
    }

    #[test]
    fn batch_shape_mistakes_are_named() {
        // The bias as a 1-D array broadcasts along the examples, and panics
        // where the batch size differs from the layer's width.
        let r = check_feedforward_batch(|ws, bs, x| {
            let mut a = x.t().to_owned();
            for (w, b) in ws.iter().zip(bs) {
                a = (w.dot(&a) + b.column(0)).mapv(sigmoid);
            }
            a
        });
        assert_eq!(
            r.mistake(),
            Some("bias added along the wrong axis everywhere (WA + b (layer 1), WA + b (layer 2) and WA + b (layer 3))"),
            "{r}"
        );
        // F = XW + b carried over from numpy habits: rows as examples, W as it is.
        let r = check_feedforward_batch(|ws, bs, x| {
            let mut a = x.clone();
            for (w, b) in ws.iter().zip(bs) {
                a = (a.dot(w) + b.t()).mapv(sigmoid);
            }
            a
        });
        assert_eq!(
            r.mistake(),
            Some("examples in rows, not columns (transposed Aᴸ) in Aᴸ; and transposed W everywhere (WA (layer 1), WA (layer 2) and WA (layer 3))"),
            "{r}"
        );
        // Rows as examples done right, but returned as rows.
        let r = check_feedforward_batch(|ws, bs, x| {
            let mut a = x.clone();
            for (w, b) in ws.iter().zip(bs) {
                a = (a.dot(&w.t()) + b.t()).mapv(sigmoid);
            }
            a
        });
        assert_eq!(
            r.mistake(),
            Some("examples in rows, not columns (transposed Aᴸ) in Aᴸ"),
            "{r}"
        );
        // The rows-as-examples result reshaped, not transposed: right where
        // there is one output, scrambled where there are several.
        let r = check_feedforward_batch(|ws, bs, x| {
            let mut a = x.clone();
            for (w, b) in ws.iter().zip(bs) {
                a = (a.dot(&w.t()) + b.t()).mapv(sigmoid);
            }
            let (n, out) = a.dim();
            a.into_shape_with_order((out, n)).expect("the same length")
        });
        assert_eq!(
            r.mistake(),
            Some("reshaped instead of transposed in Aᴸ"),
            "{r}"
        );
        // Xᵀ forgotten: runs only where the batch size equals the inputs.
        let r = check_feedforward_batch(|ws, bs, x| columns(ws, bs, x.clone(), &[]));
        assert_eq!(r.mistake(), Some("X not transposed in A⁰ = Xᵀ"), "{r}");
    }

    #[test]
    fn a_sigmoid_with_the_wrong_sign_is_named() {
        let r = check_forward(|ws, bs, x| {
            let mut a = x.clone();
            for (w, b) in ws.iter().zip(bs) {
                a = (w.dot(&a) + b).mapv(|z| 1.0 / (1.0 + z.exp()));
            }
            a
        });
        assert_eq!(
            r.mistake(),
            Some("σ(−z) instead of σ(z) (1/(1 + e^z)) everywhere (σ(Wa + b) (layer 1), σ(Wa + b) (layer 2) and σ(Wa + b) (layer 3))"),
            "{r}"
        );
    }

    #[test]
    fn a_skipped_layer_is_off_by_one() {
        let r = check_forward(|ws, bs, x| {
            columns(&ws[..ws.len() - 1], &bs[..bs.len() - 1], x.clone(), &[])
        });
        assert_eq!(
            r.mistake(),
            Some("off-by-one layer (a layer left out) in the loop over layers (layer 3)"),
            "{r}"
        );
    }
}
