//! A port of Nielsen's `network.py` (docs on [`NielsenNetwork`]).

use ndarray::Array2;
use ndarray::ArrayRef2;

use crate::dense::activation::Activation;
use crate::dense::network::Network;
use crate::engine::matmul::matmul;
use crate::engine::sigmoid::{sigmoid_prime_vec, sigmoid_vec};
use crate::error::{
    check_finite, check_finite_result, check_finite_result_lazy, shape_err, shape_str, Error,
    Result,
};
use crate::io::random::{normal, permutation_unchecked, seeded_rng};
use crate::training::gradcheck::LayerLists;

/// One training pair `(x, y)`: `x` is `(d, 1)`, `y` is `(outputs, 1)`.
pub type Pair = (Array2<f64>, Array2<f64>);

/// Nielsen's `Network` class: sigmoid layers, quadratic cost.
///
/// A port of Michael Nielsen's `network.py` (chapter 2 of *Neural Networks and
/// Deep Learning*), as the walkthrough uses it to check its own training: the
/// same methods, the same names, the same order of operations.
///
/// Differences from the Python, all forced by Rust or by this crate's rules:
/// every method validates its input and returns a `Result`; random initial
/// parameters come from a seed (weights first, then biases, as in the
/// walkthrough's copy); `sgd` returns the progress lines instead of printing
/// them; the shuffle that the walkthrough comments out is available as
/// [`NielsenNetwork::sgd_shuffled`]. Nielsen's loop index `l` in `backprop`
/// counts from the output (`l = 1` is the last layer), as his comment explains;
/// we keep that.
#[derive(Debug, Clone, PartialEq)]
pub struct NielsenNetwork {
    /// Number of layers, counting the input layer.
    pub num_layers: usize,
    /// Neurons per layer, input first.
    pub sizes: Vec<usize>,
    /// `weights[l]` has shape `(sizes[l+1], sizes[l])`.
    pub weights: Vec<Array2<f64>>,
    /// `biases[l]` has shape `(sizes[l+1], 1)`.
    pub biases: Vec<Array2<f64>>,
}

impl NielsenNetwork {
    /// `Network(sizes, weights, biases)`: given parameters, or standard normal ones
    /// drawn from `seed` where `None` is passed.
    ///
    /// # Errors
    /// [`Error::Shape`] with fewer than two sizes or when given parameters do not
    /// fit `sizes`; [`Error::InvalidParameter`] for a size of 0, or sizes that
    /// would make more than [`MAX_ELEMENTS`](crate::MAX_ELEMENTS) parameters;
    /// [`Error::NonFinite`] on NaN or infinity.
    pub fn new(
        sizes: &[usize],
        weights: Option<Vec<Array2<f64>>>,
        biases: Option<Vec<Array2<f64>>>,
        seed: u64,
    ) -> Result<Self> {
        const OP: &str = "NielsenNetwork::new";
        check_sizes(OP, sizes)?;
        let mut rng = seeded_rng(seed);
        let pairs = layer_dims(sizes);
        let weights = match weights {
            Some(w) => w,
            None => pairs
                .iter()
                .map(|&(r, c)| normal(r, c, &mut rng))
                .collect::<Result<_>>()
                .map_err(|e| e.within(OP))?,
        };
        let biases = match biases {
            Some(b) => b,
            None => pairs
                .iter()
                .map(|&(r, _)| normal(r, 1, &mut rng))
                .collect::<Result<_>>()
                .map_err(|e| e.within(OP))?,
        };
        check_params(OP, sizes, &weights, &biases)?;
        Ok(NielsenNetwork {
            num_layers: sizes.len(),
            sizes: sizes.to_vec(),
            weights,
            biases,
        })
    }

    /// The fields are public, as in Nielsen's class, so every method first checks
    /// that they still agree: `num_layers == sizes.len()` and parameters that fit
    /// `sizes`, all finite.
    fn check_fields(&self, op: &'static str) -> Result<()> {
        check_sizes(op, &self.sizes)?;
        if self.num_layers != self.sizes.len() {
            return Err(shape_err(
                op,
                format!(
                    "num_layers is {} but sizes {:?} has {} layers",
                    self.num_layers,
                    self.sizes,
                    self.sizes.len()
                ),
            ));
        }
        check_params(op, &self.sizes, &self.weights, &self.biases)
    }

    /// The same parameters as a crate [`Network`]. Nielsen's network is all sigmoid.
    ///
    /// # Errors
    /// Only if the parameters were made invalid by hand (the fields are public).
    pub fn to_network(&self) -> Result<Network> {
        const OP: &str = "NielsenNetwork::to_network";
        self.check_fields(OP)?;
        Network::from_params(
            self.weights.clone(),
            self.biases.clone(),
            Activation::Sigmoid,
        )
        .map_err(|e| e.within(OP))
    }

    /// A Nielsen network holding `net`'s parameters.
    ///
    /// # Errors
    /// [`Error::Unsupported`] unless every layer of `net` is sigmoid.
    pub fn from_network(net: &Network) -> Result<Self> {
        if net.cost_fn() != crate::dense::cost::Cost::Quadratic {
            return Err(Error::Unsupported {
                op: "NielsenNetwork::from_network",
                reason: format!(
                    "Nielsen's network.py uses the quadratic cost, this one the {} cost",
                    net.cost_fn()
                ),
            });
        }
        if net
            .activation_fns()
            .iter()
            .any(|&a| a != Activation::Sigmoid)
        {
            return Err(Error::Unsupported {
                op: "NielsenNetwork::from_network",
                reason: format!(
                    "Nielsen's network is all sigmoid, this one uses {:?}",
                    net.activation_fns()
                ),
            });
        }
        Self::new(&net.sizes(), Some(net.weights()), Some(net.biases()), 0)
            .map_err(|e| e.within("NielsenNetwork::from_network"))
    }

    /// `feedforward(a)`: the output for input `a` of shape `(d, n)` — one example
    /// per column, so `feedforward(X.T)` runs a whole data set.
    ///
    /// # Errors
    /// [`Error::Shape`] if `a` does not have `d` rows; [`Error::NonFinite`];
    /// [`Error::Diverged`] if the output overflows to NaN from finite input
    /// (e.g. weights of 1e200, whose products cancel as ∞ − ∞).
    pub fn feedforward(&self, a: &ArrayRef2<f64>) -> Result<Array2<f64>> {
        const OP: &str = "NielsenNetwork::feedforward";
        self.check_fields(OP)?;
        if a.nrows() != self.sizes[0] {
            return Err(shape_err(
                OP,
                format!(
                    "a has {} rows but the input layer has {} neurons",
                    a.nrows(),
                    self.sizes[0]
                ),
            ));
        }
        // Every activation is (size, columns of a): refused before allocating.
        for &s in &self.sizes {
            crate::error::check_size(OP, "an activation", &[s, a.ncols()])?;
        }
        check_finite(OP, "a", a.view())?;
        let out = self.feedforward_unchecked(a);
        check_finite_result(OP, "the output", out.view())?;
        Ok(out)
    }

    fn feedforward_unchecked(&self, a: &ArrayRef2<f64>) -> Array2<f64> {
        let mut a = a.to_owned();
        for (b, w) in self.biases.iter().zip(&self.weights) {
            a = sigmoid_vec(&(matmul(w.view(), a.view()) + b));
        }
        a
    }

    fn check_pairs(&self, op: &'static str, data: &[Pair]) -> Result<()> {
        self.check_fields(op)?;
        if data.is_empty() {
            return Err(Error::Empty {
                op,
                what: "the training data".into(),
            });
        }
        let (d, o) = (self.sizes[0], self.sizes[self.num_layers - 1]);
        for (i, (x, y)) in data.iter().enumerate() {
            if x.dim() != (d, 1) || y.dim() != (o, 1) {
                return Err(shape_err(
                    op,
                    format!(
                        "pair {i} has x {} and y {}, but this network needs x ({d}, 1) and y ({o}, 1)",
                        shape_str(x.shape()),
                        shape_str(y.shape())
                    ),
                ));
            }
            check_finite(op, &format!("x of pair {i}"), x.view())?;
            check_finite(op, &format!("y of pair {i}"), y.view())?;
        }
        Ok(())
    }

    /// `SGD(training_data, epochs, mini_batch_size, eta, test_data)` without the
    /// shuffle, as the walkthrough runs it: mini-batches
    /// `training_data[k..k+mini_batch_size]` for `k = 0, m, 2m, …` (the last may be
    /// shorter), one `update_mini_batch` each. Returns the lines Nielsen prints
    /// (`"Epoch 0 complete"`, or `"Epoch 0: 950 / 1000"` with test data).
    ///
    /// # Errors
    /// [`Error::InvalidParameter`] unless `eta > 0` and `1 ≤ mini_batch_size ≤ n`;
    /// [`Error::Empty`], [`Error::Shape`] or [`Error::NonFinite`] for bad data.
    /// On error the network is unchanged.
    pub fn sgd(
        &mut self,
        training_data: &[Pair],
        epochs: usize,
        mini_batch_size: usize,
        eta: f64,
        test_data: Option<&[(Array2<f64>, usize)]>,
    ) -> Result<Vec<String>> {
        self.sgd_impl(
            "NielsenNetwork::sgd",
            training_data,
            epochs,
            mini_batch_size,
            eta,
            test_data,
            None,
        )
    }

    /// [`sgd`](Self::sgd) with Nielsen's `random.shuffle(training_data)` at the
    /// start of every epoch, drawn from `seed`.
    ///
    /// # Errors
    /// As [`sgd`](Self::sgd).
    pub fn sgd_shuffled(
        &mut self,
        training_data: &[Pair],
        epochs: usize,
        mini_batch_size: usize,
        eta: f64,
        test_data: Option<&[(Array2<f64>, usize)]>,
        seed: u64,
    ) -> Result<Vec<String>> {
        self.sgd_impl(
            "NielsenNetwork::sgd_shuffled",
            training_data,
            epochs,
            mini_batch_size,
            eta,
            test_data,
            Some(seed),
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn sgd_impl(
        &mut self,
        op: &'static str,
        training_data: &[Pair],
        epochs: usize,
        mini_batch_size: usize,
        eta: f64,
        test_data: Option<&[(Array2<f64>, usize)]>,
        shuffle: Option<u64>,
    ) -> Result<Vec<String>> {
        self.check_pairs(op, training_data)?;
        check_eta(op, eta)?;
        let n = training_data.len();
        crate::training::sgd::check_batch_size(
            op,
            n,
            mini_batch_size,
            crate::training::sgd::Remainder::Use,
        )?;
        if let Some(test) = test_data {
            self.check_test(op, test)?;
        }
        let per_epoch = n.div_ceil(mini_batch_size);
        crate::error::check_steps(
            op,
            "epochs",
            format!("{epochs} (× {per_epoch} mini-batches per epoch)"),
            epochs.checked_mul(per_epoch),
        )?;
        let mut work = self.clone();
        let mut rng = shuffle.map(seeded_rng);
        let mut order: Vec<usize> = (0..n).collect();
        let mut log = Vec::with_capacity(epochs);
        for j in 0..epochs {
            if let Some(r) = rng.as_mut() {
                order = permutation_unchecked(n, r);
            }
            let data: Vec<&Pair> = order.iter().map(|&i| &training_data[i]).collect();
            for mini_batch in data.chunks(mini_batch_size) {
                work.update_mini_batch_unchecked(mini_batch, eta);
            }
            if work
                .weights
                .iter()
                .chain(&work.biases)
                .any(|m| m.iter().any(|v| !v.is_finite()))
            {
                return Err(Error::Diverged {
                    op,
                    what: "a weight or bias".into(),
                    at: format!("epoch {j}"),
                });
            }
            log.push(match test_data {
                Some(test) => format!(
                    "Epoch {j}: {} / {}",
                    work.evaluate_unchecked(test),
                    test.len()
                ),
                None => format!("Epoch {j} complete"),
            });
        }
        *self = work;
        Ok(log)
    }

    /// `update_mini_batch(mini_batch, eta)`: backprop every pair, sum the
    /// gradients, then `w ← w − (η / len) nw`, `b ← b − (η / len) nb`.
    ///
    /// # Errors
    /// As [`sgd`](Self::sgd), and [`Error::Diverged`] naming the first weight or
    /// bias matrix (and entry) that the step made NaN or infinite; on error the
    /// network is unchanged.
    pub fn update_mini_batch(&mut self, mini_batch: &[Pair], eta: f64) -> Result<()> {
        const OP: &str = "NielsenNetwork::update_mini_batch";
        self.check_pairs(OP, mini_batch)?;
        check_eta(OP, eta)?;
        let refs: Vec<&Pair> = mini_batch.iter().collect();
        let mut work = self.clone();
        work.update_mini_batch_unchecked(&refs, eta);
        check_layer_lists(OP, ("weights", &work.weights), ("biases", &work.biases))?;
        *self = work;
        Ok(())
    }

    fn update_mini_batch_unchecked(&mut self, mini_batch: &[&Pair], eta: f64) {
        let mut nabla_b: Vec<Array2<f64>> =
            self.biases.iter().map(|b| Array2::zeros(b.dim())).collect();
        let mut nabla_w: Vec<Array2<f64>> = self
            .weights
            .iter()
            .map(|w| Array2::zeros(w.dim()))
            .collect();
        for &(x, y) in mini_batch {
            let (delta_nabla_b, delta_nabla_w) = self.backprop_unchecked(x, y);
            for (nb, dnb) in nabla_b.iter_mut().zip(&delta_nabla_b) {
                *nb += dnb;
            }
            for (nw, dnw) in nabla_w.iter_mut().zip(&delta_nabla_w) {
                *nw += dnw;
            }
        }
        let rate = eta / mini_batch.len() as f64;
        for (w, nw) in self.weights.iter_mut().zip(&nabla_w) {
            *w = &*w - &(nw * rate);
        }
        for (b, nb) in self.biases.iter_mut().zip(&nabla_b) {
            *b = &*b - &(nb * rate);
        }
    }

    /// `backprop(x, y)`: the tuple `(nabla_b, nabla_w)`, the gradient of
    /// `C_x = ½‖a^L − y‖²` layer by layer.
    ///
    /// # Errors
    /// [`Error::Shape`] unless `x` is `(d, 1)` and `y` is `(outputs, 1)`;
    /// [`Error::NonFinite`]; [`Error::Diverged`] naming the first `nabla_b[l]` or
    /// `nabla_w[l]` (and entry) that overflowed from finite input.
    pub fn backprop(&self, x: &Array2<f64>, y: &Array2<f64>) -> Result<LayerLists> {
        const OP: &str = "NielsenNetwork::backprop";
        self.check_pairs(OP, &[(x.clone(), y.clone())])?;
        let (nabla_b, nabla_w) = self.backprop_unchecked(x, y);
        check_layer_lists(OP, ("nabla_b", &nabla_b), ("nabla_w", &nabla_w))?;
        Ok((nabla_b, nabla_w))
    }

    fn backprop_unchecked(&self, x: &Array2<f64>, y: &Array2<f64>) -> LayerLists {
        // network.py fills these lists with zeros; every entry is set exactly
        // once below, so empty arrays (which allocate nothing) hold the places.
        let mut nabla_b = vec![Array2::zeros((0, 0)); self.num_layers - 1];
        let mut nabla_w = nabla_b.clone();
        // feedforward: activations holds x, then each layer's output in turn
        let mut activations = vec![x.clone()];
        let mut zs = Vec::with_capacity(self.weights.len());
        for (b, w) in self.biases.iter().zip(&self.weights) {
            let activation = &activations[activations.len() - 1];
            let z = matmul(w.view(), activation.view()) + b;
            activations.push(sigmoid_vec(&z));
            zs.push(z);
        }
        // backward pass
        let last = self.num_layers - 2;
        let mut delta = output_difference(&activations[last + 1], y) * sigmoid_prime_vec(&zs[last]);
        nabla_w[last] = matmul(delta.view(), activations[last].t());
        nabla_b[last] = delta.clone();
        // Nielsen's l counts back from the output: l = 2 is the second-last layer.
        for l in 2..self.num_layers {
            let i = self.num_layers - 1 - l; // Python's index -l into a list of num_layers - 1
            let sp = sigmoid_prime_vec(&zs[i]);
            delta = matmul(self.weights[i + 1].t(), delta.view()) * sp;
            nabla_w[i] = matmul(delta.view(), activations[i].t());
            nabla_b[i] = delta.clone();
        }
        (nabla_b, nabla_w)
    }

    fn check_test(&self, op: &'static str, test_data: &[(Array2<f64>, usize)]) -> Result<()> {
        self.check_fields(op)?;
        let d = self.sizes[0];
        let o = self.sizes[self.num_layers - 1];
        for (i, (x, label)) in test_data.iter().enumerate() {
            if x.dim() != (d, 1) {
                return Err(shape_err(
                    op,
                    format!(
                        "test pair {i} has x {} but the network needs ({d}, 1)",
                        shape_str(x.shape())
                    ),
                ));
            }
            if *label >= o {
                return Err(Error::InvalidParameter {
                    op,
                    name: "label",
                    value: label.to_string(),
                    reason: format!("test pair {i}'s label must index one of the {o} outputs"),
                });
            }
            check_finite(op, &format!("x of test pair {i}"), x.view())?;
        }
        Ok(())
    }

    /// `evaluate(test_data)`: how many test inputs have the right label as the
    /// index of the most active output neuron.
    ///
    /// # Errors
    /// [`Error::Shape`] for a wrongly shaped `x`; [`Error::InvalidParameter`] for a
    /// label that is not an output index.
    pub fn evaluate(&self, test_data: &[(Array2<f64>, usize)]) -> Result<usize> {
        self.check_test("NielsenNetwork::evaluate", test_data)?;
        Ok(self.evaluate_unchecked(test_data))
    }

    fn evaluate_unchecked(&self, test_data: &[(Array2<f64>, usize)]) -> usize {
        test_data
            .iter()
            .filter(|(x, label)| {
                // check_test validated the fields and every x once, up front.
                let out = self.feedforward_unchecked(x);
                // np.argmax: the first index of the largest value.
                let mut best = 0;
                for (i, v) in out.iter().enumerate() {
                    if *v > out[[best, 0]] {
                        best = i;
                    }
                }
                best == *label
            })
            .count()
    }

    /// `cost_derivative(output_activations, y)`: `∂C_x/∂a = a − y`.
    ///
    /// # Errors
    /// [`Error::Shape`] unless both are `(outputs, 1)` columns of this network;
    /// [`Error::NonFinite`] on NaN or infinity; [`Error::Diverged`] if `a − y`
    /// overflows (entries near ±1.8e308 of opposite signs).
    pub fn cost_derivative(
        &self,
        output_activations: &Array2<f64>,
        y: &Array2<f64>,
    ) -> Result<Array2<f64>> {
        const OP: &str = "NielsenNetwork::cost_derivative";
        self.check_fields(OP)?;
        let want = (*self.sizes.last().unwrap_or(&0), 1);
        for (name, m) in [("output_activations", output_activations), ("y", y)] {
            if m.dim() != want {
                return Err(shape_err(
                    OP,
                    format!(
                        "{name} has shape {} but the network's output is {}",
                        shape_str(m.shape()),
                        shape_str(&[want.0, want.1])
                    ),
                ));
            }
            crate::error::check_finite(OP, name, m.view())?;
        }
        let d = output_difference(output_activations, y);
        check_finite_result(OP, "a − y", d.view())?;
        Ok(d)
    }
}

/// [`Error::Diverged`] naming the first matrix of two per-layer lists, as
/// `name[l]` with Nielsen's zero-based list index, and the entry that is not
/// finite.
fn check_layer_lists(
    op: &'static str,
    first: (&str, &[Array2<f64>]),
    second: (&str, &[Array2<f64>]),
) -> Result<()> {
    for (name, list) in [first, second] {
        for (l, m) in list.iter().enumerate() {
            check_finite_result_lazy(op, || format!("{name}[{l}]"), m.view())?;
        }
    }
    Ok(())
}

/// Layer sizes Nielsen's class accepts: an input and an output layer at least,
/// none empty, and a parameter count that may be allocated.
fn check_sizes(op: &'static str, sizes: &[usize]) -> Result<()> {
    if sizes.len() < 2 {
        return Err(shape_err(
            op,
            format!("sizes {sizes:?} need an input and an output layer"),
        ));
    }
    if sizes.contains(&0) {
        return Err(Error::InvalidParameter {
            op,
            name: "sizes",
            value: format!("{sizes:?}"),
            reason: "every layer needs at least one neuron".into(),
        });
    }
    for (r, c) in layer_dims(sizes) {
        crate::error::check_size(op, "a weight matrix", &[r, c])?;
    }
    // Every weight and bias together, as `Network::random` counts them: each
    // matrix fits, but a long list of them may not.
    let total = layer_dims(sizes).iter().try_fold(0usize, |acc, &(r, c)| {
        c.checked_add(1)
            .and_then(|fan_in| fan_in.checked_mul(r))
            .and_then(|p| acc.checked_add(p))
    });
    if total.is_none_or(|t| t > crate::error::MAX_ELEMENTS) {
        return Err(Error::InvalidParameter {
            op,
            name: "sizes",
            value: format!("{sizes:?}"),
            reason: format!(
                "the network would have more than {} parameters",
                crate::error::MAX_ELEMENTS
            ),
        });
    }
    Ok(())
}

/// `(rows, columns)` of each weight matrix: `(sizes[l+1], sizes[l])`.
fn layer_dims(sizes: &[usize]) -> Vec<(usize, usize)> {
    sizes.windows(2).map(|w| (w[1], w[0])).collect()
}

/// Weights and biases that fit `sizes` and hold only finite numbers.
fn check_params(
    op: &'static str,
    sizes: &[usize],
    weights: &[Array2<f64>],
    biases: &[Array2<f64>],
) -> Result<()> {
    let pairs = layer_dims(sizes);
    if weights.len() != pairs.len() || biases.len() != pairs.len() {
        return Err(shape_err(
            op,
            format!(
                "sizes {sizes:?} need {} weight matrices and bias vectors, got {} and {}",
                pairs.len(),
                weights.len(),
                biases.len()
            ),
        ));
    }
    for (l, ((w, b), &(r, c))) in weights.iter().zip(biases).zip(&pairs).enumerate() {
        if w.dim() != (r, c) || b.dim() != (r, 1) {
            return Err(shape_err(
                op,
                format!(
                    "layer {} needs W ({r}, {c}) and b ({r}, 1), got W {} and b {}",
                    l + 1,
                    shape_str(w.shape()),
                    shape_str(b.shape())
                ),
            ));
        }
        check_finite(op, &format!("weights[{l}]"), w.view())?;
        check_finite(op, &format!("biases[{l}]"), b.view())?;
    }
    Ok(())
}

/// `a − y`, for columns whose shapes the caller has checked.
fn output_difference(a: &Array2<f64>, y: &Array2<f64>) -> Array2<f64> {
    a - y
}

fn check_eta(op: &'static str, eta: f64) -> Result<()> {
    if eta.is_finite() && eta > 0.0 {
        Ok(())
    } else {
        Err(Error::InvalidParameter {
            op,
            name: "eta",
            value: eta.to_string(),
            reason: "the learning rate must be a finite number > 0".into(),
        })
    }
}

/// The walkthrough's `[(lx.reshape(-1,1), ly.reshape(-1,1)) for lx, ly in zip(X, y)]`:
/// one `(x, y)` column pair per row of `X` and `Y`.
///
/// # Errors
/// [`Error::Shape`] if `X` and `Y` have different numbers of rows;
/// [`Error::NonFinite`] naming the entry for NaN or infinity;
/// [`Error::InvalidParameter`] for more rows than
/// [`MAX_ELEMENTS`](crate::MAX_ELEMENTS) (an empty row counted as one number).
pub fn training_pairs(x: &ArrayRef2<f64>, y: &ArrayRef2<f64>) -> Result<Vec<Pair>> {
    const OP: &str = "training_pairs";
    if x.nrows() != y.nrows() {
        return Err(shape_err(
            OP,
            format!("X has {} rows but Y has {}", x.nrows(), y.nrows()),
        ));
    }
    // One pair (two small arrays) per row: an X of shape (2⁶⁰, 0) holds no
    // number but would make 2⁶⁰ pairs. Every axis counts, an empty one as 1.
    let width = x.ncols().saturating_add(y.ncols());
    crate::error::check_size(OP, "the pairs", &[x.nrows(), width])?;
    check_finite(OP, "X", x.view())?;
    check_finite(OP, "Y", y.view())?;
    Ok(x.rows()
        .into_iter()
        .zip(y.rows())
        .map(|(lx, ly)| {
            (
                lx.to_owned().insert_axis(ndarray::Axis(1)),
                ly.to_owned().insert_axis(ndarray::Axis(1)),
            )
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        backprop::backprop_1_example,
        dense::{make_circles, Init},
    };

    /// Nielsen's port runs on the engine's products and sigmoid, the crate's
    /// per-example form on ndarray's and the C library's `exp`: they agree to the
    /// last few bits, so to 1e-12 relative.
    #[test]
    fn backprop_matches_the_crates_per_example_form() {
        let net = Network::random(&[2, 3, 3, 1], Activation::Sigmoid, Init::Normal, 5).unwrap();
        let nn = NielsenNetwork::from_network(&net).unwrap();
        let (x, y) = make_circles(10, 0.3, 0.1, 0).unwrap();
        for (xi, yi) in training_pairs(&x, &y).unwrap() {
            let (nb, nw) = nn.backprop(&xi, &yi).unwrap();
            let ours =
                backprop_1_example(&net, xi.as_slice().unwrap(), yi.as_slice().unwrap()).unwrap();
            let theirs = crate::backprop::Gradients {
                nabla_w: nw,
                nabla_b: nb,
            };
            assert!(theirs.max_relative_diff(&ours.gradients) < 1e-12);
        }
    }

    #[test]
    fn bad_inputs_are_errors_and_change_nothing() {
        let mut nn = NielsenNetwork::new(&[2, 3, 1], None, None, 0).unwrap();
        let before = nn.clone();
        let good = vec![(Array2::zeros((2, 1)), Array2::zeros((1, 1)))];
        let bad = vec![(Array2::zeros((3, 1)), Array2::zeros((1, 1)))];
        assert!(nn.sgd(&bad, 1, 1, 0.1, None).is_err());
        assert!(nn.sgd(&good, 1, 2, 0.1, None).is_err());
        assert!(nn.sgd(&good, 1, 1, -1.0, None).is_err());
        assert!(nn.evaluate(&[(Array2::zeros((2, 1)), 3)]).is_err());
        assert!(nn.feedforward(&Array2::zeros((3, 1))).is_err());
        assert_eq!(nn, before);
        assert!(
            NielsenNetwork::new(&[2, 3, 1], Some(vec![Array2::zeros((3, 2))]), None, 0).is_err()
        );
    }

    #[test]
    fn evaluate_counts_argmax_hits() {
        // Two outputs; W = 0 and b = (1, 0) makes output 0 always the larger.
        let nn = NielsenNetwork::new(
            &[1, 2],
            Some(vec![Array2::zeros((2, 1))]),
            Some(vec![ndarray::array![[1.0], [0.0]]]),
            0,
        )
        .unwrap();
        let test = vec![
            (Array2::zeros((1, 1)), 0),
            (Array2::zeros((1, 1)), 1),
            (Array2::ones((1, 1)), 0),
        ];
        assert_eq!(nn.evaluate(&test).unwrap(), 2);
    }
}
