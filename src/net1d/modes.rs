//! Forward mode against reverse mode on the 1-D network: the same six
//! derivatives of `C_0`, with the work each mode does counted as it is done.

use super::network::{Net1d, Param1d};
use crate::dense::activation::{sigmoid, sigmoid_prime};
use crate::error::Result;

/// The derivatives one mode of differentiation found, and the work it did,
/// counted by the loops that did it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ModeCost {
    /// `"forward mode"` or `"reverse mode"`.
    pub mode: &'static str,
    /// `∂C_0/∂p` for the six parameters, in [`Param1d::ALL`]'s order.
    pub grads: [f64; 6],
    /// Passes from the input to the cost.
    pub forward_passes: usize,
    /// Passes from the cost back to the input.
    pub backward_passes: usize,
    /// Layers visited, summed over all passes.
    pub layer_steps: usize,
}

impl ModeCost {
    /// No passes counted yet, every gradient 0.
    fn empty(mode: &'static str) -> ModeCost {
        ModeCost {
            mode,
            grads: [0.0; 6],
            forward_passes: 0,
            backward_passes: 0,
            layer_steps: 0,
        }
    }
}

impl std::fmt::Display for ModeCost {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} forward pass(es), {} backward pass(es), {} layer steps",
            self.mode, self.forward_passes, self.backward_passes, self.layer_steps
        )
    }
}

/// Forward mode: one pass from the input to the cost **per parameter**. Each
/// pass carries, next to every value, its derivative with respect to that one
/// parameter (`ż = ẇ·a + w·ȧ + ḃ`, `ȧ = σ′(z)·ż`, `Ċ = 2(a_3 − y)·ȧ_3`), and
/// ends with one entry of the gradient.
///
/// # Errors
/// As [`Net1d::backprop`]: [`Error::NonFinite`](crate::Error::NonFinite) for a
/// NaN or infinite parameter, `x` or `y`.
///
/// ```
/// use backprop_lab::net1d::{forward_mode, Net1d};
/// let net = Net1d::new(0.5, -0.2, 1.5, 0.1, -2.0, 0.3)?;
/// let fm = forward_mode(&net, 1.0, 1.0)?;
/// assert_eq!((fm.forward_passes, fm.backward_passes), (6, 0));
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn forward_mode(net: &Net1d, x: f64, y: f64) -> Result<ModeCost> {
    net.check("forward_mode", x, y)?;
    let mut cost = ModeCost::empty("forward mode");
    for (g, p) in cost.grads.iter_mut().zip(Param1d::ALL) {
        let (mut a, mut a_dot) = (x, 0.0);
        for i in 0..3 {
            let w_dot = f64::from(u8::from(p.is_weight() && p.layer() == i));
            let b_dot = f64::from(u8::from(!p.is_weight() && p.layer() == i));
            let z = net.w[i] * a + net.b[i];
            let z_dot = w_dot * a + net.w[i] * a_dot + b_dot;
            (a, a_dot) = (sigmoid(z), sigmoid_prime(z) * z_dot);
            cost.layer_steps += 1;
        }
        *g = 2.0 * (a - y) * a_dot;
        cost.forward_passes += 1;
    }
    Ok(cost)
}

/// Reverse mode (backprop): one forward pass that keeps every `z` and `a`,
/// then one backward pass that turns `δ` into both gradients of each layer,
/// for every parameter at once.
///
/// # Errors
/// As [`Net1d::backprop`].
///
/// ```
/// use backprop_lab::net1d::{reverse_mode, Net1d};
/// let net = Net1d::new(0.5, -0.2, 1.5, 0.1, -2.0, 0.3)?;
/// let rm = reverse_mode(&net, 1.0, 1.0)?;
/// assert_eq!((rm.forward_passes, rm.backward_passes), (1, 1));
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn reverse_mode(net: &Net1d, x: f64, y: f64) -> Result<ModeCost> {
    net.check("reverse_mode", x, y)?;
    let mut cost = ModeCost::empty("reverse mode");
    let (mut z, mut a) = ([0.0; 3], [0.0; 3]);
    let mut prev = x;
    for i in 0..3 {
        z[i] = net.w[i] * prev + net.b[i];
        a[i] = sigmoid(z[i]);
        prev = a[i];
        cost.layer_steps += 1;
    }
    cost.forward_passes += 1;
    let mut dc_da = 2.0 * (a[2] - y);
    for i in (0..3).rev() {
        let delta = dc_da * sigmoid_prime(z[i]);
        let input = if i == 0 { x } else { a[i - 1] };
        cost.grads[2 * i] = input * delta;
        cost.grads[2 * i + 1] = delta;
        dc_da = net.w[i] * delta;
        cost.layer_steps += 1;
    }
    cost.backward_passes += 1;
    Ok(cost)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_modes_give_backprops_gradients_with_the_counted_work() {
        // Net1d::backprop is the reference (itself checked against central
        // differences in its doc test and in network.rs's tests).
        let net = Net1d::nudge_setup(4);
        let (x, y) = (-5.0, -1.0);
        let bp = net.backprop(x, y).unwrap();
        let fm = forward_mode(&net, x, y).unwrap();
        let rm = reverse_mode(&net, x, y).unwrap();
        for (k, p) in Param1d::ALL.into_iter().enumerate() {
            assert!(
                (fm.grads[k] - bp.grad(p)).abs() <= 1e-15 * bp.grad(p).abs().max(1e-300),
                "{p}"
            );
            assert_eq!(rm.grads[k], bp.grad(p), "{p}");
        }
        // One pass of three layers per parameter, against one pass each way.
        assert_eq!(
            (fm.forward_passes, fm.backward_passes, fm.layer_steps),
            (6, 0, 18)
        );
        assert_eq!(
            (rm.forward_passes, rm.backward_passes, rm.layer_steps),
            (1, 1, 6)
        );
        assert_eq!(
            rm.to_string(),
            "reverse mode: 1 forward pass(es), 1 backward pass(es), 6 layer steps"
        );
        assert!(forward_mode(&net, f64::NAN, y).is_err());
        assert!(reverse_mode(&net, x, f64::INFINITY).is_err());
    }
}
