//! The labs' data sets: the walkthrough's 1-D toy data and scikit-learn's
//! `make_circles` and `make_moons`.

use ndarray::{Array1, Array2};

use crate::error::{check_finite_result, check_finite_scalar, check_size, Error, Result};
use crate::io::random::{normal, seeded_rng};

/// `n` evenly spaced numbers from `start` to `stop`, both included (numpy's
/// `np.linspace(start, stop, n)`). The last value is exactly `stop`.
///
/// # Errors
/// [`Error::NonFinite`] if `start` or `stop` is NaN or infinite;
/// [`Error::Diverged`] if the step `(stop − start) / (n − 1)` overflows (ends
/// more than about 1.8e308 apart).
///
/// ```
/// use backprop_lab::dense::linspace;
/// let x = linspace(-5.0, 5.0, 51)?;
/// assert_eq!(x.len(), 51);
/// assert_eq!((x[0], x[25], x[50]), (-5.0, 0.0, 5.0));
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn linspace(start: f64, stop: f64, n: usize) -> Result<Array1<f64>> {
    check_finite_scalar("linspace", "start", start)?;
    check_finite_scalar("linspace", "stop", stop)?;
    check_size("linspace", "the sequence", &[n])?;
    let v = linspace_unchecked(start, stop, n, true);
    check_finite_result("linspace", "the sequence", v.view())?;
    Ok(v)
}

/// numpy's algorithm: `start + i * step`, with the end point pinned to `stop`.
pub(crate) fn linspace_unchecked(start: f64, stop: f64, n: usize, endpoint: bool) -> Array1<f64> {
    let div = if endpoint { n.saturating_sub(1) } else { n };
    let step = if div > 0 {
        (stop - start) / div as f64
    } else {
        0.0
    };
    let mut v = Array1::from_shape_fn(n, |i| start + i as f64 * step);
    if endpoint && n > 1 {
        v[n - 1] = stop;
    }
    v
}

/// The walkthrough's toy data: `n` inputs evenly spaced over `[-5, 5]` and labels
/// `+1` where the input is positive, `-1` elsewhere. Both are shaped `(n, 1)`.
/// The walkthrough's `toy()` is `toy(1000)`.
///
/// # Errors
/// [`Error::Empty`] if `n == 0`.
///
/// ```
/// use backprop_lab::dense::toy;
/// let (inputs, labels) = toy(1000)?;
/// assert_eq!(inputs.dim(), (1000, 1));
/// assert_eq!(inputs[[0, 0]], -5.0);
/// assert_eq!(labels[[0, 0]], -1.0);
/// assert_eq!(labels[[999, 0]], 1.0);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn toy(n: usize) -> Result<(Array2<f64>, Array2<f64>)> {
    if n == 0 {
        return Err(Error::Empty {
            op: "toy",
            what: "the requested data set (n = 0)".into(),
        });
    }
    check_size("toy", "the data set X", &[n, 1])?;
    let x = linspace_unchecked(-5.0, 5.0, n, true);
    let labels = x.mapv(|v| if v > 0.0 { 1.0 } else { -1.0 });
    let inputs = x
        .into_shape_with_order((n, 1))
        .expect("n elements reshape to (n, 1)");
    let labels = labels
        .into_shape_with_order((n, 1))
        .expect("n elements reshape to (n, 1)");
    Ok((inputs, labels))
}

/// Two concentric circles in the plane, scikit-learn's `make_circles` with
/// `shuffle=False`.
///
/// The first `n / 2` points lie on the unit circle at angles
/// `linspace(0, 2π, n/2, endpoint=False)` and get label `0`; the other `n − n/2`
/// lie on the circle of radius `factor` at their own evenly spaced angles and get
/// label `1`. Then Gaussian noise of standard deviation `noise` is added to every
/// coordinate, drawn from the crate's generator seeded with `seed` (so the noise
/// differs from numpy's, while the construction is the same).
///
/// Returns `X` of shape `(n, 2)` and labels of shape `(n, 1)` holding `0.0`/`1.0`.
///
/// # Errors
/// [`Error::Empty`] if `n == 0`; [`Error::InvalidParameter`] unless
/// `0 <= factor < 1` and `noise >= 0` (both finite); [`Error::Diverged`] if a
/// noisy coordinate overflows (`noise` near 1e308).
///
/// ```
/// use backprop_lab::dense::make_circles;
/// let (x, y) = make_circles(1000, 0.3, 0.0, 0)?;
/// assert_eq!(x.dim(), (1000, 2));
/// // Without noise the first point is (1, 0) and the inner circle has radius 0.3.
/// assert_eq!((x[[0, 0]], x[[0, 1]]), (1.0, 0.0));
/// assert!((x[[500, 0]] - 0.3).abs() < 1e-15);
/// assert_eq!((y[[499, 0]], y[[500, 0]]), (0.0, 1.0));
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn make_circles(
    n: usize,
    factor: f64,
    noise: f64,
    seed: u64,
) -> Result<(Array2<f64>, Array2<f64>)> {
    const OP: &str = "make_circles";
    if n == 0 {
        return Err(Error::Empty {
            op: OP,
            what: "the requested data set (n = 0)".into(),
        });
    }
    check_size(OP, "the data set X", &[n, 2])?;
    if !(factor.is_finite() && (0.0..1.0).contains(&factor)) {
        return Err(Error::InvalidParameter {
            op: OP,
            name: "factor",
            value: factor.to_string(),
            reason: "the inner circle's radius must be in [0, 1)".into(),
        });
    }
    check_noise(OP, noise)?;
    let n_out = n / 2;
    let n_in = n - n_out;
    let two_pi = 2.0 * std::f64::consts::PI;
    let mut x = Array2::zeros((n, 2));
    let mut y = Array2::zeros((n, 1));
    for (i, t) in linspace_unchecked(0.0, two_pi, n_out, false)
        .iter()
        .enumerate()
    {
        x[[i, 0]] = t.cos();
        x[[i, 1]] = t.sin();
    }
    for (i, t) in linspace_unchecked(0.0, two_pi, n_in, false)
        .iter()
        .enumerate()
    {
        x[[n_out + i, 0]] = t.cos() * factor;
        x[[n_out + i, 1]] = t.sin() * factor;
        y[[n_out + i, 0]] = 1.0;
    }
    let eps = normal(n, 2, &mut seeded_rng(seed)).map_err(|e| e.within(OP))?;
    x.scaled_add(noise, &eps);
    check_finite_result(OP, "X", x.view())?;
    Ok((x, y))
}

/// Two interleaving half circles in the plane, scikit-learn's `make_moons`
/// with `shuffle=False`.
///
/// The first `n / 2` points lie on the upper half of the unit circle,
/// `(cos t, sin t)` at `t = linspace(0, π, n/2)`, and get label `0`; the other
/// `n − n/2` lie on the lower half circle `(1 − cos t, 0.5 − sin t)` at their
/// own evenly spaced `t`, and get label `1`. Without noise the points span
/// `x ∈ [-1, 2]`, `y ∈ [-0.5, 1]`. Then Gaussian noise of standard deviation
/// `noise` is added to every coordinate, drawn from the crate's generator
/// seeded with `seed` (so the noise differs from numpy's).
///
/// Returns `X` of shape `(n, 2)` and labels of shape `(n, 1)` holding `0.0`/`1.0`.
///
/// # Errors
/// [`Error::Empty`] if `n == 0`; [`Error::InvalidParameter`] unless `noise`
/// is finite and `>= 0`; [`Error::Diverged`] if a noisy coordinate overflows.
///
/// ```
/// use backprop_lab::dense::make_moons;
/// let (x, y) = make_moons(100, 0.0, 0)?;
/// assert_eq!((x.dim(), y.dim()), ((100, 2), (100, 1)));
/// // The outer moon starts at (1, 0); the inner one at (0, 0.5).
/// assert_eq!((x[[0, 0]], x[[0, 1]]), (1.0, 0.0));
/// assert_eq!((x[[50, 0]], x[[50, 1]], y[[50, 0]]), (0.0, 0.5, 1.0));
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn make_moons(n: usize, noise: f64, seed: u64) -> Result<(Array2<f64>, Array2<f64>)> {
    const OP: &str = "make_moons";
    if n == 0 {
        return Err(Error::Empty {
            op: OP,
            what: "the requested data set (n = 0)".into(),
        });
    }
    check_size(OP, "the data set X", &[n, 2])?;
    check_noise(OP, noise)?;
    let n_out = n / 2;
    let n_in = n - n_out;
    let pi = std::f64::consts::PI;
    let mut x = Array2::zeros((n, 2));
    let mut y = Array2::zeros((n, 1));
    for (i, t) in linspace_unchecked(0.0, pi, n_out, true).iter().enumerate() {
        x[[i, 0]] = t.cos();
        x[[i, 1]] = t.sin();
    }
    for (i, t) in linspace_unchecked(0.0, pi, n_in, true).iter().enumerate() {
        x[[n_out + i, 0]] = 1.0 - t.cos();
        x[[n_out + i, 1]] = 0.5 - t.sin();
        y[[n_out + i, 0]] = 1.0;
    }
    let eps = normal(n, 2, &mut seeded_rng(seed)).map_err(|e| e.within(OP))?;
    x.scaled_add(noise, &eps);
    check_finite_result(OP, "X", x.view())?;
    Ok((x, y))
}

/// The Gaussian noise's standard deviation of a toy data set: finite and >= 0.
fn check_noise(op: &'static str, noise: f64) -> Result<()> {
    if noise.is_finite() && noise >= 0.0 {
        return Ok(());
    }
    Err(Error::InvalidParameter {
        op,
        name: "noise",
        value: noise.to_string(),
        reason: "the noise's standard deviation must be finite and >= 0".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    #[test]
    fn moons_lie_on_two_half_circles_and_reject_bad_noise() {
        let (x, y) = make_moons(9, 0.0, 1).unwrap();
        // 4 outer points at t = 0, π/3, 2π/3, π; 5 inner at t = 0, π/4, …, π.
        assert_abs_diff_eq!(x[[3, 0]], -1.0, epsilon = 1e-15);
        for i in 0..4 {
            assert_abs_diff_eq!(x[[i, 0]].hypot(x[[i, 1]]), 1.0, epsilon = 1e-15);
        }
        for i in 4..9 {
            assert_abs_diff_eq!(
                (1.0 - x[[i, 0]]).hypot(0.5 - x[[i, 1]]),
                1.0,
                epsilon = 1e-15
            );
            assert_eq!(y[[i, 0]], 1.0);
        }
        assert!(make_moons(0, 0.1, 0).is_err());
        assert!(make_moons(10, f64::NAN, 0).is_err());
        assert!(make_moons(10, -0.1, 0).is_err());
        let noisy = make_moons(10, 0.1, 7).unwrap().0;
        assert_eq!(noisy, make_moons(10, 0.1, 7).unwrap().0, "seeded");
    }

    #[test]
    fn linspace_follows_numpy() {
        // np.linspace(-5, 5, 1000)[1] prints -4.98998999 (walkthrough, toy data).
        let x = linspace(-5.0, 5.0, 1000).unwrap();
        assert_abs_diff_eq!(x[1], -4.98998999, epsilon = 5e-9);
        assert_eq!(linspace(2.0, 3.0, 1).unwrap().to_vec(), vec![2.0]);
        assert_eq!(linspace(2.0, 3.0, 0).unwrap().len(), 0);
        assert!(linspace(f64::NAN, 1.0, 3).is_err());
    }

    #[test]
    fn circles_radii_and_noise() {
        let (x, _) = make_circles(400, 0.5, 0.0, 1).unwrap();
        for i in 0..400 {
            let r = x.row(i).dot(&x.row(i)).sqrt();
            let want = if i < 200 { 1.0 } else { 0.5 };
            assert_abs_diff_eq!(r, want, epsilon = 1e-12);
        }
        // Noise is seeded: same seed, same data; other seed, other data.
        let a = make_circles(100, 0.3, 0.1, 5).unwrap().0;
        let b = make_circles(100, 0.3, 0.1, 5).unwrap().0;
        let c = make_circles(100, 0.3, 0.1, 6).unwrap().0;
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn odd_n_puts_extra_point_inside() {
        // sklearn: n_samples_out = n // 2, n_samples_in = n - n_samples_out.
        let (_, y) = make_circles(7, 0.3, 0.0, 0).unwrap();
        assert_eq!(y.sum(), 4.0);
    }
}
