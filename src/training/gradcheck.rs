//! Gradient checking: compare backprop's gradients with two-sided differences
//! `Δ_i = (C(θ + ε e_i) − C(θ − ε e_i)) / 2ε`, by the relative error
//! `‖Δ − ∇C‖ / (‖Δ‖ + ‖∇C‖)`.

use ndarray::{Array1, Array2};
use ndarray::{ArrayRef1, ArrayRef2};

use crate::backprop::BackpropForm;
use crate::dense::network::Network;
use crate::dense::params;
use crate::error::{check_finite_slice, shape_err, Error, Result};
use crate::show::Table;

/// The walkthrough's step, `ε = 1e-7`; it also takes an error below `1e-7` to mean
/// the gradients are right.
pub const GRADCHECK_EPSILON: f64 = 1e-7;

/// Two lists of per-layer matrices: `(weights, biases)` from [`set_params`], or
/// `(nabla_b, nabla_w)` from [`NielsenNetwork::backprop`](crate::training::NielsenNetwork::backprop).
pub type LayerLists = (Vec<Array2<f64>>, Vec<Array2<f64>>);

/// The walkthrough's `get_params(weights, biases)`: every weight matrix, then every
/// bias, flattened row by row into one vector.
///
/// ```
/// use backprop_lab::{training::get_params, ndarray::array};
/// let p = get_params(&[array![[9.0, 6.0], [5.0, 3.0]]], &[array![[1.0], [2.0]]]);
/// assert_eq!(p.to_vec(), vec![9.0, 6.0, 5.0, 3.0, 1.0, 2.0]);
/// ```
pub fn get_params(weights: &[Array2<f64>], biases: &[Array2<f64>]) -> Array1<f64> {
    Array1::from(params::flatten(weights, biases))
}

/// The walkthrough's `set_params`: cuts `params` (laid out as by [`get_params`])
/// back into matrices shaped like `orig_weights` and `orig_biases`, whose values
/// are not used. It takes the type [`get_params`] returns.
///
/// # Errors
/// [`Error::Shape`] if the length does not match the templates;
/// [`Error::NonFinite`] on NaN or infinity in `params`.
///
/// ```
/// use backprop_lab::{training::{get_params, set_params}, ndarray::array};
/// let (w, b) = (vec![array![[9.0, 6.0], [5.0, 3.0]]], vec![array![[1.0], [2.0]]]);
/// assert_eq!(set_params(&get_params(&w, &b), &w, &b)?, (w, b));
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn set_params(
    params: &ArrayRef1<f64>,
    orig_weights: &[Array2<f64>],
    orig_biases: &[Array2<f64>],
) -> Result<LayerLists> {
    const OP: &str = "set_params";
    let need: usize = params::in_theta_order(orig_weights, orig_biases)
        .map(|m| m.len())
        .sum();
    if params.len() != need {
        return Err(shape_err(
            OP,
            format!(
                "the vector has {} entries but the templates hold {need} parameters",
                params.len()
            ),
        ));
    }
    crate::error::check_finite(OP, "the parameter vector", params.view())?;
    let theta = params.to_vec();
    Ok(params::unflatten(&theta, orig_weights, orig_biases))
}

/// `‖a − b‖ / (‖a‖ + ‖b‖)`, and `0` when both are zero vectors.
///
/// # Errors
/// [`Error::Shape`] if the lengths differ.
///
/// ```
/// use backprop_lab::training::relative_error;
/// assert_eq!(relative_error(&[3.0, 4.0], &[3.0, 4.0])?, 0.0);
/// // ‖(0, 2)‖ / (‖(3, 4)‖ + ‖(3, 2)‖)
/// let e = relative_error(&[3.0, 4.0], &[3.0, 2.0])?;
/// assert!((e - 2.0 / (5.0 + 13f64.sqrt())).abs() < 1e-15);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn relative_error(a: &[f64], b: &[f64]) -> Result<f64> {
    const OP: &str = "relative_error";
    if a.len() != b.len() {
        return Err(shape_err(
            OP,
            format!("the vectors have lengths {} and {}", a.len(), b.len()),
        ));
    }
    check_finite_slice(OP, "a", a)?;
    check_finite_slice(OP, "b", b)?;
    Ok(relative_error_unchecked(a, b))
}

/// The ratio is unchanged when both vectors are divided by their largest entry,
/// and after that division no square can overflow (or vanish below the smallest
/// normal number unless it is negligible anyway).
fn relative_error_unchecked(a: &[f64], b: &[f64]) -> f64 {
    let scale = a.iter().chain(b).fold(0.0f64, |m, v| m.max(v.abs()));
    if scale == 0.0 {
        return 0.0;
    }
    let norm =
        |v: &mut dyn Iterator<Item = f64>| v.map(|x| (x / scale).powi(2)).sum::<f64>().sqrt();
    let diff = norm(&mut a.iter().zip(b).map(|(x, y)| x / 2.0 - y / 2.0)) * 2.0;
    diff / (norm(&mut a.iter().copied()) + norm(&mut b.iter().copied()))
}

/// Two-sided differences of `f` at `at`, one coordinate at a time.
///
/// # Errors
/// [`Error::Empty`] for an empty point; [`Error::InvalidParameter`] unless
/// `eps > 0`; [`Error::NonFinite`] if the point or a value of `f` is not finite.
///
/// ```
/// use backprop_lab::training::numerical_gradient;
/// // f(x, y) = x² y has gradient (2xy, x²) = (12, 4) at (2, 3).
/// let g = numerical_gradient(|p: &[f64]| p[0] * p[0] * p[1], &[2.0, 3.0], 1e-5)?;
/// assert!((g[0] - 12.0).abs() < 1e-8 && (g[1] - 4.0).abs() < 1e-8);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn numerical_gradient<F: Fn(&[f64]) -> f64>(f: F, at: &[f64], eps: f64) -> Result<Array1<f64>> {
    Ok(numerical_gradient_dyn("numerical_gradient", &f, at, eps)?.0)
}

/// Also returns the largest `|f|` met, for the noise estimate.
fn numerical_gradient_dyn(
    op: &'static str,
    f: &dyn Fn(&[f64]) -> f64,
    at: &[f64],
    eps: f64,
) -> Result<(Array1<f64>, f64)> {
    if at.is_empty() {
        return Err(Error::Empty {
            op,
            what: "the point to differentiate at".into(),
        });
    }
    if !(eps.is_finite() && eps > 0.0) {
        return Err(Error::InvalidParameter {
            op,
            name: "eps",
            value: eps.to_string(),
            reason: "the step must be a finite number > 0".into(),
        });
    }
    check_finite_slice(op, "the point", at)?;
    let mut p = at.to_vec();
    let mut g = Array1::zeros(at.len());
    let mut largest = 0.0f64;
    for i in 0..at.len() {
        p[i] = at[i] + eps;
        let plus = f(&p);
        p[i] = at[i] - eps;
        let minus = f(&p);
        p[i] = at[i];
        if !(plus.is_finite() && minus.is_finite()) {
            return Err(Error::NonFinite {
                op,
                what: "the function's value".into(),
                at: format!("coordinate {i} ± {eps}"),
                value: if plus.is_finite() { minus } else { plus },
            });
        }
        largest = largest.max(plus.abs()).max(minus.abs());
        // Halves first, so that plus − minus cannot overflow.
        g[i] = (plus / 2.0 - minus / 2.0) / eps;
        if !g[i].is_finite() {
            return Err(Error::Diverged {
                op,
                what: format!("the difference quotient of coordinate {i}"),
                at: format!("f(+) = {plus}, f(−) = {minus}, eps = {eps}"),
            });
        }
    }
    Ok((g, largest))
}

/// One parameter's line in a [`GradCheckReport`].
#[derive(Debug, Clone, PartialEq)]
pub struct GradCheckEntry {
    /// The parameter's name, e.g. `W2[1,0]`.
    pub name: String,
    /// The gradient under test.
    pub analytic: f64,
    /// The two-sided difference.
    pub numeric: f64,
    /// `|numeric − analytic| / (|numeric| + |analytic|)`, 0 when both are 0.
    pub relative_error: f64,
}

/// The outcome of a gradient check.
#[derive(Debug, Clone, PartialEq)]
pub struct GradCheckReport {
    /// One entry per parameter.
    pub entries: Vec<GradCheckEntry>,
    /// `‖Δ − ∇C‖ / (‖Δ‖ + ‖∇C‖)` over the whole vector.
    pub relative_error: f64,
    /// The step used.
    pub epsilon: f64,
    /// The rounding noise to expect in each numerical entry, `ε_mach · max|C| / ε`:
    /// the cost is only known to about `ε_mach · |C|`, and the difference divides
    /// that by `ε`. Relative errors near `noise_floor / |gradient|` measure
    /// rounding, not a bug; shrinking the error below that needs a larger gradient
    /// or a larger `ε`, not a better backprop.
    pub noise_floor: f64,
}

impl GradCheckReport {
    /// The report, or [`Error::Diverged`] if the noise estimate overflows
    /// (a tiny `ε` with a huge cost).
    fn build(
        op: &'static str,
        names: Vec<String>,
        analytic: &[f64],
        numeric: &[f64],
        epsilon: f64,
        largest_cost: f64,
    ) -> Result<Self> {
        let entries = names
            .into_iter()
            .zip(analytic.iter().zip(numeric))
            .map(|(name, (&a, &n))| GradCheckEntry {
                name,
                analytic: a,
                numeric: n,
                relative_error: relative_error_unchecked(&[n], &[a]),
            })
            .collect();
        let noise_floor = crate::error::check_finite_result_scalar(
            op,
            "the rounding-noise estimate ε_mach · max|C| / ε",
            f64::EPSILON * largest_cost / epsilon,
        )?;
        Ok(GradCheckReport {
            entries,
            relative_error: relative_error_unchecked(numeric, analytic),
            epsilon,
            noise_floor,
        })
    }

    /// The entry with the largest relative error (`None` for a report without entries).
    pub fn worst(&self) -> Option<&GradCheckEntry> {
        self.entries
            .iter()
            .max_by(|a, b| a.relative_error.total_cmp(&b.relative_error))
    }

    /// True when the overall relative error is below `tol` (the walkthrough uses 1e-7).
    pub fn passes(&self, tol: f64) -> bool {
        self.relative_error < tol
    }
}

impl std::fmt::Display for GradCheckReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{:<10} {:>16} {:>16} {:>11}",
            "parameter", "backprop", "numerical", "rel. error"
        )?;
        for e in &self.entries {
            writeln!(
                f,
                "{:<10} {:>16.9e} {:>16.9e} {:>11.2e}",
                e.name, e.analytic, e.numeric, e.relative_error
            )?;
        }
        write!(f, "{}", self.summary())
    }
}

/// Checks `analytic`, a claimed gradient of `f` at `at`, against two-sided differences.
/// The report names the parameters `θ[0]`, `θ[1]`, … (θ for the point, so the
/// names cannot be mistaken for a data set's `x`).
///
/// # Errors
/// [`Error::Shape`] if `analytic` and `at` differ in length, and the errors of
/// [`numerical_gradient`]; [`Error::Diverged`] if the rounding-noise estimate
/// `ε_mach · max|f| / ε` overflows.
///
/// ```
/// use backprop_lab::training::{check_gradient, GRADCHECK_EPSILON};
/// let f = |p: &[f64]| p[0].sin() * p[1];
/// let at = [0.3, 2.0];
/// let right = [0.3f64.cos() * 2.0, 0.3f64.sin()];
/// assert!(check_gradient(f, &right, &at, GRADCHECK_EPSILON)?.passes(1e-7));
/// let wrong = [0.3f64.cos(), 0.3f64.sin()];
/// assert!(!check_gradient(f, &wrong, &at, GRADCHECK_EPSILON)?.passes(1e-7));
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn check_gradient<F: Fn(&[f64]) -> f64>(
    f: F,
    analytic: &[f64],
    at: &[f64],
    eps: f64,
) -> Result<GradCheckReport> {
    const OP: &str = "check_gradient";
    if analytic.len() != at.len() {
        return Err(shape_err(
            OP,
            format!(
                "the gradient has {} entries but the point has {}",
                analytic.len(),
                at.len()
            ),
        ));
    }
    check_finite_slice(OP, "the gradient", analytic)?;
    let (numeric, largest) = numerical_gradient_dyn(OP, &f, at, eps)?;
    let names = (0..at.len()).map(|i| format!("θ[{i}]")).collect();
    GradCheckReport::build(
        OP,
        names,
        analytic,
        numeric.as_slice().expect("fresh array is contiguous"),
        eps,
        largest,
    )
}

/// The most parameters [`grad_check`] differentiates numerically.
pub(crate) const MAX_CHECKED_PARAMS: usize = 10_000;

/// Refuses a gradient check of more than [`MAX_CHECKED_PARAMS`] parameters,
/// for `op` (`grad_check`, or `train` with the check on).
pub(crate) fn check_param_count(op: &'static str, params: usize) -> Result<()> {
    if params <= MAX_CHECKED_PARAMS {
        return Ok(());
    }
    Err(Error::InvalidParameter {
        op,
        name: "net",
        value: format!("a network of {params} parameters"),
        reason: format!(
            "a gradient check runs two passes per parameter and takes at most {MAX_CHECKED_PARAMS}; check a smaller network built the same way, or a few parameters with check_gradient"
        ),
    })
}

/// Checks a network's backprop (in the given form) on the batch `(X, Y)` for the
/// network's [`Cost`](crate::dense::Cost) (by default `C = ½ Σ ‖a^L − y‖²`), parameter
/// by parameter.
///
/// Each parameter costs two passes over the batch, so the check takes at
/// most 10,000 parameters (the digits network of notebook 09 has 2,260);
/// for a larger network, check a smaller one built the same way, or a few
/// parameters with [`check_gradient`].
///
/// # Errors
/// The errors of the backprop forms for bad `X`/`Y`, and of [`numerical_gradient`];
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) for a network of more than
/// 10,000 parameters;
/// [`Error::Diverged`] if backprop's gradient or the rounding-noise estimate
/// overflows from finite input (e.g. weights of 1e200).
///
/// ```
/// use backprop_lab::{training::grad_check, dense::{make_circles, Activation, Init, Network}, backprop::BackpropForm};
/// let net = Network::random(&[2, 3, 3, 1], Activation::Sigmoid, Init::Uniform, 0)?;
/// let (x, y) = make_circles(20, 0.3, 0.1, 0)?;
/// let report = grad_check(&net, &x, &y, BackpropForm::Gemm, 1e-7)?;
/// assert_eq!(report.entries.len(), 25);
/// assert!(report.relative_error < 1e-7);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn grad_check(
    net: &Network,
    x: &ArrayRef2<f64>,
    y: &ArrayRef2<f64>,
    form: BackpropForm,
    eps: f64,
) -> Result<GradCheckReport> {
    const OP: &str = "grad_check";
    net.check_xy(OP, x, y)?;
    if form == BackpropForm::Tensor {
        net.check_stack_buffers(OP, x.nrows())?;
    }
    let params = net.get_params();
    check_param_count(OP, params.len())?;
    let (xv, yv) = (x.view(), y.view());
    let cost = |p: &[f64]| {
        let mut n = net.clone();
        n.set_params_unchecked(p);
        crate::engine::forward::cost(&n, xv, yv)
    };
    // The differences first: they validate eps before backprop does any work.
    let (numeric, largest) = numerical_gradient_dyn(
        OP,
        &cost,
        params.as_slice().expect("fresh array is contiguous"),
        eps,
    )?;
    let analytic = crate::engine::workspace::gradients(net, xv, yv, form);
    analytic.check_finite(OP)?;
    let analytic = analytic.to_vec();
    GradCheckReport::build(
        OP,
        net.param_names(),
        analytic.as_slice().expect("fresh array is contiguous"),
        numeric.as_slice().expect("fresh array is contiguous"),
        eps,
        largest,
    )
}

impl GradCheckReport {
    /// The closing line: the overall error, the worst parameter, the noise floor.
    fn summary(&self) -> String {
        let worst = match self.worst() {
            Some(w) => format!("worst parameter {} at {:.2e}", w.name, w.relative_error),
            None => "no parameters were checked".into(),
        };
        format!(
            "overall relative error {:.3e} (ε = {:e}); {worst}; rounding noise per entry ≈ {:.1e}",
            self.relative_error, self.epsilon, self.noise_floor
        )
    }

    /// Shows the report in a notebook cell: a table of every parameter (at most
    /// 200 rows, the worst first beyond that) and the summary.
    pub fn evcxr_display(&self) {
        let mut t = Table::new(
            "Gradient check: backprop against two-sided differences",
            &["parameter", "backprop", "numerical", "rel. error"],
        );
        let mut entries: Vec<&GradCheckEntry> = self.entries.iter().collect();
        if entries.len() > 200 {
            entries.sort_by(|a, b| b.relative_error.total_cmp(&a.relative_error));
            entries.truncate(200);
        }
        for e in entries {
            t.row(vec![
                e.name.clone(),
                format!("{:.9e}", e.analytic),
                format!("{:.9e}", e.numeric),
                format!("{:.2e}", e.relative_error),
            ]);
        }
        t.note(self.summary());
        t.emit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dense::{make_circles, Activation, Init};
    use ndarray::array;

    #[test]
    fn set_params_inverts_get_params() {
        // The walkthrough's check: set_params(get_params(w, b), w, b) gives back w, b.
        let w = vec![
            array![[9.0, 6.0], [5.0, 3.0], [5.0, 9.0]],
            array![[7.0, 8.0, 1.0]],
        ];
        let b = vec![array![[1.0], [2.0], [3.0]], array![[4.0]]];
        let (w2, b2) = set_params(&get_params(&w, &b), &w, &b).unwrap();
        assert_eq!((w2, b2), (w, b));
        assert!(set_params(&array![1.0], &[array![[1.0, 2.0]]], &[]).is_err());
        assert!(set_params(&array![f64::NAN, 1.0], &[array![[1.0, 2.0]]], &[]).is_err());
    }

    #[test]
    fn a_broken_gradient_fails_the_check() {
        let net = Network::random(&[2, 3, 1], Activation::Tanh, Init::Normal, 3).unwrap();
        let (x, y) = make_circles(10, 0.3, 0.1, 0).unwrap();
        let report = grad_check(&net, &x, &y, BackpropForm::PerExample, 1e-6).unwrap();
        assert!(report.passes(1e-7), "{report}");
        // Tamper with one analytic entry: the per-parameter table finds it.
        let mut analytic: Vec<f64> = report.entries.iter().map(|e| e.analytic).collect();
        analytic[4] += 0.1;
        let numeric: Vec<f64> = report.entries.iter().map(|e| e.numeric).collect();
        let bad =
            GradCheckReport::build("t", net.param_names(), &analytic, &numeric, 1e-6, 1.0).unwrap();
        assert!(!bad.passes(1e-7));
        assert_eq!(bad.worst().unwrap().name, net.param_names()[4]);
    }

    #[test]
    fn bad_arguments_are_errors() {
        assert!(numerical_gradient(|p: &[f64]| p[0], &[], 1e-7).is_err());
        assert!(numerical_gradient(|p: &[f64]| p[0], &[1.0], 0.0).is_err());
        assert!(numerical_gradient(|p: &[f64]| 1.0 / (p[0] - 1.0) / 0.0, &[1.0], 1e-3).is_err());
        assert!(check_gradient(|p: &[f64]| p[0], &[1.0, 2.0], &[1.0], 1e-7).is_err());
        assert!(relative_error(&[1.0], &[1.0, 2.0]).is_err());
    }
}
