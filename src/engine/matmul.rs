//! Matrix products sized for this crate's networks.
//!
//! ndarray's `dot` hands every product to matrixmultiply, which first packs both
//! operands into aligned blocks. That pays off for a 784×128 layer and is pure
//! overhead for the labs' 3×2 layers, where a per-example backward pass is a
//! handful of such products. [`matmul_into`] runs small products as plain loops
//! over contiguous rows and hands everything else to ndarray.

use ndarray::linalg::general_mat_mul;
use ndarray::{Array2, ArrayView2, ArrayViewMut2};

/// Products with at most this many multiply-adds run as plain loops; measured on
/// the benchmark machine, matrixmultiply's packing wins above roughly this size.
const SMALL_PRODUCT: usize = 16 * 1024;

/// `C = A B`, or `C += A B` when `accumulate`. Any memory layout is accepted;
/// callers have checked that the shapes agree (`A` `(m, k)`, `B` `(k, n)`,
/// `C` `(m, n)`).
pub(crate) fn matmul_into(
    a: ArrayView2<'_, f64>,
    b: ArrayView2<'_, f64>,
    c: &mut ArrayViewMut2<'_, f64>,
    accumulate: bool,
) {
    let (m, k) = a.dim();
    let n = b.ncols();
    debug_assert_eq!(b.nrows(), k, "inner dimensions");
    debug_assert_eq!(c.dim(), (m, n), "output shape");
    if m * k * n <= SMALL_PRODUCT {
        if let (Some(bs), Some(cs)) = (b.as_slice(), c.as_slice_mut()) {
            // Row i of C gathers A[i, p] times row p of B: contiguous rows throughout.
            if !accumulate {
                cs.fill(0.0);
            }
            let b_rows = || bs.chunks_exact(n.max(1)).take(k);
            if let Some(a_rows) = a.as_slice() {
                for (ci, ai) in cs
                    .chunks_exact_mut(n.max(1))
                    .zip(a_rows.chunks_exact(k.max(1)))
                {
                    for (aip, bp) in ai.iter().zip(b_rows()) {
                        axpy(ci, *aip, bp);
                    }
                }
            } else if let Some(a_cols) = a.t().as_slice() {
                // A is column-major (e.g. Wᵀ): column p of A is contiguous.
                for (ap, bp) in a_cols.chunks_exact(m.max(1)).zip(b_rows()) {
                    for (ci, aip) in cs.chunks_exact_mut(n.max(1)).zip(ap) {
                        axpy(ci, *aip, bp);
                    }
                }
            } else {
                for (i, ci) in cs.chunks_exact_mut(n.max(1)).enumerate().take(m) {
                    for (p, bp) in b_rows().enumerate() {
                        axpy(ci, a[[i, p]], bp);
                    }
                }
            }
            return;
        }
        if let (Some(rows), Some(cols), Some(cs)) =
            (a.as_slice(), b.t().as_slice(), c.as_slice_mut())
        {
            // C[i, j] is row i of A times column j of B, both contiguous.
            for (i, ai) in rows.chunks_exact(k.max(1)).enumerate().take(m) {
                for (j, bj) in cols.chunks_exact(k.max(1)).enumerate().take(n) {
                    let d = dot(ai, bj);
                    let cij = &mut cs[i * n + j];
                    *cij = if accumulate { *cij + d } else { d };
                }
            }
            return;
        }
    }
    let beta = if accumulate { 1.0 } else { 0.0 };
    general_mat_mul(1.0, &a, &b, beta, c);
}

/// `y += alpha · x` on slices of equal length.
#[inline]
fn axpy(y: &mut [f64], alpha: f64, x: &[f64]) {
    for (yv, xv) in y.iter_mut().zip(x) {
        *yv += alpha * xv;
    }
}

/// `x · y` with four running sums, so the additions do not wait on each other.
#[inline]
fn dot(x: &[f64], y: &[f64]) -> f64 {
    let mut acc = [0.0; 4];
    let (xc, yc) = (x.chunks_exact(4), y.chunks_exact(4));
    let tail: f64 = xc
        .remainder()
        .iter()
        .zip(yc.remainder())
        .map(|(a, b)| a * b)
        .sum();
    for (a, b) in xc.zip(yc) {
        for l in 0..4 {
            acc[l] += a[l] * b[l];
        }
    }
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
}

/// `A B` as a new `(m, n)` array.
pub(crate) fn matmul(a: ArrayView2<'_, f64>, b: ArrayView2<'_, f64>) -> Array2<f64> {
    let mut c = Array2::zeros((a.nrows(), b.ncols()));
    matmul_into(a, b, &mut c.view_mut(), false);
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{array, Array2, ShapeBuilder};
    use proptest::prelude::*;

    /// The textbook triple loop, as the independent reference.
    fn reference(a: &Array2<f64>, b: &Array2<f64>) -> Array2<f64> {
        let mut c = Array2::zeros((a.nrows(), b.ncols()));
        for i in 0..a.nrows() {
            for j in 0..b.ncols() {
                for p in 0..a.ncols() {
                    c[[i, j]] += a[[i, p]] * b[[p, j]];
                }
            }
        }
        c
    }

    #[test]
    fn two_by_two_by_hand() {
        // [[1,2],[3,4]]·[[5,6],[7,8]] = [[19,22],[43,50]].
        let a = array![[1.0, 2.0], [3.0, 4.0]];
        let b = array![[5.0, 6.0], [7.0, 8.0]];
        assert_eq!(
            matmul(a.view(), b.view()),
            array![[19.0, 22.0], [43.0, 50.0]]
        );
        // Bᵀ is column-major: the second loop form; AᵀB mixes layouts.
        assert_eq!(matmul(a.view(), b.t()), array![[17.0, 23.0], [39.0, 53.0]]);
        assert_eq!(matmul(a.t(), b.view()), array![[26.0, 30.0], [38.0, 44.0]]);
        let mut c = array![[1.0, 1.0], [1.0, 1.0]];
        matmul_into(a.view(), b.view(), &mut c.view_mut(), true);
        assert_eq!(c, array![[20.0, 23.0], [44.0, 51.0]]);
    }

    fn matrix(rows: usize, cols: usize, fortran: bool) -> impl Strategy<Value = Array2<f64>> {
        prop::collection::vec(-3.0f64..3.0, rows * cols).prop_map(move |v| {
            Array2::from_shape_vec((rows, cols).set_f(fortran), v).expect("sized")
        })
    }

    proptest! {
        #[test]
        fn every_layout_and_size_matches_the_triple_loop(
            (a, b) in (1usize..40, 1usize..40, 1usize..40, any::<bool>(), any::<bool>())
                .prop_flat_map(|(m, k, n, fa, fb)| (matrix(m, k, fa), matrix(k, n, fb))),
            accumulate in any::<bool>(),
        ) {
            let want = reference(&a, &b);
            let mut c = Array2::from_elem(want.dim(), 0.5);
            matmul_into(a.view(), b.view(), &mut c.view_mut(), accumulate);
            let shift = if accumulate { 0.5 } else { 0.0 };
            for (got, w) in c.iter().zip(want.iter()) {
                prop_assert!((got - shift - w).abs() <= 1e-12 * (1.0 + w.abs()), "{got} vs {w}");
            }
        }
    }
}
