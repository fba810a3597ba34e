//! Lab 03: the CS109 chain-rule exercise with a `sin` activation.
//!
//! The network is `h = w₁ x`, `a = sin h`, `y = w₂ a`, fitted to data from
//! `y = sin(1.5 sin x)`. [`dadw`], [`dhda`], [`dyda`], [`dadh`], [`dldy`] are the
//! exercise's partial derivatives, [`dldw`] chains them into the gradient, and
//! [`sin_descent`] runs gradient descent with it. [`sin_chain_data`] makes the
//! stand-in data set shipped as `notebooks/data/backprop.csv`.

use std::path::Path;

use crate::error::{
    check_finite_result_scalar, check_finite_result_slice, check_finite_slice, check_size,
    check_steps, Error, Result,
};
use crate::io::random::{seeded_rng, uniform_in, SeededRng};

/// Every intermediate value of the sine network, one entry per input.
///
/// The CS109 chain-rule exercise: a two-weight network with sine activations,
///
/// `a1 = x·w1,  h1 = sin(a1),  a2 = h1·w2,  ŷ = sin(a2)`,
///
/// an MSE loss `L = mean((ŷ − y)²)`, and one small function per partial
/// derivative, as the exercise scaffolds them. Weights are passed as
/// `w = [w1, w2]` (the exercise's `W[0]`, `W[1]`); note that [`dldw`] returns
/// `[∂L/∂w2, ∂L/∂w1]`, in the exercise's order.
#[derive(Debug, Clone, PartialEq)]
pub struct SinTrace {
    /// `a1 = x·w1`
    pub a1: Vec<f64>,
    /// `h1 = sin(a1)`
    pub h1: Vec<f64>,
    /// `a2 = h1·w2`
    pub a2: Vec<f64>,
    /// `ŷ = sin(a2)`
    pub y: Vec<f64>,
}

/// The exercise's `neural_network(W, x)`.
///
/// # Errors
/// [`Error::NonFinite`] on NaN or infinity in `w` or `x`; [`Error::Empty`] for no
/// inputs; [`Error::Diverged`] if `x·w1` or `h1·w2` overflows (e.g. `w1 = x = 1e200`),
/// naming the quantity and the point.
pub fn sin_network(w: [f64; 2], x: &[f64]) -> Result<SinTrace> {
    const OP: &str = "sin_network";
    check_inputs(OP, w, x)?;
    let t = sin_network_unchecked(w, x);
    t.check_finite(OP)?;
    Ok(t)
}

impl SinTrace {
    /// [`Error::Diverged`] naming the first quantity and point that overflowed.
    fn check_finite(&self, op: &'static str) -> Result<()> {
        check_finite_result_slice(op, "a1 = x·w1", &self.a1)?;
        check_finite_result_slice(op, "h1 = sin(a1)", &self.h1)?;
        check_finite_result_slice(op, "a2 = h1·w2", &self.a2)?;
        check_finite_result_slice(op, "ŷ = sin(a2)", &self.y)
    }
}

fn sin_network_unchecked(w: [f64; 2], x: &[f64]) -> SinTrace {
    let a1: Vec<f64> = x.iter().map(|xi| xi * w[0]).collect();
    let h1: Vec<f64> = a1.iter().map(|v| v.sin()).collect();
    let a2: Vec<f64> = h1.iter().map(|v| v * w[1]).collect();
    let y = a2.iter().map(|v| v.sin()).collect();
    SinTrace { a1, h1, a2, y }
}

fn check_inputs(op: &'static str, w: [f64; 2], x: &[f64]) -> Result<()> {
    if x.is_empty() {
        return Err(Error::Empty {
            op,
            what: "x".into(),
        });
    }
    check_finite_slice(op, "W", &w)?;
    check_finite_slice(op, "x", x)
}

/// `∂a/∂w`: the activation feeding the weight. For the first weight that is the
/// input itself (`first_weight = true` returns `v = x`); otherwise `v` is the
/// previous affine value and the activation is `sin(v)`.
pub fn dadw(v: f64, first_weight: bool) -> f64 {
    if first_weight {
        v
    } else {
        v.sin()
    }
}

/// `∂h/∂a = cos(a)`, the hidden activation's derivative.
pub fn dhda(a: f64) -> f64 {
    a.cos()
}

/// `∂ŷ/∂a = cos(a)`, the output activation's derivative.
pub fn dyda(a: f64) -> f64 {
    a.cos()
}

/// `∂a2/∂h1 = w2`.
pub fn dadh(w: f64) -> f64 {
    w
}

/// `∂L/∂ŷ = 2(ŷ − y)` for one point of the squared error.
///
/// A plain number, as the lab's function is: it is infinite only when
/// `|2(ŷ − y)|` itself passes `f64::MAX` (about 1.8e308), a value no `f64`
/// can hold. The functions built on it ([`dldw`], [`sin_descent`]) report
/// that as [`Error::Diverged`].
pub fn dldy(y_pred: f64, y: f64) -> f64 {
    2.0 * (y_pred - y)
}

/// The mean gradients `[∂L/∂w2, ∂L/∂w1]` over all points, by the chain rule:
///
/// * `∂L/∂w2 = ∂L/∂ŷ · ∂ŷ/∂a2 · ∂a2/∂w2`
/// * `∂L/∂w1 = ∂L/∂ŷ · ∂ŷ/∂a2 · ∂a2/∂h1 · ∂h1/∂a1 · ∂a1/∂w1`
///
/// # Errors
/// [`Error::Shape`] if `x` and `y` differ in length;
/// [`Error::Empty`]; [`Error::NonFinite`]; [`Error::Diverged`] if the network's
/// values or the gradient overflow from finite input (e.g. `y` of 1e300).
///
/// ```
/// use backprop_lab::sin_chain::{dldw, sin_network};
/// // At the true weights the loss is 0 and so is its gradient.
/// let x = [-1.0, 0.5, 2.0];
/// let y = sin_network([1.0, 1.5], &x)?.y;
/// let g = dldw([1.0, 1.5], &x, &y)?;
/// assert!(g[0].abs() < 1e-15 && g[1].abs() < 1e-15);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn dldw(w: [f64; 2], x: &[f64], y: &[f64]) -> Result<[f64; 2]> {
    const OP: &str = "dldw";
    check_xy(OP, w, x, y)?;
    let g = dldw_unchecked(w, x, y);
    check_finite_result_scalar(OP, "∂L/∂w2", g[0])?;
    check_finite_result_scalar(OP, "∂L/∂w1", g[1])?;
    Ok(g)
}

fn dldw_unchecked(w: [f64; 2], x: &[f64], y: &[f64]) -> [f64; 2] {
    let t = sin_network_unchecked(w, x);
    let n = x.len() as f64;
    let mut g2 = 0.0;
    let mut g1 = 0.0;
    for i in 0..x.len() {
        let upstream = dldy(t.y[i], y[i]) * dyda(t.a2[i]);
        g2 += upstream * dadw(t.a1[i], false);
        g1 += upstream * dadh(w[1]) * dhda(t.a1[i]) * dadw(x[i], true);
    }
    [g2 / n, g1 / n]
}

fn check_xy(op: &'static str, w: [f64; 2], x: &[f64], y: &[f64]) -> Result<()> {
    check_inputs(op, w, x)?;
    if x.len() != y.len() {
        return Err(crate::error::shape_err(
            op,
            format!("x has {} points but y has {}", x.len(), y.len()),
        ));
    }
    check_finite_slice(op, "y", y)
}

/// The exercise's loss, `L = mean((ŷ − y)²)`.
///
/// # Errors
/// As [`dldw`], including [`Error::Diverged`] if the loss overflows.
pub fn sin_loss(w: [f64; 2], x: &[f64], y: &[f64]) -> Result<f64> {
    const OP: &str = "sin_loss";
    check_xy(OP, w, x, y)?;
    check_finite_result_scalar(OP, "the loss", sin_loss_unchecked(w, x, y))
}

fn sin_loss_unchecked(w: [f64; 2], x: &[f64], y: &[f64]) -> f64 {
    let t = sin_network_unchecked(w, x);
    t.y.iter()
        .zip(y)
        .map(|(p, q)| (p - q) * (p - q))
        .sum::<f64>()
        / x.len() as f64
}

/// `steps` steps of gradient descent `w ← w − lr·∇L` from `w`; returns the weights
/// and the loss before the first step and after every step (`steps + 1` entries).
///
/// # Errors
/// [`Error::InvalidParameter`] unless `lr > 0`; the errors of [`dldw`];
/// [`Error::Diverged`] naming the step at which the loss, the gradient or a
/// weight overflowed (e.g. a learning rate of 1e300).
pub fn sin_descent(
    w: [f64; 2],
    x: &[f64],
    y: &[f64],
    lr: f64,
    steps: usize,
) -> Result<Vec<([f64; 2], f64)>> {
    const OP: &str = "sin_descent";
    if !(lr.is_finite() && lr > 0.0) {
        return Err(Error::InvalidParameter {
            op: OP,
            name: "lr",
            value: lr.to_string(),
            reason: "the learning rate must be a finite number > 0".into(),
        });
    }
    check_xy(OP, w, x, y)?;
    check_steps(OP, "steps", steps, steps.checked_add(1))?;
    let diverged = |what: &str, step: usize, value: f64| Error::Diverged {
        op: OP,
        what: format!("{what} (from finite inputs)"),
        at: format!("step {step}, where it overflowed to {value}"),
    };
    let mut w = w;
    let loss = sin_loss_unchecked(w, x, y);
    if !loss.is_finite() {
        return Err(diverged("the loss", 0, loss));
    }
    let mut out = vec![(w, loss)];
    for step in 1..=steps {
        let [g2, g1] = dldw_unchecked(w, x, y);
        w = [w[0] - lr * g1, w[1] - lr * g2];
        let loss = sin_loss_unchecked(w, x, y);
        for (what, v) in [
            ("∂L/∂w2", g2),
            ("∂L/∂w1", g1),
            ("w1", w[0]),
            ("w2", w[1]),
            ("the loss", loss),
        ] {
            if !v.is_finite() {
                return Err(diverged(what, step, v));
            }
        }
        out.push((w, loss));
    }
    Ok(out)
}

/// The weights our stand-in data is made with: `[w1, w2] = [1.0, 1.5]`.
pub const SIN_TRUE_WEIGHTS: [f64; 2] = [1.0, 1.5];

/// Stand-in data for the exercise's missing `backprop.csv`: `n` inputs drawn
/// uniformly from `[-3, 3]` with a generator seeded by `seed`, sorted, and
/// `y = sin(1.5·sin(x))` — the sine network with [`SIN_TRUE_WEIGHTS`], without
/// noise, so the network can fit it exactly.
///
/// # Errors
/// [`Error::Empty`] if `n == 0`.
pub fn sin_chain_data(n: usize, seed: u64) -> Result<(Vec<f64>, Vec<f64>)> {
    if n == 0 {
        return Err(Error::Empty {
            op: "sin_chain_data",
            what: "the requested data (n = 0)".into(),
        });
    }
    check_size("sin_chain_data", "the data", &[n, 2])?;
    let mut rng: SeededRng = seeded_rng(seed);
    let mut x: Vec<f64> = (0..n).map(|_| uniform_in(&mut rng, -3.0, 3.0)).collect();
    x.sort_by(f64::total_cmp);
    let y = sin_network(SIN_TRUE_WEIGHTS, &x)
        .map_err(|e| e.within("sin_chain_data"))?
        .y;
    Ok((x, y))
}

/// The shipped `notebooks/data/backprop.csv` is `sin_chain_data(SIN_DATA_N, SIN_DATA_SEED)`.
pub const SIN_DATA_N: usize = 200;
/// See [`SIN_DATA_N`].
pub const SIN_DATA_SEED: u64 = 109;

/// The CSV text (`x,y` header, one point per line, full precision) of the data.
///
/// # Errors
/// [`Error::Shape`] if `x` and `y` differ in length; [`Error::NonFinite`] on NaN
/// or infinity (a CSV cell could not be read back).
pub fn sin_chain_csv(x: &[f64], y: &[f64]) -> Result<String> {
    const OP: &str = "sin_chain_csv";
    if x.len() != y.len() {
        return Err(crate::error::shape_err(
            OP,
            format!("x has {} points but y has {}", x.len(), y.len()),
        ));
    }
    check_finite_slice(OP, "x", x)?;
    check_finite_slice(OP, "y", y)?;
    let mut s = String::from("x,y\n");
    for (a, b) in x.iter().zip(y) {
        s.push_str(&format!("{a},{b}\n"));
    }
    Ok(s)
}

/// Writes [`sin_chain_csv`] of `sin_chain_data(n, seed)` to `path`, through a
/// temporary file renamed into place, so no half-written file is left.
///
/// # Errors
/// [`Error::Io`] if the file cannot be written; [`Error::Empty`] if `n == 0`.
pub fn write_sin_chain_csv(path: impl AsRef<Path>, n: usize, seed: u64) -> Result<()> {
    const OP: &str = "write_sin_chain_csv";
    let path = path.as_ref();
    let (x, y) = sin_chain_data(n, seed).map_err(|e| e.within(OP))?;
    let text = sin_chain_csv(&x, &y).map_err(|e| e.within(OP))?;
    crate::io::fsio::write_atomic(OP, path, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partials_by_hand() {
        assert_eq!(dadw(2.0, true), 2.0);
        assert_eq!(dadw(0.0, false), 0.0);
        assert_eq!(dhda(0.0), 1.0);
        assert_eq!(dyda(0.0), 1.0);
        assert_eq!(dadh(1.5), 1.5);
        assert_eq!(dldy(3.0, 1.0), 4.0);
    }

    #[test]
    fn bad_input_is_refused() {
        assert!(dldw([1.0, 1.0], &[1.0, 2.0], &[1.0]).is_err());
        assert!(dldw([f64::NAN, 1.0], &[1.0], &[1.0]).is_err());
        assert!(sin_network([1.0, 1.0], &[]).is_err());
        assert!(sin_descent([1.0, 1.0], &[1.0], &[1.0], 0.0, 3).is_err());
        assert!(sin_chain_data(0, 1).is_err());
        assert!(sin_chain_csv(&[1.0], &[]).is_err());
        assert!(sin_descent([1.0, 1.0], &[1.0], &[1.0], 0.1, usize::MAX).is_err());
    }

    #[test]
    fn data_is_seeded_sorted_and_exact() {
        let (x, y) = sin_chain_data(50, 3).unwrap();
        assert_eq!(sin_chain_data(50, 3).unwrap().0, x);
        assert!(x.windows(2).into_iter().all(|w| w[0] <= w[1]));
        assert!(x.iter().all(|v| (-3.0..3.0).contains(v)));
        assert_eq!(sin_loss(SIN_TRUE_WEIGHTS, &x, &y).unwrap(), 0.0);
    }
}
