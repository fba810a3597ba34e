//! # backprop_lab
//!
//! Learn backpropagation by doing: the classic backprop labs — the 1-D network
//! and its nudges, the four fundamental equations, backprop per neuron, per
//! example and batched, gradient checking, Nielsen's `network.py`, 3-D tensors
//! and einsum — reproduced in Rust, for notebooks on the evcxr Jupyter kernel.
//!
//! In a notebook:
//!
//! ```text
//! :dep backprop_lab = { path = ".." }
//! use backprop_lab::prelude::*;
//! ```
//!
//! Everything public is re-exported at the crate root and in [`prelude`];
//! `ndarray` is re-exported too, so a notebook needs no other `:dep`.
//! See [`guide`] for the conventions (shapes, indices, costs) and how the
//! functions map onto the labs.
//!
//! Every fallible function returns [`Result`] with the one [`Error`] enum; its
//! messages name the operation and the values involved. Nothing panics on user
//! input, and a failed operation leaves its arguments as they were.
#![warn(missing_docs)]

// Links the BLAS implementation that ndarray's `blas` feature calls into.
#[cfg(feature = "blas")]
extern crate blas_src;

mod activation;
mod backprop;
mod cost;
mod csv;
mod data;
mod einsum;
mod engine;
mod error;
mod figures;
mod fsio;
mod gradcheck;
mod graph;
mod linalg;
mod miniflow;
mod net1d;
mod network;
mod nielsen;
mod nudge;
mod quiz;
mod random;
mod sin_chain;
mod symbolic;
mod tensor;
mod train;

pub mod guide;

pub use ndarray;

pub use activation::{sigmoid, sigmoid_prime, Activation};
pub use backprop::{
    backprop_1_example, backprop_batch, backprop_batch_traced, backprop_gemm, backprop_per_example,
    backprop_per_neuron, gradients, BackpropForm, BatchBackprop, ExampleBackprop, Gradients,
    LayerShapes,
};
pub use cost::{half_sse, mse};
pub use csv::{parse_csv_columns, read_csv_columns};
pub use data::{linspace, make_circles, toy};
pub use einsum::{einsum, einsum_loops, EinsumOperand};
pub use error::{shape_str, Error, Result};
pub use figures::{
    hidden_layer_animation, nudge_animation, plot_circles, plot_curve, plot_decision_boundary,
    plot_grad_check_errors, plot_graph, plot_miniflow, plot_network, plot_nudge,
    plot_points_and_outputs, plot_quiz, plot_sigmoid, plot_sigmoid_and_prime, plot_sin_fit,
    plot_toy_data, plot_training, with_figure_size, Figure, FigureFormat, NetworkDiagram,
};
pub use gradcheck::{
    check_gradient, get_params, grad_check, numerical_gradient, relative_error, set_params,
    GradCheckEntry, GradCheckReport, LayerLists, GRADCHECK_EPSILON,
};
pub use graph::{
    lab_small_network_graph, lab_square_graph, logistic_neuron_graph, Backward, Difference, Edge,
    Graph, NodeId, NodeInfo, NodeKind, NumericDerivative, Var,
};
pub use miniflow::{miniflow_sigmoid_backward, FlowId, FlowNodeInfo, FlowOp, MiniFlow};
pub use net1d::{Backprop1d, Net1d, Param1d, Trace1d};
pub use network::{frobenius, BatchTrace, ExampleTrace, Init, Layer, Network};
pub use nielsen::{training_pairs, NielsenNetwork, Pair};
pub use nudge::{nudge_sweep, walkthrough_nudges, NudgeSlopes, NudgeSweep, SLOPE_STEP};
pub use quiz::{check_quiz, Answer, Mark, QuizField, QuizItem, QuizReport};
pub use random::{normal, normal_scalar, permutation, seeded_rng, uniform, SeededRng};
pub use sin_chain::{
    dadh, dadw, dhda, dldw, dldy, dyda, sin_chain_csv, sin_chain_data, sin_descent, sin_loss,
    sin_network, write_sin_chain_csv, SinTrace, SIN_DATA_N, SIN_DATA_SEED, SIN_TRUE_WEIGHTS,
};
pub use symbolic::{num, sym, Expr};
pub use tensor::{
    add_trailing_axis, batch_matmul, hadamard, matmul_stack, mean_axis0, stack, stack_matmul,
    sum_axis0, transpose_stack,
};
pub use train::{train, BatchOrder, History, Remainder, TrainConfig};

/// Everything a notebook needs, in one `use backprop_lab::prelude::*;`.
///
/// Brings in every public item of the crate, `ndarray`'s own prelude
/// (`Array2`, `array!`, `s!`, `Axis`, …) and the `ndarray` crate itself.
pub mod prelude {
    pub use crate::*;
    pub use ndarray::prelude::*;
}

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
