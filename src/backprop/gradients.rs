//! The gradients `∂C/∂W^l`, `∂C/∂b^l`, shaped like the network's parameters.

use ndarray::{Array1, Array2};

use crate::dense::network::{frobenius, Network};
use crate::dense::params;
use crate::error::{check_finite_result_lazy, shape_str, Result};
use crate::show::{num, shown_as_table, Table, Tabular};

/// Gradients of the cost with respect to every weight and bias, shaped like them.
#[derive(Debug, Clone, PartialEq)]
pub struct Gradients {
    /// `∂C/∂W^l` for `l = 1 … L` (index 0 is layer 1), each shaped like `W^l`.
    pub nabla_w: Vec<Array2<f64>>,
    /// `∂C/∂b^l`, each `(k, 1)`.
    pub nabla_b: Vec<Array2<f64>>,
}

impl Gradients {
    /// All-zero gradients shaped like `net`'s parameters.
    pub fn zeros_like(net: &Network) -> Self {
        Gradients {
            nabla_w: net
                .layers()
                .iter()
                .map(|l| Array2::zeros(l.w().dim()))
                .collect(),
            nabla_b: net
                .layers()
                .iter()
                .map(|l| Array2::zeros(l.b().dim()))
                .collect(),
        }
    }

    /// [`Error::Diverged`](crate::Error::Diverged) naming the first layer and
    /// entry that overflowed, as the operation `op`: the one guard every public
    /// backprop function runs on its result (one pass over the gradients).
    pub(crate) fn check_finite(&self, op: &'static str) -> Result<()> {
        for (l, (w, b)) in self.nabla_w.iter().zip(&self.nabla_b).enumerate() {
            check_finite_result_lazy(op, || format!("∂C/∂W^{}", l + 1), w.view())?;
            check_finite_result_lazy(op, || format!("∂C/∂b^{}", l + 1), b.view())?;
        }
        Ok(())
    }

    /// The gradients flattened in [`Network::get_params`] order: all weights,
    /// then all biases.
    pub fn to_vec(&self) -> Array1<f64> {
        Array1::from(params::flatten(&self.nabla_w, &self.nabla_b))
    }

    /// `‖∂C/∂W^l‖` (Frobenius) per layer, the walkthrough's `grad_norm_l`.
    pub fn weight_norms(&self) -> Vec<f64> {
        self.nabla_w.iter().map(|w| frobenius(w)).collect()
    }

    /// The largest relative difference between two gradients, entry by entry:
    /// `|a − b| / max(|a|, |b|, floor)`, where `floor` is a hundredth of the
    /// largest entry of either gradient. The floor keeps entries that are tiny next
    /// to the rest (sums that nearly cancel) from reporting the summation order as
    /// a disagreement; every entry above it is compared fully relatively.
    /// Returns `f64::INFINITY` if the shapes differ.
    ///
    /// ```
    /// use backprop_lab::{backprop::Gradients, ndarray::array};
    /// let a = Gradients { nabla_w: vec![array![[1.0, 2.0]]], nabla_b: vec![array![[4.0]]] };
    /// let mut b = a.clone();
    /// b.nabla_b[0][[0, 0]] = 4.000004;
    /// // |4 − 4.000004| / 4.000004, the only entry that differs.
    /// assert!((a.max_relative_diff(&b) - 4e-6 / 4.000004).abs() < 1e-15);
    /// ```
    pub fn max_relative_diff(&self, other: &Gradients) -> f64 {
        let same_shapes = self.nabla_w.len() == other.nabla_w.len()
            && self.nabla_b.len() == other.nabla_b.len()
            && self
                .nabla_w
                .iter()
                .zip(&other.nabla_w)
                .all(|(x, y)| x.dim() == y.dim())
            && self
                .nabla_b
                .iter()
                .zip(&other.nabla_b)
                .all(|(x, y)| x.dim() == y.dim());
        if !same_shapes {
            return f64::INFINITY;
        }
        let a = self.to_vec();
        let b = other.to_vec();
        let largest = a.iter().chain(b.iter()).fold(0.0f64, |m, v| m.max(v.abs()));
        let floor = (largest * 1e-2).max(f64::MIN_POSITIVE);
        a.iter()
            .zip(b.iter())
            .map(|(x, y)| {
                if x == y {
                    0.0
                } else {
                    (x - y).abs() / x.abs().max(y.abs()).max(floor)
                }
            })
            .fold(0.0, f64::max)
    }
}

impl Tabular for Gradients {
    fn table(&self) -> Table {
        let mut t = Table::new(
            "Gradients (summed over the batch)",
            &["layer", "∂C/∂W", "‖∂C/∂W‖", "∂C/∂b", "‖∂C/∂b‖"],
        );
        let n = self.nabla_w.len().max(self.nabla_b.len());
        for l in 0..n {
            let w = self.nabla_w.get(l);
            let b = self.nabla_b.get(l);
            t.row(vec![
                (l + 1).to_string(),
                w.map_or("—".into(), |w| shape_str(w.shape())),
                w.map_or("—".into(), |w| num(frobenius(w))),
                b.map_or("—".into(), |b| shape_str(b.shape())),
                b.map_or("—".into(), |b| num(frobenius(b))),
            ]);
        }
        t
    }
}

shown_as_table!(Gradients, "each layer's gradient shapes and norms");
