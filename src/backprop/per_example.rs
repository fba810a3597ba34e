//! Backprop one example at a time: each layer is a vector equation.

use ndarray::{Array2, ArrayRef2, ArrayView2};

use super::gradients::Gradients;
use super::shapes::LayerShapes;
use super::workspace::Workspace;
use crate::dense::activation::Activation;
use crate::dense::network::{ExampleTrace, Network};
use crate::engine::matmul::matmul;
use crate::error::{shape_err, Result};

/// The result of backprop on one example: the gradients, every `δ^l`, and the
/// shapes met on the way (last layer first, as the walkthrough prints them).
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleBackprop {
    /// `∂C_x/∂W^l`, `∂C_x/∂b^l` for this example alone.
    pub gradients: Gradients,
    /// `δ^1 … δ^L`, each `(k, 1)`.
    pub deltas: Vec<Array2<f64>>,
    /// Shapes per layer, from layer `L` down to layer 1.
    pub shapes: Vec<LayerShapes>,
}

/// Per-example backprop, vectorised within each layer: the walkthrough's
/// `backprop_1_example` and Nielsen's `backprop`. `x` has `d` entries, `y` one per
/// output.
///
/// # Errors
/// [`Error::Shape`](crate::Error::Shape) if `x` or `y` has the wrong length;
/// [`Error::NonFinite`](crate::Error::NonFinite) on NaN or infinity.
///
/// ```
/// use backprop_lab::{backprop_1_example, Activation, Init, Network};
/// let net = Network::random(&[1, 3, 2, 1], Activation::Sigmoid, Init::Normal, 0)?;
/// let bp = backprop_1_example(&net, &[-5.0], &[-1.0])?;
/// let shapes: Vec<String> = bp.shapes.iter().map(|s| s.to_string()).collect();
/// assert!(shapes[1].contains("z_l:(2, 1), a_l:(2, 1), a_l_minus_1:(3, 1)"));
/// assert!(shapes[1].contains("delta_l:(2, 1), dc_db_l:(2, 1), dc_dw_l:(2, 3)"));
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn backprop_1_example(net: &Network, x: &[f64], y: &[f64]) -> Result<ExampleBackprop> {
    const OP: &str = "backprop_1_example";
    let trace = net.forward_example(x)?;
    if y.len() != net.output_dim() {
        return Err(shape_err(
            OP,
            format!(
                "y has {} entries but the network has {} outputs",
                y.len(),
                net.output_dim()
            ),
        ));
    }
    crate::error::check_finite_slice(OP, "y", y)?;
    let y = Array2::from_shape_vec((y.len(), 1), y.to_vec()).expect("len x 1");
    let n = net.num_layers();
    let mut grads = Gradients::zeros_like(net);
    let mut deltas: Vec<Array2<f64>> = vec![Array2::zeros((0, 0)); n];
    let mut shapes = Vec::with_capacity(n);
    backward_column(net, &trace, y.view(), |l, delta, dw| {
        shapes.push(LayerShapes {
            layer: l + 1,
            z: trace.activities[l].shape().to_vec(),
            a: trace.activations[l + 1].shape().to_vec(),
            a_prev: trace.activations[l].shape().to_vec(),
            delta: delta.shape().to_vec(),
            dc_db: delta.shape().to_vec(),
            dc_dw: dw.shape().to_vec(),
        });
        grads.nabla_b[l] = delta.clone(); // BP3
        grads.nabla_w[l] = dw; // BP4
        deltas[l] = delta.clone();
    });
    Ok(ExampleBackprop {
        gradients: grads,
        deltas,
        shapes,
    })
}

/// BP1–BP4 for one example's forward pass (column vectors), from the last layer
/// down: calls `each(l, δ^l, δ^l (a^{l-1})ᵀ)` for every layer `l` (zero-based).
fn backward_column(
    net: &Network,
    trace: &ExampleTrace,
    y: ArrayView2<'_, f64>,
    mut each: impl FnMut(usize, &Array2<f64>, Array2<f64>),
) {
    let layers = net.layers();
    let n = layers.len();
    let mut delta: Array2<f64> = Array2::zeros((0, 0));
    for l in (0..n).rev() {
        let a = &trace.activations[l + 1];
        let fprime = activation_prime(layers[l].activation(), &trace.activities[l], a);
        // BP1 at the top, BP2 below it.
        delta = if l == n - 1 {
            (a - &y) * &fprime
        } else {
            matmul(layers[l + 1].w().t(), delta.view()) * &fprime
        };
        let dw = matmul(delta.view(), trace.activations[l].t());
        each(l, &delta, dw);
    }
}

/// Sums [`backprop_1_example`] over every row of `X` `(N, d)` and `Y` `(N, outputs)`.
///
/// # Errors
/// [`Error::Empty`](crate::Error::Empty), [`Error::Shape`](crate::Error::Shape)
/// (naming both shapes) or [`Error::NonFinite`](crate::Error::NonFinite) for bad
/// `X` or `Y`.
pub fn backprop_per_example(
    net: &Network,
    x: &ArrayRef2<f64>,
    y: &ArrayRef2<f64>,
) -> Result<Gradients> {
    net.check_xy("backprop_per_example", x, y)?;
    Ok(per_example_unchecked(net, x.view(), y.view()).0)
}

/// [`backprop_1_example`]'s equations summed over the rows, without the shape
/// report; also returns `Σ (a^L − y)²`.
pub(crate) fn per_example_unchecked(
    net: &Network,
    x: ArrayView2<'_, f64>,
    y: ArrayView2<'_, f64>,
) -> (Gradients, f64) {
    let mut ws = Workspace::new(net, 1);
    let sq = ws.per_example(net, x, y);
    (ws.into_gradients(), sq)
}

/// `f'(z)` for a layer, reusing the activation `a = f(z)` where the derivative is
/// a function of it (`σ' = a(1 − a)`, `tanh' = 1 − a²`): the same numbers, one
/// exponential fewer per entry.
pub(crate) fn activation_prime(act: Activation, z: &Array2<f64>, a: &Array2<f64>) -> Array2<f64> {
    ndarray::Zip::from(z)
        .and(a)
        .map_collect(|&zv, &av| act.prime_given(zv, av))
}
