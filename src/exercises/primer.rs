//! The Rust primer's two exercises (notebook 0): filling a matrix entry by
//! entry, `w[[j, k]] = δ[j]·a[k]` in two loops, and one elementwise
//! expression, `e = (a − y) ⊙ a ⊙ (1 − a)`, with `mapv` and `&a − &b`.
//!
//! The first model fills the matrix as a learner's loops do, each loop with
//! its own range and the entry with its own formula, and fails where their
//! indexing would go out of bounds. The second computes the difference, the
//! factor `a(1 − a)` and their product, each with the slips a learner makes
//! in it.

use ndarray::Array2;

use super::model::{Part, Place, Shaped, Slip, Slips};
use super::report::{judge, list, CaseSpec, CheckReport, Exercise, Mistake, NOT_MODELLED};
use crate::io::random::{normal_scalar, seeded_rng, uniform_in};

static SWAPPED: Mistake = Mistake {
    name: "δ and a swapped: δ[k]·a[j]",
    hint: "row j belongs to δ[j] and column k to a[k]: w[[j, k]] = delta[j] * a[k] (swapped, the indices run past the shorter slice unless both have one length)",
};
static ADDED: Mistake = Mistake {
    name: "added, not multiplied",
    hint: "each entry is a product, delta[j] * a[k]",
};
static FORGOT_A: Mistake = Mistake {
    name: "forgot a[k]",
    hint: "each entry is delta[j] times a[k]; with δ[j] alone every column is the same",
};
static A_BY_J: Mistake = Mistake {
    name: "a indexed by j: a[j] where a[k] belongs",
    hint: "j counts rows (δ's entries) and k columns (a's entries): the factor from a is a[k]",
};
static FROM_ONE: Mistake = Mistake {
    name: "the loop starts at 1",
    hint: "Rust counts from 0: for j in 0..delta.len(), so row 0 (and column 0) are filled too",
};
static ONE_SHORT: Mistake = Mistake {
    name: "the loop stops one short",
    hint: "a range 0..n already stops before n: for k in 0..a.len() visits every column, 0..a.len() - 1 misses the last",
};
static NROWS_FOR_K: Mistake = Mistake {
    name: "k runs to w.nrows(), not w.ncols()",
    hint: "k counts the columns: for k in 0..w.ncols() (a.len()); nrows() is the number of rows, δ's length",
};
static TRANSPOSE: Mistake = Mistake {
    name: "the transpose: a along the rows",
    hint: "w has one row per entry of δ and one column per entry of a: Array2::zeros((delta.len(), a.len())), then w[[j, k]]",
};

const ENTRY: Place = Place::step("the entry w[[j, k]]");
const LOOP_J: Place = Place::step("the loop over j");
const LOOP_K: Place = Place::step("the loop over k");
const RETURNED: Place = Place::step("the returned matrix");

const OUTER_CATALOGUE: [Slip; 10] = [
    Slip::new(&SWAPPED, ENTRY),
    Slip::new(&ADDED, ENTRY),
    Slip::new(&FORGOT_A, ENTRY),
    Slip::new(&A_BY_J, ENTRY),
    Slip::new(&FROM_ONE, LOOP_J),
    Slip::new(&FROM_ONE, LOOP_K),
    Slip::new(&ONE_SHORT, LOOP_J),
    Slip::new(&ONE_SHORT, LOOP_K),
    Slip::new(&NROWS_FOR_K, LOOP_K),
    Slip::new(&TRANSPOSE, RETURNED),
];

const OUTER_EQUATIONS: [(&str, &str); 3] = [
    ("the entry w[[j, k]]", "w[[j, k]] = δ[j] · a[k]"),
    (
        "the loop over j",
        "j = 0, 1, …, δ.len() − 1, i.e. 0..w.nrows()",
    ),
    (
        "the loop over k",
        "k = 0, 1, …, a.len() − 1, i.e. 0..w.ncols()",
    ),
];

/// One entry with the entry's slips; `None` where an index is out of bounds.
fn outer_entry(delta: &[f64], a: &[f64], j: usize, k: usize, s: Slips) -> Option<f64> {
    let (d, x) = if s.at(&SWAPPED, ENTRY) {
        (*delta.get(k)?, *a.get(j)?)
    } else if s.at(&A_BY_J, ENTRY) {
        (*delta.get(j)?, *a.get(j)?)
    } else {
        (*delta.get(j)?, *a.get(k)?)
    };
    Some(if s.at(&FORGOT_A, ENTRY) {
        d
    } else if s.at(&ADDED, ENTRY) {
        d + x
    } else {
        d * x
    })
}

fn outer_model((delta, a): &(Vec<f64>, Vec<f64>), s: Slips) -> Result<Vec<Part>, String> {
    let entry_slips = [&SWAPPED, &A_BY_J, &FORGOT_A, &ADDED]
        .iter()
        .filter(|m| s.at(m, ENTRY))
        .count();
    // Two slips replacing the same factor, or an entry that is no formula.
    let clash = (s.at(&SWAPPED, ENTRY) && s.at(&A_BY_J, ENTRY))
        || (s.at(&FORGOT_A, ENTRY) && entry_slips > 1)
        || (s.at(&NROWS_FOR_K, LOOP_K) && s.at(&ONE_SHORT, LOOP_K));
    if clash {
        return Err(NOT_MODELLED.into());
    }
    let (n, m) = (delta.len(), a.len());
    let k_len = if s.at(&NROWS_FOR_K, LOOP_K) { n } else { m };
    let start = |p: Place| usize::from(s.at(&FROM_ONE, p));
    let end = |p: Place, len: usize| len.saturating_sub(usize::from(s.at(&ONE_SHORT, p)));
    let mut w = Array2::zeros((n, m));
    for j in start(LOOP_J)..end(LOOP_J, n) {
        for k in start(LOOP_K)..end(LOOP_K, k_len) {
            let v = outer_entry(delta, a, j, k, s).ok_or("index out of bounds")?;
            *w.get_mut((j, k)).ok_or("index out of bounds")? = v;
        }
    }
    if s.at(&TRANSPOSE, RETURNED) {
        w = w.t().to_owned();
    }
    Ok(vec![Part::matrix("w", ENTRY.label(), &w)])
}

/// Rounded to two decimals, so that the cases read well.
fn draw(rng: &mut crate::io::random::SeededRng, len: usize) -> Vec<f64> {
    (0..len)
        .map(|_| (100.0 * normal_scalar(rng)).round() / 100.0)
        .collect()
}

/// The notebook's case (δ of length 3, a of length 2, easy numbers), a
/// square one (where swapped indices do not go out of bounds), a single row
/// and a single column, then seeded random ones of both orientations.
fn outer_cases() -> Vec<CaseSpec<(Vec<f64>, Vec<f64>)>> {
    let mut setups: Vec<(String, Vec<f64>, Vec<f64>)> = vec![
        (
            "the notebook's".into(),
            vec![1.0, 2.0, 3.0],
            vec![10.0, 20.0],
        ),
        ("a square one".into(), vec![0.5, -1.0], vec![2.0, 3.0]),
        ("one row".into(), vec![2.0], vec![1.0, -1.0, 0.5]),
        ("one column".into(), vec![1.0, 2.0, -3.0, 4.0], vec![-2.0]),
    ];
    let mut rng = seeded_rng(40);
    for (i, (n, m)) in [(3, 4), (5, 2), (4, 4)].into_iter().enumerate() {
        let (d, a) = (draw(&mut rng, n), draw(&mut rng, m));
        setups.push((format!("random #{}", i + 1), d, a));
    }
    setups
        .into_iter()
        .map(|(label, d, a)| {
            let input = format!("delta = {}, a = {}", list(&d), list(&a));
            let mut spec = CaseSpec::new(label, input, (d.clone(), a.clone()));
            spec.shapes.push(("w".into(), (d.len(), a.len())));
            spec
        })
        .collect()
}

/// Checks `outer_loop(delta, a) -> w`: the matrix with one row per entry of
/// `delta` and one column per entry of `a`, filled entry by entry,
/// `w[[j, k]] = delta[j] * a[k]` (notebook 06 fills `∂C/∂W` this way). The
/// notebook's case, `delta = [1, 2, 3]` and `a = [10, 20]`, a square case, a
/// single row, a single column and three seeded random ones.
///
/// ```
/// use backprop_lab::{exercises::check_outer_loop, ndarray::Array2};
/// let r = check_outer_loop(|delta, a| {
///     let mut w = Array2::zeros((delta.len(), a.len()));
///     for j in 0..w.nrows() {
///         for k in 0..w.ncols() {
///             w[[j, k]] = delta[j] * a[k];
///         }
///     }
///     w
/// });
/// assert!(r.is_right());
/// // Counting from 1, as the maths does: row 0 and column 0 stay 0.
/// let r = check_outer_loop(|delta, a| {
///     let mut w = Array2::zeros((delta.len(), a.len()));
///     for j in 1..delta.len() {
///         for k in 1..a.len() {
///             w[[j, k]] = delta[j] * a[k];
///         }
///     }
///     w
/// });
/// assert!(r.mistake().unwrap().starts_with("the loop starts at 1"));
/// ```
pub fn check_outer_loop(learner: impl Fn(&[f64], &[f64]) -> Array2<f64>) -> CheckReport {
    let cases = outer_cases();
    let ex = Exercise {
        name: "outer_loop",
        task: "outer_loop: w = Array2::zeros((delta.len(), a.len())), filled in two loops with w[[j, k]] = delta[j] * a[k], j over the rows and k over the columns",
        cases: &cases,
        catalogue: &OUTER_CATALOGUE,
        model: &outer_model,
        equations: &OUTER_EQUATIONS,
    };
    judge(&ex, |(d, a)| vec![Shaped::matrix(&learner(d, a))])
}

static SIGN: Mistake = Mistake {
    name: "sign flipped: y − a",
    hint: "the difference is a − y, the output minus the target",
};
static FORGOT_Y: Mistake = Mistake {
    name: "forgot to subtract y",
    hint: "the first factor is a − y: &a - &y, or a - y for two references",
};
static NO_FACTOR: Mistake = Mistake {
    name: "forgot the factor a(1 − a)",
    hint: "multiply the difference elementwise by a.mapv(|v| v * (1.0 - v))",
};
static ONE_MINUS_ONLY: Mistake = Mistake {
    name: "a(1 − a) written as (1 − a)",
    hint: "the factor is a times (1 − a): a.mapv(|v| v * (1.0 - v))",
};
static A_ONLY: Mistake = Mistake {
    name: "a(1 − a) written as a",
    hint: "the factor is a times (1 − a), not a alone: a.mapv(|v| v * (1.0 - v))",
};
static BRACKETS: Mistake = Mistake {
    name: "brackets missing: v * 1.0 - v, which is 0",
    hint: "multiplication binds tighter than subtraction: write v * (1.0 - v)",
};
static FACTOR_OF_DIFF: Mistake = Mistake {
    name: "the factor taken of a − y, not of a",
    hint: "a(1 − a) uses the activations a themselves: a.mapv(...), not the difference's mapv",
};
static DOT: Mistake = Mistake {
    name: "a matrix product .dot() where the product is elementwise",
    hint: "⊙ multiplies entry by entry: `*` between two arrays of one shape; .dot() is the matrix product (and panics unless the columns of one match the rows of the other)",
};

const DIFF: Place = Place::step("the difference a − y");
const FACTOR: Place = Place::step("the factor a(1 − a)");
const PRODUCT: Place = Place::step("the product ⊙");

const ELEMENTWISE_CATALOGUE: [Slip; 8] = [
    Slip::new(&SIGN, DIFF),
    Slip::new(&FORGOT_Y, DIFF),
    Slip::new(&NO_FACTOR, FACTOR),
    Slip::new(&ONE_MINUS_ONLY, FACTOR),
    Slip::new(&A_ONLY, FACTOR),
    Slip::new(&BRACKETS, FACTOR),
    Slip::new(&FACTOR_OF_DIFF, FACTOR),
    Slip::new(&DOT, PRODUCT),
];

const ELEMENTWISE_EQUATIONS: [(&str, &str); 3] = [
    ("the difference a − y", "d = a − y, entry by entry"),
    (
        "the factor a(1 − a)",
        "s = a ⊙ (1 − a), i.e. a.mapv(|v| v * (1.0 - v))",
    ),
    (
        "the product ⊙",
        "e = d ⊙ s, entry by entry (`*`, not .dot())",
    ),
];

fn elementwise_model((a, y): &(Array2<f64>, Array2<f64>), s: Slips) -> Result<Vec<Part>, String> {
    let forms = [&NO_FACTOR, &ONE_MINUS_ONLY, &A_ONLY, &BRACKETS];
    let chosen: Vec<_> = forms.iter().filter(|m| s.at(m, FACTOR)).collect();
    let clash = chosen.len() > 1
        || (s.at(&SIGN, DIFF) && s.at(&FORGOT_Y, DIFF))
        || (s.at(&NO_FACTOR, FACTOR) && s.at(&FACTOR_OF_DIFF, FACTOR));
    if clash {
        return Err(NOT_MODELLED.into());
    }
    let d = if s.at(&FORGOT_Y, DIFF) {
        a.clone()
    } else if s.at(&SIGN, DIFF) {
        y - a
    } else {
        a - y
    };
    let of = if s.at(&FACTOR_OF_DIFF, FACTOR) { &d } else { a };
    let factor = match chosen.first() {
        Some(m) if std::ptr::eq(**m, &NO_FACTOR) => of.mapv(|_| 1.0),
        Some(m) if std::ptr::eq(**m, &ONE_MINUS_ONLY) => of.mapv(|v| 1.0 - v),
        Some(m) if std::ptr::eq(**m, &A_ONLY) => of.clone(),
        Some(_) => of.mapv(|v| v * 1.0 - v),
        None => of.mapv(|v| v * (1.0 - v)),
    };
    let e = if s.at(&DOT, PRODUCT) {
        if d.ncols() != factor.nrows() {
            return Err("inputs have incompatible shapes for .dot()".into());
        }
        d.dot(&factor)
    } else {
        &d * &factor
    };
    Ok(vec![Part::matrix("e", PRODUCT.label(), &e)])
}

/// The notebook's case (a 2 × 3 matrix), a square one (where `.dot()` does
/// not panic), a column, a row, then seeded random ones with activations in
/// (0, 1) and targets anywhere in [0, 1].
fn elementwise_cases() -> Vec<CaseSpec<(Array2<f64>, Array2<f64>)>> {
    let m = |r: usize, c: usize, v: &[f64]| {
        Array2::from_shape_vec((r, c), v.to_vec()).expect("the case's shape")
    };
    let mut setups: Vec<(String, Array2<f64>, Array2<f64>)> = vec![
        (
            "the notebook's".into(),
            m(2, 3, &[0.5, 0.8, 0.1, 0.9, 0.3, 0.6]),
            m(2, 3, &[1.0, 0.0, 0.0, 0.0, 1.0, 1.0]),
        ),
        (
            "a square one".into(),
            m(2, 2, &[0.2, 0.7, 0.4, 0.95]),
            m(2, 2, &[0.0, 1.0, 1.0, 0.0]),
        ),
        (
            "a column".into(),
            m(3, 1, &[0.25, 0.6, 0.9]),
            m(3, 1, &[1.0, 0.0, 1.0]),
        ),
        (
            "a row".into(),
            m(1, 4, &[0.3, 0.45, 0.7, 0.15]),
            m(1, 4, &[0.0, 0.0, 1.0, 1.0]),
        ),
    ];
    let mut rng = seeded_rng(41);
    for (i, (r, c)) in [(3, 4), (4, 2), (3, 3)].into_iter().enumerate() {
        let mut draw = |lo: f64, hi: f64| {
            Array2::from_shape_fn((r, c), |_| {
                (100.0 * uniform_in(&mut rng, lo, hi)).round() / 100.0
            })
        };
        let a = draw(0.01, 0.99);
        let y = draw(0.0, 1.0);
        setups.push((format!("random #{}", i + 1), a, y));
    }
    setups
        .into_iter()
        .map(|(label, a, y)| {
            let flat = |x: &Array2<f64>| x.iter().copied().collect::<Vec<_>>();
            let input = format!(
                "a ({} × {}) = {}, y = {}",
                a.nrows(),
                a.ncols(),
                list(&flat(&a)),
                list(&flat(&y))
            );
            let mut spec = CaseSpec::new(label, input, (a.clone(), y.clone()));
            spec.shapes.push(("a".into(), a.dim()));
            spec.shapes.push(("y".into(), y.dim()));
            spec
        })
        .collect()
}

/// Checks `elementwise(a, y) -> e`: `e = (a − y) ⊙ a ⊙ (1 − a)`, entry by
/// entry, for matrices `a` and `y` of one shape (notebook 05 meets it as the
/// output error of a sigmoid layer). The notebook's 2 × 3 case, a square one,
/// a column, a row and three seeded random ones.
///
/// ```
/// use backprop_lab::exercises::check_elementwise;
/// let r = check_elementwise(|a, y| (a - y) * a.mapv(|v| v * (1.0 - v)));
/// assert!(r.is_right());
/// // The matrix product where the product is entry by entry.
/// let r = check_elementwise(|a, y| (a - y).dot(&a.mapv(|v| v * (1.0 - v))));
/// assert!(r.mistake().unwrap().contains(".dot()"));
/// ```
pub fn check_elementwise(
    learner: impl Fn(&Array2<f64>, &Array2<f64>) -> Array2<f64>,
) -> CheckReport {
    let cases = elementwise_cases();
    let ex = Exercise {
        name: "elementwise",
        task: "elementwise: (a − y) ⊙ a ⊙ (1 − a), entry by entry, with a - y for the difference, a.mapv(...) for a(1 − a) and `*` for ⊙",
        cases: &cases,
        catalogue: &ELEMENTWISE_CATALOGUE,
        model: &elementwise_model,
        equations: &ELEMENTWISE_EQUATIONS,
    };
    judge(&ex, |(a, y)| vec![Shaped::matrix(&learner(a, y))])
}
