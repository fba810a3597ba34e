//! Stacks of matrices (3-D arrays) and the operations the walkthrough's batched
//! backprop needs: numpy's `T @ v`, stack-by-stack products, a trailing axis,
//! means and sums over the stack, and the element-wise (Hadamard) product.

use ndarray::{s, Array2, Array3, Axis};
use ndarray::{ArrayRef2, ArrayRef3};

use crate::error::{shape_err, shape_str, Error, Result};

/// Stacks equally shaped matrices into a 3-D array `(n, rows, cols)`, like
/// `np.stack`.
///
/// # Errors
/// [`Error::Empty`] for no matrices; [`Error::Shape`] if the shapes differ.
///
/// ```
/// use backprop_lab::{stack, ndarray::Array2};
/// let t = stack(&[Array2::ones((3, 3)), Array2::ones((3, 3)) * 2.0])?;
/// assert_eq!(t.shape(), &[2, 3, 3]);
/// assert_eq!(t[[1, 0, 0]], 2.0);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn stack(mats: &[Array2<f64>]) -> Result<Array3<f64>> {
    let first = mats.first().ok_or_else(|| Error::Empty {
        op: "stack",
        what: "the list of matrices".into(),
    })?;
    let (r, c) = first.dim();
    let mut t = Array3::zeros((mats.len(), r, c));
    for (i, m) in mats.iter().enumerate() {
        if m.dim() != (r, c) {
            return Err(shape_err(
                "stack",
                format!(
                    "matrix 0 has shape {} but matrix {i} has shape {}",
                    shape_str(first.shape()),
                    shape_str(m.shape())
                ),
            ));
        }
        t.slice_mut(s![i, .., ..]).assign(m);
    }
    Ok(t)
}

/// numpy's `T @ v` for a stack `T` `(n, a, b)` and a matrix `v` `(b, c)`: every
/// matrix of the stack times `v`, giving `(n, a, c)`.
///
/// # Errors
/// [`Error::Shape`] if the inner sizes differ.
///
/// ```
/// use backprop_lab::{stack, stack_matmul, ndarray::Array2};
/// let t = stack(&[Array2::ones((3, 3)), Array2::ones((3, 3)) * 2.0])?;
/// let r = stack_matmul(&t, &Array2::ones((3, 1)))?;
/// assert_eq!(r.shape(), &[2, 3, 1]);
/// assert_eq!((r[[0, 0, 0]], r[[1, 2, 0]]), (3.0, 6.0));
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn stack_matmul(t: &ArrayRef3<f64>, v: &ArrayRef2<f64>) -> Result<Array3<f64>> {
    let (n, a, b) = t.dim();
    if v.nrows() != b {
        return Err(shape_err(
            "stack_matmul",
            format!(
                "the stack has shape {} so the matrix needs {b} rows, but it has shape {}",
                shape_str(t.shape()),
                shape_str(v.shape())
            ),
        ));
    }
    let mut out = Array3::zeros((n, a, v.ncols()));
    for i in 0..n {
        out.slice_mut(s![i, .., ..])
            .assign(&t.slice(s![i, .., ..]).dot(v));
    }
    Ok(out)
}

/// `m @ T` for a matrix `m` `(a, b)` and a stack `T` `(n, b, c)`: `m` times every
/// matrix of the stack, giving `(n, a, c)` (the walkthrough's `W.T @ deltas`).
///
/// # Errors
/// [`Error::Shape`] if the inner sizes differ.
pub fn matmul_stack(m: &ArrayRef2<f64>, t: &ArrayRef3<f64>) -> Result<Array3<f64>> {
    let (n, b, c) = t.dim();
    if m.ncols() != b {
        return Err(shape_err(
            "matmul_stack",
            format!(
                "the matrix has shape {} so the stack's matrices need {} rows, but the stack has shape {}",
                shape_str(m.shape()),
                m.ncols(),
                shape_str(t.shape())
            ),
        ));
    }
    let mut out = Array3::zeros((n, m.nrows(), c));
    for i in 0..n {
        out.slice_mut(s![i, .., ..])
            .assign(&m.dot(&t.slice(s![i, .., ..])));
    }
    Ok(out)
}

/// Stack-by-stack product: `A[i] @ B[i]` for every `i`, `(n, p, q) × (n, q, r) → (n, p, r)`.
///
/// # Errors
/// [`Error::Shape`] if the stack lengths or the inner sizes differ.
pub fn batch_matmul(a: &ArrayRef3<f64>, b: &ArrayRef3<f64>) -> Result<Array3<f64>> {
    let (n, p, q) = a.dim();
    let (n2, q2, r) = b.dim();
    if n != n2 || q != q2 {
        return Err(shape_err(
            "batch_matmul",
            format!(
                "cannot multiply stacks of shapes {} and {}",
                shape_str(a.shape()),
                shape_str(b.shape())
            ),
        ));
    }
    let mut out = Array3::zeros((n, p, r));
    for i in 0..n {
        out.slice_mut(s![i, .., ..])
            .assign(&a.slice(s![i, .., ..]).dot(&b.slice(s![i, .., ..])));
    }
    Ok(out)
}

/// Transposes every matrix of a stack: numpy's `T.transpose(0, 2, 1)`.
pub fn transpose_stack(t: &ArrayRef3<f64>) -> Array3<f64> {
    t.view().permuted_axes([0, 2, 1]).to_owned()
}

/// Turns `(N, k)` into a stack of `N` column vectors `(N, k, 1)`: numpy's
/// `a[:, :, np.newaxis]`.
///
/// ```
/// use backprop_lab::{add_trailing_axis, ndarray::array};
/// let s = add_trailing_axis(&array![[7.0, 7.0, 4.0], [7.0, 3.0, 1.0]]);
/// assert_eq!(s.shape(), &[2, 3, 1]);
/// assert_eq!(s[[0, 2, 0]], 4.0);
/// ```
pub fn add_trailing_axis(m: &ArrayRef2<f64>) -> Array3<f64> {
    m.to_owned().insert_axis(Axis(2))
}

/// The mean of a stack over its first axis, `np.mean(T, axis=0)`.
///
/// # Errors
/// [`Error::Empty`] if the stack holds no matrices.
pub fn mean_axis0(t: &ArrayRef3<f64>) -> Result<Array2<f64>> {
    t.mean_axis(Axis(0)).ok_or_else(|| Error::Empty {
        op: "mean_axis0",
        what: format!("the stack (shape {})", shape_str(t.shape())),
    })
}

/// The sum of a stack over its first axis, `T.sum(axis=0)` (zeros for an empty stack).
pub fn sum_axis0(t: &ArrayRef3<f64>) -> Array2<f64> {
    t.sum_axis(Axis(0))
}

/// The Hadamard (element-wise) product `a ⊙ b`, written as the explicit loop the
/// walkthrough shows before it reveals numpy's `*`.
///
/// # Errors
/// [`Error::Shape`] if the shapes differ.
///
/// ```
/// use backprop_lab::{hadamard, ndarray::array};
/// let r = hadamard(&array![[6.0], [7.0], [2.0]], &array![[3.0], [5.0], [9.0]])?;
/// assert_eq!(r, array![[18.0], [35.0], [18.0]]);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn hadamard(a: &ArrayRef2<f64>, b: &ArrayRef2<f64>) -> Result<Array2<f64>> {
    if a.dim() != b.dim() {
        return Err(shape_err(
            "hadamard",
            format!(
                "a has shape {} but b has shape {}",
                shape_str(a.shape()),
                shape_str(b.shape())
            ),
        ));
    }
    let mut out = Array2::zeros(a.dim());
    for ((i, j), v) in out.indexed_iter_mut() {
        *v = a[[i, j]] * b[[i, j]];
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::array;

    #[test]
    fn stack_checks_shapes() {
        let err = stack(&[Array2::zeros((2, 2)), Array2::zeros((2, 3))]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "stack: matrix 0 has shape (2, 2) but matrix 1 has shape (2, 3)"
        );
        assert!(stack(&[]).is_err());
    }

    #[test]
    fn stack_products_agree_with_slices() {
        let t = stack(&[
            array![[1.0, 2.0], [3.0, 4.0]],
            array![[0.0, 1.0], [1.0, 0.0]],
        ])
        .unwrap();
        let m = array![[2.0, 0.0], [1.0, 1.0]];
        let left = matmul_stack(&m, &t).unwrap();
        // Hand product: m @ t[0] = [[2,4],[4,6]].
        assert_eq!(left.slice(s![0, .., ..]), array![[2.0, 4.0], [4.0, 6.0]]);
        let bm = batch_matmul(&t, &transpose_stack(&t)).unwrap();
        // t[1] @ t[1]^T is the identity (a permutation matrix).
        assert_eq!(bm.slice(s![1, .., ..]), Array2::<f64>::eye(2));
        assert!(stack_matmul(&t, &Array2::zeros((3, 1))).is_err());
        assert!(matmul_stack(&Array2::zeros((2, 3)), &t).is_err());
    }

    #[test]
    fn empty_mean_is_an_error() {
        assert!(mean_axis0(&Array3::<f64>::zeros((0, 2, 2))).is_err());
        assert!(hadamard(&Array2::zeros((1, 2)), &Array2::zeros((2, 1))).is_err());
    }
}
