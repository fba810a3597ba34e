//! Mini-batch stochastic gradient descent, as the walkthrough trains its
//! make_circles network: for every batch, `W ← W − η/m · ∇W`, `b ← b − η/m · ∇b`,
//! with `∇` summed over the batch's `m` examples.

use ndarray::{s, Array2, ArrayRef2, ArrayView2, Axis};

use crate::backprop::BackpropForm;
use crate::dense::digits::{argmax_rows, from_one_hot_named};
use crate::dense::network::{frobenius, Network};
use crate::engine::sgd::descend_slices;
use crate::engine::workspace::{gradients_into, workspace_batch, Workspace};
use crate::error::{check_size, check_steps, Error, Result};
use crate::io::random::{permutation_unchecked, seeded_rng};
use crate::show::{num, shown_as_table, sparkline, Table, Tabular};
use crate::training::gradcheck::{grad_check, GRADCHECK_EPSILON};

/// In which order examples are cut into batches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BatchOrder {
    /// Rows in their stored order every epoch (the walkthrough, whose shuffle is
    /// commented out).
    #[default]
    InOrder,
    /// A fresh permutation every epoch, from a generator seeded once with `seed`.
    Shuffled {
        /// The seed.
        seed: u64,
    },
}

/// What to do with the last `N mod batch_size` examples of an epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Remainder {
    /// Refuse to train unless the batch size divides `N` — so a remainder is
    /// never handled silently. Choose `Use` or `Drop` to allow one.
    #[default]
    Reject,
    /// Train on the short last batch too, dividing its gradient by its own size
    /// (as Nielsen's `update_mini_batch` does with `len(mini_batch)`).
    Use,
    /// Skip it (as the walkthrough's `int(N / batch_size)` batches do).
    Drop,
}

/// Settings for [`train`].
#[derive(Debug, Clone, PartialEq)]
pub struct TrainConfig {
    /// Learning rate `η > 0`.
    pub eta: f64,
    /// Examples per batch, `1 ≤ batch_size ≤ N`.
    pub batch_size: usize,
    /// Passes over the data.
    pub epochs: usize,
    /// Which backprop computes the gradients (all give the same numbers).
    pub form: BackpropForm,
    /// Batch order.
    pub order: BatchOrder,
    /// Remainder handling.
    pub remainder: Remainder,
    /// Keep a copy of the network before training and after every epoch.
    pub snapshots: bool,
    /// Gradient-check every step (slow: two forward passes per parameter).
    pub grad_check: bool,
}

impl Default for TrainConfig {
    /// The walkthrough's training of the circles network: `η = 0.01`, batches of
    /// 50, 10 epochs, matrix-product backprop, batches in order, a remainder
    /// rejected, no snapshots, no gradient checks.
    fn default() -> Self {
        TrainConfig {
            eta: 0.01,
            batch_size: 50,
            epochs: 10,
            form: BackpropForm::Gemm,
            order: BatchOrder::InOrder,
            remainder: Remainder::Reject,
            snapshots: false,
            grad_check: false,
        }
    }
}

impl TrainConfig {
    /// The walkthrough's settings (see [`Default`](#impl-Default-for-TrainConfig));
    /// change them by name:
    ///
    /// ```
    /// use backprop_lab::training::TrainConfig;
    /// let cfg = TrainConfig::new().eta(3.0).batch_size(50).epochs(60).shuffled(1);
    /// assert_eq!((cfg.eta, cfg.batch_size, cfg.epochs), (3.0, 50, 60));
    /// ```
    pub fn new() -> Self {
        Self::default()
    }
    /// Sets the learning rate `η`.
    pub fn eta(mut self, eta: f64) -> Self {
        self.eta = eta;
        self
    }
    /// Sets the number of examples per batch.
    pub fn batch_size(mut self, batch_size: usize) -> Self {
        self.batch_size = batch_size;
        self
    }
    /// Sets the number of passes over the data.
    pub fn epochs(mut self, epochs: usize) -> Self {
        self.epochs = epochs;
        self
    }
    /// Sets the backprop form.
    pub fn form(mut self, form: BackpropForm) -> Self {
        self.form = form;
        self
    }
    /// Shuffles every epoch from `seed`.
    pub fn shuffled(mut self, seed: u64) -> Self {
        self.order = BatchOrder::Shuffled { seed };
        self
    }
    /// Sets how a remainder batch is handled.
    pub fn remainder(mut self, remainder: Remainder) -> Self {
        self.remainder = remainder;
        self
    }
    /// Keeps snapshots per epoch.
    pub fn snapshots(mut self, on: bool) -> Self {
        self.snapshots = on;
        self
    }
    /// Gradient-checks every step.
    pub fn grad_check(mut self, on: bool) -> Self {
        self.grad_check = on;
        self
    }
}

/// What happened during [`train`], one entry per step unless stated.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct History {
    /// The batch's mean squared error `mean((a^L − y)²)` before the step.
    pub loss: Vec<f64>,
    /// The batch's cost per example, `C / m`, before the step: the network's
    /// [`Cost`](crate::dense::Cost), which for the quadratic cost is `½ Σ (a^L − y)² / m`.
    pub cost: Vec<f64>,
    /// Per epoch, the share of training rows classified right (the largest
    /// output is the 1 of the one-hot target); filled by [`train_with_test`].
    pub train_accuracy: Vec<f64>,
    /// Per epoch, the same share on the test data; filled by [`train_with_test`].
    pub test_accuracy: Vec<f64>,
    /// `‖∂C/∂W^l‖` per layer (the summed batch gradient), per step.
    pub grad_norms: Vec<Vec<f64>>,
    /// `‖W^l‖` per layer after the step.
    pub weight_norms: Vec<Vec<f64>>,
    /// Gradient-check relative error per step (empty unless requested).
    pub grad_check_errors: Vec<f64>,
    /// The network before training, then after each epoch (empty unless requested).
    pub snapshots: Vec<Network>,
    /// Steps per epoch.
    pub steps_per_epoch: usize,
}

impl History {
    /// Number of steps taken.
    pub fn steps(&self) -> usize {
        self.loss.len()
    }

    /// The fields are public, so a consumer first checks that they still agree:
    /// one row of gradient and weight norms per step, and the same number of
    /// layers in every row.
    pub(crate) fn check(&self, op: &'static str) -> Result<()> {
        let steps = self.loss.len();
        for (what, rows) in [
            ("grad_norms", &self.grad_norms),
            ("weight_norms", &self.weight_norms),
        ] {
            if rows.len() != steps {
                return Err(crate::error::shape_err(
                    op,
                    format!(
                        "the history has {steps} losses but {} rows of {what}",
                        rows.len()
                    ),
                ));
            }
        }
        let layers = self.grad_norms.first().map_or(0, Vec::len);
        let rows = self.grad_norms.iter().chain(&self.weight_norms);
        if let Some((i, r)) = rows.enumerate().find(|(_, r)| r.len() != layers) {
            return Err(crate::error::shape_err(
                op,
                format!(
                    "norm row {} of the history has {} layers but the first has {layers}",
                    i % steps.max(1),
                    r.len()
                ),
            ));
        }
        Ok(())
    }
}

/// Trains `net` on `(X, Y)` by mini-batch SGD.
///
/// The network is changed only if every step succeeds: training runs on a copy,
/// which replaces `net` at the end.
///
/// # Errors
/// [`Error::InvalidParameter`] unless `eta > 0` (finite), `1 ≤ batch_size ≤ N`,
/// and — with [`Remainder::Reject`] — `batch_size` divides `N`; the backprop
/// forms' errors for bad `X` or `Y`; [`Error::Diverged`] if a parameter, the
/// loss, the cost or a gradient's norm becomes NaN or infinite, naming it and the
/// epoch and batch. On error `net` is unchanged.
///
/// ```
/// use backprop_lab::{dense::{make_circles, Activation, Init, Network}, training::{train, TrainConfig}};
/// let (x, y) = make_circles(200, 0.3, 0.1, 0)?;
/// let mut net = Network::random(&[2, 3, 3, 1], Activation::Sigmoid, Init::Normal, 0)?;
/// let before = net.cost(&x, &y)?;
/// let history = train(&mut net, &x, &y, &TrainConfig::new().eta(1.0).batch_size(20).epochs(5).shuffled(1))?;
/// assert_eq!(history.steps(), 50);
/// assert!(net.cost(&x, &y)? < before);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn train(
    net: &mut Network,
    x: &ArrayRef2<f64>,
    y: &ArrayRef2<f64>,
    config: &TrainConfig,
) -> Result<History> {
    train_impl("train", net, x, y, None, config)
}

/// [`train`], measuring after every epoch how many training and test rows the
/// network classifies right: a row counts when its largest output sits where
/// the 1 of its one-hot target is. The shares land in
/// [`History::train_accuracy`] and [`History::test_accuracy`].
///
/// # Errors
/// As [`train`], plus the same checks on `(test_x, test_y)`, and
/// [`Error::Domain`] naming the first row of `y` or `test_y` that is not
/// one-hot. On error `net` is unchanged.
///
/// ```
/// use backprop_lab::dense::{one_hot, Activation, Cost, Init, Network};
/// use backprop_lab::ndarray::array;
/// use backprop_lab::training::{train_with_test, TrainConfig};
/// // Two classes: the first input larger, or the second.
/// let x = array![[1.0, 0.0], [0.0, 1.0], [0.9, 0.2], [0.1, 0.8]];
/// let y = one_hot(&[0, 1, 0, 1], 2)?;
/// let mut net = Network::random(&[2, 3, 2], Activation::Sigmoid, Init::Scaled, 0)?
///     .with_output(Activation::Softmax, Cost::CrossEntropy)?;
/// let h = train_with_test(&mut net, &x, &y, &x, &y, &TrainConfig::new().eta(1.0).batch_size(2).epochs(200))?;
/// assert_eq!(h.test_accuracy.len(), 200);
/// assert_eq!(*h.test_accuracy.last().unwrap(), 1.0);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn train_with_test(
    net: &mut Network,
    x: &ArrayRef2<f64>,
    y: &ArrayRef2<f64>,
    test_x: &ArrayRef2<f64>,
    test_y: &ArrayRef2<f64>,
    config: &TrainConfig,
) -> Result<History> {
    const OP: &str = "train_with_test";
    net.check_x(OP, test_x)?;
    net.check_y(OP, test_x.nrows(), test_y)?;
    let test_labels = from_one_hot_named(OP, "test_y", test_y)?;
    train_impl(OP, net, x, y, Some((test_x, test_labels)), config)
}

/// The share of rows of `x` whose largest output is at `labels[row]`.
fn share_right(net: &Network, x: ArrayView2<'_, f64>, labels: &[usize]) -> f64 {
    let predicted = argmax_rows(crate::engine::forward::predict(net, x).view());
    let right = predicted.iter().zip(labels).filter(|(p, l)| p == l).count();
    right as f64 / labels.len().max(1) as f64
}

/// Everything `train` refuses before it touches the network; returns the
/// training rows' labels when a test set asks for accuracies.
fn validate_training(
    op: &'static str,
    net: &Network,
    x: &ArrayRef2<f64>,
    y: &ArrayRef2<f64>,
    with_test: bool,
    config: &TrainConfig,
) -> Result<Option<Vec<usize>>> {
    net.check_x(op, x)?;
    net.check_y(op, x.nrows(), y)?;
    let train_labels = match with_test {
        true => Some(from_one_hot_named(op, "Y", y)?),
        false => None,
    };
    let n = x.nrows();
    check_hyperparameters(op, n, config)?;
    if config.form == BackpropForm::Tensor {
        net.check_stack_buffers(op, config.batch_size)?;
    }
    // One row of norms per step, one norm per layer: steps × layers numbers.
    let steps = batch_ranges(n, config.batch_size, config.remainder)
        .len()
        .saturating_mul(config.epochs);
    check_size(
        op,
        "the recorded history (steps × layers)",
        &[steps, net.num_layers().saturating_mul(2)],
    )?;
    if config.grad_check {
        crate::training::gradcheck::check_param_count(op, net.num_params())?;
    }
    if config.snapshots {
        check_size(
            op,
            "the snapshots",
            &[config.epochs.saturating_add(1), net.num_params()],
        )?;
    }
    Ok(train_labels)
}

fn train_impl(
    op: &'static str,
    net: &mut Network,
    x: &ArrayRef2<f64>,
    y: &ArrayRef2<f64>,
    test: Option<(&ArrayRef2<f64>, Vec<usize>)>,
    config: &TrainConfig,
) -> Result<History> {
    let train_labels = validate_training(op, net, x, y, test.is_some(), config)?;
    let n = x.nrows();
    // Work on a copy: a failed step leaves `net` as it was.
    let mut work = net.clone();
    let mut history = History::default();
    let mut rng = match config.order {
        BatchOrder::Shuffled { seed } => Some(seeded_rng(seed)),
        BatchOrder::InOrder => None,
    };
    let batches = batch_ranges(n, config.batch_size, config.remainder);
    // Row-major rows make every batch a contiguous block (a copy only if the
    // caller's X or Y is laid out otherwise).
    let (x, y) = (x.as_standard_layout(), y.as_standard_layout());
    // Buffers for the full batch size and, with Remainder::Use, the last one.
    let mut spaces: Vec<Workspace> = Vec::with_capacity(2);
    history.steps_per_epoch = batches.len();
    if config.snapshots {
        history.snapshots.push(work.clone());
    }
    for epoch in 0..config.epochs {
        // In order: the caller's arrays as they are; shuffled: a permuted copy.
        let shuffled: Option<(Array2<f64>, Array2<f64>)> = rng.as_mut().map(|r| {
            let p = permutation_unchecked(n, r);
            (x.select(Axis(0), &p), y.select(Axis(0), &p))
        });
        let (xe, ye) = match &shuffled {
            Some((xs, ys)) => (xs.view(), ys.view()),
            None => (x.view(), y.view()),
        };
        for (b, &(start, end)) in batches.iter().enumerate() {
            let at = || {
                format!(
                    "epoch {}, batch {} (step {})",
                    epoch + 1,
                    b + 1,
                    history.steps() + 1
                )
            };
            let ws = workspace_for(
                &mut spaces,
                &work,
                workspace_batch(config.form, end - start),
            );
            let record = sgd_step(
                op,
                &mut work,
                ws,
                xe.slice(s![start..end, ..]),
                ye.slice(s![start..end, ..]),
                config,
            )
            .map_err(|e| e.at_step(op, at()))?;
            history.record(record);
        }
        if config.snapshots {
            history.snapshots.push(work.clone());
        }
        if let (Some((tx, tl)), Some(yl)) = (&test, &train_labels) {
            history
                .train_accuracy
                .push(share_right(&work, x.view(), yl));
            history
                .test_accuracy
                .push(share_right(&work, tx.view(), tl));
        }
    }
    *net = work;
    Ok(history)
}

/// The buffers for batches of `m` rows: reused if there, made once if not.
fn workspace_for<'a>(spaces: &'a mut Vec<Workspace>, net: &Network, m: usize) -> &'a mut Workspace {
    match spaces.iter().position(|w| w.batch_size() == m) {
        Some(i) => &mut spaces[i],
        None => {
            spaces.push(Workspace::new(net, m));
            spaces.last_mut().expect("just pushed")
        }
    }
}

/// What one step records in the [`History`].
struct StepRecord {
    loss: f64,
    cost: f64,
    grad_check_error: Option<f64>,
    grad_norms: Vec<f64>,
    weight_norms: Vec<f64>,
}

impl History {
    fn record(&mut self, r: StepRecord) {
        self.grad_check_errors.extend(r.grad_check_error);
        self.loss.push(r.loss);
        self.cost.push(r.cost);
        self.grad_norms.push(r.grad_norms);
        self.weight_norms.push(r.weight_norms);
    }
}

/// Why a step failed: an error from a call it made, or a number that
/// overflowed (named; `train_impl` adds where).
enum StepError {
    Call(Error),
    Diverged(&'static str),
}

impl StepError {
    fn at_step(self, op: &'static str, at: String) -> Error {
        match self {
            StepError::Call(e) => e,
            StepError::Diverged(what) => Error::Diverged {
                op,
                what: what.into(),
                at,
            },
        }
    }
}

/// One step of mini-batch descent on `(xb, yb)`: the gradients from one
/// forward and backward pass, then `P ← P − (η/m)·∇P` for every weight and bias.
fn sgd_step(
    op: &'static str,
    work: &mut Network,
    ws: &mut Workspace,
    xb: ArrayView2<'_, f64>,
    yb: ArrayView2<'_, f64>,
    config: &TrainConfig,
) -> std::result::Result<StepRecord, StepError> {
    let m = xb.nrows() as f64;
    // The loss comes from the same forward pass as the gradients.
    let batch = gradients_into(ws, work, xb, yb, config.form);
    let grad_check_error = match config.grad_check {
        true => Some(
            grad_check(work, &xb, &yb, config.form, GRADCHECK_EPSILON)
                .map_err(|e| StepError::Call(e.within(op)))?
                .relative_error,
        ),
        false => None,
    };
    let g = &ws.grads;
    debug_assert_eq!(g.nabla_w.len(), g.nabla_b.len());
    let step = config.eta / m;
    let mut grad_norms = Vec::with_capacity(g.nabla_w.len());
    let mut weight_norms = Vec::with_capacity(g.nabla_w.len());
    let (mut params_finite, mut norms_finite) = (true, true);
    for (l, (gw, gb)) in g.nabla_w.iter().zip(&g.nabla_b).enumerate() {
        let (w, bias) = work.layer_wb_mut(l);
        let (gn, wn) = descend(w, gw, step);
        let (_, bn) = descend(bias, gb, step);
        params_finite &= wn.is_finite() && bn.is_finite();
        norms_finite &= gn.is_finite();
        grad_norms.push(gn);
        weight_norms.push(wn);
    }
    let record = StepRecord {
        loss: batch.sq / yb.len() as f64,
        cost: batch.cost / m,
        grad_check_error,
        grad_norms,
        weight_norms,
    };
    // Every number the step records, named; the first that overflowed is reported.
    let bad = [
        (params_finite, "a weight or bias"),
        (record.loss.is_finite(), "the loss"),
        (record.cost.is_finite(), "the cost"),
        (norms_finite, "a gradient's norm ‖∂C/∂W^l‖"),
    ]
    .into_iter()
    .find(|(ok, _)| !ok);
    match bad {
        Some((_, what)) => Err(StepError::Diverged(what)),
        None => Ok(record),
    }
}

/// One gradient step on one parameter matrix, `P ← P − step · G`, in a single
/// pass that also returns `(‖G‖, ‖P‖)` (Frobenius, `P` after the step). `‖P‖`
/// is NaN exactly when an entry of `P` is not finite (a finite matrix whose
/// squares overflow is measured again by [`frobenius`], which rescales).
fn descend(p: &mut Array2<f64>, g: &Array2<f64>, step: f64) -> (f64, f64) {
    // Layers and gradients are stored row-major (Layer::new, Gradients::zeros_like).
    let (gg, pp) = descend_slices(
        p.as_slice_mut().expect("row-major parameters"),
        g.as_slice().expect("row-major gradients"),
        step,
    );
    let exact = |sq: f64, m: &Array2<f64>| {
        if sq.is_finite() && sq > 1e-300 {
            sq.sqrt()
        } else if !sq.is_finite() && m.iter().any(|v| !v.is_finite()) {
            f64::NAN
        } else {
            frobenius(m)
        }
    };
    (exact(gg, g), exact(pp, p))
}

/// Validates `eta`, `batch_size` and the remainder rule against `n` examples.
pub(crate) fn check_hyperparameters(
    op: &'static str,
    n: usize,
    config: &TrainConfig,
) -> Result<()> {
    if !(config.eta.is_finite() && config.eta > 0.0) {
        return Err(Error::InvalidParameter {
            op,
            name: "eta",
            value: config.eta.to_string(),
            reason: "the learning rate must be a finite number > 0".into(),
        });
    }
    check_batch_size(op, n, config.batch_size, config.remainder)?;
    let per_epoch = batch_ranges(n, config.batch_size, config.remainder).len();
    check_steps(
        op,
        "epochs",
        format!("{} (× {per_epoch} batches per epoch)", config.epochs),
        config.epochs.checked_mul(per_epoch),
    )
}

pub(crate) fn check_batch_size(
    op: &'static str,
    n: usize,
    batch_size: usize,
    remainder: Remainder,
) -> Result<()> {
    if batch_size == 0 || batch_size > n {
        return Err(Error::InvalidParameter {
            op,
            name: "batch_size",
            value: batch_size.to_string(),
            reason: format!("it must be between 1 and the number of examples, {n}"),
        });
    }
    if remainder == Remainder::Reject && n % batch_size != 0 {
        return Err(Error::InvalidParameter {
            op,
            name: "batch_size",
            value: batch_size.to_string(),
            reason: format!(
                "{n} examples leave a last batch of {}; choose Remainder::Use or Remainder::Drop",
                n % batch_size
            ),
        });
    }
    Ok(())
}

/// `[start, end)` of every batch of an epoch.
pub(crate) fn batch_ranges(
    n: usize,
    batch_size: usize,
    remainder: Remainder,
) -> Vec<(usize, usize)> {
    let full = n / batch_size;
    let mut v: Vec<(usize, usize)> = (0..full)
        .map(|b| (b * batch_size, (b + 1) * batch_size))
        .collect();
    if remainder == Remainder::Use && n % batch_size != 0 {
        v.push((full * batch_size, n));
    }
    v
}

impl Tabular for History {
    fn table(&self) -> Table {
        let epochs = self
            .loss
            .len()
            .checked_div(self.steps_per_epoch)
            .unwrap_or(0);
        let mut t = Table::new(
            format!(
                "Training history: {} steps, {epochs} epochs",
                self.loss.len()
            ),
            &["", "first", "last"],
        );
        let first_last = |v: &[f64]| {
            (
                v.first().map_or("—".into(), |x| num(*x)),
                v.last().map_or("—".into(), |x| num(*x)),
            )
        };
        let (a, b) = first_last(&self.loss);
        t.row(vec!["batch loss (MSE)".into(), a, b]);
        if !self.cost.is_empty() {
            let (a, b) = first_last(&self.cost);
            t.row(vec!["batch cost per example".into(), a, b]);
        }
        for (name, acc) in [
            ("training accuracy", &self.train_accuracy),
            ("test accuracy", &self.test_accuracy),
        ] {
            if !acc.is_empty() {
                let (a, b) = first_last(acc);
                t.row(vec![format!("{name} (per epoch)"), a, b]);
            }
        }
        for l in 0..self.grad_norms.first().map_or(0, Vec::len) {
            let g: Vec<f64> = self
                .grad_norms
                .iter()
                .filter_map(|r| r.get(l).copied())
                .collect();
            let (a, b) = first_last(&g);
            t.row(vec![format!("‖∂C/∂W^{}‖", l + 1), a, b]);
        }
        for l in 0..self.weight_norms.first().map_or(0, Vec::len) {
            let w: Vec<f64> = self
                .weight_norms
                .iter()
                .filter_map(|r| r.get(l).copied())
                .collect();
            let (a, b) = first_last(&w);
            t.row(vec![format!("‖W^{}‖", l + 1), a, b]);
        }
        if !self.grad_check_errors.is_empty() {
            let (a, b) = first_last(&self.grad_check_errors);
            t.row(vec!["gradient check".into(), a, b]);
        }
        // Per-step losses cycle through the batches of each epoch; their mean per
        // epoch shows the trend.
        let per_epoch: Vec<f64> = self
            .loss
            .chunks(self.steps_per_epoch.max(1))
            .map(|c| c.iter().sum::<f64>() / c.len() as f64)
            .collect();
        t.svg(sparkline(&per_epoch, "mean batch loss per epoch"));
        t
    }
}

shown_as_table!(
    History,
    "the first and last loss and norms, and a sparkline of the loss"
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dense::{make_circles, Activation, Init};

    fn setup() -> (Network, Array2<f64>, Array2<f64>) {
        let (x, y) = make_circles(100, 0.3, 0.1, 2).unwrap();
        let net = Network::random(&[2, 3, 1], Activation::Sigmoid, Init::Normal, 1).unwrap();
        (net, x, y)
    }

    #[test]
    fn bad_hyperparameters_leave_the_network_alone() {
        let (mut net, x, y) = setup();
        let before = net.clone();
        for cfg in [
            TrainConfig::new().eta(0.0).batch_size(10).epochs(1),
            TrainConfig::new().eta(f64::NAN).batch_size(10).epochs(1),
            TrainConfig::new().eta(0.1).batch_size(0).epochs(1),
            TrainConfig::new().eta(0.1).batch_size(101).epochs(1),
            TrainConfig::new().eta(0.1).batch_size(30).epochs(1),
        ] {
            let err = train(&mut net, &x, &y, &cfg).unwrap_err();
            assert!(matches!(err, Error::InvalidParameter { .. }), "{err}");
            assert_eq!(net, before);
        }
        let msg = train(
            &mut net,
            &x,
            &y,
            &TrainConfig::new().eta(0.1).batch_size(30).epochs(1),
        )
        .unwrap_err()
        .to_string();
        assert!(msg.contains("leave a last batch of 10"), "{msg}");
    }

    #[test]
    fn divergence_is_reported_and_rolled_back() {
        // Identity activations and a huge step overflow the weights within a few steps.
        let (x, y) = make_circles(100, 0.3, 0.1, 2).unwrap();
        let mut net = Network::random(&[2, 3, 1], Activation::Identity, Init::Normal, 1).unwrap();
        let before = net.clone();
        let err = train(
            &mut net,
            &x,
            &y,
            &TrainConfig::new().eta(1e200).batch_size(10).epochs(2),
        )
        .unwrap_err();
        assert!(matches!(err, Error::Diverged { .. }), "{err}");
        assert_eq!(net, before);
    }

    #[test]
    fn remainder_use_and_drop_count_steps() {
        let (mut net, x, y) = setup();
        let used = train(
            &mut net.clone(),
            &x,
            &y,
            &TrainConfig::new()
                .eta(0.1)
                .batch_size(30)
                .epochs(2)
                .remainder(Remainder::Use),
        )
        .unwrap();
        assert_eq!(used.steps(), 8);
        let dropped = train(
            &mut net,
            &x,
            &y,
            &TrainConfig::new()
                .eta(0.1)
                .batch_size(30)
                .epochs(2)
                .remainder(Remainder::Drop),
        )
        .unwrap();
        assert_eq!(dropped.steps(), 6);
    }

    #[test]
    fn one_step_is_the_update_rule() {
        // One full-batch step by hand: W − η/N ∇W with ∇ from backprop_gemm.
        let (mut net, x, y) = setup();
        let g = crate::backprop::backprop_gemm(&net, &x, &y).unwrap();
        let mut want = net.weights()[0].clone();
        want.scaled_add(-0.3 / 100.0, &g.nabla_w[0]);
        train(
            &mut net,
            &x,
            &y,
            &TrainConfig::new().eta(0.3).batch_size(100).epochs(1),
        )
        .unwrap();
        assert_eq!(net.weights()[0], want);
    }

    #[test]
    fn shuffling_is_seeded_and_snapshots_are_kept() {
        let (net, x, y) = setup();
        let cfg = TrainConfig::new()
            .eta(0.5)
            .batch_size(20)
            .epochs(3)
            .shuffled(7)
            .snapshots(true);
        let (mut a, mut b) = (net.clone(), net.clone());
        let ha = train(&mut a, &x, &y, &cfg).unwrap();
        train(&mut b, &x, &y, &cfg).unwrap();
        assert_eq!(a, b);
        assert_eq!(ha.snapshots.len(), 4);
        assert_eq!(ha.snapshots[3], a);
        let mut c = net.clone();
        train(
            &mut c,
            &x,
            &y,
            &TrainConfig::new().eta(0.5).batch_size(20).epochs(3),
        )
        .unwrap();
        assert_ne!(a, c);
    }
}
