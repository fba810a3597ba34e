//! The walkthrough's 1-D network and its scalar backprop (docs on [`Net1d`]).

use crate::dense::activation::{sigmoid, sigmoid_prime};
use crate::error::{check_finite_scalar, Error, Result};
use crate::io::random::{normal_scalar, seeded_rng, uniform_scalar};
use crate::show::{num, shown_as_table, Table, Tabular};

/// One of the six parameters of [`Net1d`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Param1d {
    /// `w_1`
    W1,
    /// `b_1`
    B1,
    /// `w_2`
    W2,
    /// `b_2`
    B2,
    /// `w_3`, the walkthrough's `w^L`
    W3,
    /// `b_3`, the walkthrough's `b^L`
    B3,
}

impl Param1d {
    /// All six, in the walkthrough's order `w1, b1, w2, b2, w3, b3`.
    pub const ALL: [Param1d; 6] = [
        Param1d::W1,
        Param1d::B1,
        Param1d::W2,
        Param1d::B2,
        Param1d::W3,
        Param1d::B3,
    ];

    /// The zero-based layer the parameter belongs to (`W1` → 0).
    pub fn layer(self) -> usize {
        match self {
            Param1d::W1 | Param1d::B1 => 0,
            Param1d::W2 | Param1d::B2 => 1,
            Param1d::W3 | Param1d::B3 => 2,
        }
    }

    /// True for a weight, false for a bias.
    pub fn is_weight(self) -> bool {
        matches!(self, Param1d::W1 | Param1d::W2 | Param1d::W3)
    }

    /// The walkthrough's name, e.g. `"w_3"`.
    pub fn name(self) -> &'static str {
        match self {
            Param1d::W1 => "w_1",
            Param1d::B1 => "b_1",
            Param1d::W2 => "w_2",
            Param1d::B2 => "b_2",
            Param1d::W3 => "w_3",
            Param1d::B3 => "b_3",
        }
    }
}

impl std::fmt::Display for Param1d {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// The 1-D network `x → h_1 → h_2 → output`, each node computing
/// `z_i = w_i a_{i-1} + b_i`, `a_i = σ(z_i)`.
///
/// The walkthrough's 1-D network: three sigmoid nodes of width one, and its
/// backprop by the four fundamental equations, written out in scalars.
///
/// Index convention: the walkthrough numbers the layers 1, 2, 3 (`w_1 … w_3`);
/// our arrays are indexed from 0, so `w[0]` is `w_1`, `z[2]` is `z_3`, and so on.
/// The input `x` plays the part of `a_0`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Net1d {
    /// Weights `[w_1, w_2, w_3]`.
    pub w: [f64; 3],
    /// Biases `[b_1, b_2, b_3]`.
    pub b: [f64; 3],
}

/// Every intermediate value of one forward pass of [`Net1d`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Trace1d {
    /// The input `x` (the walkthrough's `a_0`).
    pub x: f64,
    /// Activities `[z_1, z_2, z_3]`.
    pub z: [f64; 3],
    /// Activations `[a_1, a_2, a_3]`; `a[2]` is the output `ŷ`.
    pub a: [f64; 3],
}

impl Trace1d {
    /// The network's output `a_3`.
    pub fn output(&self) -> f64 {
        self.a[2]
    }

    /// [`Error::Diverged`] naming the first `z_i` or `a_i` that overflowed.
    pub(crate) fn check_finite(&self, op: &'static str) -> Result<()> {
        check_layers(op, &self.z, |i| format!("z_{i}"))?;
        check_layers(op, &self.a, |i| format!("a_{i}"))
    }

    /// The cost of one example at this forward pass, `C_0 = (a_3 − y)²`: the
    /// one formula behind [`Net1d::cost`], [`Backprop1d::cost`] and the nudge
    /// sweeps' costs.
    pub(crate) fn cost_at(&self, y: f64) -> f64 {
        (self.output() - y) * (self.output() - y)
    }

    /// The activation feeding layer `i` (zero-based): `x` for layer 0, else `a[i-1]`.
    pub(crate) fn input_to(&self, i: usize) -> f64 {
        if i == 0 {
            self.x
        } else {
            self.a[i - 1]
        }
    }
}

/// What [`Net1d::backprop`] finds for one example, layer by layer (index 0 is layer 1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Backprop1d {
    /// The forward pass the derivatives were taken at.
    pub trace: Trace1d,
    /// The cost `C_0 = (a_3 − y)²`.
    pub cost: f64,
    /// `δ_i = ∂C_0/∂z_i` (BP1 for the last layer, BP2 below it).
    pub delta: [f64; 3],
    /// `∂C_0/∂w_i = a_{i-1} δ_i` (BP4).
    pub dc_dw: [f64; 3],
    /// `∂C_0/∂b_i = δ_i` (BP3).
    pub dc_db: [f64; 3],
    /// `∂C_0/∂a_{i-1} = w_i δ_i`, the derivative handed to the layer below
    /// (for layer 1 it is `∂C_0/∂x`).
    pub dc_da_prev: [f64; 3],
}

/// [`Error::Diverged`] naming the first of three per-layer values that is not
/// finite; `name(i)` names the value of layer `i` (one-based), and is called on
/// failure only.
pub(crate) fn check_layers(
    op: &'static str,
    values: &[f64; 3],
    name: impl Fn(usize) -> String,
) -> Result<()> {
    match values.iter().position(|v| !v.is_finite()) {
        None => Ok(()),
        Some(i) => Err(Error::Diverged {
            op,
            what: format!("{} (from finite inputs)", name(i + 1)),
            at: format!("layer {}, where it overflowed to {}", i + 1, values[i]),
        }),
    }
}

impl Backprop1d {
    /// `∂C_0/∂p` for any one parameter.
    pub fn grad(&self, p: Param1d) -> f64 {
        if p.is_weight() {
            self.dc_dw[p.layer()]
        } else {
            self.dc_db[p.layer()]
        }
    }
}

impl Net1d {
    /// A network with the given parameters, in the walkthrough's order.
    ///
    /// # Errors
    /// [`Error::NonFinite`](crate::Error::NonFinite) if any parameter is NaN or infinite.
    pub fn new(w1: f64, b1: f64, w2: f64, b2: f64, w3: f64, b3: f64) -> Result<Self> {
        let net = Net1d {
            w: [w1, w2, w3],
            b: [b1, b2, b3],
        };
        for p in Param1d::ALL {
            check_finite_scalar("Net1d::new", p.name(), net.get(p))?;
        }
        Ok(net)
    }

    /// Parameters drawn uniformly from `[0, 1)` in the order `w1, b1, w2, b2, w3, b3`
    /// (the walkthrough's `np.random.rand(6)`), from a generator seeded with `seed`.
    ///
    /// ```
    /// use backprop_lab::net1d::Net1d;
    /// assert_eq!(Net1d::random_uniform(3), Net1d::random_uniform(3));
    /// ```
    pub fn random_uniform(seed: u64) -> Self {
        let mut rng = seeded_rng(seed);
        let mut v = [0.0; 6];
        for x in &mut v {
            *x = uniform_scalar(&mut rng);
        }
        Net1d {
            w: [v[0], v[2], v[4]],
            b: [v[1], v[3], v[5]],
        }
    }

    /// The walkthrough's network for the nudge simulations: `w1`, `w2`, `b1`,
    /// `b2`, `b3` drawn from a standard normal in that order (the walkthrough's
    /// five `np.random.randn()` calls), and `w3 = 1`, fixed by the walkthrough
    /// so that the nudge pictures are easy to read.
    ///
    /// ```
    /// use backprop_lab::net1d::{Net1d, Param1d};
    /// let net = Net1d::nudge_setup(4);
    /// assert_eq!(net.get(Param1d::W3), 1.0);
    /// assert_eq!(net, Net1d::nudge_setup(4));
    /// ```
    pub fn nudge_setup(seed: u64) -> Self {
        let mut rng = seeded_rng(seed);
        let mut draw = || normal_scalar(&mut rng);
        let (w1, w2) = (draw(), draw());
        let (b1, b2, b3) = (draw(), draw(), draw());
        Net1d {
            w: [w1, w2, 1.0],
            b: [b1, b2, b3],
        }
    }

    /// The value of one parameter.
    pub fn get(&self, p: Param1d) -> f64 {
        if p.is_weight() {
            self.w[p.layer()]
        } else {
            self.b[p.layer()]
        }
    }

    /// A copy with one parameter replaced.
    ///
    /// # Errors
    /// [`Error::NonFinite`](crate::Error::NonFinite) if `value` is NaN or infinite.
    pub fn with(&self, p: Param1d, value: f64) -> Result<Self> {
        check_finite_scalar("Net1d::with", p.name(), value)?;
        Ok(self.with_unchecked(p, value))
    }

    pub(crate) fn with_unchecked(&self, p: Param1d, value: f64) -> Self {
        let mut net = *self;
        if p.is_weight() {
            net.w[p.layer()] = value;
        } else {
            net.b[p.layer()] = value;
        }
        net
    }

    /// Runs `x` through the three nodes, keeping every `z_i` and `a_i`.
    ///
    /// # Errors
    /// [`Error::NonFinite`](crate::Error::NonFinite) if `x` is NaN or infinite;
    /// [`Error::Diverged`](crate::Error::Diverged) if a `z_i` overflows (e.g.
    /// `w_1 = x = 1e200`), naming it and its layer.
    ///
    /// ```
    /// use backprop_lab::net1d::Net1d;
    /// let net = Net1d::new(1.0, 0.0, 1.0, 0.0, 1.0, 0.0)?;
    /// let t = net.forward(0.0)?;
    /// assert_eq!(t.z[0], 0.0);
    /// assert_eq!(t.a[0], 0.5);
    /// # Ok::<(), backprop_lab::Error>(())
    /// ```
    pub fn forward(&self, x: f64) -> Result<Trace1d> {
        const OP: &str = "Net1d::forward";
        self.check(OP, x, 0.0)?;
        let t = self.forward_unchecked(x);
        t.check_finite(OP)?;
        Ok(t)
    }

    /// The fields are public, so every method checks the parameters as well as
    /// the example `(x, y)`.
    pub(crate) fn check(&self, op: &'static str, x: f64, y: f64) -> Result<()> {
        for p in Param1d::ALL {
            check_finite_scalar(op, p.name(), self.get(p))?;
        }
        check_finite_scalar(op, "x", x)?;
        check_finite_scalar(op, "y", y)
    }

    pub(crate) fn forward_unchecked(&self, x: f64) -> Trace1d {
        let mut z = [0.0; 3];
        let mut a = [0.0; 3];
        let mut prev = x;
        for i in 0..3 {
            z[i] = self.w[i] * prev + self.b[i];
            a[i] = sigmoid(z[i]);
            prev = a[i];
        }
        Trace1d { x, z, a }
    }

    /// The cost of one example, `C_0 = (a_3 − y)²`.
    ///
    /// # Errors
    /// [`Error::NonFinite`](crate::Error::NonFinite) if `x` or `y` is NaN or infinite;
    /// [`Error::Diverged`](crate::Error::Diverged) if the cost overflows (`|y|`
    /// above about 1e154).
    pub fn cost(&self, x: f64, y: f64) -> Result<f64> {
        const OP: &str = "Net1d::cost";
        self.check(OP, x, y)?;
        let cost = self.forward_unchecked(x).cost_at(y);
        crate::error::check_finite_result_scalar(OP, "the cost C_0", cost)
    }

    /// Backprop for one example by the scalar four fundamental equations — the
    /// walkthrough's `backprop_1D` exercise, solved:
    ///
    /// * BP1: `δ_3 = ∂C_0/∂a_3 · σ'(z_3)` with `∂C_0/∂a_3 = 2(a_3 − y)`;
    /// * BP2: `δ_i = w_{i+1} δ_{i+1} σ'(z_i)`;
    /// * BP3: `∂C_0/∂b_i = δ_i`;
    /// * BP4: `∂C_0/∂w_i = a_{i-1} δ_i`.
    ///
    /// The walkthrough drops the factor 2 when it states BP1 (it switches to the
    /// cost `½(a − y)²`). We keep it so these numbers are the true derivatives of
    /// `C_0 = (a_3 − y)²`, the cost the nudge simulations plot; halve them for the
    /// other convention.
    ///
    /// # Errors
    /// [`Error::NonFinite`](crate::Error::NonFinite) if `x` or `y` is NaN or infinite;
    /// [`Error::Diverged`](crate::Error::Diverged) if any value of the forward or
    /// backward pass overflows, naming it and its layer.
    ///
    /// ```
    /// use backprop_lab::net1d::{Net1d, Param1d};
    /// let net = Net1d::new(0.5, -0.2, 1.5, 0.1, -2.0, 0.3)?;
    /// let g = net.backprop(1.0, 1.0)?;
    /// // Compare with a central difference of the cost in w_1.
    /// let h = 1e-6;
    /// let num = (net.with(Param1d::W1, 0.5 + h)?.cost(1.0, 1.0)?
    ///     - net.with(Param1d::W1, 0.5 - h)?.cost(1.0, 1.0)?) / (2.0 * h);
    /// assert!((g.dc_dw[0] - num).abs() < 1e-8);
    /// # Ok::<(), backprop_lab::Error>(())
    /// ```
    pub fn backprop(&self, x: f64, y: f64) -> Result<Backprop1d> {
        const OP: &str = "Net1d::backprop";
        self.check(OP, x, y)?;
        let trace = self.forward_unchecked(x);
        let (z, a) = (trace.z, trace.a);
        let mut delta = [0.0; 3];
        delta[2] = 2.0 * (a[2] - y) * sigmoid_prime(z[2]);
        for i in (0..2).rev() {
            delta[i] = self.w[i + 1] * delta[i + 1] * sigmoid_prime(z[i]);
        }
        let mut dc_dw = [0.0; 3];
        let mut dc_da_prev = [0.0; 3];
        for i in 0..3 {
            dc_dw[i] = trace.input_to(i) * delta[i];
            dc_da_prev[i] = self.w[i] * delta[i];
        }
        let out = Backprop1d {
            trace,
            cost: trace.cost_at(y),
            delta,
            dc_dw,
            dc_db: delta,
            dc_da_prev,
        };
        out.check_finite(OP)?;
        Ok(out)
    }
}

impl Backprop1d {
    /// [`Error::Diverged`] naming the first value that overflowed: the trace,
    /// the cost, then `δ`, `∂C_0/∂w`, `∂C_0/∂a` layer by layer.
    fn check_finite(&self, op: &'static str) -> Result<()> {
        self.trace.check_finite(op)?;
        crate::error::check_finite_result_scalar(op, "the cost C_0", self.cost)?;
        check_layers(op, &self.delta, |i| format!("δ_{i} = ∂C_0/∂z_{i}"))?;
        check_layers(op, &self.dc_dw, |i| format!("∂C_0/∂w_{i}"))?;
        check_layers(op, &self.dc_da_prev, |i| {
            format!("∂C_0/∂a_{} (handed down by layer {i})", i - 1)
        })
    }
}

impl Tabular for Backprop1d {
    fn table(&self) -> Table {
        let mut t = Table::new(
            format!(
                "1-D backprop at x = {}: C = {}",
                num(self.trace.x),
                num(self.cost)
            ),
            &[
                "layer",
                "z",
                "a",
                "δ = ∂C/∂z",
                "∂C/∂w",
                "∂C/∂b",
                "∂C/∂a^(l-1)",
            ],
        );
        for l in 0..3 {
            t.row(vec![
                (l + 1).to_string(),
                num(self.trace.z[l]),
                num(self.trace.a[l]),
                num(self.delta[l]),
                num(self.dc_dw[l]),
                num(self.dc_db[l]),
                num(self.dc_da_prev[l]),
            ]);
        }
        t
    }
}

shown_as_table!(Backprop1d, "the four equations' numbers, layer by layer");

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn backprop_matches_central_differences_for_all_params() {
        let net = Net1d::new(-0.7, 0.2, 1.3, -0.4, 2.1, 0.05).unwrap();
        let (x, y) = (-5.0, -1.0);
        let g = net.backprop(x, y).unwrap();
        let h = 1e-6;
        for p in Param1d::ALL {
            let v = net.get(p);
            let num = (net.with(p, v + h).unwrap().cost(x, y).unwrap()
                - net.with(p, v - h).unwrap().cost(x, y).unwrap())
                / (2.0 * h);
            assert_relative_eq!(g.grad(p), num, epsilon = 1e-9, max_relative = 1e-6);
        }
    }

    #[test]
    fn dc_da_prev_is_the_next_layers_input_gradient() {
        // ∂C/∂a_2 handed down by layer 3 equals ∂C/∂a_2 by finite differences on a_2,
        // which we emulate by nudging b_2's effect through σ: check the recursion instead,
        // BP2: δ_2 = (∂C/∂a_2) σ'(z_2).
        let net = Net1d::new(0.3, 0.1, -1.2, 0.7, 0.9, -0.2).unwrap();
        let g = net.backprop(2.0, 1.0).unwrap();
        assert_relative_eq!(
            g.delta[1],
            g.dc_da_prev[2] * sigmoid_prime(g.trace.z[1]),
            epsilon = 1e-15
        );
        assert_relative_eq!(
            g.delta[0],
            g.dc_da_prev[1] * sigmoid_prime(g.trace.z[0]),
            epsilon = 1e-15
        );
    }

    #[test]
    fn non_finite_input_is_rejected() {
        let net = Net1d::random_uniform(0);
        assert!(net.forward(f64::NAN).is_err());
        assert!(net.backprop(1.0, f64::INFINITY).is_err());
        assert!(Net1d::new(1.0, f64::NAN, 0.0, 0.0, 0.0, 0.0).is_err());
    }
}
