//! Batched backprop as one matrix product per layer (the GEMM form).
//!
//! The per-example equations with the examples side by side: `Aˡ`, `Zˡ`, `Δˡ`
//! are `(k, N)` matrices whose column `e` is example `e`'s `aˡ`, `zˡ`, `δˡ`.

use ndarray::{Array2, ArrayRef2, ArrayView2, Zip};

use super::gradients::Gradients;
use crate::dense::cost::output_error;
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
/// As [`backprop_per_example`](crate::backprop::backprop_per_example), including
/// [`Error::Diverged`](crate::Error::Diverged) when a gradient overflows.
///
/// ```
/// use backprop_lab::backprop::{backprop_gemm, backprop_per_example};
/// use backprop_lab::dense::{make_circles, Activation, Init, Network};
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

/// The matrix-product form without input checks: `x` `(N, d)`, `y` `(N, outputs)`.
pub(crate) fn gemm_unchecked(
    net: &Network,
    x: ArrayView2<'_, f64>,
    y: ArrayView2<'_, f64>,
) -> Gradients {
    let layers = net.layers();
    // Forward, the whole batch at once: A⁰ = Xᵀ, Zˡ = Wˡ Aˡ⁻¹ + bˡ, Aˡ = f(Zˡ).
    let mut activations = vec![x.t().to_owned()];
    let mut zs = Vec::new();
    for layer in layers {
        let a_prev = activations.last().expect("A⁰ is there");
        let z = layer.w().dot(a_prev) + layer.b();
        activations.push(layer.activation().apply(&z));
        zs.push(z);
    }
    // BP1 on every column: Δᴸ = ∇ₐC ⊙ f′(Zᴸ), against Yᵀ.
    let last = layers.len() - 1;
    let (cost, f) = (net.cost_fn(), layers[last].activation());
    let mut delta = Zip::from(&zs[last])
        .and(&activations[last + 1])
        .and(y.t())
        .map_collect(|&z, &a, &y| output_error(cost, f, z, a, y));
    let ones = Array2::ones((x.nrows(), 1));
    let mut g = Gradients::zeros_like(net);
    for l in (0..layers.len()).rev() {
        if l < last {
            // BP2: Δˡ = ((Wˡ⁺¹)ᵀ Δˡ⁺¹) ⊙ f′(Zˡ)
            let sp = layers[l].activation().apply_prime(&zs[l]);
            delta = layers[l + 1].w().t().dot(&delta) * sp;
        }
        // BP3: ∂C/∂bˡ = Δˡ 𝟏; BP4: ∂C/∂Wˡ = Δˡ (Aˡ⁻¹)ᵀ, each summing over the batch.
        g.nabla_b[l] = delta.dot(&ones);
        g.nabla_w[l] = delta.dot(&activations[l].t());
    }
    g
}
