//! Lab 07 (MiniFlow): learner answers for `check_sigmoid_backward` and
//! `check_linear_backward`. The sigmoid's answers loop over the gradients the
//! node's outbound nodes send, as the lesson's `Sigmoid.backward` does.

use super::harness::{Entry, Expect};
use backprop_lab::exercises::{check_linear_backward, check_sigmoid_backward};
use backprop_lab::ndarray::Zip;
use backprop_lab::prelude::*;

// ---------------------------------------------------------------------------
// sigmoid_backward(value, grads): dC/df = Σ over outbound nodes of s(1 − s) · grad
// ---------------------------------------------------------------------------

fn sig_right_zip(value: &ArrayD<f64>, grads: &[ArrayD<f64>]) -> ArrayD<f64> {
    let mut out = ArrayD::<f64>::zeros(value.raw_dim());
    for grad_cost in grads {
        Zip::from(&mut out)
            .and(value)
            .and(grad_cost)
            .for_each(|o, &s, &g| *o += s * (1.0 - s) * g);
    }
    out
}

fn sig_right_mapv(value: &ArrayD<f64>, grads: &[ArrayD<f64>]) -> ArrayD<f64> {
    // the slope doesn't depend on the outbound node: add the gradients first
    let mut total = ArrayD::<f64>::zeros(value.raw_dim());
    for g in grads {
        total = total + g;
    }
    value.mapv(|s| s - s * s) * total
}

fn sig_right_from_vec(value: &ArrayD<f64>, grads: &[ArrayD<f64>]) -> ArrayD<f64> {
    let mut flat = vec![0.0; value.len()];
    for grad_cost in grads {
        for (i, (s, g)) in value.iter().zip(grad_cost.iter()).enumerate() {
            flat[i] += g * s * (1.0 - s);
        }
    }
    ArrayD::from_shape_vec(value.raw_dim(), flat).unwrap()
}

fn sig_right_scalar_ops(value: &ArrayD<f64>, grads: &[ArrayD<f64>]) -> ArrayD<f64> {
    let one_minus = 1.0 - value;
    let local = value * &one_minus;
    grads
        .iter()
        .map(|g| &local * g)
        .fold(ArrayD::zeros(value.raw_dim()), |acc, x| acc + x)
}

fn sig_forgot_prime(value: &ArrayD<f64>, grads: &[ArrayD<f64>]) -> ArrayD<f64> {
    let mut out = ArrayD::zeros(value.raw_dim());
    for grad_cost in grads {
        out += grad_cost;
    }
    out
}

fn sig_sigma_not_prime(value: &ArrayD<f64>, grads: &[ArrayD<f64>]) -> ArrayD<f64> {
    let mut out = ArrayD::zeros(value.raw_dim());
    for grad_cost in grads {
        out += &(value * grad_cost);
    }
    out
}

fn sig_prime_at_s(value: &ArrayD<f64>, grads: &[ArrayD<f64>]) -> ArrayD<f64> {
    // recomputes σ, but from the node's value, which is already σ(f)
    let mut out = ArrayD::zeros(value.raw_dim());
    for grad_cost in grads {
        out += &(value.mapv(|s| sigmoid(s) * (1.0 - sigmoid(s))) * grad_cost);
    }
    out
}

fn sig_sign_flipped(value: &ArrayD<f64>, grads: &[ArrayD<f64>]) -> ArrayD<f64> {
    let mut out = ArrayD::zeros(value.raw_dim());
    for grad_cost in grads {
        out += &(value.mapv(|s| s * (s - 1.0)) * grad_cost);
    }
    out
}

fn sig_no_upstream(value: &ArrayD<f64>, grads: &[ArrayD<f64>]) -> ArrayD<f64> {
    let mut out = ArrayD::zeros(value.raw_dim());
    for _grad_cost in grads {
        out += &value.mapv(|s| s * (1.0 - s));
    }
    out
}

fn sig_added(value: &ArrayD<f64>, grads: &[ArrayD<f64>]) -> ArrayD<f64> {
    let mut out = ArrayD::zeros(value.raw_dim());
    for grad_cost in grads {
        out += &(value.mapv(|s| s * (1.0 - s)) + grad_cost);
    }
    out
}

fn sig_flattened(value: &ArrayD<f64>, grads: &[ArrayD<f64>]) -> ArrayD<f64> {
    let mut v = Array1::<f64>::zeros(value.len());
    for grad_cost in grads {
        for (i, (s, g)) in value.iter().zip(grad_cost.iter()).enumerate() {
            v[i] += s * (1.0 - s) * g;
        }
    }
    v.into_dyn()
}

fn sig_transposed(value: &ArrayD<f64>, grads: &[ArrayD<f64>]) -> ArrayD<f64> {
    let mut out = ArrayD::zeros(value.raw_dim());
    for grad_cost in grads {
        out += &(value.mapv(|s| s * (1.0 - s)) * grad_cost);
    }
    out.reversed_axes()
}

fn sig_summed_batch(value: &ArrayD<f64>, grads: &[ArrayD<f64>]) -> ArrayD<f64> {
    let mut out = ArrayD::zeros(value.raw_dim());
    for grad_cost in grads {
        out += &(value.mapv(|s| s * (1.0 - s)) * grad_cost);
    }
    out.sum_axis(Axis(0))
}

fn sig_index_past_end(value: &ArrayD<f64>, grads: &[ArrayD<f64>]) -> ArrayD<f64> {
    let s: Vec<f64> = value.iter().cloned().collect();
    let mut out = vec![0.0; s.len()];
    for grad_cost in grads {
        let g: Vec<f64> = grad_cost.iter().cloned().collect();
        for i in 0..=s.len() {
            out[i] += s[i] * (1.0 - s[i]) * g[i];
        }
    }
    ArrayD::from_shape_vec(value.raw_dim(), out).unwrap()
}

fn sig_nan(value: &ArrayD<f64>, _grads: &[ArrayD<f64>]) -> ArrayD<f64> {
    ArrayD::from_elem(value.raw_dim(), f64::NAN)
}

fn sig_empty(_value: &ArrayD<f64>, _grads: &[ArrayD<f64>]) -> ArrayD<f64> {
    ArrayD::zeros(IxDyn(&[0]))
}

fn sig_sign_no_upstream(value: &ArrayD<f64>, grads: &[ArrayD<f64>]) -> ArrayD<f64> {
    let mut out = ArrayD::zeros(value.raw_dim());
    for _ in grads {
        out += &value.mapv(|s| s * (s - 1.0));
    }
    out
}

fn sig_factor_2(value: &ArrayD<f64>, grads: &[ArrayD<f64>]) -> ArrayD<f64> {
    // squared error → a 2 in front
    let mut out = ArrayD::zeros(value.raw_dim());
    for grad_cost in grads {
        out += &(value.mapv(|s| 2.0 * s * (1.0 - s)) * grad_cost);
    }
    out
}

fn sig_tanh_prime(value: &ArrayD<f64>, grads: &[ArrayD<f64>]) -> ArrayD<f64> {
    let mut out = ArrayD::zeros(value.raw_dim());
    for grad_cost in grads {
        out += &(value.mapv(|s| 1.0 - s * s) * grad_cost);
    }
    out
}

fn sig_divided_by_m(value: &ArrayD<f64>, grads: &[ArrayD<f64>]) -> ArrayD<f64> {
    // MSE averages over the m examples, so divide here too
    let m = value.shape()[0] as f64;
    let mut out = ArrayD::zeros(value.raw_dim());
    for grad_cost in grads {
        out += &(value.mapv(|s| s * (1.0 - s)) * grad_cost / m);
    }
    out
}

fn sig_prime_at_s_and_forgot_upstream(value: &ArrayD<f64>, grads: &[ArrayD<f64>]) -> ArrayD<f64> {
    let mut out = ArrayD::zeros(value.raw_dim());
    for _g in grads {
        out += &value.mapv(|s| {
            let sg = 1.0 / (1.0 + (-s).exp());
            sg * (1.0 - sg)
        });
    }
    out
}

// The loop over the outbound nodes.

fn sig_overwrote_in_loop(value: &ArrayD<f64>, grads: &[ArrayD<f64>]) -> ArrayD<f64> {
    let mut grad = ArrayD::zeros(value.raw_dim());
    for grad_cost in grads {
        grad = value.mapv(|s| s * (1.0 - s)) * grad_cost;
    }
    grad
}

fn sig_first_outbound_only(value: &ArrayD<f64>, grads: &[ArrayD<f64>]) -> ArrayD<f64> {
    // the sigmoid feeds the cost, so there is one gradient to use
    value.mapv(|s| s * (1.0 - s)) * &grads[0]
}

fn sig_last_outbound_only(value: &ArrayD<f64>, grads: &[ArrayD<f64>]) -> ArrayD<f64> {
    let grad_cost = grads.last().unwrap();
    value.mapv(|s| s * (1.0 - s)) * grad_cost
}

fn sig_first_via_if_let(value: &ArrayD<f64>, grads: &[ArrayD<f64>]) -> ArrayD<f64> {
    if let Some(g) = grads.first() {
        let slope = value.mapv(|s| s * (1.0 - s));
        return slope * g;
    }
    ArrayD::zeros(value.raw_dim())
}

fn sig_overwrote_and_no_prime(value: &ArrayD<f64>, grads: &[ArrayD<f64>]) -> ArrayD<f64> {
    let mut grad = ArrayD::zeros(value.raw_dim());
    for grad_cost in grads {
        grad = grad_cost.clone();
    }
    grad
}

fn sig_break_after_first(value: &ArrayD<f64>, grads: &[ArrayD<f64>]) -> ArrayD<f64> {
    let mut grad = ArrayD::zeros(value.raw_dim());
    for grad_cost in grads {
        grad += &(value.mapv(|s| s * (1.0 - s)) * grad_cost);
        break; // one outbound node: the cost
    }
    grad
}

// ---------------------------------------------------------------------------
// linear_backward(x, w, grad): (G Wᵀ, Xᵀ G, Σ_rows G)
// ---------------------------------------------------------------------------

type Lin = (Array2<f64>, Array2<f64>, Array1<f64>);

fn lin_right_loops(x: &Array2<f64>, w: &Array2<f64>, grad: &Array2<f64>) -> Lin {
    let (m, n) = x.dim();
    let k = w.ncols();
    let mut dx = Array2::zeros((m, n));
    let mut dw = Array2::zeros((n, k));
    let mut db = Array1::zeros(k);
    for i in 0..m {
        for c in 0..k {
            let g = grad[[i, c]];
            db[c] += g;
            for j in 0..n {
                dx[[i, j]] += g * w[[j, c]];
                dw[[j, c]] += x[[i, j]] * g;
            }
        }
    }
    (dx, dw, db)
}

fn lin_right_reversed(x: &Array2<f64>, w: &Array2<f64>, grad: &Array2<f64>) -> Lin {
    // compute the transposes' products, then flip them back
    let dx = w.dot(&grad.t()).reversed_axes();
    let dw = grad.t().dot(x).reversed_axes();
    let db = grad.t().dot(&Array1::<f64>::ones(grad.nrows()));
    (dx, dw, db)
}

fn lin_right_outer(x: &Array2<f64>, w: &Array2<f64>, grad: &Array2<f64>) -> Lin {
    // one example at a time: dW += xᵢᵀ gᵢ, db += gᵢ, dXᵢ = gᵢ Wᵀ
    let mut dw = Array2::<f64>::zeros(w.raw_dim());
    let mut db = Array1::<f64>::zeros(w.ncols());
    let mut dx = Array2::<f64>::zeros(x.raw_dim());
    for (i, (xi, gi)) in x.rows().into_iter().zip(grad.rows()).enumerate() {
        let xcol = xi.insert_axis(Axis(1));
        let grow = gi.insert_axis(Axis(0));
        dx.row_mut(i).assign(&w.dot(&gi));
        dw = dw + xcol.dot(&grow);
        db = db + &gi;
    }
    (dx, dw, db)
}

fn lin_right_fold(x: &Array2<f64>, w: &Array2<f64>, grad: &Array2<f64>) -> Lin {
    let db = grad.fold_axis(Axis(0), 0.0, |acc, g| acc + g);
    let wt = w.t().to_owned();
    let xt = x.t().to_owned();
    (grad.dot(&wt), xt.dot(grad), db)
}

fn lin_dx_no_transpose(x: &Array2<f64>, w: &Array2<f64>, grad: &Array2<f64>) -> Lin {
    (grad.dot(w), x.t().dot(grad), grad.sum_axis(Axis(0)))
}

fn lin_dw_transposed(x: &Array2<f64>, w: &Array2<f64>, grad: &Array2<f64>) -> Lin {
    (grad.dot(&w.t()), grad.t().dot(x), grad.sum_axis(Axis(0)))
}

fn lin_dx_transposed(x: &Array2<f64>, w: &Array2<f64>, grad: &Array2<f64>) -> Lin {
    (w.dot(&grad.t()), x.t().dot(grad), grad.sum_axis(Axis(0)))
}

fn lin_db_wrong_axis(x: &Array2<f64>, w: &Array2<f64>, grad: &Array2<f64>) -> Lin {
    (grad.dot(&w.t()), x.t().dot(grad), grad.sum_axis(Axis(1)))
}

fn lin_db_mean(x: &Array2<f64>, w: &Array2<f64>, grad: &Array2<f64>) -> Lin {
    (
        grad.dot(&w.t()),
        x.t().dot(grad),
        grad.mean_axis(Axis(0)).unwrap(),
    )
}

fn lin_db_first_row(x: &Array2<f64>, w: &Array2<f64>, grad: &Array2<f64>) -> Lin {
    (grad.dot(&w.t()), x.t().dot(grad), grad.row(0).to_owned())
}

fn lin_columns_convention(x: &Array2<f64>, w: &Array2<f64>, grad: &Array2<f64>) -> Lin {
    // as in W·a + b with examples in columns: dW = δ aᵀ, da = Wᵀδ, db sums columns
    let dx = w.dot(&grad.t());
    let dw = grad.t().dot(x);
    let db = grad.sum_axis(Axis(1));
    (dx, dw, db)
}

fn lin_dw_sign(x: &Array2<f64>, w: &Array2<f64>, grad: &Array2<f64>) -> Lin {
    (grad.dot(&w.t()), -x.t().dot(grad), grad.sum_axis(Axis(0)))
}

fn lin_all_negated(x: &Array2<f64>, w: &Array2<f64>, grad: &Array2<f64>) -> Lin {
    // "we go downhill", so negate the gradients
    let dx = -grad.dot(&w.t());
    let dw = -x.t().dot(grad);
    let db = -grad.sum_axis(Axis(0));
    (dx, dw, db)
}

fn lin_swapped_dx_dw(x: &Array2<f64>, w: &Array2<f64>, grad: &Array2<f64>) -> Lin {
    let dx = grad.dot(&w.t());
    let dw = x.t().dot(grad);
    (dw, dx, grad.sum_axis(Axis(0)))
}

fn lin_nan(x: &Array2<f64>, w: &Array2<f64>, _grad: &Array2<f64>) -> Lin {
    (
        Array2::from_elem(x.raw_dim(), f64::NAN),
        Array2::from_elem(w.raw_dim(), f64::NAN),
        Array1::from_elem(w.ncols(), f64::NAN),
    )
}

fn lin_empty(_x: &Array2<f64>, _w: &Array2<f64>, _grad: &Array2<f64>) -> Lin {
    (
        Array2::zeros((0, 0)),
        Array2::zeros((0, 0)),
        Array1::zeros(0),
    )
}

fn lin_db_axis_and_dw_transposed(x: &Array2<f64>, w: &Array2<f64>, grad: &Array2<f64>) -> Lin {
    (grad.dot(&w.t()), grad.t().dot(x), grad.sum_axis(Axis(1)))
}

fn lin_db_zero(x: &Array2<f64>, w: &Array2<f64>, grad: &Array2<f64>) -> Lin {
    // b is just added, so nothing flows to it?
    (grad.dot(&w.t()), x.t().dot(grad), Array1::zeros(w.ncols()))
}

fn lin_dw_x_not_transposed(x: &Array2<f64>, w: &Array2<f64>, grad: &Array2<f64>) -> Lin {
    (grad.dot(&w.t()), x.dot(grad), grad.sum_axis(Axis(0)))
}

fn lin_db_sum_all(x: &Array2<f64>, w: &Array2<f64>, grad: &Array2<f64>) -> Lin {
    (
        grad.dot(&w.t()),
        x.t().dot(grad),
        Array1::from_elem(1, grad.sum()),
    )
}

fn lin_all_mean(x: &Array2<f64>, w: &Array2<f64>, grad: &Array2<f64>) -> Lin {
    // average over the batch, as MSE does
    let m = x.nrows() as f64;
    (
        grad.dot(&w.t()),
        x.t().dot(grad) / m,
        grad.sum_axis(Axis(0)) / m,
    )
}

pub fn corpus() -> Vec<Entry> {
    vec![
        // ---------------- check_sigmoid_backward: right ----------------
        Entry {
            exercise: "check_sigmoid_backward",
            id: "right-zip",
            tutor: "correct: adds s(1 − s)·grad for each outbound node, element by element with Zip",
            expect: Expect::Right,
            run: || check_sigmoid_backward(sig_right_zip),
        },
        Entry {
            exercise: "check_sigmoid_backward",
            id: "right-mapv-s-minus-s2",
            tutor: "correct: adds up the outbound gradients first, then multiplies by (s − s²) once",
            expect: Expect::Right,
            run: || check_sigmoid_backward(sig_right_mapv),
        },
        Entry {
            exercise: "check_sigmoid_backward",
            id: "right-from-shape-vec",
            tutor: "correct: accumulated the products in a Vec with += and rebuilt the array with the value's shape",
            expect: Expect::Right,
            run: || check_sigmoid_backward(sig_right_from_vec),
        },
        Entry {
            exercise: "check_sigmoid_backward",
            id: "right-array-arithmetic",
            tutor: "correct: 1 − s as an array, then s ⊙ (1 − s) ⊙ grad for each outbound node, summed with a fold",
            expect: Expect::Right,
            run: || check_sigmoid_backward(sig_right_scalar_ops),
        },
        // ---------------- check_sigmoid_backward: wrong ----------------
        Entry {
            exercise: "check_sigmoid_backward",
            id: "passes-grad-through",
            tutor: "passes the incoming gradient straight through, forgetting to multiply by σ′ = s(1 − s)",
            expect: Expect::Wrong(&["forgot σ′"]),
            run: || check_sigmoid_backward(sig_forgot_prime),
        },
        Entry {
            exercise: "check_sigmoid_backward",
            id: "times-s",
            tutor: "multiplies the gradient by σ = s instead of by σ′ = s(1 − s)",
            expect: Expect::Wrong(&["σ instead of σ′|dropped the (1 − s) factor"]),
            run: || check_sigmoid_backward(sig_sigma_not_prime),
        },
        Entry {
            exercise: "check_sigmoid_backward",
            id: "sigmoid-of-value",
            tutor: "applies σ again to the node's value, which is already σ(f): σ′ is evaluated at the activation",
            expect: Expect::Wrong(&["σ′ at a|applied σ to the stored value"]),
            run: || check_sigmoid_backward(sig_prime_at_s),
        },
        Entry {
            exercise: "check_sigmoid_backward",
            id: "s-times-s-minus-1",
            tutor: "wrote s(s − 1) instead of s(1 − s), flipping the sign",
            expect: Expect::Wrong(&["sign flipped"]),
            run: || check_sigmoid_backward(sig_sign_flipped),
        },
        Entry {
            exercise: "check_sigmoid_backward",
            id: "local-derivative-only",
            tutor: "returns s(1 − s) alone and forgets to multiply by the gradient coming from MSE",
            expect: Expect::Wrong(&["forgot the upstream gradient"]),
            run: || check_sigmoid_backward(sig_no_upstream),
        },
        Entry {
            exercise: "check_sigmoid_backward",
            id: "added-grad",
            tutor: "adds the incoming gradient to s(1 − s) instead of multiplying",
            expect: Expect::Wrong(&["added instead of multiplied"]),
            run: || check_sigmoid_backward(sig_added),
        },
        Entry {
            exercise: "check_sigmoid_backward",
            id: "flattened-1d",
            tutor: "the numbers are right but collected into a 1-D array, losing the value's shape",
            expect: Expect::Wrong(&["shape"]),
            run: || check_sigmoid_backward(sig_flattened),
        },
        Entry {
            exercise: "check_sigmoid_backward",
            id: "reversed-axes",
            tutor: "reversed the axes of the result, so it comes back transposed",
            expect: Expect::Wrong(&["transposed|shape"]),
            run: || check_sigmoid_backward(sig_transposed),
        },
        Entry {
            exercise: "check_sigmoid_backward",
            id: "summed-over-batch",
            tutor: "summed the gradient over the examples; the sigmoid node must pass one value per element",
            expect: Expect::Wrong(&["shape|sum"]),
            run: || check_sigmoid_backward(sig_summed_batch),
        },
        Entry {
            exercise: "check_sigmoid_backward",
            id: "loop-one-past-end",
            tutor: "the loop runs to 0..=len, so indexing one past the end panics",
            expect: Expect::Wrong(&["panic"]),
            run: || check_sigmoid_backward(sig_index_past_end),
        },
        Entry {
            exercise: "check_sigmoid_backward",
            id: "all-nan",
            tutor: "returns NaN everywhere instead of numbers",
            expect: Expect::Wrong(&["not a number"]),
            run: || check_sigmoid_backward(sig_nan),
        },
        Entry {
            exercise: "check_sigmoid_backward",
            id: "empty-array",
            tutor: "returns an empty array instead of one gradient per element",
            expect: Expect::Wrong(&["shape|empty"]),
            run: || check_sigmoid_backward(sig_empty),
        },
        Entry {
            exercise: "check_sigmoid_backward",
            id: "sign-and-no-upstream",
            tutor: "two slips: s(s − 1) has the wrong sign, and the incoming gradient is never multiplied in",
            expect: Expect::Wrong(&["sign flipped", "forgot the upstream gradient"]),
            run: || check_sigmoid_backward(sig_sign_no_upstream),
        },
        Entry {
            exercise: "check_sigmoid_backward",
            id: "extra-factor-2",
            tutor: "put the squared error's factor 2 into the sigmoid's step; MSE already sends it in the gradient",
            expect: Expect::Wrong(&["factor 2"]),
            run: || check_sigmoid_backward(sig_factor_2),
        },
        Entry {
            exercise: "check_sigmoid_backward",
            id: "tanh-derivative",
            tutor: "used 1 − s², which is tanh's derivative, not the sigmoid's s(1 − s)",
            expect: Expect::Wrong(&["tanh|1 − s²|1 - s²"]),
            run: || check_sigmoid_backward(sig_tanh_prime),
        },
        Entry {
            exercise: "check_sigmoid_backward",
            id: "divided-by-m",
            tutor: "divided by the number of examples again; MSE's gradient already carries the 1/m",
            expect: Expect::Wrong(&["mean instead of sum|divided|1/m"]),
            run: || check_sigmoid_backward(sig_divided_by_m),
        },
        Entry {
            exercise: "check_sigmoid_backward",
            id: "sigma-of-value-no-upstream",
            tutor: "two slips: σ′ is computed from σ(s) with s already an activation, and the incoming gradient is dropped",
            expect: Expect::Wrong(&["σ′ at a", "forgot the upstream gradient"]),
            run: || check_sigmoid_backward(sig_prime_at_s_and_forgot_upstream),
        },
        Entry {
            exercise: "check_sigmoid_backward",
            id: "equals-not-plus-equals",
            tutor: "wrote grad = … instead of grad += … inside the loop over the outbound nodes, so only the last one's share survives",
            expect: Expect::Wrong(&["overwrote instead of adding"]),
            run: || check_sigmoid_backward(sig_overwrote_in_loop),
        },
        Entry {
            exercise: "check_sigmoid_backward",
            id: "grads-index-0",
            tutor: "uses grads[0] only, assuming the node feeds just the cost; the other outbound node's gradient is lost",
            expect: Expect::Wrong(&["only the first outbound node"]),
            run: || check_sigmoid_backward(sig_first_outbound_only),
        },
        Entry {
            exercise: "check_sigmoid_backward",
            id: "grads-last",
            tutor: "takes grads.last() only, so every outbound node but the last is ignored",
            expect: Expect::Wrong(&["only the last outbound node|overwrote"]),
            run: || check_sigmoid_backward(sig_last_outbound_only),
        },
        Entry {
            exercise: "check_sigmoid_backward",
            id: "if-let-first",
            tutor: "returns the first outbound node's share from an if let on grads.first(), never looking at the rest",
            expect: Expect::Wrong(&["only the first outbound node"]),
            run: || check_sigmoid_backward(sig_first_via_if_let),
        },
        Entry {
            exercise: "check_sigmoid_backward",
            id: "overwrote-and-no-prime",
            tutor: "two slips: grad = grad_cost overwrites on every pass of the loop, and σ′ is never multiplied in",
            expect: Expect::Wrong(&["overwrote instead of adding", "forgot σ′"]),
            run: || check_sigmoid_backward(sig_overwrote_and_no_prime),
        },
        Entry {
            exercise: "check_sigmoid_backward",
            id: "break-after-first",
            tutor: "adds with += but breaks out of the loop after the first outbound node",
            expect: Expect::Wrong(&["only the first outbound node"]),
            run: || check_sigmoid_backward(sig_break_after_first),
        },
        // ---------------- check_linear_backward: right ----------------
        Entry {
            exercise: "check_linear_backward",
            id: "right-index-loops",
            tutor: "correct: accumulated each entry with explicit loops over examples, outputs and inputs",
            expect: Expect::Right,
            run: || check_linear_backward(lin_right_loops),
        },
        Entry {
            exercise: "check_linear_backward",
            id: "right-reversed-products",
            tutor: "correct: (W Gᵀ)ᵀ and (Gᵀ X)ᵀ are G Wᵀ and Xᵀ G; db as Gᵀ times a vector of ones",
            expect: Expect::Right,
            run: || check_linear_backward(lin_right_reversed),
        },
        Entry {
            exercise: "check_linear_backward",
            id: "right-per-example-outer",
            tutor: "correct: summed outer products xᵢᵀgᵢ over the examples and built dX row by row",
            expect: Expect::Right,
            run: || check_linear_backward(lin_right_outer),
        },
        Entry {
            exercise: "check_linear_backward",
            id: "right-fold-axis",
            tutor: "correct: owned transposes for the products and fold_axis for the bias sum",
            expect: Expect::Right,
            run: || check_linear_backward(lin_right_fold),
        },
        // ---------------- check_linear_backward: wrong ----------------
        Entry {
            exercise: "check_linear_backward",
            id: "dx-g-dot-w",
            tutor: "∂C/∂X = G·W without the transpose: the inner dimensions do not match and the product panics",
            expect: Expect::Wrong(&["panic|not transposed"]),
            run: || check_linear_backward(lin_dx_no_transpose),
        },
        Entry {
            exercise: "check_linear_backward",
            id: "dw-transposed",
            tutor: "∂C/∂W = Gᵀ·X has shape (k, n): it is the transpose of Xᵀ·G",
            expect: Expect::Wrong(&["transposed", "∂C/∂W|dC/dW"]),
            run: || check_linear_backward(lin_dw_transposed),
        },
        Entry {
            exercise: "check_linear_backward",
            id: "dx-transposed",
            tutor: "∂C/∂X = W·Gᵀ is (n, m), the transpose of G·Wᵀ",
            expect: Expect::Wrong(&["transposed", "∂C/∂X|dC/dX"]),
            run: || check_linear_backward(lin_dx_transposed),
        },
        Entry {
            exercise: "check_linear_backward",
            id: "db-axis-1",
            tutor: "∂C/∂b sums G over its columns (Axis(1)) instead of over the examples (Axis(0))",
            expect: Expect::Wrong(&["wrong axis", "∂C/∂b|dC/db"]),
            run: || check_linear_backward(lin_db_wrong_axis),
        },
        Entry {
            exercise: "check_linear_backward",
            id: "db-mean",
            tutor: "∂C/∂b averages G over the examples; b is added to every row, so its gradient is the sum",
            expect: Expect::Wrong(&["mean instead of sum", "∂C/∂b|dC/db"]),
            run: || check_linear_backward(lin_db_mean),
        },
        Entry {
            exercise: "check_linear_backward",
            id: "db-first-row",
            tutor: "∂C/∂b takes only the first example's row of G instead of summing all rows",
            expect: Expect::Wrong(&["∂C/∂b|dC/db", "first|sum"]),
            run: || check_linear_backward(lin_db_first_row),
        },
        Entry {
            exercise: "check_linear_backward",
            id: "columns-convention",
            tutor: "used the W·a + b convention with examples in columns: ∂C/∂X and ∂C/∂W come out transposed and b is summed along the wrong axis",
            expect: Expect::Wrong(&["transposed", "wrong axis"]),
            run: || check_linear_backward(lin_columns_convention),
        },
        Entry {
            exercise: "check_linear_backward",
            id: "dw-negated",
            tutor: "∂C/∂W has a stray minus sign; the others are right",
            expect: Expect::Wrong(&["sign flipped", "∂C/∂W|dC/dW"]),
            run: || check_linear_backward(lin_dw_sign),
        },
        Entry {
            exercise: "check_linear_backward",
            id: "all-negated",
            tutor: "negated all three gradients, mixing up the gradient with the descent step",
            expect: Expect::Wrong(&["sign flipped"]),
            run: || check_linear_backward(lin_all_negated),
        },
        Entry {
            exercise: "check_linear_backward",
            id: "swapped-dx-dw",
            tutor: "returned (∂C/∂W, ∂C/∂X, ∂C/∂b): the first two outputs are swapped",
            expect: Expect::Wrong(&["swapped"]),
            run: || check_linear_backward(lin_swapped_dx_dw),
        },
        Entry {
            exercise: "check_linear_backward",
            id: "all-nan",
            tutor: "returns arrays of the right shapes full of NaN",
            expect: Expect::Wrong(&["not a number"]),
            run: || check_linear_backward(lin_nan),
        },
        Entry {
            exercise: "check_linear_backward",
            id: "all-empty",
            tutor: "returns empty arrays instead of the three gradients",
            expect: Expect::Wrong(&["shape|empty"]),
            run: || check_linear_backward(lin_empty),
        },
        Entry {
            exercise: "check_linear_backward",
            id: "dw-transposed-db-axis",
            tutor: "two slips: ∂C/∂W is Gᵀ·X (transposed) and ∂C/∂b sums along Axis(1)",
            expect: Expect::Wrong(&["transposed", "wrong axis"]),
            run: || check_linear_backward(lin_db_axis_and_dw_transposed),
        },
        Entry {
            exercise: "check_linear_backward",
            id: "db-zeros",
            tutor: "returned zeros for ∂C/∂b as if the bias had no gradient; it gets G summed over the examples",
            expect: Expect::Wrong(&["∂C/∂b|dC/db|bias", "zero|forgot"]),
            run: || check_linear_backward(lin_db_zero),
        },
        Entry {
            exercise: "check_linear_backward",
            id: "dw-x-dot-g",
            tutor: "∂C/∂W = X·G misses the transpose on X (it only runs when m = n, and gives the wrong numbers then)",
            expect: Expect::Wrong(&["∂C/∂W|dC/dW|panic", "transpose|panic"]),
            run: || check_linear_backward(lin_dw_x_not_transposed),
        },
        Entry {
            exercise: "check_linear_backward",
            id: "db-sum-everything",
            tutor: "∂C/∂b sums every entry of G into one number, giving shape (1,) instead of one value per output",
            expect: Expect::Wrong(&["shape", "∂C/∂b|dC/db"]),
            run: || check_linear_backward(lin_db_sum_all),
        },
        Entry {
            exercise: "check_linear_backward",
            id: "dw-db-divided-by-m",
            tutor: "divided ∂C/∂W and ∂C/∂b by the batch size; the MSE node already averaged, so these are plain sums",
            expect: Expect::Wrong(&["mean instead of sum"]),
            run: || check_linear_backward(lin_all_mean),
        },
    ]
}
