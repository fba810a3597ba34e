//! Nudge simulations: move one parameter of the 1-D network over a range and
//! watch every downstream quantity respond.

use crate::dense::data::linspace_unchecked;
use ndarray::ArrayView1;

use crate::error::{
    check_finite_result_lazy, check_finite_result_scalar, check_finite_result_slice,
    check_finite_slice, Error, Result,
};
use crate::net1d::network::{check_layers, Net1d, Param1d, Trace1d};
use crate::show::{num, shown_as_table, Table, Tabular};

/// The record of a nudge sweep, one entry per nudge.
#[derive(Debug, Clone, PartialEq)]
pub struct NudgeSweep {
    /// The parameter that was nudged.
    pub param: Param1d,
    /// Its value before nudging.
    pub base_value: f64,
    /// The nudges, as given.
    pub nudges: Vec<f64>,
    /// `base_value + nudge` for every nudge (the plots' x axis).
    pub values: Vec<f64>,
    /// `z[i][k]` is `z_{i+1}` at the `k`-th nudge.
    pub z: [Vec<f64>; 3],
    /// `a[i][k]` is `a_{i+1}` at the `k`-th nudge.
    pub a: [Vec<f64>; 3],
    /// The cost `C_0 = (a_3 − y)²` at each nudge.
    pub cost: Vec<f64>,
    /// The un-nudged forward pass (the point the figures mark).
    pub base_trace: Trace1d,
    /// The un-nudged cost.
    pub base_cost: f64,
    /// Slopes at zero nudge, by a central difference of width `2·SLOPE_STEP`.
    pub slope: NudgeSlopes,
    /// `∂C_0/∂param` by backprop ([`Net1d::backprop`]), to compare with
    /// `slope.cost`.
    pub backprop: f64,
}

/// Rates of change at zero nudge of every quantity in a [`NudgeSweep`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NudgeSlopes {
    /// `Δz_i / Δp` for `i = 1, 2, 3`.
    pub z: [f64; 3],
    /// `Δa_i / Δp`.
    pub a: [f64; 3],
    /// `ΔC_0 / Δp`: this is what backprop computes exactly.
    pub cost: f64,
}

// One more method, `NudgeSweep::explorer` (the interactive slider), is in
// src/figures/explorer.rs: it returns a figures `Widget` and draws with the
// figures code, and figures sit above net1d (tests/layout.rs), so this file
// cannot name them.
impl NudgeSweep {
    /// The first layer (zero-based) whose values move when the parameter moves;
    /// layers before it stay flat.
    pub fn first_affected_layer(&self) -> usize {
        self.param.layer()
    }
}

/// The half-width of the central difference that measures slopes at zero nudge.
pub const SLOPE_STEP: f64 = 1e-6;

/// The walkthrough's nudges, `linspace(-5, 5, 51)`.
pub fn walkthrough_nudges() -> Vec<f64> {
    linspace_unchecked(-5.0, 5.0, 51, true).to_vec()
}

/// Sweeps `param` of `net` over `base + nudge` for every nudge, recording every
/// `z_i`, `a_i` and the cost on the example `(x, y)`, and measures the slopes at
/// zero nudge by central differences — independently of backprop, so the two can
/// be compared.
///
/// # Errors
/// [`Error::Empty`] if `nudges` is empty; [`Error::NonFinite`] if `x`, `y` or a
/// nudge is NaN or infinite; [`Error::Diverged`] if a nudged value, a `z_i`,
/// `a_i`, cost or slope overflows (e.g. `x = 1e200` with large nudges), naming
/// the quantity and the nudge's index.
///
/// ```
/// use backprop_lab::net1d::{nudge_sweep, walkthrough_nudges, Net1d, Param1d};
/// let net = Net1d::new(0.4, 0.1, 1.0, -0.3, 1.0, 0.2)?;
/// let sweep = nudge_sweep(&net, -5.0, -1.0, Param1d::W3, &walkthrough_nudges())?;
/// assert_eq!(sweep.cost.len(), 51);
/// let exact = net.backprop(-5.0, -1.0)?.grad(Param1d::W3);
/// assert!((sweep.slope.cost - exact).abs() < 1e-8);
/// # Ok::<(), backprop_lab::Error>(())
/// ```
pub fn nudge_sweep(
    net: &Net1d,
    x: f64,
    y: f64,
    param: Param1d,
    nudges: &[f64],
) -> Result<NudgeSweep> {
    const OP: &str = "nudge_sweep";
    if nudges.is_empty() {
        return Err(Error::Empty {
            op: OP,
            what: "the list of nudges".into(),
        });
    }
    net.check(OP, x, y)?;
    check_finite_slice(OP, "nudges", nudges)?;
    crate::error::check_size(OP, "the sweep", &[nudges.len(), 8])?;
    let base_value = net.get(param);
    let cost_of = |t: &Trace1d| t.cost_at(y);
    let mut z: [Vec<f64>; 3] = Default::default();
    let mut a: [Vec<f64>; 3] = Default::default();
    let mut cost = Vec::with_capacity(nudges.len());
    let mut values = Vec::with_capacity(nudges.len());
    for &d in nudges {
        let v = base_value + d;
        let t = net.with_unchecked(param, v).forward_unchecked(x);
        for i in 0..3 {
            z[i].push(t.z[i]);
            a[i].push(t.a[i]);
        }
        cost.push(cost_of(&t));
        values.push(v);
    }
    check_finite_result_slice(OP, "a nudged value", &values)?;
    for i in 0..3 {
        let (zi, ai) = (ArrayView1::from(&z[i]), ArrayView1::from(&a[i]));
        check_finite_result_lazy(OP, || format!("z_{} at nudge", i + 1), zi)?;
        check_finite_result_lazy(OP, || format!("a_{} at nudge", i + 1), ai)?;
    }
    check_finite_result_slice(OP, "the cost C_0 at nudge", &cost)?;
    let base_trace = net.forward_unchecked(x);
    let plus = net
        .with_unchecked(param, base_value + SLOPE_STEP)
        .forward_unchecked(x);
    let minus = net
        .with_unchecked(param, base_value - SLOPE_STEP)
        .forward_unchecked(x);
    let slope_of = |p: f64, m: f64| (p - m) / (2.0 * SLOPE_STEP);
    let slope = NudgeSlopes {
        z: std::array::from_fn(|i| slope_of(plus.z[i], minus.z[i])),
        a: std::array::from_fn(|i| slope_of(plus.a[i], minus.a[i])),
        cost: slope_of(cost_of(&plus), cost_of(&minus)),
    };
    base_trace.check_finite(OP)?;
    let base_cost = check_finite_result_scalar(OP, "the un-nudged cost C_0", cost_of(&base_trace))?;
    check_layers(OP, &slope.z, |i| format!("the slope Δz_{i}/Δ{param}"))?;
    check_layers(OP, &slope.a, |i| format!("the slope Δa_{i}/Δ{param}"))?;
    check_finite_result_scalar(OP, "the cost's slope", slope.cost)?;
    let backprop = net.backprop(x, y).map_err(|e| e.within(OP))?.grad(param);
    Ok(NudgeSweep {
        param,
        base_value,
        nudges: nudges.to_vec(),
        values,
        z,
        a,
        cost,
        base_cost,
        base_trace,
        slope,
        backprop,
    })
}

impl Tabular for NudgeSweep {
    fn table(&self) -> Table {
        let range = match (self.nudges.first(), self.nudges.last()) {
            (Some(a), Some(b)) => format!(
                "{} nudges from {} to {}",
                self.nudges.len(),
                num(*a),
                num(*b)
            ),
            _ => "no nudges".into(),
        };
        let mut t = Table::new(
            format!(
                "Nudging {} (now {}): {range}",
                self.param,
                num(self.base_value)
            ),
            &["quantity", "at zero nudge", "slope at zero nudge"],
        );
        for k in 0..3 {
            t.row(vec![
                format!("z^{}", k + 1),
                num(self.base_trace.z[k]),
                num(self.slope.z[k]),
            ]);
            t.row(vec![
                format!("a^{}", k + 1),
                num(self.base_trace.a[k]),
                num(self.slope.a[k]),
            ]);
        }
        t.row(vec!["C".into(), num(self.base_cost), num(self.slope.cost)]);
        t.note(format!(
            "the cost's slope is dC/d{} as backprop computes it",
            self.param
        ));
        t
    }
}

shown_as_table!(
    NudgeSweep,
    "the nudged parameter, its range and the slopes at zero nudge"
);

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn upstream_layers_stay_flat() {
        let net = Net1d::new(0.4, 0.1, 1.0, -0.3, 1.0, 0.2).unwrap();
        let s = nudge_sweep(&net, 1.0, 1.0, Param1d::W3, &walkthrough_nudges()).unwrap();
        assert!(s.z[0].iter().all(|&v| v == s.base_trace.z[0]));
        assert!(s.a[1].iter().all(|&v| v == s.base_trace.a[1]));
        // z_3 is linear in w_3 with slope a_2 (hand derivation: z_3 = w_3 a_2 + b_3).
        assert_relative_eq!(s.slope.z[2], s.base_trace.a[1], epsilon = 1e-8);
        // The nudge of 0 sits at index 25 and reproduces the base cost.
        assert_eq!(s.nudges[25], 0.0);
        assert_eq!(s.cost[25], s.base_cost);
    }

    #[test]
    fn slopes_agree_with_backprop_for_every_param() {
        let net = Net1d::new(-1.1, 0.6, 0.8, -0.5, 1.7, 0.3).unwrap();
        for p in Param1d::ALL {
            let s = nudge_sweep(&net, -5.0, -1.0, p, &[0.0]).unwrap();
            let g = net.backprop(-5.0, -1.0).unwrap().grad(p);
            assert_relative_eq!(s.slope.cost, g, epsilon = 1e-9, max_relative = 1e-6);
        }
    }

    #[test]
    fn bad_nudges_are_rejected() {
        let net = Net1d::random_uniform(1);
        assert!(matches!(
            nudge_sweep(&net, 0.0, 1.0, Param1d::B1, &[]),
            Err(Error::Empty { .. })
        ));
        assert!(matches!(
            nudge_sweep(&net, 0.0, 1.0, Param1d::B1, &[0.0, f64::NAN]),
            Err(Error::NonFinite { .. })
        ));
    }
}
