//! Lab 08's one-product-per-layer form: one layer's gradients summed over a
//! batch in one matrix product each,
//!
//! `∂C/∂Wˡ = Δˡ (Aˡ⁻¹)ᵀ`, `∂C/∂bˡ = Δˡ·𝟏`,
//!
//! with `Δˡ` the `(n_l, N)` errors and `Aˡ⁻¹` the `(n_{l−1}, N)` activations
//! of the layer before, one example per column.
//!
//! The model computes the weight gradient as one of the products a learner
//! may write instead (`Δ·A`, `A·Δᵀ`, `Δᵀ·A`, `Δ ⊙ A`, or the last example's
//! outer product alone), and the bias gradient as one of the sums (none, the
//! first example, over the neurons, as a row, everything in every entry);
//! either may be scaled by a constant: `1/N` (a mean), notebook 06's
//! `η = 0.01`, `1/50` (the walkthrough's batch size) or notebook 05's factor 2.
//! A product whose shapes do not fit is where the learner's code panics.

use ndarray::{Array2, Axis};

use super::model::{Part, Place, Shaped, Slip, Slips};
use super::report::{judge, list, CaseSpec, CheckReport, Exercise, Mistake, NOT_MODELLED};
use crate::dense::{make_circles, Activation, Init, Network};
use crate::io::random::{normal_scalar, seeded_rng};

static NOT_T: Mistake = Mistake {
    name: "A not transposed (Δ·A)",
    hint: "Δ is (n_l × N) and A is (n_{l−1} × N): the examples' axis N must meet N, so the product is Δ·Aᵀ, delta.dot(&a_prev.t())",
};
static SWAPPED: Mistake = Mistake {
    name: "Δ and A swapped (A·Δᵀ, the transpose of ∂C/∂W)",
    hint: "∂C/∂W has the shape of W, (n_l × n_{l−1}): Δ, whose rows are this layer's neurons, comes first: Δ·Aᵀ",
};
static DELTA_T: Mistake = Mistake {
    name: "Δ transposed instead of A (Δᵀ·A)",
    hint: "the transpose belongs on A: Δ·Aᵀ, (n_l × N)(N × n_{l−1})",
};
static HADAMARD: Mistake = Mistake {
    name: "⊙ (entry by entry) instead of the matrix product",
    hint: "BP1 and BP2 multiply entry by entry, BP4 does not: Σ_n δ_n a_nᵀ is the matrix product Δ·Aᵀ, delta.dot(&a_prev.t())",
};
static LAST_ONLY: Mistake = Mistake {
    name: "only the last example counted (= instead of +=)",
    hint: "every example adds its outer product δ_n a_nᵀ; assigning keeps only the last one. The product Δ·Aᵀ adds them all",
};
static NOT_SUMMED: Mistake = Mistake {
    name: "bias not summed over the batch (Δ itself)",
    hint: "∂C/∂b adds each neuron's errors over the N examples: Δ·𝟏, an (n_l × 1) column, delta.sum_axis(Axis(1)) as a column",
};
static FIRST_ONLY: Mistake = Mistake {
    name: "the first example only",
    hint: "notebook 06's δ was one example; here every column of Δ is an example, and the bias gradient adds all N of them",
};
static WRONG_AXIS: Mistake = Mistake {
    name: "summed over the wrong axis (over the neurons)",
    hint: "the rows of Δ are neurons and the columns examples: sum along each row, sum_axis(Axis(1)), not down each column",
};
static ROW: Mistake = Mistake {
    name: "a row instead of a column",
    hint: "b is an (n_l × 1) column, so ∂C/∂b is too: insert the new axis second, insert_axis(Axis(1))",
};
static TOTAL: Mistake = Mistake {
    name: "every entry the total of Δ",
    hint: "each neuron has its own bias: entry j is the sum of row j of Δ, not of all of Δ",
};
static MEAN: Mistake = Mistake {
    name: "mean instead of sum (divided by N)",
    hint:
        "the gradients are summed over the batch (training divides by m once, in the update step)",
};
static ETA: Mistake = Mistake {
    name: "multiplied by η = 0.01 (the update step's learning rate)",
    hint: "η belongs to the update step, W ← W − (η/m)∇W; the gradient itself has no η",
};
static FIFTY: Mistake = Mistake {
    name: "divided by 50 (the walkthrough's batch size)",
    hint: "the gradients are sums over however many examples Δ holds; nothing is divided, least of all by a batch size from elsewhere",
};
static TWO: Mistake = Mistake {
    name: "factor 2 (notebook 05's (a − y)²)",
    hint: "the cost's factors are already inside Δ; ∂C/∂W = Δ·Aᵀ adds no constant",
};

const W_STEP: &str = "the weight gradient ΔAᵀ";
const B_STEP: &str = "the bias gradient Δ·𝟏";
const W_PLACE: Place = Place::step(W_STEP);
const B_PLACE: Place = Place::step(B_STEP);

const PRODUCTS: [&Mistake; 5] = [&NOT_T, &SWAPPED, &DELTA_T, &HADAMARD, &LAST_ONLY];
const SUMS: [&Mistake; 5] = [&NOT_SUMMED, &FIRST_ONLY, &WRONG_AXIS, &ROW, &TOTAL];
const SCALES: [&Mistake; 4] = [&MEAN, &ETA, &FIFTY, &TWO];

const PRODUCT_EQUATIONS: [(&str, &str); 2] = [
    (
        W_STEP,
        "∂C/∂Wˡ = Δˡ (Aˡ⁻¹)ᵀ: (n_l × N)(N × n_{l−1}), the sum over the N examples of δ_n a_nᵀ",
    ),
    (
        B_STEP,
        "∂C/∂bˡ = Δˡ·𝟏: each row of Δˡ summed over the examples, an (n_l × 1) column",
    ),
];

fn product_catalogue() -> Vec<Slip> {
    let mut c: Vec<Slip> = PRODUCTS.iter().map(|k| Slip::new(k, W_PLACE)).collect();
    c.extend(SUMS.iter().map(|k| Slip::new(k, B_PLACE)));
    for k in SCALES {
        c.push(Slip::new(k, W_PLACE));
        c.push(Slip::new(k, B_PLACE));
    }
    c
}

/// `a·b`, or where `dot` panics.
fn dot(a: &Array2<f64>, b: &Array2<f64>) -> Result<Array2<f64>, String> {
    if a.ncols() == b.nrows() {
        Ok(a.dot(b))
    } else {
        Err(format!("{:?} · {:?} does not fit", a.dim(), b.dim()))
    }
}

/// `a * b` entry by entry with ndarray's broadcasting (an axis of length 1
/// stretches), or where it panics.
fn entrywise(a: &Array2<f64>, b: &Array2<f64>) -> Result<Array2<f64>, String> {
    let fit = |p: usize, q: usize| (p == q || p == 1 || q == 1).then(|| p.max(q));
    match (fit(a.nrows(), b.nrows()), fit(a.ncols(), b.ncols())) {
        (Some(r), Some(c)) => {
            let (a, b) = (a.broadcast((r, c)), b.broadcast((r, c)));
            match (a, b) {
                (Some(a), Some(b)) => Ok(&a * &b),
                _ => Err("no broadcast".into()),
            }
        }
        _ => Err(format!("{:?} ⊙ {:?} does not broadcast", a.dim(), b.dim())),
    }
}

/// The one scale switched on at `place`, with how many terms a mean divides
/// by; `None` when two scales are switched on there.
fn scale(s: Slips, place: Place, terms: usize) -> Option<f64> {
    let on: Vec<&&Mistake> = SCALES.iter().filter(|k| s.at(k, place)).collect();
    match on.as_slice() {
        [] => Some(1.0),
        [k] if std::ptr::eq(**k, &MEAN) => Some(1.0 / terms as f64),
        [k] if std::ptr::eq(**k, &ETA) => Some(0.01),
        [k] if std::ptr::eq(**k, &FIFTY) => Some(1.0 / 50.0),
        [_] => Some(2.0),
        _ => None,
    }
}

fn weight_model(c: &ProductCase, s: Slips) -> Result<Array2<f64>, String> {
    let (d, a) = (&c.delta, &c.a_prev);
    let on: Vec<&&Mistake> = PRODUCTS.iter().filter(|k| s.at(k, W_PLACE)).collect();
    let n = d.ncols();
    // A mean divides a sum by its number of terms; a product that sums over
    // no examples has no mean.
    let unsummed = [&DELTA_T, &HADAMARD, &LAST_ONLY];
    if s.at(&MEAN, W_PLACE) && unsummed.iter().any(|k| s.at(k, W_PLACE)) {
        return Err(NOT_MODELLED.into());
    }
    let (w, terms) = match on.as_slice() {
        [] => (dot(d, &a.t().to_owned())?, n),
        [k] if std::ptr::eq(**k, &NOT_T) => (dot(d, a)?, n),
        [k] if std::ptr::eq(**k, &SWAPPED) => (dot(a, &d.t().to_owned())?, n),
        [k] if std::ptr::eq(**k, &DELTA_T) => (dot(&d.t().to_owned(), a)?, 0),
        [k] if std::ptr::eq(**k, &HADAMARD) => (entrywise(d, a)?, 0),
        [_] => {
            let last = |m: &Array2<f64>| m.column(n - 1).to_owned().insert_axis(Axis(1));
            (last(d).dot(&last(a).t()), 0)
        }
        _ => return Err(NOT_MODELLED.into()),
    };
    let k = scale(s, W_PLACE, terms).ok_or(NOT_MODELLED)?;
    Ok(w * k)
}

fn bias_model(c: &ProductCase, s: Slips) -> Result<Array2<f64>, String> {
    let d = &c.delta;
    let on: Vec<&&Mistake> = SUMS.iter().filter(|k| s.at(k, B_PLACE)).collect();
    let unsummed = [&NOT_SUMMED, &FIRST_ONLY, &TOTAL];
    if s.at(&MEAN, B_PLACE) && unsummed.iter().any(|k| s.at(k, B_PLACE)) {
        return Err(NOT_MODELLED.into());
    }
    let rows = d.sum_axis(Axis(1));
    let (b, terms) = match on.as_slice() {
        [] => (rows.insert_axis(Axis(1)), d.ncols()),
        [k] if std::ptr::eq(**k, &NOT_SUMMED) => (d.clone(), 0),
        [k] if std::ptr::eq(**k, &FIRST_ONLY) => (d.column(0).to_owned().insert_axis(Axis(1)), 0),
        [k] if std::ptr::eq(**k, &WRONG_AXIS) => {
            (d.sum_axis(Axis(0)).insert_axis(Axis(1)), d.nrows())
        }
        [k] if std::ptr::eq(**k, &ROW) => (rows.insert_axis(Axis(0)), d.ncols()),
        [_] => (Array2::from_elem((d.nrows(), 1), d.sum()), 0),
        _ => return Err(NOT_MODELLED.into()),
    };
    let k = scale(s, B_PLACE, terms).ok_or(NOT_MODELLED)?;
    Ok(b * k)
}

fn product_model(c: &ProductCase, s: Slips) -> Result<Vec<Part>, String> {
    let w = weight_model(c, s)?;
    let b = bias_model(c, s)?;
    Ok(vec![
        Part::matrix("∂C/∂W", W_STEP, &w),
        Part::matrix("∂C/∂b", B_STEP, &b),
    ])
}

/// One case: a layer's errors `Δ` and the previous layer's activations `A`.
pub(crate) struct ProductCase {
    delta: Array2<f64>,
    a_prev: Array2<f64>,
}

/// `Δ³` with `A²`, and `Δ¹` with `A⁰ = Xᵀ`, of the walkthrough's `[2, 3, 3, 1]`
/// network (notebook 08's `net`) on the first four circles, by BP1 and BP2 in
/// matrix form.
fn lab_layers() -> [(Array2<f64>, Array2<f64>); 2] {
    let (x, y) = make_circles(1000, 0.3, 0.1, 0).expect("the lab's data");
    let net = Network::random_per_layer(
        &[2, 3, 3, 1],
        Activation::Sigmoid,
        &[Init::Uniform, Init::Uniform, Init::Normal],
        &[Init::Uniform; 3],
        0,
    )
    .expect("the lab's network");
    let (x, y) = (x.slice(ndarray::s![..4, ..]), y.slice(ndarray::s![..4, ..]));
    let a = net
        .feedforward_batch(&x)
        .expect("the lab's sizes")
        .activations;
    let prime = |m: &Array2<f64>| m.mapv(|v| v * (1.0 - v));
    let d3 = (&a[3] - &y.t()) * prime(&a[3]);
    let w = net.weights();
    let d2 = w[2].t().dot(&d3) * prime(&a[2]);
    let d1 = w[1].t().dot(&d2) * prime(&a[1]);
    [(d3, a[2].clone()), (d1, a[0].clone())]
}

/// The lab's two layers, then seeded random ones `(n_l, n_{l−1}, N)`: `N`
/// equal to `n_{l−1}` (where `Δ·A` fits), square layers (where `Δᵀ·A` and
/// `Δ ⊙ A` fit), a batch of one (where a mean is the sum), `N` equal to `n_l`
/// (where the sum over the neurons has the right shape), and others.
fn product_cases() -> Vec<CaseSpec<ProductCase>> {
    let [(d3, a2), (d1, a0)] = lab_layers();
    let mut setups = vec![
        ("the lab's (layer 3)".to_string(), d3, a2),
        ("the lab's (layer 1)".to_string(), d1, a0),
    ];
    let mut rng = seeded_rng(8_100);
    let shapes = [
        (2, 3, 3),
        (3, 3, 3),
        (2, 4, 1),
        (4, 2, 5),
        (2, 2, 4),
        (3, 5, 3),
    ];
    for (i, &(nl, nk, n)) in shapes.iter().enumerate() {
        let mut draw = |r: usize, c: usize| {
            Array2::from_shape_fn((r, c), |_| {
                (100.0 * normal_scalar(&mut rng)).round() / 100.0
            })
        };
        let d = draw(nl, n);
        let a = draw(nk, n);
        setups.push((format!("random #{}", i + 1), d, a));
    }
    setups
        .into_iter()
        .map(|(label, delta, a_prev)| {
            let input = format!(
                "Δ {:?} = {}, A {:?} = {}",
                delta.dim(),
                list(&delta.iter().copied().collect::<Vec<_>>()),
                a_prev.dim(),
                list(&a_prev.iter().copied().collect::<Vec<_>>()),
            );
            let shapes = vec![
                ("Δ".to_string(), delta.dim()),
                ("A".to_string(), a_prev.dim()),
                ("∂C/∂W".to_string(), (delta.nrows(), a_prev.nrows())),
                ("∂C/∂b".to_string(), (delta.nrows(), 1)),
            ];
            let mut spec = CaseSpec::new(label, input, ProductCase { delta, a_prev });
            spec.shapes = shapes;
            spec
        })
        .collect()
}

/// Checks `layer_gradients(delta, a_prev)`, one layer's gradients summed over
/// a batch with one matrix product each: `∂C/∂Wˡ = Δˡ (Aˡ⁻¹)ᵀ` of shape
/// `(n_l, n_{l−1})` and `∂C/∂bˡ = Δˡ·𝟏` of shape `(n_l, 1)`, where `delta` is
/// the `(n_l, N)` matrix of the examples' errors and `a_prev` the
/// `(n_{l−1}, N)` activations of the layer before, one example per column.
/// Eight cases: two layers of notebook 08's network on four circles, then
/// seeded random ones whose sizes separate the products a learner may write
/// instead (a batch of one among them).
///
/// ```
/// use backprop_lab::exercises::check_product_gradients;
/// use backprop_lab::ndarray::Axis;
/// let r = check_product_gradients(|delta, a_prev| {
///     (delta.dot(&a_prev.t()), delta.sum_axis(Axis(1)).insert_axis(Axis(1)))
/// });
/// assert!(r.is_right());
/// // The factors the wrong way round: the transpose of ∂C/∂W.
/// let r = check_product_gradients(|delta, a_prev| {
///     (a_prev.dot(&delta.t()), delta.sum_axis(Axis(1)).insert_axis(Axis(1)))
/// });
/// assert!(r.mistake().unwrap().starts_with("Δ and A swapped"));
/// ```
pub fn check_product_gradients(
    layer_gradients: impl Fn(&Array2<f64>, &Array2<f64>) -> (Array2<f64>, Array2<f64>),
) -> CheckReport {
    let cases = product_cases();
    let catalogue = product_catalogue();
    let ex = Exercise {
        name: "layer_gradients",
        task: "one layer's gradients summed over the batch, each in one product: ∂C/∂W = Δ·Aᵀ (n_l × n_{l−1}) and ∂C/∂b = Δ·𝟏 (n_l × 1)",
        cases: &cases,
        catalogue: &catalogue,
        model: &product_model,
        equations: &PRODUCT_EQUATIONS,
    };
    judge(&ex, |c| {
        let (w, b) = layer_gradients(&c.delta, &c.a_prev);
        vec![Shaped::matrix(&w), Shaped::matrix(&b)]
    })
}
