//! The engine's forward pass: `z^l = W^l a^{l-1} + b^l`, `a^l = f(z^l)` into
//! `(k, m)` buffers, with the small matrix products and the layer kernels; and
//! [`Network::predict`], which runs it. The same equations in plain ndarray are
//! `forward_layers` in `dense/network.rs`, behind [`Network::feedforward_batch`]
//! and [`Network::cost`].

use ndarray::{Array2, ArrayRef2, ArrayView2};

use crate::dense::network::Network;
use crate::engine::kernels::{apply_layer, batch_cost};
use crate::engine::matmul::matmul_into;
use crate::error::{check_finite_result_lazy, Result};

impl Network {
    /// The network's outputs for a batch, one row per example: `(N, outputs)`.
    ///
    /// The last `a^L` of [`Network::feedforward_batch`], transposed (to read
    /// how it is computed, read that one). `predict` runs the same equations on
    /// the training engine, so that measuring a network as it trains costs
    /// little; the two agree to a few units in the last place.
    ///
    /// # Errors
    /// As [`Network::feedforward_batch`]; [`Error::Diverged`](crate::Error::Diverged)
    /// names the output entry `[example, output]` that overflowed.
    pub fn predict(&self, x: &ArrayRef2<f64>) -> Result<Array2<f64>> {
        const OP: &str = "Network::predict";
        self.check_x(OP, x)?;
        let out = predict(self, x.view());
        check_finite_result_lazy(OP, || "the output ŷ".into(), out.view())?;
        Ok(out)
    }
}

/// The forward pass training runs: `z^l = W^l a^{l-1} + b^l` (the bias added
/// to every column), `a^l = f(z^l)`, for the columns of `a0` `(d, m)`, into
/// buffers `z[l]`, `a[l]` of shape `(k_l, m)` in standard layout; no checks.
#[inline]
pub(crate) fn forward_into(
    net: &Network,
    a0: ArrayView2<'_, f64>,
    z: &mut [Array2<f64>],
    a: &mut [Array2<f64>],
) {
    let layers = net.layers();
    assert!(z.len() == layers.len() && a.len() == layers.len());
    let m = a0.ncols();
    for (l, layer) in layers.iter().enumerate() {
        let (before, from_l) = a.split_at_mut(l);
        let prev = match before.last() {
            None => a0,
            Some(p) => p.view(),
        };
        let zl = &mut z[l];
        matmul_into(layer.w().view(), prev, &mut zl.view_mut(), false);
        let zs = zl.as_slice_mut().expect("standard-layout buffer");
        let as_ = from_l[0].as_slice_mut().expect("standard-layout buffer");
        assert_eq!(zs.len(), layer.b().len() * m.max(1), "z^l is (k, m)");
        for (row, b) in zs.chunks_exact_mut(m.max(1)).zip(layer.b().iter()) {
            for v in row {
                *v += b;
            }
        }
        apply_layer(layer.activation(), zs, as_, m);
    }
}

/// `z^1 … z^L` and `a^1 … a^L` for the columns of `a0`, in fresh buffers.
fn forward_layers(net: &Network, a0: ArrayView2<'_, f64>) -> (Vec<Array2<f64>>, Vec<Array2<f64>>) {
    let m = a0.ncols();
    let buffers = || -> Vec<Array2<f64>> {
        net.layers()
            .iter()
            .map(|l| Array2::zeros((l.outputs(), m)))
            .collect()
    };
    let (mut z, mut a) = (buffers(), buffers());
    forward_into(net, a0, &mut z, &mut a);
    (z, a)
}

/// The network's outputs for the rows of `x`, `(N, outputs)`; no checks.
pub(crate) fn predict(net: &Network, x: ArrayView2<'_, f64>) -> Array2<f64> {
    let (_, mut a) = forward_layers(net, x.t());
    a.pop().unwrap_or_else(|| x.t().to_owned()).reversed_axes()
}

/// The network's cost on `(x, y)`, summed over the rows; no checks.
pub(crate) fn cost(net: &Network, x: ArrayView2<'_, f64>, y: ArrayView2<'_, f64>) -> f64 {
    let (z, a) = forward_layers(net, x.t());
    let (zl, al) = (z.last().expect("a layer"), a.last().expect("a layer"));
    batch_cost(
        net.cost_fn(),
        net.output_activation(),
        zl.as_slice().expect("own buffer"),
        al.as_slice().expect("own buffer"),
        y,
        x.nrows(),
    )
}
