//! Held-out corpus (writer `h`): learner answers for notebooks 01, 03, 05, 06
//! and 07, each with the diagnosis a tutor would give, written before any check
//! was run on them. Used only to measure how well the checks generalise.

use super::harness::{Entry, Expect};
use backprop_lab::exercises::{
    check_backprop_1d, check_backprop_per_neuron, check_backprop_stacks, check_backprop_vector,
    check_dldw, check_network_boxes,
};
use backprop_lab::prelude::*;
use backprop_lab::tensor::{
    add_trailing_axis, batch_matmul, matmul_stack, mean_axis0, sum_axis0, transpose_stack,
};

type Grads = (Vec<Array2<f64>>, Vec<Array2<f64>>);

fn zeros_like(ms: &[Array2<f64>]) -> Vec<Array2<f64>> {
    ms.iter().map(|m| Array2::zeros(m.raw_dim())).collect()
}

// ───────────────────────────── notebook 05: backprop_1d ─────────────────────────────

/// Right: forward pass by hand, one backward loop carrying δ.
fn bp1d_right_loop(net: &Net1d, x: f64, y: f64) -> ([f64; 3], [f64; 3]) {
    let mut z = [0.0; 3];
    let mut a = [0.0; 3];
    let mut prev = x;
    for i in 0..3 {
        z[i] = net.w[i] * prev + net.b[i];
        a[i] = sigmoid(z[i]);
        prev = a[i];
    }
    let inputs = [x, a[0], a[1]];
    let mut dw = [0.0; 3];
    let mut db = [0.0; 3];
    let mut delta = 2.0 * (a[2] - y) * sigmoid_prime(z[2]);
    for i in (0..3).rev() {
        db[i] = delta;
        dw[i] = inputs[i] * delta;
        if i > 0 {
            delta = net.w[i] * delta * sigmoid_prime(z[i - 1]);
        }
    }
    (dw, db)
}

/// Right: the crate's forward pass, unrolled, σ′ from the activations as a(1 − a).
fn bp1d_right_unrolled(net: &Net1d, x: f64, y: f64) -> ([f64; 3], [f64; 3]) {
    let t = net.forward(x).unwrap();
    let [a1, a2, a3] = t.a;
    let d3 = 2.0 * (a3 - y) * a3 * (1.0 - a3);
    let d2 = net.w[2] * d3 * a2 * (1.0 - a2);
    let d1 = net.w[1] * d2 * a1 * (1.0 - a1);
    ([x * d1, a1 * d2, a2 * d3], [d1, d2, d3])
}

/// Right: carries ∂C/∂a backwards instead of δ.
fn bp1d_right_dc_da(net: &Net1d, x: f64, y: f64) -> ([f64; 3], [f64; 3]) {
    let t = net.forward(x).unwrap();
    let mut dc_da = 2.0 * (t.a[2] - y);
    let mut grads_w = [0.0; 3];
    let mut grads_b = [0.0; 3];
    for layer in [2usize, 1, 0] {
        let delta = dc_da * sigmoid_prime(t.z[layer]);
        let a_in = match layer {
            0 => x,
            l => t.a[l - 1],
        };
        grads_w[layer] = delta * a_in;
        grads_b[layer] = delta;
        dc_da = delta * net.w[layer];
    }
    (grads_w, grads_b)
}

fn bp1d_no_factor2(net: &Net1d, x: f64, y: f64) -> ([f64; 3], [f64; 3]) {
    let t = net.forward(x).unwrap();
    let d3 = (t.a[2] - y) * sigmoid_prime(t.z[2]);
    let d2 = net.w[2] * d3 * sigmoid_prime(t.z[1]);
    let d1 = net.w[1] * d2 * sigmoid_prime(t.z[0]);
    ([x * d1, t.a[0] * d2, t.a[1] * d3], [d1, d2, d3])
}

fn bp1d_forgot_prime_bp1(net: &Net1d, x: f64, y: f64) -> ([f64; 3], [f64; 3]) {
    let t = net.forward(x).unwrap();
    let d3 = 2.0 * (t.a[2] - y);
    let d2 = net.w[2] * d3 * sigmoid_prime(t.z[1]);
    let d1 = net.w[1] * d2 * sigmoid_prime(t.z[0]);
    ([x * d1, t.a[0] * d2, t.a[1] * d3], [d1, d2, d3])
}

fn bp1d_forgot_prime_all(net: &Net1d, x: f64, y: f64) -> ([f64; 3], [f64; 3]) {
    let t = net.forward(x).unwrap();
    let d3 = 2.0 * (t.a[2] - y);
    let d2 = net.w[2] * d3;
    let d1 = net.w[1] * d2;
    ([x * d1, t.a[0] * d2, t.a[1] * d3], [d1, d2, d3])
}

fn bp1d_sigma_in_bp2(net: &Net1d, x: f64, y: f64) -> ([f64; 3], [f64; 3]) {
    let t = net.forward(x).unwrap();
    let d3 = 2.0 * (t.a[2] - y) * sigmoid_prime(t.z[2]);
    let d2 = net.w[2] * d3 * sigmoid(t.z[1]);
    let d1 = net.w[1] * d2 * sigmoid(t.z[0]);
    ([x * d1, t.a[0] * d2, t.a[1] * d3], [d1, d2, d3])
}

fn bp1d_prime_at_a(net: &Net1d, x: f64, y: f64) -> ([f64; 3], [f64; 3]) {
    let t = net.forward(x).unwrap();
    let mut delta = [0.0; 3];
    delta[2] = 2.0 * (t.a[2] - y) * sigmoid_prime(t.a[2]);
    delta[1] = net.w[2] * delta[2] * sigmoid_prime(t.a[1]);
    delta[0] = net.w[1] * delta[1] * sigmoid_prime(t.a[0]);
    ([x * delta[0], t.a[0] * delta[1], t.a[1] * delta[2]], delta)
}

fn bp1d_bp4_uses_z(net: &Net1d, x: f64, y: f64) -> ([f64; 3], [f64; 3]) {
    let t = net.forward(x).unwrap();
    let d3 = 2.0 * (t.a[2] - y) * sigmoid_prime(t.z[2]);
    let d2 = net.w[2] * d3 * sigmoid_prime(t.z[1]);
    let d1 = net.w[1] * d2 * sigmoid_prime(t.z[0]);
    ([x * d1, t.z[0] * d2, t.z[1] * d3], [d1, d2, d3])
}

fn bp1d_bp2_own_weight(net: &Net1d, x: f64, y: f64) -> ([f64; 3], [f64; 3]) {
    let t = net.forward(x).unwrap();
    let inputs = [x, t.a[0], t.a[1]];
    let mut dw = [0.0; 3];
    let mut db = [0.0; 3];
    let mut delta = 2.0 * (t.a[2] - y) * sigmoid_prime(t.z[2]);
    for i in (0..3).rev() {
        db[i] = delta;
        dw[i] = inputs[i] * delta;
        if i > 0 {
            // the weight of layer i (0-based i-1) instead of the one above it
            delta = net.w[i - 1] * delta * sigmoid_prime(t.z[i - 1]);
        }
    }
    (dw, db)
}

fn bp1d_layer1_uses_a1(net: &Net1d, x: f64, y: f64) -> ([f64; 3], [f64; 3]) {
    let t = net.forward(x).unwrap();
    let d3 = 2.0 * (t.a[2] - y) * sigmoid_prime(t.z[2]);
    let d2 = net.w[2] * d3 * sigmoid_prime(t.z[1]);
    let d1 = net.w[1] * d2 * sigmoid_prime(t.z[0]);
    ([t.a[0] * d1, t.a[0] * d2, t.a[1] * d3], [d1, d2, d3])
}

fn bp1d_bp4_shifted(net: &Net1d, x: f64, y: f64) -> ([f64; 3], [f64; 3]) {
    let t = net.forward(x).unwrap();
    let d3 = 2.0 * (t.a[2] - y) * sigmoid_prime(t.z[2]);
    let d2 = net.w[2] * d3 * sigmoid_prime(t.z[1]);
    let d1 = net.w[1] * d2 * sigmoid_prime(t.z[0]);
    let deltas = [d1, d2, d3];
    let mut dw = [0.0; 3];
    for i in 0..3 {
        dw[i] = t.a[i] * deltas[i];
    }
    (dw, deltas)
}

fn bp1d_sign_flipped(net: &Net1d, x: f64, y: f64) -> ([f64; 3], [f64; 3]) {
    let t = net.forward(x).unwrap();
    let d3 = 2.0 * (y - t.a[2]) * sigmoid_prime(t.z[2]);
    let d2 = net.w[2] * d3 * sigmoid_prime(t.z[1]);
    let d1 = net.w[1] * d2 * sigmoid_prime(t.z[0]);
    ([x * d1, t.a[0] * d2, t.a[1] * d3], [d1, d2, d3])
}

fn bp1d_swapped_outputs(net: &Net1d, x: f64, y: f64) -> ([f64; 3], [f64; 3]) {
    let t = net.forward(x).unwrap();
    let d3 = 2.0 * (t.a[2] - y) * sigmoid_prime(t.z[2]);
    let d2 = net.w[2] * d3 * sigmoid_prime(t.z[1]);
    let d1 = net.w[1] * d2 * sigmoid_prime(t.z[0]);
    let dc_dw = [x * d1, t.a[0] * d2, t.a[1] * d3];
    let dc_db = [d1, d2, d3];
    (dc_db, dc_dw)
}

fn bp1d_reversed_layers(net: &Net1d, x: f64, y: f64) -> ([f64; 3], [f64; 3]) {
    let t = net.forward(x).unwrap();
    let d3 = 2.0 * (t.a[2] - y) * sigmoid_prime(t.z[2]);
    let d2 = net.w[2] * d3 * sigmoid_prime(t.z[1]);
    let d1 = net.w[1] * d2 * sigmoid_prime(t.z[0]);
    // in the order they were computed: output layer first
    ([t.a[1] * d3, t.a[0] * d2, x * d1], [d3, d2, d1])
}

fn bp1d_panic_index(net: &Net1d, x: f64, y: f64) -> ([f64; 3], [f64; 3]) {
    let t = net.forward(x).unwrap();
    let mut dw = [0.0; 3];
    let mut db = [0.0; 3];
    let mut delta = 2.0 * (t.a[2] - y) * sigmoid_prime(t.z[2]);
    for i in (0..3).rev() {
        db[i] = delta;
        dw[i] = t.a[i - 1] * delta;
        if i > 0 {
            delta = net.w[i] * delta * sigmoid_prime(t.z[i - 1]);
        }
    }
    (dw, db)
}

fn bp1d_infinity(_net: &Net1d, _x: f64, _y: f64) -> ([f64; 3], [f64; 3]) {
    // placeholder "to see what the check prints"
    ([f64::INFINITY; 3], [f64::INFINITY; 3])
}

fn bp1d_pair_no2_and_z(net: &Net1d, x: f64, y: f64) -> ([f64; 3], [f64; 3]) {
    let t = net.forward(x).unwrap();
    let d3 = (t.a[2] - y) * sigmoid_prime(t.z[2]);
    let d2 = net.w[2] * d3 * sigmoid_prime(t.z[1]);
    let d1 = net.w[1] * d2 * sigmoid_prime(t.z[0]);
    ([x * d1, t.z[0] * d2, t.z[1] * d3], [d1, d2, d3])
}

fn bp1d_bp3_times_input(net: &Net1d, x: f64, y: f64) -> ([f64; 3], [f64; 3]) {
    let t = net.forward(x).unwrap();
    let inputs = [x, t.a[0], t.a[1]];
    let d3 = 2.0 * (t.a[2] - y) * sigmoid_prime(t.z[2]);
    let d2 = net.w[2] * d3 * sigmoid_prime(t.z[1]);
    let d1 = net.w[1] * d2 * sigmoid_prime(t.z[0]);
    let deltas = [d1, d2, d3];
    let dw = [inputs[0] * d1, inputs[1] * d2, inputs[2] * d3];
    let db = [
        inputs[0] * deltas[0],
        inputs[1] * deltas[1],
        inputs[2] * deltas[2],
    ];
    (dw, db)
}

fn bp1d_forgot_prime_layer1(net: &Net1d, x: f64, y: f64) -> ([f64; 3], [f64; 3]) {
    let t = net.forward(x).unwrap();
    let d3 = 2.0 * (t.a[2] - y) * sigmoid_prime(t.z[2]);
    let d2 = net.w[2] * d3 * sigmoid_prime(t.z[1]);
    let d1 = net.w[1] * d2;
    ([x * d1, t.a[0] * d2, t.a[1] * d3], [d1, d2, d3])
}

// ─────────────────────── notebook 06: backprop with loops over neurons ───────────────────────

/// The learner's forward pass with loops: `zs[l]` is z^{l+1}, `acts[l]` is a^l
/// (`acts[0]` is x).
fn pn_forward(net: &Network, x: &[f64]) -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
    let (ws, bs) = (net.weights(), net.biases());
    let mut acts = vec![x.to_vec()];
    let mut zs = Vec::new();
    for (w, b) in ws.iter().zip(&bs) {
        let prev = acts.last().unwrap();
        let mut z = vec![0.0; w.nrows()];
        for j in 0..w.nrows() {
            let mut s = b[[j, 0]];
            for k in 0..w.ncols() {
                s += w[[j, k]] * prev[k];
            }
            z[j] = s;
        }
        let a: Vec<f64> = z.iter().map(|&v| sigmoid(v)).collect();
        zs.push(z);
        acts.push(a);
    }
    (zs, acts)
}

/// Right: the pseudo-code as given.
fn pn_right(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let (ws, bs) = (net.weights(), net.biases());
    let (zs, acts) = pn_forward(net, x);
    let nl = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&bs);
    let mut delta: Vec<f64> = (0..ws[nl - 1].nrows())
        .map(|j| (acts[nl][j] - y[j]) * sigmoid_prime(zs[nl - 1][j]))
        .collect();
    for l in (0..nl).rev() {
        for j in 0..ws[l].nrows() {
            nabla_b[l][[j, 0]] = delta[j];
            for k in 0..ws[l].ncols() {
                nabla_w[l][[j, k]] = acts[l][k] * delta[j];
            }
        }
        if l > 0 {
            let mut new_delta = vec![0.0; ws[l].ncols()];
            for k in 0..ws[l].ncols() {
                let mut dc_da = 0.0;
                for j in 0..ws[l].nrows() {
                    dc_da += ws[l][[j, k]] * delta[j];
                }
                new_delta[k] = dc_da * sigmoid_prime(zs[l - 1][k]);
            }
            delta = new_delta;
        }
    }
    (nabla_w, nabla_b)
}

/// Right: the crate's per-example forward trace (columns), j-outer accumulation
/// into ∂C/∂a, σ′ as a(1 − a), gradients built with `from_shape_fn`.
fn pn_right_trace(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let ws = net.weights();
    let trace = net.forward_example(x).unwrap();
    let nl = ws.len();
    let a = |l: usize, k: usize| trace.activations[l][[k, 0]];
    let mut grads_w = Vec::new();
    let mut grads_b = Vec::new();
    let out = ws[nl - 1].nrows();
    let mut dc_da: Vec<f64> = (0..out).map(|j| a(nl, j) - y[j]).collect();
    for l in (1..=nl).rev() {
        let w = &ws[l - 1];
        let delta: Vec<f64> = (0..w.nrows())
            .map(|j| dc_da[j] * a(l, j) * (1.0 - a(l, j)))
            .collect();
        grads_w.push(Array2::from_shape_fn(w.raw_dim(), |(j, k)| {
            delta[j] * a(l - 1, k)
        }));
        grads_b.push(Array2::from_shape_fn((w.nrows(), 1), |(j, _)| delta[j]));
        let mut prev = vec![0.0; w.ncols()];
        for j in 0..w.nrows() {
            for k in 0..w.ncols() {
                prev[k] += w[[j, k]] * delta[j];
            }
        }
        dc_da = prev;
    }
    grads_w.reverse();
    grads_b.reverse();
    (grads_w, grads_b)
}

fn pn_forgot_prime_bp1(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let (ws, bs) = (net.weights(), net.biases());
    let (zs, acts) = pn_forward(net, x);
    let nl = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&bs);
    let mut delta: Vec<f64> = (0..ws[nl - 1].nrows())
        .map(|j| acts[nl][j] - y[j])
        .collect();
    for l in (0..nl).rev() {
        for j in 0..ws[l].nrows() {
            nabla_b[l][[j, 0]] = delta[j];
            for k in 0..ws[l].ncols() {
                nabla_w[l][[j, k]] = acts[l][k] * delta[j];
            }
        }
        if l > 0 {
            let mut new_delta = vec![0.0; ws[l].ncols()];
            for k in 0..ws[l].ncols() {
                let mut s = 0.0;
                for j in 0..ws[l].nrows() {
                    s += ws[l][[j, k]] * delta[j];
                }
                new_delta[k] = s * sigmoid_prime(zs[l - 1][k]);
            }
            delta = new_delta;
        }
    }
    (nabla_w, nabla_b)
}

fn pn_forgot_prime_bp2(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let (ws, bs) = (net.weights(), net.biases());
    let (zs, acts) = pn_forward(net, x);
    let nl = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&bs);
    let mut delta: Vec<f64> = (0..ws[nl - 1].nrows())
        .map(|j| (acts[nl][j] - y[j]) * sigmoid_prime(zs[nl - 1][j]))
        .collect();
    for l in (0..nl).rev() {
        for j in 0..ws[l].nrows() {
            nabla_b[l][[j, 0]] = delta[j];
            for k in 0..ws[l].ncols() {
                nabla_w[l][[j, k]] = acts[l][k] * delta[j];
            }
        }
        if l > 0 {
            let mut new_delta = vec![0.0; ws[l].ncols()];
            for k in 0..ws[l].ncols() {
                for j in 0..ws[l].nrows() {
                    new_delta[k] += ws[l][[j, k]] * delta[j];
                }
            }
            delta = new_delta;
        }
    }
    (nabla_w, nabla_b)
}

fn pn_factor2(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let (ws, bs) = (net.weights(), net.biases());
    let (zs, acts) = pn_forward(net, x);
    let nl = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&bs);
    // dC/da = 2(a - y), as in notebook 5
    let mut delta: Vec<f64> = (0..ws[nl - 1].nrows())
        .map(|j| 2.0 * (acts[nl][j] - y[j]) * sigmoid_prime(zs[nl - 1][j]))
        .collect();
    for l in (0..nl).rev() {
        for j in 0..ws[l].nrows() {
            nabla_b[l][[j, 0]] = delta[j];
            for k in 0..ws[l].ncols() {
                nabla_w[l][[j, k]] = acts[l][k] * delta[j];
            }
        }
        if l > 0 {
            let mut new_delta = vec![0.0; ws[l].ncols()];
            for k in 0..ws[l].ncols() {
                let mut s = 0.0;
                for j in 0..ws[l].nrows() {
                    s += ws[l][[j, k]] * delta[j];
                }
                new_delta[k] = s * sigmoid_prime(zs[l - 1][k]);
            }
            delta = new_delta;
        }
    }
    (nabla_w, nabla_b)
}

fn pn_panic_first_layer(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let (ws, bs) = (net.weights(), net.biases());
    let (zs, with_x) = pn_forward(net, x);
    // a^1 .. a^L only
    let acts: Vec<Vec<f64>> = with_x[1..].to_vec();
    let nl = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&bs);
    let mut delta: Vec<f64> = (0..ws[nl - 1].nrows())
        .map(|j| (acts[nl - 1][j] - y[j]) * sigmoid_prime(zs[nl - 1][j]))
        .collect();
    for l in (0..nl).rev() {
        let prev = &acts[l - 1];
        for j in 0..ws[l].nrows() {
            nabla_b[l][[j, 0]] = delta[j];
            for k in 0..ws[l].ncols() {
                nabla_w[l][[j, k]] = prev[k] * delta[j];
            }
        }
        if l > 0 {
            let mut new_delta = vec![0.0; ws[l].ncols()];
            for k in 0..ws[l].ncols() {
                let mut s = 0.0;
                for j in 0..ws[l].nrows() {
                    s += ws[l][[j, k]] * delta[j];
                }
                new_delta[k] = s * sigmoid_prime(zs[l - 1][k]);
            }
            delta = new_delta;
        }
    }
    (nabla_w, nabla_b)
}

fn pn_transposed_w(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let (ws, bs) = (net.weights(), net.biases());
    let (zs, acts) = pn_forward(net, x);
    let nl = ws.len();
    let mut nabla_w: Vec<Array2<f64>> = ws
        .iter()
        .map(|w| Array2::zeros((w.ncols(), w.nrows())))
        .collect();
    let mut nabla_b = zeros_like(&bs);
    let mut delta: Vec<f64> = (0..ws[nl - 1].nrows())
        .map(|j| (acts[nl][j] - y[j]) * sigmoid_prime(zs[nl - 1][j]))
        .collect();
    for l in (0..nl).rev() {
        for k in 0..ws[l].ncols() {
            for j in 0..ws[l].nrows() {
                nabla_w[l][[k, j]] = acts[l][k] * delta[j];
            }
        }
        for j in 0..ws[l].nrows() {
            nabla_b[l][[j, 0]] = delta[j];
        }
        if l > 0 {
            let mut new_delta = vec![0.0; ws[l].ncols()];
            for k in 0..ws[l].ncols() {
                let mut s = 0.0;
                for j in 0..ws[l].nrows() {
                    s += ws[l][[j, k]] * delta[j];
                }
                new_delta[k] = s * sigmoid_prime(zs[l - 1][k]);
            }
            delta = new_delta;
        }
    }
    (nabla_w, nabla_b)
}

fn pn_bias_row(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let ws = net.weights();
    let (zs, acts) = pn_forward(net, x);
    let nl = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b: Vec<Array2<f64>> = ws.iter().map(|w| Array2::zeros((1, w.nrows()))).collect();
    let mut delta: Vec<f64> = (0..ws[nl - 1].nrows())
        .map(|j| (acts[nl][j] - y[j]) * sigmoid_prime(zs[nl - 1][j]))
        .collect();
    for l in (0..nl).rev() {
        for j in 0..ws[l].nrows() {
            nabla_b[l][[0, j]] = delta[j];
            for k in 0..ws[l].ncols() {
                nabla_w[l][[j, k]] = acts[l][k] * delta[j];
            }
        }
        if l > 0 {
            let mut new_delta = vec![0.0; ws[l].ncols()];
            for k in 0..ws[l].ncols() {
                let mut s = 0.0;
                for j in 0..ws[l].nrows() {
                    s += ws[l][[j, k]] * delta[j];
                }
                new_delta[k] = s * sigmoid_prime(zs[l - 1][k]);
            }
            delta = new_delta;
        }
    }
    (nabla_w, nabla_b)
}

fn pn_prime_at_a(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let (ws, bs) = (net.weights(), net.biases());
    let (_zs, acts) = pn_forward(net, x);
    let nl = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&bs);
    let mut delta: Vec<f64> = (0..ws[nl - 1].nrows())
        .map(|j| (acts[nl][j] - y[j]) * sigmoid_prime(acts[nl][j]))
        .collect();
    for l in (0..nl).rev() {
        for j in 0..ws[l].nrows() {
            nabla_b[l][[j, 0]] = delta[j];
            for k in 0..ws[l].ncols() {
                nabla_w[l][[j, k]] = acts[l][k] * delta[j];
            }
        }
        if l > 0 {
            let mut new_delta = vec![0.0; ws[l].ncols()];
            for k in 0..ws[l].ncols() {
                let mut s = 0.0;
                for j in 0..ws[l].nrows() {
                    s += ws[l][[j, k]] * delta[j];
                }
                new_delta[k] = s * sigmoid_prime(acts[l][k]);
            }
            delta = new_delta;
        }
    }
    (nabla_w, nabla_b)
}

fn pn_sign_flipped(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let (ws, bs) = (net.weights(), net.biases());
    let (zs, acts) = pn_forward(net, x);
    let nl = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&bs);
    let mut delta: Vec<f64> = (0..ws[nl - 1].nrows())
        .map(|j| (y[j] - acts[nl][j]) * sigmoid_prime(zs[nl - 1][j]))
        .collect();
    for l in (0..nl).rev() {
        for j in 0..ws[l].nrows() {
            nabla_b[l][[j, 0]] = delta[j];
            for k in 0..ws[l].ncols() {
                nabla_w[l][[j, k]] = acts[l][k] * delta[j];
            }
        }
        if l > 0 {
            let mut new_delta = vec![0.0; ws[l].ncols()];
            for k in 0..ws[l].ncols() {
                let mut s = 0.0;
                for j in 0..ws[l].nrows() {
                    s += ws[l][[j, k]] * delta[j];
                }
                new_delta[k] = s * sigmoid_prime(zs[l - 1][k]);
            }
            delta = new_delta;
        }
    }
    (nabla_w, nabla_b)
}

fn pn_overwrote_sum(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let (ws, bs) = (net.weights(), net.biases());
    let (zs, acts) = pn_forward(net, x);
    let nl = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&bs);
    let mut delta: Vec<f64> = (0..ws[nl - 1].nrows())
        .map(|j| (acts[nl][j] - y[j]) * sigmoid_prime(zs[nl - 1][j]))
        .collect();
    for l in (0..nl).rev() {
        for j in 0..ws[l].nrows() {
            nabla_b[l][[j, 0]] = delta[j];
            for k in 0..ws[l].ncols() {
                nabla_w[l][[j, k]] = acts[l][k] * delta[j];
            }
        }
        if l > 0 {
            let mut new_delta = vec![0.0; ws[l].ncols()];
            for k in 0..ws[l].ncols() {
                let mut s = 0.0;
                for j in 0..ws[l].nrows() {
                    s = ws[l][[j, k]] * delta[j];
                }
                new_delta[k] = s * sigmoid_prime(zs[l - 1][k]);
            }
            delta = new_delta;
        }
    }
    (nabla_w, nabla_b)
}

fn pn_pair_factor2_no_prime_bp2(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let (ws, bs) = (net.weights(), net.biases());
    let (zs, acts) = pn_forward(net, x);
    let nl = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&bs);
    let mut delta: Vec<f64> = (0..ws[nl - 1].nrows())
        .map(|j| 2.0 * (acts[nl][j] - y[j]) * sigmoid_prime(zs[nl - 1][j]))
        .collect();
    for l in (0..nl).rev() {
        for j in 0..ws[l].nrows() {
            nabla_b[l][[j, 0]] = delta[j];
            for k in 0..ws[l].ncols() {
                nabla_w[l][[j, k]] = acts[l][k] * delta[j];
            }
        }
        if l > 0 {
            delta = (0..ws[l].ncols())
                .map(|k| (0..ws[l].nrows()).map(|j| ws[l][[j, k]] * delta[j]).sum())
                .collect();
        }
    }
    (nabla_w, nabla_b)
}

fn pn_bp4_z_hidden(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let (ws, bs) = (net.weights(), net.biases());
    let (zs, acts) = pn_forward(net, x);
    let nl = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&bs);
    let mut delta: Vec<f64> = (0..ws[nl - 1].nrows())
        .map(|j| (acts[nl][j] - y[j]) * sigmoid_prime(zs[nl - 1][j]))
        .collect();
    for l in (0..nl).rev() {
        // input of layer l+1: x for the first layer, otherwise the previous layer's z
        let input: &Vec<f64> = if l == 0 { &acts[0] } else { &zs[l - 1] };
        for j in 0..ws[l].nrows() {
            nabla_b[l][[j, 0]] = delta[j];
            for k in 0..ws[l].ncols() {
                nabla_w[l][[j, k]] = input[k] * delta[j];
            }
        }
        if l > 0 {
            let mut new_delta = vec![0.0; ws[l].ncols()];
            for k in 0..ws[l].ncols() {
                let mut s = 0.0;
                for j in 0..ws[l].nrows() {
                    s += ws[l][[j, k]] * delta[j];
                }
                new_delta[k] = s * sigmoid_prime(zs[l - 1][k]);
            }
            delta = new_delta;
        }
    }
    (nabla_w, nabla_b)
}

fn pn_reversed_push(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let ws = net.weights();
    let (zs, acts) = pn_forward(net, x);
    let nl = ws.len();
    let mut nabla_w = Vec::new();
    let mut nabla_b = Vec::new();
    let mut delta: Vec<f64> = (0..ws[nl - 1].nrows())
        .map(|j| (acts[nl][j] - y[j]) * sigmoid_prime(zs[nl - 1][j]))
        .collect();
    for l in (0..nl).rev() {
        let mut gw = Array2::zeros(ws[l].raw_dim());
        let mut gb = Array2::zeros((ws[l].nrows(), 1));
        for j in 0..ws[l].nrows() {
            gb[[j, 0]] = delta[j];
            for k in 0..ws[l].ncols() {
                gw[[j, k]] = acts[l][k] * delta[j];
            }
        }
        nabla_w.push(gw);
        nabla_b.push(gb);
        if l > 0 {
            let mut new_delta = vec![0.0; ws[l].ncols()];
            for k in 0..ws[l].ncols() {
                let mut s = 0.0;
                for j in 0..ws[l].nrows() {
                    s += ws[l][[j, k]] * delta[j];
                }
                new_delta[k] = s * sigmoid_prime(zs[l - 1][k]);
            }
            delta = new_delta;
        }
    }
    (nabla_w, nabla_b)
}

fn pn_nan_bias_layer1(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let (ws, bs) = (net.weights(), net.biases());
    let (zs, acts) = pn_forward(net, x);
    let nl = ws.len();
    let mut nabla_w = zeros_like(&ws);
    // NaN so that any entry I forget to fill shows up
    let mut nabla_b: Vec<Array2<f64>> = bs.iter().map(|b| b.mapv(|_| f64::NAN)).collect();
    let mut delta: Vec<f64> = (0..ws[nl - 1].nrows())
        .map(|j| (acts[nl][j] - y[j]) * sigmoid_prime(zs[nl - 1][j]))
        .collect();
    for l in (0..nl).rev() {
        for j in 0..ws[l].nrows() {
            for k in 0..ws[l].ncols() {
                nabla_w[l][[j, k]] = acts[l][k] * delta[j];
            }
        }
        if l > 0 {
            for j in 0..ws[l].nrows() {
                nabla_b[l][[j, 0]] = delta[j];
            }
            let mut new_delta = vec![0.0; ws[l].ncols()];
            for k in 0..ws[l].ncols() {
                let mut s = 0.0;
                for j in 0..ws[l].nrows() {
                    s += ws[l][[j, k]] * delta[j];
                }
                new_delta[k] = s * sigmoid_prime(zs[l - 1][k]);
            }
            delta = new_delta;
        }
    }
    (nabla_w, nabla_b)
}

// ─────────────────────────── notebook 06: the vector form ───────────────────────────

/// The learner's vector forward pass: `zs[l]` is z^{l+1}, `acts[l]` is a^l.
fn vf_forward(net: &Network, x: &Array2<f64>) -> (Vec<Array2<f64>>, Vec<Array2<f64>>) {
    let mut zs = Vec::new();
    let mut acts = vec![x.clone()];
    for (w, b) in net.weights().iter().zip(net.biases()) {
        let z = w.dot(acts.last().unwrap()) + &b;
        acts.push(z.mapv(sigmoid));
        zs.push(z);
    }
    (zs, acts)
}

/// Right: Nielsen's loop, last layer handled before the loop.
fn vf_right(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let (zs, acts) = vf_forward(net, x);
    let nl = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    let mut delta = (&acts[nl] - y) * zs[nl - 1].mapv(sigmoid_prime);
    nabla_w[nl - 1] = delta.dot(&acts[nl - 1].t());
    nabla_b[nl - 1] = delta.clone();
    for l in (0..nl - 1).rev() {
        delta = ws[l + 1].t().dot(&delta) * zs[l].mapv(sigmoid_prime);
        nabla_w[l] = delta.dot(&acts[l].t());
        nabla_b[l] = delta.clone();
    }
    (nabla_w, nabla_b)
}

/// Right: the crate's forward trace, σ′ = a(1 − a), outer product by
/// `from_shape_fn`, carrying ∂C/∂a and pushing to the front.
fn vf_right_trace(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let xs: Vec<f64> = x.column(0).to_vec();
    let t = net.forward_example(&xs).unwrap();
    let mut nabla_w = std::collections::VecDeque::new();
    let mut nabla_b = std::collections::VecDeque::new();
    let mut dc_da = t.activations.last().unwrap() - y;
    for l in (0..ws.len()).rev() {
        let a = &t.activations[l + 1];
        let delta = &dc_da * &(a * &a.mapv(|v| 1.0 - v));
        let a_prev = &t.activations[l];
        let gw = Array2::from_shape_fn((delta.nrows(), a_prev.nrows()), |(j, k)| {
            delta[[j, 0]] * a_prev[[k, 0]]
        });
        dc_da = ws[l].t().dot(&delta);
        nabla_w.push_front(gw);
        nabla_b.push_front(delta);
    }
    (nabla_w.into_iter().collect(), nabla_b.into_iter().collect())
}

/// Right: hadamard with `Zip`, the transpose materialised first.
fn vf_right_zip(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let (ws, bs) = (net.weights(), net.biases());
    let mut zs: Vec<Array2<f64>> = Vec::new();
    let mut acts: Vec<Array2<f64>> = vec![x.to_owned()];
    for l in 0..ws.len() {
        let mut z = ws[l].dot(&acts[l]);
        z += &bs[l];
        acts.push(z.map(|&v| sigmoid(v)));
        zs.push(z);
    }
    let nl = ws.len();
    let mut nabla_w = vec![Array2::<f64>::zeros((0, 0)); nl];
    let mut nabla_b = vec![Array2::<f64>::zeros((0, 0)); nl];
    let mut l = nl;
    let mut delta = Array2::<f64>::zeros(zs[nl - 1].raw_dim());
    ndarray::Zip::from(&mut delta)
        .and(&acts[nl])
        .and(y)
        .and(&zs[nl - 1])
        .for_each(|d, &a, &t, &z| *d = (a - t) * sigmoid_prime(z));
    while l > 0 {
        l -= 1;
        nabla_b[l] = delta.clone();
        nabla_w[l] = delta.dot(&acts[l].t());
        if l > 0 {
            let wt = ws[l].t().to_owned();
            let back = wt.dot(&delta);
            delta = Array2::from_shape_fn(back.raw_dim(), |(k, c)| {
                back[[k, c]] * sigmoid_prime(zs[l - 1][[k, c]])
            });
        }
    }
    (nabla_w, nabla_b)
}

fn vf_bp2_no_transpose(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let (zs, acts) = vf_forward(net, x);
    let nl = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    let mut delta = (&acts[nl] - y) * zs[nl - 1].mapv(sigmoid_prime);
    nabla_w[nl - 1] = delta.dot(&acts[nl - 1].t());
    nabla_b[nl - 1] = delta.clone();
    for l in (0..nl - 1).rev() {
        delta = ws[l + 1].dot(&delta) * zs[l].mapv(sigmoid_prime);
        nabla_w[l] = delta.dot(&acts[l].t());
        nabla_b[l] = delta.clone();
    }
    (nabla_w, nabla_b)
}

fn vf_bp4_outer_reversed(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let (zs, acts) = vf_forward(net, x);
    let nl = ws.len();
    let mut nabla_w = Vec::new();
    let mut nabla_b = Vec::new();
    let mut delta = (&acts[nl] - y) * zs[nl - 1].mapv(sigmoid_prime);
    for l in (0..nl).rev() {
        nabla_w.insert(0, acts[l].dot(&delta.t()));
        nabla_b.insert(0, delta.clone());
        if l > 0 {
            delta = ws[l].t().dot(&delta) * zs[l - 1].mapv(sigmoid_prime);
        }
    }
    (nabla_w, nabla_b)
}

fn vf_forgot_prime_bp2(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let (zs, acts) = vf_forward(net, x);
    let nl = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    let mut delta = (&acts[nl] - y) * zs[nl - 1].mapv(sigmoid_prime);
    nabla_w[nl - 1] = delta.dot(&acts[nl - 1].t());
    nabla_b[nl - 1] = delta.clone();
    for l in (0..nl - 1).rev() {
        delta = ws[l + 1].t().dot(&delta);
        nabla_w[l] = delta.dot(&acts[l].t());
        nabla_b[l] = delta.clone();
    }
    (nabla_w, nabla_b)
}

fn vf_sigma_bp1(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let (zs, acts) = vf_forward(net, x);
    let nl = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    let mut delta = (&acts[nl] - y) * zs[nl - 1].mapv(sigmoid);
    nabla_w[nl - 1] = delta.dot(&acts[nl - 1].t());
    nabla_b[nl - 1] = delta.clone();
    for l in (0..nl - 1).rev() {
        delta = ws[l + 1].t().dot(&delta) * zs[l].mapv(sigmoid_prime);
        nabla_w[l] = delta.dot(&acts[l].t());
        nabla_b[l] = delta.clone();
    }
    (nabla_w, nabla_b)
}

fn vf_factor2(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let (zs, acts) = vf_forward(net, x);
    let nl = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    let dc_da = 2.0 * (&acts[nl] - y);
    let mut delta = dc_da * zs[nl - 1].mapv(sigmoid_prime);
    nabla_w[nl - 1] = delta.dot(&acts[nl - 1].t());
    nabla_b[nl - 1] = delta.clone();
    for l in (0..nl - 1).rev() {
        delta = ws[l + 1].t().dot(&delta) * zs[l].mapv(sigmoid_prime);
        nabla_w[l] = delta.dot(&acts[l].t());
        nabla_b[l] = delta.clone();
    }
    (nabla_w, nabla_b)
}

fn vf_prime_next_layer(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let (zs, acts) = vf_forward(net, x);
    let nl = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    let mut delta = (&acts[nl] - y) * zs[nl - 1].mapv(sigmoid_prime);
    nabla_w[nl - 1] = delta.dot(&acts[nl - 1].t());
    nabla_b[nl - 1] = delta.clone();
    for l in (0..nl - 1).rev() {
        delta = ws[l + 1].t().dot(&delta) * zs[l + 1].mapv(sigmoid_prime);
        nabla_w[l] = delta.dot(&acts[l].t());
        nabla_b[l] = delta.clone();
    }
    (nabla_w, nabla_b)
}

fn vf_bias_sum_axis(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let (zs, acts) = vf_forward(net, x);
    let nl = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    let mut delta = (&acts[nl] - y) * zs[nl - 1].mapv(sigmoid_prime);
    for l in (0..nl).rev() {
        nabla_w[l] = delta.dot(&acts[l].t());
        // MiniFlow: dC/db = sum of the gradient over axis 0
        nabla_b[l] = delta.sum_axis(Axis(0)).insert_axis(Axis(1));
        if l > 0 {
            delta = ws[l].t().dot(&delta) * zs[l - 1].mapv(sigmoid_prime);
        }
    }
    (nabla_w, nabla_b)
}

fn vf_miniflow_rows(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    // examples as rows, as in MiniFlow: a is (1, k), z = a·Wᵀ + bᵀ
    let (ws, bs) = (net.weights(), net.biases());
    let mut acts = vec![x.t().to_owned()];
    let mut zs = Vec::new();
    for (w, b) in ws.iter().zip(&bs) {
        let z = acts.last().unwrap().dot(&w.t()) + &b.t();
        acts.push(z.mapv(sigmoid));
        zs.push(z);
    }
    let nl = ws.len();
    let mut nabla_w = vec![Array2::zeros((0, 0)); nl];
    let mut nabla_b = vec![Array2::zeros((0, 0)); nl];
    let mut grad = (&acts[nl] - &y.t()) * zs[nl - 1].mapv(sigmoid_prime);
    for l in (0..nl).rev() {
        nabla_w[l] = acts[l].t().dot(&grad);
        nabla_b[l] = grad.clone();
        if l > 0 {
            grad = grad.dot(&ws[l]) * zs[l - 1].mapv(sigmoid_prime);
        }
    }
    (nabla_w, nabla_b)
}

fn vf_sign_flipped(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let (zs, acts) = vf_forward(net, x);
    let nl = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    let mut delta = (y - &acts[nl]) * zs[nl - 1].mapv(sigmoid_prime);
    nabla_w[nl - 1] = delta.dot(&acts[nl - 1].t());
    nabla_b[nl - 1] = delta.clone();
    for l in (0..nl - 1).rev() {
        delta = ws[l + 1].t().dot(&delta) * zs[l].mapv(sigmoid_prime);
        nabla_w[l] = delta.dot(&acts[l].t());
        nabla_b[l] = delta.clone();
    }
    (nabla_w, nabla_b)
}

fn vf_prime_at_a_bp2(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let (zs, acts) = vf_forward(net, x);
    let nl = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    let mut delta = (&acts[nl] - y) * zs[nl - 1].mapv(sigmoid_prime);
    nabla_w[nl - 1] = delta.dot(&acts[nl - 1].t());
    nabla_b[nl - 1] = delta.clone();
    for l in (0..nl - 1).rev() {
        delta = ws[l + 1].t().dot(&delta) * acts[l + 1].mapv(sigmoid_prime);
        nabla_w[l] = delta.dot(&acts[l].t());
        nabla_b[l] = delta.clone();
    }
    (nabla_w, nabla_b)
}

fn vf_pair_no_prime_bp1_z_bp4(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let (zs, acts) = vf_forward(net, x);
    let nl = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    let mut delta = &acts[nl] - y;
    for l in (0..nl).rev() {
        let input = if l == 0 { x } else { &zs[l - 1] };
        nabla_w[l] = delta.dot(&input.t());
        nabla_b[l] = delta.clone();
        if l > 0 {
            delta = ws[l].t().dot(&delta) * zs[l - 1].mapv(sigmoid_prime);
        }
    }
    (nabla_w, nabla_b)
}

fn vf_nan_placeholder(net: &Network, _x: &Array2<f64>, _y: &Array2<f64>) -> Grads {
    // right shapes, values still to do
    let nabla_w = net.weights().iter().map(|w| w.mapv(|_| f64::NAN)).collect();
    let nabla_b = net.biases().iter().map(|b| b.mapv(|_| f64::NAN)).collect();
    (nabla_w, nabla_b)
}

fn vf_forgot_bias_forward(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let mut zs = Vec::new();
    let mut acts = vec![x.clone()];
    for w in &ws {
        let z = w.dot(acts.last().unwrap());
        acts.push(z.mapv(sigmoid));
        zs.push(z);
    }
    let nl = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    let mut delta = (&acts[nl] - y) * zs[nl - 1].mapv(sigmoid_prime);
    for l in (0..nl).rev() {
        nabla_w[l] = delta.dot(&acts[l].t());
        nabla_b[l] = delta.clone();
        if l > 0 {
            delta = ws[l].t().dot(&delta) * zs[l - 1].mapv(sigmoid_prime);
        }
    }
    (nabla_w, nabla_b)
}

fn vf_loop_includes_last(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let (zs, acts) = vf_forward(net, x);
    let nl = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    let mut delta = (&acts[nl] - y) * zs[nl - 1].mapv(sigmoid_prime);
    for l in (0..nl).rev() {
        delta = ws[l + 1].t().dot(&delta) * zs[l].mapv(sigmoid_prime);
        nabla_w[l] = delta.dot(&acts[l].t());
        nabla_b[l] = delta.clone();
    }
    (nabla_w, nabla_b)
}

// ─────────────────────────── notebook 08: the stack form ───────────────────────────

/// Right: the stack operations as the notebook lists them, σ′ = a(1 − a).
fn st_right(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let trace = net.feedforward_batch(x).unwrap();
    let acts: Vec<Array3<f64>> = trace
        .activations
        .iter()
        .map(|m| add_trailing_axis(&m.t()))
        .collect();
    let nl = ws.len();
    let targets = add_trailing_axis(y);
    let out = &acts[nl];
    let mut delta = (out - &targets) * (out * &(1.0 - out));
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    for l in (0..nl).rev() {
        nabla_b[l] = sum_axis0(&delta).unwrap();
        let outer = batch_matmul(&delta, &transpose_stack(&acts[l])).unwrap();
        nabla_w[l] = sum_axis0(&outer).unwrap();
        if l > 0 {
            let a = &acts[l];
            delta = matmul_stack(&ws[l].t(), &delta).unwrap() * (a * &(1.0 - a));
        }
    }
    (nabla_w, nabla_b)
}

/// Right: one matrix product per layer (the notebook's gemm form), with z and σ′.
fn st_right_gemm(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let tr = net.feedforward_batch(x).unwrap();
    let (zs, acts) = (&tr.activities, &tr.activations);
    let nl = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    let mut delta = (&acts[nl] - &y.t()) * zs[nl - 1].mapv(sigmoid_prime);
    for l in (0..nl).rev() {
        nabla_w[l] = delta.dot(&acts[l].t());
        nabla_b[l] = delta.sum_axis(Axis(1)).insert_axis(Axis(1));
        if l > 0 {
            delta = ws[l].t().dot(&delta) * zs[l - 1].mapv(sigmoid_prime);
        }
    }
    (nabla_w, nabla_b)
}

/// Right: per-example backprop, added up over the rows of the batch.
fn st_right_per_example(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let nl = ws.len();
    let mut total_w = zeros_like(&ws);
    let mut total_b = zeros_like(&net.biases());
    for (xr, yr) in x.outer_iter().zip(y.outer_iter()) {
        let t = net.forward_example(&xr.to_vec()).unwrap();
        let target = yr.to_owned().insert_axis(Axis(1));
        let mut delta = (&t.activations[nl] - &target) * t.activities[nl - 1].mapv(sigmoid_prime);
        for l in (0..nl).rev() {
            total_w[l] += &delta.dot(&t.activations[l].t());
            total_b[l] += &delta;
            if l > 0 {
                delta = ws[l].t().dot(&delta) * t.activities[l - 1].mapv(sigmoid_prime);
            }
        }
    }
    (total_w, total_b)
}

/// The learner's stacks: every a^l as (N, k, 1).
fn st_stacks(net: &Network, x: &Array2<f64>) -> Vec<Array3<f64>> {
    let trace = net.feedforward_batch(x).unwrap();
    trace
        .activations
        .iter()
        .map(|m| add_trailing_axis(&m.t()))
        .collect()
}

fn st_sig_prime(a: &Array3<f64>) -> Array3<f64> {
    a * &(1.0 - a)
}

fn st_mean_everywhere(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let acts = st_stacks(net, x);
    let nl = ws.len();
    let mut delta = (&acts[nl] - &add_trailing_axis(y)) * st_sig_prime(&acts[nl]);
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    for l in (0..nl).rev() {
        nabla_b[l] = mean_axis0(&delta).unwrap();
        nabla_w[l] =
            mean_axis0(&batch_matmul(&delta, &transpose_stack(&acts[l])).unwrap()).unwrap();
        if l > 0 {
            delta = matmul_stack(&ws[l].t(), &delta).unwrap() * st_sig_prime(&acts[l]);
        }
    }
    (nabla_w, nabla_b)
}

fn st_mean_bp3_only(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let acts = st_stacks(net, x);
    let nl = ws.len();
    let mut delta = (&acts[nl] - &add_trailing_axis(y)) * st_sig_prime(&acts[nl]);
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    for l in (0..nl).rev() {
        nabla_b[l] = mean_axis0(&delta).unwrap();
        nabla_w[l] = sum_axis0(&batch_matmul(&delta, &transpose_stack(&acts[l])).unwrap()).unwrap();
        if l > 0 {
            delta = matmul_stack(&ws[l].t(), &delta).unwrap() * st_sig_prime(&acts[l]);
        }
    }
    (nabla_w, nabla_b)
}

fn st_factor2(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let acts = st_stacks(net, x);
    let nl = ws.len();
    let mut delta = 2.0 * (&acts[nl] - &add_trailing_axis(y)) * st_sig_prime(&acts[nl]);
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    for l in (0..nl).rev() {
        nabla_b[l] = sum_axis0(&delta).unwrap();
        nabla_w[l] = sum_axis0(&batch_matmul(&delta, &transpose_stack(&acts[l])).unwrap()).unwrap();
        if l > 0 {
            delta = matmul_stack(&ws[l].t(), &delta).unwrap() * st_sig_prime(&acts[l]);
        }
    }
    (nabla_w, nabla_b)
}

fn st_bp4_outer_reversed(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let acts = st_stacks(net, x);
    let nl = ws.len();
    let mut delta = (&acts[nl] - &add_trailing_axis(y)) * st_sig_prime(&acts[nl]);
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    for l in (0..nl).rev() {
        nabla_b[l] = sum_axis0(&delta).unwrap();
        nabla_w[l] = sum_axis0(&batch_matmul(&acts[l], &transpose_stack(&delta)).unwrap()).unwrap();
        if l > 0 {
            delta = matmul_stack(&ws[l].t(), &delta).unwrap() * st_sig_prime(&acts[l]);
        }
    }
    (nabla_w, nabla_b)
}

fn st_bp2_no_transpose(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let acts = st_stacks(net, x);
    let nl = ws.len();
    let mut delta = (&acts[nl] - &add_trailing_axis(y)) * st_sig_prime(&acts[nl]);
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    for l in (0..nl).rev() {
        nabla_b[l] = sum_axis0(&delta).unwrap();
        nabla_w[l] = sum_axis0(&batch_matmul(&delta, &transpose_stack(&acts[l])).unwrap()).unwrap();
        if l > 0 {
            delta = matmul_stack(&ws[l], &delta).unwrap() * st_sig_prime(&acts[l]);
        }
    }
    (nabla_w, nabla_b)
}

fn st_y_not_stacked(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let acts = st_stacks(net, x);
    let nl = ws.len();
    // y used as it comes, (N, outputs)
    let mut delta = (&acts[nl] - y) * st_sig_prime(&acts[nl]);
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    for l in (0..nl).rev() {
        nabla_b[l] = sum_axis0(&delta).unwrap();
        nabla_w[l] = sum_axis0(&batch_matmul(&delta, &transpose_stack(&acts[l])).unwrap()).unwrap();
        if l > 0 {
            delta = matmul_stack(&ws[l].t(), &delta).unwrap() * st_sig_prime(&acts[l]);
        }
    }
    (nabla_w, nabla_b)
}

fn st_forgot_prime_bp2(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let acts = st_stacks(net, x);
    let nl = ws.len();
    let mut delta = (&acts[nl] - &add_trailing_axis(y)) * st_sig_prime(&acts[nl]);
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    for l in (0..nl).rev() {
        nabla_b[l] = sum_axis0(&delta).unwrap();
        nabla_w[l] = sum_axis0(&batch_matmul(&delta, &transpose_stack(&acts[l])).unwrap()).unwrap();
        if l > 0 {
            delta = matmul_stack(&ws[l].t(), &delta).unwrap();
        }
    }
    (nabla_w, nabla_b)
}

fn st_prime_at_a(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let acts = st_stacks(net, x);
    let nl = ws.len();
    let mut delta = (&acts[nl] - &add_trailing_axis(y)) * acts[nl].mapv(sigmoid_prime);
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    for l in (0..nl).rev() {
        nabla_b[l] = sum_axis0(&delta).unwrap();
        nabla_w[l] = sum_axis0(&batch_matmul(&delta, &transpose_stack(&acts[l])).unwrap()).unwrap();
        if l > 0 {
            delta = matmul_stack(&ws[l].t(), &delta).unwrap() * acts[l].mapv(sigmoid_prime);
        }
    }
    (nabla_w, nabla_b)
}

fn st_z_one_minus_z_bp2(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let trace = net.feedforward_batch(x).unwrap();
    let acts: Vec<Array3<f64>> = trace
        .activations
        .iter()
        .map(|m| add_trailing_axis(&m.t()))
        .collect();
    let zs: Vec<Array3<f64>> = trace
        .activities
        .iter()
        .map(|m| add_trailing_axis(&m.t()))
        .collect();
    let nl = ws.len();
    let mut delta = (&acts[nl] - &add_trailing_axis(y)) * st_sig_prime(&acts[nl]);
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    for l in (0..nl).rev() {
        nabla_b[l] = sum_axis0(&delta).unwrap();
        nabla_w[l] = sum_axis0(&batch_matmul(&delta, &transpose_stack(&acts[l])).unwrap()).unwrap();
        if l > 0 {
            let z = &zs[l - 1];
            delta = matmul_stack(&ws[l].t(), &delta).unwrap() * (z * &(1.0 - z));
        }
    }
    (nabla_w, nabla_b)
}

fn st_bp4_next_activation(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let acts = st_stacks(net, x);
    let nl = ws.len();
    let mut delta = (&acts[nl] - &add_trailing_axis(y)) * st_sig_prime(&acts[nl]);
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    for l in (0..nl).rev() {
        nabla_b[l] = sum_axis0(&delta).unwrap();
        nabla_w[l] =
            sum_axis0(&batch_matmul(&delta, &transpose_stack(&acts[l + 1])).unwrap()).unwrap();
        if l > 0 {
            delta = matmul_stack(&ws[l].t(), &delta).unwrap() * st_sig_prime(&acts[l]);
        }
    }
    (nabla_w, nabla_b)
}

fn st_empty(net: &Network, x: &Array2<f64>, _y: &Array2<f64>) -> Grads {
    // forward pass done, backward still to write
    let _acts = st_stacks(net, x);
    (Vec::new(), Vec::new())
}

fn st_pair_no_prime_bp1_transposed(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let acts = st_stacks(net, x);
    let nl = ws.len();
    let mut delta = &acts[nl] - &add_trailing_axis(y);
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    for l in (0..nl).rev() {
        nabla_b[l] = sum_axis0(&delta).unwrap();
        nabla_w[l] = sum_axis0(&batch_matmul(&acts[l], &transpose_stack(&delta)).unwrap()).unwrap();
        if l > 0 {
            delta = matmul_stack(&ws[l].t(), &delta).unwrap() * st_sig_prime(&acts[l]);
        }
    }
    (nabla_w, nabla_b)
}

fn st_sign_flipped(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let acts = st_stacks(net, x);
    let nl = ws.len();
    let mut delta = (&add_trailing_axis(y) - &acts[nl]) * st_sig_prime(&acts[nl]);
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    for l in (0..nl).rev() {
        nabla_b[l] = sum_axis0(&delta).unwrap();
        nabla_w[l] = sum_axis0(&batch_matmul(&delta, &transpose_stack(&acts[l])).unwrap()).unwrap();
        if l > 0 {
            delta = matmul_stack(&ws[l].t(), &delta).unwrap() * st_sig_prime(&acts[l]);
        }
    }
    (nabla_w, nabla_b)
}

// ─────────────────────────── notebook 01: network_boxes ───────────────────────────

/// Right: node by node, each derivative from the one on its right.
fn nb_right_chain(x: f64, w: f64, b: f64, y: f64) -> [f64; 9] {
    let c = w * x;
    let a = c + b;
    let d = a - y;
    let j = d.powi(2) / 2.0;
    let dj_dd = d;
    let dj_da = 1.0 * dj_dd;
    let dj_dc = 1.0 * dj_da;
    let dj_db = 1.0 * dj_da;
    let dj_dw = x * dj_dc;
    [c, a, d, j, dj_dd, dj_da, dj_dc, dj_db, dj_dw]
}

/// Right: written out in the parameters directly.
fn nb_right_expanded(x: f64, w: f64, b: f64, y: f64) -> [f64; 9] {
    let resid = w.mul_add(x, b) - y;
    [
        x * w,
        x * w + b,
        resid,
        0.5 * resid * resid,
        resid,
        resid,
        resid,
        resid,
        resid * x,
    ]
}

/// Right: builds the array step by step from a Vec.
fn nb_right_vec(x: f64, w: f64, b: f64, y: f64) -> [f64; 9] {
    let mut boxes = Vec::with_capacity(9);
    let c = x * w;
    boxes.push(c);
    boxes.push(c + b);
    let d = boxes[1] - y;
    boxes.push(d);
    boxes.push(d * d * 0.5);
    // dJ/dd, then through d = a - y, a = c + b (both local derivatives 1)
    boxes.extend([d, d, d, d]);
    boxes.push(d * x);
    boxes.try_into().unwrap()
}

fn nb_forgot_half(x: f64, w: f64, b: f64, y: f64) -> [f64; 9] {
    let c = w * x;
    let a = c + b;
    let d = a - y;
    let j = d * d;
    [c, a, d, j, d, d, d, d, x * d]
}

fn nb_factor2_derivs(x: f64, w: f64, b: f64, y: f64) -> [f64; 9] {
    let c = w * x;
    let a = c + b;
    let d = a - y;
    let j = d.powi(2) / 2.0;
    let dj_dd = 2.0 * d;
    [c, a, d, j, dj_dd, dj_dd, dj_dd, dj_dd, x * dj_dd]
}

fn nb_dw_no_x(x: f64, w: f64, b: f64, y: f64) -> [f64; 9] {
    let c = w * x;
    let a = c + b;
    let d = a - y;
    let j = 0.5 * d * d;
    [c, a, d, j, d, d, d, d, d]
}

fn nb_dw_uses_w(x: f64, w: f64, b: f64, y: f64) -> [f64; 9] {
    let c = w * x;
    let a = c + b;
    let d = a - y;
    let j = 0.5 * d * d;
    let dc_dw = w;
    [c, a, d, j, d, d, d, d, dc_dw * d]
}

fn nb_d_sign(x: f64, w: f64, b: f64, y: f64) -> [f64; 9] {
    let c = w * x;
    let a = c + b;
    let d = y - a;
    let j = d * d / 2.0;
    [c, a, d, j, d, d, d, d, x * d]
}

fn nb_da_sign(x: f64, w: f64, b: f64, y: f64) -> [f64; 9] {
    let c = w * x;
    let a = c + b;
    let d = a - y;
    let j = d * d / 2.0;
    let dj_da = -d;
    [c, a, d, j, d, dj_da, d, d, x * d]
}

fn nb_swapped_db_dw(x: f64, w: f64, b: f64, y: f64) -> [f64; 9] {
    let c = w * x;
    let a = c + b;
    let d = a - y;
    let j = d * d / 2.0;
    let (dj_dw, dj_db) = (x * d, d);
    [c, a, d, j, d, d, d, dj_dw, dj_db]
}

fn nb_c_added(x: f64, w: f64, b: f64, y: f64) -> [f64; 9] {
    let c = w + x;
    let a = c + b;
    let d = a - y;
    let j = d * d / 2.0;
    [c, a, d, j, d, d, d, d, d]
}

fn nb_pair_half_and_dw(x: f64, w: f64, b: f64, y: f64) -> [f64; 9] {
    let c = w * x;
    let a = c + b;
    let d = a - y;
    [c, a, d, d.powi(2), d, d, d, d, d]
}

fn nb_nan(_x: f64, _w: f64, _b: f64, _y: f64) -> [f64; 9] {
    [f64::NAN; 9]
}

fn nb_db_times_x(x: f64, w: f64, b: f64, y: f64) -> [f64; 9] {
    let c = w * x;
    let a = c + b;
    let d = a - y;
    let j = d * d / 2.0;
    [c, a, d, j, d, d, d, x * d, x * d]
}

fn nb_forgot_y(x: f64, w: f64, b: f64, _y: f64) -> [f64; 9] {
    let c = w * x;
    let a = c + b;
    let d = a;
    let j = d * d / 2.0;
    [c, a, d, j, d, d, d, d, x * d]
}

fn nb_panic_eight_boxes(x: f64, w: f64, b: f64, y: f64) -> [f64; 9] {
    let c = w * x;
    let a = c + b;
    let d = a - y;
    let j = d * d / 2.0;
    // dJ/dc left out by accident
    let boxes = vec![c, a, d, j, d, d, d, x * d];
    boxes.try_into().unwrap()
}

// ─────────────────────────── notebook 03: dldw ───────────────────────────

/// The notebook's forward pass, `neural_network(w, x, f64::sin)`.
fn sin_forward(w: [f64; 2], x: &[f64]) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let a1: Vec<f64> = x.iter().map(|xi| xi * w[0]).collect();
    let a2: Vec<f64> = a1.iter().map(|&v| v.sin() * w[1]).collect();
    let y_hat: Vec<f64> = a2.iter().map(|&v| v.sin()).collect();
    (a1, a2, y_hat)
}

// The learner's partials from exercises 2 and 3.
fn my_dadw(v: f64, first_weight: bool) -> f64 {
    if first_weight {
        v
    } else {
        v.sin()
    }
}
fn my_dhda(a: f64) -> f64 {
    a.cos()
}
fn my_dyda(a: f64) -> f64 {
    a.cos()
}
fn my_dadh(w: f64) -> f64 {
    w
}
fn my_dldy(y_pred: f64, y: f64) -> f64 {
    2.0 * (y_pred - y)
}

/// Right: the learner's partials, one loop.
fn dl_right_partials(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    let (a1, a2, y_hat) = sin_forward(w, x);
    let n = x.len() as f64;
    let (mut g2, mut g1) = (0.0, 0.0);
    for i in 0..x.len() {
        let up = my_dldy(y_hat[i], y[i]) * my_dyda(a2[i]);
        g2 += up * my_dadw(a1[i], false);
        g1 += up * my_dadh(w[1]) * my_dhda(a1[i]) * my_dadw(x[i], true);
    }
    [g2 / n, g1 / n]
}

/// Right: inline sin/cos, iterators, mean at the end.
fn dl_right_iter(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    let [w1, w2] = w;
    let per_point: Vec<(f64, f64)> = x
        .iter()
        .zip(y)
        .map(|(&xi, &yi)| {
            let a1 = xi * w1;
            let h1 = a1.sin();
            let a2 = h1 * w2;
            let delta2 = 2.0 * (a2.sin() - yi) * a2.cos();
            (delta2 * h1, delta2 * w2 * a1.cos() * xi)
        })
        .collect();
    let n = per_point.len() as f64;
    let g2: f64 = per_point.iter().map(|p| p.0).sum();
    let g1: f64 = per_point.iter().map(|p| p.1).sum();
    [g2 / n, g1 / n]
}

/// Right: running mean, w1's chain computed from the shared factor.
fn dl_right_running_mean(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    let (a1, a2, y_hat) = sin_forward(w, x);
    let mut mean = [0.0, 0.0];
    for (i, ((&xi, &yi), (&p, (&u1, &u2)))) in x
        .iter()
        .zip(y)
        .zip(y_hat.iter().zip(a1.iter().zip(&a2)))
        .enumerate()
    {
        let shared = 2.0 * (p - yi) * u2.cos();
        let g = [shared * u1.sin(), shared * w[1] * u1.cos() * xi];
        let k = (i + 1) as f64;
        mean[0] += (g[0] - mean[0]) / k;
        mean[1] += (g[1] - mean[1]) / k;
    }
    mean
}

fn dl_order_swapped(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    let (a1, a2, y_hat) = sin_forward(w, x);
    let n = x.len() as f64;
    let (mut g1, mut g2) = (0.0, 0.0);
    for i in 0..x.len() {
        let up = my_dldy(y_hat[i], y[i]) * my_dyda(a2[i]);
        g1 += up * my_dadh(w[1]) * my_dhda(a1[i]) * my_dadw(x[i], true);
        g2 += up * my_dadw(a1[i], false);
    }
    [g1 / n, g2 / n]
}

fn dl_sum_not_mean(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    let (a1, a2, y_hat) = sin_forward(w, x);
    let (mut g2, mut g1) = (0.0, 0.0);
    for i in 0..x.len() {
        let up = my_dldy(y_hat[i], y[i]) * my_dyda(a2[i]);
        g2 += up * my_dadw(a1[i], false);
        g1 += up * my_dadh(w[1]) * my_dhda(a1[i]) * my_dadw(x[i], true);
    }
    [g2, g1]
}

fn dl_no_factor2(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    let (a1, a2, y_hat) = sin_forward(w, x);
    let n = x.len() as f64;
    let (mut g2, mut g1) = (0.0, 0.0);
    for i in 0..x.len() {
        let up = (y_hat[i] - y[i]) * my_dyda(a2[i]);
        g2 += up * my_dadw(a1[i], false);
        g1 += up * my_dadh(w[1]) * my_dhda(a1[i]) * my_dadw(x[i], true);
    }
    [g2 / n, g1 / n]
}

fn dl_sign_flipped(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    let (a1, a2, y_hat) = sin_forward(w, x);
    let n = x.len() as f64;
    let (mut g2, mut g1) = (0.0, 0.0);
    for i in 0..x.len() {
        let up = 2.0 * (y[i] - y_hat[i]) * my_dyda(a2[i]);
        g2 += up * my_dadw(a1[i], false);
        g1 += up * my_dadh(w[1]) * my_dhda(a1[i]) * my_dadw(x[i], true);
    }
    [g2 / n, g1 / n]
}

fn dl_w2_uses_a1(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    let (a1, a2, y_hat) = sin_forward(w, x);
    let n = x.len() as f64;
    let (mut g2, mut g1) = (0.0, 0.0);
    for i in 0..x.len() {
        let up = my_dldy(y_hat[i], y[i]) * my_dyda(a2[i]);
        g2 += up * my_dadw(a1[i], true);
        g1 += up * my_dadh(w[1]) * my_dhda(a1[i]) * my_dadw(x[i], true);
    }
    [g2 / n, g1 / n]
}

fn dl_w1_forgot_dadh(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    let (a1, a2, y_hat) = sin_forward(w, x);
    let n = x.len() as f64;
    let (mut g2, mut g1) = (0.0, 0.0);
    for i in 0..x.len() {
        let up = my_dldy(y_hat[i], y[i]) * my_dyda(a2[i]);
        g2 += up * my_dadw(a1[i], false);
        g1 += up * my_dhda(a1[i]) * my_dadw(x[i], true);
    }
    [g2 / n, g1 / n]
}

fn dl_sin_for_cos(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    let (a1, a2, y_hat) = sin_forward(w, x);
    let n = x.len() as f64;
    let (mut g2, mut g1) = (0.0, 0.0);
    for i in 0..x.len() {
        let up = my_dldy(y_hat[i], y[i]) * a2[i].sin();
        g2 += up * a1[i].sin();
        g1 += up * w[1] * a1[i].sin() * x[i];
    }
    [g2 / n, g1 / n]
}

fn dl_sin_in_dhda_only(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    let (a1, a2, y_hat) = sin_forward(w, x);
    let n = x.len() as f64;
    let (mut g2, mut g1) = (0.0, 0.0);
    for i in 0..x.len() {
        let up = my_dldy(y_hat[i], y[i]) * my_dyda(a2[i]);
        g2 += up * my_dadw(a1[i], false);
        g1 += up * my_dadh(w[1]) * a1[i].sin() * my_dadw(x[i], true);
    }
    [g2 / n, g1 / n]
}

fn dl_n_minus_one(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    let (a1, a2, y_hat) = sin_forward(w, x);
    let n = (x.len() - 1) as f64;
    let (mut g2, mut g1) = (0.0, 0.0);
    for i in 0..x.len() {
        let up = my_dldy(y_hat[i], y[i]) * my_dyda(a2[i]);
        g2 += up * my_dadw(a1[i], false);
        g1 += up * my_dadh(w[1]) * my_dhda(a1[i]) * my_dadw(x[i], true);
    }
    [g2 / n, g1 / n]
}

fn dl_pair_swapped_sum(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    let (a1, a2, y_hat) = sin_forward(w, x);
    let mut grads = [0.0; 2];
    for i in 0..x.len() {
        let up = my_dldy(y_hat[i], y[i]) * my_dyda(a2[i]);
        grads[0] += up * my_dadh(w[1]) * my_dhda(a1[i]) * my_dadw(x[i], true);
        grads[1] += up * my_dadw(a1[i], false);
    }
    grads
}

fn dl_panic_range(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    let (a1, a2, y_hat) = sin_forward(w, x);
    let n = x.len() as f64;
    let (mut g2, mut g1) = (0.0, 0.0);
    for i in 0..=x.len() {
        let up = my_dldy(y_hat[i], y[i]) * my_dyda(a2[i]);
        g2 += up * my_dadw(a1[i], false);
        g1 += up * my_dadh(w[1]) * my_dhda(a1[i]) * my_dadw(x[i], true);
    }
    [g2 / n, g1 / n]
}

fn dl_forgot_count(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    let [w1, w2] = w;
    let n = 0.0; // number of points, to be counted in the loop
    let (mut g2, mut g1) = (0.0, 0.0);
    for (&xi, &yi) in x.iter().zip(y) {
        let a1 = xi * w1;
        let a2 = a1.sin() * w2;
        let up = my_dldy(a2.sin(), yi) * my_dyda(a2);
        g2 += up * my_dadw(a1, false);
        g1 += up * my_dadh(w2) * my_dhda(a1) * my_dadw(xi, true);
    }
    [g2 / n, g1 / n]
}

fn dl_sin_of_input(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    let (a1, a2, y_hat) = sin_forward(w, x);
    let n = x.len() as f64;
    let (mut g2, mut g1) = (0.0, 0.0);
    for i in 0..x.len() {
        let up = my_dldy(y_hat[i], y[i]) * my_dyda(a2[i]);
        g2 += up * my_dadw(a1[i], false);
        // the input goes through an activation too, doesn't it?
        g1 += up * my_dadh(w[1]) * my_dhda(a1[i]) * my_dadw(x[i], false);
    }
    [g2 / n, g1 / n]
}

// ───────────────────────────── the corpus ─────────────────────────────

/// The held-out corpus.
pub fn corpus() -> Vec<Entry> {
    vec![
        // ── check_backprop_1d ──
        Entry {
            exercise: "check_backprop_1d",
            id: "right-forward-by-hand-loop",
            tutor: "correct: the forward pass by hand and one backward loop that carries δ through w and σ′",
            expect: Expect::Right,
            run: || check_backprop_1d(bp1d_right_loop),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "right-unrolled-a-one-minus-a",
            tutor: "correct: unrolled, with σ′ written as a(1 − a) from the stored activations",
            expect: Expect::Right,
            run: || check_backprop_1d(bp1d_right_unrolled),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "right-carries-dc-da",
            tutor: "correct: passes ∂C/∂a backwards and forms each δ from it",
            expect: Expect::Right,
            run: || check_backprop_1d(bp1d_right_dc_da),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "walkthrough-bp1-no-2",
            tutor: "used the walkthrough's BP1, (a₃ − y)σ′(z₃), which drops the factor 2 of this notebook's cost (a₃ − y)², so every gradient is half the size",
            expect: Expect::Wrong(&["factor 2"]),
            run: || check_backprop_1d(bp1d_no_factor2),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "bp1-missing-prime",
            tutor: "δ₃ is just 2(a₃ − y): BP1 is missing σ′(z₃), while BP2 has its σ′ factors",
            expect: Expect::Wrong(&["forgot σ′", "BP1"]),
            run: || check_backprop_1d(bp1d_forgot_prime_bp1),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "no-prime-anywhere",
            tutor: "no σ′ anywhere: the errors are passed back through the weights only, as if the network were linear",
            expect: Expect::Wrong(&["forgot σ′"]),
            run: || check_backprop_1d(bp1d_forgot_prime_all),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "bp2-sigmoid-not-slope",
            tutor: "BP2 multiplies by σ(z) instead of σ′(z) for δ₂ and δ₁; BP1 is right",
            expect: Expect::Wrong(&["σ instead of σ′", "BP2"]),
            run: || check_backprop_1d(bp1d_sigma_in_bp2),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "slope-of-activation",
            tutor: "σ′ is evaluated at the activations a instead of at z in every layer",
            expect: Expect::Wrong(&["σ′ at a"]),
            run: || check_backprop_1d(bp1d_prime_at_a),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "bp4-z-of-previous-layer",
            tutor: "BP4 multiplies δ by z of the previous layer instead of its activation a (only layer 1, which uses x, is right)",
            expect: Expect::Wrong(&["z where a belongs", "BP4"]),
            run: || check_backprop_1d(bp1d_bp4_uses_z),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "bp2-own-layer-weight",
            tutor: "BP2 sends δ back through the layer's own weight instead of the weight of the layer above (w₂ for δ₂, w₁ for δ₁)",
            expect: Expect::Wrong(&["off-by-one layer", "BP2"]),
            run: || check_backprop_1d(bp1d_bp2_own_weight),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "layer1-input-is-a1",
            tutor: "∂C/∂w₁ uses a₁ where the input x belongs; the other two weight gradients are right",
            expect: Expect::Wrong(&["layer 1", "off-by-one layer|input|x"]),
            run: || check_backprop_1d(bp1d_layer1_uses_a1),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "bp4-own-activation",
            tutor: "BP4 multiplies each δ by the layer's own activation aˡ instead of the one feeding it, aˡ⁻¹",
            expect: Expect::Wrong(&["off-by-one layer", "BP4"]),
            run: || check_backprop_1d(bp1d_bp4_shifted),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "y-minus-a",
            tutor: "∂C/∂a₃ written as 2(y − a₃): the sign is flipped, so every gradient points uphill",
            expect: Expect::Wrong(&["sign flipped"]),
            run: || check_backprop_1d(bp1d_sign_flipped),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "db-then-dw",
            tutor: "the values are right but returned as (dC/db, dC/dw): the two outputs are swapped",
            expect: Expect::Wrong(&["swapped"]),
            run: || check_backprop_1d(bp1d_swapped_outputs),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "output-layer-first",
            tutor: "the gradients are listed in the order they were computed, layer 3 first; the exercise wants layer 1 first",
            expect: Expect::Wrong(&["reversed|order"]),
            run: || check_backprop_1d(bp1d_reversed_layers),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "a-index-minus-one-panics",
            tutor: "indexes a[i − 1] for every layer, which underflows at layer 1 and panics; layer 1's input is x",
            expect: Expect::Wrong(&["panic"]),
            run: || check_backprop_1d(bp1d_panic_index),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "infinity-placeholder",
            tutor: "returns infinity for every gradient, a placeholder rather than an answer",
            expect: Expect::Wrong(&["not a number"]),
            run: || check_backprop_1d(bp1d_infinity),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "no-2-and-bp4-z",
            tutor: "two slips: BP1 drops the factor 2 of ∂C/∂a₃, and BP4 uses z of the previous layer instead of its activation",
            expect: Expect::Wrong(&["factor 2", "z where a belongs"]),
            run: || check_backprop_1d(bp1d_pair_no2_and_z),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "bp3-copied-from-bp4",
            tutor: "∂C/∂b is written like ∂C/∂w, δ times the incoming activation, but ∂z/∂b = 1 so BP3 is just δ",
            expect: Expect::Wrong(&["BP3"]),
            run: || check_backprop_1d(bp1d_bp3_times_input),
        },
        Entry {
            exercise: "check_backprop_1d",
            id: "delta1-missing-prime",
            tutor: "δ₁ = w₂δ₂ without σ′(z₁): only layer 1 misses its slope",
            expect: Expect::Wrong(&["forgot σ′", "layer 1"]),
            run: || check_backprop_1d(bp1d_forgot_prime_layer1),
        },
        // ── check_backprop_per_neuron ──
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "right-pseudo-code",
            tutor: "correct: the notebook's pseudo-code with an explicit sum over j for each ∂C/∂a_k",
            expect: Expect::Right,
            run: || check_backprop_per_neuron(pn_right),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "right-trace-accumulate-dc-da",
            tutor: "correct: uses the crate's forward trace, accumulates ∂C/∂a with j outside, σ′ as a(1 − a), and reverses the pushed lists",
            expect: Expect::Right,
            run: || check_backprop_per_neuron(pn_right_trace),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "bp1-no-slope",
            tutor: "the output error is just a_j − y_j: BP1 is missing σ′(z_j), the hidden layers are right",
            expect: Expect::Wrong(&["forgot σ′", "BP1"]),
            run: || check_backprop_per_neuron(pn_forgot_prime_bp1),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "bp2-no-slope",
            tutor: "the hidden errors are the sums Σ_j w_jk δ_j without multiplying by σ′(z_k): BP2 forgot σ′",
            expect: Expect::Wrong(&["forgot σ′", "BP2"]),
            run: || check_backprop_per_neuron(pn_forgot_prime_bp2),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "notebook05-cost-2",
            tutor: "kept notebook 5's ∂C/∂a = 2(a − y); this notebook's cost is ½‖a − y‖², so every gradient is twice too big",
            expect: Expect::Wrong(&["factor 2"]),
            run: || check_backprop_per_neuron(pn_factor2),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "acts-without-x-panics",
            tutor: "the activations list leaves out x and layer 1 reads acts[l − 1] anyway, which underflows and panics",
            expect: Expect::Wrong(&["panic"]),
            run: || check_backprop_per_neuron(pn_panic_first_layer),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "dw-indexed-k-j",
            tutor: "stores a_k δ_j at [k, j], so every ∂C/∂W is the transpose of W's shape",
            expect: Expect::Wrong(&["transposed"]),
            run: || check_backprop_per_neuron(pn_transposed_w),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "db-as-row",
            tutor: "the bias gradients are rows (1, k) instead of columns (k, 1) like the biases",
            expect: Expect::Wrong(&["shape"]),
            run: || check_backprop_per_neuron(pn_bias_row),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "slope-at-activation",
            tutor: "calls sigmoid_prime on the activations instead of on z, in BP1 and BP2",
            expect: Expect::Wrong(&["σ′ at a"]),
            run: || check_backprop_per_neuron(pn_prime_at_a),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "target-minus-output",
            tutor: "the output error uses y_j − a_j: the sign is flipped throughout",
            expect: Expect::Wrong(&["sign flipped"]),
            run: || check_backprop_per_neuron(pn_sign_flipped),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "sum-overwritten",
            tutor: "the sum over j in BP2 uses = instead of +=, so ∂C/∂a_k keeps only the last neuron's term",
            expect: Expect::Wrong(&["overwrote instead of adding", "BP2"]),
            run: || check_backprop_per_neuron(pn_overwrote_sum),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "cost-2-and-bp2-no-slope",
            tutor: "two slips: notebook 5's factor 2 in ∂C/∂a, and the hidden errors miss σ′(z_k)",
            expect: Expect::Wrong(&["factor 2", "forgot σ′"]),
            run: || check_backprop_per_neuron(pn_pair_factor2_no_prime_bp2),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "bp4-hidden-z",
            tutor: "for the layers after the first, BP4 multiplies δ_j by z_k of the previous layer instead of a_k",
            expect: Expect::Wrong(&["z where a belongs", "BP4"]),
            run: || check_backprop_per_neuron(pn_bp4_z_hidden),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "pushed-never-reversed",
            tutor: "the gradients were pushed while walking backwards and never reversed, so the lists start with the last layer",
            expect: Expect::Wrong(&["reversed|order"]),
            run: || check_backprop_per_neuron(pn_reversed_push),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "nan-bias-layer1",
            tutor: "the bias gradients start as NaN and are only filled inside `if l > 0`, so layer 1's ∂C/∂b stays NaN",
            expect: Expect::Wrong(&["not a number", "layer 1"]),
            run: || check_backprop_per_neuron(pn_nan_bias_layer1),
        },
        // ── check_backprop_vector ──
        Entry {
            exercise: "check_backprop_vector",
            id: "right-nielsen",
            tutor: "correct: Nielsen's loop with the output layer before the loop",
            expect: Expect::Right,
            run: || check_backprop_vector(vf_right),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "right-trace-from-shape-fn",
            tutor: "correct: the crate's forward trace, σ′ as a(1 − a), the outer product built entry by entry",
            expect: Expect::Right,
            run: || check_backprop_vector(vf_right_trace),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "right-zip-while",
            tutor: "correct: Zip for BP1, a while loop down the layers, the transpose materialised before the product",
            expect: Expect::Right,
            run: || check_backprop_vector(vf_right_zip),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "bp2-forgot-transpose",
            tutor: "BP2 multiplies by W^{l+1} instead of its transpose, which fails on the shapes (or silently uses the wrong weights when the layer is square)",
            expect: Expect::Wrong(&["transposed|panic"]),
            run: || check_backprop_vector(vf_bp2_no_transpose),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "bp4-a-times-delta-t",
            tutor: "BP4 computed as a^{l−1}(δ^l)ᵀ, so every weight gradient is transposed",
            expect: Expect::Wrong(&["transposed"]),
            run: || check_backprop_vector(vf_bp4_outer_reversed),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "bp2-missing-hadamard",
            tutor: "BP2 stops at (W^{l+1})ᵀδ^{l+1} and forgets ⊙σ′(z^l)",
            expect: Expect::Wrong(&["forgot σ′", "BP2"]),
            run: || check_backprop_vector(vf_forgot_prime_bp2),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "bp1-sigmoid-of-z",
            tutor: "BP1 multiplies by σ(z^L) instead of σ′(z^L); the hidden layers use σ′ correctly",
            expect: Expect::Wrong(&["σ instead of σ′", "BP1"]),
            run: || check_backprop_vector(vf_sigma_bp1),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "two-times-residual",
            tutor: "∂C/∂a^L written as 2(a − y), notebook 5's convention; with ½‖a − y‖² it is a − y, so all gradients are doubled",
            expect: Expect::Wrong(&["factor 2"]),
            run: || check_backprop_vector(vf_factor2),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "bp2-slope-of-layer-above",
            tutor: "BP2 uses σ′(z^{l+1}) instead of σ′(z^l): the slope of the layer above (broadcasting hides the shape mismatch or it panics)",
            expect: Expect::Wrong(&["off-by-one layer|panic"]),
            run: || check_backprop_vector(vf_prime_next_layer),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "db-summed-over-neurons",
            tutor: "carried MiniFlow's bias gradient (sum over axis 0) into the column convention, which sums δ over the neurons and gives a 1×1 bias gradient",
            expect: Expect::Wrong(&["shape|wrong axis"]),
            run: || check_backprop_vector(vf_bias_sum_axis),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "miniflow-rows",
            tutor: "did everything with examples as rows, MiniFlow-style: the numbers are right but ∂C/∂W comes out (j, k) and ∂C/∂b as a row, both transposed",
            expect: Expect::Wrong(&["transposed|shape"]),
            run: || check_backprop_vector(vf_miniflow_rows),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "y-minus-a",
            tutor: "BP1 uses y − a^L, so the sign of every gradient is flipped",
            expect: Expect::Wrong(&["sign flipped"]),
            run: || check_backprop_vector(vf_sign_flipped),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "bp2-prime-of-activation",
            tutor: "BP2 applies sigmoid_prime to the activation a^l instead of z^l; BP1 is right",
            expect: Expect::Wrong(&["σ′ at a", "BP2"]),
            run: || check_backprop_vector(vf_prime_at_a_bp2),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "bp1-no-slope-and-bp4-z",
            tutor: "two slips: BP1 lacks ⊙σ′(z^L), and BP4 multiplies by (z^{l−1})ᵀ instead of (a^{l−1})ᵀ in the hidden layers",
            expect: Expect::Wrong(&["forgot σ′", "z where a belongs"]),
            run: || check_backprop_vector(vf_pair_no_prime_bp1_z_bp4),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "nan-shaped-placeholder",
            tutor: "returns arrays of the right shapes filled with NaN: nothing has been computed yet",
            expect: Expect::Wrong(&["not a number"]),
            run: || check_backprop_vector(vf_nan_placeholder),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "forward-without-bias",
            tutor: "the forward pass computes z = W a and never adds b, so every z, a and gradient is off",
            expect: Expect::Wrong(&["forgot the bias"]),
            run: || check_backprop_vector(vf_forgot_bias_forward),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "bp2-on-output-layer-panics",
            tutor: "the loop applies BP2 to the output layer too and indexes W^{L+1}, which does not exist: it panics",
            expect: Expect::Wrong(&["panic"]),
            run: || check_backprop_vector(vf_loop_includes_last),
        },
        // ── check_backprop_stacks ──
        Entry {
            exercise: "check_backprop_stacks",
            id: "right-stack-ops",
            tutor: "correct: stacks (N, k, 1), matmul_stack for BP2, batch_matmul with transpose_stack for BP4, sum_axis0",
            expect: Expect::Right,
            run: || check_backprop_stacks(st_right),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "right-one-product-per-layer",
            tutor: "correct: skips the stacks and forms Δ(A^{l−1})ᵀ and Δ·1 directly, the same sums",
            expect: Expect::Right,
            run: || check_backprop_stacks(st_right_gemm),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "right-loop-over-rows",
            tutor: "correct: per-example backprop over the rows of the batch, gradients added up",
            expect: Expect::Right,
            run: || check_backprop_stacks(st_right_per_example),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "mean-over-stack",
            tutor: "averages the stacks with mean_axis0 where the exercise wants the sum over the batch, so all gradients are divided by N",
            expect: Expect::Wrong(&["mean instead of sum"]),
            run: || check_backprop_stacks(st_mean_everywhere),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "mean-for-biases-only",
            tutor: "the weight gradients are summed but the bias gradients use mean_axis0: BP3 is divided by N",
            expect: Expect::Wrong(&["mean instead of sum", "BP3"]),
            run: || check_backprop_stacks(st_mean_bp3_only),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "two-times-error",
            tutor: "the output error has notebook 5's factor 2, 2(a − y); with the ½‖a − y‖² cost every gradient is doubled",
            expect: Expect::Wrong(&["factor 2"]),
            run: || check_backprop_stacks(st_factor2),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "outer-a-delta-t",
            tutor: "BP4's outer products are a(δ)ᵀ instead of δ(a)ᵀ, so every summed ∂C/∂W is transposed",
            expect: Expect::Wrong(&["transposed"]),
            run: || check_backprop_stacks(st_bp4_outer_reversed),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "matmul-stack-w-not-wt",
            tutor: "BP2 passes W instead of Wᵀ to matmul_stack; the sizes do not match and the unwrap panics",
            expect: Expect::Wrong(&["panic|transposed"]),
            run: || check_backprop_stacks(st_bp2_no_transpose),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "y-not-a-stack",
            tutor: "subtracts y (N, outputs) from the (N, outputs, 1) stack without adding the trailing axis; broadcasting makes an N×N table (or fails) and it ends in a panic",
            expect: Expect::Wrong(&["panic|shape"]),
            run: || check_backprop_stacks(st_y_not_stacked),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "bp2-no-slope",
            tutor: "BP2 multiplies by Wᵀ but forgets ⊙σ′ = a(1 − a) for the hidden layers",
            expect: Expect::Wrong(&["forgot σ′", "BP2"]),
            run: || check_backprop_stacks(st_forgot_prime_bp2),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "sigmoid-prime-of-activations",
            tutor: "applies sigmoid_prime to the activation stacks; with activations the slope is a(1 − a), not σ′(a)",
            expect: Expect::Wrong(&["σ′ at a"]),
            run: || check_backprop_stacks(st_prime_at_a),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "bp2-z-one-minus-z",
            tutor: "in BP2 the slope is written z(1 − z) from the activities instead of a(1 − a); BP1 uses the activations correctly",
            expect: Expect::Wrong(&["z where a belongs", "BP2"]),
            run: || check_backprop_stacks(st_z_one_minus_z_bp2),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "bp4-own-activation",
            tutor: "BP4 uses the layer's own activation stack a^l instead of a^{l−1}, giving gradients of the wrong shape",
            expect: Expect::Wrong(&["off-by-one layer|shape"]),
            run: || check_backprop_stacks(st_bp4_next_activation),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "empty-lists",
            tutor: "returns two empty lists: only the forward pass was written",
            expect: Expect::Wrong(&["empty|missing|shape|no gradients"]),
            run: || check_backprop_stacks(st_empty),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "bp1-no-slope-and-outer-transposed",
            tutor: "two slips: the output error has no σ′ factor, and the outer products are a δᵀ so ∂C/∂W is transposed",
            expect: Expect::Wrong(&["forgot σ′", "transposed"]),
            run: || check_backprop_stacks(st_pair_no_prime_bp1_transposed),
        },
        Entry {
            exercise: "check_backprop_stacks",
            id: "targets-minus-outputs",
            tutor: "the output error is y − a instead of a − y: every gradient has the wrong sign",
            expect: Expect::Wrong(&["sign flipped"]),
            run: || check_backprop_stacks(st_sign_flipped),
        },
        // ── check_network_boxes ──
        Entry {
            exercise: "check_network_boxes",
            id: "right-node-by-node",
            tutor: "correct: each derivative is the local derivative times the one arriving from the right",
            expect: Expect::Right,
            run: || check_network_boxes(nb_right_chain),
        },
        Entry {
            exercise: "check_network_boxes",
            id: "right-expanded",
            tutor: "correct: everything written directly in x, w, b, y",
            expect: Expect::Right,
            run: || check_network_boxes(nb_right_expanded),
        },
        Entry {
            exercise: "check_network_boxes",
            id: "right-vec-try-into",
            tutor: "correct: the boxes pushed into a Vec and converted to an array",
            expect: Expect::Right,
            run: || check_network_boxes(nb_right_vec),
        },
        Entry {
            exercise: "check_network_boxes",
            id: "j-without-half",
            tutor: "J is d² instead of ½d²; the derivatives are right, so only the J box is wrong",
            expect: Expect::Wrong(&["forgot the ½", "J"]),
            run: || check_network_boxes(nb_forgot_half),
        },
        Entry {
            exercise: "check_network_boxes",
            id: "square-graph-2d",
            tutor: "carried ∂J/∂a = 2a over from the first graph J = a²: here J = ½d², so ∂J/∂d = d and every derivative box is doubled",
            expect: Expect::Wrong(&["factor 2|forgot the ½"]),
            run: || check_network_boxes(nb_factor2_derivs),
        },
        Entry {
            exercise: "check_network_boxes",
            id: "dw-without-x",
            tutor: "∂J/∂w is just d: the local derivative ∂c/∂w = x is missing",
            expect: Expect::Wrong(&["∂J/∂w|dJ/dw", "x"]),
            run: || check_network_boxes(nb_dw_no_x),
        },
        Entry {
            exercise: "check_network_boxes",
            id: "dw-times-w",
            tutor: "∂c/∂w taken as w instead of x, so ∂J/∂w = w·d",
            expect: Expect::Wrong(&["∂J/∂w|dJ/dw", "w instead of x|swapped|x"]),
            run: || check_network_boxes(nb_dw_uses_w),
        },
        Entry {
            exercise: "check_network_boxes",
            id: "d-is-y-minus-a",
            tutor: "d computed as y − a: the d box and every derivative have the wrong sign (J is unaffected)",
            expect: Expect::Wrong(&["sign flipped"]),
            run: || check_network_boxes(nb_d_sign),
        },
        Entry {
            exercise: "check_network_boxes",
            id: "da-box-negated",
            tutor: "only the ∂J/∂a box has a minus sign (∂d/∂a is +1, not −1); the boxes after it were computed from d directly and are right",
            expect: Expect::Wrong(&["sign flipped", "∂J/∂a|dJ/da"]),
            run: || check_network_boxes(nb_da_sign),
        },
        Entry {
            exercise: "check_network_boxes",
            id: "db-dw-swapped",
            tutor: "the last two boxes are in the wrong order: ∂J/∂w before ∂J/∂b",
            expect: Expect::Wrong(&["swapped"]),
            run: || check_network_boxes(nb_swapped_db_dw),
        },
        Entry {
            exercise: "check_network_boxes",
            id: "c-is-w-plus-x",
            tutor: "c = w + x instead of w·x, and ∂J/∂w follows with a local derivative of 1",
            expect: Expect::Wrong(&["added instead of multiplied"]),
            run: || check_network_boxes(nb_c_added),
        },
        Entry {
            exercise: "check_network_boxes",
            id: "no-half-and-dw-no-x",
            tutor: "two slips: J lacks the ½, and ∂J/∂w forgets the factor x",
            expect: Expect::Wrong(&["forgot the ½", "∂J/∂w|dJ/dw"]),
            run: || check_network_boxes(nb_pair_half_and_dw),
        },
        Entry {
            exercise: "check_network_boxes",
            id: "all-nan",
            tutor: "every box is NaN: a placeholder, not an answer",
            expect: Expect::Wrong(&["not a number"]),
            run: || check_network_boxes(nb_nan),
        },
        Entry {
            exercise: "check_network_boxes",
            id: "db-copies-dw",
            tutor: "∂J/∂b copied ∂J/∂w's formula x·d, but ∂a/∂b = 1 so it is just d",
            expect: Expect::Wrong(&["∂J/∂b|dJ/db"]),
            run: || check_network_boxes(nb_db_times_x),
        },
        Entry {
            exercise: "check_network_boxes",
            id: "d-forgot-target",
            tutor: "d = a: the target y is never subtracted, so d, J and all derivatives are wrong",
            expect: Expect::Wrong(&["y|target"]),
            run: || check_network_boxes(nb_forgot_y),
        },
        Entry {
            exercise: "check_network_boxes",
            id: "eight-boxes-panic",
            tutor: "only eight values go into the Vec, so converting it to [f64; 9] with unwrap panics",
            expect: Expect::Wrong(&["panic"]),
            run: || check_network_boxes(nb_panic_eight_boxes),
        },
        // ── check_dldw ──
        Entry {
            exercise: "check_dldw",
            id: "right-own-partials",
            tutor: "correct: the partials from exercises 2 and 3 multiplied point by point, then the mean",
            expect: Expect::Right,
            run: || check_dldw(dl_right_partials),
        },
        Entry {
            exercise: "check_dldw",
            id: "right-inline-iterators",
            tutor: "correct: sin and cos inline, per-point pairs collected, then averaged",
            expect: Expect::Right,
            run: || check_dldw(dl_right_iter),
        },
        Entry {
            exercise: "check_dldw",
            id: "right-running-mean",
            tutor: "correct: a running mean over the points instead of sum then divide",
            expect: Expect::Right,
            run: || check_dldw(dl_right_running_mean),
        },
        Entry {
            exercise: "check_dldw",
            id: "w1-first",
            tutor: "returns [dL/dw1, dL/dw2]; the exercise's order is [dL/dw2, dL/dw1]",
            expect: Expect::Wrong(&["swapped"]),
            run: || check_dldw(dl_order_swapped),
        },
        Entry {
            exercise: "check_dldw",
            id: "no-division-by-n",
            tutor: "adds the per-point gradients but never divides by N: a sum instead of the mean",
            expect: Expect::Wrong(&["sum instead of mean"]),
            run: || check_dldw(dl_sum_not_mean),
        },
        Entry {
            exercise: "check_dldw",
            id: "half-squared-error-derivative",
            tutor: "∂L/∂ŷ written as ŷ − y, the derivative of ½(ŷ − y)² from notebook 1; this loss has no ½, so the factor 2 is missing",
            expect: Expect::Wrong(&["factor 2"]),
            run: || check_dldw(dl_no_factor2),
        },
        Entry {
            exercise: "check_dldw",
            id: "y-minus-yhat",
            tutor: "∂L/∂ŷ = 2(y − ŷ): the sign is flipped for both weights",
            expect: Expect::Wrong(&["sign flipped"]),
            run: || check_dldw(dl_sign_flipped),
        },
        Entry {
            exercise: "check_dldw",
            id: "dadw-w2-flag-true",
            tutor: "called dadw(a1, true) for w2, so ∂a2/∂w2 is a1 instead of h1 = sin(a1); dL/dw1 is right",
            expect: Expect::Wrong(&["w2", "a1|h1"]),
            run: || check_dldw(dl_w2_uses_a1),
        },
        Entry {
            exercise: "check_dldw",
            id: "w1-chain-missing-w2",
            tutor: "the chain for dL/dw1 skips ∂a2/∂h1 = w2; dL/dw2 is right",
            expect: Expect::Wrong(&["w1", "∂a2/∂h1|da2/dh1|dadh|w2"]),
            run: || check_dldw(dl_w1_forgot_dadh),
        },
        Entry {
            exercise: "check_dldw",
            id: "sin-as-its-own-derivative",
            tutor: "uses sin where the activation's derivative cos belongs, in both ∂ŷ/∂a2 and ∂h1/∂a1",
            expect: Expect::Wrong(&["sin instead of cos|activation instead of its derivative|instead of its derivative cos"]),
            run: || check_dldw(dl_sin_for_cos),
        },
        Entry {
            exercise: "check_dldw",
            id: "dhda-sin-only",
            tutor: "∂h1/∂a1 is sin(a1) instead of cos(a1), so only dL/dw1 is wrong",
            expect: Expect::Wrong(&["sin instead of cos|activation instead of its derivative|instead of its derivative cos", "w1"]),
            run: || check_dldw(dl_sin_in_dhda_only),
        },
        Entry {
            exercise: "check_dldw",
            id: "divide-by-n-minus-1",
            tutor: "divides by N − 1 as for a sample variance; the loss is the mean over N points",
            expect: Expect::Wrong(&["N − 1|N-1|n − 1|n-1"]),
            run: || check_dldw(dl_n_minus_one),
        },
        Entry {
            exercise: "check_dldw",
            id: "w1-first-and-summed",
            tutor: "two slips: the pair is returned as [dL/dw1, dL/dw2], and neither is divided by N",
            expect: Expect::Wrong(&["swapped", "sum instead of mean"]),
            run: || check_dldw(dl_pair_swapped_sum),
        },
        Entry {
            exercise: "check_dldw",
            id: "inclusive-range-panics",
            tutor: "loops over 0..=N and indexes one past the end: it panics",
            expect: Expect::Wrong(&["panic"]),
            run: || check_dldw(dl_panic_range),
        },
        Entry {
            exercise: "check_dldw",
            id: "count-never-incremented",
            tutor: "the point counter stays 0, so the sums are divided by zero and come out infinite or NaN",
            expect: Expect::Wrong(&["not a number"]),
            run: || check_dldw(dl_forgot_count),
        },
        Entry {
            exercise: "check_dldw",
            id: "sin-of-input",
            tutor: "treated x like an activation in dL/dw1 (dadw(x, false) = sin x); the input layer has no activation, so ∂a1/∂w1 = x",
            expect: Expect::Wrong(&["w1", "sin|input"]),
            run: || check_dldw(dl_sin_of_input),
        },
    ]
}
