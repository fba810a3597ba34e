//! The costs the labs use.

use ndarray::ArrayRef2;

use crate::error::shape_str;
use crate::error::{check_finite, shape_err, Error, Result};

/// The walkthrough's `mse`: the mean of `(ŷ − y)²` over every entry.
///
/// # Errors
/// [`Error::Shape`] if the shapes differ, [`Error::Empty`] if they are empty,
/// [`Error::NonFinite`] on NaN or infinity.
///
/// ```
/// use backprop_lab::{mse, ndarray::array};
/// assert_eq!(mse(&array![[1.0], [3.0]], &array![[0.0], [1.0]])?, 2.5);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn mse(y_hat: &ArrayRef2<f64>, y: &ArrayRef2<f64>) -> Result<f64> {
    let sq = checked_square_sum("mse", y_hat, y)?;
    Ok(sq / y.len() as f64)
}

/// The walkthrough's `cost_mse` and Nielsen's quadratic cost:
/// `C = ½ ‖ŷ − y‖²`, summed over every entry (so over every example of a batch).
/// Its derivative with respect to `ŷ` is `ŷ − y`.
///
/// # Errors
/// As for [`mse`].
///
/// ```
/// use backprop_lab::{half_sse, ndarray::array};
/// assert_eq!(half_sse(&array![[1.0], [3.0]], &array![[0.0], [1.0]])?, 2.5);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn half_sse(y_hat: &ArrayRef2<f64>, y: &ArrayRef2<f64>) -> Result<f64> {
    Ok(0.5 * checked_square_sum("half_sse", y_hat, y)?)
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
    fn walkthrough_single_example_cost() {
        // Walkthrough: output 0.76936505 with label -1 gives mse 3.1306526667...
        // (printed to 8 digits for the output, so compare to 1e-7).
        let c = mse(&array![[0.76936505]], &array![[-1.0]]).unwrap();
        assert!((c - 3.1306526667222374).abs() < 1e-7, "{c}");
    }
}
