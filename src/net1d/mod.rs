//! Lab 05: the 1-D network, its nudges and its backprop.
//!
//! [`Net1d`] is the walkthrough's chain of single neurons `x → a¹ → a² → a³`.
//! [`nudge_sweep`] nudges one weight or bias over a range and records how `z`,
//! `a` and the cost move; the slope of the cost at zero nudge is the derivative
//! that [`Net1d::backprop`] computes with the four equations in 1-D.
//! [`forward_mode`] and [`reverse_mode`] count the passes each way of
//! getting all six derivatives takes.

pub(crate) mod modes;
pub(crate) mod network;
pub(crate) mod nudge;

pub use modes::{forward_mode, reverse_mode, ModeCost};
pub use network::{Backprop1d, Net1d, Param1d, Trace1d};
pub use nudge::{nudge_sweep, walkthrough_nudges, NudgeSlopes, NudgeSweep, SLOPE_STEP};
