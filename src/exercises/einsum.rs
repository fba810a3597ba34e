//! Lab 08's einsum exercises: subscripts for given loops, and loops for given
//! subscripts.
//!
//! The subscripts exercise has four places, one per loop nest: a slip in one
//! string leaves the other three right, and a swap of two strings is the
//! swap's kind at both places. The loops exercise has the places of
//! one loop nest `out[n,i] += t[n,i,j] · v[n,j]`: the sizes, the output, each
//! read, the product and the sum. Its cases have unequal sizes on every axis,
//! so loops that confuse two axes read past an end (as the learner's code
//! would panic there) or give the wrong shape.

use ndarray::{Array2, Array3, ArrayD};

use super::model::{Part, Place, Shaped, Slip, Slips};
use super::report::{judge, list, CaseSpec, CheckReport, Exercise, Mistake, NOT_MODELLED};
use crate::io::random::{normal, seeded_rng, SeededRng};
use crate::tensor::einsum::{einsum, EinsumOperand};

/// One loop nest of the subscripts exercise.
struct Loops {
    /// The report's step for this nest, e.g. `"subscripts (a)"`.
    step: &'static str,
    /// The output's name, e.g. `"(a) C"`.
    output: &'static str,
    answer: &'static str,
    /// The operand a transposed-operand slip reads the wrong way round.
    transposable: Option<usize>,
    /// Operands whose examples are their first axis, which the
    /// examples-in-columns habit writes the other way round.
    columns_habit: bool,
}

/// The loop nests of the subscripts exercise, in the notebook's order.
const LOOPS: [Loops; 4] = [
    Loops {
        step: "subscripts (a)",
        output: "(a) C",
        answer: "ij,jk->ik",
        transposable: Some(1),
        columns_habit: false,
    },
    Loops {
        step: "subscripts (b)",
        output: "(b) C",
        answer: "nij,njk->nik",
        transposable: Some(1),
        columns_habit: false,
    },
    Loops {
        step: "subscripts (c)",
        output: "(c) G",
        answer: "nj,nk->jk",
        // The matrix-product habit: 'jn,nk->jk', as if D were (J, N).
        transposable: Some(0),
        columns_habit: true,
    },
    Loops {
        step: "subscripts (d)",
        output: "(d) s",
        answer: "ij->j",
        // 'ji->j' sums the rows, which is the wrong axis below.
        transposable: None,
        columns_habit: false,
    },
];

static OUT_TRANSPOSED: Mistake = Mistake {
    name: "output transposed",
    hint: "the letters after -> give the output's axes in order: C[i,k] needs ->ik, not ->ki",
};
static KEPT_SUMMED: Mistake = Mistake {
    name: "kept the summed index",
    hint: "a letter that appears after -> is kept, not summed: leave the summed letter (the one only under Σ) out of the output",
};
static SUMMED_KEPT: Mistake = Mistake {
    name: "summed an index the loops keep",
    hint: "every index of the left-hand side (the output) must appear after ->; a letter left out is summed away",
};
static WRONG_AXIS: Mistake = Mistake {
    name: "summed over the wrong axis",
    hint: "the letter under Σ is the one to leave out after ->; keep the letters of the left-hand side, e.g. s[j] = Σ_i A[i,j] keeps j and sums i: 'ij->j'",
};
static OPERAND_T: Mistake = Mistake {
    name: "an operand transposed",
    hint: "each operand's letters follow its own indices in order: B[j,k] is 'jk' and D[n,j] is 'nj', whatever a matrix product would suggest",
};

static BOTH_T: Mistake = Mistake {
    name: "both operands transposed",
    hint: "here each operand has one row per example, so n is its first letter: D[n,j] is 'nj' and A[n,k] is 'nk', not the examples-in-columns 'jn' and 'kn'",
};
static SWAPPED_STRINGS: Mistake = Mistake {
    name: "strings swapped",
    hint: "return the four strings in the order (a), (b), (c), (d): each string belongs to the loops of its own letter",
};

const OUTPUT_SLIPS: [&Mistake; 4] = [&OUT_TRANSPOSED, &KEPT_SUMMED, &SUMMED_KEPT, &WRONG_AXIS];

fn subscripts_catalogue() -> Vec<Slip> {
    let mut c = Vec::new();
    for loops in &LOOPS {
        let place = Place::step(loops.step);
        let out_len = loops.answer.split("->").nth(1).map_or(0, str::len);
        for kind in OUTPUT_SLIPS {
            if kind != &OUT_TRANSPOSED || out_len >= 2 {
                c.push(Slip::new(kind, place));
            }
        }
        if loops.transposable.is_some() {
            c.push(Slip::new(&OPERAND_T, place));
        }
        if loops.columns_habit {
            c.push(Slip::new(&BOTH_T, place));
        }
        c.push(Slip::new(&SWAPPED_STRINGS, place));
    }
    c
}

/// The subscripts a loop nest's answer becomes with the slips at its place:
/// an operand read the wrong way round, and at most one slip of the output
/// (two slips of the output are not modelled).
fn slipped_spec(loops: &Loops, s: Slips) -> Result<String, String> {
    let place = Place::step(loops.step);
    let (inputs, out) = loops.answer.split_once("->").expect("answers have ->");
    let mut terms: Vec<Vec<char>> = inputs.split(',').map(|t| t.chars().collect()).collect();
    if let (true, Some(k)) = (s.at(&OPERAND_T, place), loops.transposable) {
        if s.at(&BOTH_T, place) {
            return Err(NOT_MODELLED.into());
        }
        let n = terms[k].len();
        terms[k].swap(n - 2, n - 1);
    }
    if loops.columns_habit && s.at(&BOTH_T, place) {
        for t in &mut terms {
            t.reverse();
        }
    }
    let mut letters: Vec<char> = Vec::new();
    for c in terms.iter().flatten() {
        if !letters.contains(c) {
            letters.push(*c);
        }
    }
    let summed: Vec<char> = letters
        .iter()
        .copied()
        .filter(|c| !out.contains(*c))
        .collect();
    let mut out: Vec<char> = out.chars().collect();
    let on: Vec<usize> = (0..OUTPUT_SLIPS.len())
        .filter(|&k| s.at(OUTPUT_SLIPS[k], place))
        .collect();
    let n = out.len();
    match on[..] {
        [] => {}
        [0] if n >= 2 => out.swap(n - 2, n - 1),
        [1] => out = letters,
        [2] => {
            out.remove(0);
        }
        [3] => out[n - 1] = summed[0],
        _ => return Err(NOT_MODELLED.into()),
    }
    let terms: Vec<String> = terms.iter().map(|t| t.iter().collect()).collect();
    Ok(format!(
        "{}->{}",
        terms.join(","),
        out.into_iter().collect::<String>()
    ))
}

fn evaluate(spec: &str, ops: &[ArrayD<f64>]) -> crate::error::Result<ArrayD<f64>> {
    let refs: Vec<&dyn EinsumOperand> = ops.iter().map(|a| a as &dyn EinsumOperand).collect();
    einsum(spec, &refs)
}

/// A tensor as a matrix: every axis but the last folded into the rows (a
/// vector is a column, a number a 1 × 1 matrix).
fn folded(a: &ArrayD<f64>) -> Shaped {
    let cols = a.shape().last().copied().unwrap_or(1);
    let shape = match a.ndim() {
        0 => (1, 1),
        1 => (a.len(), 1),
        _ => (a.len() / cols.max(1), cols),
    };
    Shaped {
        shape,
        values: Some(a.iter().copied().collect()),
    }
}

/// What a string computes: on its own nest's operands, or, when einsum
/// refuses those, on the first other nest's operands it fits (a string written
/// in another nest's place computes that nest's loops); an error when it fits
/// none.
fn run_spec(spec: &str, q: usize, ops: &[Vec<ArrayD<f64>>]) -> Result<Shaped, String> {
    match evaluate(spec, &ops[q]) {
        Ok(v) => Ok(folded(&v)),
        Err(e) => elsewhere(spec, q, ops).ok_or_else(|| e.to_string()),
    }
}

/// The string's result on the first nest's operands but `q`'s that it fits.
fn elsewhere(spec: &str, q: usize, ops: &[Vec<ArrayD<f64>>]) -> Option<Shaped> {
    ops.iter()
        .enumerate()
        .filter(|(p, _)| *p != q)
        .find_map(|(_, o)| evaluate(spec, o).ok())
        .map(|v| folded(&v))
}

/// The operands of one case: each nest's, with the sizes of the letters
/// `n, i, j, k`; and the case's label, for a refusal's description.
struct SubscriptCase {
    label: &'static str,
    ops: Vec<Vec<ArrayD<f64>>>,
}

fn operands(spec: &str, size: &dyn Fn(char) -> usize, rng: &mut SeededRng) -> Vec<ArrayD<f64>> {
    let inputs = spec.split("->").next().unwrap_or(spec);
    inputs
        .split(',')
        .map(|term| {
            let shape: Vec<usize> = term.chars().map(size).collect();
            let n: usize = shape.iter().product();
            normal(1, n, rng)
                .expect("small")
                .into_shape_with_order(shape)
                .expect("the same number of values")
        })
        .collect()
}

/// The strings with the slips: each nest's own slips, then two strings in
/// each other's places (a swap with any other slip at its places, or of more
/// than two strings, is not modelled).
fn slipped_specs(s: Slips) -> Result<Vec<String>, String> {
    let mut specs = Vec::new();
    for loops in &LOOPS {
        specs.push(slipped_spec(loops, s)?);
    }
    let swapped: Vec<usize> = (0..LOOPS.len())
        .filter(|&q| s.at(&SWAPPED_STRINGS, Place::step(LOOPS[q].step)))
        .collect();
    match swapped[..] {
        [] => {}
        [p, q] => {
            let steps = [LOOPS[p].step, LOOPS[q].step];
            if s.0
                .iter()
                .any(|x| x.kind != &SWAPPED_STRINGS && steps.contains(&x.place.step))
            {
                return Err(NOT_MODELLED.into());
            }
            specs.swap(p, q);
        }
        _ => return Err(NOT_MODELLED.into()),
    }
    Ok(specs)
}

fn subscripts_model(c: &SubscriptCase, s: Slips) -> Result<Vec<Part>, String> {
    let specs = slipped_specs(s)?;
    let mut parts = Vec::new();
    for (q, (loops, spec)) in LOOPS.iter().zip(&specs).enumerate() {
        let f = run_spec(spec, q, &c.ops)?;
        parts.push(Part {
            name: loops.output.to_string(),
            step: loops.step.to_string(),
            shape: f.shape,
            values: f.values.unwrap_or_default(),
        });
    }
    Ok(parts)
}

fn subscript_cases() -> Vec<CaseSpec<SubscriptCase>> {
    let mut rng = seeded_rng(7_100);
    let sizes: [(&str, [usize; 4]); 3] = [
        ("unequal sizes", [2, 3, 4, 5]),
        ("unequal sizes #2", [4, 5, 2, 3]),
        ("square", [3, 3, 3, 3]),
    ];
    sizes
        .iter()
        .map(|&(label, nijk)| {
            let size = |c: char| match c {
                'n' => nijk[0],
                'i' => nijk[1],
                'j' => nijk[2],
                _ => nijk[3],
            };
            let ops: Vec<Vec<ArrayD<f64>>> = LOOPS
                .iter()
                .map(|l| operands(l.answer, &size, &mut rng))
                .collect();
            let input = format!(
                "random operands with n = {}, i = {}, j = {}, k = {}",
                nijk[0], nijk[1], nijk[2], nijk[3]
            );
            CaseSpec::new(label, input, SubscriptCase { label, ops })
        })
        .collect()
}

/// Checks the einsum subscripts for four loop nests, `subscripts()` returning
/// them in order:
///
/// * (a) `C[i,k] = Σ_j A[i,j]·B[j,k]`, a matrix product;
/// * (b) `C[n,i,k] = Σ_j A[n,i,j]·B[n,j,k]`, a stack of matrix products;
/// * (c) `G[j,k] = Σ_n D[n,j]·A[n,k]`, BP4's outer products summed over a batch;
/// * (d) `s[j] = Σ_i A[i,j]`, column sums.
///
/// Each string is run through [`einsum`](crate::tensor::einsum) on seeded operands and
/// compared with the loops' result: twice with a different size for every
/// letter (so a transposed output shows in its shape, and an operand read the
/// wrong way round does not fit), then with every axis of length 3. The
/// letters are yours to choose: any string with the same meaning is right. A
/// wrong string is named by its loop nest, e.g. "output transposed in
/// subscripts (c)". A string einsum refuses for its nest's operands is judged
/// by what it computes on the first other nest's operands it fits, so that
/// two strings in each other's places are named; one that fits none, or is
/// empty, is reported with einsum's reason.
///
/// ```
/// use backprop_lab::exercises::check_einsum_subscripts;
/// let r = check_einsum_subscripts(|| ["ab,bc->ac", "nij,njk->nik", "nj,nk->jk", "ij->j"]);
/// assert!(r.is_right());
/// let r = check_einsum_subscripts(|| ["ij,jk->ik", "nij,njk->nik", "nj,nk->kj", "ij->j"]);
/// assert_eq!(r.mistake(), Some("output transposed in subscripts (c)"));
/// ```
pub fn check_einsum_subscripts(subscripts: impl Fn() -> [&'static str; 4]) -> CheckReport {
    let cases = subscript_cases();
    let catalogue = subscripts_catalogue();
    let equations: Vec<(&str, &str)> = vec![
        ("subscripts (a)", "C[i,k] = Σ_j A[i,j]·B[j,k]: A's letters, a comma, B's letters, then -> and C's letters; j, under Σ only, is left out"),
        ("subscripts (b)", "C[n,i,k] = Σ_j A[n,i,j]·B[n,j,k]: n is kept (it is on the left), j is summed"),
        ("subscripts (c)", "G[j,k] = Σ_n D[n,j]·A[n,k]: D's letters are n then j, A's n then k; n is summed"),
        ("subscripts (d)", "s[j] = Σ_i A[i,j]: one operand with letters i then j; i is summed, j is kept"),
    ];
    let ex = Exercise {
        name: "einsum subscripts",
        task: "the einsum subscript string of each loop nest (a) to (d), in order",
        cases: &cases,
        catalogue: &catalogue,
        model: &subscripts_model,
        equations: &equations,
    };
    let refused: std::cell::RefCell<Option<String>> = std::cell::RefCell::new(None);
    let mut report = judge(&ex, |c| {
        let specs = subscripts();
        let mut out = Vec::new();
        for (q, (loops, spec)) in LOOPS.iter().zip(specs).enumerate() {
            if spec.trim().is_empty() {
                panic!(
                    "your subscripts for {} are empty: write the einsum string of its loops",
                    loops.step
                );
            }
            match evaluate(spec, &c.ops[q]) {
                Ok(v) => out.push(folded(&v)),
                Err(e) => {
                    let why = format!(
                        "your subscripts {spec:?} were refused for {}: {e}",
                        loops.step
                    );
                    // Judged by what the string computes where it fits, as the
                    // model judges a string written in another nest's place.
                    let Some(f) = elsewhere(spec, q, &c.ops) else {
                        panic!("{why}")
                    };
                    let mut first = refused.borrow_mut();
                    first.get_or_insert_with(|| format!("in case {}: {why}", c.label));
                    out.push(f);
                }
            }
        }
        out
    });
    if let Some(why) = refused.take() {
        report.describe_unnamed(format!("a string einsum refuses, {why}"));
    }
    report
}

static SIZES_SWAPPED: Mistake = Mistake {
    name: "swapped the i and j sizes",
    hint: "t.dim() gives (N, I, J) in that order: the output has I columns and j runs to J",
};
static OUT_T: Mistake = Mistake {
    name: "output transposed (out[[i, n]])",
    hint: "the result is (N, I), one row per matrix of the stack: out[[n, i]], not out[[i, n]]",
};
static SWAPPED_IJ: Mistake = Mistake {
    name: "swapped the i and j axes",
    hint: "in 'nij' the second letter is the row: read t[[n, i, j]], not t[[n, j, i]]",
};
static V_BY_I: Mistake = Mistake {
    name: "indexed v with i instead of j",
    hint: "in 'nij,nj->ni' the vector's second letter is j, the summed one: out[n][i] += t[n][i][j] · v[n][j]",
};
static V_FIRST: Mistake = Mistake {
    name: "the same vector for every n",
    hint: "v carries the letter n too: matrix t[n] multiplies its own vector v[n], not v[0]",
};
static V_T: Mistake = Mistake {
    name: "v transposed",
    hint: "v has shape (N, J), one row per example: read v[[n, j]], not v[[j, n]]",
};
static ADDED: Mistake = Mistake {
    name: "added instead of multiplied",
    hint: "each term of the sum is a product, t[n,i,j] · v[n,j]",
};
static OVERWROTE: Mistake = Mistake {
    name: "overwrote instead of adding (= instead of +=)",
    hint: "the sum over j adds every term; assigning keeps only the last one",
};

static T_FIRST: Mistake = Mistake {
    name: "the same matrix for every n",
    hint: "t carries the letter n too: vector v[n] multiplies its own matrix t[n], not t[0]",
};
static J_SHORT: Mistake = Mistake {
    name: "off-by-one: the j loop stops one short",
    hint: "j runs over every column of t[n], 0..J; a range 0..J − 1 leaves out the last term of every sum",
};
static MEAN: Mistake = Mistake {
    name: "mean instead of sum (divided by J)",
    hint: "einsum sums over a letter left out after ->: out[n,i] is the sum of the J terms, not their mean",
};
static PRODUCT: Mistake = Mistake {
    name: "terms multiplied instead of added",
    hint: "the sum over j adds the terms: start from zeros and use +=, not ones and *=",
};

const LOOP_SIZES: Place = Place::step("t.dim()");
const LOOP_J: Place = Place::step("the j loop");
const LOOP_OUT: Place = Place::step("out[n,i]");
const LOOP_T: Place = Place::step("t[n,i,j]");
const LOOP_V: Place = Place::step("v[n,j]");
const LOOP_PRODUCT: Place = Place::step("the product");
const LOOP_SUM: Place = Place::step("the sum over j");

const LOOP_CATALOGUE: [Slip; 12] = [
    Slip::new(&SIZES_SWAPPED, LOOP_SIZES),
    Slip::new(&J_SHORT, LOOP_J),
    Slip::new(&OUT_T, LOOP_OUT),
    Slip::new(&SWAPPED_IJ, LOOP_T),
    Slip::new(&T_FIRST, LOOP_T),
    Slip::new(&V_BY_I, LOOP_V),
    Slip::new(&V_FIRST, LOOP_V),
    Slip::new(&V_T, LOOP_V),
    Slip::new(&ADDED, LOOP_PRODUCT),
    Slip::new(&OVERWROTE, LOOP_SUM),
    Slip::new(&MEAN, LOOP_SUM),
    Slip::new(&PRODUCT, LOOP_SUM),
];

/// The ways of combining the terms over j; they exclude each other.
const SUM_SLIPS: [&Mistake; 3] = [&OVERWROTE, &MEAN, &PRODUCT];

const LOOP_EQUATIONS: [(&str, &str); 7] = [
    (
        "out[n,i]",
        "out[n,i] = Σ_j t[n,i,j]·v[n,j]; out = zeros((N, I)), one row per matrix",
    ),
    ("t.dim()", "(N, I, J) = t.dim(), in that order; v is (N, J)"),
    ("the j loop", "for j in 0..J: every column of t[n]"),
    ("t[n,i,j]", "t[[n, i, j]]: row i, column j of matrix n"),
    ("v[n,j]", "v[[n, j]]: entry j of example n's own vector"),
    ("the product", "each term is t[n,i,j]·v[n,j]"),
    (
        "the sum over j",
        "out[n,i] += t[n,i,j]·v[n,j] for every j: the terms add up",
    ),
];

/// The loop nest with the slips switched on, reading and writing with bounds
/// checks: an index past an end is where the learner's code panics.
fn loops_model((t, v): &(Array3<f64>, Array2<f64>), s: Slips) -> Result<Vec<Part>, String> {
    let (n_len, mut i_len, mut j_len) = t.dim();
    if s.at(&SIZES_SWAPPED, LOOP_SIZES) {
        std::mem::swap(&mut i_len, &mut j_len);
    }
    if SUM_SLIPS.iter().filter(|k| s.at(k, LOOP_SUM)).count() > 1 {
        return Err(NOT_MODELLED.into());
    }
    let product = s.at(&PRODUCT, LOOP_SUM);
    let out_t = s.at(&OUT_T, LOOP_OUT);
    let shape = if out_t {
        (i_len, n_len)
    } else {
        (n_len, i_len)
    };
    let mut out = Array2::from_elem(shape, if product { 1.0 } else { 0.0 });
    let past = |what: &str| format!("{what} read past its end");
    let j_end = j_len.saturating_sub(usize::from(s.at(&J_SHORT, LOOP_J)));
    for n in 0..n_len {
        for i in 0..i_len {
            for j in 0..j_end {
                let mut at_t = s.pick(&SWAPPED_IJ, LOOP_T, [n, i, j], [n, j, i]);
                at_t[0] = s.pick(&T_FIRST, LOOP_T, at_t[0], 0);
                let tv = *t.get(at_t).ok_or_else(|| past("t"))?;
                let mut at_v = [n, s.pick(&V_BY_I, LOOP_V, j, i)];
                at_v[0] = s.pick(&V_FIRST, LOOP_V, at_v[0], 0);
                at_v = s.pick(&V_T, LOOP_V, at_v, [at_v[1], at_v[0]]);
                let vv = *v.get(at_v).ok_or_else(|| past("v"))?;
                let term = s.pick(&ADDED, LOOP_PRODUCT, tv * vv, tv + vv);
                let cell = out
                    .get_mut(s.pick(&OUT_T, LOOP_OUT, [n, i], [i, n]))
                    .ok_or_else(|| past("out"))?;
                *cell = if s.at(&OVERWROTE, LOOP_SUM) {
                    term
                } else if product {
                    *cell * term
                } else {
                    *cell + term
                };
            }
        }
    }
    if s.at(&MEAN, LOOP_SUM) {
        out.mapv_inplace(|x| x / j_len as f64);
    }
    Ok(vec![Part::matrix("out", "out[n,i]", &out)])
}

/// The lab's stack, then stacks with a different size on every axis (`I < J`
/// and `I > J`), one with `N = J`, one with `I = J` and a cube, where a
/// transposed `v` fits.
fn loop_cases() -> Vec<CaseSpec<(Array3<f64>, Array2<f64>)>> {
    let mut setups = vec![(
        "the lab's".to_string(),
        Array3::from_shape_fn((2, 3, 3), |(n, i, j)| (n * 9 + i * 3 + j) as f64),
        ndarray::array![[1.0, 2.0, 3.0], [-1.0, 0.0, 1.0]],
    )];
    let mut rng = seeded_rng(7_200);
    let dims = [
        (2, 3, 4),
        (3, 5, 2),
        (4, 2, 3),
        (3, 4, 5),
        (5, 3, 2),
        (3, 4, 3),
        (4, 3, 3),
        (3, 3, 3),
    ];
    for (k, &(n, i, j)) in dims.iter().enumerate() {
        let t = normal(n * i, j, &mut rng)
            .expect("small")
            .into_shape_with_order((n, i, j))
            .expect("the same number of values");
        let v = normal(n, j, &mut rng).expect("small");
        setups.push((format!("random #{}", k + 1), t, v));
    }
    setups
        .into_iter()
        .map(|(label, t, v)| {
            let input = format!(
                "t {:?} = {}, v {:?} = {}",
                t.dim(),
                list(t.as_slice().unwrap_or(&[])),
                v.dim(),
                list(v.as_slice().unwrap_or(&[]))
            );
            let (n, i, _) = t.dim();
            let mut spec = CaseSpec::new(label, input, (t, v));
            spec.shapes = vec![
                ("v".to_string(), spec.data.1.dim()),
                ("out".to_string(), (n, i)),
            ];
            spec
        })
        .collect()
}

/// Checks loops written for the subscripts `'nij,nj->ni'` (a stack of
/// matrices, each times its own vector: BP2 on a stack),
/// `stack_times_vectors(t, v)` with `t` of shape `(N, I, J)` and `v` of shape
/// `(N, J)`, returning `(N, I)`. The lab's case is a stack of two 3×3 matrices
/// holding 0..18 and the vectors `[1, 2, 3]` and `[−1, 0, 1]`; then 8 seeded
/// random cases, most with a different size on every axis, so that loops which
/// confuse two axes read past an end or return the wrong shape.
///
/// ```
/// use backprop_lab::exercises::check_einsum_loops;
/// use backprop_lab::ndarray::Array2;
/// let r = check_einsum_loops(|t, v| {
///     let (n, i_len, j_len) = t.dim();
///     let mut out = Array2::zeros((n, i_len));
///     for n in 0..n { for i in 0..i_len { for j in 0..j_len {
///         out[[n, i]] += t[[n, i, j]] * v[[n, j]];
///     }}}
///     out
/// });
/// assert!(r.is_right());
/// ```
pub fn check_einsum_loops(
    stack_times_vectors: impl Fn(&Array3<f64>, &Array2<f64>) -> Array2<f64>,
) -> CheckReport {
    let cases = loop_cases();
    let ex = Exercise {
        name: "loops for 'nij,nj->ni'",
        task: "the loops of 'nij,nj->ni': out[n, i] = Σ_j t[n, i, j]·v[n, j], an (N, I) matrix",
        cases: &cases,
        catalogue: &LOOP_CATALOGUE,
        model: &loops_model,
        equations: &LOOP_EQUATIONS,
    };
    judge(&ex, |(t, v)| {
        vec![Shaped::matrix(&stack_times_vectors(t, v))]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slipped_subscripts_read_as_a_learner_writes_them() {
        let one = |k: &'static Mistake, q: usize| {
            let slip = [Slip::new(k, Place::step(LOOPS[q].step))];
            slipped_spec(&LOOPS[q], Slips(&slip)).unwrap()
        };
        assert_eq!(one(&OUT_TRANSPOSED, 1), "nij,njk->nki");
        assert_eq!(one(&KEPT_SUMMED, 0), "ij,jk->ijk");
        assert_eq!(one(&SUMMED_KEPT, 3), "ij->");
        assert_eq!(one(&WRONG_AXIS, 3), "ij->i");
        assert_eq!(one(&OPERAND_T, 2), "jn,nk->jk");
        assert_eq!(one(&OPERAND_T, 0), "ij,kj->ik");
    }

    #[test]
    fn strings_in_each_others_places_are_named() {
        let r = check_einsum_subscripts(|| ["ij,jk->ik", "nj,nk->jk", "nij,njk->nik", "ij->j"]);
        assert_eq!(
            r.mistake(),
            Some("strings swapped in subscripts (b) and subscripts (c)")
        );
        let r = check_einsum_subscripts(|| ["ij,jk->ik", "nij,njk->nik", "jn,kn->jk", "ij->j"]);
        assert_eq!(
            r.mistake(),
            Some("both operands transposed in subscripts (c)")
        );
        // Refused for its own operands, fitting (a)'s: described as refused.
        let r = check_einsum_subscripts(|| ["ij,jk->ik", "ij,jk->ik", "nj,nk->jk", "ij->j"]);
        let m = r.mistake().unwrap_or_default();
        assert!(
            m.contains("\"ij,jk->ik\" were refused for subscripts (b)"),
            "{r}"
        );
        let r = check_einsum_subscripts(|| ["", "", "", ""]);
        assert!(r.mistake().unwrap_or_default().contains("empty"), "{r}");
    }

    #[test]
    fn confused_axes_are_named() {
        let r = check_einsum_loops(|t, v| {
            let (n_len, i_len, j_len) = t.dim();
            let mut out = Array2::zeros((n_len, i_len));
            for n in 0..n_len {
                for i in 0..i_len {
                    for j in 0..j_len {
                        out[[n, i]] += t[[n, j, i]] * v[[n, j]];
                    }
                }
            }
            out
        });
        assert_eq!(r.mistake(), Some("swapped the i and j axes in t[n,i,j]"));
    }
}
