//! Dense networks and their forward passes (docs on [`Network`]).

use ndarray::{s, Array1, Array2, ArrayView2};
use ndarray::{ArrayRef1, ArrayRef2};

use crate::dense::activation::Activation;
use crate::dense::cost::{total_cost, Cost};
use crate::dense::params;
use crate::error::{
    check_finite, check_finite_result, check_finite_result_lazy, check_finite_result_scalar,
    shape_err, shape_str, Error, Result, MAX_ELEMENTS,
};
use crate::io::random::{normal, seeded_rng, uniform};
use crate::show::{shown_as_table, Table, Tabular};

/// One dense layer: `z = W a_prev + b`, `a = f(z)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    w: Array2<f64>,
    b: Array2<f64>,
    activation: Activation,
}

impl Layer {
    /// A layer from its weights `(k, j)`, biases `(k, 1)` and activation.
    ///
    /// # Errors
    /// [`Error::Shape`] if `b` is not `(k, 1)`, [`Error::Empty`] if `W` has no
    /// entries, [`Error::NonFinite`] on NaN or infinity.
    pub fn new(w: Array2<f64>, b: Array2<f64>, activation: Activation) -> Result<Self> {
        const OP: &str = "Layer::new";
        if w.is_empty() {
            return Err(Error::Empty {
                op: OP,
                what: format!("the weight matrix (shape {})", shape_str(w.shape())),
            });
        }
        if b.dim() != (w.nrows(), 1) {
            return Err(shape_err(
                OP,
                format!(
                    "W has shape {} so b must be ({}, 1), but b has shape {}",
                    shape_str(w.shape()),
                    w.nrows(),
                    shape_str(b.shape())
                ),
            ));
        }
        check_finite(OP, "W", w.view())?;
        check_finite(OP, "b", b.view())?;
        // Row-major storage, whatever layout was passed: the training loops read
        // rows of W as contiguous slices.
        let w = if w.is_standard_layout() {
            w
        } else {
            w.as_standard_layout().into_owned()
        };
        let b = if b.is_standard_layout() {
            b
        } else {
            b.as_standard_layout().into_owned()
        };
        Ok(Layer { w, b, activation })
    }

    /// The weights `W`, shape `(k, j)`.
    pub fn w(&self) -> &Array2<f64> {
        &self.w
    }
    /// The biases `b`, shape `(k, 1)`.
    pub fn b(&self) -> &Array2<f64> {
        &self.b
    }
    /// The activation function.
    pub fn activation(&self) -> Activation {
        self.activation
    }
    /// Number of inputs `j`.
    pub fn inputs(&self) -> usize {
        self.w.ncols()
    }
    /// Number of neurons `k`.
    pub fn outputs(&self) -> usize {
        self.w.nrows()
    }
}

/// How to draw random initial parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Init {
    /// Uniform on `[0, 1)`, numpy's `np.random.rand`.
    Uniform,
    /// Standard normal, numpy's `np.random.randn`.
    Normal,
    /// Normal with variance `1/n_in` for a layer with `n_in` inputs: each weight is
    /// `randn / √n_in`, so `z = W a + b` starts at about the size of one input
    /// whatever the layer's width (Nielsen's chapter 3 initialiser). A bias has no
    /// inputs to sum, so it stays standard normal.
    Scaled,
}

/// A fully connected feed-forward network.
///
/// Dense networks of any layer sizes, and their forward passes.
///
/// Conventions are the walkthrough's: layer `l`'s weight matrix `W^l` has shape
/// `(k, j)` — `k` neurons in this layer, `j` in the previous one — so that
/// `z^l = W^l a^{l-1} + b^l` needs no transpose; biases are columns `(k, 1)`.
/// A batch `X` holds one example per row, `(N, d)`, and enters as `a^0 = X^T`,
/// so every batched activity and activation is `(k, N)`, one column per example.
///
/// Index convention: the walkthrough counts layers from 1 (`W_1` feeds the first
/// hidden layer). Our `Vec`s count from 0, so `weights()[0]` is `W_1`; in a
/// [`BatchTrace`], `activations[0]` is `a^0 = X^T` and `activities[0]` is `z^1`.
#[derive(Debug, Clone, PartialEq)]
pub struct Network {
    layers: Vec<Layer>,
    /// The cost backprop differentiates and training minimises.
    cost: Cost,
}

/// Everything a per-example forward pass computes, as column vectors.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleTrace {
    /// `z^1 … z^L`, each `(k, 1)`.
    pub activities: Vec<Array2<f64>>,
    /// `a^0 = x, a^1 … a^L`, each `(k, 1)`; one longer than `activities`.
    pub activations: Vec<Array2<f64>>,
}

/// Everything a batched forward pass computes (the walkthrough's
/// `feedforward_batch`): one column per example.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchTrace {
    /// `z^1 … z^L`, each `(k, N)`.
    pub activities: Vec<Array2<f64>>,
    /// `a^0 = X^T, a^1 … a^L`, each `(k, N)`; one longer than `activities`.
    pub activations: Vec<Array2<f64>>,
}

impl BatchTrace {
    /// The network's output `a^L`, shape `(outputs, N)`: the last of
    /// `activations`. A trace whose `activations` were emptied by hand has
    /// no output, and gives an empty `(0, 0)` array.
    pub fn output(&self) -> &Array2<f64> {
        static NONE: std::sync::OnceLock<Array2<f64>> = std::sync::OnceLock::new();
        self.activations
            .last()
            .unwrap_or_else(|| NONE.get_or_init(|| Array2::zeros((0, 0))))
    }

    /// The shapes of every activity and activation, formatted like numpy prints them.
    ///
    /// ```
    /// use backprop_lab::dense::{Activation, Init, Network, toy};
    /// let net = Network::random(&[1, 3, 2, 1], Activation::Sigmoid, Init::Normal, 0)?;
    /// let (x, _) = toy(1000)?;
    /// let t = net.feedforward_batch(&x)?;
    /// assert_eq!(t.shapes().0, "(3, 1000) (2, 1000) (1, 1000)");
    /// assert_eq!(t.shapes().1, "(1, 1000) (3, 1000) (2, 1000) (1, 1000)");
    /// # Ok::<(), backprop_lab::Error>(())
    /// ```
    pub fn shapes(&self) -> (String, String) {
        let join = |v: &[Array2<f64>]| {
            v.iter()
                .map(|m| shape_str(m.shape()))
                .collect::<Vec<_>>()
                .join(" ")
        };
        (join(&self.activities), join(&self.activations))
    }
}

impl Network {
    /// A network from its layers.
    ///
    /// # Errors
    /// [`Error::Empty`] with no layers; [`Error::Shape`] if a layer's input count
    /// differs from the previous layer's neuron count.
    pub fn from_layers(layers: Vec<Layer>) -> Result<Self> {
        Self::assemble("Network::from_layers", layers, Cost::Quadratic)
    }

    /// A network from its layers, trained on `cost` (see [`Cost`] for the
    /// pairings), e.g. a softmax output layer with [`Cost::CrossEntropy`].
    ///
    /// # Errors
    /// As [`Network::from_layers`], and [`Error::Unsupported`] if `cost` does not
    /// pair with the output layer's activation or a hidden layer uses softmax.
    pub fn from_layers_and_cost(layers: Vec<Layer>, cost: Cost) -> Result<Self> {
        Self::assemble("Network::from_layers_and_cost", layers, cost)
    }

    fn assemble(op: &'static str, layers: Vec<Layer>, cost: Cost) -> Result<Self> {
        if layers.is_empty() {
            return Err(Error::Empty {
                op,
                what: "the list of layers".into(),
            });
        }
        for (i, pair) in layers.windows(2).enumerate() {
            if pair[1].inputs() != pair[0].outputs() {
                return Err(shape_err(
                    op,
                    format!(
                        "layer {} has {} neurons but layer {} expects {} inputs (W_{} has shape {})",
                        i + 1,
                        pair[0].outputs(),
                        i + 2,
                        pair[1].inputs(),
                        i + 2,
                        shape_str(pair[1].w.shape())
                    ),
                ));
            }
        }
        let n = layers.len();
        let acts: Vec<Activation> = layers.iter().map(Layer::activation).collect();
        check_output_choice(op, &acts[..n - 1], acts[n - 1], cost)?;
        Ok(Network { layers, cost })
    }

    /// A network from lists of weights and biases, every layer using `activation`.
    ///
    /// # Errors
    /// [`Error::Shape`] if the lists differ in length or the shapes do not chain;
    /// the errors of [`Layer::new`].
    ///
    /// ```
    /// use backprop_lab::{dense::{Activation, Network}, ndarray::array};
    /// let net = Network::from_params(
    ///     vec![array![[1.0, 2.0]], array![[3.0]]],
    ///     vec![array![[0.5]], array![[-1.0]]],
    ///     Activation::Identity,
    /// )?;
    /// assert_eq!(net.sizes(), vec![2, 1, 1]);
    /// // (3 * (1*1 + 2*1 + 0.5) - 1) = 9.5
    /// assert_eq!(net.predict(&array![[1.0, 1.0]])?, array![[9.5]]);
    /// # Ok::<(), backprop_lab::Error>(())
    /// ```
    pub fn from_params(
        weights: Vec<Array2<f64>>,
        biases: Vec<Array2<f64>>,
        activation: Activation,
    ) -> Result<Self> {
        const OP: &str = "Network::from_params";
        if weights.len() != biases.len() {
            return Err(shape_err(
                OP,
                format!(
                    "{} weight matrices but {} bias vectors",
                    weights.len(),
                    biases.len()
                ),
            ));
        }
        let layers = weights
            .into_iter()
            .zip(biases)
            .enumerate()
            .map(|(l, (w, b))| {
                Layer::new(w, b, activation).map_err(|e| match e {
                    Error::Shape { detail, .. } => {
                        shape_err(OP, format!("layer {}: {detail}", l + 1))
                    }
                    other => other.within(OP),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Self::from_layers(layers).map_err(|e| e.within(OP))
    }

    /// A network of the given layer sizes (`[1, 3, 2, 1]`: one input, hidden
    /// layers of 3 and 2, one output) with random parameters drawn by `init` from
    /// a generator seeded with `seed`: first every weight matrix, row by row, then
    /// every bias, as the walkthrough's initialisation cells do.
    ///
    /// # Errors
    /// [`Error::Shape`] with fewer than two sizes; [`Error::InvalidParameter`]
    /// if a size is 0.
    pub fn random(sizes: &[usize], activation: Activation, init: Init, seed: u64) -> Result<Self> {
        let n = sizes.len().saturating_sub(1);
        Self::random_per_layer(sizes, activation, &vec![init; n], &vec![init; n], seed)
            .map_err(|e| e.within("Network::random"))
    }

    /// Like [`Network::random`], choosing the distribution per layer, e.g. the
    /// walkthrough's make_circles run: `W_1, W_2` uniform, `W_3` normal, biases uniform.
    ///
    /// # Errors
    /// As [`Network::random`], plus [`Error::Shape`] if an init list does not have
    /// one entry per layer.
    pub fn random_per_layer(
        sizes: &[usize],
        activation: Activation,
        weight_init: &[Init],
        bias_init: &[Init],
        seed: u64,
    ) -> Result<Self> {
        const OP: &str = "Network::random_per_layer";
        if sizes.len() < 2 {
            return Err(shape_err(
                OP,
                format!(
                    "a network needs at least an input and an output size, got sizes {sizes:?}"
                ),
            ));
        }
        if let Some(i) = sizes.iter().position(|&s| s == 0) {
            return Err(Error::InvalidParameter {
                op: OP,
                name: "sizes",
                value: format!("{sizes:?}"),
                reason: format!("layer {i} has size 0"),
            });
        }
        let n = sizes.len() - 1;
        for (name, list) in [("weight_init", weight_init), ("bias_init", bias_init)] {
            if list.len() != n {
                return Err(shape_err(
                    OP,
                    format!(
                        "{name} has {} entries but sizes {sizes:?} make {n} layers",
                        list.len()
                    ),
                ));
            }
        }
        let total = sizes.windows(2).try_fold(0usize, |acc, w| {
            w[0].checked_add(1)
                .and_then(|fan_in| fan_in.checked_mul(w[1]))
                .and_then(|p| acc.checked_add(p))
        });
        if total.is_none_or(|t| t > MAX_ELEMENTS) {
            return Err(Error::InvalidParameter {
                op: OP,
                name: "sizes",
                value: format!("{sizes:?}"),
                reason: format!("the network would have more than {MAX_ELEMENTS} parameters"),
            });
        }
        let mut rng = seeded_rng(seed);
        // `c` is the number of inputs each drawn row sums: a weight matrix's
        // columns, 1 for a bias column.
        let draw = |init: Init, r: usize, c: usize, rng: &mut _| match init {
            Init::Uniform => uniform(r, c, rng),
            Init::Normal => normal(r, c, rng),
            Init::Scaled => normal(r, c, rng).map(|m| m / (c as f64).sqrt()),
        };
        // Errors of the calls inside (e.g. softmax on a hidden layer, refused
        // by `from_params`) are this call's.
        let weights = (0..n)
            .map(|l| draw(weight_init[l], sizes[l + 1], sizes[l], &mut rng))
            .collect::<Result<Vec<_>>>()
            .map_err(|e| e.within(OP))?;
        let biases = (0..n)
            .map(|l| draw(bias_init[l], sizes[l + 1], 1, &mut rng))
            .collect::<Result<Vec<_>>>()
            .map_err(|e| e.within(OP))?;
        Self::from_params(weights, biases, activation).map_err(|e| e.within(OP))
    }

    /// Replaces layer `l`'s (zero-based) activation.
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] if there is no layer `l`; [`Error::Unsupported`]
    /// for softmax on a hidden layer, or an output activation that the network's
    /// cost does not pair with (change both with [`Network::set_output`]). On
    /// error the network is unchanged.
    pub fn set_activation(&mut self, l: usize, activation: Activation) -> Result<()> {
        const OP: &str = "Network::set_activation";
        let n = self.layers.len();
        if l >= n {
            return Err(Error::InvalidParameter {
                op: OP,
                name: "l",
                value: l.to_string(),
                reason: format!("the network has layers 0..{n}"),
            });
        }
        let mut acts = self.activation_fns();
        acts[l] = activation;
        check_output_choice(OP, &acts[..n - 1], acts[n - 1], self.cost)?;
        self.layers[l].activation = activation;
        Ok(())
    }

    /// Sets the output layer's activation and the cost together, e.g.
    /// `(Activation::Softmax, Cost::CrossEntropy)`; see [`Cost`] for the pairings.
    ///
    /// # Errors
    /// [`Error::Unsupported`] if the two do not pair. On error the network is
    /// unchanged.
    ///
    /// ```
    /// use backprop_lab::dense::{Activation, Cost, Init, Network};
    /// let mut net = Network::random(&[64, 30, 10], Activation::Sigmoid, Init::Scaled, 1)?;
    /// net.set_output(Activation::Softmax, Cost::CrossEntropy)?;
    /// assert_eq!(net.cost_fn(), Cost::CrossEntropy);
    /// assert!(net.set_output(Activation::Softmax, Cost::Quadratic).is_err());
    /// assert_eq!(net.activation_fns()[1], Activation::Softmax);
    /// # Ok::<(), backprop_lab::Error>(())
    /// ```
    pub fn set_output(&mut self, activation: Activation, cost: Cost) -> Result<()> {
        const OP: &str = "Network::set_output";
        let n = self.layers.len();
        let acts = self.activation_fns();
        check_output_choice(OP, &acts[..n - 1], activation, cost)?;
        self.layers[n - 1].activation = activation;
        self.cost = cost;
        Ok(())
    }

    /// [`Network::set_output`] on an owned network, for chaining after
    /// [`Network::random`].
    ///
    /// # Errors
    /// As [`Network::set_output`].
    pub fn with_output(mut self, activation: Activation, cost: Cost) -> Result<Self> {
        self.set_output(activation, cost)
            .map_err(|e| e.within("Network::with_output"))?;
        Ok(self)
    }

    /// The cost this network is trained on.
    pub fn cost_fn(&self) -> Cost {
        self.cost
    }

    /// The layers, input side first.
    pub fn layers(&self) -> &[Layer] {
        &self.layers
    }
    /// Number of weight layers `L` (the input is not counted).
    pub fn num_layers(&self) -> usize {
        self.layers.len()
    }
    /// Layer sizes, input first: `[d, k_1, …, k_L]`.
    pub fn sizes(&self) -> Vec<usize> {
        std::iter::once(self.layers[0].inputs())
            .chain(self.layers.iter().map(Layer::outputs))
            .collect()
    }
    /// Input dimension `d`.
    pub fn input_dim(&self) -> usize {
        self.layers[0].inputs()
    }
    /// Output dimension.
    pub fn output_dim(&self) -> usize {
        self.layers[self.layers.len() - 1].outputs()
    }
    /// Copies of the weight matrices `[W_1, …, W_L]`.
    pub fn weights(&self) -> Vec<Array2<f64>> {
        self.layers.iter().map(|l| l.w.clone()).collect()
    }
    /// Copies of the bias columns `[b_1, …, b_L]`.
    pub fn biases(&self) -> Vec<Array2<f64>> {
        self.layers.iter().map(|l| l.b.clone()).collect()
    }
    /// The activation function of each layer, `[σ_1, …, σ_L]` — not to be
    /// confused with the activation *values* `a^l` that a forward pass returns
    /// (for example [`ExampleTrace::activations`]).
    pub fn activation_fns(&self) -> Vec<Activation> {
        self.layers.iter().map(|l| l.activation).collect()
    }
    /// Total number of weights and biases.
    pub fn num_params(&self) -> usize {
        self.layers.iter().map(|l| l.w.len() + l.b.len()).sum()
    }

    /// Frobenius norms `‖W_l‖` per layer.
    pub fn weight_norms(&self) -> Vec<f64> {
        self.layers.iter().map(|l| frobenius(&l.w)).collect()
    }

    pub(crate) fn layer_wb_mut(&mut self, l: usize) -> (&mut Array2<f64>, &mut Array2<f64>) {
        let layer = &mut self.layers[l];
        (&mut layer.w, &mut layer.b)
    }

    /// Checks a batch `X` for this network: rows ≥ 1, `d` columns, finite, and
    /// few enough rows that every layer's `(k, N)` buffer fits under
    /// [`MAX_ELEMENTS`].
    pub(crate) fn check_x(&self, op: &'static str, x: &ArrayRef2<f64>) -> Result<()> {
        if x.nrows() == 0 {
            return Err(Error::Empty {
                op,
                what: format!("X (shape {})", shape_str(x.shape())),
            });
        }
        if x.ncols() != self.input_dim() {
            return Err(shape_err(
                op,
                format!(
                    "X has {} columns but layer 1 expects {} inputs",
                    x.ncols(),
                    self.input_dim()
                ),
            ));
        }
        self.check_batch_buffers(op, x.nrows())?;
        check_finite(op, "X", x.view())
    }

    /// Refuses a batch of `m` examples whose forward-pass buffers `z^l`, `a^l`
    /// `(k_l, m)` would hold more than [`MAX_ELEMENTS`] numbers each, before
    /// anything is allocated (a wide layer times many rows overflows memory,
    /// not `usize`).
    pub(crate) fn check_batch_buffers(&self, op: &'static str, m: usize) -> Result<()> {
        crate::error::check_size(
            op,
            &format!("a^0 = Xᵀ for a batch of {m} examples"),
            &[self.input_dim(), m],
        )?;
        for (l, layer) in self.layers.iter().enumerate() {
            crate::error::check_size(
                op,
                &format!("z^{} for a batch of {m} examples", l + 1),
                &[layer.outputs(), m],
            )?;
        }
        Ok(())
    }

    /// Refuses a batch of `m` examples for the 3-D stack form, whose stack of
    /// outer products `δ_e (a_e^{l-1})ᵀ` is `(m, k, j)` for the widest layer.
    pub(crate) fn check_stack_buffers(&self, op: &'static str, m: usize) -> Result<()> {
        self.check_batch_buffers(op, m)?;
        for (l, layer) in self.layers.iter().enumerate() {
            crate::error::check_size(
                op,
                &format!("the stack of outer products of layer {}", l + 1),
                &[m, layer.outputs(), layer.inputs()],
            )?;
        }
        Ok(())
    }

    /// Checks a batch `X` `(N, d)` and its labels `Y` `(N, outputs)` for `op`.
    pub(crate) fn check_xy(
        &self,
        op: &'static str,
        x: &ArrayRef2<f64>,
        y: &ArrayRef2<f64>,
    ) -> Result<()> {
        self.check_x(op, x)?;
        self.check_y(op, x.nrows(), y)
    }

    /// Checks labels `Y` for a batch of `n` examples: shape `(n, outputs)`, finite,
    /// and in the range the cost needs.
    pub(crate) fn check_y(&self, op: &'static str, n: usize, y: &ArrayRef2<f64>) -> Result<()> {
        if y.dim() != (n, self.output_dim()) {
            return Err(shape_err(
                op,
                format!(
                    "Y has shape {} but X has {n} rows and the network has {} outputs, so Y must be ({n}, {})",
                    shape_str(y.shape()),
                    self.output_dim(),
                    self.output_dim()
                ),
            ));
        }
        check_finite(op, "Y", y.view())?;
        self.cost
            .check_targets(op, self.output_activation(), y.view())
    }

    /// The output layer's activation.
    pub(crate) fn output_activation(&self) -> Activation {
        self.layers[self.layers.len() - 1].activation
    }

    /// Forward pass of one example `x` (length `d`), keeping every `z^l` and `a^l`
    /// as column vectors — the walkthrough's per-example loop body.
    ///
    /// # Errors
    /// [`Error::Shape`] if `x.len() != d`; [`Error::NonFinite`] on NaN or infinity;
    /// [`Error::Diverged`] if a `z^l` or `a^l` overflows (e.g. weights of 1e200),
    /// naming the layer and entry.
    pub fn forward_example(&self, x: &[f64]) -> Result<ExampleTrace> {
        const OP: &str = "Network::forward_example";
        if x.len() != self.input_dim() {
            return Err(shape_err(
                OP,
                format!(
                    "x has {} entries but layer 1 expects {} inputs",
                    x.len(),
                    self.input_dim()
                ),
            ));
        }
        crate::error::check_finite_slice(OP, "x", x)?;
        let a0 = Array2::from_shape_vec((x.len(), 1), x.to_vec()).expect("len x 1");
        let t = self.forward_columns(a0);
        check_trace(OP, &t.activities, &t.activations)?;
        Ok(t)
    }

    /// Forward pass of `a^0` whose columns are examples; no checks.
    pub(crate) fn forward_columns(&self, a0: Array2<f64>) -> ExampleTrace {
        let (activities, mut activations) = self.forward_layers(a0.view());
        activations.insert(0, a0);
        ExampleTrace {
            activities,
            activations,
        }
    }

    /// `z^1 … z^L` and `a^1 … a^L` for the columns of `a0` (one example per
    /// column); no checks. The forward pass `predict`, `cost` and the traces run:
    /// `z^l = W^l a^{l-1} + b^l` (the bias added to every column), `a^l = f(z^l)`.
    pub(crate) fn forward_layers(
        &self,
        a0: ArrayView2<'_, f64>,
    ) -> (Vec<Array2<f64>>, Vec<Array2<f64>>) {
        let (mut zs, mut activations) = (Vec::new(), Vec::<Array2<f64>>::new());
        for layer in &self.layers {
            let a_prev = activations.last().map_or(a0, |a| a.view());
            let z = layer.w.dot(&a_prev) + &layer.b;
            activations.push(layer.activation.apply(&z));
            zs.push(z);
        }
        (zs, activations)
    }

    /// The walkthrough's `feedforward_batch`: the whole batch `X` `(N, d)` at once,
    /// `a^0 = X^T`, `z^l = W^l a^{l-1} + b^l` (the bias broadcast across columns),
    /// `a^l = f(z^l)`; returns every `z^l` and `a^l`, each `(k, N)`.
    ///
    /// # Errors
    /// [`Error::Empty`] if `X` has no rows; [`Error::Shape`] if it has the wrong
    /// number of columns; [`Error::NonFinite`] on NaN or infinity;
    /// [`Error::Diverged`] if a `z^l` or `a^l` overflows from finite input (e.g.
    /// weights of 1e200), naming the layer and entry.
    pub fn feedforward_batch(&self, x: &ArrayRef2<f64>) -> Result<BatchTrace> {
        const OP: &str = "Network::feedforward_batch";
        self.check_x(OP, x)?;
        let t = self.forward_columns(x.t().to_owned());
        check_trace(OP, &t.activities, &t.activations)?;
        Ok(BatchTrace {
            activities: t.activities,
            activations: t.activations,
        })
    }

    /// The cost of a batch, summed over its examples: the network's [`Cost`],
    /// by default `C = ½ Σ_examples ‖a^L − y‖²` (the walkthrough's `cost_mse`,
    /// summed over examples). It is the cost every backprop form differentiates.
    ///
    /// # Errors
    /// As [`Network::feedforward_batch`], plus [`Error::Shape`] if `Y` is not
    /// `(N, outputs)` and [`Error::Domain`] for targets the cost does not take
    /// (see [`Cost`]); [`Error::Diverged`] if the cost overflows from finite
    /// input (e.g. weights of 1e200).
    pub fn cost(&self, x: &ArrayRef2<f64>, y: &ArrayRef2<f64>) -> Result<f64> {
        const OP: &str = "Network::cost";
        self.check_x(OP, x)?;
        self.check_y(OP, x.nrows(), y)?;
        check_finite_result_scalar(OP, "the cost", self.cost_unchecked(x.view(), y.view()))
    }

    pub(crate) fn cost_unchecked(&self, x: ArrayView2<'_, f64>, y: ArrayView2<'_, f64>) -> f64 {
        let (z, a) = self.forward_layers(x.t());
        let (zl, al) = (z.last().expect("a layer"), a.last().expect("a layer"));
        total_cost(self.cost, self.output_activation(), zl.view(), al.view(), y)
    }

    /// Weight matrices with the bias appended as an extra last column, `[W | b]`,
    /// shape `(k, j + 1)`: the walkthrough's bias trick.
    pub fn augmented_weights(&self) -> Vec<Array2<f64>> {
        self.layers
            .iter()
            .map(|l| {
                let mut m = Array2::zeros((l.outputs(), l.inputs() + 1));
                m.slice_mut(s![.., ..l.inputs()]).assign(&l.w);
                m.slice_mut(s![.., l.inputs()..]).assign(&l.b);
                m
            })
            .collect()
    }

    /// The forward pass by the bias trick: each layer multiplies `[W | b]` by its
    /// input with a row of ones appended, so no bias is added separately. Returns
    /// `(N, outputs)`, equal to [`Network::predict`] up to rounding.
    ///
    /// # Errors
    /// As [`Network::predict`], including [`Error::Diverged`] when the output
    /// overflows.
    ///
    /// ```
    /// use backprop_lab::dense::{Activation, Init, Network, toy};
    /// let net = Network::random(&[1, 3, 2, 1], Activation::Sigmoid, Init::Normal, 4)?;
    /// let (x, _) = toy(100)?;
    /// let plain = net.predict(&x)?;
    /// let trick = net.forward_bias_trick(&x)?;
    /// assert!(plain.iter().zip(&trick).all(|(p, q)| (p - q).abs() < 1e-15));
    /// # Ok::<(), backprop_lab::Error>(())
    /// ```
    pub fn forward_bias_trick(&self, x: &ArrayRef2<f64>) -> Result<Array2<f64>> {
        const OP: &str = "Network::forward_bias_trick";
        self.check_x(OP, x)?;
        let with_ones = |a: &Array2<f64>| {
            let mut m = Array2::ones((a.nrows() + 1, a.ncols()));
            m.slice_mut(s![..a.nrows(), ..]).assign(a);
            m
        };
        let mut a = x.t().to_owned();
        for (layer, wb) in self.layers.iter().zip(self.augmented_weights()) {
            a = layer.activation.apply(&wb.dot(&with_ones(&a)));
        }
        let out = a.reversed_axes();
        check_finite_result_lazy(OP, || "the output ŷ".into(), out.view())?;
        Ok(out)
    }

    /// For a network whose activations are all the identity, the single affine map
    /// it computes: `ŷ = W* x + b*` with `W* = W_L ⋯ W_1` and
    /// `b* = W_L ⋯ W_2 b_1 + ⋯ + W_L b_{L-1} + b_L`.
    ///
    /// # Errors
    /// [`Error::Unsupported`] if some layer's activation is not the identity;
    /// [`Error::Diverged`] if the products `W*` or `b*` overflow.
    ///
    /// ```
    /// use backprop_lab::{dense::{Activation, Init, Network}, ndarray::array};
    /// let net = Network::random(&[1, 3, 2, 1], Activation::Identity, Init::Normal, 1)?;
    /// let (w_star, b_star) = net.collapse_affine()?;
    /// let x = array![[2.5]];
    /// let direct = net.predict(&x)?[[0, 0]];
    /// let affine = w_star[[0, 0]] * 2.5 + b_star[[0, 0]];
    /// assert!((direct - affine).abs() < 1e-12);
    /// # Ok::<(), backprop_lab::Error>(())
    /// ```
    pub fn collapse_affine(&self) -> Result<(Array2<f64>, Array2<f64>)> {
        if let Some((i, l)) = self
            .layers
            .iter()
            .enumerate()
            .find(|(_, l)| l.activation != Activation::Identity)
        {
            return Err(Error::Unsupported {
                op: "Network::collapse_affine",
                reason: format!(
                    "layer {} uses {}; only a network of identity activations is one affine map",
                    i + 1,
                    l.activation
                ),
            });
        }
        let mut w_star = self.layers[0].w.clone();
        let mut b_star = self.layers[0].b.clone();
        for l in &self.layers[1..] {
            w_star = l.w.dot(&w_star);
            b_star = l.w.dot(&b_star) + &l.b;
        }
        check_finite_result("Network::collapse_affine", "W*", w_star.view())?;
        check_finite_result("Network::collapse_affine", "b*", b_star.view())?;
        Ok((w_star, b_star))
    }

    /// All weights then all biases, each flattened row by row, in one vector —
    /// the walkthrough's `get_params(weights, biases)`.
    ///
    /// ```
    /// use backprop_lab::dense::{Activation, Init, Network};
    /// let net = Network::random(&[2, 3, 3, 1], Activation::Sigmoid, Init::Uniform, 0)?;
    /// assert_eq!(net.get_params().len(), 25); // as the walkthrough prints: (25,)
    /// # Ok::<(), backprop_lab::Error>(())
    /// ```
    pub fn get_params(&self) -> Array1<f64> {
        let (w, b) = self.parameter_lists();
        Array1::from(params::flatten(w, b))
    }

    /// The weight matrices and the bias columns, layer 1 first, as two lists
    /// of references (the arguments of [`params::flatten`]).
    fn parameter_lists(&self) -> (Vec<&Array2<f64>>, Vec<&Array2<f64>>) {
        self.layers.iter().map(|l| (&l.w, &l.b)).unzip()
    }

    /// Writes a vector laid out as by [`Network::get_params`] back into the
    /// weights and biases — the walkthrough's `set_params`.
    ///
    /// # Errors
    /// [`Error::Shape`] if the length differs from [`Network::num_params`];
    /// [`Error::NonFinite`] on NaN or infinity. On error the network is unchanged.
    pub fn set_params(&mut self, params: &ArrayRef1<f64>) -> Result<()> {
        const OP: &str = "Network::set_params";
        if params.len() != self.num_params() {
            return Err(shape_err(
                OP,
                format!(
                    "the vector has {} entries but the network {:?} has {} parameters",
                    params.len(),
                    self.sizes(),
                    self.num_params()
                ),
            ));
        }
        crate::error::check_finite(OP, "the parameter vector", params.view())?;
        match params.as_slice() {
            Some(p) => self.set_params_unchecked(p),
            None => self.set_params_unchecked(&params.to_vec()),
        }
        Ok(())
    }

    pub(crate) fn set_params_unchecked(&mut self, params: &[f64]) {
        let (w, b): (Vec<_>, Vec<_>) = self.layers.iter_mut().map(|l| (&mut l.w, &mut l.b)).unzip();
        params::unflatten_into(params, w, b);
    }

    /// A copy with the parameters replaced (see [`Network::set_params`]).
    ///
    /// # Errors
    /// As [`Network::set_params`].
    pub fn with_params(&self, params: &ArrayRef1<f64>) -> Result<Network> {
        let mut net = self.clone();
        net.set_params(params)
            .map_err(|e| e.within("Network::with_params"))?;
        Ok(net)
    }

    /// Names of the entries of [`Network::get_params`], in the walkthrough's
    /// 1-based layer numbering and 0-based neuron indices: `W1[0,1]`, …, `b3[0]`.
    pub fn param_names(&self) -> Vec<String> {
        let layers = self.layers.iter().enumerate();
        let weight_names = layers.clone().map(|(l, layer)| {
            let names = layer.w.indexed_iter();
            names.map(move |((j, k), _)| format!("W{}[{j},{k}]", l + 1))
        });
        let bias_names =
            layers.map(|(l, layer)| (0..layer.outputs()).map(move |j| format!("b{}[{j}]", l + 1)));
        let weight_names: Vec<Vec<String>> = weight_names.map(Iterator::collect).collect();
        let bias_names: Vec<Vec<String>> = bias_names.map(Iterator::collect).collect();
        params::in_theta_order(weight_names, bias_names)
            .flatten()
            .collect()
    }
}

/// [`Error::Diverged`] naming the first `z^l` or `a^l` (and its entry) of a
/// forward pass that overflowed; `activations[0]` is the checked input `a^0`.
fn check_trace(op: &'static str, z: &[Array2<f64>], a: &[Array2<f64>]) -> Result<()> {
    for (l, (zl, al)) in z.iter().zip(a.iter().skip(1)).enumerate() {
        check_finite_result_lazy(op, || format!("z^{}", l + 1), zl.view())?;
        check_finite_result_lazy(op, || format!("a^{}", l + 1), al.view())?;
    }
    Ok(())
}

/// Softmax only on the output layer, and an output the cost pairs with.
fn check_output_choice(
    op: &'static str,
    hidden: &[Activation],
    output: Activation,
    cost: Cost,
) -> Result<()> {
    if let Some(l) = hidden.iter().position(|&a| a == Activation::Softmax) {
        return Err(Error::Unsupported {
            op,
            reason: format!(
                "layer {} is a hidden layer; softmax goes on the output layer only (layer {})",
                l + 1,
                hidden.len() + 1
            ),
        });
    }
    cost.check_output(op, output)
}

/// The Frobenius norm `√(Σ m_ij²)` (numpy's `np.linalg.norm` of a matrix).
/// Scaled by the largest entry, so it does not overflow for huge finite entries.
pub fn frobenius<D: ndarray::Dimension>(m: &ndarray::ArrayRef<f64, D>) -> f64 {
    let plain = m.iter().map(|v| v * v).sum::<f64>().sqrt();
    if plain.is_finite() && plain > 1e-150 {
        return plain;
    }
    // Squares overflowed or underflowed: rescale by the largest entry.
    let scale = m.iter().fold(0.0f64, |acc, v| acc.max(v.abs()));
    if scale == 0.0 || !scale.is_finite() {
        return scale;
    }
    scale
        * m.iter()
            .map(|v| (v / scale) * (v / scale))
            .sum::<f64>()
            .sqrt()
}

impl Tabular for Network {
    fn table(&self) -> Table {
        let sizes: Vec<String> = self.sizes().iter().map(|s| s.to_string()).collect();
        let mut t = Table::new(
            format!("Network {}", sizes.join(" → ")),
            &["layer", "W", "b", "activation", "parameters"],
        );
        for (l, layer) in self.layers.iter().enumerate() {
            t.row(vec![
                (l + 1).to_string(),
                shape_str(layer.w.shape()),
                shape_str(layer.b.shape()),
                layer.activation.to_string(),
                (layer.w.len() + layer.b.len()).to_string(),
            ]);
        }
        t.note(format!(
            "{} parameters in all; {} cost; W^l is (outputs, inputs), a batch X is (N, {})",
            self.num_params(),
            self.cost,
            self.input_dim()
        ));
        t
    }
}

shown_as_table!(Network, "the layers, their shapes and activations");

impl Tabular for ExampleTrace {
    fn table(&self) -> Table {
        trace_table(
            "Forward pass of one example",
            &self.activities,
            &self.activations,
        )
    }
}

/// The shapes of `z^l` and `a^l` per layer (`activations[0]` is `a^0`).
fn trace_table(title: &str, z: &[Array2<f64>], a: &[Array2<f64>]) -> Table {
    let mut t = Table::new(title, &["layer", "z^l", "a^l"]);
    if let Some(a0) = a.first() {
        t.row(vec!["0 (input)".into(), "—".into(), shape_str(a0.shape())]);
    }
    for (l, zl) in z.iter().enumerate() {
        t.row(vec![
            (l + 1).to_string(),
            shape_str(zl.shape()),
            a.get(l + 1).map_or("—".into(), |al| shape_str(al.shape())),
        ]);
    }
    t.note("columns are examples: z^l and a^l are (neurons, examples)");
    t
}

shown_as_table!(ExampleTrace, "the shapes of every z^l and a^l");

impl Tabular for BatchTrace {
    fn table(&self) -> Table {
        trace_table(
            "Forward pass of a batch",
            &self.activities,
            &self.activations,
        )
    }
}

shown_as_table!(BatchTrace, "the shapes of every z^l and a^l");

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;
    use ndarray::array;

    fn net_1321() -> Network {
        Network::random(&[1, 3, 2, 1], Activation::Sigmoid, Init::Normal, 11).unwrap()
    }

    #[test]
    fn per_example_equals_batch_columns() {
        let net = net_1321();
        let x = array![[-2.0], [0.5], [3.0]];
        let batch = net.feedforward_batch(&x).unwrap();
        for i in 0..3 {
            let ex = net.forward_example(&[x[[i, 0]]]).unwrap();
            for (a, b) in ex.activations.iter().zip(&batch.activations) {
                assert_abs_diff_eq!(a.column(0), b.column(i), epsilon = 1e-15);
            }
        }
    }

    #[test]
    fn wrong_width_x_is_named() {
        let net = Network::random(&[2, 3, 1], Activation::Sigmoid, Init::Normal, 0).unwrap();
        let err = net.feedforward_batch(&array![[1.0, 2.0, 3.0]]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Network::feedforward_batch: X has 3 columns but layer 1 expects 2 inputs"
        );
        assert!(matches!(
            net.predict(&Array2::<f64>::zeros((0, 2))),
            Err(Error::Empty { .. })
        ));
    }

    #[test]
    fn layers_must_chain() {
        let err = Network::from_params(
            vec![Array2::zeros((3, 1)), Array2::zeros((1, 2))],
            vec![Array2::zeros((3, 1)), Array2::zeros((1, 1))],
            Activation::Sigmoid,
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .contains("layer 1 has 3 neurons but layer 2 expects 2 inputs"),
            "{err}"
        );
    }

    #[test]
    fn set_params_round_trips_and_rejects_bad_length() {
        let mut net = net_1321();
        let p = net.get_params();
        let before = net.clone();
        assert!(net.set_params(&p.slice(ndarray::s![1..])).is_err());
        assert_eq!(net, before);
        let mut bad = p.clone();
        bad[3] = f64::NAN;
        assert!(net.set_params(&bad).is_err());
        assert_eq!(net, before);
        net.set_params(&p).unwrap();
        assert_eq!(net, before);
        assert_eq!(net.param_names().len(), net.num_params());
        assert_eq!(net.param_names()[0], "W1[0,0]");
    }

    #[test]
    fn collapse_refuses_sigmoid() {
        assert!(matches!(
            net_1321().collapse_affine(),
            Err(Error::Unsupported { .. })
        ));
    }
}
