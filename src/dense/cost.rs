//! The costs the labs use, and the cost a network is trained on ([`Cost`]).

use ndarray::{ArrayRef2, ArrayView2, Zip};

use crate::dense::activation::Activation;

use crate::error::shape_str;
use crate::error::{check_finite, check_finite_result_scalar, shape_err, Error, Result};

/// The walkthrough's `mse`: the mean of `(ŷ − y)²` over every entry.
///
/// # Errors
/// [`Error::Shape`] if the shapes differ, [`Error::Empty`] if they are empty,
/// [`Error::NonFinite`] on NaN or infinity; [`Error::Diverged`] if the squares
/// overflow (entries apart by more than about 1e154).
///
/// ```
/// use backprop_lab::{dense::mse, ndarray::array};
/// assert_eq!(mse(&array![[1.0], [3.0]], &array![[0.0], [1.0]])?, 2.5);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn mse(y_hat: &ArrayRef2<f64>, y: &ArrayRef2<f64>) -> Result<f64> {
    let sq = checked_square_sum("mse", y_hat, y)?;
    check_finite_result_scalar("mse", "the mean squared error", sq / y.len() as f64)
}

/// The walkthrough's `cost_mse` and Nielsen's quadratic cost:
/// `C = ½ ‖ŷ − y‖²`, summed over every entry (so over every example of a batch).
/// Its derivative with respect to `ŷ` is `ŷ − y`.
///
/// # Errors
/// As for [`mse`].
///
/// ```
/// use backprop_lab::{dense::half_sse, ndarray::array};
/// assert_eq!(half_sse(&array![[1.0], [3.0]], &array![[0.0], [1.0]])?, 2.5);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn half_sse(y_hat: &ArrayRef2<f64>, y: &ArrayRef2<f64>) -> Result<f64> {
    let sq = checked_square_sum("half_sse", y_hat, y)?;
    check_finite_result_scalar("half_sse", "the cost ½ ‖ŷ − y‖²", 0.5 * sq)
}

fn checked_square_sum(op: &'static str, y_hat: &ArrayRef2<f64>, y: &ArrayRef2<f64>) -> Result<f64> {
    if y_hat.shape() != y.shape() {
        return Err(shape_err(
            op,
            format!(
                "predictions have shape {} but labels have shape {}",
                shape_str(y_hat.shape()),
                shape_str(y.shape())
            ),
        ));
    }
    if y.is_empty() {
        return Err(Error::Empty {
            op,
            what: "the labels".into(),
        });
    }
    check_finite(op, "the predictions", y_hat.view())?;
    check_finite(op, "the labels", y.view())?;
    Ok(y_hat
        .iter()
        .zip(y.iter())
        .map(|(p, t)| (p - t) * (p - t))
        .sum())
}

/// The cost a [`Network`](crate::dense::Network) is trained on, per example, summed
/// over a batch. Each pairs with certain output activations; backprop's output
/// error `δᴸ = ∂C/∂zᴸ` (BP1) follows from the pair:
///
/// | cost | output | `C` for one example | `δᴸ` |
/// |---|---|---|---|
/// | `Quadratic` | any element-wise `f` | `½ ‖a − y‖²` | `(a − y) ⊙ f′(zᴸ)` |
/// | `CrossEntropy` | sigmoid | `−Σ_j [y_j ln a_j + (1 − y_j) ln(1 − a_j)]` | `a − y` |
/// | `CrossEntropy` | softmax | `−Σ_j y_j ln a_j` | `a − y` |
///
/// With cross-entropy the `f′(zᴸ)` factor cancels (for sigmoid,
/// `∂C/∂a_j = (a_j − y_j) / (a_j(1 − a_j))` and `σ′ = a(1 − a)`), so a
/// saturated output neuron that is wrong still learns fast: Nielsen's
/// chapter 3. Targets `y` must lie in [0, 1]; with softmax each row must also
/// sum to 1 (a one-hot row does).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Cost {
    /// `C = ½ ‖a − y‖²`, the labs' cost.
    #[default]
    Quadratic,
    /// Cross-entropy, for sigmoid or softmax outputs.
    CrossEntropy,
}

impl Cost {
    /// The name used in tables and messages.
    pub fn name(self) -> &'static str {
        match self {
            Cost::Quadratic => "quadratic",
            Cost::CrossEntropy => "cross-entropy",
        }
    }

    /// Checks that this cost pairs with the output activation `f` (see the table
    /// on [`Cost`]).
    ///
    /// # Errors
    /// [`Error::Unsupported`] for softmax with the quadratic cost, and for
    /// cross-entropy with an output that is not a sigmoid or softmax.
    pub(crate) fn check_output(self, op: &'static str, f: Activation) -> Result<()> {
        match (self, f) {
            (Cost::Quadratic, Activation::Softmax) => Err(Error::Unsupported {
                op,
                reason: "a softmax output pairs with Cost::CrossEntropy only: with the quadratic \
                         cost its output error would need softmax's whole Jacobian, not (a − y) ⊙ f′(z)"
                    .into(),
            }),
            (Cost::CrossEntropy, Activation::Sigmoid | Activation::Softmax)
            | (Cost::Quadratic, _) => Ok(()),
            (Cost::CrossEntropy, other) => Err(Error::Unsupported {
                op,
                reason: format!(
                    "the cross-entropy cost takes ln a and ln(1 − a), so it needs outputs in (0, 1): \
                     a sigmoid or softmax output layer, not {other}"
                ),
            }),
        }
    }

    /// Checks targets `y` `(N, k)` for this cost and output: any finite value for
    /// the quadratic cost; values in [0, 1] for cross-entropy, each row summing to
    /// 1 with softmax.
    pub(crate) fn check_targets(
        self,
        op: &'static str,
        f: Activation,
        y: ArrayView2<'_, f64>,
    ) -> Result<()> {
        if self == Cost::Quadratic {
            return Ok(());
        }
        for (i, row) in y.rows().into_iter().enumerate() {
            if let Some((j, v)) = row
                .iter()
                .enumerate()
                .find(|(_, v)| !(0.0..=1.0).contains(*v))
            {
                return Err(Error::Domain {
                    op,
                    detail: format!(
                        "Y[{i}, {j}] is {v}, but the cross-entropy cost needs targets from 0 to 1"
                    ),
                });
            }
            let total: f64 = row.sum();
            if f == Activation::Softmax && (total - 1.0).abs() > 1e-9 {
                return Err(Error::Domain {
                    op,
                    detail: format!(
                        "row {i} of Y sums to {total}, but a softmax output needs each target row \
                         to sum to 1, e.g. one-hot (one 1, the rest 0)"
                    ),
                });
            }
        }
        Ok(())
    }
}

impl std::fmt::Display for Cost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// BP1 for one output neuron: `δ = ∂C/∂z` given `z`, `a = f(z)` and the
/// target `y` (see the table on [`Cost`]).
#[inline]
pub(crate) fn output_error(cost: Cost, f: Activation, z: f64, a: f64, y: f64) -> f64 {
    match cost {
        // ∂C/∂a = a − y, times ∂a/∂z = f′(z).
        Cost::Quadratic => (a - y) * f.prime_given(z, a),
        // ∂C/∂a and ∂a/∂z multiply out to a − y (sigmoid and softmax alike).
        Cost::CrossEntropy => a - y,
    }
}

/// `ln(1 + e^t)` without overflow for large `t` or loss of digits for very
/// negative `t`.
fn softplus(t: f64) -> f64 {
    t.max(0.0) + (-t.abs()).exp().ln_1p()
}

/// The cost of a batch, summed over its examples, from the output layer's
/// `z` and `a = f(z)` (each `(k, N)`, one column per example) and the targets
/// `y` `(N, k)`.
///
/// Cross-entropy is computed from `z`, not from `a`: `ln σ(z) = −softplus(−z)`,
/// `ln(1 − σ(z)) = −softplus(z)`, and `ln softmax_j = z_j − ln Σ_k e^{z_k}`. A
/// saturated output (`a` rounded to exactly 0 or 1) then still gives a finite
/// cost, where `ln a` would give `−∞` (Nielsen's code papers over it with
/// `nan_to_num`).
pub(crate) fn total_cost(
    cost: Cost,
    f: Activation,
    z: ArrayView2<'_, f64>,
    a: ArrayView2<'_, f64>,
    y: ArrayView2<'_, f64>,
) -> f64 {
    let y = y.t();
    match (cost, f) {
        // ½ Σ (a − y)²
        (Cost::Quadratic, _) => Zip::from(a)
            .and(y)
            .fold(0.0, |c, a, y| c + 0.5 * (a - y) * (a - y)),
        // −Σ_j y_j ln a_j, with ln a_j = z_j − ln Σ_k e^{z_k} for each column.
        (Cost::CrossEntropy, Activation::Softmax) => {
            Zip::from(z.columns())
                .and(y.columns())
                .fold(0.0, |c, z, y| {
                    let top = z.fold(f64::NEG_INFINITY, |t, v| t.max(*v));
                    let log_sum = top + z.mapv(|v| (v - top).exp()).sum().ln();
                    c + Zip::from(z).and(y).fold(0.0, |s, z, y| {
                        if *y == 0.0 {
                            s
                        } else {
                            s + y * (log_sum - z)
                        }
                    })
                })
        }
        // −Σ [y ln σ(z) + (1 − y) ln(1 − σ(z))]
        (Cost::CrossEntropy, _) => Zip::from(z).and(y).fold(0.0, |c, z, y| {
            c + y * softplus(-z) + (1.0 - y) * softplus(*z)
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn mismatched_shapes_are_named() {
        let err = mse(&array![[1.0, 2.0]], &array![[1.0], [2.0]]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "mse: predictions have shape (1, 2) but labels have shape (2, 1)"
        );
    }

    #[test]
    fn cross_entropy_by_hand_and_when_saturated() {
        // Sigmoid, z = 0: a = ½, so C = −[y ln ½ + (1 − y) ln ½] = ln 2 for any y.
        let c = total_cost(
            Cost::CrossEntropy,
            Activation::Sigmoid,
            array![[0.0]].view(),
            array![[0.5]].view(),
            array![[0.3]].view(),
        );
        assert!((c - 2f64.ln()).abs() < 1e-15, "{c}");
        // z = 40: σ(z) rounds to 1, ln(1 − a) would be −∞; from z, the cost with
        // y = 0 is softplus(40) = 40 + ln(1 + e^−40).
        let c = total_cost(
            Cost::CrossEntropy,
            Activation::Sigmoid,
            array![[40.0]].view(),
            array![[1.0]].view(),
            array![[0.0]].view(),
        );
        assert!((c - 40.0).abs() < 1e-12, "{c}");
        // Softmax of (0, ln 3) is (¼, ¾); target class 0 costs −ln ¼ = ln 4.
        let c = total_cost(
            Cost::CrossEntropy,
            Activation::Softmax,
            array![[0.0], [3f64.ln()]].view(),
            array![[0.25], [0.75]].view(),
            array![[1.0, 0.0]].view(),
        );
        assert!((c - 4f64.ln()).abs() < 1e-12, "{c}");
    }

    #[test]
    fn pairings_and_targets_are_checked() {
        let e = Cost::Quadratic
            .check_output("set_output", Activation::Softmax)
            .unwrap_err()
            .to_string();
        assert!(e.contains("Cost::CrossEntropy"), "{e}");
        let e = Cost::CrossEntropy
            .check_output("set_output", Activation::Relu)
            .unwrap_err()
            .to_string();
        assert!(e.contains("not relu"), "{e}");
        let y = array![[1.0, 0.0], [1.0, 1.0]];
        let e = Cost::CrossEntropy
            .check_targets("train", Activation::Softmax, y.view())
            .unwrap_err()
            .to_string();
        assert!(e.contains("row 1 of Y sums to 2"), "{e}");
        assert!(Cost::CrossEntropy
            .check_targets("train", Activation::Sigmoid, y.view())
            .is_ok());
        let e = Cost::CrossEntropy
            .check_targets("train", Activation::Sigmoid, array![[2.0]].view())
            .unwrap_err()
            .to_string();
        assert!(e.contains("Y[0, 0] is 2"), "{e}");
    }

    #[test]
    fn walkthrough_single_example_cost() {
        // Walkthrough: output 0.76936505 with label -1 gives mse 3.1306526667...
        // (printed to 8 digits for the output, so compare to 1e-7).
        let c = mse(&array![[0.76936505]], &array![[-1.0]]).unwrap();
        assert!((c - 3.1306526667222374).abs() < 1e-7, "{c}");
    }
}
