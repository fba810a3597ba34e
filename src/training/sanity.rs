//! Sanity checks before a long training run, the ones CS231n's notes and
//! "Zero to Hero" teach: is the first loss where chance puts it, can the
//! network learn ten examples by heart, how large is one step next to the
//! weights, and does backprop agree with two-sided differences?

use ndarray::{s, ArrayRef2};

use crate::backprop::matrix::backprop_gemm;
use crate::backprop::BackpropForm;
use crate::dense::activation::Activation;
use crate::dense::network::{frobenius, Network};
use crate::error::{Error, Result};
use crate::show::{num, Table};
use crate::training::gradcheck::{grad_check, GRADCHECK_EPSILON, MAX_CHECKED_PARAMS};
use crate::training::sgd::{train, TrainConfig};

/// Examples in the tiny subset the network must learn by heart.
pub const SANITY_TINY_EXAMPLES: usize = 10;
/// Full-batch steps on the tiny subset.
pub const SANITY_TINY_STEPS: usize = 300;
/// Examples the gradient check uses (the first rows of the data).
const GRAD_CHECK_EXAMPLES: usize = 10;

/// How one sanity check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Health {
    /// As expected.
    Good,
    /// Worth a look: not clearly broken, not clearly fine.
    Suspicious,
    /// Something is wrong.
    Bad,
    /// Not run (the reason is in the report).
    Skipped,
}

impl Health {
    fn word(self) -> &'static str {
        match self {
            Health::Good => "good",
            Health::Suspicious => "suspicious",
            Health::Bad => "bad",
            Health::Skipped => "skipped",
        }
    }
}

/// What [`sanity_check`] found; every cost is per example.
#[derive(Debug, Clone, PartialEq)]
pub struct SanityReport {
    /// The cost before training, on all the data.
    pub initial_cost: f64,
    /// The cost at chance: what the network gives when every output's weighted
    /// input `zᴸ` is 0 (all parameters 0), i.e. `ln k` for a softmax over `k`
    /// classes with cross-entropy and one-hot targets, `k ln 2` for `k`
    /// sigmoid outputs with cross-entropy, `½ Σ_j (σ(0) − y_j)²` averaged over
    /// the rows for sigmoid outputs with the quadratic cost (`k/8` for 0/1
    /// targets).
    pub chance_cost: f64,
    /// Verdict on the first loss: good within a factor 3 of chance.
    pub initial: Health,
    /// Examples in the tiny subset (the first rows).
    pub tiny_examples: usize,
    /// Full-batch steps taken on it.
    pub tiny_steps: usize,
    /// The tiny subset's cost before and after those steps.
    pub tiny_costs: (f64, f64),
    /// Verdict: good when the final cost is below a tenth of the chance cost,
    /// bad when it has not fallen by half.
    pub tiny: Health,
    /// `‖ΔWˡ‖ / ‖Wˡ‖` per layer for one step of `η/m · ∇Wˡ` on the first batch
    /// (`f64::INFINITY` for a layer whose weights are all 0).
    pub update_ratios: Vec<f64>,
    /// The gradient check's overall relative error on the first examples, if
    /// it ran.
    pub grad_check_error: Option<f64>,
    /// Why the gradient check did not run, if it did not.
    pub grad_check_skipped: Option<String>,
    /// Whether a layer uses ReLU, whose kink at 0 can make a right gradient
    /// look wrong to the differences.
    pub uses_relu: bool,
}

/// The learning rate's check on one layer, `‖ΔW‖ / ‖W‖` for one step: about
/// 1e-3 is healthy (1e-4 to 1e-2 good); outside, suspicious (a rule of thumb
/// for large networks: small ones often train well with larger ratios); bad
/// when not finite (weights all 0), at least 1 (one step as large as the
/// weights) or below 1e-6 (the weights will barely move).
pub fn update_ratio_health(ratio: f64) -> Health {
    if !ratio.is_finite() || !(1e-6..1.0).contains(&ratio) {
        Health::Bad
    } else if (1e-4..=1e-2).contains(&ratio) {
        Health::Good
    } else {
        Health::Suspicious
    }
}

/// The gradient check's bands: below 1e-7 good; below 1e-4 acceptable only
/// where a kink (ReLU at 0) sits near a parameter; below 1e-2 suspicious;
/// above, wrong.
pub fn grad_check_health(relative_error: f64, uses_relu: bool) -> Health {
    if !relative_error.is_finite() || relative_error >= 1e-2 {
        Health::Bad
    } else if relative_error < 1e-7 || (relative_error < 1e-4 && uses_relu) {
        Health::Good
    } else {
        Health::Suspicious
    }
}

/// Runs four sanity checks on `net` with the data `(X, Y)` and the learning
/// rate and batch size of `config`, on copies (`net` is not changed):
///
/// 1. the initial cost per example against its value at chance
///    ([`SanityReport::chance_cost`]: `ln 10 ≈ 2.303` for ten softmax classes);
/// 2. the first [`SANITY_TINY_EXAMPLES`] rows trained full-batch for
///    [`SANITY_TINY_STEPS`] steps with `η = config.eta`: a network that works
///    learns them by heart, its cost falling near zero;
/// 3. the update-to-weight ratio `‖(η/m) ∇Wˡ‖ / ‖Wˡ‖` per layer on the first
///    batch of `config.batch_size` rows (about 1e-3 is healthy; far above, η
///    is too large; far below, too small);
/// 4. [`grad_check`] on the first 10 rows with its relative-error bands, and
///    the kink caveat when a layer uses ReLU (skipped above 10 000 parameters).
///
/// # Errors
/// [`Error::InvalidParameter`] for an `eta` that is not a finite number > 0 or
/// a `batch_size` of 0; the errors of [`Network::cost`] for `X` or `Y` that do
/// not fit (shapes, values that are not finite, targets the cost does not take);
/// [`Error::Diverged`] if the tiny run overflows.
///
/// ```
/// use backprop_lab::dense::{make_circles, Activation, Init, Network};
/// use backprop_lab::training::{sanity_check, Health, TrainConfig};
/// let (x, y) = make_circles(200, 0.3, 0.1, 0)?;
/// let net = Network::random(&[2, 3, 3, 1], Activation::Sigmoid, Init::Normal, 0)?;
/// let report = sanity_check(&net, &x, &y, &TrainConfig::new().eta(3.0).batch_size(50))?;
/// // One sigmoid output, the quadratic cost, 0/1 targets: ½ (0.5 − y)² = 1/8 at chance.
/// assert!((report.chance_cost - 0.125).abs() < 1e-12);
/// assert_eq!(report.update_ratios.len(), 3);
/// assert_eq!(report.grad_check_health(), Health::Good);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn sanity_check(
    net: &Network,
    x: &ArrayRef2<f64>,
    y: &ArrayRef2<f64>,
    config: &TrainConfig,
) -> Result<SanityReport> {
    const OP: &str = "sanity_check";
    if !(config.eta.is_finite() && config.eta > 0.0) {
        return Err(Error::InvalidParameter {
            op: OP,
            name: "eta",
            value: config.eta.to_string(),
            reason: "the learning rate must be a finite number > 0".into(),
        });
    }
    if config.batch_size == 0 {
        return Err(Error::InvalidParameter {
            op: OP,
            name: "batch_size",
            value: "0".into(),
            reason: "a batch holds at least one example".into(),
        });
    }
    let within = |e: Error| e.within(OP);
    let n = x.nrows();
    let initial_cost = net.cost(x, y).map_err(within)? / n as f64;
    let zero = net
        .with_params(&ndarray::Array1::zeros(net.num_params()))
        .map_err(within)?;
    let chance_cost = zero.cost(x, y).map_err(within)? / n as f64;
    let initial = if initial_cost <= 3.0 * chance_cost {
        Health::Good
    } else {
        Health::Bad
    };
    let (tiny_examples, tiny_costs) = tiny_run(net, x, y, config.eta).map_err(within)?;
    let tiny = if tiny_costs.1 < 0.1 * chance_cost {
        Health::Good
    } else if tiny_costs.1 > 0.5 * tiny_costs.0 {
        Health::Bad
    } else {
        Health::Suspicious
    };
    let update_ratios = update_ratios(net, x, y, config).map_err(within)?;
    let uses_relu = net.activation_fns().contains(&Activation::Relu);
    let (grad_check_error, grad_check_skipped) = if net.num_params() > MAX_CHECKED_PARAMS {
        (None, Some(format!("{} parameters, more than the {MAX_CHECKED_PARAMS} a gradient check takes; check a smaller network built the same way", net.num_params())))
    } else {
        let k = n.min(GRAD_CHECK_EXAMPLES);
        let (xs, ys) = (x.slice(s![..k, ..]), y.slice(s![..k, ..]));
        let r = grad_check(net, &xs, &ys, BackpropForm::Gemm, GRADCHECK_EPSILON).map_err(within)?;
        (Some(r.relative_error), None)
    };
    Ok(SanityReport {
        initial_cost,
        chance_cost,
        initial,
        tiny_examples,
        tiny_steps: SANITY_TINY_STEPS,
        tiny_costs,
        tiny,
        update_ratios,
        grad_check_error,
        grad_check_skipped,
        uses_relu,
    })
}

/// Trains a copy on the first rows, full batch: (rows, (cost before, cost after)).
fn tiny_run(
    net: &Network,
    x: &ArrayRef2<f64>,
    y: &ArrayRef2<f64>,
    eta: f64,
) -> Result<(usize, (f64, f64))> {
    let k = x.nrows().min(SANITY_TINY_EXAMPLES);
    let (xs, ys) = (x.slice(s![..k, ..]), y.slice(s![..k, ..]));
    let mut copy = net.clone();
    let before = copy.cost(&xs, &ys)? / k as f64;
    let cfg = TrainConfig::new()
        .eta(eta)
        .batch_size(k)
        .epochs(SANITY_TINY_STEPS);
    train(&mut copy, &xs, &ys, &cfg)?;
    Ok((k, (before, copy.cost(&xs, &ys)? / k as f64)))
}

/// `‖(η/m) ∇Wˡ‖ / ‖Wˡ‖` per layer on the first batch.
fn update_ratios(
    net: &Network,
    x: &ArrayRef2<f64>,
    y: &ArrayRef2<f64>,
    config: &TrainConfig,
) -> Result<Vec<f64>> {
    let m = x.nrows().min(config.batch_size);
    let g = backprop_gemm(net, &x.slice(s![..m, ..]), &y.slice(s![..m, ..]))?;
    let step = config.eta / m as f64;
    Ok(g.nabla_w
        .iter()
        .zip(net.layers())
        .map(|(gw, layer)| {
            let w = frobenius(layer.w());
            if w == 0.0 {
                f64::INFINITY
            } else {
                step * frobenius(gw) / w
            }
        })
        .collect())
}

impl SanityReport {
    /// The verdict on the update-to-weight ratios: the worst layer's.
    pub fn update_health(&self) -> Health {
        let hs: Vec<Health> = self
            .update_ratios
            .iter()
            .map(|&r| update_ratio_health(r))
            .collect();
        [Health::Bad, Health::Suspicious]
            .into_iter()
            .find(|h| hs.contains(h))
            .unwrap_or(Health::Good)
    }

    /// The verdict on the gradient check, by [`grad_check_health`].
    pub fn grad_check_health(&self) -> Health {
        self.grad_check_error
            .map_or(Health::Skipped, |e| grad_check_health(e, self.uses_relu))
    }

    fn table(&self) -> Table {
        let mut t = Table::new(
            "Sanity checks",
            &["check", "measured", "expected", "verdict"],
        );
        t.row(vec![
            "initial cost per example".into(),
            num(self.initial_cost),
            format!("near chance, {} (all zᴸ = 0)", num(self.chance_cost)),
            self.initial.word().into(),
        ]);
        t.row(vec![
            format!(
                "{} examples, {} full-batch steps",
                self.tiny_examples, self.tiny_steps
            ),
            format!("{} → {}", num(self.tiny_costs.0), num(self.tiny_costs.1)),
            format!("below {} (a tenth of chance)", num(0.1 * self.chance_cost)),
            self.tiny.word().into(),
        ]);
        for (l, &r) in self.update_ratios.iter().enumerate() {
            t.row(vec![
                format!("‖ΔW^{}‖ / ‖W^{}‖, one step", l + 1, l + 1),
                if r.is_finite() {
                    format!("{r:.1e}")
                } else {
                    "W is 0".into()
                },
                "about 1e-3 (1e-4 to 1e-2)".into(),
                match r {
                    r if r > 1e-2 => format!("{} (η large)", update_ratio_health(r).word()),
                    r if r < 1e-4 => format!("{} (η small)", update_ratio_health(r).word()),
                    _ => update_ratio_health(r).word().into(),
                },
            ]);
        }
        t.row(vec![
            "gradient check, relative error".into(),
            self.grad_check_error
                .map_or("—".into(), |e| format!("{e:.1e}")),
            match self.uses_relu {
                false => "< 1e-7 good; 1e-7 to 1e-2 suspicious; ≥ 1e-2 wrong",
                true => "< 1e-4 good with ReLU's kinks; up to 1e-2 suspicious; ≥ 1e-2 wrong",
            }
            .into(),
            self.grad_check_health().word().into(),
        ]);
        if let Some(why) = &self.grad_check_skipped {
            t.note(format!("Gradient check skipped: {why}."));
        }
        if self.uses_relu {
            t.note("A layer uses ReLU: where a weighted input sits within ε of 0 (the kink), the two-sided difference straddles it and disagrees with backprop, so errors up to 1e-4 are acceptable here.");
        }
        t
    }
}

impl std::fmt::Display for SanityReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.table().text())
    }
}

impl SanityReport {
    /// Shows the four checks with their verdicts in a notebook cell: an HTML
    /// table, with plain text for viewers without HTML.
    pub fn evcxr_display(&self) {
        self.table().emit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dense::{make_circles, one_hot, Cost, Init};
    use ndarray::Array2;

    #[test]
    fn chance_is_ln_10_for_ten_softmax_classes() {
        // Ten classes, softmax with cross-entropy: at zᴸ = 0 every class gets
        // 1/10, and −ln(1/10) = ln 10 = 2.302585092994046 (std's LN_10).
        let x = Array2::from_shape_fn((20, 4), |(i, j)| ((i * 7 + j * 3) % 11) as f64 / 11.0);
        let labels: Vec<usize> = (0..20).map(|i| i % 10).collect();
        let y = one_hot(&labels, 10).unwrap();
        let net = Network::random(&[4, 6, 10], Activation::Sigmoid, Init::Scaled, 3)
            .unwrap()
            .with_output(Activation::Softmax, Cost::CrossEntropy)
            .unwrap();
        let r = sanity_check(&net, &x, &y, &TrainConfig::new().eta(0.5).batch_size(10)).unwrap();
        assert!(
            (r.chance_cost - std::f64::consts::LN_10).abs() < 1e-12,
            "{}",
            r.chance_cost
        );
        assert_eq!(r.update_ratios.len(), 2);
    }

    #[test]
    fn ratio_of_a_one_layer_identity_step_by_hand() {
        // One identity neuron, w = 2, b = 0, one example x = 1, y = 0:
        // a = 2, ∂C/∂w = (a − y)·x = 2, so with η = 0.1 and m = 1 the step is
        // 0.2 and ‖ΔW‖/‖W‖ = 0.2 / 2 = 0.1.
        let net = Network::from_params(
            vec![ndarray::array![[2.0]]],
            vec![ndarray::array![[0.0]]],
            Activation::Identity,
        )
        .unwrap();
        let (x, y) = (ndarray::array![[1.0]], ndarray::array![[0.0]]);
        let r = sanity_check(&net, &x, &y, &TrainConfig::new().eta(0.1).batch_size(1)).unwrap();
        assert!((r.update_ratios[0] - 0.1).abs() < 1e-15);
        // Identity output, quadratic cost: chance is ½ (0 − 0)² = 0; the
        // initial cost ½ · 2² = 2 is far above it.
        assert_eq!((r.chance_cost, r.initial_cost), (0.0, 2.0));
        assert_eq!(r.initial, Health::Bad);
    }

    #[test]
    fn circles_network_is_healthy_and_zero_weights_are_flagged() {
        let (x, y) = make_circles(100, 0.3, 0.1, 0).unwrap();
        let net = Network::random(&[2, 3, 3, 1], Activation::Sigmoid, Init::Normal, 0).unwrap();
        let cfg = TrainConfig::new().eta(3.0).batch_size(50);
        let r = sanity_check(&net, &x, &y, &cfg).unwrap();
        // One sigmoid output, 0/1 targets: ½ (σ(0) − y)² = ½ · 0.25 = 0.125.
        assert!((r.chance_cost - 0.125).abs() < 1e-12);
        assert_eq!(r.grad_check_health(), Health::Good);
        let zero = net
            .with_params(&ndarray::Array1::zeros(net.num_params()))
            .unwrap();
        let z = sanity_check(&zero, &x, &y, &cfg).unwrap();
        assert!(z.update_ratios.iter().all(|r| r.is_infinite()));
        assert_eq!(z.update_health(), Health::Bad);
        assert!(z.to_string().contains("W is 0"));
    }

    #[test]
    fn bad_input_is_an_error_naming_it() {
        let (x, y) = make_circles(20, 0.3, 0.1, 0).unwrap();
        let net = Network::random(&[2, 3, 1], Activation::Sigmoid, Init::Normal, 0).unwrap();
        for (cfg, name) in [
            (TrainConfig::new().eta(f64::NAN), "eta"),
            (TrainConfig::new().eta(-1.0), "eta"),
            (TrainConfig::new().batch_size(0), "batch_size"),
        ] {
            let e = sanity_check(&net, &x, &y, &cfg).unwrap_err();
            assert!(
                matches!(e, Error::InvalidParameter { name: n, .. } if n == name),
                "{e}"
            );
        }
        let mut bad = x.clone();
        bad[[3, 1]] = f64::NAN;
        assert!(sanity_check(&net, &bad, &y, &TrainConfig::new()).is_err());
        let wide = Array2::zeros((20, 3));
        assert!(sanity_check(&net, &wide, &y, &TrainConfig::new()).is_err());
    }

    #[test]
    fn bands_follow_cs231n() {
        assert_eq!(grad_check_health(3e-2, false), Health::Bad);
        assert_eq!(grad_check_health(1e-3, false), Health::Suspicious);
        assert_eq!(grad_check_health(1e-5, false), Health::Suspicious);
        assert_eq!(grad_check_health(1e-5, true), Health::Good);
        assert_eq!(grad_check_health(1e-9, false), Health::Good);
        assert_eq!(update_ratio_health(1e-3), Health::Good);
        assert_eq!(update_ratio_health(5e-2), Health::Suspicious);
        assert_eq!(update_ratio_health(1.0), Health::Bad);
        assert_eq!(update_ratio_health(1e-7), Health::Bad);
        assert_eq!(update_ratio_health(1e-5), Health::Suspicious);
    }
}
