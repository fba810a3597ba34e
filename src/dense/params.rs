//! The one order in which the labs lay every parameter of a network out in one
//! vector θ (the walkthrough's `get_params` / `set_params`):
//!
//! `θ = [W¹ row by row, W², …, Wᴸ, b¹, b², …, bᴸ]`
//!
//! every weight matrix first, layer 1 first, then every bias column, each matrix
//! row by row (`W[0,0], W[0,1], …, W[1,0], …`, the order of ndarray's `iter()`
//! and numpy's `ravel`). Everything that flattens parameters, or anything shaped
//! like them (gradients, their names), goes through [`in_theta_order`]:
//! `Network::get_params` / `set_params`, the free `get_params` / `set_params` of
//! gradient checking, `Gradients::to_vec`, `Network::param_names`, and the
//! reference answers of lab 06's `flatten` / `unflatten` exercises.

use ndarray::Array2;

/// The matrices in θ's order: every weight matrix, then every bias. Works for
/// references, mutable references and anything else one per matrix.
pub(crate) fn in_theta_order<M>(
    weights: impl IntoIterator<Item = M>,
    biases: impl IntoIterator<Item = M>,
) -> impl Iterator<Item = M> {
    weights.into_iter().chain(biases)
}

/// θ: the entries of `weights` then `biases`, each matrix row by row.
pub(crate) fn flatten<'a>(
    weights: impl IntoIterator<Item = &'a Array2<f64>>,
    biases: impl IntoIterator<Item = &'a Array2<f64>>,
) -> Vec<f64> {
    in_theta_order(weights, biases)
        .flat_map(|m| m.iter().copied())
        .collect()
}

/// The inverse of [`flatten`]: overwrites every entry of `weights` then
/// `biases`, row by row, with θ's values in order. The caller has checked that
/// θ holds exactly as many values as the matrices.
pub(crate) fn unflatten_into<'a>(
    theta: &[f64],
    weights: impl IntoIterator<Item = &'a mut Array2<f64>>,
    biases: impl IntoIterator<Item = &'a mut Array2<f64>>,
) {
    let mut values = theta.iter().copied();
    for m in in_theta_order(weights, biases) {
        m.iter_mut()
            .for_each(|v| *v = values.next().expect("length checked by the caller"));
    }
    debug_assert!(values.next().is_none(), "length checked by the caller");
}

/// [`unflatten_into`] fresh matrices shaped like the templates (whose values
/// are not read): `(weights, biases)` cut from θ.
pub(crate) fn unflatten(
    theta: &[f64],
    weight_shapes: &[Array2<f64>],
    bias_shapes: &[Array2<f64>],
) -> (Vec<Array2<f64>>, Vec<Array2<f64>>) {
    let zeros = |ms: &[Array2<f64>]| -> Vec<Array2<f64>> {
        ms.iter().map(|m| Array2::zeros(m.dim())).collect()
    };
    let (mut w, mut b) = (zeros(weight_shapes), zeros(bias_shapes));
    unflatten_into(theta, &mut w, &mut b);
    (w, b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn weights_first_then_biases_each_row_by_row() {
        // Worked by hand: W¹ = [[1, 2], [3, 4]] row by row, W² = [[5, 6]], then b¹, b².
        let w = [array![[1.0, 2.0], [3.0, 4.0]], array![[5.0, 6.0]]];
        let b = [array![[7.0], [8.0]], array![[9.0]]];
        let theta = flatten(&w, &b);
        assert_eq!(theta, vec![1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0]);
        let (w2, b2) = unflatten(&theta, &w, &b);
        assert_eq!((w2.as_slice(), b2.as_slice()), (&w[..], &b[..]));
    }

    #[test]
    fn a_column_major_matrix_still_flattens_row_by_row() {
        // The order is the matrix's rows, whatever its memory layout.
        let w = [array![[1.0, 2.0], [3.0, 4.0]].reversed_axes()];
        assert_eq!(flatten(&w, &[]), vec![1.0, 3.0, 2.0, 4.0]);
    }
}
