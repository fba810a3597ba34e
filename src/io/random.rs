//! Seeded randomness: every random number in the crate comes from here.

use crate::error::{check_size, Result};
use ndarray::Array2;
use rand::{RngExt, SeedableRng};
use rand_distr::StandardNormal;

/// The crate's random number generator: xoshiro256++, a fixed, documented
/// algorithm, so the same seed gives the same numbers on every machine and every
/// version of this crate. A type of its own (not an alias of `rand`'s) so that a
/// notebook can keep one in a variable without depending on `rand` itself: every
/// function that draws from it ([`uniform`], [`normal`], [`normal_scalar`],
/// [`permutation`]) returns plain numbers or arrays.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeededRng(rand::rngs::Xoshiro256PlusPlus);

/// A generator started from `seed`.
///
/// ```
/// use backprop_lab::io::{seeded_rng, uniform};
/// let a = uniform(2, 2, &mut seeded_rng(7))?;
/// let b = uniform(2, 2, &mut seeded_rng(7))?;
/// assert_eq!(a, b);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn seeded_rng(seed: u64) -> SeededRng {
    SeededRng(rand::rngs::Xoshiro256PlusPlus::seed_from_u64(seed))
}

/// A `rows × cols` matrix of draws from the uniform distribution on `[0, 1)`,
/// filled row by row (numpy's `np.random.rand(rows, cols)`).
///
/// ```
/// use backprop_lab::io::{seeded_rng, uniform};
/// let w = uniform(3, 2, &mut seeded_rng(0))?;
/// assert_eq!(w.dim(), (3, 2));
/// assert!(w.iter().all(|&v| (0.0..1.0).contains(&v)));
/// # Ok::<(), backprop_lab::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) if `rows × cols` exceeds [`MAX_ELEMENTS`](crate::MAX_ELEMENTS); the
/// generator is not advanced.
pub fn uniform(rows: usize, cols: usize, rng: &mut SeededRng) -> Result<Array2<f64>> {
    check_size("uniform", "the matrix", &[rows, cols])?;
    Ok(Array2::from_shape_simple_fn((rows, cols), || {
        rng.0.random::<f64>()
    }))
}

/// A `rows × cols` matrix of standard normal draws, filled row by row
/// (numpy's `np.random.randn(rows, cols)`).
///
/// # Errors
/// As [`uniform`].
pub fn normal(rows: usize, cols: usize, rng: &mut SeededRng) -> Result<Array2<f64>> {
    check_size("normal", "the matrix", &[rows, cols])?;
    Ok(Array2::from_shape_simple_fn((rows, cols), || {
        rng.0.sample::<f64, _>(StandardNormal)
    }))
}

/// One uniform draw from `[0, 1)`, the same number stream as [`uniform`].
pub(crate) fn uniform_scalar(rng: &mut SeededRng) -> f64 {
    rng.0.random::<f64>()
}

/// One uniform draw from `[lo, hi)` (`lo < hi`, both finite: the crate's own
/// constant ranges).
pub(crate) fn uniform_in(rng: &mut SeededRng, lo: f64, hi: f64) -> f64 {
    rng.0.random_range(lo..hi)
}

/// One standard normal draw.
pub fn normal_scalar(rng: &mut SeededRng) -> f64 {
    rng.0.sample::<f64, _>(StandardNormal)
}

/// A seeded Fisher–Yates permutation of `0..n`.
///
/// ```
/// use backprop_lab::io::{permutation, seeded_rng};
/// let mut p = permutation(5, &mut seeded_rng(1))?;
/// p.sort();
/// assert_eq!(p, vec![0, 1, 2, 3, 4]);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidParameter`](crate::Error::InvalidParameter) if `n` exceeds [`MAX_ELEMENTS`](crate::MAX_ELEMENTS).
pub fn permutation(n: usize, rng: &mut SeededRng) -> Result<Vec<usize>> {
    check_size("permutation", "the permutation", &[n])?;
    Ok(permutation_unchecked(n, rng))
}

/// [`permutation`] of a length the caller already holds in memory.
pub(crate) fn permutation_unchecked(n: usize, rng: &mut SeededRng) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = rng.0.random_range(0..=i);
        idx.swap(i, j);
    }
    idx
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_draws_have_unit_scale() {
        // Independent check: the sample mean and variance of 20 000 draws are
        // within a few standard errors of 0 and 1.
        let x = normal(200, 100, &mut seeded_rng(3)).unwrap();
        let n = x.len() as f64;
        let mean = x.sum() / n;
        let var = x.mapv(|v| (v - mean).powi(2)).sum() / n;
        assert!(mean.abs() < 0.03, "mean {mean}");
        assert!((var - 1.0).abs() < 0.05, "var {var}");
    }

    #[test]
    fn different_seeds_differ() {
        assert_ne!(
            uniform(2, 2, &mut seeded_rng(1)).unwrap(),
            uniform(2, 2, &mut seeded_rng(2)).unwrap()
        );
    }
}
