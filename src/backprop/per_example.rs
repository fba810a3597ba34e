//! Backprop one example at a time: each layer is a vector equation.
//!
//! [`backprop`] is Nielsen's `network.py` `backprop`, line for line: a forward
//! pass that keeps every `z` and `a`, then the four equations from the last
//! layer down, with `.dot()` and `.t()`.

use ndarray::{Array2, ArrayRef2, ArrayView2, Axis, Zip};

use super::gradients::Gradients;
use super::shapes::LayerShapes;
use crate::dense::cost::output_error;
use crate::dense::network::Network;
use crate::error::{shape_err, Result};

/// Everything one example's backward pass computes, layer `l` at index `l - 1`.
struct Backward {
    zs: Vec<Array2<f64>>,
    activations: Vec<Array2<f64>>,
    deltas: Vec<Array2<f64>>,
    nabla_w: Vec<Array2<f64>>,
    nabla_b: Vec<Array2<f64>>,
}

/// Nielsen's `backprop(x, y)` for one example, `x` `(d, 1)` and `y`
/// `(outputs, 1)` column vectors; no checks.
fn backprop(net: &Network, x: ArrayView2<'_, f64>, y: ArrayView2<'_, f64>) -> Backward {
    let layers = net.layers();
    // Forward: keep every z^l and a^l (a^0 = x).
    let mut activations = vec![x.to_owned()];
    let mut zs = Vec::new();
    for layer in layers {
        let a_prev = activations.last().expect("a^0 is there");
        let z = layer.w().dot(a_prev) + layer.b();
        activations.push(layer.activation().apply(&z));
        zs.push(z);
    }
    // BP1: δᴸ = ∇ₐC ⊙ σ′(zᴸ), the output error for the network's cost.
    let last = layers.len() - 1;
    let (cost, f) = (net.cost_fn(), layers[last].activation());
    let mut delta = Zip::from(&zs[last])
        .and(&activations[last + 1])
        .and(y)
        .map_collect(|&z, &a, &y| output_error(cost, f, z, a, y));
    let (mut nabla_w, mut nabla_b, mut deltas) = (Vec::new(), Vec::new(), Vec::new());
    for l in (0..layers.len()).rev() {
        if l < last {
            // BP2: δˡ = ((Wˡ⁺¹)ᵀ δˡ⁺¹) ⊙ σ′(zˡ)
            let sp = layers[l].activation().apply_prime(&zs[l]);
            delta = layers[l + 1].w().t().dot(&delta) * sp;
        }
        // BP3: ∂C/∂bˡ = δˡ; BP4: ∂C/∂Wˡ = δˡ (aˡ⁻¹)ᵀ.
        nabla_b.push(delta.clone());
        nabla_w.push(delta.dot(&activations[l].t()));
        deltas.push(delta.clone());
    }
    // Collected from the last layer down; index l is layer l + 1.
    nabla_w.reverse();
    nabla_b.reverse();
    deltas.reverse();
    Backward {
        zs,
        activations,
        deltas,
        nabla_w,
        nabla_b,
    }
}

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
/// use backprop_lab::{backprop::backprop_1_example, dense::{Activation, Init, Network}};
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
    // Column vectors, as the walkthrough writes them.
    let xc = ArrayView2::from_shape((x.len(), 1), x).expect("len x 1");
    let yc = ArrayView2::from_shape((y.len(), 1), y).expect("len x 1");
    let Backward {
        zs,
        activations,
        deltas,
        nabla_w,
        nabla_b,
    } = backprop(net, xc, yc);
    let gradients = Gradients { nabla_w, nabla_b };
    gradients.check_finite(OP)?;
    for (l, d) in deltas.iter().enumerate() {
        crate::error::check_finite_result_lazy(OP, || format!("δ^{}", l + 1), d.view())?;
    }
    let shapes = (0..net.num_layers())
        .rev()
        .map(|l| LayerShapes {
            layer: l + 1,
            z: zs[l].shape().to_vec(),
            a: activations[l + 1].shape().to_vec(),
            a_prev: activations[l].shape().to_vec(),
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
/// report: `nabla_w = Σ_x ∂C_x/∂W`, `nabla_b = Σ_x ∂C_x/∂b`.
pub(crate) fn per_example_unchecked(
    net: &Network,
    x: ArrayView2<'_, f64>,
    y: ArrayView2<'_, f64>,
) -> Gradients {
    assert_eq!(x.nrows(), y.nrows(), "one label row per example");
    let mut g = Gradients::zeros_like(net);
    for (xe, ye) in x.rows().into_iter().zip(y.rows()) {
        let one = backprop(net, xe.insert_axis(Axis(1)), ye.insert_axis(Axis(1)));
        for l in 0..net.num_layers() {
            g.nabla_w[l] += &one.nabla_w[l];
            g.nabla_b[l] += &one.nabla_b[l];
        }
    }
    g
}
