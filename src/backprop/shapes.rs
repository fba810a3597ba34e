//! The shapes a backward pass meets, printed the walkthrough's way.

use crate::error::shape_str;

/// Shapes of one layer's quantities in a backward pass, for printing the way the
/// walkthrough does (`z_l:(2, 1), a_l:(2, 1), a_l_minus_1:(3, 1)`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerShapes {
    /// One-based layer number.
    pub layer: usize,
    /// Shape of `z^l`.
    pub z: Vec<usize>,
    /// Shape of `a^l`.
    pub a: Vec<usize>,
    /// Shape of `a^{l-1}`.
    pub a_prev: Vec<usize>,
    /// Shape of `δ^l`.
    pub delta: Vec<usize>,
    /// Shape of `∂C/∂b^l`.
    pub dc_db: Vec<usize>,
    /// Shape of `∂C/∂W^l`.
    pub dc_dw: Vec<usize>,
}

impl std::fmt::Display for LayerShapes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "layer {}:", self.layer)?;
        writeln!(
            f,
            "  z_l:{}, a_l:{}, a_l_minus_1:{}",
            shape_str(&self.z),
            shape_str(&self.a),
            shape_str(&self.a_prev)
        )?;
        write!(
            f,
            "  delta_l:{}, dc_db_l:{}, dc_dw_l:{}",
            shape_str(&self.delta),
            shape_str(&self.dc_db),
            shape_str(&self.dc_dw)
        )
    }
}
