//! The vectorised sigmoid and exponential the engine runs over whole layers.
//!
//! The sigmoid a learner reads is [`crate::dense::sigmoid`] in `dense/activation.rs`,
//! `1 / (1 + e^{-z})` with the C library's `exp`. This one computes the same
//! function with a hand-written, branch-free `e^x` that the compiler vectorises
//! (on the kernel path `simd.rs` chose: four lanes on CPUs with AVX2 and FMA);
//! the two agree to a few units in the last place.

use ndarray::Array2;

use crate::engine::simd::{path, Path, PORTABLE_FMA};

/// `σ(z)` for one number, with the engine's vectorised code: bit for bit what
/// [`sigmoid_slice`] gives for the same `z` (Nielsen's network, which applies it
/// entry by entry, and the workspace agree to the bit).
pub(crate) fn sigmoid(z: f64) -> f64 {
    let mut out = [0.0];
    sigmoid_dispatch(&[z], &mut out);
    out[0]
}

/// `σ(z)` over a slice, written so the compiler can vectorise it: the
/// training engine's hot loop (one call per layer per step), and the body of
/// the engine's scalar [`sigmoid`].
///
/// `e^{-|z|}` comes from `exp_nonpositive` instead of the C library's `exp`
/// (a call per entry that cannot be vectorised), then `σ(z) = 1 / (1 + t)` for
/// `z ≥ 0` and `t / (1 + t)` below, as in [`crate::dense::sigmoid`]. Results agree with
/// the C library's `exp`-based formula to a few units in the last place; NaN
/// stays NaN.
///
/// The loop runs on the process's kernel path (`simd.rs`): compiled for four
/// lanes with fused multiply-adds on the AVX2 path, for the baseline
/// instruction set on the portable path, one entry at a time on the scalar
/// path. Paths round slightly differently, within the bound above.
pub(crate) fn sigmoid_slice(z: &[f64], out: &mut [f64]) {
    assert_eq!(z.len(), out.len(), "one output per input");
    sigmoid_dispatch(z, out);
}

/// [`sigmoid_slice`] once the lengths are known to agree, on the process's path.
fn sigmoid_dispatch(z: &[f64], out: &mut [f64]) {
    match path() {
        Path::Scalar => {
            for (o, &v) in out.iter_mut().zip(z) {
                *o = sigmoid_one(v);
            }
        }
        Path::Portable => sigmoid_loop::<PORTABLE_FMA>(z, out),
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `path()` is `Avx2` only on a CPU with AVX2 and FMA.
        Path::Avx2 => unsafe { sigmoid_slice_avx2(z, out) },
        #[cfg(not(target_arch = "x86_64"))]
        Path::Avx2 => sigmoid_loop::<PORTABLE_FMA>(z, out),
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn sigmoid_slice_avx2(z: &[f64], out: &mut [f64]) {
    sigmoid_loop::<true>(z, out);
}

#[inline(always)]
fn sigmoid_loop<const FMA: bool>(z: &[f64], out: &mut [f64]) {
    for (o, &v) in out.iter_mut().zip(z) {
        *o = sigmoid_impl::<FMA>(v);
    }
}

/// One sigmoid, not inlined: the scalar path's loop calls it entry by entry,
/// which keeps the compiler from vectorising that loop.
#[inline(never)]
fn sigmoid_one(v: f64) -> f64 {
    sigmoid_impl::<false>(v)
}

#[inline(always)]
fn sigmoid_impl<const FMA: bool>(v: f64) -> f64 {
    let t = exp_nonpositive_impl::<FMA>(-v.abs());
    let num = if v >= 0.0 { 1.0 } else { t };
    let s = num / (1.0 + t);
    if v.is_nan() {
        v
    } else {
        s
    }
}

/// `x ← e^x` for every entry, each `x ≤ 0` (softmax's `e^{z − max z}`), with
/// the vectorised `exp_nonpositive` of [`sigmoid_slice`], on the same path.
pub(crate) fn exp_nonpositive_in_place(x: &mut [f64]) {
    match path() {
        Path::Scalar => {
            for v in x.iter_mut() {
                *v = exp_one(*v);
            }
        }
        Path::Portable => exp_in_place_loop::<PORTABLE_FMA>(x),
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `path()` is `Avx2` only on a CPU with AVX2 and FMA.
        Path::Avx2 => unsafe { exp_in_place_avx2(x) },
        #[cfg(not(target_arch = "x86_64"))]
        Path::Avx2 => exp_in_place_loop::<PORTABLE_FMA>(x),
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn exp_in_place_avx2(x: &mut [f64]) {
    exp_in_place_loop::<true>(x);
}

#[inline(always)]
fn exp_in_place_loop<const FMA: bool>(x: &mut [f64]) {
    for v in x.iter_mut() {
        *v = exp_impl::<FMA>(*v);
    }
}

/// One `e^x`, not inlined: the scalar path's loop (see [`sigmoid_one`]).
#[inline(never)]
fn exp_one(v: f64) -> f64 {
    exp_impl::<false>(v)
}

/// `e^v` for `v ≤ 0`, NaN staying NaN.
#[inline(always)]
fn exp_impl<const FMA: bool>(v: f64) -> f64 {
    let e = exp_nonpositive_impl::<FMA>(v);
    if v.is_nan() {
        v
    } else {
        e
    }
}

/// `e^x` for `x ≤ 0`, branch-free so that loops over it vectorise; `0` below
/// `−708` (where `e^x` would be subnormal).
///
/// The usual reduction: `x = k ln 2 + r` with `k` the nearest integer to
/// `x / ln 2` and `|r| ≤ ln 2 / 2`, so `e^x = 2^k e^r`. `ln 2` is split in a
/// high part with trailing zero bits (so `k · LN2_HI` is exact) and a low part.
/// `e^r` is its Taylor series to `r^13`: the first term left out is below
/// `0.35^14 / 14! ≈ 4·10⁻¹⁸`, under half an ulp. `2^k` is built from its bits:
/// adding `1.5·2^52` rounds `x / ln 2` to an integer and leaves `k` in the low
/// bits of the sum, from which `(k + 1023) << 52` is the double `2^k`.
#[cfg(test)]
pub(crate) fn exp_nonpositive(x: f64) -> f64 {
    exp_nonpositive_impl::<false>(x)
}

/// `exp_nonpositive`, with fused multiply-adds when `FMA` (only inside
/// functions compiled for FMA: elsewhere `mul_add` is a slow library call).
#[inline(always)]
fn exp_nonpositive_impl<const FMA: bool>(x: f64) -> f64 {
    const LOG2_E: f64 = std::f64::consts::LOG2_E;
    // ln 2 ≈ 0.693147180369123816 (its top 32 bits) + 1.90821492927058770e-10.
    const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000);
    const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76);
    const ROUND: f64 = 6_755_399_441_055_744.0; // 1.5 · 2^52
    let xc = if x < -708.0 { -708.0 } else { x };
    let shifted = xc * LOG2_E + ROUND;
    let k = shifted - ROUND;
    let r = (xc - k * LN2_HI) - k * LN2_LO;
    // Σ r^n / n!, n = 0 … 13, by Estrin's scheme: pairs c_2i + c_2i+1 r, then
    // pairs of those with r², then r⁴, r⁸. Four multiply-adds deep instead of
    // Horner's thirteen, so one value's chain does not hold up the loop.
    let fma = |a: f64, b: f64, c: f64| if FMA { a.mul_add(b, c) } else { a * b + c };
    const C: [f64; 14] = [
        1.0,
        1.0,
        0.5,
        1.0 / 6.0,
        1.0 / 24.0,
        1.0 / 120.0,
        1.0 / 720.0,
        1.0 / 5_040.0,
        1.0 / 40_320.0,
        1.0 / 362_880.0,
        1.0 / 3_628_800.0,
        1.0 / 39_916_800.0,
        1.0 / 479_001_600.0,
        1.0 / 6_227_020_800.0,
    ];
    let r2 = r * r;
    let r4 = r2 * r2;
    let r8 = r4 * r4;
    let q: [f64; 7] = std::array::from_fn(|i| fma(C[2 * i + 1], r, C[2 * i]));
    let t0 = fma(q[1], r2, q[0]);
    let t1 = fma(q[3], r2, q[2]);
    let t2 = fma(q[5], r2, q[4]);
    let u0 = fma(t1, r4, t0);
    let u1 = fma(q[6], r4, t2);
    let p = fma(u1, r8, u0);
    let scale = f64::from_bits(shifted.to_bits().wrapping_add(1023) << 52);
    let e = p * scale;
    if x < -708.0 {
        0.0
    } else {
        e
    }
}

/// [`sigmoid`] of every entry of `z`, as a new array: network.py's
/// `sigmoid(z)` on a whole layer, one pass of the kernel instead of one call
/// per entry. The same numbers as `z.mapv(sigmoid)`.
pub(crate) fn sigmoid_vec(z: &Array2<f64>) -> Array2<f64> {
    // A copy to overwrite: for a layer of a few entries, cheaper than zeros.
    let mut out = z.to_owned();
    match (z.as_slice(), out.as_slice_mut()) {
        (Some(zs), Some(os)) => sigmoid_slice(zs, os),
        _ => out.zip_mut_with(z, |o, &v| *o = sigmoid(v)),
    }
    out
}

/// The sigmoid's derivative `σ(z)(1 − σ(z))` of every entry of `z`, as a new
/// array (network.py's `sigmoid_prime(z)`), from one pass of [`sigmoid_vec`].
pub(crate) fn sigmoid_prime_vec(z: &Array2<f64>) -> Array2<f64> {
    let mut s = sigmoid_vec(z);
    s.mapv_inplace(|s| s * (1.0 - s));
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn fast_exp_matches_std_exp() {
        // Independent check: the C library's exp over a dense sweep of [-708, 0].
        let mut worst = 0.0f64;
        for i in 0..=200_000 {
            let x = -708.0 * i as f64 / 200_000.0;
            let (got, want) = (super::exp_nonpositive(x), x.exp());
            worst = worst.max((got - want).abs() / want);
        }
        assert!(worst < 4.0 * f64::EPSILON, "worst relative error {worst:e}");
        assert_eq!(super::exp_nonpositive(0.0), 1.0);
        assert_eq!(super::exp_nonpositive(-800.0), 0.0);
    }

    #[test]
    fn sigmoid_slice_matches_the_libm_formula() {
        // Independent reference: the C library's exp in the overflow-safe formula.
        let libm = |z: f64| {
            if z >= 0.0 {
                1.0 / (1.0 + (-z).exp())
            } else {
                z.exp() / (1.0 + z.exp())
            }
        };
        let z: Vec<f64> = (-4000..=4000)
            .map(|i| i as f64 * 0.01)
            .chain([-1000.0, 1000.0, 0.0])
            .collect();
        let mut out = vec![0.0; z.len()];
        super::sigmoid_slice(&z, &mut out);
        for (&v, &o) in z.iter().zip(&out) {
            let want = libm(v);
            assert_eq!(
                o,
                sigmoid(v),
                "the scalar and slice sigmoids are one function"
            );
            assert!(
                (o - want).abs() <= 4.0 * f64::EPSILON * want,
                "σ({v}) = {o}, want {want}"
            );
        }
        let mut nan = [0.0];
        super::sigmoid_slice(&[f64::NAN], &mut nan);
        assert!(nan[0].is_nan());
    }

    #[test]
    fn whole_layer_sigmoid_is_the_entrywise_one() {
        // Against the entry-by-entry `sigmoid` (bit for bit, its doc's promise),
        // for a layer stored by rows and for its transpose (not stored by rows,
        // so the fallback loop), and σ' = σ(1 − σ) from the same σ.
        let z = ndarray::array![[-3.5, 0.0, 2.25], [40.0, -0.125, 7.0]];
        for m in [
            z.clone(),
            z.t().to_owned(),
            z.t().as_standard_layout().to_owned(),
        ] {
            assert_eq!(sigmoid_vec(&m), m.mapv(sigmoid));
        }
        let zt = z.t();
        assert!(zt.as_slice().is_none());
        assert_eq!(sigmoid_vec(&zt.to_owned()), zt.mapv(sigmoid));
        let sp = sigmoid_prime_vec(&z);
        assert_eq!(sp, z.mapv(|v| sigmoid(v) * (1.0 - sigmoid(v))));
        // σ'(0) = ½ · ½ by hand.
        assert_eq!(sp[[0, 1]], 0.25);
    }
}
