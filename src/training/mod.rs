//! Lab 06: training, gradient checking, and Nielsen's `network.py`.
//!
//! * [`train`] runs mini-batch gradient descent with any [`BackpropForm`](crate::backprop::BackpropForm)
//!   and records a [`History`]; [`train_with_test`] also measures the accuracy
//!   on training and test data after every epoch;
//! * [`grad_check`] compares backprop with two-sided differences, parameter by
//!   parameter, via [`get_params`] / [`set_params`];
//! * [`sanity_check`] runs the checks worth a minute before a long run: the
//!   first loss against chance, a tiny subset learnt by heart, the
//!   update-to-weight ratio per layer and the gradient check's bands;
//! * [`NielsenNetwork`] is a faithful port of Nielsen's `network.py`, kept
//!   separate on purpose so that its numbers can be compared with ours.

pub(crate) mod gradcheck;
pub(crate) mod nielsen;
pub(crate) mod product;
pub(crate) mod sanity;
pub(crate) mod sgd;

pub use gradcheck::{
    check_gradient, get_params, grad_check, numerical_gradient, relative_error, set_params,
    GradCheckEntry, GradCheckReport, LayerLists, GRADCHECK_EPSILON,
};
pub use nielsen::{training_pairs, NielsenNetwork, Pair};
pub use product::{engine_matmul, MATMUL_BACKEND};
pub use sanity::{
    grad_check_health, sanity_check, update_ratio_health, Health, SanityReport,
    SANITY_TINY_EXAMPLES, SANITY_TINY_STEPS,
};
pub use sgd::{train, train_with_test, BatchOrder, History, Remainder, TrainConfig};
