//! Stacks of matrices (3-D arrays) and the operations the walkthrough's batched
//! backprop needs: numpy's `T @ v`, stack-by-stack products, a trailing axis,
//! means and sums over the stack, and the element-wise (Hadamard) product.
//!
//! These are the tools for writing the stack form of backprop by hand, as
//! notebook 08 does; the crate's own stack form, [`backprop_batch`](crate::backprop::backprop_batch)
//! in `backprop/stacks.rs`, is built from them. Training runs the same
//! arithmetic on a layout with the example axis innermost (the private engine,
//! `src/engine/workspace.rs`), because with layers of 1 to 3 neurons that is
//! what makes it fast.

use ndarray::{s, Array2, Array3, Axis};
use ndarray::{ArrayRef2, ArrayRef3};

use crate::error::{
    check_finite, check_finite_result, check_size, shape_err, shape_str, Error, Result,
};

/// Stacks equally shaped matrices into a 3-D array `(n, rows, cols)`, like
/// `np.stack`.
///
/// # Errors
/// [`Error::Empty`] for no matrices; [`Error::Shape`] if the shapes differ.
///
/// ```
/// use backprop_lab::{tensor::stack, ndarray::Array2};
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
    check_size("stack", "the stack", &[mats.len(), r, c])?;
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
        check_finite("stack", &format!("matrix {i}"), m.view())?;
    }
    let mut t = Array3::zeros((mats.len(), r, c));
    for (i, m) in mats.iter().enumerate() {
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
/// use backprop_lab::{tensor::{stack, stack_matmul}, ndarray::Array2};
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
    stack_product(
        "stack_matmul",
        [
            ("the stack", t.view().into_dyn()),
            ("the matrix", v.view().into_dyn()),
        ],
        (n, a, v.ncols()),
        |i| t.slice(s![i, .., ..]).dot(v),
    )
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
    stack_product(
        "matmul_stack",
        [
            ("the matrix", m.view().into_dyn()),
            ("the stack", t.view().into_dyn()),
        ],
        (n, m.nrows(), c),
        |i| m.dot(&t.slice(s![i, .., ..])),
    )
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
    stack_product(
        "batch_matmul",
        [
            ("the first stack", a.view().into_dyn()),
            ("the second stack", b.view().into_dyn()),
        ],
        (n, p, r),
        |i| a.slice(s![i, .., ..]).dot(&b.slice(s![i, .., ..])),
    )
}

/// [`matmul_stack`] without its checks, for callers whose shapes agree:
/// `m @ T[i]` for every `i`. NaN and infinity pass through (the caller guards
/// its own result).
pub(crate) fn matmul_stack_unchecked(m: &ArrayRef2<f64>, t: &ArrayRef3<f64>) -> Array3<f64> {
    let (n, _, c) = t.dim();
    let mut out = Array3::zeros((n, m.nrows(), c));
    for i in 0..n {
        out.slice_mut(s![i, .., ..])
            .assign(&m.dot(&t.slice(s![i, .., ..])));
    }
    out
}

/// [`batch_matmul`] without its checks, for callers whose shapes agree:
/// `A[i] @ B[i]` for every `i`. NaN and infinity pass through.
pub(crate) fn batch_matmul_unchecked(a: &ArrayRef3<f64>, b: &ArrayRef3<f64>) -> Array3<f64> {
    let (n, p, _) = a.dim();
    assert_eq!(n, b.dim().0, "stacks of the same length");
    let mut out = Array3::zeros((n, p, b.dim().2));
    for i in 0..n {
        out.slice_mut(s![i, .., ..])
            .assign(&a.slice(s![i, .., ..]).dot(&b.slice(s![i, .., ..])));
    }
    out
}

/// What the three stack products share once their shapes agree: refuse an
/// output larger than the ceiling or inputs holding NaN or infinity, fill
/// matrix `i` of the `(n, p, r)` result with `product(i)`, and refuse a result
/// that overflowed.
fn stack_product(
    op: &'static str,
    inputs: [(&str, ndarray::ArrayViewD<'_, f64>); 2],
    (n, p, r): (usize, usize, usize),
    product: impl Fn(usize) -> Array2<f64>,
) -> Result<Array3<f64>> {
    check_size(op, "the product", &[n, p, r])?;
    for (what, values) in inputs {
        check_finite(op, what, values)?;
    }
    let mut out = Array3::zeros((n, p, r));
    for i in 0..n {
        out.slice_mut(s![i, .., ..]).assign(&product(i));
    }
    check_finite_result(op, "the product", out.view())?;
    Ok(out)
}

/// Transposes every matrix of a stack: numpy's `T.transpose(0, 2, 1)`. It only
/// moves values, so it cannot fail; NaN stays NaN (the products refuse it).
pub fn transpose_stack(t: &ArrayRef3<f64>) -> Array3<f64> {
    t.view().permuted_axes([0, 2, 1]).to_owned()
}

/// Turns `(N, k)` into a stack of `N` column vectors `(N, k, 1)`: numpy's
/// `a[:, :, np.newaxis]`. It only moves values, so it cannot fail.
///
/// ```
/// use backprop_lab::{tensor::add_trailing_axis, ndarray::array};
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
/// [`Error::Empty`] if the stack holds no matrices; [`Error::NonFinite`] on NaN
/// or infinity; [`Error::Diverged`] if the sum overflows;
/// [`Error::InvalidParameter`] if the mean would hold more than
/// [`MAX_ELEMENTS`](crate::MAX_ELEMENTS) numbers.
pub fn mean_axis0(t: &ArrayRef3<f64>) -> Result<Array2<f64>> {
    const OP: &str = "mean_axis0";
    if t.shape()[0] == 0 {
        return Err(Error::Empty {
            op: OP,
            what: format!("the stack (shape {})", shape_str(t.shape())),
        });
    }
    // The result is (a, b): an empty stack of huge matrices holds no number,
    // but its mean or sum would.
    check_size(OP, "the mean", &t.shape()[1..])?;
    check_finite(OP, "the stack", t.view())?;
    let mean = t.sum_axis(Axis(0)) / t.shape()[0] as f64;
    check_finite_result(OP, "the mean", mean.view())?;
    Ok(mean)
}

/// The sum of a stack over its first axis, `T.sum(axis=0)` (zeros for an empty
/// stack) — BP3 and BP4's sum over the examples.
///
/// # Errors
/// [`Error::NonFinite`] on NaN or infinity; [`Error::Diverged`] if the sum
/// overflows; [`Error::InvalidParameter`] if the sum would hold more than
/// [`MAX_ELEMENTS`](crate::MAX_ELEMENTS) numbers (an empty stack of huge
/// matrices holds none, but its sum would).
pub fn sum_axis0(t: &ArrayRef3<f64>) -> Result<Array2<f64>> {
    const OP: &str = "sum_axis0";
    check_size(OP, "the sum", &t.shape()[1..])?;
    check_finite(OP, "the stack", t.view())?;
    let sum = t.sum_axis(Axis(0));
    check_finite_result(OP, "the sum", sum.view())?;
    Ok(sum)
}

/// The Hadamard (element-wise) product `a ⊙ b`, written as the explicit loop the
/// walkthrough shows before it reveals numpy's `*`.
///
/// # Errors
/// [`Error::Shape`] if the shapes differ.
///
/// ```
/// use backprop_lab::{tensor::hadamard, ndarray::array};
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
    // A broadcast view may stand for more numbers than the product may hold.
    check_size("hadamard", "a ⊙ b", a.shape())?;
    check_finite("hadamard", "a", a.view())?;
    check_finite("hadamard", "b", b.view())?;
    let mut out = Array2::zeros(a.dim());
    for ((i, j), v) in out.indexed_iter_mut() {
        *v = a[[i, j]] * b[[i, j]];
    }
    check_finite_result("hadamard", "a ⊙ b", out.view())?;
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
