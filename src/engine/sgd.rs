//! The fused SGD step: `p ← p − step · g` and the square norms of `g` and the
//! new `p`, in one pass over a parameter matrix's storage (with AVX2 when the
//! CPU has it). `training/sgd.rs` calls it once per layer per step.

use crate::engine::simd::{path, Path};

/// `descend` (in `training/sgd.rs`) on the flat storage, in one pass: `p ← p − step · g`, and the
/// square norms. Returns `(Σ g², Σ p²)`, on the process's kernel path
/// (`simd.rs`): the portable path keeps eight running sums each (lane `l` sums
/// the entries at `l, l + 8, …`), so that no addition waits on the one before
/// it; the AVX2 path runs the same arithmetic as two four-lane vectors, in the
/// same order, and gives the same bits; the scalar path keeps one running sum
/// each.
#[inline]
pub(crate) fn descend_slices(p: &mut [f64], g: &[f64], step: f64) -> (f64, f64) {
    assert_eq!(p.len(), g.len(), "one gradient per parameter");
    let n = p.len();
    let whole = n - n % 8;
    let (mut gg, mut pp) = ([0.0; 8], [0.0; 8]);
    match path() {
        Path::Scalar => return descend_scalar(p, g, step),
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `path()` is `Avx2` only on a CPU with AVX2; the function
        // reads and writes only the first `whole` entries of both slices.
        Path::Avx2 => unsafe { descend_avx2(&mut p[..whole], &g[..whole], step, &mut gg, &mut pp) },
        _ => {
            for (pq, gq) in p[..whole]
                .chunks_exact_mut(8)
                .zip(g[..whole].chunks_exact(8))
            {
                for l in 0..8 {
                    pq[l] -= step * gq[l];
                    gg[l] += gq[l] * gq[l];
                    pp[l] += pq[l] * pq[l];
                }
            }
        }
    }
    let (mut g_tail, mut p_tail) = (0.0, 0.0);
    for (pv, gv) in p[whole..n].iter_mut().zip(&g[whole..n]) {
        *pv -= step * gv;
        g_tail += gv * gv;
        p_tail += *pv * *pv;
    }
    let sum =
        |a: [f64; 8], t: f64| ((a[0] + a[1]) + (a[2] + a[3])) + ((a[4] + a[5]) + (a[6] + a[7])) + t;
    (sum(gg, g_tail), sum(pp, p_tail))
}

/// The scalar path's step: one running sum each, entry after entry.
#[inline(never)]
fn descend_scalar(p: &mut [f64], g: &[f64], step: f64) -> (f64, f64) {
    let (mut gg, mut pp) = (0.0, 0.0);
    for (pv, gv) in p.iter_mut().zip(g) {
        *pv -= step * gv;
        gg += gv * gv;
        pp += *pv * *pv;
    }
    (gg, pp)
}

/// The whole chunks of eight of [`descend_slices`] with AVX2: lanes 0–3 and
/// 4–7 of the running sums as two vectors.
///
/// # Safety
/// The CPU must support AVX2; `p` and `g` have the same length, a multiple of 8.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn descend_avx2(p: &mut [f64], g: &[f64], step: f64, gg: &mut [f64; 8], pp: &mut [f64; 8]) {
    use std::arch::x86_64::*;
    let s = _mm256_set1_pd(step);
    let (mut g0, mut g1) = (_mm256_setzero_pd(), _mm256_setzero_pd());
    let (mut p0, mut p1) = (_mm256_setzero_pd(), _mm256_setzero_pd());
    for (pq, gq) in p.chunks_exact_mut(8).zip(g.chunks_exact(8)) {
        // SAFETY: each chunk holds 8 entries, read and written as two vectors of 4.
        unsafe {
            let (pa, ga) = (pq.as_mut_ptr(), gq.as_ptr());
            let (ga0, ga1) = (_mm256_loadu_pd(ga), _mm256_loadu_pd(ga.add(4)));
            let pa0 = _mm256_sub_pd(_mm256_loadu_pd(pa), _mm256_mul_pd(s, ga0));
            let pa1 = _mm256_sub_pd(_mm256_loadu_pd(pa.add(4)), _mm256_mul_pd(s, ga1));
            _mm256_storeu_pd(pa, pa0);
            _mm256_storeu_pd(pa.add(4), pa1);
            g0 = _mm256_add_pd(g0, _mm256_mul_pd(ga0, ga0));
            g1 = _mm256_add_pd(g1, _mm256_mul_pd(ga1, ga1));
            p0 = _mm256_add_pd(p0, _mm256_mul_pd(pa0, pa0));
            p1 = _mm256_add_pd(p1, _mm256_mul_pd(pa1, pa1));
        }
    }
    // SAFETY: each array holds 8 entries, written as two vectors of 4.
    unsafe {
        _mm256_storeu_pd(gg.as_mut_ptr(), g0);
        _mm256_storeu_pd(gg.as_mut_ptr().add(4), g1);
        _mm256_storeu_pd(pp.as_mut_ptr(), p0);
        _mm256_storeu_pd(pp.as_mut_ptr().add(4), p1);
    }
}
