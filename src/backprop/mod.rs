//! Labs 06 and 07: backprop in the four forms the walkthrough builds up.
//!
//! Each form has its own file and reads like the walkthrough's equations:
//!
//! | form | file | function |
//! |---|---|---|
//! | per neuron | `per_neuron.rs` | [`backprop_per_neuron`] |
//! | per example | `per_example.rs` | [`backprop_1_example`], [`backprop_per_example`] |
//! | 3-D stacks | `stacks.rs` | [`backprop_batch`], [`backprop_batch_traced`] |
//! | matrix product | `matrix.rs` | [`backprop_gemm`] |
//!
//! [`gradients`] runs any of them by [`BackpropForm`]. The batched forms share
//! one set of buffers (`workspace.rs`), which training reuses from step to step
//! so that a step allocates nothing.

use ndarray::{ArrayRef2, ArrayView2};

pub(crate) mod gradients;
pub(crate) mod matrix;
pub(crate) mod per_example;
pub(crate) mod per_neuron;
pub(crate) mod shapes;
pub(crate) mod stacks;
pub(crate) mod workspace;

pub use gradients::Gradients;
pub use matrix::backprop_gemm;
pub use per_example::{backprop_1_example, backprop_per_example, ExampleBackprop};
pub use per_neuron::backprop_per_neuron;
pub use shapes::LayerShapes;
pub use stacks::{backprop_batch, backprop_batch_traced, BatchBackprop};

use crate::dense::network::Network;
use crate::error::Result;
use per_neuron::per_neuron_unchecked;
use workspace::{BatchLoss, Workspace};

/// Which form of backprop to run (see the module docs).
///
/// Backprop in the four forms the walkthrough builds up, for the network's
/// [`Cost`](crate::Cost) per example (by default `C = ½ ‖a^L − y‖²`), summed
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

/// Any form without input checks, on a workspace reused across calls (training):
/// the gradients land in `ws.grads`; returns the batch's loss. The
/// workspace must hold `x.nrows()` examples, or one for the per-example form.
pub(crate) fn gradients_into(
    ws: &mut Workspace,
    net: &Network,
    x: ArrayView2<'_, f64>,
    y: ArrayView2<'_, f64>,
    form: BackpropForm,
) -> BatchLoss {
    match form {
        BackpropForm::Gemm => {
            ws.forward(net, x);
            ws.backward(net, x, y, false)
        }
        BackpropForm::Tensor => {
            ws.forward(net, x);
            ws.stacks(net, x, y)
        }
        BackpropForm::PerExample => ws.per_example(net, x, y),
        BackpropForm::PerNeuron => {
            let (g, loss) = per_neuron_unchecked(net, x, y);
            ws.grads = g;
            loss
        }
    }
}

/// The batch size a workspace needs for `form` on batches of `m`.
pub(crate) fn workspace_batch(form: BackpropForm, m: usize) -> usize {
    match form {
        BackpropForm::PerExample => 1,
        _ => m,
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
    let mut ws = Workspace::new(net, workspace_batch(form, x.nrows()));
    gradients_into(&mut ws, net, x, y, form);
    ws.into_gradients()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{make_circles, Activation, Init};
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
