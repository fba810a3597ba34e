//! Learner answers for notebook 08 (tensors, einsum, batched backprop).

use backprop_lab::exercises::{
    check_backprop_stacks, check_einsum_loops, check_einsum_subscripts, check_product_gradients,
};
use backprop_lab::prelude::*;
use backprop_lab::tensor::{
    add_trailing_axis, batch_matmul, matmul_stack, mean_axis0, sum_axis0, transpose_stack,
};

use super::harness::{Entry, Expect};

type Grads = (Vec<Array2<f64>>, Vec<Array2<f64>>);

// ---------------------------------------------------------------------------
// check_einsum_loops: the loops of 'nij,nj->ni'
// ---------------------------------------------------------------------------

/// Right: one matrix-vector product per example, through ndarray's `dot`.
fn loops_ok_dot(t: &Array3<f64>, v: &Array2<f64>) -> Array2<f64> {
    let (n, i, _) = t.dim();
    let mut out = Array2::zeros((n, i));
    for (k, (mat, vec)) in t.outer_iter().zip(v.outer_iter()).enumerate() {
        out.row_mut(k).assign(&mat.dot(&vec));
    }
    out
}

/// Right: `from_shape_fn` with an iterator sum over j.
fn loops_ok_shape_fn(t: &Array3<f64>, v: &Array2<f64>) -> Array2<f64> {
    let (n, i, j) = t.dim();
    Array2::from_shape_fn((n, i), |(a, b)| {
        (0..j).map(|c| t[[a, b, c]] * v[[a, c]]).sum()
    })
}

/// Right: j as the outer loop, accumulating with `+=`.
fn loops_ok_j_outer(t: &Array3<f64>, v: &Array2<f64>) -> Array2<f64> {
    let (n_len, i_len, j_len) = t.dim();
    let mut out = Array2::<f64>::zeros((n_len, i_len));
    for j in 0..j_len {
        for n in 0..n_len {
            for i in 0..i_len {
                out[[n, i]] += t[[n, i, j]] * v[[n, j]];
            }
        }
    }
    out
}

/// Right: the einsum itself, as the notebook allows.
fn loops_ok_einsum(t: &Array3<f64>, v: &Array2<f64>) -> Array2<f64> {
    einsum("nij,nj->ni", &[t, v])
        .unwrap()
        .into_dimensionality::<Ix2>()
        .unwrap()
}

/// Wrong: `=` where `+=` belongs, so only the last j survives.
fn loops_overwrite(t: &Array3<f64>, v: &Array2<f64>) -> Array2<f64> {
    let (n_len, i_len, j_len) = t.dim();
    let mut out = Array2::zeros((n_len, i_len));
    for n in 0..n_len {
        for i in 0..i_len {
            for j in 0..j_len {
                out[[n, i]] = t[[n, i, j]] * v[[n, j]];
            }
        }
    }
    out
}

/// Wrong: reads the matrix as t[n, j, i], i.e. multiplies by its transpose.
fn loops_transposed_matrix(t: &Array3<f64>, v: &Array2<f64>) -> Array2<f64> {
    let (n_len, i_len, j_len) = t.dim();
    let mut out = Array2::zeros((n_len, i_len));
    for n in 0..n_len {
        for i in 0..i_len {
            let mut acc = 0.0;
            for j in 0..j_len {
                acc += t[[n, j, i]] * v[[n, j]];
            }
            out[[n, i]] = acc;
        }
    }
    out
}

/// Wrong: indexes v as v[j, n] (columns-as-examples habit).
fn loops_v_swapped(t: &Array3<f64>, v: &Array2<f64>) -> Array2<f64> {
    let (n_len, i_len, j_len) = t.dim();
    let mut out = Array2::zeros((n_len, i_len));
    for n in 0..n_len {
        for i in 0..i_len {
            for j in 0..j_len {
                out[[n, i]] += t[[n, i, j]] * v[[j, n]];
            }
        }
    }
    out
}

/// Wrong: result laid out (I, N), examples in columns.
fn loops_result_transposed(t: &Array3<f64>, v: &Array2<f64>) -> Array2<f64> {
    let (n_len, i_len, j_len) = t.dim();
    let mut out = Array2::zeros((i_len, n_len));
    for n in 0..n_len {
        for i in 0..i_len {
            for j in 0..j_len {
                out[[i, n]] += t[[n, i, j]] * v[[n, j]];
            }
        }
    }
    out
}

/// Wrong: the right numbers, flattened into one row.
fn loops_flat_row(t: &Array3<f64>, v: &Array2<f64>) -> Array2<f64> {
    let (n_len, i_len, j_len) = t.dim();
    let mut flat = Vec::with_capacity(n_len * i_len);
    for n in 0..n_len {
        for i in 0..i_len {
            flat.push((0..j_len).map(|j| t[[n, i, j]] * v[[n, j]]).sum::<f64>());
        }
    }
    Array2::from_shape_vec((1, n_len * i_len), flat).unwrap()
}

/// Wrong: the j loop stops one short.
fn loops_off_by_one(t: &Array3<f64>, v: &Array2<f64>) -> Array2<f64> {
    let (n_len, i_len, j_len) = t.dim();
    let mut out = Array2::zeros((n_len, i_len));
    for n in 0..n_len {
        for i in 0..i_len {
            for j in 0..j_len - 1 {
                out[[n, i]] += t[[n, i, j]] * v[[n, j]];
            }
        }
    }
    out
}

/// Wrong: divides by J, a mean over j instead of the sum.
fn loops_mean(t: &Array3<f64>, v: &Array2<f64>) -> Array2<f64> {
    let (n_len, i_len, j_len) = t.dim();
    let mut out = Array2::zeros((n_len, i_len));
    for n in 0..n_len {
        for i in 0..i_len {
            let mut acc = 0.0;
            for j in 0..j_len {
                acc += t[[n, i, j]] * v[[n, j]];
            }
            out[[n, i]] = acc / j_len as f64;
        }
    }
    out
}

/// Wrong: t + v inside the sum.
fn loops_added(t: &Array3<f64>, v: &Array2<f64>) -> Array2<f64> {
    let (n_len, i_len, j_len) = t.dim();
    let mut out = Array2::zeros((n_len, i_len));
    for n in 0..n_len {
        for i in 0..i_len {
            for j in 0..j_len {
                out[[n, i]] += t[[n, i, j]] + v[[n, j]];
            }
        }
    }
    out
}

/// Wrong: multiplies the products together instead of summing them.
fn loops_product(t: &Array3<f64>, v: &Array2<f64>) -> Array2<f64> {
    let (n_len, i_len, j_len) = t.dim();
    let mut out = Array2::ones((n_len, i_len));
    for n in 0..n_len {
        for i in 0..i_len {
            for j in 0..j_len {
                out[[n, i]] *= t[[n, i, j]] * v[[n, j]];
            }
        }
    }
    out
}

/// Wrong: every vector multiplied by the first matrix of the stack.
fn loops_first_matrix(t: &Array3<f64>, v: &Array2<f64>) -> Array2<f64> {
    let (n_len, i_len, j_len) = t.dim();
    let mut out = Array2::zeros((n_len, i_len));
    for n in 0..n_len {
        for i in 0..i_len {
            for j in 0..j_len {
                out[[n, i]] += t[[0, i, j]] * v[[n, j]];
            }
        }
    }
    out
}

/// Wrong twice: (I, N) layout and `=` instead of `+=`.
fn loops_transposed_and_overwrite(t: &Array3<f64>, v: &Array2<f64>) -> Array2<f64> {
    let (n_len, i_len, j_len) = t.dim();
    let mut out = Array2::zeros((i_len, n_len));
    for n in 0..n_len {
        for i in 0..i_len {
            for j in 0..j_len {
                out[[i, n]] = t[[n, i, j]] * v[[n, j]];
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------
// check_backprop_stacks
// ---------------------------------------------------------------------------

/// The forward pass as stacks (N, k, 1), a^0 … a^L.
fn stacks_of(net: &Network, x: &Array2<f64>) -> Vec<Array3<f64>> {
    let trace = net.feedforward_batch(x).unwrap();
    trace
        .activations
        .iter()
        .map(|a| add_trailing_axis(&a.t()))
        .collect()
}

/// Right: builds the lists front to back with preallocated slots and runs the
/// forward pass by hand with stacks.
fn bp_ok_manual_forward(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let bs = net.biases();
    let layers = ws.len();
    let mut acts = vec![add_trailing_axis(x)];
    for l in 0..layers {
        let z = matmul_stack(&ws[l], &acts[l]).unwrap() + &bs[l];
        acts.push(z.mapv(sigmoid));
    }
    let mut nabla_w: Vec<Array2<f64>> = ws.iter().map(|w| Array2::zeros(w.dim())).collect();
    let mut nabla_b: Vec<Array2<f64>> = bs.iter().map(|b| Array2::zeros(b.dim())).collect();
    let target = add_trailing_axis(y);
    let out = &acts[layers];
    let mut delta = (out - &target) * out.mapv(|a| a * (1.0 - a));
    let mut l = layers;
    while l > 0 {
        l -= 1;
        nabla_b[l] = sum_axis0(&delta).unwrap();
        let outer = batch_matmul(&delta, &transpose_stack(&acts[l])).unwrap();
        nabla_w[l] = sum_axis0(&outer).unwrap();
        if l > 0 {
            let back = matmul_stack(&ws[l].t(), &delta).unwrap();
            delta = back * acts[l].mapv(|a| a * (1.0 - a));
        }
    }
    (nabla_w, nabla_b)
}

/// Right: σ′ from the activities z with `sigmoid_prime`, and the stack of outer
/// products filled and summed by an explicit loop over the examples.
fn bp_ok_loop_over_stack(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let trace = net.feedforward_batch(x).unwrap();
    let ws = net.weights();
    let layers = ws.len();
    let n = x.nrows();
    let a: Vec<Array3<f64>> = trace
        .activations
        .iter()
        .map(|m| add_trailing_axis(&m.t()))
        .collect();
    let zp: Vec<Array3<f64>> = trace
        .activities
        .iter()
        .map(|m| add_trailing_axis(&m.t()).mapv(sigmoid_prime))
        .collect();
    let mut deltas: Vec<Array3<f64>> = Vec::new();
    let y3 = add_trailing_axis(y);
    deltas.push((&a[layers] - &y3) * &zp[layers - 1]);
    for l in (0..layers - 1).rev() {
        let above = deltas.last().unwrap();
        let d = matmul_stack(&ws[l + 1].t(), above).unwrap() * &zp[l];
        deltas.push(d);
    }
    deltas.reverse();
    let mut nabla_w = Vec::new();
    let mut nabla_b = Vec::new();
    for l in 0..layers {
        let (rows, cols) = ws[l].dim();
        let mut outers = Array3::<f64>::zeros((n, rows, cols));
        for k in 0..n {
            let d = deltas[l].index_axis(Axis(0), k);
            let prev = a[l].index_axis(Axis(0), k);
            outers.index_axis_mut(Axis(0), k).assign(&d.dot(&prev.t()));
        }
        let mut gw = Array2::<f64>::zeros((rows, cols));
        for k in 0..n {
            gw += &outers.index_axis(Axis(0), k);
        }
        nabla_w.push(gw);
        nabla_b.push(deltas[l].sum_axis(Axis(0)));
    }
    (nabla_w, nabla_b)
}

/// Right: examples as rows, (N, k) matrices, the sums done by einsum (the
/// `'nk,nj->kj'` form the notebook mentions).
fn bp_ok_einsum_rows(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let trace = net.feedforward_batch(x).unwrap();
    let ws = net.weights();
    let layers = ws.len();
    let a: Vec<Array2<f64>> = trace.activations.iter().map(|m| m.t().to_owned()).collect();
    let mut grads_w = Vec::new();
    let mut grads_b = Vec::new();
    let mut delta = (&a[layers] - y) * a[layers].mapv(|v| v * (1.0 - v));
    for l in (0..layers).rev() {
        let gw = einsum("nk,nj->kj", &[&delta, &a[l]])
            .unwrap()
            .into_dimensionality::<Ix2>()
            .unwrap();
        grads_w.insert(0, gw);
        grads_b.insert(0, delta.sum_axis(Axis(0)).insert_axis(Axis(1)));
        if l > 0 {
            delta = delta.dot(&ws[l]) * a[l].mapv(|v| v * (1.0 - v));
        }
    }
    (grads_w, grads_b)
}

/// Wrong: δᴸ = a − y, no σ′ in BP1 (BP2 keeps it).
fn bp_forgot_prime_bp1(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let a = stacks_of(net, x);
    let ws = net.weights();
    let nl = ws.len();
    let mut nabla_w = Vec::new();
    let mut nabla_b = Vec::new();
    let mut delta = &a[nl] - &add_trailing_axis(y);
    for l in (0..nl).rev() {
        if l + 1 < nl {
            delta =
                matmul_stack(&ws[l + 1].t(), &delta).unwrap() * a[l + 1].mapv(|v| v * (1.0 - v));
        }
        nabla_b.push(sum_axis0(&delta).unwrap());
        nabla_w.push(sum_axis0(&batch_matmul(&delta, &transpose_stack(&a[l])).unwrap()).unwrap());
    }
    nabla_w.reverse();
    nabla_b.reverse();
    (nabla_w, nabla_b)
}

/// Wrong: BP2 without σ′(zˡ); BP1 is right.
fn bp_forgot_prime_bp2(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let a = stacks_of(net, x);
    let ws = net.weights();
    let nl = ws.len();
    let mut nabla_w = Vec::new();
    let mut nabla_b = Vec::new();
    let out = &a[nl];
    let mut delta = (out - &add_trailing_axis(y)) * out.mapv(|v| v * (1.0 - v));
    for l in (0..nl).rev() {
        if l + 1 < nl {
            delta = matmul_stack(&ws[l + 1].t(), &delta).unwrap();
        }
        nabla_b.push(sum_axis0(&delta).unwrap());
        nabla_w.push(sum_axis0(&batch_matmul(&delta, &transpose_stack(&a[l])).unwrap()).unwrap());
    }
    nabla_w.reverse();
    nabla_b.reverse();
    (nabla_w, nabla_b)
}

/// Wrong: skips σ′ when going back into layer 1 ("the input has no activation").
fn bp_forgot_prime_layer1(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let a = stacks_of(net, x);
    let ws = net.weights();
    let nl = ws.len();
    let mut nabla_w = Vec::new();
    let mut nabla_b = Vec::new();
    let out = &a[nl];
    let mut delta = (out - &add_trailing_axis(y)) * out.mapv(|v| v * (1.0 - v));
    for l in (0..nl).rev() {
        if l + 1 < nl {
            let back = matmul_stack(&ws[l + 1].t(), &delta).unwrap();
            // the first layer sits on the raw input, so no sigmoid slope there
            delta = if l == 0 {
                back
            } else {
                back * a[l + 1].mapv(|v| v * (1.0 - v))
            };
        }
        nabla_b.push(sum_axis0(&delta).unwrap());
        nabla_w.push(sum_axis0(&batch_matmul(&delta, &transpose_stack(&a[l])).unwrap()).unwrap());
    }
    nabla_w.reverse();
    nabla_b.reverse();
    (nabla_w, nabla_b)
}

/// Wrong: no σ′ anywhere.
fn bp_forgot_prime_everywhere(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let a = stacks_of(net, x);
    let ws = net.weights();
    let nl = ws.len();
    let mut nabla_w = Vec::new();
    let mut nabla_b = Vec::new();
    let mut delta = &a[nl] - &add_trailing_axis(y);
    for l in (0..nl).rev() {
        if l + 1 < nl {
            delta = matmul_stack(&ws[l + 1].t(), &delta).unwrap();
        }
        nabla_b.push(sum_axis0(&delta).unwrap());
        nabla_w.push(sum_axis0(&batch_matmul(&delta, &transpose_stack(&a[l])).unwrap()).unwrap());
    }
    nabla_w.reverse();
    nabla_b.reverse();
    (nabla_w, nabla_b)
}

/// Wrong: multiplies by σ(z) = a where σ′(z) = a(1 − a) belongs, everywhere.
fn bp_sigma_instead_of_prime(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let a = stacks_of(net, x);
    let ws = net.weights();
    let nl = ws.len();
    let mut nabla_w = Vec::new();
    let mut nabla_b = Vec::new();
    let mut delta = (&a[nl] - &add_trailing_axis(y)) * &a[nl];
    for l in (0..nl).rev() {
        if l + 1 < nl {
            delta = matmul_stack(&ws[l + 1].t(), &delta).unwrap() * &a[l + 1];
        }
        nabla_b.push(sum_axis0(&delta).unwrap());
        nabla_w.push(sum_axis0(&batch_matmul(&delta, &transpose_stack(&a[l])).unwrap()).unwrap());
    }
    nabla_w.reverse();
    nabla_b.reverse();
    (nabla_w, nabla_b)
}

/// Wrong: `sigmoid_prime` applied to the activations a (σ′(a) = σ(a)(1 − σ(a))).
fn bp_prime_at_a(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let a = stacks_of(net, x);
    let ws = net.weights();
    let nl = ws.len();
    let mut nabla_w = Vec::new();
    let mut nabla_b = Vec::new();
    let mut delta = (&a[nl] - &add_trailing_axis(y)) * a[nl].mapv(sigmoid_prime);
    for l in (0..nl).rev() {
        if l + 1 < nl {
            delta = matmul_stack(&ws[l + 1].t(), &delta).unwrap() * a[l + 1].mapv(sigmoid_prime);
        }
        nabla_b.push(sum_axis0(&delta).unwrap());
        nabla_w.push(sum_axis0(&batch_matmul(&delta, &transpose_stack(&a[l])).unwrap()).unwrap());
    }
    nabla_w.reverse();
    nabla_b.reverse();
    (nabla_w, nabla_b)
}

/// Wrong: mean_axis0 for BP3 and BP4 (the notebook-03 habit of averaging).
fn bp_mean_instead_of_sum(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let a = stacks_of(net, x);
    let ws = net.weights();
    let nl = ws.len();
    let mut nabla_w = Vec::new();
    let mut nabla_b = Vec::new();
    let out = &a[nl];
    let mut delta = (out - &add_trailing_axis(y)) * out.mapv(|v| v * (1.0 - v));
    for l in (0..nl).rev() {
        if l + 1 < nl {
            delta =
                matmul_stack(&ws[l + 1].t(), &delta).unwrap() * a[l + 1].mapv(|v| v * (1.0 - v));
        }
        nabla_b.push(mean_axis0(&delta).unwrap());
        nabla_w.push(mean_axis0(&batch_matmul(&delta, &transpose_stack(&a[l])).unwrap()).unwrap());
    }
    nabla_w.reverse();
    nabla_b.reverse();
    (nabla_w, nabla_b)
}

/// Wrong: mean in BP3 only; BP4 sums.
fn bp_mean_in_bp3(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let a = stacks_of(net, x);
    let ws = net.weights();
    let nl = ws.len();
    let mut nabla_w = Vec::new();
    let mut nabla_b = Vec::new();
    let out = &a[nl];
    let mut delta = (out - &add_trailing_axis(y)) * out.mapv(|v| v * (1.0 - v));
    for l in (0..nl).rev() {
        if l + 1 < nl {
            delta =
                matmul_stack(&ws[l + 1].t(), &delta).unwrap() * a[l + 1].mapv(|v| v * (1.0 - v));
        }
        nabla_b.push(mean_axis0(&delta).unwrap());
        nabla_w.push(sum_axis0(&batch_matmul(&delta, &transpose_stack(&a[l])).unwrap()).unwrap());
    }
    nabla_w.reverse();
    nabla_b.reverse();
    (nabla_w, nabla_b)
}

/// Wrong: BP2 with W^{l+1} instead of its transpose.
fn bp_w_not_transposed(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let a = stacks_of(net, x);
    let ws = net.weights();
    let nl = ws.len();
    let mut nabla_w = Vec::new();
    let mut nabla_b = Vec::new();
    let out = &a[nl];
    let mut delta = (out - &add_trailing_axis(y)) * out.mapv(|v| v * (1.0 - v));
    for l in (0..nl).rev() {
        if l + 1 < nl {
            delta = matmul_stack(&ws[l + 1], &delta).unwrap() * a[l + 1].mapv(|v| v * (1.0 - v));
        }
        nabla_b.push(sum_axis0(&delta).unwrap());
        nabla_w.push(sum_axis0(&batch_matmul(&delta, &transpose_stack(&a[l])).unwrap()).unwrap());
    }
    nabla_w.reverse();
    nabla_b.reverse();
    (nabla_w, nabla_b)
}

/// Wrong: BP4 as a δᵀ (rows-as-examples habit from MiniFlow), so ∂C/∂W comes out transposed.
fn bp_nabla_w_transposed(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let a = stacks_of(net, x);
    let ws = net.weights();
    let nl = ws.len();
    let mut nabla_w = Vec::new();
    let mut nabla_b = Vec::new();
    let out = &a[nl];
    let mut delta = (out - &add_trailing_axis(y)) * out.mapv(|v| v * (1.0 - v));
    for l in (0..nl).rev() {
        if l + 1 < nl {
            delta =
                matmul_stack(&ws[l + 1].t(), &delta).unwrap() * a[l + 1].mapv(|v| v * (1.0 - v));
        }
        nabla_b.push(sum_axis0(&delta).unwrap());
        nabla_w.push(sum_axis0(&batch_matmul(&a[l], &transpose_stack(&delta)).unwrap()).unwrap());
    }
    nabla_w.reverse();
    nabla_b.reverse();
    (nabla_w, nabla_b)
}

/// Wrong: BP4 with aˡ instead of aˡ⁻¹.
fn bp_bp4_off_by_one(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let a = stacks_of(net, x);
    let ws = net.weights();
    let nl = ws.len();
    let mut nabla_w = Vec::new();
    let mut nabla_b = Vec::new();
    let out = &a[nl];
    let mut delta = (out - &add_trailing_axis(y)) * out.mapv(|v| v * (1.0 - v));
    for l in (0..nl).rev() {
        if l + 1 < nl {
            delta =
                matmul_stack(&ws[l + 1].t(), &delta).unwrap() * a[l + 1].mapv(|v| v * (1.0 - v));
        }
        nabla_b.push(sum_axis0(&delta).unwrap());
        nabla_w
            .push(sum_axis0(&batch_matmul(&delta, &transpose_stack(&a[l + 1])).unwrap()).unwrap());
    }
    nabla_w.reverse();
    nabla_b.reverse();
    (nabla_w, nabla_b)
}

/// Wrong: BP4 with the activity z^{l−1} where a^{l−1} belongs (x for layer 1).
fn bp_z_where_a(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let trace = net.feedforward_batch(x).unwrap();
    let a: Vec<Array3<f64>> = trace
        .activations
        .iter()
        .map(|m| add_trailing_axis(&m.t()))
        .collect();
    let z: Vec<Array3<f64>> = trace
        .activities
        .iter()
        .map(|m| add_trailing_axis(&m.t()))
        .collect();
    let ws = net.weights();
    let nl = ws.len();
    let mut nabla_w = Vec::new();
    let mut nabla_b = Vec::new();
    let out = &a[nl];
    let mut delta = (out - &add_trailing_axis(y)) * out.mapv(|v| v * (1.0 - v));
    for l in (0..nl).rev() {
        if l + 1 < nl {
            delta =
                matmul_stack(&ws[l + 1].t(), &delta).unwrap() * a[l + 1].mapv(|v| v * (1.0 - v));
        }
        let input = if l == 0 { &a[0] } else { &z[l - 1] };
        nabla_b.push(sum_axis0(&delta).unwrap());
        nabla_w.push(sum_axis0(&batch_matmul(&delta, &transpose_stack(input)).unwrap()).unwrap());
    }
    nabla_w.reverse();
    nabla_b.reverse();
    (nabla_w, nabla_b)
}

/// Wrong: δᴸ = 2(a − y)σ′, notebook 05's cost (a − y)².
fn bp_factor_two(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let a = stacks_of(net, x);
    let ws = net.weights();
    let nl = ws.len();
    let mut nabla_w = Vec::new();
    let mut nabla_b = Vec::new();
    let out = &a[nl];
    let mut delta = (out - &add_trailing_axis(y)) * 2.0 * out.mapv(|v| v * (1.0 - v));
    for l in (0..nl).rev() {
        if l + 1 < nl {
            delta =
                matmul_stack(&ws[l + 1].t(), &delta).unwrap() * a[l + 1].mapv(|v| v * (1.0 - v));
        }
        nabla_b.push(sum_axis0(&delta).unwrap());
        nabla_w.push(sum_axis0(&batch_matmul(&delta, &transpose_stack(&a[l])).unwrap()).unwrap());
    }
    nabla_w.reverse();
    nabla_b.reverse();
    (nabla_w, nabla_b)
}

/// Wrong: y − a in BP1.
fn bp_sign_flipped(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let a = stacks_of(net, x);
    let ws = net.weights();
    let nl = ws.len();
    let mut nabla_w = Vec::new();
    let mut nabla_b = Vec::new();
    let out = &a[nl];
    let mut delta = (&add_trailing_axis(y) - out) * out.mapv(|v| v * (1.0 - v));
    for l in (0..nl).rev() {
        if l + 1 < nl {
            delta =
                matmul_stack(&ws[l + 1].t(), &delta).unwrap() * a[l + 1].mapv(|v| v * (1.0 - v));
        }
        nabla_b.push(sum_axis0(&delta).unwrap());
        nabla_w.push(sum_axis0(&batch_matmul(&delta, &transpose_stack(&a[l])).unwrap()).unwrap());
    }
    nabla_w.reverse();
    nabla_b.reverse();
    (nabla_w, nabla_b)
}

/// Wrong: BP3 sums over the neuron axis (1) instead of the stack axis (0).
fn bp_bias_wrong_axis(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let a = stacks_of(net, x);
    let ws = net.weights();
    let nl = ws.len();
    let mut nabla_w = Vec::new();
    let mut nabla_b = Vec::new();
    let out = &a[nl];
    let mut delta = (out - &add_trailing_axis(y)) * out.mapv(|v| v * (1.0 - v));
    for l in (0..nl).rev() {
        if l + 1 < nl {
            delta =
                matmul_stack(&ws[l + 1].t(), &delta).unwrap() * a[l + 1].mapv(|v| v * (1.0 - v));
        }
        nabla_b.push(delta.sum_axis(Axis(1)));
        nabla_w.push(sum_axis0(&batch_matmul(&delta, &transpose_stack(&a[l])).unwrap()).unwrap());
    }
    nabla_w.reverse();
    nabla_b.reverse();
    (nabla_w, nabla_b)
}

/// Wrong: ∂C/∂b returned as a row (1, k), the right numbers in the wrong shape.
fn bp_bias_row(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let a = stacks_of(net, x);
    let ws = net.weights();
    let nl = ws.len();
    let mut nabla_w = Vec::new();
    let mut nabla_b = Vec::new();
    let out = &a[nl];
    let mut delta = (out - &add_trailing_axis(y)) * out.mapv(|v| v * (1.0 - v));
    for l in (0..nl).rev() {
        if l + 1 < nl {
            delta =
                matmul_stack(&ws[l + 1].t(), &delta).unwrap() * a[l + 1].mapv(|v| v * (1.0 - v));
        }
        let per_neuron: Vec<f64> = sum_axis0(&delta).unwrap().iter().copied().collect();
        nabla_b.push(Array2::from_shape_vec((1, per_neuron.len()), per_neuron).unwrap());
        nabla_w.push(sum_axis0(&batch_matmul(&delta, &transpose_stack(&a[l])).unwrap()).unwrap());
    }
    nabla_w.reverse();
    nabla_b.reverse();
    (nabla_w, nabla_b)
}

/// Wrong: pushed while walking back and never reversed, so the lists run L … 1.
fn bp_lists_reversed(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let a = stacks_of(net, x);
    let ws = net.weights();
    let nl = ws.len();
    let mut nabla_w = Vec::new();
    let mut nabla_b = Vec::new();
    let out = &a[nl];
    let mut delta = (out - &add_trailing_axis(y)) * out.mapv(|v| v * (1.0 - v));
    for l in (0..nl).rev() {
        if l + 1 < nl {
            delta =
                matmul_stack(&ws[l + 1].t(), &delta).unwrap() * a[l + 1].mapv(|v| v * (1.0 - v));
        }
        nabla_b.push(sum_axis0(&delta).unwrap());
        nabla_w.push(sum_axis0(&batch_matmul(&delta, &transpose_stack(&a[l])).unwrap()).unwrap());
    }
    (nabla_w, nabla_b)
}

/// Wrong: turns y into a stack with the same `.t()` recipe as the activations,
/// although y is already (N, outputs).
fn bp_y_transposed(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let a = stacks_of(net, x);
    let ys = add_trailing_axis(&y.t());
    let ws = net.weights();
    let nl = ws.len();
    let mut nabla_w = Vec::new();
    let mut nabla_b = Vec::new();
    let out = &a[nl];
    let mut delta = (out - &ys) * out.mapv(|v| v * (1.0 - v));
    for l in (0..nl).rev() {
        if l + 1 < nl {
            delta =
                matmul_stack(&ws[l + 1].t(), &delta).unwrap() * a[l + 1].mapv(|v| v * (1.0 - v));
        }
        nabla_b.push(sum_axis0(&delta).unwrap());
        nabla_w.push(sum_axis0(&batch_matmul(&delta, &transpose_stack(&a[l])).unwrap()).unwrap());
    }
    nabla_w.reverse();
    nabla_b.reverse();
    (nabla_w, nabla_b)
}

/// Wrong: sums the stack by hand with `=` instead of `+=`, keeping only the last example.
fn bp_overwrote(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let a = stacks_of(net, x);
    let ws = net.weights();
    let nl = ws.len();
    let n = x.nrows();
    let mut nabla_w = vec![Array2::zeros((0, 0)); nl];
    let mut nabla_b = vec![Array2::zeros((0, 0)); nl];
    let out = &a[nl];
    let mut delta = (out - &add_trailing_axis(y)) * out.mapv(|v| v * (1.0 - v));
    for l in (0..nl).rev() {
        if l + 1 < nl {
            delta =
                matmul_stack(&ws[l + 1].t(), &delta).unwrap() * a[l + 1].mapv(|v| v * (1.0 - v));
        }
        let outers = batch_matmul(&delta, &transpose_stack(&a[l])).unwrap();
        for k in 0..n {
            nabla_w[l] = outers.index_axis(Axis(0), k).to_owned();
            nabla_b[l] = delta.index_axis(Axis(0), k).to_owned();
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: BP2's σ′ taken one layer too low (aˡ⁻¹'s slope for δˡ).
fn bp_prime_off_by_one(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let a = stacks_of(net, x);
    let ws = net.weights();
    let nl = ws.len();
    let mut nabla_w = Vec::new();
    let mut nabla_b = Vec::new();
    let out = &a[nl];
    let mut delta = (out - &add_trailing_axis(y)) * out.mapv(|v| v * (1.0 - v));
    for l in (0..nl).rev() {
        if l + 1 < nl {
            delta = matmul_stack(&ws[l + 1].t(), &delta).unwrap() * a[l].mapv(|v| v * (1.0 - v));
        }
        nabla_b.push(sum_axis0(&delta).unwrap());
        nabla_w.push(sum_axis0(&batch_matmul(&delta, &transpose_stack(&a[l])).unwrap()).unwrap());
    }
    nabla_w.reverse();
    nabla_b.reverse();
    (nabla_w, nabla_b)
}

/// Wrong twice: no σ′ in BP2, and means instead of sums.
fn bp_pair_prime_bp2_mean(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let a = stacks_of(net, x);
    let ws = net.weights();
    let nl = ws.len();
    let mut nabla_w = Vec::new();
    let mut nabla_b = Vec::new();
    let out = &a[nl];
    let mut delta = (out - &add_trailing_axis(y)) * out.mapv(|v| v * (1.0 - v));
    for l in (0..nl).rev() {
        if l + 1 < nl {
            delta = matmul_stack(&ws[l + 1].t(), &delta).unwrap();
        }
        nabla_b.push(mean_axis0(&delta).unwrap());
        nabla_w.push(mean_axis0(&batch_matmul(&delta, &transpose_stack(&a[l])).unwrap()).unwrap());
    }
    nabla_w.reverse();
    nabla_b.reverse();
    (nabla_w, nabla_b)
}

/// Wrong twice: 2(y − a)σ′ in BP1.
fn bp_pair_sign_factor_two(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let a = stacks_of(net, x);
    let ws = net.weights();
    let nl = ws.len();
    let mut nabla_w = Vec::new();
    let mut nabla_b = Vec::new();
    let out = &a[nl];
    let mut delta = (&add_trailing_axis(y) - out).mapv(|d| 2.0 * d) * out.mapv(|v| v * (1.0 - v));
    for l in (0..nl).rev() {
        if l + 1 < nl {
            delta =
                matmul_stack(&ws[l + 1].t(), &delta).unwrap() * a[l + 1].mapv(|v| v * (1.0 - v));
        }
        nabla_b.push(sum_axis0(&delta).unwrap());
        nabla_w.push(sum_axis0(&batch_matmul(&delta, &transpose_stack(&a[l])).unwrap()).unwrap());
    }
    nabla_w.reverse();
    nabla_b.reverse();
    (nabla_w, nabla_b)
}

/// Wrong: placeholder gradients full of NaN, the right shapes.
fn bp_nan(net: &Network, _x: &Array2<f64>, _y: &Array2<f64>) -> Grads {
    let nabla_w = net
        .weights()
        .iter()
        .map(|w| Array2::from_elem(w.dim(), f64::NAN))
        .collect();
    let nabla_b = net
        .biases()
        .iter()
        .map(|b| Array2::from_elem(b.dim(), f64::NAN))
        .collect();
    (nabla_w, nabla_b)
}

/// Wrong: empty lists.
fn bp_empty(_net: &Network, _x: &Array2<f64>, _y: &Array2<f64>) -> Grads {
    (Vec::new(), Vec::new())
}

pub fn corpus() -> Vec<Entry> {
    let mut entries = vec![
        // ---------------- check_einsum_subscripts ----------------
        Entry {
            exercise: "check_einsum_subscripts",
            id: "right-other-letters",
            tutor: "right: other letters, same meaning for all four",
            expect: Expect::Right,
            run: || check_einsum_subscripts(|| ["ab,bc->ac", "bij,bjk->bik", "bp,bq->pq", "rc->c"]),
        },
        Entry {
            exercise: "check_einsum_subscripts",
            id: "right-implicit-outputs",
            tutor: "right: (a) and (c) leave the output implicit, which numpy's rule turns into ik and jk",
            expect: Expect::Right,
            run: || check_einsum_subscripts(|| ["ij,jk", "nij,njk->nik", "nj,nk", "ij->j"]),
        },
        Entry {
            exercise: "check_einsum_subscripts",
            id: "right-xyz-letters",
            tutor: "right: x, y, z letters throughout",
            expect: Expect::Right,
            run: || check_einsum_subscripts(|| ["xy,yz->xz", "sxy,syz->sxz", "sx,sy->xy", "yx->x"]),
        },
        Entry {
            exercise: "check_einsum_subscripts",
            id: "c-keeps-n",
            tutor: "in (c) n stays in the output, so the outer products are never summed over the batch",
            expect: Expect::Wrong(&["(c)", "shape|sum"]),
            run: || check_einsum_subscripts(|| ["ij,jk->ik", "nij,njk->nik", "nj,nk->njk", "ij->j"]),
        },
        Entry {
            exercise: "check_einsum_subscripts",
            id: "d-row-sums",
            tutor: "(d) keeps i and sums over j, giving row sums instead of column sums",
            expect: Expect::Wrong(&["wrong axis", "(d)"]),
            run: || check_einsum_subscripts(|| ["ij,jk->ik", "nij,njk->nik", "nj,nk->jk", "ij->i"]),
        },
        Entry {
            exercise: "check_einsum_subscripts",
            id: "d-renamed-letters",
            tutor: "(d) 'ji->j' names the first axis j, so it sums each row, not each column",
            expect: Expect::Wrong(&["wrong axis", "(d)"]),
            run: || check_einsum_subscripts(|| ["ij,jk->ik", "nij,njk->nik", "nj,nk->jk", "ji->j"]),
        },
        Entry {
            exercise: "check_einsum_subscripts",
            id: "b-sums-n",
            tutor: "(b) drops n from the output, so the stack of products is summed into one matrix",
            expect: Expect::Wrong(&["(b)", "shape|sum"]),
            run: || check_einsum_subscripts(|| ["ij,jk->ik", "nij,njk->ik", "nj,nk->jk", "ij->j"]),
        },
        Entry {
            exercise: "check_einsum_subscripts",
            id: "a-output-transposed",
            tutor: "(a) writes the output as ki, the transpose of the matrix product",
            expect: Expect::Wrong(&["transposed", "(a)"]),
            run: || check_einsum_subscripts(|| ["ij,jk->ki", "nij,njk->nik", "nj,nk->jk", "ij->j"]),
        },
        Entry {
            exercise: "check_einsum_subscripts",
            id: "c-output-transposed",
            tutor: "(c) gives G transposed, kj instead of jk",
            expect: Expect::Wrong(&["transposed", "(c)"]),
            run: || check_einsum_subscripts(|| ["ij,jk->ik", "nij,njk->nik", "nj,nk->kj", "ij->j"]),
        },
        Entry {
            exercise: "check_einsum_subscripts",
            id: "a-b-transposed",
            tutor: "(a) reads B as kj, so it computes A·Bᵀ instead of A·B",
            expect: Expect::Wrong(&["(a)", "transposed|error|fit"]),
            run: || check_einsum_subscripts(|| ["ij,kj->ik", "nij,njk->nik", "nj,nk->jk", "ij->j"]),
        },
        Entry {
            exercise: "check_einsum_subscripts",
            id: "b-c-swapped",
            tutor: "the strings for (b) and (c) are in each other's places",
            expect: Expect::Wrong(&["(b)", "(c)"]),
            run: || check_einsum_subscripts(|| ["ij,jk->ik", "nj,nk->jk", "nij,njk->nik", "ij->j"]),
        },
        Entry {
            exercise: "check_einsum_subscripts",
            id: "d-total-sum",
            tutor: "(d) sums everything to one number instead of keeping a sum per column",
            expect: Expect::Wrong(&["(d)", "shape|scalar|number|summed an index the loops keep"]),
            run: || check_einsum_subscripts(|| ["ij,jk->ik", "nij,njk->nik", "nj,nk->jk", "ij->"]),
        },
        Entry {
            exercise: "check_einsum_subscripts",
            id: "b-numpy-ellipsis",
            tutor: "(b) uses numpy's ellipsis, which this einsum does not support",
            expect: Expect::Wrong(&["(b)", "ellipsis|...|not supported"]),
            run: || check_einsum_subscripts(|| ["ij,jk->ik", "...ij,...jk->...ik", "nj,nk->jk", "ij->j"]),
        },
        Entry {
            exercise: "check_einsum_subscripts",
            id: "all-empty",
            tutor: "four empty strings, no subscripts at all",
            expect: Expect::Wrong(&["empty|error"]),
            run: || check_einsum_subscripts(|| ["", "", "", ""]),
        },
        Entry {
            exercise: "check_einsum_subscripts",
            id: "pair-a-transposed-d-rows",
            tutor: "two slips: (a)'s output is transposed and (d) sums rows instead of columns",
            expect: Expect::Wrong(&["transposed", "wrong axis"]),
            run: || check_einsum_subscripts(|| ["ij,jk->ki", "nij,njk->nik", "nj,nk->jk", "ij->i"]),
        },
        Entry {
            exercise: "check_einsum_subscripts",
            id: "c-columns-convention",
            tutor: "(c) labels D and A as jn and kn, the examples-in-columns convention, but here n is their first axis",
            expect: Expect::Wrong(&["(c)", "transposed|axis|error"]),
            run: || check_einsum_subscripts(|| ["ij,jk->ik", "nij,njk->nik", "jn,kn->jk", "ij->j"]),
        },
        Entry {
            exercise: "check_einsum_subscripts",
            id: "b-keeps-j",
            tutor: "(b) keeps j in the output, so nothing is summed and the result has four axes",
            expect: Expect::Wrong(&["(b)", "shape|kept the summed index"]),
            run: || check_einsum_subscripts(|| ["ij,jk->ik", "nij,njk->nijk", "nj,nk->jk", "ij->j"]),
        },
        // ---------------- check_einsum_loops ----------------
        Entry {
            exercise: "check_einsum_loops",
            id: "right-dot-per-example",
            tutor: "right: one matrix-vector product per example with dot",
            expect: Expect::Right,
            run: || check_einsum_loops(loops_ok_dot),
        },
        Entry {
            exercise: "check_einsum_loops",
            id: "right-from-shape-fn",
            tutor: "right: from_shape_fn with a sum over j",
            expect: Expect::Right,
            run: || check_einsum_loops(loops_ok_shape_fn),
        },
        Entry {
            exercise: "check_einsum_loops",
            id: "right-j-outer",
            tutor: "right: j as the outer loop, accumulating with +=",
            expect: Expect::Right,
            run: || check_einsum_loops(loops_ok_j_outer),
        },
        Entry {
            exercise: "check_einsum_loops",
            id: "right-einsum",
            tutor: "right: calls einsum with the same subscripts",
            expect: Expect::Right,
            run: || check_einsum_loops(loops_ok_einsum),
        },
        Entry {
            exercise: "check_einsum_loops",
            id: "overwrote",
            tutor: "writes out[n, i] = … inside the j loop, so only the last term of the sum survives",
            expect: Expect::Wrong(&["overwrote instead of adding"]),
            run: || check_einsum_loops(loops_overwrite),
        },
        Entry {
            exercise: "check_einsum_loops",
            id: "matrix-transposed",
            tutor: "reads t[n, j, i], so each example is multiplied by its matrix's transpose",
            expect: Expect::Wrong(&["transposed|panic|swapped the i and j axes"]),
            run: || check_einsum_loops(loops_transposed_matrix),
        },
        Entry {
            exercise: "check_einsum_loops",
            id: "v-index-swapped",
            tutor: "indexes v[j, n] as if examples were columns, which runs out of bounds or reads the wrong entries",
            expect: Expect::Wrong(&["panic|swapped|transposed"]),
            run: || check_einsum_loops(loops_v_swapped),
        },
        Entry {
            exercise: "check_einsum_loops",
            id: "result-transposed",
            tutor: "returns the result as (I, N) instead of (N, I)",
            expect: Expect::Wrong(&["shape|transposed"]),
            run: || check_einsum_loops(loops_result_transposed),
        },
        Entry {
            exercise: "check_einsum_loops",
            id: "flat-row",
            tutor: "the right numbers, but flattened into a single row of N·I values",
            expect: Expect::Wrong(&["shape"]),
            run: || check_einsum_loops(loops_flat_row),
        },
        Entry {
            exercise: "check_einsum_loops",
            id: "j-off-by-one",
            tutor: "the j loop runs to J − 1, so the last term of every sum is missing",
            expect: Expect::Wrong(&["off-by-one|last"]),
            run: || check_einsum_loops(loops_off_by_one),
        },
        Entry {
            exercise: "check_einsum_loops",
            id: "mean-over-j",
            tutor: "divides by J, a mean over j where einsum sums",
            expect: Expect::Wrong(&["mean instead of sum"]),
            run: || check_einsum_loops(loops_mean),
        },
        Entry {
            exercise: "check_einsum_loops",
            id: "added",
            tutor: "adds t and v inside the sum instead of multiplying them",
            expect: Expect::Wrong(&["added instead of multiplied"]),
            run: || check_einsum_loops(loops_added),
        },
        Entry {
            exercise: "check_einsum_loops",
            id: "product-of-terms",
            tutor: "multiplies the terms together (starting from ones) instead of adding them up",
            expect: Expect::Wrong(&["multiplied instead of added|product"]),
            run: || check_einsum_loops(loops_product),
        },
        Entry {
            exercise: "check_einsum_loops",
            id: "first-matrix-only",
            tutor: "uses t[0] for every example, as if the subscripts were 'ij,nj->ni'",
            expect: Expect::Wrong(&["first matrix|t[0]|same matrix"]),
            run: || check_einsum_loops(loops_first_matrix),
        },
        Entry {
            exercise: "check_einsum_loops",
            id: "nan",
            tutor: "returns NaN for every entry",
            expect: Expect::Wrong(&["not a number"]),
            run: || check_einsum_loops(|t, _v| Array2::from_elem((t.dim().0, t.dim().1), f64::NAN)),
        },
        Entry {
            exercise: "check_einsum_loops",
            id: "empty",
            tutor: "returns an empty array",
            expect: Expect::Wrong(&["shape|empty"]),
            run: || check_einsum_loops(|_t, _v| Array2::zeros((0, 0))),
        },
        Entry {
            exercise: "check_einsum_loops",
            id: "pair-transposed-overwrote",
            tutor: "two slips: the result is (I, N) and the sum over j is overwritten instead of accumulated",
            expect: Expect::Wrong(&["shape|transposed", "overwrote instead of adding"]),
            run: || check_einsum_loops(loops_transposed_and_overwrite),
        },
        // ---------------- check_backprop_stacks ----------------
        Entry {
            exercise: "check_backprop_stacks",
            id: "right-manual-forward",
            tutor: "right: forward pass done with stacks by hand, gradients filled front to back",
            expect: Expect::Right,
            run: || check_backprop_stacks(bp_ok_manual_forward),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "right-loop-over-stack",
            tutor: "right: σ′ from z with sigmoid_prime, outer products filled and summed by explicit loops",
            expect: Expect::Right,
            run: || check_backprop_stacks(bp_ok_loop_over_stack),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "right-einsum-rows",
            tutor: "right: examples as rows and einsum 'nk,nj->kj' for BP4",
            expect: Expect::Right,
            run: || check_backprop_stacks(bp_ok_einsum_rows),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "forgot-prime-bp1",
            tutor: "BP1 uses δᴸ = a − y without the factor σ′(zᴸ); BP2 is right",
            expect: Expect::Wrong(&["forgot σ′", "BP1"]),
            run: || check_backprop_stacks(bp_forgot_prime_bp1),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "forgot-prime-bp2",
            tutor: "BP2 multiplies by (Wˡ⁺¹)ᵀ but forgets ⊙ σ′(zˡ)",
            expect: Expect::Wrong(&["forgot σ′", "BP2"]),
            run: || check_backprop_stacks(bp_forgot_prime_bp2),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "forgot-prime-layer1",
            tutor: "skips σ′ when stepping back into layer 1, confusing it with the input, which has no activation",
            expect: Expect::Wrong(&["forgot σ′", "layer 1"]),
            run: || check_backprop_stacks(bp_forgot_prime_layer1),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "forgot-prime-everywhere",
            tutor: "no σ′ in BP1 or BP2",
            expect: Expect::Wrong(&["forgot σ′"]),
            run: || check_backprop_stacks(bp_forgot_prime_everywhere),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "sigma-instead-of-prime",
            tutor: "multiplies by a = σ(z) where σ′(z) = a(1 − a) belongs, in BP1 and BP2",
            expect: Expect::Wrong(&["σ instead of σ′"]),
            run: || check_backprop_stacks(bp_sigma_instead_of_prime),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "prime-at-a",
            tutor: "applies sigmoid_prime to the activations, σ′(a) instead of σ′(z) = a(1 − a)",
            expect: Expect::Wrong(&["σ′ at a"]),
            run: || check_backprop_stacks(bp_prime_at_a),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "mean-instead-of-sum",
            tutor: "averages the stacks with mean_axis0 where the exercise asks for the sum over the batch",
            expect: Expect::Wrong(&["mean instead of sum"]),
            run: || check_backprop_stacks(bp_mean_instead_of_sum),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "mean-in-bp3",
            tutor: "BP3 takes the mean of the δ stack while BP4 sums, so only ∂C/∂b is N times too small",
            expect: Expect::Wrong(&["mean instead of sum", "BP3"]),
            run: || check_backprop_stacks(bp_mean_in_bp3),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "w-not-transposed-bp2",
            tutor: "BP2 multiplies by Wˡ⁺¹ instead of its transpose, which fails on non-square layers",
            expect: Expect::Wrong(&["transposed|panic", "BP2|panic"]),
            run: || check_backprop_stacks(bp_w_not_transposed),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "nabla-w-transposed",
            tutor: "BP4 builds a δᵀ instead of δ aᵀ, so every ∂C/∂W comes out transposed",
            expect: Expect::Wrong(&["transposed", "BP4"]),
            run: || check_backprop_stacks(bp_nabla_w_transposed),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "bp4-off-by-one",
            tutor: "BP4 multiplies δˡ by the layer's own activation aˡ instead of aˡ⁻¹",
            expect: Expect::Wrong(&["off-by-one layer|shape", "BP4|shape"]),
            run: || check_backprop_stacks(bp_bp4_off_by_one),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "z-where-a-bp4",
            tutor: "BP4 uses the activity zˡ⁻¹ where the activation aˡ⁻¹ belongs (layer 1 still uses x)",
            expect: Expect::Wrong(&["z where a belongs", "BP4"]),
            run: || check_backprop_stacks(bp_z_where_a),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "factor-two",
            tutor: "BP1 carries notebook 05's factor 2 from (a − y)², but this cost is ½‖a − y‖²",
            expect: Expect::Wrong(&["factor 2"]),
            run: || check_backprop_stacks(bp_factor_two),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "sign-flipped",
            tutor: "BP1 uses y − a, so every gradient has the wrong sign",
            expect: Expect::Wrong(&["sign flipped"]),
            run: || check_backprop_stacks(bp_sign_flipped),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "bias-wrong-axis",
            tutor: "BP3 sums the δ stack over the neuron axis instead of the example axis, giving an (N, 1) ∂C/∂b",
            expect: Expect::Wrong(&["wrong axis|shape"]),
            run: || check_backprop_stacks(bp_bias_wrong_axis),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "bias-row",
            tutor: "∂C/∂b has the right numbers but as a (1, k) row instead of a (k, 1) column",
            expect: Expect::Wrong(&["shape"]),
            run: || check_backprop_stacks(bp_bias_row),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "lists-reversed",
            tutor: "pushes the gradients while walking back and never reverses, so the lists run from layer L to layer 1",
            expect: Expect::Wrong(&["order|reversed|shape"]),
            run: || check_backprop_stacks(bp_lists_reversed),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "y-transposed",
            tutor: "transposes y before adding the trailing axis, although y is already (N, outputs), so a − y does not line up",
            expect: Expect::Wrong(&["panic|shape"]),
            run: || check_backprop_stacks(bp_y_transposed),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "overwrote-sum",
            tutor: "sums the stacks by a loop with = instead of +=, so only the last example's gradient is returned",
            expect: Expect::Wrong(&["overwrote instead of adding"]),
            run: || check_backprop_stacks(bp_overwrote),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "prime-off-by-one-bp2",
            tutor: "BP2 takes σ′ from aˡ⁻¹, one layer too low, instead of aˡ",
            expect: Expect::Wrong(&["off-by-one layer|panic"]),
            run: || check_backprop_stacks(bp_prime_off_by_one),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "pair-prime-bp2-mean",
            tutor: "two slips: no σ′ in BP2, and means over the batch instead of sums",
            expect: Expect::Wrong(&["forgot σ′", "mean instead of sum"]),
            run: || check_backprop_stacks(bp_pair_prime_bp2_mean),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "pair-sign-factor-two",
            tutor: "two slips: BP1 uses 2(y − a), the wrong sign and notebook 05's factor 2",
            expect: Expect::Wrong(&["sign flipped", "factor 2"]),
            run: || check_backprop_stacks(bp_pair_sign_factor_two),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "nan",
            tutor: "returns arrays of NaN in the right shapes",
            expect: Expect::Wrong(&["not a number"]),
            run: || check_backprop_stacks(bp_nan),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "empty",
            tutor: "returns two empty lists",
            expect: Expect::Wrong(&["shape|empty|missing"]),
            run: || check_backprop_stacks(bp_empty),
        },
    ];
    entries.extend(product_entries());
    entries
}

// ---------------------------------------------------------------------------
// check_product_gradients: one layer's ∂C/∂W = Δ Aᵀ and ∂C/∂b = Δ·1
// (delta is (n_l, N), a_prev is (n_{l-1}, N), one example per column)
// ---------------------------------------------------------------------------

type LayerGrads = (Array2<f64>, Array2<f64>);

/// Right: the two products of the notebook's equations.
fn prod_ok_dot(delta: &Array2<f64>, a_prev: &Array2<f64>) -> LayerGrads {
    (
        delta.dot(&a_prev.t()),
        delta.sum_axis(Axis(1)).insert_axis(Axis(1)),
    )
}

/// Right: Δ times a column of ones for the bias, written out.
fn prod_ok_ones(delta: &Array2<f64>, a_prev: &Array2<f64>) -> LayerGrads {
    let ones = Array2::ones((delta.ncols(), 1));
    let at = a_prev.t().to_owned();
    (delta.dot(&at), delta.dot(&ones))
}

/// Right: loops over the examples, adding one outer product each.
fn prod_ok_loops(delta: &Array2<f64>, a_prev: &Array2<f64>) -> LayerGrads {
    let (j_len, n_len) = delta.dim();
    let k_len = a_prev.nrows();
    let mut dw = Array2::zeros((j_len, k_len));
    let mut db = Array2::zeros((j_len, 1));
    for n in 0..n_len {
        for j in 0..j_len {
            for k in 0..k_len {
                dw[[j, k]] += delta[[j, n]] * a_prev[[k, n]];
            }
            db[[j, 0]] += delta[[j, n]];
        }
    }
    (dw, db)
}

/// Right: the einsum of exercise (c) on the column layout.
fn prod_ok_einsum(delta: &Array2<f64>, a_prev: &Array2<f64>) -> LayerGrads {
    let dw = einsum("jn,kn->jk", &[delta, a_prev])
        .unwrap()
        .into_dimensionality::<Ix2>()
        .unwrap();
    let db = einsum("jn->j", &[delta])
        .unwrap()
        .into_dimensionality::<Ix1>()
        .unwrap();
    (dw, db.insert_axis(Axis(1)))
}

/// Wrong: Δ·A, the transpose forgotten (only fits when N = n_{l-1}).
fn prod_a_not_transposed(delta: &Array2<f64>, a_prev: &Array2<f64>) -> LayerGrads {
    (
        delta.dot(a_prev),
        delta.sum_axis(Axis(1)).insert_axis(Axis(1)),
    )
}

/// Wrong: A·Δᵀ, the two factors swapped, giving (∂C/∂W)ᵀ.
fn prod_swapped(delta: &Array2<f64>, a_prev: &Array2<f64>) -> LayerGrads {
    (
        a_prev.dot(&delta.t()),
        delta.sum_axis(Axis(1)).insert_axis(Axis(1)),
    )
}

/// Wrong: Δᵀ·A, the transpose put on Δ instead of A.
fn prod_delta_transposed(delta: &Array2<f64>, a_prev: &Array2<f64>) -> LayerGrads {
    (
        delta.t().dot(a_prev),
        delta.sum_axis(Axis(1)).insert_axis(Axis(1)),
    )
}

/// Wrong: Δ ⊙ A, notebook 06's Hadamard product where the matrix product belongs.
fn prod_hadamard(delta: &Array2<f64>, a_prev: &Array2<f64>) -> LayerGrads {
    (delta * a_prev, delta.sum_axis(Axis(1)).insert_axis(Axis(1)))
}

/// Wrong: the weight gradient divided by N (a mean), bias summed.
fn prod_mean_w(delta: &Array2<f64>, a_prev: &Array2<f64>) -> LayerGrads {
    let n = delta.ncols() as f64;
    (
        delta.dot(&a_prev.t()) / n,
        delta.sum_axis(Axis(1)).insert_axis(Axis(1)),
    )
}

/// Wrong: both divided by N, means instead of sums.
fn prod_mean_both(delta: &Array2<f64>, a_prev: &Array2<f64>) -> LayerGrads {
    let n = delta.ncols() as f64;
    (
        delta.dot(&a_prev.t()) / n,
        delta.mean_axis(Axis(1)).unwrap().insert_axis(Axis(1)),
    )
}

/// Wrong: the bias gradient as a mean over the batch.
fn prod_mean_b(delta: &Array2<f64>, a_prev: &Array2<f64>) -> LayerGrads {
    (
        delta.dot(&a_prev.t()),
        delta.mean_axis(Axis(1)).unwrap().insert_axis(Axis(1)),
    )
}

/// Wrong: the bias gradient is Δ itself, never summed over the batch.
fn prod_bias_not_summed(delta: &Array2<f64>, a_prev: &Array2<f64>) -> LayerGrads {
    (delta.dot(&a_prev.t()), delta.clone())
}

/// Wrong: the bias gradient from the first example only (notebook 06's one-example δ).
fn prod_bias_first(delta: &Array2<f64>, a_prev: &Array2<f64>) -> LayerGrads {
    (
        delta.dot(&a_prev.t()),
        delta.column(0).to_owned().insert_axis(Axis(1)),
    )
}

/// Wrong: the bias summed over axis 0, the neurons, giving (N, 1).
fn prod_bias_wrong_axis(delta: &Array2<f64>, a_prev: &Array2<f64>) -> LayerGrads {
    (
        delta.dot(&a_prev.t()),
        delta.sum_axis(Axis(0)).insert_axis(Axis(1)),
    )
}

/// Wrong: the right sums, as a row (1, n_l) instead of a column.
fn prod_bias_row(delta: &Array2<f64>, a_prev: &Array2<f64>) -> LayerGrads {
    (
        delta.dot(&a_prev.t()),
        delta.sum_axis(Axis(1)).insert_axis(Axis(0)),
    )
}

/// Wrong: every entry of the bias gradient is the sum of all of Δ.
fn prod_bias_total(delta: &Array2<f64>, a_prev: &Array2<f64>) -> LayerGrads {
    (
        delta.dot(&a_prev.t()),
        Array2::from_elem((delta.nrows(), 1), delta.sum()),
    )
}

/// Wrong: loops with `=` instead of `+=`: only the last example counts.
fn prod_overwrite(delta: &Array2<f64>, a_prev: &Array2<f64>) -> LayerGrads {
    let (j_len, n_len) = delta.dim();
    let k_len = a_prev.nrows();
    let mut dw = Array2::zeros((j_len, k_len));
    for n in 0..n_len {
        for j in 0..j_len {
            for k in 0..k_len {
                dw[[j, k]] = delta[[j, n]] * a_prev[[k, n]];
            }
        }
    }
    (dw, delta.sum_axis(Axis(1)).insert_axis(Axis(1)))
}

/// Wrong: carries notebook 06's learning rate η = 0.01 into both gradients.
fn prod_eta(delta: &Array2<f64>, a_prev: &Array2<f64>) -> LayerGrads {
    let eta = 0.01;
    (
        delta.dot(&a_prev.t()) * eta,
        delta.sum_axis(Axis(1)).insert_axis(Axis(1)) * eta,
    )
}

/// Wrong: divides by 50, the walkthrough's batch size, whatever N is.
fn prod_fifty(delta: &Array2<f64>, a_prev: &Array2<f64>) -> LayerGrads {
    (
        delta.dot(&a_prev.t()) / 50.0,
        delta.sum_axis(Axis(1)).insert_axis(Axis(1)) / 50.0,
    )
}

/// Wrong: notebook 05's factor 2 of (a − y)², on the weight gradient.
fn prod_factor_two(delta: &Array2<f64>, a_prev: &Array2<f64>) -> LayerGrads {
    (
        2.0 * delta.dot(&a_prev.t()),
        delta.sum_axis(Axis(1)).insert_axis(Axis(1)),
    )
}

/// Wrong twice: the factors swapped, and the weight gradient a mean.
fn prod_pair_swapped_mean(delta: &Array2<f64>, a_prev: &Array2<f64>) -> LayerGrads {
    let n = delta.ncols() as f64;
    (
        a_prev.dot(&delta.t()) / n,
        delta.sum_axis(Axis(1)).insert_axis(Axis(1)),
    )
}

/// Wrong twice: the weight gradient a mean, and the bias a row.
fn prod_pair_mean_row(delta: &Array2<f64>, a_prev: &Array2<f64>) -> LayerGrads {
    let n = delta.ncols() as f64;
    (
        delta.dot(&a_prev.t()) / n,
        delta.sum_axis(Axis(1)).insert_axis(Axis(0)),
    )
}

/// Wrong twice: A not transposed, and the bias never summed.
fn prod_pair_not_transposed_not_summed(delta: &Array2<f64>, a_prev: &Array2<f64>) -> LayerGrads {
    (delta.dot(a_prev), delta.clone())
}

/// Wrong: Δᵀ·Aᵀ, both transposed (fits almost nowhere).
fn prod_both_transposed(delta: &Array2<f64>, a_prev: &Array2<f64>) -> LayerGrads {
    (
        delta.t().dot(&a_prev.t()),
        delta.sum_axis(Axis(1)).insert_axis(Axis(1)),
    )
}

fn product_entries() -> Vec<Entry> {
    let e = |id, tutor, expect, run| Entry {
        exercise: "check_product_gradients",
        id,
        tutor,
        expect,
        run,
    };
    vec![
        e(
            "right-dot",
            "right: Δ.dot(Aᵀ) and the row sums of Δ",
            Expect::Right,
            || check_product_gradients(prod_ok_dot),
        ),
        e(
            "right-ones",
            "right: the bias as Δ times a column of ones",
            Expect::Right,
            || check_product_gradients(prod_ok_ones),
        ),
        e(
            "right-loops",
            "right: loops adding one outer product per example",
            Expect::Right,
            || check_product_gradients(prod_ok_loops),
        ),
        e(
            "right-einsum",
            "right: einsum 'jn,kn->jk' and 'jn->j'",
            Expect::Right,
            || check_product_gradients(prod_ok_einsum),
        ),
        e(
            "not-started",
            "the stub, untouched",
            Expect::NotStarted,
            || check_product_gradients(|_, _| todo!("ΔAᵀ and Δ·1")),
        ),
        e(
            "a-not-transposed",
            "Δ·A: forgot to transpose A (panics unless N equals the previous layer's size)",
            Expect::Wrong(&["not transposed"]),
            || check_product_gradients(prod_a_not_transposed),
        ),
        e(
            "swapped",
            "A·Δᵀ: the factors swapped, the transpose of ∂C/∂W",
            Expect::Wrong(&["swapped"]),
            || check_product_gradients(prod_swapped),
        ),
        e(
            "delta-transposed",
            "Δᵀ·A: transposed Δ instead of A",
            Expect::Wrong(&["Δ transposed|transposed Δ|Δᵀ"]),
            || check_product_gradients(prod_delta_transposed),
        ),
        e(
            "hadamard",
            "Δ ⊙ A, entry by entry, instead of the matrix product",
            Expect::Wrong(&["⊙|entry by entry|Hadamard"]),
            || check_product_gradients(prod_hadamard),
        ),
        e(
            "mean-w",
            "the weight gradient divided by N: a mean instead of the sum",
            Expect::Wrong(&["mean", "weight"]),
            || check_product_gradients(prod_mean_w),
        ),
        e(
            "mean-both",
            "both gradients divided by N: means instead of sums",
            Expect::Wrong(&["mean"]),
            || check_product_gradients(prod_mean_both),
        ),
        e(
            "mean-b",
            "the bias gradient a mean over the batch",
            Expect::Wrong(&["mean", "bias"]),
            || check_product_gradients(prod_mean_b),
        ),
        e(
            "bias-not-summed",
            "returns Δ as the bias gradient: not summed over the batch",
            Expect::Wrong(&["not summed"]),
            || check_product_gradients(prod_bias_not_summed),
        ),
        e(
            "bias-first",
            "the bias gradient from the first example only",
            Expect::Wrong(&["first example"]),
            || check_product_gradients(prod_bias_first),
        ),
        e(
            "bias-wrong-axis",
            "the bias summed over the neurons (axis 0) instead of the examples",
            Expect::Wrong(&["wrong axis|over the neurons"]),
            || check_product_gradients(prod_bias_wrong_axis),
        ),
        e(
            "bias-row",
            "the bias sums as a row instead of a column",
            Expect::Wrong(&["row"]),
            || check_product_gradients(prod_bias_row),
        ),
        e(
            "bias-total",
            "every bias entry is the total of Δ",
            Expect::Wrong(&["every entry|all of Δ|total"]),
            || check_product_gradients(prod_bias_total),
        ),
        e(
            "overwrite",
            "loops with = instead of +=: the weight gradient of the last example only",
            Expect::Wrong(&["last example|overwrote|= instead of +="]),
            || check_product_gradients(prod_overwrite),
        ),
        e(
            "eta",
            "both multiplied by notebook 06's η = 0.01, the update step mixed in",
            Expect::Wrong(&["η|learning rate"]),
            || check_product_gradients(prod_eta),
        ),
        e(
            "fifty",
            "both divided by 50, the walkthrough's batch size, whatever N is",
            Expect::Wrong(&["50"]),
            || check_product_gradients(prod_fifty),
        ),
        e(
            "factor-two",
            "the weight gradient doubled: notebook 05's factor 2",
            Expect::Wrong(&["factor 2"]),
            || check_product_gradients(prod_factor_two),
        ),
        e(
            "pair-swapped-mean",
            "two slips: the factors swapped, and the weight gradient a mean",
            Expect::Wrong(&["swapped", "mean"]),
            || check_product_gradients(prod_pair_swapped_mean),
        ),
        e(
            "pair-mean-row",
            "two slips: the weight gradient a mean, and the bias a row",
            Expect::Wrong(&["mean", "row"]),
            || check_product_gradients(prod_pair_mean_row),
        ),
        e(
            "pair-not-transposed-not-summed",
            "two slips: A not transposed, and the bias Δ itself",
            Expect::Wrong(&["not transposed", "not summed"]),
            || check_product_gradients(prod_pair_not_transposed_not_summed),
        ),
        e(
            "both-transposed",
            "Δᵀ·Aᵀ: both transposed, fits only when N equals this layer's size",
            Expect::Wrong(&["transposed"]),
            || check_product_gradients(prod_both_transposed),
        ),
    ]
}
