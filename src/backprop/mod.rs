//! Labs 06 and 07: backprop in the four forms the walkthrough builds up.
//!
//! Each form has its own file and reads like the walkthrough's equations, in
//! Nielsen's notation (`z`, `a`, `delta`, `nabla_w`, `nabla_b`) and plain
//! ndarray. Read the file of the step you are on:
//!
//! | lab step | file | function |
//! |---|---|---|
//! | 06 "One weight in a multidimensional network": scalar loops | `per_neuron.rs` | [`backprop_per_neuron`] |
//! | 06 "Vector form", "Per-example backprop": one example, `.dot()` and `.t()` | `per_example.rs` | [`backprop_1_example`], [`backprop_per_example`] |
//! | 08 "Fully batched backprop with stacks": `(N, k, 1)` stacks and the `tensor` helpers | `stacks.rs` | [`backprop_batch`], [`backprop_batch_traced`] |
//! | 08 "One matrix product per layer": `∇W = Δ Aᵀ` | `matrix.rs` | [`backprop_gemm`] |
//!
//! All four share BP1, the output error `δᴸ`, through
//! [`Cost`](crate::dense::Cost)'s table (`output_error` in `dense/cost.rs`), and end
//! in the same guard on the result ([`Gradients`], `gradients.rs`).
//! [`gradients`] runs any of them by [`BackpropForm`].
//!
//! Training does not run these files: `training::train` and the
//! benchmark run the same equations on reused flat buffers (the crate's
//! private engine, `src/engine/`), written for speed. A test
//! (`tests/reference_engine.rs`) checks that every form here and the engine
//! agree to 1e-12.

use ndarray::{ArrayRef2, ArrayView2};

pub(crate) mod gradients;
pub(crate) mod matrix;
pub(crate) mod per_example;
pub(crate) mod per_neuron;
pub(crate) mod shapes;
pub(crate) mod stacks;

pub use gradients::Gradients;
pub use matrix::backprop_gemm;
pub use per_example::{backprop_1_example, backprop_per_example, ExampleBackprop};
pub use per_neuron::backprop_per_neuron;
pub use shapes::LayerShapes;
pub use stacks::{backprop_batch, backprop_batch_traced, BatchBackprop};

use crate::dense::network::Network;
use crate::error::Result;
use matrix::gemm_unchecked;
use per_example::per_example_unchecked;
use per_neuron::per_neuron_unchecked;
use stacks::tensor_unchecked;

/// Which form of backprop to run (see the module docs).
///
/// Backprop in the four forms the walkthrough builds up, for the network's
/// [`Cost`](crate::dense::Cost) per example (by default `C = ½ ‖a^L − y‖²`), summed
/// over a batch:
///
/// | form | function | what it loops over |
/// |---|---|---|
/// | per neuron | [`backprop_per_neuron`] | examples, layers, neurons, weights: scalars only |
/// | per example | [`backprop_1_example`], [`backprop_per_example`] | examples; each layer is a vector equation |
/// | 3-D stacks | [`backprop_batch`] | layers; a batch is a stack of column vectors `(N, k, 1)` |
/// | matrix product | [`backprop_gemm`] | layers; `∇W = Δ · Aᵀ` sums over the batch inside one product |
///
/// All apply the four fundamental equations, with `f` the layer's activation:
///
/// * BP1 `δ^L = (a^L − y) ⊙ f'(z^L)` for the quadratic cost; `δ^L = a^L − y`
///   for cross-entropy with a sigmoid or softmax output
/// * BP2 `δ^l = (W^{l+1})ᵀ δ^{l+1} ⊙ f'(z^l)`
/// * BP3 `∂C/∂b^l = δ^l`
/// * BP4 `∂C/∂W^l = δ^l (a^{l-1})ᵀ`
///
/// Gradients are returned as in Nielsen's code (`nabla_w`, `nabla_b`), summed over
/// the batch — not averaged; the training step divides by the batch size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum BackpropForm {
    /// Scalar loops over neurons and weights.
    PerNeuron,
    /// One vectorised backward pass per example, summed.
    PerExample,
    /// 3-D stacks of per-example column vectors.
    Tensor,
    /// One matrix product per layer (the fastest).
    #[default]
    Gemm,
}

impl BackpropForm {
    /// All four forms.
    pub const ALL: [BackpropForm; 4] = [
        BackpropForm::PerNeuron,
        BackpropForm::PerExample,
        BackpropForm::Tensor,
        BackpropForm::Gemm,
    ];

    /// A short name for tables.
    pub fn name(self) -> &'static str {
        match self {
            BackpropForm::PerNeuron => "per neuron",
            BackpropForm::PerExample => "per example",
            BackpropForm::Tensor => "3-D stacks",
            BackpropForm::Gemm => "matrix product",
        }
    }
}

/// Runs the chosen form of backprop on the batch `(X, Y)`.
///
/// # Errors
/// As [`backprop_per_example`], including [`Error::Diverged`](crate::Error::Diverged)
/// (as `gradients`) when a gradient overflows.
pub fn gradients(
    net: &Network,
    x: &ArrayRef2<f64>,
    y: &ArrayRef2<f64>,
    form: BackpropForm,
) -> Result<Gradients> {
    const OP: &str = "gradients";
    net.check_xy(OP, x, y)?;
    if form == BackpropForm::Tensor {
        net.check_stack_buffers(OP, x.nrows())?;
    }
    let g = gradients_unchecked(net, x.view(), y.view(), form);
    g.check_finite(OP)?;
    Ok(g)
}

/// [`gradients`] without input checks, for callers that validated already.
pub(crate) fn gradients_unchecked(
    net: &Network,
    x: ArrayView2<'_, f64>,
    y: ArrayView2<'_, f64>,
    form: BackpropForm,
) -> Gradients {
    match form {
        BackpropForm::PerNeuron => per_neuron_unchecked(net, x, y),
        BackpropForm::PerExample => per_example_unchecked(net, x, y),
        BackpropForm::Tensor => tensor_unchecked(net, x, y, false).0,
        BackpropForm::Gemm => gemm_unchecked(net, x, y),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dense::{make_circles, Activation, Init};
    use ndarray::array;

    #[test]
    fn four_forms_agree_on_circles() {
        let net = Network::random(&[2, 3, 3, 1], Activation::Sigmoid, Init::Uniform, 9).unwrap();
        let (x, y) = make_circles(60, 0.3, 0.1, 1).unwrap();
        let reference = backprop_per_neuron(&net, &x, &y).unwrap();
        for form in BackpropForm::ALL {
            let g = gradients(&net, &x, &y, form).unwrap();
            assert!(g.max_relative_diff(&reference) < 1e-12, "{form:?}");
        }
    }

    #[test]
    fn bad_labels_are_named_with_both_shapes() {
        let net = Network::random(&[2, 3, 1], Activation::Sigmoid, Init::Normal, 0).unwrap();
        let x = array![[1.0, 2.0], [3.0, 4.0]];
        let err = backprop_gemm(&net, &x, &array![[1.0]])
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "backprop_gemm: Y has shape (1, 1) but X has 2 rows and the network has 1 outputs, so Y must be (2, 1)"
        );
        let err = backprop_batch(&net, &array![[1.0, 2.0, 3.0]], &array![[1.0]]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "backprop_batch: X has 3 columns but layer 1 expects 2 inputs"
        );
        assert!(backprop_1_example(&net, &[1.0, 2.0], &[1.0, 2.0]).is_err());
    }

    #[test]
    fn single_layer_gradient_by_hand() {
        // One identity neuron: a = w x + b, C = ½(a − y)². With w = 2, b = 1,
        // x = 3, y = 4: a = 7, δ = 3, ∂C/∂w = δ x = 9, ∂C/∂b = 3.
        let net = Network::from_params(
            vec![array![[2.0]]],
            vec![array![[1.0]]],
            Activation::Identity,
        )
        .unwrap();
        let g = backprop_gemm(&net, &array![[3.0]], &array![[4.0]]).unwrap();
        assert_eq!(g.nabla_w[0], array![[9.0]]);
        assert_eq!(g.nabla_b[0], array![[3.0]]);
    }
}
