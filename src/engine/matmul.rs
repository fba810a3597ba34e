//! Matrix products sized for this crate's networks.
//!
//! ndarray's `dot` hands every product to matrixmultiply, which first packs both
//! operands into aligned blocks. That pays off for a 784×128 layer and is pure
//! overhead for the labs' 3×2 layers, where a per-example backward pass is a
//! handful of such products. [`matmul_into`] runs small products as plain loops
//! over contiguous rows and hands everything else to ndarray.

use ndarray::{Array2, ArrayView2, ArrayViewMut2};

use crate::engine::simd::{path, Path, PORTABLE_FMA};

/// Products with at most this many multiply-adds run as plain loops. Measured on
/// the benchmark machine with the loops compiled for AVX2 and FMA: the digits
/// network's 30×64×10 products (19 200) run 2–3× faster as loops than through
/// matrixmultiply or OpenBLAS, whose packing (and, for OpenBLAS, threads) cost
/// more than the product; the 784×128 layers stay far above the bound.
const SMALL_PRODUCT: usize = 32 * 1024;

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
    if m * k * n <= SMALL_PRODUCT && small_product(a, b, c, accumulate) {
        return;
    }
    super::large::large_into(a, b, c, accumulate);
}

/// A small product on the process's kernel path (`simd.rs`); false, computing
/// nothing, when `C` is not contiguous.
fn small_product(
    a: ArrayView2<'_, f64>,
    b: ArrayView2<'_, f64>,
    c: &mut ArrayViewMut2<'_, f64>,
    accumulate: bool,
) -> bool {
    match path() {
        Path::Scalar => small_scalar(a, b, c, accumulate),
        Path::Portable => small::<PORTABLE_FMA, true>(a, b, c, accumulate),
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `path()` is `Avx2` only on a CPU with AVX2 and FMA.
        Path::Avx2 => unsafe { small_avx2(a, b, c, accumulate) },
        #[cfg(not(target_arch = "x86_64"))]
        Path::Avx2 => small::<PORTABLE_FMA, true>(a, b, c, accumulate),
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn small_avx2(
    a: ArrayView2<'_, f64>,
    b: ArrayView2<'_, f64>,
    c: &mut ArrayViewMut2<'_, f64>,
    accumulate: bool,
) -> bool {
    small::<true, true>(a, b, c, accumulate)
}

/// The scalar path's small product: one dot product per entry of `C`, which
/// the compiler does not vectorise (it may not reorder the sum).
#[inline(never)]
fn small_scalar(
    a: ArrayView2<'_, f64>,
    b: ArrayView2<'_, f64>,
    c: &mut ArrayViewMut2<'_, f64>,
    accumulate: bool,
) -> bool {
    small::<false, false>(a, b, c, accumulate)
}

/// A small product as plain loops over contiguous memory, with fused
/// multiply-adds when `FMA` (only inside functions compiled for FMA), in
/// register tiles when `TILED` and as one dot product per entry otherwise.
/// Returns false, computing nothing, when `C` is not contiguous.
///
/// Tiles of `R × W` entries of `C` are built in registers,
/// `Σ_p A[i + r, p] · B[p, j..j + W]`, each load of `B` shared by `R` rows of
/// `A`. `A` is read in place whether stored by rows or by columns (`Wᵀ`); a
/// `B` not stored by rows (`Xᵀ`, `Aᵀ`) is copied by rows first, which measured
/// faster than dot products along its columns.
#[inline(always)]
fn small<const FMA: bool, const TILED: bool>(
    a: ArrayView2<'_, f64>,
    b: ArrayView2<'_, f64>,
    c: &mut ArrayViewMut2<'_, f64>,
    accumulate: bool,
) -> bool {
    let (m, k) = a.dim();
    let n = b.ncols();
    let Some(cs) = c.as_slice_mut() else {
        return false;
    };
    let mut out = Out { cs, accumulate };
    // A[i, p] is a[i · ars + p · acs].
    let (a_data, ars, acs) = match (a.to_slice(), a.t().to_slice()) {
        (Some(s), _) => (std::borrow::Cow::Borrowed(s), k, 1),
        (None, Some(s)) => (std::borrow::Cow::Borrowed(s), 1, m),
        (None, None) => (row_major(a), k, 1),
    };
    let b_std = row_major(b);
    let a = Strided {
        data: &a_data,
        rs: ars,
        cs: acs,
    };
    if TILED {
        tiles::<FMA>(a, &b_std, out, m, k, n);
    } else {
        dots(a, &b_std, &mut out, m, k, n);
    }
    true
}

/// `C = A B` with `B` `(k, n)` row by row, entry by entry: `C[i, j]` is one
/// running sum over `p`, in order.
fn dots(a: Strided<'_>, bs: &[f64], out: &mut Out<'_>, m: usize, k: usize, n: usize) {
    for i in 0..m {
        for j in 0..n {
            let mut s = 0.0;
            for p in 0..k {
                s += a.data[i * a.rs + p * a.cs] * bs[p * n + j];
            }
            let c = &mut out.cs[i * n + j];
            *c = if out.accumulate { *c + s } else { s };
        }
    }
}

/// Where a small product writes: `C` stored row by row, and whether to add to it.
struct Out<'c> {
    cs: &'c mut [f64],
    accumulate: bool,
}

/// A matrix read through its strides: entry `(i, p)` is `data[i · rs + p · cs]`.
#[derive(Clone, Copy)]
struct Strided<'d> {
    data: &'d [f64],
    rs: usize,
    cs: usize,
}

/// `C = A B` with `B` `(k, n)` row by row: the columns in tiles of 8, four rows
/// at a time, then the last columns (fewer than 8, or 10 or 12) in one pass.
///
/// A tile of 2 or 4 columns alone keeps too few sums in flight to hide the
/// multiply-adds' latency, so the last 10 or 12 columns (the digits batch of
/// 10, for one) run as one tile of three vectors a row, three rows at a time:
/// 9 sums, 3 vectors of `B` and one of `A`, within the 16 vector registers
/// (four rows would need all 16 and spill). Each entry's sum runs over `p` in
/// the same order whatever the tile, so the results do not depend on it.
#[inline(always)]
fn tiles<const FMA: bool>(
    a: Strided<'_>,
    bs: &[f64],
    mut out: Out<'_>,
    m: usize,
    k: usize,
    n: usize,
) {
    let rest = n % 8;
    let merged = n >= 8 && (rest == 2 || rest == 4);
    let body = if merged { n - 8 - rest } else { n - rest };
    let o = &mut out;
    let mut i = 0;
    while i + 4 <= m {
        body_row::<FMA, 4>(a, bs, o, i, k, n, body);
        i += 4;
    }
    if i + 2 <= m {
        body_row::<FMA, 2>(a, bs, o, i, k, n, body);
        i += 2;
    }
    if i < m {
        body_row::<FMA, 1>(a, bs, o, i, k, n, body);
    }
    if body == n {
        return;
    }
    let mut i = 0;
    while merged && i + 3 <= m {
        last_cols::<FMA, 3>(a, bs, o, i, k, n, body);
        i += 3;
    }
    while i + 4 <= m {
        last_cols::<FMA, 4>(a, bs, o, i, k, n, body);
        i += 4;
    }
    if i + 2 <= m {
        last_cols::<FMA, 2>(a, bs, o, i, k, n, body);
        i += 2;
    }
    if i < m {
        last_cols::<FMA, 1>(a, bs, o, i, k, n, body);
    }
}

/// Rows `i..i + R`, columns `0..body` (a multiple of 8), in tiles of 8.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn body_row<const FMA: bool, const R: usize>(
    a: Strided<'_>,
    bs: &[f64],
    out: &mut Out<'_>,
    i: usize,
    k: usize,
    n: usize,
    body: usize,
) {
    let mut j = 0;
    while j < body {
        tile::<FMA, R, 8>(a, bs, out, i, j, k, n);
        j += 8;
    }
}

/// Rows `i..i + R`, columns `body..n`: one tile of their even part, then one
/// column if their number is odd.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn last_cols<const FMA: bool, const R: usize>(
    a: Strided<'_>,
    bs: &[f64],
    out: &mut Out<'_>,
    i: usize,
    k: usize,
    n: usize,
    body: usize,
) {
    let last = n - body;
    let even = last - last % 2;
    if even > 0 {
        tile_of::<FMA, R>(even, a, bs, out, i, body, k, n);
    }
    if last % 2 == 1 {
        tile_of::<FMA, R>(1, a, bs, out, i, body + even, k, n);
    }
}

/// [`tile`] with its width `w` chosen at run time (inlined, so that it is
/// compiled for the caller's instruction set, as every kernel here is).
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn tile_of<const FMA: bool, const R: usize>(
    w: usize,
    a: Strided<'_>,
    bs: &[f64],
    out: &mut Out<'_>,
    i: usize,
    j: usize,
    k: usize,
    n: usize,
) {
    match w {
        1 => tile::<FMA, R, 1>(a, bs, out, i, j, k, n),
        2 => tile::<FMA, R, 2>(a, bs, out, i, j, k, n),
        4 => tile::<FMA, R, 4>(a, bs, out, i, j, k, n),
        6 => tile::<FMA, R, 6>(a, bs, out, i, j, k, n),
        10 => tile::<FMA, R, 10>(a, bs, out, i, j, k, n),
        12 => tile::<FMA, R, 12>(a, bs, out, i, j, k, n),
        _ => unreachable!("tile widths are 1, 2, 4, 6, 10 and 12"),
    }
}

/// `C[i + r, j + l] = Σ_p A[i + r, p] · B[p, j + l]` for `r < R`, `l < W`: the
/// `R × W` sums held in registers while `p` runs, so that no multiply-add
/// waits on the one before it.
#[inline(always)]
fn tile<const FMA: bool, const R: usize, const W: usize>(
    a: Strided<'_>,
    bs: &[f64],
    out: &mut Out<'_>,
    i: usize,
    j: usize,
    k: usize,
    n: usize,
) {
    let acc = if a.cs == 1 {
        tile_sums_rows::<FMA, R, W>(a.data, a.rs, bs, i, j, k, n)
    } else {
        tile_sums_cols::<FMA, R, W>(a.data, a.cs, bs, i, j, k, n)
    };
    for (r, acc_r) in acc.iter().enumerate() {
        let row = &mut out.cs[(i + r) * n + j..(i + r) * n + j + W];
        for (c, v) in row.iter_mut().zip(acc_r) {
            *c = if out.accumulate { *c + v } else { *v };
        }
    }
}

/// The tile's sums for `A` stored row by row (`rs` entries apart).
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn tile_sums_rows<const FMA: bool, const R: usize, const W: usize>(
    ad: &[f64],
    rs: usize,
    bs: &[f64],
    i: usize,
    j: usize,
    k: usize,
    n: usize,
) -> [[f64; W]; R] {
    let mut acc = [[0.0; W]; R];
    let mut rows: [&[f64]; R] = [&[]; R];
    for (r, row) in rows.iter_mut().enumerate() {
        *row = &ad[(i + r) * rs..(i + r) * rs + k];
    }
    for p in 0..k {
        let bp: &[f64; W] = bs[p * n + j..p * n + j + W].try_into().expect("W entries");
        for r in 0..R {
            let s = rows[r][p];
            for l in 0..W {
                acc[r][l] = madd::<FMA>(s, bp[l], acc[r][l]);
            }
        }
    }
    acc
}

/// The tile's sums for `A` stored column by column (`cs` entries apart), as
/// `Wᵀ` is: `A[i..i + R, p]` is contiguous.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn tile_sums_cols<const FMA: bool, const R: usize, const W: usize>(
    ad: &[f64],
    cs: usize,
    bs: &[f64],
    i: usize,
    j: usize,
    k: usize,
    n: usize,
) -> [[f64; W]; R] {
    let mut acc = [[0.0; W]; R];
    for p in 0..k {
        let bp: &[f64; W] = bs[p * n + j..p * n + j + W].try_into().expect("W entries");
        let ap: &[f64; R] = ad[p * cs + i..p * cs + i + R]
            .try_into()
            .expect("R entries");
        for r in 0..R {
            for l in 0..W {
                acc[r][l] = madd::<FMA>(ap[r], bp[l], acc[r][l]);
            }
        }
    }
    acc
}

/// `a · b + c`, fused when `FMA`.
#[inline(always)]
fn madd<const FMA: bool>(a: f64, b: f64, c: f64) -> f64 {
    if FMA {
        a.mul_add(b, c)
    } else {
        a * b + c
    }
}

/// The entries of `v` row by row: borrowed when `v` is stored that way, else
/// copied (a transposed matrix, `Xᵀ` or `Wᵀ`, by a plain transposing loop).
fn row_major<'v>(v: ArrayView2<'v, f64>) -> std::borrow::Cow<'v, [f64]> {
    if let Some(s) = v.to_slice() {
        return std::borrow::Cow::Borrowed(s);
    }
    let (r, c) = v.dim();
    if let Some(t) = v.t().to_slice() {
        // Entry (i, j) of v is entry (j, i) of its transpose, stored row by row.
        // Filled in order rather than zeroed first: this copy runs on every
        // training step (`Xᵀ`, `(A^{l-1})ᵀ`).
        let mut out = Vec::with_capacity(r * c);
        for i in 0..r {
            out.extend((0..c).map(|j| t[j * r + i]));
        }
        return std::borrow::Cow::Owned(out);
    }
    std::borrow::Cow::Owned(v.iter().copied().collect())
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
