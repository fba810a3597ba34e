//! Learner answers for notebook 00, the Rust primer: `outer_loop` (fill
//! `w[[j, k]] = δ[j]·a[k]` in two loops, `check_outer_loop`) and `elementwise`
//! (`e = (a − y) ⊙ a ⊙ (1 − a)`, `check_elementwise`).

use backprop_lab::exercises::{check_elementwise, check_outer_loop};
use backprop_lab::prelude::*;

use super::harness::{Entry, Expect};

// ---------------------------------------------------------------------------
// check_outer_loop
// ---------------------------------------------------------------------------

/// Right: zeros of the right shape, two loops over the lengths.
fn ol_ok_loops(delta: &[f64], a: &[f64]) -> Array2<f64> {
    let mut w = Array2::zeros((delta.len(), a.len()));
    for j in 0..delta.len() {
        for k in 0..a.len() {
            w[[j, k]] = delta[j] * a[k];
        }
    }
    w
}

/// Right: the loops over w's own nrows and ncols.
fn ol_ok_nrows(delta: &[f64], a: &[f64]) -> Array2<f64> {
    let mut w = Array2::<f64>::zeros((delta.len(), a.len()));
    for j in 0..w.nrows() {
        for k in 0..w.ncols() {
            w[[j, k]] = a[k] * delta[j];
        }
    }
    w
}

/// Right: from_shape_fn, no loop written.
fn ol_ok_shape_fn(delta: &[f64], a: &[f64]) -> Array2<f64> {
    Array2::from_shape_fn((delta.len(), a.len()), |(j, k)| delta[j] * a[k])
}

/// Right: a column times a row with .dot().
fn ol_ok_dot(delta: &[f64], a: &[f64]) -> Array2<f64> {
    let col = Array2::from_shape_vec((delta.len(), 1), delta.to_vec()).unwrap();
    let row = Array2::from_shape_vec((1, a.len()), a.to_vec()).unwrap();
    col.dot(&row)
}

/// Wrong: δ and a swapped inside the entry, δ[k]·a[j].
fn ol_swapped(delta: &[f64], a: &[f64]) -> Array2<f64> {
    let mut w = Array2::zeros((delta.len(), a.len()));
    for j in 0..delta.len() {
        for k in 0..a.len() {
            w[[j, k]] = delta[k] * a[j];
        }
    }
    w
}

/// Wrong: built the transpose, a along the rows.
fn ol_transpose(delta: &[f64], a: &[f64]) -> Array2<f64> {
    let mut w = Array2::zeros((a.len(), delta.len()));
    for j in 0..delta.len() {
        for k in 0..a.len() {
            w[[k, j]] = delta[j] * a[k];
        }
    }
    w
}

/// Wrong: added instead of multiplied.
fn ol_added(delta: &[f64], a: &[f64]) -> Array2<f64> {
    let mut w = Array2::zeros((delta.len(), a.len()));
    for j in 0..delta.len() {
        for k in 0..a.len() {
            w[[j, k]] = delta[j] + a[k];
        }
    }
    w
}

/// Wrong: only δ[j], the a[k] factor forgotten.
fn ol_forgot_a(delta: &[f64], a: &[f64]) -> Array2<f64> {
    let mut w = Array2::zeros((delta.len(), a.len()));
    for j in 0..delta.len() {
        for k in 0..a.len() {
            w[[j, k]] = delta[j];
        }
    }
    w
}

/// Wrong: a typo, a[j] where a[k] belongs.
fn ol_a_by_j(delta: &[f64], a: &[f64]) -> Array2<f64> {
    let mut w = Array2::zeros((delta.len(), a.len()));
    for j in 0..delta.len() {
        for k in 0..a.len() {
            w[[j, k]] = delta[j] * a[j];
        }
    }
    w
}

/// Wrong: both loops start at 1, as in the maths' 1-based indices.
fn ol_from_one(delta: &[f64], a: &[f64]) -> Array2<f64> {
    let mut w = Array2::zeros((delta.len(), a.len()));
    for j in 1..delta.len() {
        for k in 1..a.len() {
            w[[j, k]] = delta[j] * a[k];
        }
    }
    w
}

/// Wrong: the loop over k stops at a.len() − 1.
fn ol_k_short(delta: &[f64], a: &[f64]) -> Array2<f64> {
    let mut w = Array2::zeros((delta.len(), a.len()));
    for j in 0..delta.len() {
        for k in 0..a.len() - 1 {
            w[[j, k]] = delta[j] * a[k];
        }
    }
    w
}

/// Wrong: both loops over w.nrows(); k must run to w.ncols().
fn ol_nrows_twice(delta: &[f64], a: &[f64]) -> Array2<f64> {
    let mut w = Array2::zeros((delta.len(), a.len()));
    for j in 0..w.nrows() {
        for k in 0..w.nrows() {
            w[[j, k]] = delta[j] * a[k];
        }
    }
    w
}

/// Wrong: a square matrix of δ's length.
fn ol_square(delta: &[f64], a: &[f64]) -> Array2<f64> {
    let n = delta.len();
    let mut w = Array2::zeros((n, n));
    for j in 0..n {
        for k in 0..a.len() {
            w[[j, k]] = delta[j] * a[k];
        }
    }
    w
}

/// Wrong (pair): swapped and added, δ[k] + a[j].
fn ol_swapped_added(delta: &[f64], a: &[f64]) -> Array2<f64> {
    let mut w = Array2::zeros((delta.len(), a.len()));
    for j in 0..delta.len() {
        for k in 0..a.len() {
            w[[j, k]] = delta[k] + a[j];
        }
    }
    w
}

/// Wrong: an empty matrix, `zeros((0, 0))`, then indexed: panics.
fn ol_empty(delta: &[f64], a: &[f64]) -> Array2<f64> {
    let mut w = Array2::zeros((0, 0));
    for j in 0..delta.len() {
        for k in 0..a.len() {
            w[[j, k]] = delta[j] * a[k];
        }
    }
    w
}

/// Not started: the stub.
fn ol_todo(_delta: &[f64], _a: &[f64]) -> Array2<f64> {
    todo!("fill w[[j, k]] = delta[j] * a[k]")
}

// ---------------------------------------------------------------------------
// check_elementwise
// ---------------------------------------------------------------------------

/// Right: one expression, mapv for a(1 − a).
fn ew_ok_mapv(a: &Array2<f64>, y: &Array2<f64>) -> Array2<f64> {
    (a - y) * a.mapv(|v| v * (1.0 - v))
}

/// Right: from_shape_fn with indexing.
fn ew_ok_index(a: &Array2<f64>, y: &Array2<f64>) -> Array2<f64> {
    Array2::from_shape_fn(a.dim(), |(j, k)| {
        (a[[j, k]] - y[[j, k]]) * a[[j, k]] * (1.0 - a[[j, k]])
    })
}

/// Right: in named pieces, references everywhere.
fn ew_ok_pieces(a: &Array2<f64>, y: &Array2<f64>) -> Array2<f64> {
    let d = a - y;
    let one_minus = a.mapv(|v| 1.0 - v);
    let s = a * &one_minus;
    &d * &s
}

/// Right: a clone changed in place.
fn ew_ok_in_place(a: &Array2<f64>, y: &Array2<f64>) -> Array2<f64> {
    let mut e = a.clone();
    e -= y;
    e *= a;
    e *= &a.mapv(|v| 1.0 - v);
    e
}

/// Wrong: y − a, the sign flipped.
fn ew_sign(a: &Array2<f64>, y: &Array2<f64>) -> Array2<f64> {
    (y - a) * a.mapv(|v| v * (1.0 - v))
}

/// Wrong: forgot the factor a(1 − a).
fn ew_no_factor(a: &Array2<f64>, y: &Array2<f64>) -> Array2<f64> {
    a - y
}

/// Wrong: (a − y)(1 − a): the a of a(1 − a) dropped.
fn ew_one_minus_only(a: &Array2<f64>, y: &Array2<f64>) -> Array2<f64> {
    (a - y) * a.mapv(|v| 1.0 - v)
}

/// Wrong: (a − y)·a: the (1 − a) dropped.
fn ew_a_only(a: &Array2<f64>, y: &Array2<f64>) -> Array2<f64> {
    (a - y) * a
}

/// Wrong: a(1 − a) taken of the difference, reusing d.
fn ew_factor_of_d(a: &Array2<f64>, y: &Array2<f64>) -> Array2<f64> {
    let d = a - y;
    &d * &d.mapv(|v| v * (1.0 - v))
}

/// Wrong: .dot() where the product is elementwise.
fn ew_dot(a: &Array2<f64>, y: &Array2<f64>) -> Array2<f64> {
    (a - y).dot(&a.mapv(|v| v * (1.0 - v)))
}

/// Wrong: missing brackets, v * 1.0 - v, which is 0.
fn ew_brackets(a: &Array2<f64>, y: &Array2<f64>) -> Array2<f64> {
    (a - y) * a.mapv(|v| v * 1.0 - v)
}

/// Wrong: forgot to subtract y.
fn ew_forgot_y(a: &Array2<f64>, _y: &Array2<f64>) -> Array2<f64> {
    a * &a.mapv(|v| v * (1.0 - v))
}

/// Wrong (pair): sign flipped and the factor forgotten.
fn ew_sign_no_factor(a: &Array2<f64>, y: &Array2<f64>) -> Array2<f64> {
    y - a
}

/// Wrong (pair): sign flipped, and the factor taken of the difference.
fn ew_sign_factor_of_d(a: &Array2<f64>, y: &Array2<f64>) -> Array2<f64> {
    let d = y - a;
    &d * &d.mapv(|v| v * (1.0 - v))
}

/// Not started: the stub.
fn ew_todo(_a: &Array2<f64>, _y: &Array2<f64>) -> Array2<f64> {
    todo!("(a - y) * a(1 - a), elementwise")
}

pub fn corpus() -> Vec<Entry> {
    vec![
        // ---------------- check_outer_loop ----------------
        Entry {
            exercise: "check_outer_loop",
            id: "right-loops",
            tutor: "right: zeros of shape (δ.len(), a.len()) and two loops",
            expect: Expect::Right,
            run: || check_outer_loop(ol_ok_loops),
        },
        Entry {
            exercise: "check_outer_loop",
            id: "right-nrows-ncols",
            tutor: "right: loops over w.nrows() and w.ncols()",
            expect: Expect::Right,
            run: || check_outer_loop(ol_ok_nrows),
        },
        Entry {
            exercise: "check_outer_loop",
            id: "right-shape-fn",
            tutor: "right: from_shape_fn",
            expect: Expect::Right,
            run: || check_outer_loop(ol_ok_shape_fn),
        },
        Entry {
            exercise: "check_outer_loop",
            id: "right-dot",
            tutor: "right: a column times a row",
            expect: Expect::Right,
            run: || check_outer_loop(ol_ok_dot),
        },
        Entry {
            exercise: "check_outer_loop",
            id: "not-started",
            tutor: "the stub, untouched",
            expect: Expect::NotStarted,
            run: || check_outer_loop(ol_todo),
        },
        Entry {
            exercise: "check_outer_loop",
            id: "swapped",
            tutor: "δ[k]·a[j]: δ and a swapped in the entry; out of bounds unless square",
            expect: Expect::Wrong(&["swapped"]),
            run: || check_outer_loop(ol_swapped),
        },
        Entry {
            exercise: "check_outer_loop",
            id: "transpose",
            tutor: "built a δᵀ's transpose: a along the rows, (a.len(), δ.len())",
            expect: Expect::Wrong(&["transpose"]),
            run: || check_outer_loop(ol_transpose),
        },
        Entry {
            exercise: "check_outer_loop",
            id: "added",
            tutor: "δ[j] + a[k]: added instead of multiplied",
            expect: Expect::Wrong(&["added"]),
            run: || check_outer_loop(ol_added),
        },
        Entry {
            exercise: "check_outer_loop",
            id: "forgot-a",
            tutor: "only δ[j]: forgot the a[k] factor",
            expect: Expect::Wrong(&["forgot a[k]"]),
            run: || check_outer_loop(ol_forgot_a),
        },
        Entry {
            exercise: "check_outer_loop",
            id: "a-by-j",
            tutor: "a[j] instead of a[k]: a indexed by the row's j",
            expect: Expect::Wrong(&["a[j]"]),
            run: || check_outer_loop(ol_a_by_j),
        },
        Entry {
            exercise: "check_outer_loop",
            id: "from-one",
            tutor: "both loops start at 1: the first row and column stay 0",
            expect: Expect::Wrong(&["start at 1|starts at 1"]),
            run: || check_outer_loop(ol_from_one),
        },
        Entry {
            exercise: "check_outer_loop",
            id: "k-short",
            tutor: "the k loop stops one short: the last column stays 0",
            expect: Expect::Wrong(&["one short"]),
            run: || check_outer_loop(ol_k_short),
        },
        Entry {
            exercise: "check_outer_loop",
            id: "nrows-twice",
            tutor: "k runs to w.nrows(), not w.ncols(): columns missed or out of bounds",
            expect: Expect::Wrong(&["nrows"]),
            run: || check_outer_loop(ol_nrows_twice),
        },
        Entry {
            exercise: "check_outer_loop",
            id: "square",
            tutor: "zeros((n, n)) with δ's length twice: the wrong shape",
            expect: Expect::Wrong(&["shape"]),
            run: || check_outer_loop(ol_square),
        },
        Entry {
            exercise: "check_outer_loop",
            id: "swapped-added",
            tutor: "two slips: swapped and added, δ[k] + a[j]",
            expect: Expect::Wrong(&["swapped", "added"]),
            run: || check_outer_loop(ol_swapped_added),
        },
        Entry {
            exercise: "check_outer_loop",
            id: "empty",
            tutor: "zeros((0, 0)), then indexed: a panic, index out of bounds",
            expect: Expect::Wrong(&["panic|out of bounds"]),
            run: || check_outer_loop(ol_empty),
        },
        // ---------------- check_elementwise ----------------
        Entry {
            exercise: "check_elementwise",
            id: "right-mapv",
            tutor: "right: (a − y) * a.mapv(v(1 − v))",
            expect: Expect::Right,
            run: || check_elementwise(ew_ok_mapv),
        },
        Entry {
            exercise: "check_elementwise",
            id: "right-index",
            tutor: "right: from_shape_fn with indexing",
            expect: Expect::Right,
            run: || check_elementwise(ew_ok_index),
        },
        Entry {
            exercise: "check_elementwise",
            id: "right-pieces",
            tutor: "right: named pieces and references",
            expect: Expect::Right,
            run: || check_elementwise(ew_ok_pieces),
        },
        Entry {
            exercise: "check_elementwise",
            id: "right-in-place",
            tutor: "right: a clone changed in place with -= and *=",
            expect: Expect::Right,
            run: || check_elementwise(ew_ok_in_place),
        },
        Entry {
            exercise: "check_elementwise",
            id: "not-started",
            tutor: "the stub, untouched",
            expect: Expect::NotStarted,
            run: || check_elementwise(ew_todo),
        },
        Entry {
            exercise: "check_elementwise",
            id: "sign",
            tutor: "y − a: the sign flipped",
            expect: Expect::Wrong(&["sign"]),
            run: || check_elementwise(ew_sign),
        },
        Entry {
            exercise: "check_elementwise",
            id: "no-factor",
            tutor: "forgot the factor a(1 − a)",
            expect: Expect::Wrong(&["forgot the factor"]),
            run: || check_elementwise(ew_no_factor),
        },
        Entry {
            exercise: "check_elementwise",
            id: "one-minus-only",
            tutor: "(1 − a) alone where a(1 − a) belongs",
            expect: Expect::Wrong(&["as (1 − a)"]),
            run: || check_elementwise(ew_one_minus_only),
        },
        Entry {
            exercise: "check_elementwise",
            id: "a-only",
            tutor: "a alone where a(1 − a) belongs",
            expect: Expect::Wrong(&["written as a"]),
            run: || check_elementwise(ew_a_only),
        },
        Entry {
            exercise: "check_elementwise",
            id: "factor-of-d",
            tutor: "the factor computed from a − y instead of a",
            expect: Expect::Wrong(&["of a − y"]),
            run: || check_elementwise(ew_factor_of_d),
        },
        Entry {
            exercise: "check_elementwise",
            id: "dot",
            tutor:
                ".dot(): a matrix product where the product is elementwise; panics unless square",
            expect: Expect::Wrong(&["dot|matrix product"]),
            run: || check_elementwise(ew_dot),
        },
        Entry {
            exercise: "check_elementwise",
            id: "brackets",
            tutor: "v * 1.0 - v: brackets missing, the factor is 0",
            expect: Expect::Wrong(&["bracket"]),
            run: || check_elementwise(ew_brackets),
        },
        Entry {
            exercise: "check_elementwise",
            id: "forgot-y",
            tutor: "forgot to subtract y",
            expect: Expect::Wrong(&["forgot", "y"]),
            run: || check_elementwise(ew_forgot_y),
        },
        Entry {
            exercise: "check_elementwise",
            id: "sign-no-factor",
            tutor: "two slips: y − a, and the factor forgotten",
            expect: Expect::Wrong(&["sign", "forgot the factor"]),
            run: || check_elementwise(ew_sign_no_factor),
        },
        Entry {
            exercise: "check_elementwise",
            id: "sign-factor-of-d",
            tutor: "two slips: y − a, and the factor taken of that difference",
            expect: Expect::Wrong(&["sign", "of a − y|of the difference"]),
            run: || check_elementwise(ew_sign_factor_of_d),
        },
    ]
}
