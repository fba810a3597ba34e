//! Lab 07's einsum exercises: subscripts for given loops, and loops for given
//! subscripts.

use ndarray::{Array2, Array3, ArrayD, Axis};

use super::report::{judge_lists, list, Case, CheckReport, Mistake};
use crate::io::random::{normal, seeded_rng, SeededRng};
use crate::tensor::einsum::einsum;

/// The loop nests of the subscripts exercise, in the notebook's order, with
/// their answers. Every axis has length 3 in the check, so a subscript string
/// with its letters mixed up still fits the operands and shows as wrong values.
const LOOPS: [Loops; 4] = [
    Loops {
        label: "(a)",
        text: "C[i,k] = Σ_j A[i,j]·B[j,k]",
        output: "C",
        answer: "ij,jk->ik",
    },
    Loops {
        label: "(b)",
        text: "C[n,i,k] = Σ_j A[n,i,j]·B[n,j,k]",
        output: "C",
        answer: "nij,njk->nik",
    },
    Loops {
        label: "(c)",
        text: "G[j,k] = Σ_n D[n,j]·A[n,k]",
        output: "G",
        answer: "nj,nk->jk",
    },
    Loops {
        label: "(d)",
        text: "s[j] = Σ_i A[i,j]",
        output: "s",
        answer: "ij->j",
    },
];

/// One loop nest of the subscripts exercise.
struct Loops {
    label: &'static str,
    text: &'static str,
    output: &'static str,
    answer: &'static str,
}

const SUBSCRIPT_MISTAKES: [Mistake; 3] = [
    Mistake {
        name: "output axes in the wrong order",
        hint: "the letters after -> give the output's axes in order: C[i,k] needs ->ik, not ->ki",
    },
    Mistake {
        name: "kept the summed index",
        hint: "a letter that appears after -> is kept, not summed: leave the summed letter out of the output",
    },
    Mistake {
        name: "summed an index the loops keep",
        hint: "every index of the left-hand side (the output) must appear after ->; a letter left out is summed away",
    },
];

/// The subscripts each mistake gives for a right answer `inputs->out`.
fn mistaken_specs(spec: &str) -> [Option<String>; 3] {
    let (inputs, out) = spec.split_once("->").expect("answers have ->");
    let summed: String = {
        let mut s: Vec<char> = inputs
            .chars()
            .filter(|c| c.is_ascii_alphabetic() && !out.contains(*c))
            .collect();
        s.dedup();
        s.into_iter().collect()
    };
    let swapped = (out.len() >= 2).then(|| {
        let mut c: Vec<char> = out.chars().collect();
        let n = c.len();
        c.swap(n - 2, n - 1);
        format!("{inputs}->{}", c.into_iter().collect::<String>())
    });
    // The summed letter kept, placed where it sits in the loops' order of
    // first appearance.
    let kept = {
        let mut letters: Vec<char> = Vec::new();
        for c in inputs.chars().filter(|c| c.is_ascii_alphabetic()) {
            if (out.contains(c) || summed.contains(c)) && !letters.contains(&c) {
                letters.push(c);
            }
        }
        format!("{inputs}->{}", letters.into_iter().collect::<String>())
    };
    let dropped = format!("{inputs}->{}", &out[1..]);
    [swapped, Some(kept), Some(dropped)]
}

/// Operands for a subscript string, every axis of length 3.
fn operands(spec: &str, rng: &mut SeededRng) -> Vec<ArrayD<f64>> {
    let inputs = spec.split("->").next().unwrap_or(spec);
    inputs
        .split(',')
        .map(|term| {
            let shape = vec![3; term.len()];
            let n: usize = shape.iter().product();
            normal(1, n, rng)
                .expect("small")
                .into_shape_with_order(shape)
                .expect("the same number of values")
        })
        .collect()
}

fn evaluate(spec: &str, ops: &[ArrayD<f64>]) -> crate::error::Result<ArrayD<f64>> {
    let refs: Vec<&dyn crate::tensor::einsum::EinsumOperand> = ops
        .iter()
        .map(|a| a as &dyn crate::tensor::einsum::EinsumOperand)
        .collect();
    einsum(spec, &refs)
}

fn entry_names(shape: &[usize], name: &str) -> Vec<String> {
    if shape.is_empty() {
        return vec![name.to_string()];
    }
    let mut out = Vec::new();
    let total: usize = shape.iter().product();
    for flat in 0..total {
        let mut idx = vec![0; shape.len()];
        let mut rest = flat;
        for (k, &d) in shape.iter().enumerate().rev() {
            idx[k] = rest % d;
            rest /= d;
        }
        let idx: Vec<String> = idx.iter().map(|i| i.to_string()).collect();
        out.push(format!("{name}[{}]", idx.join(",")));
    }
    out
}

/// Checks the einsum subscripts for four loop nests, `subscripts()` returning
/// them in order:
///
/// * (a) `C[i,k] = Σ_j A[i,j]·B[j,k]`, a matrix product;
/// * (b) `C[n,i,k] = Σ_j A[n,i,j]·B[n,j,k]`, a stack of matrix products;
/// * (c) `G[j,k] = Σ_n D[n,j]·A[n,k]`, BP4's outer products summed over a batch;
/// * (d) `s[j] = Σ_i A[i,j]`, column sums.
///
/// Each string is run through [`einsum`](crate::einsum) on two seeded sets of
/// operands (every axis of length 3) and compared with the loops' result. The
/// letters are yours to choose: any string with the same meaning is right.
///
/// ```
/// use backprop_lab::exercises::check_einsum_subscripts;
/// let r = check_einsum_subscripts(|| ["ab,bc->ac", "nij,njk->nik", "nj,nk->jk", "ij->j"]);
/// assert!(r.is_right());
/// ```
pub fn check_einsum_subscripts(subscripts: impl Fn() -> [&'static str; 4]) -> CheckReport {
    let mut rng = seeded_rng(7_100);
    let mut setups = Vec::new();
    for round in 0..2 {
        for (q, loops) in LOOPS.iter().enumerate() {
            setups.push((q, round, operands(loops.answer, &mut rng)));
        }
    }
    let cases: Vec<Case> = setups
        .iter()
        .map(|(q, round, ops)| {
            let loops = &LOOPS[*q];
            let right = evaluate(loops.answer, ops).expect("the answers fit their operands");
            let mistaken = mistaken_specs(loops.answer)
                .iter()
                .map(|spec| match spec {
                    Some(s) => evaluate(s, ops)
                        .expect("the mistakes fit their operands")
                        .iter()
                        .copied()
                        .collect(),
                    None => vec![f64::NAN; right.len()],
                })
                .collect();
            Case {
                label: format!("loops {} (operands set {})", loops.label, round + 1),
                input: format!(
                    "{}; operands {}",
                    loops.text,
                    ops.iter()
                        .map(|a| list(a.as_slice().unwrap_or(&[])))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                names: entry_names(right.shape(), loops.output),
                expected: right.iter().copied().collect(),
                mistaken,
            }
        })
        .collect();
    judge_lists(
        "einsum subscripts",
        "einsum subscripts",
        &SUBSCRIPT_MISTAKES,
        &cases,
        |i| {
            let (q, _, ops) = &setups[i];
            let spec = subscripts()[*q];
            match evaluate(spec, ops) {
                Ok(v) => v.iter().copied().collect(),
                Err(e) => panic!("your subscripts {spec:?} were refused: {e}"),
            }
        },
    )
}

const LOOP_MISTAKES: [Mistake; 4] = [
    Mistake {
        name: "indexed v with i instead of j",
        hint: "in 'nij,nj->ni' the vector's second letter is j, the summed one: out[n][i] += t[n][i][j] · v[n][j]",
    },
    Mistake {
        name: "= instead of +=",
        hint: "the sum over j adds every term; assigning keeps only the last one",
    },
    Mistake {
        name: "the same vector for every n",
        hint: "v carries the letter n too: matrix t[n] multiplies its own vector v[n], not v[0]",
    },
    Mistake {
        name: "transposed the matrices",
        hint: "in 'nij' the second letter is the row: read t[n][i][j], not t[n][j][i]",
    },
];

/// Checks loops written for the subscripts `'nij,nj->ni'` (a stack of
/// matrices, each times its own vector: BP2 on a stack),
/// `stack_times_vectors(t, v)` with `t` of shape `(N, I, J)` and `v` of shape
/// `(N, J)`, returning `(N, I)`. Case 0 is a stack of two 3×3 matrices holding
/// 0..18 and the vectors `[1, 2, 3]` and `[−1, 0, 1]`; then 6 seeded random
/// cases with `I = J = 3`.
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
    let mut setups = vec![(
        Array3::from_shape_fn((2, 3, 3), |(n, i, j)| (n * 9 + i * 3 + j) as f64),
        ndarray::array![[1.0, 2.0, 3.0], [-1.0, 0.0, 1.0]],
    )];
    let mut rng = seeded_rng(7_200);
    for k in 0..6 {
        let n = 2 + k % 3;
        let t = normal(n * 3, 3, &mut rng)
            .expect("small")
            .into_shape_with_order((n, 3, 3))
            .expect("the same number of values");
        setups.push((t, normal(n, 3, &mut rng).expect("small")));
    }
    let cases: Vec<Case> = setups
        .iter()
        .map(|(t, v)| {
            let with = |spec: &str, v: &Array2<f64>| -> Vec<f64> {
                einsum(spec, &[t, v])
                    .expect("shapes that fit")
                    .iter()
                    .copied()
                    .collect()
            };
            let last_term: Vec<f64> = {
                let j = t.len_of(Axis(2)) - 1;
                let mut out = Vec::new();
                for n in 0..t.len_of(Axis(0)) {
                    for i in 0..t.len_of(Axis(1)) {
                        out.push(t[[n, i, j]] * v[[n, j]]);
                    }
                }
                out
            };
            let first_row = Array2::from_shape_fn(v.raw_dim(), |(_, j)| v[[0, j]]);
            let (n, i_len, _) = t.dim();
            let mut names = Vec::new();
            for a in 0..n {
                for b in 0..i_len {
                    names.push(format!("out[{a},{b}]"));
                }
            }
            Case {
                label: String::new(),
                input: format!(
                    "t {:?} = {}, v = {}",
                    t.dim(),
                    list(t.as_slice().unwrap_or(&[])),
                    list(v.as_slice().unwrap_or(&[]))
                ),
                names,
                expected: with("nij,nj->ni", v),
                mistaken: vec![
                    with("nij,ni->ni", v),
                    last_term,
                    with("nij,nj->ni", &first_row),
                    with("nji,nj->ni", v),
                ],
            }
        })
        .collect();
    judge_lists(
        "loops for 'nij,nj->ni'",
        "loops for 'nij,nj->ni'",
        &LOOP_MISTAKES,
        &cases,
        |k| {
            let (t, v) = &setups[k];
            let out = stack_times_vectors(t, v);
            let want = (t.len_of(Axis(0)), t.len_of(Axis(1)));
            if out.dim() != want {
                panic!(
                    "your function returned shape {:?}; for t {:?} it must be {want:?} (n, i)",
                    out.dim(),
                    t.dim()
                );
            }
            out.iter().copied().collect()
        },
    )
}
