//! Backprop in four forms (docs on [`BackpropForm`]).

use ndarray::ArrayRef2;
use ndarray::{Array1, Array2, ArrayView2};

use crate::activation::Activation;
use crate::engine::Workspace;
use crate::error::{shape_err, shape_str, Result};
use crate::linalg::matmul;
use crate::network::{frobenius, ExampleTrace, Network};

/// Gradients of the cost with respect to every weight and bias, shaped like them.
#[derive(Debug, Clone, PartialEq)]
pub struct Gradients {
    /// `∂C/∂W^l` for `l = 1 … L` (index 0 is layer 1), each shaped like `W^l`.
    pub nabla_w: Vec<Array2<f64>>,
    /// `∂C/∂b^l`, each `(k, 1)`.
    pub nabla_b: Vec<Array2<f64>>,
}

impl Gradients {
    /// All-zero gradients shaped like `net`'s parameters.
    pub fn zeros_like(net: &Network) -> Self {
        Gradients {
            nabla_w: net
                .layers()
                .iter()
                .map(|l| Array2::zeros(l.w().dim()))
                .collect(),
            nabla_b: net
                .layers()
                .iter()
                .map(|l| Array2::zeros(l.b().dim()))
                .collect(),
        }
    }

    /// Adds `other` into `self`, layer by layer (shapes must match: both come
    /// from the same network).
    pub fn add_assign(&mut self, other: &Gradients) {
        for (a, b) in self.nabla_w.iter_mut().zip(&other.nabla_w) {
            *a += b;
        }
        for (a, b) in self.nabla_b.iter_mut().zip(&other.nabla_b) {
            *a += b;
        }
    }

    /// The gradients flattened in [`Network::get_params`] order: all weights,
    /// then all biases.
    pub fn to_vec(&self) -> Array1<f64> {
        let mut v = Vec::new();
        for w in &self.nabla_w {
            v.extend(w.iter().copied());
        }
        for b in &self.nabla_b {
            v.extend(b.iter().copied());
        }
        Array1::from(v)
    }

    /// `‖∂C/∂W^l‖` (Frobenius) per layer, the walkthrough's `grad_norm_l`.
    pub fn weight_norms(&self) -> Vec<f64> {
        self.nabla_w.iter().map(|w| frobenius(w)).collect()
    }

    /// The largest relative difference between two gradients, entry by entry:
    /// `|a − b| / max(|a|, |b|, floor)`, where `floor` is a hundredth of the
    /// largest entry of either gradient. The floor keeps entries that are tiny next
    /// to the rest (sums that nearly cancel) from reporting the summation order as
    /// a disagreement; every entry above it is compared fully relatively.
    /// Returns `f64::INFINITY` if the shapes differ.
    ///
    /// ```
    /// use backprop_lab::{Gradients, ndarray::array};
    /// let a = Gradients { nabla_w: vec![array![[1.0, 2.0]]], nabla_b: vec![array![[4.0]]] };
    /// let mut b = a.clone();
    /// b.nabla_b[0][[0, 0]] = 4.000004;
    /// // |4 − 4.000004| / 4.000004, the only entry that differs.
    /// assert!((a.max_relative_diff(&b) - 4e-6 / 4.000004).abs() < 1e-15);
    /// ```
    pub fn max_relative_diff(&self, other: &Gradients) -> f64 {
        let same_shapes = self.nabla_w.len() == other.nabla_w.len()
            && self.nabla_b.len() == other.nabla_b.len()
            && self
                .nabla_w
                .iter()
                .zip(&other.nabla_w)
                .all(|(x, y)| x.dim() == y.dim())
            && self
                .nabla_b
                .iter()
                .zip(&other.nabla_b)
                .all(|(x, y)| x.dim() == y.dim());
        if !same_shapes {
            return f64::INFINITY;
        }
        let a = self.to_vec();
        let b = other.to_vec();
        let largest = a.iter().chain(b.iter()).fold(0.0f64, |m, v| m.max(v.abs()));
        let floor = (largest * 1e-2).max(f64::MIN_POSITIVE);
        a.iter()
            .zip(b.iter())
            .map(|(x, y)| {
                if x == y {
                    0.0
                } else {
                    (x - y).abs() / x.abs().max(y.abs()).max(floor)
                }
            })
            .fold(0.0, f64::max)
    }
}

/// Which form of backprop to run (see the module docs).
///
/// Backprop in the four forms the walkthrough builds up, for the cost
/// `C = ½ ‖a^L − y‖²` per example, summed over a batch:
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
/// * BP1 `δ^L = (a^L − y) ⊙ f'(z^L)`
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

/// Shapes of one layer's quantities in a backward pass, for printing the way the
/// walkthrough does (`z_l:(2, 1), a_l:(2, 1), a_l_minus_1:(3, 1)`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerShapes {
    /// One-based layer number.
    pub layer: usize,
    /// Shape of `z^l`.
    pub z: Vec<usize>,
    /// Shape of `a^l`.
    pub a: Vec<usize>,
    /// Shape of `a^{l-1}`.
    pub a_prev: Vec<usize>,
    /// Shape of `δ^l`.
    pub delta: Vec<usize>,
    /// Shape of `∂C/∂b^l`.
    pub dc_db: Vec<usize>,
    /// Shape of `∂C/∂W^l`.
    pub dc_dw: Vec<usize>,
}

impl std::fmt::Display for LayerShapes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "layer {}:", self.layer)?;
        writeln!(
            f,
            "  z_l:{}, a_l:{}, a_l_minus_1:{}",
            shape_str(&self.z),
            shape_str(&self.a),
            shape_str(&self.a_prev)
        )?;
        write!(
            f,
            "  delta_l:{}, dc_db_l:{}, dc_dw_l:{}",
            shape_str(&self.delta),
            shape_str(&self.dc_db),
            shape_str(&self.dc_dw)
        )
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

/// Checks `X` and `Y` for a backprop entry point.
fn check_xy(op: &'static str, net: &Network, x: &ArrayRef2<f64>, y: &ArrayRef2<f64>) -> Result<()> {
    net.check_x(op, x)?;
    net.check_y(op, x.nrows(), y)
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
    check_xy("backprop_per_example", net, x, y)?;
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

/// Backprop with nothing but scalar loops over examples, neurons and weights —
/// the walkthrough's multidimensional exercise, solved:
///
/// * `δ_j^L = (a_j^L − y_j) f'(z_j^L)`
/// * `∂C/∂a_k^{l-1} = Σ_j w_{jk}^l δ_j^l` (every neuron `j` that `k` feeds)
/// * `δ_k^{l-1} = (∂C/∂a_k^{l-1}) f'(z_k^{l-1})`
/// * `∂C/∂w_{jk}^l = a_k^{l-1} δ_j^l`, `∂C/∂b_j^l = δ_j^l`
///
/// # Errors
/// As [`backprop_per_example`].
pub fn backprop_per_neuron(
    net: &Network,
    x: &ArrayRef2<f64>,
    y: &ArrayRef2<f64>,
) -> Result<Gradients> {
    check_xy("backprop_per_neuron", net, x, y)?;
    Ok(per_neuron_unchecked(net, x.view(), y.view()).0)
}

/// The per-neuron loops without input checks; also returns `Σ (a^L − y)²`.
pub(crate) fn per_neuron_unchecked(
    net: &Network,
    x: ArrayView2<'_, f64>,
    y: ArrayView2<'_, f64>,
) -> (Gradients, f64) {
    let mut sq = 0.0;
    let layers = net.layers();
    let n_layers = layers.len();
    let mut grads = Gradients::zeros_like(net);
    for (xi, yi) in x.rows().into_iter().zip(y.rows()) {
        // Forward, neuron by neuron.
        let mut zs: Vec<Vec<f64>> = Vec::with_capacity(n_layers);
        let mut acts: Vec<Vec<f64>> = vec![xi.to_vec()];
        for layer in layers {
            let (w, b, f) = (layer.w(), layer.b(), layer.activation());
            let prev = acts.last().expect("a^0 is there");
            let mut z = vec![0.0; layer.outputs()];
            for (j, zj) in z.iter_mut().enumerate() {
                let mut s = b[[j, 0]];
                for (k, ak) in prev.iter().enumerate() {
                    s += w[[j, k]] * ak;
                }
                *zj = s;
            }
            acts.push(z.iter().map(|&v| f.value(v)).collect());
            zs.push(z);
        }
        sq += acts[n_layers]
            .iter()
            .zip(yi.iter())
            .map(|(p, t)| (p - t) * (p - t))
            .sum::<f64>();
        // Backward, neuron by neuron.
        let mut delta: Vec<f64> = (0..layers[n_layers - 1].outputs())
            .map(|j| {
                let f = layers[n_layers - 1].activation();
                (acts[n_layers][j] - yi[j]) * f.prime(zs[n_layers - 1][j])
            })
            .collect();
        for l in (0..n_layers).rev() {
            let (gw, gb) = (&mut grads.nabla_w[l], &mut grads.nabla_b[l]);
            for (j, dj) in delta.iter().enumerate() {
                gb[[j, 0]] += dj;
                for (k, ak) in acts[l].iter().enumerate() {
                    gw[[j, k]] += ak * dj;
                }
            }
            if l > 0 {
                let w = layers[l].w();
                let f = layers[l - 1].activation();
                delta = (0..layers[l].inputs())
                    .map(|k| {
                        let mut dc_dak = 0.0;
                        for (j, dj) in delta.iter().enumerate() {
                            dc_dak += w[[j, k]] * dj;
                        }
                        dc_dak * f.prime(zs[l - 1][k])
                    })
                    .collect();
            }
        }
    }
    (grads, sq)
}

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
/// `"backprop_batch: X has 3 columns but layer 1 expects 2 inputs"`.
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
    check_xy(op, net, x, y)?;
    let (gradients, _, shapes) = tensor_unchecked(net, x.view(), y.view(), true);
    Ok(BatchBackprop { gradients, shapes })
}

/// The 3-D stack form without input checks (see [`Workspace::stacks`]). Returns
/// the gradients, `Σ (a^L − y)²` and, when asked, the shapes met (last layer first).
pub(crate) fn tensor_unchecked(
    net: &Network,
    x: ArrayView2<'_, f64>,
    y: ArrayView2<'_, f64>,
    with_shapes: bool,
) -> (Gradients, f64, Vec<LayerShapes>) {
    let mut ws = Workspace::new(net, x.nrows());
    ws.forward(net, x);
    let sq = ws.stacks(net, x, y);
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
    (ws.into_gradients(), sq, shapes)
}

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
/// As [`backprop_per_example`].
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
    check_xy("backprop_gemm", net, x, y)?;
    Ok(gemm_unchecked(net, x.view(), y.view()).0)
}

/// The matrix-product form without input checks (see [`Workspace::backward`]).
pub(crate) fn gemm_unchecked(
    net: &Network,
    x: ArrayView2<'_, f64>,
    y: ArrayView2<'_, f64>,
) -> (Gradients, f64) {
    let mut ws = Workspace::new(net, x.nrows());
    ws.forward(net, x);
    let sq = ws.backward(net, x, y, false);
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

/// Any form without input checks, on a workspace reused across calls (training):
/// the gradients land in `ws.grads`; returns the batch's `Σ (a^L − y)²`. The
/// workspace must hold `x.nrows()` examples, or one for the per-example form.
pub(crate) fn gradients_into(
    ws: &mut Workspace,
    net: &Network,
    x: ArrayView2<'_, f64>,
    y: ArrayView2<'_, f64>,
    form: BackpropForm,
) -> f64 {
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
            let (g, sq) = per_neuron_unchecked(net, x, y);
            ws.grads = g;
            sq
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
/// As [`backprop_per_example`].
pub fn gradients(
    net: &Network,
    x: &ArrayRef2<f64>,
    y: &ArrayRef2<f64>,
    form: BackpropForm,
) -> Result<Gradients> {
    match form {
        BackpropForm::PerNeuron => backprop_per_neuron(net, x, y),
        BackpropForm::PerExample => backprop_per_example(net, x, y),
        BackpropForm::Tensor => backprop_batch(net, x, y),
        BackpropForm::Gemm => backprop_gemm(net, x, y),
    }
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
