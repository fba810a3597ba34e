//! Lab 01: computation graphs, the chain rule, and the quiz.
//!
//! * [`Graph`] holds scalar nodes; [`Var`] handles combine with `+ - * /`,
//!   [`Var::powi`], [`Var::exp`], [`Var::ln`], [`Var::sigmoid`]. A handle is a
//!   plain id plus the graph's identity, so it can be kept in a notebook variable
//!   and used in later cells.
//! * [`Graph::backward`] walks the chain rule right to left and returns a
//!   [`Backward`]: every value, every gradient, and every edge's local derivative.
//! * [`Expr`] is the lab's SymPy part: symbolic expressions and derivatives.
//! * [`check_quiz`] marks a learner's answers for the lab's boxes.
//! * [`lab_square_graph`], [`lab_small_network_graph`], [`lab_fanout_graph`]
//!   and [`logistic_neuron_graph`] build the lab's own graphs.

pub(crate) mod backward;
pub(crate) mod handle;
pub(crate) mod labs;
pub(crate) mod quiz;
pub(crate) mod scalar;
pub(crate) mod symbolic;

pub use backward::{Backward, Difference, Edge, NumericDerivative};
pub use handle::{NodeId, NodeKind, Var, MAX_GRAPH_NODES};
pub use labs::{
    lab_fanout_graph, lab_small_network_graph, lab_square_graph, logistic_neuron_graph,
};
pub use quiz::{check_quiz, Answer, Mark, QuizField, QuizItem, QuizReport};
pub use scalar::{Graph, NodeInfo};
pub use symbolic::{num, sym, Expr, Operand, MAX_EXPR_DEPTH};
