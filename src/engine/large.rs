//! Large matrix products, handed to a library: which one is a build choice.
//!
//! * default: ndarray's `general_mat_mul`, i.e. matrixmultiply, pure Rust with
//!   run-time AVX2/FMA selection on x86 and no threads (what the notebooks
//!   compile: no extra dependency);
//! * feature `threads`: the same, with matrixmultiply's threads;
//! * feature `blas`: the system OpenBLAS through ndarray;
//! * feature `gemm` (what `make bench` uses): the pure-Rust `gemm` crate, which
//!   selects its AVX2+FMA, AVX-512 or NEON kernels at run time and splits the
//!   product over threads. It takes precedence over `blas` and `threads`.

#[cfg(any(not(feature = "gemm"), test))]
use ndarray::linalg::general_mat_mul;
use ndarray::{ArrayView2, ArrayViewMut2};

/// The library that runs large products in this build, as the benchmark prints it.
pub(crate) const BACKEND: &str = if cfg!(feature = "gemm") {
    "gemm crate (pure Rust, run-time AVX-512/AVX2/NEON)"
} else if cfg!(feature = "blas") {
    "system OpenBLAS through ndarray"
} else if cfg!(feature = "threads") {
    "ndarray/matrixmultiply, threaded"
} else {
    "ndarray/matrixmultiply, one thread"
};

/// `C = A B`, or `C += A B` when `accumulate`, for any memory layout (negative
/// and transposed strides included); callers have checked the shapes.
pub(crate) fn large_into(
    a: ArrayView2<'_, f64>,
    b: ArrayView2<'_, f64>,
    c: &mut ArrayViewMut2<'_, f64>,
    accumulate: bool,
) {
    #[cfg(feature = "gemm")]
    {
        gemm_into(a, b, c, accumulate, parallelism());
    }
    #[cfg(not(feature = "gemm"))]
    {
        let beta = if accumulate { 1.0 } else { 0.0 };
        general_mat_mul(1.0, &a, &b, beta, c);
    }
}

/// The product through `gemm::gemm`, which takes each operand as a pointer to
/// its `(0, 0)` entry plus row and column strides in elements, of either sign.
///
/// Deterministic: gemm walks the inner dimension in fixed blocks (sized from
/// the shapes and the CPU's caches, not from the thread count) and hands each
/// thread a fixed, disjoint set of output tiles, each summed by one thread in
/// block order. So no sum depends on thread scheduling, and the result does not
/// even depend on the thread count (tested below).
#[cfg(feature = "gemm")]
fn gemm_into(
    a: ArrayView2<'_, f64>,
    b: ArrayView2<'_, f64>,
    c: &mut ArrayViewMut2<'_, f64>,
    accumulate: bool,
    parallelism: gemm::Parallelism,
) {
    let (m, k) = a.dim();
    let n = b.ncols();
    assert!(
        b.nrows() == k && c.dim() == (m, n),
        "matmul shapes: A {m}×{k}, B {}×{n}, C {:?}",
        b.nrows(),
        c.dim()
    );
    let (ars, acs) = (a.strides()[0], a.strides()[1]);
    let (brs, bcs) = (b.strides()[0], b.strides()[1]);
    let (crs, ccs) = (c.strides()[0], c.strides()[1]);
    // SAFETY: the three pointers address the (0, 0) entries of views of shapes
    // (m, k), (k, n) and (m, n) with the given strides, so every entry gemm
    // reads or writes lies inside them; `c` is borrowed mutably, hence does not
    // overlap `a` or `b`. gemm computes dst := alpha·dst + beta·lhs·rhs and
    // does not read dst when `read_dst` is false.
    unsafe {
        gemm::gemm(
            m,
            n,
            k,
            c.as_mut_ptr(),
            ccs,
            crs,
            accumulate,
            a.as_ptr(),
            acs,
            ars,
            b.as_ptr(),
            bcs,
            brs,
            1.0,
            1.0,
            false,
            false,
            false,
            parallelism,
        );
    }
}

/// Threads for large products: all of rayon's (one per core, or
/// `RAYON_NUM_THREADS`), or the number in `BACKPROP_LAB_GEMM_THREADS`
/// (`1`: none); read once. gemm itself keeps products under about 590 000
/// multiply-adds on one thread.
#[cfg(feature = "gemm")]
fn parallelism() -> gemm::Parallelism {
    static CHOICE: std::sync::OnceLock<gemm::Parallelism> = std::sync::OnceLock::new();
    *CHOICE.get_or_init(|| {
        match std::env::var("BACKPROP_LAB_GEMM_THREADS")
            .ok()
            .and_then(|s| s.trim().parse::<usize>().ok())
        {
            Some(1) => gemm::Parallelism::None,
            Some(n) => gemm::Parallelism::Rayon(n),
            None => gemm::Parallelism::Rayon(0),
        }
    })
}

#[cfg(all(test, feature = "gemm"))]
mod tests {
    use super::*;
    use crate::io::random::{seeded_rng, uniform_in};
    use ndarray::{s, Array2, ShapeBuilder};

    /// Uniform entries in [-1, 1) from a fixed seed.
    fn random(rows: usize, cols: usize, seed: u64) -> Array2<f64> {
        let mut rng = seeded_rng(seed);
        Array2::from_shape_simple_fn((rows, cols), || uniform_in(&mut rng, -1.0, 1.0))
    }

    /// The same `(rows, cols)` matrix stored three ways: by rows, as the
    /// transpose of a row-major array (by columns), and with its rows stored in
    /// reverse (a negative row stride). `layout` picks one.
    fn stored(m: &Array2<f64>, layout: usize) -> Array2<f64> {
        match layout {
            0 => m.clone(),
            1 => {
                let mut f = Array2::zeros(m.dim().f());
                f.assign(m);
                f
            }
            _ => {
                let mut rev = Array2::zeros(m.dim());
                rev.slice_mut(s![..;-1, ..]).assign(m);
                rev
            }
        }
    }

    /// A view of `stored(m, layout)` with the entries of `m`.
    fn view(m: &Array2<f64>, layout: usize) -> ArrayView2<'_, f64> {
        if layout == 2 {
            m.slice(s![..;-1, ..])
        } else {
            m.view()
        }
    }

    /// For every shape, every layout of A, B and C and accumulate on and off:
    /// gemm's product agrees with ndarray's (matrixmultiply) entry by entry
    /// within 4·k·ε·(Σ_p |A_ip B_pj| + |C_ij|), twice the standard bound on a
    /// sum of k products in floating point (each side is within half of it).
    #[test]
    fn gemm_agrees_with_ndarray_for_every_layout_and_shape() {
        // The wide network's products, odd sizes, a row, a column, and empties.
        let shapes = [
            (128, 784, 128),
            (64, 128, 128),
            (33, 47, 65),
            (1, 300, 200),
            (200, 300, 1),
            (57, 3, 91),
            (0, 5, 7),
            (5, 0, 7),
        ];
        for (case, &(m, k, n)) in shapes.iter().enumerate() {
            let seed = 10 * case as u64;
            let (a0, b0, c0) = (
                random(m, k, seed),
                random(k, n, seed + 1),
                random(m, n, seed + 2),
            );
            let bound = a0.mapv(f64::abs).dot(&b0.mapv(f64::abs)) + c0.mapv(f64::abs);
            for la in 0..3 {
                for lb in 0..3 {
                    for lc in 0..3 {
                        for accumulate in [false, true] {
                            let (a, b) = (stored(&a0, la), stored(&b0, lb));
                            let mut c = stored(&c0, lc);
                            gemm_into(
                                view(&a, la),
                                view(&b, lb),
                                &mut c_view(&mut c, lc),
                                accumulate,
                                parallelism(),
                            );
                            let mut want = c0.clone();
                            let beta = if accumulate { 1.0 } else { 0.0 };
                            general_mat_mul(1.0, &a0, &b0, beta, &mut want);
                            let got = view(&c, lc);
                            for ((i, j), w) in want.indexed_iter() {
                                let tol = 4.0 * (k.max(1) as f64) * f64::EPSILON * bound[[i, j]];
                                assert!(
                                    (got[[i, j]] - w).abs() <= tol,
                                    "{m}×{k}×{n}, layouts {la}{lb}{lc}, accumulate {accumulate}: \
                                     ({i}, {j}) is {} not {w}",
                                    got[[i, j]]
                                );
                            }
                        }
                    }
                }
            }
        }
    }

    fn c_view(c: &mut Array2<f64>, layout: usize) -> ArrayViewMut2<'_, f64> {
        if layout == 2 {
            c.slice_mut(s![..;-1, ..])
        } else {
            c.view_mut()
        }
    }

    /// Results are bit for bit the same run to run, and with one thread or two.
    #[test]
    fn gemm_is_bit_identical_across_runs_and_thread_counts() {
        let (a, b) = (random(256, 784, 1), random(784, 300, 2));
        let run = |p: gemm::Parallelism| {
            let mut c = Array2::zeros((256, 300));
            gemm_into(a.view(), b.view(), &mut c.view_mut(), false, p);
            c
        };
        let first = run(gemm::Parallelism::Rayon(2));
        let bits = |m: &Array2<f64>| m.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        for p in [
            gemm::Parallelism::Rayon(2),
            gemm::Parallelism::Rayon(2),
            gemm::Parallelism::None,
            gemm::Parallelism::Rayon(3),
        ] {
            assert_eq!(bits(&run(p)), bits(&first), "{p:?}");
        }
    }
}
