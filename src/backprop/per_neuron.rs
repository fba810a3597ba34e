//! Backprop with scalar loops only: examples, layers, neurons, weights.

use ndarray::{ArrayRef2, ArrayView1, ArrayView2};

use super::gradients::Gradients;
use crate::dense::cost::output_error;
use crate::dense::network::Network;
use crate::error::Result;

/// Backprop with nothing but scalar loops over examples, neurons and weights —
/// the walkthrough's multidimensional exercise, solved:
///
/// * `δ_j^L = (a_j^L − y_j) f'(z_j^L)` for the quadratic cost, `a_j^L − y_j`
///   for cross-entropy (see [`Cost`](crate::dense::Cost))
/// * `∂C/∂a_k^{l-1} = Σ_j w_{jk}^l δ_j^l` (every neuron `j` that `k` feeds)
/// * `δ_k^{l-1} = (∂C/∂a_k^{l-1}) f'(z_k^{l-1})`
/// * `∂C/∂w_{jk}^l = a_k^{l-1} δ_j^l`, `∂C/∂b_j^l = δ_j^l`
///
/// # Errors
/// As [`backprop_per_example`](crate::backprop::backprop_per_example), including [`Error::Diverged`](crate::Error::Diverged)
/// when a gradient overflows.
pub fn backprop_per_neuron(
    net: &Network,
    x: &ArrayRef2<f64>,
    y: &ArrayRef2<f64>,
) -> Result<Gradients> {
    const OP: &str = "backprop_per_neuron";
    net.check_xy(OP, x, y)?;
    let g = per_neuron_unchecked(net, x.view(), y.view());
    g.check_finite(OP)?;
    Ok(g)
}

/// The per-neuron loops without input checks.
pub(crate) fn per_neuron_unchecked(
    net: &Network,
    x: ArrayView2<'_, f64>,
    y: ArrayView2<'_, f64>,
) -> Gradients {
    let cost = net.cost_fn();
    let layers = net.layers();
    let n_layers = layers.len();
    let mut grads = Gradients::zeros_like(net);
    assert_eq!(x.nrows(), y.nrows(), "one label row per example");
    for (xi, yi) in x.rows().into_iter().zip(y.rows()) {
        // Forward, neuron by neuron.
        let mut zs: Vec<Vec<f64>> = Vec::with_capacity(n_layers);
        let mut acts: Vec<Vec<f64>> = vec![xi.to_vec()];
        for layer in layers {
            let (w, b, f) = (layer.w(), layer.b(), layer.activation());
            let prev = acts.last().expect("a^0 is there");
            let mut z = vec![0.0; layer.outputs()];
            for (j, zj) in z.iter_mut().enumerate() {
                let mut s = b[[j, 0]];
                for (k, ak) in prev.iter().enumerate() {
                    s += w[[j, k]] * ak;
                }
                *zj = s;
            }
            // Neuron by neuron, except softmax, which needs the whole layer's z.
            let a: Vec<f64> = if f.is_elementwise() {
                z.iter().map(|zj| f.value(*zj)).collect()
            } else {
                f.apply(&ArrayView1::from(&z[..])).to_vec()
            };
            acts.push(a);
            zs.push(z);
        }
        let f_out = layers[n_layers - 1].activation();
        let (z_out, a_out) = (&zs[n_layers - 1], &acts[n_layers]);
        // Backward, neuron by neuron.
        let mut delta: Vec<f64> = (0..layers[n_layers - 1].outputs())
            .map(|j| output_error(cost, f_out, z_out[j], a_out[j], yi[j]))
            .collect();
        for l in (0..n_layers).rev() {
            let (gw, gb) = (&mut grads.nabla_w[l], &mut grads.nabla_b[l]);
            for (j, dj) in delta.iter().enumerate() {
                gb[[j, 0]] += dj;
                for (k, ak) in acts[l].iter().enumerate() {
                    gw[[j, k]] += ak * dj;
                }
            }
            if l > 0 {
                let w = layers[l].w();
                let f = layers[l - 1].activation();
                delta = (0..layers[l].inputs())
                    .map(|k| {
                        let mut dc_dak = 0.0;
                        for (j, dj) in delta.iter().enumerate() {
                            dc_dak += w[[j, k]] * dj;
                        }
                        dc_dak * f.prime(zs[l - 1][k])
                    })
                    .collect();
            }
        }
    }
    grads
}
