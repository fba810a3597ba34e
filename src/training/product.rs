//! The matrix product that training runs, exposed for the benchmark.

use ndarray::{Array2, ArrayRef2};

use crate::error::{shape_err, shape_str, Result};

/// The library that runs this build's large matrix products (more than
/// 32 768 multiply-adds; smaller ones run as the crate's own loops), e.g.
/// `"ndarray/matrixmultiply, one thread"` in the default build. Chosen by the
/// crate's Cargo features `gemm`, `blas` and `threads`.
pub const MATMUL_BACKEND: &str = crate::engine::large::BACKEND;

/// `A B`, computed exactly as training computes its products, so that
/// `make bench` can time the backend named by [`MATMUL_BACKEND`].
///
/// ```
/// use backprop_lab::ndarray::array;
/// use backprop_lab::training::engine_matmul;
/// let p = engine_matmul(&array![[1.0, 2.0]], &array![[3.0], [4.0]]).unwrap();
/// assert_eq!(p, array![[11.0]]); // 1·3 + 2·4
/// ```
///
/// # Errors
/// [`Error::Shape`](crate::Error::Shape) if `A`'s columns are not `B`'s rows.
pub fn engine_matmul(a: &ArrayRef2<f64>, b: &ArrayRef2<f64>) -> Result<Array2<f64>> {
    if a.ncols() != b.nrows() {
        return Err(shape_err(
            "engine_matmul",
            format!(
                "cannot multiply {} by {}: A's columns must equal B's rows",
                shape_str(a.shape()),
                shape_str(b.shape())
            ),
        ));
    }
    Ok(crate::engine::matmul::matmul(a.view(), b.view()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn mismatched_shapes_are_an_error_naming_the_operation() {
        let err = engine_matmul(&Array2::zeros((2, 3)), &Array2::zeros((2, 3))).unwrap_err();
        assert!(err.to_string().contains("engine_matmul"), "{err}");
        assert!(err.to_string().contains("(2, 3)"), "{err}");
    }

    #[test]
    fn a_product_by_hand() {
        // [[1, 2], [3, 4]] · [[5], [6]] = [[1·5 + 2·6], [3·5 + 4·6]] = [[17], [39]]
        let p = engine_matmul(&array![[1.0, 2.0], [3.0, 4.0]], &array![[5.0], [6.0]]).unwrap();
        assert_eq!(p, array![[17.0], [39.0]]);
    }
}
