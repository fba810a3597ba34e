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
//! ## The labs, in order
//!
//! | lab | module | what it holds |
//! |---|---|---|
//! | 01 computation graphs | [`graph`] | scalar graphs, symbolic derivatives, the quiz |
//! | 02 your own autograd engine | [`autograd`] | the engine trait, `apply_op`, `topo_order`, the model answer `Tape` |
//! | 03 CS109 chain rule | [`sin_chain`] | the `sin` network, its partials and descent |
//! | 04 forward pass | [`dense`] | layers, activations, the forward pass, data sets, costs |
//! | 05 nudges and 1-D backprop | [`net1d`] | the 1-D network, nudge sweeps, the four equations in 1-D |
//! | 06 backprop in a network | [`backprop`] | the four forms of backprop and their gradients |
//! | 06 training and checking | [`training`] | SGD, gradient checking, Nielsen's `network.py` |
//! | 07 MiniFlow | [`miniflow`] | the lesson's node graph over arrays |
//! | 08 tensors and einsum | [`tensor`] | stacks of column vectors, einsum |
//!
//! The exercises' checks live in [`exercises`] (one `check_*` per exercise; they
//! are not in the prelude, so a notebook brings them in with
//! `use backprop_lab::exercises::*;`).
//!
//! Underneath: [`figures`] (every plot and diagram), [`io`] (CSV, seeded random
//! numbers) and [`Error`]. The speed machinery that training runs (reused
//! buffers, small matrix products, the vectorised sigmoid, the fused SGD step)
//! is internal, in `src/engine/`; the labs' modules above never call it, and a
//! test checks that both compute the same gradients. [`guide`] explains the conventions (shapes,
//! indices, costs) and maps the labs' names onto this crate's.
//!
//! [`prelude`] holds the names a notebook uses, plus `ndarray`'s prelude, so a
//! notebook needs no other `:dep`. Everything else lives in its lab's module
//! (`backprop_lab::dense::read_digits`); the root itself holds only the modules,
//! the error type and its limits, and the few names notebooks 02 and 08 reach
//! at the root.
//!
//! Every fallible function returns [`Result`] with the one [`Error`] enum; its
//! messages name the operation and the values involved. Nothing panics on user
//! input, and a failed operation leaves its arguments as they were.
#![warn(missing_docs, unreachable_pub)]

// Links the BLAS implementation that ndarray's `blas` feature calls into.
#[cfg(feature = "blas")]
extern crate blas_src;

mod error;
mod show;

pub mod autograd;
pub mod backprop;
pub mod dense;
mod engine;
pub mod exercises;
pub mod figures;
pub mod graph;
pub mod io;
pub mod miniflow;
pub mod net1d;
pub mod sin_chain;
pub mod tensor;
pub mod training;

pub mod guide;

pub use ndarray;

pub use error::{shape_str, Error, Result, MAX_ELEMENTS, MAX_STEPS};

// The few names notebooks 02 and 08 reach at the root rather than through the
// prelude or their module.
pub use figures::{plot_accuracy, plot_confusion, plot_curves, plot_images, plot_layer_gradients};
pub use miniflow::miniflow_linear_backward;
pub use training::train_with_test;

/// The names a notebook uses, in one `use backprop_lab::prelude::*;`.
///
/// A curated list, as `ndarray`'s prelude is: the graph and its handles, the
/// networks, the four backprop forms, training and gradient checking, the
/// plots, seeded random numbers and the error type — plus `ndarray`'s own
/// prelude (`Array2`, `array!`, `s!`, `Axis`, …) and the `ndarray` crate itself,
/// so a notebook needs no other `:dep`.
///
/// Everything else stays one `use` away, in its lab's module: notebook 03 adds
/// `use backprop_lab::sin_chain::*;` for the sine network's partials, notebook
/// 08 adds `use backprop_lab::tensor::*;` for the stack helpers and einsum.
pub mod prelude {
    pub use crate::ndarray;
    pub use ndarray::prelude::*;

    // Errors and shapes.
    pub use crate::{shape_str, Error, Result};
    // 01 computation graphs.
    pub use crate::graph::{
        check_quiz, lab_fanout_graph, lab_small_network_graph, lab_square_graph,
        logistic_neuron_graph, num, sym, Answer, Backward, Difference, Graph, Var,
    };
    // 04 the forward pass and the data sets.
    pub use crate::dense::{
        linspace, make_circles, mse, sigmoid, sigmoid_prime, toy, Activation, Init, Network,
    };
    // 05 nudges and 1-D backprop.
    pub use crate::net1d::{nudge_sweep, walkthrough_nudges, Net1d, Param1d, SLOPE_STEP};
    // 06 backprop, training and gradient checking.
    pub use crate::backprop::{
        backprop_1_example, backprop_batch, backprop_batch_traced, backprop_gemm,
        backprop_per_example, backprop_per_neuron, gradients, BackpropForm, Gradients,
    };
    pub use crate::training::{
        check_gradient, get_params, grad_check, numerical_gradient, relative_error, set_params,
        train, training_pairs, History, NielsenNetwork, Remainder, TrainConfig, GRADCHECK_EPSILON,
    };
    // 06 and 09 sanity checks before training.
    pub use crate::training::sanity_check;
    // 07 MiniFlow.
    pub use crate::miniflow::{miniflow_sigmoid_backward, FlowId, MiniFlow};
    // 08 einsum (the stack helpers live in `backprop_lab::tensor`).
    pub use crate::tensor::{einsum, einsum_loops};
    // Data: CSV and seeded random numbers.
    pub use crate::io::{normal, normal_scalar, read_csv_columns, seeded_rng};
    // Figures.
    pub use crate::figures::{
        hidden_layer_animation, nudge_animation, plot_circles, plot_curve, plot_decision_boundary,
        plot_grad_check_errors, plot_graph, plot_miniflow, plot_network, plot_nudge,
        plot_points_and_outputs, plot_quiz, plot_sigmoid, plot_sigmoid_and_prime, plot_sin_fit,
        plot_toy_data, plot_training, Figure, NetworkDiagram,
    };
}

/// The README's examples, compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
