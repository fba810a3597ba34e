//! Learner answers for notebook 06: backprop with loops over neurons
//! (`check_backprop_per_neuron`), in vector form (`check_backprop_vector`),
//! `flatten` (`check_flatten`), `unflatten` (`check_unflatten`) and the
//! two-sided differences (`check_numerical_gradient`), the bias gradient of
//! the last layer (`check_bias_gradient`), and the mini-batch
//! update step (`check_update_step`), whose gradients arrive summed over the
//! batch.
//! The cost is C0 = ½‖a − y‖², so ∂C0/∂a^L = a^L − y.

use super::harness::{Entry, Expect};
use backprop_lab::backprop::Gradients;
use backprop_lab::dense::{sigmoid, sigmoid_prime, Network};
use backprop_lab::exercises::{
    check_backprop_per_neuron, check_backprop_vector, check_bias_gradient, check_flatten,
    check_numerical_gradient, check_unflatten, check_update_step,
};
use backprop_lab::ndarray::{Array2, ShapeBuilder};
use backprop_lab::tensor::hadamard;

type Grads = (Vec<Array2<f64>>, Vec<Array2<f64>>);

// ===========================================================================
// check_backprop_per_neuron: loops over neurons, x and y as slices
// ===========================================================================

/// The learner's own loop forward pass: zs[l] is z^{l+1}, acts[0] = x.
fn fwd_neurons(net: &Network, x: &[f64]) -> (Vec<Vec<f64>>, Vec<Vec<f64>>) {
    let ws = net.weights();
    let bs = net.biases();
    let mut acts = vec![x.to_vec()];
    let mut zs = Vec::new();
    for (w, b) in ws.iter().zip(&bs) {
        let prev = acts.last().unwrap();
        let mut z = vec![0.0; w.nrows()];
        for j in 0..w.nrows() {
            z[j] = b[[j, 0]];
            for k in 0..w.ncols() {
                z[j] += w[[j, k]] * prev[k];
            }
        }
        acts.push(z.iter().map(|&v| sigmoid(v)).collect());
        zs.push(z);
    }
    (zs, acts)
}

fn zeros_like(ms: &[Array2<f64>]) -> Vec<Array2<f64>> {
    ms.iter().map(|m| Array2::zeros(m.raw_dim())).collect()
}

/// Right: the notebook's pseudo-code, literally.
fn n_right_pseudocode(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let ws = net.weights();
    let (zs, acts) = fwd_neurons(net, x);
    let n = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    let out = &acts[n];
    let mut delta: Vec<f64> = (0..out.len())
        .map(|j| (out[j] - y[j]) * sigmoid_prime(zs[n - 1][j]))
        .collect();
    for l in (0..n).rev() {
        let w = &ws[l];
        for j in 0..w.nrows() {
            nabla_b[l][[j, 0]] = delta[j];
            for k in 0..w.ncols() {
                nabla_w[l][[j, k]] = acts[l][k] * delta[j];
            }
        }
        if l > 0 {
            let mut new_delta = vec![0.0; w.ncols()];
            for k in 0..w.ncols() {
                let mut dc_da = 0.0;
                for j in 0..w.nrows() {
                    dc_da += w[[j, k]] * delta[j];
                }
                new_delta[k] = dc_da * sigmoid_prime(zs[l - 1][k]);
            }
            delta = new_delta;
        }
    }
    (nabla_w, nabla_b)
}

/// Right: the crate's forward trace, all δ first, then the gradients with from_shape_fn.
fn n_right_deltas_first(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let ws = net.weights();
    let trace = net.forward_example(x).expect("sizes match");
    let n = ws.len();
    let mut deltas: Vec<Vec<f64>> = vec![Vec::new(); n];
    let z_last = &trace.activities[n - 1];
    let a_last = &trace.activations[n];
    deltas[n - 1] = (0..a_last.nrows())
        .map(|j| (a_last[[j, 0]] - y[j]) * sigmoid_prime(z_last[[j, 0]]))
        .collect();
    for l in (0..n - 1).rev() {
        let w_next = &ws[l + 1];
        let z = &trace.activities[l];
        let mut d = Vec::with_capacity(w_next.ncols());
        for k in 0..w_next.ncols() {
            let s: f64 = (0..w_next.nrows())
                .map(|j| w_next[[j, k]] * deltas[l + 1][j])
                .sum();
            d.push(s * sigmoid_prime(z[[k, 0]]));
        }
        deltas[l] = d;
    }
    let mut nabla_w = Vec::new();
    let mut nabla_b = Vec::new();
    for l in 0..n {
        let a_prev = &trace.activations[l];
        let d = &deltas[l];
        nabla_w.push(Array2::from_shape_fn(ws[l].raw_dim(), |(j, k)| {
            d[j] * a_prev[[k, 0]]
        }));
        nabla_b.push(Array2::from_shape_fn((d.len(), 1), |(j, _)| d[j]));
    }
    (nabla_w, nabla_b)
}

/// Right: j-outer accumulation of ∂C/∂a, σ′ from a(1 − a), results pushed then reversed.
fn n_right_accumulate(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let ws = net.weights();
    let (_, acts) = fwd_neurons(net, x);
    let n = ws.len();
    let mut dc_da: Vec<f64> = acts[n].iter().zip(y).map(|(a, t)| a - t).collect();
    let mut nabla_w = Vec::new();
    let mut nabla_b = Vec::new();
    for l in (0..n).rev() {
        let a = &acts[l + 1];
        let delta: Vec<f64> = (0..a.len())
            .map(|j| dc_da[j] * a[j] * (1.0 - a[j]))
            .collect();
        let w = &ws[l];
        let mut gw = Array2::<f64>::zeros(w.raw_dim());
        let mut gb = Array2::<f64>::zeros((w.nrows(), 1));
        let mut next = vec![0.0; w.ncols()];
        for j in 0..w.nrows() {
            gb[[j, 0]] = delta[j];
            for k in 0..w.ncols() {
                gw[[j, k]] = acts[l][k] * delta[j];
                next[k] += w[[j, k]] * delta[j];
            }
        }
        nabla_w.push(gw);
        nabla_b.push(gb);
        dc_da = next;
    }
    nabla_w.reverse();
    nabla_b.reverse();
    (nabla_w, nabla_b)
}

/// Wrong: forgot σ′ in BP1 only.
fn n_no_prime_bp1(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let ws = net.weights();
    let (zs, acts) = fwd_neurons(net, x);
    let n = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    let mut delta: Vec<f64> = (0..acts[n].len()).map(|j| acts[n][j] - y[j]).collect();
    for l in (0..n).rev() {
        let w = &ws[l];
        for j in 0..w.nrows() {
            nabla_b[l][[j, 0]] = delta[j];
            for k in 0..w.ncols() {
                nabla_w[l][[j, k]] = acts[l][k] * delta[j];
            }
        }
        if l > 0 {
            let mut new_delta = vec![0.0; w.ncols()];
            for k in 0..w.ncols() {
                let mut s = 0.0;
                for j in 0..w.nrows() {
                    s += w[[j, k]] * delta[j];
                }
                new_delta[k] = s * sigmoid_prime(zs[l - 1][k]);
            }
            delta = new_delta;
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: forgot σ′ in BP2 only.
fn n_no_prime_bp2(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let ws = net.weights();
    let (zs, acts) = fwd_neurons(net, x);
    let n = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    let mut delta: Vec<f64> = (0..acts[n].len())
        .map(|j| (acts[n][j] - y[j]) * sigmoid_prime(zs[n - 1][j]))
        .collect();
    for l in (0..n).rev() {
        let w = &ws[l];
        for j in 0..w.nrows() {
            nabla_b[l][[j, 0]] = delta[j];
            for k in 0..w.ncols() {
                nabla_w[l][[j, k]] = acts[l][k] * delta[j];
            }
        }
        if l > 0 {
            let mut new_delta = vec![0.0; w.ncols()];
            for k in 0..w.ncols() {
                for j in 0..w.nrows() {
                    new_delta[k] += w[[j, k]] * delta[j];
                }
            }
            delta = new_delta;
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: no σ′ anywhere.
fn n_no_prime(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let ws = net.weights();
    let (_, acts) = fwd_neurons(net, x);
    let n = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    let mut delta: Vec<f64> = acts[n].iter().zip(y).map(|(a, t)| a - t).collect();
    for l in (0..n).rev() {
        let w = &ws[l];
        for j in 0..w.nrows() {
            nabla_b[l][[j, 0]] = delta[j];
            for k in 0..w.ncols() {
                nabla_w[l][[j, k]] = acts[l][k] * delta[j];
            }
        }
        let mut dc_da = vec![0.0; w.ncols()];
        for k in 0..w.ncols() {
            for j in 0..w.nrows() {
                dc_da[k] += w[[j, k]] * delta[j];
            }
        }
        delta = dc_da;
    }
    (nabla_w, nabla_b)
}

/// Wrong: σ(z) where σ′(z) belongs, in BP1 and BP2.
fn n_sigma_not_prime(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let ws = net.weights();
    let (zs, acts) = fwd_neurons(net, x);
    let n = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    let mut delta: Vec<f64> = (0..acts[n].len())
        .map(|j| (acts[n][j] - y[j]) * sigmoid(zs[n - 1][j]))
        .collect();
    for l in (0..n).rev() {
        let w = &ws[l];
        for j in 0..w.nrows() {
            nabla_b[l][[j, 0]] = delta[j];
            for k in 0..w.ncols() {
                nabla_w[l][[j, k]] = acts[l][k] * delta[j];
            }
        }
        if l > 0 {
            let mut new_delta = vec![0.0; w.ncols()];
            for k in 0..w.ncols() {
                let mut s = 0.0;
                for j in 0..w.nrows() {
                    s += w[[j, k]] * delta[j];
                }
                new_delta[k] = s * sigmoid(zs[l - 1][k]);
            }
            delta = new_delta;
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: sigmoid_prime evaluated at the activations, everywhere.
fn n_prime_at_a(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let ws = net.weights();
    let (_, acts) = fwd_neurons(net, x);
    let n = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    let mut delta: Vec<f64> = (0..acts[n].len())
        .map(|j| (acts[n][j] - y[j]) * sigmoid_prime(acts[n][j]))
        .collect();
    for l in (0..n).rev() {
        let w = &ws[l];
        for j in 0..w.nrows() {
            nabla_b[l][[j, 0]] = delta[j];
            for k in 0..w.ncols() {
                nabla_w[l][[j, k]] = acts[l][k] * delta[j];
            }
        }
        if l > 0 {
            let mut new_delta = vec![0.0; w.ncols()];
            for k in 0..w.ncols() {
                let mut s = 0.0;
                for j in 0..w.nrows() {
                    s += w[[j, k]] * delta[j];
                }
                new_delta[k] = s * sigmoid_prime(acts[l][k]);
            }
            delta = new_delta;
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: no σ′ when computing δ^1 ("layer 1 is fed by x, which has no activation").
fn n_no_prime_layer1(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let ws = net.weights();
    let (zs, acts) = fwd_neurons(net, x);
    let n = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    let mut delta: Vec<f64> = (0..acts[n].len())
        .map(|j| (acts[n][j] - y[j]) * sigmoid_prime(zs[n - 1][j]))
        .collect();
    for l in (0..n).rev() {
        let w = &ws[l];
        for j in 0..w.nrows() {
            nabla_b[l][[j, 0]] = delta[j];
            for k in 0..w.ncols() {
                nabla_w[l][[j, k]] = acts[l][k] * delta[j];
            }
        }
        if l > 0 {
            let mut new_delta = vec![0.0; w.ncols()];
            for k in 0..w.ncols() {
                let mut s = 0.0;
                for j in 0..w.nrows() {
                    s += w[[j, k]] * delta[j];
                }
                // the first layer sits on the raw input, so no activation slope there
                new_delta[k] = if l == 1 {
                    s
                } else {
                    s * sigmoid_prime(zs[l - 1][k])
                };
            }
            delta = new_delta;
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: notebook 05's factor 2 kept: δ^L = 2(a − y)σ′(z).
fn n_factor_two(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let ws = net.weights();
    let (zs, acts) = fwd_neurons(net, x);
    let n = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    let mut delta: Vec<f64> = (0..acts[n].len())
        .map(|j| 2.0 * (acts[n][j] - y[j]) * sigmoid_prime(zs[n - 1][j]))
        .collect();
    for l in (0..n).rev() {
        let w = &ws[l];
        for j in 0..w.nrows() {
            nabla_b[l][[j, 0]] = delta[j];
            for k in 0..w.ncols() {
                nabla_w[l][[j, k]] = acts[l][k] * delta[j];
            }
        }
        if l > 0 {
            let mut new_delta = vec![0.0; w.ncols()];
            for k in 0..w.ncols() {
                let mut s = 0.0;
                for j in 0..w.nrows() {
                    s += w[[j, k]] * delta[j];
                }
                new_delta[k] = s * sigmoid_prime(zs[l - 1][k]);
            }
            delta = new_delta;
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: (y − a) in BP1.
fn n_sign_flipped(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let ws = net.weights();
    let (zs, acts) = fwd_neurons(net, x);
    let n = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    let mut delta: Vec<f64> = (0..acts[n].len())
        .map(|j| (y[j] - acts[n][j]) * sigmoid_prime(zs[n - 1][j]))
        .collect();
    for l in (0..n).rev() {
        let w = &ws[l];
        for j in 0..w.nrows() {
            nabla_b[l][[j, 0]] = delta[j];
            for k in 0..w.ncols() {
                nabla_w[l][[j, k]] = acts[l][k] * delta[j];
            }
        }
        if l > 0 {
            let mut new_delta = vec![0.0; w.ncols()];
            for k in 0..w.ncols() {
                let mut s = 0.0;
                for j in 0..w.nrows() {
                    s += w[[j, k]] * delta[j];
                }
                new_delta[k] = s * sigmoid_prime(zs[l - 1][k]);
            }
            delta = new_delta;
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: BP2's sum reads w[k][j] instead of w[j][k] (W not transposed).
fn n_bp2_w_indices_swapped(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let ws = net.weights();
    let (zs, acts) = fwd_neurons(net, x);
    let n = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    let mut delta: Vec<f64> = (0..acts[n].len())
        .map(|j| (acts[n][j] - y[j]) * sigmoid_prime(zs[n - 1][j]))
        .collect();
    for l in (0..n).rev() {
        let w = &ws[l];
        for j in 0..w.nrows() {
            nabla_b[l][[j, 0]] = delta[j];
            for k in 0..w.ncols() {
                nabla_w[l][[j, k]] = acts[l][k] * delta[j];
            }
        }
        if l > 0 {
            let mut new_delta = vec![0.0; w.ncols()];
            for k in 0..w.ncols() {
                let mut s = 0.0;
                for j in 0..w.nrows() {
                    s += w[[k, j]] * delta[j];
                }
                new_delta[k] = s * sigmoid_prime(zs[l - 1][k]);
            }
            delta = new_delta;
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: `=` instead of `+=` in BP2's sum: only the last j survives.
fn n_bp2_overwrite(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let ws = net.weights();
    let (zs, acts) = fwd_neurons(net, x);
    let n = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    let mut delta: Vec<f64> = (0..acts[n].len())
        .map(|j| (acts[n][j] - y[j]) * sigmoid_prime(zs[n - 1][j]))
        .collect();
    for l in (0..n).rev() {
        let w = &ws[l];
        for j in 0..w.nrows() {
            nabla_b[l][[j, 0]] = delta[j];
            for k in 0..w.ncols() {
                nabla_w[l][[j, k]] = acts[l][k] * delta[j];
            }
        }
        if l > 0 {
            let mut dc_da = vec![0.0; w.ncols()];
            for k in 0..w.ncols() {
                for j in 0..w.nrows() {
                    dc_da[k] = w[[j, k]] * delta[j];
                }
            }
            delta = (0..w.ncols())
                .map(|k| dc_da[k] * sigmoid_prime(zs[l - 1][k]))
                .collect();
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: ∂C/∂W filled as [k][j], shape (previous, current): transposed.
fn n_bp4_transposed(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let ws = net.weights();
    let (zs, acts) = fwd_neurons(net, x);
    let n = ws.len();
    let mut nabla_w: Vec<Array2<f64>> = ws
        .iter()
        .map(|w| Array2::zeros((w.ncols(), w.nrows())))
        .collect();
    let mut nabla_b = zeros_like(&net.biases());
    let mut delta: Vec<f64> = (0..acts[n].len())
        .map(|j| (acts[n][j] - y[j]) * sigmoid_prime(zs[n - 1][j]))
        .collect();
    for l in (0..n).rev() {
        let w = &ws[l];
        for j in 0..w.nrows() {
            nabla_b[l][[j, 0]] = delta[j];
            for k in 0..w.ncols() {
                nabla_w[l][[k, j]] = acts[l][k] * delta[j];
            }
        }
        if l > 0 {
            let mut new_delta = vec![0.0; w.ncols()];
            for k in 0..w.ncols() {
                let mut s = 0.0;
                for j in 0..w.nrows() {
                    s += w[[j, k]] * delta[j];
                }
                new_delta[k] = s * sigmoid_prime(zs[l - 1][k]);
            }
            delta = new_delta;
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: BP4 with z^{l−1} instead of a^{l−1} (x for layer 1 is right).
fn n_bp4_z_not_a(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let ws = net.weights();
    let (zs, acts) = fwd_neurons(net, x);
    let n = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    let mut delta: Vec<f64> = (0..acts[n].len())
        .map(|j| (acts[n][j] - y[j]) * sigmoid_prime(zs[n - 1][j]))
        .collect();
    for l in (0..n).rev() {
        let w = &ws[l];
        let input: &Vec<f64> = if l == 0 { &acts[0] } else { &zs[l - 1] };
        for j in 0..w.nrows() {
            nabla_b[l][[j, 0]] = delta[j];
            for k in 0..w.ncols() {
                nabla_w[l][[j, k]] = input[k] * delta[j];
            }
        }
        if l > 0 {
            let mut new_delta = vec![0.0; w.ncols()];
            for k in 0..w.ncols() {
                let mut s = 0.0;
                for j in 0..w.nrows() {
                    s += w[[j, k]] * delta[j];
                }
                new_delta[k] = s * sigmoid_prime(zs[l - 1][k]);
            }
            delta = new_delta;
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: gradients pushed as computed (last layer first), never reversed.
fn n_reversed_order(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let ws = net.weights();
    let (zs, acts) = fwd_neurons(net, x);
    let n = ws.len();
    let mut nabla_w = Vec::new();
    let mut nabla_b = Vec::new();
    let mut delta: Vec<f64> = (0..acts[n].len())
        .map(|j| (acts[n][j] - y[j]) * sigmoid_prime(zs[n - 1][j]))
        .collect();
    for l in (0..n).rev() {
        let w = &ws[l];
        let mut gw = Array2::zeros(w.raw_dim());
        let mut gb = Array2::zeros((w.nrows(), 1));
        for j in 0..w.nrows() {
            gb[[j, 0]] = delta[j];
            for k in 0..w.ncols() {
                gw[[j, k]] = acts[l][k] * delta[j];
            }
        }
        nabla_w.push(gw);
        nabla_b.push(gb);
        if l > 0 {
            let mut new_delta = vec![0.0; w.ncols()];
            for k in 0..w.ncols() {
                let mut s = 0.0;
                for j in 0..w.nrows() {
                    s += w[[j, k]] * delta[j];
                }
                new_delta[k] = s * sigmoid_prime(zs[l - 1][k]);
            }
            delta = new_delta;
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: returns (nabla_b, nabla_w).
fn n_swapped(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let (nabla_w, nabla_b) = n_right_pseudocode(net, x, y);
    (nabla_b, nabla_w)
}

/// Wrong: BP2 averages over the next layer's neurons instead of summing.
fn n_bp2_mean(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let ws = net.weights();
    let (zs, acts) = fwd_neurons(net, x);
    let n = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    let mut delta: Vec<f64> = (0..acts[n].len())
        .map(|j| (acts[n][j] - y[j]) * sigmoid_prime(zs[n - 1][j]))
        .collect();
    for l in (0..n).rev() {
        let w = &ws[l];
        for j in 0..w.nrows() {
            nabla_b[l][[j, 0]] = delta[j];
            for k in 0..w.ncols() {
                nabla_w[l][[j, k]] = acts[l][k] * delta[j];
            }
        }
        if l > 0 {
            let mut new_delta = vec![0.0; w.ncols()];
            for k in 0..w.ncols() {
                let mut s = 0.0;
                for j in 0..w.nrows() {
                    s += w[[j, k]] * delta[j];
                }
                new_delta[k] = s / w.nrows() as f64 * sigmoid_prime(zs[l - 1][k]);
            }
            delta = new_delta;
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong (pair): factor 2 of notebook 05 and σ′ at a.
fn n_pair_two_prime_at_a(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let ws = net.weights();
    let (_, acts) = fwd_neurons(net, x);
    let n = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    let mut delta: Vec<f64> = (0..acts[n].len())
        .map(|j| 2.0 * (acts[n][j] - y[j]) * sigmoid_prime(acts[n][j]))
        .collect();
    for l in (0..n).rev() {
        let w = &ws[l];
        for j in 0..w.nrows() {
            nabla_b[l][[j, 0]] = delta[j];
            for k in 0..w.ncols() {
                nabla_w[l][[j, k]] = acts[l][k] * delta[j];
            }
        }
        if l > 0 {
            let mut new_delta = vec![0.0; w.ncols()];
            for k in 0..w.ncols() {
                let mut s = 0.0;
                for j in 0..w.nrows() {
                    s += w[[j, k]] * delta[j];
                }
                new_delta[k] = s * sigmoid_prime(acts[l][k]);
            }
            delta = new_delta;
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong (pair): forgot σ′ in BP1 and ∂C/∂W transposed.
fn n_pair_no_prime_bp1_transposed(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let ws = net.weights();
    let (zs, acts) = fwd_neurons(net, x);
    let n = ws.len();
    let mut nabla_w: Vec<Array2<f64>> = ws
        .iter()
        .map(|w| Array2::zeros((w.ncols(), w.nrows())))
        .collect();
    let mut nabla_b = zeros_like(&net.biases());
    let mut delta: Vec<f64> = (0..acts[n].len()).map(|j| acts[n][j] - y[j]).collect();
    for l in (0..n).rev() {
        let w = &ws[l];
        for j in 0..w.nrows() {
            nabla_b[l][[j, 0]] = delta[j];
            for k in 0..w.ncols() {
                nabla_w[l][[k, j]] = acts[l][k] * delta[j];
            }
        }
        if l > 0 {
            let mut new_delta = vec![0.0; w.ncols()];
            for k in 0..w.ncols() {
                let mut s = 0.0;
                for j in 0..w.nrows() {
                    s += w[[j, k]] * delta[j];
                }
                new_delta[k] = s * sigmoid_prime(zs[l - 1][k]);
            }
            delta = new_delta;
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: NaN everywhere, right shapes.
fn n_nan(net: &Network, _x: &[f64], _y: &[f64]) -> Grads {
    let nabla_w = net
        .weights()
        .iter()
        .map(|w| Array2::from_elem(w.raw_dim(), f64::NAN))
        .collect();
    let nabla_b = net
        .biases()
        .iter()
        .map(|b| Array2::from_elem(b.raw_dim(), f64::NAN))
        .collect();
    (nabla_w, nabla_b)
}

/// Wrong: empty lists.
fn n_empty(_net: &Network, _x: &[f64], _y: &[f64]) -> Grads {
    (Vec::new(), Vec::new())
}

/// Wrong: BP1 with z^L where a^L belongs.
fn n_bp1_z_not_a(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let ws = net.weights();
    let (zs, acts) = fwd_neurons(net, x);
    let n = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    let mut delta: Vec<f64> = (0..zs[n - 1].len())
        .map(|j| (zs[n - 1][j] - y[j]) * sigmoid_prime(zs[n - 1][j]))
        .collect();
    for l in (0..n).rev() {
        let w = &ws[l];
        for j in 0..w.nrows() {
            nabla_b[l][[j, 0]] = delta[j];
            for k in 0..w.ncols() {
                nabla_w[l][[j, k]] = acts[l][k] * delta[j];
            }
        }
        if l > 0 {
            let mut new_delta = vec![0.0; w.ncols()];
            for k in 0..w.ncols() {
                let mut s = 0.0;
                for j in 0..w.nrows() {
                    s += w[[j, k]] * delta[j];
                }
                new_delta[k] = s * sigmoid_prime(zs[l - 1][k]);
            }
            delta = new_delta;
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: the hidden-layer loop stops at layer 2 (range 1..n−1), so layer 1's gradients stay zero.
fn n_layer1_never_reached(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let ws = net.weights();
    let (zs, acts) = fwd_neurons(net, x);
    let n = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    // output layer
    let mut delta: Vec<f64> = (0..acts[n].len())
        .map(|j| (acts[n][j] - y[j]) * sigmoid_prime(zs[n - 1][j]))
        .collect();
    for j in 0..delta.len() {
        nabla_b[n - 1][[j, 0]] = delta[j];
        for k in 0..acts[n - 1].len() {
            nabla_w[n - 1][[j, k]] = acts[n - 1][k] * delta[j];
        }
    }
    // hidden layers
    for l in (1..n - 1).rev() {
        let w_next = &ws[l + 1];
        let mut new_delta = vec![0.0; w_next.ncols()];
        for k in 0..w_next.ncols() {
            let mut s = 0.0;
            for j in 0..w_next.nrows() {
                s += w_next[[j, k]] * delta[j];
            }
            new_delta[k] = s * sigmoid_prime(zs[l][k]);
        }
        delta = new_delta;
        for j in 0..delta.len() {
            nabla_b[l][[j, 0]] = delta[j];
            for k in 0..acts[l].len() {
                nabla_w[l][[j, k]] = acts[l][k] * delta[j];
            }
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: the loop forward pass forgets the biases.
fn n_forward_no_bias(net: &Network, x: &[f64], y: &[f64]) -> Grads {
    let ws = net.weights();
    let mut acts = vec![x.to_vec()];
    let mut zs: Vec<Vec<f64>> = Vec::new();
    for w in &ws {
        let prev = acts.last().unwrap().clone();
        let z: Vec<f64> = (0..w.nrows())
            .map(|j| (0..w.ncols()).map(|k| w[[j, k]] * prev[k]).sum())
            .collect();
        acts.push(z.iter().map(|&v| sigmoid(v)).collect());
        zs.push(z);
    }
    let n = ws.len();
    let mut nabla_w = zeros_like(&ws);
    let mut nabla_b = zeros_like(&net.biases());
    let mut delta: Vec<f64> = (0..acts[n].len())
        .map(|j| (acts[n][j] - y[j]) * sigmoid_prime(zs[n - 1][j]))
        .collect();
    for l in (0..n).rev() {
        let w = &ws[l];
        for j in 0..w.nrows() {
            nabla_b[l][[j, 0]] = delta[j];
            for k in 0..w.ncols() {
                nabla_w[l][[j, k]] = acts[l][k] * delta[j];
            }
        }
        if l > 0 {
            let mut new_delta = vec![0.0; w.ncols()];
            for k in 0..w.ncols() {
                let mut s = 0.0;
                for j in 0..w.nrows() {
                    s += w[[j, k]] * delta[j];
                }
                new_delta[k] = s * sigmoid_prime(zs[l - 1][k]);
            }
            delta = new_delta;
        }
    }
    (nabla_w, nabla_b)
}

// ===========================================================================
// check_backprop_vector: x is (d, 1), y is (outputs, 1)
// ===========================================================================

/// The learner's forward pass with columns: zs[l] is z^{l+1}, acts[0] = x.
fn fwd_cols(net: &Network, x: &Array2<f64>) -> (Vec<Array2<f64>>, Vec<Array2<f64>>) {
    let mut acts = vec![x.clone()];
    let mut zs = Vec::new();
    for (w, b) in net.weights().iter().zip(net.biases().iter()) {
        let z = w.dot(acts.last().unwrap()) + b;
        acts.push(z.mapv(sigmoid));
        zs.push(z);
    }
    (zs, acts)
}

/// Right: the four equations in a backward loop.
fn v_right(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let (zs, acts) = fwd_cols(net, x);
    let n = ws.len();
    let mut nabla_w = vec![Array2::zeros((0, 0)); n];
    let mut nabla_b = vec![Array2::zeros((0, 0)); n];
    let mut delta = (&acts[n] - y) * zs[n - 1].mapv(sigmoid_prime);
    for l in (0..n).rev() {
        nabla_w[l] = delta.dot(&acts[l].t());
        nabla_b[l] = delta.clone();
        if l > 0 {
            delta = ws[l].t().dot(&delta) * zs[l - 1].mapv(sigmoid_prime);
        }
    }
    (nabla_w, nabla_b)
}

/// Right: all δ first (inserted at the front), gradients by zipping, Hadamard via the crate.
fn v_right_deltas_zip(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let xs: Vec<f64> = x.iter().copied().collect();
    let tr = net.forward_example(&xs).unwrap();
    let n = ws.len();
    let sp = |l: usize| tr.activities[l].mapv(sigmoid_prime);
    let mut deltas = vec![hadamard(&(&tr.activations[n] - y), &sp(n - 1)).unwrap()];
    for l in (0..n - 1).rev() {
        let back = ws[l + 1].t().dot(&deltas[0]);
        deltas.insert(0, hadamard(&back, &sp(l)).unwrap());
    }
    let nabla_w = deltas
        .iter()
        .zip(&tr.activations)
        .map(|(d, a)| d.dot(&a.t()))
        .collect();
    (nabla_w, deltas)
}

/// Right: σ′ as a ⊙ (1 − a), BP4 as an explicit outer product.
fn v_right_outer(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let (_, acts) = fwd_cols(net, x);
    let n = ws.len();
    let mut nabla_w = Vec::with_capacity(n);
    let mut nabla_b = Vec::with_capacity(n);
    let slope = |a: &Array2<f64>| a * &a.mapv(|v| 1.0 - v);
    let mut delta = (&acts[n] - y) * slope(&acts[n]);
    for l in (0..n).rev() {
        let a_prev = &acts[l];
        let gw = Array2::from_shape_fn((delta.nrows(), a_prev.nrows()), |(j, k)| {
            delta[[j, 0]] * a_prev[[k, 0]]
        });
        nabla_w.push(gw);
        nabla_b.push(delta.clone());
        if l > 0 {
            delta = ws[l].t().dot(&delta) * slope(&acts[l]);
        }
    }
    nabla_w.reverse();
    nabla_b.reverse();
    (nabla_w, nabla_b)
}

/// Right: rows internally (δ as a row), transposed back when stored.
fn v_right_rows(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let bs = net.biases();
    let n = ws.len();
    let mut rows = vec![x.t().to_owned()];
    let mut zrows = Vec::new();
    for l in 0..n {
        let z = rows[l].dot(&ws[l].t()) + &bs[l].t();
        rows.push(z.mapv(sigmoid));
        zrows.push(z);
    }
    let mut nabla_w = vec![Array2::zeros((0, 0)); n];
    let mut nabla_b = vec![Array2::zeros((0, 0)); n];
    let mut delta = (&rows[n] - &y.t()) * zrows[n - 1].mapv(sigmoid_prime); // (1, k)
    for l in (0..n).rev() {
        nabla_w[l] = delta.t().dot(&rows[l]);
        nabla_b[l] = delta.t().to_owned();
        if l > 0 {
            delta = delta.dot(&ws[l]) * zrows[l - 1].mapv(sigmoid_prime);
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: forgot σ′ in BP1.
fn v_no_prime_bp1(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let (zs, acts) = fwd_cols(net, x);
    let n = ws.len();
    let mut nabla_w = vec![Array2::zeros((0, 0)); n];
    let mut nabla_b = vec![Array2::zeros((0, 0)); n];
    let mut delta = &acts[n] - y;
    for l in (0..n).rev() {
        nabla_w[l] = delta.dot(&acts[l].t());
        nabla_b[l] = delta.clone();
        if l > 0 {
            delta = ws[l].t().dot(&delta) * zs[l - 1].mapv(sigmoid_prime);
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: forgot σ′ in BP2.
fn v_no_prime_bp2(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let (zs, acts) = fwd_cols(net, x);
    let n = ws.len();
    let mut nabla_w = vec![Array2::zeros((0, 0)); n];
    let mut nabla_b = vec![Array2::zeros((0, 0)); n];
    let mut delta = (&acts[n] - y) * zs[n - 1].mapv(sigmoid_prime);
    for l in (0..n).rev() {
        nabla_w[l] = delta.dot(&acts[l].t());
        nabla_b[l] = delta.clone();
        if l > 0 {
            delta = ws[l].t().dot(&delta);
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: no σ′ anywhere.
fn v_no_prime(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let (_, acts) = fwd_cols(net, x);
    let n = ws.len();
    let mut nabla_w = vec![Array2::zeros((0, 0)); n];
    let mut nabla_b = vec![Array2::zeros((0, 0)); n];
    let mut delta = &acts[n] - y;
    for l in (0..n).rev() {
        nabla_w[l] = delta.dot(&acts[l].t());
        nabla_b[l] = delta.clone();
        delta = ws[l].t().dot(&delta);
    }
    (nabla_w, nabla_b)
}

/// Wrong: σ(z) in place of σ′(z), everywhere.
fn v_sigma_not_prime(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let (zs, acts) = fwd_cols(net, x);
    let n = ws.len();
    let mut nabla_w = vec![Array2::zeros((0, 0)); n];
    let mut nabla_b = vec![Array2::zeros((0, 0)); n];
    let mut delta = (&acts[n] - y) * zs[n - 1].mapv(sigmoid);
    for l in (0..n).rev() {
        nabla_w[l] = delta.dot(&acts[l].t());
        nabla_b[l] = delta.clone();
        if l > 0 {
            delta = ws[l].t().dot(&delta) * zs[l - 1].mapv(sigmoid);
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: sigmoid_prime of the activations, everywhere.
fn v_prime_at_a(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let (_, acts) = fwd_cols(net, x);
    let n = ws.len();
    let mut nabla_w = vec![Array2::zeros((0, 0)); n];
    let mut nabla_b = vec![Array2::zeros((0, 0)); n];
    let mut delta = (&acts[n] - y) * acts[n].mapv(sigmoid_prime);
    for l in (0..n).rev() {
        nabla_w[l] = delta.dot(&acts[l].t());
        nabla_b[l] = delta.clone();
        if l > 0 {
            delta = ws[l].t().dot(&delta) * acts[l].mapv(sigmoid_prime);
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: σ′ at a in BP2 only; BP1 is right.
fn v_bp2_prime_at_a(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let (zs, acts) = fwd_cols(net, x);
    let n = ws.len();
    let mut nabla_w = vec![Array2::zeros((0, 0)); n];
    let mut nabla_b = vec![Array2::zeros((0, 0)); n];
    let mut delta = (&acts[n] - y) * zs[n - 1].mapv(sigmoid_prime);
    for l in (0..n).rev() {
        nabla_w[l] = delta.dot(&acts[l].t());
        nabla_b[l] = delta.clone();
        if l > 0 {
            delta = ws[l].t().dot(&delta) * acts[l].mapv(sigmoid_prime);
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: no σ′ for δ^1 only ("x has no activation").
fn v_no_prime_layer1(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let (zs, acts) = fwd_cols(net, x);
    let n = ws.len();
    let mut nabla_w = vec![Array2::zeros((0, 0)); n];
    let mut nabla_b = vec![Array2::zeros((0, 0)); n];
    let mut delta = (&acts[n] - y) * zs[n - 1].mapv(sigmoid_prime);
    for l in (0..n).rev() {
        nabla_w[l] = delta.dot(&acts[l].t());
        nabla_b[l] = delta.clone();
        if l > 1 {
            delta = ws[l].t().dot(&delta) * zs[l - 1].mapv(sigmoid_prime);
        } else if l == 1 {
            delta = ws[l].t().dot(&delta);
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: notebook 05's factor 2 in BP1.
fn v_factor_two(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let (zs, acts) = fwd_cols(net, x);
    let n = ws.len();
    let mut nabla_w = vec![Array2::zeros((0, 0)); n];
    let mut nabla_b = vec![Array2::zeros((0, 0)); n];
    let mut delta = 2.0 * (&acts[n] - y) * zs[n - 1].mapv(sigmoid_prime);
    for l in (0..n).rev() {
        nabla_w[l] = delta.dot(&acts[l].t());
        nabla_b[l] = delta.clone();
        if l > 0 {
            delta = ws[l].t().dot(&delta) * zs[l - 1].mapv(sigmoid_prime);
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: y − a in BP1.
fn v_sign_flipped(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let (zs, acts) = fwd_cols(net, x);
    let n = ws.len();
    let mut nabla_w = vec![Array2::zeros((0, 0)); n];
    let mut nabla_b = vec![Array2::zeros((0, 0)); n];
    let mut delta = (y - &acts[n]) * zs[n - 1].mapv(sigmoid_prime);
    for l in (0..n).rev() {
        nabla_w[l] = delta.dot(&acts[l].t());
        nabla_b[l] = delta.clone();
        if l > 0 {
            delta = ws[l].t().dot(&delta) * zs[l - 1].mapv(sigmoid_prime);
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: W instead of Wᵀ in BP2.
fn v_bp2_no_transpose(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let (zs, acts) = fwd_cols(net, x);
    let n = ws.len();
    let mut nabla_w = vec![Array2::zeros((0, 0)); n];
    let mut nabla_b = vec![Array2::zeros((0, 0)); n];
    let mut delta = (&acts[n] - y) * zs[n - 1].mapv(sigmoid_prime);
    for l in (0..n).rev() {
        nabla_w[l] = delta.dot(&acts[l].t());
        nabla_b[l] = delta.clone();
        if l > 0 {
            delta = ws[l].dot(&delta) * zs[l - 1].mapv(sigmoid_prime);
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: BP4 as a^{l−1} δᵀ: ∂C/∂W transposed.
fn v_bp4_transposed(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let (zs, acts) = fwd_cols(net, x);
    let n = ws.len();
    let mut nabla_w = vec![Array2::zeros((0, 0)); n];
    let mut nabla_b = vec![Array2::zeros((0, 0)); n];
    let mut delta = (&acts[n] - y) * zs[n - 1].mapv(sigmoid_prime);
    for l in (0..n).rev() {
        nabla_w[l] = acts[l].dot(&delta.t());
        nabla_b[l] = delta.clone();
        if l > 0 {
            delta = ws[l].t().dot(&delta) * zs[l - 1].mapv(sigmoid_prime);
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: ∂C/∂b stored as a row δᵀ.
fn v_bp3_row(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let (zs, acts) = fwd_cols(net, x);
    let n = ws.len();
    let mut nabla_w = vec![Array2::zeros((0, 0)); n];
    let mut nabla_b = vec![Array2::zeros((0, 0)); n];
    let mut delta = (&acts[n] - y) * zs[n - 1].mapv(sigmoid_prime);
    for l in (0..n).rev() {
        nabla_w[l] = delta.dot(&acts[l].t());
        nabla_b[l] = delta.t().to_owned();
        if l > 0 {
            delta = ws[l].t().dot(&delta) * zs[l - 1].mapv(sigmoid_prime);
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: pushed last layer first and never reversed.
fn v_reversed_order(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let (zs, acts) = fwd_cols(net, x);
    let n = ws.len();
    let mut nabla_w = Vec::new();
    let mut nabla_b = Vec::new();
    let mut delta = (&acts[n] - y) * zs[n - 1].mapv(sigmoid_prime);
    for l in (0..n).rev() {
        nabla_w.push(delta.dot(&acts[l].t()));
        nabla_b.push(delta.clone());
        if l > 0 {
            delta = ws[l].t().dot(&delta) * zs[l - 1].mapv(sigmoid_prime);
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: returns (nabla_b, nabla_w).
fn v_swapped(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let (w, b) = v_right(net, x, y);
    (b, w)
}

/// Wrong: BP4 with z^{l−1} for the hidden layers.
fn v_bp4_z_not_a(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let (zs, acts) = fwd_cols(net, x);
    let n = ws.len();
    let mut nabla_w = vec![Array2::zeros((0, 0)); n];
    let mut nabla_b = vec![Array2::zeros((0, 0)); n];
    let mut delta = (&acts[n] - y) * zs[n - 1].mapv(sigmoid_prime);
    for l in (0..n).rev() {
        let input = if l == 0 { x } else { &zs[l - 1] };
        nabla_w[l] = delta.dot(&input.t());
        nabla_b[l] = delta.clone();
        if l > 0 {
            delta = ws[l].t().dot(&delta) * zs[l - 1].mapv(sigmoid_prime);
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: BP2 with the layer's own W^l instead of W^{l+1}.
fn v_bp2_own_weight(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let (zs, acts) = fwd_cols(net, x);
    let n = ws.len();
    let mut nabla_w = vec![Array2::zeros((0, 0)); n];
    let mut nabla_b = vec![Array2::zeros((0, 0)); n];
    let mut delta = (&acts[n] - y) * zs[n - 1].mapv(sigmoid_prime);
    for l in (0..n).rev() {
        nabla_w[l] = delta.dot(&acts[l].t());
        nabla_b[l] = delta.clone();
        if l > 0 {
            delta = ws[l - 1].t().dot(&delta) * zs[l - 1].mapv(sigmoid_prime);
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: `*` where `.dot` belongs in BP2: Wᵀ * δ broadcasts instead of multiplying matrices.
fn v_bp2_star_not_dot(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let (zs, acts) = fwd_cols(net, x);
    let n = ws.len();
    let mut nabla_w = vec![Array2::zeros((0, 0)); n];
    let mut nabla_b = vec![Array2::zeros((0, 0)); n];
    let mut delta = (&acts[n] - y) * zs[n - 1].mapv(sigmoid_prime);
    for l in (0..n).rev() {
        nabla_w[l] = delta.dot(&acts[l].t());
        nabla_b[l] = delta.clone();
        if l > 0 {
            delta = (&ws[l].t() * &delta) * zs[l - 1].mapv(sigmoid_prime);
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong (pair): forgot σ′ in BP1 and ∂C/∂W transposed.
fn v_pair_no_prime_bp1_bp4_transposed(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let (zs, acts) = fwd_cols(net, x);
    let n = ws.len();
    let mut nabla_w = vec![Array2::zeros((0, 0)); n];
    let mut nabla_b = vec![Array2::zeros((0, 0)); n];
    let mut delta = &acts[n] - y;
    for l in (0..n).rev() {
        nabla_w[l] = acts[l].dot(&delta.t());
        nabla_b[l] = delta.clone();
        if l > 0 {
            delta = ws[l].t().dot(&delta) * zs[l - 1].mapv(sigmoid_prime);
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong (pair): factor 2 and σ′ at a.
fn v_pair_two_prime_at_a(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let (_, acts) = fwd_cols(net, x);
    let n = ws.len();
    let mut nabla_w = vec![Array2::zeros((0, 0)); n];
    let mut nabla_b = vec![Array2::zeros((0, 0)); n];
    let mut delta = 2.0 * (&acts[n] - y) * acts[n].mapv(sigmoid_prime);
    for l in (0..n).rev() {
        nabla_w[l] = delta.dot(&acts[l].t());
        nabla_b[l] = delta.clone();
        if l > 0 {
            delta = ws[l].t().dot(&delta) * acts[l].mapv(sigmoid_prime);
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: infinity everywhere, right shapes.
fn v_infinity(net: &Network, _x: &Array2<f64>, _y: &Array2<f64>) -> Grads {
    (
        net.weights()
            .iter()
            .map(|w| Array2::from_elem(w.raw_dim(), f64::INFINITY))
            .collect(),
        net.biases()
            .iter()
            .map(|b| Array2::from_elem(b.raw_dim(), f64::INFINITY))
            .collect(),
    )
}

/// Wrong: empty lists.
fn v_empty(_net: &Network, _x: &Array2<f64>, _y: &Array2<f64>) -> Grads {
    (vec![], vec![])
}

/// Wrong: BP1 with z^L where a^L belongs.
fn v_bp1_z_not_a(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let (zs, acts) = fwd_cols(net, x);
    let n = ws.len();
    let mut nabla_w = vec![Array2::zeros((0, 0)); n];
    let mut nabla_b = vec![Array2::zeros((0, 0)); n];
    let mut delta = (&zs[n - 1] - y) * zs[n - 1].mapv(sigmoid_prime);
    for l in (0..n).rev() {
        nabla_w[l] = delta.dot(&acts[l].t());
        nabla_b[l] = delta.clone();
        if l > 0 {
            delta = ws[l].t().dot(&delta) * zs[l - 1].mapv(sigmoid_prime);
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: MiniFlow's rows-as-examples throughout: ∂C/∂W = a_prevᵀ·δ as in
/// Linear.backward, ∂C/∂b a row: every gradient comes out transposed.
fn v_miniflow_rows(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let bs = net.biases();
    let n = ws.len();
    let mut rows = vec![x.t().to_owned()];
    let mut zrows = Vec::new();
    for l in 0..n {
        let z = rows[l].dot(&ws[l].t()) + &bs[l].t();
        rows.push(z.mapv(sigmoid));
        zrows.push(z);
    }
    let mut nabla_w = vec![Array2::zeros((0, 0)); n];
    let mut nabla_b = vec![Array2::zeros((0, 0)); n];
    let mut grad = (&rows[n] - &y.t()) * zrows[n - 1].mapv(sigmoid_prime);
    for l in (0..n).rev() {
        nabla_w[l] = rows[l].t().dot(&grad);
        nabla_b[l] = grad.clone();
        if l > 0 {
            grad = grad.dot(&ws[l]) * zrows[l - 1].mapv(sigmoid_prime);
        }
    }
    (nabla_w, nabla_b)
}

/// Wrong: forward pass without the biases.
fn v_forward_no_bias(net: &Network, x: &Array2<f64>, y: &Array2<f64>) -> Grads {
    let ws = net.weights();
    let n = ws.len();
    let mut acts = vec![x.clone()];
    let mut zs = Vec::new();
    for w in &ws {
        let z = w.dot(acts.last().unwrap());
        acts.push(z.mapv(sigmoid));
        zs.push(z);
    }
    let mut nabla_w = vec![Array2::zeros((0, 0)); n];
    let mut nabla_b = vec![Array2::zeros((0, 0)); n];
    let mut delta = (&acts[n] - y) * zs[n - 1].mapv(sigmoid_prime);
    for l in (0..n).rev() {
        nabla_w[l] = delta.dot(&acts[l].t());
        nabla_b[l] = delta.clone();
        if l > 0 {
            delta = ws[l].t().dot(&delta) * zs[l - 1].mapv(sigmoid_prime);
        }
    }
    (nabla_w, nabla_b)
}

// ===========================================================================
// check_flatten: all weights row by row, then all biases
// ===========================================================================

/// Right: one iterator chain.
fn fl_chain(weights: &[Array2<f64>], biases: &[Array2<f64>]) -> Vec<f64> {
    weights
        .iter()
        .chain(biases.iter())
        .flat_map(|m| m.iter().copied())
        .collect()
}

/// Right: nested index loops.
fn fl_index_loops(weights: &[Array2<f64>], biases: &[Array2<f64>]) -> Vec<f64> {
    let mut theta = Vec::new();
    for group in [weights, biases] {
        for m in group {
            for r in 0..m.nrows() {
                for c in 0..m.ncols() {
                    theta.push(m[[r, c]]);
                }
            }
        }
    }
    theta
}

/// Right: extend row by row.
fn fl_rows_extend(weights: &[Array2<f64>], biases: &[Array2<f64>]) -> Vec<f64> {
    let mut theta: Vec<f64> =
        Vec::with_capacity(weights.iter().chain(biases).map(|m| m.len()).sum());
    for w in weights {
        for row in w.rows() {
            theta.extend(row.iter());
        }
    }
    for b in biases {
        theta.extend(b.iter());
    }
    theta
}

/// Wrong: layer by layer, W1 b1 W2 b2 …
fn fl_interleaved(weights: &[Array2<f64>], biases: &[Array2<f64>]) -> Vec<f64> {
    let mut theta = Vec::new();
    for (w, b) in weights.iter().zip(biases) {
        theta.extend(w.iter());
        theta.extend(b.iter());
    }
    theta
}

/// Wrong: biases first, then weights.
fn fl_biases_first(weights: &[Array2<f64>], biases: &[Array2<f64>]) -> Vec<f64> {
    biases
        .iter()
        .chain(weights.iter())
        .flat_map(|m| m.iter().copied())
        .collect()
}

/// Wrong: weights column by column.
fn fl_column_major(weights: &[Array2<f64>], biases: &[Array2<f64>]) -> Vec<f64> {
    let mut theta = Vec::new();
    for w in weights {
        for col in w.columns() {
            theta.extend(col.iter());
        }
    }
    for b in biases {
        theta.extend(b.iter());
    }
    theta
}

/// Wrong: loop bound off by one, the last layer's weights are missing.
fn fl_missing_last_layer(weights: &[Array2<f64>], biases: &[Array2<f64>]) -> Vec<f64> {
    let mut theta = Vec::new();
    for l in 0..weights.len() - 1 {
        theta.extend(weights[l].iter());
    }
    for b in biases {
        theta.extend(b.iter());
    }
    theta
}

/// Wrong: only the weights.
fn fl_no_biases(weights: &[Array2<f64>], _biases: &[Array2<f64>]) -> Vec<f64> {
    weights.iter().flat_map(|w| w.iter().copied()).collect()
}

/// Wrong: layers from last to first.
fn fl_reversed_layers(weights: &[Array2<f64>], biases: &[Array2<f64>]) -> Vec<f64> {
    weights
        .iter()
        .rev()
        .chain(biases.iter().rev())
        .flat_map(|m| m.iter().copied())
        .collect()
}

/// Wrong: empty.
fn fl_empty(_weights: &[Array2<f64>], _biases: &[Array2<f64>]) -> Vec<f64> {
    Vec::new()
}

/// Wrong: NaN of the right length.
fn fl_nan(weights: &[Array2<f64>], biases: &[Array2<f64>]) -> Vec<f64> {
    let n: usize = weights.iter().chain(biases).map(|m| m.len()).sum();
    vec![f64::NAN; n]
}

/// Wrong: row and column loop bounds swapped: out of bounds on non-square matrices.
fn fl_bounds_swapped(weights: &[Array2<f64>], biases: &[Array2<f64>]) -> Vec<f64> {
    let mut theta = Vec::new();
    for m in weights.iter().chain(biases) {
        for r in 0..m.ncols() {
            for c in 0..m.nrows() {
                theta.push(m[[r, c]]);
            }
        }
    }
    theta
}

/// Wrong (pair): biases first and weights column by column.
fn fl_pair_biases_first_columns(weights: &[Array2<f64>], biases: &[Array2<f64>]) -> Vec<f64> {
    let mut theta: Vec<f64> = biases.iter().flat_map(|b| b.iter().copied()).collect();
    for w in weights {
        theta.extend(w.t().iter());
    }
    theta
}

/// Wrong: loop from 1, layer 1 skipped (weights and biases).
fn fl_skips_layer1(weights: &[Array2<f64>], biases: &[Array2<f64>]) -> Vec<f64> {
    let mut theta = Vec::new();
    for l in 1..weights.len() {
        theta.extend(weights[l].iter());
    }
    for l in 1..biases.len() {
        theta.extend(biases[l].iter());
    }
    theta
}

/// Wrong: one number per matrix (its sum).
fn fl_sums(weights: &[Array2<f64>], biases: &[Array2<f64>]) -> Vec<f64> {
    weights.iter().chain(biases).map(|m| m.sum()).collect()
}

// ===========================================================================
// check_unflatten: theta back into matrices shaped like weights and biases
// ===========================================================================

/// Right: a read position and from_shape_vec.
fn uf_read_position(theta: &[f64], weights: &[Array2<f64>], biases: &[Array2<f64>]) -> Grads {
    let mut pos = 0;
    let mut take = |m: &Array2<f64>| {
        let n = m.len();
        let out = Array2::from_shape_vec(m.raw_dim(), theta[pos..pos + n].to_vec()).unwrap();
        pos += n;
        out
    };
    let ws: Vec<Array2<f64>> = weights.iter().map(&mut take).collect();
    let bs: Vec<Array2<f64>> = biases.iter().map(&mut take).collect();
    (ws, bs)
}

/// Right: one iterator over theta, from_shape_fn pulling the next value.
fn uf_iterator(theta: &[f64], weights: &[Array2<f64>], biases: &[Array2<f64>]) -> Grads {
    let mut it = theta.iter().copied();
    let mut ws = Vec::new();
    for w in weights {
        ws.push(Array2::from_shape_fn(w.dim(), |_| it.next().unwrap()));
    }
    let mut bs = Vec::new();
    for b in biases {
        bs.push(Array2::from_shape_fn(b.dim(), |_| it.next().unwrap()));
    }
    (ws, bs)
}

/// Right: zeros filled by nested loops.
fn uf_nested_loops(theta: &[f64], weights: &[Array2<f64>], biases: &[Array2<f64>]) -> Grads {
    let mut k = 0;
    let mut fill = |shape: &Array2<f64>| {
        let mut m = Array2::<f64>::zeros((shape.nrows(), shape.ncols()));
        for r in 0..m.nrows() {
            for c in 0..m.ncols() {
                m[[r, c]] = theta[k];
                k += 1;
            }
        }
        m
    };
    let mut ws = Vec::new();
    for w in weights {
        ws.push(fill(w));
    }
    let mut bs = Vec::new();
    for b in biases {
        bs.push(fill(b));
    }
    (ws, bs)
}

/// Right: split_at as the read position.
fn uf_split_at(theta: &[f64], weights: &[Array2<f64>], biases: &[Array2<f64>]) -> Grads {
    let mut rest = theta;
    let mut out = Vec::new();
    for m in weights.iter().chain(biases) {
        let (head, tail) = rest.split_at(m.len());
        out.push(Array2::from_shape_vec((m.nrows(), m.ncols()), head.to_vec()).unwrap());
        rest = tail;
    }
    let bs = out.split_off(weights.len());
    (out, bs)
}

/// Wrong: the read position never moves: every matrix starts at theta[0].
fn uf_never_advances(theta: &[f64], weights: &[Array2<f64>], biases: &[Array2<f64>]) -> Grads {
    let pos = 0;
    let ws = weights
        .iter()
        .map(|w| Array2::from_shape_vec(w.raw_dim(), theta[pos..pos + w.len()].to_vec()).unwrap())
        .collect();
    let bs = biases
        .iter()
        .map(|b| Array2::from_shape_vec(b.raw_dim(), theta[pos..pos + b.len()].to_vec()).unwrap())
        .collect();
    (ws, bs)
}

/// Wrong: position reset to 0 before the biases.
fn uf_reset_before_biases(theta: &[f64], weights: &[Array2<f64>], biases: &[Array2<f64>]) -> Grads {
    let mut pos = 0;
    let mut ws = Vec::new();
    for w in weights {
        ws.push(Array2::from_shape_vec(w.raw_dim(), theta[pos..pos + w.len()].to_vec()).unwrap());
        pos += w.len();
    }
    let mut bs = Vec::new();
    pos = 0;
    for b in biases {
        bs.push(Array2::from_shape_vec(b.raw_dim(), theta[pos..pos + b.len()].to_vec()).unwrap());
        pos += b.len();
    }
    (ws, bs)
}

/// Wrong: matrices filled column by column.
fn uf_column_major(theta: &[f64], weights: &[Array2<f64>], biases: &[Array2<f64>]) -> Grads {
    let mut pos = 0;
    let mut ws = Vec::new();
    for w in weights {
        let n = w.len();
        ws.push(
            Array2::from_shape_vec((w.nrows(), w.ncols()).f(), theta[pos..pos + n].to_vec())
                .unwrap(),
        );
        pos += n;
    }
    let mut bs = Vec::new();
    for b in biases {
        let n = b.len();
        bs.push(
            Array2::from_shape_vec((b.nrows(), b.ncols()).f(), theta[pos..pos + n].to_vec())
                .unwrap(),
        );
        pos += n;
    }
    (ws, bs)
}

/// Wrong: reads the biases first.
fn uf_biases_first(theta: &[f64], weights: &[Array2<f64>], biases: &[Array2<f64>]) -> Grads {
    let mut pos = 0;
    let mut bs = Vec::new();
    for b in biases {
        bs.push(Array2::from_shape_vec(b.raw_dim(), theta[pos..pos + b.len()].to_vec()).unwrap());
        pos += b.len();
    }
    let mut ws = Vec::new();
    for w in weights {
        ws.push(Array2::from_shape_vec(w.raw_dim(), theta[pos..pos + w.len()].to_vec()).unwrap());
        pos += w.len();
    }
    (ws, bs)
}

/// Wrong: reads layer by layer, W1 b1 W2 b2 …
fn uf_interleaved(theta: &[f64], weights: &[Array2<f64>], biases: &[Array2<f64>]) -> Grads {
    let mut pos = 0;
    let mut ws = Vec::new();
    let mut bs = Vec::new();
    for (w, b) in weights.iter().zip(biases) {
        ws.push(Array2::from_shape_vec(w.raw_dim(), theta[pos..pos + w.len()].to_vec()).unwrap());
        pos += w.len();
        bs.push(Array2::from_shape_vec(b.raw_dim(), theta[pos..pos + b.len()].to_vec()).unwrap());
        pos += b.len();
    }
    (ws, bs)
}

/// Wrong: weight matrices built with their shape reversed, (inputs, outputs).
fn uf_weights_transposed_shape(
    theta: &[f64],
    weights: &[Array2<f64>],
    biases: &[Array2<f64>],
) -> Grads {
    let mut pos = 0;
    let mut ws = Vec::new();
    for w in weights {
        ws.push(
            Array2::from_shape_vec((w.ncols(), w.nrows()), theta[pos..pos + w.len()].to_vec())
                .unwrap(),
        );
        pos += w.len();
    }
    let mut bs = Vec::new();
    for b in biases {
        bs.push(Array2::from_shape_vec(b.raw_dim(), theta[pos..pos + b.len()].to_vec()).unwrap());
        pos += b.len();
    }
    (ws, bs)
}

/// Wrong: biases built as rows (1, k).
fn uf_bias_rows(theta: &[f64], weights: &[Array2<f64>], biases: &[Array2<f64>]) -> Grads {
    let mut pos = 0;
    let mut ws = Vec::new();
    for w in weights {
        ws.push(Array2::from_shape_vec(w.raw_dim(), theta[pos..pos + w.len()].to_vec()).unwrap());
        pos += w.len();
    }
    let mut bs = Vec::new();
    for b in biases {
        bs.push(Array2::from_shape_vec((1, b.len()), theta[pos..pos + b.len()].to_vec()).unwrap());
        pos += b.len();
    }
    (ws, bs)
}

/// Wrong: inclusive slice takes one value too many; from_shape_vec fails and unwrap panics.
fn uf_inclusive_slice(theta: &[f64], weights: &[Array2<f64>], biases: &[Array2<f64>]) -> Grads {
    let mut pos = 0;
    let mut ws = Vec::new();
    for w in weights {
        ws.push(Array2::from_shape_vec(w.raw_dim(), theta[pos..=pos + w.len()].to_vec()).unwrap());
        pos += w.len();
    }
    let mut bs = Vec::new();
    for b in biases {
        bs.push(Array2::from_shape_vec(b.raw_dim(), theta[pos..=pos + b.len()].to_vec()).unwrap());
        pos += b.len();
    }
    (ws, bs)
}

/// Wrong: hands back the shape templates, theta ignored.
fn uf_ignores_theta(_theta: &[f64], weights: &[Array2<f64>], biases: &[Array2<f64>]) -> Grads {
    (weights.to_vec(), biases.to_vec())
}

/// Wrong: NaN of the right shapes.
fn uf_nan(_theta: &[f64], weights: &[Array2<f64>], biases: &[Array2<f64>]) -> Grads {
    (
        weights
            .iter()
            .map(|w| Array2::from_elem(w.raw_dim(), f64::NAN))
            .collect(),
        biases
            .iter()
            .map(|b| Array2::from_elem(b.raw_dim(), f64::NAN))
            .collect(),
    )
}

/// Wrong: nothing returned.
fn uf_empty(_theta: &[f64], _weights: &[Array2<f64>], _biases: &[Array2<f64>]) -> Grads {
    (Vec::new(), Vec::new())
}

/// Wrong (pair): column-major fill and biases read first.
fn uf_pair_columns_biases_first(
    theta: &[f64],
    weights: &[Array2<f64>],
    biases: &[Array2<f64>],
) -> Grads {
    let mut pos = 0;
    let mut bs = Vec::new();
    for b in biases {
        bs.push(
            Array2::from_shape_vec(b.raw_dim().f(), theta[pos..pos + b.len()].to_vec()).unwrap(),
        );
        pos += b.len();
    }
    let mut ws = Vec::new();
    for w in weights {
        ws.push(
            Array2::from_shape_vec(w.raw_dim().f(), theta[pos..pos + w.len()].to_vec()).unwrap(),
        );
        pos += w.len();
    }
    (ws, bs)
}

/// Wrong: advances the position by the number of rows instead of the number of entries.
fn uf_advance_by_rows(theta: &[f64], weights: &[Array2<f64>], biases: &[Array2<f64>]) -> Grads {
    let mut pos = 0;
    let mut ws = Vec::new();
    for w in weights {
        ws.push(Array2::from_shape_vec(w.raw_dim(), theta[pos..pos + w.len()].to_vec()).unwrap());
        pos += w.nrows();
    }
    let mut bs = Vec::new();
    for b in biases {
        bs.push(Array2::from_shape_vec(b.raw_dim(), theta[pos..pos + b.len()].to_vec()).unwrap());
        pos += b.nrows();
    }
    (ws, bs)
}

// ===========================================================================
// check_numerical_gradient: two-sided differences
// ===========================================================================

/// Right: one working copy, nudge, evaluate, put back.
fn ng_copy_restore(cost: &dyn Fn(&[f64]) -> f64, theta: &[f64], eps: f64) -> Vec<f64> {
    let mut t = theta.to_vec();
    let mut grad = vec![0.0; t.len()];
    for i in 0..t.len() {
        let old = t[i];
        t[i] = old + eps;
        let c_plus = cost(&t);
        t[i] = old - eps;
        let c_minus = cost(&t);
        t[i] = old;
        grad[i] = (c_plus - c_minus) / (2.0 * eps);
    }
    grad
}

/// Right: a fresh copy per side, as an iterator.
fn ng_fresh_copies(cost: &dyn Fn(&[f64]) -> f64, theta: &[f64], eps: f64) -> Vec<f64> {
    (0..theta.len())
        .map(|i| {
            let mut plus = theta.to_vec();
            plus[i] += eps;
            let mut minus = theta.to_vec();
            minus[i] -= eps;
            (cost(&plus) - cost(&minus)) / (2.0 * eps)
        })
        .collect()
}

/// Right: += eps, −= 2 eps, += eps (back where it started up to rounding).
fn ng_step_back_and_forth(cost: &dyn Fn(&[f64]) -> f64, theta: &[f64], eps: f64) -> Vec<f64> {
    let mut t = theta.to_vec();
    let mut out = Vec::with_capacity(t.len());
    for i in 0..t.len() {
        let before = t[i];
        t[i] += eps;
        let up = cost(&t);
        t[i] = before - eps;
        let down = cost(&t);
        t[i] = before;
        out.push((up - down) / (2.0 * eps));
    }
    out
}

/// Wrong: one-sided forward difference.
fn ng_one_sided(cost: &dyn Fn(&[f64]) -> f64, theta: &[f64], eps: f64) -> Vec<f64> {
    let c0 = cost(theta);
    let mut t = theta.to_vec();
    let mut g = Vec::new();
    for i in 0..t.len() {
        t[i] += eps;
        g.push((cost(&t) - c0) / eps);
        t[i] -= eps;
    }
    g
}

/// Wrong: divided by ε instead of 2ε.
fn ng_over_eps(cost: &dyn Fn(&[f64]) -> f64, theta: &[f64], eps: f64) -> Vec<f64> {
    let mut t = theta.to_vec();
    let mut g = vec![0.0; t.len()];
    for i in 0..t.len() {
        let old = t[i];
        t[i] = old + eps;
        let cp = cost(&t);
        t[i] = old - eps;
        let cm = cost(&t);
        t[i] = old;
        g[i] = (cp - cm) / eps;
    }
    g
}

/// Wrong: never puts the entry back: the nudges pile up.
fn ng_no_restore(cost: &dyn Fn(&[f64]) -> f64, theta: &[f64], eps: f64) -> Vec<f64> {
    let mut t = theta.to_vec();
    let mut g = vec![0.0; t.len()];
    for i in 0..t.len() {
        let old = t[i];
        t[i] = old + eps;
        let cp = cost(&t);
        t[i] = old - eps;
        let cm = cost(&t);
        g[i] = (cp - cm) / (2.0 * eps);
    }
    g
}

/// Wrong: C(θ − ε) − C(θ + ε).
fn ng_sign_flipped(cost: &dyn Fn(&[f64]) -> f64, theta: &[f64], eps: f64) -> Vec<f64> {
    (0..theta.len())
        .map(|i| {
            let mut p = theta.to_vec();
            p[i] += eps;
            let mut m = theta.to_vec();
            m[i] -= eps;
            (cost(&m) - cost(&p)) / (2.0 * eps)
        })
        .collect()
}

/// Wrong: nudges every entry at once instead of one at a time.
fn ng_all_at_once(cost: &dyn Fn(&[f64]) -> f64, theta: &[f64], eps: f64) -> Vec<f64> {
    let plus: Vec<f64> = theta.iter().map(|t| t + eps).collect();
    let minus: Vec<f64> = theta.iter().map(|t| t - eps).collect();
    let d = (cost(&plus) - cost(&minus)) / (2.0 * eps);
    vec![d; theta.len()]
}

/// Wrong (pair): adds ε then subtracts ε once, so the "minus" point is θ itself,
/// and still divides by 2ε.
fn ng_minus_point_is_theta(cost: &dyn Fn(&[f64]) -> f64, theta: &[f64], eps: f64) -> Vec<f64> {
    let mut t = theta.to_vec();
    let mut g = vec![0.0; t.len()];
    for i in 0..t.len() {
        t[i] += eps;
        let cp = cost(&t);
        t[i] -= eps;
        let cm = cost(&t);
        g[i] = (cp - cm) / (2.0 * eps);
    }
    g
}

/// Wrong: divided by 2 only, ε forgotten.
fn ng_forgot_eps(cost: &dyn Fn(&[f64]) -> f64, theta: &[f64], eps: f64) -> Vec<f64> {
    let mut t = theta.to_vec();
    let mut g = vec![0.0; t.len()];
    for i in 0..t.len() {
        let old = t[i];
        t[i] = old + eps;
        let cp = cost(&t);
        t[i] = old - eps;
        let cm = cost(&t);
        t[i] = old;
        g[i] = (cp - cm) / 2.0;
    }
    g
}

/// Wrong: loop stops one entry early.
fn ng_skips_last(cost: &dyn Fn(&[f64]) -> f64, theta: &[f64], eps: f64) -> Vec<f64> {
    let mut t = theta.to_vec();
    let mut g = Vec::new();
    for i in 0..t.len() - 1 {
        let old = t[i];
        t[i] = old + eps;
        let cp = cost(&t);
        t[i] = old - eps;
        let cm = cost(&t);
        t[i] = old;
        g.push((cp - cm) / (2.0 * eps));
    }
    g
}

/// Wrong: inclusive range, index out of bounds.
fn ng_inclusive_range(cost: &dyn Fn(&[f64]) -> f64, theta: &[f64], eps: f64) -> Vec<f64> {
    let mut t = theta.to_vec();
    let mut g = Vec::new();
    for i in 0..=theta.len() {
        let old = t[i];
        t[i] = old + eps;
        let cp = cost(&t);
        t[i] = old - eps;
        let cm = cost(&t);
        t[i] = old;
        g.push((cp - cm) / (2.0 * eps));
    }
    g
}

/// Wrong: NaN for every entry.
fn ng_nan(_cost: &dyn Fn(&[f64]) -> f64, theta: &[f64], _eps: f64) -> Vec<f64> {
    vec![f64::NAN; theta.len()]
}

/// Wrong: empty.
fn ng_empty(_cost: &dyn Fn(&[f64]) -> f64, _theta: &[f64], _eps: f64) -> Vec<f64> {
    vec![]
}

/// Wrong (pair): one-sided and sign flipped: (C(θ) − C(θ + ε))/ε.
fn ng_one_sided_flipped(cost: &dyn Fn(&[f64]) -> f64, theta: &[f64], eps: f64) -> Vec<f64> {
    let base = cost(theta);
    (0..theta.len())
        .map(|i| {
            let mut p = theta.to_vec();
            p[i] += eps;
            (base - cost(&p)) / eps
        })
        .collect()
}

/// Wrong: copy-paste slip, both costs at θ + ε: every entry 0.
fn ng_both_plus(cost: &dyn Fn(&[f64]) -> f64, theta: &[f64], eps: f64) -> Vec<f64> {
    let mut g = Vec::new();
    for i in 0..theta.len() {
        let mut plus = theta.to_vec();
        plus[i] += eps;
        let mut minus = theta.to_vec();
        minus[i] -= eps;
        let c_plus = cost(&plus);
        let c_minus = cost(&plus);
        g.push((c_plus - c_minus) / (2.0 * eps));
    }
    g
}

// ===========================================================================
// check_update_step: W −= (η/m)∇W, b −= (η/m)∇b, ∇ summed over the batch
// ===========================================================================

fn u_right_scaled_add(
    w: &mut [Array2<f64>],
    b: &mut [Array2<f64>],
    g: &Gradients,
    eta: f64,
    m: usize,
) {
    let step = eta / m as f64;
    for l in 0..w.len() {
        w[l].scaled_add(-step, &g.nabla_w[l]);
        b[l].scaled_add(-step, &g.nabla_b[l]);
    }
}

fn u_right_zip(w: &mut [Array2<f64>], b: &mut [Array2<f64>], g: &Gradients, eta: f64, m: usize) {
    for (wl, gw) in w.iter_mut().zip(&g.nabla_w) {
        *wl = &*wl - &(gw * eta / m as f64);
    }
    for (bl, gb) in b.iter_mut().zip(&g.nabla_b) {
        *bl = &*bl - &(gb * eta / m as f64);
    }
}

fn u_ascent(w: &mut [Array2<f64>], b: &mut [Array2<f64>], g: &Gradients, eta: f64, m: usize) {
    let step = eta / m as f64;
    for l in 0..w.len() {
        w[l] += &(step * &g.nabla_w[l]);
        b[l] += &(step * &g.nabla_b[l]);
    }
}

fn u_ascent_biases(
    w: &mut [Array2<f64>],
    b: &mut [Array2<f64>],
    g: &Gradients,
    eta: f64,
    m: usize,
) {
    let step = eta / m as f64;
    for l in 0..w.len() {
        w[l] -= &(step * &g.nabla_w[l]);
        b[l] += &(step * &g.nabla_b[l]);
    }
}

fn u_sum(w: &mut [Array2<f64>], b: &mut [Array2<f64>], g: &Gradients, eta: f64, _m: usize) {
    for l in 0..w.len() {
        w[l] -= &(eta * &g.nabla_w[l]);
        b[l] -= &(eta * &g.nabla_b[l]);
    }
}

fn u_eta_twice(w: &mut [Array2<f64>], b: &mut [Array2<f64>], g: &Gradients, eta: f64, m: usize) {
    let lr = eta / m as f64;
    for l in 0..w.len() {
        w[l] -= &(eta * lr * &g.nabla_w[l]);
        b[l] -= &(eta * lr * &g.nabla_b[l]);
    }
}

fn u_mean_twice(w: &mut [Array2<f64>], b: &mut [Array2<f64>], g: &Gradients, eta: f64, m: usize) {
    for l in 0..w.len() {
        let mean_w = &g.nabla_w[l] / m as f64;
        let mean_b = &g.nabla_b[l] / m as f64;
        w[l] -= &(eta / m as f64 * mean_w);
        b[l] -= &(eta / m as f64 * mean_b);
    }
}

fn u_no_biases(w: &mut [Array2<f64>], _b: &mut [Array2<f64>], g: &Gradients, eta: f64, m: usize) {
    for l in 0..w.len() {
        w[l] -= &(eta / m as f64 * &g.nabla_w[l]);
    }
}

fn u_int_div(w: &mut [Array2<f64>], b: &mut [Array2<f64>], g: &Gradients, eta: f64, m: usize) {
    let step = (1 / m) as f64 * eta;
    for l in 0..w.len() {
        w[l] -= &(step * &g.nabla_w[l]);
        b[l] -= &(step * &g.nabla_b[l]);
    }
}

fn u_skip_first(w: &mut [Array2<f64>], b: &mut [Array2<f64>], g: &Gradients, eta: f64, m: usize) {
    let step = eta / m as f64;
    for l in 1..w.len() {
        w[l] -= &(step * &g.nabla_w[l]);
        b[l] -= &(step * &g.nabla_b[l]);
    }
}

fn u_not_assigned(w: &mut [Array2<f64>], b: &mut [Array2<f64>], g: &Gradients, eta: f64, m: usize) {
    let step = eta / m as f64;
    for l in 0..w.len() {
        let _new_w = &w[l] - &(step * &g.nabla_w[l]);
        let _new_b = &b[l] - &(step * &g.nabla_b[l]);
    }
}

fn u_pair_ascent_sum(
    w: &mut [Array2<f64>],
    b: &mut [Array2<f64>],
    g: &Gradients,
    eta: f64,
    _m: usize,
) {
    for l in 0..w.len() {
        w[l] = &w[l] + &(&g.nabla_w[l] * eta);
        b[l] = &b[l] + &(&g.nabla_b[l] * eta);
    }
}

fn u_no_eta(w: &mut [Array2<f64>], b: &mut [Array2<f64>], g: &Gradients, _eta: f64, m: usize) {
    for l in 0..w.len() {
        w[l] -= &(&g.nabla_w[l] / m as f64);
        b[l] -= &(&g.nabla_b[l] / m as f64);
    }
}

fn u_transposed(w: &mut [Array2<f64>], b: &mut [Array2<f64>], g: &Gradients, eta: f64, m: usize) {
    let step = eta / m as f64;
    for l in 0..w.len() {
        w[l] -= &(step * &g.nabla_w[l].t());
        b[l] -= &(step * &g.nabla_b[l]);
    }
}

fn u_eta_from_walkthrough(
    w: &mut [Array2<f64>],
    b: &mut [Array2<f64>],
    g: &Gradients,
    _eta: f64,
    m: usize,
) {
    // η = 0.01, the walkthrough's learning rate, typed in instead of the argument
    let step = 0.01 / m as f64;
    for l in 0..w.len() {
        w[l] -= &(step * &g.nabla_w[l]);
        b[l] -= &(step * &g.nabla_b[l]);
    }
}

// ===========================================================================
// check_bias_gradient: ∂C0/∂b^L_j for every neuron j of the last layer, from
// a_prev = a^{L-1}, z = z^L, a = a^L and the target y, all slices.
// C0 = ½‖a − y‖², so the answer is δ^L_j = (a_j − y_j)·σ′(z_j).
// ===========================================================================

/// Right: δ_j, written with σ′ from the prelude.
fn b_right(_a_prev: &[f64], z: &[f64], a: &[f64], y: &[f64]) -> Vec<f64> {
    let mut out = Vec::new();
    for j in 0..z.len() {
        out.push((a[j] - y[j]) * sigmoid_prime(z[j]));
    }
    out
}

/// Right: σ′(z_j) written as a_j(1 − a_j), with a zip.
fn b_right_a_form(_a_prev: &[f64], _z: &[f64], a: &[f64], y: &[f64]) -> Vec<f64> {
    a.iter()
        .zip(y)
        .map(|(&aj, &yj)| (aj - yj) * aj * (1.0 - aj))
        .collect()
}

fn b_todo(_a_prev: &[f64], _z: &[f64], _a: &[f64], _y: &[f64]) -> Vec<f64> {
    todo!()
}

/// Forgot σ′: only ∂C0/∂a_j.
fn b_no_prime(_a_prev: &[f64], _z: &[f64], a: &[f64], y: &[f64]) -> Vec<f64> {
    a.iter().zip(y).map(|(aj, yj)| aj - yj).collect()
}

/// Notebook 05's cost carried over: 2(a − y)σ′(z).
fn b_factor_2(_a_prev: &[f64], z: &[f64], a: &[f64], y: &[f64]) -> Vec<f64> {
    (0..z.len())
        .map(|j| 2.0 * (a[j] - y[j]) * sigmoid_prime(z[j]))
        .collect()
}

/// Target minus output.
fn b_sign(_a_prev: &[f64], z: &[f64], a: &[f64], y: &[f64]) -> Vec<f64> {
    (0..z.len())
        .map(|j| (y[j] - a[j]) * sigmoid_prime(z[j]))
        .collect()
}

/// σ where σ′ belongs.
fn b_sigma(_a_prev: &[f64], z: &[f64], a: &[f64], y: &[f64]) -> Vec<f64> {
    (0..z.len())
        .map(|j| (a[j] - y[j]) * sigmoid(z[j]))
        .collect()
}

/// The walkthrough's typo σ(z)(1 − z), copied as printed.
fn b_walkthrough_typo(_a_prev: &[f64], z: &[f64], a: &[f64], y: &[f64]) -> Vec<f64> {
    (0..z.len())
        .map(|j| sigmoid(z[j]) * (1.0 - z[j]) * (a[j] - y[j]))
        .collect()
}

/// σ′ taken at the activation.
fn b_prime_at_a(_a_prev: &[f64], _z: &[f64], a: &[f64], y: &[f64]) -> Vec<f64> {
    (0..a.len())
        .map(|j| (a[j] - y[j]) * sigmoid_prime(a[j]))
        .collect()
}

/// z used as the output in the cost's derivative.
fn b_z_for_a(_a_prev: &[f64], z: &[f64], _a: &[f64], y: &[f64]) -> Vec<f64> {
    (0..z.len())
        .map(|j| (z[j] - y[j]) * sigmoid_prime(z[j]))
        .collect()
}

/// Pattern-matched from ∂C0/∂w_jk = a_k δ_j, with k := j.
fn b_bp4_same_index(a_prev: &[f64], z: &[f64], a: &[f64], y: &[f64]) -> Vec<f64> {
    (0..z.len())
        .map(|j| a_prev[j] * (a[j] - y[j]) * sigmoid_prime(z[j]))
        .collect()
}

/// Pattern-matched from BP4 and summed over k: b_j "is all of row j".
fn b_bp4_row_sum(a_prev: &[f64], z: &[f64], a: &[f64], y: &[f64]) -> Vec<f64> {
    let s: f64 = a_prev.iter().sum();
    (0..z.len())
        .map(|j| s * (a[j] - y[j]) * sigmoid_prime(z[j]))
        .collect()
}

/// Only the first neuron's entry.
fn b_first_only(_a_prev: &[f64], z: &[f64], a: &[f64], y: &[f64]) -> Vec<f64> {
    vec![(a[0] - y[0]) * sigmoid_prime(z[0])]
}

/// Loops over the previous layer's neurons: runs past the end of z.
fn b_loop_prev(a_prev: &[f64], z: &[f64], a: &[f64], y: &[f64]) -> Vec<f64> {
    (0..a_prev.len())
        .map(|j| (a[j] - y[j]) * sigmoid_prime(z[j]))
        .collect()
}

/// Left out ∂C0/∂a_j: only the slope.
fn b_no_cost_factor(_a_prev: &[f64], z: &[f64], _a: &[f64], _y: &[f64]) -> Vec<f64> {
    z.iter().map(|&zj| sigmoid_prime(zj)).collect()
}

/// Two slips: no σ′ and the target minus the output.
fn b_pair_no_prime_sign(_a_prev: &[f64], _z: &[f64], a: &[f64], y: &[f64]) -> Vec<f64> {
    a.iter().zip(y).map(|(aj, yj)| yj - aj).collect()
}

/// Two slips: notebook 05's 2 and σ instead of σ′.
fn b_pair_factor_2_sigma(_a_prev: &[f64], z: &[f64], a: &[f64], y: &[f64]) -> Vec<f64> {
    (0..z.len())
        .map(|j| 2.0 * (a[j] - y[j]) * sigmoid(z[j]))
        .collect()
}

pub fn corpus() -> Vec<Entry> {
    vec![
        // ---------------- check_backprop_per_neuron ----------------
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "right-pseudocode",
            tutor: "correct: the notebook's pseudo-code, with loops for BP1–BP4",
            expect: Expect::Right,
            run: || check_backprop_per_neuron(n_right_pseudocode),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "right-deltas-first",
            tutor: "correct: all δ computed first from the crate's trace, gradients built afterwards with from_shape_fn",
            expect: Expect::Right,
            run: || check_backprop_per_neuron(n_right_deltas_first),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "right-accumulate",
            tutor: "correct: accumulates ∂C/∂a with j outermost, σ′ as a(1 − a), lists reversed at the end",
            expect: Expect::Right,
            run: || check_backprop_per_neuron(n_right_accumulate),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "forgot-prime-bp1",
            tutor: "forgot σ′(z^L) in BP1: δ^L = a^L − y; BP2 is right",
            expect: Expect::Wrong(&["forgot σ′", "BP1"]),
            run: || check_backprop_per_neuron(n_no_prime_bp1),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "forgot-prime-bp2",
            tutor: "forgot σ′(z^l) in BP2: the new δ is just the weighted sum",
            expect: Expect::Wrong(&["forgot σ′", "BP2"]),
            run: || check_backprop_per_neuron(n_no_prime_bp2),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "forgot-prime-everywhere",
            tutor: "no σ′ anywhere, in BP1 or BP2",
            expect: Expect::Wrong(&["forgot σ′"]),
            run: || check_backprop_per_neuron(n_no_prime),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "sigma-not-prime",
            tutor: "multiplies by σ(z) where σ′(z) belongs, in BP1 and BP2",
            expect: Expect::Wrong(&["σ instead of σ′"]),
            run: || check_backprop_per_neuron(n_sigma_not_prime),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "prime-at-a",
            tutor: "evaluates sigmoid_prime at the activations a instead of z, everywhere",
            expect: Expect::Wrong(&["σ′ at a"]),
            run: || check_backprop_per_neuron(n_prime_at_a),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "forgot-prime-layer-1",
            tutor: "left out σ′ when computing δ^1, thinking layer 1 has no activation because it is fed by x; the other layers are right",
            expect: Expect::Wrong(&["forgot σ′", "layer 1"]),
            run: || check_backprop_per_neuron(n_no_prime_layer1),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "factor-2-from-nb05",
            tutor: "kept notebook 05's factor 2, δ^L = 2(a − y)σ′(z), but this cost is ½‖a − y‖²",
            expect: Expect::Wrong(&["factor 2"]),
            run: || check_backprop_per_neuron(n_factor_two),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "sign-flipped",
            tutor: "wrote (y − a) in BP1, so every gradient has the wrong sign",
            expect: Expect::Wrong(&["sign flipped"]),
            run: || check_backprop_per_neuron(n_sign_flipped),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "bp2-w-indices-swapped",
            tutor: "BP2 reads w[k][j] instead of w[j][k] (W where Wᵀ belongs), which runs out of bounds on a non-square W",
            expect: Expect::Wrong(&["panic|transposed"]),
            run: || check_backprop_per_neuron(n_bp2_w_indices_swapped),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "bp2-overwrite",
            tutor: "BP2's sum over j uses = instead of +=, so only the last neuron's contribution survives",
            expect: Expect::Wrong(&["overwrote instead of adding", "BP2"]),
            run: || check_backprop_per_neuron(n_bp2_overwrite),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "nabla-w-transposed",
            tutor: "filled ∂C/∂W as [k][j], so each weight gradient has shape (previous, current): transposed",
            expect: Expect::Wrong(&["transposed|shape"]),
            run: || check_backprop_per_neuron(n_bp4_transposed),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "bp4-z-not-a",
            tutor: "BP4 multiplies δ by z^{l−1} instead of a^{l−1} for the hidden layers",
            expect: Expect::Wrong(&["z where a belongs", "BP4"]),
            run: || check_backprop_per_neuron(n_bp4_z_not_a),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "reversed-layer-order",
            tutor: "pushed the gradients as the backward pass found them, last layer first, and never reversed the lists",
            expect: Expect::Wrong(&["reversed|order|shape"]),
            run: || check_backprop_per_neuron(n_reversed_order),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "swapped-outputs",
            tutor: "returned (nabla_b, nabla_w) instead of (nabla_w, nabla_b)",
            expect: Expect::Wrong(&["swapped"]),
            run: || check_backprop_per_neuron(n_swapped),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "bp2-mean",
            tutor: "divided BP2's sum over j by the number of neurons, averaging where it should sum",
            expect: Expect::Wrong(&["mean instead of sum", "BP2"]),
            run: || check_backprop_per_neuron(n_bp2_mean),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "pair-factor-2-prime-at-a",
            tutor: "two slips: notebook 05's factor 2 in BP1 and σ′ evaluated at a instead of z",
            expect: Expect::Wrong(&["factor 2", "σ′ at a"]),
            run: || check_backprop_per_neuron(n_pair_two_prime_at_a),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "pair-no-prime-bp1-transposed",
            tutor: "two slips: no σ′ in BP1, and ∂C/∂W filled transposed",
            expect: Expect::Wrong(&["transposed|shape"]),
            run: || check_backprop_per_neuron(n_pair_no_prime_bp1_transposed),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "nan",
            tutor: "returns NaN everywhere, in the right shapes",
            expect: Expect::Wrong(&["not a number"]),
            run: || check_backprop_per_neuron(n_nan),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "empty",
            tutor: "returns two empty lists",
            expect: Expect::Wrong(&["shape|empty"]),
            run: || check_backprop_per_neuron(n_empty),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "bp1-z-not-a",
            tutor: "BP1 uses (z^L − y) where (a^L − y) belongs",
            expect: Expect::Wrong(&["z where a belongs", "BP1"]),
            run: || check_backprop_per_neuron(n_bp1_z_not_a),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "layer-1-never-reached",
            tutor: "the hidden-layer loop runs over 1..n−1, one layer short, so layer 1's gradients stay zero",
            expect: Expect::Wrong(&["layer 1", "off-by-one layer|zero|missing"]),
            run: || check_backprop_per_neuron(n_layer1_never_reached),
        },
        Entry {
            exercise: "check_backprop_per_neuron",
            id: "forward-no-bias",
            tutor: "the loop forward pass never adds the biases, so every z and a is off",
            expect: Expect::Wrong(&["forgot the bias"]),
            run: || check_backprop_per_neuron(n_forward_no_bias),
        },
        // ---------------- check_backprop_vector ----------------
        Entry {
            exercise: "check_backprop_vector",
            id: "right-loop",
            tutor: "correct: BP1–BP4 with Wᵀ, Hadamard products and outer products, in one backward loop",
            expect: Expect::Right,
            run: || check_backprop_vector(v_right),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "right-deltas-zip",
            tutor: "correct: all δ first via the crate's hadamard, then the gradients by zipping δ with the activations",
            expect: Expect::Right,
            run: || check_backprop_vector(v_right_deltas_zip),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "right-outer-product",
            tutor: "correct: σ′ as a ⊙ (1 − a) and BP4 as an explicit outer product",
            expect: Expect::Right,
            run: || check_backprop_vector(v_right_outer),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "right-rows",
            tutor: "correct: works with row vectors internally and transposes each gradient back into W's shape",
            expect: Expect::Right,
            run: || check_backprop_vector(v_right_rows),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "forgot-prime-bp1",
            tutor: "BP1 is just a^L − y, without ⊙ σ′(z^L)",
            expect: Expect::Wrong(&["forgot σ′", "BP1"]),
            run: || check_backprop_vector(v_no_prime_bp1),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "forgot-prime-bp2",
            tutor: "BP2 is just (W^{l+1})ᵀδ^{l+1}, without ⊙ σ′(z^l)",
            expect: Expect::Wrong(&["forgot σ′", "BP2"]),
            run: || check_backprop_vector(v_no_prime_bp2),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "forgot-prime-everywhere",
            tutor: "no σ′ in BP1 or BP2",
            expect: Expect::Wrong(&["forgot σ′"]),
            run: || check_backprop_vector(v_no_prime),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "sigma-not-prime",
            tutor: "uses σ(z) where σ′(z) belongs, in both BP1 and BP2",
            expect: Expect::Wrong(&["σ instead of σ′"]),
            run: || check_backprop_vector(v_sigma_not_prime),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "prime-at-a",
            tutor: "maps sigmoid_prime over the activations instead of the activities, everywhere",
            expect: Expect::Wrong(&["σ′ at a"]),
            run: || check_backprop_vector(v_prime_at_a),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "bp2-prime-at-a",
            tutor: "BP1 uses σ′(z^L) correctly, but BP2 maps sigmoid_prime over a^l instead of z^l",
            expect: Expect::Wrong(&["σ′ at a", "BP2"]),
            run: || check_backprop_vector(v_bp2_prime_at_a),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "forgot-prime-layer-1",
            tutor: "skips ⊙ σ′(z^1) when computing δ^1 only; the other layers have it",
            expect: Expect::Wrong(&["forgot σ′", "layer 1"]),
            run: || check_backprop_vector(v_no_prime_layer1),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "factor-2-from-nb05",
            tutor: "kept notebook 05's 2(a − y); with C = ½‖a − y‖² the derivative is a − y",
            expect: Expect::Wrong(&["factor 2"]),
            run: || check_backprop_vector(v_factor_two),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "sign-flipped",
            tutor: "wrote y − a in BP1, flipping the sign of every gradient",
            expect: Expect::Wrong(&["sign flipped"]),
            run: || check_backprop_vector(v_sign_flipped),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "bp2-w-not-transposed",
            tutor: "BP2 uses W^{l+1}·δ instead of (W^{l+1})ᵀ·δ, which fails on a shape mismatch",
            expect: Expect::Wrong(&["panic|transposed"]),
            run: || check_backprop_vector(v_bp2_no_transpose),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "nabla-w-transposed",
            tutor: "BP4 written as a^{l−1}·δᵀ, so ∂C/∂W comes out transposed",
            expect: Expect::Wrong(&["transposed|shape"]),
            run: || check_backprop_vector(v_bp4_transposed),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "nabla-b-row",
            tutor: "stored ∂C/∂b as the row δᵀ instead of the column δ",
            expect: Expect::Wrong(&["transposed|shape"]),
            run: || check_backprop_vector(v_bp3_row),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "reversed-layer-order",
            tutor: "pushed the gradients last layer first and never reversed them",
            expect: Expect::Wrong(&["reversed|order|shape"]),
            run: || check_backprop_vector(v_reversed_order),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "swapped-outputs",
            tutor: "returned (nabla_b, nabla_w) in swapped order",
            expect: Expect::Wrong(&["swapped"]),
            run: || check_backprop_vector(v_swapped),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "bp4-z-not-a",
            tutor: "BP4 uses z^{l−1} instead of a^{l−1} for the hidden layers",
            expect: Expect::Wrong(&["z where a belongs", "BP4"]),
            run: || check_backprop_vector(v_bp4_z_not_a),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "bp2-own-weight",
            tutor: "BP2 uses the layer's own W^l instead of W^{l+1}, so the shapes clash and it panics",
            expect: Expect::Wrong(&["panic|off-by-one layer"]),
            run: || check_backprop_vector(v_bp2_own_weight),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "bp2-star-not-dot",
            tutor: "wrote Wᵀ * δ (element-wise, broadcasting) where the matrix product Wᵀ.dot(δ) belongs, so δ grows into a matrix and a later product panics",
            expect: Expect::Wrong(&["panic|shape"]),
            run: || check_backprop_vector(v_bp2_star_not_dot),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "pair-no-prime-bp1-nabla-w-transposed",
            tutor: "two slips: no σ′ in BP1, and ∂C/∂W computed as a·δᵀ, transposed",
            expect: Expect::Wrong(&["transposed|shape"]),
            run: || check_backprop_vector(v_pair_no_prime_bp1_bp4_transposed),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "pair-factor-2-prime-at-a",
            tutor: "two slips: the factor 2 from notebook 05 and σ′ evaluated at a",
            expect: Expect::Wrong(&["factor 2", "σ′ at a"]),
            run: || check_backprop_vector(v_pair_two_prime_at_a),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "infinity",
            tutor: "returns infinity in every entry",
            expect: Expect::Wrong(&["not a number"]),
            run: || check_backprop_vector(v_infinity),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "empty",
            tutor: "returns two empty lists",
            expect: Expect::Wrong(&["shape|empty"]),
            run: || check_backprop_vector(v_empty),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "bp1-z-not-a",
            tutor: "BP1 uses z^L − y where a^L − y belongs",
            expect: Expect::Wrong(&["z where a belongs", "BP1"]),
            run: || check_backprop_vector(v_bp1_z_not_a),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "miniflow-rows",
            tutor: "carried MiniFlow's rows-as-examples over (∂C/∂W = aᵀ·grad, bias gradient a row), so every gradient is transposed",
            expect: Expect::Wrong(&["transposed|shape"]),
            run: || check_backprop_vector(v_miniflow_rows),
        },
        Entry {
            exercise: "check_backprop_vector",
            id: "forward-no-bias",
            tutor: "the forward pass leaves out the biases, so z and a, and every gradient, are off",
            expect: Expect::Wrong(&["forgot the bias"]),
            run: || check_backprop_vector(v_forward_no_bias),
        },
        // ---------------- check_flatten ----------------
        Entry {
            exercise: "check_flatten",
            id: "right-chain",
            tutor: "correct: one iterator chain over weights then biases",
            expect: Expect::Right,
            run: || check_flatten(fl_chain),
        },
        Entry {
            exercise: "check_flatten",
            id: "right-index-loops",
            tutor: "correct: nested index loops, row by row",
            expect: Expect::Right,
            run: || check_flatten(fl_index_loops),
        },
        Entry {
            exercise: "check_flatten",
            id: "right-rows-extend",
            tutor: "correct: extends with each weight row, then each bias",
            expect: Expect::Right,
            run: || check_flatten(fl_rows_extend),
        },
        Entry {
            exercise: "check_flatten",
            id: "interleaved",
            tutor: "flattened layer by layer (W1, b1, W2, b2, …) instead of all weights then all biases",
            expect: Expect::Wrong(&["order|interleaved"]),
            run: || check_flatten(fl_interleaved),
        },
        Entry {
            exercise: "check_flatten",
            id: "biases-first",
            tutor: "put all the biases before the weights",
            expect: Expect::Wrong(&["order|swapped|biases first"]),
            run: || check_flatten(fl_biases_first),
        },
        Entry {
            exercise: "check_flatten",
            id: "column-major",
            tutor: "walked each weight matrix column by column instead of row by row",
            expect: Expect::Wrong(&["column|transposed"]),
            run: || check_flatten(fl_column_major),
        },
        Entry {
            exercise: "check_flatten",
            id: "missing-last-layer",
            tutor: "the weight loop stops one layer early, so the last layer's weights are missing",
            expect: Expect::Wrong(&["length|missing|too few|number of values|off-by-one"]),
            run: || check_flatten(fl_missing_last_layer),
        },
        Entry {
            exercise: "check_flatten",
            id: "no-biases",
            tutor: "only flattened the weights and forgot the biases",
            expect: Expect::Wrong(&["forgot the bias|bias|length|missing"]),
            run: || check_flatten(fl_no_biases),
        },
        Entry {
            exercise: "check_flatten",
            id: "reversed-layers",
            tutor: "listed the layers from last to first",
            expect: Expect::Wrong(&["reversed|order"]),
            run: || check_flatten(fl_reversed_layers),
        },
        Entry {
            exercise: "check_flatten",
            id: "empty",
            tutor: "returns an empty vector",
            expect: Expect::Wrong(&["empty|length|shape"]),
            run: || check_flatten(fl_empty),
        },
        Entry {
            exercise: "check_flatten",
            id: "nan",
            tutor: "returns NaN for every parameter",
            expect: Expect::Wrong(&["not a number"]),
            run: || check_flatten(fl_nan),
        },
        Entry {
            exercise: "check_flatten",
            id: "bounds-swapped-panics",
            tutor: "swapped the row and column loop bounds, so it indexes out of bounds on a non-square matrix",
            expect: Expect::Wrong(&["panic|transposed"]),
            run: || check_flatten(fl_bounds_swapped),
        },
        Entry {
            exercise: "check_flatten",
            id: "pair-biases-first-columns",
            tutor: "two slips: biases before weights, and weights column by column",
            expect: Expect::Wrong(&["order|swapped|biases first|column|transposed"]),
            run: || check_flatten(fl_pair_biases_first_columns),
        },
        Entry {
            exercise: "check_flatten",
            id: "skips-layer-1",
            tutor: "both loops start at 1, so layer 1's weights and bias are missing",
            expect: Expect::Wrong(&["layer 1|length|missing|off-by-one"]),
            run: || check_flatten(fl_skips_layer1),
        },
        Entry {
            exercise: "check_flatten",
            id: "sums",
            tutor: "returned one number per matrix, its sum, instead of every entry",
            expect: Expect::Wrong(&["length|sum|missing"]),
            run: || check_flatten(fl_sums),
        },
        // ---------------- check_unflatten ----------------
        Entry {
            exercise: "check_unflatten",
            id: "right-read-position",
            tutor: "correct: a moving read position and from_shape_vec",
            expect: Expect::Right,
            run: || check_unflatten(uf_read_position),
        },
        Entry {
            exercise: "check_unflatten",
            id: "right-iterator",
            tutor: "correct: one iterator over theta, from_shape_fn pulling values in row-major order",
            expect: Expect::Right,
            run: || check_unflatten(uf_iterator),
        },
        Entry {
            exercise: "check_unflatten",
            id: "right-nested-loops",
            tutor: "correct: zero matrices filled entry by entry with a shared counter",
            expect: Expect::Right,
            run: || check_unflatten(uf_nested_loops),
        },
        Entry {
            exercise: "check_unflatten",
            id: "right-split-at",
            tutor: "correct: split_at as the read position, weights and biases separated with split_off",
            expect: Expect::Right,
            run: || check_unflatten(uf_split_at),
        },
        Entry {
            exercise: "check_unflatten",
            id: "never-advances",
            tutor: "never moves the read position, so every matrix is filled from the start of theta",
            expect: Expect::Wrong(&["position|offset|advance"]),
            run: || check_unflatten(uf_never_advances),
        },
        Entry {
            exercise: "check_unflatten",
            id: "reset-before-biases",
            tutor: "resets the read position to 0 before the biases, so the biases get the first weights' values",
            expect: Expect::Wrong(&["bias", "position|offset|start"]),
            run: || check_unflatten(uf_reset_before_biases),
        },
        Entry {
            exercise: "check_unflatten",
            id: "column-major",
            tutor: "fills each matrix column by column (.f()) instead of row by row",
            expect: Expect::Wrong(&["column|transposed"]),
            run: || check_unflatten(uf_column_major),
        },
        Entry {
            exercise: "check_unflatten",
            id: "biases-first",
            tutor: "reads the biases from the front of theta, before the weights",
            expect: Expect::Wrong(&["order|swapped|biases first"]),
            run: || check_unflatten(uf_biases_first),
        },
        Entry {
            exercise: "check_unflatten",
            id: "interleaved",
            tutor: "reads layer by layer (W1, b1, W2, …) instead of all weights then all biases",
            expect: Expect::Wrong(&["order|interleaved"]),
            run: || check_unflatten(uf_interleaved),
        },
        Entry {
            exercise: "check_unflatten",
            id: "weights-shape-reversed",
            tutor: "built each weight matrix with shape (ncols, nrows), the transpose of W's shape",
            expect: Expect::Wrong(&["shape|transposed"]),
            run: || check_unflatten(uf_weights_transposed_shape),
        },
        Entry {
            exercise: "check_unflatten",
            id: "bias-rows",
            tutor: "built the biases as rows (1, k) instead of columns (k, 1)",
            expect: Expect::Wrong(&["shape|transposed"]),
            run: || check_unflatten(uf_bias_rows),
        },
        Entry {
            exercise: "check_unflatten",
            id: "inclusive-slice-panics",
            tutor: "slices pos..=pos+n, one value too many, so from_shape_vec fails and the unwrap panics",
            expect: Expect::Wrong(&["panic"]),
            run: || check_unflatten(uf_inclusive_slice),
        },
        Entry {
            exercise: "check_unflatten",
            id: "ignores-theta",
            tutor: "returns copies of the shape templates and never reads theta",
            expect: Expect::Wrong(&["theta|unchanged|ignored|template"]),
            run: || check_unflatten(uf_ignores_theta),
        },
        Entry {
            exercise: "check_unflatten",
            id: "nan",
            tutor: "returns matrices full of NaN",
            expect: Expect::Wrong(&["not a number"]),
            run: || check_unflatten(uf_nan),
        },
        Entry {
            exercise: "check_unflatten",
            id: "empty",
            tutor: "returns two empty lists",
            expect: Expect::Wrong(&["shape|empty"]),
            run: || check_unflatten(uf_empty),
        },
        Entry {
            exercise: "check_unflatten",
            id: "pair-columns-biases-first",
            tutor: "two slips: reads the biases first, and fills every matrix column by column",
            expect: Expect::Wrong(&["order|swapped|biases first|column|transposed"]),
            run: || check_unflatten(uf_pair_columns_biases_first),
        },
        Entry {
            exercise: "check_unflatten",
            id: "advance-by-rows",
            tutor: "moves the read position on by the number of rows instead of the number of entries, so the matrices overlap",
            expect: Expect::Wrong(&["position|offset|advance"]),
            run: || check_unflatten(uf_advance_by_rows),
        },
        // ---------------- check_numerical_gradient ----------------
        Entry {
            exercise: "check_numerical_gradient",
            id: "right-copy-restore",
            tutor: "correct: one working copy, each entry nudged up and down and put back",
            expect: Expect::Right,
            run: || check_numerical_gradient(ng_copy_restore),
        },
        Entry {
            exercise: "check_numerical_gradient",
            id: "right-fresh-copies",
            tutor: "correct: a fresh copy of theta for each side, as an iterator",
            expect: Expect::Right,
            run: || check_numerical_gradient(ng_fresh_copies),
        },
        Entry {
            exercise: "check_numerical_gradient",
            id: "right-step-back-and-forth",
            tutor: "correct: += ε, then set to old − ε, then restored",
            expect: Expect::Right,
            run: || check_numerical_gradient(ng_step_back_and_forth),
        },
        Entry {
            exercise: "check_numerical_gradient",
            id: "one-sided",
            tutor: "used the one-sided difference (C(θ + ε) − C(θ))/ε instead of the two-sided one",
            expect: Expect::Wrong(&["one-sided|forward difference"]),
            run: || check_numerical_gradient(ng_one_sided),
        },
        Entry {
            exercise: "check_numerical_gradient",
            id: "over-eps",
            tutor: "divided the two-sided difference by ε instead of 2ε",
            expect: Expect::Wrong(&["factor 2"]),
            run: || check_numerical_gradient(ng_over_eps),
        },
        Entry {
            exercise: "check_numerical_gradient",
            id: "no-restore",
            tutor: "never puts the entry back, so each later difference is taken at an already-nudged θ",
            expect: Expect::Wrong(&["put back|restore|reset"]),
            run: || check_numerical_gradient(ng_no_restore),
        },
        Entry {
            exercise: "check_numerical_gradient",
            id: "sign-flipped",
            tutor: "computed C(θ − ε) − C(θ + ε), the negative of the slope",
            expect: Expect::Wrong(&["sign flipped"]),
            run: || check_numerical_gradient(ng_sign_flipped),
        },
        Entry {
            exercise: "check_numerical_gradient",
            id: "all-at-once",
            tutor: "nudged every entry at once, giving the same directional slope for every i instead of one partial derivative each",
            expect: Expect::Wrong(&["every entry|all entries|at once|one at a time"]),
            run: || check_numerical_gradient(ng_all_at_once),
        },
        Entry {
            exercise: "check_numerical_gradient",
            id: "pair-minus-point-is-theta",
            tutor: "two slips: the 'minus' cost is taken at θ itself (it only undid the +ε), a one-sided difference, and it is still divided by 2ε",
            expect: Expect::Wrong(&["one-sided|forward difference", "factor 2"]),
            run: || check_numerical_gradient(ng_minus_point_is_theta),
        },
        Entry {
            exercise: "check_numerical_gradient",
            id: "forgot-eps",
            tutor: "divided by 2 instead of 2ε",
            expect: Expect::Wrong(&["ε|eps|epsilon"]),
            run: || check_numerical_gradient(ng_forgot_eps),
        },
        Entry {
            exercise: "check_numerical_gradient",
            id: "skips-last",
            tutor: "the loop stops one entry early, so the result is one value short",
            expect: Expect::Wrong(&["length|shape|missing|too few"]),
            run: || check_numerical_gradient(ng_skips_last),
        },
        Entry {
            exercise: "check_numerical_gradient",
            id: "inclusive-range-panics",
            tutor: "looped over 0..=n, so t[n] is out of bounds and it panics",
            expect: Expect::Wrong(&["panic"]),
            run: || check_numerical_gradient(ng_inclusive_range),
        },
        Entry {
            exercise: "check_numerical_gradient",
            id: "nan",
            tutor: "returns NaN for every entry",
            expect: Expect::Wrong(&["not a number"]),
            run: || check_numerical_gradient(ng_nan),
        },
        Entry {
            exercise: "check_numerical_gradient",
            id: "empty",
            tutor: "returns an empty vector",
            expect: Expect::Wrong(&["empty|length|shape"]),
            run: || check_numerical_gradient(ng_empty),
        },
        Entry {
            exercise: "check_numerical_gradient",
            id: "pair-one-sided-flipped",
            tutor: "two slips: a one-sided difference, and the sign flipped, (C(θ) − C(θ + ε))/ε",
            expect: Expect::Wrong(&["one-sided|forward difference", "sign flipped"]),
            run: || check_numerical_gradient(ng_one_sided_flipped),
        },
        Entry {
            exercise: "check_numerical_gradient",
            id: "both-costs-at-plus",
            tutor: "copy-paste slip: both costs are evaluated at θ + ε, so every difference is 0",
            expect: Expect::Wrong(&["zero|both|copy"]),
            run: || check_numerical_gradient(ng_both_plus),
        },
        // ---------------- check_update_step ----------------
        Entry {
            exercise: "check_update_step",
            id: "right-scaled-add",
            tutor: "right: scaled_add with −η/m on every layer",
            expect: Expect::Right,
            run: || check_update_step(u_right_scaled_add),
        },
        Entry {
            exercise: "check_update_step",
            id: "right-zip",
            tutor: "right: zips over the layers, new matrices assigned back, gw·η/m",
            expect: Expect::Right,
            run: || check_update_step(u_right_zip),
        },
        Entry {
            exercise: "check_update_step",
            id: "ascent",
            tutor: "+= instead of −=: a step uphill on weights and biases",
            expect: Expect::Wrong(&["sign flipped|ascent|uphill", "everywhere"]),
            run: || check_update_step(u_ascent),
        },
        Entry {
            exercise: "check_update_step",
            id: "ascent-biases-only",
            tutor: "weights right, but the biases get += : uphill in the bias update only",
            expect: Expect::Wrong(&["sign flipped|ascent|uphill", "bias update"]),
            run: || check_update_step(u_ascent_biases),
        },
        Entry {
            exercise: "check_update_step",
            id: "sum-not-mean",
            tutor: "uses η times the summed gradient, never divides by m (the sum instead of the mean)",
            expect: Expect::Wrong(&["sum instead of the mean|not divided by m"]),
            run: || check_update_step(u_sum),
        },
        Entry {
            exercise: "check_update_step",
            id: "eta-twice",
            tutor: "computes lr = η/m and then multiplies by η again: η applied twice",
            expect: Expect::Wrong(&["η applied twice"]),
            run: || check_update_step(u_eta_twice),
        },
        Entry {
            exercise: "check_update_step",
            id: "mean-twice",
            tutor: "averages the gradient over m and then still uses η/m: divided by m twice",
            expect: Expect::Wrong(&["divided by m twice"]),
            run: || check_update_step(u_mean_twice),
        },
        Entry {
            exercise: "check_update_step",
            id: "no-biases",
            tutor: "updates the weights only; the biases are forgotten",
            expect: Expect::Wrong(&["biases"]),
            run: || check_update_step(u_no_biases),
        },
        Entry {
            exercise: "check_update_step",
            id: "integer-division",
            tutor: "(1 / m) as f64 with an integer m: the step is 0 except for a batch of one",
            expect: Expect::Wrong(&["integer"]),
            run: || check_update_step(u_int_div),
        },
        Entry {
            exercise: "check_update_step",
            id: "loop-from-1",
            tutor: "loop starts at 1, so layer 1 (index 0) is never updated",
            expect: Expect::Wrong(&["not updated", "layer 1"]),
            run: || check_update_step(u_skip_first),
        },
        Entry {
            exercise: "check_update_step",
            id: "never-assigned",
            tutor: "computes the new matrices into locals and never writes them back: nothing changes",
            expect: Expect::Wrong(&["not updated"]),
            run: || check_update_step(u_not_assigned),
        },
        Entry {
            exercise: "check_update_step",
            id: "pair-ascent-sum",
            tutor: "two slips: adds the gradient (uphill) and never divides by m",
            expect: Expect::Wrong(&["sign flipped|ascent|uphill", "sum instead of the mean|not divided by m"]),
            run: || check_update_step(u_pair_ascent_sum),
        },
        Entry {
            exercise: "check_update_step",
            id: "no-eta",
            tutor: "divides the summed gradient by m but forgets the learning rate η",
            expect: Expect::Wrong(&["forgot η"]),
            run: || check_update_step(u_no_eta),
        },
        Entry {
            exercise: "check_update_step",
            id: "transposed-gradient",
            tutor: "transposes ∇W: panics where W is not square (a shape mistake), wrong numbers where it is",
            expect: Expect::Wrong(&["shape|transpos|panic"]),
            run: || check_update_step(u_transposed),
        },
        Entry {
            exercise: "check_update_step",
            id: "eta-walkthrough-constant",
            tutor: "types in the walkthrough's η = 0.01 instead of using the argument eta",
            expect: Expect::Wrong(&["η|eta|0.01"]),
            run: || check_update_step(u_eta_from_walkthrough),
        },
        // ---------------- check_bias_gradient ----------------
        Entry {
            exercise: "check_bias_gradient",
            id: "right-loop",
            tutor: "δ_j = (a_j − y_j)·σ′(z_j) for every neuron j",
            expect: Expect::Right,
            run: || check_bias_gradient(b_right),
        },
        Entry {
            exercise: "check_bias_gradient",
            id: "right-a-form",
            tutor: "σ′(z_j) written as a_j(1 − a_j), with a zip",
            expect: Expect::Right,
            run: || check_bias_gradient(b_right_a_form),
        },
        Entry {
            exercise: "check_bias_gradient",
            id: "todo",
            tutor: "not started",
            expect: Expect::NotStarted,
            run: || check_bias_gradient(b_todo),
        },
        Entry {
            exercise: "check_bias_gradient",
            id: "no-prime",
            tutor: "returns a − y: forgot the sigmoid's slope σ′(z)",
            expect: Expect::Wrong(&["forgot σ′"]),
            run: || check_bias_gradient(b_no_prime),
        },
        Entry {
            exercise: "check_bias_gradient",
            id: "factor-2-from-05",
            tutor: "notebook 05's cost (a − y)² carried over: 2(a − y)σ′(z), but here C0 = ½‖a − y‖²",
            expect: Expect::Wrong(&["2"]),
            run: || check_bias_gradient(b_factor_2),
        },
        Entry {
            exercise: "check_bias_gradient",
            id: "sign",
            tutor: "target minus output: the sign is flipped",
            expect: Expect::Wrong(&["sign"]),
            run: || check_bias_gradient(b_sign),
        },
        Entry {
            exercise: "check_bias_gradient",
            id: "sigma-for-prime",
            tutor: "multiplies by σ(z) instead of σ′(z)",
            expect: Expect::Wrong(&["σ instead of σ′"]),
            run: || check_bias_gradient(b_sigma),
        },
        Entry {
            exercise: "check_bias_gradient",
            id: "walkthrough-typo",
            tutor: "copies the walkthrough's printed slope σ(z)(1 − z), a typo for σ(z)(1 − σ(z))",
            expect: Expect::Wrong(&["1 − z"]),
            run: || check_bias_gradient(b_walkthrough_typo),
        },
        Entry {
            exercise: "check_bias_gradient",
            id: "prime-at-a",
            tutor: "takes σ′ at a instead of at z",
            expect: Expect::Wrong(&["σ′ at a"]),
            run: || check_bias_gradient(b_prime_at_a),
        },
        Entry {
            exercise: "check_bias_gradient",
            id: "z-for-a",
            tutor: "uses z − y instead of a − y in the cost's derivative",
            expect: Expect::Wrong(&["z where a"]),
            run: || check_bias_gradient(b_z_for_a),
        },
        Entry {
            exercise: "check_bias_gradient",
            id: "bp4-same-index",
            tutor: "pattern-matched from ∂C0/∂w_jk = a_k δ_j: multiplies δ_j by a_prev[j], but ∂z_j/∂b_j = 1",
            expect: Expect::Wrong(&["BP4|previous layer"]),
            run: || check_bias_gradient(b_bp4_same_index),
        },
        Entry {
            exercise: "check_bias_gradient",
            id: "bp4-row-sum",
            tutor: "pattern-matched from BP4 and summed over k: δ_j times the sum of the previous layer's activations",
            expect: Expect::Wrong(&["BP4|previous layer"]),
            run: || check_bias_gradient(b_bp4_row_sum),
        },
        Entry {
            exercise: "check_bias_gradient",
            id: "first-only",
            tutor: "returns only neuron 0's entry: one number instead of one per neuron",
            expect: Expect::Wrong(&["shape|length|entries|one per neuron"]),
            run: || check_bias_gradient(b_first_only),
        },
        Entry {
            exercise: "check_bias_gradient",
            id: "loop-over-prev",
            tutor: "loops over the previous layer's neurons (a_prev.len()): runs past the end of z and panics",
            expect: Expect::Wrong(&["panic|index|length"]),
            run: || check_bias_gradient(b_loop_prev),
        },
        Entry {
            exercise: "check_bias_gradient",
            id: "no-cost-factor",
            tutor: "returns σ′(z) alone: forgot ∂C0/∂a_j = a_j − y_j",
            expect: Expect::Wrong(&["a − y"]),
            run: || check_bias_gradient(b_no_cost_factor),
        },
        Entry {
            exercise: "check_bias_gradient",
            id: "pair-no-prime-sign",
            tutor: "two slips: y − a, and no σ′",
            expect: Expect::Wrong(&["forgot σ′", "sign"]),
            run: || check_bias_gradient(b_pair_no_prime_sign),
        },
        Entry {
            exercise: "check_bias_gradient",
            id: "pair-factor-2-sigma",
            tutor: "two slips: notebook 05's factor 2, and σ instead of σ′",
            expect: Expect::Wrong(&["2", "σ instead of σ′"]),
            run: || check_bias_gradient(b_pair_factor_2_sigma),
        },
    ]
}
