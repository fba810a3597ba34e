//! Batched backprop with 3-D stacks of per-example column vectors, built from
//! the `tensor` helpers of notebook 08.
//!
//! `a^l` becomes a stack `(N, k, 1)`: example `e`'s column vector is `a[e]`.
//! `W @ stack` ([`matmul_stack`](crate::tensor::matmul_stack)) multiplies every vector
//! of it by `W`; `δ @ aᵀ` ([`batch_matmul`](crate::tensor::batch_matmul) with
//! [`transpose_stack`]) gives every example's outer product, and the sum over
//! the stack's first axis ([`sum_axis0`](crate::tensor::sum_axis0)) adds them up.

use ndarray::{Array3, ArrayRef2, ArrayView2, Axis, Zip};

use super::gradients::Gradients;
use super::shapes::LayerShapes;
use crate::dense::activation::Activation;
use crate::dense::cost::output_error;
use crate::dense::network::Network;
use crate::error::Result;
use crate::tensor::stacks::{
    add_trailing_axis, batch_matmul_unchecked, matmul_stack_unchecked, transpose_stack,
};

/// The result of [`backprop_batch_traced`]: the summed gradients and the shapes
/// of the stacks, last layer first.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchBackprop {
    /// Gradients summed over the batch.
    pub gradients: Gradients,
    /// Shapes per layer, from layer `L` down to layer 1 (stacks are `(N, k, 1)`).
    pub shapes: Vec<LayerShapes>,
}

/// Batched backprop with 3-D stacks — the walkthrough's `backprop_batch`. Each
/// `z^l`, `a^l` becomes a stack of `N` column vectors `(N, k, 1)`; BP1–BP4 act on
/// every vector of the stack at once, and the per-example `δ (a^{l-1})ᵀ` products
/// are summed over the stack. Equal to summing
/// [`backprop_1_example`](crate::backprop::backprop_1_example).
///
/// # Errors
/// As [`backprop_per_example`](crate::backprop::backprop_per_example), e.g.
/// `"backprop_batch: X has 3 columns but layer 1 expects 2 inputs"`, including
/// [`Error::Diverged`](crate::Error::Diverged) when a gradient overflows.
pub fn backprop_batch(net: &Network, x: &ArrayRef2<f64>, y: &ArrayRef2<f64>) -> Result<Gradients> {
    Ok(backprop_batch_traced_op("backprop_batch", net, x, y)?.gradients)
}

/// [`backprop_batch`] that also reports the shapes of every stack.
///
/// # Errors
/// As [`backprop_batch`].
///
/// ```
/// use backprop_lab::backprop::backprop_batch_traced;
/// use backprop_lab::dense::{make_circles, Activation, Init, Network};
/// let net = Network::random(&[2, 3, 3, 1], Activation::Sigmoid, Init::Uniform, 0)?;
/// let (x, y) = make_circles(1000, 0.3, 0.1, 0)?;
/// let bp = backprop_batch_traced(&net, &x, &y)?;
/// assert_eq!(bp.shapes[2].to_string(), "layer 1:\n  z_l:(1000, 3, 1), a_l:(1000, 3, 1), a_l_minus_1:(1000, 2, 1)\n  delta_l:(1000, 3, 1), dc_db_l:(3, 1), dc_dw_l:(3, 2)");
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn backprop_batch_traced(
    net: &Network,
    x: &ArrayRef2<f64>,
    y: &ArrayRef2<f64>,
) -> Result<BatchBackprop> {
    backprop_batch_traced_op("backprop_batch_traced", net, x, y)
}

fn backprop_batch_traced_op(
    op: &'static str,
    net: &Network,
    x: &ArrayRef2<f64>,
    y: &ArrayRef2<f64>,
) -> Result<BatchBackprop> {
    net.check_xy(op, x, y)?;
    net.check_stack_buffers(op, x.nrows())?;
    let (gradients, shapes) = tensor_unchecked(net, x.view(), y.view(), true);
    gradients.check_finite(op)?;
    Ok(BatchBackprop { gradients, shapes })
}

/// The 3-D stack form without input checks. Returns the gradients and, when
/// asked, the shapes met (last layer first).
pub(crate) fn tensor_unchecked(
    net: &Network,
    x: ArrayView2<'_, f64>,
    y: ArrayView2<'_, f64>,
    with_shapes: bool,
) -> (Gradients, Vec<LayerShapes>) {
    let layers = net.layers();
    // Forward: a⁰ is the stack of the examples' column vectors (N, d, 1).
    let mut activations = vec![add_trailing_axis(&x)];
    let mut zs = Vec::new();
    for layer in layers {
        let a_prev = activations.last().expect("a⁰ is there");
        // W @ a for every vector of the stack, b added to each: (N, k, 1).
        let z = matmul_stack_unchecked(layer.w(), a_prev) + layer.b();
        activations.push(apply_stack(layer.activation(), &z));
        zs.push(z);
    }
    // BP1 on every vector of the stack: δᴸ = ∇ₐC ⊙ f′(zᴸ).
    let last = layers.len() - 1;
    let (cost, f) = (net.cost_fn(), layers[last].activation());
    let mut delta = Zip::from(&zs[last])
        .and(&activations[last + 1])
        .and(&add_trailing_axis(&y))
        .map_collect(|&z, &a, &y| output_error(cost, f, z, a, y));
    let mut g = Gradients::zeros_like(net);
    let mut shapes = Vec::new();
    for l in (0..layers.len()).rev() {
        if l < last {
            // BP2 for every vector: δˡ = ((Wˡ⁺¹)ᵀ @ δˡ⁺¹) ⊙ f′(zˡ)
            let sp = layers[l].activation().apply_prime(&zs[l]);
            delta = matmul_stack_unchecked(&layers[l + 1].w().t(), &delta) * sp;
        }
        // BP3: the δ's summed over the stack; BP4: the outer products δ aᵀ, summed.
        let outer = batch_matmul_unchecked(&delta, &transpose_stack(&activations[l]));
        g.nabla_b[l] = delta.sum_axis(Axis(0));
        g.nabla_w[l] = outer.sum_axis(Axis(0));
        if with_shapes {
            shapes.push(LayerShapes {
                layer: l + 1,
                z: zs[l].shape().to_vec(),
                a: activations[l + 1].shape().to_vec(),
                a_prev: activations[l].shape().to_vec(),
                delta: delta.shape().to_vec(),
                dc_db: g.nabla_b[l].shape().to_vec(),
                dc_dw: g.nabla_w[l].shape().to_vec(),
            });
        }
    }
    (g, shapes)
}

/// `f` on every vector of a stack `(N, k, 1)`: each example's `(k, 1)` column
/// on its own, so that softmax normalises within an example.
fn apply_stack(f: Activation, z: &Array3<f64>) -> Array3<f64> {
    let mut a = Array3::zeros(z.raw_dim());
    Zip::from(a.outer_iter_mut())
        .and(z.outer_iter())
        .for_each(|mut a_e, z_e| a_e.assign(&f.apply(&z_e)));
    a
}
