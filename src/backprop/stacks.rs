//! Batched backprop with 3-D stacks of per-example column vectors.

use ndarray::{ArrayRef2, ArrayView2};

use super::gradients::Gradients;
use super::shapes::LayerShapes;
use super::workspace::Workspace;
use crate::dense::network::Network;
use crate::error::Result;

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
/// are summed over the stack. Equal to summing [`backprop_1_example`].
///
/// # Errors
/// As [`backprop_per_example`], e.g.
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
/// use backprop_lab::{backprop_batch_traced, make_circles, Activation, Init, Network};
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

/// The 3-D stack form without input checks (see [`Workspace::stacks`]). Returns
/// the gradients and, when asked, the shapes met (last layer first).
pub(crate) fn tensor_unchecked(
    net: &Network,
    x: ArrayView2<'_, f64>,
    y: ArrayView2<'_, f64>,
    with_shapes: bool,
) -> (Gradients, Vec<LayerShapes>) {
    let mut ws = Workspace::new(net, x.nrows());
    ws.forward(net, x);
    ws.stacks(net, x, y);
    let mut shapes = Vec::new();
    if with_shapes {
        for l in (0..net.num_layers()).rev() {
            let (delta, a_prev) = ws.stack_dims(net, l);
            // z^l and a^l, as stacks, have the shape of δ^l: (N, k, 1).
            shapes.push(LayerShapes {
                layer: l + 1,
                z: delta.to_vec(),
                a: delta.to_vec(),
                a_prev: a_prev.to_vec(),
                delta: delta.to_vec(),
                dc_db: vec![delta[1], 1],
                dc_dw: vec![delta[1], a_prev[1]],
            });
        }
    }
    (ws.into_gradients(), shapes)
}
