//! Backprop one example at a time: each layer is a vector equation.

use ndarray::{Array2, ArrayRef2, ArrayView2};

use super::gradients::Gradients;
use super::shapes::LayerShapes;
use super::workspace::{Workspace, WorkspaceParts};
use crate::dense::network::Network;
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
/// [`Error::NonFinite`](crate::Error::NonFinite) on NaN or infinity;
/// [`Error::Diverged`](crate::Error::Diverged) if a gradient or a `δ^l`
/// overflows (e.g. weights of 1e200), naming the layer and entry.
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
    for (name, v, want, what) in [
        ("x", x, net.input_dim(), "layer 1 expects"),
        ("y", y, net.output_dim(), "the network has"),
    ] {
        if v.len() != want {
            let unit = if name == "x" { "inputs" } else { "outputs" };
            return Err(shape_err(
                OP,
                format!("{name} has {} entries but {what} {want} {unit}", v.len()),
            ));
        }
        crate::error::check_finite_slice(OP, name, v)?;
    }
    // One example is a batch of one: a^0 is the row x, read in place.
    let xr = ArrayView2::from_shape((1, x.len()), x).expect("1 x len");
    let yr = ArrayView2::from_shape((1, y.len()), y).expect("1 x len");
    let mut ws = Workspace::new(net, 1);
    ws.forward(net, xr);
    ws.backward(net, xr, yr, false);
    let WorkspaceParts {
        z,
        a,
        delta: deltas,
        grads: gradients,
    } = ws.into_parts();
    gradients.check_finite(OP)?;
    for (l, d) in deltas.iter().enumerate() {
        crate::error::check_finite_result_lazy(OP, || format!("δ^{}", l + 1), d.view())?;
    }
    let shapes = (0..net.num_layers())
        .rev()
        .map(|l| LayerShapes {
            layer: l + 1,
            z: z[l].shape().to_vec(),
            a: a[l].shape().to_vec(),
            a_prev: if l == 0 {
                vec![x.len(), 1]
            } else {
                a[l - 1].shape().to_vec()
            },
            delta: deltas[l].shape().to_vec(),
            dc_db: gradients.nabla_b[l].shape().to_vec(),
            dc_dw: gradients.nabla_w[l].shape().to_vec(),
        })
        .collect();
    Ok(ExampleBackprop {
        gradients,
        deltas,
        shapes,
    })
}

/// Sums [`backprop_1_example`] over every row of `X` `(N, d)` and `Y` `(N, outputs)`.
///
/// # Errors
/// [`Error::Empty`](crate::Error::Empty), [`Error::Shape`](crate::Error::Shape)
/// (naming both shapes) or [`Error::NonFinite`](crate::Error::NonFinite) for bad
/// `X` or `Y`; [`Error::Diverged`](crate::Error::Diverged) if a gradient overflows
/// from finite input (e.g. weights of 1e200), naming the operation, the layer's
/// `∂C/∂W^l` or `∂C/∂b^l` and the entry.
pub fn backprop_per_example(
    net: &Network,
    x: &ArrayRef2<f64>,
    y: &ArrayRef2<f64>,
) -> Result<Gradients> {
    const OP: &str = "backprop_per_example";
    net.check_xy(OP, x, y)?;
    let g = per_example_unchecked(net, x.view(), y.view());
    g.check_finite(OP)?;
    Ok(g)
}

/// [`backprop_1_example`]'s equations summed over the rows, without the shape
/// report.
pub(crate) fn per_example_unchecked(
    net: &Network,
    x: ArrayView2<'_, f64>,
    y: ArrayView2<'_, f64>,
) -> Gradients {
    let mut ws = Workspace::new(net, 1);
    ws.per_example(net, x, y);
    ws.into_gradients()
}
