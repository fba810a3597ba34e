//! Batched backprop as one matrix product per layer.

use ndarray::{ArrayRef2, ArrayView2};

use super::gradients::Gradients;
use super::workspace::Workspace;
use crate::dense::network::Network;
use crate::error::Result;

/// Batched backprop as one matrix product per layer. With `Δ^l` the `(k, N)`
/// matrix whose columns are the examples' `δ^l`:
///
/// * `Δ^L = (A^L − Yᵀ) ⊙ f'(Z^L)`, `Δ^l = (W^{l+1})ᵀ Δ^{l+1} ⊙ f'(Z^l)`
/// * `∂C/∂W^l = Δ^l (A^{l-1})ᵀ` — the sum over examples happens inside the product
/// * `∂C/∂b^l = Δ^l 1`, the row sums
///
/// No per-example stack is ever built.
///
/// # Errors
/// As [`backprop_per_example`], including [`Error::Diverged`](crate::Error::Diverged)
/// when a gradient overflows.
///
/// ```
/// use backprop_lab::{backprop_gemm, backprop_per_example, make_circles, Activation, Init, Network};
/// let net = Network::random(&[2, 3, 3, 1], Activation::Sigmoid, Init::Normal, 2)?;
/// let (x, y) = make_circles(50, 0.3, 0.1, 0)?;
/// let a = backprop_gemm(&net, &x, &y)?;
/// let b = backprop_per_example(&net, &x, &y)?;
/// assert!(a.max_relative_diff(&b) < 1e-12);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn backprop_gemm(net: &Network, x: &ArrayRef2<f64>, y: &ArrayRef2<f64>) -> Result<Gradients> {
    const OP: &str = "backprop_gemm";
    net.check_xy(OP, x, y)?;
    let g = gemm_unchecked(net, x.view(), y.view());
    g.check_finite(OP)?;
    Ok(g)
}

/// The matrix-product form without input checks (see [`Workspace::backward`]).
pub(crate) fn gemm_unchecked(
    net: &Network,
    x: ArrayView2<'_, f64>,
    y: ArrayView2<'_, f64>,
) -> Gradients {
    let mut ws = Workspace::new(net, x.nrows());
    ws.forward(net, x);
    ws.backward(net, x, y, false);
    ws.into_gradients()
}
